"""The commune of the acceptance test, as the clerk's own spreadsheets: the staff list and the history workbook.

Two departments and nine people. Giàng Thị Mỷ (Mông) is the one who goes all the way: HTXSNV two years running,
Chiến sĩ thi đua cơ sở last year, two initiatives — so this year she is proposed for CSTĐCS (the commune decides)
and for the province's Bằng khen (in the dossier that goes up). "Phòng Kinh tế" is rated HTTNV by the clerk
(Tập thể lao động tiên tiến, the commune decides); the office is rated HTXSNV.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

ECONOMY = "Phòng Kinh tế"
OFFICE = "Văn phòng HĐND và UBND"
STAR = "Giàng Thị Mỷ"
STAR_BIRTH = "15/06/1985"
MONG = "Mông"

# (name, gender, birth, ethnic group, department, position, rating this year, rating last year)
PEOPLE: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("Hoàng Văn Long", "Nam", "12/05/1980", "Tày", ECONOMY, "Trưởng phòng", "HTTNV", "HTTNV"),
    ("Lý Thị Hoa", "Nữ", "08/03/1988", "Dao", ECONOMY, "Chuyên viên", "HTTNV", "HTTNV"),
    ("Nguyễn Văn Chính", "Nam", "20/11/1990", "Kinh", ECONOMY, "Chuyên viên", "HTTNV", "HTNV"),
    ("Vàng Văn Pháo", "Nam", "01/02/1992", "Giáy", ECONOMY, "Cán sự", "HTNV", "HTNV"),
    (STAR, "Nữ", STAR_BIRTH, MONG, OFFICE, "Chánh Văn phòng", "HTXSNV", "HTXSNV"),
    ("Trần Văn Sơn", "Nam", "02/09/1979", "Kinh", OFFICE, "Chuyên viên", "HTTNV", "HTTNV"),
    ("Đỗ Thị Lan", "Nữ", "30/04/1991", "Kinh", OFFICE, "Văn thư", "HTTNV", "HTTNV"),
    ("Bùi Văn Dũng", "Nam", "10/10/1983", "Nùng", OFFICE, "Kế toán", "HTTNV", "HTTNV"),
    ("Lò Thị Dở", "Nữ", "05/05/1995", "Thái", OFFICE, "Chuyên viên", "HTNV", "HTTNV"),
]
COUNCIL = [
    ("Sùng Mí Pháo", "chair", True, ""),
    ("Lò Văn Chứ", "deputy", True, ""),
    ("Hoàng Thị Mai", "member", True, ""),
    ("Giàng Seo Dũng", "member", False, "Đồng ý với toàn bộ danh sách đề nghị"),
    ("Vàng Thị Dở", "secretary", True, ""),
]
DEPUTY = "Lò Văn Chứ"


def staff_xlsx(path: Path, year: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"])
    sheet.append([f"DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM {year}"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Chức vụ", "Phòng ban", "Ngày vào"])
    for index, (name, gender, birth, ethnic, department, position, _now, _before) in enumerate(PEOPLE, start=1):
        sheet.append([index, name, gender, birth, ethnic, position, department, "01/01/2015"])
    book.save(path)
    return path


def history_xlsx(path: Path, year: int) -> Path:
    """Ratings of last year and this year, the star's awards and initiatives of last year and this one."""
    book = Workbook()
    ratings = book.active
    assert ratings is not None
    ratings.title = "Xếp loại"
    ratings.append(["Họ và tên", "Ngày sinh", "Năm", "Xếp loại"])
    for name, _gender, birth, _ethnic, _department, _position, now, before in PEOPLE:
        ratings.append([name, birth, year - 1, before])
        ratings.append([name, birth, year, now])
    awards = book.create_sheet("Khen thưởng")
    awards.append(["Họ và tên", "Ngày sinh", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định",
                   "Cơ quan ban hành"])  # fmt: skip
    for code in ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"):
        awards.append([STAR, STAR_BIRTH, year - 1, code, "45/QĐ-UBND", f"22/12/{year - 1}", "UBND xã Lũng Cú"])
    initiatives = book.create_sheet("Sáng kiến")
    initiatives.append(["Họ và tên", "Ngày sinh", "Tên sáng kiến", "Cấp công nhận", "Ngày công nhận", "Số quyết định"])
    initiatives.append([STAR, STAR_BIRTH, "Số hóa hồ sơ một cửa", "Cấp cơ sở", f"15/11/{year - 1}", "40/QĐ-UBND"])
    initiatives.append([STAR, STAR_BIRTH, "Sổ tay tiếng Mông cho cán bộ", "Cấp cơ sở", f"20/10/{year}", "38/QĐ-UBND"])
    book.save(path)
    return path
