"""A movement's participants and points do not change under its result: a covenant signed after departments were
scored would drop their points (and a unit at 0 points was then proposed for a Giấy khen); a stopped department
joined a block; a tổng kết could be dated next year, and points and registrations still changed after it."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.ops.unit import set_department_active
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit

OFFICE = "Văn phòng HĐND và UBND"
ECONOMY = "Phòng Kinh tế"
SIGNERS = [{"name": "Nguyễn Văn An", "title": "Chủ tịch", "member": "Văn phòng"}]


@pytest.fixture
def world(unit_store):
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store, name="PT giao ước muộn", kind="campaign", start_date="2025-01-05", end_date="2025-12-31"
    )
    mv.launch(unit_store, movement_id=movement_id, launch_date="2025-01-05")
    criterion = mv.add_criterion(unit_store, movement_id=movement_id, name="Chuyên môn", max_points=50)
    return {"store": unit_store, "ids": ids, "movement_id": movement_id, "criterion": criterion}


def _score(world, points: dict[str, float | None]) -> None:
    mv.record_scores(
        world["store"],
        movement_id=world["movement_id"],
        entries=[
            {"participant": f"d:{world['ids'][name]}", "criterion_id": world["criterion"], "points": value}
            for name, value in points.items()
        ],
    )


def _sign(world, *names: str, block: str = "Khối cơ quan") -> dict:
    return mv.sign_block_covenant(
        world["store"],
        movement_id=world["movement_id"],
        block_name=block,
        signed_on="2025-02-10",
        signatories=SIGNERS,
        department_ids=[world["ids"][n] for n in names],
    )


def _count(store, table: str) -> int:
    return int(store.scalar(f"SELECT count(*) FROM {table}"))


def test_a_covenant_after_department_points_is_refused_naming_them(world):
    store = world["store"]
    _score(world, {OFFICE: 48, ECONOMY: 10})
    assert mv.ranking(store, movement_id=world["movement_id"]).leader_name == OFFICE
    blocks = _count(store, "blocks")
    with pytest.raises(ValidationError) as caught:
        _sign(world, OFFICE, ECONOMY)
    message = str(caught.value)
    assert "đã có điểm chấm cho 2 phòng, ban, tổ" in message and OFFICE in message and ECONOMY in message
    assert "xóa các điểm đã chấm" in message
    assert (_count(store, "blocks"), _count(store, "covenants")) == (blocks, 0)  # nothing half-written
    assert mv.ranking(store, movement_id=world["movement_id"]).leader_name == OFFICE  # the leader keeps the lead
    # the clerk clears the points, signs, then scores the block's members
    _score(world, {OFFICE: None, ECONOMY: None})
    assert _sign(world, OFFICE, ECONOMY)["created"]


def test_a_stopped_department_joins_no_block(world):
    store, ids = world["store"], world["ids"]
    set_department_active(store, department_id=ids[ECONOMY], active=False, today=date(2025, 2, 1))
    with pytest.raises(ValidationError, match=f"Tập thể “{ECONOMY}” đã ngừng hoạt động"):
        _sign(world, OFFICE, ECONOMY)
    with pytest.raises(ValidationError, match="đã ngừng hoạt động"):
        mv.create_block(store, name="Khối kinh tế", department_ids=[ids[ECONOMY]])
    assert (_count(store, "blocks"), _count(store, "covenants")) == (0, 0)


def test_a_review_is_not_dated_after_today(world):
    store = world["store"]
    with pytest.raises(ValidationError, match="Ngày tổng kết 20/12/2025 chưa tới") as caught:
        mv.create_review(
            store, movement_id=world["movement_id"], kind="tong_ket", review_date="2025-12-20", today=date(2025, 12, 7)
        )
    assert caught.value.field == "review_date"
    assert _count(store, "movement_reviews") == 0


def test_after_the_tong_ket_points_registrations_criteria_and_covenants_are_frozen(world):
    store, ids, movement_id = world["store"], world["ids"], world["movement_id"]
    _score(world, {OFFICE: 48, ECONOMY: 10})
    mv.create_review(store, movement_id=movement_id, kind="tong_ket", review_date="2025-12-20", today=date(2026, 1, 5))
    frozen = "đã tổng kết ngày 20/12/2025"
    with pytest.raises(ValidationError, match=frozen):
        _score(world, {ECONOMY: 50})
    with pytest.raises(ValidationError, match=frozen):
        mv.register(
            store, movement_id=movement_id, code="TTLDTT", department_id=ids[OFFICE], registered_on="2025-06-01"
        )
    with pytest.raises(ValidationError, match=frozen):
        mv.add_criterion(store, movement_id=movement_id, name="Cải cách", max_points=10)
    with pytest.raises(ValidationError, match=frozen):
        _sign(world, OFFICE)
    result = mv.ranking(store, movement_id=movement_id)
    assert result.leader_name == OFFICE and [r.total for r in result.results][:2] == [48, 10]
