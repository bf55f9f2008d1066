"""The province's "import a folder" makes a backup first, as every package import does (``before_import``): a
folder of hundreds of packages, a register withdrawing awards among them, is undone from that one backup."""

from __future__ import annotations

from pathlib import Path

from desktop.exchange.exporter import export_package
from desktop.ops import backup
from desktop.ops import province as ops_province
from tests.exchange import YEAR, seed_dossier


def _reasons(store) -> list[str]:
    return [info.reason for info in backup.list_backups(store)]


def test_a_folder_import_makes_one_backup_first(pair, tmp_path: Path) -> None:
    unit, prov = pair
    seed_dossier(unit)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    export_package(unit, kind="nomination_dossier", year=YEAR, out=inbox / "1-ho-so.tdkt", with_attachments=False)
    export_package(unit, kind="award_register", year=YEAR, out=inbox / "2-so-khen.tdkt")
    before = _reasons(prov)

    rows = ops_province.import_folder(prov, folder=inbox)

    assert [row["status"] for row in rows] == ["applied", "applied"]
    assert sorted(_reasons(prov)) == sorted([*before, "before_import"])

    empty = tmp_path / "trong"
    empty.mkdir()
    assert ops_province.import_folder(prov, folder=empty) == []
    assert sorted(_reasons(prov)) == sorted([*before, "before_import"])  # nothing to import: no backup
