"""The eligibility engine's input, read from the database in a fixed number of queries.

Public API::

    data = load_unit_data(store, year=2025)     # desktop.domain.history.UnitData

Eight queries whatever the size of the unit (no query per person), so 5,000 staff with ten years of
history load in a fraction of a second. What is read, and how the tables map onto the engine's records:

- people: staff employed at some time in ``year`` (start_date ≤ 31/12 and end_date empty or ≥ 1/1), in
  Vietnamese name order; ``collective_id`` is their department of that year: the one they were in on 31/12 (or on
  the day they left), read through the moves kept since schema v10 (``staff_repo.year_department_sql``).
- ratings and awards up to ``year``; all discipline records (one decided after the year still blocks);
  leave periods overlapping ``year``; initiatives with the award that already used each one.
- ``under_investigation`` is True when the person has a pending discipline record: the clerk ticks
  "pending" for discipline, investigation, inspection or a complaint alike.
- leave ``counts_as_worked``: the stored flag is passed as ``None`` (the engine then applies the rule pack's
  setting for maternity leave, with its citation, and codes.LEAVE_COUNTS_AS_WORKED otherwise) when it
  equals the code list's default for that kind; a flag the clerk changed is passed as is.
- award source: ``"above"`` stays "above"; ``"import"`` becomes ``"unit"``. The history import stores
  "import" only for awards whose issuer is the unit itself (old registers of the unit's own decisions,
  see desktop.ops.history_import), and awards from above are stored as "above" — so "import" rows are
  the unit's own decisions. Both count toward consecutive-year rules either way.
- collectives: the departments of the year (in use, or stopped after it ended), with the employed people of the
  year as members, their own yearly ratings (collective_ratings) and the awards they received.
- an initiative's ``used_for_award`` is a readable label of the award that used it ("CSTDCS năm 2024,
  QĐ 12/QĐ-UBND"), or None. An initiative without a recognition date has ``recognized_year`` 0 and so
  backs nothing until its date is entered.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from desktop.domain.codes import LEAVE_COUNTS_AS_WORKED
from desktop.domain.history import (
    AwardRecord,
    CollectiveRecord,
    DisciplineRecord,
    Initiative,
    LeavePeriod,
    PersonRecord,
    UnitData,
)
from desktop.domain.text import plain_sort_key
from desktop.i18n import _
from desktop.store.db import Store
from desktop.store.staff_repo import year_department_sql
from desktop.store.unit_repo import existed_at_year_end

# The people of the year, as a sub-query every other query filters on.
_PEOPLE_WHERE = "(s.start_date IS NULL OR s.start_date <= :last) AND (s.end_date IS NULL OR s.end_date >= :first)"
_PEOPLE_IDS = f"SELECT s.id FROM staff s WHERE {_PEOPLE_WHERE}"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _award_source(source: str) -> str:
    return "above" if source == "above" else "unit"


def load_unit_data(store: Store, *, year: int) -> UnitData:
    """Everything the engine needs to evaluate ``year`` (see the module docstring for the mapping)."""
    params: dict[str, Any] = {"first": f"{year:04d}-01-01", "last": f"{year:04d}-12-31", "year": year}
    conn = store.conn

    staff_rows = conn.execute(
        f"SELECT s.id, s.uuid, s.full_name, s.gender, s.start_date, s.end_date, {year_department_sql()} "
        f"FROM staff s WHERE {_PEOPLE_WHERE} ORDER BY s.sort_key, s.id",
        params,
    ).fetchall()

    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for staff_id, rating_year, rating in conn.execute(
        f"SELECT staff_id, year, rating FROM ratings WHERE year <= :year AND staff_id IN ({_PEOPLE_IDS})", params
    ):
        ratings[staff_id][rating_year] = rating

    leaves: dict[int, list[LeavePeriod]] = defaultdict(list)
    for staff_id, kind, start, end, counts in conn.execute(
        "SELECT staff_id, kind, start_date, end_date, counts_as_worked FROM leave_periods "
        f"WHERE start_date <= :last AND end_date >= :first AND staff_id IN ({_PEOPLE_IDS}) ORDER BY start_date",
        params,
    ):
        flag = bool(counts)
        default = LEAVE_COUNTS_AS_WORKED.get(kind)
        leaves[staff_id].append(
            LeavePeriod(
                kind, date.fromisoformat(start[:10]), date.fromisoformat(end[:10]), None if flag == default else flag
            )
        )

    year_start = date(year, 1, 1)
    disciplines: dict[int, list[DisciplineRecord]] = defaultdict(list)
    pending_ids: set[int] = set()
    for staff_id, level, start, end, pending in conn.execute(
        f"SELECT staff_id, level, start_date, end_date, pending FROM discipline WHERE staff_id IN ({_PEOPLE_IDS}) "
        "ORDER BY coalesce(start_date, ''), id",
        params,
    ):
        if pending:
            pending_ids.add(staff_id)
        # A record without a start date (only possible for one still being decided) is dated 1/1 of the year.
        disciplines[staff_id].append(DisciplineRecord(level, _day(start) or year_start, _day(end), bool(pending)))

    initiatives: dict[int, list[Initiative]] = defaultdict(list)
    for initiative_id, staff_id, title, level, recognized, used_code, used_year, used_no in conn.execute(
        "SELECT i.id, i.staff_id, i.title, i.level, i.recognized_on, a.code, a.year, a.decision_no "
        "FROM initiatives i LEFT JOIN (SELECT initiative_id, min(id) AS award_id FROM awards "
        "WHERE initiative_id IS NOT NULL GROUP BY initiative_id) u ON u.initiative_id = i.id "
        "LEFT JOIN awards a ON a.id = u.award_id "
        f"WHERE i.staff_id IN ({_PEOPLE_IDS}) ORDER BY coalesce(i.recognized_on, ''), i.id",
        params,
    ):
        used: str | None = None
        if used_code is not None:
            used = _("{code} năm {year}").format(code=used_code, year=used_year)
            if used_no:
                used = _("{award}, QĐ {decision}").format(award=used, decision=used_no)
        initiatives[staff_id].append(
            Initiative(str(initiative_id), title, level, int(recognized[:4]) if recognized else 0, used)
        )

    person_awards: dict[int, list[AwardRecord]] = defaultdict(list)
    collective_awards: dict[int, list[AwardRecord]] = defaultdict(list)
    for award_id, kind, staff_id, department_id, award_year, code, source, decision_no in conn.execute(
        "SELECT a.id, a.target_kind, a.staff_id, a.department_id, a.year, a.code, a.source, a.decision_no "
        "FROM awards a WHERE a.year <= :year AND ("
        f"(a.target_kind = 'individual' AND a.staff_id IN ({_PEOPLE_IDS})) "
        "OR (a.target_kind = 'collective' AND a.department_id IN "
        f"(SELECT id FROM departments WHERE {existed_at_year_end(last_day=':last')}))"
        ") ORDER BY a.year, a.id",
        params,
    ):
        record = AwardRecord(award_year, code, _award_source(source), decision_no or "", str(award_id))
        if kind == "individual":
            person_awards[staff_id].append(record)
        else:
            collective_awards[department_id].append(record)

    people: list[PersonRecord] = []
    members: dict[int, list[int]] = defaultdict(list)
    for staff_id, uuid, full_name, gender, start, end, department_id in staff_rows:
        people.append(
            PersonRecord(
                id=staff_id,
                uuid=uuid,
                name=full_name,
                gender=gender or "",
                start_date=_day(start),
                end_date=_day(end),
                collective_id=department_id,
                ratings=ratings.get(staff_id, {}),
                leaves=tuple(leaves.get(staff_id, ())),
                disciplines=tuple(disciplines.get(staff_id, ())),
                initiatives=tuple(initiatives.get(staff_id, ())),
                awards=tuple(person_awards.get(staff_id, ())),
                under_investigation=staff_id in pending_ids,
            )
        )
        if department_id is not None:
            members[department_id].append(staff_id)

    collective_ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for department_id, rating_year, rating in conn.execute(
        "SELECT department_id, year, rating FROM collective_ratings WHERE year <= :year", params
    ):
        collective_ratings[department_id][rating_year] = rating

    departments = conn.execute(
        f"SELECT id, uuid, name FROM departments WHERE {existed_at_year_end(last_day=':last')}", params
    ).fetchall()
    departments.sort(key=lambda row: (plain_sort_key(row[2]), row[0]))
    collectives = [
        CollectiveRecord(
            id=department_id,
            uuid=uuid,
            name=name,
            member_ids=tuple(members.get(department_id, ())),
            ratings=collective_ratings.get(department_id, {}),
            awards=tuple(collective_awards.get(department_id, ())),
        )
        for department_id, uuid, name in departments
    ]
    unit_kind = conn.execute("SELECT unit_kind FROM unit ORDER BY id LIMIT 1").fetchone()
    return UnitData(people=people, collectives=collectives, unit_kind=(unit_kind[0] if unit_kind else "") or "ubnd_xa")


__all__ = ["load_unit_data"]
