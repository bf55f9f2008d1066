"""The staff import refuses a row naming a department the unit stopped using (_stopped_targets, tested in
test_a_department_the_unit_stopped_using_takes_no_new_people); the staff form (add_staff / edit_staff) puts the
person in it all the same: typed in the editable combo box, the stopped department is found by name."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import staff, unit
from desktop.store import ValidationError, unit_repo


def _stopped(store) -> int:
    with store.transaction(operation="test.setup"):
        department_id = unit_repo.get_or_create_department(store, "Tổ Giao thông")
    unit.set_department_active(store, department_id=department_id, active=False, today=date(2024, 6, 30))
    return department_id


def test_adding_a_person_to_a_stopped_department_is_refused(unit_store):
    department_id = _stopped(unit_store)
    with pytest.raises(ValidationError):
        staff.add_staff(
            unit_store,
            draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), department="Tổ Giao thông"),
        )
    assert not unit_store.scalar("SELECT count(*) FROM staff WHERE department_id = ?", (department_id,))


def test_moving_a_person_into_a_stopped_department_is_refused(unit_store):
    staff_id = staff.add_staff(
        unit_store, draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), department="Tổ Văn hóa")
    )
    department_id = _stopped(unit_store)
    with pytest.raises(ValidationError):
        staff.edit_staff(
            unit_store,
            staff_id=staff_id,
            draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), department="tổ giao thông"),
        )
    assert not unit_store.scalar("SELECT count(*) FROM staff WHERE department_id = ?", (department_id,))


def test_the_refusal_names_the_department_and_someone_already_there_can_still_be_edited(unit_store):
    staff_id = staff.add_staff(
        unit_store, draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), department="Tổ Giao thông")
    )
    department_id = _stopped(unit_store)
    with pytest.raises(ValidationError) as refused:
        staff.add_staff(
            unit_store,
            draft=StaffDraft(full_name="Lò Văn Một", birth_date=date(1985, 2, 3), department="TỔ GIAO THÔNG"),
        )
    assert refused.value.field == "department"
    assert "“Tổ Giao thông” đã ngừng sử dụng từ ngày 30/06/2024" in str(refused.value)
    staff.edit_staff(
        unit_store,
        staff_id=staff_id,
        draft=StaffDraft(
            full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), department="Tổ Giao thông", notes="Đã kiểm tra"
        ),
    )
    assert unit_store.scalar("SELECT notes FROM staff WHERE department_id = ?", (department_id,)) == "Đã kiểm tra"
