"""A number in a cell formatted to show zeros is read as Excel shows it where text is wanted.

Clerks type staff codes and decision numbers as numbers and give the column the format "00000" (or ``"CB"00000``):
Excel shows 00123 (CB00123), the file holds 123. Read as 123, the staff import stored a code the clerk never saw and
the history import refused “123” as unknown while the list showed 00123. A CSV saved by Excel keeps such a code as
``="00123"``. Where a number is wanted (a year) the cell is still the number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.documents import xlsx_reader
from desktop.documents.spreadsheet import cell_text, read_rows
from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo


def _codes(store) -> dict[str, str]:
    return {row["full_name"]: row["staff_code"] for row in store.query("SELECT full_name, staff_code FROM staff")}


def test_staff_codes_keep_the_zeros_and_the_text_their_format_shows(unit_store, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính"])
    sheet.append([123, "Nguyễn Văn An", "12/05/1980", "Nam"])
    sheet["A2"].number_format = "00000"
    sheet.append([124, "Trần Thị Bình", "13/05/1981", "Nữ"])
    sheet["A3"].number_format = '"CB"00000'
    sheet.append([125, "Lê Văn Cường", "14/05/1982", "Nam"])  # no format: the number as it is
    sheet.append([123456, "Phạm Thị Dung", "15/05/1983", "Nữ"])
    sheet["A5"].number_format = "00000"  # wider than the format: all its digits
    path = tmp_path / "ds.xlsx"
    book.save(path)

    report = import_staff_file(unit_store, path)

    assert report.preview.counts["ok"] == 4
    assert _codes(unit_store) == {
        "Nguyễn Văn An": "00123",
        "Trần Thị Bình": "CB00124",
        "Lê Văn Cường": "125",
        "Phạm Thị Dung": "123456",
    }


def test_history_finds_the_person_by_the_code_excel_shows(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="Nguyễn Văn An", staff_code="00123", birth_date=date(1980, 5, 12))
        )
    book = Workbook()
    ratings = book.active
    assert ratings is not None
    ratings.title = "Xếp loại"
    ratings.append(["Mã CB", "Họ và tên", "Năm", "Xếp loại"])
    ratings.append([123, "Nguyễn Văn An", 2023, "HTTNV"])
    ratings["A2"].number_format = "00000"
    ratings.append([123, "Nguyễn Văn An", 2022, "HTNV"])
    ratings["A3"].number_format = "00000"
    ratings["C3"].number_format = "00000"  # a year is a number, whatever its format shows
    awards = book.create_sheet("Khen thưởng")
    awards.append(["Mã CB", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"])
    awards.append([123, 2023, "Giấy khen", 45, "15/09/2023", "UBND huyện Đồng Văn"])
    awards["A2"].number_format = "00000"
    awards["D2"].number_format = '000"/QĐ-UBND"'
    path = tmp_path / "lich-su.xlsx"
    book.save(path)

    report = import_history_file(unit_store, path)

    assert [row.problems for row in report.preview.rows] == [[], [], []]
    stored = unit_store.query("SELECT year, rating FROM ratings ORDER BY year")
    assert [(row["year"], row["rating"]) for row in stored] == [(2022, "HTNV"), (2023, "HTTNV")]
    assert unit_store.scalar("SELECT decision_no FROM awards") == "045/QĐ-UBND"


def test_a_csv_code_kept_as_excel_writes_it_is_the_code(unit_store, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        'Mã cán bộ;Họ và tên;Ngày sinh;Giới tính\r\n="00123";Nguyễn Văn An;12/05/1980;Nam\r\n'
        '"=""CB""&""001""";Trần Thị Bình;13/05/1981;Nữ\r\n',
        encoding="utf-8-sig",
    )

    assert [cells[0] for _n, cells in read_rows(path).rows] == ["Mã cán bộ", "00123", '="CB"&"001"']
    report = import_staff_file(unit_store, path)

    assert _codes(unit_store)["Nguyễn Văn An"] == "00123"
    assert report.preview.counts["ok"] == 2  # a real formula is left as written, not guessed at


def test_which_formats_pad_a_number() -> None:
    assert xlsx_reader.padded_format("00000") == ("", 5, "")
    assert xlsx_reader.padded_format('"CB"00000') == ("CB", 5, "")
    assert xlsx_reader.padded_format("\\C\\B000") == ("CB", 3, "")
    assert xlsx_reader.padded_format("00000;-00000") == ("", 5, "")
    for code in ("0", "0.00", "#,##0", "General", "@", "dd/mm/yyyy", "[Red]00000", '00000;-00000;"-"'):
        assert xlsx_reader.padded_format(code) is None, code
    assert cell_text(2024) == "2024"
