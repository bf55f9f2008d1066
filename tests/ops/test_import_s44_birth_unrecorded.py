"""A person recorded without a birth date is the one a file names with a full date: the staff list does not add a
second record of them, and the history workbook puts the rows under them (the code and name agree; nothing
contradicts them). A namesake recorded with another full date stays another person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import apply_history, preview_history
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo
from tests import xlsx_factory
from tests.ops.test_import_s43_history_checks import AWARD_HEADERS, _book


def _recorded_without_birth(store) -> int:
    with store.transaction(operation="test.setup"):
        return staff_repo.insert_staff(
            store, StaffDraft(full_name="Hoàng Thị Mỵ", staff_code="CB00031", department="Công an xã")
        )


def test_a_full_birth_date_names_the_person_recorded_without_one(unit_store, tmp_path: Path) -> None:
    _recorded_without_birth(unit_store)
    path = xlsx_factory.save_rows(
        tmp_path / "a.xlsx",
        [[1, "Hoàng Thị Mỵ", "14/02/1987"], [2, "HOANG THI MY", "1987"]],
        headers=["TT", "Họ và tên", "Ngày sinh"],
    )
    report = import_staff_file(unit_store, path)
    rows = report.preview.rows
    assert [row.status for row in rows] == ["duplicate", "duplicate"], report.problem_lines()
    assert report.inserted == 0
    assert unit_store.scalar("SELECT count(*) FROM staff WHERE full_name = 'Hoàng Thị Mỵ'") == 1
    note = rows[0].duplicate_of or ""
    for part in ("CB00031 Hoàng Thị Mỵ", "chưa ghi ngày sinh", "14/02/1987", "Thêm cán bộ", "sửa ở trang Cán bộ"):
        assert part in note, note
    assert "1987" in (rows[1].duplicate_of or "")


def test_a_namesake_with_another_full_date_is_still_another_person(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store,
            StaffDraft(full_name="Hoàng Thị Mỵ", staff_code="CB00032", birth_date=date(1990, 1, 2), department=""),
        )
    path = xlsx_factory.save_rows(
        tmp_path / "b.xlsx", [[1, "Hoàng Thị Mỵ", "14/02/1987"]], headers=["TT", "Họ và tên", "Ngày sinh"]
    )
    report = import_staff_file(unit_store, path)
    assert [row.status for row in report.preview.rows] == ["ok"] and report.inserted == 1


def test_history_rows_with_a_full_birth_date_go_to_the_person_recorded_without_one(unit_store, tmp_path: Path) -> None:
    staff_id = _recorded_without_birth(unit_store)
    headers = [*AWARD_HEADERS[:2], "Ngày sinh", *AWARD_HEADERS[2:]]
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Khen thưởng": [
                headers,
                ["CB00031", "Hoàng Thị Mỵ", date(1987, 2, 14), 2023, "LĐTT", "31/QĐ-UBND", date(2023, 12, 20), ""],
                [None, "Hoàng Thị Mỵ", date(1987, 2, 14), 2024, "LĐTT", "40/QĐ-UBND", date(2024, 12, 20), ""],
            ]
        },
    )
    preview = preview_history(unit_store, path)
    assert [row.status for row in preview.rows] == ["new", "new"], [row.problems for row in preview.rows]
    apply_history(unit_store, preview)
    years = unit_store.query("SELECT year FROM awards WHERE staff_id = ? ORDER BY year", (staff_id,))
    assert [r["year"] for r in years] == [2023, 2024]
