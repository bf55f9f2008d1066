"""Two award forms of one code and year from two decisions are two awards; a title is still held once a year.

Two Giấy khen in one year (one from the commune, one from the district police) were read as one: the second was
"đã có trong dữ liệu" or "trùng dòng", and the person's award register lost it. An award form is one per decision
(number and issuer, the unit itself however written); without a number it cannot be told apart from another."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.store import awards_repo, staff_repo

HEADERS = ["Mã CB", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def _person(store) -> int:
    with store.transaction(operation="test.setup"):
        return staff_repo.insert_staff(
            store, StaffDraft(full_name="Nguyễn Văn Hùng", staff_code="CA01", birth_date=date(1985, 1, 1))
        )


def _award(store, person: int, year: int, code: str, number: str, issuer: str, *, category="award_form") -> None:
    with store.transaction(operation="test.setup"):
        awards_repo.add_award(
            store, target_kind="individual", staff_id=person, year=year, code=code, category=category,
            decision_no=number, issuer=issuer,
        )  # fmt: skip


def _save(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _states(report) -> list[tuple[int, str, str | None]]:
    return [(row.row_number, row.status, row.same_as) for row in report.preview.rows]


def _stored(store) -> list[tuple[int, str, str]]:
    rows = store.query("SELECT year, code, decision_no FROM awards ORDER BY year, decision_no")
    return [(r["year"], r["code"], r["decision_no"]) for r in rows]


def test_two_award_forms_of_a_year_from_two_decisions_are_both_kept(unit_store, tmp_path: Path) -> None:
    person = _person(unit_store)
    _award(unit_store, person, 2023, "GIAY_KHEN", "5/QĐ-UBND", "UBND xã Lũng Cú")
    _award(unit_store, person, 2023, "LDTT", "3/QĐ-UBND", "UBND xã Lũng Cú", category="title")
    path = _save(
        tmp_path / "kt.xlsx",
        [
            ["CA01", 2023, "Giấy khen", "77/QĐ-CAH", "15/09/2023", "Công an huyện Đồng Văn"],  # 2: another decision
            ["CA01", 2023, "Giấy khen", "5/QĐ-UBND", None, "Ủy ban nhân dân xã Lũng Cú"],  # 3: the stored one
            ["CA01", 2024, "Giấy khen", "10/QĐ-UBND", "10/01/2024", "UBND xã Lũng Cú"],  # 4
            ["CA01", 2024, "Giấy khen", "88/QĐ-UBND", "02/09/2024", "UBND xã Lũng Cú"],  # 5: a second that year
            ["CA01", 2024, "Giấy khen", "88 / QĐ-UBND", "02/09/2024", "UBND xã Lũng Cú"],  # 6: row 5 again
            # a title is held once a year, whatever decision a row names
            ["CA01", 2023, "Lao động tiên tiến", "9/QĐ-UBND", None, "UBND xã Lũng Cú"],  # 7: the stored title
            ["CA01", 2024, "LĐTT", "12/QĐ-UBND", None, "UBND xã Lũng Cú"],  # 8
            ["CA01", 2024, "LĐTT", "13/QĐ-UBND", None, "UBND xã Lũng Cú"],  # 9: row 8's title again
        ],
    )

    report = import_history_file(unit_store, path)

    assert _states(report) == [
        (2, "new", None),
        (3, "unchanged", "đã có trong dữ liệu"),
        (4, "new", None),
        (5, "new", None),
        (6, "unchanged", "trùng dòng 5 của trang này"),
        (7, "unchanged", "đã có trong dữ liệu"),
        (8, "new", None),
        (9, "unchanged", "trùng dòng 8 của trang này"),
    ]
    assert _stored(unit_store) == [
        (2023, "LDTT", "3/QĐ-UBND"),
        (2023, "GIAY_KHEN", "5/QĐ-UBND"),
        (2023, "GIAY_KHEN", "77/QĐ-CAH"),
        (2024, "GIAY_KHEN", "10/QĐ-UBND"),
        (2024, "LDTT", "12/QĐ-UBND"),
        (2024, "GIAY_KHEN", "88/QĐ-UBND"),
    ]
    again = import_history_file(unit_store, path)
    assert {row.status for row in again.preview.rows} == {"unchanged"}


def test_the_units_own_decision_is_one_however_its_issuer_is_written(unit_store, tmp_path: Path) -> None:
    person = _person(unit_store)
    # as a decision issued in the program records it: the head's title with the unit's name
    _award(unit_store, person, 2024, "GIAY_KHEN", "15/QĐ-UBND", "Chủ tịch Ủy ban nhân dân xã Lũng Cú")
    path = _save(
        tmp_path / "kt.xlsx",
        [
            ["CA01", 2024, "Giấy khen", "15/QĐ-UBND", None, "UBND xã"],
            ["CA01", 2024, "Giấy khen", "16/QĐ-UBND", None, "UBND xã Lũng Cú"],
        ],
    )

    report = import_history_file(unit_store, path)

    assert _states(report) == [(2, "unchanged", "đã có trong dữ liệu"), (3, "new", None)]


def test_award_forms_without_a_number_are_not_told_apart(unit_store, tmp_path: Path) -> None:
    person = _person(unit_store)
    _award(unit_store, person, 2023, "GIAY_KHEN", "5/QĐ-UBND", "UBND xã Lũng Cú")
    _award(unit_store, person, 2022, "GIAY_KHEN", "", "")  # imported before from a register without numbers
    path = _save(
        tmp_path / "kt.xlsx",
        [
            ["CA01", 2023, "Giấy khen", None, None, None],  # 2: the stored one: no number to tell it from another
            ["CA01", 2022, "Giấy khen", "3/QĐ-UBND", None, "UBND xã Lũng Cú"],  # 3: the one stored without its number
            ["CA01", 2022, "Giấy khen", "4/QĐ-UBND", None, "UBND xã Lũng Cú"],  # 4: a second that year
            ["CA01", 2022, "Giấy khen", None, None, None],  # 5: one of rows 3 and 4
        ],
    )

    report = import_history_file(unit_store, path)

    assert _states(report) == [
        (2, "unchanged", "đã có trong dữ liệu"),
        (3, "unchanged", "đã có trong dữ liệu (ghi không có số quyết định)"),
        (4, "new", None),
        (5, "unchanged", "trùng dòng 3 của trang này"),
    ]
    assert unit_store.scalar("SELECT count(*) FROM awards") == 3
    # a sheet without the "Số quyết định" column adds none of them again
    path = _save(tmp_path / "kt2.xlsx", [["CA01", 2022, "Giấy khen"], ["CA01", 2023, "Giấy khen"]], headers=HEADERS[:3])
    again = import_history_file(unit_store, path)
    assert _states(again) == [(2, "unchanged", "đã có trong dữ liệu"), (3, "unchanged", "đã có trong dữ liệu")]
