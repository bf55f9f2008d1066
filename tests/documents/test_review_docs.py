"""The yearly-review documents rendered for real: PDF read back with pypdf, .docx with python-docx, .xlsx with openpyxl.

The data is a commune's year written by hand from the dataclasses of ``review_data``: twelve awardees with the
longest real names, a 300-character achievement, a collective, and amounts from the NĐ 152 table at the base
salary of 2,340,000 (LĐTT 710,000; CSTĐCS 2,340,000; TTLĐTT 1,880,000; Giấy khen 710,000).
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.documents import blocks as b
from desktop.documents import review_docs
from desktop.documents.numbers import date_line
from desktop.documents.review_data import (
    AchievementReportDoc,
    AwardLine,
    BallotLine,
    CouncilMemberLine,
    DecisionDoc,
    MinutesDoc,
    PaymentListDoc,
    PreviousAward,
    ProposalDoc,
    RegisterDoc,
    RegisterEntry,
    UnitHeader,
)
from desktop.domain.amount_words import amount_in_words

LONGEST_NAME = "Nguyễn Thị Hoàng Phương Thảo Nguyên"
DECISION_DATE = date(2025, 12, 30)
NUMBER = "125/QĐ-UBND"
LONG_ACHIEVEMENT = (
    "Hoàn thành xuất sắc nhiệm vụ được giao năm 2025; chủ trì triển khai chuyển đổi số trong giải quyết thủ tục "
    "hành chính tại Bộ phận Một cửa, 100% hồ sơ được giải quyết đúng hạn; có sáng kiến “Số hóa hồ sơ hộ tịch "
    "thôn Lô Lô Chải” được Hội đồng sáng kiến xã công nhận, áp dụng hiệu quả trên toàn xã và được nhân rộng."
)
assert len(LONG_ACHIEVEMENT) >= 300

UNIT = UnitHeader(
    parent_body="ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
    name="ỦY BAN NHÂN DÂN XÃ LŨNG CÚ",
    place_name="Lũng Cú",
    head_title="Chủ tịch",
    head_name="Sùng Mí Dũng",
)
SIGNING_UNIT = UnitHeader(
    parent_body=UNIT.parent_body,
    name=UNIT.name,
    place_name=UNIT.place_name,
    head_title="Chủ tịch",
    head_name="Sùng Mí Dũng",
    signature=("TM. Ủy ban nhân dân", "Chủ tịch"),
)

# (name, gender, position, department, code, code name, category, amount)
_PEOPLE = (
    (
        LONGEST_NAME,
        "F",
        "Chuyên viên Văn phòng HĐND và UBND",
        "Văn phòng HĐND và UBND",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "title",
        2_340_000,
    ),
    ("Giàng Seo Phử", "M", "Phó Chủ tịch UBND", "Lãnh đạo UBND", "LDTT", "Lao động tiên tiến", "title", 710_000),
    (
        "Lò Thị Mỷ",
        "F",
        "Chủ tịch Hội Liên hiệp Phụ nữ",
        "Hội Liên hiệp Phụ nữ",
        "LDTT",
        "Lao động tiên tiến",
        "title",
        710_000,
    ),
    ("Vàng Thị Dính", "F", "Kế toán", "Phòng Kinh tế", "LDTT", "Lao động tiên tiến", "title", 710_000),
    ("Thào Mí Lử", "M", "Trưởng thôn Lô Lô Chải", "Thôn Lô Lô Chải", "LDTT", "Lao động tiên tiến", "title", 710_000),
    (
        "Lầu Thị Dợ",
        "F",
        "Chuyên viên Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND",
        "LDTT",
        "Lao động tiên tiến",
        "title",
        710_000,
    ),
    ("Ly Mí Chá", "M", "Chỉ huy trưởng Quân sự", "Ban Chỉ huy Quân sự", "LDTT", "Lao động tiên tiến", "title", 710_000),
    (
        "Sính Thị Mai",
        "F",
        "Công chức Văn hóa - Xã hội",
        "Phòng Văn hóa - Xã hội",
        "LDTT",
        "Lao động tiên tiến",
        "title",
        710_000,
    ),
    ("Hoàng Văn Dương", "M", "Chuyên viên", "Phòng Kinh tế", "LDTT", "Lao động tiên tiến", "title", 710_000),
    ("Phạm Thị Thu Hà", "F", "Viên chức Trạm Y tế", "Trạm Y tế", "LDTT", "Lao động tiên tiến", "title", 710_000),
    (
        "Trần Quốc Khánh",
        "M",
        "Bí thư Đoàn Thanh niên",
        "Đoàn Thanh niên",
        "GIAY_KHEN",
        "Giấy khen",
        "award_form",
        710_000,
    ),
)
COLLECTIVE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Lũng Cú"
TOTAL = 2_340_000 + 9 * 710_000 + 710_000 + 1_880_000  # 11,320,000


def award_lines(count: int = 12) -> tuple[AwardLine, ...]:
    """``count`` awardees in register order: the eleven people above (repeated for big lists), then a collective."""
    lines = []
    for i in range(count - 1):
        name, gender, position, department, code, code_name, category, amount = _PEOPLE[i % len(_PEOPLE)]
        if i >= len(_PEOPLE):
            name = f"{name} ({i + 1})"
        lines.append(
            AwardLine(
                order=i + 1,
                target_kind="individual",
                name=name,
                position=position,
                department=department,
                gender=gender,
                code=code,
                code_name=code_name,
                category=category,
                amount=amount,
                achievement=LONG_ACHIEVEMENT if i == 0 else "Hoàn thành tốt nhiệm vụ năm 2025.",
                register_no=i + 1,
            )
        )
    lines.append(
        AwardLine(
            order=count,
            target_kind="collective",
            name=COLLECTIVE,
            code="TTLDTT",
            code_name="Tập thể lao động tiên tiến",
            category="title",
            amount=1_880_000,
            achievement="Hoàn thành tốt nhiệm vụ năm 2025, trên 50% cá nhân đạt Lao động tiên tiến.",
            register_no=count,
        )
    )
    return tuple(lines)


LEGAL_BASIS = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
    "một số điều của Luật Thi đua, khen thưởng;",
)


def decision_doc(count: int = 12, *, unit: UnitHeader = UNIT, status_note: str = "") -> DecisionDoc:
    lines = award_lines(count)
    total = sum(line.amount for line in lines)
    return DecisionDoc(
        unit=unit,
        number_text=NUMBER,
        decision_date=DECISION_DATE,
        subject="Về việc tặng danh hiệu thi đua và Giấy khen năm 2025",
        legal_basis=LEGAL_BASIS,
        achievement_text="Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025",
        lines=lines,
        recipients=("Như Điều 3;", "Thường trực Đảng ủy xã;", "Lưu: VT."),
        total_amount=total,
        total_in_words=amount_in_words(total),
        status_note=status_note,
    )


def payment_doc(count: int = 12) -> PaymentListDoc:
    lines = award_lines(count)
    total = sum(line.amount for line in lines)
    return PaymentListDoc(
        unit=UNIT,
        decision_number_text=NUMBER,
        decision_date=DECISION_DATE,
        lines=lines,
        total_amount=total,
        total_in_words=amount_in_words(total),
    )


def proposal_doc(count: int = 12) -> ProposalDoc:
    return ProposalDoc(
        unit=UNIT,
        number_text="",
        doc_date=date(2025, 12, 22),
        recipient="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        year=2025,
        subject="Về việc đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm 2025",
        lines=award_lines(count),
        legal_basis=LEGAL_BASIS[1:],
        summary="Năm 2025, cán bộ, công chức xã hoàn thành tốt các chỉ tiêu kinh tế - xã hội được giao.",
    )


def minutes_doc(count: int = 12) -> MinutesDoc:
    members = (
        CouncilMemberLine("Sùng Mí Dũng", "Chủ tịch Hội đồng", True),
        CouncilMemberLine("Giàng Seo Phử", "Phó Chủ tịch Hội đồng", True),
        CouncilMemberLine("Lò Thị Mỷ", "Ủy viên", True),
        CouncilMemberLine("Ly Mí Chá", "Ủy viên", False, "Đồng ý với danh sách đề nghị"),
        CouncilMemberLine("Thào Mí Lử", "Ủy viên", True),
        CouncilMemberLine("Hoàng Văn Dương", "Ủy viên", True),
        CouncilMemberLine("Sính Thị Mai", "Ủy viên", False),
        CouncilMemberLine("Phạm Thị Thu Hà", "Ủy viên", True),
        CouncilMemberLine("Vàng Thị Dính", "Ủy viên", True),
        CouncilMemberLine("Lầu Thị Dợ", "Thư ký", True),
    )
    # 8 present, 2 absent: Ly Mí Chá agreed in writing with the list, Sính Thị Mai gave no opinion. The ballots cast
    # at the meeting and the written votes are kept apart; the threshold counts both on all 10 members.
    ballots = [
        BallotLine(
            1,
            LONGEST_NAME,
            "Chiến sĩ thi đua cơ sở",
            10,
            8,
            0,
            0,
            True,
            "9/10 thành viên đồng ý = 90,0% ≥ 80% → đạt (vắng 2, trong đó 1 ý kiến đồng ý bằng văn bản được tính)",
            written_agree=1,
            present=8,
        ),
        BallotLine(
            2,
            "Trần Quốc Khánh",
            "Chiến sĩ thi đua cơ sở",
            10,
            6,
            1,
            1,
            False,
            "7/10 thành viên đồng ý = 70,0% < 80% → không đạt "
            "(vắng 2, trong đó 1 ý kiến đồng ý bằng văn bản được tính)",
            written_agree=1,
            present=8,
        ),
    ]
    ballots += [
        BallotLine(
            3 + i,
            f"Cán bộ số {i + 1}",
            "Chiến sĩ thi đua cơ sở",
            10,
            8,
            0,
            0,
            True,
            "8/10 thành viên đồng ý = 80,0% ≥ 80% → đạt",
            present=8,
        )
        for i in range(max(0, count - 12))
    ]
    return MinutesDoc(
        unit=UNIT,
        meeting_date=date(2025, 12, 20),
        location="Hội trường Ủy ban nhân dân xã Lũng Cú",
        year=2025,
        members=members,
        ballots=tuple(ballots),
        chair_name="Sùng Mí Dũng",
        secretary_name="Lầu Thị Dợ",
        notes="Hội đồng thống nhất đề nghị Chủ tịch UBND xã tặng danh hiệu cho các trường hợp đạt.",
    )


def achievement_doc() -> AchievementReportDoc:
    return AchievementReportDoc(
        unit=UNIT,
        person=award_lines()[0],
        birth_date=date(1988, 2, 5),
        ethnic="HMông",
        proposed_for="Chiến sĩ thi đua cấp tỉnh",
        years=(2023, 2024, 2025),
        ratings=((2023, "Hoàn thành xuất sắc nhiệm vụ"), (2025, "Hoàn thành xuất sắc nhiệm vụ")),
        previous_awards=(
            PreviousAward(
                2023, "Chiến sĩ thi đua cơ sở", "title", "98/QĐ-UBND", date(2023, 12, 28),
                "Chủ tịch Ủy ban nhân dân huyện Đồng Văn",
            ),
            PreviousAward(
                2024, "Giấy khen", "award_form", "131/QĐ-UBND", date(2024, 12, 27),
                "Chủ tịch Ủy ban nhân dân xã Lũng Cú",
            ),
        ),
        initiatives=("Số hóa hồ sơ hộ tịch thôn Lô Lô Chải",),
    )


def register_doc() -> RegisterDoc:
    return RegisterDoc(
        unit=UNIT,
        subject_name=LONGEST_NAME,
        subject_kind="individual",
        details=(
            ("Mã cán bộ", "CB0007"),
            ("Ngày sinh", "05/02/1988"),
            ("Chức vụ", "Chuyên viên Văn phòng HĐND và UBND"),
        ),
        entries=(
            RegisterEntry(
                2023,
                "Lao động tiên tiến",
                "title",
                "98/QĐ-UBND",
                date(2023, 12, 28),
                "Chủ tịch UBND xã",
                7,
                540_000,
                "import",  # the unit's own decision, from its old register in Excel
            ),
            RegisterEntry(
                2024,
                "Chiến sĩ thi đua cơ sở",
                "title",
                "131/QĐ-UBND",
                date(2024, 12, 27),
                "Chủ tịch UBND xã",
                3,
                2_340_000,
                "unit",
            ),
            RegisterEntry(
                2024,
                "Bằng khen của Chủ tịch UBND tỉnh",
                "award_form",
                "2051/QĐ-UBND",
                date(2025, 3, 14),
                "Chủ tịch UBND tỉnh Tuyên Quang",
                None,
                3_510_000,
                "above",
            ),
            RegisterEntry(
                2025, "Chiến sĩ thi đua cơ sở", "title", NUMBER, DECISION_DATE, "Chủ tịch UBND xã", 1, 2_340_000, "unit"
            ),
        ),
    )


DOCS = {
    "proposal": proposal_doc,
    "proposal_list": proposal_doc,
    "minutes": minutes_doc,
    "decision": decision_doc,
    "payment": payment_doc,
    "achievement_report": achievement_doc,
    "register": register_doc,
}


# -- reading the files back ---------------------------------------------------------------------------------


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_text(path: Path) -> str:
    """All the text of a PDF, whitespace collapsed (cells and wrapped lines become single spaces)."""
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", _nfc(" ".join(page.extract_text() for page in reader.pages)))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return re.sub(r"\s+", " ", _nfc(" ".join(parts)))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every kind in every format it supports, written once for the module."""
    folder = tmp_path_factory.mktemp("review-docs")
    out: dict[tuple[str, str], Path] = {}
    for kind in review_docs.KINDS:
        for fmt in review_docs.formats_for(kind):
            out[kind, fmt] = review_docs.render(kind, DOCS[kind](), folder / f"{kind}.{fmt}")
    return out


