"""Collectives' own yearly ratings travel to the province (format 1.1): with each collective of a nomination or an
award, and for every collective in the yearly report. The fields are optional, so 1.0 packages still read."""

from __future__ import annotations

import json

import pytest

from desktop.exchange import province
from desktop.exchange.exporter import COLLECTIVE_RATING_YEARS, export_package
from desktop.exchange.format import FORMAT_VERSION, PackageError
from desktop.exchange.records import record_problem, validate_entry
from desktop.ops import collectives
from desktop.ops import exchange as ops
from tests.exchange import YEAR, seed_dossier, unpack


def _records(path) -> list[dict]:
    _manifest, entries = unpack(path)
    [data] = [json.loads(v) for k, v in entries.items() if k.startswith("data/")]
    return data["records"]


def test_a_collective_nominee_travels_with_its_ratings(pair, tmp_path):
    unit, prov = pair
    uuids = seed_dossier(unit)
    department_id = unit.scalar("SELECT department_id FROM nominations WHERE uuid = ?", (uuids[2],))
    # the ratings as stored: once the dossier is sent up they cannot change (tests/ops/test_ratings_after_decision.py)
    stored = {r["year"]: r["rating"] for r in collectives.ratings_history(unit, department_id=department_id)}
    path = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs", with_attachments=False)
    manifest, _entries = unpack(path)
    assert manifest["format_version"] == FORMAT_VERSION == "1.1"
    by_uuid = {r["uuid"]: r for r in _records(path)}
    ratings = by_uuid[uuids[2]]["collective"]["ratings"]
    assert ratings[-2:] == [{"year": YEAR - 1, "rating": stored[YEAR - 1]}, {"year": YEAR, "rating": stored[YEAR]}]
    assert {r["year"] for r in ratings} <= set(range(YEAR - COLLECTIVE_RATING_YEARS + 1, YEAR + 1))
    assert by_uuid[uuids[0]]["collective"] is None  # a person's nomination has no collective

    [result] = ops.import_files(prov, files=[path])
    assert result.status == "applied"
    stored = prov.query_one("SELECT content FROM remote_records WHERE record_uuid = ?", (uuids[2],))
    assert json.loads(stored["content"])["collective"]["ratings"] == ratings


def test_the_yearly_report_and_the_register_carry_the_collectives_ratings(pair, tmp_path):
    from desktop.ops.demo import fill_demo
    from tests.demo_date import DEMO_TODAY

    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    economy = collectives.department_by_name(unit, "Phòng Kinh tế")["id"]
    collectives.set_collective_rating(unit, department_id=economy, year=YEAR, rating="KHTNV")
    report = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bc.tdkt")
    [record] = _records(report)
    rows = {r["name"]: r for r in record["collective_ratings"]}
    assert rows["Phòng Kinh tế"] == {"uuid": rows["Phòng Kinh tế"]["uuid"], "name": "Phòng Kinh tế",
                                     "rating": "KHTNV", "members": 8}  # fmt: skip
    assert len(rows) == 5 and all(r["rating"] for r in rows.values())

    register = export_package(unit, kind="award_register", year=YEAR - 1, out=tmp_path / "so.tdkt")
    collective_awards = [r for r in _records(register) if r["target_kind"] == "collective"]
    assert collective_awards and all(r["collective"]["ratings"] for r in collective_awards)
    assert all(r["collective"]["ratings"][-1]["year"] == YEAR - 1 for r in collective_awards)

    results = ops.import_files(prov, files=[report, register])
    assert [r.status for r in results] == ["applied", "applied"]
    [row] = province.consolidated(prov, year=YEAR)["units"]
    received = {r["name"]: r["rating"] for r in row["yearly_report"]["collective_ratings"]}
    assert received["Phòng Kinh tế"] == "KHTNV"


def test_records_without_the_new_fields_still_validate():
    collective = {"uuid": "0b2e1c3a-1111-4222-8333-444455556666", "name": "Phòng Kinh tế"}
    award = {
        "uuid": "0b2e1c3a-1111-4222-8333-444455556667", "year": YEAR, "target_kind": "collective", "person": None,
        "collective": collective, "household_name": "", "code": "TTLDTT", "category": "title", "source": "unit",
        "decision_no": "1/QĐ-UBND", "decision_date": "2025-12-26", "issuer": "", "amount": 1880000,
    }  # fmt: skip
    assert record_problem("award", award) is None  # a format 1.0 record
    report = {
        "uuid": "0b2e1c3a-1111-4222-8333-444455556668", "year": YEAR, "unit_code": "00715", "staff_total": 1,
        "women_total": 0, "leaders_total": 0, "ethnic_minority_total": 0, "rows": [],
    }  # fmt: skip
    assert record_problem("yearly_report", report) is None
    assert record_problem("award", award | {"collective": collective | {"ratings": []}}) is None


