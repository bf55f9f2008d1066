"""What a signed package says is checked for sense, whoever signed it (a trusted key is not a licence to lie):

- a province package that gives one decision number two signing days enters none of the awards under it (the
  province's own program refuses to record that: the unit refuses to enter it);
- a unit's award register counted at the province holds only awards of the catalogue, of their category and of the
  register's year; an award it calls the unit's own is one a unit's head may confer; a title once a year per target;
  and an award it says came from this province under a number the province recorded keeps the province's day.
"""

from __future__ import annotations

import copy
import json
import uuid

from desktop.exchange.exporter import export_package
from desktop.exchange.format import derived_uuid
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.province import consolidated
from desktop.ops.demo import fill_demo
from desktop.ops.exchange import import_files
from tests.demo_date import DEMO_TODAY
from tests.exchange import LUNG_CU, YEAR, craft, own_keys, unpack


def _reforged(path, keys, folder, name: str, entry: str, records: list[dict], **manifest_fields):
    """The package at ``path`` with ``entry``'s records replaced, re-signed with ``keys`` (the sender's own key)."""
    manifest, entries = unpack(path)
    content = json.loads(entries[entry])
    content["records"] = records
    entries[entry] = json.dumps(content, ensure_ascii=False).encode()
    kind = next(iter(manifest["counts"]))
    fields = {"package_uuid": str(uuid.uuid4()), "counts": {kind: len(records)}} | manifest_fields
    return craft(folder / name, keys, manifest | fields, entries)


def test_one_number_with_two_signing_days_in_a_province_package_enters_neither(decided, tmp_path):
    unit, prov, genuine, nominations = decided
    _manifest, entries = unpack(genuine)
    (first,) = json.loads(entries["data/decisions.json"])["records"]
    second = dict(first) | {
        "uuid": derived_uuid("decision", LUNG_CU, nominations[1]),
        "nomination_uuid": nominations[1],
        "code": "BK_TINH",
        "category": "award_form",
        "decision_date": f"{YEAR + 1}-04-20",  # the first is 01/03: one number, two documents
    }
    forged = _reforged(genuine, own_keys(prov), tmp_path, "qd-2-ngay.tdkt", "data/decisions.json", [first, second])
    awards_before = unit.scalar("SELECT count(*) FROM awards")

    plan = plan_import(unit, forged)
    assert len(plan.conflicts) == 2 and {action.status for action in plan.actions} == {"conflict"}
    for conflict in plan.conflicts:
        assert "12/QĐ-UBND" in conflict.reason and "01/03/2026, 20/04/2026" in conflict.reason
    import_files(unit, files=[forged])
    assert unit.scalar("SELECT count(*) FROM awards") == awards_before

    assert import_files(unit, files=[genuine])[0].status == "applied"  # the genuine package still goes in
    assert unit.scalar("SELECT count(*) FROM awards WHERE decision_no = '12/QĐ-UBND'") == 1


def _register(pair, tmp_path):
    """The demo commune's genuine award register of 2024, its records, and the province that trusts it."""
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    path = export_package(unit, kind="award_register", year=2024, out=tmp_path / "so-2024.tdkt")
    _manifest, entries = unpack(path)
    return unit, prov, path, json.loads(entries["data/awards.json"])["records"]


def _like(record: dict, **changes) -> dict:
    return copy.deepcopy(record) | {"uuid": str(uuid.uuid4())} | changes


def test_a_register_may_not_count_what_no_unit_holds(pair, tmp_path):
    unit, prov, genuine, records = _register(pair, tmp_path)
    person = next(r for r in records if r["target_kind"] == "individual" and r["code"] == "LDTT")
    planted = [
        _like(person, code="KHONG_CO"),
        _like(person, code="LDTT", category="award_form"),
        _like(person, code="BK_TTG", category="award_form", source="unit"),
        _like(person, code="LDTT", decision_no="99/QĐ-UBND"),  # a second LĐTT of 2024 for the same person
        _like(person, year=2023, code="GIAY_KHEN", category="award_form"),  # planted in another year's figures
    ]
    forged = _reforged(genuine, own_keys(unit), tmp_path, "so-gia.tdkt", "data/awards.json", records + planted)

    plan = plan_import(prov, forged)
    reasons = [conflict.reason for conflict in plan.conflicts]
    assert len(reasons) == 5, reasons
    assert "“KHONG_CO” không có trong danh mục" in reasons[0]
    assert "là danh hiệu thi đua nhưng sổ theo dõi ghi là hình thức khen thưởng" in reasons[1]
    assert "Thủ tướng" in reasons[2] and "đơn vị không tự quyết định" in reasons[2]
    assert "trùng với bản ghi thứ" in reasons[3] and "một lần trong năm" in reasons[3]
    assert "khen thưởng năm 2023 nằm trong sổ theo dõi năm 2024" in reasons[4]
    apply_import(prov, plan)
    (row,) = consolidated(prov, year=2024)["units"]
    unit_counts: dict[str, int] = {}
    for record in records:
        unit_counts[record["code"]] = unit_counts.get(record["code"], 0) + 1
    assert row["awards_by_code"] == unit_counts  # exactly the genuine register, nothing planted
    assert not consolidated(prov, year=2023)["units"] or not consolidated(prov, year=2023)["units"][0].get(
        "awards_by_code"
    )


def test_the_genuine_register_is_counted_whole(pair, tmp_path):
    _unit, prov, genuine, records = _register(pair, tmp_path)
    plan = plan_import(prov, genuine)
    assert not plan.conflicts and len(plan.actions) == len(records)


def test_a_register_may_not_move_the_day_of_a_decision_the_province_recorded(decided, tmp_path):
    """The decided fixture's province recorded 12/QĐ-UBND of "UBND tỉnh", signed 01/03/2026; the unit's register of
    2024 claims a Bằng khen under that number signed another day."""
    unit, prov, _genuine, _nominations = decided
    path = export_package(unit, kind="award_register", year=YEAR - 1, out=tmp_path / "so.tdkt")
    record = json.loads(unpack(path)[1]["data/awards.json"])["records"][0]
    claimed = _like(
        record,
        code="BK_TINH",
        category="award_form",
        source="above",
        issuer="UBND tỉnh",
        decision_no="12/QĐ-UBND",
        decision_date=f"{YEAR + 1}-05-05",
    )
    forged = _reforged(path, own_keys(unit), tmp_path, "so-ngay-khac.tdkt", "data/awards.json", [record, claimed])
    (conflict,) = plan_import(prov, forged).conflicts
    assert "12/QĐ-UBND" in conflict.reason and "05/05/2026" in conflict.reason and "01/03/2026" in conflict.reason

    another_body = _like(claimed, issuer="UBND huyện Đồng Văn")  # its own 12/QĐ-UBND: not the province's to judge
    forged = _reforged(path, own_keys(unit), tmp_path, "so-co-quan-khac.tdkt", "data/awards.json", [another_body])
    assert not plan_import(prov, forged).conflicts
