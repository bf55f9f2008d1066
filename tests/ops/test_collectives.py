"""A collective's own yearly rating entered by the clerk: set, change, remove, list; audited; bad input refused."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import collectives, staff
from desktop.store import NotFoundError, ValidationError, unit_repo


@pytest.fixture
def office(unit_store) -> int:
    with unit_store.transaction(operation="test.setup"):
        department_id = unit_repo.get_or_create_department(unit_store, "Văn phòng HĐND và UBND")
        unit_repo.get_or_create_department(unit_store, "Phòng Kinh tế")
    for name, start, end in (
        ("Lò Văn Chứ", date(2015, 1, 1), None),
        ("Vàng Thị Dở", date(2020, 3, 1), None),
        ("Sùng Mí Pháo", date(2010, 1, 1), date(2024, 6, 30)),  # left in 2024
    ):
        person = staff.add_staff(
            unit_store, draft=StaffDraft(full_name=name, department="Văn phòng HĐND và UBND", start_date=start)
        )
        if end:
            staff.mark_staff_left(unit_store, staff_id=person, end_date=end)
    assert department_id is not None
    return department_id


def _audit(store) -> list[tuple[str, str, str]]:
    return [
        (r["operation"], r["action"], r["actor"])
        for r in store.query("SELECT * FROM audit_log WHERE table_name = 'collective_ratings' ORDER BY id")
    ]


def test_set_change_and_remove_are_each_one_audited_operation(unit_store, office):
    unit_store.actor = "thu_ky"  # the store is opened for this clerk: the audit log names them
    first = collectives.set_collective_rating(
        unit_store, department_id=office, year=2025, rating="htxsnv", notes="Biên bản 15/12"
    )
    assert (first["rating"], first["previous"], first["changed"]) == ("HTXSNV", None, True)
    assert first["rating_label"] == "Hoàn thành xuất sắc nhiệm vụ" and first["notes"] == "Biên bản 15/12"
    assert first["department"]["name"] == "Văn phòng HĐND và UBND"

    changed = collectives.set_collective_rating(unit_store, department_id=office, year=2025, rating="HTTNV")
    assert (changed["rating"], changed["previous"]) == ("HTTNV", "HTXSNV")
    collectives.set_collective_rating(unit_store, department_id=office, year=2024, rating="HTNV")
    history = collectives.ratings_history(unit_store, department_id=office)
    assert [(r["year"], r["rating"]) for r in history] == [(2025, "HTTNV"), (2024, "HTNV")]

    collectives.remove_collective_rating(unit_store, department_id=office, year=2024)
    assert [r["year"] for r in collectives.ratings_history(unit_store, department_id=office)] == [2025]
    assert _audit(unit_store) == [
        ("collective.rating", "insert", "thu_ky"),
        ("collective.rating", "update", "thu_ky"),
        ("collective.rating", "insert", "thu_ky"),
        ("collective.rating_delete", "delete", "thu_ky"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"rating": "GOOD"}, "rating", "Xếp loại “GOOD” không hợp lệ"),
        ({"rating": ""}, "rating", "HTXSNV, HTTNV, HTNV, KHTNV"),
        ({"year": 1975}, "year", "Năm 1975 không hợp lệ"),
        ({"year": date.today().year + 1}, "year", f"Năm {date.today().year + 1} chưa đến"),
        ({"year": True}, "year", "Năm True không hợp lệ"),
    ],
    ids=["unknown rating", "empty rating", "year too old", "next year", "not a number"],
)
def test_bad_rating_or_year_is_refused_and_nothing_is_written(unit_store, office, kwargs, field, words):
    values = {"department_id": office, "year": 2025, "rating": "HTTNV"} | kwargs
    with pytest.raises(ValidationError) as excinfo:
        collectives.set_collective_rating(unit_store, **values)
    assert excinfo.value.field == field and words in str(excinfo.value)
    assert unit_store.scalar("SELECT count(*) FROM collective_ratings") == 0
    assert _audit(unit_store) == []


def test_unknown_department_and_missing_rating_are_refused(unit_store, office):
    with pytest.raises(NotFoundError):
        collectives.set_collective_rating(unit_store, department_id=999, year=2025, rating="HTTNV")
    with pytest.raises(NotFoundError) as excinfo:
        collectives.remove_collective_rating(unit_store, department_id=office, year=2025)
    assert "chưa có xếp loại năm 2025" in str(excinfo.value)
    with pytest.raises(NotFoundError) as excinfo:
        collectives.department_by_name(unit_store, "Thôn Không Tên")
    assert "“Phòng Kinh tế”, “Văn phòng HĐND và UBND”" in str(excinfo.value)
    assert unit_store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'collective_ratings'") == 0


def test_department_found_by_name_ignoring_case_then_accents(unit_store, office):
    assert collectives.department_by_name(unit_store, "VĂN PHÒNG HĐND VÀ UBND")["id"] == office
    assert collectives.department_by_name(unit_store, "van phong hdnd va ubnd")["id"] == office


def test_list_shows_members_of_the_year_and_ratings_by_year(unit_store, office):
    collectives.set_collective_rating(unit_store, department_id=office, year=2024, rating="HTXSNV")
    collectives.set_collective_rating(unit_store, department_id=office, year=2025, rating="HTTNV", notes="Tốt")
    now = {row["name"]: row for row in collectives.list_collectives(unit_store)}
    assert now["Văn phòng HĐND và UBND"]["members"] == 2  # working there now
    assert now["Văn phòng HĐND và UBND"]["rating"] is None
    assert [r["year"] for r in now["Văn phòng HĐND và UBND"]["ratings"]] == [2025, 2024]
    assert now["Phòng Kinh tế"]["members"] == 0 and now["Phòng Kinh tế"]["ratings"] == []
    in_2024 = {row["name"]: row for row in collectives.list_collectives(unit_store, year=2024)}
    assert in_2024["Văn phòng HĐND và UBND"]["members"] == 3  # the one who left in 2024 counted that year
    assert in_2024["Văn phòng HĐND và UBND"]["rating"] == "HTXSNV"
    in_2025 = collectives.year_ratings(unit_store, year=2025)
    assert [(r["name"], r["rating"], r["notes"], r["members"]) for r in in_2025] == [
        ("Phòng Kinh tế", None, "", 0),
        ("Văn phòng HĐND và UBND", "HTTNV", "Tốt", 2),
    ]


def test_engine_input_reads_the_clerks_rating(unit_store, office):
    from desktop.store.engine_input import load_unit_data

    collectives.set_collective_rating(unit_store, department_id=office, year=2025, rating="HTXSNV")
    data = load_unit_data(unit_store, year=2025)
    [team] = [c for c in data.collectives if c.id == office]
    assert team.ratings == {2025: "HTXSNV"} and len(team.member_ids) == 2
