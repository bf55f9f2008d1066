"""The main window on a 1024×600 netbook (a common commune PC): the window can be made that small, no page needs
a sideways scroll beside the sidebar, and a page taller than the screen scrolls so its buttons stay reachable."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget

# the client area of a 1024×600 screen: the window frame's borders, the title bar and the taskbar taken off
CLIENT_WIDTH, CLIENT_HEIGHT = 1008, 530


def _every_view(window, key):
    """Show page ``key`` and each tab of it in turn (nested tabs too), yielding a label of what is on show."""
    page = window.show_page(key)
    QApplication.processEvents()
    yield key
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield f"{key} / {tabs.tabText(index)}"


def test_the_window_fits_a_1024_by_600_screen(main_window, qtbot):
    for spec in main_window.specs:  # pages are built on first use: build them all, the widest included
        list(_every_view(main_window, spec.key))
    main_window.resize(CLIENT_WIDTH, CLIENT_HEIGHT)
    QApplication.processEvents()
    minimum = main_window.minimumSizeHint().expandedTo(main_window.minimumSize())
    assert minimum.width() <= CLIENT_WIDTH and minimum.height() <= CLIENT_HEIGHT
    assert (main_window.width(), main_window.height()) == (CLIENT_WIDTH, CLIENT_HEIGHT)


def test_no_page_scrolls_sideways_beside_the_sidebar(main_window):
    main_window.resize(CLIENT_WIDTH, CLIENT_HEIGHT)
    wide = []
    for spec in main_window.specs:
        for shown in _every_view(main_window, spec.key):
            area = main_window._scroll_areas[spec.key]
            if area.horizontalScrollBar().maximum() > 0:
                wide.append(f"{shown}: {main_window.current_page().minimumSizeHint().width()} px")
    assert wide == [], wide


def test_a_page_taller_than_the_screen_scrolls_to_its_last_button(main_window, qtbot):
    main_window.resize(CLIENT_WIDTH, CLIENT_HEIGHT)
    page = main_window.show_page("exchange")
    tabs = page.findChild(QTabWidget)
    tabs.setCurrentIndex(tabs.count() - 1)  # "Khóa & tin cậy", the tallest tab
    QApplication.processEvents()
    area = main_window._scroll_areas["exchange"]
    assert page.minimumSizeHint().height() > area.viewport().height()  # it really is taller than the screen
    assert area.verticalScrollBar().maximum() > 0
    last = [b for b in tabs.currentWidget().findChildren(QPushButton) if b.isVisible()][-1]
    area.ensureWidgetVisible(last)
    QApplication.processEvents()
    corner = last.mapTo(area.viewport(), last.rect().bottomRight())
    assert area.viewport().rect().contains(corner)
