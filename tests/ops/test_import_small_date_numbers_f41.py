"""A small number in a date column is refused, naming the field, never stored as a day of 1900 or 1904.

Excel counts days from 1900 (from 1904 in a workbook of the 1904 system), so 12 typed in "Ngày bắt đầu công tác"
was stored as 11/01/1900, and 12 in a leave's "Từ ngày" or 15 in an initiative's "Ngày công nhận" likewise. No real
date a file brings is before 1920 (``dates.FIRST_SERIAL_DAY``); Excel's real day numbers still read as dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from desktop.domain import dates
from desktop.domain.dates import DateError, parse_date
from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo

NUMBER = "là một con số, không phải ngày"
WRITE_AS = "hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980."


def _sheet(book: Workbook, title: str, rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)


@pytest.mark.parametrize("mac", [False, True])
def test_staff_start_and_end_dates_that_are_small_numbers_are_row_errors(unit_store, tmp_path: Path, mac) -> None:
    book = Workbook()
    if mac:
        book.epoch = CALENDAR_MAC_1904
    book.remove(book.active)
    _sheet(
        book,
        "Danh sách",
        [
            ["Họ và tên", "Giới tính", "Ngày sinh", "Ngày bắt đầu công tác", "Ngày thôi công tác"],
            ["Lê Văn Cường", "Nam", None, 12, None],
            ["Lê Thị Dung", "Nữ", None, 38_000, 3],
            ["Vũ Văn Em", "Nam", None, 38_000, None],
        ],
    )
    path = tmp_path / "ds.xlsx"
    book.save(path)

    report = import_staff_file(unit_store, path)

    rows = {row.row_number: row for row in report.preview.rows}
    assert rows[2].problems == [f"Ngày bắt đầu công tác: “12” {NUMBER}; {WRITE_AS}"]
    assert rows[3].problems == [f"Ngày thôi công tác: “3” {NUMBER}; {WRITE_AS}"]
    assert rows[4].status == "ok"  # a real day number is a date
    assert unit_store.query("SELECT full_name FROM staff") == [{"full_name": "Vũ Văn Em"}]


def test_history_dates_that_are_small_numbers_are_row_errors(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="Trần Thị Bình", staff_code="CB00002", birth_date=date(1981, 5, 13))
        )
    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        "Nghỉ dài ngày",
        [["Mã CB", "Loại nghỉ", "Từ ngày", "Đến ngày"], ["CB00002", "Thai sản", 12, "31/07/2024"]],
    )
    _sheet(
        book,
        "Sáng kiến",
        [["Mã CB", "Tên sáng kiến", "Ngày công nhận"], ["CB00002", "Số hóa hồ sơ", 15], ["CB00002", "Bản đồ số", "15"]],
    )
    _sheet(
        book,
        "Kỷ luật",
        [["Mã CB", "Hình thức", "Từ ngày"], ["CB00002", "Khiển trách", 45_000]],  # 15/03/2023: still a date
    )
    path = tmp_path / "ls.xlsx"
    book.save(path)

    report = import_history_file(unit_store, path)

    problems = {(row.kind, row.row_number): row.problems for row in report.preview.rows}
    assert problems[("leave", 2)] == [f"Từ ngày: “12” {NUMBER}; {WRITE_AS}"]
    assert problems[("initiatives", 2)] == [f"Ngày công nhận: “15” {NUMBER}; {WRITE_AS}"]
    assert problems[("initiatives", 3)] == problems[("initiatives", 2)]  # typed as text: the same
    assert problems[("discipline", 2)] == []
    assert unit_store.scalar("SELECT count(*) FROM leave_periods") == 0
    assert unit_store.scalar("SELECT count(*) FROM initiatives") == 0
    assert unit_store.scalar("SELECT start_date FROM discipline") == "2023-03-15"


def test_the_floor_is_the_same_day_in_both_date_systems() -> None:
    first_day = dates.FIRST_SERIAL_DAY
    first_1900 = (first_day - date(1899, 12, 30)).days
    first_1904 = (first_day - date(1904, 1, 1)).days
    assert parse_date(first_1900) == first_day
    assert parse_date(first_1904, epoch_1904=True) == first_day
    for serial, mac in ((first_1900 - 1, False), (first_1904 - 1, True), (59, False), (60, False), (0, True)):
        with pytest.raises(DateError, match=NUMBER):
            parse_date(serial, epoch_1904=mac)
