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

COMMANDS = ("init", "demo", "staff", "history", "check")


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
