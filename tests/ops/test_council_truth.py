"""The council's record tells the truth: one person one vote, written votes only from absentees' written opinions
(NĐ 98 Điều 30.7), a council that voted or decided stays as it voted, a meeting on a real date, and a CSTĐCS the
dossier counted on is not voted again."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest

from desktop.ops import review
from desktop.ops.check import check_database
from desktop.ops.demo import fill_demo
from desktop.ops.review.dossier_guard import resting_on_cstdcs
from desktop.store import Store, ValidationError
from desktop.store.rules_repo import effective_pack
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of

TODAY = date(2025, 12, 20)  # the day the clerk records the 2025 council
MEETING = date(2025, 12, 10)
HEADER = {
    "signer_title": "Chủ tịch",
    "signer_name": "Sùng Mí Pháo",
    "subject": "Về việc khen thưởng năm 2025",
}


def member(name: str, role: str = "member", attended: bool = True, opinion: str = "", **extra: Any) -> dict[str, Any]:
    return {"full_name": name, "role": role, "attended": attended, "written_opinion": opinion, **extra}


def five() -> list[dict[str, Any]]:
    """Five members, the fifth absent with a written opinion."""
    return [
        member("Sùng Mí Pháo", "chair"),
        member("Lò Văn Chứ", "deputy"),
        member("Giàng Thị Mỷ"),
        member("Vàng Seo Dính", "secretary"),
        member("Lý Thị Dung", attended=False, opinion="Đồng ý với danh sách đề nghị"),
    ]


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def round_2025(demo: Store) -> int:
    return review.create_round(demo, year=2025, today=MEETING)


TEN = [member("Chủ tịch", "chair"), *(member(f"Ủy viên {n}") for n in range(1, 10))]


def record(store: Store, round_id: int, members: list[dict[str, Any]], when: date = MEETING, **kw: Any) -> int:
    return review.set_council(
        store, round_id=round_id, meeting_date=when, location="Hội trường", members=members, today=TODAY, **kw
    )


def nominations(store: Store, round_id: int, code: str) -> list[dict[str, Any]]:
    return [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code]


def vote_upward(store: Store, round_id: int) -> None:
    """The council passes every upward proposal (BK tỉnh, CSTĐ tỉnh, TTLĐXS) that needs its vote, 10 of 10."""
    for code in ("BK_TINH", "CSTD_TINH", "TTLDXS"):
        for nominee in nominations(store, round_id, code):
            if nominee["ballot_required"]:
                review.record_ballot(store, nomination_id=nominee["id"], agree=10, disagree=0, invalid=0)


def council_names(store: Store, round_id: int) -> list[str]:
    return [
        r["full_name"]
        for r in store.query(
            "SELECT m.full_name FROM council_members m JOIN councils c ON c.id = m.council_id WHERE c.round_id = ? "
            "ORDER BY m.position",
            (round_id,),
        )
    ]


# -- 1. one person, one seat ------------------------------------------------------------------------------------


def test_the_same_name_present_and_absent_with_a_written_opinion_is_refused(demo, round_2025):
    members = [*five()[:4], member("SÙNG MI PHAO", attended=False, opinion="Đồng ý")]  # case and accents aside
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, members)
    assert "“SÙNG MI PHAO” có tên hai lần trong Hội đồng (thành viên thứ 1 và thứ 5)" in str(refused.value)
    assert refused.value.field == "members"
    assert council_names(demo, round_2025) == []


def test_names_with_different_marks_are_two_people(demo, round_2025):
    """Hùng and Hưng, Hà and Hạ are different names (accents are not case): both sit on the council."""
    members = [
        *five()[:4],
        member("Nguyễn Văn Hùng"),
        member("Nguyễn Văn Hưng"),
        member("Đỗ Thị Hà"),
        member("Đỗ Thị Hạ"),
    ]
    record(demo, round_2025, members)
    assert council_names(demo, round_2025)[4:] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Đỗ Thị Hà", "Đỗ Thị Hạ"]
    # typed without marks, a name still matches its marked form
    with pytest.raises(ValidationError, match="“nguyen van hung” có tên hai lần"):
        record(demo, round_2025, [*members, member("nguyen van hung")])


def test_the_same_name_in_decomposed_unicode_is_the_same_person(demo, round_2025):
    members = [*five()[:4], member(unicodedata.normalize("NFD", "Lò Văn Chứ"))]
    with pytest.raises(ValidationError, match="có tên hai lần trong Hội đồng"):
        record(demo, round_2025, members)


def test_the_same_staff_id_twice_is_refused(demo, round_2025):
    staff_id = demo.scalar("SELECT id FROM staff ORDER BY id LIMIT 1")
    members = five()
    members[0]["staff_id"] = staff_id
    members[2] = member("Tên gõ khác", staff_id=staff_id)
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, members)
    assert f"Cán bộ số {staff_id} (Tên gõ khác) có tên hai lần trong Hội đồng (thành viên thứ 1 và thứ 3)" in str(
        refused.value
    )


# -- 2. written votes only from written opinions; a council that voted stays ---------------------------------------


def test_written_votes_are_capped_by_absentees_with_a_written_opinion(demo, round_2025):
    members = five()
    members[4]["written_opinion"] = ""  # absent, but no written opinion recorded
    record(demo, round_2025, members)
    nominee = nominations(demo, round_2025, "CSTDCS")[0]
    with pytest.raises(ValidationError) as refused:
        review.record_ballot(demo, nomination_id=nominee["id"], agree=3, disagree=1, invalid=0, written_agree=1)
    assert "1 phiếu bằng văn bản (1 đồng ý, 0 không đồng ý)" in str(refused.value)
    assert "chỉ ghi 0 thành viên vắng mặt có ý kiến bằng văn bản" in str(refused.value)
    assert demo.scalar("SELECT count(*) FROM ballots WHERE nomination_id = ?", (nominee["id"],)) == 0
    # without the written vote it is recorded
    assert review.record_ballot(demo, nomination_id=nominee["id"], agree=3, disagree=1, invalid=0)


def test_a_written_vote_of_an_absentee_with_a_written_opinion_counts(demo, round_2025):
    record(demo, round_2025, five())
    nominee = nominations(demo, round_2025, "CSTDCS")[0]
    result = review.record_ballot(demo, nomination_id=nominee["id"], agree=3, disagree=1, invalid=0, written_agree=1)
    assert result["written_agree"] == 1


def test_after_a_ballot_the_members_and_their_written_opinions_do_not_change(demo, round_2025):
    record(demo, round_2025, five())
    nominee = nominations(demo, round_2025, "CSTDCS")[0]
    review.record_ballot(demo, nomination_id=nominee["id"], agree=3, disagree=1, invalid=0, written_agree=1)
    # same counts, the absentee's written opinion taken away (the written vote counted on it)
    members = five()
    members[4]["written_opinion"] = ""
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, members)
    message = str(refused.value)
    assert "Hội đồng đã bỏ phiếu cho 1 đề nghị; không đổi được số thành viên" in message
    assert "Lý Thị Dung" in message and "không sửa được sau khi đã bỏ phiếu" in message
    # a name corrected, same counts, every ballot the same: a correction (the biên bản prints the right name)
    renamed = five()
    renamed[1]["full_name"] = "Lò Văn Chữ"
    record(demo, round_2025, renamed)
    assert council_names(demo, round_2025)[1] == "Lò Văn Chữ"
    # a mistyped day under the same law: corrected too
    record(demo, round_2025, renamed, when=date(2025, 12, 11))
    assert demo.scalar("SELECT meeting_date FROM councils WHERE round_id = ?", (round_2025,)) == "2025-12-11"
    record(demo, round_2025, five())  # back as it was
    # one member fewer: the ballot was counted on five, refused
    with pytest.raises(ValidationError, match=r"số thành viên 5 → 4"):
        record(demo, round_2025, five()[:4])
    row = demo.query_one("SELECT written_opinion FROM council_members WHERE full_name = 'Lý Thị Dung'")
    assert row == {"written_opinion": "Đồng ý với danh sách đề nghị"}
    # the same council again (the window saves it again) and a corrected place are fine
    record(demo, round_2025, list(reversed(five())))
    review.set_council(
        demo, round_id=round_2025, meeting_date=MEETING, location="Nhà văn hoá", members=five(), today=TODAY
    )
    assert demo.scalar("SELECT location FROM councils WHERE round_id = ?", (round_2025,)) == "Nhà văn hoá"


def test_before_any_ballot_the_council_may_change(demo, round_2025):
    record(demo, round_2025, five())
    renamed = five()
    renamed[1]["full_name"] = "Người Khác"
    record(demo, round_2025, renamed, when=date(2025, 12, 11))
    assert "Người Khác" in council_names(demo, round_2025)


# -- 3. no re-vote of a CSTĐCS the dossier counted on ---------------------------------------------------------------


def test_a_cstdcs_is_not_voted_again_once_the_awards_counting_on_it_were_sent_up(demo, round_2025):
    record(demo, round_2025, TEN)
    for nominee in nominations(demo, round_2025, "CSTDCS"):
        review.record_ballot(demo, nomination_id=nominee["id"], agree=10, disagree=0, invalid=0)
    vote_upward(demo, round_2025)
    dossier = review.build_dossier(demo, round_id=round_2025)
    sent = demo.query(
        "SELECT n.id, n.code, n.staff_id FROM dossier_items i JOIN nominations n ON n.id = i.nomination_id "
        "WHERE i.dossier_id = ? AND n.code = 'BK_TINH'",
        (dossier,),
    )
    assert sent, "the demo sends a Bằng khen tỉnh up"
    cstdcs = demo.query_one(
        "SELECT id FROM nominations WHERE round_id = ? AND code = 'CSTDCS' AND staff_id = ?",
        (round_2025, sent[0]["staff_id"]),
    )
    with pytest.raises(ValidationError) as refused:
        review.record_ballot(demo, nomination_id=cstdcs["id"], agree=2, disagree=8, invalid=0)
    message = str(refused.value)
    assert f"hồ sơ đề nghị số {dossier} đã gửi lên cấp trên" in message
    assert f"đề nghị số {sent[0]['id']}" in message and "Bằng khen" in message
    assert refused.value.row == cstdcs["id"]
    assert demo.scalar("SELECT status FROM nominations WHERE id = ?", (cstdcs["id"],)) == "passed"
    assert demo.scalar("SELECT passed FROM ballots WHERE nomination_id = ?", (cstdcs["id"],)) == 1


def test_an_award_sent_up_that_does_not_count_on_the_cstdcs_is_not_named_as_resting_on_it(demo, round_2025):
    """Which awards count on this year's CSTĐCS is read from the rule pack, as the dossier reads it: a Bằng khen of
    the Prime Minister sent up for the same person does not rest on it (the guard once listed it by hand). The
    ballot is still not rewritten: the dossier sent up carries the minutes it is part of."""
    record(demo, round_2025, TEN)
    for nominee in nominations(demo, round_2025, "CSTDCS"):
        review.record_ballot(demo, nomination_id=nominee["id"], agree=10, disagree=0, invalid=0)
    leaning = {n["staff_id"] for code in ("BK_TINH", "CSTD_TINH") for n in nominations(demo, round_2025, code)}
    person = next(n["staff_id"] for n in nominations(demo, round_2025, "CSTDCS") if n["staff_id"] not in leaning)
    added = review.add_nomination(
        demo,
        round_id=round_2025,
        target_kind="individual",
        code="BK_TTG",
        staff_id=person,
        change_reason="Thành tích đột xuất, đề nghị cấp trên",
    )
    if next(n for n in nominations(demo, round_2025, "BK_TTG") if n["id"] == added)["ballot_required"]:
        review.record_ballot(demo, nomination_id=added, agree=10, disagree=0, invalid=0)
    vote_upward(demo, round_2025)
    dossier = review.build_dossier(demo, round_id=round_2025)
    assert demo.scalar("SELECT dossier_id FROM dossier_items WHERE nomination_id = ?", (added,)) == dossier
    cstdcs = next(n for n in nominations(demo, round_2025, "CSTDCS") if n["staff_id"] == person)
    with pytest.raises(ValidationError) as refused:
        review.record_ballot(demo, nomination_id=cstdcs["id"], agree=2, disagree=8, invalid=0)
    assert "dựa vào danh hiệu này" not in str(refused.value) and "kèm biên bản" in str(refused.value)
    assert demo.scalar("SELECT status FROM nominations WHERE id = ?", (cstdcs["id"],)) == "passed"


def test_before_the_dossier_a_passed_cstdcs_may_be_voted_again(demo, round_2025):
    record(demo, round_2025, TEN)
    nominee = nominations(demo, round_2025, "CSTDCS")[0]
    assert review.record_ballot(demo, nomination_id=nominee["id"], agree=10, disagree=0, invalid=0)["passed"]
    assert not review.record_ballot(demo, nomination_id=nominee["id"], agree=2, disagree=8, invalid=0)["passed"]
    assert demo.scalar("SELECT status FROM nominations WHERE id = ?", (nominee["id"],)) == "failed"


# -- 4. a decided round keeps its council ---------------------------------------------------------------------------


def test_a_round_with_a_decision_resting_on_the_vote_keeps_its_council(demo, round_2025):
    record(demo, round_2025, five())
    cstdcs = nominations(demo, round_2025, "CSTDCS")[0]
    review.record_ballot(demo, nomination_id=cstdcs["id"], agree=4, disagree=0, invalid=0, written_agree=1)
    decide_ldtt_of(demo, round_2025, [cstdcs["id"]], date(2025, 12, 15))  # the LĐTT the CSTĐCS rests on, first
    review.issue_decision(
        demo, round_id=round_2025, decision_date=date(2025, 12, 15), nomination_ids=[cstdcs["id"]], **HEADER
    )
    renamed = five()
    renamed[0]["full_name"] = "Người Khác Hẳn"
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, renamed)
    assert "đã có quyết định" in str(refused.value) and "không sửa được Hội đồng" in str(refused.value)
    assert council_names(demo, round_2025)[0] == "Sùng Mí Pháo"


def test_a_decision_that_needed_no_vote_does_not_stop_the_council(demo, round_2025):
    """LĐTT decided on 05/12 before the council met: the council is recorded afterwards, corrected, and CSTĐCS is
    voted and decided in the same round."""
    ldtt = nominations(demo, round_2025, "LDTT")[0]
    review.issue_decision(
        demo, round_id=round_2025, decision_date=date(2025, 12, 5), nomination_ids=[ldtt["id"]], **HEADER
    )
    record(demo, round_2025, five())  # met on 10/12
    renamed = five()
    renamed[1]["full_name"] = "Lò Văn Chữ"  # a misspelt name corrected before voting
    record(demo, round_2025, renamed)
    assert council_names(demo, round_2025)[1] == "Lò Văn Chữ"
    with pytest.raises(ValidationError, match=r"không chuyển từ 10/12/2025 sang 04/12/2025 được"):
        record(demo, round_2025, renamed, when=date(2025, 12, 4))  # the meeting does not jump the decision
    cstdcs = nominations(demo, round_2025, "CSTDCS")[0]
    assert review.record_ballot(demo, nomination_id=cstdcs["id"], agree=4, disagree=0, invalid=0, written_agree=1)[
        "passed"
    ]


def test_an_old_decided_round_keeps_its_council(demo):
    """The demo's 2024 round has its decisions (26/12/2024): its meeting is not moved after them."""
    old = demo.query_one("SELECT * FROM councils WHERE round_id = 3")
    with pytest.raises(ValidationError, match="đã có quyết định"):
        review.set_council(
            demo, round_id=3, meeting_date="2025-06-01", location="Nơi khác", members=five(), today=TODAY
        )
    assert demo.query_one("SELECT * FROM councils WHERE round_id = 3") == old


