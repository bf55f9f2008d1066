"""A restore while a window has the file open is refused, on Linux too.

Before, every Store read the file's header with open()/close(); on POSIX closing any handle of a file drops every
lock the process holds on it, SQLite's included. A window whose worker had opened (and closed) its own store no
longer held SQLite's lock, so a restore from the command line went through under it, and a save the window made
while the restore worked was reported as done, then lost. A window that held only its single-writer lock (no store
open at that moment) did not stop a restore either, and a window opened through a link to the file took a second
lock file of its own and wrote beside the first window.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store import Store, instance_lock
from desktop.store.backup import BackupError
from desktop.store.db import header_problem, open_here
from desktop.store.restore import restore_backup
from tests.store.backup_fixtures import backed_up_unit, department_names

ROOT = Path(__file__).resolve().parents[2]
IN_USE = "đang được một cửa sổ hoặc chương trình khác mở"

# A window: its own store open, a worker's store opened and closed (as every background operation does), the
# header asked once more; then it waits for the test, saves, and says what became of the save.
WINDOW = """
import sys, time
from pathlib import Path
from desktop.store import Store
from desktop.store.db import header_problem

db, ready, go = sys.argv[1:]
window = Store(db)
window.scalar("SELECT count(*) FROM departments")
worker = Store(db)
worker.scalar("SELECT count(*) FROM departments")
worker.close()
header_problem(Path(db))
Path(ready).write_text("ready")
while not Path(go).exists():
    time.sleep(0.02)
with window.transaction("test.add"):
    window.execute(
        "INSERT INTO departments (uuid, name, created_at, updated_at) VALUES ('u-1', 'Lưu khi cửa sổ mở', 'x', 'x')"
    )
window.close()
print("saved")
"""

# A window holding only the file's single-writer lock (between two operations its stores are closed).
LOCK_HOLDER = """
import sys, time
from pathlib import Path
from desktop.store import instance_lock

db, ready, go = sys.argv[1:]
lock = instance_lock.try_lock(db)
assert lock is not None
Path(ready).write_text("ready")
while not Path(go).exists():
    time.sleep(0.02)
lock.release()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _start(script: str, db: Path, tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    ready, go = tmp_path / "ready", tmp_path / "go"
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(ready), str(go)],
        env=_env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            raise AssertionError(child.communicate()[1])
        time.sleep(0.02)
    return child, go


def _finish(child: subprocess.Popen[str], go: Path) -> str:
    go.write_text("go")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    return out.strip()


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    db_path = tmp_path / "tdkt.sqlite3"
    return db_path, backed_up_unit(db_path, tmp_path / "Sao lưu")


def test_a_worker_store_closed_in_a_window_does_not_let_a_restore_replace_the_file(backed_up, tmp_path):
    db_path, backup = backed_up
    window, go = _start(WINDOW, db_path, tmp_path)
    try:
        with pytest.raises(BackupError, match=IN_USE):
            restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn")
    finally:
        said = _finish(window, go)
    assert said == "saved"
    # nothing was replaced, and the window's save is in the file
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau", "Lưu khi cửa sổ mở"]
    assert not list((tmp_path / "an toàn").glob("tdkt-*"))


def test_a_window_holding_only_its_lock_stops_a_restore(backed_up, tmp_path):
    db_path, backup = backed_up
    holder, go = _start(LOCK_HOLDER, db_path, tmp_path)
    try:
        with pytest.raises(BackupError, match=IN_USE):
            restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn")
    finally:
        _finish(holder, go)
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]
    # the window has closed: the restore goes through, and gives the lock back
    restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn")
    assert department_names(db_path) == ["Phòng Kinh tế"]
    assert not instance_lock.held_here(db_path)
    again = instance_lock.try_lock(db_path)
    assert again is not None
    again.release()


def test_the_window_restoring_its_own_file_is_not_refused_by_its_own_lock(backed_up, tmp_path):
    db_path, backup = backed_up
    lock = instance_lock.try_lock(db_path)  # the window of this process, its store closed to restore
    assert lock is not None
    try:
        restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn")
        assert department_names(db_path) == ["Phòng Kinh tế"]
        assert instance_lock.held_here(db_path)  # still the window's
    finally:
        lock.release()


def test_another_store_of_this_process_open_on_the_file_stops_a_restore(backed_up, tmp_path):
    db_path, backup = backed_up
    link = tmp_path / "lối tắt.sqlite3"
    os.symlink(db_path, link)
    other = Store(link)  # another window of this process, opened by another name of the file
    try:
        assert open_here(db_path)
        with pytest.raises(BackupError, match=IN_USE):
            restore_backup(db_path, backup, safety_folder=tmp_path / "an toàn")
    finally:
        other.close()
    assert not open_here(db_path)
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng thêm sau"]


def test_the_header_is_read_once_while_a_store_has_the_file_open(backed_up, monkeypatch):
    db_path, _backup = backed_up
    opened: list[str] = []
    real_open = open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == db_path:
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    first = Store(db_path)
    try:
        second = Store(db_path)
        second.close()
        assert header_problem(db_path) == ""
    finally:
        first.close()
    assert len(opened) == 1  # before the first connection only: a second handle closed would drop SQLite's lock
    header_problem(db_path)
    assert len(opened) == 2  # no store open: read again


def test_a_window_opened_through_a_link_to_the_file_takes_the_same_lock(backed_up, tmp_path):
    db_path, _backup = backed_up
    folder = tmp_path / "thư mục khác"
    folder.mkdir()
    link = folder / db_path.name
    os.symlink(db_path, link)
    assert instance_lock.lock_path_for(link) == instance_lock.lock_path_for(db_path)
    first = instance_lock.try_lock(db_path)
    assert first is not None
    try:
        assert instance_lock.try_lock(link) is None  # the second window is read-only, not a second writer
    finally:
        first.release()
    assert not (folder / f"{db_path.name}.lock").exists()
