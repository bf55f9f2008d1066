"""The law of the date in the window: a round planned before 1/7/2025 shows CSTĐCS as the district's; the rules page
shows the pack as it stood on a typed date. Real widgets, a real database with the demo commune."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.demo_date import DEMO_TODAY


@pytest.fixture
def context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, actor="tester", today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


def test_a_round_planned_before_1_7_2025_proposes_cstdcs_to_the_district(context, qtbot, type_text):
    from desktop.ops import review
    from desktop.ui.review.rounds_widget import CreateRoundDialog

    dialog = CreateRoundDialog(context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2025)
    type_text(dialog.decision_date, "31/02/2025")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.round_id is None and dialog.error.isVisibleTo(dialog)  # an impossible date is refused
    dialog.decision_date.clear()
    type_text(dialog.decision_date, "30/06/2025")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.round_id is not None
    detail = review.get_round(context.store, dialog.round_id)
    assert detail["decision_date"] == "2025-06-30"
    cstdcs = {n["authority"] for n in detail["nominations"] if n["code"] == "CSTDCS"}
    assert cstdcs == {"district"}


def test_the_rules_page_shows_the_pack_of_a_typed_date(context, qtbot, type_text):
    from desktop.ui.pages.rules_page import RulesPage

    page = RulesPage(context)
    qtbot.addWidget(page)

    def authority_of(code: str) -> str:
        tree = page.titles_tree
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top.data(0, Qt.ItemDataRole.UserRole) == code:
                for j in range(top.childCount()):
                    if top.child(j).text(0).startswith("Cấp quyết định"):
                        return top.child(j).text(1)
        raise AssertionError(code)

    page.on_date.clear()
    type_text(page.on_date, "01/06/2024")
    qtbot.mouseClick(page.on_date_button, Qt.MouseButton.LeftButton)
    assert authority_of("CSTDCS") == "Chủ tịch Ủy ban nhân dân cấp huyện quyết định"
    page.on_date.clear()
    type_text(page.on_date, "26/12/2025")
    qtbot.mouseClick(page.on_date_button, Qt.MouseButton.LeftButton)
    assert authority_of("CSTDCS") == "đơn vị quyết định"
    page.on_date.clear()
    type_text(page.on_date, "01/06/2017")
    qtbot.mouseClick(page.on_date_button, Qt.MouseButton.LeftButton)
    assert "01/01/2018" in page.on_date_error.text() and page.on_date_error.isVisibleTo(page)
