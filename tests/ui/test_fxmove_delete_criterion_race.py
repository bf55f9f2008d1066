"""Two clerks on one file: a criterion deleted from a grid loaded before another clerk scored it is refused (the
cells are no longer those the clerk was asked about), so nobody's points vanish unseen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from desktop.ops import movements as mv
from desktop.store import open_store
from tests.ops.movement_flow import setup_unit
from tests.ui.test_movement_fix_window import Boxes


def open_page(qtbot, store, actor, movement_id):
    from desktop.ui.context import AppContext
    from desktop.ui.movements.page import MovementsPage

    page = MovementsPage(AppContext(store, actor=actor))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.select_movement(movement_id)
    return page


def test_deleting_a_criterion_keeps_points_another_clerk_saved_meanwhile(app_context, db_path, qtbot, monkeypatch):
    store = app_context.store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="PT 2025", kind="thematic", start_date="2025-01-01", end_date="2025-12-31", launch_date="2025-01-01"
    )
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Kết quả", max_points=100)
    store_a, store_b = open_store(db_path, actor="clerk_a"), open_store(db_path, actor="clerk_b")
    try:
        page_a = open_page(qtbot, store_a, "clerk_a", movement_id)  # A's grid: nothing scored yet
        mv.record_scores(  # B scores two units meanwhile, on its own handle
            store_b,
            movement_id=movement_id,
            entries=[
                {"participant": f"d:{ids['Phòng Kinh tế']}", "criterion_id": criterion, "points": 95, "loaded": None},
                {"participant": f"d:{ids['Công an xã']}", "criterion_id": criterion, "points": 88, "loaded": None},
            ],
        )
        tab = page_a.scores
        page_a.findChild(QTabWidget).setCurrentWidget(tab)
        tab.grid.setCurrentCell(0, tab.FIRST)
        boxes = Boxes(monkeypatch, "Có")
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
        assert "0 ô điểm" in boxes.shown[0]["text"]  # what A was told it would lose
        assert store.scalar("SELECT count(*) FROM scores WHERE movement_id = ?", (movement_id,)) == 2
        assert store.scalar("SELECT count(*) FROM criteria WHERE id = ?", (criterion,)) == 1
        said = tab.message.text()
        assert "đã thay đổi" in said and "tải lại" in said.lower() and "clerk_b" in said, said
        assert "Phòng Kinh tế" in said and "95" in said, said

        # the grid was reloaded: asked again, A is told of B's 2 cells, and the deletion goes through
        tab.grid.setCurrentCell(0, tab.FIRST)
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
        assert "2 ô điểm" in boxes.shown[1]["text"]
        assert store.scalar("SELECT count(*) FROM criteria WHERE id = ?", (criterion,)) == 0
        assert store.scalar("SELECT count(*) FROM scores WHERE movement_id = ?", (movement_id,)) == 0
    finally:
        store_a.close()
        store_b.close()