def test_a_round_whose_dossier_went_up_keeps_its_council(demo, round_2025):
    record(demo, round_2025, TEN)
    for nominee in review.get_round(demo, round_2025)["nominations"]:
        if nominee["ballot_required"]:
            review.record_ballot(demo, nomination_id=nominee["id"], agree=10, disagree=0, invalid=0)
    review.build_dossier(demo, round_id=round_2025)
    record(demo, round_2025, TEN)  # saved again unchanged: fine
    renamed = [dict(m) for m in TEN]
    renamed[1]["full_name"] = "Ủy viên khác"
    # the dossier's refusal comes before the ballots' one
    with pytest.raises(ValidationError, match=r"đã gửi hồ sơ \d+ đề nghị lên cấp trên; không sửa được Hội đồng"):
        record(demo, round_2025, renamed)


# -- 5. the meeting date ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2024, 12, 31), "Ngày họp Hội đồng 31/12/2024 trước ngày đầu năm 2025 của đợt bình xét “"),
        (date(2025, 12, 21), "Ngày họp Hội đồng 21/12/2025 sau ngày hôm nay (20/12/2025)"),
        (date(2099, 12, 31), "Ngày họp Hội đồng 31/12/2099 sau ngày hôm nay (20/12/2025)"),
    ],
)
def test_a_meeting_date_outside_the_round_is_refused(demo, round_2025, when, expected):
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, five(), when=when)
    assert expected in str(refused.value)
    assert refused.value.field == "meeting_date"
    assert demo.scalar("SELECT count(*) FROM councils WHERE round_id = ?", (round_2025,)) == 0


