"""Every button works when clicked (issue 14.1).

On the demo commune, the main window's pages are opened one by one from the sidebar; on each, every tab is
opened with a click, every visible and enabled button is clicked with ``qtbot.mouseClick`` (the first row of each
list selected first, so the buttons that need a row are enabled), every action of a button's menu and of the
window's menus is triggered, and every dialog a click opens is walked the same way (one level down). Modal loops
are answered by the test (see :mod:`tests.acceptance.clicking`). The test fails on any exception, any error box
that is not a deliberate refusal (a Vietnamese sentence saying what is missing, matched by ``REFUSALS``) and any
raw Python error on screen; the failure lists page → tab → dialog → button → what went wrong.
"""

from __future__ import annotations

import re

import pytest

from tests.acceptance.clicking import Clicker, is_vietnamese_sentence
from tests.demo_date import DEMO_TODAY

# Never clicked, with the reason.
SKIP: dict[str, str] = {
    "menu “Tệp” → Thoát": "closes the window: the program quits",
}

# Clicked last, after every page: the restore replaces the database under the window and opens a new window.
DEFERRED: dict[str, str] = {
    "Khôi phục bản này…": "replaces the database and reopens the window, so it is clicked after everything else",
}

# Buttons that fail on a real click today, {button text: reason}; the integrator empties this once the fixes land.
# A button listed here that no longer fails makes the test fail, so the list never outlives the bug.
KNOWN_BROKEN: dict[str, str] = {}

# Deliberate refusals: a warning or error box that says, in Vietnamese, what is missing or why not now.
REFUSALS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^Chưa ",
    )
)


@pytest.fixture
def demo_window(store, qtbot):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    fill_demo(store, today=DEMO_TODAY)
    window = MainWindow(AppContext(store, actor="tester"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_button_of_every_page_and_dialog_works_when_clicked(demo_window, qtbot, monkeypatch, tmp_path):
    from desktop.ui.pages import PAGES

    clicker = Clicker(
        qtbot, monkeypatch, tmp_path / "tep", allowed_refusals=REFUSALS, skip=SKIP, deferred=DEFERRED
    )
    clicker.install()
    window = demo_window
    for row, spec in enumerate(PAGES):
        label = f"page “{window.sidebar.item(row).text()}”"
        rect = window.sidebar.visualItemRect(window.sidebar.item(row))
        qtbot.mouseClick(window.sidebar.viewport(), __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton,
                         pos=rect.center())
        assert window.current_key() == spec.key, label
        clicker.walk(window.pages[spec.key], label)
    clicker.trigger_menu_bar(window)
    clicker.click_deferred(window)

    print(f"\n{len(clicker.clicks)} clicks, {len(clicker.boxes)} message boxes, {len(clicker.refusals)} refusals")
    for where, seconds in sorted(clicker.timings.items(), key=lambda item: -item[1]):
        print(f"  {seconds:6.2f} s  {where}")
    for box in clicker.boxes:
        print("BOX", box)
    for skipped in clicker.skipped:
        print("SKIP", " → ".join(skipped))
    for problem in clicker.problems:
        print("PROBLEM", problem)
    assert not clicker.problems
