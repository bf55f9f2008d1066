"""A start date more than a year ahead is refused (validate_staff: "quá xa trong tương lai"), a move too
(staff_repo._record_move); a leaving date has no limit: 31/03/2062 typed for 31/03/2026 is saved, and the person
disappears at once from the staff list and the headcounts (list_staff / count_staff: end_date IS NULL) while
still working for decades."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import staff
from desktop.store import ValidationError, staff_repo


def test_a_leaving_date_decades_ahead_is_refused(unit_store):
    staff_id = staff.add_staff(unit_store, draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3)))
    far = date(date.today().year + 36, 3, 31)
    with pytest.raises(ValidationError):
        staff.mark_staff_left(unit_store, staff_id=staff_id, end_date=far, reason="Nghỉ hưu")
    assert staff_repo.count_staff(unit_store) == 1


def test_the_form_and_a_new_record_refuse_it_too_and_a_near_date_is_kept(unit_store):
    today = date.today()
    far = date(today.year + 36, 3, 31)
    with pytest.raises(ValidationError) as refused:
        staff.add_staff(unit_store, draft=StaffDraft(full_name="Lò Văn Một", birth_date=date(1985, 2, 3), end_date=far))
    assert refused.value.field == "end_date" and "quá xa trong tương lai" in str(refused.value)
    staff_id = staff.add_staff(unit_store, draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3)))
    with pytest.raises(ValidationError):
        staff.edit_staff(
            unit_store,
            staff_id=staff_id,
            draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), end_date=far),
        )
    assert staff_repo.get_staff(unit_store, staff_id)["end_date"] is None
    near = today + timedelta(days=90)
    staff.mark_staff_left(unit_store, staff_id=staff_id, end_date=near, reason="Nghỉ hưu")
    assert staff_repo.get_staff(unit_store, staff_id)["end_date"] == near.isoformat()
