"""Tables from .xlsx and .csv files as clerks make them, and small helpers to write .xlsx.

Reading is forgiving: the header row is found below any title rows, CSV encodings and delimiters
are guessed, and every text cell is converted from TCVN3/VNI to Unicode. Row numbers are the
file's own, so messages point at the row the clerk sees in Excel.
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import os
import tempfile
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.documents import xlsx_reader
from desktop.domain import legacy_encoding as enc
from desktop.files.problems import os_reason
from desktop.files.replace import FileInUseError, discard, replace_file
from desktop.i18n import _
from desktop.store.errors import StoreError

HEADER_SEARCH_ROWS = 20
MAX_CSV_BYTES = 128 * 1024 * 1024
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
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, column, last row, last column)
    hidden_sheets: list[str] = field(default_factory=list)  # .xlsx: sheets passed over because they are hidden
    hidden_rows: set[int] = field(default_factory=set)  # .xlsx: rows hidden in Excel (read, for importers to refuse)
    hidden_columns: set[int] = field(default_factory=set)  # .xlsx: columns hidden in Excel (1-based), likewise
    epoch_1904: bool = False  # .xlsx of the 1904 date system: a plain number in a date column counts from 1904


def encoding_note(converted: dict[str, int]) -> str:
    """'' or "Đã chuyển mã TCVN3 sang Unicode ở 12 ô" (one clause per legacy encoding found)."""
    parts = [
        _("Đã sửa {n} ô chữ UTF-8 bị đọc nhầm (kiểu “LÃª”, “Nguyá»…n”)").format(n=count)
        if name == enc.MISREAD_UTF8
        else _("Đã chuyển mã {encoding} sang Unicode ở {n} ô").format(encoding=enc.ENCODING_NAMES[name], n=count)
        for name, count in converted.items()
        if count
    ]
    return "; ".join(parts)


# -- reading ------------------------------------------------------------------------------------------


def read_rows(path: Path, sheet: str | None = None) -> RawTable:
    """All rows of an .xlsx sheet (the first VISIBLE one, or ``sheet``) or of a .csv file, text cells fixed."""
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(_("Không tìm thấy tệp {path}.").format(path=path))
    if path.is_dir():
        raise SpreadsheetError(_("{path} là một thư mục, không phải tệp bảng tính.").format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        with open_book(path) as book:
            return book.read(sheet)
    if suffix in (".csv", ".txt"):
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


class Book:
    """An open .xlsx file: :attr:`sheets` (name, visibility) and :meth:`read` for one sheet's rows.

    Reading goes through :mod:`desktop.documents.xlsx_reader` (streaming, within limits of size, rows, columns).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._book = xlsx_reader.XlsxBook(self.path)
        except PermissionError:
            raise SpreadsheetError(
                _("Không mở được tệp {path}: tệp đang được chương trình khác giữ hoặc không có quyền đọc.").format(
                    path=path
                )
            ) from None
        except xlsx_reader.XlsxError as exc:
            raise _xlsx_problem(self.path, "", exc) from None
        except (MemoryError, RecursionError):
            raise
        except Exception:  # a damaged file fails in many ways (zip, XML, missing parts)
            raise _damaged(self.path) from None
        self.sheets = self._book.sheets

    @property
    def visible_sheets(self) -> list[str]:
        return [s.name for s in self.sheets if s.visible]

    @property
    def hidden_sheets(self) -> list[str]:
        return [s.name for s in self.sheets if not s.visible]

    def read(self, sheet: str | None = None) -> RawTable:
        """Rows of ``sheet``, or of the first visible sheet that has cells; text converted from TCVN3/VNI."""
        path = self.path
        names = [s.name for s in self.sheets]
        if sheet is None:
            chosen = next((s.name for s in self.sheets if s.visible and s.part), None)
            if chosen is None:
                if not names:
                    raise SpreadsheetError(_("Tệp {path} không có trang tính nào.").format(path=path))
                raise SpreadsheetError(
                    _("Tệp {path} không có trang tính nào đang hiện (các trang bị ẩn: {names}).").format(
                        path=path, names=", ".join(names)
                    )
                )
        elif sheet in names:
            chosen = sheet
        else:
            raise SpreadsheetError(
                _("Tệp {path} không có trang tính “{sheet}” (có: {names}).").format(
                    path=path, sheet=sheet, names=", ".join(names)
                )
            )
        try:
            data = self._book.read_sheet(chosen)
        except xlsx_reader.XlsxError as exc:
            raise _xlsx_problem(path, chosen, exc) from None
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # damaged sheet XML, a shared string index out of range, a broken zip member
            raise SpreadsheetError(
                _("Tệp {path} bị hỏng, không đọc hết được trang “{sheet}”: {reason}").format(
                    path=path, sheet=chosen, reason=exc
                )
            ) from None
        table = RawTable(
            path=path,
            sheet=chosen,
            rows=data.rows,
            merged=data.merged,
            hidden_sheets=self.hidden_sheets if sheet is None else [],
            hidden_rows=data.hidden_rows,
            hidden_columns=data.hidden_columns,
            epoch_1904=data.epoch_1904,
        )
        _fix_encodings(table)
        return table

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_book(path: Path) -> Book:
    """Open an .xlsx file for reading (use as a context manager); SpreadsheetError with the reason if it cannot."""
    return Book(Path(path))


