"""Rows of the movement tables (schema v5): plain reads.

Writes (``store.add`` / ``store.touch``) are always made inside the caller's ``store.transaction`` (see
:mod:`desktop.ops.movements`).
"""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.text import plain_sort_key
from desktop.store import awards_repo
from desktop.store.db import Store, Where


def get_movement(store: Store, movement_id: int) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM movements WHERE id = ?", (movement_id,))


def list_movements(store: Store, *, year: int | None = None, status: str | None = None) -> list[dict[str, Any]]:
    where = Where()
    if year is not None:
        # a movement belongs to a year when it is that year's regular movement or its period covers the year (a
        # school-year movement 2025-09..2026-05 of year 2025 is in 2026 too); its first day is the earlier of its
        # launch and start (domain.movement_period.first_day: a movement launched in November for the next year is
        # in both); a bound not given is the movement's year, or open when it has none
        launched, started = "nullif(launch_date, '')", "nullif(start_date, '')"
        first = f"min(coalesce({launched}, {started}), coalesce({started}, {launched}))"
        where.add(
            f"(year = ? OR (coalesce(substr({first}, 1, 4), CAST(year AS TEXT), '0000') <= ? "
            "AND coalesce(substr(nullif(end_date, ''), 1, 4), CAST(year AS TEXT), '9999') >= ?))",
            year,
            str(year),
            str(year),
        )
    if status:
        where.add("status = ?", status)
    return store.query(
        "SELECT m.*, (SELECT count(*) FROM registrations r WHERE r.movement_id = m.id) AS registrations, "
        "(SELECT count(*) FROM criteria c WHERE c.movement_id = m.id) AS criteria "
        f"FROM movements m {where} ORDER BY coalesce(m.launch_date, m.start_date, m.created_at) DESC, m.id DESC",
        where.params,
    )


def targets(store: Store, movement_id: int) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM movement_targets WHERE movement_id = ? ORDER BY position, id", (movement_id,))


def registrations(store: Store, movement_id: int) -> list[dict[str, Any]]:
    """A movement's registrations: individuals first, then collectives; by department in Vietnamese order, then
    by person (``staff.sort_key``, Vietnamese order too)."""
    rows = store.query(
        "SELECT r.*, s.full_name AS staff_name, s.sort_key AS staff_sort, s.position AS staff_position, "
        "sd.name AS staff_department, d.name AS department_name "
        "FROM registrations r LEFT JOIN staff s ON s.id = r.staff_id "
        "LEFT JOIN departments sd ON sd.id = s.department_id LEFT JOIN departments d ON d.id = r.department_id "
        "WHERE r.movement_id = ? ORDER BY r.id",
        (movement_id,),
    )
    rows.sort(
        key=lambda r: (
            plain_sort_key(r["department_name"] or r["staff_department"] or ""),
            r["staff_sort"] or "",
            r["id"],
        )
    )
    rows.sort(key=lambda r: r["target_kind"] or "", reverse=True)  # stable: 'individual' before 'collective'
    return rows


def blocks(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT b.*, (SELECT count(*) FROM block_members m WHERE m.block_id = b.id) AS members FROM blocks b "
        "ORDER BY b.name"
    )


def block_members(store: Store, block_id: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT m.*, d.name AS department_name FROM block_members m "
        "LEFT JOIN departments d ON d.id = m.department_id WHERE m.block_id = ? ORDER BY m.position, m.id",
        (block_id,),
    )
    for row in rows:
        row["name"] = row["department_name"] or row["external_name"]
    return rows


def _json_lists(rows: list[dict[str, Any]], *columns: str) -> list[dict[str, Any]]:
    """``rows`` with each of ``columns`` read from its JSON text (an empty list where there is none)."""
    for row in rows:
        for column in columns:
            row[column] = json.loads(row[column] or "[]")
    return rows


def covenants(store: Store, movement_id: int) -> list[dict[str, Any]]:
    """The movement's covenants; ``terms`` is what was signed (:func:`covenant_terms` of the signing), ``None`` for
    a covenant signed before schema 14 (docs/architecture.md, "Documents keep what was signed")."""
    rows = store.query(
        "SELECT c.*, b.name AS block_name, b.kind AS block_kind FROM covenants c JOIN blocks b ON b.id = c.block_id "
        "WHERE c.movement_id = ? ORDER BY c.id",
        (movement_id,),
    )
    for row in rows:
        row["terms"] = json.loads(row["terms"]) if row.get("terms") else None
    return _json_lists(rows, "signatories")


# What a signed paper keeps of its movement: its name and what its line prints (kind, period); a covenant keeps them
# in ``terms["movement"]``, older covenants and the reviews read them from the audit log
# (:func:`movement_when_written`).
MOVEMENT_AS_SIGNED = ("name", "kind", "year", "start_date", "end_date")


def movement_as_signed(row: dict[str, Any]) -> dict[str, Any]:
    """Only the keys the row holds: a logged row that lacks one keeps the movement's own, never None in its place."""
    return {key: row[key] for key in MOVEMENT_AS_SIGNED if key in row}