# -- every kind, every format --------------------------------------------------------------------------------


def test_every_kind_renders_to_pdf_and_docx_and_every_list_to_xlsx(rendered):
    assert set(review_docs.LIST_KINDS) == {"proposal_list", "decision", "payment", "register"}
    for (kind, fmt), path in rendered.items():
        assert path.is_file() and path.stat().st_size > 1000, (kind, fmt)
        if fmt == "pdf":
            assert path.read_bytes().startswith(b"%PDF")
    assert len(rendered) == 7 * 2 + 4


@pytest.mark.parametrize("kind", review_docs.KINDS)
def test_every_pdf_has_the_two_column_header(rendered, kind):
    text = pdf_text(rendered[kind, "pdf"])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN" in text
    # A People's Committee has no governing body printed above it (NĐ 30/2020, Phụ lục I).
    assert "TỈNH TUYÊN QUANG" not in text


@pytest.mark.parametrize("kind", review_docs.KINDS)
def test_docx_says_what_the_pdf_says(rendered, kind):
    text = docx_text(rendered[kind, "docx"])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    pdf = pdf_text(rendered[kind, "pdf"])
    for needle in (LONGEST_NAME, NUMBER, "11.320.000", amount_in_words(TOTAL)):
        assert (needle in pdf) == (needle in text), (kind, needle)


