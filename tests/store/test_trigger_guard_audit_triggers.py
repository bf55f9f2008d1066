"""Audit triggers of the live file: a dropped one is put back with a trace in the log, and the obsolete
audit_remote_records_* triggers that files made at versions 4–6 kept through every migration are dropped, so
they no longer log rows of a table that is not audited (without the columns version 9 added)."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.store import Store, audit, migrations, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OBSOLETE = ("audit_remote_records_delete", "audit_remote_records_insert", "audit_remote_records_update")


def _triggers(store: Store) -> dict[str, str]:
    return {r["name"]: r["sql"] for r in store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}


def _repair_events(store: Store) -> list[dict]:
    rows = store.query(
        "SELECT actor, after FROM audit_log WHERE operation = ? AND action = 'event' AND table_name = 'audit_log'",
        (audit.REPAIR_OPERATION,),
    )
    return [{"actor": r["actor"], **json.loads(r["after"])} for r in rows]


def _drop(path: Path, *names: str) -> None:
    """What a tool or a half-finished repair does outside the program."""
    conn = sqlite3.connect(path)
    for name in names:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.commit()
    conn.close()


def _receive_and_withdraw(store: Store) -> None:
    with store.transaction(operation="test.receive"):
        store.execute(
            "INSERT INTO remote_records (uuid, unit_code, record_kind, record_uuid, year, content, content_sha256, "
            "created_at, updated_at) VALUES ('r-1', '00715', 'award', 'a-1', 2025, '{}', 'x', '2025', '2025')"
        )
        store.execute("UPDATE remote_records SET withdrawn_at = '2025-06-01' WHERE uuid = 'r-1'")


@pytest.mark.parametrize("version", [4, 5, 6])
def test_files_of_versions_4_to_6_lose_their_obsolete_triggers_when_migrated(tmp_path, version):
    copy = tmp_path / f"schema_v{version}.sqlite3"
    shutil.copy(FIXTURES / copy.name, copy)
    store = open_store(copy)
    try:
        assert not set(OBSOLETE) & set(_triggers(store))
        assert not audit.trigger_drift(store)
        _receive_and_withdraw(store)
        assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'remote_records'") == 0
        # dropped once, recorded once, and the schema version is not bumped for it
        assert _repair_events(store) == [
            {"actor": "system", "missing_triggers": [], "dropped_triggers": list(OBSOLETE)}
        ]
        assert [r["version"] for r in store.query("SELECT version FROM schema_version ORDER BY version")] == list(
            range(1, migrations.LATEST_VERSION + 1)
        )
    finally:
        store.close()
    again = open_store(copy)
    try:
        assert not audit.repair_triggers(again)
        assert len(_repair_events(again)) == 1
    finally:
        again.close()


def test_a_trigger_dropped_before_a_migration_leaves_an_event_and_is_back_after(tmp_path):
    copy = tmp_path / "schema_v10.sqlite3"
    shutil.copy(FIXTURES / copy.name, copy)
    _drop(copy, "audit_staff_update")
    store = open_store(copy)
    try:
        assert "audit_staff_update" in _triggers(store)
        assert _repair_events(store) == [
            {"actor": "system", "missing_triggers": ["audit_staff_update"], "dropped_triggers": []}
        ]
    finally:
        store.close()


def test_a_dropped_trigger_of_the_live_file_is_put_back_as_the_schema_makes_it(db_path, caplog):
    with open_store(db_path) as store:
        made = _triggers(store)
    _drop(db_path, "audit_staff_insert", "audit_departments_delete")
    conn = sqlite3.connect(db_path)  # an audit trigger on a table that is not audited, as versions 4–6 left
    conn.execute(
        'CREATE TRIGGER "audit_settings_insert" AFTER INSERT ON "settings" BEGIN INSERT INTO audit_log (at, actor, '
        "operation, table_name, record_uuid, action, before, after) VALUES (tdkt_now(), tdkt_actor(), "
        "tdkt_operation(), 'settings', NULL, 'insert', NULL, json_object('key', NEW.key)); END"
    )
    conn.commit()
    conn.close()

    with Store(db_path, actor="clerk") as store:
        drift = audit.trigger_drift(store)
        assert drift.missing == ("audit_departments_delete", "audit_staff_insert")
        assert drift.extra == ("audit_settings_insert",)
        assert drift.tables == ("departments", "staff")
        assert "audit_staff_insert" in audit.describe_drift(drift)
        with caplog.at_level(logging.WARNING, logger="desktop.store.audit"):
            assert audit.repair_triggers(store) == drift
        assert "audit_staff_insert" in caplog.text
        assert _triggers(store) == made  # the very SQL install_triggers generates, nothing else
        assert _repair_events(store) == [
            {
                "actor": "system",
                "missing_triggers": ["audit_departments_delete", "audit_staff_insert"],
                "dropped_triggers": ["audit_settings_insert"],
            }
        ]
        with store.transaction(operation="test.add"):
            store.add("staff", {"staff_code": "CB001", "full_name": "Lò Văn Páo"})
            department = store.add("departments", {"name": "Văn phòng"})
            store.execute("DELETE FROM departments WHERE id = ?", (department,))
            store.execute("INSERT INTO settings (key, value) VALUES ('test.key', 'x')")
        logged = store.query("SELECT table_name, action FROM audit_log WHERE operation = 'test.add' ORDER BY id")
        assert [(r["table_name"], r["action"]) for r in logged] == [
            ("staff", "insert"),
            ("departments", "insert"),
            ("departments", "delete"),
        ]


def test_a_whole_file_costs_one_read_and_a_read_only_one_is_only_reported(db_path, caplog):
    with open_store(db_path) as store:
        before = store.conn.total_changes
        assert not audit.repair_triggers(store)
        assert store.conn.total_changes == before
    _drop(db_path, "audit_staff_delete")
    with Store(db_path, readonly=True) as looking:
        with caplog.at_level(logging.WARNING, logger="desktop.store.audit"):
            assert audit.repair_triggers(looking).missing == ("audit_staff_delete",)
        assert "read-only" in caplog.text
        assert "audit_staff_delete" not in _triggers(looking)
        assert _repair_events(looking) == []


def test_opening_the_live_file_puts_back_a_dropped_trigger(db_path):
    open_store(db_path).close()
    _drop(db_path, "audit_staff_update")
    with open_store(db_path) as store:
        assert "audit_staff_update" in _triggers(store)
        assert _repair_events(store)[0]["missing_triggers"] == ["audit_staff_update"]


def test_check_names_a_missing_trigger_and_later_the_gap_it_left(db_path):
    """``tdkt check`` on a file opened read-only tells what is missing (and fails); once the program has put the
    trigger back, the check passes but still tells the inspector when the log had its gap."""
    from desktop.ops.check import check_database

    open_store(db_path).close()
    _drop(db_path, "audit_staff_update")
    with Store(db_path, readonly=True) as looking:
        report = check_database(looking)
    assert report["audit_triggers"] == {"missing": ["audit_staff_update"], "extra": [], "altered": []}
    assert not report["ok"]
    assert any("thiếu 1 trigger ghi nhật ký thay đổi (audit_staff_update)" in m for m in report["messages"])
    with open_store(db_path) as store:
        report = check_database(store)
    assert report["audit_triggers"] == {"missing": [], "extra": [], "altered": []}
    assert [gap["missing_triggers"] for gap in report["audit_log_gaps"]] == [["audit_staff_update"]]
    assert report["ok"]
    told = [m for m in report["messages"] if "Nhật ký thay đổi từng bị gián đoạn 1 lần" in m]
    assert told and "thiếu audit_staff_update" in told[0]
