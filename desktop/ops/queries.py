"""Reads the window needs that no operation returns: the lazy staff table, pickers, a person's records.

Read-only, no transaction. The window calls these (and the operations' own ``list_``/``get_`` functions) and
never writes SQL itself; ``tests/test_layering.py`` checks that.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop.domain.dates import default_year
from desktop.domain.text import plain_sort_key
from desktop.store import Store, staff_repo

# -- the staff table (desktop/ui/staff/model.py): ordered ids and search keys, then rows by blocks of ids -------

# ORDER BY expressions for the orders SQL can give directly; "name" is the stored Vietnamese key, "department" and
# "position" are ordered in Python by their Vietnamese keys (see staff_ids): SQLite compares UTF-8 bytes, which puts
# "Địa chính", "Ủy viên" after every position starting Z. The unary "+" keeps SQLite off the staff_sort index:
# walking 100,000 index entries with a table lookup each is slower (~200 ms) than one table scan and an in-memory
# sort (~120 ms).
STAFF_ORDERS: dict[str, str] = {
    "code": "s.staff_code",
    "name": "+s.sort_key",
    "gender": "s.gender",
    "birth": "coalesce(s.birth_date, '9999')",
    "ethnic": "s.ethnic_code",
    "category": "s.category",
    "status": "s.end_date IS NOT NULL, s.end_date",
}
DEPARTMENT_ORDER = "department"
POSITION_ORDER = "position"

# The columns of one staff row, in this order (the table model unpacks them).
_STAFF_ROW_SQL = """
SELECT s.id, s.staff_code, s.full_name, s.gender, s.birth_date, s.position, s.is_leader,
       d.name AS department, s.ethnic_code, s.category, s.end_date
FROM staff s LEFT JOIN departments d ON d.id = s.department_id
WHERE s.id IN ({marks})
"""


def staff_count(store: Store) -> int:
    """Everybody in the file, left or not."""
    return int(store.scalar("SELECT count(*) FROM staff") or 0)


def staff_ids(
    store: Store, *, order: str = "name", include_left: bool = False, department_id: int | None = None
) -> tuple[list[int], list[str]]:
    """Staff ids in ``order`` (a key of :data:`STAFF_ORDERS`, ``"department"`` or ``"position"``), each with its
    search key (the folded name, a NUL, the lower-case code); ties broken by the Vietnamese name order, then the id."""
    scope = staff_repo.staff_scope(include_left=include_left, department_id=department_id)
    where, params = f" {scope}", scope.params
    if order == DEPARTMENT_ORDER:
        rank = _department_ranks(store)
        rows = store.execute(
            "SELECT s.id, s.search_key || char(0) || lower(s.staff_code), s.department_id FROM staff s"
            + where
            + " ORDER BY +s.sort_key, s.id",
            params,
        ).fetchall()
        no_department = len(rank)
        rows.sort(key=lambda r: rank.get(r[2], no_department))
    elif order == POSITION_ORDER:
        rows = store.execute(
            "SELECT s.id, s.search_key || char(0) || lower(s.staff_code), s.position FROM staff s"
            + where
            + " ORDER BY +s.sort_key, s.id",
            params,
        ).fetchall()
        keys = {position: plain_sort_key(position or "") for position in {r[2] for r in rows}}
        rows.sort(key=lambda r: (not r[2], keys[r[2]]))  # stable: name order within a position, blanks last
    else:
        tail = "" if order == "name" else ", +s.sort_key"
        rows = store.execute(
            "SELECT s.id, s.search_key || char(0) || lower(s.staff_code) FROM staff s"
            + where
            + f" ORDER BY {STAFF_ORDERS[order]}{tail}, s.id",
            params,
        ).fetchall()
    return [r[0] for r in rows], [r[1] for r in rows]


def _department_ranks(store: Store) -> dict[int, int]:
    departments = store.execute("SELECT id, name FROM departments").fetchall()
    departments.sort(key=lambda r: plain_sort_key(r[1]))
    return {dep_id: position for position, (dep_id, _name) in enumerate(departments)}


def staff_rows(store: Store, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(id, code, full name, gender, birth date, position, is leader, department, ethnic code, category, end date)
    of each id, in no particular order."""
    if not ids:
        return []
    sql = _STAFF_ROW_SQL.format(marks=",".join("?" * len(ids)))
    return [tuple(record) for record in store.execute(sql, list(ids))]