def sheet_names(path: Path, *, visible_only: bool = True) -> list[str]:
    """The sheets of an .xlsx file (only the visible ones unless asked); [] for a file that cannot be read."""
    try:
        with open_book(path) as book:
            return book.visible_sheets if visible_only else [s.name for s in book.sheets]
    except SpreadsheetError:
        return []


def _damaged(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        _("Tệp {path} bị hỏng hoặc không phải tệp Excel .xlsx nên không đọc được.").format(path=path)
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}".replace(",", ".")


def _count(value: object) -> str:
    return f"{int(str(value)):,}".replace(",", ".")


def _xlsx_problem(path: Path, sheet: str, exc: Exception) -> SpreadsheetError:
    """The clerk's message for a limit of :mod:`desktop.documents.xlsx_reader` (or a damaged file)."""
    kind = getattr(exc, "kind", "damaged")
    details: dict[str, Any] = getattr(exc, "details", {})
    fix = _("Hãy mở tệp bằng Excel, xóa các dòng, cột thừa (hoặc chia thành nhiều tệp) rồi lưu lại.")
    if kind == "too_big" and details.get("packed"):
        message = _("Tệp {path} quá lớn ({size} MB, tối đa {limit} MB); hãy chia thành nhiều tệp.").format(
            path=path, size=_megabytes(int(details["size"])), limit=_megabytes(int(details["limit"]))
        )
        return SpreadsheetError(message)
    if kind == "too_big":
        part = details.get("part") or ""
        message = _(
            "Tệp {path} quá lớn khi giải nén: {what} {size} MB, vượt giới hạn {limit} MB; "
            "tệp có thể bị hỏng hoặc được làm ra để gây hại."
        ).format(
            path=path,
            what=_("phần “{part}” là").format(part=part) if part else _("cả tệp là"),
            size=_megabytes(int(details.get("size", 0))),
            limit=_megabytes(int(details.get("limit", 0))),
        )
        return SpreadsheetError(f"{message} {fix}")
    where = _("Tệp {path}, trang “{sheet}”").format(path=path, sheet=sheet) if sheet else str(path)
    if kind == "rows":
        message = _(
            "{where}: có hơn {limit} dòng có dữ liệu (đến dòng {row}); chỉ đọc tối đa {limit} dòng một trang."
        ).format(where=where, limit=_count(details["limit"]), row=_count(details["row"]))
    elif kind == "columns":
        message = _(
            "{where}: ô {cell} có dữ liệu ở cột thứ {column}; chỉ đọc tối đa {limit} cột (đến cột {last})."
        ).format(
            where=where,
            cell=details["cell"],
            column=_count(details["column"]),
            limit=details["limit"],
            last=xlsx_reader.column_letters(int(details["limit"])),
        )
    elif kind == "cells":
        message = _("{where}: có hơn {limit} ô có dữ liệu; chỉ đọc tối đa {limit} ô một trang.").format(
            where=where, limit=_count(details["limit"])
        )
    elif kind == "text":
        cell = details.get("cell") or ""
        message = _("{where}: ô {cell} chứa hơn {limit} ký tự, quá giới hạn một ô của Excel.").format(
            where=where if sheet else str(path), cell=cell or "?", limit=_count(details["limit"])
        )
    elif kind == "strings":
        message = _("{where}: có hơn {limit} đoạn chữ khác nhau; chỉ đọc tối đa {limit}.").format(
            where=str(path), limit=_count(details["limit"])
        )
    elif kind == "merged":
        message = _("{where}: có hơn {limit} vùng ô gộp; chỉ đọc tối đa {limit} vùng một trang.").format(
            where=where, limit=_count(details["limit"])
        )
    else:
        return _damaged(path)
    return SpreadsheetError(f"{message} {fix}")


