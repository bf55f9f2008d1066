"""Staff operations: validation by field, generated codes, leaving without deleting, yearly records."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import staff
from desktop.store import ValidationError, staff_repo


def test_add_generates_codes_and_normalises_names(unit_store):
    import unicodedata

    first = staff.add_staff(unit_store, draft=StaffDraft(full_name=unicodedata.normalize("NFD", " Lê  Thị Hường ")))
    second = staff.add_staff(unit_store, draft=StaffDraft(full_name="Phạm Đức Toàn", department="Phòng Kinh tế"))
    rows = {r["id"]: r for r in staff.list_staff(unit_store)}
    assert rows[first]["full_name"] == "Lê Thị Hường" and rows[first]["staff_code"] == "CB00001"
    assert rows[second]["staff_code"] == "CB00002" and rows[second]["department"] == "Phòng Kinh tế"


def test_validation_problems_come_back_per_field_and_nothing_is_saved(unit_store):
    with pytest.raises(staff.StaffValidationError) as excinfo:
        staff.add_staff(unit_store, draft=StaffDraft(full_name="", birth_date=date(2099, 1, 1)))
    assert set(excinfo.value.problems) == {"full_name", "birth_date"}
    assert staff_repo.count_staff(unit_store) == 0


def test_duplicate_staff_code_is_refused(unit_store):
    staff.add_staff(unit_store, draft=StaffDraft(full_name="A Bình", staff_code="x01"))
    with pytest.raises(ValidationError) as excinfo:
        staff.add_staff(unit_store, draft=StaffDraft(full_name="B Bình", staff_code="X01"))
    assert excinfo.value.field == "staff_code"


def test_leaving_marks_and_never_deletes(unit_store):
    person = staff.add_staff(unit_store, draft=StaffDraft(full_name="Vàng Thị Mỷ", start_date=date(2010, 1, 1)))
    staff.mark_staff_left(unit_store, staff_id=person, end_date=date(2025, 6, 30), reason="Nghỉ hưu")
    assert staff.list_staff(unit_store) == []
    kept = staff.list_staff(unit_store, include_left=True)
    assert kept[0]["end_date"] == "2025-06-30" and kept[0]["left_reason"] == "Nghỉ hưu"
    staff.reinstate_staff(unit_store, staff_id=person)
    assert len(staff.list_staff(unit_store)) == 1
    with pytest.raises(ValidationError):
        staff.mark_staff_left(unit_store, staff_id=person, end_date=date(2000, 1, 1))


def test_yearly_records(unit_store):
    person = staff.add_staff(unit_store, draft=StaffDraft(full_name="Giàng Seo Chứ"))
    staff.set_rating(unit_store, staff_id=person, year=2024, rating="HTTNV")
    staff.set_rating(unit_store, staff_id=person, year=2024, rating="HTXSNV")  # corrected, not duplicated
    assert [r["rating"] for r in staff_repo.ratings_for(unit_store, person)] == ["HTXSNV"]
    with pytest.raises(ValidationError):
        staff.set_rating(unit_store, staff_id=person, year=2024, rating="GOOD")
    staff.add_discipline(unit_store, staff_id=person, level="canh_cao", start_date=date(2024, 1, 1),
                         end_date=date(2024, 12, 31), decision_no="12/QĐ-UBND")
    staff.add_initiative(unit_store, staff_id=person, title="Sổ tay song ngữ", recognized_on=date(2024, 11, 1))
    leave_id = staff.add_leave(unit_store, staff_id=person, kind="maternity", start_date=date(2025, 1, 1),
                               end_date=date(2025, 6, 30))
    assert staff_repo.leave_for(unit_store, person)[0]["counts_as_worked"] == 1
    staff.delete_staff_record(unit_store, table="leave_periods", record_id=leave_id)
    assert staff_repo.leave_for(unit_store, person) == []
    deleted = unit_store.query("SELECT * FROM audit_log WHERE table_name = 'leave_periods' AND action = 'delete'")
    assert len(deleted) == 1 and "maternity" in deleted[0]["before"]


def test_search_ignores_accents_and_case(unit_store):
    for name in ("Nguyễn Văn Sơn", "Đặng Thị Ngọc Ánh", "Trần Văn Dũng"):
        staff.add_staff(unit_store, draft=StaffDraft(full_name=name))
    assert [r["full_name"] for r in staff.list_staff(unit_store, search="nguyen van son")] == ["Nguyễn Văn Sơn"]
    assert [r["full_name"] for r in staff.list_staff(unit_store, search="dang")] == ["Đặng Thị Ngọc Ánh"]
    assert {r["full_name"] for r in staff.list_staff(unit_store, search="d")} == {"Đặng Thị Ngọc Ánh", "Trần Văn Dũng"}


def test_a_rating_or_an_award_from_above_for_a_year_not_begun_is_refused(unit_store):
    """A year not begun has no rating or award yet (the history import refuses it the same way): typed for next
    year, it would wait unseen and count once that year is reviewed. This year is accepted (the December review)."""
    from desktop.ops import rules

    person = staff.add_staff(unit_store, draft=StaffDraft(full_name="Giàng Seo Chứ"))
    this_year = date.today().year
    with pytest.raises(ValidationError, match=f"Năm {this_year + 1} chưa đến") as refused:
        staff.set_rating(unit_store, staff_id=person, year=this_year + 1, rating="HTXSNV")
    assert refused.value.field == "year"
    with pytest.raises(ValidationError, match=f"Năm {this_year + 1} chưa đến"):
        rules.record_award_from_above(
            unit_store, staff_id=person, year=this_year + 1, code="BK_TINH", decision_no="5/QĐ-UBND",
            decision_date=None, issuer="UBND tỉnh Tuyên Quang",
        )
    assert unit_store.scalar("SELECT count(*) FROM ratings") == 0
    assert unit_store.scalar("SELECT count(*) FROM awards") == 0
    staff.set_rating(unit_store, staff_id=person, year=this_year, rating="HTXSNV")
    assert [r["year"] for r in staff_repo.ratings_for(unit_store, person)] == [this_year]
