"""Hostile staff lists (review of the imports): headers that only start like a date column, numbers in a CSV date
column, impossible dates of work, Excel error cells, booleans, formulas never calculated, hidden rows, damaged cells.

Each file is built here for real and imported into a real database file; what must not be written is checked there.
"""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path

from desktop.ops.staff_import import guess_mapping, import_staff_file
from desktop.store import staff_repo
from tests import xlsx_hostile


def _people(store) -> dict[str, dict]:
    return {row["full_name"]: row for row in staff_repo.list_staff(store, include_left=True)}


def _problems(report) -> dict[int, list[str]]:
    return {row.row_number: row.problems for row in report.preview.rows if row.problems}


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _sheet(
    path: Path, rows: list[str], *, strings: tuple[str, ...] = (), title: str = "Danh sách", calc: str = ""
) -> Path:
    """A minimal one-sheet workbook written part by part: sheet XML ``rows``, shared strings ``strings`` in order,
    cell format 1 a date; ``calc`` the workbook's calcPr element, if any."""
    main = xlsx_hostile.MAIN
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name="{title}" sheetId="1" r:id="rId1"/></sheets>{calc}</workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">' + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>'
        + "".join(rows)
        + "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return path


def _text(ref: str, value: str) -> str:
    return xlsx_hostile.cell(ref, value)


HEADER = xlsx_hostile.row(1, [_text("A1", "Họ và tên"), _text("B1", "Ngày sinh"), _text("C1", "Phòng ban")])


# -- 1. date columns by their exact names; numbers in a CSV; impossible dates of work --------------------------------


def test_a_leave_day_or_a_party_date_is_not_a_date_of_work(unit_store, tmp_path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Ngày sinh,Ngày nghỉ phép,Ngày vào Đảng\nLò Văn Mười,01/01/1980,01/06/2025,15/03/2010\n",
        encoding="utf-8",
    )
    report = import_staff_file(unit_store, path)
    assert report.preview.mapping == {"full_name": 0, "birth_date": 1}
    person = _people(unit_store)["Lò Văn Mười"]
    assert person["end_date"] is None and person["start_date"] is None  # still working, start unknown


def test_documented_date_headers_are_still_recognised() -> None:
    headers = ["Họ và tên", "Năm sinh", "Ngày vào", "Ngày nghỉ"]
    assert guess_mapping(headers) == {"full_name": 0, "birth_date": 1, "start_date": 2, "end_date": 3}
    headers = ["HO VA TEN", "Ngày sinh", "Ngày bắt đầu công tác", "Ngày thôi công tác"]
    assert guess_mapping(headers) == {"full_name": 0, "birth_date": 1, "start_date": 2, "end_date": 3}
    assert guess_mapping(["Họ và tên", "Ngày sinh con", "Ngày thôi công tác (dự kiến)"]) == {"full_name": 0}


def test_a_bare_number_in_a_csv_date_column_is_a_row_error(unit_store, tmp_path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên,Ngày sinh,Ngày nghỉ\nLò Văn Mười,01/01/1980,12\nLò Văn Hai,1985,\n", encoding="utf-8")
    report = import_staff_file(unit_store, path)
    assert _problems(report) == {
        2: ["Ngày thôi công tác: cột C: “12” là một con số, không phải ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ "
            "05/03/1980."]
    }  # fmt: skip
    people = _people(unit_store)
    assert "Lò Văn Mười" not in people
    assert people["Lò Văn Hai"]["birth_date"] == "1985-01-01"  # a year alone is still a year


def test_dates_of_work_before_birth_or_years_ahead_are_row_errors(unit_store, tmp_path) -> None:
    late = (date.today() + timedelta(days=400)).strftime("%d/%m/%Y")
    soon = (date.today() + timedelta(days=200)).strftime("%d/%m/%Y")
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Ngày sinh,Ngày bắt đầu công tác,Ngày thôi công tác\n"
        "Lò Văn Một,01/01/1980,,01/01/1970\n"
        "Lò Văn Hai,01/01/1980,01/01/1975,\n"
        f"Lò Văn Ba,01/01/1980,{late},\n"
        f"Lò Văn Bốn,01/01/1980,{soon},\n",
        encoding="utf-8",
    )
    problems = _problems(import_staff_file(unit_store, path))
    assert problems[2] == ["Ngày thôi công tác: Ngày thôi công tác phải sau ngày sinh."]
    assert problems[3] == ["Ngày bắt đầu công tác: Ngày bắt đầu công tác phải sau ngày sinh."]
    assert problems[4][0].startswith("Ngày bắt đầu công tác: Ngày bắt đầu công tác quá xa trong tương lai")
    assert 5 not in problems  # recruited a few months ahead: allowed
    assert set(_people(unit_store)) == {"Lò Văn Bốn"}