def test_a_meeting_date_the_rule_pack_has_no_law_for_is_refused(demo):
    """A movement that began before the pack's first date (1/1/2018): its round's council cannot meet then."""
    movement = demo.scalar("SELECT id FROM movements WHERE start_date = '2021-01-01'")
    round_id = review.create_round(demo, year=2025, kind="movement", movement_id=movement, today=MEETING)
    with demo.transaction(operation="test.old_movement"):
        demo.execute(
            "UPDATE movements SET launch_date = '2016-03-01', start_date = '2016-01-01' WHERE id = ?", (movement,)
        )
    with pytest.raises(ValidationError) as refused:
        record(demo, round_id, five(), when=date(2017, 12, 10))
    assert refused.value.field == "meeting_date"
    assert "Ngày họp Hội đồng: ngày 10/12/2017 trước ngày 01/01/2018" in str(refused.value)
    assert demo.scalar("SELECT count(*) FROM councils WHERE round_id = ?", (round_id,)) == 0


def test_the_first_and_last_days_are_accepted(demo, round_2025):
    record(demo, round_2025, five(), when=date(2025, 1, 1))
    record(demo, round_2025, five(), when=TODAY)
    assert demo.scalar("SELECT meeting_date FROM councils WHERE round_id = ?", (round_2025,)) == "2025-12-20"


