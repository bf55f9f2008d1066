"""Restore over a file too damaged to lock whose -wal still holds committed changes (rvbackup finding 4): the -wal
of the live file was deleted BEFORE the swap. When the swap then failed (an antivirus or backup tool holding the file
past the retry time), the clerk was told "Tệp cũ vẫn còn nguyên" (the old file is intact), and the safety copy was
deleted too: the changes in the -wal were gone from everywhere. Now the side files are set aside and put back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import backup as core
from desktop.store import restore as restoring
from desktop.store.errors import StoreError
from tests.store.backup_fixtures import backed_up_unit, department_names

CRASH = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("INSERT INTO settings (key, value) VALUES ('only_in_wal', 'x')")
os._exit(0)  # power cut: the change is committed in the -wal, never checkpointed
"""


def _crashed_and_damaged(tmp_path: Path, monkeypatch) -> tuple[Path, Path, bytes]:
    """The unit's file with a change only in its -wal and its header broken; SQLite cannot open or lock it (as
    :func:`restoring._hold_exclusive` says of a file too damaged: None), so nothing folds the -wal in."""
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    subprocess.run([sys.executable, "-c", CRASH, str(db)], check=True)
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0
    with db.open("r+b") as handle:  # the header damaged: why the clerk restores
        handle.write(b"\0" * 16)
    real_hold, real_store = restoring._hold_exclusive, restoring.Store
    monkeypatch.setattr(restoring, "_hold_exclusive", lambda path: None if path == db else real_hold(path))

    def store(path, *args, **kwargs):  # the safety copy's attempt to open it (a connection left to the garbage
        if Path(path) == db:  # collector would fold the -wal in whenever it is collected)
            raise StoreError("không mở được")
        return real_store(path, *args, **kwargs)

    monkeypatch.setattr(restoring, "Store", store)
    return db, backup, wal.read_bytes()


def _swap_fails(monkeypatch, db: Path, *, also_back: bool = False) -> None:
    real_replace = restoring.replace_file

    def replace(source, target, **kw):
        if Path(target) == db or (also_back and str(source).endswith(restoring.ASIDE_SUFFIX)):
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return real_replace(source, target, **kw)

    monkeypatch.setattr(restoring, "replace_file", replace)


def test_failed_swap_leaves_the_old_files_wal_in_place(tmp_path: Path, monkeypatch):
    db, backup, wal_bytes = _crashed_and_damaged(tmp_path, monkeypatch)
    wal = Path(f"{db}-wal")
    _swap_fails(monkeypatch, db)
    with pytest.raises(core.BackupError) as excinfo:
        restoring.restore_backup(db, backup, safety_folder=tmp_path / "safety")
    message = str(excinfo.value)
    assert "vẫn còn nguyên" in message
    assert wal.exists() and wal.read_bytes() == wal_bytes, (
        f"told {message!r} but the -wal with committed changes is gone from the data folder"
    )
    assert not list(db.parent.glob(f"*{restoring.ASIDE_SUFFIX}"))


def test_side_files_that_cannot_be_put_back_keep_the_safety_copy_and_are_named(tmp_path: Path, monkeypatch):
    db, backup, wal_bytes = _crashed_and_damaged(tmp_path, monkeypatch)
    _swap_fails(monkeypatch, db, also_back=True)
    with pytest.raises(core.BackupError) as excinfo:
        restoring.restore_backup(db, backup, safety_folder=tmp_path / "safety")
    aside = [p for p in db.parent.glob(f"tdkt.sqlite3-wal.*{restoring.ASIDE_SUFFIX}")]
    assert len(aside) == 1 and aside[0].read_bytes() == wal_bytes
    assert str(aside[0]) in str(excinfo.value)
    kept = [p for p in (tmp_path / "safety").glob("*-wal")]
    assert kept and kept[0].read_bytes() == wal_bytes, "the safety copy holding the -wal was dropped"
    assert str(kept[0].name.removesuffix("-wal")) in str(excinfo.value)


def test_restore_over_the_damaged_file_leaves_no_side_file_behind(tmp_path: Path, monkeypatch):
    db, backup, _wal_bytes = _crashed_and_damaged(tmp_path, monkeypatch)
    safety = restoring.restore_backup(db, backup, safety_folder=tmp_path / "safety")
    assert department_names(db) == ["Phòng Kinh tế"]
    assert not Path(f"{db}-wal").exists()
    assert not list(db.parent.glob(f"*{restoring.ASIDE_SUFFIX}"))
    assert safety is not None and Path(f"{safety}-wal").exists()  # the replaced file's changes stay with its copy


def test_real_sqlite_folds_the_wal_in_and_a_failed_swap_keeps_it(tmp_path: Path, monkeypatch):
    """Without the stand-in: SQLite folds the -wal into the damaged file when it tries to lock it; after a failed
    swap the change is still in the old file."""
    db = tmp_path / "db" / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "usb")
    subprocess.run([sys.executable, "-c", CRASH, str(db)], check=True)
    with db.open("r+b") as handle:
        handle.write(b"\0" * 16)
    _swap_fails(monkeypatch, db)
    with pytest.raises(core.BackupError):
        restoring.restore_backup(db, backup, safety_folder=tmp_path / "safety")
    wal = Path(f"{db}-wal")
    assert b"only_in_wal" in db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
