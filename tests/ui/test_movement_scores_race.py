"""The scores tab with two clerks on one file, and a screen that ranks exactly as the reviews do."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.ops import movements as mv
from desktop.ops import unit
from desktop.store import open_store
from tests.ops.movement_flow import setup_unit


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def movement(app_context):
    store = app_context.store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="PT chấm điểm song song", kind="thematic", start_date="2025-01-01", end_date="2025-12-31",
        launch_date="2025-01-01",
    )  # fmt: skip
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Hoàn thành nhiệm vụ", max_points=100)
    return ids, movement_id, criterion


def open_page(qtbot, store, actor, movement_id):
    from desktop.ui.context import AppContext
    from desktop.ui.movements.page import MovementsPage

    page = MovementsPage(AppContext(store, actor=actor))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.select_movement(movement_id)
    return page


def row_of(tab, name):
    return next(r for r in range(tab.grid.rowCount()) if tab.grid.item(r, 0).text().startswith(name))


def points(store, movement_id):
    return {
        r["participant_key"]: r["points"]
        for r in store.query("SELECT participant_key, points FROM scores WHERE movement_id = ?", (movement_id,))
    }


def test_two_windows_scoring_at_once_keep_both_clerks_points(app_context, movement, db_path, qtbot):
    ids, movement_id, _criterion = movement
    store_a, store_b = open_store(db_path), open_store(db_path)
    try:
        a = open_page(qtbot, store_a, "clerk_a", movement_id).scores
        b = open_page(qtbot, store_b, "clerk_b", movement_id).scores
        a.grid.item(row_of(a, "Phòng Kinh tế"), a.FIRST).setText("95")
        b.grid.item(row_of(b, "Phòng Văn hóa - Xã hội"), b.FIRST).setText("80")
        click(qtbot, a.save_button)
        assert "Đã lưu điểm của 1 ô" in a.message.text()
        click(qtbot, b.save_button)
        assert "Đã lưu điểm của 1 ô" in b.message.text()
        economy, culture = f"d:{ids['Phòng Kinh tế']}", f"d:{ids['Phòng Văn hóa - Xã hội']}"
        assert points(app_context.store, movement_id) == {economy: 95.0, culture: 80.0}
        # B's grid shows its own save and A's, read back after saving
        assert b.grid.item(row_of(b, "Phòng Kinh tế"), b.FIRST).text() == "95"

        # A, whose grid still shows Phòng Văn hóa - Xã hội empty, types into that cell: refused, nothing saved
        a.grid.item(row_of(a, "Phòng Văn hóa - Xã hội"), a.FIRST).setText("60")
        a.grid.item(row_of(a, "Phòng Kinh tế"), a.FIRST).setText("96")
        click(qtbot, a.save_button)
        message = a.message.text()
        assert "đã được người khác (clerk_b) sửa thành 80 lúc" in message and "tải lại" in message
        assert points(app_context.store, movement_id) == {economy: 95.0, culture: 80.0}
        # "Tải lại điểm" shows what is stored; then A's own edits save, and clearing A's own cell too
        click(qtbot, a.reload_button)
        assert a.grid.item(row_of(a, "Phòng Văn hóa - Xã hội"), a.FIRST).text() == "80"
        a.grid.item(row_of(a, "Phòng Kinh tế"), a.FIRST).setText("")
        click(qtbot, a.save_button)
        assert "Đã lưu điểm của 1 ô" in a.message.text()
        assert points(app_context.store, movement_id) == {culture: 80.0}
    finally:
        store_a.close()
        store_b.close()


def test_the_screen_ranks_like_the_review_on_a_tie(app_context, movement, qtbot):
    ids, movement_id, criterion = movement
    store = app_context.store
    # Phòng Văn hóa - Xã hội's only member is a woman, Phòng Kinh tế's a man (setup_unit)
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": f"d:{ids[name]}", "criterion_id": criterion, "points": 100}
            for name in ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội")
        ],
    )
    tab = open_page(qtbot, store, "clerk", movement_id).scores
    stored = mv.ranking(store, movement_id=movement_id)
    assert stored.leader_name == "Phòng Văn hóa - Xã hội"
    assert tab.note.text() == stored.note
    assert "cần bỏ phiếu" not in tab.note.text()
    assert tab.grid.item(row_of(tab, "Phòng Văn hóa - Xã hội"), tab.RANK).text() == "1 (đồng hạng, ưu tiên nữ)"
    assert tab.grid.item(row_of(tab, "Phòng Kinh tế"), tab.RANK).text() == "1 (đồng hạng)"


def test_an_inactive_department_is_shown_not_editable_nor_ranked(app_context, movement, qtbot, tmp_path):
    ids, movement_id, criterion = movement
    store = app_context.store
    key = f"d:{ids['Công an xã']}"
    mv.record_scores(
        store, movement_id=movement_id, entries=[{"participant": key, "criterion_id": criterion, "points": 99}]
    )
    # stopped during the 2025 movement (one stopped after it ended still took part and is ranked)
    unit.set_department_active(store, department_id=ids["Công an xã"], active=False, today=date(2025, 6, 30))
    tab = open_page(qtbot, store, "clerk", movement_id).scores
    row = row_of(tab, "Công an xã")
    assert tab.grid.item(row, 0).text() == "Công an xã (ngừng hoạt động)"
    assert tab.grid.item(row, tab.FIRST).text() == "99"
    assert not tab.grid.item(row, tab.FIRST).flags() & Qt.ItemFlag.ItemIsEditable
    assert tab.grid.item(row, tab.RANK).text() == "—"
    assert "Công an xã không được chấm điểm, xếp hạng" in tab.note.text()
    tab.grab().save(str(tmp_path / "scores.png"))


def test_typing_a_cell_ranks_in_memory_like_the_ops_ranking(app_context, movement, qtbot):
    """Each edited cell is ranked from what was read when the grid loaded: no query (no staff table read) per
    keystroke, and the same totals, ranks, leader and note as mv.ranking with the typed points."""
    ids, movement_id, criterion = movement
    store = app_context.store
    second = mv.add_criterion(store, movement_id=movement_id, name="Phong trào nữ", max_points=10, mandatory=True)
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": f"d:{ids['Phòng Kinh tế']}", "criterion_id": criterion, "points": 90}],
    )
    tab = open_page(qtbot, store, "clerk", movement_id).scores
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        tab.grid.item(row_of(tab, "Phòng Văn hóa - Xã hội"), tab.FIRST).setText("85")
        tab.grid.item(row_of(tab, "Phòng Văn hóa - Xã hội"), tab.FIRST + 1).setText("5,5")
        tab.grid.item(row_of(tab, "Phòng Kinh tế"), tab.FIRST).setText("80")
        tab.grid.item(row_of(tab, "Phòng Kinh tế"), tab.FIRST + 1).setText("10")
        shown = tab.recompute()
    finally:
        store.conn.set_trace_callback(None)
    assert statements == []
    typed, problems = tab._typed()
    assert problems == []
    assert typed[(f"d:{ids['Phòng Văn hóa - Xã hội']}", second)] == 5.5
    expected = mv.ranking(store, movement_id=movement_id, points=typed)
    assert shown == expected
    assert mv.ranking_json(shown)["results"][0]["name"] == "Phòng Văn hóa - Xã hội"  # 90.5 against 90
    assert tab.grid.item(row_of(tab, "Phòng Văn hóa - Xã hội"), tab.TOTAL).text() == "90,5"
    assert tab.note.text() == expected.note
    # once saved, the stored ranking (what the reviews use) is the one the screen showed
    click(qtbot, tab.save_button)
    assert "Đã lưu điểm của 4 ô" in tab.message.text()
    assert mv.ranking(store, movement_id=movement_id) == shown
    assert tab.recompute() == shown
