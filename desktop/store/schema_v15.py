"""Schema version 15: the names a department has borne, each from its day (``department_names``).

Renaming a department overwrote ``departments.name`` and kept no date, so everything dated before the rename and
read afterwards took the new name: a decision signed on paper before the rename and entered after it, the register of
an award from above of a past year. A department's name is now a list of periods: ``valid_from`` is the first day of
a name ('' for the first name: in force for as long as the department has existed), and the name on a day is the one
of the latest period begun on or before it (``desktop.store.unit_repo.department_name_on_sql``); ``departments.name``
stays the latest name, the one lists and pickers show.

Departments of older files: their name now is their name from the beginning, one period each. Decisions already issued
keep the names they were issued with (``decision_awardees.snapshot_*``).
"""

from __future__ import annotations

from desktop.store.db import Store, new_uuid, now_iso
from desktop.store.sql import read

SQL = read("schema_v15.sql")


def backfill(store: Store) -> None:
    """Give each department its present name as its only name, in force since it has existed."""
    stamp = now_iso()
    for row in store.query("SELECT id, name FROM departments ORDER BY id"):
        store.execute(
            "INSERT INTO department_names (uuid, department_id, name, valid_from, created_at, updated_at) "
            "VALUES (?, ?, ?, '', ?, ?)",
            (new_uuid(), row["id"], row["name"], stamp, stamp),
        )
