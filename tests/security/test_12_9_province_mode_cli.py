"""Issue 12, point 9 — province mode on the command line: ``tdkt province mode province|unit`` (audited).

Crafted command lines (marked ``crafted``): a mode that is not one of the two words is refused by the argument
parser with exit 2 and a Vietnamese message, the mode stays what it was and nothing is written; a province-only
command on a unit's database is refused with a message, not a traceback.
"""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.cli import main
from tests.exchange import YEAR, make_unit
from tests.security import assert_no_traceback, assert_vietnamese, cases, crafted, database_hash


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_to_exit(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse refuses a bad value with exit 2
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def _unit_template(tmp_path_factory):
    unit = make_unit(tmp_path_factory.mktemp("unit"))
    unit.close()
    return unit.path


@pytest.fixture
def unit_db(_unit_template, tmp_path):
    target = tmp_path / _unit_template.name
    shutil.copyfile(_unit_template, target)
    return target


@crafted
def test_province_mode_is_switched_from_the_command_line(capsys, tmp_path):
    """Issue 12.9: the mode could only be switched in the window; now `tdkt province mode`, audited."""
    unit = make_unit(tmp_path)
    unit.close()
    db = ["--db", str(unit.path)]
    code, out, _ = run(capsys, *db, "province", "mode", "--json")
    assert code == 0 and json.loads(out) == {"mode": "unit"}
    code, out, err = run(capsys, *db, "province", "consolidated", "--year", str(YEAR), "--json")
    assert code != 0 and out == "" and "chỉ dùng ở chế độ cấp tỉnh" in err  # not an empty table
    assert_no_traceback(out, err)
    code, out, _ = run(capsys, *db, "province", "mode", "province")
    assert code == 0 and "Chế độ cấp tỉnh" in out
    code, out, _ = run(capsys, *db, "province", "consolidated", "--year", str(YEAR), "--json")
    assert code == 0  # a province-only command now works
    import pytest

    with pytest.raises(SystemExit) as bad:
        run(capsys, *db, "province", "mode", "tinh")
    assert bad.value.code == 2 and "Lỗi dòng lệnh" in capsys.readouterr().err
    code, out, _ = run(capsys, *db, "province", "mode", "unit", "--json")
    assert code == 0 and json.loads(out) == {"mode": "unit"}
    from desktop.store import open_store

    with open_store(unit.path) as store:
        assert store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'exchange.set_mode'") == 2


BAD_MODES = {
    "vietnamese-word": "tinh",
    "empty": "",
    "upper-case": "PROVINCE",
    "nul-after": "province\x00",
    "sql": "unit'; DROP TABLE staff; --",
    "both": "province,unit",
    "trailing-space": "province ",
    "fullwidth": "ｐｒｏｖｉｎｃｅ",
}


@pytest.mark.parametrize("mode", cases(BAD_MODES))
def test_a_mode_that_is_not_one_of_the_two_is_refused(mode, capsys, unit_db):
    before = database_hash(unit_db)
    code, out, err = run_to_exit(capsys, "--db", str(unit_db), "province", "mode", mode)
    assert code == 2 and "Lỗi dòng lệnh" in err, (code, err)
    assert "không phải một trong các lựa chọn: 'province', 'unit'" in err, err
    assert_no_traceback(out, err)
    assert_vietnamese(err)
    assert database_hash(unit_db) == before
    code, out, _err = run(capsys, "--db", str(unit_db), "province", "mode", "--json")
    assert code == 0 and json.loads(out) == {"mode": "unit"}


@pytest.mark.parametrize("mode", cases({"mistyped-db-province": "province", "mistyped-db-unit": "unit"}))
def test_a_mistyped_database_path_is_refused_without_creating_anything(mode, capsys, tmp_path):
    target = tmp_path / "khong-co" / "tdkt.sqlite3"
    code, out, err = run_to_exit(capsys, "--db", str(target), "province", "mode", mode)
    assert code == 1 and "Không có tệp cơ sở dữ liệu" in err, (code, err)
    assert_no_traceback(out, err)
    assert not target.parent.exists()  # no file, no folder made by a refused command
