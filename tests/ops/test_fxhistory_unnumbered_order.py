"""A Giấy khen of a year written once with its decision number and once without one is one award whichever row
comes first: the row with the number is the one written, the row without a number is its duplicate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.store import staff_repo
from tests.xlsx_factory import save_rows

HEADERS = ["Mã CB", "Năm", "Hình thức khen thưởng", "Số quyết định", "Cơ quan ban hành"]
NUMBERED = ["CA01", 2022, "Giấy khen", "3/QĐ-UBND", "UBND xã Lũng Cú"]
OTHER = ["CA01", 2022, "Giấy khen", "8/QĐ-UBND", "UBND xã Lũng Cú"]
UNNUMBERED = ["CA01", 2022, "Giấy khen", None, None]


def _run(store, tmp_path: Path, rows):
    with store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            store, StaffDraft(full_name="Nguyễn Văn Hùng", staff_code="CA01", birth_date=date(1985, 1, 1))
        )
    path = save_rows(tmp_path / "kt.xlsx", rows, headers=HEADERS, sheet_title="Khen thưởng")
    report = import_history_file(store, path)
    written = [r["decision_no"] for r in store.query("SELECT decision_no FROM awards ORDER BY decision_no")]
    return [row.status for row in report.preview.rows], written


def test_numbered_then_unnumbered_is_one_award(unit_store, tmp_path: Path) -> None:
    assert _run(unit_store, tmp_path, [NUMBERED, UNNUMBERED]) == (["new", "unchanged"], ["3/QĐ-UBND"])


def test_unnumbered_then_numbered_is_the_same_one_award(unit_store, tmp_path: Path) -> None:
    statuses, written = _run(unit_store, tmp_path, [UNNUMBERED, NUMBERED])
    assert (statuses, written) == (["unchanged", "new"], ["3/QĐ-UBND"])


def test_one_row_without_a_number_is_taken_by_one_numbered_row_only(unit_store, tmp_path: Path) -> None:
    statuses, written = _run(unit_store, tmp_path, [UNNUMBERED, NUMBERED, OTHER])
    assert (statuses, written) == (["unchanged", "new", "new"], ["3/QĐ-UBND", "8/QĐ-UBND"])


def test_no_number_then_no_issuer_then_both_is_the_last_row_written(unit_store, tmp_path: Path) -> None:
    no_issuer = ["CA01", 2022, "Giấy khen", "3/QĐ-UBND", None]
    statuses, written = _run(unit_store, tmp_path, [UNNUMBERED, no_issuer, NUMBERED])
    assert (statuses, written) == (["unchanged", "unchanged", "new"], ["3/QĐ-UBND"])
    assert unit_store.scalar("SELECT source FROM awards") == "import"
