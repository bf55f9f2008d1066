"""A whole year of review through the ops layer, on the demo commune: round → council → posting → decision →
award history → correction, revocation, number gaps → dossier upward → the documents' data."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.amount_words import amount_in_words
from desktop.domain.staff import StaffDraft
from desktop.domain.text import sort_key
from desktop.ops import review, rules
from desktop.ops.demo import fill_demo
from desktop.ops.staff import edit_staff
from desktop.store import ValidationError, staff_repo
from tests.demo_date import DEMO_TODAY

TODAY = date(2026, 1, 10)
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair", "attended": True},
    {"full_name": "Lò Văn Chứ", "role": "deputy", "attended": True},
    {"full_name": "Hoàng Thị Mai", "role": "member", "attended": True},
    {"full_name": "Giàng Seo Dũng", "role": "member", "attended": True},
    {"full_name": "Lý Văn Hùng", "role": "member", "attended": True},
    {"full_name": "Đỗ Thị Lan", "role": "member", "attended": True},
    {"full_name": "Phạm Văn Long", "role": "member", "attended": True},
    {
        "full_name": "Trần Văn Minh",
        "role": "member",
        "attended": False,
        "written_opinion": "Đồng ý với danh sách đề nghị",
    },
    {"full_name": "Vũ Thị Nga", "role": "member", "attended": False, "written_opinion": "Nhất trí"},
    {"full_name": "Vàng Thị Dở", "role": "secretary", "attended": True},
]


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _by(nominations, code, staff_id=None):
    found = [n for n in nominations if n["code"] == code and (staff_id is None or n["staff_id"] == staff_id)]
    assert found, (code, staff_id)
    return found


def test_demo_has_numbered_decisions_of_previous_years(demo):
    """Built on 4/12/2025: the commune's decisions of 2022–2024 follow the law of their dates (before 1/7/2025)."""
    decisions = review.list_decisions(demo)
    assert {d["decision_date"][:4] for d in decisions} == {"2022", "2023", "2024"}
    subjects = " | ".join(d["subject"] for d in decisions)
    for title in ("Lao động tiên tiến", "Giấy khen"):
        assert title in subjects
    # CSTĐCS and TTLĐTT were the district chair's before 1/7/2025: awards from above, never commune decisions.
    for title in ("Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến"):
        assert title not in subjects
    first = review.get_decision(demo, decision_id=decisions[-1]["id"])
    assert [a["register_no"] for a in first["awardees"]] == list(range(1, len(first["awardees"]) + 1))
    above = demo.query("SELECT * FROM awards WHERE source = 'above' ORDER BY year, code")
    assert {(a["year"], a["code"]) for a in above} == {
        (year, code) for year in (2022, 2023, 2024) for code in ("CSTDCS", "TTLDTT")
    } | {(2024, "BK_TINH")}
    assert {a["issuer"] for a in above if a["code"] != "BK_TINH"} == {"Chủ tịch Ủy ban nhân dân huyện Đồng Văn"}


