"""History workbooks as clerks keep them (one sheet per kind), built as real .xlsx files in a test's tmp_path.

``add_people`` puts the staff the rows refer to into the database; ``history_xlsx`` writes the five
sheets with good rows and typical bad ones. Row numbers are asserted by the tests, so every sheet
starts with two title lines and a blank line: the header is on row 4 and data starts on row 5.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.staff import StaffDraft
from desktop.store import Store, awards_repo, staff_repo

# (code, name, birth, department)
PEOPLE: list[tuple[str, str, date, str]] = [
    ("CB00001", "Nguyễn Văn Sơn", date(1980, 5, 12), "Văn phòng - Thống kê"),
    ("CB00002", "Đặng Thị Ánh", date(1990, 3, 8), "Văn phòng - Thống kê"),
    ("CB00003", "Lê Văn Hùng", date(1985, 1, 1), "Công an xã"),
    ("CB00004", "Lê Văn Hùng", date(1990, 6, 15), "Công an xã"),
    ("CB00005", "Giàng Seo Phử", date(1992, 9, 12), "Công an xã"),
]
FIRST_DATA_ROW = 5


def add_people(store: Store) -> dict[str, int]:
    """The five people and some history already recorded: code -> staff id."""
    ids: dict[str, int] = {}
    with store.transaction(operation="test.setup"):
        for code, name, birth, department in PEOPLE:
            draft = StaffDraft(full_name=name, staff_code=code, birth_date=birth, department=department)
            ids[code] = staff_repo.insert_staff(store, draft)
        staff_repo.set_rating(store, ids["CB00001"], 2022, "HTNV")
        awards_repo.add_award(
            store, target_kind="individual", staff_id=ids["CB00001"], year=2022, code="LDTT", category="title"
        )
    return ids


def _sheet(book: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(["ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"])
    sheet.append([f"SỔ THEO DÕI — {title.upper()}"])
    sheet.append([])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))


RATINGS_ROWS: list[list[object]] = [
    [1, "CB00001", "Nguyễn Văn Sơn", None, 2023, "HTXSNV"],  # 5 new
    [2, None, "Đặng Thị Ánh", "08/03/1990", 2023, "Hoàn thành tốt nhiệm vụ"],  # 6 new, name + birth
    [3, None, "Lê Văn Hùng", None, 2023, "HTNV"],  # 7 two people with this name
    [4, None, "le van hung", datetime(1990, 6, 15), "2023", "hoàn thành tốt nhiệm vụ"],  # 8 new (CB00004)
    [5, "CB09999", "Người Lạ", None, 2023, "HTNV"],  # 9 unknown staff code
    [6, "CB00005", None, None, 2023, "Xuất sắc lắm"],  # 10 unknown rating
    [7, "CB00001", None, None, 2022, "HTTNV"],  # 11 update HTNV -> HTTNV
    [8, "CB00001", None, None, 2023, "HTXSNV"],  # 12 same as row 5: unchanged
    [None, None, None, None, None, None],
    [None, None, "Người lập biểu", None, None, None],  # 14: a name without any record: an error row
]
INITIATIVE_ROWS: list[list[object]] = [
    ["CB00001", None, None, "Số hóa hồ sơ một cửa", "Cấp cơ sở", "15/11/2023", "45/QĐ-UBND"],  # 5 new
    ["CB00002", None, None, "Sổ tay dân vận khéo", "Cấp tỉnh", "31/02/2024", "7/QĐ-UBND"],  # 6 bad date
    ["CB00005", None, None, "Bản đồ an ninh thôn", "tỉnh", datetime(2024, 5, 2), ""],  # 7 new, level "tỉnh"
]
DISCIPLINE_ROWS: list[list[object]] = [
    ["CB00005", None, None, "Khiển trách", "01/03/2024", "28/02/2025", "Đi muộn nhiều lần", "12/QĐ-UBND", None],  # 5
    ["CB00003", None, None, "Cảnh cáo", None, None, "Đang xác minh", None, "x"],  # 6 new, pending, no dates
    ["CB00003", None, None, "Đuổi việc", "01/01/2024", None, None, None, None],  # 7 unknown level
]
LEAVE_ROWS: list[list[object]] = [
    ["CB00002", None, None, "Thai sản", "01/02/2024", "31/07/2024"],  # 5 new maternity
    ["CB00001", None, None, "Nghỉ ốm dài ngày", "10/10/2024", "01/10/2024"],  # 6 end before start
]
AWARD_ROWS: list[list[object]] = [
    ["CB00001", None, None, 2023, "CSTDCS", "100/QĐ-UBND", "20/01/2024", "UBND huyện Đồng Văn", None],  # 5
    [None, "Đặng Thị Ánh", "08/03/1990", 2023, "Giấy khen", "5/QĐ-UBND", "10/01/2024", "UBND xã Lũng Cú", None],  # 6
    ["CB00005", None, None, 2024, "Bằng khen của Chủ tịch UBND tỉnh", "9/QĐ", None, "Chủ tịch UBND tỉnh", None],  # 7
    [None, None, None, 2023, "TTLĐTT", "101/QĐ-UBND", "20/01/2024", None, "Văn phòng - Thống kê"],  # 8 collective
    ["CB00002", None, None, 2024, "Huân chương Lao động hạng Ba", None, None, None, None],  # 9 unknown code
    [None, "Người Không Có", None, 2024, "LĐTT", None, None, None, None],  # 10 unknown person
    ["CB00004", None, None, 2024, "TTLDTT", None, None, None, None],  # 11 collective title for a person
    ["CB00003", None, None, "năm ngoái", "LDTT", None, None, None, None],  # 12 bad year
    [None, None, None, 2024, "TTLĐTT", None, None, None, "Thôn Không Tên"],  # 13 unknown collective
    ["CB00001", None, None, 2022, "Lao động tiên tiến", None, None, None, None],  # 14 already there: unchanged
]
BASE = ["Mã CB", "Họ và tên", "Ngày sinh"]


def history_xlsx(path: Path) -> Path:
    """All five sheets (names without accents for two of them) plus a sheet that is not history."""
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Hướng dẫn"
    notes.append(["Mỗi trang một loại lịch sử."])
    _sheet(book, "Xếp loại", ["STT", *BASE, "Năm", "Xếp loại"], RATINGS_ROWS)
    _sheet(
        book, "Sang kien", [*BASE, "Tên sáng kiến", "Cấp công nhận", "Ngày công nhận", "Số quyết định"], INITIATIVE_ROWS
    )
    _sheet(
        book,
        "KỶ LUẬT",
        [*BASE, "Hình thức", "Từ ngày", "Đến ngày", "Lý do", "Số quyết định", "Đang xem xét"],
        DISCIPLINE_ROWS,
    )
    _sheet(book, "Nghi dai ngay", [*BASE, "Loại nghỉ", "Từ ngày", "Đến ngày"], LEAVE_ROWS)
    _sheet(
        book,
        "Khen thưởng",
        [
            *BASE,
            "Năm",
            "Hình thức khen thưởng",  # titles in an "award form" column: the pack decides the category
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan ban hành",
            "Tập thể",
        ],
        AWARD_ROWS,
    )
    book.save(path)
    return path


def wide_ratings_xlsx(path: Path) -> Path:
    """Ratings with one column per year, the way yearly evaluation lists are often kept."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xep loai CBCC"
    sheet.append(["KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG 2022-2024"])
    sheet.append(["STT", "Mã CB", "Họ và tên", 2022, "2023", "Năm 2024"])
    sheet.append([1, "CB00001", "Nguyễn Văn Sơn", "HTNV", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"])
    sheet.append([2, "CB00002", "Đặng Thị Ánh", None, "HTTNV", "??"])
    sheet.append([3, None, "Giàng Seo Phử", "HTTNV", None, None])
    book.save(path)
    return path


# The collectives' own ratings (the two departments PEOPLE belong to). "Xếp loại" rows whose "Tập thể" cell names
# a collective, and no person, are that collective's rating.
COLLECTIVE_RATING_ROWS: list[list[object]] = [
    [1, "CB00001", "Nguyễn Văn Sơn", None, 2024, "HTTNV", None, None],  # 5 new: a person, as before
    [2, None, None, None, 2024, "Hoàn thành xuất sắc nhiệm vụ", "Văn phòng - Thống kê", "Biên bản 20/12/2024"],  # 6
    [3, None, None, None, 2023, "HTTNV", "cong an xa", None],  # 7 update HTNV -> HTTNV, name without accents
    [4, None, None, None, 2024, "HTTNV", "Thôn Không Tên", None],  # 8 unknown collective
    [5, "CB00002", None, None, 2024, "HTTNV", "Công an xã", None],  # 9 a person and a collective on one row
    [6, None, None, None, 2024, "Giỏi", "Công an xã", None],  # 10 unknown rating
    [7, None, None, None, 2024, "HTXSNV", "VĂN PHÒNG - THỐNG KÊ", None],  # 11 same as row 6: unchanged
]
# The sheet "Xếp loại tập thể": collectives only, the department column headed "Tên tập thể".
COLLECTIVE_SHEET_ROWS: list[list[object]] = [
    [1, "Công an xã", 2025, "HTXSNV", None],  # 5 new
    [2, "Văn phòng - Thống kê", 2024, "HTTNV", None],  # 6 contradicts row 6 of "Xếp loại" (HTXSNV)
    [3, "Văn phòng - Thống kê", 2025, "Hoàn thành tốt", "Theo biên bản"],  # 7 new
    [4, "Tổ Không Có", 2025, "HTTNV", None],  # 8 unknown collective
]


def add_collective_rating(store: Store) -> None:
    """Công an xã already rated HTNV for 2023 (the workbook corrects it)."""
    department_id = int(store.scalar("SELECT id FROM departments WHERE name = 'Công an xã'"))
    with store.transaction(operation="test.setup"):
        awards_repo.set_collective_rating(store, department_id, 2023, "HTNV")


def collective_ratings_xlsx(path: Path, *, collective_sheet: bool = True) -> Path:
    """A "Xếp loại" sheet with a "Tập thể" column and, optionally, a "Xếp loại tập thể" sheet."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    _sheet(book, "Xếp loại", ["STT", *BASE, "Năm", "Xếp loại", "Tập thể", "Ghi chú"], COLLECTIVE_RATING_ROWS)
    if collective_sheet:
        _sheet(book, "Xếp loại tập thể", ["STT", "Tên tập thể", "Năm", "Xếp loại", "Ghi chú"], COLLECTIVE_SHEET_ROWS)
    book.save(path)
    return path


def wide_collective_ratings_xlsx(path: Path) -> Path:
    """Collectives' ratings with one column per year, the way the yearly evaluation of units is often kept."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xep loai tap the 2023-2025"
    sheet.append(["KẾT QUẢ XẾP LOẠI TẬP THỂ"])
    sheet.append(["STT", "Tập thể", 2023, "2024", "Năm 2025"])
    sheet.append([1, "Công an xã", "HTTNV", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"])
    sheet.append([2, "Văn phòng - Thống kê", None, "HTNV", "??"])
    book.save(path)
    return path
