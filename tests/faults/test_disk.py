"""A full disk, a read-only file, a file another program holds: one clear Vietnamese message, nothing half-written,
the file still opens, and the same input goes in whole once the problem is gone (nothing the clerk typed is lost).

The messages come from one place, ``desktop.store.db.describe_sqlite_error``, through ``Store.transaction`` which
turns the SQLite error into a ``DatabaseUnavailableError`` (shown by the CLI as ``Lỗi: …`` with exit code 1, and by the
window's dialogs, which catch ``StoreError``).
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.ops.staff_import import import_staff_file
from desktop.store import DatabaseUnavailableError, open_store
from tests.faults import ROOT, cli, counts, env, health, make_read_only, staff_xlsx


@pytest.fixture
def unit_db(db_path: Path) -> Path:
    from desktop.ops.setup import init_unit

    store = open_store(db_path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715", head_name="Nguyễn Văn Hùng")
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return db_path


def _staff(db: Path) -> int:
    with open_store(db, readonly=True) as store:
        return int(store.scalar("SELECT count(*) FROM staff"))


# -- disk full ----------------------------------------------------------------------------------------------


def test_full_disk_during_a_big_import_writes_nothing_and_says_so(unit_db, tmp_path):
    """``PRAGMA max_page_count`` makes the file unable to grow, exactly as a full disk does (SQLITE_FULL)."""
    source = staff_xlsx(tmp_path / "can-bo.xlsx", 3000)
    before = counts(unit_db)
    store = open_store(unit_db)
    try:
        store.execute(f"PRAGMA max_page_count = {store.scalar('PRAGMA page_count') + 20}")
        with pytest.raises(DatabaseUnavailableError) as raised:
            import_staff_file(store, source)
        message = str(raised.value)
        assert "ổ đĩa đầy" in message and "không đủ chỗ" in message
        assert str(unit_db) in message
        assert not store.conn.in_transaction and not store.in_transaction
        assert store.scalar("SELECT count(*) FROM staff") == 0
    finally:
        store.close()
    health(unit_db)
    assert counts(unit_db) == before
    with open_store(unit_db) as again:  # room again: the same file goes in whole
        assert import_staff_file(again, source).inserted == 3000
    health(unit_db)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_full_disk_in_a_real_process_exits_1_with_a_clear_message(unit_db, tmp_path):
    """A real child process whose files may not grow (RLIMIT_FSIZE, as a full disk or a FAT32 stick's limit)."""
    source = staff_xlsx(tmp_path / "can-bo.xlsx", 2000)
    before = counts(unit_db)
    limit = unit_db.stat().st_size + 100_000

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(unit_db), "staff", "import", str(source)],
        env=env(PYTHONDONTWRITEBYTECODE="1"),
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Lỗi: Không ghi được vào cơ sở dữ liệu")
    assert "không đủ chỗ" in done.stderr and "chưa có gì được ghi" in done.stderr
    assert "Traceback" not in done.stderr
    health(unit_db)
    assert counts(unit_db) == before
    assert cli(unit_db, "staff", "import", str(source)).returncode == 0
    assert _staff(unit_db) == 2000


# -- read-only ----------------------------------------------------------------------------------------------


def _make_read_only(db: Path) -> Callable[[], None] | None:
    """Make the database file, its side files and its folder read-only; the undo, or None if this system cannot."""
    return make_read_only(db.parent, [db, *db.parent.glob(db.name + "-*")])


def test_read_only_file_and_folder(unit_db, tmp_path):
    """The file and its folder made read-only (a CD copy, a write-protected stick, a shared folder)."""
    source = staff_xlsx(tmp_path.parent / f"{tmp_path.name}-can-bo.xlsx", 50)
    before = counts(unit_db)
    undo = _make_read_only(unit_db)
    if undo is None:
        pytest.skip("neither chmod nor chattr can make a file read-only on this system")
    try:
        done = cli(unit_db, "staff", "import", str(source))
    finally:
        undo()
    assert done.returncode == 1
    assert done.stderr.startswith("Lỗi: ") and "Traceback" not in done.stderr
    assert "quyền" in done.stderr or "chỉ cho đọc" in done.stderr
    health(unit_db)
    assert counts(unit_db) == before


