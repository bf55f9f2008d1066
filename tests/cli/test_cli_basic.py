"""The command line: init, demo, list, check, version, and errors on stderr with exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop import __version__
from desktop.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_through_python_m_desktop():
    result = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"tdkt {__version__}"


def test_init_demo_list_check(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú",
                       "--commune-code", "00715", "--json")
    assert code == 0 and json.loads(out)["unit"]["commune_name"] == "Xã Lũng Cú"
    code, out, _ = run(capsys, "--db", str(db_path), "demo", "--today", "2025-12-04", "--json")
    assert code == 0 and json.loads(out)["staff"] == 40
    code, out, _ = run(capsys, "--db", str(db_path), "staff", "list", "--json")
    listing = json.loads(out)
    assert listing["count"] == 39  # one demo person has left
    assert set(listing["staff"][0]) >= {"uuid", "staff_code", "full_name", "birth_date", "department", "is_leader"}
    code, out, _ = run(capsys, "--db", str(db_path), "staff", "list", "--all", "--json")
    assert json.loads(out)["count"] == 40
    code, out, _ = run(capsys, "--db", str(db_path), "check", "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_search_without_accents(capsys, db_path):
    run(capsys, "--db", str(db_path), "demo", "--today", "2025-12-04")
    _code, out, _ = run(capsys, "--db", str(db_path), "staff", "list", "--json")
    someone = json.loads(out)["staff"][5]["full_name"]
    from desktop.domain.text import fold

    _code, out, _ = run(capsys, "--db", str(db_path), "staff", "list", "--search", fold(someone), "--json")
    assert someone in [s["full_name"] for s in json.loads(out)["staff"]]


def test_commands_before_init_fail_with_one_line(capsys, db_path):
    code, out, err = run(capsys, "--db", str(db_path), "staff", "list")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "tdkt init" in err


def test_bad_commune_code_is_a_clear_error(capsys, db_path):
    code, _, err = run(capsys, "--db", str(db_path), "init", "--unit-name", "X", "--commune-code", "99999")
    assert code == 1 and "99999" in err


def test_unknown_command_exits_2():
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "frobnicate"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "Lỗi dòng lệnh" in result.stderr


def test_english_messages(capsys, db_path):
    code, _, _err = run(capsys, "--lang", "en", "--db", str(db_path), "staff", "list")
    assert code == 1


def test_a_mistyped_db_is_refused_by_every_command_but_init_and_demo(capsys, db_path, tmp_path):
    """check, backup create/list, rules show and rules money used to create a fresh empty database at a mistyped
    --db and answer "ok" or "no backups" as if it were the clerk's file; now each says the file is not there."""
    run(capsys, "--db", str(db_path), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715")
    typo = tmp_path / "tdkt.sqllite3"
    for command in (
        ["check"],
        ["backup", "create"],
        ["backup", "list"],
        ["rules", "show"],
        ["money", "--code", "LDTT", "--target", "individual", "--date", "2025-12-20"],
        ["staff", "list"],
    ):
        code, out, err = run(capsys, "--db", str(typo), *command)
        assert code != 0 and out == "", command
        assert f"Không có tệp cơ sở dữ liệu {typo}" in err, command
        assert not typo.exists(), command
    code, _out, _err = run(capsys, "--db", str(db_path), "check")
    assert code == 0


def test_help_headings_are_in_the_chosen_language(capsys):
    # argparse writes "usage:", "options:" and "show this help message and exit" in English by itself
    for args in (["staff", "list", "--help"], ["--lang", "en", "staff", "list", "--help"]):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 0
        out = capsys.readouterr().out
        if args[0] == "--lang":
            assert out.startswith("Usage: tdkt staff list") and "options:" in out
            assert "show this help and exit" in out
        else:
            assert out.startswith("Cách dùng: tdkt staff list")
            assert "tùy chọn:" in out and "xem hướng dẫn này rồi thoát" in out
            assert "usage:" not in out and "options:" not in out and "show this help" not in out
