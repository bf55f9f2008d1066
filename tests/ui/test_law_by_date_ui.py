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

    fill_demo(store, today=DEMO_TODAY)
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


def test_the_decisions_page_shows_why_a_title_pays_only_the_difference(context, qtbot):
    """Issue 11.3 in the window: LĐTT then CSTĐCS in the same year; the CSTĐCS line shows the difference."""
    from datetime import date

    from desktop.ops import review
    from desktop.ui.review.decisions_page import DecisionsPage

    store = context.store
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    members = [{"full_name": f"Thành viên {i}", "role": "chair" if i == 1 else "member"} for i in range(1, 6)]
    review.set_council(store, round_id=round_id, meeting_date="2025-12-15", location="Hội trường", members=members)
    nominations = review.get_round(store, round_id)["nominations"]
    cstdcs = next(n for n in nominations if n["code"] == "CSTDCS")
    review.record_ballot(store, nomination_id=cstdcs["id"], agree=5, disagree=0, invalid=0)
    ldtt = next(n for n in nominations if n["code"] == "LDTT" and n["staff_id"] == cstdcs["staff_id"])
    header = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}
    review.issue_decision(store, round_id=round_id, decision_date=date(2025, 12, 20), subject="Về việc LĐTT",
                          nomination_ids=[ldtt["id"]], **header)
    second = review.issue_decision(store, round_id=round_id, decision_date=date(2025, 12, 22), subject="Về việc CSTĐCS",
                                   nomination_ids=[cstdcs["id"]], **header)
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.show()
    rows = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    number = review.get_decision(store, decision_id=second)["number_text"]
    page.table.selectRow(next(r for r, text in enumerate(rows) if number in text))
    qtbot.waitUntil(lambda: page.awardees.rowCount() == 1)
    money = page.awardees.item(0, 5)
    assert money.text().replace(".", "").startswith("1630000")
    assert "2.340.000 − 710.000 đã nhận theo Quyết định số 1/QĐ-UBND ngày 20/12/2025" in money.toolTip()
