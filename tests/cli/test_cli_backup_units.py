"""``tdkt backup list|restore`` when one folder holds the backups of two units' databases."""

from __future__ import annotations

import io
import json
import sqlite3

from tests.cli.test_cli_backup import _Keyboard, run

MY_UNIT = "Ủy ban nhân dân xã Lũng Cú"
OTHER_UNIT = "Ủy ban nhân dân phường Hà Giang 1"
WARNING = (
    f"Bản sao lưu này là dữ liệu của «{OTHER_UNIT}», không phải của «{MY_UNIT}» đang mở. "
    f"Khôi phục sẽ thay toàn bộ dữ liệu «{MY_UNIT}» bằng dữ liệu «{OTHER_UNIT}»."
)



def _two_units(capsys, tmp_path):
    """Two databases on one PC, each backed up once into the shared default folder."""
    mine, theirs = tmp_path / "xa.sqlite3", tmp_path / "phuong.sqlite3"
    for path, name, code in ((mine, MY_UNIT, "00715"), (theirs, OTHER_UNIT, "00694")):
        assert run(capsys, "--db", str(path), "init", "--unit-name", name, "--commune-code", code)[0] == 0
    made = {}
    for path in (mine, theirs):
        code, out, _err = run(capsys, "--db", str(path), "backup", "create", "--json")
        assert code == 0
        made[path] = json.loads(out)
    return mine, theirs, made


def _unit_name(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name FROM unit").fetchone()[0]
    finally:
        conn.close()


def test_list_shows_this_units_backups_and_a_folder_whole_with_the_unit(capsys, tmp_path):
    mine, theirs, made = _two_units(capsys, tmp_path)
    assert made[mine]["unit_name"] == MY_UNIT and made[theirs]["unit_name"] == OTHER_UNIT
    assert made[mine]["unit_uuid"] != made[theirs]["unit_uuid"]
    code, out, _err = run(capsys, "--db", str(mine), "backup", "list", "--json")
    assert code == 0 and [b["file"] for b in json.loads(out)["backups"]] == [made[mine]["file"]]
    folder = str(tmp_path / "userdata" / "backups")
    assert made[mine]["path"].startswith(folder)
    code, out, _err = run(capsys, "--db", str(mine), "backup", "list", "--folder", folder, "--json")
    listed = {b["file"]: b for b in json.loads(out)["backups"]}
    assert set(listed) == {made[mine]["file"], made[theirs]["file"]}
    assert listed[made[theirs]["file"]]["unit_name"] == OTHER_UNIT
    assert listed[made[theirs]["file"]]["unit_uuid"] == made[theirs]["unit_uuid"]
    code, out, err = run(capsys, "--db", str(mine), "backup", "list", "--folder", folder)
    lines = out.splitlines()
    assert len(lines) == 2 and "2 bản sao lưu" in err
    assert {line.split("\t")[-1] for line in lines} == {MY_UNIT, OTHER_UNIT}
    assert {line.split("\t")[-2] for line in lines} == {made[mine]["path"], made[theirs]["path"]}


def test_restoring_another_units_backup_says_so_before_asking(capsys, tmp_path, monkeypatch):
    mine, theirs, made = _two_units(capsys, tmp_path)
    foreign = made[theirs]["path"]
    monkeypatch.setattr("sys.stdin", _Keyboard("không\n"))
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", foreign)
    assert code == 1 and "Đã hủy" in err
    assert out.startswith(f"CẢNH BÁO: {WARNING}\n")
    assert _unit_name(mine) == MY_UNIT

    monkeypatch.setattr("sys.stdin", _Keyboard("CO\n"))
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", foreign)
    assert code == 0, err
    assert f"Dữ liệu trong tệp bây giờ là của «{OTHER_UNIT}», không còn là của «{MY_UNIT}»." in out
    assert _unit_name(mine) == OTHER_UNIT


def test_with_yes_it_restores_but_warns_on_stderr(capsys, tmp_path, monkeypatch):
    mine, theirs, made = _two_units(capsys, tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", made[theirs]["path"], "--yes")
    assert code == 0, err
    assert f"CẢNH BÁO: {WARNING}" in err and WARNING not in out
    assert "Đã khôi phục" in out and f"bây giờ là của «{OTHER_UNIT}»" in out
    assert _unit_name(mine) == OTHER_UNIT
    conn = sqlite3.connect(mine)
    try:
        event = json.loads(
            conn.execute("SELECT after FROM audit_log WHERE operation = 'backup.restore'").fetchone()[0]
        )
    finally:
        conn.close()
    assert event["unit_changed"] is True
    assert (event["backup_unit"], event["previous_unit"]) == (OTHER_UNIT, MY_UNIT)


def test_own_backup_with_yes_has_no_unit_warning(capsys, tmp_path):
    mine, _theirs, made = _two_units(capsys, tmp_path)
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", made[mine]["path"], "--yes")
    assert code == 0 and "CẢNH BÁO" not in err + out and "bây giờ là của" not in out


def test_restore_answers_json_with_whose_data_came_in(capsys, tmp_path, monkeypatch):
    mine, theirs, made = _two_units(capsys, tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", made[theirs]["path"], "--yes", "--json")
    assert code == 0, err
    answer = json.loads(out)  # stdout is the JSON alone; the warning went to stderr
    assert f"CẢNH BÁO: {WARNING}" in err
    assert answer["path"] == str(mine) and answer["backup"]["file"] == made[theirs]["file"]
    assert answer["backup"]["unit_name"] == OTHER_UNIT and answer["unit_changed"] is True
    assert answer["previous_unit_name"] == MY_UNIT
    assert answer["previous_unit_uuid"] == made[mine]["unit_uuid"]
    assert answer["safety"] and "truoc-khoi-phuc" in answer["safety"]
    assert _unit_name(mine) == OTHER_UNIT


def test_restore_json_asks_on_stderr_and_keeps_stdout_for_the_answer(capsys, tmp_path, monkeypatch):
    mine, _theirs, made = _two_units(capsys, tmp_path)
    monkeypatch.setattr("sys.stdin", _Keyboard("không\n"))
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", made[mine]["path"], "--json")
    assert code == 1 and out == ""
    assert "Gõ CO để xác nhận" in err and "Đã hủy" in err
    monkeypatch.setattr("sys.stdin", _Keyboard("CO\n"))
    code, out, err = run(capsys, "--db", str(mine), "backup", "restore", made[mine]["path"], "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["unit_changed"] is False and answer["previous_unit_name"] is None
    assert "Sẽ thay toàn bộ dữ liệu" in err
