"""The Unit page: shows the saved unit, validates next to fields, saves, manages departments."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.store import unit_repo


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ui.pages.unit_page import UnitPage

    widget = UnitPage(app_context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_shows_the_saved_unit(page):
    assert page.edits["name"].text() == "Ủy ban nhân dân xã Lũng Cú"
    assert page.edits["head_name"].text() == "Nguyễn Văn Hùng"
    assert page.edits["place_name"].text() == "Lũng Cú"
    assert page.place.province.currentText() == "Tuyên Quang"
    assert page.place.commune.currentText() == "Xã Lũng Cú"
    assert page.kind.currentData() == "ubnd_xa"


def test_save_updates_unit_and_tells_other_pages(page, app_context, qtbot, type_text):
    page.edits["head_name"].clear()
    type_text(page.edits["head_name"], "Thào Mí Sính")
    page.place.ensure_lists()  # as the clerk's first click on the combo does
    page.place.commune.setCurrentIndex(page.place.commune.findData("00694"))
    page.edits["place_name"].setText("Hà Giang")
    with qtbot.waitSignal(app_context.data_changed) as blocker:
        assert page.save()
    assert blocker.args == ["unit"]
    unit = unit_repo.get_unit(app_context.store)
    assert unit["head_name"] == "Thào Mí Sính"
    assert unit["commune_code"] == "00694"
    assert unit["commune_name"] == "Phường Hà Giang 1"
    assert unit["place_name"] == "Hà Giang"
    assert page.status.text() == "Đã lưu thông tin đơn vị."
    operations = {r["operation"] for r in app_context.store.query("SELECT operation FROM audit_log")}
    assert "unit.update" in operations


def test_validation_next_to_fields(page, app_context):
    page.edits["name"].clear()
    page.place.commune.setEditText("Xã Không Có")
    assert not page.save()
    assert page.errors["name"].isVisibleTo(page)
    assert page.errors["name"].text() == "Chưa nhập tên đơn vị."
    assert page.errors["commune_code"].isVisibleTo(page)
    assert "Chọn một xã, phường" in page.errors["commune_code"].text()
    assert not page.errors["head_name"].isVisibleTo(page)
    assert unit_repo.get_unit(app_context.store)["name"] == "Ủy ban nhân dân xã Lũng Cú"


def _table_names(page) -> list[str]:
    return [page.dept_table.item(row, 0).text() for row in range(page.dept_table.rowCount())]


def test_add_rename_deactivate_departments(page, app_context, type_text):
    store = app_context.store
    type_text(page.dept_name, "Văn phòng HĐND và UBND")
    new_id = page.add_department()
    assert new_id
    assert _table_names(page) == ["Văn phòng HĐND và UBND"]
    assert store.scalar("SELECT operation FROM audit_log WHERE table_name = 'departments'") == "department.add"

    type_text(page.dept_name, "Thôn Lũng Cú")
    page.dept_kind.setCurrentIndex(page.dept_kind.findData("collective"))
    page.add_department()
    assert store.scalar("SELECT kind FROM departments WHERE name = 'Thôn Lũng Cú'") == "collective"

    # Same name in another case is refused, next to the field.
    page.dept_table.clearSelection()
    page.dept_name.setText("văn phòng hđnd và ubnd")
    assert page.add_department() is None
    assert page.dept_error.isVisibleTo(page)
    assert "Đã có phòng ban" in page.dept_error.text()

    row = _table_names(page).index("Văn phòng HĐND và UBND")
    page.dept_table.selectRow(row)
    assert page.dept_name.text() == "Văn phòng HĐND và UBND"
    page.dept_name.setText("Văn phòng Đảng ủy - HĐND - UBND")
    assert page.rename_department()
    assert "Văn phòng Đảng ủy - HĐND - UBND" in _table_names(page)

    row = _table_names(page).index("Thôn Lũng Cú")
    page.dept_table.selectRow(row)
    assert page.active_button.text() == "Ngừng sử dụng"
    assert page.toggle_department_active()
    assert "Thôn Lũng Cú" not in _table_names(page)
    assert store.scalar("SELECT active FROM departments WHERE name = 'Thôn Lũng Cú'") == 0
    page.show_inactive.setChecked(True)
    row = _table_names(page).index("Thôn Lũng Cú")
    page.dept_table.selectRow(row)
    assert page.active_button.text() == "Dùng lại"
    today = date.today()
    assert page.dept_table.item(row, 3).text() == f"Đã ngừng từ {today.day:02d}/{today.month:02d}/{today.year}"
    ops = [r["operation"] for r in store.query("SELECT operation FROM audit_log WHERE table_name = 'departments'")]
    assert "department.rename" in ops and "department.deactivate" in ops


def test_empty_department_name_is_refused(page, app_context):
    page.dept_name.setText("   ")
    assert page.add_department() is None
    assert page.dept_error.text() == "Chưa nhập tên phòng ban hoặc tập thể."
    assert app_context.store.scalar("SELECT count(*) FROM departments") == 0


def test_place_lists_are_read_when_the_clerk_first_touches_them(page, qtbot):
    """The official list is not read to show the page (start-up); a click on either combo reads it and keeps
    the saved place selected, so saving an untouched page keeps the commune."""
    from PySide6.QtCore import Qt

    assert not page.place.lists_loaded
    assert page.place.province.count() == 1 and page.place.commune.count() == 1
    saved_code = page.place.commune_code()
    assert saved_code.isdigit() and len(saved_code) == 5
    qtbot.mouseClick(page.place.commune.lineEdit(), Qt.MouseButton.LeftButton)
    assert page.place.lists_loaded
    assert page.place.province.count() > 30
    assert page.place.commune.count() > 1
    assert page.place.province.currentText() == "Tuyên Quang"
    assert page.place.commune.currentText() == "Xã Lũng Cú"
    assert page.place.commune_code() == saved_code


@pytest.mark.parametrize("how", ["arrow", "tab"])
def test_place_lists_load_by_arrow_click_and_by_keyboard(page, qtbot, how):
    from PySide6.QtCore import Qt

    if how == "arrow":
        combo = page.place.province
        qtbot.mouseClick(combo, Qt.MouseButton.LeftButton, pos=combo.rect().center() + combo.rect().topRight() / 2)
        combo.hidePopup()
    else:
        page.place.province.setFocus(Qt.FocusReason.TabFocusReason)
    assert page.place.lists_loaded
    assert page.place.province.currentText() == "Tuyên Quang"
    assert page.place.commune.currentText() == "Xã Lũng Cú"


def test_a_unit_text_with_a_hidden_character_is_named_under_its_field(page, app_context):
    """Review W2: the Unit page saved what the province's key check refuses, the head's name with an ESC."""
    page.edits["head_name"].setText("Nguyễn Văn\x1b Hùng")
    assert not page.save()
    assert "U+001B" in page.errors["head_name"].text() and page.errors["head_name"].isVisibleTo(page)
    assert unit_repo.get_unit(app_context.store)["head_name"] == "Nguyễn Văn Hùng"