def movement_when_written(
    store: Store, movement_id: int, table: str, record_uuid: str, *, first: bool = False
) -> dict[str, Any] | None:
    """The movement's :data:`MOVEMENT_AS_SIGNED` as they stood when the row ``record_uuid`` of ``table`` was
    written (its first write with ``first``, else its last): the audit log, written by triggers, keeps each
    movement row before every change, so the first change after that write holds the row of that moment (none: the
    row now). Compared by the log's ids, not its clock. None when the log holds no write of that row."""
    pick = "min" if first else "max"
    moment = store.scalar(
        f"SELECT {pick}(id) FROM audit_log WHERE table_name = ? AND record_uuid = ? AND action IN ('insert', 'update')",
        (table, record_uuid),
    )
    movement = get_movement(store, movement_id)
    if moment is None or movement is None:
        return None
    before = store.scalar(
        "SELECT before FROM audit_log WHERE table_name = 'movements' AND record_uuid = ? AND action = 'update' "
        "AND id > ? ORDER BY id LIMIT 1",
        (movement["uuid"], moment),
    )
    return movement_as_signed(json.loads(before) if before else movement)


COVENANT_CRITERION_FIELDS = ("name", "max_points", "weight", "kind", "mandatory")


def covenant_terms(store: Store, movement_id: int, block_id: int) -> dict[str, Any]:
    """What a covenant of ``block_id`` for the movement says today: its members' names, the movement's targets and
    its criteria with their points, in the shape :func:`covenants` reads back (JSON round trip included)."""
    terms = {
        "members": [str(m["name"]) for m in block_members(store, block_id)],
        "targets": [str(t["text"]) for t in targets(store, movement_id)],
        "criteria": [{f: c[f] for f in COVENANT_CRITERION_FIELDS} for c in criteria(store, movement_id)],
    }
    return dict(json.loads(json.dumps(terms, ensure_ascii=False)))


def criteria(store: Store, movement_id: int) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM criteria WHERE movement_id = ? ORDER BY position, id", (movement_id,))


def scores(store: Store, movement_id: int) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM scores WHERE movement_id = ?", (movement_id,))


def reviews(store: Store, movement_id: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT v.*, coalesce(r.name, '') AS round_name FROM movement_reviews v "
        "LEFT JOIN review_rounds r ON r.id = v.round_id WHERE v.movement_id = ? ORDER BY v.review_date, v.id",
        (movement_id,),
    )
    return _json_lists(rows, "ranking", "proposals")


def exemplary_models(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT e.*, m.name AS movement_name, s.full_name AS staff_name, d.name AS department_name "
        "FROM exemplary_models e LEFT JOIN movements m ON m.id = e.movement_id "
        "LEFT JOIN staff s ON s.id = e.staff_id LEFT JOIN departments d ON d.id = e.department_id "
        "ORDER BY coalesce(e.year, 0) DESC, e.name"
    )


_AWARD_SQL = (
    "SELECT a.id, a.code, a.category, a.target_kind, a.year, a.staff_id, a.department_id, "
    f"{awards_repo.AS_DECIDED_COLUMNS} FROM awards a {awards_repo.AS_DECIDED_JOINS}"
)


# An award the province conferred (source 'above') carries no decision of ours: it answers the nomination sent up
# that the province decided for the same recipient, award and year (the importer marks that nomination 'decided'
# and refuses a second award of the same code and year for a recipient, so there is one such nomination).
_ABOVE_FOR_MOVEMENT = """
a.source = 'above' AND EXISTS (
    SELECT 1 FROM nominations n JOIN review_rounds nr ON nr.id = n.round_id
    WHERE nr.movement_id = ? AND nr.year = a.year AND n.status = 'decided' AND n.code = a.code
      AND n.target_kind = a.target_kind
      AND CASE a.target_kind WHEN 'individual' THEN n.staff_id = a.staff_id
                             WHEN 'collective' THEN n.department_id = a.department_id
                             ELSE n.household_name = a.household_name END)
"""


def award_rows(
    store: Store, *, year: int | None, movement_id: int | None = None, decided_by: str | None = None
) -> list[dict[str, Any]]:
    """The year's awards; with a movement, those decided in a review round of that movement and those the
    province conferred on the nominations of such a round. ``year`` None with ``decided_by`` (an ISO date): every
    award of the movement decided by that day, whatever its year (a tổng kết held in January after a movement of
    several years reports all of them, not the awards of the new year)."""
    where = "1 = 1"
    params: list[object] = []
    if year is not None:
        where, params = "a.year = ?", [year]
    if decided_by is not None:
        where += " AND a.year <= ? AND coalesce(substr(a.decision_date, 1, 10), '') <= ?"
        params += [int(decided_by[:4]), decided_by[:10]]
    if movement_id is None:
        return store.query(_AWARD_SQL + f" WHERE {where} ORDER BY a.id", tuple(params))
    return store.query(
        _AWARD_SQL + f" WHERE {where} AND (a.decision_id IN (SELECT q.id FROM decisions q "
        "JOIN review_rounds r ON r.id = q.round_id WHERE r.movement_id = ?) OR " + _ABOVE_FOR_MOVEMENT + ") "
        "ORDER BY a.id",
        (*params, movement_id, movement_id),
    )
