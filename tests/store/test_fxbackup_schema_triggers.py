"""A backup whose schema was altered outside the program (audit triggers dropped, a trigger added that erases the
log) passed every check of describe_backup/restore, and after the restore changes were no longer audited (rvbackup
finding 1): now its schema is compared with what the migrations make, and a restore makes sure of the triggers."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.store import backup as core
from desktop.store import open_store
from desktop.store.migrations import LATEST_VERSION
from tests.store.backup_fixtures import add_department, backed_up_unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _sha256_beside(path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="ascii")


def _tamper(backup: Path) -> None:
    """What a hostile copy on a USB stick might hold: the audit triggers gone, and one that wipes the log."""
    conn = sqlite3.connect(backup)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'audit_%'")]
    assert names
    for name in names:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON departments BEGIN DELETE FROM audit_log; END")
    conn.commit()
    conn.close()
    backup.with_name(backup.name + ".sha256").unlink(missing_ok=True)
    (backup.parent / "backups.json").unlink(missing_ok=True)
    _sha256_beside(backup)  # the checksum is only sha256sum: anyone can write it


def test_backup_with_schema_altered_outside_the_program_is_refused(tmp_path: Path):
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    _tamper(backup)
    with pytest.raises(core.BackupError):
        core.describe_backup(backup)


def test_after_restoring_a_tampered_backup_changes_are_still_audited(tmp_path: Path):
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    _tamper(backup)
    try:
        ops.restore(db, backup_path=backup)
    except core.BackupError:
        return  # refused: fine
    store = open_store(db)
    try:
        before = store.scalar("SELECT count(*) FROM audit_log")
        add_department(store, "Phòng sau khôi phục")
        after = store.scalar("SELECT count(*) FROM audit_log")
        triggers = store.scalar("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'audit_%'")
    finally:
        store.close()
    assert triggers > 0, "restored file has no audit triggers: nothing the clerk does is logged any more"
    assert after > before, f"audit_log went from {before} to {after} rows after adding a department"


def test_a_restore_puts_the_audit_triggers_back_even_past_the_check(tmp_path: Path, monkeypatch):
    """Should a hostile copy ever pass describe_backup, the restored file still gets its audit triggers back and
    loses the one that empties the log: a file at the current version is not migrated, so nothing else would."""
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    _tamper(backup)
    monkeypatch.setattr(core, "_not_ours", lambda path, tables, version: "")  # the check of the backup only
    ops.restore(db, backup_path=backup)
    store = open_store(db)
    try:
        assert not store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'wipe'")
        assert store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log_no_delete'")  # append-only
        before = store.scalar("SELECT count(*) FROM audit_log")
        add_department(store, "Phòng sau khôi phục")
        after = store.scalar("SELECT count(*) FROM audit_log")
    finally:
        store.close()
    assert after == before + 1


@pytest.mark.parametrize(
    "change",
    [
        "CREATE VIEW ke_toan AS SELECT 1",
        "CREATE TABLE ke_toan (id INTEGER PRIMARY KEY)",
        "CREATE INDEX lookup ON departments(name)",
        "DROP TRIGGER audit_log_no_delete",
    ],
)
def test_any_schema_object_added_or_removed_outside_the_program_is_refused(tmp_path: Path, change: str):
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    core.describe_backup(backup)  # the program's own copy passes
    conn = sqlite3.connect(backup)
    conn.execute(change)
    conn.commit()
    conn.close()
    backup.with_name(backup.name + ".sha256").unlink()
    (backup.parent / "backups.json").unlink()
    _sha256_beside(backup)
    with pytest.raises(core.BackupError, match="không phải bản sao lưu của chương trình"):
        core.describe_backup(backup)


def test_an_audit_trigger_of_the_same_name_that_empties_the_log_is_refused(tmp_path: Path):
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    conn = sqlite3.connect(backup)
    conn.execute('DROP TRIGGER "audit_departments_insert"')
    conn.execute('CREATE TRIGGER "audit_departments_insert" AFTER INSERT ON "departments" BEGIN DELETE FROM staff; END')
    conn.commit()
    conn.close()
    backup.with_name(backup.name + ".sha256").unlink()
    (backup.parent / "backups.json").unlink()
    _sha256_beside(backup)
    with pytest.raises(core.BackupError, match="audit_departments_insert"):
        core.describe_backup(backup)


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1))
def test_files_of_every_earlier_version_are_still_ours(tmp_path: Path, version: int):
    """The fixtures are files the program wrote at each version (older audit triggers included)."""
    copy = tmp_path / f"tdkt-20250101-080000-thu-cong-{version}.sqlite3"
    shutil.copyfile(FIXTURES / f"schema_v{version}.sqlite3", copy)
    _sha256_beside(copy)
    info = core.describe_backup(copy)
    assert info.schema_version == version


def test_an_old_backup_is_restored_and_audited(tmp_path: Path):
    """A backup of version 4 (whose program audited remote_records): migrated, its stale triggers tidied."""
    db = tmp_path / "db" / "tdkt.sqlite3"
    backed_up_unit(db, tmp_path / "usb")
    copy = tmp_path / "old" / "tdkt-20250101-080000-thu-cong.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(FIXTURES / "schema_v4.sqlite3", copy)
    _sha256_beside(copy)
    ops.restore(db, backup_path=copy)
    store = open_store(db)
    try:
        before = store.scalar("SELECT count(*) FROM audit_log")
        add_department(store, "Phòng sau khôi phục")
        assert store.scalar("SELECT count(*) FROM audit_log") == before + 1
    finally:
        store.close()
