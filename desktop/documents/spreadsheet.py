"""Tables from .xlsx and .csv files as clerks make them, and small helpers to write .xlsx.

Reading is forgiving: the header row is found below any title rows, CSV encodings and delimiters
are guessed, and every text cell is converted from TCVN3/VNI to Unicode. Row numbers are the
file's own, so messages point at the row the clerk sees in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain import legacy_encoding as enc
from desktop.i18n import _
from desktop.store.errors import StoreError

HEADER_SEARCH_ROWS = 20
DATE_FORMAT = "DD/MM/YYYY"


class SpreadsheetError(StoreError):
    """A file that cannot be read or written; the message names the file."""


@dataclass
class RawTable:
    """Every non-empty row of one sheet, with the file's row numbers (1-based)."""

    path: Path
    sheet: str
    rows: list[tuple[int, list[object]]]
    converted: dict[str, int] = field(default_factory=dict)  # legacy encoding -> cells converted
    text_encoding: str = ""  # CSV only: the character set the bytes were read with


def encoding_note(converted: dict[str, int]) -> str:
    """'' or "Đã chuyển mã TCVN3 sang Unicode ở 12 ô" (one clause per legacy encoding found)."""
    parts = [
        _("Đã chuyển mã {encoding} sang Unicode ở {n} ô").format(encoding=enc.ENCODING_NAMES[name], n=count)
        for name, count in converted.items()
        if count
    ]
    return "; ".join(parts)


# -- reading ------------------------------------------------------------------------------------------


def read_rows(path: Path, sheet: str | None = None) -> RawTable:
    """All rows of an .xlsx sheet (the first, or ``sheet``) or of a .csv file, text cells fixed."""
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(_("Không tìm thấy tệp {path}.").format(path=path))
    if path.is_dir():
        raise SpreadsheetError(_("{path} là một thư mục, không phải tệp bảng tính.").format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, sheet)
    elif suffix in (".csv", ".txt"):
        table = _read_csv(path)
    elif suffix == ".xls":
        raise SpreadsheetError(
            _(
                "Tệp {path} là định dạng Excel 97-2003 (.xls) chưa đọc được; hãy mở bằng Excel và lưu thành .xlsx."
            ).format(path=path)
        )
    else:
        raise SpreadsheetError(_("Tệp {path} không phải bảng tính .xlsx hoặc .csv.").format(path=path))
    _fix_encodings(table)
    return table


def _read_xlsx(path: Path, sheet: str | None) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except PermissionError:
        raise SpreadsheetError(
            _("Không mở được tệp {path}: tệp đang được chương trình khác giữ hoặc không có quyền đọc.").format(
                path=path
            )
        ) from None
    except Exception:  # a damaged file fails in many ways (zip, XML, missing parts)
        raise SpreadsheetError(
            _("Tệp {path} bị hỏng hoặc không phải tệp Excel .xlsx nên không đọc được.").format(path=path)
        ) from None
    try:
        names = workbook.sheetnames
        if sheet is None:
            if not names:
                raise SpreadsheetError(_("Tệp {path} không có trang tính nào.").format(path=path))
            chosen = names[0]
        elif sheet in names:
            chosen = sheet
        else:
            raise SpreadsheetError(
                _("Tệp {path} không có trang tính “{sheet}” (có: {names}).").format(
                    path=path, sheet=sheet, names=", ".join(names)
                )
            )
        worksheet = workbook[chosen]
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # some programs write a wrong size; read every row that is there
        rows: list[tuple[int, list[object]]] = []
        try:
            for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
                cells = [_clean_cell(v) for v in values]
                if any(c not in (None, "") for c in cells):
                    rows.append((number, _trim(cells)))
        except Exception as exc:  # damaged sheet XML
            raise SpreadsheetError(
                _("Tệp {path} bị hỏng, không đọc hết được trang “{sheet}”: {reason}").format(
                    path=path, sheet=chosen, reason=exc
                )
            ) from None
        return RawTable(path=path, sheet=chosen, rows=rows)
    finally:
        workbook.close()


def _clean_cell(value: object) -> object:
    if isinstance(value, str):
        return value.replace("\u00a0", " ").strip()
    return value


