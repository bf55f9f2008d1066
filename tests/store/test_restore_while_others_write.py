"""A restore while another window or program saves: before, a save made between the safety copy and the swap
was in neither the safety copy nor the restored file, and a window still holding the old file wrote into a file
that was gone, each reported as saved. Now the restore holds the file exclusively from its safety copy to the swap
(a save meanwhile is refused as "locked"), and a store whose file was swapped refuses to write."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.store import DatabaseUnavailableError, Store
from desktop.store.restore import restore_backup
from tests.store.backup_fixtures import add_department, backed_up_unit, department_names


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    db_path = tmp_path / "tdkt.sqlite3"
    return db_path, backed_up_unit(db_path, tmp_path / "Sao lưu")


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
    assert department_names(db_path) == ["Phòng Kinh tế"]
    assert safety is not None and department_names(safety) == ["Phòng Kinh tế", "Phòng thêm sau"]


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
            add_department(store, "Lưu vào tệp đã bị thay")
        assert "chưa được ghi" in str(caught.value)
    finally:
        store.close()
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]
    with Store(db_path) as reopened:  # opened again, the new file takes the save
        add_department(reopened, "Lưu sau khi mở lại")
    assert department_names(db_path)[-1] == "Lưu sau khi mở lại"
