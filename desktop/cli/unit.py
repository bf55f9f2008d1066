"""``tdkt unit official add|end|remove|list``: who held the unit's head and deputy posts, from which day to which."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from desktop.cli.common import CliError, add_command, add_group, in_store, print_rows, reply, whole_arg
from desktop.domain.dates import DateError, format_date, parse_date
from desktop.i18n import _
from desktop.ops import officials

_DATE_FORMS = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}")


def term_day(text: str) -> date:
    """A date written DD/MM/YYYY or YYYY-MM-DD; anything else refuses the command (exit 1)."""
    value = text.strip()
    try:
        found = parse_date(value) if _DATE_FORMS.fullmatch(value) else None
    except DateError as exc:
        raise CliError(str(exc)) from None
    if found is None:
        raise CliError(
            _("Ngày “{value}” không hợp lệ; hãy ghi dạng DD/MM/YYYY hoặc YYYY-MM-DD, ví dụ 01/07/2021.").format(
                value=text
            )
        )
    return found


def _term_text(row: dict[str, Any]) -> str:
    end = officials.term_end_text(row["end_date"])
    return _("{title} {name}, từ {start} đến {end}").format(
        title=row["title"], name=row["full_name"], start=format_date(row["start_date"]), end=end
    )


def add(args: argparse.Namespace) -> int:
    start = term_day(args.start)
    end = term_day(args.end) if args.end else None

    def run(store: Any) -> dict[str, Any]:
        official_id = officials.add_official(
            store, role=args.role, title=args.title, full_name=args.name, start_date=start, end_date=end
        )
        return officials.get_official(store, official_id)

    row = in_store(args, run)
    return reply(args, row, _("Đã ghi nhiệm kỳ số {id}: {term}.").format(id=row["id"], term=_term_text(row)))


def end(args: argparse.Namespace) -> int:
    day = term_day(args.end)

    def run(store: Any) -> dict[str, Any]:
        officials.end_term(store, official_id=args.id, end_date=day)
        return officials.get_official(store, args.id)

    row = in_store(args, run)
    return reply(args, row, _("Đã kết thúc nhiệm kỳ số {id}: {term}.").format(id=row["id"], term=_term_text(row)))


def remove(args: argparse.Namespace) -> int:
    in_store(args, officials.remove_official, official_id=args.id)
    return reply(args, {"removed": args.id}, _("Đã xóa nhiệm kỳ số {id}.").format(id=args.id))


def list_terms(args: argparse.Namespace) -> int:
    rows = in_store(args, officials.list_officials)

    def text() -> None:
        if not rows:
            print(_("Chưa ghi nhiệm kỳ nào; người ký quyết định không được kiểm tra theo ngày ký."))
            return
        shown = [
            {
                "id": row["id"],
                "role": _(officials.ROLES[row["role"]]),
                "title": row["title"],
                "name": row["full_name"],
                "start": format_date(row["start_date"]),
                "end": officials.term_end_text(row["end_date"]),
            }
            for row in rows
        ]
        print_rows(shown, ("id", "role", "title", "name", "start", "end"))

    return reply(args, rows, text)


def register(sub: Any) -> None:
    add_group(sub, "unit", _("thông tin đơn vị: người ký quyết định theo nhiệm kỳ"), _unit_commands)


def _unit_commands(unit: Any) -> None:
    add_group(unit, "official", _("nhiệm kỳ của người đứng đầu và cấp phó (người ký quyết định)"), _official_commands)


def _official_commands(official: Any) -> None:
    p = add_command(official, "add", add, _("ghi một nhiệm kỳ"), json=True)
    p.add_argument(
        "--role", choices=tuple(officials.ROLES), required=True, help=_("head: người đứng đầu; deputy: cấp phó")
    )
    p.add_argument("--title", required=True, help=_("chức vụ ghi khi ký (ví dụ: Chủ tịch, Phó Chủ tịch)"))
    p.add_argument("--name", required=True, help=_("họ tên"))
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help=_("ngày bắt đầu (DD/MM/YYYY)"))
    p.add_argument("--to", dest="end", metavar="DATE", help=_("ngày cuối cùng giữ chức vụ (bỏ trống: đến nay)"))

    p = add_command(official, "end", end, _("kết thúc một nhiệm kỳ"), json=True)
    p.add_argument("--id", type=whole_arg, required=True)
    p.add_argument("--to", dest="end", required=True, metavar="DATE", help=_("ngày cuối cùng giữ chức vụ"))

    p = add_command(official, "remove", remove, _("xóa một nhiệm kỳ nhập nhầm"), json=True)
    p.add_argument("--id", type=whole_arg, required=True)

    add_command(official, "list", list_terms, _("liệt kê các nhiệm kỳ"), json=True)
