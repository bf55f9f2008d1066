"""A movement launched without an end date: a regular (yearly) one ends with its year, and one launched in December
for the next year is that next year's (a regular movement launched on 20/12/2025 for 2026 took a registration of
15/01/2026); any other kind is open-ended, never given 31 December as an end it does not have. A movement launched in
November for the next year is listed in the year of its launch, where its registrations were made."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.exchange import make_unit, seed_dossier


def test_a_movement_launched_without_an_end_is_open(tmp_path):
    unit = make_unit(tmp_path)
    seed_dossier(unit)
    staff = unit.scalar("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 1")
    movement = mv.create_movement(unit, name="Phong trào thi đua năm 2026", kind="regular", year=2026,
                                  launch_date=date(2025, 12, 20))  # fmt: skip
    assert mv.register(unit, movement_id=movement, code="LDTT", staff_id=staff, registered_on="2026-01-15")
    # of 2025, the same movement ends on 31/12/2025: January is another year's
    last_year = mv.create_movement(unit, name="Phong trào thi đua năm 2025", kind="regular", year=2025,
                                   launch_date=date(2025, 12, 20))  # fmt: skip
    with pytest.raises(ValidationError, match="không thuộc năm 2025"):
        mv.register(unit, movement_id=last_year, code="LDTT", staff_id=staff, registered_on="2026-01-15")
    thematic = mv.create_movement(unit, name="Chung sức", kind="thematic", launch_date=date(2025, 12, 20))
    assert mv.register(unit, movement_id=thematic, code="LDTT", staff_id=staff, registered_on="2026-06-15")
    unit.close()


def test_a_movement_is_listed_in_the_year_it_was_launched(tmp_path):
    unit = make_unit(tmp_path)
    seed_dossier(unit)
    staff = unit.scalar("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 1")
    movement = mv.create_movement(unit, name="Thi đua chuyển đổi số 2026", kind="thematic",
                                  launch_date=date(2025, 11, 15), start_date=date(2026, 1, 1),
                                  end_date=date(2026, 12, 31))  # fmt: skip
    mv.register(unit, movement_id=movement, code="LDTT", staff_id=staff, registered_on="2025-12-01")
    for year in (2025, 2026):
        assert movement in [m["id"] for m in mv.list_movements(unit, year=year)]
    assert movement not in [m["id"] for m in mv.list_movements(unit, year=2027)]
    assert any(r["movement_id"] == movement for r in mv.registrations_for_year(unit, year=2025))
    unit.close()
