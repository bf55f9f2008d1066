"""A department stopped today still was a collective of the years before: the report, the list of collectives, the
yearly report package and the evaluation of a past year keep it (schema v12 keeps the day it stopped)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.exchange.exporter import yearly_report_records
from desktop.ops import collectives, review, unit
from desktop.ops.demo import fill_demo
from desktop.ops.movements import report
from desktop.ops.rules import evaluate_year
from desktop.store import Store, open_store
from tests.demo_date import DEMO_TODAY

MILITARY = "Ban Chỉ huy Quân sự xã"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


def _stop(store: Store, on: date) -> int:
    """Stop the military command on ``on``, its undecided nominations taken off the list first (the clerk's way)."""
    department = int(store.scalar("SELECT id FROM departments WHERE name = ?", (MILITARY,)))
    for row in store.query(
        "SELECT id FROM nominations WHERE department_id = ? AND status IN ('proposed', 'passed', 'failed')",
        (department,),
    ):
        review.remove_nomination(store, nomination_id=row["id"], reason="Tập thể sáp nhập")
    unit.set_department_active(store, department_id=department, active=False, today=on)
    return department


def _seen(store: Store, year: int) -> dict[str, object]:
    """Where a year's figures show the military command: its rating in each list, and whether it is evaluated."""
    listed = {row["name"]: row["rating"] for row in collectives.list_collectives(store, year=year)}
    reported = {row["name"]: row["rating"] for row in report(store, year=year)["collective_ratings"]}
    (package,) = yearly_report_records(store, year=year, unit_code="00715")
    sent = {row["name"]: row["rating"] for row in package["collective_ratings"]}
    evaluated = any(v.subject == "collective" and v.subject_name == MILITARY for v in evaluate_year(store, year=year))
    return {
        "list": listed.get(MILITARY, "absent"),
        "report": reported.get(MILITARY, "absent"),
        "package": sent.get(MILITARY, "absent"),
        "evaluated": evaluated,
    }


def test_a_collective_stopped_in_2026_stays_in_the_figures_of_2025_and_leaves_those_of_2026(demo):
    rating_2025 = demo.scalar(
        "SELECT r.rating FROM collective_ratings r JOIN departments d ON d.id = r.department_id "
        "WHERE d.name = ? AND r.year = 2025",
        (MILITARY,),
    )
    assert rating_2025  # the demo rates every collective every year
    before = _seen(demo, 2025)
    department = _stop(demo, date(2026, 6, 1))
    assert demo.scalar("SELECT stopped_on FROM departments WHERE id = ?", (department,)) == "2026-06-01"
    assert before == {"list": rating_2025, "report": rating_2025, "package": rating_2025, "evaluated": True}
    assert _seen(demo, 2025) == before
    assert _seen(demo, 2026) == {"list": "absent", "report": "absent", "package": "absent", "evaluated": False}
    assert MILITARY not in {row["name"] for row in collectives.list_collectives(demo)}  # today's list: in use only


def test_a_collective_stopped_during_the_year_is_not_one_of_that_year(demo):
    _stop(demo, date(2025, 6, 1))
    assert _seen(demo, 2025) == {"list": "absent", "report": "absent", "package": "absent", "evaluated": False}
    assert _seen(demo, 2024)["evaluated"] is True


def test_using_it_again_clears_the_day(demo):
    department = _stop(demo, date(2026, 6, 1))
    unit.set_department_active(demo, department_id=department, active=True, today=date(2026, 7, 1))
    assert demo.scalar("SELECT stopped_on FROM departments WHERE id = ?", (department,)) is None
    assert _seen(demo, 2026)["evaluated"] is True


def test_the_upgrade_reads_the_day_a_department_stopped_from_the_audit_log(tmp_path):
    """A version 11 file: a department stopped through the audited path gets the day of that change; one stopped
    with no such trace keeps no day, so it stays out of every year, as before."""
    copy = tmp_path / "v11.sqlite3"
    shutil.copy(FIXTURES / "schema_v11.sqlite3", copy)
    old = sqlite3.connect(copy)
    clock = iter(["2025-02-01T08:00:00+07:00", "2025-05-01T08:00:00+07:00", "2026-03-05T10:00:00+07:00"])
    now = "2020-01-01T00:00:00+07:00"

    def tick() -> str:  # stopped, used again, stopped for good; the insert below reads the last time
        nonlocal now
        now = next(clock, now)
        return now

    old.create_function("tdkt_now", 0, tick)
    old.create_function("tdkt_actor", 0, lambda: "clerk")
    old.create_function("tdkt_operation", 0, lambda: "department.deactivate")
    old.create_function("tdkt_uuid", 0, lambda: "00000000-0000-4000-8000-000000000001")
    with old:
        old.execute("UPDATE departments SET active = 0 WHERE name = ?", (MILITARY,))
        old.execute("UPDATE departments SET active = 1 WHERE name = ?", (MILITARY,))
        old.execute("UPDATE departments SET active = 0 WHERE name = ?", (MILITARY,))
        old.execute(
            "INSERT INTO departments (uuid, name, active, created_at, updated_at) "
            "VALUES ('dep-no-trace', 'Tổ cũ', 0, '2020-01-01', '2020-01-01')"
        )
    old.close()
    store = open_store(copy)
    try:
        days = {row["name"]: row["stopped_on"] for row in store.query("SELECT name, stopped_on FROM departments")}
        assert days[MILITARY] == "2026-03-05"
        assert days["Tổ cũ"] is None
        assert {day for name, day in days.items() if name not in (MILITARY, "Tổ cũ")} == {None}
        assert _seen(store, 2025)["evaluated"] is True
    finally:
        store.close()
