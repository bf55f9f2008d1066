"""UI fixtures: an AppContext on a set-up unit, the main window, the Vietnamese Qt translator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _widgets_gone_after_each_test(qapp) -> Iterator[None]:
    """Each test's closed widgets are really deleted before the next test begins. Left to a later deferred delete,
    a page's place combos crashed the next test's typing into a completer (PySide6 segfault in whichever test ran
    next on the worker: test_place_search after test_unit_page, for one)."""
    yield
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def app_context(unit_store, qapp):
    from desktop.ui.context import AppContext

    return AppContext(unit_store, actor="tester")


@pytest.fixture
def vi_translator(qapp) -> Iterator:
    """Qt's own strings in Vietnamese for the duration of one test."""
    from desktop.i18n import qt_catalog
    from desktop.ui.qt_translator import CatalogTranslator

    translator = CatalogTranslator(qt_catalog("vi"))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture
def main_window(app_context, qtbot):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def type_text(qtbot):
    """Type any text, Vietnamese included, as real key events (QTest.keyClicks aborts on non-Latin-1)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_into(widget, text: str) -> None:
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)

    return type_into
