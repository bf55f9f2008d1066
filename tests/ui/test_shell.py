"""The window's shell: areas in order, lazy pages, menus, Vietnamese everywhere, start-up paths."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox

EXPECTED_AREAS = [
    "Đơn vị",
    "Cán bộ",
    "Phong trào",
    "Bình xét & đề nghị",
    "Quyết định",
    "In giấy khen, bằng chứng nhận",
    "Báo cáo",
    "Trao đổi dữ liệu",
    "Cài đặt",
]
ENGLISH_WORDS = {
    "ok", "cancel", "yes", "no", "save", "open", "file", "help", "settings", "name", "delete", "add",
    "close", "apply", "edit", "error", "warning", "unit", "staff", "page", "exit", "quit", "about", "language",
}  # fmt: skip
OWN_PAGES = ["unit", "movements", "nominations", "decisions", "certificates", "reports", "exchange", "settings"]


def test_areas_in_order_and_title(main_window, app_context):
    assert main_window.page_labels() == EXPECTED_AREAS
    assert main_window.windowTitle() == "Thi đua – Khen thưởng — Ủy ban nhân dân xã Lũng Cú"
    # a long temporary path is cut in the middle on screen; the whole of it is in the tooltip then
    assert str(app_context.db_path) in (main_window.db_label.toolTip() or main_window.db_label.text())
    assert "Ủy ban nhân dân xã Lũng Cú" in main_window.unit_label.text()


def test_pages_are_built_on_first_use(main_window, qtbot):
    assert list(main_window.pages) == ["unit"]
    main_window.sidebar.setCurrentRow(2)
    assert list(main_window.pages) == ["unit", "movements"]
    page = main_window.pages["movements"]
    assert main_window.current_page() is page
    assert main_window.current_key() == "movements"
    main_window.sidebar.setCurrentRow(0)
    assert main_window.current_page() is main_window.pages["unit"]


def test_every_area_opens(main_window):
    for spec in main_window.specs:
        widget = main_window.show_page(spec.key)
        assert main_window.current_page() is widget
        assert not isinstance(widget, QLabel), f"page {spec.key} failed to build: {widget.text()}"


def test_ctrl_number_shortcuts(main_window):
    assert [a.shortcut().toString() for a in main_window.page_actions] == [f"Ctrl+{n}" for n in range(1, 10)]
    main_window.page_actions[8].trigger()
    assert main_window.current_key() == "settings"
    main_window.page_actions[3].trigger()
    assert main_window.current_key() == "nominations"


def test_last_page_and_geometry_remembered(main_window, app_context, qtbot):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.preferences import preferences

    main_window.show_page("staff")
    main_window.resize(main_window.minimumSizeHint().width(), 450)  # the offscreen screen is 800×600
    main_window.close()
    assert preferences().get("window_geometry")
    again = MainWindow(app_context)
    qtbot.addWidget(again)
    assert again.current_key() == "staff"
    assert again.height() == 450


def test_window_fits_a_1366x768_screen(main_window):
    assert main_window.width() <= 1366 - 40
    assert main_window.height() <= 768 - 40
    hint = main_window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700


def test_message_box_buttons_in_vietnamese(qapp, vi_translator):
    box = QMessageBox(
        QMessageBox.Icon.Question, "Hỏi", "Xóa?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    texts = {
        box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
    }
    assert texts == {"Có", "Không"}
    box = QMessageBox(
        QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    )
    assert box.button(QMessageBox.StandardButton.Ok).text() == "Đồng ý"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Hủy"


def test_qt_strings_translated_and_shortcuts_untouched(qapp, vi_translator):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QLineEdit, QWizard

    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp >"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Quay lại"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Hoàn tất"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"
    edit = QLineEdit("abc")
    menu = edit.createStandardContextMenu()
    labels = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert labels == ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
    assert QKeySequence("Ctrl+Shift+F1").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+Shift+F1"
    assert QCoreApplication.translate("QFileDialog", "Never seen by Qt") == "Never seen by Qt"


def _english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]+", text.replace("&", "").lower()) if w in ENGLISH_WORDS}


def test_no_english_left_on_shell(main_window, vi_translator):
    texts: list[str] = []
    for key in OWN_PAGES:
        page = main_window.show_page(key)
        texts += [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(main_window)]
        texts += [w.text() for w in page.findChildren(QAbstractButton) if w.isVisibleTo(main_window)]
    for menu_action in main_window.menuBar().actions():
        texts.append(menu_action.text())
        texts += [a.text() for a in menu_action.menu().actions()]
    texts += main_window.page_labels()
    texts += [main_window.unit_label.text()]
    texts = [t for t in texts if "/" not in t and "\\" not in t]  # file paths are not words
    offenders = {text: _english_words(text) for text in texts if _english_words(text)}
    assert not offenders
    assert any("Lưu thông tin đơn vị" in t for t in texts)


def test_demo_data_menu(main_window, app_context, monkeypatch):
    pytest.importorskip("desktop.ops.demo")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text))
    assert main_window.demo_action.isEnabled()
    summary = main_window.make_demo_data()
    assert summary and app_context.store.scalar("SELECT count(*) FROM staff") > 0
    assert not main_window.demo_action.isEnabled()
    assert shown and shown[0].startswith("Đã tạo dữ liệu mẫu")


def test_help_without_manual_shows_a_message(main_window, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(main_window, "manual_path", lambda: None)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text))
    assert main_window.manual_action.shortcut().toString() == "F1"
    main_window.manual_action.trigger()
    assert shown and "hướng dẫn" in shown[0]


def test_open_other_database_signal(main_window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "khac.sqlite3"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(main_window.open_database_requested) as blocker:
        main_window.open_action.trigger()
    assert blocker.args == [target]


def test_switch_database_opens_new_window(main_window, qtbot, tmp_path):
    from desktop.ops.setup import init_unit
    from desktop.store import open_store
    from desktop.ui.app import switch_database

    other = tmp_path / "other.sqlite3"
    with open_store(other) as store:
        init_unit(store, unit_name="Ủy ban nhân dân phường Hà Giang 1", commune_code="00694")
    new_window = switch_database(main_window, other)
    assert new_window is not None and new_window is not main_window
    qtbot.addWidget(new_window)
    assert "Hà Giang 1" in new_window.windowTitle()
    new_window.close()
    new_window.context.store.close()


def test_run_gui_refuses_a_file_that_is_not_a_database(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QLabel

    from desktop.ui.app import run_gui
    from desktop.ui.startup_rescue import StartupRescueDialog

    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    shown: list[str] = []

    def clerk_quits(dialog: StartupRescueDialog) -> int:  # the rescue dialog says why, then the clerk quits
        shown.append(dialog.findChildren(QLabel)[0].text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(StartupRescueDialog, "exec", clerk_quits)
    assert run_gui(["--db", str(bad)]) == 1
    assert shown and str(bad) in shown[0] and "Lý do" in shown[0]
    assert bad.read_bytes() == b"this is not sqlite at all" * 100


def test_wizard_cancel_leaves_empty_database(qapp, store, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import ensure_set_up

    def cancel() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, cancel)
        else:
            modal.reject()

    QTimer.singleShot(0, cancel)
    assert ensure_set_up(store) is False
    assert store.scalar("SELECT count(*) FROM unit") == 0


def test_self_check(qapp, capsys):
    from desktop.ui.app import run_gui

    assert run_gui(["--self-check"]) == 0
    assert "self-check ok" in capsys.readouterr().out


def test_settings_page_saves_language(main_window):
    from desktop.ui.preferences import Preferences, preferences

    page = main_window.show_page("settings")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert preferences().get("language") == "en"
    assert Preferences().get("language") == "en"  # written to the file
    assert "khởi động lại" in page.language_note.text()
    assert str(main_window.context.db_path) == page.db_label.text()


def test_preferences_keep_unknown_keys(tmp_path):
    import json

    from desktop.ui.preferences import Preferences

    path = tmp_path / "preferences.json"
    path.write_text(json.dumps({"future_key": [1, 2], "language": 5}), encoding="utf-8")
    prefs = Preferences(path)
    assert prefs.get("language") == "vi"  # wrong type falls back to the default
    prefs.set("last_db_path", "/x.sqlite3")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["future_key"] == [1, 2] and saved["last_db_path"] == "/x.sqlite3"


def test_sidebar_click_switches(main_window, qtbot):
    item = main_window.sidebar.item(6)
    rect = main_window.sidebar.visualItemRect(item)
    qtbot.mouseClick(main_window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.current_key() == "reports"


def test_documents_self_check_renders_every_kind_of_output(tmp_path):
    """The check build/build_bundle.py runs on the bundle: certificates, decisions, a package, a pdfium preview."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TDKT_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "desktop", "--self-check-documents"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "documents check ok" in done.stdout
