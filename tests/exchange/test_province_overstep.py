"""A package signed with the trusted province key cannot make the province confer what the law gives to another level:
a decision "awarded" on a Bằng khen của Thủ tướng (central) or on the unit's own Giấy khen is a conflict at the unit,
as the province's own program refuses to record it."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import derived_uuid
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.province import record_decision
from desktop.ops.exchange import import_files
from tests.exchange import LUNG_CU, YEAR, craft, own_keys, seed_dossier, unpack


@pytest.mark.parametrize(
    ("code", "category", "level"), [("BK_TTG", "award_form", "Trung ương"), ("GIAY_KHEN", "award_form", "đơn vị")]
)
def test_a_decision_the_province_may_not_make_is_a_conflict(pair, tmp_path, code, category, level):
    unit, prov = pair
    nominations = seed_dossier(unit)
    up = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "len.tdkt", with_attachments=False)
    import_files(prov, files=[up])
    record_decision(prov, unit_code=LUNG_CU, nomination_uuid=nominations[0], awarded=True, decision_no="1/QĐ-UBND",
                    decision_date=date(YEAR + 1, 1, 15), issuer="UBND tỉnh")  # fmt: skip
    genuine = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd.tdkt", receiver=LUNG_CU)
    # the unit's second nomination, re-coded to the award the province does not confer, "decided" in a re-signed package
    with unit.transaction(operation="test.recode"):
        unit.execute("UPDATE nominations SET code = ? WHERE uuid = ?", (code, nominations[1]))
    manifest, entries = unpack(genuine)
    content = json.loads(entries["data/decisions.json"])
    record = dict(content["records"][0])
    record.update(uuid=derived_uuid("decision", LUNG_CU, nominations[1]), nomination_uuid=nominations[1], code=code,
                  category=category, decision_no="2/QĐ-UBND", decision_date=f"{YEAR + 1}-01-15")  # fmt: skip
    content["records"].append(record)
    entries["data/decisions.json"] = json.dumps(content, ensure_ascii=False).encode()
    manifest = dict(manifest, package_uuid=str(uuid.uuid4()), counts={"province_decision": 2})
    forged = craft(tmp_path / "qd2.tdkt", own_keys(prov), manifest, entries)
    plan = plan_import(unit, forged)
    [conflict] = plan.conflicts
    assert level in conflict.reason and "tỉnh" in conflict.reason
    apply_import(unit, plan)
    assert unit.scalar("SELECT count(*) FROM awards WHERE code = ? AND source = 'above'", (code,)) == 0
    assert unit.scalar("SELECT status FROM nominations WHERE uuid = ?", (nominations[1],)) == "sent_up"
    # the lawful decision of the same package went in
    assert unit.scalar("SELECT count(*) FROM awards WHERE code = 'CSTD_TINH' AND source = 'above'") == 1
