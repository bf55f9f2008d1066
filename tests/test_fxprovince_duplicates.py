"""Two received nominations of one subject for one award code in one year (a supplementary dossier repeating a
nomination under another UUID) are marked as soon as they arrive: in the folder import's row of the package that
brought the second one and in the province's consolidated list, naming the other package. The package is still
received. A nomination sent again (same UUID) in a newer version of the dossier is the same nomination: not marked."""

from __future__ import annotations

import time

import pytest

from desktop.cli import main
from desktop.exchange.exporter import export_package
from desktop.exchange.province import consolidated, import_folder
from desktop.store.db import new_uuid, now_iso
from desktop.store.rules_repo import effective_pack
from tests.exchange import LUNG_CU, YEAR, link, make_province, make_unit, seed_dossier

COPIED = ("round_id", "target_kind", "staff_id", "department_id", "code", "category", "engine_reasons",
          "achievement", "status")  # fmt: skip


@pytest.fixture
def pair(tmp_path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    yield unit, prov
    unit.close()
    prov.close()


def _export(unit, path):
    time.sleep(1.1)  # package times are to the second: the second package is the newer one
    return export_package(unit, kind="nomination_dossier", year=YEAR, out=path, with_attachments=False)


def _copy_nomination(unit, uuid):
    """The unit files the nomination again under another UUID (deleted and made again, or a supplementary round)."""
    original = unit.query_one("SELECT * FROM nominations WHERE uuid = ?", (uuid,))
    again = new_uuid()
    stamp = now_iso()
    with unit.transaction(operation="test.seed"):
        unit.insert(
            "nominations", {k: original[k] for k in COPIED} | {"uuid": again, "created_at": stamp, "updated_at": stamp}
        )
    return again


def test_a_supplementary_dossier_repeating_a_nomination_is_marked_at_import(pair, tmp_path):
    unit, prov = pair
    folder = tmp_path / "nhan"
    folder.mkdir()
    first = seed_dossier(unit)[0]
    _export(unit, folder / "a-ho-so.tdkt")
    again = _copy_nomination(unit, first)
    _export(unit, folder / "b-bo-sung.tdkt")

    rows = {row["file"]: row for row in import_folder(prov, folder)}
    assert [rows[name]["status"] for name in sorted(rows)] == ["applied", "applied"]  # the unit's data is received
    assert rows["a-ho-so.tdkt"]["duplicates"] == 0
    assert rows["b-bo-sung.tdkt"]["duplicates"] == 1
    warning = rows["b-bo-sung.tdkt"]["message"]
    assert "trùng" in warning and "a-ho-so.tdkt" in warning and str(YEAR) in warning

    summary = consolidated(prov, year=YEAR)
    assert summary["totals"]["nominations"] == 4 and summary["totals"]["duplicates"] == 2
    by_uuid = {n["uuid"]: n for n in summary["nominations"]}
    # each of the two names the other's package; the other nominations carry no note
    assert "a-ho-so.tdkt" in by_uuid[again]["duplicate_note"]
    assert "b-bo-sung.tdkt" not in by_uuid[again]["duplicate_note"]
    assert "b-bo-sung.tdkt" in by_uuid[first]["duplicate_note"]
    assert effective_pack(prov).item("CSTD_TINH").name in by_uuid[first]["duplicate_note"]
    assert [n["uuid"] for n in summary["nominations"] if n["duplicate_note"]] == [first, again]
    assert by_uuid[first]["duplicates"][0]["uuid"] == again
    name = unit.scalar(
        "SELECT s.full_name FROM staff s JOIN nominations n ON n.staff_id = s.id WHERE n.uuid = ?", (first,)
    )
    assert name in by_uuid[again]["duplicate_note"]


def test_two_packages_of_one_unit_each_carrying_a_copy_are_marked(pair, tmp_path):
    """The second package alone brings the copy: the first package's row stays clean, even imported again."""
    unit, prov = pair
    first = seed_dossier(unit)[0]
    one = tmp_path / "mot"
    two = tmp_path / "hai"
    one.mkdir()
    two.mkdir()
    _export(unit, one / "dot-1.tdkt")
    assert import_folder(prov, one)[0]["duplicates"] == 0
    _copy_nomination(unit, first)
    _export(unit, two / "dot-2.tdkt")
    [row] = import_folder(prov, two)
    assert row["status"] == "applied" and row["duplicates"] == 1 and "dot-1.tdkt" in row["message"]
    [again] = import_folder(prov, two)  # already imported: nothing brought, nothing counted
    assert again["status"] == "duplicate" and again["duplicates"] == 0


def test_a_newer_version_of_the_dossier_sending_a_nomination_again_is_not_a_duplicate(pair, tmp_path):
    unit, prov = pair
    folder = tmp_path / "nhan"
    folder.mkdir()
    first = seed_dossier(unit)[0]
    _export(unit, folder / "a-ban-dau.tdkt")
    with unit.transaction(operation="test.seed"):
        unit.execute("UPDATE nominations SET achievement = 'Thành tích đã sửa' WHERE uuid = ?", (first,))
    _export(unit, folder / "b-ban-sua.tdkt")
    _export(unit, folder / "c-gui-lai.tdkt")  # the same again, unchanged

    rows = import_folder(prov, folder)
    assert [row["status"] for row in rows] == ["applied"] * 3
    assert [row["duplicates"] for row in rows] == [0, 0, 0]
    assert all("trùng" not in row["message"] for row in rows)
    summary = consolidated(prov, year=YEAR)
    assert summary["totals"]["nominations"] == 3 and summary["totals"]["duplicates"] == 0
    assert all(n["duplicate_note"] == "" and n["duplicates"] == [] for n in summary["nominations"])
    assert {n["unit_code"] for n in summary["nominations"]} == {LUNG_CU}


def test_an_older_version_imported_late_is_not_a_duplicate(pair, tmp_path):
    unit, prov = pair
    first = seed_dossier(unit)[0]
    old_folder, new_folder = tmp_path / "cu", tmp_path / "moi"
    old_folder.mkdir()
    new_folder.mkdir()
    _export(unit, old_folder / "ban-cu.tdkt")
    with unit.transaction(operation="test.seed"):
        unit.execute("UPDATE nominations SET achievement = 'Thành tích đã sửa' WHERE uuid = ?", (first,))
    _export(unit, new_folder / "ban-moi.tdkt")
    assert import_folder(prov, new_folder)[0]["duplicates"] == 0
    [late] = import_folder(prov, old_folder)  # older: a conflict, kept out, and not a second nomination either
    assert late["status"] == "applied" and late["duplicates"] == 0
    assert consolidated(prov, year=YEAR)["totals"]["duplicates"] == 0


def test_the_command_line_lists_the_duplicates_after_the_totals(pair, tmp_path, capsys):
    unit, prov = pair
    folder = tmp_path / "nhan"
    folder.mkdir()
    first = seed_dossier(unit)[0]
    _export(unit, folder / "a-ho-so.tdkt")
    _copy_nomination(unit, first)
    _export(unit, folder / "b-bo-sung.tdkt")
    import_folder(prov, folder)
    prov.close()

    assert main(["--db", str(tmp_path / "province.sqlite3"), "province", "consolidated", "--year", str(YEAR)]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if line.startswith("Lưu ý:")]
    assert len(notes) == 2 and "a-ho-so.tdkt" in notes[1] and "b-bo-sung.tdkt" in notes[0]
