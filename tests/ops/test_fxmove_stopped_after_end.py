"""A department takes part in a movement if it was in use during the movement's period: stopped after the
movement ended (merged in 2026) it is still scored and ranked in the 2025 movement, and may lead it, but is not
proposed for an award (the runner-up is never crowned instead); stopped before it ended, it is not ranked."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.ops import unit
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def scored(unit_store):
    store = unit_store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="PT 2025", kind="thematic", start_date="2025-01-01", end_date="2025-12-31", launch_date="2025-01-01"
    )
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    economy, culture = ids["Phòng Kinh tế"], ids["Phòng Văn hóa - Xã hội"]
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": f"d:{economy}", "criterion_id": criterion, "points": 98},
            {"participant": f"d:{culture}", "criterion_id": criterion, "points": 80},
        ],
    )
    return store, movement_id, criterion, economy, culture


def test_stop_after_the_movement_ended_does_not_rewrite_its_ranking(scored):
    store, movement_id, criterion, economy, _culture = scored
    assert mv.ranking(store, movement_id=movement_id).leader_name == "Phòng Kinh tế"
    unit.set_department_active(store, department_id=economy, active=False, today=date(2026, 1, 5))

    person = next(p for p in mv.participants(store, movement_id=movement_id) if p["department_id"] == economy)
    assert person["eligible"] is True and "05/01/2026" in person["note"], person
    after = mv.ranking(store, movement_id=movement_id)
    assert after.leader_name == "Phòng Kinh tế", after.note
    assert "Phòng Kinh tế đã ngừng hoạt động từ ngày 05/01/2026" in after.note, after.note
    # its points may still be corrected before the tổng kết: it took part in the whole of 2025
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": f"d:{economy}", "criterion_id": criterion, "points": 97}],
    )
    # nobody is proposed in its place, and it is not proposed (the collective no longer exists)
    assert mv.default_proposals(store, movement_id=movement_id) == []
    review_id = mv.create_review(
        store, movement_id=movement_id, kind="tong_ket", review_date="2026-01-10", today=date(2026, 1, 20)
    )
    frozen = mv.get_review(store, review_id)
    assert frozen["leading_name"] == "Phòng Kinh tế"
    assert frozen["proposals"] == []
    assert "không được đề nghị khen thưởng" in frozen["ranking"]["note"], frozen["ranking"]["note"]


def test_stop_on_the_last_day_of_the_movement_leaves_the_ranking(scored):
    store, movement_id, _criterion, economy, _culture = scored
    unit.set_department_active(store, department_id=economy, active=False, today=date(2025, 12, 31))
    person = next(p for p in mv.participants(store, movement_id=movement_id) if p["department_id"] == economy)
    assert person["eligible"] is False
    assert mv.ranking(store, movement_id=movement_id).leader_name == "Phòng Văn hóa - Xã hội"


def test_a_department_stopped_after_the_end_without_points_is_still_listed(scored):
    store, movement_id, _criterion, _economy, _culture = scored
    police = next(
        p["department_id"] for p in mv.participants(store, movement_id=movement_id) if p["name"] == "Công an xã"
    )
    unit.set_department_active(store, department_id=police, active=False, today=date(2026, 2, 1))
    person = next(p for p in mv.participants(store, movement_id=movement_id) if p["department_id"] == police)
    assert person["eligible"] is True


def test_a_block_member_stopped_after_the_end_still_leads_its_block(scored):
    store, _movement_id, _criterion, economy, culture = scored
    movement_id = mv.create_movement(
        store,
        name="PT khối 2025",
        kind="thematic",
        start_date="2025-01-01",
        end_date="2025-12-31",
        launch_date="2025-01-01",
    )
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    block = mv.create_block(store, name="Khối các phòng", department_ids=[economy, culture])
    mv.sign_covenant(
        store, movement_id=movement_id, block_id=block, signed_on="2025-01-10", signatories=[{"name": "Nguyễn Văn A"}]
    )
    people = {p["department_id"]: p for p in mv.participants(store, movement_id=movement_id)}
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": people[economy]["key"], "criterion_id": criterion, "points": 98},
            {"participant": people[culture]["key"], "criterion_id": criterion, "points": 80},
        ],
    )
    unit.set_department_active(store, department_id=economy, active=False, today=date(2026, 3, 1))
    people = {p["department_id"]: p for p in mv.participants(store, movement_id=movement_id)}
    assert people[economy]["eligible"] is True and people[economy]["stopped_on"] == "2026-03-01"
    assert people[culture]["stopped_on"] is None
    result = mv.ranking(store, movement_id=movement_id)
    assert result.leader_name == "Phòng Kinh tế", result.note
    assert mv.default_proposals(store, movement_id=movement_id, result=result) == []