# -- quyết định ------------------------------------------------------------------------------------------------


def test_decision_pdf(rendered):
    text = pdf_text(rendered["decision", "pdf"])
    assert "Số: 125/QĐ-UBND" in text
    assert date_line("Lũng Cú", DECISION_DATE) == "Lũng Cú, ngày 30 tháng 12 năm 2025"
    assert "Lũng Cú, ngày 30 tháng 12 năm 2025" in text
    assert "QUYẾT ĐỊNH Về việc tặng danh hiệu thi đua và Giấy khen năm 2025" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã." in text
    assert (
        "Điều 1. Tặng danh hiệu “Chiến sĩ thi đua cơ sở”, danh hiệu “Lao động tiên tiến”, Giấy khen và danh "
        "hiệu “Tập thể lao động tiên tiến” cho 11 cá nhân và 1 tập thể" in text
    )
    assert "đã có thành tích hoàn thành tốt nhiệm vụ năm 2025." in text
    assert "Điều 2. Tiền thưởng được chi từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân xã Lũng Cú." in text
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "chịu trách nhiệm thi hành Quyết định này./." in text
    assert "Nơi nhận: - Như Điều 3; - Thường trực Đảng ủy xã; - Lưu: VT." in text
    assert "CHỦ TỊCH Sùng Mí Dũng" in text
    # The attached list on its own page.
    reader = PdfReader(str(rendered["decision", "pdf"]))
    list_page = next(i for i, p in enumerate(reader.pages) if "DANH SÁCH" in _nfc(p.extract_text()))
    assert list_page >= 1
    assert reader.pages[list_page].mediabox.width > reader.pages[list_page].mediabox.height  # landscape
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 30 tháng 12 năm 2025 của Chủ tịch UBND xã Lũng Cú)" in text
    for line in award_lines():
        assert line.name in text
    assert f"1 {LONGEST_NAME} Chuyên viên Văn phòng HĐND và UBND" in text
    assert "12 Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Lũng Cú" in text
    assert "2.340.000" in text and "1.880.000" in text
    assert "Tổng cộng 11.320.000" in text
    assert f"Bằng chữ: {amount_in_words(TOTAL)}." in text
    assert amount_in_words(TOTAL) == "Mười một triệu ba trăm hai mươi nghìn đồng"


