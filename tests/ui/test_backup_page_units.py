"""The backup page on a PC where several databases share the default backup folder: the unit column, the
"show the other data's backups too" box, and the plain warning before restoring another unit's backup."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.ops import backup as ops
from desktop.store import open_store
from desktop.ui.pages.backup_page import UNIT_COLUMN, UNIT_COLUMN_WIDTH

MY_UNIT = "Ủy ban nhân dân xã Lũng Cú"
OTHER_UNIT = "Ủy ban nhân dân phường Hà Giang 1"


def _backup_page(main_window):
    settings = main_window.show_page("settings")
    return settings.show_backup()


def _other_units_backup(tmp_path):
    """Another database opened on this PC backs up into the same default folder."""
    from desktop.ops.setup import init_unit

    with open_store(tmp_path / "phuong.sqlite3") as other:
        init_unit(other, unit_name=OTHER_UNIT, commune_code="00694")
        return ops.backup_now(other)


def _units(page):
    return [page.table.item(r, UNIT_COLUMN).text() for r in range(page.table.rowCount())]


def _compare_rows(page):
    table = page.compare_table
    return {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
        if table.item(r, 1) is not None
    }


def test_other_units_backups_are_hidden_until_asked_for(main_window, qtbot, tmp_path):
    page = _backup_page(main_window)
    job = page.backup_now()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    theirs = _other_units_backup(tmp_path)
    with open_store(tmp_path / "thu.sqlite3") as blank:  # a test file never set up: nobody knows whose it is
        ops.core.create_backup(blank, ops.default_backup_folder(), reason="manual", now=datetime(2026, 1, 2, 9))
    page.refresh()
    assert page.table.horizontalHeaderItem(UNIT_COLUMN).text() == "Đơn vị"
    assert _units(page) == [MY_UNIT, "không rõ đơn vị"]
    assert theirs.path not in [i.path for i in page.backups]
    assert page.hidden_label.text() == "(1 bản của dữ liệu khác đang ẩn)"
    assert not page.all_units_box.isChecked()

    qtbot.mouseClick(page.all_units_box, Qt.MouseButton.LeftButton)
    assert page.all_units_box.isChecked()
    assert sorted(_units(page)) == sorted([MY_UNIT, OTHER_UNIT, "không rõ đơn vị"])
    assert page.hidden_label.text() == ""
    # Next to the time and capped: a full unit name pushed the figures off a 1366-pixel screen; the tooltip has it.
    assert page.table.columnWidth(UNIT_COLUMN) <= UNIT_COLUMN_WIDTH
    row = [i.path for i in page.backups].index(theirs.path)
    assert page.table.item(row, UNIT_COLUMN).toolTip() == f"Bản sao lưu của dữ liệu khác: {OTHER_UNIT}"
    page.table.selectRow(row)
    assert page.selected().path == theirs.path
    assert page.unit_line.text() == (
        f"Bản sao lưu này là dữ liệu của «{OTHER_UNIT}», không phải của «{MY_UNIT}» đang mở."
    )
    assert "Đơn vị" not in _compare_rows(page)  # a full unit name in a cell squeezed the labels
    assert page.table.item(row, 0).text() == theirs.created.strftime("%d/%m/%Y %H:%M:%S")

    qtbot.mouseClick(page.all_units_box, Qt.MouseButton.LeftButton)
    assert _units(page) == [MY_UNIT, "không rõ đơn vị"]


def test_restoring_another_units_backup_says_whose_data_it_is(main_window, qtbot, tmp_path, monkeypatch):
    page = _backup_page(main_window)
    theirs = _other_units_backup(tmp_path)
    page.all_units_box.setChecked(True)
    page.table.selectRow([i.path for i in page.backups].index(theirs.path))

    asked = []

    def answer_no(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", answer_no)
    assert page.restore_selected() is None
    assert asked[0].startswith(
        f"Bản sao lưu này là dữ liệu của «{OTHER_UNIT}», không phải của «{MY_UNIT}» đang mở. "
        f"Khôi phục sẽ thay toàn bộ dữ liệu «{MY_UNIT}» bằng dữ liệu «{OTHER_UNIT}»."
    )
    assert "sao lưu dữ liệu hiện tại" in asked[0]  # the usual confirmation follows
    assert main_window.context.store.scalar("SELECT name FROM unit") == MY_UNIT

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    new_window = page.restore_selected()  # a new PC: the wizard made a unit, then the USB backup is restored
    assert new_window is not None
    qtbot.addWidget(new_window)
    try:
        store = new_window.context.store
        assert store.scalar("SELECT name FROM unit") == OTHER_UNIT
        assert store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'backup.restore'") == 1
        said = new_window.statusBar().currentMessage()
        assert f"Dữ liệu trong tệp bây giờ là của «{OTHER_UNIT}», không còn là của «{MY_UNIT}»." in said
        assert "Hiện cả bản sao lưu của dữ liệu khác" in said  # where the safety copy of the old data now is
    finally:
        new_window.close()
        new_window.context.store.close()


def test_own_backup_asks_without_the_unit_warning(main_window, qtbot, monkeypatch):
    page = _backup_page(main_window)
    job = page.backup_now()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: asked.append(text))
    page.restore_selected()
    assert asked and asked[0].startswith("Khôi phục bản sao lưu lúc") and "«" not in asked[0]
    assert page.unit_line.text() == f"Dữ liệu của: {MY_UNIT}"


def test_an_edited_catalog_cannot_hide_whose_data_a_backup_is(main_window, monkeypatch, tmp_path):
    """backups.json edited to say another unit's backup is ours: the list believes it, the restore question does
    not — it reads the file itself."""
    page = _backup_page(main_window)
    theirs = _other_units_backup(tmp_path)
    catalog_path = theirs.path.parent / "backups.json"
    data = json.loads(catalog_path.read_text(encoding="utf-8"))
    mine = main_window.context.store.scalar("SELECT uuid FROM unit")
    for entry in data["backups"]:
        entry["unit_uuid"], entry["unit_name"] = mine, MY_UNIT
    catalog_path.write_text(json.dumps(data), encoding="utf-8")
    page.refresh()
    page.table.selectRow([i.path for i in page.backups].index(theirs.path))
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: asked.append(text))
    assert page.restore_selected() is None
    assert asked[0].startswith(f"Bản sao lưu này là dữ liệu của «{OTHER_UNIT}», không phải của «{MY_UNIT}» đang mở.")
    assert main_window.context.store.scalar("SELECT name FROM unit") == MY_UNIT
