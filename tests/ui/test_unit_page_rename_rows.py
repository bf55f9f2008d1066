"""The Unit page shows "Tên mới dùng từ ngày:" and "Chỉ sửa tên viết sai" only when a department is chosen to be
renamed: adding a new department has no old name, so the two would do nothing there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ops import unit

ECONOMY = "Phòng Kinh tế"


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ui.pages.unit_page import UnitPage

    unit.add_department(app_context.store, name=ECONOMY, kind="department")
    widget = UnitPage(app_context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _rename_rows_shown(page) -> tuple[bool, bool, bool]:
    """Whether the date field, its label and the correction box are shown on the page."""
    label = next(w for w in page.findChildren(QLabel) if w.text() == "Tên mới dùng từ ngày:")
    return page.dept_from.isVisibleTo(page), label.isVisibleTo(page), page.dept_correction.isVisibleTo(page)


def test_the_rename_fields_show_only_for_a_chosen_department(page, app_context):
    page.dept_table.clearSelection()
    assert page.selected_department_id() is None
    assert _rename_rows_shown(page) == (False, False, False)  # adding: nothing to date
    assert page.dept_name.isVisibleTo(page) and page.add_button.isVisibleTo(page)

    row = next(r for r in range(page.dept_table.rowCount()) if page.dept_table.item(r, 0).text() == ECONOMY)
    page.dept_table.selectRow(row)
    assert page.dept_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == page.selected_department_id()
    assert _rename_rows_shown(page) == (True, True, True)

    page.dept_table.clearSelection()
    assert _rename_rows_shown(page) == (False, False, False)

    page.dept_name.setText("Phòng Văn hóa - Xã hội")
    assert page.add_department() is not None  # adding still works with the rows hidden
    names = [d["name"] for d in unit.list_departments(app_context.store)]
    assert "Phòng Văn hóa - Xã hội" in names
