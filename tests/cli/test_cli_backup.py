"""``tdkt backup create|list|restore`` and the orphan check of ``tdkt check``."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from desktop.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class _Keyboard(io.StringIO):
    def isatty(self) -> bool:
        return True


def _setup(capsys, db_path):
    code, _out, _err = run(
        capsys, "--db", str(db_path), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715"
    )
    assert code == 0


def _departments(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM departments").fetchone()[0]
    finally:
        conn.close()


def test_create_list_restore(capsys, db_path, tmp_path, monkeypatch):
    _setup(capsys, db_path)
    folder = tmp_path / "usb"
    code, out, _ = run(capsys, "--db", str(db_path), "backup", "create", "--folder", str(folder), "--json")
    assert code == 0
    made = json.loads(out)
    assert made["verified"] is True and made["reason"] == "manual" and made["counts"]["departments"] == 0
    code, out, err = run(capsys, "--db", str(db_path), "backup", "list", "--folder", str(folder), "--json")
    assert code == 0 and [b["file"] for b in json.loads(out)["backups"]] == [made["file"]]
    code, out, err = run(capsys, "--db", str(db_path), "backup", "list", "--folder", str(folder))
    assert "Sao lưu thủ công" in out and "1 bản sao lưu" in err

    run(capsys, "--db", str(db_path), "demo", "--today", "2025-12-04")
    assert _departments(db_path) == 5

    # no keyboard and no --yes: refused, nothing replaced
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", made["path"])
    assert code == 1 and "--yes" in err
    assert "Sẽ thay toàn bộ dữ liệu" in out and "departments\t0\t5" in out
    assert _departments(db_path) == 5

    # a clerk at the keyboard who does not type CO
    monkeypatch.setattr("sys.stdin", _Keyboard("không\n"))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", made["path"])
    assert code == 1 and "Đã hủy" in err and _departments(db_path) == 5

    monkeypatch.setattr("sys.stdin", _Keyboard("CO\n"))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", made["path"])
    assert code == 0, err
    assert "Đã khôi phục" in out and "truoc-khoi-phuc" in out
    assert _departments(db_path) == 0

    # --yes needs no keyboard; the safety copy of the demo data is listed in the default folder
    code, out, err = run(capsys, "--db", str(db_path), "backup", "list", "--json")
    safety = [b for b in json.loads(out)["backups"] if b["reason"] == "before_restore"]
    assert len(safety) == 1 and safety[0]["counts"]["departments"] == 5
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", safety[0]["path"], "--yes")
    assert code == 0 and _departments(db_path) == 5


def test_a_damaged_backup_is_refused(capsys, db_path, tmp_path):
    _setup(capsys, db_path)
    code, out, _ = run(capsys, "--db", str(db_path), "backup", "create", "--folder", str(tmp_path / "b"), "--json")
    path = json.loads(out)["path"]
    data = bytearray(Path(path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    Path(path).write_bytes(bytes(data))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", path, "--yes")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Tệp sao lưu" in err


def test_check_reports_orphan_awards(capsys, db_path):
    _setup(capsys, db_path)
    from desktop.store import open_store

    store = open_store(db_path)
    store.execute("PRAGMA foreign_keys = OFF")
    with store.transaction("test.orphan"):
        store.execute(
            "INSERT INTO awards (uuid, target_kind, department_id, year, code, category, created_at, updated_at) "
            "VALUES ('x', 'collective', 77, 2024, 'TTLDTT', 'title', 't', 't')"
        )
    store.close()
    code, out, _ = run(capsys, "--db", str(db_path), "check", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert report["orphans"] == [{"table": "awards", "ids": [1], "what": report["orphans"][0]["what"]}]
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert "khen thưởng của tập thể" in out and "sao lưu" in out
