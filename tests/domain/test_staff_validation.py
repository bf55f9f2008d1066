"""Checks run before a person is saved; each problem is tied to its field."""

from __future__ import annotations

from datetime import date

from desktop.domain.staff import StaffDraft, category_for, ethnic_code_for, gender_for, validate_staff

TODAY = date(2026, 11, 23)


def test_a_complete_person_has_no_problems():
    draft = StaffDraft(full_name="Nguyễn Văn Sơn", gender="M", birth_date=date(1980, 3, 5), ethnic_code="01",
                       start_date=date(2005, 9, 1))
    assert validate_staff(draft, today=TODAY) == {}


def test_missing_name_and_bad_dates_are_reported_per_field():
    draft = StaffDraft(full_name="  ", birth_date=date(2030, 1, 1), ethnic_code="77",
                       start_date=date(2010, 1, 1), end_date=date(2009, 1, 1))
    problems = validate_staff(draft, today=TODAY)
    assert set(problems) == {"full_name", "birth_date", "ethnic_code", "start_date", "end_date"}
    assert problems["full_name"] == "Chưa nhập họ và tên."


def test_digits_in_name_are_refused():
    assert "full_name" in validate_staff(StaffDraft(full_name="Nguyễn Văn 2"), today=TODAY)


def test_code_lists_accept_names_and_codes():
    assert ethnic_code_for("Kinh") == "01"
    assert ethnic_code_for("8") == "08"
    assert ethnic_code_for("H'Mông") == "08"
    assert ethnic_code_for("Lô Lô") == "43"
    assert ethnic_code_for("xyz") is None
    assert gender_for("Nữ") == "F" and gender_for("nam") == "M" and gender_for("?") is None
    assert category_for("Công chức") == "cong_chuc" and category_for("hợp đồng") == "hop_dong"


def test_work_dates_before_1920_are_refused_even_typed_as_text():
    # "02/07/1905" is what Excel shows for the year 1905 typed into a date cell; typed as text it reaches here as a
    # real date, and no one on a staff list started or left work then.
    draft = StaffDraft(full_name="Nguyễn Văn Sơn", ethnic_code="01", start_date=date(1905, 7, 2),
                       end_date=date(1919, 12, 31))
    problems = validate_staff(draft, today=TODAY)
    assert problems["start_date"].startswith("Ngày 02/07/1905 có trước năm 1920")
    assert problems["end_date"].startswith("Ngày 31/12/1919 có trước năm 1920")
    assert validate_staff(StaffDraft(full_name="Nguyễn Văn Sơn", ethnic_code="01", start_date=date(1920, 1, 1)),
                          today=TODAY) == {}
