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
from desktop.i18n import N_, _, set_language
from desktop.store import Store, StoreError

COMMANDS = (
    "init",
    "demo",
    "staff",
    "history",
    "collective",
    "evaluate",
    "money",
    "rules",
    "review",
    "council",
    "decision",
    "dossier",
    "documents",
    "check",
    "keys",
    "package",
    "province",
    "backup",
    "movement",
    "report",
    "certificates",
    "verify",
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
            standing_agency=args.standing_agency or "",
            standing_agency_head_title=args.standing_agency_head_title or "",
            standing_agency_head_name=args.standing_agency_head_name or "",
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

    today = _day_arg(args.today) if args.today else None
    with _open(args, must_be_set_up=False) as store:
        summary = fill_demo(store, actor="cli", today=today)
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
                    _("đã thôi công tác") if row["end_date"] else "",
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
    from desktop.ops.backup import check_report

    with _open(args, must_be_set_up=False) as store:
        report = check_report(store)
    if args.json:
        _print_json(report)
    else:
        for line in report["messages"]:
            print(line)
    return 0 if report["ok"] else 1


# -- backups ----------------------------------------------------------------------------------------------


def _backup_line(info: Any) -> str:
    from desktop.domain.money import format_number

    counts = info.counts
    mark = _("đã kiểm tra") if info.verified else _("CHƯA KIỂM TRA ĐƯỢC: {problem}").format(problem=info.problem)
    return "\t".join(
        [
            info.created.strftime("%d/%m/%Y %H:%M"),
            info.reason_label(),
            _("{size} KB").format(size=format_number(max(info.size // 1024, 1))),
            _("{staff} cán bộ").format(staff=counts.get("staff", 0)),
            mark,
            str(info.path),
        ]
    )


def cmd_backup_create(args: argparse.Namespace) -> int:
    from desktop.ops.backup import backup_now

    with _open(args, must_be_set_up=False) as store:
        info = backup_now(store, actor="cli", folder=Path(args.folder) if args.folder else None)
    if args.json:
        _print_json(info.as_json())
    else:
        print(_("Đã sao lưu và kiểm tra: {path}").format(path=info.path))
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    from desktop.ops.backup import list_backups
    from desktop.store import backup as core

    if args.folder:
        backups = core.list_backups(Path(args.folder))
    else:
        with _open(args, must_be_set_up=False) as store:
            backups = list_backups(store)
    if args.json:
        _print_json({"backups": [info.as_json() for info in backups]})
        return 0
    for info in backups:
        print(_backup_line(info))
    print(_("Tổng: {n} bản sao lưu").format(n=len(backups)), file=sys.stderr)
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from desktop.domain.text import fold
    from desktop.ops.backup import restore
    from desktop.paths import default_db_path
    from desktop.store import backup as core

    path = Path(args.db) if args.db else default_db_path()
    backup_path = Path(args.file)
    # Refuses a damaged or altered file before asking anything; one with no checksum only with --unverified.
    info = core.describe_backup(backup_path, allow_unverified=args.unverified)
    if not info.verified:
        print(
            _(
                "CẢNH BÁO: bản sao lưu {backup} không có mã kiểm tra đi kèm; không biết nó có bị hỏng khi sao chép "
                "hay không. Dữ liệu hiện tại vẫn được sao lưu trước khi thay."
            ).format(backup=backup_path)
        )
        if not sys.stdin.isatty():
            raise CliError(_("Khôi phục bản chưa kiểm chứng cần gõ xác nhận tại bàn phím; --yes không thay được."))
        answer = input(_("Gõ KHOI PHUC CHUA KIEM CHUNG để xác nhận: "))
        if " ".join(fold(answer).split()) != "khoi phuc chua kiem chung":
            print(_("Đã hủy; không thay đổi gì."), file=sys.stderr)
            return 1
    elif not args.yes:
        print(
            _("Sẽ thay toàn bộ dữ liệu trong {path} bằng bản sao lưu {backup}.").format(path=path, backup=backup_path)
        )
        print(
            _("Bản sao lưu lúc {time} ({reason}).").format(
                time=info.created.strftime("%d/%m/%Y %H:%M"), reason=info.reason_label()
            )
        )
        if path.exists():
            with _open(args, must_be_set_up=False) as store:
                comparison = core.compare(store, info)
            print(_("Bảng\tBản sao lưu\tHiện tại"))
            for row in comparison["counts"]:
                if row["backup"] != row["current"]:
                    print(f"{row['table']}\t{row['backup']}\t{row['current']}")
            print(
                _("Quyết định cuối: {backup} (bản sao lưu) — {current} (hiện tại)").format(
                    backup=comparison["backup_last_decision"] or "—",
                    current=comparison["current_last_decision"] or "—",
                )
            )
        print(_("Dữ liệu hiện tại sẽ được sao lưu trước khi thay."))
        if not sys.stdin.isatty():
            raise CliError(_("Không có bàn phím để xác nhận; thêm --yes nếu chắc chắn muốn khôi phục."))
        answer = input(_("Gõ CO để xác nhận: "))
        if answer.strip().upper() not in ("CO", "CÓ"):
            print(_("Đã hủy; không thay đổi gì."), file=sys.stderr)
            return 1
    safety = restore(path, backup_path=backup_path, actor="cli", allow_unverified=not info.verified)
    print(_("Đã khôi phục {path} từ {backup}.").format(path=path, backup=backup_path))
    if safety:
        print(_("Dữ liệu trước khi khôi phục được giữ ở: {safety}").format(safety=safety))
    return 0


def _rule_problems(exc: Exception) -> CliError:
    problems = getattr(exc, "problems", None) or [str(exc)]
    return CliError("; ".join(problems))


_MET_MARKS = {True: "+", False: "-", None: "*"}


def cmd_evaluate(args: argparse.Namespace) -> int:
    from desktop.domain.rules import RulePackError
    from desktop.ops.rules import effective_pack, evaluate_year, pack_json, unit_kind, verdicts_json

    on = _day_arg(args.on) if args.on else None
    with _open(args) as store:
        try:
            pack = effective_pack(store)
            verdicts = evaluate_year(store, year=args.year, on=on)
        except RulePackError as exc:
            raise _rule_problems(exc) from None
        kind = unit_kind(store)
    rows = verdicts_json(verdicts, pack, on=on or _year_end_date(args.year), kind=kind)
    if args.json:
        when = (on or _year_end_date(args.year)).isoformat()
        _print_json({"year": args.year, "on": when, "pack": pack_json(pack), "verdicts": rows})
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


def _year_end_date(year: int) -> Any:
    from datetime import date

    return date(year, 12, 31)


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
    from desktop.domain.codes import AUTHORITY_LABELS, PAPER_LABELS

    print(heading)
    conferred = {code: _(label) for code, label in AUTHORITY_LABELS.items()}
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
            + f" ({item['conferred_by']['citation']})"
        )
        paper = _(PAPER_LABELS.get(item["certificate"], item["certificate"]))
        print("    " + _("Giấy in: {paper}").format(paper=paper))
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
    from desktop.domain.codes import UNIT_KINDS
    from desktop.domain.dates import format_date
    from desktop.domain.rules import RulePackError
    from desktop.ops.rules import rules_summary

    on = _day_arg(args.on) if args.on else None
    with _open(args, must_be_set_up=False) as store:
        try:
            summary = rules_summary(store, on=on)
        except RulePackError as exc:
            raise _rule_problems(exc) from None
    if args.json:
        _print_json(summary)
        return 0
    for source in summary["sources"]:
        print(
            _("Bộ quy tắc: {name} ({id}, phiên bản {version}, từ {valid_from})").format(
                name=source["name"],
                id=source["id"],
                version=source["version"],
                valid_from=format_date(source["valid_from"]),
            )
        )
    kind = _(UNIT_KINDS.get(summary["unit_kind"], summary["unit_kind"]))
    print(_("Quy định áp dụng ngày {date} cho đơn vị loại “{kind}”").format(date=format_date(summary["on"]), kind=kind))
    for entry in summary["legal_texts"].values():
        if entry["value"]:
            print(f"  {entry['value']}")
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


# -- argument types: numbers and years checked where they enter, with the Vietnamese reason -------------------
YEAR_RANGE = (1900, 2100)
_WHOLE_MAX = 10**12  # far below SQLite's 64-bit integers: ids, counts, numbers of a series


def _year_arg(text: str) -> int:
    """A calendar year 1900–2100 (``--year``): "-2025", "99999" or "2e3" are refused, not a traceback."""
    try:
        year = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” không phải năm (ví dụ 2025)").format(value=text)) from None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise argparse.ArgumentTypeError(
            _("năm {value} ngoài khoảng {low}–{high}").format(value=year, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
        )
    return year


def _whole_arg(text: str) -> int:
    """A whole number 0–10¹² (ids, counts, numbers): "1e20", "-1" or a 40-digit number are refused."""
    try:
        number = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” không phải số nguyên").format(value=text)) from None
    if not 0 <= number <= _WHOLE_MAX:
        raise argparse.ArgumentTypeError(_("số {value} không hợp lệ (từ 0 đến 10¹²)").format(value=text))
    return number


def _number_arg(text: str) -> float:
    """A finite decimal number ("nan", "inf", "1e400" are refused); a comma is read as the decimal point."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” không phải số").format(value=text)) from None
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 1e9:
        raise argparse.ArgumentTypeError(_("số “{value}” không hợp lệ").format(value=text))
    return number


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
            decision_date=_day_arg(args.decision_date) if args.decision_date else None,
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
            written_agree=args.written_agree,
            written_disagree=args.written_disagree,
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
    out = {key: detail.get(key) for key in keys}
    if out["recipients_count"] is None and "awardees" in detail:
        out["recipients_count"] = len({_recipient(a) for a in detail["awardees"]})
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
                "achievement": a.get("achievement", ""),
                "paper": a.get("paper", ""),
            }
            for a in detail["awardees"]
        ]
    else:
        out["awardees_count"] = detail.get("awardees_count")
    return out


def _recipient(awardee: dict[str, Any]) -> str:
    return f"{awardee['target_kind']}:{awardee['staff_id'] or awardee['department_id'] or awardee['household_name']}"


def _people_text(detail: dict[str, Any]) -> str:
    """ "7 người, tập thể (14 lượt khen thưởng)": people counted once, awards apart."""
    awards = len(detail["awardees"])
    people = len({_recipient(a) for a in detail["awardees"]})
    return _("{people} người, tập thể ({awards} lượt khen thưởng)").format(people=people, awards=awards)


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
            achievement_text=args.achievement or "",
            signing_mode=args.signing,
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
            _("Đã ban hành Quyết định số {number} ngày {date}: {who}.").format(
                number=detail["number_text"], date=detail["decision_date"], who=_people_text(detail)
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
    print(
        _("Đã hủy bỏ Quyết định số {number}; khen thưởng và tiền thưởng của quyết định đã bị thu hồi.").format(
            number=args.number
        )
    )
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


def cmd_decision_series(args: argparse.Namespace) -> int:
    from desktop.ops import review

    with _open(args) as store:
        review.set_series_next_number(
            store, series_key=args.series, year=args.year, next_number=args.next, reason=args.reason, actor="cli"
        )
    print(
        _("Sổ {series} năm {year}: quyết định tiếp theo sẽ mang số {number}/{series}.").format(
            series=args.series, year=args.year, number=args.next
        )
    )
    return 0


def cmd_decision_correct(args: argparse.Namespace) -> int:
    from desktop.ops import review

    changes: dict[str, Any] = {}
    for option, key in (
        ("subject", "subject"),
        ("achievement", "achievement_text"),
        ("signer_title", "signer_title"),
        ("signer_name", "signer_name"),
        ("signing", "signing_mode"),
        ("series", "series_key"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[key] = value
    if args.remove_register_no:
        changes["remove_register_nos"] = list(args.remove_register_no)
    if args.recompute_amounts:
        changes["recompute_amounts"] = True
    with _open(args) as store:
        decision_id = _find_decision_id(store, args.number, args.year)
        new_id = _review_call(
            review.correct_decision,
            store,
            decision_id=decision_id,
            reason=args.reason,
            decision_date=_day_arg(args.date),
            changes=changes,
            actor="cli",
        )
        detail = _review_call(review.get_decision, store, decision_id=new_id)
    if args.json:
        _print_json(_decision_json(detail))
    else:
        print(
            _("Đã ban hành Quyết định số {number} ngày {date} thay thế Quyết định số {old}.").format(
                number=detail["number_text"], date=detail["decision_date"], old=detail["replaces"]
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


SIGNING_CHOICES = ("chair", "deputy", "body")  # desktop.domain.signing.SIGNING_MODES, without importing it
SIGNING_HELP = N_(
    "cách ký: chair = người đứng đầu ký (CHỦ TỊCH); deputy = cấp phó ký thay (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH); "
    "body = thay mặt tập thể (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH). Mặc định: theo quy định của danh hiệu, hình thức"
)


def _add_review_parsers(sub: Any) -> None:
    review = sub.add_parser("review", help=_("đợt bình xét: đề nghị, niêm yết")).add_subparsers(
        dest="review_command", required=True, parser_class=_Parser
    )
    p = review.add_parser("create", help=_("mở đợt bình xét; chương trình đề xuất danh sách"))
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument("--kind", choices=("year", "movement", "occasion"), default="year")
    p.add_argument("--name")
    p.add_argument("--posting-days", type=_whole_arg, default=0, help=_("số ngày niêm yết công khai (0 = không cần)"))
    p.add_argument(
        "--decision-date",
        metavar="YYYY-MM-DD",
        help=_("ngày dự kiến ký quyết định (mặc định 31/12 của năm): quy định của ngày đó quyết định ai khen"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_create)
    p = review.add_parser("list", help=_("các đợt bình xét"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_list)
    p = review.add_parser("show", help=_("một đợt bình xét và danh sách đề nghị"))
    p.add_argument("round_id", type=_whole_arg, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_show)
    p = review.add_parser("add", help=_("thêm một đề nghị"))
    p.add_argument("--round", type=_whole_arg, required=True)
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
    p.add_argument("--nomination", type=_whole_arg, required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_review_remove)
    p = review.add_parser("post", help=_("niêm yết công khai danh sách"))
    p.add_argument("--round", type=_whole_arg, required=True)
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--days", type=_whole_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review_post)

    council = sub.add_parser("council", help=_("Hội đồng Thi đua - Khen thưởng")).add_subparsers(
        dest="council_command", required=True, parser_class=_Parser
    )
    p = council.add_parser("record", help=_("ghi cuộc họp và thành phần Hội đồng"))
    p.add_argument("--round", type=_whole_arg, required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--location", required=True)
    p.add_argument("--member", action="append", required=True, metavar="TÊN|VAI_TRÒ|1/0[|Ý_KIẾN]")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_council_record)
    p = council.add_parser("ballot", help=_("ghi kết quả bỏ phiếu kín cho một đề nghị"))
    p.add_argument("--nomination", type=_whole_arg, required=True)
    p.add_argument("--agree", type=_whole_arg, required=True)
    p.add_argument("--disagree", type=_whole_arg, required=True)
    p.add_argument("--invalid", type=_whole_arg, required=True)
    p.add_argument(
        "--written-agree",
        type=_whole_arg,
        default=0,
        help=_("số thành viên vắng mặt đồng ý bằng văn bản (ghi riêng với phiếu tại cuộc họp)"),
    )
    p.add_argument(
        "--written-disagree", type=_whole_arg, default=0, help=_("số thành viên vắng mặt không đồng ý bằng văn bản")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_council_ballot)

    decision = sub.add_parser("decision", help=_("quyết định khen thưởng")).add_subparsers(
        dest="decision_command", required=True, parser_class=_Parser
    )
    p = decision.add_parser("issue", help=_("ban hành quyết định cho một đợt bình xét"))
    p.add_argument("--round", type=_whole_arg, required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--signer-title", required=True)
    p.add_argument("--signer-name", required=True)
    p.add_argument("--subject", required=True)
    p.add_argument(
        "--achievement",
        help=_("thành tích ghi trong quyết định (mặc định: theo danh hiệu, hình thức; mỗi loại một câu riêng)"),
    )
    p.add_argument("--signing", choices=SIGNING_CHOICES, help=_(SIGNING_HELP))
    p.add_argument("--series", default="QĐ-UBND")
    p.add_argument("--nomination", type=_whole_arg, action="append", metavar="ID")
    p.add_argument("--override", action="append", metavar="ID=LÝ_DO")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_issue)
    p = decision.add_parser("list", help=_("danh sách quyết định"))
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_list)
    p = decision.add_parser("show", help=_("một quyết định và danh sách kèm theo"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_show)
    p = decision.add_parser(
        "revoke",
        aliases=["cancel"],
        help=_("hủy bỏ quyết định, thu hồi khen thưởng và tiền thưởng (phải ghi lý do); tên khác: cancel"),
    )
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_decision_revoke)
    p = decision.add_parser("gap", help=_("ghi một số văn bản bỏ trống, kèm lý do"))
    p.add_argument("--series", required=True)
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument("--number", type=_whole_arg, required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_decision_gap)
    p = decision.add_parser("series", help=_("đặt số tiếp theo của sổ quyết định (tiếp nối sổ của đơn vị)"))
    p.add_argument("--series", default="QĐ-UBND")
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument("--next", type=_whole_arg, required=True, metavar="SỐ")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_decision_series)
    p = decision.add_parser(
        "correct",
        aliases=["replace"],
        help=_("ban hành quyết định mới thay thế quyết định đã ban hành (phải ghi lý do); tên khác: replace"),
    )
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--reason", required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--subject")
    p.add_argument("--achievement")
    p.add_argument("--signer-title")
    p.add_argument("--signer-name")
    p.add_argument("--signing", choices=SIGNING_CHOICES, help=_("cách ký mới (mặc định: giữ cách ký cũ)"))
    p.add_argument("--series")
    p.add_argument("--remove-register-no", type=_whole_arg, action="append", metavar="N")
    p.add_argument("--recompute-amounts", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decision_correct)

    dossier = sub.add_parser("dossier", help=_("hồ sơ đề nghị khen thưởng cấp trên")).add_subparsers(
        dest="dossier_command", required=True, parser_class=_Parser
    )
    p = dossier.add_parser("build", help=_("lập hồ sơ từ các đề nghị lên cấp trên đã qua Hội đồng"))
    p.add_argument("--round", type=_whole_arg, required=True)
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
    which.add_argument("--round", type=_whole_arg, metavar="ID", help=_("mã đợt bình xét"))
    which.add_argument("--nomination", type=_whole_arg, metavar="ID", help=_("mã đề nghị"))
    which.add_argument("--staff", metavar="CODE", help=_("mã cán bộ"))
    which.add_argument("--department", metavar="NAME", help=_("tên tập thể"))
    p.add_argument("--year", type=_year_arg, help=_("năm ký quyết định, khi số quyết định trùng giữa các năm"))
    p.add_argument("--upward", action="store_true", help=_("danh sách đề nghị lên cấp trên"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents_render)


# -- movements and the report -----------------------------------------------------------------------


def _movement_json(row: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "uuid",
        "kind",
        "name",
        "theme",
        "launched_by",
        "launch_date",
        "start_date",
        "end_date",
        "year",
        "status",
        "period",
        "plan_name",
        "plan_sha256",
    )
    return {key: row.get(key) for key in keys}


def _department_id(store: Store, name: str) -> int:
    found = store.scalar("SELECT id FROM departments WHERE name = ? COLLATE NOCASE", (name,))
    if not found:
        raise CliError(_("Không có tập thể “{name}”.").format(name=name))
    return int(found)


def _split_arg(text: str, parts: int, shape: str) -> list[str]:
    values = [v.strip() for v in text.split("|")]
    if len(values) != parts or not all(values):
        raise CliError(_("“{value}” không đúng dạng {shape}.").format(value=text, shape=shape))
    return values


def cmd_movement_create(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        movement_id = movements.create_movement(
            store,
            name=args.name,
            kind=args.kind,
            theme=args.theme or "",
            launched_by=args.launched_by or "",
            launch_date=_day_arg(args.launch_date) if args.launch_date else None,
            start_date=_day_arg(args.start) if args.start else None,
            end_date=_day_arg(args.end) if args.end else None,
            year=args.year,
            targets=args.target or [],
            actor="cli",
        )
        if args.plan:
            movements.attach_plan(store, movement_id=movement_id, path=args.plan, actor="cli")
        row = movements.get_movement(store, movement_id)
    if args.json:
        _print_json(_movement_json(row))
    else:
        print(_("Đã tạo phong trào {id}: {name}").format(id=movement_id, name=row["name"]))
    return 0


def cmd_movement_list(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        rows = movements.list_movements(store, year=args.year)
    if args.json:
        _print_json({"movements": [_movement_json(r) | {"registrations": r["registrations"]} for r in rows]})
        return 0
    for row in rows:
        print("\t".join(str(row[k]) for k in ("id", "kind", "period", "status", "registrations", "name")))
    return 0


def cmd_movement_show(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        row = movements.get_movement(store, args.movement_id)
    if args.json:
        out = _movement_json(row) | {
            "targets": row["targets"],
            "registrations": [
                {k: r[k] for k in ("id", "target_kind", "name", "code", "registered_on")} for r in row["registrations"]
            ],
            "covenants": [
                {k: c[k] for k in ("id", "block_name", "signed_on", "signatories")} for c in row["covenants"]
            ],
            "criteria": [
                {k: c[k] for k in ("id", "name", "max_points", "weight", "mandatory", "kind")} for c in row["criteria"]
            ],
            "reviews": [{k: r[k] for k in ("id", "kind", "review_date", "round_id")} for r in row["reviews"]],
        }
        _print_json(out)
        return 0
    print(
        _("Phong trào {id}: {name} — {kind}, {period}, {status}").format(
            id=row["id"], name=row["name"], kind=row["kind_label"], period=row["period"], status=row["status_label"]
        )
    )
    for target in row["targets"]:
        print(f"- {target}")
    print(
        _("Đăng ký: {count}; tiêu chí: {criteria}; giao ước: {covenants}").format(
            count=len(row["registrations"]), criteria=len(row["criteria"]), covenants=len(row["covenants"])
        )
    )
    for criterion in row["criteria"]:
        print("\t".join(str(criterion[k]) for k in ("id", "kind", "max_points", "weight", "mandatory", "name")))
    return 0


def cmd_movement_close(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        movements.close_movement(store, movement_id=args.movement_id, actor="cli")
    print(_("Đã kết thúc phong trào {id}.").format(id=args.movement_id))
    return 0


def cmd_movement_launch(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        movements.launch(store, movement_id=args.movement_id, launch_date=_day_arg(args.date), actor="cli")
    print(_("Đã phát động phong trào {id}.").format(id=args.movement_id))
    return 0


def cmd_movement_register(args: argparse.Namespace) -> int:
    from desktop.ops import movements
    from desktop.store import staff_repo

    with _open(args) as store:
        staff_id = department_id = None
        if args.staff_code:
            person = staff_repo.get_staff_by_code(store, args.staff_code)
            if person is None:
                raise CliError(_("Không có cán bộ mã “{code}”.").format(code=args.staff_code))
            staff_id = int(person["id"])
        else:
            department_id = _department_id(store, args.department)
        registration_id = movements.register(
            store,
            movement_id=args.movement_id,
            code=args.code,
            staff_id=staff_id,
            department_id=department_id,
            registered_on=_day_arg(args.date) if args.date else None,
            actor="cli",
        )
    if args.json:
        _print_json({"registration_id": registration_id})
    else:
        print(_("Đã ghi bản đăng ký {id}.").format(id=registration_id))
    return 0


def cmd_movement_covenant(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        block = store.scalar("SELECT id FROM blocks WHERE name = ?", (args.block,))
        if block is None:
            block = movements.create_block(
                store,
                name=args.block,
                kind="cluster" if args.external else "internal",
                department_ids=[_department_id(store, name) for name in args.department or []],
                external_names=args.external or [],
                actor="cli",
            )
        signers = []
        for text in args.signer or []:
            name, title, member = _split_arg(text, 3, "TÊN|CHỨC_VỤ|ĐƠN_VỊ")
            signers.append({"name": name, "title": title, "member": member})
        covenant_id = movements.sign_covenant(
            store,
            movement_id=args.movement_id,
            block_id=int(block),
            signed_on=_day_arg(args.date),
            signatories=signers,
            place=args.place or "",
            actor="cli",
        )
        if args.out:
            movements.export_covenant(store, movement_id=args.movement_id, covenant_id=covenant_id, out=args.out)
    if args.json:
        _print_json({"covenant_id": covenant_id, "block_id": int(block)})
    else:
        print(_("Đã ghi giao ước {id}.").format(id=covenant_id))
    return 0


def cmd_movement_criterion(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        criterion_id = movements.add_criterion(
            store,
            movement_id=args.movement_id,
            name=args.name,
            max_points=args.max,
            weight=args.weight,
            mandatory=args.mandatory,
            kind=args.kind,
            actor="cli",
        )
    if args.json:
        _print_json({"criterion_id": criterion_id})
    else:
        print(_("Đã thêm tiêu chí {id}.").format(id=criterion_id))
    return 0


def cmd_movement_score(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        people = movements.participants(store, movement_id=args.movement_id)
        criteria = movements.list_criteria(store, movement_id=args.movement_id)
        entries = []
        for text in args.set:
            who, what, points = _split_arg(text, 3, "ĐƠN_VỊ|TIÊU_CHÍ|ĐIỂM")
            person = next((p for p in people if who in (p["key"], p["name"])), None)
            if person is None:
                raise CliError(_("“{name}” không tham gia chấm điểm phong trào này.").format(name=who))
            criterion = next((c for c in criteria if what in (str(c["id"]), c["name"])), None)
            if criterion is None:
                raise CliError(_("Phong trào không có tiêu chí “{name}”.").format(name=what))
            entries.append({"participant": person["key"], "criterion_id": criterion["id"], "points": points})
        count = movements.record_scores(store, movement_id=args.movement_id, entries=entries, actor="cli")
    if args.json:
        _print_json({"saved": count})
    else:
        print(_("Đã lưu {count} điểm.").format(count=count))
    return 0


def cmd_movement_rank(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        result = movements.ranking(store, movement_id=args.movement_id)
    if args.json:
        _print_json(movements.ranking_json(result))
        return 0
    for row in result.results:
        rank = f"{row.rank}=" if row.tied else str(row.rank)
        print("\t".join([rank, row.name, f"{row.total:g}", row.reason]))
    print(result.note)
    return 0


def cmd_movement_review(args: argparse.Namespace) -> int:
    from datetime import date

    from desktop.ops import movements

    with _open(args) as store:
        review_id = movements.create_review(
            store,
            movement_id=args.movement_id,
            kind=args.kind,
            review_date=_day_arg(args.date) if args.date else date.today(),
            summary=args.summary or "",
            achievements=args.achievements or "",
            actor="cli",
        )
        detail = movements.get_review(store, review_id)
        round_id = None
        if args.propose:
            year = args.year or int(str(detail["review_date"])[:4])
            round_id = _review_call(
                movements.propose_to_review,
                store,
                movement_id=args.movement_id,
                year=year,
                proposals=detail["proposals"],
                review_id=review_id,
                actor="cli",
            )
        if args.out:
            movements.export_review(store, review_id=review_id, out=args.out)
    if args.json:
        _print_json(
            {
                "review_id": review_id,
                "round_id": round_id,
                "ranking": detail["ranking"],
                "proposals": detail["proposals"],
            }
        )
    else:
        print(_("Đã ghi hội nghị {id}. {note}").format(id=review_id, note=detail["ranking"].get("note", "")))
        if round_id is not None:
            print(
                _("Đã đưa {count} đề xuất vào đợt bình xét {round}.").format(
                    count=len(detail["proposals"]), round=round_id
                )
            )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with _open(args) as store:
        data = movements.report(store, year=args.year, movement_id=args.movement)
        if args.out:
            movements.export_report(store, year=args.year, movement_id=args.movement, out=args.out)
    if args.json:
        _print_json(data)
        return 0
    print(
        _("Năm {year}: {total} lượt khen thưởng ({titles} danh hiệu, {forms} hình thức khen thưởng)").format(
            year=args.year, total=data["total"], titles=data["titles_total"], forms=data["award_forms_total"]
        )
    )
    for row in data["titles"] + data["award_forms"]:
        print("\t".join([row["key"], str(row["count"]), row["label"]]))
    for line in data["highlights"]:
        print(line)
    _print_collective_ratings(data)
    return 0


def _add_movement_parsers(sub: Any) -> None:
    movement = sub.add_parser("movement", help=_("phong trào thi đua")).add_subparsers(
        dest="movement_command", required=True, parser_class=_Parser
    )
    p = movement.add_parser("create", help=_("tạo phong trào thi đua"))
    p.add_argument("--name", required=True)
    p.add_argument("--kind", choices=("regular", "thematic", "campaign"), default="regular")
    p.add_argument("--theme")
    p.add_argument("--launched-by")
    p.add_argument("--launch-date", metavar="YYYY-MM-DD")
    p.add_argument("--start", metavar="YYYY-MM-DD")
    p.add_argument("--end", metavar="YYYY-MM-DD")
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--target", action="append", help=_("một mục tiêu, chỉ tiêu (nhắc lại được)"))
    p.add_argument("--plan", metavar="FILE", help=_("tệp kế hoạch .pdf/.docx"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_create)
    p = movement.add_parser("list", help=_("danh sách phong trào"))
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_list)
    p = movement.add_parser("show", help=_("một phong trào"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_show)
    p = movement.add_parser("close", help=_("kết thúc phong trào"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.set_defaults(func=cmd_movement_close)
    p = movement.add_parser("launch", help=_("phát động phong trào"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_movement_launch)
    p = movement.add_parser("register", help=_("ghi bản đăng ký thi đua"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff-code")
    who.add_argument("--department")
    p.add_argument("--code", required=True, help=_("danh hiệu đăng ký, ví dụ LDTT, CSTDCS, TTLDTT"))
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_register)
    p = movement.add_parser("covenant", help=_("ký giao ước thi đua của một khối"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--block", required=True, help=_("tên khối/cụm (tạo mới nếu chưa có)"))
    p.add_argument("--department", action="append", help=_("phòng, ban thành viên (nhắc lại được)"))
    p.add_argument("--external", action="append", help=_("đơn vị ngoài thành viên (nhắc lại được)"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--place")
    p.add_argument("--signer", action="append", required=True, metavar="TÊN|CHỨC_VỤ|ĐƠN_VỊ")
    p.add_argument("--out", metavar="FILE.pdf|.docx")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_covenant)
    p = movement.add_parser("criterion", help=_("thêm tiêu chí chấm điểm"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--name", required=True)
    p.add_argument("--max", type=_number_arg, required=True)
    p.add_argument("--weight", type=_number_arg, default=1.0)
    p.add_argument("--mandatory", action="store_true")
    p.add_argument("--kind", choices=("normal", "bonus", "penalty"), default="normal")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_criterion)
    p = movement.add_parser("score", help=_("ghi điểm (một lần lưu cho cả loạt)"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--set", action="append", required=True, metavar="ĐƠN_VỊ|TIÊU_CHÍ|ĐIỂM")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_score)
    p = movement.add_parser("rank", help=_("tổng điểm và xếp hạng"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_rank)
    p = movement.add_parser("review", help=_("sơ kết, tổng kết phong trào"))
    p.add_argument("movement_id", type=_whole_arg, metavar="ID")
    p.add_argument("--kind", choices=("so_ket", "tong_ket"), required=True)
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--summary")
    p.add_argument("--achievements")
    p.add_argument("--propose", action="store_true", help=_("đưa đề xuất khen thưởng vào một đợt bình xét mới"))
    p.add_argument("--year", type=_year_arg, help=_("năm của đợt bình xét (mặc định năm của hội nghị)"))
    p.add_argument("--out", metavar="FILE.pdf|.docx")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_movement_review)

    p = sub.add_parser("report", help=_("báo cáo thống kê khen thưởng theo năm, theo phong trào"))
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument("--movement", type=_whole_arg, metavar="ID")
    p.add_argument("--out", metavar="FILE.pdf|.xlsx")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)


# -- packages to and from the province (issue 6) --------------------------------------------------------


def _exchange_call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run an exchange operation; a refused package becomes one line on stderr (exit code 1)."""
    from desktop.exchange.format import PackageError

    try:
        return func(*args, **kwargs)
    except PackageError as exc:
        raise CliError(exc.message) from None


def cmd_keys_show(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with _open(args) as store:
        _exchange_call(exchange.ensure_unit_keys, store, actor="cli")
        info = exchange.show_keys(store)
    if args.json:
        _print_json(info)
        return 0
    print(_("Dấu vân tay khóa của đơn vị {name}: {fingerprint}").format(name=info["unit_name"], **info))
    for key in info["trusted"]:
        state = _("đã thu hồi") if key["revoked"] else _("tin cậy")
        print("\t".join([key["role"], key["unit_code"], key["unit_name"], key["fingerprint"], state]))
    return 0


def cmd_keys_export_public(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with _open(args) as store:
        path = _exchange_call(exchange.export_public_key, store, path=Path(args.file), actor="cli")
        fingerprint = exchange.show_keys(store)["fingerprint"]
    print(_("Đã ghi khóa công khai vào {path}; dấu vân tay: {fingerprint}").format(path=path, fingerprint=fingerprint))
    return 0


def cmd_keys_trust(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with _open(args) as store:
        found = _exchange_call(
            exchange.trust_key,
            store,
            path=Path(args.file),
            role=args.role,
            expected_fingerprint=args.fingerprint,
            replace=args.replace,
            actor="cli",
        )
    if args.json:
        _print_json(found)
    else:
        print(
            _("Đã tin cậy khóa của {name} ({code}, vai trò {role}); dấu vân tay: {fingerprint}").format(
                name=found["unit_name"], code=found["unit_code"], role=found["role"], fingerprint=found["fingerprint"]
            )
        )
    return 0


def cmd_package_export(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with _open(args) as store:
        info = _exchange_call(
            exchange.export,
            store,
            kind=args.kind,
            year=args.year,
            out=Path(args.out),
            encrypt_to=args.encrypt_to,
            receiver=args.receiver,
            actor="cli",
        )
    if args.json:
        _print_json(info)
    else:
        print(_("Đã tạo gói {path}.").format(path=info["path"]))
    return 0


def cmd_package_verify(args: argparse.Namespace) -> int:
    from desktop.exchange.format import PackageError
    from desktop.ops import exchange

    with _open(args) as store:
        try:
            info = exchange.verify_file(store, path=Path(args.file))
        except PackageError as exc:
            if not args.json:
                raise CliError(exc.message) from None
            _print_json({"valid": False, "file": Path(args.file).name, "code": exc.code, "message": exc.message})
            return 1
    if args.json:
        _print_json(info)
    else:
        print(
            _("Gói hợp lệ: {kind} năm {year} từ {sender}, ký bởi khóa {fingerprint}.").format(
                kind=info["kind"],
                year=info["year"],
                sender=info["sender"]["name"],
                fingerprint=info["signer"]["fingerprint"],
            )
        )
    return 0


def cmd_package_import(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    files = [Path(name) for name in args.files]
    with _open(args) as store:
        if args.dry_run:
            plans = _exchange_call(exchange.dry_run, store, files=files)
            if args.json:
                _print_json({"dry_run": True, "packages": [plan.to_json() for plan in plans]})
                return 0
            for plan in plans:
                report = plan.to_json()
                for kind, counts in report["counts"].items():
                    print(
                        _(
                            "{file}: {kind}: {new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} xung đột"
                        ).format(file=report["file"], kind=kind, **counts)
                    )
                for message in report["messages"]:
                    print("  " + message)
                for conflict in report["conflicts"]:
                    print("  " + _("Xung đột: {label} — {reason}").format(**conflict))
                    for field in conflict["fields"]:
                        print("    {field}: {ours} ≠ {theirs}".format(**field))
            return 0
        results = _exchange_call(exchange.import_files, store, files=files, actor="cli")
    if args.json:
        _print_json({"dry_run": False, "packages": [result.to_json() for result in results]})
    else:
        for result in results:
            print(result.message)
    return 0


def cmd_province_consolidated(args: argparse.Namespace) -> int:
    from desktop.exchange.province import consolidated

    with _open(args) as store:
        summary = consolidated(store, year=args.year)
    if args.json:
        _print_json(summary)
        return 0
    for unit in summary["units"]:
        columns = ("code", "name", "nominations", "decided", "awards")
        print("\t".join(str(unit[k] if unit[k] is not None else "") for k in columns))
    print(
        _("Tổng: {units} đơn vị, {nominations} đề nghị, {decided} đã có quyết định, {awards} khen thưởng.").format(
            **summary["totals"]
        ),
        file=sys.stderr,
    )
    return 0


def cmd_province_mode(args: argparse.Namespace) -> int:
    from desktop.exchange.province import get_mode, set_mode

    with _open(args) as store:
        if args.mode:
            _exchange_call(set_mode, store, mode=args.mode, actor="cli")
        mode = get_mode(store)
    if args.json:
        _print_json({"mode": mode})
    elif mode == "province":
        print(_("Chế độ cấp tỉnh: nhận và tổng hợp gói dữ liệu của các đơn vị, gửi quyết định về đơn vị."))
    else:
        print(_("Chế độ đơn vị: gửi hồ sơ, báo cáo lên tỉnh và nhận quyết định của tỉnh."))
    return 0


def cmd_province_attachments(args: argparse.Namespace) -> int:
    from desktop.exchange.province import list_attachments, save_attachment

    with _open(args) as store:
        rows = _exchange_call(list_attachments, store, unit_code=args.unit)
        saved = (
            [str(_exchange_call(save_attachment, store, attachment_id=r["id"], folder=Path(args.out))) for r in rows]
            if args.out
            else []
        )
    if args.json:
        _print_json({"attachments": [r | {"path": p} for r, p in zip(rows, saved, strict=True)] if saved else rows})
        return 0
    for row, path in zip(rows, saved or [""] * len(rows), strict=True):
        print("\t".join([row["unit_code"], row["unit_name"], row["name"], str(row["size"]), path]))
    print(_("Tổng: {n} tệp đính kèm.").format(n=len(rows)), file=sys.stderr)
    return 0


def _add_exchange_parsers(sub: Any) -> None:
    from desktop.exchange.format import KINDS

    keys = sub.add_parser("keys", help=_("khóa ký số và mã hóa gói dữ liệu")).add_subparsers(
        dest="keys_command", required=True, parser_class=_Parser
    )
    p = keys.add_parser("show", help=_("dấu vân tay của đơn vị và các khóa được tin cậy"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_keys_show)
    p = keys.add_parser("export-public", help=_("ghi khóa công khai ra tệp để gửi cho cấp tỉnh"))
    p.add_argument("file")
    p.set_defaults(func=cmd_keys_export_public)
    p = keys.add_parser("trust", help=_("tin cậy khóa công khai trong một tệp .tdktkey"))
    p.add_argument("file")
    p.add_argument("--role", choices=("province", "unit"))
    p.add_argument("--fingerprint", help=_("dấu vân tay đọc qua điện thoại, để đối chiếu"))
    p.add_argument(
        "--replace",
        metavar="FINGERPRINT",
        help=_("đổi khóa: thu hồi khóa cũ có dấu vân tay này và tin cậy khóa mới trong cùng một lần"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_keys_trust)

    package = sub.add_parser("package", help=_("gói dữ liệu gửi và nhận với cấp tỉnh")).add_subparsers(
        dest="package_command", required=True, parser_class=_Parser
    )
    p = package.add_parser("export", help=_("tạo gói dữ liệu"))
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--encrypt-to", metavar="FINGERPRINT")
    p.add_argument("--receiver", metavar="CODE", help=_("mã đơn vị nhận (gói quyết định của tỉnh)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_package_export)
    p = package.add_parser("verify", help=_("kiểm tra một gói mà không ghi gì"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_package_verify)
    p = package.add_parser("import", help=_("nhập gói (kiểm tra trước; --dry-run chỉ xem trước)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_package_import)

    province = sub.add_parser("province", help=_("chế độ cấp tỉnh: tổng hợp dữ liệu các đơn vị")).add_subparsers(
        dest="province_command", required=True, parser_class=_Parser
    )
    p = province.add_parser("mode", help=_("xem hoặc đổi chế độ: province (cấp tỉnh) hay unit (đơn vị)"))
    p.add_argument("mode", nargs="?", choices=("province", "unit"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_province_mode)
    p = province.add_parser("attachments", help=_("các tệp đơn vị gửi kèm gói (báo cáo thành tích)"))
    p.add_argument("--unit", metavar="CODE")
    p.add_argument("--out", metavar="FOLDER", help=_("ghi các tệp vào thư mục này để mở, in"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_province_attachments)
    p = province.add_parser("consolidated", help=_("danh sách và số liệu tổng hợp theo đơn vị"))
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_province_consolidated)


# -- certificates -------------------------------------------------------------------------------------


def _document_errors(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a document step; a template or layout problem becomes the one-line CLI error."""
    from desktop.documents.blocks import DocumentError

    try:
        return func(*args, **kwargs)
    except DocumentError as exc:
        raise CliError(str(exc)) from None


def cmd_certificates_render(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    with _open(args) as store:
        decision_id = _find_decision_id(store, args.decision, args.year)
        batch = _document_errors(
            _review_call,
            certificates.prepare_batch,
            store,
            decision_id=decision_id,
            mode=args.mode,
            printer=args.printer,
            template_id=args.template,
            serial_start=args.serial or "",
        )
        paths = _document_errors(certificates.write_batch, batch, Path(args.out), per_person=args.per_person)
        certificates.record_batch(store, batch, actor=store.actor)
    papers = sorted({certificates.paper_name(a["paper"]) for g in batch.groups for a, _d in g.rows})
    if args.json:
        _print_json(
            {
                "decision": args.decision,
                "mode": args.mode,
                "paths": [str(p) for p in paths],
                "papers": [a["paper"] for g in batch.groups for a, _d in g.rows],
                "skipped": [
                    {"register_no": a["register_no"], "name": a["snapshot_name"], "code": a["code"]}
                    for a in batch.skipped
                ],
            }
        )
        return 0
    for path in paths:
        print(path)
    print(
        _("Đã in {n} tờ ({papers}) vào {files} tệp; đã ghi vào sổ theo dõi in.").format(
            n=batch.count, papers=", ".join(papers), files=len(paths)
        )
    )
    if batch.skipped:
        names = sorted({a["code_name"] for a in batch.skipped})
        print(
            _(
                "Không in {n} dòng ({titles}): tiền thưởng và một dòng trong quyết định, không có giấy chứng nhận "
                "(bật bằng “tdkt certificates optional on --cite …”)."
            ).format(n=len(batch.skipped), titles=", ".join(names)),
            file=sys.stderr,
        )
    return 0


def cmd_certificates_optional(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    on = args.state == "on"
    with _open(args) as store:
        _review_call(certificates.set_optional_certificates, store, on=on, cite=args.cite or "", actor="cli")
    if on:
        message = _("Đã bật in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (căn cứ: {cite}).")
        print(message.format(cite=args.cite))
    else:
        print(_("Đã tắt in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến."))
    return 0


def cmd_certificates_calibration(args: argparse.Namespace) -> int:
    from desktop.documents.certificates import calibration_page

    path = _document_errors(calibration_page, Path(args.out), page_w_mm=args.width_mm, page_h_mm=args.height_mm)
    print(_("Đã ghi trang căn chỉnh máy in: {path}").format(path=path))
    return 0


def cmd_certificates_printer_set(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    with _open(args) as store:
        profile = certificates.save_printer_profile(
            store,
            name=args.name,
            offset_x_mm=args.offset_x,
            offset_y_mm=args.offset_y,
            scale=args.scale,
            actor=store.actor,
        )
    if args.json:
        _print_json(profile.to_dict())
    else:
        print(
            _("Máy in {name}: lệch ngang {x} mm, lệch dọc {y} mm, tỉ lệ {scale}.").format(
                name=profile.name,
                x=f"{profile.offset_x_mm:g}",
                y=f"{profile.offset_y_mm:g}",
                scale=f"{profile.scale:g}",
            )
        )
    return 0


def cmd_certificates_register(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    with _open(args) as store:
        decision_id = _find_decision_id(store, args.decision, args.year) if args.decision else None
        rows = certificates.print_register(store, decision_id=decision_id)
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        extra = "; ".join(row["reprint_reasons"])
        print(
            f"{row['decision_number']}\t{row['register_no']}\t{row['name']}\t{row['times_printed']}\t"
            f"{', '.join(row['serials'])}\t{extra}"
        )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    text = args.payload
    candidate = Path(text)
    if len(text) < 1024 and "|" not in text and candidate.is_file():
        text = certificates.read_scan_file(candidate)
    with _open(args) as store:
        result = certificates.verify(store, payload=text)
    if args.json:
        _print_json(result)
    else:
        print(result["message"])
    # 0 only for a paper that can be trusted today: genuine, and (ours) in the register on a decision in force
    return 0 if result["valid"] else 1


def _add_certificates_parsers(sub: Any) -> None:
    certificates = sub.add_parser(
        "certificates", help=_("in giấy khen, bằng chứng nhận, giấy chứng nhận theo quyết định")
    ).add_subparsers(dest="certificates_command", required=True, parser_class=_Parser)
    p = certificates.add_parser(
        "render",
        help=_(
            "in giấy khen, bằng chứng nhận của một quyết định ra PDF, mỗi khen thưởng đúng loại giấy của nó "
            "(ghi vào sổ theo dõi in)"
        ),
    )
    p.add_argument("--decision", required=True, metavar="NUMBER", help=_("số quyết định, ví dụ 125/QĐ-UBND"))
    p.add_argument("--year", type=_year_arg, help=_("năm ký quyết định, khi số quyết định trùng giữa các năm"))
    p.add_argument(
        "--mode", choices=("full", "preprinted"), default="full", help=_("full: giấy trắng; preprinted: phôi")
    )
    p.add_argument("--printer", metavar="NAME", help=_("tên máy in: dùng độ lệch đã căn chỉnh cho máy đó"))
    p.add_argument("--per-person", action="store_true", help=_("mỗi người một tệp; --out là thư mục"))
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument(
        "--template", metavar="ID", help=_("mã mẫu, ví dụ giay_khen_a4 (mặc định: theo loại giấy của khen thưởng)")
    )
    p.add_argument("--serial", metavar="SERIAL", help=_("số sê-ri của tờ phôi đầu tiên (các tờ sau tăng dần)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_certificates_render)
    p = certificates.add_parser("calibration-page", help=_("trang căn chỉnh máy in có thước và dấu thập"))
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--width-mm", type=_number_arg, default=297.0)
    p.add_argument("--height-mm", type=_number_arg, default=210.0)
    p.set_defaults(func=cmd_certificates_calibration)
    printer = certificates.add_parser("printer", help=_("độ lệch của máy in")).add_subparsers(
        dest="printer_command", required=True, parser_class=_Parser
    )
    p = printer.add_parser("set", help=_("ghi độ lệch (mm) và tỉ lệ của một máy in"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--offset-x", type=_number_arg, required=True, metavar="MM")
    p.add_argument("--offset-y", type=_number_arg, required=True, metavar="MM")
    p.add_argument("--scale", type=_number_arg, default=1.0, metavar="S")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_certificates_printer_set)
    p = certificates.add_parser(
        "register", help=_("sổ theo dõi giấy khen, bằng chứng nhận đã in: số lần in, số phôi, lý do in lại")
    )
    p.add_argument("--decision", metavar="NUMBER")
    p.add_argument("--year", type=_year_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_certificates_register)

    p = certificates.add_parser(
        "optional",
        help=_(
            "bật/tắt in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (mặc định không in: "
            "tiền thưởng và một dòng trong quyết định)"
        ),
    )
    p.add_argument("state", choices=("on", "off"))
    p.add_argument("--cite", help=_("văn bản của tỉnh hoặc đơn vị quyết định việc này (bắt buộc)"))
    p.set_defaults(func=cmd_certificates_optional)

    p = sub.add_parser(
        "verify", help=_("kiểm tra mã QR trên giấy khen, bằng chứng nhận: thật hay giả, loại giấy nào, đơn vị nào cấp")
    )
    p.add_argument(
        "payload", metavar="PAYLOAD_OR_IMAGE_TEXT", help=_("nội dung mã QR, hoặc tệp chữ do máy quét ghi ra")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)


# -- collectives and their yearly rating ----------------------------------------------------------


def cmd_collective_rate(args: argparse.Namespace) -> int:
    from desktop.ops import collectives

    with _open(args) as store:
        department = collectives.department_by_name(store, args.department)
        result = collectives.set_collective_rating(
            store,
            department_id=int(department["id"]),
            year=args.year,
            rating=args.rating,
            notes=args.notes or "",
            actor="cli",
        )
    if args.json:
        _print_json(result)
        return 0
    print(
        _("Đã ghi xếp loại năm {year} của tập thể “{name}”: {label} ({rating}).").format(
            year=result["year"],
            name=result["department"]["name"],
            label=result["rating_label"],
            rating=result["rating"],
        )
    )
    if result["previous"] and result["previous"] != result["rating"]:
        print(_("Xếp loại trước đó: {rating}.").format(rating=result["previous"]), file=sys.stderr)
    return 0


def cmd_collective_remove(args: argparse.Namespace) -> int:
    from desktop.ops import collectives

    with _open(args) as store:
        department = collectives.department_by_name(store, args.department)
        collectives.check_year(args.year)
        collectives.remove_collective_rating(store, department_id=int(department["id"]), year=args.year, actor="cli")
    print(_("Đã xóa xếp loại năm {year} của tập thể “{name}”.").format(year=args.year, name=department["name"]))
    return 0


def cmd_collective_list(args: argparse.Namespace) -> int:
    from desktop.ops import collectives

    with _open(args) as store:
        if args.year is not None:
            collectives.check_year(args.year)
        rows = collectives.list_collectives(store, year=args.year, include_inactive=args.all)
    if args.json:
        _print_json({"year": args.year, "count": len(rows), "collectives": rows})
        return 0
    for row in rows:
        if args.year is not None:
            rated = f"{row['rating']} ({row['rating_label']})" if row["rating"] else _("chưa xếp loại")
        else:
            rated = ", ".join(f"{r['year']}: {r['rating']}" for r in row["ratings"]) or _("chưa xếp loại")
        state = "" if row["active"] else _("đã ngừng")
        members = _("{n} thành viên").format(n=row["members"])
        print("\t".join(part for part in (row["name"], members, rated, state) if part))
    print(_("Tổng: {n} tập thể").format(n=len(rows)), file=sys.stderr)
    return 0


def _print_collective_ratings(data: dict[str, Any]) -> None:
    """The collectives' own ratings of the report's year, one tab-separated line each (``tdkt report``)."""
    rows = data.get("collective_ratings") or []
    if not rows:
        return
    print(_("Xếp loại tập thể năm {year}:").format(year=data["year"]))
    for row in rows:
        rated = f"{row['rating']} ({row['rating_label']})" if row["rating"] else _("chưa xếp loại")
        print("\t".join([row["name"], rated, _("{n} thành viên").format(n=row["members"])]))


def _add_collective_parsers(sub: Any) -> None:
    collective = sub.add_parser(
        "collective", help=_("tập thể (phòng ban, tổ, thôn) và xếp loại hằng năm")
    ).add_subparsers(dest="collective_command", required=True, parser_class=_Parser)
    p = collective.add_parser("rate", help=_("ghi (hoặc sửa) xếp loại của một tập thể trong một năm"))
    p.add_argument("--department", required=True, metavar="NAME", help=_("tên phòng ban, tập thể"))
    p.add_argument("--year", required=True, type=_year_arg, metavar="YYYY")
    p.add_argument("--rating", required=True, metavar="HTXSNV|HTTNV|HTNV|KHTNV")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_collective_rate)
    p = collective.add_parser("remove", help=_("xóa xếp loại nhập nhầm của một tập thể trong một năm"))
    p.add_argument("--department", required=True, metavar="NAME")
    p.add_argument("--year", required=True, type=_year_arg, metavar="YYYY")
    p.set_defaults(func=cmd_collective_remove)
    p = collective.add_parser("list", help=_("các tập thể, số thành viên và xếp loại theo năm"))
    p.add_argument("--year", type=_year_arg, metavar="YYYY", help=_("xếp loại và thành viên của năm này"))
    p.add_argument("--all", action="store_true", help=_("cả tập thể đã ngừng sử dụng"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_collective_list)


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
    p.add_argument(
        "--standing-agency",
        help=_("cơ quan thường trực Hội đồng Thi đua - Khen thưởng, lập tờ trình (ví dụ: Phòng Văn hóa - Xã hội)"),
    )
    p.add_argument("--standing-agency-head-title", help=_("chức vụ người ký tờ trình (ví dụ: Trưởng phòng)"))
    p.add_argument("--standing-agency-head-name", help=_("họ tên người ký tờ trình"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help=_("tạo dữ liệu mẫu cho một xã"))
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help=_("dựng dữ liệu mẫu như thể hôm nay là ngày này (năm của ngày này là năm đang bình xét)"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo)

    staff = sub.add_parser("staff", help=_("cán bộ")).add_subparsers(
        dest="staff_command", required=True, parser_class=_Parser
    )
    p = staff.add_parser("list", help=_("danh sách cán bộ"))
    p.add_argument("--search")
    p.add_argument("--all", action="store_true", help=_("cả người đã thôi công tác"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_staff_list)
    p = staff.add_parser("import", help=_("nhập từ tệp .xlsx/.csv"))
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_staff_import)
    p = staff.add_parser("export", help=_("xuất ra tệp .xlsx"))
    p.add_argument("file")
    p.add_argument("--all", action="store_true", help=_("cả người đã thôi công tác"))
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
    p.add_argument("--year", type=_year_arg, required=True)
    p.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help=_("ngày dự kiến ký quyết định (mặc định 31/12 của năm): xét theo quy định của ngày đó"),
    )
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
    p.add_argument(
        "--on", metavar="YYYY-MM-DD", help=_("xem bộ quy tắc như có hiệu lực vào ngày này (mặc định: hôm nay)")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rules_show)
    p = rules.add_parser("check", help=_("kiểm tra một tệp quy tắc riêng của tỉnh (.toml)"))
    p.add_argument("file")
    p.set_defaults(func=cmd_rules_check)

    _add_review_parsers(sub)
    _add_exchange_parsers(sub)
    _add_movement_parsers(sub)
    _add_documents_parsers(sub)
    _add_certificates_parsers(sub)
    _add_collective_parsers(sub)

    p = sub.add_parser("check", help=_("kiểm tra tính toàn vẹn của cơ sở dữ liệu"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    backup = sub.add_parser("backup", help=_("sao lưu và khôi phục dữ liệu")).add_subparsers(
        dest="backup_command", required=True, parser_class=_Parser
    )
    p = backup.add_parser("create", help=_("sao lưu ngay (rồi kiểm tra bản sao)"))
    p.add_argument("--folder", metavar="F", help=_("thư mục sao lưu (mặc định: thư mục đã chọn trong chương trình)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup_create)
    p = backup.add_parser("list", help=_("các bản sao lưu, mới nhất trước"))
    p.add_argument("--folder", metavar="F")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup_list)
    p = backup.add_parser("restore", help=_("khôi phục dữ liệu từ một bản sao lưu"))
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=_("không hỏi lại"))
    p.add_argument(
        "--unverified",
        action="store_true",
        help=_("cho phép khôi phục một tệp không có mã kiểm tra đi kèm (luôn phải gõ xác nhận)"),
    )
    p.set_defaults(func=cmd_backup_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    language = "vi"
    if "--lang" in args_list:
        index = args_list.index("--lang")
        if index + 1 < len(args_list):
            language = args_list[index + 1]
    set_language(language)  # before building the parser, so its help texts are translated too
    for arg in args_list:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 (a file name from an old FAT stick, a bad paste)
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            print(
                _(
                    "Lỗi dòng lệnh: “{arg}” có ký tự không đọc được (không phải chữ UTF-8); hãy gõ lại hoặc đổi tên tệp."
                ).format(arg=shown),
                file=sys.stderr,
            )
            return 2
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
