"""A collective's decided title rests on who its members were that year and how long they worked
(staff_repo.year_members). Leaving before the decision and moving back-dated were refused; editing the start or
leaving date in the form, or reinstating a leaver, changed that membership all the same. Now refused alike."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import collectives, review, staff
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError, staff_repo
from tests.collective_flow import members_ldtt
from tests.demo_date import DEMO_TODAY

DECIDED = date(2025, 12, 26)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}
VH = "Phòng Văn hóa - Xã hội"


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _decide_ttldtt(store, department_id: int) -> int:
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ids = [
        n["id"]
        for n in review.get_round(store, round_id)["nominations"]
        if n["department_id"] == department_id and n["code"] == "TTLDTT" and n["target_kind"] == "collective"
    ]
    assert ids
    ids += members_ldtt(store, round_id, department_id)
    return review.issue_decision(store, round_id=round_id, decision_date=DECIDED, nomination_ids=ids, **HEADER)


def _draft(row) -> StaffDraft:
    return StaffDraft(
        full_name=row["full_name"],
        staff_code=row["staff_code"],
        gender=row["gender"],
        birth_date=date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        ethnic_code=row["ethnic_code"],
        position=row["position"],
        is_leader=bool(row["is_leader"]),
        department=row["department"] or "",
        category=row["category"],
        start_date=date.fromisoformat(row["start_date"]) if row["start_date"] else None,
        end_date=date.fromisoformat(row["end_date"]) if row["end_date"] else None,
        notes=row["notes"],
    )


def test_editing_the_start_date_past_a_decided_year_is_refused(demo):
    vh = collectives.department_by_name(demo, VH)["id"]
    _decide_ttldtt(demo, vh)
    before = staff_repo.year_members(demo, 2025)[vh]
    person = staff_repo.get_staff(demo, before[0])
    draft = dataclasses.replace(_draft(person), start_date=date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        staff.edit_staff(demo, staff_id=person["id"], draft=draft)
    assert refused.value.field == "start_date"
    message = str(refused.value)
    # the first decided year between the two dates, its decision or dossier named by number and date
    assert person["full_name"] in message and VH in message and "như cũ (01/04/2000)" in message
    assert "ngày" in message and "số" in message
    assert staff_repo.year_members(demo, 2025)[vh] == before
    assert staff_repo.get_staff(demo, person["id"])["start_date"] == person["start_date"]


def test_a_leaving_date_typed_in_the_form_before_the_decision_is_refused(demo):
    vh = collectives.department_by_name(demo, VH)["id"]
    _decide_ttldtt(demo, vh)
    person = staff_repo.get_staff(demo, staff_repo.year_members(demo, 2025)[vh][0])
    draft = dataclasses.replace(_draft(person), end_date=date(2025, 3, 31))
    with pytest.raises(ValidationError) as refused:
        staff.edit_staff(demo, staff_id=person["id"], draft=draft)
    assert refused.value.field == "end_date"
    assert staff_repo.get_staff(demo, person["id"])["end_date"] is None


def test_other_fields_and_undecided_years_still_save(demo):
    vh = collectives.department_by_name(demo, VH)["id"]
    _decide_ttldtt(demo, vh)
    person = staff_repo.get_staff(demo, staff_repo.year_members(demo, 2025)[vh][0])
    staff.edit_staff(demo, staff_id=person["id"], draft=dataclasses.replace(_draft(person), notes="Đã kiểm tra"))
    assert staff_repo.get_staff(demo, person["id"])["notes"] == "Đã kiểm tra"
    newcomer = staff.add_staff(
        demo,
        draft=StaffDraft(
            full_name="Lò Văn Mười", birth_date=date(1990, 1, 1), department=VH, start_date=date(2026, 1, 5)
        ),
    )
    row = staff_repo.get_staff(demo, newcomer)
    staff.edit_staff(demo, staff_id=newcomer, draft=dataclasses.replace(_draft(row), start_date=date(2026, 2, 1)))
    assert staff_repo.get_staff(demo, newcomer)["start_date"] == "2026-02-01"


def test_reinstating_a_leaver_into_a_decided_year_is_refused(demo):
    vh = collectives.department_by_name(demo, VH)["id"]
    person = staff_repo.get_staff(demo, staff_repo.year_members(demo, 2025)[vh][0])
    with demo.transaction(operation="test.setup"):  # a leaver recorded long ago (an imported list, say)
        demo.update("staff", person["id"], {"end_date": "2024-12-31", "left_reason": "Chuyển công tác"})
    _decide_ttldtt(demo, vh)
    before = staff_repo.year_members(demo, 2025)[vh]
    assert person["id"] not in before
    with pytest.raises(ValidationError) as refused:
        staff.reinstate_staff(demo, staff_id=person["id"])
    assert VH in str(refused.value) and "năm 2025" in str(refused.value)
    assert staff_repo.year_members(demo, 2025)[vh] == before
    assert staff_repo.get_staff(demo, person["id"])["end_date"] == "2024-12-31"


def test_reinstating_with_no_decision_resting_on_it_still_works(unit_store):
    staff_id = staff.add_staff(
        unit_store, draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3), department="Tổ Văn hóa")
    )
    staff.mark_staff_left(unit_store, staff_id=staff_id, end_date=date(2024, 12, 31))
    staff.reinstate_staff(unit_store, staff_id=staff_id)
    assert staff_repo.get_staff(unit_store, staff_id)["end_date"] is None


def test_the_refusal_names_the_decision_of_the_year_between_the_two_dates(demo):
    vh = collectives.department_by_name(demo, VH)["id"]
    person = staff_repo.get_staff(demo, staff_repo.year_members(demo, 2025)[vh][0])
    with demo.transaction(operation="test.setup"):  # recruited in 2025: only 2025 lies between the two dates
        demo.update("staff", person["id"], {"start_date": "2025-02-01"})
    _decide_ttldtt(demo, vh)
    number = demo.scalar("SELECT number_text FROM decisions WHERE decision_date = ?", (DECIDED.isoformat(),))
    draft = dataclasses.replace(_draft(staff_repo.get_staff(demo, person["id"])), start_date=date(2026, 1, 5))
    with pytest.raises(ValidationError) as refused:
        staff.edit_staff(demo, staff_id=person["id"], draft=draft)
    message = str(refused.value)
    assert f"Quyết định số {number} ngày 26/12/2025" in message
    assert f"tập thể “{VH}”" in message and "năm 2025" in message and "như cũ (01/02/2025)" in message
