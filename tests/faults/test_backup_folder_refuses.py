"""The chosen backup folder is there but refuses (a write-protected stick, a full disk): automatic backups go to the
default folder and the status says so; a manual backup, the folder setting and a restore say what is wrong in
Vietnamese, never the system's English (``[Errno 13] Permission denied``), and nothing is half-written."""

from __future__ import annotations

import json
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.store import ValidationError, new_uuid, now_iso, open_store
from desktop.store import backup as core
from tests.faults import ROOT, env, make_read_only

ENGLISH = ("Errno", "Permission denied", "Read-only", "disk is full", "No space")


def _events(store, operation: str) -> list[dict]:
    return [
        json.loads(r["after"])
        for r in store.query("SELECT after FROM audit_log WHERE operation = ? ORDER BY id", (operation,))
    ]


def _no_english(message: str) -> None:
    assert not [word for word in ENGLISH if word in message], message


@pytest.fixture
def locked_stick(unit_store, tmp_path):
    """A chosen folder that exists and holds one backup, then is write-protected; yields (folder, unlock)."""
    folder = ops.set_backup_folder(unit_store, folder=tmp_path / "usb" / "saoluu")
    ops.backup_now(unit_store)
    undo = make_read_only(folder, list(folder.iterdir()))
    if undo is None:
        pytest.fail("neither chmod nor chattr can write-protect a folder here (CI runs as root with chattr)")
    state = {"undo": undo}

    def unlock() -> None:
        if state["undo"]:
            state["undo"]()
            state["undo"] = None

    yield folder, unlock
    unlock()


def test_automatic_backups_fall_back_and_the_status_says_why(unit_store, locked_stick):
    folder, unlock = locked_stick
    before = sorted(p.name for p in folder.iterdir())
    info = ops.daily_backup_if_due(unit_store)
    assert info is not None and info.verified and info.path.parent == ops.default_backup_folder()
    imported = ops.before_operation(unit_store, reason="before_import")  # a package import is not stopped
    assert imported.path.parent == ops.default_backup_folder()
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing half-written on the stick
    event = _events(unit_store, "backup.create")[-1]
    assert event["chosen_folder"] == str(folder) and "quyền" in event["chosen_folder_problem"]
    _no_english(event["chosen_folder_problem"])
    warning = ops.backup_status(unit_store)["warning"]
    assert str(folder) in warning and "đã được lưu vào máy này" in warning and "quyền" in warning
    _no_english(warning)

    unlock()
    again = ops.before_operation(unit_store, reason="before_decision")
    assert again.path.parent == folder
    assert ops.backup_status(unit_store)["warning"] is None  # the stick took the next one: nothing to say


def test_an_unplugged_stick_is_not_a_warning(unit_store, tmp_path):
    blocker = tmp_path / "not-a-drive"
    blocker.write_text("x")
    from desktop.store import unit_repo

    with unit_store.transaction("test"):
        unit_repo.set_setting(unit_store, ops.SETTING_FOLDER, str(blocker / "usb"))
    assert ops.before_operation(unit_store, reason="before_import").path.parent == ops.default_backup_folder()
    assert _events(unit_store, "backup.create")[-1]["chosen_folder"] == str(blocker / "usb")
    assert ops.backup_status(unit_store)["warning"] is None


def test_manual_backup_and_folder_choice_say_it_in_vietnamese(unit_store, locked_stick, tmp_path):
    folder, _unlock = locked_stick
    count = len(_events(unit_store, "backup.create"))
    with pytest.raises(core.BackupError) as refused:
        ops.backup_now(unit_store)
    message = str(refused.value)
    assert str(folder) in message and "quyền" in message
    _no_english(message)
    assert len(_events(unit_store, "backup.create")) == count
    assert not [p for p in folder.iterdir() if p.name.endswith(core.TEMP_SUFFIX)]

    other = ops.set_backup_folder(unit_store, folder=tmp_path / "o")
    with pytest.raises(ValidationError) as refused_folder:
        ops.set_backup_folder(unit_store, folder=folder)
    assert "Không ghi được vào thư mục" in str(refused_folder.value)
    _no_english(str(refused_folder.value))
    assert ops.backup_folder(unit_store) == other


def _add_department_and_close(store) -> None:
    """A change made after the backup (so a restore has something to take back), then the window closes."""
    with store.transaction("test.add"):
        stamp = now_iso()
        store.insert("departments", {"uuid": new_uuid(), "name": "Mới", "created_at": stamp, "updated_at": stamp})
    store.close()


def test_restore_keeps_its_safety_copy_on_this_pc_when_the_stick_refuses(unit_store, db_path, locked_stick):
    folder, _unlock = locked_stick
    backup = core.list_backups(folder)[0]
    _add_department_and_close(unit_store)
    safety = ops.restore(db_path, backup_path=backup.path)
    assert safety is not None and safety.parent == ops.default_backup_folder()
    with sqlite3.connect(safety) as conn:
        assert conn.execute("SELECT count(*) FROM departments").fetchone()[0] == 1
    with open_store(db_path, readonly=True) as store:
        assert store.scalar("SELECT count(*) FROM departments") == 0


def test_a_full_disk_during_a_backup_is_one_clear_message(unit_store, db_path, tmp_path):
    """A real child process whose files may not grow as big as the database (RLIMIT_FSIZE, as a full stick)."""
    folder = ops.set_backup_folder(unit_store, folder=tmp_path / "full")
    unit_store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    unit_store.close()
    limit = Path(db_path).stat().st_size - 4096

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db_path), "backup", "create"],
        env=env(PYTHONDONTWRITEBYTECODE="1", TDKT_DATA_DIR=str(tmp_path / "userdata")),
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Lỗi: ") and "Traceback" not in done.stderr
    assert str(folder) in done.stderr and "ổ đĩa có thể đã đầy" in done.stderr, done.stderr
    _no_english(done.stderr)
    assert not list(folder.iterdir())  # no temporary file left, no backup without its checksum
    with open_store(Path(db_path), readonly=True) as store:
        assert store.scalar("PRAGMA integrity_check") == "ok"


def test_a_restore_whose_safety_copy_cannot_be_written_changes_nothing(unit_store, db_path, locked_stick):
    """Below the folder choice: the safety folder itself refuses, so the restore stops before touching the file."""
    from desktop.store import restore as restoring

    folder, _unlock = locked_stick
    backup = core.list_backups(folder)[0]
    _add_department_and_close(unit_store)
    with pytest.raises(core.BackupError) as refused:
        restoring.restore_backup(db_path, backup.path, safety_folder=folder)
    message = str(refused.value)
    assert "bản sao an toàn" in message and "chưa khôi phục" in message and "quyền" in message, message
    _no_english(message)
    with open_store(db_path, readonly=True) as store:
        assert store.scalar("SELECT count(*) FROM departments") == 1
