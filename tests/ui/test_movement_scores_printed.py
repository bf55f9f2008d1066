"""The scores tab with points stored with more decimals than it shows (89.996 shown "90"): a clerk who types one
cell saves that cell only, the screen ranks as the printed report (ties as the paper shows), and a value typed with
three decimals is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ops import movements as mv
from tests.ops.movement_flow import setup_unit

OLD_POINTS = [89.996, 90.004, 90.0]  # averages of judges stored by an older version, all printed "90"


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def scored(app_context):
    store = app_context.store
    setup_unit(store)
    movement_id = mv.create_movement(
        store, name="Thi đua chuyên đề 2026", kind="thematic", start_date="2026-01-01", end_date="2026-12-31",
        launch_date="2026-01-01",
    )  # fmt: skip
    result = mv.add_criterion(store, movement_id=movement_id, name="Kết quả", max_points=100)
    idea = mv.add_criterion(store, movement_id=movement_id, name="Sáng kiến", max_points=10)
    people = mv.participants(store, movement_id=movement_id)[:3]
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": p["key"], "criterion_id": result, "points": 90} for p in people],
    )
    with store.transaction(operation="test.older_version"):  # what an older version let through
        for person, points in zip(people, OLD_POINTS, strict=True):
            store.execute(
                "UPDATE scores SET points = ? WHERE participant_key = ? AND criterion_id = ?",
                (points, person["key"], result),
            )
    return movement_id, result, idea, people


def open_scores(qtbot, app_context, movement_id):
    from desktop.ui.movements.page import MovementsPage

    page = MovementsPage(app_context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.select_movement(movement_id)
    return page.scores


def row_of(tab, name):
    return next(r for r in range(tab.grid.rowCount()) if tab.grid.item(r, 0).text().startswith(name))


def stored(store, criterion):
    return {
        r["participant_key"]: r["points"]
        for r in store.query("SELECT participant_key, points FROM scores WHERE criterion_id = ?", (criterion,))
    }


def test_one_typed_cell_saves_that_cell_only(app_context, qtbot, scored):
    movement_id, result, idea, people = scored
    store = app_context.store
    tab = open_scores(qtbot, app_context, movement_id)
    rows = [row_of(tab, p["name"]) for p in people]
    assert [tab.grid.item(r, tab.FIRST).text() for r in rows] == ["90", "90", "90"]
    tab.grid.item(rows[2], tab.FIRST + 1).setText("5")
    tab.grid.item(rows[1], tab.FIRST).setText("90,0")  # the same number as shown: not a change
    entries, problems = tab.entries()
    assert problems == []
    assert [(e["participant"], e["criterion_id"], e["points"]) for e in entries] == [(people[2]["key"], idea, 5.0)]
    click(qtbot, tab.save_button)
    assert "1 ô" in tab.message.text()
    assert stored(store, result) == {p["key"]: v for p, v in zip(people, OLD_POINTS, strict=True)}
    assert stored(store, idea) == {people[2]["key"]: 5.0}


def test_the_screen_ranks_as_the_report_prints(app_context, qtbot, scored):
    movement_id, _result, _idea, people = scored
    tab = open_scores(qtbot, app_context, movement_id)
    report = mv.ranking(app_context.store, movement_id=movement_id)
    assert {r.rank for r in report.results if r.key in {p["key"] for p in people}} == {1}
    for person in people:
        row = row_of(tab, person["name"])
        assert tab.grid.item(row, tab.TOTAL).text() == "90"
        assert tab.grid.item(row, tab.RANK).text().startswith("1 (đồng hạng")
    assert tab.note.text().splitlines()[0] == report.note.splitlines()[0]
    # a difference the paper prints ranks on the screen too, without saving
    tab.grid.item(row_of(tab, people[0]["name"]), tab.FIRST).setText("90,01")
    assert tab.grid.item(row_of(tab, people[0]["name"]), tab.RANK).text() == "1"


def test_three_decimals_typed_are_refused(app_context, qtbot, scored):
    movement_id, result, _idea, people = scored
    tab = open_scores(qtbot, app_context, movement_id)
    tab.grid.item(row_of(tab, people[2]["name"]), tab.FIRST).setText("90,004")
    assert "90,004" in tab.note.text() and "Kết quả" in tab.note.text()
    click(qtbot, tab.save_button)
    assert "2 chữ số thập phân" in tab.message.text()
    assert stored(app_context.store, result)[people[2]["key"]] == 90.0
