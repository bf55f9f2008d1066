"""Schema version 12: the day a department stopped being used (``departments.stopped_on``).

A department kept only an ``active`` flag, so once it was stopped nobody could tell in which years it had existed:
the report and the evaluation of a past year dropped a collective stopped afterwards (its rating, its titles) while
still counting its awards. A collective belongs to year Y when it is in use or stopped after Y's last day
(``desktop.store.unit_repo.existed_at_year_end``). Stopping writes the day; using it again clears it.

Departments stopped before this version: the day is read from the audit log (the last change of ``active`` from 1
to 0, local date of the change); one stopped without such a trace (a file written by a tool without the triggers)
keeps NULL, read as stopped before any year, as before.
"""

from __future__ import annotations

from desktop.store.db import Store
from desktop.store.sql import read

SQL = read("schema_v12.sql")

_LAST_STOP_SQL = """
SELECT substr(a.at, 1, 10) FROM audit_log a
WHERE a.table_name = 'departments' AND a.record_uuid = ? AND a.action = 'update'
  AND json_extract(a.before, '$.active') = 1 AND json_extract(a.after, '$.active') = 0
ORDER BY a.id DESC LIMIT 1
"""


def backfill(store: Store) -> None:
    """Give each stopped department the day the audit log saw it stopped."""
    for row in store.query("SELECT id, uuid FROM departments WHERE active = 0"):
        day = store.scalar(_LAST_STOP_SQL, (row["uuid"],))
        if day:
            store.execute("UPDATE departments SET stopped_on = ? WHERE id = ?", (day, row["id"]))
