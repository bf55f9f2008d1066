"""History can only be in the past: a year not begun, a decision dated in the future or before the year it rewards
is a typing slip, and a wrong year in the history changes who qualifies (consecutive-year chains), so such a row is
an error the clerk sees with its row and column, never a stored award."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from desktop.ops.history_import import apply_history, preview_history
from tests.history_factory import add_people

THIS_YEAR = date.today().year
HEADERS = ["Mã CB", "Họ và tên", "Ngày sinh", "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định"]


def _sheet(path: Path, title: str, headers: list[str], rows: list[list[object]]) -> Path:
    """A workbook of one sheet, as a clerk keeps one kind of history."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in [headers, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def _awards_book(path: Path, rows: list[list[object]]) -> Path:
    return _sheet(path, "Khen thưởng", HEADERS, rows)


def _rows(store, path: Path) -> dict[int, object]:
    preview = preview_history(store, path)
    sheet = preview.sheet("awards")
    assert sheet is not None
    return {row.row_number: row for row in sheet.rows}


def test_history_dates_after_today_or_before_the_year_are_errors(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    tomorrow = date.today() + timedelta(days=1)
    path = _awards_book(
        tmp_path / "khen.xlsx",
        [
            ["CB00001", None, None, THIS_YEAR + 1, "CSTDCS", "1/QĐ", None],  # 2: a year not begun
            ["CB00001", None, None, 2019, "CSTDCS", "2/QĐ", date(2017, 5, 1)],  # 3: decided two years before
            ["CB00001", None, None, 2013, "CSTDCS", "3/QĐ", date(2031, 5, 1)],  # 4: 2031 for 2013
            ["CB00002", None, None, THIS_YEAR, "LDTT", "4/QĐ", tomorrow],  # 5: tomorrow
            ["CB00002", None, None, 2023, "LDTT", "5/QĐ", date(2024, 1, 20)],  # 6: decided early the next year
            ["CB00003", None, None, THIS_YEAR, "LDTT", "6/QĐ", date.today()],  # 7: decided today
        ],
    )
    rows = _rows(unit_store, path)
    assert {n: r.status for n, r in rows.items()} == {
        2: "error",
        3: "error",
        4: "error",
        5: "error",
        6: "new",
        7: "new",
    }
    assert rows[2].problems == [f"Năm: năm {THIS_YEAR + 1} chưa đến (năm nay là {THIS_YEAR})."]
    assert rows[3].problems == [
        "Ngày quyết định: quyết định ngày 01/05/2017 có trước năm 2019 được khen; hãy xem lại năm hoặc ngày."
    ]
    assert rows[4].problems == ["Ngày quyết định: 01/05/2031 là ngày chưa đến."]
    assert rows[5].problems == [f"Ngày quyết định: {tomorrow:%d/%m/%Y} là ngày chưa đến."]

    before = unit_store.scalar("SELECT count(*) FROM awards")
    apply_history(unit_store, preview_history(unit_store, path))
    stored = unit_store.query("SELECT year, decision_no FROM awards ORDER BY id")[-2:]
    assert unit_store.scalar("SELECT count(*) FROM awards") == before + 2  # only the two good rows
    assert [(r["year"], r["decision_no"]) for r in stored] == [(2023, "5/QĐ"), (THIS_YEAR, "6/QĐ")]


def test_an_initiative_recognised_in_the_future_is_an_error(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    _sheet(
        tmp_path / "sk.xlsx",
        "Sáng kiến",
        ["Mã CB", "Họ và tên", "Ngày sinh", "Tên sáng kiến", "Cấp công nhận", "Ngày công nhận"],
        [
            ["CB00001", None, None, "Số hóa hồ sơ", "Cơ sở", date(2031, 3, 2)],
            ["CB00001", None, None, "Một cửa điện tử", "Cơ sở", date(2024, 3, 2)],
        ],
    )
    preview = preview_history(unit_store, tmp_path / "sk.xlsx")
    initiatives = preview.sheet("initiatives")
    assert initiatives is not None
    assert [(r.status, r.problems) for r in initiatives.rows] == [
        ("error", ["Ngày công nhận: 02/03/2031 là ngày chưa đến."]),
        ("new", []),
    ]


def test_a_year_typed_in_a_date_column_is_an_error_not_a_date_in_1905(unit_store, tmp_path: Path) -> None:
    """ "2024" in "Từ ngày" was read as Excel's day 2024, 16/07/1905: a Cảnh cáo of 2024 stored in 1905 let the
    person qualify for LĐTT 2024 (review H). A whole number of the years 1900–2100 is a year, and a date cell
    must say the day; Excel's real day numbers (45000 = 15/03/2023) still read as dates."""
    add_people(unit_store)
    path = _sheet(
        tmp_path / "kyluat.xlsx",
        "Kỷ luật",
        ["Mã CB", "Họ và tên", "Hình thức", "Từ ngày", "Đến ngày", "Lý do"],
        [
            ["CB00005", None, "Cảnh cáo", 2024, 2025, "Vi phạm năm 2024"],  # 2: years as numbers
            ["CB00003", None, "Khiển trách", "2024", "2025", "Vi phạm"],  # 3: years as text
            ["CB00002", None, "Khiển trách", 45000, 45365, "Vi phạm"],  # 4: Excel's day numbers
        ],
    )
    preview = preview_history(unit_store, path)
    rows = {row.row_number: row for row in preview.sheet("discipline").rows}
    assert rows[2].status == "error" and rows[3].status == "error"
    assert rows[2].problems[0] == (
        "Từ ngày: “2024” là một năm, không phải ngày; hãy ghi đủ ngày/tháng/năm, ví dụ 01/03/2024."
    )
    assert rows[4].status == "new"
    apply_history(unit_store, preview)
    assert [r["start_date"] for r in unit_store.query("SELECT start_date FROM discipline")] == ["2023-03-15"]


def test_a_wide_ratings_column_of_a_year_to_come_or_before_the_first_is_an_error(unit_store, tmp_path: Path) -> None:
    """The long layout refused "Năm 2027" in December 2026; one column per year took it, and 1950 (review H)."""
    add_people(unit_store)
    path = _sheet(
        tmp_path / "xeploai.xlsx",
        "Xếp loại",
        ["Mã CB", "Họ và tên", "Năm 1950", str(THIS_YEAR - 1), str(THIS_YEAR + 1)],
        [
            ["CB00001", None, "HTNV", "HTXSNV", "HTXSNV"],
        ],
    )
    preview = preview_history(unit_store, path)
    rows = preview.sheet("ratings").rows
    assert [(r.values["year"], r.status) for r in rows] == [
        ("1950", "error"),
        (str(THIS_YEAR - 1), "new"),
        (str(THIS_YEAR + 1), "error"),
    ]
    assert rows[2].problems == [f"{THIS_YEAR + 1}: năm {THIS_YEAR + 1} chưa đến (năm nay là {THIS_YEAR})."]
    before = {r["year"] for r in unit_store.query("SELECT year FROM ratings")}
    apply_history(unit_store, preview)
    assert {r["year"] for r in unit_store.query("SELECT year FROM ratings")} - before == {THIS_YEAR - 1}


def test_one_decision_number_has_one_signing_day(unit_store, tmp_path: Path) -> None:
    """Two rows "5/QĐ-UBND" of the commune dated 10/01/2024 and 20/06/2024 both went in and the registers printed
    two days for one document (review H). The second is an error naming the first row; the same number of another
    issuer is another document; a number already in the register with another day is an error too."""
    add_people(unit_store)
    issuer = "UBND xã Lũng Cú"
    path = _sheet(
        tmp_path / "khen.xlsx",
        "Khen thưởng",
        [*HEADERS, "Cơ quan ban hành"],
        [
            ["CB00001", None, None, 2023, "LDTT", "5/QĐ-UBND", date(2024, 1, 10), issuer],  # 2
            ["CB00002", None, None, 2023, "LDTT", "5/QĐ-UBND", date(2024, 6, 20), issuer],  # 3: another day
            ["CB00003", None, None, 2023, "LDTT", "5 /QĐ-UBND", date(2024, 1, 10), "Ủy ban nhân dân xã Lũng Cú"],
            ["CB00004", None, None, 2023, "BK_TINH", "5/QĐ-UBND", date(2024, 3, 1), "UBND tỉnh Tuyên Quang"],
        ],
    )
    rows = _rows(unit_store, path)
    assert {n: r.status for n, r in rows.items()} == {2: "new", 3: "error", 4: "new", 5: "new"}
    assert rows[3].problems == [
        "Ngày quyết định: quyết định 5/QĐ-UBND đã ghi ngày 10/01/2024 ở dòng 2; một số quyết định chỉ có một ngày ký."
    ]
    apply_history(unit_store, preview_history(unit_store, path))
    later = _sheet(
        tmp_path / "khen-them.xlsx",
        "Khen thưởng",
        [*HEADERS, "Cơ quan ban hành"],
        [
            ["CB00005", None, None, 2023, "LDTT", "5/QĐ-UBND", date(2024, 2, 2), issuer],
        ],
    )
    assert _rows(unit_store, later)[2].problems == [
        "Ngày quyết định: quyết định 5/QĐ-UBND đã có trong sổ khen thưởng với ngày ký 10/01/2024; một số quyết định "
        "chỉ có một ngày ký."
    ]
