"""What the province decides, and what a unit takes from it, must be a real decision on what was asked (review F).

- A signed "awarded" decision with no number or no date is not entered in the unit's register (a Bằng khen with no
  document behind it).
- One decision number is one document: the same number with another signing day in the same year is refused at
  the province and, coming down in a package, at the unit.
- A nomination the province has decided cannot be moved by a later dossier to another person or another award.
- At the province: a nomination for an award missing from the catalogue, filed as the wrong category, or of
  another year than its dossier is a conflict; the province's clerk cannot record an award the province does not
  confer (the unit's own LĐTT, the central CSTĐ toàn quốc).
Real packages from the program's exporter, changed and signed again with the sender's key where a dishonest
program is played; real SQLite files.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import import_file, plan_import
from desktop.exchange.province import record_decision
from tests.exchange import YEAR, craft, own_keys, seed_dossier, unpack

DECISIONS = "data/decisions.json"
NOMINATIONS = "data/nominations.json"


def _resign(src: Path, dst: Path, keys, entry: str, change) -> Path:
    data, entries = unpack(src)
    content = json.loads(entries[entry])
    change(content["records"])
    entries[entry] = json.dumps(content, ensure_ascii=False).encode()
    data.pop("signature", None)
    data["counts"] = {next(iter(data["counts"])): len(content["records"])}  # a change may leave records out
    return craft(dst, keys, data, entries)


def _award(prov, nomination_uuid: str, number: str, signed: date) -> str:
    """The province's clerk records "awarded" on one of Lũng Cú's nominations."""
    return record_decision(
        prov,
        unit_code="00715",
        nomination_uuid=nomination_uuid,
        awarded=True,
        decision_no=number,
        decision_date=signed,
        issuer="UBND tỉnh",
    )


def _reasons(store, path: Path) -> list[str]:
    return [conflict.reason for conflict in plan_import(store, path).conflicts]


def _awards_from_above(store) -> list[dict]:
    return store.query("SELECT code, decision_no, decision_date FROM awards WHERE source = 'above' ORDER BY id")


@pytest.mark.parametrize(
    ("field", "empty", "said"),
    [("decision_no", "", "không ghi số quyết định"), ("decision_date", None, "không ghi ngày ký")],
)
def test_an_awarded_decision_without_its_number_or_date_is_not_entered(decided, tmp_path, field, empty, said):
    unit, prov, path, _nominations = decided
    before = _awards_from_above(unit)
    forged = _resign(
        path, tmp_path / "qd-trong.tdkt", own_keys(prov), DECISIONS, lambda rs: rs[0].update({field: empty})
    )
    assert any(said in reason for reason in _reasons(unit, forged))
    result = import_file(unit, forged)
    assert result.counts["province_decision"]["conflicts"] == 1
    assert _awards_from_above(unit) == before
    # the province's genuine decision still goes in
    genuine = export_package(
        prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd-that.tdkt", receiver="00715"
    )
    assert import_file(unit, genuine).status == "applied"
    assert _awards_from_above(unit)[-1]["decision_no"] == "12/QĐ-UBND"


def test_one_decision_number_is_one_document_at_the_province(decided):
    _unit, prov, _path, nominations = decided
    with pytest.raises(PackageError) as refused:
        _award(prov, nominations[1], "12/QĐ-UBND", date(YEAR + 1, 5, 1))
    assert "Số quyết định 12/QĐ-UBND đã ghi với ngày ký 01/03/2026" in refused.value.message
    # the same decision (same number, same day) may list several nominations
    _award(prov, nominations[1], "12/QĐ-UBND", date(YEAR + 1, 3, 1))


def test_one_decision_number_is_one_document_at_the_unit(decided, tmp_path):
    unit, prov, path, nominations = decided
    assert import_file(unit, path).status == "applied"
    _award(prov, nominations[1], "13/QĐ-UBND", date(YEAR + 1, 5, 1))
    later = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd2.tdkt", receiver="00715")

    def reuse(records: list[dict]) -> None:
        # only the later decision travels (one that also carried 12/QĐ-UBND of 01/03 would contradict itself:
        # tests/exchange/test_register_claims_f41.py), under the number of the decision of 01/03/2026
        records[:] = [record for record in records if record["nomination_uuid"] == nominations[1]]
        records[0]["decision_no"] = "12/QĐ-UBND"

    forged = _resign(later, tmp_path / "qd2-gia.tdkt", own_keys(prov), DECISIONS, reuse)
    reasons = _reasons(unit, forged)
    assert any(
        "số quyết định 12/QĐ-UBND đã có trong sổ khen thưởng với ngày ký 01/03/2026" in reason for reason in reasons
    ), reasons
    import_file(unit, forged)
    numbers = [a["decision_no"] for a in _awards_from_above(unit)]
    assert numbers.count("12/QĐ-UBND") == 1 and "13/QĐ-UBND" not in numbers


def test_a_decided_nomination_cannot_be_moved_to_another_person_or_award(decided, tmp_path):
    unit, prov, _path, nominations = decided
    again = export_package(
        unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "lai.tdkt", with_attachments=False
    )

    def move(records: list[dict]) -> None:
        for record in records:
            if record["uuid"] == nominations[0]:
                record["person"]["uuid"] = "7d0f6c8e-1111-4222-8333-944455556666"
                record["person"]["name"] = "Nguyễn Văn Khác"

    forged = _resign(again, tmp_path / "lai-gia.tdkt", own_keys(unit), NOMINATIONS, move)
    reasons = _reasons(prov, forged)
    assert any("tỉnh đã ghi quyết định (12/QĐ-UBND) cho đề nghị này" in reason for reason in reasons), reasons
    import_file(prov, forged)
    row = prov.query_one(
        "SELECT content FROM remote_records WHERE record_kind = 'nomination' AND record_uuid = ?", (nominations[0],)
    )
    assert json.loads(row["content"])["person"]["name"] != "Nguyễn Văn Khác"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda r: r.update(code="KHONG_CO"), "mã “KHONG_CO” không có trong danh mục"),
        (lambda r: r.update(category="title"), "là hình thức khen thưởng nhưng đề nghị ghi là danh hiệu thi đua"),
        (lambda r: r.update(year=2031), "đề nghị năm 2031 nằm trong hồ sơ năm 2025"),
    ],
)
def test_the_province_takes_no_nomination_outside_the_catalogue_or_the_year(sent_dossier, tmp_path, change, said):
    _unit, prov, path = sent_dossier
    unit = _unit

    def first_bk(records: list[dict]) -> None:
        change(next(r for r in records if r["code"] == "BK_TINH"))

    forged = _resign(path, tmp_path / "hs-gia.tdkt", own_keys(unit), NOMINATIONS, first_bk)
    assert any(said in reason for reason in _reasons(prov, forged)), _reasons(prov, forged)
    result = import_file(prov, forged)
    assert result.counts["nomination"]["conflicts"] == 1


@pytest.mark.parametrize(
    ("code", "said"),
    [("LDTT", "do đơn vị tự quyết định"), ("CSTD_TQ", "do cấp Trung ương quyết định")],
)
def test_the_province_records_only_awards_it_confers(pair, tmp_path, code, said):
    unit, prov = pair
    nominations = seed_dossier(unit)
    unit.execute("UPDATE nominations SET code = ?, category = 'title' WHERE uuid = ?", (code, nominations[0]))
    up = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "len.tdkt", with_attachments=False)
    import_file(prov, up)
    with pytest.raises(PackageError) as refused:
        _award(prov, nominations[0], "20/QĐ-UBND", date(YEAR + 1, 3, 1))
    assert said in refused.value.message
    # "not awarded" may still be recorded: the province answers the unit
    record_decision(
        prov, unit_code="00715", nomination_uuid=nominations[0], awarded=False, note="Không thuộc thẩm quyền"
    )


def test_another_bodys_decision_of_the_same_number_is_no_conflict(decided):
    """A district's 12/QĐ-UBND of another day, entered by hand, is another body's document: the province's genuine
    12/QĐ-UBND still goes in (only decisions from the same sender are compared)."""
    from desktop.ops import rules

    unit, _prov, path, _nominations = decided
    staff_id = unit.scalar("SELECT id FROM staff ORDER BY id DESC LIMIT 1")
    rules.record_award_from_above(
        unit,
        staff_id=staff_id,
        year=YEAR,
        code="GIAY_KHEN",
        decision_no="12/QĐ-UBND",
        decision_date=date(YEAR + 1, 1, 15),
        issuer="Chủ tịch UBND huyện Đồng Văn",
    )
    assert _reasons(unit, path) == []
    assert import_file(unit, path).status == "applied"
    assert [a["decision_date"] for a in _awards_from_above(unit) if a["decision_no"] == "12/QĐ-UBND"] == [
        "2026-01-15",
        "2026-03-01",
    ]


def _council_voted(unit, nomination_uuid: str, meeting: date) -> None:
    """The commune's council met on ``meeting`` and voted to propose the nomination (as the review page records)."""
    from desktop.store import new_uuid, now_iso

    stamp = now_iso()
    row = unit.query_one("SELECT id, round_id FROM nominations WHERE uuid = ?", (nomination_uuid,))
    with unit.transaction(operation="test.council"):
        unit.insert(
            "councils",
            {
                "uuid": new_uuid(),
                "round_id": row["round_id"],
                "meeting_date": meeting.isoformat(),
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        unit.insert(
            "ballots",
            {
                "uuid": new_uuid(),
                "nomination_id": row["id"],
                "members_total": 7,
                "present": 7,
                "agree": 6,
                "disagree": 1,
                "invalid": 0,
                "passed": 1,
                "threshold": "trên 50%",
                "created_at": stamp,
                "updated_at": stamp,
            },
        )


def test_a_decision_dated_before_the_units_council_voted_is_not_entered(decided):
    unit, _prov, path, nominations = decided
    _council_voted(unit, nominations[0], date(YEAR + 1, 3, 5))  # the decision is dated 01/03/2026
    before = _awards_from_above(unit)
    reasons = _reasons(unit, path)
    assert any("ghi ngày 01/03/2026, trước ngày Hội đồng" in r and "(05/03/2026)" in r for r in reasons), reasons
    assert import_file(unit, path).counts["province_decision"]["conflicts"] == 1
    assert _awards_from_above(unit) == before


def test_a_decision_dated_on_or_after_the_vote_is_entered(decided):
    unit, _prov, path, nominations = decided
    _council_voted(unit, nominations[0], date(YEAR + 1, 3, 1))  # voted and decided the same day
    assert _reasons(unit, path) == []
    assert import_file(unit, path).status == "applied"
    assert _awards_from_above(unit)[-1]["decision_date"] == f"{YEAR + 1}-03-01"
