"""Backup operations: the chosen folder, the daily backup, restore with audit, status warning, orphan check."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from desktop.ops import backup as ops
from desktop.ops.check import check_report
from desktop.store import ValidationError, new_uuid, now_iso, open_store
from desktop.store import backup as core
from desktop.store.db import login_name


def _events(store, operation):
    return [
        json.loads(r["after"])
        for r in store.query("SELECT after FROM audit_log WHERE operation = ? ORDER BY id", (operation,))
    ]


def test_default_and_chosen_folder(unit_store, tmp_path):
    assert ops.backup_folder(unit_store) == ops.default_backup_folder()
    chosen = ops.set_backup_folder(unit_store, folder=tmp_path / "usb" / "saoluu")
    assert chosen.is_dir() and ops.backup_folder(unit_store) == chosen
    event = _events(unit_store, "backup.folder")[-1]
    assert event["folder"] == str(chosen) and event["off_pc"] is False
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ValidationError) as excinfo:
        ops.set_backup_folder(unit_store, folder=blocker / "sub")
    assert "Không ghi được" in str(excinfo.value)
    assert ops.backup_folder(unit_store) == chosen


def test_daily_backup_runs_once_per_day_and_classifies(unit_store, tmp_path):
    ops.set_backup_folder(unit_store, folder=tmp_path / "b")
    tuesday = datetime(2025, 6, 3, 7, 45).astimezone()
    first = ops.daily_backup_if_due(unit_store, now=tuesday)
    assert first is not None and first.reason == "daily" and first.verified
    assert ops.daily_backup_if_due(unit_store, now=tuesday + timedelta(hours=5)) is None
    assert ops.daily_backup_if_due(unit_store, now=tuesday + timedelta(days=6)).reason == "weekly"  # Monday
    assert ops.daily_backup_if_due(unit_store, now=datetime(2025, 7, 1, 8).astimezone()).reason == "monthly"
    assert len(core.list_backups(tmp_path / "b")) == 3
    assert [e["reason"] for e in _events(unit_store, "backup.create")] == ["daily", "weekly", "monthly"]


def test_months_of_daily_backups_keep_the_configured_policy(unit_store, tmp_path):
    """The 400-day run on real files is in tests/store/test_backup.py; here a smaller policy from the settings."""
    from desktop.store import unit_repo

    folder = tmp_path / "b"
    ops.set_backup_folder(unit_store, folder=folder)
    with unit_store.transaction("test"):
        unit_repo.set_setting(
            unit_store, ops.SETTING_POLICY, json.dumps({"daily": 3, "weekly": 2, "monthly": 2, "keep_days": 5})
        )
    assert ops.rotation_policy(unit_store) == core.RotationPolicy(daily=3, weekly=2, monthly=2, keep_days=5)
    start = datetime(2025, 1, 1, 8).astimezone()
    for day in range(75):
        assert ops.daily_backup_if_due(unit_store, now=start + timedelta(days=day)) is not None
    kept = core.list_backups(folder)
    reasons = [i.reason for i in kept]
    assert (reasons.count("daily"), reasons.count("weekly"), reasons.count("monthly")) == (3, 2, 2)
    assert [i.created.day for i in kept if i.reason == "monthly"] == [1, 1]
    assert len(list(folder.glob("tdkt-*.sqlite3"))) == 7


def test_automatic_backup_falls_back_when_the_stick_is_gone(unit_store, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with unit_store.transaction("test"):
        from desktop.store import unit_repo

        unit_repo.set_setting(unit_store, ops.SETTING_FOLDER, str(blocker / "usb"))
    info = ops.before_operation(unit_store, reason="before_decision")
    assert info.path.parent == ops.default_backup_folder()
    with pytest.raises(core.BackupError):
        ops.backup_now(unit_store)  # a manual backup says the chosen folder is missing


def test_backup_now_lists_and_records(unit_store, tmp_path):
    unit_store.actor = "tester"  # the store is opened for this clerk: the audit log names them
    ops.set_backup_folder(unit_store, folder=tmp_path / "b")
    info = ops.backup_now(unit_store)
    assert info.reason == "manual"
    assert [i.path for i in ops.list_backups(unit_store)] == [info.path]
    event = _events(unit_store, "backup.create")[-1]
    assert event["file"] == str(info.path) and event["sha256"] == info.sha256
    actor = unit_store.scalar("SELECT actor FROM audit_log WHERE operation = 'backup.create'")
    assert actor == "tester"


def test_restore_records_the_audit_event_and_keeps_a_safety_copy(unit_store, db_path, tmp_path):
    ops.set_backup_folder(unit_store, folder=tmp_path / "b")
    info = ops.backup_now(unit_store)
    with unit_store.transaction("test.add"):
        stamp = now_iso()
        unit_store.insert("departments", {"uuid": new_uuid(), "name": "Mới", "created_at": stamp, "updated_at": stamp})
    unit_store.close()
    safety = ops.restore(db_path, backup_path=info.path)
    assert safety is not None and safety.parent == tmp_path / "b"
    store = open_store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM departments") == 0
        event = _events(store, "backup.restore")[-1]
        assert event["restored_from"] == str(info.path) and event["safety_copy"] == str(safety)
        # the restore opens the file anew, for the person logged in
        assert store.scalar("SELECT actor FROM audit_log WHERE operation = 'backup.restore'") == login_name()
    finally:
        store.close()
    with sqlite3.connect(safety) as conn:
        assert conn.execute("SELECT count(*) FROM departments").fetchone()[0] == 1


def test_restore_keeps_the_history_written_after_the_backup(unit_store, db_path, tmp_path):
    """The data goes back to the backup; the audit log does not: what was done between the backup and the restore,
    and by whom, stays in the log (before, it went with the replaced file, into a safety copy rotated after 90
    days), followed by the restore's own event."""
    ops.set_backup_folder(unit_store, folder=tmp_path / "b")
    info = ops.backup_now(unit_store)
    with sqlite3.connect(info.path) as conn:
        in_backup = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with unit_store.transaction("test.add"):
        stamp = now_iso()
        unit_store.insert("departments", {"uuid": new_uuid(), "name": "Mới", "created_at": stamp, "updated_at": stamp})
    written = unit_store.query_one("SELECT at, actor FROM audit_log WHERE operation = 'test.add'")
    unit_store.close()
    ops.restore(db_path, backup_path=info.path)
    store = open_store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM departments") == 0  # the data is the backup's
        rows = store.query("SELECT * FROM audit_log ORDER BY id")
        added = [row for row in rows if row["operation"] == "test.add"]
        assert [(r["table_name"], r["action"], json.loads(r["after"])["name"]) for r in added] == [
            ("departments", "insert", "Mới")
        ]
        event = _events(store, "backup.restore")[-1]
        assert rows[-1]["operation"] == "backup.restore" and added[0]["id"] < rows[-1]["id"]
        assert event["audit_rows_carried"] >= 1 and len(rows) == in_backup + event["audit_rows_carried"] + 1
        assert (added[0]["at"], added[0]["actor"]) == (written["at"], written["actor"])  # as it was written
    finally:
        store.close()


