"""A movement has one tổng kết, after its sơ kết, and proposes an award to a nominee once, whatever year of the
movement: a second tổng kết held in January proposed the same Giấy khen for the next year and it was paid twice.
Households are the same nominee by their name's key (case, spaces, tone placement)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit

ECONOMY = "Phòng Kinh tế"


def _movement(store, ids: dict[str, int], start: str, end: str) -> int:
    movement_id = mv.create_movement(store, name="Thi đua năm", kind="thematic", start_date=start, end_date=end)
    mv.launch(store, movement_id=movement_id, launch_date=start)
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": f"d:{ids[ECONOMY]}", "criterion_id": criterion, "points": 95},
            {"participant": f"d:{ids['Công an xã']}", "criterion_id": criterion, "points": 80},
        ],
    )
    return movement_id


@pytest.fixture
def world(unit_store) -> dict[str, Any]:
    ids = setup_unit(unit_store)
    return {"store": unit_store, "ids": ids, "movement_id": _movement(unit_store, ids, "2025-01-01", "2025-12-31")}


def _review_and_propose(store, movement_id: int, kind: str, day: str, year: int, proposals=None) -> tuple[int, int]:
    """As `tdkt movement review --propose` does: the review and its round in one transaction."""
    with store.transaction(operation="movement.review"):
        review_id = mv.create_review(
            store, movement_id=movement_id, kind=kind, review_date=day, proposals=proposals, today=date(2027, 1, 4)
        )
        detail = mv.get_review(store, review_id)
        round_id = mv.propose_to_review(
            store, movement_id=movement_id, year=year, proposals=detail["proposals"], review_id=review_id
        )
    return review_id, round_id


def _counts(store, movement_id: int) -> tuple[int, int]:
    return (
        store.scalar("SELECT count(*) FROM movement_reviews WHERE movement_id = ?", (movement_id,)),
        store.scalar(
            "SELECT count(*) FROM nominations n JOIN review_rounds r ON r.id = n.round_id WHERE r.movement_id = ?",
            (movement_id,),
        ),
    )


def test_a_second_tong_ket_in_january_is_refused_naming_the_first(world):
    store, movement_id = world["store"], world["movement_id"]
    first, _round = _review_and_propose(store, movement_id, "tong_ket", "2025-12-30", 2025)
    with pytest.raises(ValidationError) as caught:
        _review_and_propose(store, movement_id, "tong_ket", "2026-01-15", 2026)
    assert f"đã có hội nghị tổng kết ngày 30/12/2025 (số {first})" in str(caught.value)
    assert _counts(store, movement_id) == (1, 1)
    with pytest.raises(ValidationError, match="không ghi hội nghị tổng kết thứ hai"):
        mv.create_review(store, movement_id=movement_id, kind="tong_ket", review_date="2025-12-31", proposals=[])


def test_so_ket_come_before_the_tong_ket(world):
    store, movement_id = world["store"], world["movement_id"]
    so_ket = mv.create_review(store, movement_id=movement_id, kind="so_ket", review_date="2025-07-01", proposals=[])
    with pytest.raises(ValidationError) as caught:
        mv.create_review(store, movement_id=movement_id, kind="tong_ket", review_date="2025-06-30", proposals=[])
    assert f"không sau ngày sơ kết 01/07/2025 (hội nghị số {so_ket})" in str(caught.value)
    final = mv.create_review(store, movement_id=movement_id, kind="tong_ket", review_date="2025-12-20", proposals=[])
    for day in ("2025-12-20", "2025-12-21"):
        with pytest.raises(ValidationError) as caught:
            mv.create_review(store, movement_id=movement_id, kind="so_ket", review_date=day, proposals=[])
        assert f"không trước ngày tổng kết 20/12/2025 (hội nghị số {final})" in str(caught.value)
    # a sơ kết held before the tổng kết and recorded late is still accepted
    assert mv.create_review(store, movement_id=movement_id, kind="so_ket", review_date="2025-09-30", proposals=[])
    assert _counts(store, movement_id) == (3, 0)


def test_a_movement_over_two_years_proposes_the_giay_khen_once(world):
    """Decided: the Giấy khen for leading a movement is one award of the movement, even when the movement spans
    two years (a sơ kết for 2025 and the tổng kết for 2026 would otherwise both pay it)."""
    store, ids = world["store"], world["ids"]
    movement_id = _movement(store, ids, "2025-01-01", "2026-12-31")
    _review, round_id = _review_and_propose(store, movement_id, "so_ket", "2025-12-20", 2025)
    with pytest.raises(ValidationError) as caught:
        _review_and_propose(store, movement_id, "tong_ket", "2026-12-20", 2026)
    message = str(caught.value)
    assert "Đề xuất thứ 1 (Phòng Kinh tế)" in message and "“Giấy khen” năm 2025" in message
    assert f"số {round_id}" in message
    assert _counts(store, movement_id) == (1, 1)


def test_a_household_is_the_same_by_its_name_key(world):
    store, movement_id = world["store"], world["movement_id"]

    def household(name: str) -> list[dict[str, Any]]:
        reason = "Hộ tiêu biểu trong phong trào"
        return [
            {
                "target_kind": "household",
                "household_name": name,
                "code": "GIAY_KHEN",
                "achievement": reason,
                "override_reason": reason,
            }
        ]

    _review_and_propose(store, movement_id, "so_ket", "2025-06-30", 2025, household("Hộ ông Vàng Seo Thủy"))
    with pytest.raises(ValidationError) as caught:
        _review_and_propose(store, movement_id, "tong_ket", "2025-12-20", 2025, household("hộ ông  vàng seo thuỷ"))
    assert "đã được đề nghị “Giấy khen” năm 2025" in str(caught.value)
    assert _counts(store, movement_id) == (1, 1)
    # another household is another nominee
    _review_and_propose(store, movement_id, "tong_ket", "2025-12-20", 2025, household("Hộ ông Vàng Seo Páo"))
    assert _counts(store, movement_id) == (2, 2)