def test_a_movement_rounds_meeting_is_not_before_the_movement_started(demo):
    movement = demo.query_one("SELECT id, name FROM movements WHERE start_date = '2021-01-01'")
    round_id = review.create_round(
        demo, year=2025, kind="movement", movement_id=movement["id"], name="Tổng kết phong trào", today=MEETING
    )
    with pytest.raises(ValidationError) as refused:
        record(demo, round_id, five(), when=date(2020, 12, 31))
    assert f"trước ngày bắt đầu phong trào “{movement['name']}” (01/01/2021)" in str(refused.value)
    assert refused.value.field == "meeting_date"
    # a movement round may meet before its year began, within the movement
    record(demo, round_id, five(), when=date(2024, 12, 20))


# -- 6. tdkt check lists a decision signed before its council met ------------------------------------------------


def test_check_lists_a_decision_dated_before_the_council_met(demo):
    assert check_database(demo)["ok"]
    with demo.transaction(operation="test.old_data"):  # data from before these checks
        demo.execute("UPDATE councils SET meeting_date = '2024-12-28' WHERE round_id = 3")
    # The demo's 2024 decisions (LĐTT, Giấy khen) needed no vote: they may precede the meeting, as at issue.
    assert check_database(demo)["ok"]
    with demo.transaction(operation="test.old_data"):  # one nominee of 2/QĐ-UBND was voted on at that meeting
        nomination = demo.scalar(
            "SELECT a.nomination_id FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id "
            "WHERE d.round_id = 3 AND d.number_text = '2/QĐ-UBND' LIMIT 1"
        )
        demo.add(
            "ballots",
            {"uuid": "old-ballot", "nomination_id": nomination, "members_total": 5, "present": 5, "agree": 5,
             "disagree": 0, "invalid": 0, "passed": 1, "threshold": "80", "created_at": "2024-12-28T09:00:00",
             "updated_at": "2024-12-28T09:00:00"},
        )  # fmt: skip
    report = check_database(demo)
    assert not report["ok"]
    found = report.get("decisions_before_council", [])
    assert [(f["round_id"], f["number_text"]) for f in found] == [(3, "2/QĐ-UBND")]
    assert {f["meeting_date"] for f in found} == {"2024-12-28"}
    line = next(m for m in report["messages"] if "quyết định ký trước ngày họp Hội đồng" in m)
    assert "Có 1 quyết định" in line and "ngày 26/12/2024" in line and "họp ngày 28/12/2024" in line