def test_status_warns_when_the_last_off_pc_backup_is_old(unit_store, tmp_path):
    now = datetime.now().astimezone()
    status = ops.backup_status(unit_store, now=now)
    assert status["warning"] is None and status["last_backup"] is None  # a new install is not nagged
    status = ops.backup_status(unit_store, now=now + timedelta(days=31))
    assert status["warning"] == ops.OFF_PC_WARNING  # a month of data and never a copy off the PC
    with unit_store.transaction("test"):
        from desktop.store import unit_repo

        unit_repo.set_setting(unit_store, ops.SETTING_LAST_OFF_PC, (now - timedelta(days=10)).isoformat())
    status = ops.backup_status(unit_store, now=now)
    assert status["warning"] is None and status["off_pc_age_days"] == pytest.approx(10, abs=0.1)
    status = ops.backup_status(unit_store, now=now + timedelta(days=25))
    assert "cũ hơn một tháng" in status["warning"]
    ops.backup_now(unit_store)
    assert ops.backup_status(unit_store)["last_backup"]["reason"] == "manual"


def test_check_report_finds_orphan_awards(unit_store, db_path):
    assert check_report(unit_store)["ok"] is True
    # as if another tool had edited the file with foreign keys off
    unit_store.execute("PRAGMA foreign_keys = OFF")
    with unit_store.transaction("test.orphan"):
        unit_store.execute(
            "INSERT INTO awards (uuid, target_kind, staff_id, year, code, category, created_at, updated_at) "
            "VALUES ('x', 'individual', 999, 2024, 'LDTT', 'title', 't', 't')"
        )
    unit_store.execute("PRAGMA foreign_keys = ON")
    report = check_report(unit_store)
    assert report["ok"] is False
    assert report["orphans"][0]["table"] == "awards" and report["orphans"][0]["ids"]
    assert any("khen thưởng của cá nhân" in m for m in report["messages"])
