"""Real PDFs written to disk and read back with pypdf: Vietnamese text, fonts, pages, metadata, speed."""

from __future__ import annotations

import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from desktop.documents import admin_pdf
from desktop.documents import blocks as b
from desktop.documents.fonts import (
    FontSet,
    bundled_liberation_serif,
    document_font,
    find_times_new_roman,
    load_font_set,
)
from tests.documents.sample_docs import COLUMNS, LONG_NAME, PLACE_DATE, award_rows, decision

A4 = (210 * mm, 297 * mm)


def _text(page) -> str:
    return unicodedata.normalize("NFC", page.extract_text())


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    return admin_pdf.render_pdf(decision(20), tmp_path_factory.mktemp("pdf") / "quyet-dinh.pdf")


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    return admin_pdf.render_pdf(decision(300), tmp_path_factory.mktemp("pdf") / "quyet-dinh-300.pdf")


# -- fonts ------------------------------------------------------------------------------------------------


def test_document_font_is_registered_once_as_a_family():
    font = document_font()
    assert isinstance(font, FontSet)
    assert document_font() is font
    assert font.source_path.is_file()
    from reportlab.lib.fonts import tt2ps

    assert tt2ps(font.family, 1, 0) == font.bold
    assert tt2ps(font.family, 0, 1) == font.italic
    assert tt2ps(font.family, 1, 1) == font.bold_italic


def test_without_times_new_roman_the_bundled_liberation_serif_is_used(tmp_path):
    font = load_font_set([tmp_path])
    assert not font.is_times
    assert font.source_path == bundled_liberation_serif()["regular"]


def test_times_new_roman_files_are_found_in_subfolders(tmp_path):
    folder = tmp_path / "truetype" / "msttcorefonts"
    folder.mkdir(parents=True)
    liberation = bundled_liberation_serif()
    names = {"regular": "Times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bold_italic": "timesbi.ttf"}
    for style, name in names.items():
        shutil.copy(liberation[style], folder / name)
    found = find_times_new_roman([tmp_path / "missing", tmp_path])
    assert found is not None
    assert found["bold"].name == "timesbd.ttf"
    font = load_font_set([tmp_path])
    assert font.is_times
    assert font.source_path == folder / "Times.ttf"
    (folder / "timesbi.ttf").unlink()  # three faces are not enough: <b><i> would have no font
    assert find_times_new_roman([tmp_path]) is None


def test_fonts_are_embedded_as_subsets(sample_pdf):
    reader = PdfReader(sample_pdf)
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name  # TrueType program embedded
            assert re.match(r"^/[A-Z]{6}\+", name), name  # subset prefix
            seen += 1
    assert seen >= 3  # regular, bold and italic at least


# -- text and layout -----------------------------------------------------------------------------------------