def _clean_cell(value: object) -> object:
    """No-break spaces become spaces; spaces, tabs and line breaks around the text are trimmed (nothing else:
    control characters are refused later, by field, with the row named). Excel's way of keeping a code's zeros in a
    CSV, ``="00123"``, is the text Excel shows for it: 00123."""
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip(" \t\r\n")
        if value[:2] == '="' and len(value) >= 3 and value[-1] == '"':
            inner = value[2:-1]
            if '"' not in inner.replace('""', ""):  # one text, its own quotes doubled: nothing else in the formula
                return inner.replace('""', '"').strip(" \t\r\n")
        return value
    return value


def _trim(cells: list[object]) -> list[object]:
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


class CsvNotUtf8Error(ValueError):
    """A CSV of UTF-8 text with a few bytes that are not UTF-8 (a Windows-1252 "é" pasted into a note): read as a
    Windows code page, all its Vietnamese would become mojibake ("Lê Anh" as "LÃª Anh"), so it is refused, with
    where the first bad byte is."""

    def __init__(self, data: bytes, offset: int, count: int) -> None:
        super().__init__(offset)
        self.byte = data[offset]
        self.line = data.count(b"\n", 0, offset) + 1
        start = max(data.rfind(b"\n", 0, offset) + 1, offset - 400)
        before = data[start:offset].decode("utf-8", errors="replace")
        after = data[offset : offset + 40].split(b"\n", 1)[0].decode("utf-8", errors="replace")
        near = (before if len(before) <= 40 else "…" + before[-30:]) + after[:10]  # counted in characters
        self.near = " ".join("".join(ch if ch.isprintable() else " " for ch in near).split())
        self.count = count