# -- pickers -----------------------------------------------------------------------------------------------------


def current_staff(store: Store) -> list[dict[str, Any]]:
    """``id`` and ``full_name`` of the people still working, in Vietnamese name order."""
    return store.query("SELECT id, full_name FROM staff WHERE end_date IS NULL ORDER BY sort_key")


def staff_of_year(store: Store, year: int) -> list[dict[str, Any]]:
    """People who worked at some time in ``year`` or after: ``id``, ``full_name``, ``position``, ``department``."""
    return store.query(
        "SELECT s.id, s.full_name, s.position, d.name AS department FROM staff s "
        "LEFT JOIN departments d ON d.id = s.department_id WHERE s.end_date IS NULL OR s.end_date >= ? "
        "ORDER BY s.sort_key",
        (f"{year:04d}-01-01",),
    )


# -- one person -------------------------------------------------------------------------------------------------


def get_staff(store: Store, staff_id: int) -> dict[str, Any]:
    return staff_repo.get_staff(store, staff_id)


def ratings_of(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return staff_repo.ratings_for(store, staff_id)


def discipline_of(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return staff_repo.discipline_for(store, staff_id)


def initiatives_of(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return staff_repo.initiatives_for(store, staff_id)


def leave_of(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return staff_repo.leave_for(store, staff_id)


# -- review rounds and movements -----------------------------------------------------------------------------------


def dossier_ids(store: Store, round_id: int) -> list[int]:
    """The dossiers built for a round, oldest first."""
    return [int(r["id"]) for r in store.query("SELECT id FROM dossiers WHERE round_id = ? ORDER BY id", (round_id,))]


def dossier_ordinal(store: Store, dossier_id: int) -> int:
    """Which of its year's dossiers this one is (1, 2…), counted over every round of that year, oldest first."""
    return int(
        store.scalar(
            "SELECT count(*) FROM dossiers d JOIN review_rounds r ON r.id = d.round_id "
            "WHERE r.year = (SELECT y.year FROM dossiers x JOIN review_rounds y ON y.id = x.round_id WHERE x.id = ?) "
            "AND d.id <= ?",
            (dossier_id, dossier_id),
        )
        or 0
    )


def dossier_count(store: Store, round_id: int) -> int:
    return int(store.scalar("SELECT count(*) FROM dossiers WHERE round_id = ?", (round_id,)) or 0)


# -- the year being worked on ---------------------------------------------------------------------------------


def working_year(store: Store, today: date | None = None) -> int:
    """The year a page should open on: the latest year with a yearly round still in progress (not yet decided)
    or with ratings, rounds or decisions — never past the calendar's :func:`~desktop.domain.dates.default_year`
    (a round may be one year ahead); with no data at all, that calendar year.

    A clerk who started the 2026 round in December must not land on an empty 2025 page, and one whose data
    stops in 2024 must not land on an empty 2026 one.
    """
    fallback = default_year(today)
    in_progress = store.scalar(
        "SELECT max(year) FROM review_rounds WHERE kind = 'year' AND status IN ('draft', 'council', 'posted') "
        "AND year <= ?",
        (fallback + 1,),
    )
    latest = store.scalar(
        "SELECT max(year) FROM (SELECT year FROM ratings UNION ALL SELECT year FROM review_rounds "
        "UNION ALL SELECT CAST(substr(decision_date, 1, 4) AS INTEGER) FROM decisions) WHERE year <= ?",
        (fallback,),
    )
    found = [int(y) for y in (in_progress, latest) if y]
    return max(found) if found else fallback


def years_with_data(store: Store) -> list[int]:
    """Years that have ratings, rounds or decisions, newest first: what a year chooser offers when one is empty."""
    rows = store.query(
        "SELECT DISTINCT year FROM (SELECT year FROM ratings UNION SELECT year FROM review_rounds "
        "UNION SELECT CAST(substr(decision_date, 1, 4) AS INTEGER) FROM decisions) WHERE year IS NOT NULL "
        "ORDER BY year DESC"
    )
    return [int(r["year"]) for r in rows]
