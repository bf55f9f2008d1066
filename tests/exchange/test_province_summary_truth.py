"""What the province's summary and a unit's movement report say must be true: a unit's nomination shows only its
own unit's decision, a yearly report is for a year that has begun, an award the province conferred counts in the
movement whose nomination it answered."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError, derived_uuid
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.province import consolidated
from desktop.ops.movements.report import report
from desktop.ops.province import decide
from tests.exchange import (
    LAM_BINH,
    LUNG_CU,
    YEAR,
    craft,
    link,
    make_unit,
    own_keys,
    seed_dossier,
    table_checksum,
    unpack,
)


def test_a_yearly_report_for_a_future_year_is_neither_sent_nor_received(pair, tmp_path):
    unit, prov = pair
    future = date.today().year + 1
    with pytest.raises(PackageError) as refused:
        export_package(unit, kind="yearly_report", year=future, out=tmp_path / "bc.tdkt")
    assert str(future) in str(refused.value) and not (tmp_path / "bc.tdkt").exists()
    # a package made elsewhere (an old program, or by hand) with a future year is a conflict, never applied
    good = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bc-good.tdkt")
    manifest, entries = unpack(good)
    [name] = [n for n in entries if n.endswith("yearly_report.json")]
    data = json.loads(entries[name])
    for record in data["records"]:  # the report's own UUID for that year, as the exporter derives it
        record["year"], record["uuid"] = future, derived_uuid("yearly_report", record["unit_code"], str(future))
    entries[name] = json.dumps(data, ensure_ascii=False).encode()
    manifest = dict(manifest, package_uuid=str(uuid.uuid4()), year=future)
    forged = craft(tmp_path / "bc-future.tdkt", own_keys(unit), manifest, entries)
    plan = plan_import(prov, forged)
    assert plan.counts["yearly_report"].conflicts == 1 and plan.counts["yearly_report"].new == 0
    assert str(future) in plan.conflicts[0].reason
    apply_import(prov, plan)
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'yearly_report'") == 0
    assert consolidated(prov, year=future)["units"][0]["yearly_report"] is None
    # this year's report still goes up
    assert apply_import(prov, plan_import(prov, good)).status == "applied"
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'yearly_report'") == 1


def test_a_decision_shows_only_on_its_own_units_nomination(pair, tmp_path):
    """Unit B sends a nomination with the UUID of unit A's (a copied database): A's decision is not B's."""
    unit, prov = pair
    other = make_unit(tmp_path, name="Ủy ban nhân dân xã Lâm Bình", commune=LAM_BINH)
    link(other, prov, tmp_path)
    uuids = seed_dossier(unit)
    sent = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "a.tdkt", with_attachments=False)
    assert apply_import(prov, plan_import(prov, sent)).status == "applied"
    manifest, entries = unpack(sent)
    manifest = dict(
        manifest, package_uuid=str(uuid.uuid4()), sender={"code": LAM_BINH, "name": "Ủy ban nhân dân xã Lâm Bình"}
    )
    copied = craft(tmp_path / "b.tdkt", own_keys(other), manifest, entries)
    assert apply_import(prov, plan_import(prov, copied)).status == "applied"
    decide(
        prov,
        nominations=[(LUNG_CU, uuids[0])],
        awarded=True,
        decision_no="9/QĐ-UBND",
        decision_date=date(2026, 1, 10),
        issuer="UBND tỉnh",
    )
    summary = consolidated(prov, year=YEAR)
    decided = {u["code"]: u["decided"] for u in summary["units"]}
    assert decided == {LUNG_CU: 1, LAM_BINH: 0} and summary["totals"]["decided"] == 1
    shown = {n["unit_code"]: n["decision"] for n in summary["nominations"] if n["uuid"] == uuids[0]}
    assert shown[LUNG_CU]["decision_no"] == "9/QĐ-UBND" and shown[LAM_BINH] is None
    # deciding B's nomination too keeps two decisions apart, each on its own unit's nomination
    decide(prov, nominations=[(LAM_BINH, uuids[0])], awarded=False)
    shown = {
        n["unit_code"]: n["decision"] for n in consolidated(prov, year=YEAR)["nominations"] if n["uuid"] == uuids[0]
    }
    assert shown[LUNG_CU]["awarded"] is True and shown[LUNG_CU]["unit_code"] == LUNG_CU
    assert shown[LAM_BINH]["awarded"] is False and shown[LAM_BINH]["unit_code"] == LAM_BINH
    other.close()


