""" "Ð" (U+00D0, the Icelandic eth) in a name is "Đ": the same person, found by a search for "dang".

A list that went through Windows-1252 has "Ðặng Thị Ánh" for "Đặng Thị Ánh" (the same byte in Windows-1258). The
import made a second person of her that no search could find ("ðang thi anh")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.staff import StaffDraft
from desktop.domain.text import clean_input, fold, name_key
from desktop.ops.history_import import import_history_file
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo


def _book(path: Path, title: str, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_name_with_the_eth_is_the_same_person_and_is_found(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="Đặng Thị Ánh", staff_code="CB00001", birth_date=date(1990, 3, 8))
        )
    path = _book(
        tmp_path / "ds.xlsx",
        "Danh sách",
        [
            ["Họ và tên", "Ngày sinh", "Giới tính"],
            ["\u00d0ặng Thị Ánh", "08/03/1990", "Nữ"],
            ["Nguyễn Văn \u00d0ức", "08/03/1991", "Nam"],
            ["\u00d0ỗ Thị Hà", "09/03/1991", "Nữ"],
        ],
    )

    report = import_staff_file(unit_store, path)

    assert [row.status for row in report.preview.rows] == ["duplicate", "ok", "ok"]
    names = [row["full_name"] for row in unit_store.query("SELECT full_name FROM staff ORDER BY id")]
    assert names == ["Đặng Thị Ánh", "Nguyễn Văn Đức", "Đỗ Thị Hà"]
    assert [p["full_name"] for p in staff_repo.list_staff(unit_store, search="duc")] == ["Nguyễn Văn Đức"]
    assert [p["full_name"] for p in staff_repo.list_staff(unit_store, search="\u00d0ỗ")] == ["Đỗ Thị Hà"]


def test_the_history_matches_a_name_written_with_the_eth(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="Đặng Thị Ánh", staff_code="CB00001", birth_date=date(1990, 3, 8))
        )
    path = _book(
        tmp_path / "ls.xlsx",
        "Xếp loại",
        [
            ["Họ và tên", "Ngày sinh", "Năm", "Xếp loại"],
            ["\u00d0ặng Thị Ánh", "08/03/1990", 2023, "HTTNV"],
            ["\u00d0ẶNG THỊ ÁNH", None, 2022, "HTTNV"],
        ],
    )

    report = import_history_file(unit_store, path)

    assert [(row.status, row.person) for row in report.preview.rows] == [("new", "CB00001 Đặng Thị Ánh")] * 2
    assert unit_store.scalar("SELECT count(*) FROM ratings") == 2


def test_a_name_stored_with_the_eth_before_is_the_same_name(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):  # stored as it came, before the import cleaned the eth
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="\u00d0ặng Thị Ánh", staff_code="CB00001", birth_date=date(1990, 3, 8))
        )
    history = _book(
        tmp_path / "ls.xlsx",
        "Xếp loại",
        [["Họ và tên", "Năm", "Xếp loại"], ["Đặng Thị Ánh", 2023, "HTTNV"], ["DANG THI ANH", 2022, "HTTNV"]],
    )
    staff = _book(tmp_path / "ds.xlsx", "Danh sách", [["Họ và tên", "Ngày sinh"], ["Đặng Thị Ánh", "08/03/1990"]])

    assert [row.status for row in import_history_file(unit_store, history).preview.rows] == ["new", "new"]
    assert [row.status for row in import_staff_file(unit_store, staff).preview.rows] == ["duplicate"]


def test_the_eth_is_read_as_d_where_text_comes_in_and_where_names_compare() -> None:
    assert clean_input("\u00d0ặng \u00f0ức", field="Họ và tên") == "Đặng đức"
    assert name_key("\u00d0ặng Thị Ánh") == name_key("Đặng Thị Ánh")
    assert fold("\u00d0ặng \u00f0ức") == "dang duc"
