"""A back-dated registration or covenant asks whether the department existed on ITS day, by the store's rule
(``unit_repo.existed_at_year_end``): one stopped after that day is registered, one stopped on or before it is
refused, naming the department and both dates."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.ops import unit
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit

TODAY = date(2025, 11, 1)
SIGNERS = [{"name": "Vàng Seo Páo", "title": "Trưởng phòng", "member": "Trạm Y tế xã"}]


@pytest.fixture
def world(unit_store):
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store, name="Thi đua năm 2025", kind="thematic", start_date="2025-01-01", end_date="2025-12-31"
    )
    mv.launch(unit_store, movement_id=movement_id, launch_date="2025-01-01")
    unit.set_department_active(unit_store, department_id=ids["Trạm Y tế xã"], active=False, today=date(2025, 6, 30))
    return unit_store, ids, movement_id


def test_a_department_stopped_after_the_registration_day_is_registered(world):
    store, ids, movement_id = world
    mv.register(
        store,
        movement_id=movement_id,
        code="TTLDTT",
        department_id=ids["Trạm Y tế xã"],
        registered_on="2025-02-10",
        today=TODAY,
    )
    assert [r["name"] for r in mv.list_registrations(store, movement_id=movement_id)] == ["Trạm Y tế xã"]


def test_a_department_stopped_before_the_registration_day_is_refused_naming_both_days(world):
    store, ids, movement_id = world
    with pytest.raises(ValidationError) as caught:
        mv.register(
            store,
            movement_id=movement_id,
            code="TTLDTT",
            department_id=ids["Trạm Y tế xã"],
            registered_on="2025-07-01",
            today=TODAY,
        )
    assert str(caught.value) == (
        "Tập thể “Trạm Y tế xã” đã ngừng hoạt động từ ngày 30/06/2025, không còn hoạt động vào ngày đăng ký "
        "01/07/2025; không đăng ký thi đua được."
    )
    assert caught.value.field == "department_id"
    assert mv.list_registrations(store, movement_id=movement_id) == []


def test_a_covenant_signed_before_a_member_stopped_takes_it(world):
    store, ids, movement_id = world
    signed = mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="Khối y tế, an ninh",
        signed_on="2025-02-10",
        signatories=SIGNERS,
        department_ids=[ids["Trạm Y tế xã"], ids["Công an xã"]],
        today=TODAY,
    )
    members = [m["name"] for m in mv.block_members(store, block_id=signed["block_id"])]
    assert members == ["Trạm Y tế xã", "Công an xã"]


def test_a_covenant_signed_after_a_member_stopped_is_refused_naming_both_days(world):
    store, ids, movement_id = world
    with pytest.raises(ValidationError) as caught:
        mv.sign_block_covenant(
            store,
            movement_id=movement_id,
            block_name="Khối y tế, an ninh",
            signed_on="2025-08-10",
            signatories=SIGNERS,
            department_ids=[ids["Trạm Y tế xã"], ids["Công an xã"]],
            today=TODAY,
        )
    assert str(caught.value) == (
        "Tập thể “Trạm Y tế xã” đã ngừng hoạt động từ ngày 30/06/2025, không còn hoạt động vào ngày ký giao ước "
        "10/08/2025; không đưa vào khối/cụm thi đua được."
    )
    assert store.scalar("SELECT count(*) FROM blocks") == 0


def test_a_logged_movement_row_lacking_a_key_keeps_the_movements_own():
    """An audit row written by another tool (or an older trigger) without "end_date" must not print an empty period."""
    from desktop.store.movements_repo import movement_as_signed

    assert movement_as_signed({"name": "PT cũ", "kind": "regular", "year": 2025}) == {
        "name": "PT cũ",
        "kind": "regular",
        "year": 2025,
    }
    assert movement_as_signed({"name": "PT", "end_date": None})["end_date"] is None  # a real empty end stays empty
