"""``tdkt staff list|import|export``: the people of the unit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import add_command, add_group, done, import_reply, in_store, print_rows, reply
from desktop.domain.dates import format_date
from desktop.i18n import _
from desktop.ops.staff import list_staff
from desktop.ops.staff_import import export_staff, import_staff_file

# The keys of a person in `tdkt staff list --json` (docs/cli.md), besides "is_leader".
_STAFF_KEYS = (
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


def _staff_json(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in _STAFF_KEYS} | {"is_leader": bool(row["is_leader"])}


def _staff_line(row: dict[str, Any]) -> list[str]:
    left = _("đã thôi công tác") if row["end_date"] else ""
    birth = format_date(row["birth_date"])
    return [row["staff_code"], row["full_name"], birth, row["position"], row["department"] or "", left]


def list_(args: argparse.Namespace) -> int:
    rows = in_store(args, list_staff, search=args.search or "", include_left=args.all)
    return reply(
        args,
        lambda: {"count": len(rows), "staff": [_staff_json(row) for row in rows]},
        lambda: print_rows(map(_staff_line, rows), total=_("Tổng: {n} người").format(n=len(rows))),
    )


def import_(args: argparse.Namespace) -> int:
    return import_reply(args, in_store(args, import_staff_file, Path(args.file), dry_run=args.dry_run))


def export(args: argparse.Namespace) -> int:
    count = in_store(args, export_staff, Path(args.file), include_left=args.all)
    return done(_("Đã xuất {n} cán bộ ra {path}.").format(n=count, path=args.file))


def register(sub: Any) -> None:
    add_group(sub, "staff", _("cán bộ"), _staff_commands)


def _staff_commands(staff: Any) -> None:
    p = add_command(staff, "list", list_, _("danh sách cán bộ"), json=True)
    p.add_argument("--search")
    p.add_argument("--all", action="store_true", help=_("cả người đã thôi công tác"))
    p = add_command(staff, "import", import_, _("nhập từ tệp .xlsx/.csv"), json=True)
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p = add_command(staff, "export", export, _("xuất ra tệp .xlsx"))
    p.add_argument("file")
    p.add_argument("--all", action="store_true", help=_("cả người đã thôi công tác"))
