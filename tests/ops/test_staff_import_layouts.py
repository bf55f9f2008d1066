"""Staff lists laid out as clerks and the official forms lay them out: the name in two or three columns, a header of
two rows ("Họ và tên" over "Họ đệm" | "Tên", "Ngày, tháng, năm sinh" over "Nam" | "Nữ"), a name header merged over
two columns, hidden columns, a header repeated in the body.

Before, each of these imported wrong printed names or lost a birth date without a word (review of the imports). The
files are real .xlsx workbooks made here with openpyxl and imported into the real database file.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.ops.history_import import import_history_file
from desktop.ops.staff_import import ImportFileError, import_staff_file, preview_import, read_table
from desktop.store import staff_repo
from tests.history_factory import add_people


def _xlsx(
    path: Path,
    rows: list[list[object]],
    *,
    merges: tuple[str, ...] = (),
    hidden: tuple[str, ...] = (),
    title: str = "Danh sách",
) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    book.save(path)
    return path


def _people(store) -> dict[str, dict]:
    return {row["full_name"]: row for row in staff_repo.list_staff(store, include_left=True)}


PEOPLE = [["Nguyễn Văn", "An", "01/02/1980"], ["Trần Thị", "Bình", "03/04/1985"]]


@pytest.mark.parametrize("family", ["Họ, tên đệm", "Họ và tên lót", "Họ tên đệm", "Họ và chữ đệm", "Họ và tên đệm"])
def test_family_and_middle_name_column_with_a_given_name_column(unit_store, tmp_path: Path, family: str) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", [[family, "Tên", "Ngày sinh"], *PEOPLE])
    report = import_staff_file(unit_store, path)
    assert report.inserted == 2
    people = _people(unit_store)
    assert set(people) == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert people["Trần Thị Bình"]["birth_date"] == "1985-04-03"


def test_family_middle_and_given_name_in_three_columns(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [["Họ", "Tên đệm", "Tên", "Ngày sinh"], ["Nguyễn", "Văn", "An", "01/02/1980"], ["Lò", "", "Pó", "1975"]],
    )
    import_staff_file(unit_store, path)
    assert set(_people(unit_store)) == {"Nguyễn Văn An", "Lò Pó"}


def test_a_header_naming_the_whole_name_in_words_is_the_full_name(unit_store, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", [["Họ, tên đệm và tên", "Ngày sinh"], ["Nguyễn Văn An", "01/02/1980"]])
    import_staff_file(unit_store, path)
    assert set(_people(unit_store)) == {"Nguyễn Văn An"}


def test_a_middle_name_column_alone_is_no_name(unit_store, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", [["Tên đệm", "Ngày sinh"], ["Văn", "01/02/1980"]])
    with pytest.raises(ImportFileError, match="Họ và tên"):
        import_staff_file(unit_store, path)
    assert _people(unit_store) == {}


def test_a_name_header_merged_over_two_columns_reads_both(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [["STT", "Họ và tên", None, "Ngày sinh"], [1, "Nguyễn Văn", "An", "01/02/1980"], [2, "Trần Thị", "Bình", ""]],
        merges=("B1:C1",),
    )
    report = import_staff_file(unit_store, path)
    assert set(_people(unit_store)) == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert report.as_json()["notes"] == [
        "Tiêu đề “Họ và tên” gộp trên các cột B–C: đọc là “Họ và tên đệm” + “Tên”, ghép lại thành họ và tên."
    ]
    assert report.problem_lines()[0].startswith("ds.xlsx: Tiêu đề “Họ và tên” gộp")


def test_a_name_header_merged_over_four_columns_is_refused(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx", [["Họ và tên", None, None, None], ["Nguyễn", "Văn", "Thành", "An"]], merges=("A1:D1",)
    )
    with pytest.raises(ImportFileError, match=r"gộp trên 4 cột \(A–D\)"):
        import_staff_file(unit_store, path)


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "not-merged"])
def test_the_official_two_row_header_with_birth_dates_under_male_and_female(
    unit_store, tmp_path: Path, merged: bool
) -> None:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", None, "Ngày, tháng, năm sinh", None, "Chức vụ"],
        [None, "Họ đệm", "Tên", "Nam", "Nữ", None],
        [1, "Nguyễn Văn", "An", "01/02/1980", None, "Chủ tịch"],
        [2, "Trần Thị", "Bình", None, "03/04/1985", "Phó Chủ tịch"],
    ]
    merges = ("A1:A2", "B1:C1", "D1:E1", "F1:F2") if merged else ()
    path = _xlsx(tmp_path / "mau.xlsx", rows, merges=merges)
    table = read_table(path)
    assert table.header_row == 1
    assert [number for number, _cells in table.rows] == [3, 4]  # the second header row is no person
    import_staff_file(unit_store, path)
    people = _people(unit_store)
    assert set(people) == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert (people["Nguyễn Văn An"]["gender"], people["Nguyễn Văn An"]["birth_date"]) == ("M", "1980-02-01")
    assert (people["Trần Thị Bình"]["gender"], people["Trần Thị Bình"]["birth_date"]) == ("F", "1985-04-03")
    assert people["Trần Thị Bình"]["position"] == "Phó Chủ tịch"


def test_the_best_scoring_lower_header_row_still_reads_the_upper_one(unit_store, tmp_path: Path) -> None:
    """The second row names more fields than the first; the first is still the header's upper row."""
    path = _xlsx(
        tmp_path / "mau.xlsx",
        [
            ["Họ và tên", None, "Ngày sinh", None],
            ["Họ đệm", "Tên", "Nam", "Nữ"],
            ["Nguyễn Văn", "An", None, "01/02/1980"],
        ],
        merges=("A1:B1", "C1:D1"),
    )
    import_staff_file(unit_store, path)
    person = _people(unit_store)["Nguyễn Văn An"]
    assert (person["gender"], person["birth_date"]) == ("F", "1980-02-01")


