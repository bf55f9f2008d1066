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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.documents import blocks as b
from desktop.documents.fonts import OFFICE_FONT_NAME
from desktop.documents.numbers import date_line, date_text, format_money, format_percent, short_date
from desktop.documents.review_data import (
    AchievementReportDoc,
    AwardLine,
    DecisionDoc,
    MinutesDoc,
    PaymentListDoc,
    PreviousAward,
    ProposalDoc,
    RegisterDoc,
    UnitHeader,
)
from desktop.documents.xlsx_lists import ListColumn, write_list_xlsx
from desktop.domain.amount_words import amount_in_words
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

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
BLANK = "……"  # a gap for the clerk to fill in by hand or in Word
LONG_BLANK = "…………………………………………………"
_NUMBER_GAP = "\u00a0" * 8  # "Số:         /TTr-UBND" before a number is given
_LEVELS = ("đặc khu", "thị trấn", "phường", "xã")
_TARGET_WORDS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}
_SOURCE_WORDS = {"unit": "Đơn vị", "above": "Cấp trên", "import": "Cấp trên (nhập từ gói)"}


# -- small text helpers --------------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """ "Đã có thành tích …" → "đã có thành tích …", but an acronym ("UBND …") is left alone."""
    text = text.strip()
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _join_and(items: Sequence[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _ordered_unique(values: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _is_peoples_committee(unit: UnitHeader) -> bool:
    return unit.name.strip().upper().startswith(PEOPLES_COMMITTEE)


def _place_and_level(unit: UnitHeader) -> tuple[str, str]:
    """("xã", "Lũng Cú") from "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" and the place name; ("xã", place) as a fallback."""
    rest = unit.name.strip()
    if rest.upper().startswith(PEOPLES_COMMITTEE):
        rest = rest[len(PEOPLES_COMMITTEE) :].strip()
    lowered = rest.lower()
    for level in _LEVELS:
        if lowered.startswith(level + " "):
            place = unit.place_name or rest[len(level) :].strip().title()
            return level, place
    return "xã", unit.place_name or rest.title()


def unit_phrase(unit: UnitHeader, *, short: bool = False) -> str:
    """The unit inside a sentence: "Ủy ban nhân dân xã Lũng Cú" (``short``: "UBND xã Lũng Cú")."""
    if _is_peoples_committee(unit):
        level, place = _place_and_level(unit)
        return f"{'UBND' if short else 'Ủy ban nhân dân'} {level} {place}".strip()
    name = unit.name.strip()
    phrase = name[:1].upper() + name[1:].lower()
    if unit.place_name:
        phrase = phrase.replace(unit.place_name.lower(), unit.place_name)
    return phrase


def _level(unit: UnitHeader) -> str:
    return _place_and_level(unit)[0]


def _issuer_parent(unit: UnitHeader) -> str:
    return "" if _is_peoples_committee(unit) else unit.parent_body


def _total_words(words: str, total: int) -> str:
    """The total in words as the document's data gives it, else spelled out from the total."""
    return words or amount_in_words(total)


_ORDER_COLUMN = ListColumn("STT", 6, "int")


def _header(unit: UnitHeader, number: str | None, place_date: str) -> b.Header:
    return b.Header(_issuer_parent(unit), unit.name, number, place_date)


def _draft_number(symbol: str, number_text: str) -> str:
    """ "15/TTr-VHXH", or "Số:        /TTr-VHXH" with room to write the number in."""
    if number_text:
        return number_text
    return f"Số:{_NUMBER_GAP}/{symbol}"


def _signer_lines(unit: UnitHeader) -> list[str]:
    """The title lines above the signature: the decision's signing mode ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"), or the head's title alone."""
    return list(unit.signature) or [unit.head_title or "Chủ tịch"]


def _head_title(unit: UnitHeader) -> str:
    return unit.head_title.strip() or ("Chủ tịch" if _is_peoples_committee(unit) else "Thủ trưởng đơn vị")


def _authority(unit: UnitHeader) -> str:
    """Whose decision it is, inside a sentence: the head's ("Chủ tịch UBND xã Lũng Cú"), whoever signs it."""
    return f"{_head_title(unit)} {unit_phrase(unit, short=True)}"


def _authority_line(unit: UnitHeader) -> str:
    """The line under the title: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" — never changed by the signing mode."""
    return f"{_head_title(unit).upper()} {unit.name.upper()}"


def _basis_paragraphs(lines: Sequence[str]) -> list[b.Block]:
    """ "Căn cứ …;" lines in italics, the last one closed with a full stop (NĐ 30: căn cứ ban hành in nghiêng)."""
    cleaned = [line.strip().rstrip(";.").strip() for line in lines if line.strip()]
    out: list[b.Block] = []
    for index, line in enumerate(cleaned):
        end = "." if index == len(cleaned) - 1 else ";"
        out.append(b.Paragraph(line + end, italic=True))
    return out


def _recipient(line: AwardLine) -> str:
    return line.recipient_key or f"{line.target_kind}:{line.name}"


def _target_counts(lines: Sequence[AwardLine]) -> str:
    """ "7 cá nhân và 1 tập thể": each person or collective counted once, however many awards it gets."""
    seen: dict[str, set[str]] = {}
    for line in lines:
        seen.setdefault(line.target_kind, set()).add(_recipient(line))
    return _join_and([f"{len(seen[k])} {_TARGET_WORDS[k]}" for k in _TARGET_WORDS if k in seen])


def _awards_count(lines: Sequence[AwardLine], word: str = "lượt khen thưởng") -> str:
    """ "14 lượt khen thưởng": the number of awards (lines), apart from the number of people."""
    return f"{len(lines)} {word}"


def _has_repeats(lines: Sequence[AwardLine]) -> bool:
    return len({_recipient(line) for line in lines}) < len(lines)


def _target_kinds(lines: Sequence[AwardLine]) -> str:
    """ "cá nhân, tập thể" as in "các cá nhân, tập thể có tên …"."""
    present = [_TARGET_WORDS[k] for k in _TARGET_WORDS if any(line.target_kind == k for line in lines)]
    return ", ".join(present) or "cá nhân"


def _form_text(category: str, code_name: str) -> str:
    """A title is quoted after "danh hiệu" (danh hiệu “Lao động tiên tiến”); an award form stands alone."""
    if category == "title":
        return f"danh hiệu “{code_name}”"
    return code_name


def _forms(lines: Sequence[AwardLine]) -> str:
    return _join_and(_ordered_unique([_form_text(line.category, line.code_name) for line in lines]))


def _name_cell(line: AwardLine) -> str:
    return line.name


def _gender_word(gender: str) -> str:
    return {"M": "Nam", "F": "Nữ"}.get(gender, BLANK)


# -- spreadsheet description -------------------------------------------------------------------------------


@dataclass(frozen=True)
class XlsxList:
    """What :func:`write_list_xlsx` needs for one list, plus lines printed under the table ("Bằng chữ: …")."""

    title: str
    columns: list[ListColumn]
    rows: list[list[Any]]
    subtitle: str = ""
    totals: dict[str | int, Any] | None = None
    landscape: bool = True
    sheet_name: str = "Danh sách"
    footer_lines: tuple[str, ...] = field(default_factory=tuple)


def write_xlsx(spec: XlsxList, path: Path | str) -> Path:
    """Write ``spec`` with the toolkit's list writer, then add the footer lines under the table."""
    target = write_list_xlsx(
        path,
        title=spec.title,
        subtitle=spec.subtitle,
        columns=spec.columns,
        rows=spec.rows,
        totals=spec.totals,
        landscape=spec.landscape,
        sheet_name=spec.sheet_name,
    )
    if spec.footer_lines:
        _append_footer(target, spec.footer_lines, len(spec.columns))
    return target


def _append_footer(path: Path, lines: Sequence[str], width: int) -> None:
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    with path.open("rb") as handle:  # a file object: openpyxl refuses a path without an .xlsx suffix
        workbook = load_workbook(handle)
    sheet = workbook.active
    assert sheet is not None
    row = sheet.max_row + 1
    for line in lines:
        row += 1
        cell = sheet.cell(row=row, column=1, value=line)
        cell.font = Font(name=OFFICE_FONT_NAME, size=12, italic=True)
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    with b.replace_atomically(path, ".xlsx") as temp:
        try:
            workbook.save(temp)
        except OSError as exc:
            raise b.DocumentError(_("Không ghi được tệp {path}: {error}").format(path=path, error=exc)) from exc


# -- tờ trình and danh sách đề nghị (NĐ 152 Mẫu 01) ---------------------------------------------------------


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
            [str(i), _name_cell(line), line.position, line.department, line.code_name, line.achievement]
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
        _ORDER_COLUMN,
        ListColumn("Họ và tên / Tên tập thể", 32),
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
            line.achievement,
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


# -- biên bản họp Hội đồng ------------------------------------------------------------------------------------


def _council_name(unit: UnitHeader) -> str:
    council = "Hội đồng Thi đua - Khen thưởng"
    return f"{council} {_level(unit)}" if _is_peoples_committee(unit) else council


_BALLOT_COLUMNS = (  # set in 10 pt: nine columns on a portrait page
    b.Column("STT", 11, "center"),
    b.Column("Họ và tên", None, "left"),
    b.Column("Danh hiệu đề nghị", 24, "left"),
    b.Column("Tổng số thành viên", 14, "center"),
    b.Column("Tại cuộc họp: đồng ý / không đồng ý / không hợp lệ", 22, "center"),
    b.Column("Bằng văn bản (vắng mặt): đồng ý / không đồng ý", 21, "center"),
    b.Column("Số đồng ý được tính", 14, "center"),
    b.Column("Tỷ lệ đồng ý / tổng số thành viên", 16, "center"),
    b.Column("Kết quả", 14, "center"),
)


def build_minutes(doc: MinutesDoc) -> b.Document:
    """Biên bản: time and place, attendance with absentees' written opinions, the ballot table and its arithmetic."""
    unit = doc.unit
    council = _council_name(unit)
    # The council issues its own minutes: the unit is its governing body in the header.
    header = b.Header(
        unit.name,
        "Hội đồng Thi đua - Khen thưởng",
        f"Số:{_NUMBER_GAP}/BB-HĐTĐKT",
        date_line(unit.place_name, doc.meeting_date),
    )
    members = list(doc.members)
    present = [m for m in members if m.attended]
    absent = [m for m in members if not m.attended]
    blocks: list[b.Block] = [
        header,
        b.Title("Biên bản", f"Họp {council} xét tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}"),
        b.Paragraph(
            f"Vào hồi {BLANK} giờ {BLANK} phút, {date_text(doc.meeting_date)}, tại {doc.location or LONG_BLANK}, "
            f"{council} tổ chức họp xét tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}."
        ),
        b.Paragraph("I. THÀNH PHẦN", bold=True, indent=False),
        b.Paragraph(
            f"Tổng số thành viên Hội đồng: {len(members)} người. Có mặt: {len(present)}/{len(members)} thành viên; "
            f"vắng mặt: {len(absent)} thành viên."
        ),
        b.Paragraph(f"Chủ trì: {doc.chair_name or LONG_BLANK}, Chủ tịch Hội đồng."),
        b.Paragraph(f"Thư ký: {doc.secretary_name or LONG_BLANK}."),
    ]
    if members:
        blocks.append(
            b.Table(
                [
                    b.Column("STT", 12, "center"),
                    b.Column("Họ và tên", None, "left"),
                    b.Column("Chức danh trong Hội đồng", 55, "left"),
                    b.Column("Tham dự", 28, "center"),
                ],
                [
                    [str(i), m.name, m.role, "Có mặt" if m.attended else "Vắng mặt"]
                    for i, m in enumerate(members, start=1)
                ],
            )
        )
    if absent:
        blocks.append(b.Paragraph("Ý kiến bằng văn bản của thành viên vắng mặt:"))
        for m in absent:
            opinion = f"“{m.written_opinion.strip()}”" if m.written_opinion.strip() else "không có ý kiến bằng văn bản"
            blocks.append(b.Paragraph(f"- {m.name} ({m.role}): {opinion}."))
    blocks += [
        b.Paragraph("II. NỘI DUNG", bold=True, indent=False, space_before_mm=2),
        b.Paragraph(
            "Hội đồng đã nghe báo cáo kết quả bình xét và danh sách đề nghị khen thưởng, thảo luận và bỏ phiếu kín "
            "đối với các danh hiệu phải bỏ phiếu. Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng "
            "(kể cả thành viên vắng mặt), không tính trên số thành viên có mặt."
        ),
    ]
    ballots = list(doc.ballots)
    if ballots:
        blocks.append(b.Paragraph("Kết quả bỏ phiếu kín:", bold=True))
        rows = [
            [
                str(line.order),
                line.name,
                line.code_name,
                str(line.members_total),
                f"{line.agree} / {line.disagree} / {line.invalid}",
                f"{line.written_agree} / {line.written_disagree}",
                str(line.counted),
                format_percent(line.counted / line.members_total) if line.members_total else "",
                "Đạt" if line.passed else "Không đạt",
            ]
            for line in ballots
        ]
        blocks.append(b.Table(_BALLOT_COLUMNS, rows, font_size=10))
        blocks.append(b.Paragraph("Cách tính:", bold=True))
        blocks.extend(
            b.Paragraph(f"- {line.name} ({line.code_name}): {line.arithmetic.rstrip('.')}.") for line in ballots
        )
        passed = [line for line in ballots if line.passed]
        failed = [line for line in ballots if not line.passed]
        summary = f"Kết quả: {len(passed)}/{len(ballots)} trường hợp đạt tỷ lệ phiếu đồng ý theo quy định"
        if failed:
            summary += "; không đạt: " + ", ".join(f"{line.name} ({line.code_name})" for line in failed)
        blocks.append(b.Paragraph(summary + "."))
    else:
        blocks.append(b.Paragraph("Không có trường hợp nào phải bỏ phiếu kín.", italic=True))
    if doc.notes.strip():
        blocks.append(b.Paragraph(doc.notes.strip()))
    blocks += [
        b.Paragraph(
            f"Cuộc họp kết thúc vào hồi {BLANK} giờ {BLANK} phút cùng ngày. Biên bản đã được thông qua "
            "trước Hội đồng và các thành viên dự họp nhất trí./."
        ),
        b.Signatures(
            [b.Signer(["Thư ký"], doc.secretary_name), b.Signer(["Chủ tịch Hội đồng"], doc.chair_name)],
        ),
    ]
    return b.Document(
        blocks,
        title=f"Biên bản họp {council} năm {doc.year}",
        author=unit_phrase(unit),
        subject=f"Xét tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}",
    )


# -- quyết định and its attached list -------------------------------------------------------------------------


def _has_money(lines: Sequence[AwardLine]) -> bool:
    return any(line.amount for line in lines)


def _decision_total(doc: DecisionDoc) -> int:
    return doc.total_amount or sum(line.amount for line in doc.lines)


def _decision_list_note(doc: DecisionDoc) -> str:
    return f"(Kèm theo Quyết định số {doc.number_text} {date_text(doc.decision_date)} của {_authority(doc.unit)})"


def _decision_list_subject(doc: DecisionDoc) -> str:
    return f"{_upper_first(_target_kinds(doc.lines))} được tặng {_forms(doc.lines)}"


def _with_achievement(text: str, achievement: str) -> str:
    achievement = achievement.strip()
    return f"{text}, {_lower_first(achievement).rstrip('.')}" if achievement else text


def _group_achievement(lines: Sequence[AwardLine]) -> str:
    found = _ordered_unique([line.achievement.strip() for line in lines])
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
    common = doc.achievement_text.strip() or (_group_achievement(lines) if len(codes) <= 1 else "")
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


def _decision_table(doc: DecisionDoc) -> b.Table:
    money = _has_money(doc.lines)
    columns = [
        b.Column("STT (Số sổ vàng)", 17, "center"),
        b.Column("Họ và tên / Tên tập thể", 75, "left"),
        b.Column("Chức vụ", 44, "left"),
        b.Column("Đơn vị", None, "left"),
        b.Column("Danh hiệu / Hình thức", 40, "left"),
    ]
    if money:
        columns.append(b.Column("Số tiền (đồng)", 25, "right"))
    rows = []
    for line in doc.lines:
        number = line.register_no if line.register_no is not None else line.order
        row = [str(number), _name_cell(line), line.position, line.department, line.code_name]
        if money:
            row.append(format_money(line.amount) if line.amount else "")
        rows.append(row)
    totals = ["Tổng cộng", "", "", "", "", format_money(_decision_total(doc))] if money else None
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
    return b.Document(
        blocks,
        title=f"Quyết định số {doc.number_text}",
        author=unit_phrase(unit),
        subject=doc.subject,
    )


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
    return XlsxList(
        title=f"DANH SÁCH {_decision_list_subject(doc).upper()}",
        subtitle=_decision_list_note(doc),
        columns=columns,
        rows=rows,
        totals={"Số tiền (đồng)": total},
        footer_lines=(b.AmountInWords(_total_words(doc.total_in_words, total)).text(),),
        sheet_name="Quyết định",
    )


# -- danh sách chi tiền thưởng ---------------------------------------------------------------------------------


def _payment_note(doc: PaymentListDoc) -> str:
    return f"(Kèm theo Quyết định số {doc.decision_number_text} {date_text(doc.decision_date)})"


_SIGN_ROOM = "\u00a0\n\u00a0"  # two blank lines: a receipt cell tall enough to sign in


def _money_notes(lines: Sequence[AwardLine]) -> list[b.Block]:
    """Below a money list: why some amounts are only a difference (title money is paid once per person and year)."""
    groups: dict[str, list[str]] = {}
    for line in lines:
        if line.money_note:
            groups.setdefault(line.money_note, []).append(line.name)
    blocks: list[b.Block] = []
    for note, names in groups.items():
        who = ", ".join(names) if len(names) <= 3 else f"{len(names)} người, tập thể ({', '.join(names[:2])}, …)"
        blocks.append(b.Paragraph(f"Ghi chú: số tiền của {who} là phần chênh lệch: {note}", italic=True))
    return blocks


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
        [str(i), _name_cell(line), line.department, line.code_name, format_money(line.amount), _SIGN_ROOM]
        for i, line in enumerate(doc.lines, start=1)
    ]
    total = doc.total_amount or sum(line.amount for line in doc.lines)
    blocks: list[b.Block] = [
        _header(unit, None, ""),
        b.Title("Danh sách chi tiền thưởng", note=_payment_note(doc)),
        b.Table(columns, rows, totals_row=["Tổng cộng", "", "", "", format_money(total), ""]),
        b.AmountInWords(_total_words(doc.total_in_words, total)),
        *_money_notes(doc.lines),
        b.Signatures(
            [
                b.Signer([doc.preparer_title], ""),
                b.Signer([doc.accountant_title], ""),
                # the approver signs the way the decision was signed (KT. / TM.), with the same signer
                b.Signer(list(unit.signature) or ["Thủ trưởng đơn vị"], unit.head_name),
            ],
            date_line=date_line(unit.place_name, None, year=doc.decision_date.year),
        ),
    ]
    return b.Document(
        blocks,
        title=f"Danh sách chi tiền thưởng theo Quyết định số {doc.decision_number_text}",
        author=unit_phrase(unit),
        subject="Danh sách chi tiền thưởng",
        landscape=True,
    )


def list_rows_payment(doc: PaymentListDoc) -> XlsxList:
    columns = [
        _ORDER_COLUMN,
        ListColumn("Họ và tên / Tên tập thể", 32),
        ListColumn("Đơn vị", 28),
        ListColumn("Danh hiệu / Hình thức", 26),
        ListColumn("Số tiền (đồng)", 16, "money"),
        ListColumn("Ký nhận", 20),
    ]
    rows = [
        [i, line.name, line.department, line.code_name, line.amount, ""] for i, line in enumerate(doc.lines, start=1)
    ]
    total = doc.total_amount or sum(line.amount for line in doc.lines)
    return XlsxList(
        title="DANH SÁCH CHI TIỀN THƯỞNG",
        subtitle=_payment_note(doc),
        columns=columns,
        rows=rows,
        totals={"Số tiền (đồng)": total},
        footer_lines=(b.AmountInWords(_total_words(doc.total_in_words, total)).text(),),
        sheet_name="Chi tiền thưởng",
    )


# -- báo cáo thành tích (NĐ 152 Mẫu 05) -----------------------------------------------------------------------


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
    return b.Document(
        blocks,
        title=f"Báo cáo thành tích — {person.name}",
        author=unit_phrase(unit),
        subject=f"Đề nghị tặng {doc.proposed_for}",
    )


# -- sổ theo dõi khen thưởng ------------------------------------------------------------------------------------


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
    return b.Document(
        blocks,
        title=f"Sổ theo dõi khen thưởng — {doc.subject_name}",
        author=unit_phrase(unit),
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


# -- entry point ----------------------------------------------------------------------------------------------

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
    "BUILDERS",
    "FORMATS",
    "KINDS",
    "KIND_NAMES",
    "LIST_KINDS",
    "LIST_ROWS",
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
