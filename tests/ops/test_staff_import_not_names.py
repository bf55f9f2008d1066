"""Cells that are not a person's name, and a date with an invisible character (review S).

A vacancy "-", "???", a formula's text "=A+B" or "<b>Nguyễn</b>" were imported as people (and would be printed); a
date "01/01/1980" with a zero-width space after it, pasted from the web, was refused with a message whose cause the
clerk cannot see, though docs/cli.md says such characters are dropped.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.legacy_encoding import from_unicode
from desktop.domain.staff import StaffDraft, validate_staff
from desktop.ops.staff_import import joined_name, preview_import
from tests.xlsx_factory import save_rows

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ"]


@pytest.mark.parametrize("name", ["-", "???", "x", "@SUM(A:A)", "<b>Lan</b>", "'Nguyễn Văn Cường"])
def test_a_cell_that_is_no_persons_name_is_an_error_row(unit_store, tmp_path, name):
    path = save_rows(tmp_path / "ds.xlsx", [[1, name, "01/01/1980", "Chuyên viên"]], headers=HEADERS)
    row = preview_import(unit_store, path).rows[0]
    assert row.status == "error"
    assert any(p.startswith("Họ và tên") and f"“{name}”" in p for p in row.problems), row.problems


@pytest.mark.parametrize("name", ["=A+B", '=HYPERLINK("http://x","Bấm")', "Lan (nghỉ)", "Lan; Hoa"])
def test_a_formulas_text_or_punctuation_is_no_name_wherever_it_is_typed(name):
    """The staff window and a CSV give the text as typed (an .xlsx formula cell is refused before: no value)."""
    problems = validate_staff(StaffDraft(full_name=name), today=date(2026, 12, 7))
    assert "full_name" in problems and f"“{name}”" in problems["full_name"]


@pytest.mark.parametrize("name", ["H'Hen Niê", "Nguyễn Văn A", "Lò Thị Ún", "Ksor H’Ly", "Y-Moan Êban"])
def test_real_names_with_apostrophes_hyphens_and_one_letter_names_are_kept(name):
    assert validate_staff(StaffDraft(full_name=name), today=date(2026, 12, 7)) == {}


def test_a_date_with_a_zero_width_space_is_read(unit_store, tmp_path):
    path = save_rows(tmp_path / "ds.xlsx", [[1, "Lò Văn Dũng", "01/01/1980\u200b", "Chuyên viên"]], headers=HEADERS)
    row = preview_import(unit_store, path).rows[0]
    assert row.status == "ok", row.problems
    assert row.draft is not None and row.draft.birth_date == date(1980, 1, 1)


def test_a_tcvn3_given_name_in_its_own_column_keeps_its_capital(unit_store, tmp_path):
    """Review S4: TCVN3 has no capital with a tone mark, so a one-word "Tên" cell came out "ánh", and the joined
    name "Đặng Thị ánh" would be printed on the certificate; the same name in one cell was already right."""
    people = [["Đặng Thị", "Ánh"], ["Lê Văn", "Út"], ["Hà Thị", "Ý"], ["Trần Thị", "Ổn"], ["Lò Văn", "Dũng"]]
    headers = [from_unicode(h, "tcvn3") for h in ["STT", "Họ và tên đệm", "Tên", "Ngày sinh"]]
    rows = [[i, from_unicode(a, "tcvn3"), from_unicode(b, "tcvn3"), "01/01/1980"] for i, (a, b) in enumerate(people, 1)]
    preview = preview_import(unit_store, save_rows(tmp_path / "ds.xlsx", rows, headers=headers))
    assert [row.draft.full_name for row in preview.rows if row.draft] == [f"{a} {b}" for a, b in people]


def test_a_name_typed_all_in_lower_case_is_left_as_typed():
    assert joined_name(["nguyễn văn", "an"]) == "nguyễn văn an"
    assert joined_name(["Nguyễn Văn", "an"]) == "Nguyễn Văn An"
    assert joined_name(["", "Lan"]) == "Lan"
