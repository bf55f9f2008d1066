"""``tdkt``: the same operations as the window, without it. JSON output is documented in docs/cli.md.

Errors go to stderr as one line in the user's language, with exit code 1 (bad input or data) or
2 (bad command line).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.i18n import _, set_language
from desktop.store import Store, StoreError

COMMANDS = (
    "init",
    "demo",
    "staff",
    "history",
    "evaluate",
    "money",
    "rules",
    "review",
    "council",
    "decision",
    "dossier",
    "documents",
    "check",
)


class CliError(Exception):
    """A one-line reason printed on stderr with exit code 1."""


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _open(args: argparse.Namespace, *, must_be_set_up: bool = True) -> Store:
    from desktop.ops.setup import is_set_up
    from desktop.paths import default_db_path
    from desktop.store import open_store

    path = Path(args.db) if args.db else default_db_path()
    store = open_store(path)
    if must_be_set_up and not is_set_up(store):
        store.close()
        raise CliError(
            _("Cơ sở dữ liệu {path} chưa có thông tin đơn vị; hãy chạy “tdkt init” trước.").format(path=path)
        )
    return store


# -- commands ---------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from desktop.ops.setup import init_unit

    with _open(args, must_be_set_up=False) as store:
        unit = init_unit(
            store,
            unit_name=args.unit_name,
            commune_code=args.commune_code,
            unit_kind=args.unit_kind,
            head_title=args.head_title or "",
            head_name=args.head_name or "",
            place_name=args.place_name or "",
            actor="cli",
        )
    if args.json:
        _print_json({"unit": unit})
    else:
        print(
            _("Đã lưu đơn vị: {name} ({commune}, {province}).").format(
                name=unit["name"], commune=unit["commune_name"], province=unit["province_name"]
            )
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.ops.demo import fill_demo

    with _open(args, must_be_set_up=False) as store:
        summary = fill_demo(store, actor="cli")
    if args.json:
        _print_json(summary)
    else:
        print(_("Đã tạo dữ liệu mẫu: {staff} cán bộ, {departments} phòng ban.").format(**summary))
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    from desktop.ops.staff import list_staff

    with _open(args) as store:
        rows = list_staff(store, search=args.search or "", include_left=args.all)
    if args.json:
        _print_json({"count": len(rows), "staff": [_staff_json(r) for r in rows]})
        return 0
    from desktop.domain.dates import format_date

    for row in rows:
        print(
            "\t".join(
                [
                    row["staff_code"],
                    row["full_name"],
                    format_date(row["birth_date"]),
                    row["position"],
                    row["department"] or "",
                    _("đã nghỉ") if row["end_date"] else "",
                ]
            )
        )
    print(_("Tổng: {n} người").format(n=len(rows)), file=sys.stderr)
    return 0


def _staff_json(row: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "uuid",
        "staff_code",
        "full_name",
        "gender",
        "birth_date",
        "ethnic_code",
        "position",
        "department",
        "category",
        "start_date",
        "end_date",
    )
    out = {key: row[key] for key in keys}
    out["is_leader"] = bool(row["is_leader"])
    return out


def cmd_staff_import(args: argparse.Namespace) -> int:
    from desktop.ops.staff_import import import_staff_file

    with _open(args) as store:
        report = import_staff_file(store, Path(args.file), dry_run=args.dry_run, actor="cli")
    if args.json:
        _print_json(report.as_json())
    else:
        for line in report.problem_lines():
            print(line, file=sys.stderr)
        print(report.summary())
    return 0 if report.ok else 1


def cmd_staff_export(args: argparse.Namespace) -> int:
    from desktop.ops.staff_import import export_staff

    with _open(args) as store:
        count = export_staff(store, Path(args.file), include_left=args.all, actor="cli")
    print(_("Đã xuất {n} cán bộ ra {path}.").format(n=count, path=args.file))
    return 0


def cmd_history_import(args: argparse.Namespace) -> int:
    from desktop.ops.history_import import import_history_file

    with _open(args) as store:
        report = import_history_file(store, Path(args.file), dry_run=args.dry_run, actor="cli")
    if args.json:
        _print_json(report.as_json())
    else:
        for line in report.problem_lines():
            print(line, file=sys.stderr)
        print(report.summary())
    return 0 if report.ok else 1


def cmd_check(args: argparse.Namespace) -> int:
    from desktop.ops.check import check_database

    with _open(args, must_be_set_up=False) as store:
        report = check_database(store)
    if args.json:
        _print_json(report)
    else:
        for line in report["messages"]:
            print(line)
    return 0 if report["ok"] else 1


def _rule_problems(exc: Exception) -> CliError:
    problems = getattr(exc, "problems", None) or [str(exc)]
    return CliError("; ".join(problems))


_MET_MARKS = {True: "+", False: "-", None: "*"}


def cmd_evaluate(args: argparse.Namespace) -> int:
    from desktop.domain.rules import RulePackError
    from desktop.ops.rules import effective_pack, evaluate_year, pack_json, verdicts_json

    with _open(args) as store:
        try:
            pack = effective_pack(store)
            verdicts = evaluate_year(store, year=args.year)
        except RulePackError as exc:
            raise _rule_problems(exc) from None
    rows = verdicts_json(verdicts, pack)
    if args.json:
        _print_json({"year": args.year, "pack": pack_json(pack), "verdicts": rows})
        return 0
    kinds = {"individual": _("cá nhân"), "collective": _("tập thể")}
    current: tuple[str, Any] | None = None
    for row in rows:
        subject = (row["target_kind"], row["id"])
        if subject != current:
            if current is not None:
                print()
            print(f"{row['name']} ({kinds[row['target_kind']]})")
            current = subject
        label = pack.item(row["code"]).label if pack.has(row["code"]) else row["code"]
        rank = _(" — thứ tự {rank}").format(rank=row["rank"]) if row["rank"] is not None else ""
        print(f"  {row['code']} ({label}): {row['verdict_label']}{rank}")
        for reason in row["reasons"]:
            cite = f" — {reason['citation']}" if reason["citation"] else ""
            print(f"    {_MET_MARKS[reason['met']]} {reason['text']}{cite}")
    print(_("Năm {year}: {n} kết quả xét.").format(year=args.year, n=len(rows)), file=sys.stderr)
    return 0


def cmd_money(args: argparse.Namespace) -> int:
    from datetime import date

    from desktop.domain.money import format_number
    from desktop.domain.rules import RulePackError
    from desktop.ops.rules import money, money_json

    try:
        decision_date = date.fromisoformat(args.date)
    except ValueError:
        raise CliError(
            _("Ngày “{value}” không hợp lệ; hãy ghi dạng YYYY-MM-DD, ví dụ 2025-12-30.").format(value=args.date)
        ) from None
    with _open(args, must_be_set_up=False) as store:
        try:
            result = money_json(money(store, code=args.code, target=args.target, decision_date=decision_date))
        except RulePackError as exc:
            raise _rule_problems(exc) from None
    if args.json:
        _print_json(result)
        return 0
    print(_("Số tiền: {amount} đồng").format(amount=format_number(result["amount"])))
    print(_("Bằng chữ: {words}").format(words=result["words"]))
    print(_("Cách tính: {arithmetic}").format(arithmetic=result["arithmetic"]))
    return 0


def _value_text(entry: dict[str, Any]) -> str:
    from decimal import Decimal

    from desktop.domain.dates import format_date
    from desktop.domain.money import format_number

    value = entry["value"]
    if isinstance(value, bool):
        shown = _("có") if value else _("không")
    elif isinstance(value, int | float):
        shown = format_number(Decimal(str(value)))
    elif isinstance(value, list):
        shown = ", ".join(str(v) for v in value)
    else:
        shown = str(value)
    return _("{value} (từ {date}; {citation})").format(
        value=shown, date=format_date(entry["from"]), citation=entry["citation"]
    )


def _print_catalog(heading: str, items: list[dict[str, Any]]) -> None:
    print(heading)
    conferred = {"unit": _("đơn vị quyết định"), "upward": _("đề nghị cấp trên")}
    for item in items:
        print(
            f"  {item['code']}: {item['name']} — "
            + _("đối tượng: {targets}").format(targets=", ".join(item["targets"]))
        )
        print("    " + _("Căn cứ: {citation}").format(citation=item["basis"]["citation"]))
        print(
            "    "
            + _("Thẩm quyền: {who}").format(
                who=conferred.get(item["conferred_by"]["value"], item["conferred_by"]["value"])
            )
        )
        for target, entry in item["coefficients"].items():
            print("    " + _("Hệ số ({target}): {value}").format(target=target, value=_value_text(entry)))
        if item["ballot_required"]["value"] and item["ballot_threshold_percent"]:
            print(
                "    "
                + _("Bỏ phiếu kín, tỷ lệ đồng ý (%) trên tổng số thành viên Hội đồng: {value}").format(
                    value=_value_text(item["ballot_threshold_percent"])
                )
            )
        for name, entry in item["params"].items():
            print(f"    {name} = {_value_text(entry)}")


def cmd_rules_show(args: argparse.Namespace) -> int:
    from desktop.domain.rules import RulePackError
    from desktop.ops.rules import rules_summary

    with _open(args, must_be_set_up=False) as store:
        try:
            summary = rules_summary(store)
        except RulePackError as exc:
            raise _rule_problems(exc) from None
    if args.json:
        _print_json(summary)
        return 0
    for source in summary["sources"]:
        print(
            _("Bộ quy tắc: {name} ({id}, phiên bản {version}, từ {valid_from})").format(
                name=source["name"], id=source["id"], version=source["version"], valid_from=source["valid_from"]
            )
        )
    print()
    _print_catalog(_("DANH HIỆU THI ĐUA"), summary["titles"])
    print()
    _print_catalog(_("HÌNH THỨC KHEN THƯỞNG"), summary["award_forms"])
    print()
    print(_("MỨC LƯƠNG CƠ SỞ"))
    for entry in summary["base_salary"]:
        print(f"  {_value_text(entry)}")
    print()
    print(_("QUY ĐỊNH CHUNG"))
    for name, entry in summary["settings"].items():
        print(f"  {name} = {_value_text(entry)}")
    return 0


def cmd_rules_check(args: argparse.Namespace) -> int:
    from desktop.ops.rules import check_override_file

    problems = check_override_file(Path(args.file))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(_("Tệp {file} hợp lệ: có thể đặt chồng lên bộ quy tắc quốc gia.").format(file=args.file))
    return 0


# -- yearly review: review / council / decision / dossier ----------------------------------------------


def _day_arg(value: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(
            _("Ngày “{value}” không hợp lệ; hãy ghi dạng YYYY-MM-DD, ví dụ 2025-12-30.").format(value=value)
        ) from None


def _review_call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a review operation, turning rule-pack problems into the one-line CLI error."""
    from desktop.domain.rules import RulePackError

    try:
        return func(*args, **kwargs)
    except RulePackError as exc:
        raise _rule_problems(exc) from None


