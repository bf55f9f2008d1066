"""``tdkt report``: the award figures of a year, or of one movement's review rounds."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.collective import print_collective_ratings
from desktop.cli.common import add_command, open_store, print_rows, reply, whole_arg, year_arg
from desktop.i18n import _


def _print_report(year: int, data: dict[str, Any]) -> None:
    print(
        _("Năm {year}: {total} lượt khen thưởng ({titles} danh hiệu, {forms} hình thức khen thưởng)").format(
            year=year, total=data["total"], titles=data["titles_total"], forms=data["award_forms_total"]
        )
    )
    print_rows(data["titles"] + data["award_forms"], ("key", "count", "label"))
    for line in data["highlights"]:
        print(line)
    print_collective_ratings(data)


def report(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with open_store(args) as store:
        data = movements.report(store, year=args.year, movement_id=args.movement)
        if args.out:
            movements.export_report(store, year=args.year, movement_id=args.movement, out=args.out)
    return reply(args, data, lambda: _print_report(args.year, data))


def register(sub: Any) -> None:
    p = add_command(sub, "report", report, _("báo cáo thống kê khen thưởng theo năm, theo phong trào"), json=True)
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--movement", type=whole_arg, metavar="ID")
    p.add_argument("--out", metavar="FILE.pdf|.xlsx")
