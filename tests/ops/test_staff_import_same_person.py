"""Who the staff import takes for a person already there: names that differ only by their marks are two people,
and a start or leaving date is never made up from a year alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.staff import StaffDraft
from desktop.ops.staff_import import import_staff_file, preview_import, read_table
from desktop.store import staff_repo
from tests import xlsx_factory


def _names(store) -> list[str]:
    return [row["full_name"] for row in store.query("SELECT full_name FROM staff ORDER BY id")]


def test_names_that_differ_by_their_marks_are_two_people(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="Lò Văn Sơn", birth_date=None))
    path = xlsx_factory.save_rows(
        tmp_path / "ds.xlsx",
        [[1, "Nguyễn Văn Hùng"], [2, "Nguyễn Văn Hưng"], [3, "Lò Thị Hoa"], [4, "Lò Thị Hòa"], [5, "Lò Văn Sờn"]],
        headers=["TT", "Họ và tên"],
    )
    report = import_staff_file(unit_store, path)
    assert report.inserted == 5 and report.preview.counts["duplicate"] == 0, report.problem_lines()
    assert _names(unit_store)[1:] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Lò Thị Hoa", "Lò Thị Hòa", "Lò Văn Sờn"]
    # the same file again: every one of them found, each as him- or herself
    again = preview_import(unit_store, read_table(path))
    assert [row.duplicate_of for row in again.rows] == [
        "CB00002 Nguyễn Văn Hùng",
        "CB00003 Nguyễn Văn Hưng",
        "CB00004 Lò Thị Hoa",
        "CB00005 Lò Thị Hòa",
        "CB00006 Lò Văn Sờn",
    ]


def test_a_name_without_marks_or_another_spelling_of_a_mark_is_the_same_person(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="Lò Thị Thủy", birth_date=date(1990, 3, 5)))
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="DO HUU CHU", birth_date=date(1980, 1, 2)))
    path = xlsx_factory.save_rows(
        tmp_path / "ds.xlsx",
        [
            [1, "LO THI THUY", "05/03/1990"],  # an old list typed without accents
            [2, "lò thị  thuỷ", "05/03/1990"],  # the old place of the tone mark
            [3, "Đỗ Hữu Chư", "02/01/1980"],  # the person an old list recorded without accents
            [4, "Nguyễn Văn Hùng", "01/01/1985"],
            [5, "NGUYEN VAN HUNG", "01/01/1985"],  # the row above, typed again without accents
            [6, "Nguyễn Văn Hưng", "01/01/1985"],  # "NGUYEN VAN HUNG" may be him too: the clerk is shown the row
        ],
        headers=["TT", "Họ và tên", "Ngày sinh"],
    )
    preview = preview_import(unit_store, read_table(path))
    assert [row.duplicate_of for row in preview.rows] == [
        "CB00001 Lò Thị Thủy",
        "CB00001 Lò Thị Thủy",
        "CB00002 DO HUU CHU",
        None,
        "dòng 5 của tệp: Nguyễn Văn Hùng",
        "dòng 6 của tệp: NGUYEN VAN HUNG",
    ]


def test_a_start_or_leaving_date_written_as_a_year_alone_is_refused(unit_store, tmp_path: Path) -> None:
    path = xlsx_factory.save_rows(
        tmp_path / "ds.xlsx",
        [
            [1, "Lò Thị Bình", 1990, "2025", None],
            [2, "Lò Văn Páo", "1988", 2024, None],
            [3, "Giàng Thị Mai", 1991, "01/03/2020", 2025],
            [4, "Sùng Mí Chứ", 1985, "01/03/2020", "2025"],
        ],
        headers=["TT", "Họ và tên", "Năm sinh", "Ngày vào làm", "Ngày nghỉ việc"],
    )
    preview = preview_import(unit_store, read_table(path))
    by_name = {row.values["full_name"]: row for row in preview.rows}
    for name in ("Lò Thị Bình", "Lò Văn Páo", "Giàng Thị Mai", "Sùng Mí Chứ"):
        assert by_name[name].draft is None, name
        assert any("là một năm, không phải ngày" in problem for problem in by_name[name].problems), name
    # the same year as a birth year is still read: "Năm sinh" columns hold a year alone
    fine = xlsx_factory.save_rows(
        tmp_path / "ok.xlsx",
        [[1, "Lò Thị Bình", 2000, "01/09/2025"]],
        headers=["TT", "Họ và tên", "Năm sinh", "Ngày vào làm"],
    )
    row = preview_import(unit_store, read_table(fine)).rows[0]
    assert row.draft is not None and (row.draft.birth_date, row.draft.start_date) == (
        date(2000, 1, 1),
        date(2025, 9, 1),
    )


def test_a_name_that_only_looks_like_another_is_refused_not_taken_for_a_new_person(unit_store, tmp_path: Path) -> None:
    """A blank Hangul letter after the name, or a Cyrillic "А" in "An", printed the same as "Nguyễn Văn An" and
    made two more people of one: each is refused with the row and what is wrong, and nothing is written."""
    rows = [
        [1, "Nguyễn Văn An", "05/03/1990"],
        [2, "Nguyễn Văn An\u3164", "05/03/1990"],
        [3, "Nguyễn Văn \u0410n", "05/03/1990"],
        [4, "Lò Thị \u0392ình", "01/01/1991"],  # a Greek capital Beta
    ]
    path = xlsx_factory.save_rows(tmp_path / "ds.xlsx", rows, headers=["TT", "Họ và tên", "Ngày sinh"])
    report = import_staff_file(unit_store, path)
    assert report.inserted == 1 and _names(unit_store) == ["Nguyễn Văn An"]
    lines = report.problem_lines()
    assert any("dòng 3" in line and "ký tự vô hình (U+3164)" in line for line in lines), lines
    assert any("dòng 4" in line and "Cyrillic Capital Letter A" in line and "gõ lại tên" in line for line in lines)
    assert any("dòng 5" in line and "Greek Capital Letter Beta" in line for line in lines), lines