def test_awards_the_province_conferred_count_in_the_movement_report(sent_dossier, tmp_path):
    """A movement's review round sends nominations up; the awards the province confers on them (from above, with no
    decision of the unit) are the movement's awards too; another movement's report does not get them."""
    unit, prov, sent = sent_dossier
    movement, other = unit.query("SELECT id FROM movements ORDER BY id LIMIT 2")
    round_id = unit.scalar("SELECT max(id) FROM review_rounds")  # the round the dossier was made from
    uuids = [r["uuid"] for r in unit.query("SELECT uuid FROM nominations WHERE round_id = ? ORDER BY id", (round_id,))]
    with unit.transaction(operation="test.movement_round"):  # the round is the movement's review round
        unit.execute(
            "UPDATE review_rounds SET kind = 'movement', movement_id = ? WHERE id = ?", (movement["id"], round_id)
        )
    assert report(unit, year=YEAR, movement_id=movement["id"])["total"] == 0
    assert apply_import(prov, plan_import(prov, sent)).status == "applied"
    decide(
        prov,
        nominations=[(LUNG_CU, u) for u in uuids[:2]],
        awarded=True,
        decision_no="123/QĐ-UBND",
        decision_date=date(2026, 1, 15),
        issuer="UBND tỉnh",
    )
    decide(prov, nominations=[(LUNG_CU, uuids[2])], awarded=False)
    back = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "back.tdkt", receiver=LUNG_CU)
    assert apply_import(unit, plan_import(unit, back)).status == "applied"
    assert unit.scalar("SELECT count(*) FROM awards WHERE source = 'above' AND decision_no = '123/QĐ-UBND'") == 2
    figures = report(unit, year=YEAR, movement_id=movement["id"])
    counted = {t["key"]: t["count"] for t in figures["titles"] + figures["award_forms"]}
    assert figures["total"] == 2 and counted == {"CSTD_TINH": 1, "BK_TINH": 1}
    assert report(unit, year=YEAR, movement_id=other["id"])["total"] == 0
    # an award from above of the same recipient and code for a nomination outside the movement stays out of it
    with unit.transaction(operation="test.not_the_movement"):
        unit.execute("UPDATE review_rounds SET movement_id = NULL, kind = 'year' WHERE id = ?", (round_id,))
    assert report(unit, year=YEAR, movement_id=movement["id"])["total"] == 0


def test_the_package_count_and_latest_package_are_of_the_year_asked(pair, tmp_path):
    """A unit that sent only last year's report has sent nothing for this year: the table must not say it has."""
    unit, prov = pair
    last_year = export_package(unit, kind="yearly_report", year=YEAR - 1, out=tmp_path / "bc-prev.tdkt")
    assert apply_import(prov, plan_import(prov, last_year)).status == "applied"
    [row] = consolidated(prov, year=YEAR)["units"]
    assert row["packages"] == 0 and row["last_package_at"] is None and row["packages_all_years"] == 1
    [row] = consolidated(prov, year=YEAR - 1)["units"]
    assert row["packages"] == 1 and row["last_package_at"] == unpack(last_year)[0]["created_at"]
    this_year = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bc.tdkt")
    assert apply_import(prov, plan_import(prov, this_year)).status == "applied"
    [row] = consolidated(prov, year=YEAR)["units"]
    assert row["packages"] == 1 and row["last_package_at"] == unpack(this_year)[0]["created_at"]
    assert row["packages_all_years"] == 2


def test_a_package_id_another_unit_used_first_is_refused_not_reported_as_imported(pair, tmp_path):
    """Review: a trusted unit reusing another unit's package id and reaching the province first made the real
    package "already imported" for good. The second sender's package is refused, naming both."""
    from desktop.ops import exchange as ops

    unit, prov = pair
    other = make_unit(tmp_path, name="Ủy ban nhân dân xã Lâm Bình", commune=LAM_BINH)
    link(other, prov, tmp_path)
    real = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "that.tdkt")
    manifest, entries = unpack(export_package(other, kind="yearly_report", year=YEAR, out=tmp_path / "lb.tdkt"))
    manifest["package_uuid"] = unpack(real)[0]["package_uuid"]  # the other unit takes the real package's id
    squatter = craft(tmp_path / "chiem.tdkt", own_keys(other), manifest, entries)
    assert [r.status for r in ops.import_files(prov, files=[squatter])] == ["applied"]
    before = table_checksum(prov)
    with pytest.raises(PackageError) as refused:
        ops.import_files(prov, files=[real])
    assert refused.value.code == "package_id_taken"
    message = str(refused.value)
    assert "trùng mã gói chiem.tdkt của Ủy ban nhân dân xã Lâm Bình" in message and "chưa nhập gì" in message
    assert table_checksum(prov) == before


def test_the_same_package_id_with_other_content_is_refused_a_copy_is_already_imported(pair, tmp_path):
    """Review: the same sender's package id again was "already imported" whatever the file held — a report changed
    and signed again after it was sent (or a program reusing ids) slipped past without a word. An exact copy (sent
    twice, copied to another folder) stays "already imported"; other bytes under that id are refused, naming both."""
    import shutil

    from desktop.ops import exchange as ops

    unit, prov = pair
    real = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bc.tdkt")
    assert [r.status for r in ops.import_files(prov, files=[real])] == ["applied"]
    copy = shutil.copyfile(real, tmp_path / "bc (1).tdkt")
    assert [r.status for r in ops.import_files(prov, files=[copy])] == ["duplicate"]
    manifest, entries = unpack(real)
    [name] = [n for n in entries if n.startswith("data/") and n.endswith(".json")]
    content = json.loads(entries[name])
    content["records"] = content["records"][:-1] or content["records"]
    content["exported_note"] = "sửa sau khi gửi"
    entries[name] = json.dumps(content, ensure_ascii=False).encode()
    manifest.pop("signature", None)
    changed = craft(tmp_path / "bc-sua.tdkt", own_keys(unit), manifest, entries)
    before = table_checksum(prov)
    with pytest.raises(PackageError) as refused:
        ops.import_files(prov, files=[changed])
    assert refused.value.code == "package_id_changed"
    message = str(refused.value)
    assert "bc-sua.tdkt" in message and "từ tệp bc.tdkt" in message and "nội dung khác" in message
    assert "chưa nhập gì" in message
    assert table_checksum(prov) == before
