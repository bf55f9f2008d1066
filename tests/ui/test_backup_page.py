"""The backup page: choose the folder, back up now, compare, restore (window reopened), check."""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.store import new_uuid, now_iso


def _backup_page(main_window):
    settings = main_window.show_page("settings")
    return settings.show_backup()


def _add_department(store, name):
    with store.transaction("test.add"):
        stamp = now_iso()
        store.insert("departments", {"uuid": new_uuid(), "name": name, "created_at": stamp, "updated_at": stamp})


def _wait_job(qtbot, job):
    qtbot.waitUntil(lambda: job.done, timeout=10000)


def test_settings_has_backup_and_audit_tabs(main_window):
    settings = main_window.show_page("settings")
    tabs = [settings.tabs.tabText(i).replace("&&", "&") for i in range(settings.tabs.count())]
    assert tabs == ["Chung", "Quy định thi đua, khen thưởng", "Sao lưu & khôi phục", "Nhật ký thay đổi"]
    settings.tabs.setCurrentIndex(3)
    from desktop.ui.pages.audit_page import AuditPage

    assert isinstance(settings.tabs.widget(3), AuditPage)


def test_choose_folder_back_up_compare_and_check(main_window, qtbot, tmp_path, monkeypatch):
    page = _backup_page(main_window)
    assert page.table.rowCount() == 0 and not page.restore_button.isEnabled()
    folder = tmp_path / "usb"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    assert page.choose_folder() == folder
    assert str(folder) in page.folder_label.text()

    job = page.backup_now()
    _wait_job(qtbot, job)
    assert job.error is None
    assert page.table.rowCount() == 1
    assert page.table.item(0, 2).text() == "Sao lưu thủ công" and page.table.item(0, 4).text() == "Đạt"
    assert page.restore_button.isEnabled()
    assert len(list(folder.glob("tdkt-*.sqlite3"))) == 1

    _add_department(main_window.context.store, "Phòng sau sao lưu")
    page.show_selected()
    table = page.compare_table
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
        if table.item(r, 1) is not None  # the heading row spans the three columns
    }
    assert rows["    Phòng ban"] == ("0", "1")
    assert "Quyết định cuối" in rows

    job = page.run_check()
    _wait_job(qtbot, job)
    assert "Tính toàn vẹn của tệp: tốt." in page.check_label.text()


def test_restore_replaces_data_and_reopens_the_window(main_window, qtbot, tmp_path, monkeypatch):
    page = _backup_page(main_window)
    db_path = main_window.context.db_path
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "b"))
    page.choose_folder()
    _add_department(main_window.context.store, "Phòng Kinh tế")
    _wait_job(qtbot, page.backup_now())
    _add_department(main_window.context.store, "Phòng thêm sau")

    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", answer)
    assert page.restore_selected() is None
    assert "sao lưu dữ liệu hiện tại" in asked[0] and str(db_path) in asked[0]
    assert main_window.context.store.scalar("SELECT count(*) FROM departments") == 2

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    new_window = page.restore_selected()
    assert new_window is not None and new_window is not main_window
    qtbot.addWidget(new_window)
    try:
        store = new_window.context.store
        assert [r["name"] for r in store.query("SELECT name FROM departments")] == ["Phòng Kinh tế"]
        assert store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'backup.restore'") == 1
        assert "Đã khôi phục" in new_window.statusBar().currentMessage()
        safety = list((tmp_path / "b").glob("*truoc-khoi-phuc*.sqlite3"))
        assert len(safety) == 1
        with sqlite3.connect(safety[0]) as conn:
            assert conn.execute("SELECT count(*) FROM departments").fetchone()[0] == 2
    finally:
        new_window.close()
        new_window.context.store.close()


def test_a_damaged_backup_is_refused_without_closing_anything(main_window, qtbot, tmp_path, monkeypatch):
    page = _backup_page(main_window)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "b"))
    page.choose_folder()
    _wait_job(qtbot, page.backup_now())
    path = page.selected().path
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: errors.append(text))
    assert page.restore_selected() is None
    assert errors and "Tệp sao lưu" in errors[0]
    assert main_window.context.store.scalar("SELECT count(*) FROM unit") == 1  # still open, still usable


def test_daily_backup_at_start_up_reports_in_the_status_bar(main_window, qtbot, qapp):
    from desktop.ui.app import finish_daily_backup, start_daily_backup

    job = start_daily_backup(main_window)
    finish_daily_backup(qapp, main_window)  # what the application does at exit
    assert job.done
    assert job.error is None and job.result[0] is not None
    assert "Đã sao lưu tự động" in main_window.statusBar().currentMessage()
    job = start_daily_backup(main_window)  # same day: nothing more
    _wait_job(qtbot, job)
    assert job.result[0] is None


