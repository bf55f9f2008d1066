"""Dates the imports used to take on trust: a year or a count typed into a cell formatted as a date (Excel shows
2010 as 02/07/1905 and 12 as 12/01/1900), a history date before the history's first year, and an ISO date with words
after it ("1985-03-05 hoặc 1986-03-05"), which was read as its first date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from desktop.domain.dates import DateError, parse_date
from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo

TYPED_YEAR = "Ngày bắt đầu công tác: có lẽ đã gõ năm 2010 vào ô định dạng ngày (Excel hiện thành 02/07/1905): là một "
TYPED_YEAR += "con số, không phải ngày; hãy ghi đủ ngày/tháng/năm, ví dụ 01/03/2010."
TYPED_12 = "Ngày thôi công tác: có lẽ đã gõ số 12 vào ô định dạng ngày (Excel hiện thành 12/01/1900): là một con số, "
TYPED_12 += "không phải ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980."


def _save(book: Workbook, path: Path, title: str, rows: list[list[object]], date_cells: tuple[str, ...]) -> Path:
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell in date_cells:  # as the clerks' templates format their date columns
        sheet[cell].number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def test_a_year_or_a_count_in_a_staff_date_cell_is_refused_naming_what_excel_shows(unit_store, tmp_path) -> None:
    path = _save(
        Workbook(),
        tmp_path / "ds.xlsx",
        "Danh sách",
        [
            ["Họ và tên", "Giới tính", "Ngày bắt đầu công tác", "Ngày thôi công tác"],
            ["Hoàng Văn Em", "Nam", 2010, None],
            ["Lý Thị Gấm", "Nữ", None, 12],
            ["Vũ Văn Hải", "Nam", datetime(2010, 9, 1), None],
        ],
        ("C2", "D3", "C4"),
    )

    report = import_staff_file(unit_store, path)

    rows = {row.row_number: row for row in report.preview.rows}
    assert rows[2].problems == [TYPED_YEAR]
    assert rows[3].problems == [TYPED_12]
    assert rows[4].status == "ok"
    stored = unit_store.query("SELECT full_name, start_date, end_date FROM staff")
    assert [row["full_name"] for row in stored] == ["Vũ Văn Hải"]
    assert stored[0]["start_date"] == "2010-09-01"


def test_the_year_typed_in_a_date_cell_of_a_1904_workbook_is_named_too(unit_store, tmp_path) -> None:
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    path = _save(
        book,
        tmp_path / "mac.xlsx",
        "Danh sách",
        [["Họ và tên", "Giới tính", "Ngày bắt đầu công tác"], ["Hoàng Văn Em", "Nam", 2010]],
        ("C2",),
    )

    report = import_staff_file(unit_store, path)

    assert report.preview.rows[0].problems == [
        "Ngày bắt đầu công tác: có lẽ đã gõ năm 2010 vào ô định dạng ngày (Excel hiện thành 03/07/1909): là một "
        "con số, không phải ngày; hãy ghi đủ ngày/tháng/năm, ví dụ 01/03/2010."
    ]
    assert report.inserted == 0


def test_history_dates_in_date_cells_before_the_history_begins_are_refused(unit_store, tmp_path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="Nguyễn Văn An", staff_code="CB00101"))
    path = _save(
        Workbook(),
        tmp_path / "ls.xlsx",
        "Nghỉ dài ngày",
        [
            ["Mã cán bộ", "Họ và tên", "Loại nghỉ", "Từ ngày", "Đến ngày"],
            ["CB00101", "Nguyễn Văn An", "Nghỉ ốm dài ngày", 2024, date(2024, 6, 30)],  # Excel: 16/07/1905
            ["CB00101", "Nguyễn Văn An", "Nghỉ ốm dài ngày", date(1950, 1, 2), date(1950, 3, 1)],
            ["CB00101", "Nguyễn Văn An", "Nghỉ ốm dài ngày", date(2023, 1, 2), date(2023, 3, 1)],
        ],
        ("D2",),
    )

    report = import_history_file(unit_store, path)

    problems = {row.row_number: row.problems for row in report.preview.rows}
    assert problems[2] == [
        "Từ ngày: có lẽ đã gõ năm 2024 vào ô định dạng ngày (Excel hiện thành 16/07/1905): là một con số, không "
        "phải ngày; hãy ghi đủ ngày/tháng/năm, ví dụ 01/03/2024."
    ]
    first = "có trước năm 1975, năm đầu tiên của lịch sử thi đua; hãy xem lại ngày."
    assert problems[3] == [f"Từ ngày: ngày 02/01/1950 {first}", f"Đến ngày: ngày 01/03/1950 {first}"]
    assert problems[4] == []
    assert [row["start_date"] for row in unit_store.query("SELECT start_date FROM leave_periods")] == ["2023-01-02"]


@pytest.mark.parametrize(
    "text", ["1985-03-05 hoặc 1986-03-05", "1985-03-05 (chưa chắc)", "1985-03-05T?", "1985-03-05 x", "1985-03-05 "]
)
def test_an_iso_date_with_words_after_it_is_refused(text: str) -> None:
    if text.endswith(" "):  # a space alone is stripped: the date is what it says
        assert parse_date(text) == date(1985, 3, 5)
        return
    with pytest.raises(DateError, match="không đọc được thành ngày"):
        parse_date(text)


@pytest.mark.parametrize("text", ["1985-03-05 00:00:00", "1985-03-05T08:30", "1985-03-05 8:30:15.25"])
def test_an_iso_date_with_a_time_of_day_is_still_the_date(text: str) -> None:
    assert parse_date(text) == date(1985, 3, 5)


def test_a_staff_row_with_two_iso_dates_in_the_birth_cell_is_an_error(unit_store, tmp_path) -> None:
    path = _save(
        Workbook(),
        tmp_path / "ds.xlsx",
        "Danh sách",
        [["Họ và tên", "Giới tính", "Ngày sinh"], ["Phạm Văn Dũng", "Nam", "1985-03-05 hoặc 1986-03-05"]],
        (),
    )

    report = import_staff_file(unit_store, path)

    assert report.preview.rows[0].problems == [
        "Ngày sinh: “1985-03-05 hoặc 1986-03-05” không đọc được thành ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ "
        "05/03/1980."
    ]
    assert unit_store.scalar("SELECT count(*) FROM staff WHERE full_name = 'Phạm Văn Dũng'") == 0