def test_decision_signed_on_behalf_of_the_committee_keeps_the_chairs_authority_line(tmp_path):
    path = review_docs.render("decision", decision_doc(unit=SIGNING_UNIT), tmp_path / "qd.pdf")
    text = pdf_text(path)
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Sùng Mí Dũng" in text
    # the authority line is the chair's whoever signs (RULES: "The authority line stays the chair's")
    assert "QUYẾT ĐỊNH Về việc" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ Căn cứ" in text
    assert "của Chủ tịch UBND xã Lũng Cú)" in text


def test_revoked_decision_says_so_on_the_copy(tmp_path):
    note = "Đã bị thu hồi: nhầm người được khen"
    text = pdf_text(review_docs.render("decision", decision_doc(status_note=note), tmp_path / "qd.pdf"))
    assert note in text


def test_decision_docx(rendered):
    document = docx.Document(str(rendered["decision", "docx"]))
    assert document.core_properties.title == "Quyết định số 125/QĐ-UBND"
    text = docx_text(rendered["decision", "docx"])
    assert "Số: 125/QĐ-UBND" in text
    assert "Lũng Cú, ngày 30 tháng 12 năm 2025" in text
    assert "Điều 2. Tiền thưởng được chi từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân xã Lũng Cú." in text
    assert f"Bằng chữ: {amount_in_words(TOTAL)}." in text
    awardees = document.tables[-1]
    assert awardees.rows[0].cells[0].text == "STT (Số sổ vàng)"
    assert [r.cells[0].text for r in awardees.rows[1:13]] == [str(i) for i in range(1, 13)]
    assert awardees.rows[1].cells[1].text == LONGEST_NAME
    assert awardees.rows[-1].cells[0].text == "Tổng cộng"
    assert awardees.rows[-1].cells[-1].text == "11.320.000"
    assert document.sections[-1].page_width > document.sections[-1].page_height  # the list in landscape


