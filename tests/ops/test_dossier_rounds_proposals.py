"""A yearly round's engine proposals leave out what another round of the year has sent up (listed as dealt with
there, naming that round), and an award form waiting in one round is not added to another at the same time."""

from __future__ import annotations

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.review.dossier import upward_choice
from desktop.store import ValidationError
from desktop.store.rules_repo import effective_pack
from tests.demo_date import DEMO_TODAY
from tests.ops.test_fxdossier_twice import TODAY
from tests.ops.test_fxdossier_twice import _yearly_round_ready as _first_round_decided


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _cstd_tinh_of_3(store, round_id: int) -> list[dict]:
    noms = review.get_round(store, round_id)["nominations"]
    return [n for n in noms if n["code"] == "CSTD_TINH" and n["staff_id"] == 3]


def _upward_ids(store, round_id: int) -> set[int]:
    chosen, _left_out = upward_choice(store, effective_pack(store), round_id)
    return {int(r["id"]) for r in chosen}


def test_new_yearly_round_lists_what_another_round_sent_up_as_dealt_with_there(demo):
    store = demo
    first = _first_round_decided(store)
    dossier = review.build_dossier(store, round_id=first)
    first_name = review.get_round(store, first)["name"]

    second = review.create_round(store, year=2025, name="Bình xét bổ sung năm 2025", posting_days=0, today=TODAY)
    rows = _cstd_tinh_of_3(store, second)
    assert len(rows) == 1
    row = rows[0]
    assert row["status"] == "removed"
    assert row["proposed_by_engine"]
    assert f"Đã xét ở đợt “{first_name}”" in row["removed_reason"]
    assert f"hồ sơ số {dossier}" in row["removed_reason"]
    assert row["id"] not in _upward_ids(store, second)
    # a refresh keeps it off and proposes no second line for it
    review.refresh_proposals(store, round_id=second, today=TODAY)
    again = _cstd_tinh_of_3(store, second)
    assert [(n["id"], n["status"]) for n in again] == [(row["id"], "removed")]
    assert first_name in again[0]["removed_reason"]


def test_refresh_names_the_dossier_once_the_round_that_lists_it_sends_it_up(demo):
    store = demo
    first = _first_round_decided(store)
    first_name = review.get_round(store, first)["name"]
    second = review.create_round(store, year=2025, name="Bình xét bổ sung năm 2025", posting_days=0, today=TODAY)
    before = _cstd_tinh_of_3(store, second)
    # passed in the first round, not sent up yet: still listed there, so kept off here naming it
    assert [n["status"] for n in before] == ["removed"]
    assert f"Đang được đề nghị ở đợt “{first_name}”" in before[0]["removed_reason"]
    dossier = review.build_dossier(store, round_id=first)

    review.refresh_proposals(store, round_id=second, today=TODAY)
    after = _cstd_tinh_of_3(store, second)
    assert [(n["id"], n["status"]) for n in after] == [(before[0]["id"], "removed")]
    assert f"Đã xét ở đợt “{first_name}”" in after[0]["removed_reason"]
    assert f"hồ sơ số {dossier}" in after[0]["removed_reason"]
    # the program's mark writes no change reason (a clerk's removal always does): told apart at the next refresh
    assert not store.scalar("SELECT 1 FROM nominations WHERE id = ? AND change_reason != ''", (before[0]["id"],))


def _giay_khen(store, round_id: int, staff_id: int) -> int:
    return review.add_nomination(
        store,
        round_id=round_id,
        target_kind="individual",
        code="GIAY_KHEN",
        staff_id=staff_id,
        change_reason="Có thành tích đột xuất trong phòng chống lũ",
        override_reason="Có thành tích đột xuất",
    )


def test_award_form_waiting_in_another_round_is_not_added_again(demo):
    store = demo
    first = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng phòng chống lũ", posting_days=0)
    waiting = _giay_khen(store, first, 3)
    second = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng đột xuất", posting_days=0)

    with pytest.raises(ValidationError) as refused:
        _giay_khen(store, second, 3)
    message = str(refused.value)
    assert "“Khen thưởng phòng chống lũ”" in message and f"đề nghị số {waiting}" in message
    assert not [n for n in review.get_round(store, second)["nominations"] if n["code"] == "GIAY_KHEN"]

    # another person, or the same once the first round took it off, may be added
    _giay_khen(store, second, 4)
    review.remove_nomination(store, nomination_id=waiting, reason="Chuyển sang đợt khen thưởng đột xuất")
    added = _giay_khen(store, second, 3)
    assert store.query_one("SELECT status FROM nominations WHERE id = ?", (added,))["status"] == "proposed"


def test_award_form_the_yearly_round_lists_is_refused_in_an_occasion_round_not_in_a_movement_round(demo):
    store = demo
    yearly = review.create_round(store, year=2025, posting_days=5, today=TODAY)
    listed = next(
        n for n in review.get_round(store, yearly)["nominations"] if n["code"] == "GIAY_KHEN" and n["staff_id"] == 3
    )
    assert listed["status"] == "proposed"
    yearly_name = review.get_round(store, yearly)["name"]
    occasion = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng đột xuất", posting_days=0)
    with pytest.raises(ValidationError) as refused:
        _giay_khen(store, occasion, 3)
    assert f"“{yearly_name}”" in str(refused.value) and f"đề nghị số {listed['id']}" in str(refused.value)

    # a movement's award rewards that movement's achievement, not the year's: proposed beside the yearly one
    movement = review.create_round(store, year=2025, kind="movement", name="Khen thưởng phong trào", posting_days=0)
    assert _giay_khen(store, movement, 3)
