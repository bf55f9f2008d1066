"""Tờ trình and danh sách đề nghị (NĐ 152 Mẫu 01): the unit's own list, or the list sent up to the province."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.documents import blocks as b
from desktop.documents.numbers import date_line, date_text
from desktop.documents.review_data import AwardLine, ProposalDoc
from desktop.documents.review_docs.common import (
    _LEAD_COLUMNS,
    _NUMBER_GAP,
    _TARGET_WORDS,
    LONG_BLANK,
    _awards_count,
    _basis_paragraphs,
    _draft_number,
    _header,
    _name_cell,
    _one_line,
    _ordered_unique,
    _signer_lines,
    _target_counts,
    unit_phrase,
)
from desktop.documents.review_docs.sheets import XlsxList
from desktop.documents.xlsx_lists import ListColumn


def _proposal_counts(lines: Sequence[AwardLine]) -> list[b.Block]:
    """ "1. Danh hiệu thi đua:" / "- Lao động tiên tiến: 10 cá nhân;" — titles and award forms kept apart."""
    sections = [("title", "Danh hiệu thi đua"), ("award_form", "Hình thức khen thưởng")]
    out: list[b.Block] = []
    number = 0
    for category, heading in sections:
        chosen = [line for line in lines if line.category == category]
        if not chosen:
            continue
        number += 1
        out.append(b.Paragraph([b.Run(f"{number}. {heading}:", bold=True)]))
        names = _ordered_unique([line.code_name for line in chosen])
        for index, name in enumerate(names):
            of_name = [line for line in chosen if line.code_name == name]
            end = "." if index == len(names) - 1 and category == sections[-1][0] else ";"
            out.append(b.Paragraph(f"- {name}: {_target_counts(of_name)}{end}"))
    if not out:
        out.append(b.Paragraph("(Chưa có cá nhân, tập thể nào trong danh sách đề nghị.)", italic=True))
    return out


def _proposal_issuer(doc: ProposalDoc) -> str:
    """Who issues the tờ trình, inside a sentence: the council's standing agency, or the unit itself."""
    return doc.issuer.strip() or unit_phrase(doc.unit)


def _proposal_number(doc: ProposalDoc) -> str:
    return doc.number_text or f"{_NUMBER_GAP}/{doc.symbol}"


def _proposal_header(doc: ProposalDoc, number: str | None, place_date: str) -> b.Header:
    """The standing agency issues under the unit ("ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" / "PHÒNG VĂN HÓA - XÃ HỘI")."""
    if doc.issuer.strip():
        return b.Header(doc.unit.name, doc.issuer.strip().upper(), number, place_date)
    return _header(doc.unit, number, place_date)


def _proposal_signature(doc: ProposalDoc, left_lines: list[str] | None = None) -> b.Signature:
    lines = list(doc.signer_lines) or _signer_lines(doc.unit)
    name = doc.signer_name if doc.signer_lines else doc.unit.head_name
    return b.Signature(lines, name, left_lines=left_lines)


def _proposal_list_title(doc: ProposalDoc) -> b.Title:
    note = f"(Kèm theo Tờ trình số {_proposal_number(doc)} {date_text(doc.doc_date)} của {_proposal_issuer(doc)})"
    return b.Title("Danh sách", f"Đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}", note=note)


_PROPOSAL_COLUMNS = (
    b.Column("STT", 12, "center"),
    b.Column("Họ và tên / Tên tập thể", 60, "left"),
    b.Column("Chức vụ", 40, "left"),
    b.Column("Đơn vị", 40, "left"),
    b.Column("Danh hiệu / Hình thức đề nghị", 36, "left"),
    b.Column("Tóm tắt thành tích", None, "left"),
)


def _proposal_tables(doc: ProposalDoc) -> list[b.Block]:
    """One table for titles and one for award forms, each numbered from 1."""
    out: list[b.Block] = []
    sections = [("title", "DANH HIỆU THI ĐUA"), ("award_form", "HÌNH THỨC KHEN THƯỞNG")]
    roman = ("I", "II")
    shown = 0
    for category, heading in sections:
        chosen = [line for line in doc.lines if line.category == category]
        if not chosen:
            continue
        out.append(b.Paragraph(f"{roman[shown]}. {heading}", bold=True, indent=False, space_before_mm=2))
        shown += 1
        rows = [
            [str(i), _name_cell(line), line.position, line.department, line.code_name, _one_line(line.achievement)]
            for i, line in enumerate(chosen, start=1)
        ]
        out.append(b.Table(_PROPOSAL_COLUMNS, rows))
    if not out:
        out.append(b.Paragraph("(Danh sách trống.)", italic=True, align="center", indent=False))
    return out


