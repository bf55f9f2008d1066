"""Empty pages say what to do first; the reports page opens on the working year and offers years with data."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.domain.staff import StaffDraft
from desktop.ops import movements as mv
from desktop.ops import queries
from desktop.ops import staff as staff_ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


def _click(qtbot, hint, text):
    button = next(b for b in hint.buttons if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_empty_staff_page_says_to_import_or_add(app_context, qtbot):
    from desktop.ui.staff.page import StaffPage

    page = StaffPage(app_context)
    qtbot.addWidget(page)
    page.show()
    hint = page.empty_hint
    assert hint.isVisible() and "Chưa có cán bộ nào" in hint.label.text()
    assert hint.button_texts() == ["Nhập danh sách từ Excel…", "Thêm cán bộ"]
    opened = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog).__name__)
        dialog.reject()

    QTimer.singleShot(0, close_dialog)
    _click(qtbot, hint, "Thêm cán bộ")  # the add dialog is modal: closed as soon as it shows
    assert opened == ["StaffEditDialog"]

    staff_ops.add_staff(app_context.store, draft=StaffDraft(full_name="Giàng Thị Mai"))
    app_context.data_changed.emit("staff")
    assert not hint.isVisible()

    page.search.setText("khong ai ten nay")
    page.apply_search()
    assert hint.isVisible() and "Không có ai khớp" in hint.label.text()
    _click(qtbot, hint, "Bỏ lọc")
    assert page.search.text() == "" and page.model.rowCount() == 1 and not hint.isVisible()


def test_empty_movements_page_says_to_create_one(app_context, qtbot):
    from desktop.ui.movements.page import MovementsPage

    page = MovementsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_hint.isVisible() and "Chưa có phong trào thi đua nào" in page.empty_hint.label.text()
    assert page.empty_hint.button_texts() == ["Nhập phong trào mới"]
    mv.create_movement(app_context.store, name="Thi đua dân vận khéo", year=2025)
    page.refresh()
    assert not page.empty_hint.isVisible()


def test_reports_open_on_the_working_year_and_offer_years_with_data(app_context, qtbot):
    from desktop.ui.reports_page import ReportsPage

    store = app_context.store
    fill_demo(store, today=DEMO_TODAY)
    page = ReportsPage(app_context, today=DEMO_TODAY)
    qtbot.addWidget(page)
    page.show()
    working = queries.working_year(store, DEMO_TODAY)
    assert page.year.value() == working
    assert page.data["year"] == working

    page.year.setValue(2031)
    hint = page.empty_hint
    assert hint.isVisible()
    assert "Năm 2031 chưa có khen thưởng nào được ghi" in hint.label.text()
    offered = [int(text.removeprefix("Xem năm ")) for text in hint.button_texts()]
    assert offered and offered == queries.years_with_data(store)[: len(offered)]
    with_awards = 2024  # the demo's decisions of 2022–2024
    assert with_awards in offered
    _click(qtbot, hint, f"Xem năm {with_awards}")
    assert page.year.value() == with_awards and page.data["total"] > 0
    assert not hint.isVisible()


def test_reports_on_a_file_without_data(app_context, qtbot):
    from desktop.ui.reports_page import ReportsPage

    page = ReportsPage(app_context, today=date(2026, 3, 4))
    qtbot.addWidget(page)
    page.show()
    assert page.year.value() == 2025  # before October the year being closed is last year's
    assert page.empty_hint.isVisible()
    assert "Chưa có số liệu khen thưởng nào" in page.empty_hint.label.text()