def test_a_bad_rating_in_a_package_is_refused_naming_record_and_field():
    collective = {"uuid": "0b2e1c3a-1111-4222-8333-444455556666", "name": "Phòng Kinh tế"}
    award = {
        "uuid": "0b2e1c3a-1111-4222-8333-444455556667", "year": YEAR, "target_kind": "collective", "person": None,
        "collective": collective | {"ratings": [{"year": YEAR, "rating": "GIOI"}]}, "household_name": "",
        "code": "TTLDTT", "category": "title", "source": "unit", "decision_no": "", "decision_date": None,
        "issuer": "", "amount": None,
    }  # fmt: skip
    with pytest.raises(PackageError) as excinfo:
        validate_entry("data/awards.json", "award", {"record_kind": "award", "records": [award]})
    assert excinfo.value.code == "record"
    assert "bản ghi thứ 1" in excinfo.value.message and "trường “collective”" in excinfo.value.message
    assert "ratings" in excinfo.value.message and "HTXSNV" in excinfo.value.message
    report = {
        "uuid": "0b2e1c3a-1111-4222-8333-444455556668", "year": YEAR, "unit_code": "00715", "staff_total": 1,
        "women_total": 0, "leaders_total": 0, "ethnic_minority_total": 0, "rows": [],
        "collective_ratings": [{"uuid": collective["uuid"], "name": "Phòng Kinh tế", "rating": "X", "members": 3}],
    }  # fmt: skip
    assert record_problem("yearly_report", report)[0] == "collective_ratings"


def test_ttldxs_sent_up_is_decided_by_the_province_and_comes_back_as_an_award(pair, tmp_path):
    from datetime import date

    from desktop.ops import review
    from tests.collective_flow import COUNCIL, DECISION_DAY, OFFICE, add_people, decide_members_ldtt

    unit, prov = pair
    add_people(unit)
    office = collectives.department_by_name(unit, OFFICE)["id"]
    collectives.set_collective_rating(unit, department_id=office, year=YEAR, rating="HTXSNV")
    round_id = review.create_round(unit, year=YEAR, decision_date=DECISION_DAY)
    nominations = review.get_round(unit, round_id)["nominations"]
    [cstdcs] = [n for n in nominations if n["code"] == "CSTDCS"]
    [ttldxs] = [n for n in nominations if n["code"] == "TTLDXS"]
    review.set_council(
        unit, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường",
        members=[{"full_name": name, "role": role, "attended": True} for name, role in COUNCIL],
    )  # fmt: skip
    review.record_ballot(unit, nomination_id=cstdcs["id"], agree=5, disagree=0, invalid=0)
    decide_members_ldtt(unit, round_id, office, DECISION_DAY)  # the share TTLĐXS rests on (Luật TĐKT 2022, Điều 27)
    review.build_dossier(unit, round_id=round_id)
    province_fp = ops.show_keys(prov)["fingerprint"]
    sent = ops.export(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs", encrypt_to=province_fp)
    [result] = ops.import_files(prov, files=[sent["path"]])
    assert result.status == "applied"

    [seen] = province.consolidated(prov, year=YEAR)["nominations"]
    assert (seen["name"], seen["code"], seen["target_kind"]) == (OFFICE, "TTLDXS", "collective")
    assert seen["ratings"] == [{"year": YEAR, "rating": "HTXSNV"}]

    province.record_decision(
        prov, unit_code="00715", nomination_uuid=ttldxs["uuid"], awarded=True, decision_no="215/QĐ-UBND",
        decision_date=date(2026, 1, 20), issuer="Chủ tịch UBND tỉnh Tuyên Quang",
    )  # fmt: skip
    unit_fp = ops.show_keys(unit)["fingerprint"]
    down = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd.tdkt", encrypt_to=unit_fp)
    [back] = ops.import_files(unit, files=[down])
    assert back.status == "applied"
    award = unit.query_one("SELECT * FROM awards WHERE code = 'TTLDXS'")
    assert (award["target_kind"], award["department_id"], award["source"]) == ("collective", office, "above")
    assert award["decision_no"] == "215/QĐ-UBND" and award["year"] == YEAR
    assert unit.scalar("SELECT status FROM nominations WHERE id = ?", (ttldxs["id"],)) == "decided"


def test_the_member_list_of_a_large_collective_still_fits_in_a_package(pair, tmp_path):
    from desktop.exchange.records import TEXT_LIMIT

    unit, prov = pair
    uuids = seed_dossier(unit)
    names = ", ".join(f"Nguyễn Thị Thành Viên {i}" for i in range(400))  # ~10,000 characters
    reasons = [{"text": f"Thành viên đạt LĐTT năm 2025 (400/400): {names}", "cite": "Luật TĐKT 2022, Điều 27"}]
    with unit.transaction(operation="test.setup"):
        unit.execute(
            "UPDATE nominations SET engine_reasons = ? WHERE uuid = ?",
            (json.dumps(reasons, ensure_ascii=False), uuids[2]),
        )
    path = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs", with_attachments=False)
    [result] = ops.import_files(prov, files=[path])
    assert result.status == "applied"
    stored = json.loads(prov.scalar("SELECT content FROM remote_records WHERE record_uuid = ?", (uuids[2],)))
    text = stored["engine_reasons"][0]["text"]
    assert len(text) == TEXT_LIMIT and text.endswith("…") and text.startswith("Thành viên đạt LĐTT năm 2025 (400/400)")
