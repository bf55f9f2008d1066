"""A backup (or the database itself) that another tool or a bad copy changed is refused with what is wrong: rows
pointing at rows that are not there (the program's own copy has none), and a flipped bit in the SQLite header's
format-version bytes (SQLite then opens the file read-only, and the clerk was told the folder had no write
permission)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.store import backup as core
from desktop.store import open_store
from desktop.store.errors import DatabaseUnavailableError
from tests.store.backup_fixtures import backed_up_unit, department_names


def _sha256_beside(path: Path) -> None:
    """A checksum a tool wrote for the changed file (a hostile copy can carry one that matches)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="ascii")


def _changed_copy(backup: Path, folder: Path) -> Path:
    folder.mkdir()
    copy = folder / backup.name
    shutil.copy(backup, copy)
    return copy


def test_a_backup_with_rows_pointing_nowhere_is_refused_and_the_file_kept(tmp_path: Path):
    db = tmp_path / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "saoluu")
    copy = _changed_copy(backup, tmp_path / "khac")
    conn = sqlite3.connect(copy)
    for name in ("tdkt_now", "tdkt_actor", "tdkt_operation", "tdkt_uuid"):  # what the audit triggers call
        conn.create_function(name, 0, lambda: "khác")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO staff (uuid, staff_code, full_name, department_id, created_at, updated_at) "
        "VALUES ('x', 'CB999', 'Nguyễn Văn A', 999, '2026-01-01', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    _sha256_beside(copy)
    with pytest.raises(core.BackupError) as refused:
        core.describe_backup(copy)
    assert "bảng staff có 1 dòng trỏ tới dòng không có trong bảng departments" in str(refused.value)
    assert "Hãy chọn bản khác" in str(refused.value)
    with pytest.raises(core.BackupError):
        ops.restore(db, backup_path=copy)
    assert department_names(db) == ["Phòng Kinh tế", "Phòng thêm sau"]  # the file was not touched


@pytest.mark.parametrize("offset", [18, 19])
def test_a_flipped_format_version_byte_is_named_not_taken_for_a_read_only_folder(tmp_path: Path, offset: int):
    db = tmp_path / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "saoluu")
    copy = _changed_copy(backup, tmp_path / "khac")
    data = bytearray(copy.read_bytes())
    data[offset] = 5  # 1 (rollback journal) with the bit of value 4 flipped
    copy.write_bytes(bytes(data))
    with pytest.raises(core.BackupError) as refused:
        ops.restore(db, backup_path=copy, allow_unverified=True)
    message = str(refused.value)
    assert "chỉ cho đọc" not in message
    assert "bị hỏng" in message
    assert department_names(db) == ["Phòng Kinh tế", "Phòng thêm sau"]


def test_the_database_with_a_flipped_write_version_byte_is_refused_at_opening(tmp_path: Path):
    """Opened, it showed its data and failed the first save with "chỉ cho đọc"; now it says the file is damaged
    and where to go (restoring a backup works on it)."""
    db = tmp_path / "tdkt.sqlite3"
    backup = backed_up_unit(db, tmp_path / "saoluu")
    data = bytearray(db.read_bytes())
    assert data[18] in (1, 2)
    data[18] = data[18] ^ 4
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseUnavailableError) as refused:
        open_store(db)
    assert "phần đầu tệp bị hỏng" in str(refused.value)
    assert "khôi phục dữ liệu từ một bản sao lưu" in str(refused.value)
    ops.restore(db, backup_path=backup)
    with open_store(db) as store:
        assert [r["name"] for r in store.query("SELECT name FROM departments")] == ["Phòng Kinh tế"]
