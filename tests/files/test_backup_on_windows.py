"""Backups and restore under Windows' rule that an open file cannot be replaced or deleted.

``os.replace``/``os.remove`` refuse any file this process still has open, or that another program (Word, an
antivirus) holds (tests/files/windows_fs.py); SQLite and the database files are real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.store import Store
from desktop.store import backup as core
from desktop.store.backup import BackupError
from tests.files.windows_fs import WindowsFiles
from tests.store.backup_fixtures import backed_up_unit, department_names


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    """A database with one department in a backup and a second one added after it; the store is closed."""
    db_path = tmp_path / "Dữ liệu" / "tdkt.sqlite3"
    return db_path, backed_up_unit(db_path, tmp_path / "Sao lưu")


def _temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


def test_restore_closes_every_handle_before_the_swap(backed_up, windows_files: WindowsFiles):
    db_path, backup = backed_up
    safety = ops.restore(db_path, backup_path=backup)
    assert windows_files.refused == []  # not one refusal: no handle of ours was open at any replace or delete
    assert department_names(db_path) == ["Phòng Kinh tế"]
    assert safety is not None and department_names(safety) == ["Phòng Kinh tế", "Phòng thêm sau"]
    assert _temporary_files(db_path.parent) == []


def test_restore_waits_out_an_antivirus(backed_up, windows_files: WindowsFiles):
    db_path, backup = backed_up
    windows_files.scans = 4
    ops.restore(db_path, backup_path=backup)
    assert department_names(db_path) == ["Phòng Kinh tế"]
    assert str(db_path.parent / f".{db_path.name}.restore.tmp") in windows_files.refused


def test_restore_into_a_file_that_never_frees_keeps_the_old_data(backed_up, windows_files: WindowsFiles):
    db_path, backup = backed_up
    windows_files.hold(db_path)
    with pytest.raises(BackupError) as refused:
        ops.restore(db_path, backup_path=backup)
    message = str(refused.value)
    assert str(db_path) in message and "đang được một chương trình khác mở" in message and "tệp cũ vẫn còn" in message
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]
    assert _temporary_files(db_path.parent) == []
    windows_files.held.clear()
    with Store(db_path) as store:  # still a sound database the window can reopen
        assert store.scalar("PRAGMA integrity_check") == "ok"


def test_restore_refuses_while_a_connection_is_still_open(backed_up, windows_files: WindowsFiles):
    db_path, backup = backed_up
    with Store(db_path):
        with pytest.raises(BackupError) as refused:
            ops.restore(db_path, backup_path=backup)
        assert str(db_path) in str(refused.value)
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]
    assert _temporary_files(db_path.parent) == []


def test_backups_through_an_antivirus_and_a_catalog_held_open(backed_up, windows_files: WindowsFiles):
    db_path, _first = backed_up
    folder = _first.parent
    windows_files.scans = 3
    windows_files.hold(folder / core.CATALOG_NAME)
    with Store(db_path) as store:
        info = ops.backup_now(store)
    assert info.verified and info.path.exists() and core.checksum_path(info.path).exists()
    assert _temporary_files(folder) == []
    windows_files.held.clear()
    listed = {b.path.name: b for b in core.list_backups(folder)}  # the catalog is rebuilt from the checksums
    assert listed[info.path.name].verified and listed[info.path.name].sha256 == info.sha256


def test_rotation_skips_a_backup_another_program_holds(backed_up, windows_files: WindowsFiles):
    db_path, first = backed_up
    folder = first.parent
    policy = core.RotationPolicy(daily=1, weekly=1, monthly=1, keep_days=0)
    with Store(db_path) as store:
        for _ in range(2):
            ops.backup_now(store)
    doomed = [info.path for info in core.plan_rotation(core.list_backups(folder), policy=policy)]
    assert len(doomed) == 2
    windows_files.hold(doomed[0])
    removed = core.rotate(folder, policy=policy)  # does not wait forever nor fail: the next rotation tries again
    assert removed == doomed[1:] and doomed[0].exists() and core.checksum_path(doomed[0]).exists()
    windows_files.held.clear()
    assert core.rotate(folder, policy=policy) == doomed[:1]
    assert not doomed[0].exists() and not core.checksum_path(doomed[0]).exists()