def test_decision_xlsx_holds_numbers(rendered):
    sheet = load_workbook(rendered["decision", "xlsx"]).active
    assert sheet["A1"].value.startswith("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC TẶNG")
    assert "125/QĐ-UBND" in sheet["A2"].value
    header = [c.value for c in sheet[4]]
    assert header[0] == "Số sổ vàng" and header[-1] == "Số tiền (đồng)"
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=16)]
    assert [r[0] for r in data] == list(range(1, 13))
    assert data[0][1] == LONGEST_NAME
    assert data[11][2] == "tập thể"
    assert sum(r[-1] for r in data) == TOTAL
    totals = [c.value for c in sheet[17]]
    assert totals[0] == "Tổng cộng" and totals[-1] == TOTAL and isinstance(totals[-1], int)
    assert sheet.cell(row=19, column=1).value == f"Bằng chữ: {amount_in_words(TOTAL)}."


# -- danh sách chi tiền thưởng --------------------------------------------------------------------------------


def test_payment_list_pdf(rendered):
    text = pdf_text(rendered["payment", "pdf"])
    assert "DANH SÁCH CHI TIỀN THƯỞNG" in text
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 30 tháng 12 năm 2025)" in text
    assert "Ký nhận" in text
    assert f"1 {LONGEST_NAME} Văn phòng HĐND và UBND Chiến sĩ thi đua cơ sở 2.340.000" in text
    assert "Tổng cộng 11.320.000" in text
    assert f"Bằng chữ: {amount_in_words(TOTAL)}." in text
    assert "NGƯỜI LẬP BIỂU KẾ TOÁN" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "Sùng Mí Dũng" in text
    reader = PdfReader(str(rendered["payment", "pdf"]))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height


