"""One decision number is one document however it is spelt, at the province and at the unit (s44).

The province recorded 12/QĐ-UBND of "UBND tỉnh", signed 01/03/2026 (the ``decided`` fixture). "12/Qđ-UBND",
"12 / QĐ-UBND", "12/QĐ–UBND" and "12/qđ-ubnd" are that number
(:func:`desktop.domain.decision_number.decision_number_key`):
- the province's clerk cannot record it again with another signing day;
- a province package bringing it with another day is not entered at the unit, nor one giving it two days itself;
- a unit's register claiming it (from "Ủy ban nhân dân tỉnh", the same body) with another day is a conflict.
The texts stored stay as typed. Real packages from the program's exporter, re-signed with the sender's own key where
a dishonest program is played; real SQLite files.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError, derived_uuid
from desktop.exchange.importer import import_file, plan_import
from desktop.exchange.province import record_decision
from tests.exchange import LUNG_CU, YEAR, craft, own_keys, unpack

VARIANTS = ["12/Qđ-UBND", "12 / QĐ-UBND", "12/QĐ–UBND", "12/qđ-ubnd"]
DECISIONS = "data/decisions.json"


def _award(prov, nomination_uuid: str, number: str, signed: date) -> str:
    return record_decision(
        prov,
        unit_code=LUNG_CU,
        nomination_uuid=nomination_uuid,
        awarded=True,
        decision_no=number,
        decision_date=signed,
        issuer="UBND tỉnh",
    )


def _reforged(path: Path, keys, folder: Path, name: str, entry: str, records: list[dict]) -> Path:
    manifest, entries = unpack(path)
    content = json.loads(entries[entry])
    content["records"] = records
    entries[entry] = json.dumps(content, ensure_ascii=False).encode()
    fields = {"package_uuid": str(uuid.uuid4()), "counts": {next(iter(manifest["counts"])): len(records)}}
    return craft(folder / name, keys, manifest | fields, entries)


@pytest.mark.parametrize("spelt", VARIANTS)
def test_the_province_does_not_record_one_number_with_a_second_day(decided, spelt):
    _unit, prov, _path, nominations = decided
    with pytest.raises(PackageError) as refused:
        _award(prov, nominations[1], spelt, date(YEAR + 1, 5, 1))
    assert f"Số quyết định {spelt} là số 12/QĐ-UBND đã ghi với ngày ký 01/03/2026" in refused.value.message
    # the same document (that day) may list another nomination, spelt as typed; another number is another document
    _award(prov, nominations[1], spelt, date(YEAR + 1, 3, 1))
    _award(prov, nominations[2], "112/QĐ-UBND", date(YEAR + 1, 5, 1))
    numbers = [
        row["number"]
        for row in prov.query(
            "SELECT json_extract(content, '$.decision_no') AS number FROM remote_records "
            "WHERE record_kind = 'province_decision' ORDER BY id"
        )
    ]
    assert numbers == ["12/QĐ-UBND", spelt, "112/QĐ-UBND"]  # kept as typed


@pytest.mark.parametrize("spelt", VARIANTS)
def test_the_unit_does_not_enter_one_number_with_a_second_day(decided, tmp_path, spelt):
    unit, prov, path, nominations = decided
    assert import_file(unit, path).status == "applied"
    _award(prov, nominations[1], "13/QĐ-UBND", date(YEAR + 1, 5, 1))
    later = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd2.tdkt", receiver=LUNG_CU)
    records = json.loads(unpack(later)[1][DECISIONS])["records"]
    reused = [r | {"decision_no": spelt} for r in records if r["nomination_uuid"] == nominations[1]]
    forged = _reforged(later, own_keys(prov), tmp_path, "qd2-gia.tdkt", DECISIONS, reused)
    reasons = [conflict.reason for conflict in plan_import(unit, forged).conflicts]
    assert any(
        f"số quyết định {spelt} (12/QĐ-UBND) đã có trong sổ khen thưởng với ngày ký 01/03/2026" in r for r in reasons
    ), reasons
    import_file(unit, forged)
    assert unit.scalar("SELECT count(*) FROM awards WHERE source = 'above' AND decision_date = ?", ("2026-05-01",)) == 0


@pytest.mark.parametrize("spelt", VARIANTS)
def test_a_package_giving_one_number_two_days_enters_neither(decided, tmp_path, spelt):
    unit, prov, genuine, nominations = decided
    (first,) = json.loads(unpack(genuine)[1][DECISIONS])["records"]
    second = dict(first) | {
        "uuid": derived_uuid("decision", LUNG_CU, nominations[1]),
        "nomination_uuid": nominations[1],
        "code": "BK_TINH",
        "category": "award_form",
        "decision_no": spelt,
        "decision_date": f"{YEAR + 1}-04-20",
    }
    forged = _reforged(genuine, own_keys(prov), tmp_path, "qd-2-ngay.tdkt", DECISIONS, [first, second])
    plan = plan_import(unit, forged)
    assert len(plan.conflicts) == 2
    for conflict in plan.conflicts:
        assert "01/03/2026, 20/04/2026" in conflict.reason


@pytest.mark.parametrize("spelt", VARIANTS)
def test_a_register_may_not_move_the_day_of_the_provinces_decision_however_spelt(decided, tmp_path, spelt):
    unit, prov, _genuine, _nominations = decided
    path = export_package(unit, kind="award_register", year=YEAR - 1, out=tmp_path / "so.tdkt")
    record = json.loads(unpack(path)[1]["data/awards.json"])["records"][0]
    claimed = copy.deepcopy(record) | {
        "uuid": str(uuid.uuid4()),
        "code": "BK_TINH",
        "category": "award_form",
        "source": "above",
        "issuer": "Ủy ban nhân dân tỉnh",  # the province recorded "UBND tỉnh": the same body
        "decision_no": spelt,
        "decision_date": f"{YEAR + 1}-05-05",
    }
    forged = _reforged(path, own_keys(unit), tmp_path, "so-ngay-khac.tdkt", "data/awards.json", [record, claimed])
    (conflict,) = plan_import(prov, forged).conflicts
    assert spelt in conflict.reason and "05/05/2026" in conflict.reason and "01/03/2026" in conflict.reason
    another_body = claimed | {"issuer": "UBND huyện Đồng Văn"}  # its own 12/QĐ-UBND: not the province's to judge
    forged = _reforged(path, own_keys(unit), tmp_path, "so-co-quan-khac.tdkt", "data/awards.json", [another_body])
    assert not plan_import(prov, forged).conflicts
