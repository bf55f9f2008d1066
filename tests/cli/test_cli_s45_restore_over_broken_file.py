"""``tdkt backup restore`` onto a file that is 0 bytes or holds no data: exactly when a clerk needs the backup.

The restore opens the current file only to show what it replaces; a file the other commands refuse (a copy that
stopped half-way) must not stop the restore at that question."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from desktop.cli import main


class _Keyboard(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _departments(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM departments").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("broken", ["zero_bytes", "no_tables"])
def test_restore_asks_and_restores_over_a_file_other_commands_refuse(capsys, db_path, tmp_path, monkeypatch, broken):
    assert _run(capsys, "--db", str(db_path), "demo", "--today", "2025-12-04")[0] == 0
    code, out, _err = _run(
        capsys, "--db", str(db_path), "backup", "create", "--folder", str(tmp_path / "usb"), "--json"
    )
    made = json.loads(out)
    assert code == 0 and _departments(db_path) == 5

    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    if broken == "zero_bytes":
        db_path.write_bytes(b"")  # a copy that stopped half-way
    else:
        db_path.unlink()
        conn = sqlite3.connect(db_path)  # a SQLite file with its header and no table
        conn.execute("CREATE TABLE t (a)")
        conn.execute("DROP TABLE t")
        conn.commit()
        conn.close()
        assert db_path.stat().st_size > 0

    code, _out, err = _run(capsys, "--db", str(db_path), "check")
    assert code == 1 and "backup restore" in err  # the other commands refuse it and point here

    monkeypatch.setattr("sys.stdin", _Keyboard("CO\n"))
    code, out, err = _run(capsys, "--db", str(db_path), "backup", "restore", made["path"])
    assert code == 0, err
    assert "Sẽ thay toàn bộ dữ liệu" in out and "Đã khôi phục" in out
    assert "không so sánh được" in out  # said why no table of counts is shown
    assert "Traceback" not in err
    assert _departments(db_path) == 5
