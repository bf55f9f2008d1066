"""A unit corrects a nominee's achievement report (adds an initiative) and sends its dossier again: the nomination
record is unchanged, yet the corrected report is kept at the province and listed as the newest, the first one as
"bản cũ" (it was dropped: only the files of new or updated records were kept)."""

from __future__ import annotations

import time

from desktop.exchange.exporter import export_package
from desktop.exchange.importer import import_file
from desktop.exchange.province import list_attachments
from desktop.store.db import new_uuid, now_iso
from tests.exchange import YEAR, seed_dossier


def test_a_corrected_report_of_an_unchanged_nomination_is_kept(pair, tmp_path):
    unit, prov = pair
    seed_dossier(unit)
    first = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "d1.tdkt")
    assert import_file(prov, first).status == "applied"
    staff_id = unit.scalar("SELECT staff_id FROM nominations WHERE target_kind = 'individual' ORDER BY id LIMIT 1")
    columns = {r["name"] for r in unit.query("PRAGMA table_info(initiatives)")}
    values = {"uuid": new_uuid(), "staff_id": staff_id, "title": "Sáng kiến bổ sung: số hóa hồ sơ", "year": YEAR,
              "created_at": now_iso(), "updated_at": now_iso()}  # fmt: skip
    with unit.transaction(operation="test.initiative"):
        unit.insert("initiatives", {k: v for k, v in values.items() if k in columns})
    time.sleep(1.1)  # packages are told apart by their creation time, to the second
    second = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "d2.tdkt")
    import_file(prov, second)
    rows = list_attachments(prov)
    newest = [r for r in rows if not r["outdated"]]
    assert newest and {r["package_file"] for r in newest} == {"d2.tdkt"}
    assert {r["package_file"] for r in rows if r["outdated"]} == {"d1.tdkt"}