def test_payment_list_xlsx_and_docx(rendered):
    sheet = load_workbook(rendered["payment", "xlsx"]).active
    assert sheet["A1"].value == "DANH SÁCH CHI TIỀN THƯỞNG"
    header = [c.value for c in sheet[4]]
    assert header == ["STT", "Họ và tên / Tên tập thể", "Đơn vị", "Danh hiệu / Hình thức", "Số tiền (đồng)", "Ký nhận"]
    amounts = [sheet.cell(row=r, column=5).value for r in range(5, 17)]
    assert amounts[0] == 2_340_000 and amounts[-1] == 1_880_000
    assert sheet.cell(row=17, column=5).value == TOTAL == sum(amounts)
    assert sheet.cell(row=17, column=5).number_format == "#,##0"
    assert sheet.cell(row=19, column=1).value == f"Bằng chữ: {amount_in_words(TOTAL)}."
    table = docx.Document(str(rendered["payment", "docx"])).tables[1]
    assert table.rows[0].cells[-1].text == "Ký nhận"
    assert table.rows[-1].cells[-2].text == "11.320.000"


# -- tờ trình and danh sách đề nghị ----------------------------------------------------------------------------


def test_proposal_pdf(rendered):
    text = pdf_text(rendered["proposal", "pdf"])
    assert "TỜ TRÌNH Về việc đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm 2025" in text
    assert re.search(r"Số: +/TTr-UBND", text)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã Lũng Cú" in text
    assert "Lũng Cú, ngày 22 tháng 12 năm 2025" in text
    assert (
        "1. Danh hiệu thi đua: - Chiến sĩ thi đua cơ sở: 1 cá nhân; - Lao động tiên tiến: 9 cá nhân; "
        "- Tập thể lao động tiên tiến: 1 tập thể;" in text
    )
    assert "2. Hình thức khen thưởng: - Giấy khen: 1 cá nhân." in text
    assert "(Có danh sách kèm theo)" in text
    assert "Kính trình Chủ tịch Ủy ban nhân dân xã Lũng Cú xem xét, quyết định./." in text
    assert "I. DANH HIỆU THI ĐUA" in text and "II. HÌNH THỨC KHEN THƯỞNG" in text
    assert LONG_ACHIEVEMENT in text


def test_proposal_list_in_three_formats(rendered):
    text = pdf_text(rendered["proposal_list", "pdf"])
    assert "DANH SÁCH Đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm 2025" in text
    assert "(Kèm theo Tờ trình số" in text and "ngày 22 tháng 12 năm 2025 của Ủy ban nhân dân xã Lũng Cú)" in text
    assert "TỜ TRÌNH" not in text
    assert LONG_ACHIEVEMENT in text and COLLECTIVE in text
    assert LONG_ACHIEVEMENT in docx_text(rendered["proposal_list", "docx"])
    sheet = load_workbook(rendered["proposal_list", "xlsx"]).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=16)]
    assert [r[0] for r in rows] == list(range(1, 13))
    assert [r[5] for r in rows].count("Hình thức khen thưởng") == 1
    assert rows[-1][5] == "Hình thức khen thưởng"  # award forms after titles, kept apart
    assert rows[0][7] == LONG_ACHIEVEMENT