def test_a_backup_brought_without_its_checksum_needs_the_typed_words(main_window, qtbot, tmp_path, monkeypatch):
    """A USB copy without its .sha256 and without the catalog: the button says it is unverified; only the typed
    words restore it; anything else leaves the data as it is."""
    import shutil

    from PySide6.QtWidgets import QInputDialog

    page = _backup_page(main_window)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "b"))
    page.choose_folder()
    _add_department(main_window.context.store, "Phòng Kinh tế")
    _wait_job(qtbot, page.backup_now())
    made = page.selected().path
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copyfile(made, usb / made.name)  # only the database file travelled
    _add_department(main_window.context.store, "Phòng thêm sau")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    page.choose_folder()
    row = next(r for r, info in enumerate(page.backups) if info.path.parent == usb)
    page.table.selectRow(row)
    assert page.selected().no_checksum and page.restore_button.isEnabled()
    assert page.restore_button.text() == "Khôi phục bản chưa kiểm chứng…"
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: errors.append(text))
    prompts = []

    def typed(answer):
        def ask(parent, title, label, *args, **kwargs):
            prompts.append(label)
            return answer, True

        return ask

    monkeypatch.setattr(QInputDialog, "getText", typed("co"))
    assert page.restore_selected() is None
    assert "KHÔNG có mã kiểm tra" in prompts[0] and errors == ["Chữ gõ vào không đúng; chưa khôi phục."]
    assert main_window.context.store.scalar("SELECT count(*) FROM departments") == 2
    monkeypatch.setattr(QInputDialog, "getText", typed("khôi phục chưa kiểm chứng"))
    new_window = page.restore_selected()
    assert new_window is not None
    qtbot.addWidget(new_window)
    try:
        store = new_window.context.store
        assert [r["name"] for r in store.query("SELECT name FROM departments")] == ["Phòng Kinh tế"]
        audit = store.query_one("SELECT after FROM audit_log WHERE operation = 'backup.restore'")
        assert json.loads(audit["after"])["verified"] is False
    finally:
        new_window.close()
        new_window.context.store.close()


def test_the_page_says_when_the_chosen_folder_refused_the_automatic_backup(main_window, qtbot, tmp_path):
    """A write-protected stick: the automatic backup went to this PC; the page names the folder and the reason, in
    Vietnamese, until a backup reaches the folder again."""
    from desktop.ops import backup as ops
    from tests.faults import make_read_only

    store = main_window.context.store
    folder = ops.set_backup_folder(store, folder=tmp_path / "usb")
    undo = make_read_only(folder)
    assert undo is not None, "neither chmod nor chattr can write-protect a folder here"
    try:
        ops.before_operation(store, reason="before_import")
    finally:
        undo()
    page = _backup_page(main_window)
    page.refresh()
    shown = page.warning_label.text()
    assert page.warning_label.isVisibleTo(page)
    assert str(folder) in shown and "đã được lưu vào máy này" in shown and "quyền" in shown
    assert "Errno" not in shown and "Permission" not in shown
    qtbot.wait(50)  # the layout takes the new text
    label = page.warning_label
    assert label.height() >= label.heightForWidth(label.width()), "the warning's lines are cut"
    main_window.grab().save(str(tmp_path / "backup-warning.png"))
    ops.before_operation(store, reason="before_decision")
    page.refresh()
    assert not page.warning_label.isVisibleTo(page)


def test_after_a_restore_the_window_says_which_new_key_it_kept(main_window, qtbot, tmp_path, monkeypatch):
    """A key replaced after the backup stays the one in use; the clerk is told so in a message box."""
    from desktop.ops import exchange as exchange_ops

    page = _backup_page(main_window)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "b"))
    page.choose_folder()
    _wait_job(qtbot, page.backup_now())
    new_key = exchange_ops.replace_unit_keys(main_window.context.store, reason="Máy cũ bị mất")["new_fingerprint"]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    new_window = page.restore_selected()
    assert new_window is not None
    qtbot.addWidget(new_window)
    try:
        assert exchange_ops.show_keys(new_window.context.store)["fingerprint"] == new_key
        [text] = shown
        assert new_key in text and "không quay lại khóa đã thay" in text
    finally:
        new_window.close()
        new_window.context.store.close()
