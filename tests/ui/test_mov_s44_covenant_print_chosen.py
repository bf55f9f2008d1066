"""The covenant tab prints the covenant the clerk chooses: with two blocks signed, "In giao ước…" printed the first
block's covenant whatever the clerk meant, and the second block's signed covenant could not be printed at all. With
several and none chosen the clerk is asked to choose; with one, it prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.ops import movements as mv
from desktop.ui.movements.page import MovementsPage
from tests.ops.movement_flow import setup_unit

FIRST_BLOCK = "Khối Đảng, đoàn thể"
SECOND_BLOCK = "Cụm thi đua Thủy Hòa"


def _pdf(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


@pytest.fixture
def page(app_context, qtbot):
    store = app_context.store
    departments = list(setup_unit(store).values())
    movement = mv.create_movement(
        store, name="Thi đua chuyển đổi số", launch_date=date(2026, 3, 1), end_date=date(2026, 11, 30)
    )
    mv.sign_block_covenant(
        store, movement_id=movement, block_name=FIRST_BLOCK, department_ids=departments[:4], signed_on="2026-03-10",
        signatories=[{"name": "Lê Văn Bình", "title": "Trưởng khối", "member": "Khối Đảng"}],
    )  # fmt: skip
    page = MovementsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    page.select_movement(movement)
    return page


def _sign_second(page) -> None:
    """The second block signs (the four other departments and a commune nearby), as another window would."""
    store = page.context.store
    departments = [int(r["id"]) for r in store.query("SELECT id FROM departments ORDER BY id")][4:]
    mv.sign_block_covenant(
        store, movement_id=page.current_id, block_name=SECOND_BLOCK, department_ids=departments,
        external_names=["UBND xã Yên Minh"], signed_on="2026-03-15",
        signatories=[{"name": "Vàng Seo Páo", "title": "Chủ tịch", "member": "UBND xã Yên Minh"}],
    )  # fmt: skip
    page.refresh()


def _print(page, qtbot, out: Path) -> None:
    tab = page.covenant
    tab.save_path = lambda *args, **kwargs: str(out)  # the Save dialog answered
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)


def _row_of(tab, block: str) -> int:
    rows = [r for r in range(tab.covenants.count()) if tab.covenants.item(r).text().startswith(block)]
    assert len(rows) == 1, [tab.covenants.item(r).text() for r in range(tab.covenants.count())]
    return rows[0]


def test_the_covenant_chosen_is_the_one_printed(page, qtbot, tmp_path):
    _sign_second(page)
    tab = page.covenant
    tab.covenants.setCurrentRow(_row_of(tab, SECOND_BLOCK))
    out = tmp_path / "giao-uoc-cum.pdf"
    _print(page, qtbot, out)
    assert "Đã lưu" in tab.message.text(), tab.message.text()
    text = _pdf(out)
    assert "Thủy Hòa" in text and "Vàng Seo Páo" in text
    assert FIRST_BLOCK not in text and "Lê Văn Bình" not in text

    tab.covenants.setCurrentRow(_row_of(tab, FIRST_BLOCK))
    first = tmp_path / "giao-uoc-khoi.pdf"
    _print(page, qtbot, first)
    text = _pdf(first)
    assert FIRST_BLOCK in text and "Lê Văn Bình" in text and "Thủy Hòa" not in text


def test_with_two_covenants_and_none_chosen_the_clerk_is_asked_to_choose(page, qtbot, tmp_path):
    _sign_second(page)
    tab = page.covenant
    tab.covenants.clearSelection()
    tab.covenants.setCurrentRow(-1)
    out = tmp_path / "giao-uoc.pdf"
    _print(page, qtbot, out)
    assert not out.exists()
    assert "Phong trào có 2 giao ước: hãy chọn giao ước cần in trong danh sách" in tab.message.text()


def test_the_only_covenant_prints_without_choosing_and_a_refresh_keeps_the_choice(page, qtbot, tmp_path):
    tab = page.covenant
    tab.covenants.clearSelection()
    tab.covenants.setCurrentRow(-1)
    out = tmp_path / "giao-uoc.pdf"
    _print(page, qtbot, out)
    assert FIRST_BLOCK in _pdf(out), tab.message.text()

    _sign_second(page)
    tab.covenants.setCurrentRow(_row_of(tab, SECOND_BLOCK))
    page.refresh()  # another change elsewhere: the clerk's choice stays
    assert tab.chosen_covenant() == tab.covenants.item(_row_of(tab, SECOND_BLOCK)).data(Qt.ItemDataRole.UserRole)
