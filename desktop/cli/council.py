"""``tdkt council record|ballot``: the meeting of the Hội đồng Thi đua - Khen thưởng and its secret ballots."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import CliError, add_command, add_group, day_arg, in_store, reply, whole_arg
from desktop.i18n import _
from desktop.ops import review


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


def record(args: argparse.Namespace) -> int:
    members = [_member_arg(text) for text in args.member]
    council_id = in_store(
        args,
        review.set_council,
        round_id=args.round,
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
