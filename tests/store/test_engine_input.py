"""load_unit_data: the engine's input read from a real database, in a fixed number of queries."""

from __future__ import annotations

import time
from datetime import date

import pytest

from desktop.ops.demo import fill_demo
from desktop.store import awards_repo, staff_repo, unit_repo
from desktop.store.engine_input import load_unit_data
from tests.demo_date import DEMO_TODAY

# Staff ids of the demo commune (inserted in order into an empty database).
PERSON_1 = 1  # HTXSNV every year, two co_so initiatives
MATERNITY = 9  # maternity leave 1/2–31/7/2025
DISCIPLINED = 13  # khiển trách 1/3/2024 – 1/3/2025
LEFT = 21  # left on 30/6/2025
NEWCOMER = 40  # started 1/8/2025


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _people(data):
    return {p.id: p for p in data.people}


def test_people_active_in_the_year(demo):
    people_2025 = _people(load_unit_data(demo, year=2025))
    assert len(people_2025) == 40
    assert NEWCOMER in people_2025 and LEFT in people_2025
    assert people_2025[LEFT].end_date == date(2025, 6, 30)
    people_2024 = _people(load_unit_data(demo, year=2024))
    assert NEWCOMER not in people_2024  # not employed yet
    people_2026 = _people(load_unit_data(demo, year=2026))
    assert LEFT not in people_2026  # gone before the year began


def test_ratings_leave_discipline_initiatives(demo):
    people = _people(load_unit_data(demo, year=2025))
    first = people[PERSON_1]
    assert first.ratings == {2022: "HTXSNV", 2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTXSNV"}
    assert [(i.level, i.recognized_year, i.used_for_award) for i in first.initiatives] == [
        ("co_so", 2022, None),
        ("co_so", 2023, None),
    ]
    (leave,) = people[MATERNITY].leaves
    assert (leave.kind, leave.start, leave.end) == ("maternity", date(2025, 2, 1), date(2025, 7, 31))
    assert leave.counts_as_worked is None  # the stored default: the pack's setting decides, with its citation
    (record,) = people[DISCIPLINED].disciplines
    assert (record.level, record.start, record.end, record.pending) == (
        "khien_trach",
        date(2024, 3, 1),
        date(2025, 3, 1),
        False,
    )
    assert not people[DISCIPLINED].under_investigation
    assert people[MATERNITY].gender == "F"
    assert people[PERSON_1].collective_id is not None


def test_leave_flag_changed_by_the_clerk_is_passed_on(demo):
    with demo.transaction():
        staff_repo.add_leave(
            demo, 2, kind="maternity", start_date=date(2025, 3, 1), end_date=date(2025, 4, 30), counts_as_worked=False
        )
        staff_repo.add_leave(
            demo, 3, kind="unpaid", start_date=date(2025, 3, 1), end_date=date(2025, 4, 30), counts_as_worked=False
        )
    people = _people(load_unit_data(demo, year=2025))
    assert people[2].leaves[0].counts_as_worked is False
    assert people[3].leaves[0].counts_as_worked is None  # unpaid leave never counts: the default


def test_pending_discipline_means_under_investigation(demo):
    with demo.transaction():
        staff_repo.add_discipline(demo, 5, level="canh_cao", start_date=None, end_date=None, pending=True)
    people = _people(load_unit_data(demo, year=2025))
    assert people[5].under_investigation
    assert people[5].disciplines[0].pending
    assert not people[6].under_investigation


def test_award_sources_and_used_initiatives(demo):
    initiative_id = demo.scalar("SELECT min(id) FROM initiatives WHERE staff_id = ?", (PERSON_1,))
    with demo.transaction():
        awards_repo.add_award(
            demo,
            target_kind="individual",
            staff_id=PERSON_1,
            year=2023,
            code="CSTDCS",
            category="title",
            source="above",
            decision_no="7/QĐ-UBND",
            initiative_id=initiative_id,
        )
        awards_repo.add_award(
            demo,
            target_kind="individual",
            staff_id=PERSON_1,
            year=2024,
            code="CSTDCS",
            category="title",
            source="import",
        )
        awards_repo.add_award(
            demo,
            target_kind="individual",
            staff_id=PERSON_1,
            year=2026,
            code="LDTT",
            category="title",
        )
    person = _people(load_unit_data(demo, year=2025))[PERSON_1]
    assert [(a.year, a.code, a.source) for a in person.awards] == [(2023, "CSTDCS", "above"), (2024, "CSTDCS", "unit")]
    assert person.initiatives[0].used_for_award == "CSTDCS năm 2023, QĐ 7/QĐ-UBND"
    assert person.initiatives[1].used_for_award is None


def test_collectives_members_ratings_and_awards(demo):
    departments = unit_repo.list_departments(demo)
    economy = next(d for d in departments if d["name"] == "Phòng Kinh tế")
    military = next(d for d in departments if d["name"] == "Ban Chỉ huy Quân sự xã")
    with demo.transaction():
        awards_repo.set_collective_rating(demo, economy["id"], 2025, "HTXSNV")
        awards_repo.add_award(
            demo,
            target_kind="collective",
            department_id=economy["id"],
            year=2024,
            code="TTLDTT",
            category="title",
            source="above",
        )
        unit_repo.set_department_active(demo, military["id"], False, on=date(2025, 11, 30))  # stopped within 2025
    data = load_unit_data(demo, year=2025)
    by_name = {c.name: c for c in data.collectives}
    assert "Ban Chỉ huy Quân sự xã" not in by_name
    collective = by_name["Phòng Kinh tế"]
    assert collective.ratings[2025] == "HTXSNV"  # set above; the demo rates every collective every year
    assert set(collective.ratings) == {2022, 2023, 2024, 2025}
    assert [(a.year, a.code, a.source) for a in collective.awards] == [(2024, "TTLDTT", "above")]
    expected = sorted(p.id for p in data.people if p.collective_id == economy["id"])
    assert sorted(collective.member_ids) == expected and len(expected) == 8


def test_a_fixed_number_of_queries(store):
    from tests.bench.bench_evaluate_db import fill

    fill(store, staff=300, years=5)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        started = time.perf_counter()
        data = load_unit_data(store, year=2025)
        elapsed = time.perf_counter() - started
    finally:
        store.conn.set_trace_callback(None)
    assert len(data.people) == 300
    assert len(statements) <= 9  # no query per person
    assert elapsed < 0.5
