"""Schema version 15 (``department_names``): a file of version 14 keeps every department under its present name, in
force since it has existed, and its decisions as they were issued; a rename made after the upgrade is dated."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from desktop.ops import review, unit
from desktop.store import migrations, open_store, unit_repo

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OFFICE = "Văn phòng HĐND và UBND"
NEW_NAME = "Văn phòng Đảng ủy - HĐND - UBND"


def _v14(tmp_path: Path) -> tuple[Path, list[tuple], list[tuple]]:
    copy = tmp_path / "v14.sqlite3"
    shutil.copy(FIXTURES / "schema_v14.sqlite3", copy)
    old = sqlite3.connect(copy)
    try:
        assert old.execute("SELECT max(version) FROM schema_version").fetchone() == (14,)
        departments = old.execute("SELECT id, name FROM departments ORDER BY id").fetchall()
        snapshots = old.execute(
            "SELECT id, snapshot_name, snapshot_department FROM decision_awardees ORDER BY id"
        ).fetchall()
    finally:
        old.close()
    return copy, departments, snapshots


def test_every_department_keeps_its_present_name_from_the_beginning(tmp_path):
    path, departments, snapshots = _v14(tmp_path)
    assert len(departments) == 5 and len(snapshots) > 100
    store = open_store(path)
    try:
        assert migrations.current_version(store) == 15
        periods = store.query("SELECT department_id, name, valid_from FROM department_names ORDER BY department_id")
        assert [(p["department_id"], p["name"], p["valid_from"]) for p in periods] == [
            (department_id, name, "") for department_id, name in departments
        ]
        assert all(uuid for (uuid,) in store.execute("SELECT uuid FROM department_names").fetchall())
        for department_id, name in departments:
            for day in (date(1990, 1, 1), date(2025, 12, 26), date(2040, 1, 1)):
                assert unit_repo.department_name_on(store, department_id, day) == name
        kept = store.execute("SELECT id, snapshot_name, snapshot_department FROM decision_awardees ORDER BY id")
        assert [tuple(row) for row in kept.fetchall()] == snapshots
        assert store.scalar("PRAGMA foreign_key_check") is None
    finally:
        store.close()


def test_after_the_upgrade_a_rename_is_dated_and_old_awards_keep_the_old_name(tmp_path):
    """The fixture's office holds TTLĐTT 2023 and 2024 from above and TTLĐTT 2025 by the commune's decision: renamed
    from 1/7/2025, the two awards from above and the decision keep the old name; the audit log has the new period."""
    path, departments, _snapshots = _v14(tmp_path)
    office = next(department_id for department_id, name in departments if name == OFFICE)
    store = open_store(path)
    try:
        before = {(e["year"], e["source"]): e["name"] for e in review.register_entries(store, department_id=office)}
        assert before == {(2023, "above"): OFFICE, (2024, "above"): OFFICE, (2025, "unit"): OFFICE}
        unit.rename_department(
            store, department_id=office, name=NEW_NAME, valid_from=date(2025, 7, 1), today=date(2025, 12, 30)
        )
        after = {(e["year"], e["source"]): e["name"] for e in review.register_entries(store, department_id=office)}
        assert after == before
        assert unit_repo.department_name_on(store, office, date(2025, 6, 30)) == OFFICE
        assert unit_repo.department_name_on(store, office, date(2025, 7, 1)) == NEW_NAME
        logged = store.query_one(
            "SELECT operation, after FROM audit_log WHERE table_name = 'department_names' ORDER BY id DESC LIMIT 1"
        )
        assert logged is not None and logged["operation"] == "department.rename"
        assert NEW_NAME in logged["after"] and "2025-07-01" in logged["after"]
    finally:
        store.close()
