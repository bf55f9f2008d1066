"""An audit trigger that keeps its name but whose SQL was changed outside the program (a body that logs nothing,
fewer columns, a WHEN that skips rows) is drift like a dropped one: the check names it, opening the file makes it
again as the schema makes it, with a trace in the log naming it as altered."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.ops.check import check_database
from desktop.store import Store, audit, migrations, open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOG = (
    "INSERT INTO audit_log (at, actor, operation, table_name, record_uuid, action, before, after) VALUES "
    "(tdkt_now(), tdkt_actor(), tdkt_operation(), "
)
# name -> the SQL someone with a SQLite browser put in its place
ALTERED = {
    "logs_nothing": (
        "audit_staff_update",
        'CREATE TRIGGER "audit_staff_update" AFTER UPDATE ON "staff" BEGIN SELECT 1; END',
    ),
    "fewer_columns": (
        "audit_staff_insert",
        f'CREATE TRIGGER "audit_staff_insert" AFTER INSERT ON "staff" BEGIN {LOG}'
        "'staff', NEW.uuid, 'insert', NULL, json_object('uuid', NEW.uuid)); END",
    ),
    "when_skips_rows": (
        "audit_departments_delete",
        None,  # the real SQL with a WHEN clause added, made in the test
    ),
}


def _triggers(store: Store) -> dict[str, str]:
    return {r["name"]: r["sql"] for r in store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}


def _repair_events(store: Store) -> list[dict]:
    rows = store.query(
        "SELECT actor, after FROM audit_log WHERE operation = ? AND action = 'event' AND table_name = 'audit_log'",
        (audit.REPAIR_OPERATION,),
    )
    return [{"actor": r["actor"], **json.loads(r["after"])} for r in rows]


def _replace(path: Path, name: str, sql: str) -> None:
    """What a SQLite browser does when a trigger is edited: drop it, create the edited one under the same name."""
    conn = sqlite3.connect(path)
    conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(sql)
    conn.commit()
    conn.close()


def _altered_sql(made: dict[str, str], case: str) -> tuple[str, str]:
    name, sql = ALTERED[case]
    if sql is None:
        sql = made[name].replace(
            'AFTER DELETE ON "departments" BEGIN', 'AFTER DELETE ON "departments" WHEN OLD.id > 1 BEGIN'
        )
        assert sql != made[name]
    return name, sql


@pytest.mark.parametrize("case", sorted(ALTERED))
def test_an_altered_trigger_is_named_by_the_check_and_made_again_when_opened(db_path, case):
    with open_store(db_path) as store:
        made = _triggers(store)
    name, sql = _altered_sql(made, case)
    _replace(db_path, name, sql)
    table = name.removeprefix("audit_").rsplit("_", 1)[0]

    with Store(db_path, readonly=True) as looking:
        drift = audit.trigger_drift(looking)
        assert drift
        assert (drift.missing, drift.extra, drift.altered, drift.tables) == ((), (), (name,), (table,))
        told = audit.describe_drift(drift)
        assert f"1 trigger ghi nhật ký thay đổi bị sửa ngoài chương trình ({name})" in told
        assert f"các bảng {table}" in told
        report = check_database(looking)
        assert not report["ok"]
        assert report["audit_triggers"]["altered"] == [name]
        assert any(f"bị sửa ngoài chương trình ({name})" in m for m in report["messages"])
        assert _triggers(looking)[name] == sql  # read-only: only reported

    with open_store(db_path, actor="clerk") as store:
        assert _triggers(store) == made  # the very SQL install_triggers generates
        assert _repair_events(store) == [
            {"actor": "system", "missing_triggers": [], "dropped_triggers": [], "altered_triggers": [name]}
        ]
        assert not audit.trigger_drift(store)
        with store.transaction(operation="test.change"):
            staff = store.add("staff", {"staff_code": "CB001", "full_name": "Lò Văn Páo"})
            store.execute("UPDATE staff SET full_name = 'Lò Thị Páo' WHERE id = ?", (staff,))
            first = store.add("departments", {"name": "Văn phòng"})
            second = store.add("departments", {"name": "Kế toán"})
            store.execute("DELETE FROM departments WHERE id IN (?, ?)", (first, second))
        logged = store.query("SELECT table_name, action, after FROM audit_log WHERE operation = 'test.change'")
        assert [(r["table_name"], r["action"]) for r in logged] == [
            ("staff", "insert"),
            ("staff", "update"),
            ("departments", "insert"),
            ("departments", "insert"),
            ("departments", "delete"),
            ("departments", "delete"),
        ]
        assert json.loads(logged[0]["after"])["full_name"] == "Lò Văn Páo"
        report = check_database(store)
        assert report["ok"]
        assert report["audit_triggers"] == {"missing": [], "extra": [], "altered": []}
        assert [gap["altered_triggers"] for gap in report["audit_log_gaps"]] == [[name]]
        gap = [m for m in report["messages"] if "Nhật ký thay đổi từng bị gián đoạn 1 lần" in m]
        assert gap and f"bị sửa {name}" in gap[0]

    with open_store(db_path) as again:  # repaired once, recorded once
        assert len(_repair_events(again)) == 1


def test_a_dropped_and_an_altered_trigger_are_repaired_in_one_transaction(db_path):
    with open_store(db_path) as store:
        made = _triggers(store)
    name, sql = _altered_sql(made, "logs_nothing")
    _replace(db_path, name, sql)
    conn = sqlite3.connect(db_path)
    conn.execute('DROP TRIGGER "audit_departments_insert"')
    conn.commit()
    conn.close()
    with Store(db_path) as store:
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        drift = audit.repair_triggers(store)
        store.conn.set_trace_callback(None)
        assert drift.missing == ("audit_departments_insert",)
        assert drift.altered == ("audit_staff_update",)
        assert drift.tables == ("departments", "staff")
        assert sum(s.startswith("BEGIN") for s in statements) == 1
        assert sum(s.startswith("COMMIT") for s in statements) == 1
        assert _triggers(store) == made
        assert _repair_events(store) == [
            {
                "actor": "system",
                "missing_triggers": ["audit_departments_insert"],
                "dropped_triggers": [],
                "altered_triggers": ["audit_staff_update"],
            }
        ]
    with Store(db_path, readonly=True) as looking:
        report = check_database(looking)
    assert [(g["missing_triggers"], g["altered_triggers"]) for g in report["audit_log_gaps"]] == [
        (["audit_departments_insert"], ["audit_staff_update"])
    ]
    assert any("thiếu audit_departments_insert, bị sửa audit_staff_update" in m for m in report["messages"])


def test_whitespace_alone_is_not_an_alteration_and_a_sound_file_costs_one_read(db_path):
    with open_store(db_path) as store:
        made = _triggers(store)
    # a SQLite browser that re-saves a trigger may lay it out on several lines: the same trigger
    _replace(db_path, "audit_staff_update", made["audit_staff_update"].replace(" BEGIN ", "\nBEGIN\n    "))
    with Store(db_path) as store:
        statements: list[str] = []
        before = store.conn.total_changes
        store.conn.set_trace_callback(statements.append)
        assert not audit.repair_triggers(store)
        store.conn.set_trace_callback(None)
        assert store.conn.total_changes == before
        assert _repair_events(store) == []
        audited = len(audit.audited_tables(store))
    # one read of sqlite_master, the tables' columns in the same statement ("--" lines are SQLite's own, inside it):
    # no PRAGMA per table sent from Python, and the columns read only for the audited tables
    sent = [s for s in statements if not s.startswith("--")]
    assert sum("sqlite_master" in s for s in sent) == 1
    assert len(sent) <= 2 and not any("table_info" in s and "sqlite_master" not in s for s in sent)
    inner = [s for s in statements if s.startswith("-- PRAGMA table_info")]
    assert len(inner) == audited > 30


@pytest.mark.parametrize("version", range(1, migrations.LATEST_VERSION))
def test_migrating_an_older_file_never_calls_its_triggers_altered(tmp_path, version):
    """Triggers an older version wrote (before private keys were hidden, before a column was added) are made again
    by the migration, not reported as altered: only the latest version's triggers are compared letter by letter."""
    copy = tmp_path / f"schema_v{version}.sqlite3"
    shutil.copy(FIXTURES / copy.name, copy)
    with open_store(copy) as store:
        assert not audit.trigger_drift(store)
        assert not any(event.get("altered_triggers") for event in _repair_events(store))
