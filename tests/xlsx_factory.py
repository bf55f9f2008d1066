"""Messy staff lists as clerks send them, built as real files in a test's tmp_path."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.legacy_encoding import from_unicode

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Bộ phận", "Ghi chú"]

# (name, birth, gender, ethnic, position, department, notes); birth is whatever the clerk typed.
PEOPLE: list[tuple[object, ...]] = [
    ("Nguyễn Văn Sơn", "12/05/1980", "Nam", "Kinh", "Chủ tịch", "Lãnh đạo UBND", ""),
    ("Đặng Thị Ngọc Ánh", datetime(1990, 3, 8), "Nữ", "Tày", "Công chức văn phòng", "Văn phòng - Thống kê", ""),
    ("Trương Quốc Hưng", 30000, "Nam", "Kinh", "Công an viên", "Công an xã", "ngày sinh là số seri Excel"),
    ("Lê Thị Hường", "1985", "Nữ", "Mường", "Kế toán", "Tài chính - Kế toán", "chỉ có năm sinh"),
    ("Phạm Đức Toàn", "02/09/1975", "Nam", "HMông", "Phó Chủ tịch", "Lãnh đạo UBND", ""),
    ("Hoàng Thị Thuỳ Dương", "1992-11-20", "Nữ", "Nùng", "Văn hóa - Xã hội", "Văn hóa - Xã hội", ""),
]


def save_rows(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title_rows: Sequence[str] = (),
    headers: Sequence[str] = HEADERS,
    sheet_title: str = "Danh sach",
    numbering_row: bool = False,
) -> Path:
    """An .xlsx with optional title lines above the header (as clerks do) and a "(1) (2) ..." row."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    for title in title_rows:
        sheet.append([title])
    if title_rows:
        sheet.append([])
    sheet.append(list(headers))
    if numbering_row:
        sheet.append([f"({i})" for i in range(1, len(headers) + 1)])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def numbered(people: Sequence[Sequence[object]]) -> list[list[object]]:
    return [[index, *person] for index, person in enumerate(people, start=1)]


def messy_xlsx(path: Path) -> Path:
    """Title rows, a numbering row, a bad date, a missing name, an in-file duplicate, serial and text dates."""
    rows = numbered(PEOPLE)
    rows.append([7, "Vũ Văn Nam", "31/02/1980", "Nam", "Kinh", "Địa chính", "Địa chính - Xây dựng", ""])
    rows.append([8, None, "01/01/1988", "Nữ", "Kinh", "Văn thư", "Văn phòng - Thống kê", ""])
    rows.append([9, "Nguyễn Văn Sơn", "12/05/1980", "Nam", "Kinh", "Chủ tịch", "Lãnh đạo UBND", "gõ trùng"])
    rows.append([])
    rows.append([None, None, None, None, None, "Người lập biểu"])
    return save_rows(
        path,
        rows,
        title_rows=["ỦY BAN NHÂN DÂN XÃ LŨNG CÚ", "DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"],
        numbering_row=True,
    )


def legacy_xlsx(path: Path, encoding: str) -> Path:
    """Every text cell written as a TCVN3 or VNI font would store it (header and title too)."""
    rows = [[from_unicode(v, encoding) if isinstance(v, str) else v for v in row] for row in numbered(PEOPLE)]
    headers = [from_unicode(h, encoding) for h in HEADERS]
    return save_rows(path, rows, headers=headers, title_rows=[from_unicode("DANH SÁCH CÁN BỘ", encoding)])


def misread_utf8(text: str) -> str:
    """``text`` as a program shows a UTF-8 file it reads as Windows-1252 ("Lê" → "LÃª"); the five bytes that
    code page leaves undefined come through as the control characters of the same number, as Windows maps them."""
    shown = []
    for byte in text.encode("utf-8"):
        try:
            shown.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            shown.append(chr(byte))
    return "".join(shown)


def misread_xlsx(path: Path) -> Path:
    """Every text cell as Excel saves a UTF-8 CSV it opened as Windows-1252 ("Nguyá»…n VÄƒn SÆ¡n")."""
    rows = [[misread_utf8(v) if isinstance(v, str) else v for v in row] for row in numbered(PEOPLE)]
    return save_rows(path, rows, headers=[misread_utf8(h) for h in HEADERS])


def nfd_xlsx(path: Path) -> Path:
    """Text in decomposed form (as some Mac and web tools write it)."""
    rows = [[unicodedata.normalize("NFD", v) if isinstance(v, str) else v for v in row] for row in numbered(PEOPLE)]
    headers = [unicodedata.normalize("NFD", h) for h in HEADERS]
    return save_rows(path, rows, headers=headers)


def csv_file(path: Path, *, encoding: str = "utf-8-sig", delimiter: str = ";", legacy: str | None = None) -> Path:
    """A CSV as Excel saves it; ``legacy`` writes TCVN3/VNI text in Windows-1252 bytes."""
    lines = [delimiter.join(HEADERS)]
    for row in numbered(PEOPLE):
        cells = []
        for value in row:
            if isinstance(value, datetime):
                value = value.strftime("%d/%m/%Y")
            cells.append("" if value is None else str(value))
        lines.append(delimiter.join(cells))
    text = "\r\n".join(lines) + "\r\n"
    if legacy:
        path.write_bytes(from_unicode(text, legacy).encode("cp1252"))
    elif encoding == "cp1258":
        path.write_bytes(to_cp1258(text))
    else:
        path.write_bytes(text.encode(encoding))
    return path


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps some toned letters whole and writes the rest as letter + combining tone."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tone = next(ch for ch in decomposed if ch in TONE_MARKS)
        base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)