def _utf8_damage(data: bytes) -> tuple[int, int]:
    """(the characters read as valid multi-byte UTF-8, the places that are not UTF-8) of bytes that are not all
    UTF-8."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # a U+FFFD written in the file is valid
    return len(text) - len(text.encode("ascii", errors="ignore")) - replaced, replaced


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """(text, charset): UTF-8 (with or without BOM), else Windows-1258 or Windows-1252 by which reads better.

    A CSV saved by old Excel with a TCVN3/VNI font is Windows-1252 bytes of the legacy text; one saved
    with Vietnamese Windows settings is Windows-1258 (letters with separate tone marks). UTF-8 with a few bytes that
    are not (a BOM, or many more valid UTF-8 letters than bad bytes) raises :class:`CsvNotUtf8Error`: read as a
    Windows code page, every Vietnamese letter of it would be garbled.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise CsvNotUtf8Error(data, exc.start + 3, _utf8_damage(data)[1]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" (tab-separated UTF-16)
        return data.decode("utf-16"), "utf-16"  # broken (cut short, a half letter): refused by the caller
    try:  # decoded once: a list of tens of megabytes is not read twice
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    letters, places = _utf8_damage(data)
    # A legacy file has valid UTF-8 pairs only by chance, and bad bytes at nearly every letter; a UTF-8 file with a
    # stray byte has it the other way round.
    if letters > 3 * places:
        raise CsvNotUtf8Error(data, bad, places)
    as_1252 = data.decode("cp1252", errors="replace")
    legacy = enc.scores(as_1252)
    try:
        as_1258 = data.decode("cp1258")
    except UnicodeDecodeError:
        return as_1252, "cp1252"

    as_1258 = unicodedata.normalize("NFC", as_1258)
    score_1258 = enc.scores(as_1258)[enc.UNICODE]
    if max(legacy[enc.TCVN3], legacy[enc.VNI]) > score_1258:
        return as_1252, "cp1252"
    return as_1258, "cp1258"


def _read_csv(path: Path) -> RawTable:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise SpreadsheetError(
                _("Tệp {path} quá lớn ({size} MB, tối đa {limit} MB); hãy chia thành nhiều tệp.").format(
                    path=path, size=_megabytes(size), limit=_megabytes(MAX_CSV_BYTES)
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(
            _("Không đọc được tệp {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from None
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and b"\x00" in data[:4096]:  # a binary file; a NUL further on is refused with its row and field
        raise SpreadsheetError(
            _("Tệp {path} không phải tệp văn bản .csv (có thể là tệp Excel đổi đuôi).").format(path=path)
        )
    try:
        text, charset = decode_csv_bytes(data)
    except UnicodeDecodeError as exc:  # only UTF-16 is decoded strictly there: a letter lost would be "�" in a name
        line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
        raise SpreadsheetError(
            _(
                "Tệp {path}, dòng {line}: văn bản Unicode (UTF-16) bị hỏng (tệp bị cắt ngắn hoặc sửa dở), chữ ở đó "
                "không đọc được. Hãy mở tệp bằng Excel, xem lại dòng đó rồi lưu lại dạng “CSV UTF-8” hoặc tệp .xlsx, "
                "rồi nhập lại."
            ).format(path=path, line=line)
        ) from None
    except CsvNotUtf8Error as exc:
        raise SpreadsheetError(
            _(
                "Tệp {path}, dòng {line}: byte 0x{byte:02X} không phải mã UTF-8 (gần “{near}”), trong khi phần còn lại "
                "của tệp là UTF-8{more}; đọc theo mã khác thì mọi chữ có dấu sẽ bị sai. Có lẽ chữ ở đó được chép từ "
                "nơi khác: hãy mở tệp bằng Excel hoặc Notepad, sửa chữ ở dòng đó rồi lưu lại dạng “CSV UTF-8” (hoặc "
                "lưu thành tệp .xlsx), rồi nhập lại."
            ).format(
                path=path,
                line=exc.line,
                byte=exc.byte,
                near=exc.near,
                more=_(" (cả tệp có {n} chỗ như vậy)").format(n=exc.count) if exc.count > 1 else "",
            )
        ) from None
    del data
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    line = 1
    try:
        for record in reader:
            cells: list[object] = [_clean_cell(v) for v in record]
            if any(c != "" for c in cells):
                cells = _trim(cells)
                if len(cells) > xlsx_reader.MAX_COLUMNS:
                    raise _xlsx_problem(
                        path,
                        "",
                        xlsx_reader.XlsxError(
                            "columns",
                            cell=f"{xlsx_reader.column_letters(len(cells))}{line}",
                            column=len(cells),
                            limit=xlsx_reader.MAX_COLUMNS,
                        ),
                    )
                if len(rows) >= xlsx_reader.MAX_ROWS:
                    raise _xlsx_problem(path, "", xlsx_reader.XlsxError("rows", row=line, limit=xlsx_reader.MAX_ROWS))
                rows.append((line, cells))
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


def spread_merged_down(table: RawTable, first_row: int) -> int:
    """Give every row of a merged range the value of its first cell (a department merged down over its people).

    Only ranges that start at or below ``first_row`` (the first row under the header) and span several rows;
    the value goes into the range's first column, in rows that have data and an empty cell there. Ranges across
    columns only (a title over the table) are left as Excel shows them. Returns the number of cells filled.
    """
    if not table.merged:
        return 0

    numbers = [number for number, _cells in table.rows]
    by_number = dict(table.rows)
    filled = 0
    for top, column, bottom, _last_column in table.merged:
        if top < first_row or bottom <= top:
            continue
        first = by_number.get(top)
        value = first[column - 1] if first is not None and len(first) >= column else None
        if value in (None, ""):
            continue
        start = bisect.bisect_right(numbers, top)
        end = bisect.bisect_right(numbers, bottom)
        for number in numbers[start:end]:
            cells = by_number[number]
            if len(cells) < column:
                cells.extend([None] * (column - len(cells)))
            if cells[column - 1] in (None, ""):
                cells[column - 1] = value
                filled += 1
    return filled


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


@functools.lru_cache(maxsize=1 << 15)
def _date_text(value: date) -> str:
    """dd/mm/yyyy (with hh:mm when a datetime has a time); cached: a list of 100,000 people repeats its days."""
    if isinstance(value, datetime) and (value.hour or value.minute or value.second):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def cell_text(value: object) -> str:
    """A cell as the clerk reads it: dates dd/mm/yyyy, whole numbers without '.0', a number its format pads with zeros
    as Excel shows it (00123, CB00123: :class:`~desktop.documents.xlsx_reader.ShownNumber`)."""
    if type(value) is str:
        return value.strip(" \t\r\n")  # not str.strip(): a control character at the end must stay visible
    if value is None:
        return ""
    if type(value) is xlsx_reader.ShownNumber:
        return value.shown
    if isinstance(value, date):
        return _date_text(value)
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip(" \t\r\n")


# A yes/no column as clerks fill it, folded (accents and case off): "x", "Có", "Đúng", "1" or "", "Không", "-", "0".
YES_WORDS = frozenset({"x", "co", "1", "yes", "y", "true", "v", "dung"})
NO_WORDS = frozenset({"", "0", "khong", "no", "n", "false", "-"})


def yes_or_no(key: str, also_yes: Collection[str] = ()) -> bool | None:
    """A folded yes/no cell: True for a yes word or one of the column's own (``also_yes``, e.g. "lanh dao" in a
    "Lãnh đạo" column), False for a no word or an empty cell, None for anything else (the caller says what is wrong)."""
    if key in YES_WORDS or key in also_yes:
        return True
    if key in NO_WORDS:
        return False
    return None


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
            replace_file(temp_name, path)  # retried while an antivirus or Excel holds the file
        finally:
            discard(temp_name)
    except FileInUseError as exc:
        raise SpreadsheetError(str(exc)) from None
    except OSError as exc:
        raise SpreadsheetError(
            _("Không ghi được tệp {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from None