def test_a_whole_year(demo):
    store = demo
    # -- the round: the engine proposes, keeping its verdict and reasons -----------------------------------------
    round_id = review.create_round(store, year=2025, posting_days=5, today=TODAY)
    detail = review.get_round(store, round_id)
    nominations = detail["nominations"]
    assert {n["status"] for n in nominations} == {"proposed"}
    assert {n["engine_verdict"] for n in nominations} <= {"eligible", "needs_vote"}
    ldtt = _by(nominations, "LDTT")
    assert all(n["engine_reasons"] and n["engine_reasons"][0]["cite"] for n in ldtt)
    assert _by(nominations, "BK_TINH") and _by(nominations, "CSTD_TINH", staff_id=3)
    assert review.list_rounds(store)[0]["id"] == round_id

    # -- remove one, with a reason only ---------------------------------------------------------------------------
    giay_khen = _by(nominations, "GIAY_KHEN")
    with pytest.raises(ValidationError) as excinfo:
        review.remove_nomination(store, nomination_id=giay_khen[0]["id"], reason="  ")
    assert excinfo.value.field == "reason"
    for item in giay_khen:  # the clerk keeps Giấy khen for a separate movement
        review.remove_nomination(store, nomination_id=item["id"], reason="Xét Giấy khen theo chuyên đề riêng")
    row = store.query_one("SELECT status, removed_reason FROM nominations WHERE id = ?", (giay_khen[0]["id"],))
    assert row == {"status": "removed", "removed_reason": "Xét Giấy khen theo chuyên đề riêng"}

    # -- add one against the engine's advice ----------------------------------------------------------------------
    maternity = 9  # rated HTNV in 2025: not eligible for LĐTT
    with pytest.raises(ValidationError) as excinfo:
        review.add_nomination(store, round_id=round_id, target_kind="individual", code="LDTT", staff_id=maternity)
    assert excinfo.value.field == "change_reason" and "Lý do thay đổi" in str(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        review.add_nomination(
            store,
            round_id=round_id,
            target_kind="individual",
            code="LDTT",
            staff_id=maternity,
            change_reason="Đề nghị của Phòng Văn hóa - Xã hội",
        )
    assert excinfo.value.field == "override_reason" and "không đủ điều kiện" in str(excinfo.value)
    added = review.add_nomination(
        store,
        round_id=round_id,
        target_kind="individual",
        code="LDTT",
        staff_id=maternity,
        change_reason="Đề nghị của Phòng Văn hóa - Xã hội",
        override_reason="Xếp loại được điều chỉnh theo kết luận phúc tra, chờ văn bản",
    )
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        review.add_nomination(
            store,
            round_id=round_id,
            target_kind="individual",
            code="LDTT",
            staff_id=maternity,
            change_reason="x",
            override_reason="y",
        )
    added_row = next(n for n in review.get_round(store, round_id)["nominations"] if n["id"] == added)
    assert added_row["engine_verdict"] == "not_eligible" and not added_row["proposed_by_engine"]

    # -- council and ballots --------------------------------------------------------------------------------------
    with pytest.raises(ValidationError, match="Chưa ghi thành phần Hội đồng"):
        review.record_ballot(store, nomination_id=_by(nominations, "CSTDCS")[0]["id"], agree=8, disagree=0, invalid=0)
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 5), location="Hội trường UBND xã", members=COUNCIL
    )
    council = review.get_round(store, round_id)["council"]
    assert council["members_total"] == 10 and council["present"] == 8
    cstdcs = _by(nominations, "CSTDCS")
    failing = next(n for n in cstdcs if n["staff_id"] == 15)
    exact = next(n for n in cstdcs if n["staff_id"] == 3)
    before = store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(ValidationError) as excinfo:
        review.record_ballot(store, nomination_id=exact["id"], agree=8, disagree=1, invalid=0)
    assert "nhiều hơn số thành viên có mặt" in str(excinfo.value) and "Đặng Văn Sơn" in str(excinfo.value)
    assert store.scalar("SELECT count(*) FROM audit_log") == before  # nothing written
    result = review.record_ballot(store, nomination_id=failing["id"], agree=7, disagree=1, invalid=0)
    assert result["passed"] is False and result["members_total"] == 10 and result["present"] == 8
    assert "7/10" in result["arithmetic"] and "không đạt" in result["arithmetic"]
    result = review.record_ballot(store, nomination_id=exact["id"], agree=8, disagree=0, invalid=0)
    assert result["passed"] is True and "80,0% ≥ 80%" in result["arithmetic"]
    passing = [n for n in cstdcs if n["id"] not in (failing["id"], exact["id"])][:3]
    for item in passing:
        assert review.record_ballot(store, nomination_id=item["id"], agree=8, disagree=0, invalid=0)["passed"]
    cstd_tinh = _by(nominations, "CSTD_TINH", staff_id=3)[0]
    assert not review.record_ballot(store, nomination_id=cstd_tinh["id"], agree=8, disagree=0, invalid=0)["passed"]

    # -- posting, then the decision -------------------------------------------------------------------------------
    with pytest.raises(ValidationError, match="chưa niêm yết"):
        review.issue_decision(
            store,
            round_id=round_id,
            decision_date=date(2025, 12, 20),
            signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo",
            subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
            achievement_text="Đã hoàn thành tốt nhiệm vụ năm 2025",
        )
    posting = review.start_posting(store, round_id=round_id, start=date(2025, 12, 8))
    assert posting["posted_to"] == "2025-12-12"
    ldtt_ids = [n["id"] for n in ldtt] + [added]
    header = {
        "signer_title": "Chủ tịch",
        "signer_name": "Sùng Mí Pháo",
        "subject": "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        "achievement_text": "Đã hoàn thành tốt nhiệm vụ năm 2025",
    }
    with pytest.raises(ValidationError, match="niêm yết công khai đến hết ngày 12/12/2025"):
        review.issue_decision(
            store, round_id=round_id, decision_date=date(2025, 12, 12), nomination_ids=ldtt_ids, **header
        )
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 20), nomination_ids=ldtt_ids, **header
    )
    decision = review.get_decision(store, decision_id=decision_id)
    assert decision["number_text"] == "1/QĐ-UBND" and decision["status"] == "issued"
    awardees = decision["awardees"]
    assert [a["register_no"] for a in awardees] == list(range(1, len(ldtt_ids) + 1))
    assert [sort_key(a["snapshot_name"]) for a in awardees] == sorted(sort_key(a["snapshot_name"]) for a in awardees)
    assert {a["amount"] for a in awardees} == {710_000}  # 0,3 × 2.340.000 = 702.000 → 710.000
    assert "702.000" in awardees[0]["arithmetic"]
    person = next(a for a in awardees if a["staff_id"] == maternity)
    assert person["override_reason"].startswith("Xếp loại được điều chỉnh")

    # editing the staff record later never changes the issued decision
    original = staff_repo.get_staff(store, maternity)
    edit_staff(
        store,
        staff_id=maternity,
        draft=StaffDraft(
            full_name="Thào Thị Ngọc Mỷ Đổi Tên",
            gender="F",
            position="Phó Trưởng phòng",
            department="Phòng Kinh tế",
            staff_code=original["staff_code"],
        ),
    )
    issued = review.get_decision(store, decision_id=decision_id)["awardees"]
    again = next(a for a in issued if a["staff_id"] == maternity)
    assert again["snapshot_name"] == original["full_name"] == person["snapshot_name"]
    assert again["snapshot_position"] == original["position"]
    assert again["snapshot_department"] == original["department"]

    # a failed ballot is refused, and for a title the law makes the ballot the condition of (CSTĐCS), no exception
    # reason lifts it: the chair cannot confer what the council voted down
    cstdcs_header = header | {"subject": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025"}
    with_failing = [failing["id"], exact["id"], *(n["id"] for n in passing)]
    for reasons in ({}, {failing["id"]: "Chủ tịch UBND xã quyết định khen do có thành tích đột xuất"}):
        with pytest.raises(ValidationError) as excinfo:
            review.issue_decision(
                store,
                round_id=round_id,
                decision_date=date(2025, 12, 20),
                nomination_ids=with_failing,
                override_reasons=reasons,
                **cstdcs_header,
            )
        assert excinfo.value.field == "nomination_ids" and "Đỗ Hữu Chứ" in str(excinfo.value)
        assert "bắt buộc bỏ phiếu kín" in str(excinfo.value)
    assert store.scalar("SELECT count(*) FROM decisions WHERE decision_date LIKE '2025%'") == 1
    chosen = with_failing[1:]
    with pytest.raises(ValidationError, match=r"Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định .*Điều 80"):
        review.issue_decision(
            store,
            round_id=round_id,
            decision_date=date(2025, 12, 20),
            nomination_ids=[cstd_tinh["id"]],
            **cstdcs_header,
        )
    cstdcs_decision = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 20),
        nomination_ids=chosen,
        **cstdcs_header,
    )
    cstdcs_detail = review.get_decision(store, decision_id=cstdcs_decision)
    assert cstdcs_detail["number_text"] == "2/QĐ-UBND"
    # Title money is paid once per person and year: LĐTT was paid by 1/QĐ-UBND, so CSTĐCS pays the difference.
    assert {a["amount"] for a in cstdcs_detail["awardees"]} == {2_340_000 - 710_000}
    assert all(
        "2.340.000 − 710.000 đã nhận theo Quyết định số 1/QĐ-UBND ngày 20/12/2025 = 1.630.000 đồng" in a["arithmetic"]
        for a in cstdcs_detail["awardees"]
    )

    # -- the award history: rows per awardee, seen by next year's evaluation ---------------------------------------
    awards = store.query("SELECT * FROM awards WHERE decision_id = ?", (cstdcs_decision,))
    assert len(awards) == len(chosen) and {a["source"] for a in awards} == {"unit"}
    assert all(a["awardee_id"] and a["decision_no"] == "2/QĐ-UBND" and a["year"] == 2025 for a in awards)
    with store.transaction():
        staff_repo.set_rating(store, 3, 2026, "HTXSNV")
    verdict_2026 = next(
        v
        for v in rules.evaluate_year(store, year=2026, today=date(2027, 1, 10))
        if v.subject_id == 3 and v.code == "BK_TINH"
    )
    assert "2025" in " ".join(verdict_2026.lines())  # CSTĐCS 2025 counts toward the consecutive years
    entries = review.register_entries(store, staff_id=3)
    assert [(e["year"], e["code"], e["source"]) for e in entries if e["code"] == "CSTDCS"] == [
        (2022, "CSTDCS", "above"),  # the district chair's, before 1/7/2025
        (2023, "CSTDCS", "above"),
        (2024, "CSTDCS", "above"),
        (2025, "CSTDCS", "unit"),  # the commune chair's since 1/7/2025 (NĐ 129/2025)
    ]

    # -- number gap, correction, revocation -----------------------------------------------------------------------
    review.record_number_gap(store, series_key="QĐ-UBND", year=2025, number=3, reason="Số đã cấp cho văn bản khác")
    with pytest.raises(ValidationError, match="đã dùng cho quyết định 1/QĐ-UBND"):
        review.record_number_gap(store, series_key="QĐ-UBND", year=2025, number=1, reason="nhầm")
    corrected = review.correct_decision(
        store,
        decision_id=decision_id,
        reason="Sai trích yếu",
        decision_date=date(2025, 12, 22),
        changes={"subject": "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025"},
    )
    new = review.get_decision(store, decision_id=corrected)
    old = review.get_decision(store, decision_id=decision_id)
    assert new["number_text"] == "4/QĐ-UBND"  # 3 is the recorded gap, never used
    assert new["replaces"] == "1/QĐ-UBND" and new["subject"].endswith("“Lao động tiên tiến” năm 2025")
    assert old["status"] == "corrected" and old["status_reason"] == "Sai trích yếu"
    assert len(old["awardees"]) == len(new["awardees"])
    assert store.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (decision_id,)) == 0
    assert store.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (corrected,)) == len(ldtt_ids)

    with pytest.raises(ValidationError):
        review.revoke_decision(store, decision_id=cstdcs_decision, reason="")
    review.revoke_decision(store, decision_id=cstdcs_decision, reason="Phát hiện sai sót hồ sơ")
    revoked = review.get_decision(store, decision_id=cstdcs_decision)
    assert revoked["status"] == "revoked" and revoked["status_reason"] == "Phát hiện sai sót hồ sơ"
    assert len(revoked["awardees"]) == len(chosen)  # the decision keeps its list
    assert store.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (cstdcs_decision,)) == 0
    deleted = store.query(
        "SELECT * FROM audit_log WHERE table_name = 'awards' AND action = 'delete' AND operation = 'decision.revoke'"
    )
    assert len(deleted) == len(chosen)
    with pytest.raises(ValidationError, match="không thu hồi được"):
        review.revoke_decision(store, decision_id=cstdcs_decision, reason="lần nữa")
    numbers = [d["number_text"] for d in review.list_decisions(store, year=2025)]
    assert sorted(numbers) == ["1/QĐ-UBND", "2/QĐ-UBND", "4/QĐ-UBND"]
    assert review.list_number_gaps(store, year=2025)[0]["number"] == 3

    # re-issue after the revocation: the nominations were reopened
    reissued = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 28), nomination_ids=chosen, **cstdcs_header
    )
    reissued_detail = review.get_decision(store, decision_id=reissued)
    assert reissued_detail["number_text"] == "5/QĐ-UBND"
    # LĐTT now stands on the replacing decision 4/QĐ-UBND: the difference is counted against it.
    assert all(
        "− 710.000 đã nhận theo Quyết định số 4/QĐ-UBND ngày 22/12/2025" in a["arithmetic"]
        for a in reissued_detail["awardees"]
    )

    # -- dossier upward --------------------------------------------------------------------------------------------
    dossier_id = review.build_dossier(store, round_id=round_id)
    dossier = review.get_dossier(store, dossier_id=dossier_id)
    codes_sent = {(n["code"], n["staff_id"]) for n in dossier["nominations"]}
    # staff 3 got his Bằng khen tỉnh of 2025 from above on the CSTĐCS years up to 2025: not proposed again from them
    assert ("BK_TINH", 2) in codes_sent and ("BK_TINH", 3) not in codes_sent
    assert ("CSTD_TINH", 3) not in codes_sent  # its ballot failed
    assert {n["status"] for n in dossier["nominations"]} == {"sent_up"}
    with pytest.raises(ValidationError, match="Không có đề nghị lên cấp trên"):
        review.build_dossier(store, round_id=round_id)

    # -- the documents' data ----------------------------------------------------------------------------------------
    doc = review.decision_doc(store, decision_id=corrected)
    assert doc.number_text == "4/QĐ-UBND" and doc.decision_date == date(2025, 12, 22)
    assert [line.register_no for line in doc.lines] == list(range(1, len(ldtt_ids) + 1))
    assert doc.total_amount == 710_000 * len(ldtt_ids)
    assert doc.total_in_words == amount_in_words(710_000 * len(ldtt_ids))
    assert doc.unit.name == "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" and doc.unit.head_name == "Sùng Mí Pháo"
    assert original["full_name"] in [line.name for line in doc.lines]
    assert "Thào Thị Ngọc Mỷ Đổi Tên" not in [line.name for line in doc.lines]
    old_doc = review.decision_doc(store, decision_id=decision_id)
    assert "4/QĐ-UBND" in old_doc.status_note and "Sai trích yếu" in old_doc.status_note
    assert "Phát hiện sai sót" in review.decision_doc(store, decision_id=cstdcs_decision).status_note

    pay = review.payment_doc(store, decision_id=reissued)
    assert pay.decision_number_text == "5/QĐ-UBND"
    assert pay.total_amount == (2_340_000 - 710_000) * len(chosen)  # the payment list follows
    assert pay.total_in_words.endswith("đồng") and pay.total_in_words[0].isupper()

    minutes = review.minutes_doc(store, round_id=round_id)
    assert minutes.chair_name == "Sùng Mí Pháo" and minutes.secretary_name == "Vàng Thị Dở"
    absent = [m for m in minutes.members if not m.attended]
    assert [m.written_opinion for m in absent] == ["Đồng ý với danh sách đề nghị", "Nhất trí"]
    ballot_names = {b.name: b for b in minutes.ballots}
    assert ballot_names["Đỗ Hữu Chứ"].passed is False and ballot_names["Đặng Văn Sơn"].agree == 8

    upward = review.proposal_doc(store, round_id=round_id, upward=True)
    assert "Tuyên Quang" in upward.recipient
    # The tờ trình lists what the dossier sends: the two Bằng khen. The office's TTLĐXS stays out, as the dossier
    # left it: none of its members' CSTĐCS 2025 has been voted through yet.
    assert {(line.code, line.name) for line in upward.lines} == {(n["code"], n["name"]) for n in dossier["nominations"]}
    assert {line.code for line in upward.lines} == {"BK_TINH"}
    assert "Văn phòng HĐND và UBND (Tập thể lao động xuất sắc)" in dossier["notes"]
    internal = review.proposal_doc(store, round_id=round_id, upward=False)
    assert "LDTT" in {line.code for line in internal.lines}
    assert all(line.code != "GIAY_KHEN" for line in internal.lines)  # removed ones are not proposed

    report = review.achievement_report_doc(store, nomination_id=cstd_tinh["id"])
    assert report.person.name == "Đặng Văn Sơn" and report.proposed_for == "Chiến sĩ thi đua cấp tỉnh"
    assert report.years[-1] == 2025 and (2025, "Hoàn thành xuất sắc nhiệm vụ") in report.ratings
    [cstdcs_2024] = [a for a in report.previous_awards if a.year == 2024 and a.name == "Chiến sĩ thi đua cơ sở"]
    # each past award with its decision's number, date and issuing body
    assert cstdcs_2024.decision_number_text and cstdcs_2024.decision_date is not None
    assert cstdcs_2024.issuer == "Chủ tịch Ủy ban nhân dân huyện Đồng Văn"
    assert "Lớp xóa mù chữ cho phụ nữ H'Mông" in report.initiatives

    register = review.register_doc(store, staff_id=3)
    assert register.subject_name == "Đặng Văn Sơn"
    assert [(e.year, e.code_name, e.issuer) for e in register.entries if e.source == "above"] == [
        (2022, "Chiến sĩ thi đua cơ sở", "Chủ tịch Ủy ban nhân dân huyện Đồng Văn"),
        (2023, "Chiến sĩ thi đua cơ sở", "Chủ tịch Ủy ban nhân dân huyện Đồng Văn"),
        (2024, "Chiến sĩ thi đua cơ sở", "Chủ tịch Ủy ban nhân dân huyện Đồng Văn"),
        (2024, "Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"),
    ]
    assert any(e.decision_number_text == "5/QĐ-UBND" and e.register_no for e in register.entries)

    # every change went through a named operation
    operations = {r["operation"] for r in store.query("SELECT DISTINCT operation FROM audit_log")}
    assert {
        "review.create_round",
        "review.remove_nomination",
        "review.add_nomination",
        "review.set_council",
        "review.record_ballot",
        "review.start_posting",
        "decision.issue",
        "decision.record_gap",
        "decision.correct",
        "decision.revoke",
        "review.build_dossier",
    } <= operations


