"""An award form the program itself issued, re-imported from a register with no "Cơ quan ban hành" column (or the
cell left blank): same person, year, code, number and date. It is "Đã có", not written again as from above; the
same between two rows of the file, in either order. A different signing day is another decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.store import awards_repo, staff_repo
from tests.xlsx_factory import save_rows

WITH_ISSUER = ["Mã CB", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def _setup(store, *, stored: bool = True) -> int:
    with store.transaction(operation="test.setup"):
        person = staff_repo.insert_staff(
            store, StaffDraft(full_name="Nguyễn Văn Hùng", staff_code="CA01", birth_date=date(1985, 1, 1))
        )
        if stored:  # as review.decisions.write_decision records the unit's own decision
            awards_repo.add_award(
                store, target_kind="individual", staff_id=person, year=2024, code="GIAY_KHEN",
                category="award_form", source="unit", decision_no="15/QĐ-UBND",
                decision_date=date(2024, 12, 20), issuer="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
            )  # fmt: skip
    return person


def _save(path: Path, headers, rows) -> Path:
    return save_rows(path, rows, headers=headers, sheet_title="Khen thưởng")


def _awards(store) -> list[tuple[str, str]]:
    return [(r["decision_no"], r["source"]) for r in store.query("SELECT decision_no, source FROM awards ORDER BY id")]


def test_without_an_issuer_column_the_programs_award_is_already_there(unit_store, tmp_path: Path) -> None:
    _setup(unit_store)
    path = _save(
        tmp_path / "kt.xlsx",
        ["Mã CB", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định"],
        [["CA01", 2024, "Giấy khen", "15/QĐ-UBND", "20/12/2024"]],
    )
    report = import_history_file(unit_store, path)
    assert [r.status for r in report.preview.rows] == ["unchanged"]
    assert _awards(unit_store) == [("15/QĐ-UBND", "unit")]


def test_a_blank_issuer_cell_is_already_there_too(unit_store, tmp_path: Path) -> None:
    _setup(unit_store)
    path = _save(tmp_path / "kt.xlsx", WITH_ISSUER, [["CA01", 2024, "Giấy khen", "15/qd-ubnd", "20/12/2024", None]])
    report = import_history_file(unit_store, path)
    assert [r.status for r in report.preview.rows] == ["unchanged"]
    assert _awards(unit_store) == [("15/QĐ-UBND", "unit")]


def test_a_blank_issuer_with_another_day_is_another_decision(unit_store, tmp_path: Path) -> None:
    _setup(unit_store)
    path = _save(tmp_path / "kt.xlsx", WITH_ISSUER, [["CA01", 2024, "Giấy khen", "15/QĐ-UBND", "03/06/2024", None]])
    report = import_history_file(unit_store, path)
    assert [r.status for r in report.preview.rows] == ["new"]
    assert len(_awards(unit_store)) == 2


def test_blank_and_written_issuer_rows_of_one_decision_are_one_award_in_either_order(
    unit_store, tmp_path: Path
) -> None:
    _setup(unit_store, stored=False)
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="Lò Thị Mai", staff_code="CA02", birth_date=date(1988, 2, 2))
        )
    rows = [
        ["CA01", 2023, "Giấy khen", "9/QĐ-UBND", "18/12/2023", "UBND xã Lũng Cú"],
        ["CA01", 2023, "Giấy khen", "9/QĐ-UBND", "18/12/2023", None],
        ["CA02", 2023, "Giấy khen", "9/QĐ-UBND", "18/12/2023", None],  # the blank one first
        ["CA02", 2023, "Giấy khen", "9/QĐ-UBND", "18/12/2023", "UBND xã Lũng Cú"],
    ]
    report = import_history_file(unit_store, _save(tmp_path / "kt.xlsx", WITH_ISSUER, rows))
    # the row naming the issuer is the one written, whichever comes first
    assert [r.status for r in report.preview.rows] == ["new", "unchanged", "unchanged", "new"]
    assert "dòng 2" in str(report.preview.rows[1].same_as) and "dòng 5" in str(report.preview.rows[2].same_as)
    assert _awards(unit_store) == [("9/QĐ-UBND", "import"), ("9/QĐ-UBND", "import")]
