"""A regular movement of 2025 with no end date runs to 31 December of that year for everything done in it, as its
reviews already did (domain.movement_period; ops.movements.common.movement_bounds). It is launched first: a planned
movement takes no registration nor covenant."""

from __future__ import annotations

import pytest

from desktop.ops import movements as mv
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _active(store, n):
    return store.query("SELECT id FROM staff WHERE end_date IS NULL OR end_date = '' ORDER BY id LIMIT ?", (n,))


def test_a_registration_outside_the_movements_year_is_refused(demo):
    movement = mv.create_movement(demo, name="Phong trào thường xuyên năm 2025", kind="regular", year=2025)
    mv.launch(demo, movement_id=movement, launch_date="2025-01-01")  # a planned movement takes no registration
    person, other = (row["id"] for row in _active(demo, 2))
    for day, words in (("2031-05-01", "không thuộc năm 2025"), ("2024-12-31", "trước ngày phát động")):
        with pytest.raises(ValidationError) as refused:
            mv.register(demo, movement_id=movement, code="LDTT", staff_id=person, registered_on=day)
        assert words in str(refused.value) and refused.value.field == "registered_on"
    assert demo.scalar("SELECT count(*) FROM registrations WHERE movement_id = ?", (movement,)) == 0
    mv.register(demo, movement_id=movement, code="LDTT", staff_id=other, registered_on="2025-01-01")
    mv.register(demo, movement_id=movement, code="LDTT", staff_id=person, registered_on="2025-12-31")


def test_a_covenant_outside_the_movements_year_is_refused(demo):
    movement = mv.create_movement(demo, name="Phong trào thường xuyên năm 2025", kind="regular", year=2025)
    mv.launch(demo, movement_id=movement, launch_date="2025-01-01")  # a planned movement signs no covenant
    department = demo.scalar("SELECT id FROM departments WHERE active = 1 ORDER BY id LIMIT 1")
    block = mv.create_block(demo, name="Khối A", department_ids=[department])
    with pytest.raises(ValidationError) as refused:
        mv.sign_covenant(
            demo, movement_id=movement, block_id=block, signed_on="2030-01-01", signatories=[{"name": "Nguyễn Văn A"}]
        )
    assert "30/01/2030" not in str(refused.value) and "01/01/2030" in str(refused.value)
    assert "không thuộc năm 2025" in str(refused.value)
    assert demo.scalar("SELECT count(*) FROM covenants WHERE movement_id = ?", (movement,)) == 0
