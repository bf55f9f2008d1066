"""Tab walks the widgets inside a table row by row, right after the table, before the buttons under it.

Qt appends a cell widget to the end of the window's focus chain: a clerk typing ballots with Tab left the table
after the first box and came back to it only after "Đóng"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QPushButton, QTableWidget, QWidget

from desktop.ops import review
from tests.demo_date import DEMO_TODAY
from tests.ops.test_documents_law import COUNCIL


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


def tab_chain_after(table: QTableWidget) -> list[QWidget]:
    """The widgets Tab reaches after ``table``, up to the first button (inner editors of a box left out)."""
    chain: list[QWidget] = []
    widget = table.nextInFocusChain()
    while not isinstance(widget, QPushButton) and len(chain) < 500:
        inner = isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not inner:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def cell_widgets(table: QTableWidget) -> list[QWidget]:
    """The focusable widget of each cell, row by row (a check sits in a holder)."""
    found = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            holder = table.cellWidget(row, column)
            if holder is None:
                continue
            if holder.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(holder)
            else:
                found.extend(w for w in holder.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return found


def test_council_members_and_ballots_tab_row_by_row(demo_context, qtbot):
    from desktop.ui.review.council_dialog import CouncilDialog

    round_id = review.create_round(demo_context.store, year=2025, today=DEMO_TODAY)
    dialog = CouncilDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_member("", "member", True)  # a row added later joins the chain in its place
    for table in (dialog.members, dialog.ballots):
        expected = cell_widgets(table)
        assert len(expected) >= 2 * table.rowCount() >= 4
        assert tab_chain_after(table) == expected


def test_decision_rows_tab_check_then_reason(demo_context, qtbot):
    from desktop.ui.review.decision_dialog import DecisionDialog

    store = demo_context.store
    round_id = review.create_round(store, year=2025, today=DEMO_TODAY)
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    dialog = DecisionDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = cell_widgets(dialog.table)
    assert len(expected) > dialog.table.rowCount() >= 2
    assert tab_chain_after(dialog.table) == expected