# -- 2. error cells and booleans ------------------------------------------------------------------------------------


def test_excel_error_cells_and_booleans_are_row_errors_naming_the_cell(unit_store, tmp_path) -> None:
    path = _sheet(
        tmp_path / "ds.xlsx",
        [
            HEADER,
            '<row r="2"><c r="A2" t="e"><f>VLOOKUP(X1,Y:Z,2,0)</f><v>#N/A</v></c>'
            + _text("B2", "01/01/1980")
            + _text("C2", "Phòng A")
            + "</row>",
            '<row r="3">'
            + _text("A3", "Trần Văn Bê")
            + _text("B3", "02/01/1980")
            + '<c r="C3" t="e"><v>#REF!</v></c></row>',
            '<row r="4"><c r="A4" t="b"><v>1</v></c>' + _text("B4", "03/01/1980") + "</row>",
            xlsx_hostile.row(5, [_text("A5", "Lê Văn Cê"), _text("B5", "04/01/1980"), _text("C5", "Phòng A")]),
        ],
    )
    report = import_staff_file(unit_store, path)
    assert _problems(report) == {
        2: ["Họ và tên: ô A2 là lỗi công thức #N/A; hãy sửa công thức hoặc ghi giá trị vào ô."],
        3: ["Phòng ban: ô C3 là lỗi công thức #REF!; hãy sửa công thức hoặc ghi giá trị vào ô."],
        4: ["Họ và tên: ô A4 là giá trị đúng/sai (TRUE), không phải chữ; hãy ghi chữ vào ô."],
    }
    assert set(_people(unit_store)) == {"Lê Văn Cê"}
    departments = {row["name"] for row in unit_store.query("SELECT name FROM departments")}
    assert "#REF!" not in departments and "#N/A" not in departments


# -- 3. hidden rows -------------------------------------------------------------------------------------------------


def test_a_hidden_row_is_reported_and_never_written(unit_store, tmp_path) -> None:
    path = _sheet(
        tmp_path / "ds.xlsx",
        [
            HEADER,
            xlsx_hostile.row(2, [_text("A2", "Lò Văn Một"), _text("B2", "01/01/1980")]),
            '<row r="3" hidden="1">' + _text("A3", "Lò Văn Hai") + _text("B3", "01/01/1970") + "</row>",
        ],
    )
    report = import_staff_file(unit_store, path)
    assert _problems(report) == {3: ["dòng đang bị ẩn trong bảng tính: hãy hiện dòng hoặc xóa dòng rồi nhập lại."]}
    assert set(_people(unit_store)) == {"Lò Văn Một"}


# -- 5. damaged cells: the row refused, in Vietnamese, with the cell named; the rest of the file read ---------------


def test_damaged_cells_are_row_errors_not_a_refused_file(unit_store, tmp_path) -> None:
    path = _sheet(
        tmp_path / "ds.xlsx",
        [
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
            '<row r="2"><c r="A2" t="s"><v>-1</v></c>' + _text("B2", "01/01/1980") + "</row>",
            '<row r="3">' + _text("A3", "Lò Văn A") + '<c r="B3" t="d"><v>1980-02-30</v></c></row>',
            '<row r="4">' + _text("A4", "Lò Văn B") + '<c r="B4" s="x"><v>29221</v></c></row>',
            '<row r="5">' + _text("A5", "Lò Văn C") + '<c r="B5"><f>DATE(1980,1,3)</f></c></row>',
            '<row r="6">' + _text("A6", "Lò Văn D") + '<c r="B6" t="s"><v>99</v></c></row>',
            xlsx_hostile.row(7, [_text("A7", "Lò Văn E"), _text("B7", "05/01/1980")]),
        ],
        strings=("Họ và tên", "Ngày sinh", "Nguyễn Văn Cuối"),
    )
    report = import_staff_file(unit_store, path)
    assert _problems(report) == {
        2: ["Họ và tên: ô A2 trỏ tới đoạn chữ số -1 không có trong tệp (tệp bị hỏng)."],
        3: ["Ngày sinh: ô B3 ghi ngày không có thật “1980-02-30”."],
        4: ["Ngày sinh: ô B4 có định dạng hỏng “x” (tệp bị hỏng; hãy mở tệp bằng Excel và lưu lại)."],
        5: ["Ngày sinh: ô B5: công thức chưa có giá trị (hãy mở tệp bằng Excel và lưu lại)."],
        6: ["Ngày sinh: ô B6 trỏ tới đoạn chữ số 99 không có trong tệp (tệp bị hỏng)."],
    }
    assert set(_people(unit_store)) == {"Lò Văn E"}  # never "Nguyễn Văn Cuối", the last shared string


