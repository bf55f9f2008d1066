"""Two programs backing up one folder in the same second, and a catalog edited into the wrong shape: each backup
keeps its own file (the name is reserved by its checksum before the copy is renamed into place), and a catalog that
cannot be read is rebuilt from the files instead of stopping every backup command."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime

import pytest

from desktop.store import backup as core

WHEN = datetime(2026, 3, 2, 8, 0, 0)


def test_a_name_another_program_is_writing_is_not_taken(unit_store, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    theirs = folder / core.backup_name(WHEN.astimezone(), "manual")
    core.checksum_path(theirs).touch()  # another program reserved it and is still copying
    mine = core.create_backup(unit_store, folder, reason="manual", now=WHEN)
    assert mine.path != theirs and mine.path.name.endswith("-1.sqlite3")
    assert core.checksum_path(theirs).read_bytes() == b""  # left alone for its owner
    assert not theirs.exists()
    assert core.describe_backup(mine.path).verified


def test_a_failed_backup_gives_its_reserved_name_back(unit_store, tmp_path, monkeypatch):
    folder = tmp_path / "b"

    def broken(_temp, _counts, _version):
        return "giả lập: bản sao không khớp"

    monkeypatch.setattr(core, "_verify_copy", broken)
    with pytest.raises(core.BackupError):
        core.create_backup(unit_store, folder, reason="manual", now=WHEN)
    assert list(folder.iterdir()) == []


def test_a_reservation_left_by_a_crash_is_cleared_by_rotation(unit_store, tmp_path):
    folder = tmp_path / "b"
    core.create_backup(unit_store, folder, reason="manual", now=WHEN)
    orphan = core.checksum_path(folder / core.backup_name(datetime(2026, 1, 1, 8).astimezone(), "manual"))
    orphan.touch()
    old = time.time() - (core.STALE_TEMP_HOURS + 1) * 3600
    os.utime(orphan, (old, old))
    core.rotate(folder)
    assert not orphan.exists()
    assert len(core.list_backups(folder)) == 1


@pytest.mark.parametrize(
    "catalog",
    [
        {"format": 1, "backups": [{"file": "x.sqlite3", "created_at": "x", "reason": "manual", "counts": "x"}]},
        {"format": 1, "backups": {"file": "x"}},
        [1, 2, 3],
        {"format": 1, "backups": [None]},
    ],
)
def test_a_catalog_in_the_wrong_shape_is_rebuilt_not_a_crash(unit_store, tmp_path, catalog):
    folder = tmp_path / "b"
    first = core.create_backup(unit_store, folder, reason="manual", now=WHEN)
    (folder / core.CATALOG_NAME).write_text(json.dumps(catalog), encoding="utf-8")
    assert [i.path for i in core.list_backups(folder)] == [first.path]
    second = core.create_backup(unit_store, folder, reason="manual", now=datetime(2026, 3, 2, 9))
    assert [i.path for i in core.list_backups(folder)] == [second.path, first.path]
    assert all(i.verified for i in core.list_backups(folder))