def test_a_date_in_both_gender_columns_or_against_the_gender_column_is_a_row_error(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "mau.xlsx",
        [
            ["Họ và tên", "Ngày, tháng, năm sinh", None, "Giới tính"],
            [None, "Nam", "Nữ", None],
            ["Nguyễn Văn An", "01/02/1980", None, "Nữ"],
            ["Trần Thị Bình", "03/04/1985", "04/04/1985", None],
            ["Lò Văn Pó", "05/06/1970", None, "Nam"],
        ],
        merges=("B1:C1",),
    )
    report = import_staff_file(unit_store, path)
    problems = {row.row_number: row.problems for row in report.preview.rows if row.problems}
    assert problems == {
        3: ["Giới tính: ghi “Nữ” nhưng ngày sinh lại ghi ở cột Nam; hãy sửa một trong hai."],
        4: ["Ngày sinh: ngày sinh ghi ở cả cột Nam (03/04/1985) và cột Nữ (04/04/1985); chỉ ghi ở một cột."],
    }
    assert set(_people(unit_store)) == {"Lò Văn Pó"}


def test_data_under_no_header_beside_the_name_is_refused(unit_store, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", [["Họ và tên", None, "Ngày sinh"], *PEOPLE])
    with pytest.raises(ImportFileError) as caught:
        import_staff_file(unit_store, path)
    assert "cột B không có tiêu đề nhưng có dữ liệu (dòng 2: “An”), ngay sau cột A “Họ và tên”" in str(caught.value)
    assert _people(unit_store) == {}


def test_data_under_a_header_merged_across_it_is_refused(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên", "Chức vụ", None], ["Nguyễn Văn An", "Chủ tịch", "Bí thư"]],
        merges=("B1:C1",),
    )
    with pytest.raises(ImportFileError, match="cột C có dữ liệu \\(dòng 2: “Bí thư”\\) nằm dưới ô tiêu đề “Chức vụ”"):
        import_staff_file(unit_store, path)


def test_an_unnamed_column_elsewhere_is_passed_over_with_a_note(unit_store, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Ngày sinh", None], ["Nguyễn Văn An", "01/02/1980", "?"]])
    report = import_staff_file(unit_store, path)
    assert report.inserted == 1
    assert report.as_json()["notes"] == ["Cột C không có tiêu đề nên không được nhập (có dữ liệu, ví dụ dòng 2: “?”)."]


def test_a_header_repeated_in_the_body_is_a_row_error_not_a_person(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [
            ["Họ và tên", "Chức vụ"],
            ["Nguyễn Văn An", "Chủ tịch"],
            ["Họ và tên", "Chức vụ"],  # the header printed again on page 2
            ["Trần Thị Bình", "Phó Chủ tịch"],
        ],
    )
    report = import_staff_file(unit_store, path)
    errors = {row.row_number: row.problems[0] for row in report.preview.rows if row.status == "error"}
    assert errors == {3: "dòng này lặp lại tiêu đề (“Họ và tên”), không phải một người; hãy xóa dòng."}
    assert set(_people(unit_store)) == {"Nguyễn Văn An", "Trần Thị Bình"}


def test_a_hidden_column_read_as_a_field_refuses_the_file(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên", "Ngày sinh", "Lãnh đạo"], ["Nguyễn Văn An", "01/02/1980", "x"]],
        hidden=("C",),
    )
    with pytest.raises(ImportFileError) as caught:
        import_staff_file(unit_store, path)
    assert "cột C (Lãnh đạo) đang bị ẩn trong bảng tính; hãy hiện cột" in str(caught.value)
    assert _people(unit_store) == {}
    # also when the clerk maps the column by hand in the window
    with pytest.raises(ImportFileError, match="cột C \\(Lãnh đạo\\) đang bị ẩn"):
        preview_import(unit_store, read_table(path), {"full_name": 0, "is_leader": 2})
    # a hidden column no field reads is harmless
    quiet = _xlsx(
        tmp_path / "ds2.xlsx", [["Họ và tên", "Ngày sinh", "Cũ"], ["Nguyễn Văn An", "01/02/1980", "x"]], hidden=("C",)
    )
    assert import_staff_file(unit_store, quiet).inserted == 1


def test_a_hidden_column_in_a_history_sheet_keeps_the_sheet_out(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    path = _xlsx(
        tmp_path / "ls.xlsx",
        [["Mã CB", "Họ và tên", "Năm", "Xếp loại"], ["CB00002", "Đặng Thị Ánh", 2024, "KHTNV"]],
        hidden=("D",),
        title="Xếp loại",
    )
    before = unit_store.query("SELECT * FROM ratings ORDER BY id")
    report = import_history_file(unit_store, path)
    problems = [problem for sheet in report.preview.sheets for problem in sheet.problems]
    assert problems == [
        "Trang “Xếp loại”: cột D (Xếp loại) đang bị ẩn trong bảng tính; trang này không được nhập. Hãy hiện cột "
        "(hoặc xóa cột) trong Excel rồi nhập lại."
    ]
    assert unit_store.query("SELECT * FROM ratings ORDER BY id") == before


def test_a_column_made_zero_wide_is_hidden_too(unit_store, tmp_path: Path) -> None:
    made = _xlsx(tmp_path / "made.xlsx", [["Họ và tên", "Lãnh đạo"], ["Nguyễn Văn An", "x"]])
    path = tmp_path / "ds.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # openpyxl does not write a width of 0; Excel does
                data = data.replace(
                    b"<sheetData>", b'<cols><col min="2" max="2" width="0" customWidth="1"/></cols><sheetData>'
                )
            target.writestr(item, data)
    with pytest.raises(ImportFileError, match="cột B \\(Lãnh đạo\\) đang bị ẩn"):
        import_staff_file(unit_store, path)


def test_an_ordinary_file_reads_as_before(unit_store, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [
            ["DANH SÁCH CÁN BỘ", None, None],
            ["Họ và tên", "Ngày sinh", "Chức vụ"],
            ["Nguyễn Văn An", "01/02/1980", "Chủ tịch"],
        ],
        merges=("A1:C1",),
    )
    report = import_staff_file(unit_store, path)
    assert report.as_json()["notes"] == []
    assert _people(unit_store)["Nguyễn Văn An"]["birth_date"] == date(1980, 2, 1).isoformat()


def test_a_department_title_merged_above_the_header_is_no_upper_header_row(unit_store, tmp_path: Path) -> None:
    """Review: "Phòng ban: Kế toán" merged over the table, right above "STT | Họ và tên | …", was read as the
    header's upper row, and the STT numbers became departments "1", "2"."""
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [
            ["Phòng ban: Kế toán", None, None, None],
            ["STT", "Họ và tên", "Ngày sinh", "Chức vụ"],
            [1, "Nguyễn Văn An", "01/02/1980", "Kế toán trưởng"],
            [2, "Lê Thị Hoa", "03/04/1985", "Kế toán viên"],
        ],
        merges=("A1:D1",),
    )
    report = import_staff_file(unit_store, path)
    assert report.inserted == 2 and report.as_json()["notes"] == []
    assert {row["department"] for row in _people(unit_store).values()} == {None}
    assert unit_store.scalar("SELECT count(*) FROM departments WHERE name IN ('1', '2')") == 0


@pytest.mark.parametrize(
    "rows",
    [
        [["Họ", "Tên đệm", "Tên", "Ngày sinh"], ["Hồ", "Văn", "An", "01/02/1980"]],
        [["Họ", "Tên", "Ngày sinh"], ["Hồ", "An", "01/02/1980"]],
    ],
    ids=["three-columns", "two-columns"],
)
def test_the_family_name_ho_is_a_person_not_a_repeated_header(unit_store, tmp_path: Path, rows) -> None:
    """Review: "Hồ" folds to "ho", the alias of the "Họ" column: every Hồ was refused as a repeated header."""
    report = import_staff_file(unit_store, _xlsx(tmp_path / "ds.xlsx", rows))
    assert report.inserted == 1, report.problem_lines()
    assert set(_people(unit_store)) == {" ".join(rows[1][:-1])}


def test_a_group_title_merged_across_the_table_is_a_row_error_not_a_person(unit_store, tmp_path: Path) -> None:
    """A group title ("I | Lãnh đạo") merged from the name across the row, over its people, was imported as a person
    named "Lãnh đạo". A person whose notes are merged over three columns is still a person."""
    path = _xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Ghi chú", None, None],
            ["I", "Lãnh đạo", None, None, None, None, None],
            [1, "Nguyễn Văn An", "01/02/1980", "Chủ tịch", "Kiêm nhiệm", None, None],
        ],
        merges=("B2:G2", "E3:G3"),
    )
    report = import_staff_file(unit_store, path)
    errors = {row.row_number: row.problems[0] for row in report.preview.rows if row.status == "error"}
    assert list(errors) == [2] and errors[2].startswith("dòng này là một ô gộp ngang qua bảng (“I Lãnh đạo”)")
    assert set(_people(unit_store)) == {"Nguyễn Văn An"}


