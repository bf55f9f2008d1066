"""Hostile history workbooks (review of the imports): Excel error cells, booleans and hidden rows in "Xếp loại".

A hidden stale row once downgraded a 2024 rating; "#N/A" was read as a name. Each file is built here and imported
into a real database file, where the ratings are checked.
"""

from __future__ import annotations

from desktop.ops.history_import import import_history_file
from tests import xlsx_hostile
from tests.history_factory import add_people
from tests.ops.test_import_hostile_staff import _sheet

HEADER = xlsx_hostile.row(
    1,
    [xlsx_hostile.cell(ref, text) for ref, text in zip("ABCD", ("Mã CB", "Họ và tên", "Năm", "Xếp loại"), strict=True)],
)


def _row(number: int, code: str, name: str, year: int, rating: str, *, attrs: str = "") -> str:
    cells = "".join(
        xlsx_hostile.cell(f"{col}{number}", value)
        for col, value in zip("ABCD", (code, name, year, rating), strict=True)
    )
    return f'<row r="{number}"{attrs}>{cells}</row>'


def _ratings(store) -> dict[tuple[str, int], str]:
    rows = store.query("SELECT s.staff_code, r.year, r.rating FROM ratings r JOIN staff s ON s.id = r.staff_id")
    return {(row["staff_code"], row["year"]): row["rating"] for row in rows}


def _problems(report) -> dict[int, list[str]]:
    return {row.row_number: row.problems for row in report.preview.rows if row.problems}


def test_a_hidden_row_never_downgrades_a_rating(unit_store, tmp_path) -> None:
    add_people(unit_store)
    path = _sheet(
        tmp_path / "ls.xlsx",
        [
            HEADER,
            _row(2, "CB00002", "Đặng Thị Ánh", 2024, "KHTNV", attrs=' hidden="1"'),
            _row(3, "CB00002", "Đặng Thị Ánh", 2024, "HTXSNV"),
        ],
        title="Xếp loại",
    )
    report = import_history_file(unit_store, path)
    assert _problems(report) == {2: ["dòng đang bị ẩn trong bảng tính: hãy hiện dòng hoặc xóa dòng rồi nhập lại."]}
    assert _ratings(unit_store)[("CB00002", 2024)] == "HTXSNV"


def test_error_cells_and_booleans_are_row_errors_naming_the_cell(unit_store, tmp_path) -> None:
    add_people(unit_store)
    path = _sheet(
        tmp_path / "ls.xlsx",
        [
            HEADER,
            '<row r="2"><c r="A2" t="e"><v>#N/A</v></c>'
            + "".join(xlsx_hostile.cell(r, v) for r, v in (("B2", "Đặng Thị Ánh"), ("C2", 2023), ("D2", "HTTNV")))
            + "</row>",
            '<row r="3">'
            + "".join(xlsx_hostile.cell(r, v) for r, v in (("A3", "CB00005"), ("B3", "Giàng Seo Phử"), ("C3", 2023)))
            + '<c r="D3" t="b"><v>1</v></c></row>',
            '<row r="4">'
            + "".join(xlsx_hostile.cell(r, v) for r, v in (("A4", "CB00005"), ("B4", "Giàng Seo Phử"), ("C4", 2024)))
            + '<c r="D4"><f>VLOOKUP(A4,X!A:B,2,0)</f></c></row>',
            _row(5, "CB00001", "Nguyễn Văn Sơn", 2023, "HTTNV"),
        ],
        title="Xếp loại",
    )
    report = import_history_file(unit_store, path)
    assert _problems(report) == {
        2: ["Mã cán bộ: ô A2 là lỗi công thức #N/A; hãy sửa công thức hoặc ghi giá trị vào ô."],
        3: ["Xếp loại: ô D3 là giá trị đúng/sai (TRUE), không phải chữ; hãy ghi chữ vào ô."],
        4: ["Xếp loại: ô D4: công thức chưa có giá trị (hãy mở tệp bằng Excel và lưu lại)."],
    }
    ratings = _ratings(unit_store)
    assert ratings[("CB00001", 2023)] == "HTTNV"
    assert ("CB00002", 2023) not in ratings and ("CB00005", 2023) not in ratings and ("CB00005", 2024) not in ratings


