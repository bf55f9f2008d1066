"""A department rated by the clerk goes the whole way: evaluate → review round → ballot → decision → register / dossier.

(a) "Phòng Kinh tế", rated HTTNV through ops.collectives, is TTLĐTT: decided by the commune chair in a decision after
1/7/2025, with its money (0,8 × base salary) and a line in the register; no paper by default (NĐ 152/2025, Điều 50).
(b) "Văn phòng HĐND và UBND", rated HTXSNV, with everyone completing tasks, 80 % LĐTT and one CSTĐCS (voted by the
council, as the pack requires), is proposed for TTLĐXS: the province decides it, so it goes up in the dossier and
the package, never in a commune decision; its paper would be a Bằng chứng nhận.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.eligibility import Status
from desktop.ops import collectives, review
from desktop.ops.rules import effective_pack, evaluate_year
from desktop.store import ValidationError
from tests.collective_flow import (
    COUNCIL,
    CSTDCS_PERSON,
    DECISION_DAY,
    ECONOMY,
    OFFICE,
    TTLDTT_AMOUNT,
    YEAR,
    add_people,
    decide_members_ldtt,
)


@pytest.fixture
def commune(unit_store):
    ids = add_people(unit_store)
    departments = {name: collectives.department_by_name(unit_store, name)["id"] for name in (ECONOMY, OFFICE)}
    return unit_store, ids, departments


def _verdict(verdicts, department_id, code):
    return next(v for v in verdicts if v.subject == "collective" and v.subject_id == department_id and v.code == code)


def test_without_the_collectives_own_rating_no_collective_title(commune):
    store, _ids, departments = commune
    verdicts = evaluate_year(store, year=YEAR)
    for department_id in departments.values():
        for code in ("TTLDTT", "TTLDXS"):
            found = _verdict(verdicts, department_id, code)
            assert found.status == Status.NOT_ELIGIBLE
            assert any("Tập thể xếp loại năm 2025: chưa có xếp loại" in line for line in found.lines())


def test_ttldtt_rated_by_the_clerk_is_decided_by_the_commune_with_its_money(commune, tmp_path: Path):
    store, _ids, departments = commune
    economy = departments[ECONOMY]
    collectives.set_collective_rating(store, department_id=economy, year=YEAR, rating="HTTNV")

    # evaluate: eligible, with the members counted named
    verdict = _verdict(evaluate_year(store, year=YEAR), economy, "TTLDTT")
    assert verdict.status == Status.ELIGIBLE
    lines = verdict.lines()
    assert any(line.startswith("3/4 thành viên đạt LĐTT = 75,0% (cần nhiều hơn 50%)") for line in lines)
    assert any(
        line.startswith("Thành viên chưa đạt LĐTT năm 2025 (1/4): Vàng Seo Pháo: xếp loại HTNV") for line in lines
    )

    # review round: the program proposes it, conferred by the unit on the planned date (no ballot in the pack)
    round_id = review.create_round(store, year=YEAR, decision_date=DECISION_DAY)
    nominations = review.get_round(store, round_id)["nominations"]
    [ttldtt] = [n for n in nominations if n["code"] == "TTLDTT"]
    assert ttldtt["department_id"] == economy and ttldtt["proposed_by_engine"]
    assert ttldtt["conferred_by"] == "unit" and not ttldtt["ballot_required"]
    assert any("Thành viên đạt LĐTT năm 2025 (3/4)" in r["text"] for r in ttldtt["engine_reasons"])

    # before 1/7/2025 the district chair conferred TTLĐTT: a decision of that date is refused
    with pytest.raises(ValidationError) as excinfo:
        review.issue_decision(
            store, round_id=round_id, decision_date=date(2025, 6, 30), signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo", subject="Về việc tặng danh hiệu Tập thể lao động tiên tiến năm 2025",
            achievement_text="Đã hoàn thành tốt nhiệm vụ năm 2025", nomination_ids=[ttldtt["id"]],
        )  # fmt: skip
    assert "cấp huyện" in str(excinfo.value)

    # its members' LĐTT, the share the title rests on (Luật TĐKT 2022, Điều 28), decided first: 1/QĐ-UBND
    ldtt = review.get_decision(store, decision_id=decide_members_ldtt(store, round_id, economy, DECISION_DAY))
    assert ldtt["number_text"] == "1/QĐ-UBND" and {a["code"] for a in ldtt["awardees"]} == {"LDTT"}

    # the commune's decision, after 1/7/2025, with the money
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=DECISION_DAY, signer_title="Chủ tịch", signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Tập thể lao động tiên tiến năm 2025",
        achievement_text="Đã hoàn thành tốt nhiệm vụ năm 2025", nomination_ids=[ttldtt["id"]],
    )  # fmt: skip
    decision = review.get_decision(store, decision_id=decision_id)
    [awardee] = decision["awardees"]
    assert decision["number_text"] == "2/QĐ-UBND" and decision["decision_date"] == "2025-12-26"
    assert (awardee["target_kind"], awardee["snapshot_name"], awardee["code"]) == ("collective", ECONOMY, "TTLDTT")
    assert awardee["amount"] == TTLDTT_AMOUNT == decision["total_amount"]
    assert "0,8 × 2.340.000" in awardee["arithmetic"]

    # the award register of the collective
    [entry] = review.register_entries(store, department_id=economy)
    assert (entry["year"], entry["code"], entry["source"]) == (YEAR, "TTLDTT", "unit")
    assert entry["decision_number_text"] == "2/QĐ-UBND" and entry["register_no"] == 1
    assert entry["amount"] == TTLDTT_AMOUNT

    # its "certificate": since 1/7/2025 no paper by default — the line in the decision and the payment list
    pack = effective_pack(store)
    assert pack.paper("TTLDTT", DECISION_DAY) == ""
    from desktop.ops.documents import render_document
    from tests.ops.test_movements import pdf_text

    text = pdf_text(render_document(store, kind="decision", decision_number="2/QĐ-UBND", out=tmp_path / "qd.pdf"))
    assert ECONOMY in text and "Tập thể lao động tiên tiến" in text and "1.880.000" in text
    payment = pdf_text(render_document(store, kind="payment", decision_number="2/QĐ-UBND", out=tmp_path / "ct.pdf"))
    assert ECONOMY in payment and "1.880.000" in payment


def test_ttldxs_goes_up_in_the_dossier_not_in_a_commune_decision(commune, tmp_path: Path):
    store, ids, departments = commune
    office = departments[OFFICE]
    collectives.set_collective_rating(store, department_id=office, year=YEAR, rating="HTXSNV")

    verdict = _verdict(evaluate_year(store, year=YEAR), office, "TTLDXS")
    assert verdict.status == Status.NEEDS_VOTE  # its CSTĐCS member still needs the council's vote
    lines = verdict.lines()
    assert any(line.startswith("5/5 thành viên xếp loại Hoàn thành nhiệm vụ trở lên = 100,0%") for line in lines)
    assert any(line.startswith("4/5 thành viên đạt LĐTT = 80,0% (cần từ 70%)") for line in lines)
    assert any(f"Thành viên đạt CSTĐCS năm 2025: {CSTDCS_PERSON} (chờ Hội đồng bỏ phiếu)" in line for line in lines)
    assert any("Chủ tịch UBND cấp tỉnh" in line for line in lines)

    round_id = review.create_round(store, year=YEAR, decision_date=DECISION_DAY)
    nominations = review.get_round(store, round_id)["nominations"]
    [ttldxs] = [n for n in nominations if n["code"] == "TTLDXS"]
    [cstdcs] = [n for n in nominations if n["code"] == "CSTDCS"]
    assert ttldxs["department_id"] == office and ttldxs["conferred_by"] == "upward"
    assert not ttldxs["ballot_required"] and cstdcs["ballot_required"] and cstdcs["staff_id"] == ids[CSTDCS_PERSON]

    # the ballot the pack requires (CSTĐCS, ≥ 80 % of all members)
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường UBND xã",
        members=[{"full_name": name, "role": role, "attended": True} for name, role in COUNCIL],
    )  # fmt: skip
    ballot = review.record_ballot(store, nomination_id=cstdcs["id"], agree=5, disagree=0, invalid=0)
    assert ballot["passed"]

    # TTLĐXS is the province's: a commune decision refuses it and names the dossier
    with pytest.raises(ValidationError) as excinfo:
        review.issue_decision(
            store, round_id=round_id, decision_date=DECISION_DAY, signer_title="Chủ tịch", signer_name="Sùng Mí Pháo",
            subject="Về việc tặng danh hiệu", achievement_text="", nomination_ids=[ttldxs["id"]],
        )  # fmt: skip
    assert "hồ sơ đề nghị cấp trên" in str(excinfo.value)
    # the commune decides what is its own (CSTĐCS, LĐTT, the office's TTLĐTT); TTLĐXS is never among them
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=DECISION_DAY, signer_title="Chủ tịch", signer_name="Sùng Mí Pháo",
        subject="Về việc khen thưởng năm 2025", achievement_text="Đã hoàn thành xuất sắc nhiệm vụ năm 2025",
    )  # fmt: skip
    codes = {a["code"] for a in review.get_decision(store, decision_id=decision_id)["awardees"]}
    assert "TTLDXS" not in codes and {"CSTDCS", "LDTT", "TTLDTT"} <= codes

    dossier_id = review.build_dossier(store, round_id=round_id)
    dossier = review.get_dossier(store, dossier_id=dossier_id)
    assert [(n["code"], n["department_id"], n["status"]) for n in dossier["nominations"]] == [
        ("TTLDXS", office, "sent_up")
    ]
    assert not store.query("SELECT id FROM awards WHERE code = 'TTLDXS'")  # decided above, not here
    assert effective_pack(store).paper("TTLDXS", DECISION_DAY) == "bang_chung_nhan"

    # the dossier package carries the collective's own rating, so the province sees it
    from desktop.exchange.exporter import export_package
    from tests.exchange import unpack

    path = export_package(store, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs", with_attachments=False)
    _manifest, entries = unpack(path)
    [record] = json.loads(entries["data/nominations.json"])["records"]
    assert record["code"] == "TTLDXS" and record["collective"]["name"] == OFFICE
    assert record["collective"]["ratings"] == [{"year": YEAR, "rating": "HTXSNV"}]
    assert any(r["text"].startswith("Thành viên đạt LĐTT năm 2025 (4/5)") for r in record["engine_reasons"])
