"""A report of a past year counts its awardees as the decision froze them (schema v10).

The yearly report sent to the province (0601–0605) and the reports page count awards by women, ethnic minorities,
leaders vs direct workers and department. Counted from today's staff record, the 2024 figures changed when a 2024
awardee was promoted, moved or had a record corrected in 2025. A decision now keeps the ethnic group and leader
status of each person beside the name, position, department and gender it already froze; decisions issued before
this version (NULL) still count today's record.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from desktop.exchange.exporter import award_records, yearly_report_records
from desktop.ops import movements, review, staff
from desktop.ops.demo import fill_demo
from desktop.store import open_store, staff_repo
from tests.demo_date import DEMO_TODAY
from tests.staff_drafts import draft_from_row

YEAR = 2024
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _figures(store) -> tuple[dict, dict]:
    [record] = yearly_report_records(store, year=YEAR, unit_code="00001")
    page = movements.report(store, year=YEAR)
    return (
        {"rows": record["rows"]},
        {key: page[key] for key in ("gender", "ethnic", "position", "departments", "highlights")},
    )


def _awardees(store) -> list[dict]:
    """The year's individual awardees of our decisions (not those who also hold an award from above that year,
    which has no snapshot of ours and counts today's record)."""
    return store.query(
        "SELECT x.* FROM decision_awardees x JOIN awards a ON a.awardee_id = x.id "
        "WHERE a.year = ? AND x.target_kind = 'individual' AND NOT EXISTS (SELECT 1 FROM awards o "
        "WHERE o.staff_id = x.staff_id AND o.year = a.year AND o.awardee_id IS NULL)",
        (YEAR,),
    )


def _change_everyone(store, awardees: list[dict]) -> None:
    """Promote, move, re-gender and re-record the ethnic group of every 2024 awardee, as if corrected today."""
    for staff_id in sorted({a["staff_id"] for a in awardees}):
        person = staff_repo.get_staff(store, staff_id)
        draft = draft_from_row(
            person,
            gender="M" if person["gender"] == "F" else "F",
            ethnic_code="17" if person["ethnic_code"] != "17" else "01",
            position="Chuyên viên" if person["is_leader"] else "Chủ tịch",
            is_leader=not person["is_leader"],
            department="Phòng mới lập năm 2025",
        )
        staff.edit_staff(store, staff_id=staff_id, draft=draft)


def test_past_year_figures_do_not_follow_todays_staff_records(store):
    fill_demo(store, today=DEMO_TODAY)
    awardees = _awardees(store)
    assert len(awardees) >= 3
    assert all(a["snapshot_ethnic_code"] and a["snapshot_is_leader"] is not None for a in awardees)
    before = _figures(store)
    assert before[1]["gender"]["female"] + before[1]["gender"]["male"] > 0

    _change_everyone(store, awardees)

    now = [staff_repo.get_staff(store, a["staff_id"]) for a in awardees]
    assert all(p["is_leader"] != a["snapshot_is_leader"] for p, a in zip(now, awardees, strict=True))
    assert _figures(store) == before
    register = {r["person"]["uuid"]: r["person"] for r in award_records(store, year=YEAR) if r["person"]}
    for awardee, person in zip(awardees, now, strict=True):
        sent = register[person["uuid"]]
        assert (sent["ethnic_code"], sent["is_leader"]) == (
            awardee["snapshot_ethnic_code"],
            bool(awardee["snapshot_is_leader"]),
        )


def test_a_replacement_decision_keeps_the_frozen_ethnic_group_and_leader_status(store):
    fill_demo(store, today=DEMO_TODAY)
    awardee = _awardees(store)[0]
    _change_everyone(store, [awardee])
    new_id = review.correct_decision(
        store,
        decision_id=awardee["decision_id"],
        reason="Sai trích yếu",
        decision_date=date(YEAR + 1, 1, 5),
        changes={},
    )
    copy = store.query_one(
        "SELECT snapshot_ethnic_code, snapshot_is_leader FROM decision_awardees WHERE decision_id = ? AND staff_id = ?",
        (new_id, awardee["staff_id"]),
    )
    assert copy == {
        "snapshot_ethnic_code": awardee["snapshot_ethnic_code"],
        "snapshot_is_leader": awardee["snapshot_is_leader"],
    }


def test_decisions_issued_before_version_10_count_todays_record(tmp_path):
    path = tmp_path / "v9.sqlite3"
    shutil.copy(FIXTURES / "schema_v9.sqlite3", path)
    store = open_store(path)
    try:
        awardees = _awardees(store)
        assert awardees and all(a["snapshot_ethnic_code"] is None for a in awardees)
        [record] = yearly_report_records(store, year=YEAR, unit_code="00001")
        expected_leaders = store.scalar(
            "SELECT count(*) FROM awards a JOIN staff s ON s.id = a.staff_id "
            "WHERE a.year = ? AND a.target_kind = 'individual' AND s.is_leader = 1",
            (YEAR,),
        )
        assert sum(row["leaders"] for row in record["rows"]) == expected_leaders
    finally:
        store.close()