def _proposal_request(doc: ProposalDoc) -> str:
    """The request, counting people and nominations apart: "cho 7 cá nhân và 1 tập thể (15 lượt đề nghị)"."""
    issuer = _proposal_issuer(doc)
    if doc.issuer_role.strip():
        issuer += f" ({doc.issuer_role.strip()})"
    who = _target_counts(doc.lines) or "các cá nhân, tập thể"
    if doc.lines:
        who += f" ({_awards_count(doc.lines, 'lượt đề nghị')})"
    return (
        f"Căn cứ kết quả bình xét thi đua, khen thưởng năm {doc.year}, {issuer} kính trình {doc.recipient} "
        f"xem xét, tặng danh hiệu thi đua và hình thức khen thưởng cho {who}, cụ thể như sau:"
    )


def build_proposal(doc: ProposalDoc) -> b.Document:
    """Tờ trình (NĐ 152 Mẫu 01) followed, on a landscape page, by the danh sách đề nghị it refers to.

    The unit's own list is issued by the council's standing agency to the chair and signed by the agency's
    head; its number's symbol ("TTr-VHXH") is the one its list cites. The list for the province is the unit's.
    """
    unit = doc.unit
    place_date = date_line(unit.place_name, doc.doc_date)
    blocks: list[b.Block] = [
        _proposal_header(doc, _draft_number(doc.symbol, doc.number_text), place_date),
        b.Title("Tờ trình", doc.subject),
        b.Paragraph([b.Run("Kính gửi: "), b.Run(doc.recipient)], align="center", indent=False),
        b.Spacer(2),
        *_basis_paragraphs(doc.legal_basis),
        b.Paragraph(doc.summary if doc.summary else f"Tóm tắt thành tích năm {doc.year}: {LONG_BLANK}"),
        b.Paragraph(_proposal_request(doc)),
        *_proposal_counts(doc.lines),
        b.Paragraph("(Có danh sách kèm theo)", italic=True, align="center", indent=False),
        b.Paragraph(f"Kính trình {doc.recipient} xem xét, quyết định./."),
        _proposal_signature(doc, left_lines=["Như trên;", "Lưu: VT."]),
        b.PageBreak("landscape"),
        _proposal_list_title(doc),
        *_proposal_tables(doc),
    ]
    return b.Document(
        blocks,
        title=f"Tờ trình {doc.number_text}".strip(),
        author=_proposal_issuer(doc),
        subject=doc.subject,
    )


def build_proposal_list(doc: ProposalDoc) -> b.Document:
    """The danh sách đề nghị alone, with its own header, for editing or sending on its own."""
    unit = doc.unit
    blocks: list[b.Block] = [
        _proposal_header(doc, None, date_line(unit.place_name, doc.doc_date)),
        _proposal_list_title(doc),
        *_proposal_tables(doc),
        _proposal_signature(doc),
    ]
    return b.Document(
        blocks,
        title=f"Danh sách đề nghị khen thưởng năm {doc.year}",
        author=_proposal_issuer(doc),
        subject=doc.subject,
        landscape=True,
    )


def list_rows_proposal_list(doc: ProposalDoc) -> XlsxList:
    columns = [
        *_LEAD_COLUMNS,
        ListColumn("Đối tượng", 12),
        ListColumn("Chức vụ", 24),
        ListColumn("Đơn vị", 26),
        ListColumn("Loại", 22),
        ListColumn("Danh hiệu / Hình thức đề nghị", 28),
        ListColumn("Tóm tắt thành tích", 60),
    ]
    category_words = {"title": "Danh hiệu thi đua", "award_form": "Hình thức khen thưởng"}
    ordered = [line for c in ("title", "award_form") for line in doc.lines if line.category == c]
    ordered += [line for line in doc.lines if line.category not in category_words]
    rows = [
        [
            i,
            line.name,
            _TARGET_WORDS.get(line.target_kind, line.target_kind),
            line.position,
            line.department,
            category_words.get(line.category, line.category),
            line.code_name,
            _one_line(line.achievement),
        ]
        for i, line in enumerate(ordered, start=1)
    ]
    title = _proposal_list_title(doc)
    return XlsxList(
        title=f"DANH SÁCH ĐỀ NGHỊ TẶNG DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG NĂM {doc.year}",
        subtitle=title.note,
        columns=columns,
        rows=rows,
        sheet_name="Đề nghị",
    )
