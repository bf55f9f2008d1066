"""``tdkt documents render``: one document of the yearly review, as .pdf, .docx or .xlsx."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import add_command, add_group, open_store, options, reply, whole_arg, year_arg
from desktop.i18n import _

# Same as desktop.documents.review_docs.KINDS, written out so building the parser imports no document code.
DOCUMENT_KINDS = ("proposal", "proposal_list", "minutes", "decision", "payment", "achievement_report", "register")


def render(args: argparse.Namespace) -> int:
    from desktop.documents.review_docs import KIND_NAMES
    from desktop.ops.documents import department_id_by_name, render_document, staff_id_by_code

    document = options(args, "kind", "upward", decision_number="decision", decision_year="year")
    document |= options(args, round_id="round", nomination_id="nomination", dossier_id="dossier")
    with open_store(args) as store:
        path = render_document(
            store,
            out=Path(args.out),
            **document,
            staff_id=staff_id_by_code(store, args.staff) if args.staff else None,
            department_id=department_id_by_name(store, args.department) if args.department else None,
        )
    return reply(
        args,
        {"kind": args.kind, "path": str(path)},
        _("Đã ghi {name}: {path}").format(name=_(KIND_NAMES[args.kind]), path=path),
    )


def register(sub: Any) -> None:
    add_group(
        sub,
        "documents",
        _("văn bản: tờ trình, biên bản, quyết định, danh sách chi tiền, sổ khen thưởng"),
        _documents_commands,
    )


def _documents_commands(documents: Any) -> None:
    p = add_command(
        documents, "render", render, _("xuất một văn bản ra tệp .pdf, .docx hoặc .xlsx (theo đuôi tệp)"), json=True
    )
    p.add_argument("--kind", required=True, choices=DOCUMENT_KINDS)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="NUMBER", help=_("số quyết định, ví dụ 125/QĐ-UBND"))
    which.add_argument("--round", type=whole_arg, metavar="ID", help=_("mã đợt bình xét"))
    which.add_argument("--nomination", type=whole_arg, metavar="ID", help=_("mã đề nghị"))
    which.add_argument("--staff", metavar="CODE", help=_("mã cán bộ"))
    which.add_argument("--department", metavar="NAME", help=_("tên tập thể"))
    p.add_argument("--year", type=year_arg, help=_("năm ký quyết định, khi số quyết định trùng giữa các năm"))
    p.add_argument("--upward", action="store_true", help=_("danh sách đề nghị lên cấp trên"))
    p.add_argument(
        "--dossier", type=whole_arg, metavar="ID", help=_("với --upward: in lại tờ trình của một hồ sơ đã gửi")
    )
    p.add_argument("--out", required=True, metavar="FILE")
