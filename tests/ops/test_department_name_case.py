"""A department typed in capitals, another Unicode form or with extra spaces is the department already there.

Staff lists from Excel often write departments in capitals ("PHÒNG KINH TẾ"); SQLite's ``COLLATE NOCASE`` folds
ASCII letters only, so such a row used to make a second department beside "Phòng Kinh tế" (its people counted apart,
and the duplicate could not be renamed to the proper name: the name was taken). A department is found by the rule
``desktop.ops.unit.check_department_name`` refuses a second one by: NFC, spaces collapsed, case folded.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import staff, unit
from desktop.ops.collectives import department_by_name
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo
from tests import xlsx_factory

KINH_TE = "Phòng Kinh tế"
VAN_HOA = "Văn hóa - Xã hội"
VAN_HOA_CAPITALS_NFD = unicodedata.normalize("NFD", "VĂN HÓA - XÃ HỘI")  # another Unicode form, in capitals


def _departments(store) -> dict[str, int]:
    return {row["name"]: row["staff_count"] for row in unit.list_departments(store, include_inactive=True)}


def _department_of(store, full_name: str) -> int:
    (person,) = [row for row in staff_repo.list_staff(store, include_left=True) if row["full_name"] == full_name]
    return int(person["department_id"])


def test_staff_import_finds_the_department_whatever_its_capitals(unit_store, tmp_path: Path) -> None:
    kinh_te = unit.add_department(unit_store, name=KINH_TE, kind="department")
    van_hoa = unit.add_department(unit_store, name=VAN_HOA, kind="department")
    rows = [
        (1, "Nguyễn Văn Mới", "01/02/1990", "Nam", "Kinh", "Chuyên viên", "PHÒNG KINH TẾ", ""),
        (2, "Trần Thị Hai", "03/04/1991", "Nữ", "Kinh", "Chuyên viên", "văn hóa - xã hội", ""),
        (3, "Lò Văn Ba", "05/06/1992", "Nam", "Thái", "Chuyên viên", "  phòng   KINH tế ", ""),
        (4, "Vàng Thị Bốn", "07/08/1993", "Nữ", "HMông", "Chuyên viên", VAN_HOA_CAPITALS_NFD, ""),
        # a department new to the database, written two ways in one list: made once
        (5, "Giàng A Năm", "09/10/1994", "Nam", "HMông", "Dân quân", "ĐỘI DÂN QUÂN", ""),
        (6, "Sùng Thị Sáu", "11/12/1995", "Nữ", "HMông", "Dân quân", "Đội dân quân", ""),
    ]
    path = xlsx_factory.save_rows(tmp_path / "ds.xlsx", rows)

    report = import_staff_file(unit_store, path)

    assert report.inserted == 6
    assert _departments(unit_store) == {KINH_TE: 2, VAN_HOA: 2, "ĐỘI DÂN QUÂN": 2}
    assert _department_of(unit_store, "Nguyễn Văn Mới") == kinh_te
    assert _department_of(unit_store, "Lò Văn Ba") == kinh_te
    assert _department_of(unit_store, "Trần Thị Hai") == van_hoa
    assert _department_of(unit_store, "Vàng Thị Bốn") == van_hoa
    assert _department_of(unit_store, "Giàng A Năm") == _department_of(unit_store, "Sùng Thị Sáu")
    # the collective is the one department, found by its proper name
    assert department_by_name(unit_store, KINH_TE)["id"] == kinh_te


def test_staff_form_finds_the_department_whatever_its_capitals(unit_store) -> None:
    kinh_te = unit.add_department(unit_store, name=KINH_TE, kind="department")

    first = staff.add_staff(unit_store, draft=StaffDraft(full_name="Nguyễn Văn Mới", department="PHÒNG KINH TẾ"))
    second = staff.add_staff(unit_store, draft=StaffDraft(full_name="Trần Thị Hai", department="phòng kinh tế"))
    staff.edit_staff(
        unit_store, staff_id=second, draft=StaffDraft(full_name="Trần Thị Hai", department="PHÒNG  KINH  TẾ")
    )

    assert _departments(unit_store) == {KINH_TE: 2}
    assert staff_repo.get_staff(unit_store, first)["department_id"] == kinh_te
    assert staff_repo.get_staff(unit_store, second)["department_id"] == kinh_te


def test_other_accents_are_another_department(unit_store) -> None:
    """Only capitals, Unicode form and spaces are ignored: "Phòng Kinh tê" is not "Phòng Kinh tế"."""
    unit.add_department(unit_store, name=KINH_TE, kind="department")

    staff.add_staff(unit_store, draft=StaffDraft(full_name="Nguyễn Văn Mới", department="PHÒNG KINH TÊ"))

    assert _departments(unit_store) == {KINH_TE: 0, "PHÒNG KINH TÊ": 1}


def test_the_exact_spelling_wins_over_an_older_department_of_other_capitals(unit_store) -> None:
    """Two departments differing only in capitals (left by an earlier version): a row spelled as one of them
    goes to that one; spelled as neither, to the older."""
    older = unit_store.add("departments", {"name": "PHÒNG KINH TẾ", "kind": "department"})
    newer = unit_store.add("departments", {"name": KINH_TE, "kind": "department"})

    exact = staff.add_staff(unit_store, draft=StaffDraft(full_name="Nguyễn Văn Mới", department=KINH_TE))
    other = staff.add_staff(unit_store, draft=StaffDraft(full_name="Trần Thị Hai", department="phòng kinh tế"))

    assert staff_repo.get_staff(unit_store, exact)["department_id"] == newer
    assert staff_repo.get_staff(unit_store, other)["department_id"] == older


def test_a_list_typed_without_accents_or_with_a_full_stop_finds_the_department(unit_store, tmp_path: Path) -> None:
    """Review of the imports: "Van phong" and "Văn phòng." each made a second department beside "Văn phòng"
    (its people counted apart in the collective's review). Now they go to it, and the import says so; a name
    the database lacks is listed as a department the import makes."""
    van_phong = unit.add_department(unit_store, name="Văn phòng", kind="department")
    unit.add_department(unit_store, name="Thôn Nà Phầy", kind="collective")
    unit.add_department(unit_store, name="Thôn Na Phầy", kind="collective")
    rows = [
        (1, "Nguyễn Văn Mới", "01/02/1990", "Nam", "Kinh", "Chuyên viên", "Van phong", ""),
        (2, "Trần Thị Hai", "03/04/1991", "Nữ", "Kinh", "Chuyên viên", "Văn phòng.", ""),
        (
            3,
            "Lò Văn Ba",
            "05/06/1992",
            "Nam",
            "Thái",
            "Thôn đội trưởng",
            "Thon Na Phay",
            "",
        ),  # two match: never guessed
        (4, "Giàng A Năm", "09/10/1994", "Nam", "HMông", "Dân quân", "Đội dân quân", ""),
        (5, "Sùng Thị Sáu", "11/12/1995", "Nữ", "HMông", "Dân quân", "Doi dan quan", ""),
    ]
    path = xlsx_factory.save_rows(tmp_path / "ds.xlsx", rows)

    report = import_staff_file(unit_store, path)

    assert report.inserted == 5
    assert _department_of(unit_store, "Nguyễn Văn Mới") == van_phong
    assert _department_of(unit_store, "Trần Thị Hai") == van_phong
    assert _department_of(unit_store, "Giàng A Năm") == _department_of(unit_store, "Sùng Thị Sáu")
    assert _departments(unit_store) == {
        "Văn phòng": 2,
        "Thôn Nà Phầy": 0,
        "Thôn Na Phầy": 0,
        "Thon Na Phay": 1,
        "Đội dân quân": 2,
    }
    assert report.as_json()["notes"] == [
        "Sẽ tạo 2 phòng ban mới: “Thon Na Phay” (dòng 4), “Đội dân quân” (dòng 5).",
        "Phòng ban “Van phong” (dòng 2) được ghi vào phòng ban đã có “Văn phòng”.",
        "Phòng ban “Văn phòng.” (dòng 3) được ghi vào phòng ban đã có “Văn phòng”.",
        "Phòng ban “Doi dan quan” (dòng 6) được ghi chung vào phòng ban mới “Đội dân quân” (dòng 5).",
    ]


def test_a_department_added_by_hand_is_new_even_without_accents(unit_store) -> None:
    """The clerk adding "Thon Moi" beside "Thôn Mới" means a new one: only lists are read loosely."""
    first = unit.add_department(unit_store, name="Thôn Mới", kind="collective")
    second = unit.add_department(unit_store, name="Thon Moi", kind="collective")
    assert first != second
    assert set(_departments(unit_store)) == {"Thôn Mới", "Thon Moi"}


def test_a_department_spelt_without_accents_first_takes_the_accented_name(unit_store, tmp_path: Path) -> None:
    """Review (two clerks): "Doi dan quan" made first and "Đội dân quân" after made two departments, whichever order
    the lists came in. Now one list makes "Đội dân quân" for both spellings, and a department made earlier without
    accents is found by a name with them."""
    rows = [
        (1, "Giàng A Năm", "09/10/1994", "Nam", "HMông", "Dân quân", "Doi dan quan", ""),
        (2, "Sùng Thị Sáu", "11/12/1995", "Nữ", "HMông", "Dân quân", "Đội dân quân", ""),
    ]
    report = import_staff_file(unit_store, xlsx_factory.save_rows(tmp_path / "ds.xlsx", rows))
    assert _departments(unit_store) == {"Đội dân quân": 2}
    assert report.as_json()["notes"] == [
        "Sẽ tạo 1 phòng ban mới: “Đội dân quân” (dòng 3).",
        "Phòng ban “Doi dan quan” (dòng 2) được ghi chung vào phòng ban mới “Đội dân quân” (dòng 3).",
    ]
    made_plain = unit.add_department(unit_store, name="To bao ve", kind="department")
    later = [(3, "Lò Văn Ba", "05/06/1992", "Nam", "Thái", "Bảo vệ", "Tổ bảo vệ", "")]
    import_staff_file(unit_store, xlsx_factory.save_rows(tmp_path / "ds2.xlsx", later))
    assert _department_of(unit_store, "Lò Văn Ba") == made_plain


def test_a_department_changed_between_the_preview_and_the_import(unit_store, tmp_path: Path) -> None:
    """Review (two clerks): the preview said "Thon Na" goes to "Thôn Nà"; another clerk then added "Thôn Ná", so the
    name matched two departments and the import made a third without a word. Now the import is refused, nothing
    written. A department the preview said it would make, added meanwhile by the other clerk, is simply joined."""
    from desktop.ops.staff_import import ImportFileError, apply_import, preview_import

    unit.add_department(unit_store, name="Thôn Nà", kind="collective")
    rows = [(1, "Lò Văn Ba", "05/06/1992", "Nam", "Thái", "Thôn đội trưởng", "Thon Na", "")]
    preview = preview_import(unit_store, xlsx_factory.save_rows(tmp_path / "ds.xlsx", rows))
    assert preview.department_notes == ["Phòng ban “Thon Na” (dòng 2) được ghi vào phòng ban đã có “Thôn Nà”."]
    unit.add_department(unit_store, name="Thôn Ná", kind="collective")  # the other clerk
    with pytest.raises(ImportFileError, match="“Thon Na” không còn vào phòng ban như đã xem trước"):
        apply_import(unit_store, preview)
    assert staff_repo.list_staff(unit_store, include_left=True) == []
    assert set(_departments(unit_store)) == {"Thôn Nà", "Thôn Ná"}

    other = [(1, "Giàng A Năm", "09/10/1994", "Nam", "HMông", "Dân quân", "Đội dân quân", "")]
    preview = preview_import(unit_store, xlsx_factory.save_rows(tmp_path / "ds2.xlsx", other))
    assert preview.department_notes == ["Sẽ tạo 1 phòng ban mới: “Đội dân quân” (dòng 2)."]
    made = unit.add_department(unit_store, name="Đội dân quân", kind="department")  # the other clerk
    assert apply_import(unit_store, preview) == 1
    assert _department_of(unit_store, "Giàng A Năm") == made
    assert preview.department_notes == []  # the report says what was done: nothing was made


def test_accents_of_its_own_never_choose_between_spellings(unit_store, tmp_path: Path) -> None:
    """Review: "Tô 1" went into "To 1" beside "Tổ 1", and "Thôn Nà" and "Thôn Ná" were both put into "Thon Na". A
    name with accents of its own joins a department typed without accents only when no other spelling could be
    meant; the staff form never reads loosely: a new spelling typed there is a new department."""
    unit.add_department(unit_store, name="To 1", kind="collective")
    unit.add_department(unit_store, name="Tổ 1", kind="collective")
    unit.add_department(unit_store, name="Thon Na", kind="collective")
    rows = [
        (1, "Lò Văn Một", "01/02/1990", "Nam", "Thái", "Tổ viên", "Tô 1", ""),
        (2, "Lò Văn Hai", "01/02/1991", "Nam", "Thái", "Thôn đội", "Thôn Nà", ""),
        (3, "Lò Văn Ba", "01/02/1992", "Nam", "Thái", "Thôn đội", "Thôn Ná", ""),
    ]
    report = import_staff_file(unit_store, xlsx_factory.save_rows(tmp_path / "ds.xlsx", rows))
    assert report.as_json()["notes"] == [
        "Sẽ tạo 3 phòng ban mới: “Tô 1” (dòng 2), “Thôn Nà” (dòng 3), “Thôn Ná” (dòng 4)."
    ]
    assert {name: count for name, count in _departments(unit_store).items() if count} == {
        "Tô 1": 1,
        "Thôn Nà": 1,
        "Thôn Ná": 1,
    }
    typed = staff.add_staff(unit_store, draft=StaffDraft(full_name="Vàng Thị Tư", department="Thon Nà"))
    assert staff_repo.get_staff(unit_store, typed)["department"] == "Thon Nà"
