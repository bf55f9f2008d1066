"""Quyết định with its attached list, and the danh sách chi tiền thưởng paid under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.documents import blocks as b
from desktop.documents.numbers import date_line, date_text, format_money
from desktop.documents.review_data import AwardLine, DecisionDoc, PaymentListDoc, UnitHeader
from desktop.documents.review_docs.common import (
    _LEAD_COLUMNS,
    _TARGET_WORDS,
    _authority,
    _authority_line,
    _awards_count,
    _basis_paragraphs,
    _form_text,
    _forms,
    _has_repeats,
    _header,
    _is_peoples_committee,
    _level,
    _lower_first,
    _name_cell,
    _one_line,
    _ordered_unique,
    _payee_cell,
    _signer_lines,
    _target_counts,
    _target_kinds,
    _total_words,
    _upper_first,
    unit_document,
    unit_phrase,
)
from desktop.documents.review_docs.minutes import _council_name
from desktop.documents.review_docs.sheets import XlsxList
from desktop.documents.xlsx_lists import ListColumn
from desktop.domain.money import OWED_MARK


def _has_money(lines: Sequence[AwardLine]) -> bool:
    return any(line.amount for line in lines)


def _decision_total(doc: DecisionDoc) -> int:
    return doc.total_amount or sum(line.amount for line in doc.lines)


def _decision_list_note(doc: DecisionDoc) -> str:
    return f"(Kèm theo Quyết định số {doc.number_text} {date_text(doc.decision_date)} của {_authority(doc.unit)})"


def _decision_list_subject(doc: DecisionDoc) -> str:
    return f"{_upper_first(_target_kinds(doc.lines))} được tặng {_forms(doc.lines)}"


def _with_achievement(text: str, achievement: str) -> str:
    achievement = _one_line(achievement)  # typed on several lines: still one sentence of Điều 1
    return f"{text}, {_lower_first(achievement).rstrip('.')}" if achievement else text


def _group_achievement(lines: Sequence[AwardLine]) -> str:
    found = _ordered_unique([_one_line(line.achievement) for line in lines])
    return found[0] if len(found) == 1 else ""


def _conferring(doc: DecisionDoc) -> str:
    """Điều 1: who gets what, people counted once ("cho 7 cá nhân"), awards apart ("14 lượt khen thưởng").

    One achievement for the whole decision (or one kind of award) makes one sentence; a decision mixing awards
    without a common achievement gets one line per award, each with the achievement of that award.
    """
    lines = doc.lines
    who = _target_counts(lines) or "các cá nhân, tập thể"
    forms = _forms(lines) or "danh hiệu thi đua"
    codes = _ordered_unique([(line.category, line.code_name) for line in lines])
    if _has_repeats(lines):
        who += f" ({_awards_count(lines)})"
    first = f"Tặng {forms} cho {who} có tên trong danh sách kèm theo"
    common = _one_line(doc.achievement_text) or (_group_achievement(lines) if len(codes) <= 1 else "")
    if common or len(codes) <= 1:
        return _with_achievement(first, common) + "."
    parts = []
    for index, (category, code_name) in enumerate(codes):
        group = [line for line in lines if (line.category, line.code_name) == (category, code_name)]
        text = _upper_first(_form_text(category, code_name)) + f": {_target_counts(group)}"
        end = "." if index == len(codes) - 1 else ";"
        parts.append("- " + _with_achievement(text, _group_achievement(group)) + end)
    return first + ", cụ thể:\n" + "\n".join(parts)


def _replaced_decision(doc: DecisionDoc) -> str:
    """ "Quyết định số 12/QĐ-UBND ngày 26 tháng 12 năm 2024 của Chủ tịch UBND xã Lũng Cú"."""
    when = f" {date_text(doc.replaces_date)}" if doc.replaces_date else ""
    return f"Quyết định số {doc.replaces_number}{when} của {_authority(doc.unit)}"


def _decision_articles(doc: DecisionDoc) -> list[str]:
    unit = doc.unit
    total = _decision_total(doc)
    first = _conferring(doc)
    if total:
        words = _total_words(doc.total_in_words, total)
        first += (
            f"\nKèm theo tiền thưởng theo quy định, mức thưởng của từng {_target_kinds(doc.lines)} ghi tại danh "
            f"sách kèm theo; tổng số tiền thưởng là {format_money(total)} đồng (Bằng chữ: {words.rstrip('.')})."
        )
    articles = [first]
    if total:
        articles.append(f"Tiền thưởng được chi từ Quỹ thi đua, khen thưởng của {unit_phrase(unit)}.")
    if doc.replaces_number:
        articles.append(f"Quyết định này thay thế {_replaced_decision(doc)}.")
    executors = (
        f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {_level(unit)}, Thủ trưởng các cơ quan, đơn vị "
        "có liên quan"
        if _is_peoples_committee(unit)
        else "Thủ trưởng các bộ phận có liên quan"
    )
    execute = (
        f"{executors} và các {_target_kinds(doc.lines)} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    if total or doc.replaces_number:
        articles.append(f"Quyết định này có hiệu lực kể từ ngày ký.\n{execute}")
        return articles
    return [*articles, "Quyết định này có hiệu lực kể từ ngày ký.", execute]


def _words_per_line(lines: Sequence[AwardLine]) -> bool:
    """True when lines of one award carry different achievements (a nominee's own words): Điều 1 cannot say them
    in one sentence, so the list gets a "Thành tích" column."""
    groups: dict[tuple[str, str], set[str]] = {}
    for line in lines:
        groups.setdefault((line.category, line.code_name), set()).add(_one_line(line.achievement))
    return any(len(found) > 1 for found in groups.values())


def _decision_table(doc: DecisionDoc) -> b.Table:
    money = _has_money(doc.lines)
    words = _words_per_line(doc.lines)
    columns = [
        b.Column("STT (Số sổ vàng)", 17, "center"),
        b.Column("Họ và tên / Tên tập thể", 50 if words else 75, "left"),
        b.Column("Chức vụ", 28 if words else 44, "left"),
        b.Column("Đơn vị", None, "left"),
        b.Column("Danh hiệu / Hình thức", 28 if words else 40, "left"),
    ]
    if words:
        columns.append(b.Column("Thành tích", 60, "left"))
    if money:
        columns.append(b.Column("Số tiền (đồng)", 25, "right"))
    rows = []
    for line in doc.lines:
        number = line.register_no if line.register_no is not None else line.order
        row = [str(number), _name_cell(line), line.position, line.department, line.code_name]
        if words:
            row.append(_one_line(line.achievement))
        if money:
            row.append(format_money(line.amount) if line.amount else "")
        rows.append(row)
    totals = ["Tổng cộng"] + [""] * (len(columns) - 2) + [format_money(_decision_total(doc))] if money else None
    return b.Table(columns, rows, totals_row=totals)


def build_decision(doc: DecisionDoc) -> b.Document:
    """Quyết định: Điều 1 confers, Điều 2 the money source, then (a replacing decision) the article saying which
    decision it replaces, and who executes; the attached list follows.

    The authority line is the head's ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …") whoever signs; the signature block follows
    the decision's signing mode (``doc.unit.signature``).
    """
    unit = doc.unit
    total = _decision_total(doc)
    council = _council_name(unit)
    basis = list(doc.legal_basis)
    if not any(line.strip().lower().startswith(("theo đề nghị", "xét đề nghị")) for line in basis):
        proposal = f"Xét đề nghị của {council}"
        if doc.replaces_number:
            proposal += f" về việc thay thế {_replaced_decision(doc)}"
        basis.append(proposal)
    articles = _decision_articles(doc)
    blocks: list[b.Block] = [_header(unit, doc.number_text, date_line(unit.place_name, doc.decision_date))]
    if doc.status_note:
        blocks.append(b.Paragraph(doc.status_note, bold=True, italic=True, align="center", indent=False))
    blocks += [
        b.Title("Quyết định", doc.subject),
        b.Paragraph(_authority_line(unit), align="center", bold=True, indent=False),
        b.Spacer(2),
        *_basis_paragraphs(basis),
        b.Paragraph("QUYẾT ĐỊNH:", align="center", bold=True, indent=False, space_before_mm=2),
        b.Articles(articles),
        b.Signature(
            _signer_lines(unit),
            unit.head_name,
            left_lines=list(doc.recipients) or [f"Như Điều {len(articles)};", "Lưu: VT."],
        ),
        b.PageBreak("landscape"),
        b.Title("Danh sách", _decision_list_subject(doc), note=_decision_list_note(doc)),
        _decision_table(doc),
    ]
    if total:
        blocks.append(b.AmountInWords(_total_words(doc.total_in_words, total)))
    blocks += _money_notes(doc.lines)
    return unit_document(blocks, unit, title=f"Quyết định số {doc.number_text}", subject=doc.subject)


def _money_list(
    title: str,
    subtitle: str,
    columns: list[ListColumn],
    rows: list[list[Any]],
    total: int,
    words: str,
    sheet: str,
    *,
    notes: Sequence[str] = (),
) -> XlsxList:
    """A list with money as .xlsx: the total under the "Số tiền (đồng)" column and the total in words below.

    ``notes`` follow the words, as under the PDF's table: why an amount is only a difference, and the status of a
    decision no longer in force (the PDF prints it above the title; a spreadsheet copied on must not lose it).
    """
    return XlsxList(
        title=title,
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        totals={"Số tiền (đồng)": total},
        footer_lines=(b.AmountInWords(_total_words(words, total)).text(), *notes),
        sheet_name=sheet,
    )


def _with_status(status: str, subtitle: str) -> str:
    """The subtitle of a spreadsheet list, led by the status of a decision no longer in force."""
    return f"{status}\n{subtitle}" if status else subtitle


def list_rows_decision(doc: DecisionDoc) -> XlsxList:
    """The decision's attached list: register numbers, frozen names and positions, amounts and their total."""
    columns = [
        ListColumn("Số sổ vàng", 8, "int"),
        ListColumn("Họ và tên / Tên tập thể", 32),
        ListColumn("Đối tượng", 12),
        ListColumn("Chức vụ", 24),
        ListColumn("Đơn vị", 28),
        ListColumn("Danh hiệu / Hình thức", 26),
        ListColumn("Số tiền (đồng)", 16, "money"),
    ]
    rows = [
        [
            line.register_no if line.register_no is not None else line.order,
            line.name,
            _TARGET_WORDS.get(line.target_kind, line.target_kind),
            line.position,
            line.department,
            line.code_name,
            line.amount,
        ]
        for line in doc.lines
    ]
    total = _decision_total(doc)
    title = f"DANH SÁCH {_decision_list_subject(doc).upper()}"
    notes = [*_money_note_texts(doc.lines), *([doc.status_note] if doc.status_note else [])]
    subtitle = _with_status(doc.status_note, _decision_list_note(doc))
    return _money_list(title, subtitle, columns, rows, total, doc.total_in_words, "Quyết định", notes=notes)


def _payment_note(doc: PaymentListDoc) -> str:
    return f"(Kèm theo Quyết định số {doc.decision_number_text} {date_text(doc.decision_date)})"


_SIGN_ROOM = "\u00a0\n\u00a0"  # two blank lines: a receipt cell tall enough to sign in


def _money_note_kind(line: AwardLine) -> str:
    """What a line with a money note pays: nothing (a higher title of the year was already paid), what is still
    owed of the year's highest title, or the difference over a title already paid."""
    if line.amount == 0:
        return "none"
    return "owed" if OWED_MARK in line.money_note else "difference"


def _money_note_texts(lines: Sequence[AwardLine]) -> list[str]:
    """Why some amounts are only a difference, what is still owed, or nothing (title money is paid once per person
    and year), one line per reason, worded by what the line pays."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for line in lines:
        if line.money_note:
            kind = _money_note_kind(line)
            title = line.code_name if kind == "none" else ""
            groups.setdefault((kind, title, line.money_note), []).append(line.name)
    texts: list[str] = []
    for (kind, title, note), names in groups.items():
        who = ", ".join(names) if len(names) <= 3 else f"{len(names)} người, tập thể ({', '.join(names[:2])}, …)"
        if kind == "none":
            texts.append(f"Ghi chú: {who} không được thưởng tiền cho “{title}”: {note}")
        elif kind == "owed":
            texts.append(f"Ghi chú: số tiền của {who} là phần còn thiếu: {note}")
        else:
            texts.append(f"Ghi chú: số tiền của {who} là phần chênh lệch: {note}")
    return texts


def _money_notes(lines: Sequence[AwardLine]) -> list[b.Block]:
    """Below a money list (PDF, .docx): the notes of :func:`_money_note_texts`."""
    return [b.Paragraph(text, italic=True) for text in _money_note_texts(lines)]


def _payment_status(doc: PaymentListDoc) -> str:
    """The status line of a payment list whose decision is no longer in force (cancelled or replaced), or ""
    (``PaymentListDoc.status_note``, filled by ``desktop.ops.review.documents.payment_doc`` like the decision's)."""
    status = doc.status_note.strip()
    if not status:
        return ""
    return f"{status.rstrip('.')}. Không chi tiền thưởng theo danh sách này."


def _nothing_to_pay(doc: PaymentListDoc) -> str:
    return (
        f"Quyết định số {doc.decision_number_text} {date_text(doc.decision_date)} không có khoản tiền thưởng nào "
        "phải chi (tổng số tiền thưởng: 0 đồng); không có người, tập thể nào ký nhận theo danh sách này."
    )


def build_payment(doc: PaymentListDoc) -> b.Document:
    """Danh sách chi tiền thưởng: one row per payee with room to sign on receipt, the total and the words."""
    unit = doc.unit
    columns = [
        b.Column("STT", 12, "center"),
        b.Column("Họ và tên / Tên tập thể", 75, "left"),
        b.Column("Đơn vị", None, "left"),
        b.Column("Danh hiệu / Hình thức", 44, "left"),
        b.Column("Số tiền (đồng)", 28, "right"),
        b.Column("Ký nhận", 38, "center"),
    ]
    rows = [
        [str(i), _payee_cell(line), line.department, line.code_name, format_money(line.amount), _SIGN_ROOM]
        for i, line in enumerate(doc.lines, start=1)
    ]
    total = doc.total_amount or sum(line.amount for line in doc.lines)
    status = _payment_status(doc)
    blocks: list[b.Block] = [_header(unit, None, "")]
    if status:  # above the title, as on the decision itself: nobody pays from this copy by mistake
        blocks.append(b.Paragraph(status, bold=True, italic=True, align="center", indent=False))
    blocks.append(b.Title("Danh sách chi tiền thưởng", note=_payment_note(doc)))
    if not total:  # no table and no signatures: a list with nothing to pay is not a list to pay from
        blocks.append(b.Paragraph(_nothing_to_pay(doc), bold=True, align="center", indent=False))
    else:
        blocks += _payment_body(doc, unit, columns, rows, total)
    return unit_document(
        blocks,
        unit,
        title=f"Danh sách chi tiền thưởng theo Quyết định số {doc.decision_number_text}",
        subject="Danh sách chi tiền thưởng",
        landscape=True,
    )


def _payment_body(
    doc: PaymentListDoc, unit: UnitHeader, columns: list[b.Column], rows: list[list[str]], total: int
) -> list[b.Block]:
    """The table, the total in words, the notes of difference amounts and of amounts resting on an unconfirmed
    value, and the three signatures."""
    return [
        b.Table(columns, rows, totals_row=["Tổng cộng", "", "", "", format_money(total), ""]),
        b.AmountInWords(_total_words(doc.total_in_words, total)),
        *_money_notes(doc.lines),
        *(b.Paragraph(text, italic=True) for text in doc.unconfirmed_notes),
        b.Signatures(
            [
                b.Signer([doc.preparer_title], ""),
                b.Signer([doc.accountant_title], ""),
                # the approver signs the way the decision was signed (KT. / TM.), with the same signer
                b.Signer(list(unit.signature) or ["Thủ trưởng đơn vị"], unit.head_name),
            ],
            date_line=_blank_date_line(unit.place_name),
        ),
    ]


_DATE_GAP = "\u00a0" * 6  # room to write a day, a month or a year by hand


def _blank_date_line(place: str) -> str:
    """ "Lũng Cú, ngày      tháng      năm      ": the day the money is paid and signed for, all of it by hand. Not
    the decision's year: a decision of late December is often paid in January."""
    where = f"{place}, " if place else ""
    return f"{where}ngày{_DATE_GAP}tháng{_DATE_GAP}năm{_DATE_GAP}"


def list_rows_payment(doc: PaymentListDoc) -> XlsxList:
    columns = [
        *_LEAD_COLUMNS,
        ListColumn("Đơn vị", 28),
        ListColumn("Danh hiệu / Hình thức", 26),
        ListColumn("Số tiền (đồng)", 16, "money"),
        ListColumn("Ký nhận", 20),
    ]
    rows = [
        [i, _payee_cell(line), line.department, line.code_name, line.amount, ""]
        for i, line in enumerate(doc.lines, start=1)
    ]
    total = doc.total_amount or sum(line.amount for line in doc.lines)
    status = _payment_status(doc)
    note = _with_status(status, _payment_note(doc))
    if not total:
        return XlsxList(
            title="DANH SÁCH CHI TIỀN THƯỞNG",
            subtitle=note,
            columns=columns,
            rows=[],
            footer_lines=(_nothing_to_pay(doc), *([status] if status else [])),
            sheet_name="Chi tiền thưởng",
        )
    notes = [*_money_note_texts(doc.lines), *doc.unconfirmed_notes, *([status] if status else [])]
    return _money_list(
        "DANH SÁCH CHI TIỀN THƯỞNG", note, columns, rows, total, doc.total_in_words, "Chi tiền thưởng", notes=notes
    )
