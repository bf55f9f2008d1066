"""A restore while another window or program saves: before, a save made between the safety copy and the swap
was in neither the safety copy nor the restored file, and a window still holding the old file wrote into a file
that was gone, each reported as saved. Now the restore holds the file exclusively from its safety copy to the swap
(a save meanwhile is refused as "locked"), and a store whose file was swapped refuses to write."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.ops.setup import init_unit
from desktop.store import DatabaseUnavailableError, Store, new_uuid, now_iso, open_store
from desktop.store.restore import restore_backup
from tests.conftest import LUNG_CU_CODE


def _add_department(store: Store, name: str) -> None:
    with store.transaction(operation="test.add"):
        stamp = now_iso()
        store.insert("departments", {"uuid": new_uuid(), "name": name, "created_at": stamp, "updated_at": stamp})


def _departments(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM departments ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    db_path = tmp_path / "tdkt.sqlite3"
    store = open_store(db_path)
    try:
        init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code=LUNG_CU_CODE, head_title="Chủ tịch")
        ops.set_backup_folder(store, folder=tmp_path / "Sao lưu")
        _add_department(store, "Phòng Kinh tế")
        backup = ops.backup_now(store).path
        _add_department(store, "Phòng thêm sau")
    finally:
        store.close()
    return db_path, backup


def test_a_save_while_the_restore_works_is_refused_not_lost(backed_up, tmp_path):
    db_path, backup = backed_up
    outcome: list[str] = []

    def another_program_saves(_restored: Store, _safety: Path | None) -> None:
        """Runs after the safety copy, before the swap: another process's write to the live file."""
        conn = sqlite3.connect(db_path, timeout=0.2, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("CREATE TABLE saved_meanwhile (note TEXT)")  # any write (no trigger needs the program)
            conn.execute("COMMIT")
            outcome.append("saved")
        except sqlite3.OperationalError as exc:
            outcome.append(str(exc))
        finally:
            conn.close()

    safety = restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn", prepare=another_program_saves)
    assert outcome == ["database is locked"]  # the other program is told; it did not save into a file about to go
    assert _departments(db_path) == ["Phòng Kinh tế"]
    assert safety is not None and _departments(safety) == ["Phòng Kinh tế", "Phòng thêm sau"]


def test_a_store_whose_file_was_swapped_refuses_to_write(backed_up, tmp_path):
    db_path, _backup = backed_up
    other = tmp_path / "khác.sqlite3"
    store = Store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM departments") == 2
        conn = sqlite3.connect(db_path)
        conn.execute("VACUUM INTO ?", (str(other),))
        conn.close()
        os.replace(other, db_path)  # what a restore in another program does, with this store still open
        with pytest.raises(DatabaseUnavailableError, match="vừa được thay") as caught:
            _add_department(store, "Lưu vào tệp đã bị thay")
        assert "chưa được ghi" in str(caught.value)
    finally:
        store.close()
    assert _departments(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]
    with Store(db_path) as reopened:  # opened again, the new file takes the save
        _add_department(reopened, "Lưu sau khi mở lại")
    assert _departments(db_path)[-1] == "Lưu sau khi mở lại"
