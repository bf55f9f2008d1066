"""A title (danh hiệu) is conferred once a year in any round: one another round of the year still lists (proposed or
passed, not decided nor sent up) is not added to a second round, a movement's round included, and the engine's
proposals of a yearly round keep it off, naming that round. Households are held to the same rule on their name key,
for titles and award forms alike."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY
from tests.ops.test_round_refresh_delete import _without_2025_ratings

TODAY = date(2025, 12, 10)
HINT = "hãy ghi thêm tên thôn, tổ dân phố vào tên hộ"


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _add(store, round_id: int, code: str, staff_id: int) -> int:
    return review.add_nomination(
        store,
        round_id=round_id,
        target_kind="individual",
        code=code,
        staff_id=staff_id,
        change_reason="Bổ sung theo đề nghị của bộ phận",
        override_reason="Có thành tích",
        today=TODAY,
    )


def _household(store, round_id: int, code: str, name: str) -> int:
    return review.add_nomination(
        store,
        round_id=round_id,
        target_kind="household",
        code=code,
        household_name=name,
        change_reason="Họp thôn bình xét",
        override_reason="Có thành tích",
        today=TODAY,
    )


def _line(store, round_id: int, code: str, staff_id: int) -> list[dict]:
    noms = review.get_round(store, round_id)["nominations"]
    return [n for n in noms if n["code"] == code and n["staff_id"] == staff_id]


def _status(store, nomination_id: int) -> str:
    return str(store.scalar("SELECT status FROM nominations WHERE id = ?", (nomination_id,)))


def test_a_title_the_yearly_round_lists_is_refused_in_an_occasion_and_a_movement_round(demo):
    store = demo
    yearly = review.create_round(store, year=2025, posting_days=5, today=TODAY)
    listed = _line(store, yearly, "LDTT", 3)
    assert [n["status"] for n in listed] == ["proposed"]
    yearly_name = review.get_round(store, yearly)["name"]
    occasion = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng đột xuất", posting_days=0)
    movement = review.create_round(store, year=2025, kind="movement", name="Khen thưởng phong trào", posting_days=0)
    for other in (occasion, movement):
        with pytest.raises(ValidationError) as refused:
            _add(store, other, "LDTT", 3)
        message = str(refused.value)
        assert f"“{yearly_name}”" in message and f"đề nghị số {listed[0]['id']}" in message
        assert "Lao động tiên tiến" in message and "một lần trong năm" in message
        assert refused.value.field == "code"
        assert not _line(store, other, "LDTT", 3)
    # once the yearly round takes it off, another round may propose it
    review.remove_nomination(store, nomination_id=listed[0]["id"], reason="Chuyển sang đợt đột xuất")
    assert _status(store, _add(store, occasion, "LDTT", 3)) == "proposed"


def test_a_title_passed_in_a_movement_round_is_refused_in_an_occasion_round(demo):
    store = demo
    movement = review.create_round(store, year=2025, kind="movement", name="Khen thưởng phong trào", posting_days=0)
    waiting = _add(store, movement, "LDTT", 3)
    occasion = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng đột xuất", posting_days=0)
    with pytest.raises(ValidationError) as refused:
        _add(store, occasion, "LDTT", 3)
    assert "“Khen thưởng phong trào”" in str(refused.value) and f"đề nghị số {waiting}" in str(refused.value)
    # an award form keeps the movement's exception: it rewards that movement's achievement
    _add(store, movement, "GIAY_KHEN", 3)
    assert _status(store, _add(store, occasion, "GIAY_KHEN", 3)) == "proposed"


@pytest.mark.parametrize("code", ["GDVH", "GIAY_KHEN"])
def test_a_household_listed_in_another_round_is_refused_on_its_name_key(demo, code):
    store = demo
    first = review.create_round(store, year=2025, kind="occasion", name="Gia đình văn hóa thôn Lô Lô Chải")
    waiting = _household(store, first, code, "Hộ ông Lò Văn Thuỷ")
    second = review.create_round(store, year=2025, kind="occasion", name="Đợt bổ sung")
    with pytest.raises(ValidationError) as refused:
        _household(store, second, code, "hộ ông  Lò Văn Thủy")
    message = str(refused.value)
    assert "“Gia đình văn hóa thôn Lô Lô Chải”" in message and f"đề nghị số {waiting}" in message
    assert HINT in message
    assert not review.get_round(store, second)["nominations"]
    # a household of another thôn, its name told apart, is another nominee
    assert _household(store, second, code, "Hộ ông Lò Văn Thuỷ, thôn Đông")


def test_a_household_title_in_a_movement_round_is_refused_elsewhere(demo):
    store = demo
    movement = review.create_round(store, year=2025, kind="movement", name="Phong trào xây dựng nông thôn mới")
    _household(store, movement, "GDVH", "Hộ ông Giàng Seo Chứ")
    occasion = review.create_round(store, year=2025, kind="occasion", name="Gia đình văn hóa")
    with pytest.raises(ValidationError, match="Phong trào xây dựng nông thôn mới"):
        _household(store, occasion, "GDVH", "Hộ ông Giàng Seo Chứ")


def test_refresh_keeps_off_what_another_round_lists_and_puts_it_back_when_taken_off_there(demo):
    store = demo
    put_back = _without_2025_ratings(store)
    yearly = review.create_round(store, year=2025, posting_days=5, today=TODAY)
    assert not _line(store, yearly, "LDTT", 3)  # no rating yet: not proposed
    occasion = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng đột xuất", posting_days=0)
    title = _add(store, occasion, "LDTT", 3)
    award = _add(store, occasion, "GIAY_KHEN", 3)
    movement = review.create_round(store, year=2025, kind="movement", name="Khen thưởng phong trào", posting_days=0)
    _add(store, movement, "GIAY_KHEN", 4)  # a movement's award form does not keep the year's off
    put_back()

    review.refresh_proposals(store, round_id=yearly, today=TODAY)
    for code, nomination in (("LDTT", title), ("GIAY_KHEN", award)):
        rows = _line(store, yearly, code, 3)
        assert [(n["status"], bool(n["proposed_by_engine"])) for n in rows] == [("removed", True)]
        assert "“Khen thưởng đột xuất”" in rows[0]["removed_reason"]
        assert f"đề nghị số {nomination}" in rows[0]["removed_reason"]
    assert [n["status"] for n in _line(store, yearly, "GIAY_KHEN", 4)] == ["proposed"]
    # a second refresh adds no second line
    review.refresh_proposals(store, round_id=yearly, today=TODAY)
    assert len(_line(store, yearly, "LDTT", 3)) == 1

    review.remove_nomination(store, nomination_id=title, reason="Để đợt bình xét cuối năm xét")
    review.refresh_proposals(store, round_id=yearly, today=TODAY)
    rows = _line(store, yearly, "LDTT", 3)
    assert [(n["status"], n["removed_reason"]) for n in rows] == [("proposed", "")]


def test_a_yearly_round_opened_after_another_lists_the_title_keeps_it_off(demo):
    store = demo
    occasion = review.create_round(store, year=2025, kind="occasion", name="Khen thưởng đột xuất", posting_days=0)
    title = _add(store, occasion, "LDTT", 3)
    yearly = review.create_round(store, year=2025, posting_days=5, today=TODAY)
    rows = _line(store, yearly, "LDTT", 3)
    assert [n["status"] for n in rows] == ["removed"]
    assert "“Khen thưởng đột xuất”" in rows[0]["removed_reason"] and f"đề nghị số {title}" in rows[0]["removed_reason"]
    assert [n["status"] for n in _line(store, yearly, "LDTT", 4)] == ["proposed"]