def test_vietnamese_text_comes_back_whole(sample_pdf):
    reader = PdfReader(sample_pdf)
    first = _text(reader.pages[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "ỦY BAN NHÂN DÂN" in first and "XÃ LŨNG CÚ" in first
    assert "Số: 125/QĐ-UBND" in first
    assert "Lũng Cú, ngày 30 tháng 12 năm 2025" in first
    assert "QUYẾT ĐỊNH" in first
    assert "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025" in first
    assert "Điều 1. Tặng danh hiệu" in _flat(first)
    assert "KT. CHỦ TỊCH" in first and "PHÓ CHỦ TỊCH" in first and "Nguyễn Văn Hùng" in first
    assert "Nơi nhận:" in first and "- Như Điều 3;" in first
    everything = _flat(" ".join(_text(p) for p in reader.pages))
    assert LONG_NAME in everything  # wrapped inside its cell, but every word is there in order
    assert "Bằng chữ: Mười bốn triệu hai trăm nghìn đồng." in everything
    assert "Tổng cộng" in everything and "14.200.000" in everything
    assert "NGƯỜI LẬP BIỂU" in everything


def test_metadata(sample_pdf):
    info = PdfReader(sample_pdf).metadata
    assert info.title == "Quyết định số 125/QĐ-UBND"
    assert info.author == "Ủy ban nhân dân xã Lũng Cú"
    assert info.subject == "Tặng danh hiệu Lao động tiên tiến năm 2025"


def test_a4_portrait_and_nothing_in_the_left_margin(sample_pdf):
    reader = PdfReader(sample_pdf)
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    xs: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    page.extract_text(visitor_text=visit)
    assert xs
    assert min(xs) >= b.MARGIN_LEFT_MM * mm - 0.5


def test_long_table_repeats_its_header_and_numbers_pages(long_pdf):
    reader = PdfReader(long_pdf)
    assert len(reader.pages) > 3
    texts = [_text(p) for p in reader.pages]
    assert not texts[0].lstrip().startswith("1")  # no number on the first page (Nghị định 30)
    list_pages = [i for i, t in enumerate(texts) if "Chức vụ, đơn vị công tác" in t]
    assert len(list_pages) >= 3  # header row repeated on every page of the list
    for index in range(1, len(texts)):
        assert texts[index].lstrip().startswith(str(index + 1)), index  # number at the top from page 2
    assert "300" in texts[-1] or "300" in texts[-2]
    everything = _flat(" ".join(texts))
    assert "213.000.000" in everything


def test_landscape_list_after_a_portrait_decision(tmp_path):
    path = admin_pdf.render_pdf(decision(20, landscape_list=True), tmp_path / "ngang.pdf")
    reader = PdfReader(path)
    first, second = reader.pages[0], reader.pages[1]
    assert float(first.mediabox.width) < float(first.mediabox.height)
    assert float(second.mediabox.width) > float(second.mediabox.height)
    assert "Họ và tên" in _text(second)


def test_building_blocks_compose_by_hand(tmp_path):
    flowables = [
        admin_pdf.national_header(
            "Ủy ban nhân dân tỉnh Tuyên Quang",
            "Sở Nội vụ",
            "15/SNV-TĐKT",
            PLACE_DATE,
            excerpt="V/v hướng dẫn khen thưởng",
        ),
        *admin_pdf.title_block("Tờ trình", "Về việc đề nghị tặng Bằng khen"),
        admin_pdf.body_paragraph([b.Run("Kính gửi: ", bold=True), b.Run("Ủy ban nhân dân tỉnh.")], indent=False),
        *admin_pdf.numbered_articles(["Một;\nđoạn thứ hai", "Hai."], label="Khoản"),
        admin_pdf.data_table(COLUMNS, award_rows(3), totals_row=["Tổng cộng", "", "", "", "2.130.000"]),
        admin_pdf.amount_in_words_line("Hai triệu một trăm ba mươi nghìn đồng"),
        admin_pdf.signature_block(["Giám đốc"], "Trần Văn A"),
    ]
    path = admin_pdf.build_pdf(tmp_path / "a" / "to-trinh.pdf", flowables, title="Tờ trình", author="Sở Nội vụ")
    text = _flat(_text(PdfReader(path).pages[0]))
    assert "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" in text
    assert "SỞ NỘI VỤ" in text
    assert "Số: 15/SNV-TĐKT" in text and "V/v hướng dẫn khen thưởng" in text
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in text
    assert "Khoản 1. Một;" in text and "đoạn thứ hai" in text and "Khoản 2. Hai." in text
    assert "Bằng chữ: Hai triệu một trăm ba mươi nghìn đồng." in text
    assert "GIÁM ĐỐC" in text and "Trần Văn A" in text
    assert "Nơi nhận" not in text


def test_markup_characters_print_literally(tmp_path):
    doc = b.Document(
        [
            b.Paragraph("Công ty A & B <b>không in đậm</b>"),
            b.Table([b.Column("Tên"), b.Column("Ghi chú", 40)], [["<i>X</i> & Y", "a < b > c"]]),
        ],
        title="Kiểm tra",
    )
    text = _text(PdfReader(admin_pdf.render_pdf(doc, tmp_path / "x.pdf")).pages[0])
    assert "Công ty A & B <b>không in đậm</b>" in text
    assert "<i>X</i> & Y" in text and "a < b > c" in text


def test_table_rows_must_have_one_cell_per_column():
    with pytest.raises(b.DocumentError, match="Dòng 2 của bảng có 1 ô, cần 2 ô"):
        b.Table([b.Column("A"), b.Column("B")], [["1", "2"], ["3"]])
    with pytest.raises(b.DocumentError, match="tổng cộng"):
        b.Table([b.Column("A"), b.Column("B")], [], totals_row=["x"])


def test_table_widths_share_the_rest_and_never_overflow():
    table = b.Table([b.Column("STT", 10), b.Column("Tên"), b.Column("Ghi chú")], [])
    assert table.widths_mm(165) == [10, 77.5, 77.5]
    wide = b.Table([b.Column("A", 200), b.Column("B", 100)], [])
    assert sum(wide.widths_mm(165)) == pytest.approx(165)
    assert wide.widths_mm(165)[0] == pytest.approx(110)


def test_totals_label_spans_the_empty_cells_after_it():
    table = b.Table([b.Column("A")] * 5, [], totals_row=["Tổng cộng", "", "", "9", ""])
    assert table.totals_span() == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ỦY BAN NHÂN DÂN XÃ LŨNG CÚ", ["ỦY BAN NHÂN DÂN", "XÃ LŨNG CÚ"]),
        ("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", ["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"]),
        ("ỦY BAN NHÂN DÂN THỊ XÃ SA PA", ["ỦY BAN NHÂN DÂN", "THỊ XÃ SA PA"]),
        ("UBND XÃ A", ["UBND XÃ A"]),
        ("HỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG", ["HỘI ĐỒNG THI ĐUA", "KHEN THƯỞNG"]),
        # no level to break before that fits: even lines, never a lone last word
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG CÚ", ["HỘI ĐỒNG THI", "ĐUA - KHEN", "THƯỞNG CÚ"]),
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG XÃ A", ["HỘI ĐỒNG", "THI ĐUA -", "KHEN THƯỞNG", "XÃ A"]),
    ],
)
def test_agency_names_break_before_their_level(name, expected):
    assert b.split_name_lines(name, len, 16) == expected


