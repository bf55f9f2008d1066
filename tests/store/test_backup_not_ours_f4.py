"""A restore takes only this program's files, migrates the backup beside the database (never the live file), leaves
no safety copy behind when it changes nothing, and puts the safety copy back when the restored file fails."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.ops.setup import init_unit
from desktop.store import backup as core
from desktop.store import open_store
from desktop.store import restore as restoring
from desktop.store.migrations import LATEST_VERSION

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _sha256_beside(path: Path) -> None:
    """The checksum written as ``sha256sum`` does: what a clerk told "copy the .sha256 too" might make."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="ascii")


def _foreign(path: Path, version: int) -> Path:
    """Another program's SQLite file that happens to have a table called schema_version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version(version INTEGER, description TEXT, applied_at TEXT, app_version TEXT)")
    conn.execute("INSERT INTO schema_version VALUES (?, 'x', '2025-01-01', '1')", (version,))
    conn.execute("CREATE TABLE ke_toan(id INTEGER PRIMARY KEY, so_tien INTEGER)")
    conn.commit()
    conn.close()
    _sha256_beside(path)
    return path


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A set-up database file, closed."""
    path = tmp_path / "db" / "tdkt.sqlite3"
    store = open_store(path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    store.close()
    return path


def _content(path: Path) -> list[str]:
    """Every schema statement and row of the file (its header counters change when it is merely opened)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("version", [1, 3, 9])
def test_a_foreign_sqlite_file_is_refused_before_anything_is_touched(live: Path, tmp_path: Path, version: int):
    foreign = _foreign(tmp_path / "usb" / "tdkt-20251201-090000-thu-cong.sqlite3", version)
    before = live.read_bytes()
    with pytest.raises(core.BackupError) as excinfo:
        core.describe_backup(foreign)
    assert "không phải bản sao lưu của chương trình này" in str(excinfo.value)
    assert str(foreign) in str(excinfo.value)
    with pytest.raises(core.BackupError, match="không phải bản sao lưu"):
        restoring.restore_backup(live, foreign, safety_folder=tmp_path / "safety", allow_unverified=True)
    assert live.read_bytes() == before
    assert _files(tmp_path / "safety") == []
    assert [p.name for p in live.parent.iterdir() if p.name.startswith(".")] == []
    with open_store(live) as store:
        assert store.scalar("SELECT name FROM unit") == "Ủy ban nhân dân xã Lũng Cú"


def test_a_file_missing_tables_of_its_version_names_them(tmp_path: Path):
    path = tmp_path / "v3.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v3.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE decisions")
    conn.commit()
    conn.close()
    with pytest.raises(core.BackupError) as excinfo:
        core.describe_backup(path, allow_unverified=True)
    assert "decisions" in str(excinfo.value)
    assert "cấu trúc số 3" in str(excinfo.value)


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1))
def test_every_version_the_program_made_is_its_own(version: int):
    info = core.describe_backup(FIXTURES / f"schema_v{version}.sqlite3", allow_unverified=True)
    assert info.schema_version == version


def test_an_older_backup_is_migrated_beside_the_file_and_recorded(live: Path, tmp_path: Path):
    old = tmp_path / "usb" / "tdkt-20240101-090000-thu-cong.sqlite3"
    old.parent.mkdir()
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", old)
    _sha256_beside(old)
    old_bytes = old.read_bytes()
    seen: list[int] = []

    def prepare(restored, safety):
        seen.append(int(restored.scalar("SELECT max(version) FROM schema_version")))
        assert restored.path != live and safety is not None and safety.exists()

    safety = restoring.restore_backup(live, old, safety_folder=tmp_path / "safety", prepare=prepare)
    assert seen == [LATEST_VERSION]  # migrated before the swap
    assert old.read_bytes() == old_bytes  # the backup itself is never changed
    assert safety is not None and safety.exists()
    with open_store(live, migrate=False) as store:
        assert store.scalar("SELECT max(version) FROM schema_version") == LATEST_VERSION
    assert [p.name for p in live.parent.iterdir() if p.name.startswith(".")] == []


def _unmigratable(tmp_path: Path) -> Path:
    """A genuine version-9 file the version-10 step cannot take (the column it adds is there already)."""
    path = tmp_path / "usb" / "tdkt-20250101-090000-thu-cong.sqlite3"
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / "schema_v9.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE decision_awardees ADD COLUMN snapshot_ethnic_code TEXT")
    conn.commit()
    conn.close()
    _sha256_beside(path)
    return path


def test_a_backup_the_migrations_cannot_take_never_becomes_the_live_file(live: Path, tmp_path: Path, monkeypatch):
    bad = _unmigratable(tmp_path)
    before = _content(live)
    with pytest.raises(core.BackupError, match="decision_awardees"):  # its altered table is seen before restoring
        core.describe_backup(bad)
    # Past that check (a migration that fails for a reason not in the schema), the failure stays in the copy.
    monkeypatch.setattr(core, "_schema_problem", lambda conn, version: "")
    with pytest.raises(core.BackupError) as excinfo:
        restoring.restore_backup(live, bad, safety_folder=tmp_path / "safety")
    message = str(excinfo.value)
    assert "Không nâng cấp được" in message and str(bad) in message and "chưa thay đổi" in message
    assert _content(live) == before
    assert _files(tmp_path / "safety") in ([], ["backups.json"])  # the safety copy made for it is gone
    assert [p.name for p in live.parent.iterdir() if p.name.startswith(".")] == []


def test_a_failure_after_the_swap_puts_the_safety_copy_back(live: Path, tmp_path: Path, monkeypatch):
    with open_store(live) as store:
        info = core.create_backup(store, tmp_path / "bk", reason="manual")
        store.execute("UPDATE unit SET name = 'Ủy ban nhân dân xã Đổi Tên'")
    before_name = "Ủy ban nhân dân xã Đổi Tên"
    monkeypatch.setattr(restoring, "_swapped_problem", lambda path: "tệp vừa khôi phục không mở được")
    with pytest.raises(core.BackupError) as excinfo:
        restoring.restore_backup(live, info.path, safety_folder=tmp_path / "safety")
    message = str(excinfo.value)
    safety = [p for p in (tmp_path / "safety").glob("tdkt-*-truoc-khoi-phuc.sqlite3")]
    assert len(safety) == 1 and str(safety[0]) in message and "đã được đặt lại" in message
    with open_store(live) as store:
        assert store.scalar("SELECT name FROM unit") == before_name


def test_a_restore_refused_because_the_file_is_open_leaves_no_safety_copy(live: Path, tmp_path: Path):
    with open_store(live) as store:
        info = core.create_backup(store, tmp_path / "bk", reason="manual")
    ready = tmp_path / "ready"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pathlib\n"
            "from desktop.store.db import Store\n"
            "s = Store(sys.argv[1])\n"
            "s.scalar('SELECT count(*) FROM staff')\n"
            "pathlib.Path(sys.argv[2]).write_text('1')\n"
            "time.sleep(30)\n",
            str(live),
            str(ready),
        ],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 20
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists()
        with pytest.raises(core.BackupError, match="đang được một cửa sổ hoặc chương trình khác mở"):
            restoring.restore_backup(live, info.path, safety_folder=tmp_path / "safety")
    finally:
        holder.kill()
        holder.wait()
    assert list((tmp_path / "safety").glob("tdkt-*")) == []
