"""Issue 12.7: dates, numbers and text on the command line — a clear error and an exit code, never a traceback,
and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_db(tmp_path, capsys):
    path = tmp_path / "tdkt.sqlite3"
    assert main(["--db", str(path), "demo", "--today", "2025-12-04"]) == 0
    capsys.readouterr()
    return path


def _run(capsys, db, *args):
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as exc:  # argparse refuses a bad value with exit 2
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _decisions(db) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("evaluate", "--year", "-2025"), "ngoài khoảng 1900–2100"),
        (("evaluate", "--year", "99999"), "ngoài khoảng 1900–2100"),
        (("evaluate", "--year", "2e3"), "không phải năm"),
        (("decision", "series", "--key", "QĐ-UBND", "--year", "2025", "--next", "1e20", "--reason", "x"),
         "không phải số nguyên"),
        (("decision", "series", "--key", "QĐ-UBND", "--year", "2025", "--next", "1" + "0" * 40, "--reason", "x"),
         "không hợp lệ"),
        (("review", "show", "-5"), "Lỗi dòng lệnh"),
        (("movement", "criterion", "add", "1", "--name", "X", "--max", "nan"), "Lỗi dòng lệnh"),
        (("movement", "criterion", "add", "1", "--name", "X", "--max", "inf"), "Lỗi dòng lệnh"),
        (("package", "export", "--kind", "yearly_report", "--year", "99999", "--out", "p.tdkt"), "1900–2100"),
    ],
)
def test_bad_numbers_and_years_are_refused_with_exit_2(capsys, demo_db, args, message):
    code, _out, err = _run(capsys, demo_db, *args)
    assert code == 2, err
    assert message in err and "Traceback" not in err


def test_a_decision_dated_year_one_or_far_ahead_is_refused(capsys, demo_db):
    before = _decisions(demo_db)
    _run(capsys, demo_db, "review", "create", "--year", "2025")
    common = ["decision", "issue", "--round", "4", "--signer-title", "Chủ tịch", "--signer-name", "A",
              "--subject", "Về việc khen thưởng", "--achievement", ""]
    code, _out, err = _run(capsys, demo_db, *common, "--date", "0001-01-01")
    assert code == 1 and "01/01/2018" in err
    code, _out, err = _run(capsys, demo_db, *common, "--date", "2999-01-01")
    assert code == 1 and "quá xa trong tương lai" in err
    assert _decisions(demo_db) == before


def test_search_for_percent_and_underscore_is_literal(capsys, demo_db):
    code, out, _err = _run(capsys, demo_db, "staff", "list", "--search", "%", "--json")
    assert code == 0 and '"count": 0' in out
    code, out, _err = _run(capsys, demo_db, "staff", "list", "--search", "_", "--json")
    assert code == 0 and '"count": 0' in out
    code, out, _err = _run(capsys, demo_db, "staff", "list", "--search", "yen", "--json")
    assert code == 0 and '"count": 0' not in out


def test_an_argument_that_is_not_utf8_is_a_clear_error_not_a_traceback(demo_db, tmp_path):
    """A file name in bytes from an old FAT stick: the process exits 2 with a message."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    bad = b"ho-so-\xff\xfe.tdkt"
    for args in (
        [b"package", b"verify", bad],
        [b"staff", b"list", b"--search", b"\xc3\x28"],
        [b"history", b"import", bad],
        [b"backup", b"restore", bad],
        [b"documents", b"render", b"--kind", b"decision", b"--decision", b"\xff", b"--out", b"x.pdf"],
        [b"movement", b"show", b"\xff"],
    ):
        done = subprocess.run(
            [sys.executable.encode(), b"-m", b"desktop", b"--db", str(demo_db).encode(), *args],
            env=env,
            capture_output=True,
            cwd=tmp_path,
            timeout=60,
        )
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 2, (args, err)
        assert "Traceback" not in err and "không đọc được" in err
