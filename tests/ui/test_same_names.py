"""Two people of the same name are told apart in the staff, registration and model lists (birth year or code)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import movements as mv
from desktop.ops import staff as staff_ops
from desktop.ui.staff.names import tell_apart
from tests.ops.movement_flow import setup_unit


def test_tell_apart_rules():
    people = [
        {"name": "Nguyễn Văn An", "birth_date": "1985-03-01", "staff_code": "CB1"},
        {"name": "Nguyen Van An", "birth_date": "1990-01-01", "staff_code": "CB2"},
        {"name": "Lò Thị Mỷ", "birth_date": "1985-03-01", "staff_code": "CB3"},
    ]
    assert tell_apart(people) == ["Nguyễn Văn An (sinh 1985)", "Nguyen Van An (sinh 1990)", "Lò Thị Mỷ"]
    same_year = [dict(p, birth_date="1985-05-05") for p in people[:2]]
    assert tell_apart(same_year) == ["Nguyễn Văn An (mã CB1)", "Nguyen Van An (mã CB2)"]
    no_code = [dict(same_year[0], staff_code=""), same_year[1]]
    assert tell_apart(no_code) == ["Nguyễn Văn An (sinh 1985)", "Nguyen Van An (sinh 1985, mã CB2)"]
    one_person_twice = [people[0], dict(people[0])]
    assert tell_apart(one_person_twice, identity=lambda p: p["staff_code"]) == ["Nguyễn Văn An", "Nguyễn Văn An"]


@pytest.fixture
def twins(app_context):
    store = app_context.store
    setup_unit(store)
    first = staff_ops.add_staff(store, draft=StaffDraft(full_name="Nguyễn Văn An", birth_date=date(1985, 3, 1)))
    second = staff_ops.add_staff(store, draft=StaffDraft(full_name="Nguyễn Văn An", birth_date=date(1990, 7, 9)))
    return first, second


def test_staff_table_tells_them_apart(app_context, twins):
    from desktop.ui.staff.model import COL_NAME, StaffTableModel

    model = StaffTableModel(app_context.store)
    names = [model.index(r, COL_NAME).data() for r in range(model.rowCount())]
    assert "Nguyễn Văn An (sinh 1985)" in names and "Nguyễn Văn An (sinh 1990)" in names
    assert "Nguyễn Văn Sơn" in names and "Lò Thị Mỷ" in names  # a name of one person only: as it is
    model.set_filter_text("son")
    assert [model.index(r, COL_NAME).data() for r in range(model.rowCount())] == ["Nguyễn Văn Sơn"]


def test_staff_table_uses_code_without_birth_date(app_context):
    from desktop.ui.staff.model import COL_NAME, StaffTableModel

    store = app_context.store
    staff_ops.add_staff(store, draft=StaffDraft(full_name="Hoàng Thị Hoa", staff_code="CB-A"))
    staff_ops.add_staff(store, draft=StaffDraft(full_name="Hoàng Thị Hoa", staff_code="CB-B"))
    model = StaffTableModel(store)
    names = sorted(model.index(r, COL_NAME).data() for r in range(model.rowCount()))
    assert names == ["Hoàng Thị Hoa (mã CB-A)", "Hoàng Thị Hoa (mã CB-B)"]


def test_registrations_and_picker_tell_them_apart(app_context, qtbot, twins):
    from desktop.ui.movements.page import MovementsPage

    store = app_context.store
    movement = mv.create_movement(store, name="Thi đua cải cách hành chính", year=2025)
    mv.launch(store, movement_id=movement, launch_date=date(2025, 3, 1))
    for staff_id in twins:
        mv.register(store, movement_id=movement, code="LDTT", staff_id=staff_id, registered_on=date(2025, 3, 2))
    page = MovementsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    page.list.setCurrentRow(0)
    tab = page.registrations
    shown = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert sorted(shown) == ["Nguyễn Văn An (sinh 1985)", "Nguyễn Văn An (sinh 1990)"]
    picker = [tab.who.itemText(i) for i in range(tab.who.count())]
    assert "Nguyễn Văn An (sinh 1985)" in picker and "Nguyễn Văn An (sinh 1990)" in picker
    assert "Nguyễn Văn Sơn" in picker
    assert tab.who.itemData(picker.index("Nguyễn Văn An (sinh 1990)")) == f"s:{twins[1]}"
