"""A movement's reviews and their proposals: a review goes into a review round once, only for its own movement and
the movement's years; a nominee is proposed for an award once in a movement, whatever year of it (a movement over two
years gives its Giấy khen once too); and a review's date falls within the movement (a tổng kết up to the end of the
year after it ends). Each proposal becomes a decision that pays money: a second round of the same Giấy khen would pay
it twice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.ops import movements as mv
from desktop.ops import review
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit

ECONOMY = "Phòng Kinh tế"


@pytest.fixture
def world(unit_store) -> dict[str, Any]:
    """A 2025 movement (launched 01/02/2025, 01/01 – 31/12/2025) where Phòng Kinh tế leads."""
    store = unit_store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="Thi đua chuyển đổi số", kind="thematic", start_date="2025-01-01", end_date="2025-12-31"
    )
    mv.launch(store, movement_id=movement_id, launch_date="2025-02-01")
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": f"d:{ids[ECONOMY]}", "criterion_id": criterion, "points": 95},
            {"participant": f"d:{ids['Công an xã']}", "criterion_id": criterion, "points": 80},
        ],
    )
    return {"store": store, "ids": ids, "movement_id": movement_id}


def _review(
    w: dict[str, Any],
    kind: str = "tong_ket",
    day: str = "2025-12-20",
    movement_id: int | None = None,
    today: date | None = None,
) -> int:
    return mv.create_review(
        w["store"], movement_id=movement_id or w["movement_id"], kind=kind, review_date=day, today=today
    )


def _propose(w: dict[str, Any], review_id: int, year: int = 2025, movement_id: int | None = None) -> int:
    store = w["store"]
    return mv.propose_to_review(
        store,
        movement_id=movement_id or w["movement_id"],
        year=year,
        proposals=mv.get_review(store, review_id)["proposals"],
        review_id=review_id,
    )


def _movement_rounds(w: dict[str, Any]) -> list[dict[str, Any]]:
    return w["store"].query("SELECT id, year, movement_id FROM review_rounds WHERE kind = 'movement' ORDER BY id")


def test_a_review_goes_into_a_round_once(world):
    review_id = _review(world)
    round_id = _propose(world, review_id)
    name = review.get_round(world["store"], round_id)["name"]
    for year in (2025, 2026):
        with pytest.raises(ValidationError) as caught:
            _propose(world, review_id, year=year)
        assert "đã được đưa vào đợt bình xét" in str(caught.value)
        assert name in str(caught.value) and f"số {round_id}" in str(caught.value)
    assert [r["id"] for r in _movement_rounds(world)] == [round_id]
    assert mv.get_review(world["store"], review_id)["round_id"] == round_id  # not overwritten


def test_a_review_of_another_movement_is_refused(world):
    store = world["store"]
    other = mv.create_movement(
        store, name="Chung sức xây dựng nông thôn mới", kind="thematic", start_date="2021-01-01", end_date="2025-12-31",
        launch_date="2021-01-01",
    )  # fmt: skip
    review_id = _review(world)
    with pytest.raises(ValidationError) as caught:
        _propose(world, review_id, movement_id=other)
    assert "là của phong trào “Thi đua chuyển đổi số”" in str(caught.value)
    assert "Chung sức xây dựng nông thôn mới" in str(caught.value)
    assert _movement_rounds(world) == []
    assert mv.get_review(store, review_id)["round_id"] is None


@pytest.mark.parametrize("year", [2019, 2024, 2027])
def test_a_year_outside_the_movement_is_refused(world, year):
    review_id = _review(world)
    with pytest.raises(ValidationError) as caught:
        _propose(world, review_id, year=year)
    assert f"Năm {year} không thuộc thời gian của phong trào" in str(caught.value)
    assert "2025–2026" in str(caught.value)
    assert _movement_rounds(world) == []
    assert mv.get_review(world["store"], review_id)["round_id"] is None


def test_the_year_after_the_end_is_accepted(world):
    """The movement ends 31/12/2025; a decision made after the end may be for 2026."""
    review_id = _review(world, day="2026-01-15")
    round_id = _propose(world, review_id, year=2026)
    assert [(r["id"], r["year"]) for r in _movement_rounds(world)] == [(round_id, 2026)]


def test_two_reviews_do_not_propose_the_same_award_twice(world):
    store = world["store"]
    first = _review(world, kind="so_ket", day="2025-06-30")
    second = _review(world)
    assert mv.get_review(store, first)["proposals"][0]["department_id"] == world["ids"][ECONOMY]
    round_id = _propose(world, first)
    with pytest.raises(ValidationError) as caught:
        _propose(world, second)
    message = str(caught.value)
    assert "Đề xuất thứ 1 (Phòng Kinh tế)" in message and "“Giấy khen” năm 2025" in message
    assert f"số {round_id}" in message
    assert [r["id"] for r in _movement_rounds(world)] == [round_id]
    assert mv.get_review(store, second)["round_id"] is None
    # nor for the year after: the Giấy khen for leading this movement is one award, whatever year its decision is
    # made in (a tổng kết held in January proposes for that year; it was paid twice)
    with pytest.raises(ValidationError) as caught:
        _propose(world, second, year=2026)
    assert "“Giấy khen” năm 2025" in str(caught.value) and f"số {round_id}" in str(caught.value)
    assert [r["id"] for r in _movement_rounds(world)] == [round_id]
    # a nomination taken off the list no longer counts
    [nomination] = review.get_round(store, round_id)["nominations"]
    review.remove_nomination(store, nomination_id=nomination["id"], reason="Đề nghị theo tổng kết")
    assert _propose(world, second, year=2026)


@pytest.mark.parametrize(
    ("kind", "day", "words"),
    [
        ("tong_ket", "2019-03-01", "trước khi phong trào “Thi đua chuyển đổi số” bắt đầu"),
        ("so_ket", "2024-12-31", "(ngày phát động hoặc bắt đầu: 01/01/2025)"),
        ("so_ket", "2090-03-01", "sau ngày kết thúc phong trào “Thi đua chuyển đổi số” (31/12/2025)"),
        ("so_ket", "2026-01-01", "sơ kết phải trong thời gian phong trào"),
        ("tong_ket", "2027-01-01", "tổng kết muộn nhất ngày 31/12/2026"),
    ],
)
def test_a_review_date_outside_the_movement_is_refused(world, kind, day, words):
    store = world["store"]
    with pytest.raises(ValidationError) as caught:
        _review(world, kind=kind, day=day)
    assert words in str(caught.value) and caught.value.field == "review_date"
    assert store.scalar("SELECT count(*) FROM movement_reviews") == 0


@pytest.mark.parametrize(
    ("kind", "day"),
    [("so_ket", "2025-01-01"), ("so_ket", "2025-12-31"), ("tong_ket", "2025-12-20"), ("tong_ket", "2026-12-31")],
)
def test_a_review_date_within_the_movement_is_accepted(world, kind, day):
    later = date(2027, 1, 4)  # the conference has met: its date is not after today
    assert mv.get_review(world["store"], _review(world, kind=kind, day=day, today=later))["review_date"] == day


def test_a_movement_known_by_its_year_only(world):
    """A regular movement with a year and no end date ends on 31 December of that year (launched first: a planned
    movement holds no review)."""
    store = world["store"]
    movement_id = mv.create_movement(store, name="Thi đua thường xuyên", kind="regular", year=2025)
    with pytest.raises(ValidationError, match="chưa phát động"):
        _review(world, kind="so_ket", day="2025-03-01", movement_id=movement_id)
    mv.launch(store, movement_id=movement_id, launch_date="2025-01-01")
    with pytest.raises(ValidationError, match="31/12/2025"):
        _review(world, kind="so_ket", day="2026-03-01", movement_id=movement_id)
    assert _review(world, kind="so_ket", day="2025-03-01", movement_id=movement_id)


def test_a_regular_movement_launched_the_december_before_proposes_for_its_own_year_only(world):
    """The 2025 yearly movement launched on 15/12/2024 (the next year's plan): its awards are of 2025 (or 2026, signed
    after it ends), never of 2024, where they would count in the 2024 register and report."""
    store = world["store"]
    movement_id = mv.create_movement(store, name="Thi đua thực hiện nhiệm vụ năm 2025", kind="regular", year=2025)
    mv.launch(store, movement_id=movement_id, launch_date="2024-12-15")
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": f"d:{world['ids'][ECONOMY]}", "criterion_id": criterion, "points": 95}],
    )
    review_id = _review(world, kind="tong_ket", day="2025-12-20", movement_id=movement_id)
    with pytest.raises(ValidationError, match="2025–2026") as refused:
        _propose(world, review_id, year=2024, movement_id=movement_id)
    assert refused.value.field == "year" and "Năm 2024" in str(refused.value)
    assert _movement_rounds(world) == []
    round_id = _propose(world, review_id, year=2025, movement_id=movement_id)
    assert _movement_rounds(world) == [{"id": round_id, "year": 2025, "movement_id": movement_id}]