# -- biên bản ---------------------------------------------------------------------------------------------------


def test_minutes_pdf(rendered):
    text = pdf_text(rendered["minutes", "pdf"])
    assert "BIÊN BẢN Họp Hội đồng Thi đua - Khen thưởng xã" in text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text and "/BB-HĐTĐKT" in text
    assert "ngày 20 tháng 12 năm 2025, tại Hội trường Ủy ban nhân dân xã Lũng Cú" in text
    assert "Có mặt: 8/10 thành viên; vắng mặt: 2 thành viên." in text
    assert "- Ly Mí Chá (Ủy viên): “Đồng ý với danh sách đề nghị”." in text
    assert "- Sính Thị Mai (Ủy viên): không có ý kiến bằng văn bản." in text
    for title in ("Tổng số thành viên", "Tại cuộc họp", "Bằng văn bản (vắng mặt)", "Số đồng ý được tính", "Kết quả"):
        assert title in text
    assert "Tỷ lệ đồng ý / tổng số thành viên" in text
    # At the meeting 6 agree, 1 against, 1 invalid; in writing 1 agree, 0 against: 7 counted of 10 members.
    assert "2 Trần Quốc Khánh Chiến sĩ thi đua cơ sở 10 6 / 1 / 1 1 / 0 7 70,0% Không đạt" in text
    assert "8 / 0 / 0 1 / 0 9 90,0% Đạt" in text
    assert "9/10 thành viên đồng ý = 90,0% ≥ 80% → đạt (vắng 2, trong đó 1 ý kiến đồng ý bằng văn bản" in text
    assert "7/10 thành viên đồng ý = 70,0% < 80% → không đạt" in text
    assert "Kết quả: 1/2 trường hợp đạt" in text and "không đạt: Trần Quốc Khánh (Chiến sĩ thi đua cơ sở)" in text
    assert "THƯ KÝ Lầu Thị Dợ CHỦ TỊCH HỘI ĐỒNG Sùng Mí Dũng" in text


# -- báo cáo thành tích and sổ khen thưởng -----------------------------------------------------------------------


def test_achievement_report_skeleton(rendered):
    text = pdf_text(rendered["achievement_report", "pdf"])
    assert "BÁO CÁO THÀNH TÍCH Đề nghị tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”" in text
    assert "(Thành tích giai đoạn 2023 - 2025)" in text
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert LONGEST_NAME in text and "Giới tính: Nữ" in text
    assert "Ngày, tháng, năm sinh: 05/02/1988" in text and "Dân tộc: HMông" in text
    assert "+ Năm 2023: Hoàn thành xuất sắc nhiệm vụ;" in text
    assert "+ Năm 2024: ……;" in text  # a year without a rating is left for the clerk
    assert "“Số hóa hồ sơ hộ tịch thôn Lô Lô Chải”" in text
    assert "Quê quán: …" in text
    assert (
        "2023 Chiến sĩ thi đua cơ sở Quyết định số 98/QĐ-UBND ngày 28/12/2023 của Chủ tịch Ủy ban nhân dân huyện"
        in text
    )
    assert "2024 Giấy khen Quyết định số 131/QĐ-UBND ngày 27/12/2024 của Chủ tịch Ủy ban nhân dân xã" in text
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text and "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text
    word = docx_text(rendered["achievement_report", "docx"])
    assert "Quê quán: …" in word and "I. SƠ LƯỢC LÝ LỊCH" in word


