"""Two clerks import the same history workbook into the same database file at the same moment.

Each import runs in its own process (as two windows, or two PCs on a shared folder, would): both previews are
made first, so both see every row as new, and only then do both write. The check that decides what is written is
made again inside the write transaction, so the records exist once: the second import finds them there (or is
refused while the first holds the file); it never writes them twice.
"""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from typing import Any

from desktop.store import open_store
from desktop.store.faults import PAUSE_IN, PAUSE_SECONDS
from tests.history_factory import add_people, history_xlsx

# The same record twice would show as a group with more than one row.
RECORD_KEYS = {
    "ratings": "staff_id, year",
    "collective_ratings": "department_id, year",
    "initiatives": "staff_id, title",
    "discipline": "staff_id, level, start_date",
    "leave_periods": "staff_id, kind, start_date",
    "awards": "target_kind, staff_id, department_id, code, year",
}


def _import_when_both_ready(db_path: str, source: str, ready: Any, results: Any) -> None:
    """One clerk's import: preview, wait for the other clerk's preview, then write."""
    import os

    from desktop.ops.history_import import apply_history, preview_history
    from desktop.store.errors import DatabaseUnavailableError

    store = open_store(Path(db_path))
    try:
        preview = preview_history(store, Path(source))
        new_in_preview = preview.counts["new"] + preview.counts["update"]
        ready.wait(timeout=60)
        # Whoever gets the write lock first stops half-way for a moment, holding it, so the other one's write
        # really starts while the first transaction is open.
        os.environ[PAUSE_IN] = "history.import"
        os.environ[PAUSE_SECONDS] = "1"
        try:
            written = apply_history(store, preview)
        except DatabaseUnavailableError as exc:
            results.put({"refused": str(exc), "new_in_preview": new_in_preview})
            return
        results.put({"written": written, "new_in_preview": new_in_preview, "counts": preview.counts})
    finally:
        store.close()


def _counts(db_path: Path) -> dict[str, int]:
    store = open_store(db_path)
    try:
        return {table: int(store.scalar(f"SELECT count(*) FROM {table}")) for table in RECORD_KEYS}
    finally:
        store.close()


def _repeated(db_path: Path) -> dict[str, int]:
    store = open_store(db_path)
    try:
        return {
            table: int(store.scalar(f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {key} HAVING count(*) > 1)"))
            for table, key in RECORD_KEYS.items()
        }
    finally:
        store.close()


def test_two_processes_importing_the_same_file_write_each_record_once(unit_store, db_path, tmp_path):
    add_people(unit_store)
    unit_store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    unit_store.close()
    source = history_xlsx(tmp_path / "lich-su.xlsx")
    before = _counts(db_path)

    # What ONE import writes, on a copy of the same starting file.
    alone = tmp_path / "alone.sqlite3"
    shutil.copyfile(db_path, alone)
    from desktop.ops.history_import import import_history_file

    single = open_store(alone)
    report = import_history_file(single, source)
    single.close()
    assert report.inserted + report.updated > 5
    expected = _counts(alone)

    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(2)
    results = context.Queue()
    clerks = [
        context.Process(target=_import_when_both_ready, args=(str(db_path), str(source), ready, results))
        for _ in range(2)
    ]
    for clerk in clerks:
        clerk.start()
    outcomes = [results.get(timeout=120) for _ in clerks]
    for clerk in clerks:
        clerk.join(timeout=60)
        assert clerk.exitcode == 0

    # Both previews saw the whole file as new: the race was real.
    assert [o["new_in_preview"] for o in outcomes] == [report.inserted + report.updated] * 2
    wrote = [o for o in outcomes if "written" in o and sum(o["written"].values()) > 0]
    assert len(wrote) == 1, outcomes
    assert wrote[0]["written"] == {"inserted": report.inserted, "updated": report.updated}
    other = next(o for o in outcomes if o is not wrote[0])
    if "written" in other:  # it waited for the first one, then found every row there already
        assert other["written"] == {"inserted": 0, "updated": 0}
        assert other["counts"]["new"] == other["counts"]["update"] == 0
        assert other["counts"]["unchanged"] >= report.inserted + report.updated
    else:  # or it was refused while the first one held the file
        assert other["refused"]

    assert _counts(db_path) == expected
    assert _counts(db_path) != before
    assert _repeated(db_path) == dict.fromkeys(RECORD_KEYS, 0)


def test_a_preview_made_before_another_import_writes_nothing_twice(unit_store, tmp_path):
    """The same clerk's window kept a preview open while the file was imported elsewhere: applying it later finds
    every record there (a rating changed meanwhile is an update of the value found now, not of the old one)."""
    from desktop.ops.history_import import apply_history, import_history_file, preview_history
    from desktop.store import staff_repo

    ids = add_people(unit_store)
    source = history_xlsx(tmp_path / "lich-su.xlsx")
    stale = preview_history(unit_store, source)
    assert stale.counts["new"] > 5

    first = import_history_file(unit_store, source)
    after_first = _counts(unit_store.path)
    staff_repo.set_rating(unit_store, ids["CB00001"], 2022, "KHTNV")  # someone corrects a rating meanwhile

    written = apply_history(unit_store, stale)

    assert first.inserted > 5
    assert _counts(unit_store.path) == after_first
    assert _repeated(unit_store.path) == dict.fromkeys(RECORD_KEYS, 0)
    assert stale.counts["new"] == 0
    updates = [row for row in stale.rows if row.status == "update"]
    assert written == {"inserted": 0, "updated": len(updates)}
    assert [(row.kind, row.old) for row in updates] == [("ratings", "KHTNV")]
    assert stale.good_rows() == updates
