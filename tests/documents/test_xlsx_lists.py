"""Lists written to .xlsx and re-opened with openpyxl: values, formats, merged title, print set-up."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from desktop.documents.blocks import DocumentError
from desktop.documents.xlsx_lists import DATE_FORMAT, MONEY_FORMAT, ListColumn, write_list_xlsx
from tests.documents.sample_docs import LONG_NAME

COLUMNS = [
    ListColumn("STT", 6, "int"),
    ListColumn("Họ và tên", 30, "text"),
    ("Ngày sinh", 12, "date"),
    ("Danh hiệu", 14, "text"),
    ("Số tiền (đồng)", 16, "money"),
]


def _rows():
    return [
        [1, LONG_NAME, date(1990, 2, 5), "LĐTT", 710_000],
        [2, "Sùng Mí Dũng", "1985-12-30", "CSTĐCS", Decimal("2340000")],
        [3, "Lò Thị Mỷ", datetime(1979, 3, 9, 8, 0), "LĐTT", "710.000"],
        [4, "Giàng Seo Phử", None, "", None],
    ]


@pytest.fixture
def workbook(tmp_path):
    path = write_list_xlsx(
        tmp_path / "ds.xlsx",
        title="DANH SÁCH CHI TIỀN THƯỞNG NĂM 2025",
        subtitle="(Kèm theo Quyết định số 125/QĐ-UBND ngày 30/12/2025)",
        columns=COLUMNS,
        rows=_rows(),
        totals={"Số tiền (đồng)": 3_760_000},
        landscape=True,
    )
    return load_workbook(path)


def test_title_subtitle_and_header(workbook):
    sheet = workbook.active
    assert sheet.title == "Danh sách"
    assert sheet["A1"].value == "DANH SÁCH CHI TIỀN THƯỞNG NĂM 2025"
    assert sheet["A1"].font.b
    assert "A1:E1" in {str(r) for r in sheet.merged_cells.ranges}
    assert "A2:E2" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].font.i
    header = [c.value for c in sheet[4]]
    assert header == ["STT", "Họ và tên", "Ngày sinh", "Danh hiệu", "Số tiền (đồng)"]
    assert all(c.font.b and c.border.left.style == "thin" and c.alignment.wrap_text for c in sheet[4])
    assert sheet.freeze_panes == "A5"
    assert sheet.column_dimensions["B"].width == 30
    assert sheet["B5"].font.name == "Times New Roman"


def test_values_are_real_numbers_and_dates(workbook):
    sheet = workbook.active
    assert sheet["B5"].value == LONG_NAME
    assert sheet["B5"].alignment.wrap_text
    assert sheet["E5"].value == 710_000 and sheet["E5"].number_format == MONEY_FORMAT
    assert sheet["E6"].value == 2_340_000 and isinstance(sheet["E6"].value, int)
    assert sheet["E7"].value == 710_000  # "710.000" typed the Vietnamese way
    assert sheet["C5"].value == datetime(1990, 2, 5) and sheet["C5"].number_format == DATE_FORMAT
    assert sheet["C6"].value == datetime(1985, 12, 30)
    assert sheet["C7"].value == datetime(1979, 3, 9)
    assert sheet["C8"].value is None and sheet["E8"].value is None
    assert sheet["A5"].value == 1


def test_totals_row(workbook):
    sheet = workbook.active
    assert sheet["A9"].value == "Tổng cộng" and sheet["A9"].font.b
    assert "A9:D9" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["E9"].value == 3_760_000 and sheet["E9"].font.b
    assert sheet["E9"].number_format == MONEY_FORMAT
    assert sheet.max_row == 9


def test_print_setup(workbook):
    sheet = workbook.active
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$4"


def test_without_subtitle_or_totals_the_header_moves_up(tmp_path):
    path = write_list_xlsx(tmp_path / "a.xlsx", title="DANH SÁCH", columns=COLUMNS[:2], rows=[[1, "A"]])
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[3]] == ["STT", "Họ và tên"]
    assert sheet.freeze_panes == "A4"
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.max_row == 4


def test_bad_values_name_row_and_column(tmp_path):
    with pytest.raises(DocumentError, match=r"dòng 2, cột “Số tiền \(đồng\)”"):
        write_list_xlsx(
            tmp_path / "x.xlsx",
            title="X",
            columns=COLUMNS,
            rows=[[1, "A", None, "", 1], [2, "B", None, "", "nhiều tiền"]],
        )
    with pytest.raises(DocumentError, match="dòng 1, cột “Ngày sinh”"):
        write_list_xlsx(tmp_path / "x.xlsx", title="X", columns=COLUMNS, rows=[[1, "A", "30/12/1985", "", 1]])
    with pytest.raises(DocumentError, match="Dòng 1 của danh sách có 2 ô, cần 5 ô"):
        write_list_xlsx(tmp_path / "x.xlsx", title="X", columns=COLUMNS, rows=[[1, "A"]])
    with pytest.raises(DocumentError, match="Ghi chú"):
        write_list_xlsx(tmp_path / "x.xlsx", title="X", columns=COLUMNS, rows=[], totals={"Ghi chú": 1})
    assert not (tmp_path / "x.xlsx").exists()


def test_a_failed_export_keeps_the_old_file(tmp_path):
    target = tmp_path / "ds.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(DocumentError):
        write_list_xlsx(target, title="X", columns=COLUMNS, rows=[[1, "A", "không phải ngày", "", 1]])
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ds.xlsx"]
