"""Two windows, or a window and the command line, on the same database file.

The first window holds ``<db>.lock`` (desktop.store.instance_lock); a second window opens the file read-only,
says so in the status bar and in a message, and every write it tries is refused with that notice. A lock left
by a killed window dies with it. Command-line writers do not take the lock: SQLite (WAL, BEGIN IMMEDIATE, the
busy timeout) puts them one after the other, and both complete.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.store import instance_lock, open_store
from tests.faults import ROOT, counts, desktop_cmd, env, health, staff_xlsx

NOTICE = "Cơ sở dữ liệu đang được mở ở một cửa sổ khác; cửa sổ này chỉ xem, không sửa được."

# The first "window": takes the lock as the window does, then waits to be released (or killed).
HOLDER = """
import sys, time
from pathlib import Path
from desktop.store import instance_lock

db, ready, release = sys.argv[1:]
lock = instance_lock.try_lock(db)
assert lock is not None, "the lock was already taken"
Path(ready).write_text("ready")
while not Path(release).exists():
    time.sleep(0.02)
lock.release()
"""

# A second window, opened the way ``python -m desktop --db`` opens it, offscreen; reports what it saw as JSON.
SECOND_WINDOW = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QLabel, QMessageBox
from desktop.i18n import set_language
from desktop.ui import app as gui

db, source = sys.argv[1:]
qapp = gui._application(set_language("vi"))
store = gui.open_database(Path(db))
window = gui.open_main_window(store)
qapp.processEvents()
label = window.statusBar().findChild(QLabel, "readonly_notice")
box = window.findChild(QMessageBox, "readonly_message")
report = {
    "readonly": store.readonly,
    "status": label.text() if label else None,
    "message": box.text() if box else None,
}
from desktop.ops import staff_import
from desktop.store import StoreError, open_store
worker_store = open_store(db)  # as a worker thread of the window opens its own connection
report["worker_readonly"] = worker_store.readonly
try:
    staff_import.import_staff_file(worker_store, Path(source))
    report["write"] = "written"
except StoreError as exc:
    report["write"] = str(exc)
worker_store.close()
window.close()
gui._close_window_store(window)
print(json.dumps(report, ensure_ascii=False))
"""


def _wait_for(path: Path, child: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.01)


def _second_window(db: Path, source: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SECOND_WINDOW, str(db), str(source)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def unit_db(db_path: Path) -> Path:
    from desktop.ops.setup import init_unit

    store = open_store(db_path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    store.close()
    return db_path


def test_second_window_opens_read_only_while_the_first_is_open(unit_db, tmp_path):
    source = staff_xlsx(tmp_path / "can-bo.xlsx", 20)
    ready, release = tmp_path / "ready", tmp_path / "release"
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(unit_db), str(ready), str(release)],
        env=env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(ready, first)
        before = counts(unit_db)
        seen = _second_window(unit_db, source)
        assert seen["readonly"] is True
        assert seen["status"] == NOTICE
        assert seen["message"] == NOTICE
        assert seen["worker_readonly"] is True  # no connection of that window can write
        assert seen["write"] == NOTICE
        assert counts(unit_db) == before
    finally:
        release.write_text("go")
        first.communicate(timeout=30)
    assert first.returncode == 0

    after = _second_window(unit_db, source)  # the first window closed: a new one writes normally
    assert after["readonly"] is False and after["status"] is None and after["message"] is None
    assert after["write"] == "written"
    health(unit_db)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_window_leaves_no_stale_lock(unit_db, tmp_path):
    ready, release = tmp_path / "ready", tmp_path / "release"
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(unit_db), str(ready), str(release)],
        env=env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(ready, first)
    assert instance_lock.try_lock(unit_db) is None
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    if first.stderr:
        first.stderr.close()
    assert instance_lock.lock_path_for(unit_db).exists()  # the file stays; the lock on it died with the process
    lock = instance_lock.try_lock(unit_db)
    assert lock is not None
    lock.release()


def test_read_only_window_refuses_writes_with_the_notice(unit_db, qapp, qtbot, monkeypatch):
    """In one process too: the window's own write actions show the notice instead of writing."""
    from desktop.ui import app as gui

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    with instance_lock.InstanceLock(unit_db) as first:
        assert first.acquire()
        store = gui.open_database(unit_db)
        assert store is not None and store.readonly
        window = gui.open_main_window(store)
        qtbot.addWidget(window)
        try:
            assert window.statusBar().findChild(QLabel, "readonly_notice").text() == NOTICE
            assert window.findChild(QMessageBox, "readonly_message").text() == NOTICE
            assert window.make_demo_data() is None
            assert shown and NOTICE in shown[0]
            assert store.scalar("SELECT count(*) FROM staff") == 0
        finally:
            window.close()
            gui._close_window_store(window)
    assert not instance_lock.is_marked_readonly(unit_db)
    # Now free: a window opened on the file writes, and holds the lock while it is open.
    store = gui.open_database(unit_db)
    assert store is not None and not store.readonly
    assert instance_lock.try_lock(unit_db) is None
    store.close()
    gui._release_instance_lock(store)
    lock = instance_lock.try_lock(unit_db)
    assert lock is not None
    lock.release()


def test_two_command_line_writers_at_once_both_succeed(unit_db, tmp_path):
    first_file = staff_xlsx(tmp_path / "dot-1.xlsx", 1500)
    second_file = staff_xlsx(tmp_path / "dot-2.xlsx", 1500, start=1500)
    children = [
        subprocess.Popen(
            desktop_cmd(unit_db, "staff", "import", str(source)),
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for source in (first_file, second_file)
    ]
    for child in children:
        _out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    health(unit_db)
    with open_store(unit_db, readonly=True) as store:
        assert store.scalar("SELECT count(*) FROM staff") == 3000
        assert store.scalar("SELECT count(DISTINCT staff_code) FROM staff") == 3000
        assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'staff' AND action = 'insert'") == 3000


def test_reopening_our_own_window_on_the_same_file_keeps_writing(unit_db, qapp):
    """After a restore the window is rebuilt on the same file: it must not lock itself out into read-only."""
    from desktop.ui import app as gui

    first = gui.open_database(unit_db)
    assert first is not None and not first.readonly
    first.close()  # as the restore does before replacing the file
    second = gui.open_database(unit_db)
    try:
        assert second is not None and not second.readonly
        assert instance_lock.try_lock(unit_db) is None  # still held for this process's window
    finally:
        second.close()
        gui._release_instance_lock(second)
    lock = instance_lock.try_lock(unit_db)
    assert lock is not None
    lock.release()
