"""A title conferred by the level above (a province decision imported, source 'above') or recorded by the history
import (source 'import') rests on the rating of its year as a decision of the unit does (Luật TĐKT 2022, Điều 27):
the collective's rating, its members' ratings and the history import are locked by it (rvcollect finding 1)."""

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.ops import collectives, staff
from desktop.ops.history_import import preview_history
from desktop.store import ValidationError, awards_repo, staff_repo
from tests.collective_flow import OFFICE, YEAR
from tests.exchange.conftest import pair  # noqa: F401
from tests.exchange.test_collective_ratings import (
    test_ttldxs_sent_up_is_decided_by_the_province_and_comes_back_as_an_award as province_confers_ttldxs,
)
from tests.history_factory import add_people
from tests.test_fxstaff_decided_years import _draft


def test_rating_under_a_ttldxs_from_the_province_cannot_be_lowered(pair, tmp_path):  # noqa: F811
    unit, _prov = pair
    province_confers_ttldxs(pair, tmp_path)  # TTLĐXS 2025 of the office, source 'above', nomination 'decided'
    office = collectives.department_by_name(unit, OFFICE)["id"]
    assert unit.scalar("SELECT count(*) FROM awards WHERE code = 'TTLDXS' AND department_id = ?", (office,)) == 1
    with pytest.raises(ValidationError) as caught:
        collectives.set_collective_rating(unit, department_id=office, year=YEAR, rating="KHTNV")
    message = str(caught.value)
    assert "215/QĐ-UBND" in message and "20/01/2026" in message and "cấp trên" in message
    assert unit.scalar("SELECT rating FROM collective_ratings WHERE department_id = ?", (office,)) == "HTXSNV"
    # the same rating again (notes only) is still allowed
    collectives.set_collective_rating(unit, department_id=office, year=YEAR, rating="HTXSNV", notes="Biên bản")


def test_rating_under_a_ttldxs_from_the_province_cannot_be_removed(pair, tmp_path):  # noqa: F811
    unit, _prov = pair
    province_confers_ttldxs(pair, tmp_path)
    office = collectives.department_by_name(unit, OFFICE)["id"]
    with pytest.raises(ValidationError):
        collectives.remove_collective_rating(unit, department_id=office, year=YEAR)
    assert unit.scalar("SELECT count(*) FROM collective_ratings WHERE department_id = ?", (office,)) == 1


def test_a_members_rating_is_locked_by_a_ttldxs_from_the_province(pair, tmp_path):  # noqa: F811
    """The share of LĐTT the province's TTLĐXS rests on: a member's rating is locked as under the unit's TTLĐTT."""
    unit, _prov = pair
    province_confers_ttldxs(pair, tmp_path)
    office = collectives.department_by_name(unit, OFFICE)["id"]
    member = unit.scalar(
        "SELECT s.id FROM staff s JOIN awards a ON a.staff_id = s.id AND a.code = 'LDTT' AND a.year = ? "
        "WHERE s.department_id = ? ORDER BY s.id LIMIT 1",
        (YEAR, office),
    )
    assert member is not None
    lock = collectives.collective_lock_of_member(unit, staff_id=member, year=YEAR)
    assert lock is not None and lock["code"] == "TTLDXS" and lock["collective"] == OFFICE
    message = collectives.member_lock_message(lock, who="X", action="change")
    assert "215/QĐ-UBND" in message and "cấp trên" in message


def _rating_sheets(path: Path, name: str, year: int, rating: str, member: str) -> Path:
    """The collective's rating and a member's (same year, same new rating), one sheet each."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại tập thể"
    sheet.append(["STT", "Tên tập thể", "Năm", "Xếp loại"])
    sheet.append([1, name, year, rating])
    people = book.create_sheet("Xếp loại")
    people.append(["STT", "Mã CB", "Họ và tên", "Năm", "Xếp loại"])
    people.append([1, member, None, year, rating])
    book.save(path)
    return path


def test_an_imported_title_locks_the_rating_for_the_window_and_the_history_import(unit_store, tmp_path):
    """A TTLĐTT of 2023 recorded from the unit's own past decisions (source 'import', no decision of the program):
    the rating it rests on is locked in the window and in the history import, by the one same check."""
    ids = add_people(unit_store)
    department = collectives.department_by_name(unit_store, "Công an xã")["id"]
    collectives.set_collective_rating(unit_store, department_id=department, year=2023, rating="HTTNV")
    with unit_store.transaction(operation="test.setup"):
        staff_repo.set_rating(unit_store, ids["CB00005"], 2023, "HTTNV")
        awards_repo.add_award(
            unit_store, target_kind="collective", department_id=department, year=2023, code="TTLDTT",
            category="title", source="import", decision_no="45/QĐ-UBND", issuer="UBND xã",
        )  # fmt: skip
    [lock] = collectives.rating_locks(unit_store, year=2023, department_id=department)
    assert lock["code"] == "TTLDTT" and lock["number_text"] == "45/QĐ-UBND"
    with pytest.raises(ValidationError) as caught:
        collectives.set_collective_rating(unit_store, department_id=department, year=2023, rating="HTNV")
    assert "45/QĐ-UBND" in str(caught.value)

    member_lock = collectives.collective_lock_of_member(unit_store, staff_id=ids["CB00005"], year=2023)
    assert member_lock is not None and member_lock["number_text"] == "45/QĐ-UBND"

    path = _rating_sheets(tmp_path / "h.xlsx", "Công an xã", 2023, "HTNV", member="CB00005")
    preview = preview_history(unit_store, path)
    [row] = preview.sheet("collective_ratings").rows
    assert row.status == "error" and row.fields == ["rating"]
    assert "45/QĐ-UBND" in row.problems[0] and "Công an xã" in row.problems[0]
    [member_row] = preview.sheet("ratings").rows
    assert member_row.status == "error" and member_row.fields == ["rating"]
    assert "45/QĐ-UBND" in member_row.problems[0] and "“Công an xã”" in member_row.problems[0]


def test_a_start_date_edit_under_a_ttldxs_from_the_province_names_the_provinces_decision(pair, tmp_path):  # noqa: F811
    """Refused as under the unit's own decision, and the message says whose decision it is: the clerk cannot
    replace a decision of the level above, only report it."""
    unit, _prov = pair
    province_confers_ttldxs(pair, tmp_path)
    office = collectives.department_by_name(unit, OFFICE)["id"]
    member = staff_repo.year_members(unit, YEAR)[office][0]
    person = staff_repo.get_staff(unit, member)
    draft = dataclasses.replace(_draft(person), start_date=date(YEAR + 1, 1, 5))
    with pytest.raises(ValidationError) as caught:
        staff.edit_staff(unit, staff_id=member, draft=draft)
    message = str(caught.value)
    assert "Quyết định số 215/QĐ-UBND ngày 20/01/2026 của" in message, message
