"""``tdkt collective rate|remove|list|rename``: collectives (phòng ban, tổ, thôn), their yearly rating, their name."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import add_command, add_group, done, note, open_store, print_rows, reply, year_arg
from desktop.cli.unit import term_day
from desktop.domain.codes import DEPARTMENT_KINDS
from desktop.domain.dates import format_date, iso
from desktop.i18n import _
from desktop.ops import collectives, unit


def _rated(row: dict[str, Any]) -> str:
    """ "HTTNV (Hoàn thành tốt nhiệm vụ)", or "chưa xếp loại"."""
    return f"{row['rating']} ({row['rating_label']})" if row["rating"] else _("chưa xếp loại")


def _members(row: dict[str, Any]) -> str:
    return _("{n} thành viên").format(n=row["members"])


def print_collective_ratings(data: dict[str, Any]) -> None:
    """The collectives' own ratings of a report's year (``tdkt report``), one tab-separated line each."""
    rows = data.get("collective_ratings") or []
    if rows:
        print(_("Xếp loại tập thể năm {year}:").format(year=data["year"]))
        print_rows([row["name"], _rated(row), _members(row)] for row in rows)


def rate(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        department = collectives.department_by_name(store, args.department)
        result = collectives.set_collective_rating(
            store,
            department_id=int(department["id"]),
            year=args.year,
            rating=args.rating,
            notes=args.notes or "",
        )

    def text() -> None:
        print(
            _("Đã ghi xếp loại năm {year} của tập thể “{name}”: {label} ({rating}).").format(
                year=result["year"],
                name=result["department"]["name"],
                label=result["rating_label"],
                rating=result["rating"],
            )
        )
        if result["previous"] and result["previous"] != result["rating"]:
            note(_("Xếp loại trước đó: {rating}.").format(rating=result["previous"]))

    return reply(args, result, text)


def remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        department = collectives.department_by_name(store, args.department)
        collectives.check_year(args.year)
        collectives.remove_collective_rating(store, department_id=int(department["id"]), year=args.year)
    return done(_("Đã xóa xếp loại năm {year} của tập thể “{name}”.").format(year=args.year, name=department["name"]))


def _collective_line(row: dict[str, Any], year: int | None) -> list[str]:
    if year is not None:
        rated = _rated(row)
    else:
        rated = ", ".join(f"{r['year']}: {r['rating']}" for r in row["ratings"]) or _("chưa xếp loại")
    state = "" if row["active"] else _("đã ngừng")
    return [part for part in (row["name"], _members(row), rated, state) if part]


def list_(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.year is not None:
            collectives.check_year(args.year)
        rows = collectives.list_collectives(store, year=args.year, include_inactive=args.all)
    return reply(
        args,
        {"year": args.year, "count": len(rows), "collectives": rows},
        lambda: print_rows(
            (_collective_line(row, args.year) for row in rows), total=_("Tổng: {n} tập thể").format(n=len(rows))
        ),
    )


def rename(args: argparse.Namespace) -> int:
    """A new name from a day on (``--from``, today when left out), or a misspelt name corrected (``--correction``)."""
    day = term_day(args.start) if args.start else None
    with open_store(args) as store:
        department = collectives.department_by_name(store, args.department)
        department_id = int(department["id"])
        unit.rename_department(
            store,
            department_id=department_id,
            name=args.name,
            kind=args.kind,
            valid_from=day,
            correction=args.correction,
        )
        row = collectives.get_department(store, department_id)
        names = unit.name_history(store, department_id=department_id)
    result = {
        "department": {key: row[key] for key in ("id", "uuid", "name", "kind")},
        "previous_name": department["name"],
        "names": [
            {"name": n["name"], "valid_from": iso(n["valid_from"]), "valid_to": iso(n["valid_to"])} for n in names
        ],
    }

    def text() -> None:
        old, new = department["name"], row["name"]
        if old == new:
            print(_("Tên của tập thể “{name}” không đổi.").format(name=new))
        elif args.correction:
            print(_("Đã sửa tên “{old}” thành “{new}” (cho cả thời gian trước).").format(old=old, new=new))
        else:
            start = next((n["valid_from"] for n in reversed(names) if n["name"] == new), None)
            print(
                _("Đã đổi tên “{old}” thành “{new}” từ ngày {date}.").format(old=old, new=new, date=format_date(start))
            )

    return reply(args, result, text)


def register(sub: Any) -> None:
    add_group(sub, "collective", _("tập thể (phòng ban, tổ, thôn) và xếp loại hằng năm"), _collective_commands)


def _collective_commands(collective: Any) -> None:
    p = add_command(collective, "rate", rate, _("ghi (hoặc sửa) xếp loại của một tập thể trong một năm"), json=True)
    p.add_argument("--department", required=True, metavar="NAME", help=_("tên phòng ban, tập thể"))
    p.add_argument("--year", required=True, type=year_arg, metavar="YYYY")
    p.add_argument("--rating", required=True, metavar="HTXSNV|HTTNV|HTNV|KHTNV")
    p.add_argument("--notes", metavar="TEXT")
    p = add_command(collective, "remove", remove, _("xóa xếp loại nhập nhầm của một tập thể trong một năm"))
    p.add_argument("--department", required=True, metavar="NAME")
    p.add_argument("--year", required=True, type=year_arg, metavar="YYYY")
    p = add_command(collective, "list", list_, _("các tập thể, số thành viên và xếp loại theo năm"), json=True)
    p.add_argument("--year", type=year_arg, metavar="YYYY", help=_("xếp loại và thành viên của năm này"))
    p.add_argument("--all", action="store_true", help=_("cả tập thể đã ngừng sử dụng"))
    p = add_command(
        collective, "rename", rename, _("đổi tên một tập thể từ một ngày, hoặc sửa tên viết sai"), json=True
    )
    p.add_argument("--department", required=True, metavar="NAME", help=_("tên hiện tại của phòng ban, tập thể"))
    p.add_argument("--name", required=True, metavar="NEW", help=_("tên mới"))
    p.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=_("ngày bắt đầu dùng tên mới (DD/MM/YYYY; bỏ trống: hôm nay); văn bản ghi ngày trước đó giữ tên cũ"),
    )
    p.add_argument(
        "--correction", action="store_true", help=_("tên hiện tại viết sai: tên mới thay nó cho cả thời gian trước")
    )
    p.add_argument("--kind", choices=tuple(DEPARTMENT_KINDS), help=_("loại mới (bỏ trống: giữ loại cũ)"))
