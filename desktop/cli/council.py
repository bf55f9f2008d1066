"""``tdkt council record|ballot``: the meeting of the Hội đồng Thi đua - Khen thưởng and its secret ballots."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import CliError, add_command, add_group, day_arg, in_store, reply, whole_arg
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops import review
from desktop.store import Store


def _member_arg(text: str) -> dict[str, Any]:
    parts = [part.strip() for part in text.split("|")]
    if len(parts) > 4:  # a fifth field glued to the opinion ("x|y|z") is never what the clerk meant
        raise CliError(
            _(
                "Thành viên “{value}” có {n} phần ngăn bởi dấu “|”, nhiều hơn 4 "
                "(Họ tên|vai trò|có mặt (1/0)|ý kiến bằng văn bản); ý kiến không được chứa dấu “|”."
            ).format(value=text, n=len(parts))
        )
    if len(parts) < 3 or parts[2] not in ("0", "1"):
        raise CliError(
            _("Thành viên “{value}” phải có dạng “Họ tên|vai trò|có mặt (1/0)[|ý kiến bằng văn bản]”.").format(
                value=text
            )
        )
    return {
        "full_name": parts[0],
        "role": parts[1],
        "attended": parts[2] == "1",
        "written_opinion": parts[3] if len(parts) == 4 else "",
    }


def _name_key(name: str) -> str:
    return " ".join(nfc(name).casefold().split())


def _member_staff_arg(text: str) -> tuple[str, str]:
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise CliError(_("Giá trị --member-staff “{value}” phải có dạng “Họ tên|mã cán bộ”.").format(value=text))
    return parts[0], parts[1]


def _link_staff_codes(store: Store, members: list[dict[str, Any]], codes: list[tuple[str, str]]) -> None:
    """Link the members named in ``--member-staff`` to the staff record of that code (as picking them from the
    staff list in the window does), after checking the code exists and is that person's."""
    for name, code in codes:
        member = next((m for m in members if _name_key(m["full_name"]) == _name_key(name)), None)
        if member is None:
            raise CliError(
                _("--member-staff “{name}|{code}”: không có thành viên “{name}” trong các --member.").format(
                    name=name, code=code
                )
            )
        person = store.query_one("SELECT id, full_name FROM staff WHERE lower(staff_code) = lower(?)", (code,))
        if person is None:
            raise CliError(
                _("--member-staff “{name}|{code}”: không tìm thấy cán bộ có mã {code}.").format(name=name, code=code)
            )
        if _name_key(str(person["full_name"])) != _name_key(name):
            raise CliError(
                _(
                    "--member-staff “{name}|{code}”: mã cán bộ {code} là của {staff}, không phải của {name}; hãy "
                    "kiểm tra lại mã hoặc họ tên."
                ).format(name=name, code=code, staff=person["full_name"])
            )
        member["staff_id"] = int(person["id"])


def _set_council_keeping_links(
    store: Store,
    *,
    round_id: int,
    members: list[dict[str, Any]],
    staff_codes: list[tuple[str, str]],
    **values: Any,
) -> int:
    """Record the council, each member keeping the staff record its seat is linked to (picked from the staff list
    in the window) when the same name sits on the council already: without ``--member-staff`` the command line
    gives no staff link, and dropping it would read as a changed council (refused once a decision rests on it) and
    unlink the member."""
    _link_staff_codes(store, members, staff_codes)
    council = review.get_round(store, round_id).get("council") or {}
    linked: dict[str, list[int]] = {}
    for seat in council.get("members") or []:
        if seat.get("staff_id") is not None:
            linked.setdefault(_name_key(str(seat["full_name"])), []).append(int(seat["staff_id"]))
    for member in members:
        found = linked.get(_name_key(member["full_name"]), [])
        # two linked seats of one name: which is which is not known
        if member.get("staff_id") is None and len(found) == 1:
            member["staff_id"] = found[0]
    return review.set_council(store, round_id=round_id, members=members, **values)


def record(args: argparse.Namespace) -> int:
    members = [_member_arg(text) for text in args.member]
    council_id = in_store(
        args,
        _set_council_keeping_links,
        round_id=args.round,
        staff_codes=[_member_staff_arg(text) for text in args.member_staff or []],
        meeting_date=day_arg(args.date),
        location=args.location,
        members=members,
    )
    present = sum(1 for m in members if m["attended"])
    return reply(
        args,
        {"council_id": council_id, "members_total": len(members), "present": present},
        _("Đã ghi Hội đồng: {total} thành viên, {present} có mặt.").format(total=len(members), present=present),
    )


def ballot(args: argparse.Namespace) -> int:
    counts = ("agree", "disagree", "invalid", "written_agree", "written_disagree")
    result = in_store(
        args,
        review.record_ballot,
        nomination_id=args.nomination,
        **{name: getattr(args, name) for name in counts},
    )
    return reply(args, result, f"{result['name']}: {result['arithmetic']}")


def register(sub: Any) -> None:
    add_group(sub, "council", _("Hội đồng Thi đua - Khen thưởng"), _council_commands)


def _council_commands(council: Any) -> None:
    p = add_command(council, "record", record, _("ghi cuộc họp và thành phần Hội đồng"), json=True)
    p.add_argument("--round", type=whole_arg, required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--location", required=True)
    p.add_argument("--member", action="append", required=True, metavar="TÊN|VAI_TRÒ|1/0[|Ý_KIẾN]")
    p.add_argument(
        "--member-staff",
        action="append",
        metavar="TÊN|MÃ_CÁN_BỘ",
        help=_("gắn thành viên có họ tên này với hồ sơ cán bộ có mã này (như chọn từ danh sách cán bộ)"),
    )
    p = add_command(council, "ballot", ballot, _("ghi kết quả bỏ phiếu kín cho một đề nghị"), json=True)
    p.add_argument("--nomination", type=whole_arg, required=True)
    p.add_argument("--agree", type=whole_arg, required=True)
    p.add_argument("--disagree", type=whole_arg, required=True)
    p.add_argument("--invalid", type=whole_arg, required=True)
    p.add_argument(
        "--written-agree",
        type=whole_arg,
        default=0,
        help=_("số thành viên vắng mặt đồng ý bằng văn bản (ghi riêng với phiếu tại cuộc họp)"),
    )
    p.add_argument(
        "--written-disagree", type=whole_arg, default=0, help=_("số thành viên vắng mặt không đồng ý bằng văn bản")
    )