def _round_json(detail: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "uuid", "year", "kind", "name", "status", "posting_days", "posted_from", "posted_to")
    out = {key: detail[key] for key in keys}
    out["nominations"] = detail["nominations"]
    out["council"] = detail["council"]
    out["decisions"] = detail["decisions"]
    return out


def _print_round(detail: dict[str, Any]) -> None:
    print(
        _("Đợt {id}: {name} — năm {year}, trạng thái {status}").format(
            id=detail["id"], name=detail["name"], year=detail["year"], status=detail["status"]
        )
    )
    for item in detail["nominations"]:
        ballot = item["ballot"]["arithmetic"] if item["ballot"] else ""
        print("\t".join([str(item["id"]), item["name"], item["code"], item["status"], item["engine_verdict"], ballot]))


def cmd_review_create(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        round_id = _review_call(
            review.create_round,
            store,
            year=args.year,
            kind=args.kind,
            name=args.name or "",
            posting_days=args.posting_days,
            actor="cli",
        )
        detail = _review_call(review.get_round, store, round_id)
    if args.json:
        _print_json(_round_json(detail))
    else:
        _print_round(detail)
    return 0


def cmd_review_list(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        rounds = review.list_rounds(store)
    if args.json:
        _print_json({"rounds": rounds})
        return 0
    for row in rounds:
        print("\t".join(str(row[k]) for k in ("id", "year", "kind", "status", "nominations", "decisions", "name")))
    return 0


def cmd_review_show(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        detail = _review_call(review.get_round, store, args.round_id)
    if args.json:
        _print_json(_round_json(detail))
    else:
        _print_round(detail)
    return 0


def cmd_review_add(args: argparse.Namespace) -> int:
    from desktop.ops import review
    from desktop.store import staff_repo

    with _open(args) as store:
        staff_id, department_id, household, kind = None, None, "", "individual"
        if args.staff_code:
            person = staff_repo.get_staff_by_code(store, args.staff_code)
            if person is None:
                raise CliError(_("Không có cán bộ mã “{code}”.").format(code=args.staff_code))
            staff_id = int(person["id"])
        elif args.department:
            found = store.scalar("SELECT id FROM departments WHERE name = ? COLLATE NOCASE", (args.department,))
            if not found:
                raise CliError(_("Không có tập thể “{name}”.").format(name=args.department))
            department_id, kind = int(found), "collective"
        elif args.household:
            household, kind = args.household, "household"
        nomination_id = _review_call(
            review.add_nomination,
            store,
            round_id=args.round,
            target_kind=kind,
            code=args.code,
            staff_id=staff_id,
            department_id=department_id,
            household_name=household,
            change_reason=args.change_reason or "",
            override_reason=args.override_reason or "",
            achievement=args.achievement or "",
            actor="cli",
        )
    if args.json:
        _print_json({"nomination_id": nomination_id})
    else:
        print(_("Đã thêm đề nghị số {id}.").format(id=nomination_id))
    return 0


def cmd_review_remove(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        _review_call(review.remove_nomination, store, nomination_id=args.nomination, reason=args.reason, actor="cli")
    print(_("Đã bỏ đề nghị số {id} khỏi danh sách.").format(id=args.nomination))
    return 0


def cmd_review_post(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        result = _review_call(
            review.start_posting, store, round_id=args.round, start=_day_arg(args.start), days=args.days, actor="cli"
        )
    if args.json:
        _print_json(result)
    else:
        print(
            _("Niêm yết công khai từ {start} đến hết {end}.").format(
                start=result["posted_from"], end=result["posted_to"]
            )
        )
    return 0


def _member_arg(text: str) -> dict[str, Any]:
    parts = [part.strip() for part in text.split("|")]
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
        "written_opinion": "|".join(parts[3:]),
    }


def cmd_council_record(args: argparse.Namespace) -> int:
    from desktop.ops import review

    members = [_member_arg(text) for text in args.member]
    with _open(args) as store:
        council_id = _review_call(
            review.set_council,
            store,
            round_id=args.round,
            meeting_date=_day_arg(args.date),
            location=args.location,
            members=members,
            actor="cli",
        )
    present = sum(1 for m in members if m["attended"])
    if args.json:
        _print_json({"council_id": council_id, "members_total": len(members), "present": present})
    else:
        print(_("Đã ghi Hội đồng: {total} thành viên, {present} có mặt.").format(total=len(members), present=present))
    return 0


def cmd_council_ballot(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        result = _review_call(
            review.record_ballot,
            store,
            nomination_id=args.nomination,
            agree=args.agree,
            disagree=args.disagree,
            invalid=args.invalid,
            actor="cli",
        )
    if args.json:
        _print_json(result)
    else:
        print(f"{result['name']}: {result['arithmetic']}")
    return 0


def _override_arg(text: str) -> tuple[int, str]:
    number, sep, reason = text.partition("=")
    if not sep or not number.strip().isdigit() or not reason.strip():
        raise CliError(_("“{value}” phải có dạng SỐ_ĐỀ_NGHỊ=LÝ DO.").format(value=text))
    return int(number), reason.strip()


def _decision_json(detail: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "uuid",
        "number",
        "number_text",
        "series_key",
        "decision_date",
        "signer_title",
        "signer_name",
        "on_behalf",
        "subject",
        "achievement_text",
        "round_id",
        "status",
        "status_reason",
        "replaces",
        "replaced_by",
        "total_amount",
    )
    out = {key: detail.get(key) for key in keys}
    if "awardees" in detail:
        out["awardees"] = [
            {
                "register_no": a["register_no"],
                "nomination_id": a["nomination_id"],
                "target_kind": a["target_kind"],
                "staff_id": a["staff_id"],
                "department_id": a["department_id"],
                "name": a["snapshot_name"],
                "position": a["snapshot_position"],
                "department": a["snapshot_department"],
                "gender": a["snapshot_gender"],
                "code": a["code"],
                "code_name": a.get("code_name", a["code"]),
                "category": a["category"],
                "amount": a["amount"],
                "arithmetic": a["arithmetic"],
                "override_reason": a["override_reason"],
            }
            for a in detail["awardees"]
        ]
    else:
        out["awardees_count"] = detail.get("awardees_count")
    return out


def _find_decision_id(store: Store, number_text: str, year: int | None) -> int:
    from desktop.domain.text import nfc
    from desktop.ops import review

    text = nfc(number_text)
    matches = [d for d in review.list_decisions(store, year=year) if d["number_text"] == text]
    if not matches:
        raise CliError(_("Không có quyết định số {number}.").format(number=text))
    if len(matches) > 1:
        raise CliError(
            _("Có {n} quyết định số {number} ở các năm khác nhau; hãy thêm --year.").format(n=len(matches), number=text)
        )
    return int(matches[0]["id"])


def cmd_decision_issue(args: argparse.Namespace) -> int:
    from desktop.ops import review

    overrides = dict(_override_arg(text) for text in args.override or ())
    with _open(args) as store:
        decision_id = _review_call(
            review.issue_decision,
            store,
            round_id=args.round,
            decision_date=_day_arg(args.date),
            signer_title=args.signer_title,
            signer_name=args.signer_name,
            subject=args.subject,
            achievement_text=args.achievement,
            on_behalf=args.on_behalf or "",
            series_key=args.series,
            nomination_ids=args.nomination or None,
            override_reasons=overrides,
            actor="cli",
        )
        detail = _review_call(review.get_decision, store, decision_id=decision_id)
    if args.json:
        _print_json(_decision_json(detail))
    else:
        print(
            _("Đã ban hành Quyết định số {number} ngày {date}: {n} người/tập thể.").format(
                number=detail["number_text"], date=detail["decision_date"], n=len(detail["awardees"])
            )
        )
    return 0


def cmd_decision_list(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        rows = review.list_decisions(store, year=args.year)
    if args.json:
        _print_json({"decisions": [_decision_json(r) for r in rows]})
        return 0
    for row in rows:
        print(
            "\t".join(
                str(row[k] if row[k] is not None else "")
                for k in ("number_text", "decision_date", "status", "awardees_count", "total_amount", "subject")
            )
        )
    return 0


def cmd_decision_show(args: argparse.Namespace) -> int:
    from desktop.domain.money import format_number
    from desktop.ops import review

    with _open(args) as store:
        decision_id = _find_decision_id(store, args.number, args.year)
        detail = _review_call(review.get_decision, store, decision_id=decision_id)
    if args.json:
        _print_json(_decision_json(detail))
        return 0
    print(
        _("Quyết định số {number} ngày {date} — {subject} ({status})").format(
            number=detail["number_text"],
            date=detail["decision_date"],
            subject=detail["subject"],
            status=detail["status"],
        )
    )
    for a in detail["awardees"]:
        print("\t".join([str(a["register_no"]), a["snapshot_name"], a["code"], format_number(a["amount"])]))
    return 0


def cmd_decision_revoke(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        decision_id = _find_decision_id(store, args.number, args.year)
        _review_call(review.revoke_decision, store, decision_id=decision_id, reason=args.reason, actor="cli")
    print(_("Đã thu hồi Quyết định số {number}.").format(number=args.number))
    return 0


def cmd_decision_gap(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        review.record_number_gap(
            store, series_key=args.series, year=args.year, number=args.number, reason=args.reason, actor="cli"
        )
    print(
        _("Đã ghi số {number}/{series} năm {year} là số bỏ trống.").format(
            number=args.number, series=args.series, year=args.year
        )
    )
    return 0


def cmd_dossier_build(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        dossier_id = _review_call(review.build_dossier, store, round_id=args.round, actor="cli")
        dossier = _review_call(review.get_dossier, store, dossier_id=dossier_id)
    if args.json:
        _print_json(dossier)
    else:
        print(
            _("Đã lập hồ sơ đề nghị cấp trên số {id}: {n} đề nghị.").format(
                id=dossier_id, n=len(dossier["nominations"])
            )
        )
        for item in dossier["nominations"]:
            print("\t".join([str(item["id"]), item["name"], item["code"]]))
    return 0


def _add_review_parsers(sub: Any) -> None:
    review = sub.add_parser("review", help=_("đợt bình xét: đề nghị, niêm yết")).add_subparsers(
        dest="review_command", required=True, parser_class=_Parser
    )
    p = review.add_parser("create", help=_("mở đợt bình xét; chương trình đề xuất danh sách"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--kind", choices=("year", "movement", "occasion"), default="year")
    p.add_argument("--name")
    p.add_argument("--posting-days", type=int, default=0, help=_("số ngày niêm yết công khai (0 = không cần)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_create)
    p = review.add_parser("list", help=_("các đợt bình xét"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_list)
    p = review.add_parser("show", help=_("một đợt bình xét và danh sách đề nghị"))
    p.add_argument("round_id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_show)
    p = review.add_parser("add", help=_("thêm một đề nghị"))
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--code", required=True)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff-code")
    who.add_argument("--department")
    who.add_argument("--household")
    p.add_argument("--change-reason")
    p.add_argument("--override-reason")
    p.add_argument("--achievement")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_add)
    p = review.add_parser("remove", help=_("bỏ một đề nghị khỏi danh sách (phải ghi lý do)"))
    p.add_argument("--nomination", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_review_remove)
    p = review.add_parser("post", help=_("niêm yết công khai danh sách"))
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--days", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_post)

    council = sub.add_parser("council", help=_("Hội đồng thi đua, khen thưởng")).add_subparsers(
        dest="council_command", required=True, parser_class=_Parser
    )
    p = council.add_parser("record", help=_("ghi cuộc họp và thành phần Hội đồng"))
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--location", required=True)
    p.add_argument("--member", action="append", required=True, metavar="TÊN|VAI_TRÒ|1/0[|Ý_KIẾN]")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_council_record)
    p = council.add_parser("ballot", help=_("ghi kết quả bỏ phiếu kín cho một đề nghị"))
    p.add_argument("--nomination", type=int, required=True)
    p.add_argument("--agree", type=int, required=True)
    p.add_argument("--disagree", type=int, required=True)
    p.add_argument("--invalid", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_council_ballot)

    decision = sub.add_parser("decision", help=_("quyết định khen thưởng")).add_subparsers(
        dest="decision_command", required=True, parser_class=_Parser
    )
    p = decision.add_parser("issue", help=_("ban hành quyết định cho một đợt bình xét"))
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--signer-title", required=True)
    p.add_argument("--signer-name", required=True)
    p.add_argument("--subject", required=True)
    p.add_argument("--achievement", required=True)
    p.add_argument("--on-behalf")
    p.add_argument("--series", default="QĐ-UBND")
    p.add_argument("--nomination", type=int, action="append", metavar="ID")
    p.add_argument("--override", action="append", metavar="ID=LÝ_DO")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_issue)
    p = decision.add_parser("list", help=_("danh sách quyết định"))
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_list)
    p = decision.add_parser("show", help=_("một quyết định và danh sách kèm theo"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_show)
    p = decision.add_parser("revoke", help=_("thu hồi quyết định (phải ghi lý do)"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--year", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_decision_revoke)
    p = decision.add_parser("gap", help=_("ghi một số văn bản bỏ trống, kèm lý do"))
    p.add_argument("--series", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--number", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_decision_gap)

    dossier = sub.add_parser("dossier", help=_("hồ sơ đề nghị khen thưởng cấp trên")).add_subparsers(
        dest="dossier_command", required=True, parser_class=_Parser
    )
    p = dossier.add_parser("build", help=_("lập hồ sơ từ các đề nghị lên cấp trên đã qua Hội đồng"))
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_dossier_build)


# -- documents ----------------------------------------------------------------------------------------

# Same as desktop.documents.review_docs.KINDS, written out so building the parser imports no document code.
DOCUMENT_KINDS = ("proposal", "proposal_list", "minutes", "decision", "payment", "achievement_report", "register")


def cmd_documents_render(args: argparse.Namespace) -> int:
    from desktop.documents.review_docs import KIND_NAMES
    from desktop.domain.rules import RulePackError
    from desktop.ops.documents import department_id_by_name, render_document, staff_id_by_code

    with _open(args) as store:
        try:
            path = render_document(
                store,
                kind=args.kind,
                out=Path(args.out),
                decision_number=args.decision,
                decision_year=args.year,
                round_id=args.round,
                nomination_id=args.nomination,
                staff_id=staff_id_by_code(store, args.staff) if args.staff else None,
                department_id=department_id_by_name(store, args.department) if args.department else None,
                upward=args.upward,
            )
        except RulePackError as exc:
            raise _rule_problems(exc) from None
    if args.json:
        _print_json({"kind": args.kind, "path": str(path)})
    else:
        print(_("Đã ghi {name}: {path}").format(name=_(KIND_NAMES[args.kind]), path=path))
    return 0


def _add_documents_parsers(sub: Any) -> None:
    documents = sub.add_parser(
        "documents", help=_("văn bản: tờ trình, biên bản, quyết định, danh sách chi tiền, sổ khen thưởng")
    ).add_subparsers(dest="documents_command", required=True, parser_class=_Parser)
    p = documents.add_parser("render", help=_("xuất một văn bản ra tệp .pdf, .docx hoặc .xlsx (theo đuôi tệp)"))
    p.add_argument("--kind", required=True, choices=DOCUMENT_KINDS)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="NUMBER", help=_("số quyết định, ví dụ 125/QĐ-UBND"))
    which.add_argument("--round", type=int, metavar="ID", help=_("mã đợt bình xét"))
    which.add_argument("--nomination", type=int, metavar="ID", help=_("mã đề nghị"))
    which.add_argument("--staff", metavar="CODE", help=_("mã cán bộ"))
    which.add_argument("--department", metavar="NAME", help=_("tên tập thể"))
    p.add_argument("--year", type=int, help=_("năm ký quyết định, khi số quyết định trùng giữa các năm"))
    p.add_argument("--upward", action="store_true", help=_("danh sách đề nghị lên cấp trên"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents_render)


# -- parser -----------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, _("Lỗi dòng lệnh: {message}").format(message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tdkt", description=_("Phần mềm thi đua, khen thưởng — dòng lệnh"))
    parser.add_argument("--version", "-V", action="version", version=f"tdkt {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("tệp cơ sở dữ liệu (mặc định trong thư mục người dùng)"))
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help=_("ngôn ngữ thông báo"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("init", help=_("khai báo đơn vị"))
    p.add_argument("--unit-name", required=True)
    p.add_argument("--commune-code", required=True)
    p.add_argument("--unit-kind", default="ubnd_xa")
    p.add_argument("--head-title")
    p.add_argument("--head-name")
    p.add_argument("--place-name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help=_("tạo dữ liệu mẫu cho một xã"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo)

    staff = sub.add_parser("staff", help=_("cán bộ")).add_subparsers(
        dest="staff_command", required=True, parser_class=_Parser
    )
    p = staff.add_parser("list", help=_("danh sách cán bộ"))
    p.add_argument("--search")
    p.add_argument("--all", action="store_true", help=_("cả người đã nghỉ"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_staff_list)
    p = staff.add_parser("import", help=_("nhập từ tệp .xlsx/.csv"))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_staff_import)
    p = staff.add_parser("export", help=_("xuất ra tệp .xlsx"))
    p.add_argument("file")
    p.add_argument("--all", action="store_true", help=_("cả người đã nghỉ"))
    p.set_defaults(func=cmd_staff_export)

    history = sub.add_parser(
        "history", help=_("lịch sử thi đua: xếp loại, sáng kiến, kỷ luật, khen thưởng")
    ).add_subparsers(dest="history_command", required=True, parser_class=_Parser)
    p = history.add_parser("import", help=_("nhập từ tệp .xlsx (mỗi loại một trang)"))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history_import)

    p = sub.add_parser("evaluate", help=_("xét điều kiện danh hiệu, khen thưởng của một năm"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("money", help=_("tính tiền thưởng theo hệ số và mức lương cơ sở"))
    p.add_argument("--code", required=True)
    p.add_argument("--target", required=True, choices=("individual", "collective", "household"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("ngày ký quyết định khen thưởng"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_money)

    rules = sub.add_parser("rules", help=_("bộ quy tắc thi đua, khen thưởng")).add_subparsers(
        dest="rules_command", required=True, parser_class=_Parser
    )
    p = rules.add_parser("show", help=_("danh mục và các giá trị kèm căn cứ"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rules_show)
    p = rules.add_parser("check", help=_("kiểm tra một tệp quy tắc riêng của tỉnh (.toml)"))
    p.add_argument("file")
    p.set_defaults(func=cmd_rules_check)

    _add_review_parsers(sub)
    _add_documents_parsers(sub)

    p = sub.add_parser("check", help=_("kiểm tra tính toàn vẹn của cơ sở dữ liệu"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    language = "vi"
    if "--lang" in args_list:
        index = args_list.index("--lang")
        if index + 1 < len(args_list):
            language = args_list[index + 1]
    set_language(language)  # before building the parser, so its help texts are translated too
    parser = build_parser()
    args = parser.parse_args(args_list)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except (CliError, StoreError, OSError) as exc:
        print(_("Lỗi: {reason}").format(reason=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Đã dừng theo yêu cầu; không có gì được ghi dở dang."), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
