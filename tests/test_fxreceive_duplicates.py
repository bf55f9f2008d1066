"""One package imported on its own at the province (the receive tab, ``tdkt package import``) warns, as the folder
import does, when it brings a nomination repeating another of the same unit (same subject, code and year; two
UUIDs). The package is still received; the warning names the package of the other nomination."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.exchange.importer import import_file
from desktop.exchange.province import import_folder
from desktop.ops.exchange import import_files
from tests.exchange import YEAR, link, make_province, make_unit, seed_dossier
from tests.test_fxprovince_duplicates import _copy_nomination, _export


@pytest.fixture
def pair(tmp_path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    yield unit, prov
    unit.close()
    prov.close()


def _two_dossiers(unit, tmp_path):
    """The first dossier, then a supplementary one repeating its first nomination under another UUID."""
    first = seed_dossier(unit)[0]
    one = _export(unit, tmp_path / "dot-1.tdkt")
    _copy_nomination(unit, first)
    two = _export(unit, tmp_path / "dot-2.tdkt")
    return one, two


def test_one_file_imported_alone_warns_of_the_repeated_nomination(pair, tmp_path):
    unit, prov = pair
    one, two = _two_dossiers(unit, tmp_path)
    [clean] = import_files(prov, files=[one])
    assert clean.status == "applied" and "Cảnh báo" not in clean.message
    [result] = import_files(prov, files=[two])
    assert result.status == "applied"  # received all the same
    assert "Cảnh báo: 1 đề nghị trùng" in result.message and "dot-1.tdkt" in result.message
    assert str(YEAR) in result.message
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'nomination'") == 4
    [again] = import_files(prov, files=[two])  # already imported: nothing brought, no warning
    assert again.status == "duplicate" and "Cảnh báo" not in again.message


def test_import_file_and_the_folder_import_say_it_once(pair, tmp_path):
    unit, prov = pair
    one, two = _two_dossiers(unit, tmp_path)
    assert "Cảnh báo" not in import_file(prov, one).message
    folder = tmp_path / "hop-thu"
    folder.mkdir()
    two.rename(folder / two.name)
    [row] = import_folder(prov, folder)
    assert row["duplicates"] == 1 and row["message"].count("Cảnh báo") == 1


def test_the_cli_package_import_prints_the_warning(pair, tmp_path, capsys):
    unit, _prov = pair
    one, two = _two_dossiers(unit, tmp_path)
    db = str(tmp_path / "province.sqlite3")
    assert main(["--db", db, "package", "import", str(one)]) == 0
    assert "Cảnh báo" not in capsys.readouterr().out
    assert main(["--db", db, "package", "import", str(two)]) == 0
    out = capsys.readouterr().out
    assert "Cảnh báo: 1 đề nghị trùng" in out and "dot-1.tdkt" in out


def test_the_cli_json_message_carries_the_warning(pair, tmp_path, capsys):
    unit, _prov = pair
    one, two = _two_dossiers(unit, tmp_path)
    db = str(tmp_path / "province.sqlite3")
    assert main(["--db", db, "package", "import", str(one), str(two), "--json"]) == 0
    packages = json.loads(capsys.readouterr().out)["packages"]
    assert "Cảnh báo" not in packages[0]["message"]
    assert "Cảnh báo: 1 đề nghị trùng" in packages[1]["message"] and "dot-1.tdkt" in packages[1]["message"]
