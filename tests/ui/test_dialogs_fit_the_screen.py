"""A dialog laid out for 1366×768 never opens larger than the screen it is on: on a small screen (the offscreen
platform's is 800×800, less than the 1000–1280 pixels wide some dialogs ask for) its buttons stay reachable."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.ui.help_dialog import HelpDialog, guide_path
from desktop.ui.widgets import sized_to_screen


def _available(widget):
    return widget.screen().availableGeometry()


def test_a_dialog_asks_for_its_size_but_gets_no_more_than_the_screen(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    screen = _available(dialog)
    sized_to_screen(dialog, 400, 300)
    assert (dialog.width(), dialog.height()) == (400, 300)  # what fits is given as asked
    sized_to_screen(dialog, screen.width() + 500, screen.height() + 400)
    assert dialog.width() <= screen.width() - 20 and dialog.height() <= screen.height() - 60


def test_the_wide_dialogs_open_within_the_screen(qtbot, app_context):
    from desktop.ui.staff.import_dialog import StaffImportDialog

    for dialog in (HelpDialog(guide_path()), StaffImportDialog(app_context)):
        qtbot.addWidget(dialog)
        screen = _available(dialog)
        assert screen.width() < 1000  # the test means something only on a screen narrower than they ask for
        assert dialog.width() <= screen.width() - 20 and dialog.height() <= screen.height() - 60
