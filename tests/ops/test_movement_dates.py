"""A movement's dates hold however they are written: editing checks what creating checks (end before start, years
outside 1900–2100), a registration and a covenant are dated within the movement, and nobody registers who has left
or for a department that no longer works."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.ops import staff as staff_ops
from desktop.ops import unit
from desktop.store import ValidationError
from tests.ops.movement_flow import DEPARTMENTS, setup_unit

DATES = ("start_date", "end_date", "year")


@pytest.fixture
def world(unit_store):
    """A thematic movement launched 05/01/2026 for 01/01–30/06/2026, and the unit's departments."""
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store,
        name="PT thử",
        kind="thematic",
        start_date="2026-01-01",
        end_date="2026-06-30",
        launch_date="2026-01-05",
    )
    return unit_store, ids, movement_id


def _dates(store, movement_id):
    return {key: mv.get_movement(store, movement_id)[key] for key in DATES}


def test_editing_refuses_what_creating_refuses(world):
    store, _ids, movement_id = world
    before = _dates(store, movement_id)
    with pytest.raises(
        ValidationError, match=r"Ngày kết thúc phong trào \(01/01/2025\) trước ngày bắt đầu \(01/01/2026\)"
    ):
        mv.update_movement(store, movement_id=movement_id, end_date="2025-01-01")
    with pytest.raises(ValidationError, match=r"trước ngày bắt đầu \(01/07/2026\)"):
        mv.update_movement(store, movement_id=movement_id, start_date="2026-07-01")
    for year in (99999, -5, 1, "1"):
        with pytest.raises(ValidationError, match=f"năm {int(year)} không hợp lệ") as caught:
            mv.update_movement(store, movement_id=movement_id, year=year)
        assert caught.value.field == "year"
    for key in ("start_date", "end_date", "launch_date"):
        with pytest.raises(ValidationError, match="năm 1 không hợp lệ") as caught:
            mv.update_movement(store, movement_id=movement_id, **{key: "0001-01-01"})
        assert caught.value.field == key
    with pytest.raises(ValidationError, match="01/01/0001: năm 1 không hợp lệ"):
        mv.create_movement(store, name="X", kind="thematic", start_date="0001-01-01")
    with pytest.raises(ValidationError, match="năm 9999"):
        mv.launch(store, movement_id=movement_id, launch_date="9999-01-01")
    assert _dates(store, movement_id) == before
    # both ends moved together, and a year in range, are fine
    mv.update_movement(store, movement_id=movement_id, start_date="2026-07-01", end_date="2026-12-31", year="2026")
    assert _dates(store, movement_id) == {"start_date": "2026-07-01", "end_date": "2026-12-31", "year": 2026}
    mv.update_movement(store, movement_id=movement_id, year="")
    assert _dates(store, movement_id)["year"] is None


def test_a_covenant_is_signed_within_the_movement(world):
    store, ids, movement_id = world
    block = mv.create_block(store, name="Khối thử", department_ids=[ids[DEPARTMENTS[0]]], external_names=["Xã bên"])
    people = [{"name": "Ông A"}]
    with pytest.raises(ValidationError, match=r"Ngày ký giao ước 01/01/2020 trước ngày phát động.*\(01/01/2026\)"):
        mv.sign_covenant(store, movement_id=movement_id, block_id=block, signed_on="2020-01-01", signatories=people)
    with pytest.raises(ValidationError, match=r"Ngày ký giao ước 01/01/2099 sau ngày kết thúc.*\(30/06/2026\)"):
        mv.sign_covenant(store, movement_id=movement_id, block_id=block, signed_on="2099-01-01", signatories=people)
    assert mv.get_movement(store, movement_id)["covenants"] == []
    for day in ("2026-01-01", "2026-06-30"):  # the first and the last day of the movement
        mv.sign_covenant(store, movement_id=movement_id, block_id=block, signed_on=day, signatories=people)
    assert [c["signed_on"] for c in mv.get_movement(store, movement_id)["covenants"]] == ["2026-06-30"]


