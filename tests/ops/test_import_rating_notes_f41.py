"""A ratings sheet without a "Ghi chú" column changes a stored rating, never its notes.

The notes of a rating (the council's minutes it rests on) were emptied when a list of ratings alone, or the wide
layout of one column per year, corrected the rating: a column the sheet lacks must change nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.store import awards_repo, staff_repo

MINUTES = "Theo biên bản họp hội đồng ngày 20/12/2022"


def _setup(store) -> tuple[int, int]:
    with store.transaction(operation="test.setup"):
        person = staff_repo.insert_staff(
            store,
            StaffDraft(
                full_name="Trần Thị Bình", staff_code="CB00002", birth_date=date(1981, 5, 13), department="Văn phòng"
            ),
        )
        department = int(store.scalar("SELECT id FROM departments WHERE name = 'Văn phòng'"))
        staff_repo.set_rating(store, person, 2022, "HTNV", MINUTES)
        awards_repo.set_collective_rating(store, department, 2022, "HTNV", MINUTES)
    return person, department


def _save(path: Path, headers: list[object], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _stored(store) -> set[tuple[str, int, str, str]]:
    people = store.query("SELECT 'person' AS who, year, rating, notes FROM ratings")
    collectives = store.query("SELECT 'collective' AS who, year, rating, notes FROM collective_ratings")
    return {(r["who"], r["year"], r["rating"], r["notes"]) for r in [*people, *collectives]}


def test_a_long_sheet_without_notes_keeps_the_stored_notes(unit_store, tmp_path: Path) -> None:
    _setup(unit_store)
    path = _save(
        tmp_path / "xl.xlsx",
        ["Mã CB", "Họ và tên", "Tập thể", "Năm", "Xếp loại"],
        [["CB00002", "Trần Thị Bình", None, 2022, "HTTNV"], [None, None, "Văn phòng", 2022, "HTXSNV"]],
    )

    report = import_history_file(unit_store, path)

    assert report.updated == 2
    assert _stored(unit_store) == {("person", 2022, "HTTNV", MINUTES), ("collective", 2022, "HTXSNV", MINUTES)}
    # a "Ghi chú" column still writes the notes it holds
    path = _save(
        tmp_path / "xl2.xlsx",
        ["Mã CB", "Họ và tên", "Năm", "Xếp loại", "Ghi chú"],
        [["CB00002", "Trần Thị Bình", 2022, "HTXSNV", "Phúc tra lại"]],
    )
    import_history_file(unit_store, path)
    assert ("person", 2022, "HTXSNV", "Phúc tra lại") in _stored(unit_store)


def test_the_wide_layout_keeps_the_stored_notes_and_adds_new_years_without(unit_store, tmp_path: Path) -> None:
    _setup(unit_store)
    path = _save(
        tmp_path / "xl.xlsx",
        ["Mã CB", "Họ và tên", "Tập thể", 2022, 2023],
        [["CB00002", "Trần Thị Bình", None, "HTTNV", "HTXSNV"], [None, None, "Văn phòng", "HTXSNV", None]],
    )

    report = import_history_file(unit_store, path)

    assert (report.inserted, report.updated) == (1, 2)
    assert _stored(unit_store) == {
        ("person", 2022, "HTTNV", MINUTES),
        ("person", 2023, "HTXSNV", ""),
        ("collective", 2022, "HTXSNV", MINUTES),
    }