# -- 3b. no cancelling of a CSTĐCS the dossier counted on ---------------------------------------------------------


def _sent_up_on_cstdcs(demo: Store, round_id: int) -> tuple[int, int, dict[str, Any]]:
    """Every CSTĐCS passed and decided in one decision (its people's LĐTT, which it rests on, decided first), then
    the dossier sent up: (decision, dossier, one Bằng khen tỉnh or CSTĐ tỉnh sent up on its person's CSTĐCS)."""
    record(demo, round_id, TEN)
    for nominee in nominations(demo, round_id, "CSTDCS"):
        review.record_ballot(demo, nomination_id=nominee["id"], agree=10, disagree=0, invalid=0)
    decide_ldtt_of(demo, round_id, [n["id"] for n in nominations(demo, round_id, "CSTDCS")], date(2025, 12, 20))
    decision = review.issue_decision(
        demo,
        round_id=round_id,
        nomination_ids=[n["id"] for n in nominations(demo, round_id, "CSTDCS")],
        decision_date=date(2025, 12, 20),
        **HEADER,
    )
    vote_upward(demo, round_id)
    dossier = review.build_dossier(demo, round_id=round_id)
    leaning = demo.query_one(
        "SELECT n.id, n.code, n.staff_id FROM dossier_items i JOIN nominations n ON n.id = i.nomination_id "
        "WHERE i.dossier_id = ? AND n.code IN ('BK_TINH', 'CSTD_TINH') AND n.staff_id IN "
        "(SELECT staff_id FROM decision_awardees WHERE decision_id = ?) ORDER BY n.id",
        (dossier, decision),
    )
    assert leaning, "the demo sends up a Bằng khen tỉnh or CSTĐ tỉnh of someone made CSTĐCS"
    return decision, dossier, leaning


