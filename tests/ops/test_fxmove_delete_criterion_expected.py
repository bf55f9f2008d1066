"""delete_criterion with the cells the clerk was shown: refused when another clerk scored, changed or cleared a
cell of the criterion meanwhile; done when they are still the same."""

from __future__ import annotations

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError, open_store
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def scored(unit_store):
    store = unit_store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="PT 2025", kind="thematic", start_date="2025-01-01", end_date="2025-12-31", launch_date="2025-01-01"
    )
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Kết quả", max_points=100)
    economy = f"d:{ids['Phòng Kinh tế']}"
    mv.record_scores(
        store, movement_id=movement_id, entries=[{"participant": economy, "criterion_id": criterion, "points": 90}]
    )
    return store, ids, movement_id, criterion, economy


def count(store, criterion):
    return store.scalar("SELECT count(*) FROM scores WHERE criterion_id = ?", (criterion,))


def test_a_cell_changed_meanwhile_refuses_the_deletion(scored, db_path):
    store, _ids, movement_id, criterion, economy = scored
    other = open_store(db_path, actor="clerk_b")
    try:
        mv.record_scores(
            other,
            movement_id=movement_id,
            entries=[{"participant": economy, "criterion_id": criterion, "points": 70, "loaded": 90}],
        )
    finally:
        other.close()
    with pytest.raises(ValidationError) as refused:
        mv.delete_criterion(store, criterion_id=criterion, expected={economy: 90})
    assert "Kết quả" in str(refused.value) and "clerk_b" in str(refused.value) and "70" in str(refused.value)
    assert count(store, criterion) == 1


def test_a_cell_cleared_meanwhile_refuses_the_deletion(scored):
    store, _ids, movement_id, criterion, economy = scored
    mv.record_scores(
        store, movement_id=movement_id, entries=[{"participant": economy, "criterion_id": criterion, "points": None}]
    )
    with pytest.raises(ValidationError, match="đã thay đổi"):
        mv.delete_criterion(store, criterion_id=criterion, expected={economy: 90})
    assert store.scalar("SELECT count(*) FROM criteria WHERE id = ?", (criterion,)) == 1


def test_the_cells_shown_still_stored_delete(scored):
    store, _ids, _movement_id, criterion, economy = scored
    mv.delete_criterion(store, criterion_id=criterion, expected={economy: 90})
    assert count(store, criterion) == 0
    assert store.scalar("SELECT count(*) FROM criteria WHERE id = ?", (criterion,)) == 0
