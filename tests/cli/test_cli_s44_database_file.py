"""What `tdkt` does with a --db that is not a usable database of the program (reviewer's p4_zero_byte_db.sh and
p9_init_refused_leaves_db.sh): a 0-byte file (a copy stopped half-way, a USB stick pulled), another program's
SQLite file or an empty SQLite file is refused, named, and left exactly as it was — never migrated into an empty
database that `check` calls sound; a refused `init` or `demo` leaves no new file behind, and never removes a file
that was there before; a file of an older version is brought up to date and the command says so."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

from desktop.cli import main
from desktop.store.schema_version import LATEST_VERSION
from tests.demo_date import DEMO_TODAY_TEXT

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def tdkt(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


# commands that open the database without creating it, as the reviewer ran them
READERS = (["check"], ["check", "--json"], ["decision", "list"], ["staff", "list"], ["backup", "create"])


def test_a_zero_byte_file_is_refused_and_left_empty_until_init_fills_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TDKT_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "tệp hỏng.sqlite3"
    db.write_bytes(b"")
    for command in READERS:
        code, out, err = tdkt(capsys, db, *command)
        assert code == 1 and out == "", command
        assert err.count("\n") == 1
        assert str(db) in err and "rỗng (0 byte)" in err and "bản sao lưu" in err
        assert db.stat().st_size == 0
        assert _beside(db) == [db.name]  # no -wal, -shm, backups folder: nothing written beside it
    code, _out, err = tdkt(capsys, db, "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715")
    assert code == 0, err
    code, out, err = tdkt(capsys, db, "check", "--json")
    assert code == 0 and json.loads(out)["ok"] is True, err


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE so_cai(id INTEGER PRIMARY KEY, so_tien INTEGER)")
    conn.execute("INSERT INTO so_cai(so_tien) VALUES (1000)")
    conn.commit()
    conn.close()
    return path


def test_a_file_not_of_the_program_is_refused_in_one_line_and_left_as_it_was(capsys, tmp_path):
    """Another program's SQLite file used to be filled with the program's tables (check: ok); a file that is not
    SQLite at all (random bytes, a few bytes, a damaged header) was and stays one Vietnamese line."""
    foreign = _foreign(tmp_path / "ke-toan.sqlite3")
    others = {
        "ngẫu nhiên.sqlite3": b"\x8f\x00garbage" * 400,
        "ngắn.sqlite3": b"abc",
        "đầu hỏng.sqlite3": b"SQLite format 3\x00" + b"\xff" * 84,
    }
    for name, content in others.items():
        (tmp_path / name).write_bytes(content)
    files = [foreign, *(tmp_path / name for name in others)]
    before = {path: _digest(path) for path in files}
    for path in files:
        for command in (
            ["check", "--json"],
            ["staff", "list"],
            ["init", "--unit-name", "X", "--commune-code", "00715"],
        ):
            code, out, err = tdkt(capsys, path, *command)
            assert code == 1 and out == "", (path, command)
            assert err.count("\n") == 1 and err.startswith("Lỗi: ") and str(path) in err
            assert "Traceback" not in err and "file is not a database" not in err
    code, _out, err = tdkt(capsys, foreign, "check")
    assert "chương trình khác" in err and "Tệp không bị thay đổi" in err
    assert {path: _digest(path) for path in files} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files)
    conn = sqlite3.connect(foreign)
    assert [row[0] for row in conn.execute("SELECT name FROM sqlite_master")] == ["so_cai"]
    conn.close()


def test_an_empty_sqlite_file_is_refused_but_init_may_fill_it(capsys, tmp_path):
    db = tmp_path / "trống.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")  # 4,096 bytes, no table: what an init stopped at its start leaves
    conn.close()
    before = _digest(db)
    code, out, err = tdkt(capsys, db, "check", "--json")
    assert code == 1 and out == ""
    assert str(db) in err and "không chứa dữ liệu nào" in err
    assert _digest(db) == before
    code, _out, err = tdkt(capsys, db, "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715")
    assert code == 0, err


def test_a_refused_init_leaves_no_file(capsys, tmp_path):
    """p9: the wrong commune code used to be found only after the file was created and migrated; every command then
    said "chưa có thông tin đơn vị" instead of "no such file", and check said ok."""
    db = tmp_path / "p9 mới.sqlite3"
    code, _out, err = tdkt(capsys, db, "init", "--unit-name", "UBND xã Lũng Cú", "--commune-code", "99999")
    assert code == 1 and "99999" in err
    code, _out, err = tdkt(capsys, db, "init", "--unit-name", "  ", "--commune-code", "00715")
    assert code == 1 and "Chưa nhập tên đơn vị" in err
    code, _out, err = tdkt(capsys, db, "init", "--unit-name", "UBND\x1b xã", "--commune-code", "00715")
    assert code == 1
    assert list(tmp_path.iterdir()) == []
    code, _out, err = tdkt(capsys, db, "staff", "list")
    assert code == 1 and "Không có tệp cơ sở dữ liệu" in err
    code, _out, err = tdkt(capsys, db, "check")
    assert code == 1 and "Không có tệp cơ sở dữ liệu" in err


def test_a_demo_that_fails_after_making_the_file_removes_it_and_its_folders_only(capsys, tmp_path):
    db = tmp_path / "mới" / "thư mục" / "tdkt.sqlite3"
    code, _out, err = tdkt(capsys, db, "demo", "--today", "2100-12-31")  # the demo's terms start too far ahead
    assert code == 1 and err.startswith("Lỗi: ")
    assert list(tmp_path.iterdir()) == []
    code, _out, err = tdkt(capsys, db, "staff", "list")
    assert code == 1 and "Không có tệp cơ sở dữ liệu" in err

    # a file that was there before is never removed, whatever fails
    empty = tmp_path / "rỗng.sqlite3"
    empty.write_bytes(b"")
    code, _out, _err = tdkt(capsys, empty, "init", "--unit-name", "X", "--commune-code", "99999")
    assert code == 1 and empty.exists() and empty.stat().st_size == 0
    code, _out, _err = tdkt(capsys, empty, "demo", "--today", "2100-12-31")
    assert code == 1 and empty.exists()
    db = tmp_path / "tdkt.sqlite3"
    assert tdkt(capsys, db, "demo", "--today", DEMO_TODAY_TEXT)[0] == 0
    code, _out, err = tdkt(capsys, db, "demo", "--today", DEMO_TODAY_TEXT)
    assert code == 1 and "đã có cán bộ" in err
    code, _out, err = tdkt(capsys, db, "init", "--unit-name", "X", "--commune-code", "99999")
    assert code == 1
    code, out, _err = tdkt(capsys, db, "staff", "list", "--all", "--json")
    assert code == 0 and json.loads(out)["count"] == 40


def test_an_older_file_is_brought_up_to_date_and_the_command_says_so(capsys, tmp_path):
    older = LATEST_VERSION - 1
    db = tmp_path / "cũ.sqlite3"
    shutil.copyfile(FIXTURES / f"schema_v{older}.sqlite3", db)
    code, out, err = tdkt(capsys, db, "check", "--json")
    assert json.loads(out)["schema_version"] == LATEST_VERSION
    assert f"từ số {older} lên số {LATEST_VERSION}" in err and str(db) in err
    assert code in (0, 1)  # the fixture's own data decides ok; the line about the upgrade is what is tested
    code, out, err = tdkt(capsys, db, "check", "--json")
    assert "nâng cấp" not in err  # said once, when it happened