def test_legal_basis_follows_the_decision_date():
    from datetime import date

    from desktop.domain.rules import load_default_pack
    from desktop.ops.review import legal_basis

    pack = load_default_pack()
    old_law = legal_basis(pack, date(2023, 12, 26))
    before = legal_basis(pack, date(2024, 12, 26))
    spring = legal_basis(pack, date(2025, 4, 2))
    after = legal_basis(pack, date(2025, 12, 30))
    # Three regimes: Luật 2003 + NĐ 91/2017; Luật 2022 + NĐ 98/2023; NĐ 152/2025 + NĐ 129/2025.
    assert any("ngày 26 tháng 11 năm 2003" in line and "16 tháng 11 năm 2013" in line for line in old_law)
    assert any("91/2017/NĐ-CP ngày 31 tháng 7 năm 2017" in line for line in old_law)
    assert not any("2022" in line or "98/2023" in line for line in old_law)
    assert any(
        "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật "
        "Thi đua, khen thưởng;" in line
        for line in before
    )
    assert not any("152/2025" in line or "129/2025" in line for line in before)
    # The local-government law in its version of the date: 2015 (+2019), then 19/02/2025, then 16/6/2025.
    assert any("ngày 19 tháng 6 năm 2015" in line and "22 tháng 11 năm 2019" in line for line in before)
    assert any("ngày 19 tháng 02 năm 2025" in line for line in spring)
    assert any("152/2025/NĐ-CP" in line for line in after)
    assert any("129/2025/NĐ-CP" in line for line in after)
    assert any("ngày 16 tháng 6 năm 2025" in line for line in after)
    # An agency cites no local-government law and no decree on communes' powers.
    agency = legal_basis(pack, date(2025, 12, 30), unit_kind="truong_hoc")
    assert not any("chính quyền địa phương" in line or "129/2025" in line for line in agency)
    assert any("152/2025" in line for line in agency)


