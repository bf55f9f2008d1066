"""Editing a movement's dates (or launching it again later) never leaves outside it what the unit recorded for it:
the edit is refused with the list of what would fall outside, and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.ops.movement_flow import DEPARTMENTS, setup_unit


def test_a_later_launch_or_year_that_leaves_a_registration_or_review_outside_is_refused(unit_store):
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(unit_store, name="PT năm", kind="regular", year=2026, launch_date="2026-01-05")
    mv.register(
        unit_store,
        movement_id=movement_id,
        department_id=ids[DEPARTMENTS[0]],
        code="TTLDTT",
        registered_on="2026-03-10",
    )
    mv.create_review(
        unit_store, movement_id=movement_id, kind="tong_ket", review_date="2026-12-20", today=date(2027, 1, 4)
    )
    with pytest.raises(ValidationError, match="bản đăng ký thi đua của Phòng Kinh tế ngày 10/03/2026") as caught:
        mv.launch(unit_store, movement_id=movement_id, launch_date="2026-04-01")
    assert "hội nghị tổng kết" not in str(caught.value)  # 20/12 is still within the movement
    with pytest.raises(ValidationError, match="hội nghị tổng kết ngày 20/12/2026") as caught:
        mv.update_movement(unit_store, movement_id=movement_id, year=2027, launch_date="2027-01-05")
    assert caught.value.field == "launch_date"
    row = mv.get_movement(unit_store, movement_id)
    assert (row["launch_date"], row["year"]) == ("2026-01-05", 2026)
    mv.launch(unit_store, movement_id=movement_id, launch_date="2026-02-01")  # the registration stays inside
    assert mv.get_movement(unit_store, movement_id)["launch_date"] == "2026-02-01"


def test_work_already_outside_does_not_block_an_unrelated_date_change(unit_store):
    """A registration recorded before the rule existed outside the movement does not stop moving the end later."""
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store, name="PT", kind="thematic", start_date="2026-01-01", end_date="2026-06-30", launch_date="2026-01-01"
    )
    mv.register(
        unit_store,
        movement_id=movement_id,
        department_id=ids[DEPARTMENTS[0]],
        code="TTLDTT",
        registered_on="2026-03-10",
    )
    with unit_store.transaction(operation="test.old_data"):
        unit_store.execute(
            "UPDATE registrations SET registered_on = '2025-12-01' WHERE movement_id = ?", (movement_id,)
        )
    mv.update_movement(unit_store, movement_id=movement_id, end_date="2026-12-31")
    assert mv.get_movement(unit_store, movement_id)["end_date"] == "2026-12-31"