def test_a_covenant_signed_at_a_launch_before_the_start(unit_store):
    movement_id = mv.create_movement(
        unit_store,
        name="PT 2026",
        kind="regular",
        start_date="2026-01-01",
        end_date="2026-12-31",
        launch_date="2025-12-20",
    )
    block = mv.create_block(unit_store, name="Khối xã", external_names=["Xã bên"])
    mv.sign_covenant(
        unit_store, movement_id=movement_id, block_id=block, signed_on="2025-12-20", signatories=[{"name": "Ông A"}]
    )
    with pytest.raises(ValidationError, match=r"trước ngày phát động.*\(20/12/2025\)"):
        mv.sign_covenant(
            unit_store, movement_id=movement_id, block_id=block, signed_on="2025-12-19", signatories=[{"name": "Ông A"}]
        )


def test_registration_refuses_who_left_closed_departments_and_dates_outside(world):
    store, ids, movement_id = world
    staff = store.query("SELECT id, full_name FROM staff ORDER BY id")
    left, other = staff[0], staff[1]
    staff_ops.mark_staff_left(store, staff_id=left["id"], end_date=date(2026, 1, 31), reason="chuyển công tác")
    with pytest.raises(ValidationError) as caught:
        mv.register(store, movement_id=movement_id, code="LDTT", staff_id=left["id"], registered_on="2026-03-01")
    assert str(caught.value) == (
        f"Cán bộ {left['full_name']} đã thôi công tác từ ngày 31/01/2026, trước ngày đăng ký 01/03/2026; "
        "không đăng ký thi đua được."
    )
    with pytest.raises(
        ValidationError, match=r"Ngày đăng ký 01/05/2027 sau ngày kết thúc phong trào “PT thử” \(30/06/2026\)"
    ):
        mv.register(store, movement_id=movement_id, code="LDTT", staff_id=other["id"], registered_on="2027-05-01")
    with pytest.raises(ValidationError, match=r"Ngày đăng ký 01/05/2019 trước ngày phát động, bắt đầu phong trào"):
        mv.register(store, movement_id=movement_id, code="LDTT", staff_id=other["id"], registered_on="2019-05-01")
    closed = ids[DEPARTMENTS[0]]
    unit.set_department_active(store, department_id=closed, active=False, today=date(2026, 1, 15))
    with pytest.raises(ValidationError, match=f"Tập thể “{DEPARTMENTS[0]}” đã ngừng hoạt động") as caught:
        mv.register(store, movement_id=movement_id, code="TTLDTT", department_id=closed, registered_on="2026-02-01")
    assert caught.value.field == "department_id"
    assert mv.list_registrations(store, movement_id=movement_id) == []
    # before leaving, within the movement, an active department: recorded
    mv.register(store, movement_id=movement_id, code="LDTT", staff_id=left["id"], registered_on="2026-01-31")
    mv.register(store, movement_id=movement_id, code="LDTT", staff_id=other["id"], registered_on="2026-06-30")
    mv.register(
        store, movement_id=movement_id, code="TTLDTT", department_id=ids[DEPARTMENTS[1]], registered_on="2026-01-01"
    )
    assert len(mv.list_registrations(store, movement_id=movement_id)) == 3


def test_a_movement_without_dates_does_not_bound_them(unit_store):
    """Only launched movements take registrations and covenants (a planned one is refused); launched with no start
    nor end date, nothing but its launch bounds them."""
    setup_unit(unit_store)
    movement_id = mv.create_movement(unit_store, name="PT chưa có ngày", kind="thematic")
    staff_id = unit_store.scalar("SELECT id FROM staff ORDER BY id LIMIT 1")
    with pytest.raises(ValidationError, match="chưa phát động"):
        mv.register(unit_store, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2024-05-01")
    mv.launch(unit_store, movement_id=movement_id, launch_date="2024-05-01")
    mv.register(unit_store, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2024-05-01")
    block = mv.create_block(unit_store, name="Khối xã", external_names=["Xã bên"])
    mv.sign_covenant(
        unit_store, movement_id=movement_id, block_id=block, signed_on="2025-11-02", signatories=[{"name": "Ông A"}]
    )
