"""What a restore carries and what it checks.

- The audit rows of work done since the backup are carried into the restored file however the PC's clock stood:
  before, only rows timed at or after the backup's newest one were, so work done while the clock was behind (a
  dead CMOS battery, a clock set back) vanished from the log.
- A copy of the data file in WAL mode with its -wal beside it (taken while the program was open) is refused: the
  check read the file with its -wal, the restore copied the file alone, so the clerk was shown data that the
  restore did not bring.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.store import backup as core
from desktop.store import db, open_store
from desktop.store.backup import BackupError
from desktop.store.restore import restore_backup
from tests.store.backup_fixtures import add_department, backed_up_unit, department_names


class _ClockBehind:
    """time.time() of a PC whose clock runs three days behind."""

    @staticmethod
    def time() -> float:
        return time.time() - 3 * 86400


def _log(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for r in conn.execute("SELECT at, operation, after FROM audit_log ORDER BY id")]
    finally:
        conn.close()


def test_work_done_while_the_clock_was_behind_stays_in_the_log(tmp_path: Path, monkeypatch):
    db_path = tmp_path / "tdkt.sqlite3"
    backup = backed_up_unit(db_path, tmp_path / "Sao lưu")  # "Phòng thêm sau" added after it, clock right
    monkeypatch.setattr(db, "time", _ClockBehind)
    with open_store(db_path) as store:
        add_department(store, "Phòng thêm khi đồng hồ chậm")
        add_department(store, "Phòng thêm khi đồng hồ chậm 2")
    monkeypatch.undo()
    before = _log(db_path)

    ops.restore(db_path, backup_path=backup)

    after = _log(db_path)
    late = [row for row in after if "Phòng thêm khi đồng hồ chậm" in (row[2] or "")]
    newest_in_backup = max(row[0] for row in _log(backup))
    assert len(late) == 2 and all(row[0] < newest_in_backup for row in late)  # timed before the backup's last row
    assert [row for row in after if "Phòng thêm sau" in (row[2] or "")]
    # every row of the replaced file is in the restored log, once; then the restore's own event
    assert after[: len(before)] == before
    assert [row[1] for row in after[len(before) :]] == ["backup.restore"]
    with open_store(db_path) as store:
        carried = store.scalar(
            "SELECT json_extract(after, '$.audit_rows_carried') FROM audit_log WHERE operation = 'backup.restore'"
        )
        backup_rows = core.describe_backup(backup).counts["audit_log"]
        assert carried == len(before) - backup_rows


def test_a_copy_with_its_wal_beside_it_is_refused_before_anything_is_touched(tmp_path: Path):
    db_path = tmp_path / "tdkt.sqlite3"
    backed_up_unit(db_path, tmp_path / "Sao lưu")
    usb = tmp_path / "USB"
    usb.mkdir()
    copy = usb / "tdkt-20251220-100000-thu-cong.sqlite3"
    store = open_store(db_path)
    try:
        store.execute("PRAGMA wal_autocheckpoint = 0")  # recent work stays in the -wal, as between checkpoints
        add_department(store, "Phòng chỉ có trong tệp -wal")
        shutil.copyfile(db_path, copy)  # the clerk copies both files while the program is open
        shutil.copyfile(f"{db_path}-wal", f"{copy}-wal")
        add_department(store, "Phòng thêm sau khi chép")
    finally:
        store.close()
    names = department_names(db_path)

    with pytest.raises(BackupError, match="-wal") as caught:
        core.describe_backup(copy, allow_unverified=True)
    assert "khôi phục không mang theo" in str(caught.value)
    with pytest.raises(BackupError, match="-wal"):
        restore_backup(db_path, copy, safety_folder=tmp_path / "an toàn", allow_unverified=True)
    assert department_names(db_path) == names
    assert not (tmp_path / "an toàn").exists() or not list((tmp_path / "an toàn").glob("tdkt-*"))

    Path(f"{copy}-wal").unlink()  # without its -wal the copy is what the restore brings, and what is checked
    info = core.describe_backup(copy, allow_unverified=True)
    assert info.counts["departments"] == 2
    restore_backup(db_path, copy, safety_folder=tmp_path / "an toàn", allow_unverified=True)
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]


def test_a_backup_of_the_program_with_a_stray_wal_beside_it_is_still_restored(tmp_path: Path):
    """The program's backups are rollback-journal files: SQLite never reads a -wal beside them."""
    db_path = tmp_path / "tdkt.sqlite3"
    backup = backed_up_unit(db_path, tmp_path / "Sao lưu")
    Path(f"{backup}-wal").write_bytes(b"\0" * 4096)
    restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn")
    assert department_names(db_path) == ["Phòng Kinh tế"]
