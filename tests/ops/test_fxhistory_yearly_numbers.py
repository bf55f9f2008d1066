"""A unit's decision numbers start again at 01 every year (NĐ 30/2020/NĐ-CP, Phụ lục I): the history import's
"one decision number, one signing day" check keys a number by its year, so "5/QĐ-UBND" of 2022, 2023 and 2024 are
three decisions; the same number twice in ONE year with two days is still a typing slip and refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.store import awards_repo, staff_repo
from tests.xlsx_factory import save_rows

HEADERS = ["Mã CB", "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def _people(store) -> dict[str, int]:
    with store.transaction(operation="test.setup"):
        return {
            code: staff_repo.insert_staff(
                store, StaffDraft(full_name=name, staff_code=code, birth_date=date(1985, 1, 1))
            )
            for code, name in (("CB01", "Nguyễn Văn Sơn"), ("CB02", "Đặng Thị Ánh"))
        }


def _save(path: Path, rows) -> Path:
    return save_rows(path, rows, headers=HEADERS, sheet_title="Khen thưởng")


def test_same_number_in_three_years_of_the_units_book_are_three_decisions(unit_store, tmp_path: Path) -> None:
    _people(unit_store)
    path = _save(
        tmp_path / "kt.xlsx",
        [
            ["CB01", 2022, "LĐTT", "5/QĐ-UBND", "20/12/2022", "UBND xã Lũng Cú"],
            ["CB01", 2023, "LĐTT", "5/QĐ-UBND", "22/12/2023", "UBND xã Lũng Cú"],
            ["CB01", 2024, "LĐTT", "5/QĐ-UBND", "23/12/2024", "UBND xã Lũng Cú"],
        ],
    )
    report = import_history_file(unit_store, path)
    assert [(row.status, row.problems) for row in report.preview.rows] == [("new", [])] * 3
    assert unit_store.scalar("SELECT count(*) FROM awards WHERE code = 'LDTT'") == 3


def test_a_number_in_the_register_for_another_year_is_not_a_second_day(unit_store, tmp_path: Path) -> None:
    ids = _people(unit_store)
    with unit_store.transaction(operation="test.setup"):
        awards_repo.add_award(
            unit_store, target_kind="individual", staff_id=ids["CB02"], year=2024, code="LDTT", category="title",
            source="unit", decision_no="1/QĐ-UBND", decision_date=date(2024, 12, 26),
            issuer="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        )  # fmt: skip
    path = _save(tmp_path / "kt.xlsx", [["CB01", 2022, "LĐTT", "1/QĐ-UBND", "05/12/2022", "UBND xã"]])
    report = import_history_file(unit_store, path)
    assert [(row.status, row.problems) for row in report.preview.rows] == [("new", [])]
    assert unit_store.scalar("SELECT count(*) FROM awards WHERE decision_no = '1/QĐ-UBND'") == 2


def test_the_same_number_of_one_year_with_another_day_is_still_refused(unit_store, tmp_path: Path) -> None:
    ids = _people(unit_store)
    with unit_store.transaction(operation="test.setup"):
        awards_repo.add_award(
            unit_store, target_kind="individual", staff_id=ids["CB02"], year=2024, code="LDTT", category="title",
            source="unit", decision_no="1/QĐ-UBND", decision_date=date(2024, 12, 26),
            issuer="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        )  # fmt: skip
    path = _save(
        tmp_path / "kt.xlsx",
        [
            ["CB01", 2024, "LĐTT", "1/QĐ-UBND", "20/12/2024", "UBND xã"],  # the register has it on 26/12/2024
            ["CB01", 2022, "LĐTT", "7/QĐ-UBND", "05/12/2022", "UBND xã"],
            ["CB02", 2022, "LĐTT", "7/QĐ-UBND", "06/12/2022", "UBND xã Lũng Cú"],  # row 3 has it on 05/12/2022
        ],
    )
    report = import_history_file(unit_store, path)
    statuses = [row.status for row in report.preview.rows]
    assert statuses == ["error", "new", "error"]
    assert "26/12/2024" in report.preview.rows[0].problems[0]
    assert "05/12/2022" in report.preview.rows[2].problems[0] and "dòng 3" in report.preview.rows[2].problems[0]
