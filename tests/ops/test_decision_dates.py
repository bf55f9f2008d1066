"""A decision's date must make sense for its round: not before the year under review begins (nor before the start
of the movement a movement round rewards), and not before the council meeting that voted on its nominees. The
same refusal comes from the window's pre-check (``check_posting``, asked before "Ban hành?") and binds a
replacement decision of the round."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.movements.lifecycle import create_movement
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of

HEADER = {
    "signer_title": "Chủ tịch",
    "signer_name": "Sùng Mí Pháo",
    "subject": "Về việc khen thưởng năm 2025",
}
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair"},
    {"full_name": "Lò Văn Chứ", "role": "deputy"},
    {"full_name": "Hoàng Thị Mai", "role": "member"},
    {"full_name": "Giàng Seo Dũng", "role": "member"},
    {"full_name": "Vàng Thị Dở", "role": "secretary"},
]


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _decisions_of_round(store, round_id) -> int:
    return int(store.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_id,)))


def test_a_yearly_round_is_not_decided_before_its_year_begins(demo):
    store = demo
    round_id = review.create_round(store, year=2026, today=date(2026, 12, 10))
    for check in (review.check_posting, review.issue_decision):
        extra = HEADER if check is review.issue_decision else {}
        with pytest.raises(ValidationError) as refused:
            check(store, round_id=round_id, decision_date=date(2025, 6, 15), **extra)
        assert refused.value.field == "decision_date"
        message = str(refused.value)
        assert "15/06/2025" in message and "01/01/2026" in message and "năm 2026" in message
    assert _decisions_of_round(store, round_id) == 0
    review.check_posting(store, round_id=round_id, decision_date=date(2026, 1, 1))  # the first day of the year


def test_a_decision_is_not_signed_before_the_council_voted(demo):
    store = demo
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    nominations = review.get_round(store, round_id)["nominations"]
    voted = next(n for n in nominations if n["code"] == "CSTDCS")
    plain = next(n for n in nominations if n["code"] == "LDTT" and not n["ballot_required"])
    review.set_council(store, round_id=round_id, meeting_date=date(2025, 12, 15), location="UBND xã", members=COUNCIL)
    assert review.record_ballot(store, nomination_id=voted["id"], agree=5, disagree=0, invalid=0)["passed"]

    early = date(2025, 12, 10)
    for ids in ([voted["id"], plain["id"]], None):  # chosen by the clerk, or the round's default choice
        with pytest.raises(ValidationError) as refused:
            review.check_posting(store, round_id=round_id, decision_date=early, nomination_ids=ids)
        assert refused.value.field == "decision_date"
        assert "10/12/2025" in str(refused.value) and "15/12/2025" in str(refused.value)
        with pytest.raises(ValidationError, match="ngày họp Hội đồng Thi đua - Khen thưởng \\(15/12/2025\\)"):
            review.issue_decision(store, round_id=round_id, decision_date=early, nomination_ids=ids, **HEADER)
    assert _decisions_of_round(store, round_id) == 0

    # A nominee the council did not vote on (none needed) may be decided before its meeting ...
    review.check_posting(store, round_id=round_id, decision_date=early, nomination_ids=[plain["id"]])
    # ... as the LĐTT the voted one's CSTĐCS rests on is ...
    ldtt = decide_ldtt_of(store, round_id, [voted["id"]], early)
    assert review.get_decision(store, decision_id=ldtt)["decision_date"] == "2025-12-10"
    # ... and the voted one from the day of the meeting on.
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 15), nomination_ids=[voted["id"]], **HEADER
    )
    assert review.get_decision(store, decision_id=decision_id)["decision_date"] == "2025-12-15"


def test_a_movement_round_is_not_decided_before_the_movement_began(demo):
    store = demo
    movement_id = create_movement(
        store, name="Chung sức xây dựng nông thôn mới", start_date=date(2025, 3, 1), end_date=date(2025, 11, 30)
    )
    round_id = review.create_round(store, year=2025, kind="movement", movement_id=movement_id)
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(store, round_id=round_id, decision_date=date(2025, 2, 10), **HEADER)
    message = str(refused.value)
    assert refused.value.field == "decision_date"
    assert "10/02/2025" in message and "01/03/2025" in message and "Chung sức xây dựng nông thôn mới" in message
    review.check_posting(store, round_id=round_id, decision_date=date(2025, 6, 30))  # within the year: fine


def test_a_movement_with_only_a_launch_date_bounds_its_decision_from_the_launch(demo):
    """The contest counts from the start, else the launch (domain.movement_period.contest_start), for the council
    and the decision alike: a movement launched on 15/04 without a start date is not rewarded on 10/04."""
    store = demo
    movement_id = create_movement(
        store, name="Dân vận khéo", launch_date=date(2025, 4, 15), end_date=date(2025, 11, 30)
    )
    round_id = review.create_round(store, year=2025, kind="movement", movement_id=movement_id)
    with pytest.raises(ValidationError) as refused:
        review.check_posting(store, round_id=round_id, decision_date=date(2025, 4, 10))
    assert refused.value.field == "decision_date"
    assert "10/04/2025" in str(refused.value) and "15/04/2025" in str(refused.value)
    with pytest.raises(ValidationError) as meeting:
        review.set_council(
            store, round_id=round_id, meeting_date=date(2025, 4, 10), location="Hội trường", members=COUNCIL
        )
    assert meeting.value.field == "meeting_date" and "15/04/2025" in str(meeting.value)
    review.check_posting(store, round_id=round_id, decision_date=date(2025, 4, 15))  # the launch day itself: fine


def test_a_replacement_of_an_old_misdated_decision_is_held_to_the_round_dates(demo):
    store = demo
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:2]
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 20), nomination_ids=ldtt, **HEADER
    )
    with store.transaction(operation="test.legacy"):  # as a decision issued before dates were checked
        store.execute("UPDATE decisions SET decision_date = '2024-06-15' WHERE id = ?", (decision_id,))
    with pytest.raises(ValidationError) as refused:
        review.replace_decision(
            store, decision_id=decision_id, reason="Sửa ngày ký", decision_date=date(2024, 7, 1), changes={}
        )
    assert refused.value.field == "decision_date"
    assert "01/07/2024" in str(refused.value) and "01/01/2025" in str(refused.value)
    new_id = review.replace_decision(
        store, decision_id=decision_id, reason="Sửa ngày ký", decision_date=date(2025, 12, 22), changes={}
    )
    assert review.get_decision(store, decision_id=new_id)["decision_date"] == "2025-12-22"
