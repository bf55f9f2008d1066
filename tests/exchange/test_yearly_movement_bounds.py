"""A yearly (regular) movement without an end date ends on 31 December of its year, for the clerk's typing and for a
province's package alike. Before, changing such a movement's year from 2026 to 2025 was accepted (from the clerk or
from a package) although the unit had a registration of 01/02/2026 for it: the registration then lay after the
movement's end, which registering itself never allows. Real SQLite stores, a real package."""

from __future__ import annotations

import pytest

from desktop.exchange.exporter import export_package
from desktop.ops import exchange as ops
from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.exchange import LUNG_CU
from tests.exchange.conftest import pair  # noqa: F401
from tests.ops.movement_flow import DEPARTMENTS, setup_unit

REGISTERED = "bản đăng ký thi đua của Phòng Kinh tế ngày 01/02/2026"


def _yearly(store) -> int:
    """The 2026 movement, launched on 10/12/2025 for the next year, with no end date."""
    return mv.create_movement(
        store, name="Thi đua thường xuyên năm 2026", kind="regular", year=2026, launch_date="2025-12-10"
    )


def test_the_clerk_cannot_move_a_yearly_movement_away_from_its_registrations(unit_store):
    ids = setup_unit(unit_store)
    movement_id = _yearly(unit_store)
    economy = ids[DEPARTMENTS[0]]
    mv.register(unit_store, movement_id=movement_id, department_id=economy, code="TTLDTT", registered_on="2026-02-01")
    with pytest.raises(ValidationError, match=REGISTERED):
        mv.update_movement(unit_store, movement_id=movement_id, year=2025)
    assert mv.get_movement(unit_store, movement_id)["year"] == 2026
    mv.update_movement(unit_store, movement_id=movement_id, notes="Kế hoạch số 3/KH-UBND")  # other changes still go


def test_a_province_package_moving_its_year_away_is_a_conflict(pair, tmp_path):  # noqa: F811
    unit, prov = pair
    movement_id = _yearly(prov)
    first = export_package(prov, kind="movements", year=2026, out=tmp_path / "m1.tdkt", receiver=LUNG_CU)
    ops.import_files(unit, files=[first])
    uuid = prov.scalar("SELECT uuid FROM movements WHERE id = ?", (movement_id,))
    here = int(unit.scalar("SELECT id FROM movements WHERE uuid = ?", (uuid,)))
    ids = setup_unit(unit)
    mv.register(unit, movement_id=here, department_id=ids[DEPARTMENTS[0]], code="TTLDTT", registered_on="2026-02-01")
    mv.update_movement(prov, movement_id=movement_id, year=2025)
    second = export_package(prov, kind="movements", year=2025, out=tmp_path / "m2.tdkt", receiver=LUNG_CU)
    [plan] = ops.dry_run(unit, files=[second])
    [conflict] = plan.to_json()["conflicts"]
    assert REGISTERED in conflict["reason"]
    ops.import_files(unit, files=[second])
    assert unit.scalar("SELECT year FROM movements WHERE id = ?", (here,)) == 2026