def test_group_rows_between_the_people_are_no_people(unit_store, tmp_path: Path) -> None:
    """A list grouped by department: "II | Phòng Kinh tế" (not merged), "III | Tổ dân phố số 3" rows with only a name.
    Before, "Phòng Kinh tế" went in as a person. A real person with nothing but a name, even one whose family name
    is "Đoàn", or "Bàn" typed without accents, or who is called "Tô Thị Ban", still goes in."""
    path = _xlsx(
        tmp_path / "nhom.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Phòng ban"],
            ["I", "Văn phòng HĐND và UBND"],  # a department of the database, named in no row of the file
            [1, "Nguyễn Văn An", "01/02/1980", "Chuyên viên", "Văn phòng HĐND và UBND"],
            ["II", "Phòng Kinh tế"],  # named in the department column of a row below
            [2, "Trần Thị Bình", "03/04/1985", "Chuyên viên", "Phòng Kinh tế"],
            ["III", "TỔ DÂN PHỐ SỐ BA"],  # begins like a group's name
            [3, "Đoàn Văn Hậu"],
            [4, "Tô Thị Ban"],
            [5, "Ban Van Minh"],  # the Dao family name Bàn, typed without accents
        ],
    )
    from desktop.ops import unit

    unit.add_department(unit_store, name="Văn phòng HĐND và UBND", kind="department")
    preview = preview_import(unit_store, path)
    refused = {row.row_number: row.problems[0] for row in preview.rows if row.status == "error"}
    assert set(refused) == {2, 4, 6}
    assert "chỉ có “Phòng Kinh tế” ở cột họ tên, như tên một nhóm hay phòng ban" in refused[4]
    import_staff_file(unit_store, path)
    assert set(_people(unit_store)) == {"Nguyễn Văn An", "Trần Thị Bình", "Đoàn Văn Hậu", "Tô Thị Ban", "Ban Van Minh"}