def test_long_issuer_name_in_the_header_keeps_its_words_together():
    layout = b.header_layout(b.Header("", "Hội đồng Thi đua - Khen thưởng xã Lũng Cú", "1/HĐ", PLACE_DATE), 165)
    assert layout.issuer_lines == ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG", "XÃ LŨNG CÚ"]
    assert layout.national_size == 13 and layout.motto_size == 14
    assert layout.left_mm + layout.right_mm == pytest.approx(165)


def test_amount_in_words_ends_with_one_full_stop():
    assert b.AmountInWords("Bảy trăm mười nghìn đồng").text() == "Bằng chữ: Bảy trăm mười nghìn đồng."
    assert b.AmountInWords("Bảy trăm mười nghìn đồng.").text() == "Bằng chữ: Bảy trăm mười nghìn đồng."


def test_unwritable_target_is_reported_by_name(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(b.DocumentError, match="file"):
        admin_pdf.render_pdf(decision(1), blocker / "sub" / "x.pdf")
    assert blocker.read_text() == "x"


def test_a_failed_build_leaves_no_file(tmp_path):
    target = tmp_path / "x.pdf"
    with pytest.raises(b.DocumentError):
        admin_pdf.build_pdf(target, [b"not a flowable"], title="x")  # type: ignore[list-item]
    assert list(tmp_path.iterdir()) == []


def test_three_hundred_rows_render_fast(tmp_path):
    admin_pdf.render_pdf(decision(5), tmp_path / "warm.pdf")  # fonts are registered once per process
    started = time.perf_counter()
    admin_pdf.render_pdf(decision(300), tmp_path / "fast.pdf")
    assert time.perf_counter() - started < 1.5  # about 0.1 s on a laptop; generous for a busy CI machine
