"""A collective stopped on 30/6/2025 was not a collective of 2025 (unit_repo.existed_at_year_end): its lists, report
and evaluation of 2025 leave it out, so a rating of 2025 (or later) for it is refused, in the window and in the
history import, naming the collective and its stop date (rvcollect finding 3)."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.ops import collectives, unit
from desktop.ops.history_import import import_history_file, preview_history
from desktop.store import ValidationError
from tests.collective_flow import ECONOMY, add_people


def _stopped(store) -> int:
    add_people(store)
    economy = collectives.department_by_name(store, ECONOMY)["id"]
    unit.set_department_active(store, department_id=economy, active=False, today=date(2025, 6, 30))
    return economy


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_rating_for_a_year_the_collective_did_not_exist_is_refused(unit_store, year):
    economy = _stopped(unit_store)
    assert ECONOMY not in {r["name"] for r in collectives.year_ratings(unit_store, year=year)}
    with pytest.raises(ValidationError) as caught:
        collectives.set_collective_rating(unit_store, department_id=economy, year=year, rating="HTXSNV")
    assert ECONOMY in str(caught.value) and "30/06/2025" in str(caught.value)
    assert unit_store.scalar("SELECT count(*) FROM collective_ratings WHERE department_id = ?", (economy,)) == 0


def test_a_rating_of_a_year_before_the_stop_is_still_saved(unit_store):
    economy = _stopped(unit_store)
    saved = collectives.set_collective_rating(unit_store, department_id=economy, year=2024, rating="HTTNV")
    assert saved["rating"] == "HTTNV"


def test_the_history_import_refuses_the_row_naming_file_row_and_field(unit_store, tmp_path: Path):
    _stopped(unit_store)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại tập thể"
    sheet.append(["STT", "Tên tập thể", "Năm", "Xếp loại"])
    sheet.append([1, ECONOMY, 2024, "HTTNV"])
    sheet.append([2, ECONOMY, 2025, "HTXSNV"])
    path = tmp_path / "tap the.xlsx"
    book.save(path)

    preview = preview_history(unit_store, path)
    rows = {row.row_number: row for row in preview.sheet("collective_ratings").rows}
    assert rows[2].status == "new"
    assert rows[3].status == "error" and rows[3].fields == ["year"]
    assert ECONOMY in rows[3].problems[0] and "30/06/2025" in rows[3].problems[0]

    report = import_history_file(unit_store, path)
    assert any(
        line.startswith("tap the.xlsx, trang “Xếp loại tập thể”, dòng 3: Năm: ") and "30/06/2025" in line
        for line in report.problem_lines()
    )
    years = unit_store.query("SELECT year FROM collective_ratings ORDER BY year")
    assert [r["year"] for r in years] == [2024]
