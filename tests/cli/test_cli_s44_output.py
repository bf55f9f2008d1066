"""What `tdkt` writes: UTF-8 whatever the console's code page (a pip-installed `tdkt … > out.json` on Windows writes
in cp1252, which has no "ư"), and a file the system refuses named in Vietnamese, by the path the clerk typed, never
Python's "[Errno 21] Is a directory" or a temporary ".tmp-1a2b3c4d.tmp" the clerk never saw (reviewer's fuzz.sh)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from tests.demo_date import DEMO_TODAY_TEXT

ROOT = Path(__file__).resolve().parents[2]


def _tdkt(tmp_path: Path, *args: str, encoding: str = "cp1252") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, TDKT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT), PYTHONIOENCODING=encoding)
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(tmp_path / "tdkt.sqlite3"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_answers_are_utf8_when_the_console_is_cp1252(tmp_path):
    made = _tdkt(tmp_path, "demo", "--today", DEMO_TODAY_TEXT, "--json")
    assert made.returncode == 0, made.stderr.decode("utf-8", "replace")
    listed = _tdkt(tmp_path, "staff", "list", "--json")
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    names = [person["full_name"] for person in json.loads(listed.stdout.decode("utf-8"))["staff"]]
    assert "Đỗ Thị Hồng Ánh" in names  # "Đ", "ồ" are not in cp1252: written as they are, never as "?"
    text = _tdkt(tmp_path, "staff", "list")
    assert text.returncode == 0 and "Đỗ Thị Hồng Ánh" in text.stdout.decode("utf-8")
    assert text.stderr.decode("utf-8").strip() == "Tổng: 39 người"
    refused = _tdkt(tmp_path, "decision", "show", "99/QĐ-UBND")
    assert refused.returncode == 1
    assert refused.stderr.decode("utf-8").strip() == "Lỗi: Không có quyết định số 99/QĐ-UBND."


def test_a_refusal_is_utf8_on_a_cp1252_console_before_any_database(tmp_path):
    missing = _tdkt(tmp_path, "check")
    assert missing.returncode == 1
    assert "Không có tệp cơ sở dữ liệu" in missing.stderr.decode("utf-8")
    assert b"Traceback" not in missing.stderr


@pytest.fixture
def tdkt(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TDKT_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "tdkt.sqlite3"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo", "--today", DEMO_TODAY_TEXT)[0] == 0
    return run


def _one_vietnamese_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("Lỗi: ")
    assert "Errno" not in err and ".tmp" not in err
    for english in ("No such file", "Is a directory", "File exists", "Not a directory", "Permission denied"):
        assert english not in err


def test_a_folder_given_for_a_file_is_named_in_vietnamese(tdkt, tmp_path):
    folder = tmp_path / "thư mục"
    folder.mkdir()
    code, out, err = tdkt("rules", "check", str(folder))
    assert code == 1 and out == ""
    _one_vietnamese_line(err)
    assert str(folder) in err and "là một thư mục, không phải tệp" in err


def test_a_file_standing_where_a_folder_should_be_is_named_with_the_typed_path(tdkt, tmp_path, capsys):
    plain = tmp_path / "ghi chú.txt"
    plain.write_text("x")
    target = plain / "khóa.tdktkey"
    code, out, err = tdkt("keys", "export-public", str(target))
    assert code == 1 and out == ""
    _one_vietnamese_line(err)
    assert str(target) in err and str(plain) in err
    assert plain.read_text() == "x"

    new_db = plain / "tdkt.sqlite3"  # the folder of a new database is a file
    code = main(["--db", str(new_db), "init", "--unit-name", "X", "--commune-code", "00715"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    _one_vietnamese_line(err)
    assert str(new_db) in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder where no file can be created (/proc)")
def test_a_temporary_file_is_never_shown_as_if_the_clerk_had_typed_it(tdkt):
    """The file is written to a temporary name beside the target, then renamed: the error is about the temporary
    name ("[Errno 2] No such file or directory: '/proc/.tmp-e045bcd9.tmp'"), the line names the clerk's target."""
    for command in (
        ["keys", "export-public", "/proc/khóa.tdktkey"],
        ["package", "export", "--kind", "yearly_report", "--year", "2025", "--out", "/proc/gói.tdkt"],
    ):
        code, out, err = tdkt(*command)
        assert code == 1 and out == "", command
        _one_vietnamese_line(err)
        assert command[-1] in err