def test_achievement_report_of_a_collective(tmp_path):
    doc = AchievementReportDoc(
        unit=UNIT,
        person=award_lines()[-1],
        birth_date=None,
        ethnic="",
        proposed_for="Tập thể lao động xuất sắc",
        years=(2025,),
    )
    text = pdf_text(review_docs.render("achievement_report", doc, tmp_path / "bc.pdf"))
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and COLLECTIVE in text
    assert "(Thành tích năm 2025)" in text
    assert "Giới tính" not in text


def test_register_in_three_formats(rendered):
    text = pdf_text(rendered["register", "pdf"])
    assert "SỔ THEO DÕI KHEN THƯỞNG" in text and f"Họ và tên: {LONGEST_NAME}" in text
    assert "Mã cán bộ: CB0007" in text
    assert "131/QĐ-UBND ngày 27/12/2024" in text
    assert "Bằng khen của Chủ tịch UBND tỉnh" in text and "Cấp trên" in text and "Đơn vị" in text
    assert "Đơn vị (nhập từ Excel)" in text and "nhập từ gói" not in text  # review H: it said "Cấp trên"
    assert "Tổng cộng 8.730.000" in text
    sheet = load_workbook(rendered["register", "xlsx"]).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=8)]
    assert [r[1] for r in rows] == [2023, 2024, 2024, 2025]
    assert rows[2][2] is None and rows[2][3] == "Bằng khen của Chủ tịch UBND tỉnh"  # award form, not a title
    assert rows[1][5].date() == date(2024, 12, 27)
    assert [r[7] for r in rows] == [7, 3, None, 1]  # số sổ vàng
    assert [r[-1] for r in rows] == ["Đơn vị (nhập từ Excel)", "Đơn vị", "Cấp trên", "Đơn vị"]
    assert sheet.cell(row=9, column=9).value == 8_730_000
    assert "Chiến sĩ thi đua cơ sở" in docx_text(rendered["register", "docx"])


def test_empty_register_still_prints(tmp_path):
    doc = RegisterDoc(unit=UNIT, subject_name="Thôn Lô Lô Chải", subject_kind="collective")
    text = pdf_text(review_docs.render("register", doc, tmp_path / "so.pdf"))
    assert "Tên tập thể: Thôn Lô Lô Chải" in text and "Chưa có danh hiệu thi đua" in text


# -- bad requests ---------------------------------------------------------------------------------------------


def test_xlsx_only_for_lists(tmp_path):
    with pytest.raises(b.DocumentError, match="không phải là danh sách"):
        review_docs.render("minutes", minutes_doc(), tmp_path / "bb.xlsx")
    with pytest.raises(b.DocumentError, match="Tờ trình"):
        review_docs.render("proposal", proposal_doc(), tmp_path / "tt.xlsx")
    assert not list(tmp_path.iterdir())


def test_unknown_kind_format_or_data_is_refused(tmp_path):
    with pytest.raises(b.DocumentError, match="Không có loại văn bản “certificate”"):
        review_docs.render("certificate", decision_doc(), tmp_path / "x.pdf")
    with pytest.raises(b.DocumentError, match="định dạng “odt”"):
        review_docs.render("decision", decision_doc(), tmp_path / "x.odt")
    with pytest.raises(b.DocumentError, match="cần DecisionDoc, nhận được PaymentListDoc"):
        review_docs.render("decision", payment_doc(), tmp_path / "x.pdf")
    # An explicit format wins over the suffix.
    path = review_docs.render("payment", payment_doc(), tmp_path / "chi-tien", fmt="xlsx")
    assert path.name == "chi-tien"
    assert load_workbook(io.BytesIO(path.read_bytes())).active["A1"].value == "DANH SÁCH CHI TIỀN THƯỞNG"


def test_unit_phrase():
    assert review_docs.unit_phrase(UNIT) == "Ủy ban nhân dân xã Lũng Cú"
    assert review_docs.unit_phrase(UNIT, short=True) == "UBND xã Lũng Cú"
    ward = UnitHeader("", "ỦY BAN NHÂN DÂN PHƯỜNG HÀ GIANG 1", "", "Chủ tịch", "A")
    assert review_docs.unit_phrase(ward) == "Ủy ban nhân dân phường Hà Giang 1"
