"""A backup made while another program holds the file for writing: the copy is written and checked, only its line in
the log waits. The clerk is told the backup exists and is usable, never "nothing was written"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.ops import backup as backup_ops
from desktop.store import StoreError
from desktop.store import backup as core


def test_a_busy_file_says_the_backup_exists_and_is_usable(unit_store, tmp_path: Path):
    folder = tmp_path / "Sao lưu"
    folder.mkdir()
    other = sqlite3.connect(unit_store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another window writing
        with pytest.raises(StoreError) as busy:
            backup_ops.backup_now(unit_store, folder=folder)
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = str(busy.value)
    [made] = list(folder.glob("tdkt-*.sqlite3"))
    assert str(made) in message and "dùng được" in message, message
    assert "chưa có gì được ghi" not in message
    assert core.describe_backup(made).verified  # whole, with its checksum: usable for a restore
