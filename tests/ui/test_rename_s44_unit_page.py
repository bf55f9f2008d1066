"""The Unit page asks from which day a department's new name holds (schema v15), shows the names it has borne, and
corrects a misspelt name without starting a new one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.domain.dates import format_date
from desktop.ops import unit

ECONOMY = "Phòng Kinh tế"
NEW_NAME = "Phòng Kinh tế - Hạ tầng - Đô thị"


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ui.pages.unit_page import UnitPage

    unit.add_department(app_context.store, name=ECONOMY, kind="department")
    unit.add_department(app_context.store, name="Văn phòng HĐND và UBND", kind="department")
    widget = UnitPage(app_context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _select(page, name: str) -> int:
    for row in range(page.dept_table.rowCount()):
        item = page.dept_table.item(row, 0)
        if item.text() == name:
            page.dept_table.selectRow(row)
            return int(item.data(Qt.ItemDataRole.UserRole))
    raise AssertionError(f"{name} not listed")


def _periods(store, department_id: int) -> list[tuple[str, str]]:
    rows = store.query(
        "SELECT name, valid_from FROM department_names WHERE department_id = ? ORDER BY valid_from", (department_id,)
    )
    return [(r["name"], r["valid_from"]) for r in rows]


def test_the_rename_is_dated_by_the_date_field_and_the_names_are_shown(page, app_context, type_text):
    store = app_context.store
    department_id = _select(page, ECONOMY)
    assert page.dept_from.isVisible() and page.dept_from.date() == date.today()
    assert not page.dept_names.isVisible()

    page.dept_name.clear()
    type_text(page.dept_name, NEW_NAME)
    page.dept_from.clear()
    type_text(page.dept_from, "01/07/2025")
    assert page.rename_department()

    assert _periods(store, department_id) == [(ECONOMY, ""), (NEW_NAME, "2025-07-01")]
    assert unit.name_history(store, department_id=department_id)[0]["valid_to"] == date(2025, 6, 30)
    _select(page, NEW_NAME)
    assert page.dept_names.isVisible()
    assert page.dept_names.text() == f"Tên theo thời gian: “{ECONOMY}” đến 30/06/2025; “{NEW_NAME}” từ 01/07/2025."
    assert page.dept_from.text() == format_date(date.today())  # the next rename starts from today again
    assert (
        store.scalar("SELECT operation FROM audit_log WHERE table_name = 'department_names' ORDER BY id DESC LIMIT 1")
        == "department.rename"
    )


def test_a_day_before_the_present_name_or_not_a_date_is_refused_under_the_field(page, app_context, type_text):
    store = app_context.store
    department_id = _select(page, ECONOMY)
    unit.rename_department(store, department_id=department_id, name=NEW_NAME, valid_from=date(2025, 7, 1))
    page.load_departments()
    _select(page, NEW_NAME)

    page.dept_name.setText("Phòng Kinh tế - Hạ tầng")
    page.dept_from.setText("01/01/2025")
    assert not page.rename_department()
    assert page.dept_from_error.isVisibleTo(page)
    assert f"Tên “{NEW_NAME}” dùng từ ngày 01/07/2025" in page.dept_from_error.text()
    assert not page.dept_error.isVisibleTo(page)

    page.dept_from.setText("31/02/2025")
    assert not page.rename_department()
    assert page.dept_from_error.isVisibleTo(page) and "31/02/2025" in page.dept_from_error.text()
    assert _periods(store, department_id) == [(ECONOMY, ""), (NEW_NAME, "2025-07-01")]


def test_correcting_a_misspelt_name_replaces_it_over_its_whole_period(page, app_context, type_text):
    store = app_context.store
    department_id = _select(page, ECONOMY)
    page.dept_correction.setChecked(True)
    assert not page.dept_from.isEnabled()
    page.dept_name.setText("Phòng Kinh Tế")
    assert page.rename_department()
    assert _periods(store, department_id) == [("Phòng Kinh Tế", "")]
    _select(page, "Phòng Kinh Tế")
    assert not page.dept_correction.isChecked() and page.dept_from.isEnabled()
