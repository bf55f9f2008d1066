"""``tdkt init`` run again with only the name changed keeps what was recorded (docs/cli.md): it used to blank the
head's title and name and the place name, and turn a school into a commune (review C)."""

from __future__ import annotations

from desktop.cli import main
from desktop.store import open_store, unit_repo


def test_running_init_again_keeps_what_was_not_given(tmp_path, capsys):
    db = str(tmp_path / "truong.sqlite3")
    first = ["--db", db, "init", "--unit-name", "Trường Tiểu học Lũng Cú", "--commune-code", "00715",
             "--unit-kind", "truong_hoc", "--head-title", "Hiệu trưởng", "--head-name", "Lò Văn Hiệu",
             "--place-name", "Lũng Cú, Tuyên Quang"]  # fmt: skip
    assert main(first) == 0
    assert main(["--db", db, "init", "--unit-name", "Trường Tiểu học số 1 Lũng Cú", "--commune-code", "00715"]) == 0
    capsys.readouterr()
    store = open_store(tmp_path / "truong.sqlite3")
    unit = unit_repo.get_unit(store)
    store.close()
    assert unit["name"] == "Trường Tiểu học số 1 Lũng Cú"
    assert (unit["unit_kind"], unit["head_title"], unit["head_name"], unit["place_name"]) == (
        "truong_hoc", "Hiệu trưởng", "Lò Văn Hiệu", "Lũng Cú, Tuyên Quang",
    )  # fmt: skip


def test_a_first_init_without_a_kind_is_a_commune_with_its_place_name(tmp_path, capsys):
    db = str(tmp_path / "xa.sqlite3")
    assert main(["--db", db, "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715"]) == 0
    store = open_store(tmp_path / "xa.sqlite3")
    unit = unit_repo.get_unit(store)
    store.close()
    assert (unit["unit_kind"], unit["place_name"]) == ("ubnd_xa", "Lũng Cú")


def test_a_new_commune_without_a_place_name_takes_the_new_communes(tmp_path, capsys):
    db = str(tmp_path / "xa.sqlite3")
    assert main(["--db", db, "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715"]) == 0
    assert main(["--db", db, "init", "--unit-name", "Ủy ban nhân dân xã Lâm Bình", "--commune-code", "02266"]) == 0
    store = open_store(tmp_path / "xa.sqlite3")
    unit = unit_repo.get_unit(store)
    store.close()
    assert unit["commune_code"] == "02266" and unit["place_name"] == "Lâm Bình"
