"""`tdkt backup restore` of another program's SQLite file (with a .sha256 made by sha256sum) is refused with exit 1
and a Vietnamese reason, and the data file still works; a restore that succeeds prints its safety copy and records
the restore in the restored file (reviewer's t4_foreign.sh, in real processes)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def tdkt(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TDKT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(tmp_path / "db.sqlite3"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_foreign_file_with_a_checksum_is_refused_and_the_data_still_works(tmp_path: Path):
    assert tdkt(tmp_path, "demo").returncode == 0
    staff_before = tdkt(tmp_path, "staff", "list").stdout
    usb = tmp_path / "usb"
    usb.mkdir()
    foreign = usb / "tdkt-20251201-090000-thu-cong.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE schema_version(version INTEGER, description TEXT, applied_at TEXT, app_version TEXT)")
    conn.execute("INSERT INTO schema_version VALUES (9, 'x', '2025-01-01', '1')")
    conn.execute("CREATE TABLE ke_toan(id INTEGER PRIMARY KEY, so_tien INTEGER)")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(foreign.read_bytes()).hexdigest()
    (usb / (foreign.name + ".sha256")).write_text(f"{digest}  {foreign.name}\n", encoding="ascii")

    result = tdkt(tmp_path, "backup", "restore", str(foreign), "--yes")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "không phải bản sao lưu của chương trình này" in result.stderr
    assert foreign.name in result.stderr
    after = tdkt(tmp_path, "staff", "list")
    assert after.returncode == 0, after.stderr
    assert after.stdout == staff_before
    assert list((tmp_path / "data").rglob("*truoc-khoi-phuc*")) == []


def test_a_restore_prints_its_safety_copy_and_records_itself_in_the_restored_file(tmp_path: Path):
    assert tdkt(tmp_path, "demo").returncode == 0
    made = tdkt(tmp_path, "backup", "create", "--folder", str(tmp_path / "bk"), "--json")
    backup = json.loads(made.stdout)["path"]
    result = tdkt(tmp_path, "backup", "restore", backup, "--yes", "--json")
    assert result.returncode == 0, result.stderr
    safety = json.loads(result.stdout)["safety"]
    assert safety and Path(safety).exists()
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    event = conn.execute(
        "SELECT after FROM audit_log WHERE operation = 'backup.restore' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    assert event is not None and json.loads(event[0])["safety_copy"] == safety
    text = tdkt(tmp_path, "backup", "restore", backup, "--yes")
    assert text.returncode == 0 and "Dữ liệu trước khi khôi phục được giữ ở:" in text.stdout