def _trim(cells: list[object]) -> list[object]:
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """(text, charset): UTF-8 (with or without BOM), else Windows-1258 or Windows-1252 by which reads better.

    A CSV saved by old Excel with a TCVN3/VNI font is Windows-1252 bytes of the legacy text; one saved
    with Vietnamese Windows settings is Windows-1258 (letters with separate tone marks).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_1252 = data.decode("cp1252", errors="replace")
    legacy = enc.scores(as_1252)
    try:
        as_1258 = data.decode("cp1258")
    except UnicodeDecodeError:
        return as_1252, "cp1252"
    import unicodedata

    as_1258 = unicodedata.normalize("NFC", as_1258)
    score_1258 = enc.scores(as_1258)[enc.UNICODE]
    if max(legacy[enc.TCVN3], legacy[enc.VNI]) > score_1258:
        return as_1252, "cp1252"
    return as_1258, "cp1258"


def _read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(
            _("Không đọc được tệp {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(
            _("Tệp {path} không phải tệp văn bản .csv (có thể là tệp Excel đổi đuôi).").format(path=path)
        )
    text, charset = decode_csv_bytes(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    line = 1
    try:
        for record in reader:
            cells: list[object] = [_clean_cell(v) for v in record]
            if any(c != "" for c in cells):
                rows.append((line, _trim(cells)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SpreadsheetError(
            _("Tệp {path}, dòng {row}: không đọc được ({reason}).").format(path=path, row=line, reason=exc)
        ) from None
    return RawTable(path=path, sheet="", rows=rows, text_encoding=charset)


def sniff_delimiter(text: str) -> str:
    """, ; or tab: the one that splits the first lines into the same, largest number of columns."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t").delimiter
    except csv.Error:
        pass
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        score = max(counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _fix_encodings(table: RawTable) -> None:
    positions: list[tuple[int, int]] = []
    texts: list[str] = []
    for r, (_number, cells) in enumerate(table.rows):
        for c, value in enumerate(cells):
            if isinstance(value, str) and value and not value.isascii():
                positions.append((r, c))
                texts.append(value)
    fixed, counts = enc.fix_texts(texts)
    for (r, c), value in zip(positions, fixed, strict=True):
        table.rows[r][1][c] = value
    table.converted = counts


def find_header_row(rows: Sequence[tuple[int, list[object]]], score: Callable[[list[str]], int] | None = None) -> int:
    """Index (in ``rows``) of the header: the best-scoring row among the first ones, else the first wide text row."""
    head = list(rows[:HEADER_SEARCH_ROWS])
    if score is not None:
        best_index, best = -1, 0
        for index, (_number, cells) in enumerate(head):
            value = score([cell_text(c) for c in cells])
            if value > best:
                best_index, best = index, value
        if best_index >= 0:
            return best_index
    widest = max((sum(1 for c in cells if c not in (None, "")) for _n, cells in head), default=0)
    for index, (_number, cells) in enumerate(head):
        texts = sum(1 for c in cells if isinstance(c, str) and c)
        if texts >= max(2, (widest + 1) // 2):
            return index
    return 0


def is_column_numbering(cells: Sequence[object]) -> bool:
    """A row like "1 2 3 4" or "(1) (2) (3)" that clerks put under a header."""
    values = [cell_text(c).strip("() ") for c in cells if cell_text(c)]
    if len(values) < 3:
        return False
    numbers = [v for v in values if v.isdigit()]
    return len(numbers) == len(values) and [int(v) for v in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers))
    )


def cell_text(value: object) -> str:
    """A cell as the clerk reads it: dates dd/mm/yyyy, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%d/%m/%Y %H:%M")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- writing ------------------------------------------------------------------------------------------


@dataclass
class Column:
    header: str
    width: float = 14
    kind: str = "text"  # text | date | number


def write_table(
    path: Path,
    *,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    sheet_title: str = "Sheet1",
    title_lines: Sequence[str] = (),
) -> None:
    """One sheet: optional bold title lines, a bold frozen header row with a filter, real dates as dd/mm/yyyy.

    Written to a temporary file first and moved into place, so a failure never leaves half a file.
    """
    import os
    import tempfile

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from desktop.documents.xlsx_cells import set_cell

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    row_index = 1
    for line in title_lines:
        set_cell(sheet, row_index, 1, line).font = Font(bold=True, size=13)
        row_index += 1
    if title_lines:
        row_index += 1  # a blank line between the title and the table
    header_row = row_index
    thin = Side(style="thin", color="999999")
    for col, column in enumerate(columns, start=1):
        cell = set_cell(sheet, header_row, col, column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    for offset, values in enumerate(rows, start=1):
        for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = set_cell(sheet, header_row + offset, col, value)
            if column.kind == "date" and value is not None:
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(1, len(rows))}"
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".xlsx", dir=path.parent)
        os.close(handle)
        try:
            workbook.save(temp_name)
            os.replace(temp_name, path)
        finally:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
    except OSError as exc:
        raise SpreadsheetError(
            _("Không ghi được tệp {path}: {reason} (tệp có đang mở trong Excel không?)").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
