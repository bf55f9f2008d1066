"""``tdkt decision issue|list|show|revoke|correct|gap|series``: the unit's numbered award decisions."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.common import (
    CliError,
    add_command,
    add_group,
    day_arg,
    decision_id,
    done,
    in_store,
    open_store,
    options,
    print_rows,
    reply,
    whole_arg,
    year_arg,
)
from desktop.domain.dates import format_date
from desktop.domain.money import format_number
from desktop.i18n import N_, _
from desktop.ops import review
from desktop.ops.review.money_check import unconfirmed_money
from desktop.ops.review.numbering import clean_series_key, series_standing

SIGNING_CHOICES = ("chair", "deputy", "body")  # desktop.domain.signing.SIGNING_MODES, without importing it
SIGNING_HELP = N_(
    "cách ký: chair = người đứng đầu ký (CHỦ TỊCH); deputy = cấp phó ký thay (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH); "
    "body = thay mặt tập thể (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH). Mặc định: theo quy định của danh hiệu, hình thức"
)
NEW_SERIES_HELP = N_(
    "xác nhận mở một sổ văn bản mới: không có cờ này, chỉ nhận sổ đơn vị đã có hoặc sổ mặc định QĐ-UBND, "
    "và từ chối ký hiệu chỉ khác sổ đã có ở chữ Đ/D"
)
ISSUE_SERIES_HELP = N_(
    "ký hiệu sổ văn bản (mặc định QĐ-UBND); chỉ nhận sổ đơn vị đã có: sổ mới phải mở trước bằng "
    "“tdkt decision series --series KÝ_HIỆU --year NĂM --next 1 --reason LÝ_DO --new-series”"
)

# The keys of a decision in `tdkt decision show --json` (docs/cli.md), before its awardees.
_DECISION_KEYS = (
    "id",
    "uuid",
    "number",
    "number_text",
    "series_key",
    "decision_date",
    "signer_title",
    "signer_name",
    "signing_mode",
    "on_behalf",
    "subject",
    "achievement_text",
    "round_id",
    "status",
    "status_reason",
    "replaces",
    "replaced_by",
    "total_amount",
    "recipients_count",
)


# The wording and signature of a decision: its keyword -> the option giving it (`decision issue`, `decision correct`).
_WORDING = {
    "subject": "subject",
    "achievement_text": "achievement",
    "signer_title": "signer_title",
    "signer_name": "signer_name",
    "signing_mode": "signing",
    "series_key": "series",
}


def _recipient(awardee: dict[str, Any]) -> str:
    return f"{awardee['target_kind']}:{awardee['staff_id'] or awardee['department_id'] or awardee['household_name']}"


def _awardee_json(a: dict[str, Any]) -> dict[str, Any]:
    ids = {key: a[key] for key in ("register_no", "nomination_id", "target_kind", "staff_id", "department_id")}
    snapshot = {key: a[f"snapshot_{key}"] for key in ("name", "position", "department", "gender")}
    award = {"code": a["code"], "code_name": a.get("code_name", a["code"])}
    award |= {key: a[key] for key in ("category", "amount", "arithmetic", "override_reason")}
    return ids | snapshot | award | {"achievement": a.get("achievement", ""), "paper": a.get("paper", "")}


def _decision_json(detail: dict[str, Any]) -> dict[str, Any]:
    """A decision as `tdkt decision show --json` prints it; without its awardees, their count (`decision list`)."""
    out = {key: detail.get(key) for key in _DECISION_KEYS}
    if "awardees" not in detail:
        return out | {"awardees_count": detail.get("awardees_count")}
    if out["recipients_count"] is None:
        out["recipients_count"] = len({_recipient(a) for a in detail["awardees"]})
    return out | {"awardees": [_awardee_json(a) for a in detail["awardees"]]}


def _people_text(detail: dict[str, Any]) -> str:
    """ "7 người, tập thể (14 lượt khen thưởng)": people counted once, awards apart."""
    awards = len(detail["awardees"])
    people = len({_recipient(a) for a in detail["awardees"]})
    return _("{people} người, tập thể ({awards} lượt khen thưởng)").format(people=people, awards=awards)


def _decision_reply(args: argparse.Namespace, detail: dict[str, Any], message: str) -> int:
    """A decision just issued: its JSON (ISO date), or ``message`` naming it (number, date dd/mm/yyyy, who, the
    decision it replaces)."""
    who = _people_text(detail)
    text = message.format(
        number=detail["number_text"], date=format_date(detail["decision_date"]), who=who, old=detail.get("replaces")
    )
    return reply(args, _decision_json(detail), text)


_OVERRIDE_FORM = N_("“{value}” phải có dạng SỐ_ĐỀ_NGHỊ=LÝ DO.")
_NAME_FORM = N_("“{value}” phải có dạng SỐ_SỔ_VÀNG=HỌ TÊN.")


def _numbered_arg(text: str, form: str) -> tuple[int, str]:
    """ "12=text" → (12, "text"); ``form`` says the shape expected when it is not one."""
    number, sep, value = text.partition("=")
    if not sep or not number.strip().isdigit() or not value.strip():
        raise CliError(_(form).format(value=text))
    return int(number), value.strip()


def _name_fixes(store: Any, args: argparse.Namespace, old_id: int) -> dict[int, dict[str, str]]:
    """The printed names a replacement corrects: those of the staff records (--names-from-records), then --name."""
    fixes: dict[int, dict[str, str]] = {}
    if args.names_from_records:  # the lines kept: a line dropped prints nothing
        changed = review.names_changed_since(store, decision_id=old_id)
        dropped = set(args.remove_register_no or ())
        fixes = {n: {"snapshot_name": names["record"]} for n, names in changed.items() if n not in dropped}
    for number, name in (_numbered_arg(text, _NAME_FORM) for text in args.name or []):
        fixes[number] = {"snapshot_name": name}
    return fixes


def issue(args: argparse.Namespace) -> int:
    overrides = dict(_numbered_arg(text, _OVERRIDE_FORM) for text in args.override or ())
    wording = options(args, **_WORDING) | {"achievement_text": args.achievement or ""}
    with open_store(args) as store:
        new_id = review.issue_decision(
            store,
            round_id=args.round,
            decision_date=day_arg(args.date),
            nomination_ids=args.nomination or None,
            override_reasons=overrides,
            **wording,
        )
        detail = review.get_decision(store, decision_id=new_id)
        lines = [(str(a["code"]), str(a["target_kind"])) for a in detail["awardees"] if a["amount"]]
        for warning in unconfirmed_money(store, lines, day_arg(args.date)):  # stderr: stdout's contract unchanged
            print(_("Lưu ý: {warning}").format(warning=warning), file=sys.stderr)
    return _decision_reply(args, detail, _("Đã ban hành Quyết định số {number} ngày {date}: {who}."))


def list_(args: argparse.Namespace) -> int:
    rows = in_store(args, review.list_decisions, year=args.year)
    keys = ("number_text", "decision_date", "status", "awardees_count", "total_amount", "subject")
    shown = [row | {"decision_date": format_date(row["decision_date"])} for row in rows]  # JSON keeps ISO dates
    return reply(
        args,
        lambda: {"decisions": [_decision_json(row) for row in rows]},
        lambda: print_rows(shown, keys, blank_none=True),
    )


def _print_decision(detail: dict[str, Any]) -> None:
    print(
        _("Quyết định số {number} ngày {date} — {subject} ({status})").format(
            number=detail["number_text"],
            date=format_date(detail["decision_date"]),
            subject=detail["subject"],
            status=detail["status"],
        )
    )
    print_rows(
        [a["register_no"], a["snapshot_name"], a["code"], format_number(a["amount"])] for a in detail["awardees"]
    )


def show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        detail = review.get_decision(store, decision_id=decision_id(store, args.number, args.year))
    return reply(args, _decision_json(detail), lambda: _print_decision(detail))


def revoke(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        found = decision_id(store, args.number, args.year)
        owed = review.revoke_decision(store, decision_id=found, reason=args.reason)
    for line in owed:  # stderr: stdout's contract unchanged
        print(_("Lưu ý: {warning}").format(warning=line), file=sys.stderr)
    message = _("Đã hủy bỏ Quyết định số {number}; khen thưởng và tiền thưởng của quyết định đã bị thu hồi.")
    return done(message.format(number=args.number))


def gap(args: argparse.Namespace) -> int:
    gap_options = options(args, "year", "number", "reason", "new_series", series_key="series")
    in_store(args, review.record_number_gap, **gap_options)
    message = _("Đã ghi số {number}/{series} năm {year} là số bỏ trống.")
    return done(message.format(number=args.number, series=clean_series_key(args.series), year=args.year))


def series(args: argparse.Namespace) -> int:
    book = options(args, "year", "reason", "new_series", series_key="series", next_number="next")
    key = clean_series_key(args.series)
    with open_store(args) as store:
        review.set_series_next_number(store, **book)
        # a number recorded as spoiled or used elsewhere is skipped: say the number issuing will really give
        following = series_standing(store, key, args.year)["next_number"]
    message = _("Sổ {series} năm {year}: quyết định tiếp theo sẽ mang số {number}/{series}.")
    return done(message.format(series=key, year=args.year, number=following))


def correct(args: argparse.Namespace) -> int:
    # an option not given keeps the old decision's value
    changes: dict[str, Any] = {key: value for key, value in options(args, **_WORDING).items() if value is not None}
    if args.remove_register_no:
        changes["remove_register_nos"] = list(args.remove_register_no)
    if args.recompute_amounts:
        changes["recompute_amounts"] = True
    with open_store(args) as store:
        old_id = decision_id(store, args.number, args.year)
        fixes = _name_fixes(store, args, old_id)
        if fixes:
            changes["awardees"] = fixes
        new_id = review.correct_decision(
            store,
            decision_id=old_id,
            reason=args.reason,
            decision_date=day_arg(args.date),
            changes=changes,
        )
        detail = review.get_decision(store, decision_id=new_id)
        notes = review.replacement_notes(store, decision_id=new_id, recomputed=bool(args.recompute_amounts))
    for note in notes:  # stderr: stdout's contract unchanged
        print(_("Lưu ý: {warning}").format(warning=note), file=sys.stderr)
    message = _("Đã ban hành Quyết định số {number} ngày {date} thay thế Quyết định số {old}.")
    return _decision_reply(args, detail, message)


def register(sub: Any) -> None:
    add_group(sub, "decision", _("quyết định khen thưởng"), _decision_commands)


def _decision_commands(decision: Any) -> None:
    def about_one(name: str, func: Any, help: str, *aliases: str, json: bool = False) -> argparse.ArgumentParser:
        """A subcommand about one decision: its number as printed, and its year when numbers repeat."""
        p = add_command(decision, name, func, help, json=json, aliases=aliases)
        p.add_argument("number", metavar="NUMBER")
        p.add_argument("--year", type=year_arg)
        return p

    p = add_command(decision, "issue", issue, _("ban hành quyết định cho một đợt bình xét"), json=True)
    p.add_argument("--round", type=whole_arg, required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--signer-title", required=True)
    p.add_argument("--signer-name", required=True)
    p.add_argument("--subject", required=True)
    p.add_argument(
        "--achievement",
        help=_("thành tích ghi trong quyết định (mặc định: theo danh hiệu, hình thức; mỗi loại một câu riêng)"),
    )
    p.add_argument("--signing", choices=SIGNING_CHOICES, help=_(SIGNING_HELP))
    p.add_argument("--series", default="QĐ-UBND", help=_(ISSUE_SERIES_HELP))
    p.add_argument("--nomination", type=whole_arg, action="append", metavar="ID")
    p.add_argument("--override", action="append", metavar="ID=LÝ_DO")
    p = add_command(decision, "list", list_, _("danh sách quyết định"), json=True)
    p.add_argument("--year", type=year_arg)
    about_one("show", show, _("một quyết định và danh sách kèm theo"), json=True)
    withdrawn = _("hủy bỏ quyết định, thu hồi khen thưởng và tiền thưởng (phải ghi lý do); tên khác: cancel")
    p = about_one("revoke", revoke, withdrawn, "cancel")
    p.add_argument("--reason", required=True)
    p = add_command(decision, "gap", gap, _("ghi một số văn bản bỏ trống, kèm lý do"))
    p.add_argument("--series", required=True)
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--number", type=whole_arg, required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--new-series", action="store_true", help=_(NEW_SERIES_HELP))
    p = add_command(decision, "series", series, _("đặt số tiếp theo của sổ quyết định (tiếp nối sổ của đơn vị)"))
    p.add_argument("--series", default="QĐ-UBND")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--next", type=whole_arg, required=True, metavar="SỐ")
    p.add_argument("--reason", required=True)
    p.add_argument("--new-series", action="store_true", help=_(NEW_SERIES_HELP))
    replaced = _("ban hành quyết định mới thay thế quyết định đã ban hành (phải ghi lý do); tên khác: replace")
    p = about_one("correct", correct, replaced, "replace", json=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--subject")
    p.add_argument("--achievement")
    p.add_argument("--signer-title")
    p.add_argument("--signer-name")
    p.add_argument("--signing", choices=SIGNING_CHOICES, help=_("cách ký mới (mặc định: giữ cách ký cũ)"))
    p.add_argument("--series")
    p.add_argument("--remove-register-no", type=whole_arg, action="append", metavar="N")
    p.add_argument("--recompute-amounts", action="store_true")
    p.add_argument(
        "--name",
        action="append",
        metavar="N=HỌ_TÊN",
        help=_("sửa họ tên in ở dòng số sổ vàng N (tên ghi sai trong quyết định cũ)"),
    )
    p.add_argument(
        "--names-from-records",
        action="store_true",
        help=_("in họ tên theo hồ sơ cán bộ hiện tại ở những dòng mà hồ sơ đã sửa tên sau quyết định cũ"),
    )