def test_series_continues_the_units_own_numbering(demo):
    """A commune already at 124/QĐ-UBND sets 125 as the next number; the next decision takes it."""
    store = demo
    with pytest.raises(ValidationError) as excinfo:
        review.set_series_next_number(store, series_key="QĐ-UBND", year=2025, next_number=0, reason="x")
    assert excinfo.value.field == "next_number"
    with pytest.raises(ValidationError) as excinfo:
        review.set_series_next_number(store, series_key="QĐ-UBND", year=2025, next_number=125, reason=" ")
    assert excinfo.value.field == "reason"
    issued_2024 = max(d["number"] for d in review.list_decisions(store, year=2024))
    with pytest.raises(ValidationError, match="phải lớn hơn") as excinfo:
        review.set_series_next_number(
            store, series_key="QĐ-UBND", year=2024, next_number=issued_2024, reason="Tiếp nối sổ"
        )
    assert excinfo.value.field == "next_number"

    review.set_series_next_number(
        store, series_key="QĐ-UBND", year=2025, next_number=125, reason="Tiếp nối sổ quyết định của Văn phòng"
    )
    series = [s for s in review.list_number_series(store, year=2025) if s["series_key"] == "QĐ-UBND"]
    assert series == [{"series_key": "QĐ-UBND", "year": 2025, "next_number": 125, "highest_issued": None}]
    event = store.query_one("SELECT * FROM audit_log WHERE operation = 'decision.set_series' AND action = 'event'")
    assert event and "Tiếp nối sổ quyết định của Văn phòng" in event["after"]

    round_id = review.create_round(store, year=2025, posting_days=0, today=TODAY)
    ldtt = [n["id"] for n in _by(review.get_round(store, round_id)["nominations"], "LDTT")][:2]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 20),
        nomination_ids=ldtt,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="",
    )
    assert review.get_decision(store, decision_id=decision_id)["number_text"] == "125/QĐ-UBND"
    with pytest.raises(ValidationError, match="125/QĐ-UBND"):
        review.set_series_next_number(store, series_key="QĐ-UBND", year=2025, next_number=125, reason="lùi số")
    review.set_series_next_number(store, series_key="QĐ-UBND", year=2025, next_number=130, reason="Bỏ qua số")
    assert review.list_number_series(store, year=2025)[0]["highest_issued"] == 125