def test_read_only_connection_refuses_cleanly(unit_db, tmp_path):
    """Read-only by SQLite itself, which root cannot override (chmod does not bind root, so the test above skips
    there): a file opened ``mode=ro`` (how a second window opens it) and a connection with ``PRAGMA query_only``
    (SQLite answers SQLITE_READONLY, the same error a read-only file gives)."""
    source = staff_xlsx(tmp_path / "can-bo.xlsx", 200)
    before = counts(unit_db)

    with open_store(unit_db, readonly=True) as viewer:
        with pytest.raises(DatabaseUnavailableError, match="chỉ để xem; không ghi được"):
            import_staff_file(viewer, source)
        assert viewer.scalar("SELECT count(*) FROM unit") == 1  # reading still works

    store = open_store(unit_db)
    try:
        store.execute("PRAGMA query_only = ON")
        with pytest.raises(DatabaseUnavailableError) as raised:
            import_staff_file(store, source)
        assert "chỉ cho đọc" in str(raised.value) and "chưa có gì được ghi" in str(raised.value)
        assert not store.conn.in_transaction
        store.execute("PRAGMA query_only = OFF")
        assert import_staff_file(store, source).inserted == 200  # the input was not lost
    finally:
        store.close()
    health(unit_db)
    assert counts(unit_db)["staff"] == before["staff"] + 200


# -- locked by another program ------------------------------------------------------------------------------

HOLDER = """
import sqlite3, sys, time
from pathlib import Path

db, ready, release = sys.argv[1:]
conn = sqlite3.connect(db, isolation_level=None)
for name, value in (("tdkt_actor", "holder"), ("tdkt_operation", "test.hold"), ("tdkt_now", "2025-01-01T00:00:00")):
    conn.create_function(name, 0, lambda value=value: value)
conn.create_function("tdkt_uuid", 0, lambda: "holder-audit-" + str(time.monotonic_ns()))
conn.execute("BEGIN EXCLUSIVE")
conn.execute(
    "INSERT INTO departments (uuid, name, created_at, updated_at) "
    "VALUES ('holder-dept', 'Ban giữ khóa', '2025-01-01', '2025-01-01')"
)
Path(ready).write_text("ready")
while not Path(release).exists():
    time.sleep(0.02)
conn.execute("COMMIT")
conn.close()
"""


def test_a_file_locked_by_another_program(unit_db, tmp_path):
    """Another program holds a write transaction (BEGIN EXCLUSIVE): after the busy timeout the CLI exits 1 with a
    clear message; the other program's change and the clerk's file are both intact afterwards."""
    source = staff_xlsx(tmp_path / "can-bo.xlsx", 100)
    ready, release = tmp_path / "ready", tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(unit_db), str(ready), str(release)],
        env=env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert holder.poll() is None, holder.stderr.read() if holder.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.01)
        started = time.monotonic()
        done = cli(unit_db, "staff", "import", str(source))
        waited = time.monotonic() - started
    finally:
        release.write_text("go")
        _out, err = holder.communicate(timeout=30)
    assert holder.returncode == 0, err
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert "đang bị một chương trình khác" in done.stderr and "chưa có gì được ghi" in done.stderr
    assert waited >= 4  # it waited for the busy timeout rather than failing at once
    health(unit_db)
    with open_store(unit_db, readonly=True) as store:
        assert store.scalar("SELECT count(*) FROM departments WHERE uuid = 'holder-dept'") == 1
        assert store.scalar("SELECT count(*) FROM staff") == 0
    assert cli(unit_db, "staff", "import", str(source)).returncode == 0  # once free, the same file goes in
    assert _staff(unit_db) == 100
