"""Báo cáo thành tích (NĐ 152 Mẫu 05) of a nominee."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.documents import blocks as b
from desktop.documents.numbers import date_line, short_date
from desktop.documents.review_data import AchievementReportDoc, PreviousAward
from desktop.documents.review_docs.common import (
    BLANK,
    LONG_BLANK,
    _form_text,
    _gender_word,
    _header,
    unit_document,
)


def _dash(label: str, value: str) -> b.Paragraph:
    return b.Paragraph(f"- {label}: {value or LONG_BLANK}", align="left")


def _award_decision(award: PreviousAward) -> str:
    """ "Quyết định số 12/QĐ-UBND ngày 26/12/2024 của Chủ tịch Ủy ban nhân dân xã Lũng Cú"."""
    text = f"Quyết định số {award.decision_number_text}" if award.decision_number_text else "Quyết định số " + BLANK
    text += f" ngày {short_date(award.decision_date)}" if award.decision_date else f" ngày {BLANK}"
    return text + (f" của {award.issuer}" if award.issuer else f"; cơ quan ban hành: {BLANK}")


def _awards_table(title: str, awards: Sequence[PreviousAward]) -> b.Table:
    columns = [
        b.Column("Năm", 18, "center"),
        b.Column(title, 55, "left"),
        b.Column("Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định", None, "left"),
    ]
    rows = [[str(a.year), a.name, _award_decision(a)] for a in awards] or [[BLANK, BLANK, BLANK]]
    return b.Table(columns, rows)


def build_achievement_report(doc: AchievementReportDoc) -> b.Document:
    """A skeleton to complete in Word: what the database knows is filled in, the rest is left as "…"."""
    unit = doc.unit
    person = doc.person
    collective = person.target_kind == "collective"
    years = sorted(doc.years)
    period = f"giai đoạn {years[0]} - {years[-1]}" if len(years) > 1 else f"năm {years[0]}" if years else f"năm {BLANK}"
    proposed = _form_text(person.category, doc.proposed_for)
    blocks: list[b.Block] = [
        _header(unit, None, date_line(unit.place_name, None, year=years[-1] if years else None)),
        b.Title("Báo cáo thành tích", f"Đề nghị tặng {proposed}", note=f"(Thành tích {period})"),
    ]
    if collective:
        blocks += [
            b.Paragraph("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True, indent=False),
            _dash("Tên tập thể (ghi đầy đủ bằng chữ in thường, không viết tắt)", person.name),
            _dash("Địa chỉ", ""),
            _dash("Điện thoại, email", ""),
            _dash("Quá trình thành lập và phát triển", ""),
            _dash("Tổng số cán bộ, công chức, viên chức, người lao động", ""),
            _dash("Chức năng, nhiệm vụ được giao", ""),
        ]
    else:
        blocks += [
            b.Paragraph("I. SƠ LƯỢC LÝ LỊCH", bold=True, indent=False),
            b.Paragraph(
                f"- Họ và tên (ghi đầy đủ bằng chữ in thường, không viết tắt): {person.name}"
                f";{' ' * 3}Giới tính: {_gender_word(person.gender)}",
                align="left",
            ),
            b.Paragraph(
                f"- Ngày, tháng, năm sinh: {short_date(doc.birth_date) or BLANK};{' ' * 3}"
                f"Dân tộc: {doc.ethnic or BLANK}",
                align="left",
            ),
            _dash("Quê quán", ""),
            _dash("Trú quán", ""),
            _dash("Đơn vị công tác", person.department),
            _dash("Chức vụ (Đảng, chính quyền, đoàn thể)", person.position),
            _dash("Trình độ chuyên môn, nghiệp vụ", ""),
            _dash("Học hàm, học vị, danh hiệu, giải thưởng", ""),
        ]
    blocks += [
        b.Paragraph("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, indent=False, space_before_mm=2),
        b.Paragraph(f"1. Quyền hạn, nhiệm vụ được giao: {LONG_BLANK}", align="left"),
        b.Paragraph(f"2. Thành tích đạt được ({period}):"),
        b.Paragraph(f"- {person.achievement.strip() or LONG_BLANK}", align="justify" if person.achievement else "left"),
    ]
    if not collective:
        ratings = dict(doc.ratings)
        blocks.append(b.Paragraph("- Kết quả xếp loại chất lượng:"))
        for index, year in enumerate(years):
            end = "." if index == len(years) - 1 else ";"
            blocks.append(b.Paragraph(f"+ Năm {year}: {ratings.get(year) or BLANK}{end}"))
    blocks.append(b.Paragraph("- Sáng kiến, đề tài khoa học, giải pháp công tác được công nhận:"))
    if doc.initiatives:
        blocks.extend(
            b.Paragraph(f"+ “{title}”: hiệu quả, phạm vi ảnh hưởng: {LONG_BLANK}", align="left")
            for title in doc.initiatives
        )
    else:
        blocks.append(b.Paragraph(f"+ {LONG_BLANK}", align="left"))
    blocks.append(
        b.Paragraph(f"3. Các biện pháp, giải pháp công tác trong việc đổi mới quản lý: {LONG_BLANK}", align="left")
    )
    titles = [a for a in doc.previous_awards if a.category == "title"]
    forms = [a for a in doc.previous_awards if a.category != "title"]
    blocks += [
        b.Paragraph("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, indent=False, space_before_mm=2),
        b.Paragraph("1. Danh hiệu thi đua:"),
        _awards_table("Danh hiệu thi đua", titles),
        b.Paragraph("2. Hình thức khen thưởng:"),
        _awards_table("Hình thức khen thưởng", forms),
    ]
    if collective:
        signers = [
            b.Signer(["Thủ trưởng cơ quan", "cấp trên xác nhận, đề nghị"], unit.head_name),
            b.Signer(["Thủ trưởng", "tập thể"], ""),
        ]
    else:
        signers = [
            b.Signer(["Thủ trưởng đơn vị", "xác nhận, đề nghị"], unit.head_name),
            b.Signer(["Người báo cáo", "thành tích"], person.name),
        ]
    blocks.append(b.Signatures(signers))
    return unit_document(
        blocks,
        unit,
        title=f"Báo cáo thành tích — {person.name}",
        subject=f"Đề nghị tặng {doc.proposed_for}",
    )
