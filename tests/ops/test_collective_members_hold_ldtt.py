"""A collective's TTLĐTT and TTLĐXS are decided, sent up and kept on the members who hold LĐTT, not on a forecast.

Luật TĐKT 2022, Điều 28: TTLĐTT needs more than 50% of the collective's members to achieve Lao động tiên tiến;
Điều 27: TTLĐXS at least 70%. The eligibility engine counts a member who meets the criteria as LĐTT (its forecast
for the review screen), so the council could take most members' LĐTT off and still decide the collective's title
on 5/7; cancelling the LĐTT decision left the TTLĐTT standing with no word; the dossier sent TTLĐXS up on the
forecast's share. On the demo commune's real store, its 2025 round: "Ban Chỉ huy Quân sự xã" counts 7 members
(one employed too recently is not counted), 5 of them proposed for LĐTT; "Văn phòng HĐND và UBND" counts 7
(one left on 30/06/2025), 6 of them proposed for LĐTT.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError
from tests.demo_date import DEMO_TODAY

ROUND_DAY = date(2025, 12, 10)
LDTT_DAY = date(2025, 12, 26)
TITLE_DAY = date(2025, 12, 27)
MEETING = date(2025, 12, 15)  # the council's meeting, recorded on 20/12
RECORDED = date(2025, 12, 20)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}
MILITIA = "Ban Chỉ huy Quân sự xã"
OFFICE = "Văn phòng HĐND và UBND"
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair"},
    {"full_name": "Lò Văn Chứ", "role": "deputy"},
    {"full_name": "Hoàng Thị Mai", "role": "member"},
    {"full_name": "Giàng Seo Dũng", "role": "member"},
    {"full_name": "Vàng Thị Dở", "role": "secretary"},
]


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def round_2025(demo: Store) -> int:
    return review.create_round(demo, year=2025, today=ROUND_DAY)


def _department(store: Store, name: str) -> int:
    return int(store.scalar("SELECT id FROM departments WHERE name = ?", (name,)))


def _nominations(store: Store, round_id: int, code: str) -> list[dict[str, Any]]:
    return [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code]


def _members_ldtt(store: Store, round_id: int, name: str) -> list[dict[str, Any]]:
    """The LĐTT nominations of the people counted in ``name`` for 2025 (in it now, not gone before 31/12)."""
    members = {
        int(r["id"])
        for r in store.query(
            "SELECT id FROM staff WHERE department_id = ? AND (end_date IS NULL OR end_date >= '2025-12-31')",
            (_department(store, name),),
        )
    }
    return [n for n in _nominations(store, round_id, "LDTT") if n["staff_id"] in members and n["status"] != "removed"]


def _nomination(store: Store, round_id: int, nomination_id: int) -> dict[str, Any]:
    [row] = [n for n in review.get_round(store, round_id)["nominations"] if n["id"] == nomination_id]
    return row


def _collective(store: Store, round_id: int, code: str, name: str) -> dict[str, Any]:
    [row] = [n for n in _nominations(store, round_id, code) if n["department_id"] == _department(store, name)]
    return row


def _issue(store: Store, round_id: int, ids: list[int], day: date = LDTT_DAY) -> int:
    return review.issue_decision(store, round_id=round_id, decision_date=day, nomination_ids=ids, **HEADER)


def _remove(store: Store, nominations: list[dict[str, Any]]) -> list[str]:
    for row in nominations:
        review.remove_nomination(store, nomination_id=row["id"], reason="Hội đồng không đề nghị (vi phạm nội quy)")
    return [row["name"] for row in nominations]


def test_ttldtt_is_refused_when_the_council_took_most_members_ldtt_off(demo, round_2025):
    ldtt = _members_ldtt(demo, round_2025, MILITIA)
    assert len(ldtt) == 5
    removed = _remove(demo, ldtt[:3])
    ttldtt = _collective(demo, round_2025, "TTLDTT", MILITIA)
    ids = [n["id"] for n in ldtt[3:]] + [ttldtt["id"]]

    # asked before "Ban hành?" and again when issuing
    with pytest.raises(ValidationError) as asked:
        review.check_posting(demo, round_id=round_2025, decision_date=LDTT_DAY, nomination_ids=ids)
    with pytest.raises(ValidationError) as refused:
        _issue(demo, round_2025, ids)
    message = str(refused.value)
    assert str(asked.value) == message
    assert refused.value.field == "nomination_ids"
    assert message.startswith(f"{MILITIA} (Tập thể lao động tiên tiến, đề nghị số {ttldtt['id']}): ")
    assert "chỉ 2/7 thành viên có danh hiệu “Lao động tiên tiến” năm 2025" in message
    assert "cần nhiều hơn 50% thành viên đạt “Lao động tiên tiến”, tức ít nhất 4/7 thành viên" in message
    assert "(Luật TĐKT 2022, Điều 28)" in message
    assert "không tính: Thào Seo Thành (mới tuyển dụng" in message
    missing = message.split("Chưa có danh hiệu “Lao động tiên tiến”: ")[1]
    for name in removed:
        assert name in missing
    assert "Hãy ra quyết định tặng “Lao động tiên tiến” cho các thành viên đủ điều kiện trước" in message
    # nothing was written: no decision, no award, the nominations wait
    assert not demo.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_2025,))
    assert not demo.scalar("SELECT count(*) FROM awards WHERE year = 2025")
    assert _nomination(demo, round_2025, ttldtt["id"])["status"] == "proposed"


def test_ttldtt_is_decided_with_its_members_ldtt_in_the_same_decision_or_one_before(demo, round_2025):
    ldtt = _members_ldtt(demo, round_2025, MILITIA)
    ttldtt = _collective(demo, round_2025, "TTLDTT", MILITIA)
    # alone, before any LĐTT of its members is decided: no member holds it yet
    with pytest.raises(ValidationError, match="chỉ 0/7 thành viên có danh hiệu “Lao động tiên tiến” năm 2025"):
        _issue(demo, round_2025, [ttldtt["id"]])
    # with all five members' LĐTT in the same decision: 5/7 > 50%
    decision_id = _issue(demo, round_2025, [n["id"] for n in ldtt] + [ttldtt["id"]])
    codes = [a["code"] for a in review.get_decision(demo, decision_id=decision_id)["awardees"]]
    assert sorted(codes) == ["LDTT"] * 5 + ["TTLDTT"]
    assert demo.scalar(
        "SELECT count(*) FROM awards WHERE year = 2025 AND code = 'TTLDTT' AND department_id = ?",
        (_department(demo, MILITIA),),
    )
    # the office's members get their LĐTT by a decision of their own; the office's TTLĐTT then stands alone,
    # and in one transaction the decision issued first counts for the next
    office_ldtt = _members_ldtt(demo, round_2025, OFFICE)
    office = _collective(demo, round_2025, "TTLDTT", OFFICE)
    with demo.transaction(operation="test.two_decisions"):
        _issue(demo, round_2025, [n["id"] for n in office_ldtt])
        _issue(demo, round_2025, [office["id"]], day=TITLE_DAY)
    assert _nomination(demo, round_2025, office["id"])["status"] == "decided"


def test_cancelling_the_ldtt_decision_names_the_collective_title_left_without_its_share(demo, round_2025):
    ldtt = [n["id"] for n in _nominations(demo, round_2025, "LDTT")]
    ldtt_decision = _issue(demo, round_2025, ldtt)
    ttldtt = _collective(demo, round_2025, "TTLDTT", MILITIA)
    title_decision = _issue(demo, round_2025, [ttldtt["id"]], day=TITLE_DAY)
    number = review.get_decision(demo, decision_id=title_decision)["number_text"]

    notes = review.revoke_decision(demo, decision_id=ldtt_decision, reason="Sai đối tượng, hủy để xét lại")
    [note] = [n for n in notes if n.startswith(f"{MILITIA} ")]
    assert (
        f"{MILITIA} không còn đủ thành viên có danh hiệu “Lao động tiên tiến” năm 2025 cho danh hiệu “Tập thể lao "
        f"động tiên tiến” đã được tặng theo Quyết định số {number} ngày 27/12/2025: chỉ còn 0/7 thành viên có danh "
        "hiệu “Lao động tiên tiến”, cần nhiều hơn 50% (ít nhất 4/7 thành viên, Luật TĐKT 2022, Điều 28)"
    ) in note
    assert note.endswith("Hãy xem xét thay thế hoặc hủy bỏ quyết định tặng danh hiệu tập thể đó.")
    # a note, not a refusal, as for a CSTĐCS taken back under a title already awarded: the cancellation stands
    assert review.get_decision(demo, decision_id=ldtt_decision)["status"] == "revoked"
    assert not demo.scalar("SELECT count(*) FROM awards WHERE year = 2025 AND code = 'LDTT'")


def test_replacing_the_ldtt_decision_without_three_members_names_the_collective_title(demo, round_2025):
    ldtt = _members_ldtt(demo, round_2025, MILITIA)
    ttldtt = _collective(demo, round_2025, "TTLDTT", MILITIA)
    old = _issue(demo, round_2025, [n["id"] for n in _nominations(demo, round_2025, "LDTT")])
    title = review.get_decision(demo, decision_id=_issue(demo, round_2025, [ttldtt["id"]], day=TITLE_DAY))
    dropped = {n["staff_id"] for n in ldtt[:3]}
    lines = [
        a["register_no"] for a in review.get_decision(demo, decision_id=old)["awardees"] if a["staff_id"] in dropped
    ]
    assert len(lines) == 3

    new = review.correct_decision(
        demo,
        decision_id=old,
        reason="Ba người bị kỷ luật trước ngày ký, bỏ khỏi quyết định",
        decision_date=TITLE_DAY,
        changes={"remove_register_nos": lines},
    )
    notes = review.replacement_notes(demo, decision_id=new)
    [note] = [n for n in notes if n.startswith(f"{MILITIA} ")]
    assert f"theo Quyết định số {title['number_text']} ngày 27/12/2025: chỉ còn 2/7 thành viên" in note
    assert "cần nhiều hơn 50% (ít nhất 4/7 thành viên, Luật TĐKT 2022, Điều 28)" in note


def _office_dossier(store: Store, round_id: int, removed: int) -> tuple[list[str], int | None, str]:
    """The council takes ``removed`` office members' LĐTT off (none of them proposed for CSTĐCS), passes the
    office's CSTĐCS and every upward proposal needing its vote; the commune decides the LĐTT left; the dossier is
    built. Returns (the names removed, the LĐTT decision, the dossier's notes)."""
    review.set_council(
        store,
        round_id=round_id,
        meeting_date=date(2025, 12, 15),
        location="UBND xã",
        members=COUNCIL,
        today=date(2025, 12, 20),
    )
    cstdcs = {n["staff_id"] for n in _nominations(store, round_id, "CSTDCS")}
    office_ldtt = _members_ldtt(store, round_id, OFFICE)
    assert len(office_ldtt) == 6
    names = _remove(store, [n for n in office_ldtt if n["staff_id"] not in cstdcs][:removed])
    for row in review.get_round(store, round_id)["nominations"]:
        if row["ballot_required"] and row["status"] == "proposed" and row["conferred_by"] == "upward":
            review.record_ballot(store, nomination_id=row["id"], agree=5, disagree=0, invalid=0)
    for row in _nominations(store, round_id, "CSTDCS"):
        if row["staff_id"] in {n["staff_id"] for n in office_ldtt}:
            review.record_ballot(store, nomination_id=row["id"], agree=5, disagree=0, invalid=0)
    decision = _issue(
        store, round_id, [n["id"] for n in _nominations(store, round_id, "LDTT") if n["status"] != "removed"]
    )
    dossier = review.get_dossier(store, dossier_id=review.build_dossier(store, round_id=round_id))
    return names, decision, str(dossier["notes"])


def test_ttldxs_goes_up_with_the_share_its_members_hold_not_the_forecast(demo, round_2025):
    office = _collective(demo, round_2025, "TTLDXS", OFFICE)
    forecast = [r["text"] for r in office["engine_reasons"]]
    assert "6/7 thành viên đạt LĐTT = 85,7% (cần từ 70%); không tính: Vàng Mí Khánh" in " ".join(forecast)
    [removed], ldtt_decision, _notes = _office_dossier(demo, round_2025, 1)

    sent = _nomination(demo, round_2025, office["id"])
    assert sent["status"] == "sent_up"
    texts = [r["text"] for r in sent["engine_reasons"]]
    [share] = [t for t in texts if "thành viên đạt LĐTT = " in t]
    assert share.startswith("5/7 thành viên đạt LĐTT = 71,4% (cần từ 70%); không tính: Vàng Mí Khánh")
    [held] = [t for t in texts if t.startswith("Thành viên đạt LĐTT năm 2025")]
    assert held.startswith("Thành viên đạt LĐTT năm 2025 (5/7): ") and removed not in held
    assert "(đã có quyết định)" in held
    [short] = [t for t in texts if t.startswith("Thành viên chưa đạt LĐTT năm 2025")]
    assert short.startswith("Thành viên chưa đạt LĐTT năm 2025 (2/7): ") and removed in short
    assert not any("6/7" in t for t in texts)  # the forecast's figure does not go up

    # the LĐTT decision cancelled afterwards: the dossier sent up rests on a share no longer held, said by name
    notes = review.revoke_decision(demo, decision_id=ldtt_decision, reason="Sai thể thức, hủy để ban hành lại")
    [note] = [n for n in notes if n.startswith("Hồ sơ đề nghị số ")]
    assert f"đề nghị tặng “Tập thể lao động xuất sắc” năm 2025 cho {OFFICE} (đề nghị số {office['id']})" in note
    assert "chỉ còn 0/7 thành viên có danh hiệu đó, cần từ 70% trở lên (ít nhất 5/7 thành viên" in note


def test_ttldxs_does_not_go_up_when_its_members_do_not_hold_the_share(demo, round_2025):
    office = _collective(demo, round_2025, "TTLDXS", OFFICE)
    names, _decision, notes = _office_dossier(demo, round_2025, 2)
    assert _nomination(demo, round_2025, office["id"])["status"] == "proposed"  # stays at home
    reason = notes.split(f"{OFFICE} (Tập thể lao động xuất sắc): ")[1]
    assert reason.startswith(
        "chỉ 4/7 thành viên có danh hiệu “Lao động tiên tiến” năm 2025 theo quyết định đang có hiệu lực, cần từ 70% "
        "trở lên (ít nhất 5/7 thành viên, Luật TĐKT 2022, Điều 27); không tính: Vàng Mí Khánh"
    )
    for name in names:
        assert name in reason
    assert (OFFICE, "TTLDXS") not in {
        (line.name, line.code) for line in review.proposal_doc(demo, round_id=round_2025, upward=True).lines
    }