def test_an_error_cell_in_a_year_column_is_named(unit_store, tmp_path) -> None:
    add_people(unit_store)
    header = xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "Mã CB"), xlsx_hostile.cell("B1", 2023)])
    path = _sheet(
        tmp_path / "ls.xlsx",
        [header, '<row r="2">' + xlsx_hostile.cell("A2", "CB00002") + '<c r="B2" t="e"><v>#REF!</v></c></row>'],
        title="Xếp loại",
    )
    report = import_history_file(unit_store, path)
    assert _problems(report) == {2: ["2023: ô B2 là lỗi công thức #REF!; hãy sửa công thức hoặc ghi giá trị vào ô."]}
    assert ("CB00002", 2023) not in _ratings(unit_store)


def test_a_name_with_other_tone_marks_is_another_person(unit_store, tmp_path) -> None:
    """ "Đỗ Thị Hồng Anh" once got the rating of "Đỗ Thị Hồng Ánh": marks written must match; a name written
    wholly without marks, or in capitals, still finds its person."""
    from desktop.domain.staff import StaffDraft
    from desktop.store import staff_repo

    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="Đỗ Thị Hồng Ánh", staff_code="CB00014"))
    header = xlsx_hostile.row(
        1,
        [xlsx_hostile.cell(r, t) for r, t in (("A1", "Mã CB"), ("B1", "Họ và tên"), ("C1", "Năm"), ("D1", "Xếp loại"))],
    )
    path = _sheet(
        tmp_path / "ls.xlsx",
        [
            header,
            _row(2, "", "Đỗ Thị Hồng Anh", 2016, "HTXSNV"),
            _row(3, "CB00014", "Đỗ Thị Hồng Anh", 2017, "HTXSNV"),
            _row(4, "", "ĐỖ THỊ HỒNG ÁNH", 2018, "HTTNV"),
            _row(5, "", "DO THI HONG ANH", 2019, "HTNV"),
        ],
        title="Xếp loại",
    )
    report = import_history_file(unit_store, path)
    assert _problems(report) == {
        2: [
            "Họ và tên: không có cán bộ “Đỗ Thị Hồng Anh”; chỉ có “Đỗ Thị Hồng Ánh” (CB00014), khác dấu. Nếu đúng là "
            "người đó, hãy sửa tên trong tệp cho đúng dấu."
        ],
        3: ["Họ và tên: mã CB00014 là của Đỗ Thị Hồng Ánh, không phải “Đỗ Thị Hồng Anh”."],
    }
    assert _ratings(unit_store) == {("CB00014", 2018): "HTTNV", ("CB00014", 2019): "HTNV"}


def test_an_excel_error_typed_as_text_in_a_year_column_is_named(unit_store, tmp_path) -> None:
    add_people(unit_store)
    header = xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "Mã CB"), xlsx_hostile.cell("B1", 2023)])
    row = xlsx_hostile.row(2, [xlsx_hostile.cell("A2", "CB00002"), xlsx_hostile.cell("B2", "#N/A")])
    path = _sheet(tmp_path / "ls.xlsx", [header, row], title="Xếp loại")
    report = import_history_file(unit_store, path)
    assert _problems(report) == {
        2: ["2023: ô B2 ghi “#N/A”, là chữ báo lỗi công thức của Excel chứ không phải dữ liệu; hãy sửa công thức "
            "trong tệp gốc hoặc ghi giá trị thật vào ô."]
    }  # fmt: skip
    assert ("CB00002", 2023) not in _ratings(unit_store)
