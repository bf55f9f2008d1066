"""The covenant tab signs in one transaction (ops.movements.sign_block_covenant): a date the movement refuses leaves
no block behind, and the retry with the right date signs the block with the members ticked; a cluster typed with
another tone placement is the same block."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.ops import movements as mv
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def tab(app_context, qtbot):
    from desktop.ui.movements.page import MovementsPage

    store = app_context.store
    setup_unit(store)
    movement = mv.create_movement(
        store, name="Thi đua chuyển đổi số", launch_date=date(2026, 3, 1), end_date=date(2026, 11, 30)
    )
    page = MovementsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    page.select_movement(movement)
    assert page.current_id == movement
    return page.covenant


def _shown(tab) -> str:
    """What the tab's list of covenants says (one row a covenant)."""
    return "\n".join(tab.covenants.item(row).text() for row in range(tab.covenants.count()))


def _blocks(store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM blocks ORDER BY id")]


def test_a_refused_date_leaves_no_block_and_the_retry_signs_it(tab, qtbot, app_context):
    store = app_context.store
    tab.block_name.setText("Cụm thi đua Thủy Hòa")
    tab.signers.setPlainText("Nguyễn Văn A | Chủ tịch | UBND xã Yên Minh")
    tab.external.setText("UBND xã Yên Minh")
    tab.signed_on.setText("15/02/2026")  # before the launch
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    assert "trước ngày phát động" in tab.message.text()
    assert _blocks(store) == []  # the block was created, then the signing refused: it stayed behind
    tab.block_name.setText("cụm thi đua Thuỷ Hoà")  # the same cluster, typed again with the other tone placement
    tab.signed_on.setText("15/03/2026")
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    assert "Đã ghi giao ước" in tab.message.text(), tab.message.text()
    assert len(_blocks(store)) == 1
    assert store.scalar("SELECT count(*) FROM covenants") == 1


def test_the_tab_says_when_the_criteria_changed_after_the_signing(tab, qtbot, app_context):
    store = app_context.store
    movement_id = tab.page.current_id
    mv.add_criterion(store, movement_id=movement_id, name="Hoàn thành nhiệm vụ", max_points=50)
    tab.block_name.setText("Khối các phòng, ban")
    tab.signers.setPlainText("Lê Văn Bình | Trưởng phòng | Phòng Kinh tế")
    tab.signed_on.setText("15/03/2026")
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    assert "Đã ghi giao ước" in tab.message.text(), tab.message.text()
    assert "sau ngày ký" not in _shown(tab)

    mv.add_criterion(store, movement_id=movement_id, name="Sáng kiến", max_points=5, kind="bonus")
    tab.page.refresh()
    shown = _shown(tab)
    assert "Đã sửa tiêu chí, thang điểm sau ngày ký" in shown and "ký lại giao ước" in shown, shown

    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)  # signed again: the paper has the new scale
    assert "sau ngày ký" not in _shown(tab)
