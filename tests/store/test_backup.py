"""Backups: online copy under WAL, verification, catalog, rotation, restore — on real files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.store import Store, new_uuid, now_iso, open_store
from desktop.store import backup as core
from desktop.store import restore as restoring
from desktop.store.backup import BackupError
from tests.demo_date import DEMO_TODAY
from tests.store.backup_fixtures import add_department, department_names


def test_backup_is_verified_named_and_catalogued(unit_store, tmp_path):
    add_department(unit_store, "Phòng Kinh tế")
    folder = tmp_path / "saoluu"
    when = datetime(2025, 3, 4, 8, 30, 15)
    info = core.create_backup(unit_store, folder, reason="manual", now=when)
    assert info.path.name == "tdkt-20250304-083015-thu-cong.sqlite3"
    assert info.verified and info.reason == "manual"
    assert info.counts["departments"] == 1
    assert info.counts["staff"] == unit_store.scalar("SELECT count(*) FROM staff")
    assert info.schema_version == unit_store.scalar("SELECT max(version) FROM schema_version")
    assert info.last_decision is None  # no decision issued yet
    assert info.size == info.path.stat().st_size
    # nothing half-written is left behind, and the copy stands alone (no -wal needed)
    assert sorted(p.name for p in folder.iterdir()) == ["backups.json", info.path.name, info.path.name + ".sha256"]
    assert (folder / (info.path.name + ".sha256")).read_text() == f"{info.sha256}  {info.path.name}\n"
    catalog = json.loads((folder / "backups.json").read_text(encoding="utf-8"))
    assert catalog["backups"][0]["sha256"] == info.sha256
    assert catalog["backups"][0]["verified"] is True
    described = core.describe_backup(info.path)
    assert described.counts == info.counts and described.sha256 == info.sha256
    # a second backup in the same second gets its own name
    again = core.create_backup(unit_store, folder, reason="manual", now=when)
    assert again.path != info.path and again.path.exists()
    assert [b.path for b in core.list_backups(folder)] == [again.path, info.path]  # newest first


def test_backups_made_in_one_second_are_listed_newest_first(unit_store, tmp_path):
    """Names and times stop at the second; the file's time, then the serial (-1 … -11, as numbers) keep the order
    they were made in, for the list and the catalog."""
    folder = tmp_path / "saoluu"
    when = datetime(2025, 3, 4, 8, 30, 15)
    made = [core.create_backup(unit_store, folder, reason="before_import", now=when).path for _ in range(12)]
    made.append(core.create_backup(unit_store, folder, reason="manual", now=when).path)  # another reason, same second
    assert made[10].name.endswith("-10.sqlite3") and made[2].name.endswith("-2.sqlite3")
    newest_first = made[::-1]
    assert [b.path for b in core.list_backups(folder)] == newest_first
    catalog = json.loads((folder / "backups.json").read_text(encoding="utf-8"))
    assert [entry["file"] for entry in catalog["backups"]] == [path.name for path in newest_first]
    for path in made:  # a FAT USB stick: the same time on every file; the serials still order one reason's copies
        os.utime(path, ns=(0, 0))
    listed = [b.path for b in core.list_backups(folder)]
    assert [path for path in listed if "truoc-nhap-goi" in path.name] == made[:12][::-1]


def test_last_decision_is_recorded(store, tmp_path):
    from desktop.ops.demo import fill_demo

    fill_demo(store, today=DEMO_TODAY)
    info = core.create_backup(store, tmp_path / "b", reason="daily")
    newest = store.query_one("SELECT number_text, decision_date FROM decisions ORDER BY decision_date DESC, id DESC")
    assert info.last_decision == f"{newest['number_text']} ({newest['decision_date']})"


def test_backup_while_another_connection_writes(unit_store, db_path, tmp_path):
    """WAL: a writer keeps committing while backups run; every backup is consistent and verified."""
    stop = threading.Event()
    written = []

    def writer() -> None:
        other = Store(db_path)
        try:
            n = 0
            while not stop.is_set():
                add_department(other, f"Tổ {n}")
                written.append(n)
                n += 1
        finally:
            other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        infos = [core.create_backup(unit_store, tmp_path / "b", reason="manual") for _ in range(5)]
    finally:
        stop.set()
        thread.join()
    assert written, "the writer must have committed while backups ran"
    for info in infos:
        described = core.describe_backup(info.path)
        assert described.counts == info.counts
        # counts and copy come from one snapshot: every department written has its audit row
        assert described.counts["departments"] + 1 <= described.counts["audit_log"]
    assert unit_store.scalar("PRAGMA integrity_check") == "ok"


def test_uncommitted_changes_of_another_connection_are_not_copied(unit_store, db_path, tmp_path):
    other = Store(db_path)
    try:
        other.execute("BEGIN IMMEDIATE")
        stamp = now_iso()
        other.insert("departments", {"uuid": new_uuid(), "name": "Chưa lưu", "created_at": stamp, "updated_at": stamp})
        info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert info.counts["departments"] == 0
    assert department_names(info.path) == []


def test_flipped_bytes_are_caught_by_describe_and_restore(unit_store, db_path, tmp_path):
    add_department(unit_store, "Phòng Văn hóa - Xã hội")
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    data = bytearray(info.path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    info.path.write_bytes(bytes(data))
    with pytest.raises(BackupError) as excinfo:
        core.describe_backup(info.path)
    assert "hỏng" in str(excinfo.value) or "thay đổi" in str(excinfo.value)
    unit_store.close()
    before = db_path.read_bytes()
    with pytest.raises(BackupError):
        restoring.restore_backup(db_path, info.path, safety_folder=tmp_path / "safety")
    assert db_path.read_bytes() == before  # nothing replaced, not even a safety copy needed
    assert not (tmp_path / "safety").exists()


def test_damaged_header_without_catalog_is_refused(unit_store, tmp_path):
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    (tmp_path / "b" / "backups.json").unlink()
    data = bytearray(info.path.read_bytes())
    data[0:16] = b"not a database!!"
    info.path.write_bytes(bytes(data))
    with pytest.raises(BackupError) as excinfo:
        core.describe_backup(info.path)
    assert "hỏng" in str(excinfo.value)  # the checksum beside it no longer matches
    listed = core.list_backups(tmp_path / "b")
    assert len(listed) == 1 and not listed[0].verified and "hỏng" in listed[0].problem


def test_catalog_is_rebuilt_after_it_is_deleted(unit_store, tmp_path):
    folder = tmp_path / "b"
    made = [
        core.create_backup(unit_store, folder, reason=reason, now=datetime(2025, 1, day, 9, 0, 0))
        for day, reason in ((1, "monthly"), (2, "daily"), (6, "weekly"), (7, "before_decision"))
    ]
    (folder / "backups.json").unlink()
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu", encoding="utf-8")
    listed = core.list_backups(folder)
    assert [b.path for b in listed] == [m.path for m in reversed(made)]
    assert [b.reason for b in listed] == ["before_decision", "weekly", "daily", "monthly"]
    assert all(b.verified for b in listed)
    assert {b.sha256 for b in listed} == {m.sha256 for m in made}
    assert (folder / "backups.json").exists()
    # a garbled catalog is rebuilt the same way
    (folder / "backups.json").write_text("{ hỏng", encoding="utf-8")
    assert [b.path for b in core.list_backups(folder)] == [m.path for m in reversed(made)]


def _fake_history(folder: Path, template: core.BackupInfo, days: int, end: datetime) -> None:
    """One automatic backup per day for ``days`` days (copies of one real backup), plus manual ones."""
    from desktop.ops.backup import classify_day

    entries = []
    for offset in range(days):
        when = (end - timedelta(days=days - 1 - offset)).replace(hour=8, minute=0, second=0).astimezone()
        for reason in [classify_day(when)] + (["manual"] if offset % 10 == 0 else []):
            path = folder / core.backup_name(when, reason)
            shutil.copyfile(template.path, path)
            entries.append(
                core.BackupInfo(
                    path=path,
                    created_at=when.isoformat(),
                    reason=reason,
                    size=template.size,
                    sha256=template.sha256,
                    counts=template.counts,
                    schema_version=template.schema_version,
                    verified=True,
                )
            )
    template.path.unlink()
    core._write_catalog(folder, entries)


def test_rotation_over_400_days_keeps_exactly_the_policy(unit_store, tmp_path):
    folder = tmp_path / "b"
    template = core.create_backup(unit_store, folder, reason="manual", now=datetime(2000, 1, 1))
    end = datetime(2026, 2, 10, 20, 0, 0).astimezone()
    _fake_history(folder, template, 400, end)
    removed = core.rotate(folder, now=end)
    kept = core.list_backups(folder)
    by_reason: dict[str, list[core.BackupInfo]] = {}
    for info in kept:
        by_reason.setdefault(info.reason, []).append(info)
    policy = core.DEFAULT_POLICY
    assert len(by_reason["daily"]) == policy.daily
    assert len(by_reason["weekly"]) == policy.weekly
    assert len(by_reason["monthly"]) == policy.monthly
    assert all(end - i.created <= timedelta(days=policy.keep_days) for i in by_reason["manual"])
    assert len(by_reason["manual"]) == 9  # one every ten days within the last 90
    # the kept ones are the newest of each kind, and the files really went
    assert all(i.created.weekday() == 0 for i in by_reason["weekly"])
    assert all(i.created.day == 1 for i in by_reason["monthly"])
    assert min(i.created for i in by_reason["monthly"]) > end - timedelta(days=370)
    assert removed and not any(p.exists() for p in removed)
    on_disk = sorted(p.name for p in folder.glob("tdkt-*.sqlite3"))
    assert on_disk == sorted(i.path.name for i in kept)
    assert core.rotate(folder, now=end) == []  # stable


def test_rotation_never_deletes_the_newest_verified_backup(unit_store, tmp_path):
    folder = tmp_path / "b"
    old = core.create_backup(unit_store, folder, reason="manual", now=datetime(2020, 1, 1, 8))
    older = core.create_backup(unit_store, folder, reason="before_import", now=datetime(2019, 6, 1, 8))
    removed = core.rotate(folder, now=datetime(2026, 1, 1).astimezone())
    assert removed == [older.path]
    assert old.path.exists()
    tight = core.RotationPolicy(daily=1, weekly=1, monthly=1, keep_days=1)
    assert core.rotate(folder, policy=tight, now=datetime(2026, 1, 1).astimezone()) == []


def test_stale_temporary_files_are_cleared_by_rotation(unit_store, tmp_path):
    folder = tmp_path / "b"
    core.create_backup(unit_store, folder, reason="manual")
    stale = folder / ".tdkt-left-by-a-crash.tmp"
    stale.write_bytes(b"half")
    old = datetime.now().timestamp() - 3 * 86400
    os.utime(stale, (old, old))
    fresh = folder / ".tdkt-being-written.tmp"
    fresh.write_bytes(b"half")
    core.rotate(folder)
    assert not stale.exists() and fresh.exists()
    assert len(core.list_backups(folder)) == 1  # temporary files are never listed


def test_restore_brings_back_old_data_and_keeps_a_safety_copy(unit_store, db_path, tmp_path):
    add_department(unit_store, "Phòng Kinh tế")
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    add_department(unit_store, "Phòng sau sao lưu")
    unit_store.close()
    safety = restoring.restore_backup(db_path, info.path, safety_folder=tmp_path / "safety")
    assert safety is not None and safety.parent == tmp_path / "safety"
    assert "truoc-khoi-phuc" in safety.name
    assert department_names(db_path) == ["Phòng Kinh tế"]
    assert department_names(safety) == ["Phòng Kinh tế", "Phòng sau sao lưu"]
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    assert [b.reason for b in core.list_backups(tmp_path / "safety")] == ["before_restore"]
    reopened = open_store(db_path)
    try:
        assert reopened.scalar("PRAGMA integrity_check") == "ok"
        assert reopened.scalar("PRAGMA journal_mode") == "wal"
        assert [r["name"] for r in reopened.query("SELECT name FROM departments")] == ["Phòng Kinh tế"]
    finally:
        reopened.close()


def test_restore_refuses_while_another_connection_has_the_file_open(unit_store, db_path, tmp_path):
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    add_department(unit_store, "Đang mở")
    with pytest.raises(BackupError) as excinfo:
        restoring.restore_backup(db_path, info.path, safety_folder=tmp_path / "safety")
    assert "đang được" in str(excinfo.value)
    assert unit_store.scalar("SELECT count(*) FROM departments") == 1
    assert unit_store.scalar("PRAGMA integrity_check") == "ok"


def test_restore_of_a_damaged_current_file_keeps_its_bytes(unit_store, db_path, tmp_path):
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    unit_store.close()
    db_path.write_bytes(b"garbage" * 1000)
    safety = restoring.restore_backup(db_path, info.path, safety_folder=tmp_path / "safety")
    assert safety is not None and safety.read_bytes() == b"garbage" * 1000
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_off_pc_detection(tmp_path, db_path):
    assert core.is_off_pc(tmp_path / "backups", db_path) is False
    assert core.last_off_pc_backup_age_days(tmp_path, db_path) is None
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second device to compare with")
    assert core.is_off_pc(shm / "tdkt-backups-not-created", db_path) is True


def test_off_pc_age(unit_store, db_path, monkeypatch, tmp_path):
    folder = tmp_path / "usb"
    core.create_backup(unit_store, folder, reason="manual", now=datetime(2025, 1, 1, 8))
    monkeypatch.setattr(core, "is_off_pc", lambda f, d: Path(f) == folder)
    age = core.last_off_pc_backup_age_days(folder, db_path, now=datetime(2025, 1, 11, 8).astimezone())
    assert age == pytest.approx(10.0)


def test_backup_in_a_transaction_is_a_programming_error(unit_store, tmp_path):
    with pytest.raises(RuntimeError), unit_store.transaction("t"):
        core.create_backup(unit_store, tmp_path, reason="manual")
    with pytest.raises(ValueError):
        core.create_backup(unit_store, tmp_path, reason="sometimes")