def test_a_cstdcs_decision_is_not_cancelled_while_a_dossier_sent_up_counts_on_it(demo, round_2025):
    """Review: only a re-vote was guarded; cancelling the CSTĐCS decision took the title back behind the
    province's back while it decided a CSTĐ tỉnh or Bằng khen tỉnh on it."""
    decision, dossier, leaning = _sent_up_on_cstdcs(demo, round_2025)
    awards = demo.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (decision,))
    with pytest.raises(ValidationError) as refused:
        review.revoke_decision(demo, decision_id=decision, reason="Sai sót")
    message = str(refused.value)
    assert f"hồ sơ đề nghị số {dossier} đã gửi lên cấp trên" in message
    assert f"đề nghị số {leaning['id']}" in message and "báo cấp trên rút" in message
    assert review.get_decision(demo, decision_id=decision)["status"] == "issued"
    assert demo.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (decision,)) == awards


def test_a_replacement_may_not_drop_a_cstdcs_a_dossier_sent_up_counts_on(demo, round_2025):
    decision, _dossier, leaning = _sent_up_on_cstdcs(demo, round_2025)
    lines = review.get_decision(demo, decision_id=decision)["awardees"]
    line = next(a for a in lines if a["staff_id"] == leaning["staff_id"])
    with pytest.raises(ValidationError, match="Không hủy bỏ hay bỏ danh hiệu này được"):
        review.correct_decision(
            demo,
            decision_id=decision,
            reason="Bỏ một người",
            decision_date=date(2025, 12, 22),
            changes={"remove_register_nos": [line["register_no"]]},
        )
    assert review.get_decision(demo, decision_id=decision)["status"] == "issued"
    # a line nothing sent up counts on may still be dropped, and a correction that drops nobody is fine
    sent = {
        r["staff_id"]
        for r in demo.query("SELECT staff_id FROM nominations WHERE status = 'sent_up' AND target_kind = 'individual'")
    }
    free = [a for a in lines if a["staff_id"] not in sent]
    assert free and len(lines) > 1
    new_id = review.correct_decision(
        demo,
        decision_id=decision,
        reason="Bỏ một người",
        decision_date=date(2025, 12, 22),
        changes={"remove_register_nos": [free[0]["register_no"]]},
    )
    assert review.get_decision(demo, decision_id=new_id)["status"] == "issued"


def test_a_cstd_tinh_sent_up_rests_on_the_run_of_cstdcs_years_behind_it(demo, round_2025):
    """A Chiến sĩ thi đua cấp tỉnh of 2025 counts on the CSTĐCS of 2023, 2024 and 2025 (three years, read from the
    rule pack): each of them is guarded, not the 2022 one before the run."""
    _sent_up_on_cstdcs(demo, round_2025)
    pack = effective_pack(demo)
    cstd = demo.query_one(
        "SELECT id, staff_id FROM nominations WHERE round_id = ? AND code = 'CSTD_TINH' AND status = 'sent_up'",
        (round_2025,),
    )
    assert cstd
    for year, guarded in ((2022, False), (2023, True), (2024, True), (2025, True)):
        found = resting_on_cstdcs(demo, pack, staff_id=cstd["staff_id"], year=year)
        assert (cstd["id"] in {d["id"] for d in found}) is guarded, year
