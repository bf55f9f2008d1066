"""Public posting (niêm yết công khai) as the law asks it: Gia đình văn hóa is posted 10 days before the chair
confers it (NĐ 86/2023, from the rule pack with its citation); a posting is the council's list, so it begins after
the council met; it begins within the round; it is not shortened below what the round asks; and once a decision
of the round exists, the posting it followed is no longer rewritten."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import backup, review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from desktop.store.rules_repo import effective_pack
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of
from tests.ops.test_law_by_date import COUNCIL, HEADER


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _household_round(store) -> tuple[int, int]:
    round_id = review.create_round(store, year=2025, kind="occasion", name="Gia đình văn hóa", today=DEMO_TODAY)
    nomination = review.add_nomination(
        store, round_id=round_id, target_kind="household", code="GDVH", household_name="Hộ ông Giàng Seo Chứ",
        change_reason="Họp thôn Lô Lô Chải bình xét",
    )  # fmt: skip
    return round_id, nomination


def _issue(store, round_id: int, day: date, ids: list[int] | None = None) -> int:
    return review.issue_decision(
        store, round_id=round_id, decision_date=day, subject="Về việc công nhận", nomination_ids=ids, **HEADER
    )


def test_the_pack_holds_the_posting_of_gia_dinh_van_hoa_by_date(demo):
    pack = effective_pack(demo)
    assert pack.posting_days("GDVH", date(2025, 12, 4)) == 10
    assert pack.posting_days("GDVH", date(2023, 6, 1)) == 0  # before NĐ 86/2023 took effect: not in the pack
    assert pack.posting_days("GIAY_KHEN", date(2025, 12, 4)) == 0
    assert "NĐ 86/2023" in pack.citation("titles.GDVH.posting_days", date(2025, 12, 4))


def test_gia_dinh_van_hoa_is_conferred_only_after_ten_days_of_posting(demo):
    store = demo
    round_id, _nomination = _household_round(store)
    for check in (
        lambda: _issue(store, round_id, date(2025, 12, 4)),
        lambda: review.check_posting(store, round_id=round_id, decision_date=date(2025, 12, 4)),
    ):
        with pytest.raises(ValidationError, match=r"ít nhất 10 ngày .*NĐ 86/2023.*chưa niêm yết") as refused:
            check()
        assert refused.value.field == "decision_date"
    review.start_posting(store, round_id=round_id, start=date(2025, 11, 25), days=5)
    with pytest.raises(ValidationError, match="chỉ niêm yết 5 ngày \\(từ 25/11/2025 đến 29/11/2025\\)"):
        _issue(store, round_id, date(2025, 12, 4))
    assert store.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_id,)) == 0
    # refused before the backup a decision makes: a refused decision leaves none behind
    assert "before_decision" not in [info.reason for info in backup.list_backups(store)]
    review.start_posting(store, round_id=round_id, start=date(2025, 11, 20), days=10)
    decision_id = _issue(store, round_id, date(2025, 12, 4))
    assert review.get_decision(store, decision_id=decision_id)["awardees"][0]["code"] == "GDVH"


def test_a_posting_begins_within_the_round_and_is_not_rewritten_after_its_decision(demo):
    store = demo
    round_id, _nomination = _household_round(store)
    with pytest.raises(ValidationError, match="Ngày bắt đầu niêm yết 20/12/2024 sớm hơn") as early:
        review.start_posting(store, round_id=round_id, start=date(2024, 12, 20), days=10)
    assert early.value.field == "start"
    review.start_posting(store, round_id=round_id, start=date(2025, 11, 20), days=10)
    _issue(store, round_id, date(2025, 12, 4))
    with pytest.raises(ValidationError, match=r"đã có Quyết định số .* ngày 04/12/2025; việc niêm yết"):
        review.start_posting(store, round_id=round_id, start=date(2025, 12, 1), days=10)
    row = store.query_one("SELECT posted_from, posted_to FROM review_rounds WHERE id = ?", (round_id,))
    assert (row["posted_from"], row["posted_to"]) == ("2025-11-20", "2025-11-29")


def test_a_round_that_asks_for_posting_is_not_posted_shorter_nor_before_its_council(demo):
    store = demo
    round_id = review.create_round(store, year=2025, posting_days=10, today=date(2025, 12, 10))
    with pytest.raises(ValidationError, match="phải niêm yết công khai 10 ngày; không niêm yết ngắn hơn") as short:
        review.start_posting(store, round_id=round_id, start=date(2025, 12, 16), days=1)
    assert short.value.field == "days"
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    chosen = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS"][:1]
    review.record_ballot(
        store, nomination_id=chosen[0], agree=sum(1 for m in COUNCIL if m["attended"]), disagree=0, invalid=0
    )
    review.start_posting(store, round_id=round_id, start=date(2025, 1, 2))  # "posted" 11 months before the vote
    with pytest.raises(ValidationError, match="trước ngày Hội đồng thi đua, khen thưởng họp bình xét \\(15/12/2025\\)"):
        _issue(store, round_id, date(2025, 12, 16), chosen)
    review.start_posting(store, round_id=round_id, start=date(2025, 12, 16))
    decide_ldtt_of(store, round_id, chosen, date(2025, 12, 26))  # the LĐTT the CSTĐCS rests on, first
    _issue(store, round_id, date(2025, 12, 26), chosen)


def test_a_round_decided_in_part_without_posting_may_still_post_for_the_rest(demo):
    store = demo
    round_id, household = _household_round(store)
    other = review.add_nomination(
        store, round_id=round_id, target_kind="household", code="GIAY_KHEN", household_name="Hộ ông Vàng Seo Páo",
        change_reason="Đóng góp xây nhà văn hóa thôn",
    )  # fmt: skip
    _issue(store, round_id, date(2025, 11, 10), [other])  # a Giấy khen needs no posting
    review.start_posting(store, round_id=round_id, start=date(2025, 11, 20), days=10)
    decision_id = _issue(store, round_id, date(2025, 12, 4), [household])
    assert review.get_decision(store, decision_id=decision_id)["awardees"][0]["code"] == "GDVH"
