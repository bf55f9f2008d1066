"""No ISO dates on the pages: the backup list and comparison, the audit log's old and new values."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFileDialog

from desktop.ops.demo import fill_demo
from desktop.ui.pages.audit_labels import dates_in_text, format_at, value_text
from tests.demo_date import DEMO_TODAY

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_backup_list_and_comparison_show_decision_dates_dd_mm_yyyy(main_window, qtbot, tmp_path, monkeypatch):
    fill_demo(main_window.context.store, today=DEMO_TODAY)
    page = main_window.show_page("settings").show_backup()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "usb"))
    page.choose_folder()
    job = page.backup_now()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert job.error is None and page.table.rowCount() == 1
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    last = page.table.item(0, headers.index("Quyết định cuối")).text()
    assert re.search(r"\(\d{2}/\d{2}/\d{4}\)$", last) and not ISO.search(last), last
    page.show_selected()
    table = page.compare_table
    texts = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(3) if table.item(r, c)]
    assert last in texts
    assert not [t for t in texts if ISO.search(t)]


def test_audit_old_and_new_dates(app_context, qtbot):
    from datetime import date

    from desktop.domain.staff import StaffDraft
    from desktop.ops import staff as staff_ops
    from desktop.ui.pages.audit_page import AuditPage

    store = app_context.store
    draft = StaffDraft(full_name="Lò Thị Mai", birth_date=date(1990, 2, 1), start_date=date(2015, 9, 1))
    staff_id = staff_ops.add_staff(store, draft=draft)
    draft.birth_date = date(1991, 3, 4)
    staff_ops.edit_staff(store, staff_id=staff_id, draft=draft)
    page = AuditPage(app_context)
    qtbot.addWidget(page)
    page.view.selectRow(0)
    rows = {
        page.detail.item(r, 0).text(): (page.detail.item(r, 1).text(), page.detail.item(r, 2).text())
        for r in range(page.detail.rowCount())
    }
    assert page.changed_rows() == ["Ngày sinh"]
    assert rows["Ngày sinh"] == ("01/02/1990", "04/03/1991")
    assert rows["Từ ngày"] == ("01/09/2015", "01/09/2015")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", rows["Thời điểm tạo"][1])
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", page.model.index(0, 0).data())


def test_date_words():
    assert format_at("2025-06-01T10:20:30+07:00") == "01/06/2025 10:20"
    assert value_text("2025-06-01") == "01/06/2025"
    assert value_text("2025-06-01 08:05:00") == "01/06/2025 08:05"
    assert value_text("Quyết định 12 ngày 2025-12-30") == "Quyết định 12 ngày 30/12/2025"
    assert value_text("2025-02-30") == "2025-02-30"  # not a real day: left as typed
    assert dates_in_text("3f2a-2025-01-01-9c") == "3f2a-2025-01-01-9c"  # part of an identifier
