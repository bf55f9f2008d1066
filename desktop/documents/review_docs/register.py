"""Sổ theo dõi khen thưởng of a person or a collective, across years."""

from __future__ import annotations

from datetime import date

from desktop.documents import blocks as b
from desktop.documents.numbers import date_line, format_money, short_date
from desktop.documents.review_data import RegisterDoc
from desktop.documents.review_docs.common import _ORDER_COLUMN, _SOURCE_WORDS, _header, unit_document
from desktop.documents.review_docs.sheets import XlsxList
from desktop.documents.xlsx_lists import ListColumn


def _register_total(doc: RegisterDoc) -> int:
    return sum(entry.amount for entry in doc.entries)


def build_register(doc: RegisterDoc) -> b.Document:
    """The award register of one person or collective: who, then every award across the years."""
    unit = doc.unit
    label = "Họ và tên" if doc.subject_kind == "individual" else "Tên tập thể"
    columns = [
        b.Column("STT", 13, "center"),
        b.Column("Năm", 15, "center"),
        b.Column("Danh hiệu thi đua", 42, "left"),
        b.Column("Hình thức khen thưởng", 40, "left"),
        b.Column("Số, ngày quyết định", 36, "left"),
        b.Column("Cơ quan ban hành", None, "left"),
        b.Column("Số sổ vàng", 17, "center"),
        b.Column("Số tiền (đồng)", 26, "right"),
        b.Column("Nguồn", 24, "center"),
    ]
    rows = []
    for i, entry in enumerate(doc.entries, start=1):
        is_title = entry.category == "title"
        decision = entry.decision_number_text
        if entry.decision_date:
            decision = (
                f"{decision}\nngày {short_date(entry.decision_date)}" if decision else short_date(entry.decision_date)
            )
        rows.append(
            [
                str(i),
                str(entry.year),
                entry.code_name if is_title else "",
                "" if is_title else entry.code_name,
                decision,
                entry.issuer,
                str(entry.register_no) if entry.register_no is not None else "",
                format_money(entry.amount) if entry.amount else "",
                _SOURCE_WORDS.get(entry.source, entry.source),
            ]
        )
    blocks: list[b.Block] = [
        _header(unit, None, ""),
        b.Title("Sổ theo dõi khen thưởng", f"{label}: {doc.subject_name}"),
    ]
    details = [f"{name}: {value}" for name, value in doc.details if value]
    if details:
        blocks.append(b.Paragraph(";   ".join(details) + ".", indent=False))
    if rows:
        total = _register_total(doc)
        totals = ["Tổng cộng", "", "", "", "", "", "", format_money(total), ""]
        blocks.append(b.Table(columns, rows, totals_row=totals))
    else:
        blocks.append(b.Paragraph("Chưa có danh hiệu thi đua, hình thức khen thưởng nào.", italic=True))
    blocks.append(
        b.Signatures(
            [b.Signer(["Người lập sổ"], ""), b.Signer(["Thủ trưởng đơn vị"], unit.head_name)],
            date_line=date_line(unit.place_name, None, year=date.today().year),
        )
    )
    return unit_document(
        blocks,
        unit,
        title=f"Sổ theo dõi khen thưởng — {doc.subject_name}",
        subject="Sổ theo dõi khen thưởng",
        landscape=True,
    )


def list_rows_register(doc: RegisterDoc) -> XlsxList:
    columns = [
        _ORDER_COLUMN,
        ListColumn("Năm", 8, "int"),
        ListColumn("Danh hiệu thi đua", 26),
        ListColumn("Hình thức khen thưởng", 26),
        ListColumn("Số quyết định", 16),
        ListColumn("Ngày quyết định", 13, "date"),
        ListColumn("Cơ quan ban hành", 30),
        ListColumn("Số sổ vàng", 9, "int"),
        ListColumn("Số tiền (đồng)", 15, "money"),
        ListColumn("Nguồn", 14),
    ]
    rows = [
        [
            i,
            e.year,
            e.code_name if e.category == "title" else "",
            "" if e.category == "title" else e.code_name,
            e.decision_number_text,
            e.decision_date,
            e.issuer,
            e.register_no,
            e.amount,
            _SOURCE_WORDS.get(e.source, e.source),
        ]
        for i, e in enumerate(doc.entries, start=1)
    ]
    label = "Họ và tên" if doc.subject_kind == "individual" else "Tên tập thể"
    details = "; ".join(f"{name}: {value}" for name, value in doc.details if value)
    subtitle = f"{label}: {doc.subject_name}" + (f"; {details}" if details else "")
    return XlsxList(
        title="SỔ THEO DÕI KHEN THƯỞNG",
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        totals={"Số tiền (đồng)": _register_total(doc)},
        sheet_name="Sổ khen thưởng",
    )
