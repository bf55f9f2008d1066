"""The audit log page: newest first, filters, side-by-side view, .xlsx export, nothing editable."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.store import new_uuid, now_iso
from desktop.ui.pages.audit_page import PAGE_SIZE, AuditPage


@pytest.fixture
def audit_page(app_context, qtbot):
    store = app_context.store
    with store.acting_as("lan"), store.transaction("departments.add"):
        stamp = now_iso()
        first = store.insert(
            "departments", {"uuid": new_uuid(), "name": "Phòng Kinh tế", "created_at": stamp, "updated_at": stamp}
        )
        store.insert("departments", {"uuid": new_uuid(), "name": "Văn phòng", "created_at": stamp, "updated_at": stamp})
    with store.acting_as("hùng"), store.transaction("departments.rename"):
        store.update("departments", first, {"name": "Phòng Kinh tế - Hạ tầng", "updated_at": now_iso()})
    with store.acting_as("hùng"), store.transaction("departments.delete"):
        store.execute("DELETE FROM departments WHERE name = 'Văn phòng'")
    page = AuditPage(app_context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _column(page, column):
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_newest_first_with_vietnamese_names(audit_page):
    actions = _column(audit_page, 3)
    assert actions[:3] == ["Xóa", "Sửa", "Thêm"]
    assert _column(audit_page, 2)[0] == "Phòng ban"
    assert _column(audit_page, 1)[0] == "hùng"
    assert "dòng nhật ký" in audit_page.count_label.text()


def test_filters(audit_page, qtbot, type_text):
    page = audit_page
    page.action.setCurrentIndex(page.action.findData("update"))
    assert _column(page, 3) == ["Sửa"]
    page.action.setCurrentIndex(0)
    page.actor.setCurrentIndex(page.actor.findData("lan"))
    assert set(_column(page, 1)) == {"lan"} and len(_column(page, 1)) == 2
    page.actor.setCurrentIndex(0)
    page.table.setCurrentIndex(page.table.findText("Đơn vị"))
    assert set(_column(page, 2)) == {"Đơn vị"}
    page.table.setCurrentIndex(0)

    type_text(page.search, "ha tang")  # accents and case ignored
    qtbot.waitUntil(lambda: _column(page, 3) == ["Sửa"], timeout=3000)
    page.search.clear()

    today = date.today()
    page.date_from.setText(f"{today.day + 1 if today.day < 28 else 1:02d}/{today.month:02d}/{today.year + 1}")
    page.apply_filter()
    assert page.model.rowCount() == 0
    page.date_from.setText(f"{today.day:02d}/{today.month:02d}/{today.year}")
    page.date_to.setText(f"{today.day:02d}/{today.month:02d}/{today.year}")
    page.apply_filter()
    assert page.model.rowCount() == page.model.total() > 0
    page.date_to.setText("31/02/2025")
    page.apply_filter()
    assert page.date_error.isVisible() and "không phải ngày có thật" in page.date_error.text()


def test_side_by_side_view_highlights_changed_fields(audit_page):
    page = audit_page
    row = _column(page, 3).index("Sửa")
    page.view.selectRow(row)
    assert page.changed_rows() == ["Tên phòng ban"]
    fields = {
        page.detail.item(r, 0).text(): (page.detail.item(r, 1).text(), page.detail.item(r, 2).text())
        for r in range(page.detail.rowCount())
    }
    assert fields["Tên phòng ban"] == ("Phòng Kinh tế", "Phòng Kinh tế - Hạ tầng")
    assert "hùng" in page.detail_title.text()
    page.view.selectRow(_column(page, 3).index("Xóa"))
    fields = {page.detail.item(r, 0).text(): page.detail.item(r, 2).text() for r in range(page.detail.rowCount())}
    assert fields["Tên phòng ban"] == ""  # nothing after a deletion
    assert page.changed_rows() == []


def test_export_filtered_rows_to_xlsx(audit_page, tmp_path, monkeypatch):
    page = audit_page
    page.actor.setCurrentIndex(page.actor.findData("hùng"))
    target = tmp_path / "nhat-ky"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append(text))
    path = page.export()
    assert path == tmp_path / "nhat-ky.xlsx" and "2 dòng" in shown[0]
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Thời điểm", "Người thực hiện", "Thao tác", "Loại bản ghi", "Hành động")
    assert [r[4] for r in rows[1:]] == ["Xóa", "Sửa"]
    assert rows[2][6] == "Tên phòng ban" and "Hạ tầng" in rows[2][8]


def test_nothing_can_be_edited(audit_page, app_context):
    model = audit_page.model
    index = model.index(0, 0)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "sửa bậy") is False
    assert audit_page.view.editTriggers() == audit_page.view.EditTrigger.NoEditTriggers
    audit_page.view.selectRow(0)
    assert not audit_page.detail.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    with pytest.raises(sqlite3.DatabaseError):
        app_context.store.execute("DELETE FROM audit_log")


def test_lazy_loading(app_context, qtbot):
    store = app_context.store
    with store.transaction("bulk"):
        for n in range(PAGE_SIZE + 50):
            stamp = now_iso()
            store.insert(
                "departments", {"uuid": new_uuid(), "name": f"Tổ {n}", "created_at": stamp, "updated_at": stamp}
            )
    page = AuditPage(app_context)
    qtbot.addWidget(page)
    assert page.model.rowCount() == PAGE_SIZE
    assert page.model.canFetchMore()
    page.model.fetchMore()
    assert page.model.rowCount() == page.model.total()
    ids = [row["id"] for row in page.model.rows]
    assert ids == sorted(ids, reverse=True)


def test_an_edited_rule_text_shows_only_the_lines_that_changed(app_context, qtbot):
    """The base-salary table is kept as the text of a rule override: edited, the detail shows the rows that changed
    (under their line numbers), each on its own line of a taller row, not the first line of two whole texts."""
    from desktop.ops import rules
    from desktop.ui.pages.audit_labels import changed_lines

    store = app_context.store
    first = [(date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP, Điều 3"), (date(2023, 7, 1), 1_800_000, "NĐ 24/2023")]
    rules.set_base_salary_entries(store, entries=first)
    rules.set_base_salary_entries(store, entries=[first[0], (date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP")])
    page = AuditPage(app_context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r)["action"] == "update")
    page.show_row(row)
    texts = {page.detail.item(r, 0).text(): r for r in range(page.detail.rowCount())}
    line = next(r for label, r in texts.items() if page.detail.item(r, 1).toolTip())
    before, after = page.detail.item(line, 1).text(), page.detail.item(line, 2).text()
    assert "NĐ 24/2023" in before and "NĐ 24/2023/NĐ-CP" in after, (before, after)
    assert "2340000" not in before.replace(".", "").replace("_", "") and "Dòng " in before
    whole = page.detail.item(line, 2).toolTip()
    assert "NĐ 73/2024/NĐ-CP" in whole and len(whole.splitlines()) > len(after.splitlines())
    assert page.detail.rowHeight(line) >= 2 * page.detail.fontMetrics().lineSpacing()
    # a short text is shown whole
    assert changed_lines("Phòng Kinh tế", "Phòng Kinh tế - Hạ tầng") is None
    assert changed_lines("", whole) is None  # a text added whole is shown whole
