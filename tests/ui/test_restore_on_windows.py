"""The window's restore under Windows' rule that an open file cannot be replaced (tests/files/windows_fs.py).

The page must close the window's database, and every other handle of it, before the swap; a file another
program holds gives the clerk a message naming it, and the window reopens on the untouched data.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.store import new_uuid, now_iso
from tests.files.windows_fs import WindowsFiles


def _add_department(store, name):
    with store.transaction("test.add"):
        stamp = now_iso()
        store.insert("departments", {"uuid": new_uuid(), "name": name, "created_at": stamp, "updated_at": stamp})


def _backed_up_page(main_window, qtbot, tmp_path, monkeypatch):
    page = main_window.show_page("settings").show_backup()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "Sao lưu"))
    page.choose_folder()
    _add_department(main_window.context.store, "Phòng Kinh tế")
    job = page.backup_now()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    _add_department(main_window.context.store, "Phòng thêm sau")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return page


def test_restore_from_the_window_frees_the_file_first(main_window, qtbot, tmp_path, monkeypatch):
    page = _backed_up_page(main_window, qtbot, tmp_path, monkeypatch)
    windows_files = WindowsFiles(monkeypatch)
    new_window = page.restore_selected()
    assert new_window is not None
    qtbot.addWidget(new_window)
    try:
        assert windows_files.refused == []
        names = [r["name"] for r in new_window.context.store.query("SELECT name FROM departments")]
        assert names == ["Phòng Kinh tế"]
    finally:
        new_window.close()
        new_window.context.store.close()


def test_a_database_file_held_by_another_program_is_named_and_kept(main_window, qtbot, tmp_path, monkeypatch):
    page = _backed_up_page(main_window, qtbot, tmp_path, monkeypatch)
    db_path = main_window.context.db_path
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: errors.append(text))
    WindowsFiles(monkeypatch).hold(db_path)
    new_window = page.restore_selected()
    assert new_window is not None  # reopened on the old file
    qtbot.addWidget(new_window)
    try:
        assert errors and str(db_path) in errors[0] and "đang được một chương trình khác mở" in errors[0]
        names = [r["name"] for r in new_window.context.store.query("SELECT name FROM departments")]
        assert names == ["Phòng Kinh tế", "Phòng thêm sau"]
    finally:
        new_window.close()
        new_window.context.store.close()
