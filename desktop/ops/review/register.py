"""The award register (sổ theo dõi khen thưởng): every award of a person or a collective across years."""

from __future__ import annotations

from typing import Any

from desktop.store import Store
from desktop.store.awards_repo import AWARD_DAY_SQL
from desktop.store.db import Where
from desktop.store.review_repo import catalog_name
from desktop.store.rules_repo import effective_pack
from desktop.store.unit_repo import department_name_on_sql


def register_entries(
    store: Store, *, staff_id: int | None = None, department_id: int | None = None
) -> list[dict[str, Any]]:
    """The award register (sổ theo dõi khen thưởng) across years, from this unit, from above and imported.

    A line of one of the unit's decisions names its recipient as the decision did (``snapshot_name``); a collective's
    award from above or imported, which has no such snapshot, names it as it was called on the award's decision date
    (the last day of its year when the date is not known), not by a name it was given afterwards."""
    pack = effective_pack(store)
    where = Where()
    if staff_id is not None:
        where.add("a.staff_id = ? AND a.target_kind = 'individual'", staff_id)
    if department_id is not None:
        where.add("a.department_id = ? AND a.target_kind = 'collective'", department_id)
    rows = store.query(
        "SELECT a.id, a.uuid, a.target_kind, a.staff_id, a.department_id, a.household_name, a.year, a.code, "
        "a.category, a.source, a.decision_no, a.decision_date, a.issuer, a.amount, a.initiative_id, a.notes, "
        "a.decision_id, x.register_no, x.snapshot_name, x.code_name AS issued_name, s.full_name, "
        f"{department_name_on_sql('a.department_id', AWARD_DAY_SQL)} AS department "
        "FROM awards a LEFT JOIN decision_awardees x ON x.id = a.awardee_id LEFT JOIN staff s ON s.id = a.staff_id "
        f"{where} ORDER BY a.year, coalesce(a.decision_date, ''), a.id",
        where.params,
    )
    out = []
    for row in rows:
        issued_name = row.pop("issued_name")
        name = row["snapshot_name"] or row["full_name"] or row["department"] or row["household_name"] or ""
        out.append(
            row
            | {
                "name": name,
                "code_name": issued_name or catalog_name(pack, row["code"]),  # as on the decision
                "decision_number_text": row["decision_no"],
                "amount": row["amount"] or 0,
            }
        )
    return out
