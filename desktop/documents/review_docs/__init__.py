"""The yearly-review documents, each described once as a :class:`~desktop.documents.blocks.Document`.

``build_<kind>(doc)`` turns the plain data of :mod:`desktop.documents.review_data` into blocks that
:mod:`~desktop.documents.admin_pdf` and :mod:`~desktop.documents.admin_docx` render the same way, and
``list_rows_<kind>(doc)`` gives the same list as rows for :func:`~desktop.documents.xlsx_lists.write_list_xlsx`.
:func:`render` is the one entry point used by the ops layer, the CLI and the window.

Style follows Nghị định 30/2020/NĐ-CP. One deliberate choice: a People's Committee (Ủy ban nhân dân) has no
governing body above it in the header ("ỦY BAN NHÂN DÂN / XÃ LŨNG CÚ", NĐ 30 Phụ lục I, mục II.3), so the
unit's ``parent_body`` is printed only for other issuers (a school, an office under the commune). Attached
lists, the money list and the register are printed in landscape, where every column fits on one line.

Everything printed here is the text of a Vietnamese administrative document, so it is data, not translated;
only the error messages are user interface text.

The package, by document: :mod:`.proposal`, :mod:`.minutes`, :mod:`.decision` (with the payment list),
:mod:`.report`, :mod:`.register`; :mod:`.common` holds the words and parts they share and :mod:`.sheets` the
.xlsx lists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.documents import blocks as b
from desktop.documents.review_data import (
    AchievementReportDoc,
    DecisionDoc,
    MinutesDoc,
    PaymentListDoc,
    ProposalDoc,
    RegisterDoc,
)
from desktop.documents.review_docs.common import BLANK, LONG_BLANK, PEOPLES_COMMITTEE, unit_phrase
from desktop.documents.review_docs.decision import build_decision, build_payment, list_rows_decision, list_rows_payment
from desktop.documents.review_docs.minutes import build_minutes
from desktop.documents.review_docs.proposal import build_proposal, build_proposal_list, list_rows_proposal_list
from desktop.documents.review_docs.register import build_register, list_rows_register
from desktop.documents.review_docs.report import build_achievement_report
from desktop.documents.review_docs.sheets import XlsxList, write_xlsx
from desktop.i18n import N_, _

KINDS = ("proposal", "proposal_list", "minutes", "decision", "payment", "achievement_report", "register")


LIST_KINDS = ("proposal_list", "decision", "payment", "register")  # the kinds that also export to .xlsx


FORMATS = ("pdf", "docx", "xlsx")


KIND_NAMES: dict[str, str] = {
    "proposal": N_("Tờ trình đề nghị khen thưởng"),
    "proposal_list": N_("Danh sách đề nghị khen thưởng"),
    "minutes": N_("Biên bản họp Hội đồng Thi đua - Khen thưởng"),
    "decision": N_("Quyết định khen thưởng"),
    "payment": N_("Danh sách chi tiền thưởng"),
    "achievement_report": N_("Báo cáo thành tích"),
    "register": N_("Sổ theo dõi khen thưởng"),
}


_DOC_TYPES: dict[str, type] = {
    "proposal": ProposalDoc,
    "proposal_list": ProposalDoc,
    "minutes": MinutesDoc,
    "decision": DecisionDoc,
    "payment": PaymentListDoc,
    "achievement_report": AchievementReportDoc,
    "register": RegisterDoc,
}


BUILDERS: dict[str, Callable[[Any], b.Document]] = {
    "proposal": build_proposal,
    "proposal_list": build_proposal_list,
    "minutes": build_minutes,
    "decision": build_decision,
    "payment": build_payment,
    "achievement_report": build_achievement_report,
    "register": build_register,
}


LIST_ROWS: dict[str, Callable[[Any], XlsxList]] = {
    "proposal_list": list_rows_proposal_list,
    "decision": list_rows_decision,
    "payment": list_rows_payment,
    "register": list_rows_register,
}


def formats_for(kind: str) -> tuple[str, ...]:
    """The file formats a kind can be written to ("pdf", "docx", and "xlsx" for the lists)."""
    return FORMATS if kind in LIST_KINDS else FORMATS[:2]


def build(kind: str, doc: Any) -> b.Document:
    """The blocks of ``doc`` as document ``kind``; a clear error for an unknown kind or the wrong data."""
    _check(kind, doc)
    return BUILDERS[kind](doc)


def _check(kind: str, doc: Any) -> None:
    if kind not in KINDS:
        raise b.DocumentError(
            _("Không có loại văn bản “{kind}”; các loại có: {kinds}.").format(kind=kind, kinds=", ".join(KINDS))
        )
    expected = _DOC_TYPES[kind]
    if not isinstance(doc, expected):
        raise b.DocumentError(
            _("Dữ liệu không đúng cho văn bản “{name}”: cần {expected}, nhận được {found}.").format(
                name=_(KIND_NAMES[kind]), expected=expected.__name__, found=type(doc).__name__
            )
        )


def render(kind: str, doc: Any, out: Path | str, fmt: str | None = None) -> Path:
    """Write ``doc`` as document ``kind`` to ``out``; the format comes from ``fmt`` or the file's suffix.

    .pdf and .docx for every kind; .xlsx only for the lists (danh sách đề nghị, the decision's attached list,
    the money list and the register). Files are replaced atomically; returns the path written.
    """
    target = Path(out)
    _check(kind, doc)
    chosen = (fmt or target.suffix).lower().lstrip(".")
    if chosen not in FORMATS:
        raise b.DocumentError(
            _(
                "Không xuất được tệp {path}: định dạng “{format}” không được hỗ trợ; hãy dùng .pdf, .docx hoặc .xlsx."
            ).format(path=target, format=chosen or "?")
        )
    if chosen == "xlsx":
        if kind not in LIST_KINDS:
            raise b.DocumentError(
                _(
                    "Không xuất được tệp {path}: “{name}” không phải là danh sách nên không có bản Excel; "
                    "hãy chọn .pdf hoặc .docx."
                ).format(path=target, name=_(KIND_NAMES[kind]))
            )
        return write_xlsx(LIST_ROWS[kind](doc), target)
    document = BUILDERS[kind](doc)
    if chosen == "pdf":
        from desktop.documents.admin_pdf import render_pdf

        return render_pdf(document, target)
    from desktop.documents.admin_docx import render_docx

    return render_docx(document, target)


__all__ = [
    "BLANK",
    "BUILDERS",
    "FORMATS",
    "KINDS",
    "KIND_NAMES",
    "LIST_KINDS",
    "LIST_ROWS",
    "LONG_BLANK",
    "PEOPLES_COMMITTEE",
    "XlsxList",
    "build",
    "build_achievement_report",
    "build_decision",
    "build_minutes",
    "build_payment",
    "build_proposal",
    "build_proposal_list",
    "build_register",
    "formats_for",
    "list_rows_decision",
    "list_rows_payment",
    "list_rows_proposal_list",
    "list_rows_register",
    "render",
    "unit_phrase",
    "write_xlsx",
]