def test_formulas_never_computed_are_row_errors_not_the_zero_stored(unit_store, tmp_path) -> None:
    """XlsxWriter (and tools built on it) store 0 as every formula's result and ask Excel to compute them all on
    opening (calcPr fullCalcOnLoad): the clerk sees the real department in Excel, the file holds "0". Read as
    such, everyone went into a new department "0". The same cells from a workbook Excel saved are read as usual."""
    rows = [
        HEADER,
        '<row r="2">' + _text("A2", "Lò Văn A") + _text("B2", "01/01/1980")
        + '<c r="C2"><f>VLOOKUP(D2,Ma!A:B,2,FALSE)</f><v>0</v></c></row>',
        xlsx_hostile.row(3, [_text("A3", "Lò Văn B"), _text("B3", "02/01/1980"), _text("C3", "Phòng A")]),
    ]  # fmt: skip
    stale = _sheet(tmp_path / "xw.xlsx", rows, calc='<calcPr calcId="124519" fullCalcOnLoad="1"/>')
    report = import_staff_file(unit_store, stale)
    assert _problems(report) == {2: ["Phòng ban: ô C2: công thức chưa có giá trị (hãy mở tệp bằng Excel và lưu lại)."]}
    assert set(_people(unit_store)) == {"Lò Văn B"}
    assert "0" not in {row["name"] for row in unit_store.query("SELECT name FROM departments")}

    saved = _sheet(tmp_path / "excel.xlsx", rows, calc='<calcPr calcId="191029"/>')
    assert "C2" not in str(_problems(import_staff_file(unit_store, saved)))  # a computed result: read as stored


def test_a_formula_whose_result_is_empty_text_is_an_empty_cell(unit_store, tmp_path) -> None:
    path = _sheet(
        tmp_path / "ds.xlsx",
        [
            HEADER,
            '<row r="2">' + _text("A2", "Lò Văn A") + _text("B2", "01/01/1980")
            + '<c r="C2" t="str"><f>IF(1,"","x")</f><v></v></c></row>',
        ],
    )  # fmt: skip
    report = import_staff_file(unit_store, path)
    assert _problems(report) == {}
    assert _people(unit_store)["Lò Văn A"]["department"] in (None, "")


def test_an_excel_error_written_as_text_is_a_row_error(unit_store, tmp_path) -> None:
    """A CSV exported from a sheet with broken formulas holds "#N/A" as text; so does a cell pasted as values."""
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Ngày sinh,Phòng ban,Chức vụ\n"
        "Lò Văn Mười,01/01/1980,#REF!,Chuyên viên\n"
        "Lò Văn Hai,01/01/1985,Phòng Kinh tế, #n/a \n"
        "Lò Văn Ba,01/01/1986,Phòng Kinh tế,Số #1\n",
        encoding="utf-8",
    )
    report = import_staff_file(unit_store, path)
    assert _problems(report) == {
        2: ["Phòng ban: ô C2 ghi “#REF!”, là chữ báo lỗi công thức của Excel chứ không phải dữ liệu; hãy sửa công "
            "thức trong tệp gốc hoặc ghi giá trị thật vào ô."],
        3: ["Chức vụ: ô D3 ghi “#n/a”, là chữ báo lỗi công thức của Excel chứ không phải dữ liệu; hãy sửa công thức "
            "trong tệp gốc hoặc ghi giá trị thật vào ô."],
    }  # fmt: skip
    people = _people(unit_store)
    assert set(people) == {"Lò Văn Ba"} and people["Lò Văn Ba"]["position"] == "Số #1"  # "#" inside text is text
