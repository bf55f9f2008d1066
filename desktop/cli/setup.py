"""``tdkt init`` (the unit), ``tdkt unit official …`` (its signers by term, :mod:`desktop.cli.unit`) and ``tdkt demo``
(the demo commune)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli import unit
from desktop.cli.common import CliError, add_command, in_store, optional_day, options, reply, texts
from desktop.domain.codes import UNIT_KINDS
from desktop.i18n import _
from desktop.ops.setup import ExchangeCodeChange, check_unit_input, init_unit


def init(args: argparse.Namespace) -> int:
    unit_options = options(args, "unit_name", "commune_code", "unit_kind")
    # options left out keep what was recorded
    head = texts(args, "head_title", "head_name", "place_name")
    agency = texts(args, "standing_agency", "standing_agency_head_title", "standing_agency_head_name")
    # checked before the file is opened: a refused init makes no database (and removes one it made, in_store)
    check_unit_input(unit_name=args.unit_name, commune_code=args.commune_code, **head, **agency)
    try:
        unit = in_store(
            args,
            init_unit,
            must_be_set_up=False,
            may_create=True,
            change_exchange_code=args.change_exchange_code,
            **unit_options,
            **head,
            **agency,
        )
    except ExchangeCodeChange as refused:
        hint = _("{reason} Nếu chắc chắn, chạy lại với --change-exchange-code.")
        raise CliError(hint.format(reason=refused)) from None
    message = _("Đã lưu đơn vị: {name} ({commune}, {province}).")
    text = message.format(name=unit["name"], commune=unit["commune_name"], province=unit["province_name"])
    return reply(args, {"unit": unit}, text)


def demo(args: argparse.Namespace) -> int:
    from desktop.ops.demo import fill_demo

    today = optional_day(args.today)
    summary = in_store(args, fill_demo, must_be_set_up=False, may_create=True, today=today)
    return reply(args, summary, _("Đã tạo dữ liệu mẫu: {staff} cán bộ, {departments} phòng ban.").format(**summary))


def register(sub: Any) -> None:
    p = add_command(sub, "init", init, _("khai báo đơn vị"), json=True)
    p.add_argument("--unit-name", required=True)
    p.add_argument("--commune-code", required=True)
    p.add_argument("--unit-kind", choices=tuple(UNIT_KINDS))
    p.add_argument("--head-title")
    p.add_argument("--head-name")
    p.add_argument("--place-name")
    p.add_argument(
        "--standing-agency",
        help=_("cơ quan thường trực Hội đồng Thi đua - Khen thưởng, lập tờ trình (ví dụ: Phòng Văn hóa - Xã hội)"),
    )
    p.add_argument("--standing-agency-head-title", help=_("chức vụ người ký tờ trình (ví dụ: Trưởng phòng)"))
    p.add_argument("--standing-agency-head-name", help=_("họ tên người ký tờ trình"))
    p.add_argument(
        "--change-exchange-code",
        action="store_true",
        help=_("cho phép đổi mã đơn vị trong gói dữ liệu khi đã trao đổi khóa hoặc gói với cấp trên"),
    )

    unit.register(sub)

    p = add_command(sub, "demo", demo, _("tạo dữ liệu mẫu cho một xã"), json=True)
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help=_("dựng dữ liệu mẫu như thể hôm nay là ngày này (năm của ngày này là năm đang bình xét)"),
    )
