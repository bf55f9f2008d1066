"""A collective renamed in 2026 keeps its 2025 name in the 2025 figures: the yearly report sent to the province,
the reports page and the list of collectives of 2025 (the name in force on 31/12/2025; rvcollect finding 2)."""

from datetime import date

from desktop.exchange.exporter import yearly_report_records
from desktop.ops import collectives, unit
from desktop.ops.movements import report
from tests.collective_flow import ECONOMY, YEAR, add_people

NEW_NAME = "Phòng Kinh tế - Hạ tầng - Đô thị"


def _renamed(unit_store):
    add_people(unit_store)
    economy = collectives.department_by_name(unit_store, ECONOMY)["id"]
    collectives.set_collective_rating(unit_store, department_id=economy, year=YEAR, rating="HTTNV")
    unit.rename_department(
        unit_store, department_id=economy, name=NEW_NAME, kind="department", valid_from=date(2026, 3, 1),
        today=date(2026, 3, 1),
    )  # fmt: skip
    return economy


def test_yearly_report_package_names_the_collective_as_on_31_12(unit_store):
    economy = _renamed(unit_store)
    (record,) = yearly_report_records(unit_store, year=YEAR, unit_code="00715")
    rows = {r["name"]: r for r in record["collective_ratings"]}
    assert ECONOMY in rows and NEW_NAME not in rows
    uuid = unit_store.scalar("SELECT uuid FROM departments WHERE id = ?", (economy,))
    assert rows[ECONOMY]["uuid"] == uuid and rows[ECONOMY]["rating"] == "HTTNV"
    (now,) = yearly_report_records(unit_store, year=2026, unit_code="00715")
    assert NEW_NAME in {r["name"] for r in now["collective_ratings"]}


def test_reports_page_names_the_collective_as_on_31_12(unit_store):
    _renamed(unit_store)
    names = {r["name"] for r in report(unit_store, year=YEAR)["collective_ratings"]}
    assert ECONOMY in names and NEW_NAME not in names


def test_list_of_collectives_of_a_year_uses_that_years_names(unit_store):
    economy = _renamed(unit_store)
    past = {r["id"]: r for r in collectives.list_collectives(unit_store, year=YEAR)}
    assert past[economy]["name"] == ECONOMY and past[economy]["rating"] == "HTTNV"
    assert {r["id"]: r["name"] for r in collectives.year_ratings(unit_store, year=YEAR)}[economy] == ECONOMY
    assert {r["id"]: r["name"] for r in collectives.list_collectives(unit_store)}[economy] == NEW_NAME
    assert {r["id"]: r["name"] for r in collectives.list_collectives(unit_store, year=2026)}[economy] == NEW_NAME
