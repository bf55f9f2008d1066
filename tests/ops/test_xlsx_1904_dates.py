"""A workbook saved with Excel's "1904 date system" (old Mac Excel, some copies made from it) counts days from
01/01/1904, 1,462 days later than the usual count. A date cell says so through its format; a plain number in a date
column does not, and read with the usual count it put a person's birth or a decision four years early."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from desktop.domain.dates import DateError, parse_date
from desktop.ops.history_import import apply_history, preview_history
from desktop.ops.staff_import import preview_import
from tests.history_factory import add_people
from tests.xlsx_factory import HEADERS

SERIAL = 28_000  # 1900 system: 28/08/1976; 1904 system: 29/08/1980
IN_1900 = date(1899, 12, 30) + timedelta(days=SERIAL)
IN_1904 = date(1904, 1, 1) + timedelta(days=SERIAL)


def _book(path: Path, headers: list[str], rows: list[list[object]], *, mac: bool, title: str = "Danh sách") -> Path:
    book = Workbook()
    if mac:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_parse_date_counts_from_the_epoch_it_is_told() -> None:
    assert parse_date(SERIAL) == IN_1900
    assert parse_date(SERIAL, epoch_1904=True) == IN_1904
    assert parse_date(str(SERIAL), epoch_1904=True) == IN_1904
    try:  # day 0 is 01/01/1904 in the 1904 system, but no date a clerk means (dates.FIRST_SERIAL_DAY: 1920)
        parse_date(0, epoch_1904=True)
    except DateError:
        pass
    else:
        raise AssertionError("day 0 was read as 01/01/1904")
    assert parse_date(1985, allow_year_only=True, epoch_1904=True) == date(1985, 1, 1)  # a year is still a year
    try:
        parse_date(110_000, epoch_1904=True)  # past 2200 in either system
    except DateError:
        pass
    else:
        raise AssertionError("a day number past 2200 was read as a date")


def test_staff_import_reads_plain_day_numbers_of_a_1904_workbook(unit_store, tmp_path: Path) -> None:
    rows = [
        [1, "Nguyễn Văn Sơn", SERIAL, "Nam", "Kinh", "Chủ tịch", "Lãnh đạo UBND", ""],
        [2, "Đặng Thị Ánh", datetime(1990, 3, 8), "Nữ", "Kinh", "Kế toán", "Văn phòng", ""],
    ]
    for mac, expected in ((True, IN_1904), (False, IN_1900)):
        path = _book(tmp_path / f"ds-{mac}.xlsx", list(HEADERS), rows, mac=mac)
        preview = preview_import(unit_store, path)
        births = {row.draft.full_name: row.draft.birth_date for row in preview.rows}
        assert births == {"Nguyễn Văn Sơn": expected, "Đặng Thị Ánh": date(1990, 3, 8)}, mac


def test_history_import_reads_plain_day_numbers_of_a_1904_workbook(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    decided = date(2022, 12, 20)
    serial = (decided - date(1904, 1, 1)).days  # what a 1904 workbook holds for 20/12/2022
    path = _book(
        tmp_path / "khen.xlsx",
        ["Mã CB", "Họ và tên", "Ngày sinh", "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định"],
        [["CB00002", None, None, 2022, "LDTT", "7/QĐ", serial]],
        mac=True,
        title="Khen thưởng",
    )
    preview = preview_history(unit_store, path)
    sheet = preview.sheet("awards")
    assert sheet is not None
    assert [(r.status, r.problems) for r in sheet.rows] == [("new", [])]
    apply_history(unit_store, preview)
    stored = unit_store.query("SELECT decision_no, decision_date FROM awards WHERE decision_no = '7/QĐ'")
    assert [(r["decision_no"], r["decision_date"]) for r in stored] == [("7/QĐ", "2022-12-20")]
