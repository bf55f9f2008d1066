"""Real .docx files written to disk and re-opened with python-docx: text, fonts, page set-up, tables."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from desktop.documents import admin_docx
from desktop.documents import blocks as b
from desktop.documents.fonts import OFFICE_FONT_NAME
from tests.documents.sample_docs import LONG_NAME, decision


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    return admin_docx.render_docx(decision(20, landscape_list=True), tmp_path_factory.mktemp("docx") / "qd.docx")


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_text_of_the_decision(sample_docx):
    document = docx.Document(str(sample_docx))
    header = document.tables[0]
    left, right = header.cell(0, 0).text, header.cell(0, 1).text
    assert left.split("\n") == ["ỦY BAN NHÂN DÂN", "XÃ LŨNG CÚ", ""]
    assert right.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert header.cell(1, 0).text == "Số: 125/QĐ-UBND"
    assert header.cell(1, 1).text == "Lũng Cú, ngày 30 tháng 12 năm 2025"
    texts = [p.text for p in document.paragraphs]
    assert "QUYẾT ĐỊNH" in texts
    assert "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025" in texts
    article = next(p for p in document.paragraphs if p.text.startswith("Điều 1."))
    assert article.runs[0].text == "Điều 1." and article.runs[0].bold
    assert not article.runs[1].bold
    words = next(p for p in document.paragraphs if p.text.startswith("Bằng chữ:"))
    assert words.text == "Bằng chữ: Mười bốn triệu hai trăm nghìn đồng."
    assert all(run.italic for run in words.runs)
    everything = _all_text(document)
    assert "KT. CHỦ TỊCH" in everything and "Nguyễn Văn Hùng" in everything
    assert "Nơi nhận:" in everything and "- Như Điều 3;" in everything
    assert "NGƯỜI LẬP BIỂU" in everything and "Lò Thị Mỷ" in everything


def test_data_table_repeats_its_header_and_spans_the_total(sample_docx):
    document = docx.Document(str(sample_docx))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert len(table.rows) == 1 + 20 + 1
    assert [c.text for c in table.rows[0].cells][:2] == ["STT", "Họ và tên"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert table.rows[3].cells[1].text == LONG_NAME
    assert table.rows[3].cells[4].text == "710.000"
    total = table.rows[-1]
    assert total._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert total.cells[0].text == "Tổng cộng" and total.cells[-1].text == "14.200.000"
    assert table.style.name == "Table Grid"


def test_times_new_roman_for_every_script(sample_docx):
    document = docx.Document(str(sample_docx))
    normal = document.styles["Normal"]
    assert normal.font.name == OFFICE_FONT_NAME
    assert normal.font.size.pt == b.BODY_SIZE
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == OFFICE_FONT_NAME
    assert fonts.get(qn("w:asciiTheme")) is None
    defaults = document.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == OFFICE_FONT_NAME
    assert document.styles[admin_docx.STYLE_TABLE].font.size.pt == b.TABLE_SIZE


def test_page_setup_margins_orientation_and_numbers(sample_docx):
    document = docx.Document(str(sample_docx))
    first, second = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert abs(first.page_width - Mm(210)) < Mm(0.1) and abs(first.page_height - Mm(297)) < Mm(0.1)
    assert abs(first.left_margin - Mm(30)) < Mm(0.1) and abs(first.right_margin - Mm(15)) < Mm(0.1)
    assert abs(first.top_margin - Mm(20)) < Mm(0.1) and abs(first.bottom_margin - Mm(20)) < Mm(0.1)
    assert second.orientation == WD_ORIENT.LANDSCAPE and second.page_width > second.page_height
    assert first.different_first_page_header_footer  # no number on page 1
    header_xml = etree.tostring(first.header._element, encoding="unicode")
    assert 'w:instr=" PAGE "' in header_xml
    props = document.core_properties
    assert props.title == "Quyết định số 125/QĐ-UBND"
    assert props.author == "Ủy ban nhân dân xã Lũng Cú"


def test_properties_are_in_schema_order(sample_docx):
    """Word refuses a file whose pPr/rPr/tblPr children are out of order; python-docx does not check."""
    with zipfile.ZipFile(sample_docx) as archive:
        tree = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    orders = {"pPr": admin_docx._PPR_ORDER, "rPr": admin_docx._RPR_ORDER, "tblPr": admin_docx._TBLPR_ORDER}
    for root in (tree, styles):
        for tag, order in orders.items():
            rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
            for element in root.iter(qn(f"w:{tag}")):
                ranks = [rank.get(child.tag, -1) for child in element]
                known = [r for r in ranks if r >= 0]
                assert known == sorted(known), etree.tostring(element, encoding="unicode")


def test_build_docx_shortcut_and_line_breaks(tmp_path):
    path = admin_docx.build_docx(
        tmp_path / "sub" / "x.docx",
        [
            b.Title("Biên bản", "Họp Hội đồng Thi đua - Khen thưởng"),
            b.Paragraph("Dòng một\nDòng hai"),
            b.Spacer(10),
            b.PageBreak(),
            b.Signature(["Thư ký"], "Lò Thị Mỷ", date_line="Lũng Cú, ngày 05 tháng 02 năm 2026"),
        ],
        title="Biên bản",
    )
    document = docx.Document(str(path))
    assert "Dòng một\nDòng hai" in [p.text for p in document.paragraphs]
    assert "BIÊN BẢN" in [p.text for p in document.paragraphs]
    signature = document.tables[-1].cell(0, 1).text
    assert signature.startswith("Lũng Cú, ngày 05 tháng 02 năm 2026\nTHƯ KÝ")
    assert signature.endswith("Lò Thị Mỷ")
    xml = etree.tostring(document.element.body, encoding="unicode")
    assert 'w:type="page"' in xml


def test_three_hundred_rows_are_quick(tmp_path):
    admin_docx.render_docx(decision(2), tmp_path / "warm.docx")
    started = time.perf_counter()
    path = admin_docx.render_docx(decision(300), tmp_path / "big.docx")
    assert time.perf_counter() - started < 2.0  # about 0.1 s on a laptop
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "STT")
    assert len(table.rows) == 302
