"""Reading .xlsx within bounds: a streaming reader for the workbooks clerks bring in.

openpyxl's read-only mode parses a whole sheet once just to learn its size, pads every row to the widest column it
has seen and builds several Python objects per cell: a 1.5 MB file declaring ``A1:XFD1048576``, or a few cells in
column XFD, took 1.6 GB of memory. This reader streams the sheet's XML with expat and keeps only the cells that hold
something, within fixed limits checked BEFORE and WHILE reading:

- the zip's declared uncompressed sizes (each part and the whole file; zipfile never inflates past them),
- rows with data per sheet (:data:`MAX_ROWS`), the last column with data (:data:`MAX_COLUMNS`), cells with data
  (:data:`MAX_CELLS`) and merged ranges (:data:`MAX_MERGED_RANGES`),
- no DTD at all (OOXML parts never have one, so entity tricks are refused before they start).

It also reads what read-only openpyxl does not give: each sheet's visibility (``state``: visible, hidden,
veryHidden) and the sheet's merged ranges, in the same single pass. Values are what Excel shows as stored: text
(shared or inline strings, ``_x001B_`` escapes decoded as Excel does), numbers (int or float; a whole number whose
format pads it with zeros, "00000" or ``"CB"00000``, is a :class:`ShownNumber` that also carries the text Excel
shows, 00123 or CB00123), dates (``datetime``,
from the cell's number format, 1900 or 1904 epoch), booleans; formulas give their cached result (none at all in a
workbook that asks Excel to compute every formula on opening, ``fullCalcOnLoad``: its results were never computed,
XlsxWriter stores 0). A cell that holds
no value the importers may take is a :class:`BadCell` naming the cell and why (an error such as ``#N/A``, a formula
never calculated, an impossible date, a damaged reference to a text or a style), so the ROW is refused with the cell
named, never the file and never with "#N/A" taken as a name. Rows hidden in Excel (``<row hidden="1">``) are read
and listed in :attr:`SheetData.hidden_rows`, for the importers to refuse as they refuse hidden sheets. Text is
trimmed of spaces, tabs and line breaks around it and no-break spaces become spaces; NOTHING else is changed here
(control characters are left for :func:`desktop.domain.text.clean_input` to refuse, by field).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from desktop.files.zip_count import entries_at_most
from desktop.i18n import _

MAX_ROWS = 200_000  # rows holding data in one sheet
MAX_COLUMNS = 200  # last column holding data (GR)
MAX_CELLS = 3_000_000  # cells holding data in one sheet (200,000 rows × 15 columns)
MAX_MERGED_RANGES = 100_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
MAX_SHARED_STRINGS = 2_000_000  # distinct texts of the workbook
MAX_FILE_BYTES = 128 * 1024 * 1024  # the .xlsx file itself
MAX_ZIP_ENTRIES = 10_000  # parts in the zip (a workbook has a few dozen)
MAX_PART_BYTES = 256 * 1024 * 1024  # one sheet's XML, uncompressed
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024  # the shared strings, uncompressed
MAX_SMALL_PART_BYTES = 16 * 1024 * 1024  # workbook, relationships and styles, uncompressed
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # the whole file, uncompressed
_CHUNK = 1 << 16

_REL_OFFICE_DOCUMENT = "/officeDocument"
_REL_WORKSHEET = "/worksheet"
_REL_SHARED_STRINGS = "/sharedStrings"
_REL_STYLES = "/styles"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_EDGES = " \t\r\n"


class XlsxError(Exception):
    """The file cannot be read; ``kind`` says why: "damaged", "too_big", "rows", "columns", "cells", "merged",
    "strings" (too many distinct texts), "text" (a cell longer than Excel allows)."""

    def __init__(self, kind: str, **details: Any) -> None:
        super().__init__(kind, details)
        self.kind = kind
        self.details = details


@dataclass(frozen=True)
class SheetInfo:
    name: str
    state: str = "visible"  # visible | hidden | veryHidden
    part: str = ""  # the sheet's XML inside the zip; "" for a chart sheet (no cells)

    @property
    def visible(self) -> bool:
        return self.state == "visible"


@dataclass
class SheetData:
    """Rows holding data as (row number, values from column A), and merged ranges (first row, first column,
    last row, last column), all 1-based as in Excel; the numbers of the rows and columns hidden in Excel (a
    column of width 0 is as hidden as one marked so)."""

    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    epoch_1904: bool = False  # the workbook counts days from 1904: a plain number in a date column must too


class ShownNumber(int):
    """A whole number in a cell whose number format pads it with zeros, with the text Excel shows for it: 123 formatted
    "00000" shows 00123, formatted ``"CB"00000`` shows CB00123. It is the number where a number is wanted (a year, an
    amount); read as text (:func:`desktop.documents.spreadsheet.cell_text`: a staff code, a decision number) it is
    what the clerk sees, not "123"."""

    shown: str

    def __new__(cls, value: int, shown: str) -> ShownNumber:
        number = super().__new__(cls, value)
        number.shown = shown
        return number


# One piece of a number format that Excel shows as it is: a quoted text, a character after a backslash, or one of
# the characters it shows without quotes.
_FORMAT_LITERAL = r'"[^"]*"|\\.|[$\-+/():!^&\'~{}<>= ]'
_FORMAT_LITERALS = re.compile(_FORMAT_LITERAL)
_PADDED_FORMAT = re.compile(rf"((?:{_FORMAT_LITERAL})*)(0+)((?:{_FORMAT_LITERAL})*)")


def _format_text(pieces: str) -> str:
    return "".join(
        piece[1:-1] if piece[:1] == '"' else piece[1:] if piece[:1] == "\\" else piece
        for piece in _FORMAT_LITERALS.findall(pieces)
    )


def padded_format(code: str) -> tuple[str, int, str] | None:
    """(text before, least number of digits, text after) of a number format that shows a whole number padded with
    zeros, with texts around it or not: ``00000`` → ("", 5, ""), ``"CB"00000`` → ("CB", 5, ""); None for any other
    format (``0`` alone shows the number as it is). Only the first section is read, and a format of three or four
    sections (its own text for zero) is not one: the numbers read this way are never negative."""
    sections = re.findall(r'(?:"[^"]*"|\\.|[^;"\\])+', code)
    if not sections or len(sections) > 2 or code.count(";") > 1:
        return None
    match = _PADDED_FORMAT.fullmatch(sections[0])
    if match is None:
        return None
    before, zeros, after = match.groups()
    prefix, suffix = _format_text(before), _format_text(after)
    if len(zeros) < 2 and not prefix and not suffix:
        return None
    return prefix, len(zeros), suffix


def _shown_number(number: int | float, padded: tuple[str, int, str]) -> int | float:
    """``number`` as a :class:`ShownNumber` when its format shows it otherwise than its digits, else as it is."""
    if number < 0 or (type(number) is float and not number.is_integer()):
        return number
    whole = int(number)
    prefix, width, suffix = padded
    shown = f"{prefix}{whole:0{width}d}{suffix}"
    return ShownNumber(whole, shown) if shown != str(whole) else number


@dataclass(frozen=True, slots=True)
class BadCell:
    """A cell with no value an importer may take: ``cell`` is "B3", ``problem`` the Vietnamese reason naming it
    ("ô B3 là lỗi công thức #N/A"), ``shown`` what Excel shows in it (for a preview)."""

    cell: str
    problem: str
    shown: str = ""

    def __str__(self) -> str:
        return self.shown


def bad_cell(column: int, row: int, kind: str, raw: str = "") -> BadCell:
    """The :class:`BadCell` for one cell; ``kind`` is error, formula, date, string, number or style."""
    cell = f"{column_letters(column)}{row}"
    raw = _shown_name(raw.strip())[:40]
    if kind == "error":
        problem = _("ô {cell} là lỗi công thức {error}; hãy sửa công thức hoặc ghi giá trị vào ô.")
    elif kind == "formula":
        problem = _("ô {cell}: công thức chưa có giá trị (hãy mở tệp bằng Excel và lưu lại).")
    elif kind == "date":
        problem = _("ô {cell} ghi ngày không có thật “{error}”.")
    elif kind == "string":
        problem = _("ô {cell} trỏ tới đoạn chữ số {error} không có trong tệp (tệp bị hỏng).")
    elif kind == "number":
        problem = _("ô {cell} ghi số không đọc được “{error}” (tệp bị hỏng).")
    else:
        problem = _("ô {cell} có định dạng hỏng “{error}” (tệp bị hỏng; hãy mở tệp bằng Excel và lưu lại).")
    return BadCell(cell=cell, problem=problem.format(cell=cell, error=raw), shown=raw if kind == "error" else "")


def unescape(text: str) -> str:
    """Excel's ``_xHHHH_`` escapes (ECMA-376 ST_Xstring) decoded: ``_x000D_`` is a carriage return."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


_COLUMNS: dict[str, int] = {}


def column_index(letters: str) -> int:
    """1 for "A", 27 for "AA"; 0 for anything that is not column letters."""
    found = _COLUMNS.get(letters)
    if found is not None:
        return found
    number = 0
    for char in letters:
        if not "A" <= char <= "Z":
            return 0
        number = number * 26 + ord(char) - 64
    if len(_COLUMNS) < 20_000:
        _COLUMNS[letters] = number
    return number


def column_letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_range(ref: str) -> tuple[int, int, int, int] | None:
    first, _sep, last = ref.partition(":")
    last = last or first
    cells = []
    for part in (first, last):
        letters = part.rstrip("0123456789").replace("$", "")
        digits = part[len(part.rstrip("0123456789")) :]
        column = column_index(letters)
        if not column or not digits:
            return None
        cells.append((int(digits), column))
    (row1, col1), (row2, col2) = cells
    return min(row1, row2), min(col1, col2), max(row1, row2), max(col1, col2)


def _parser() -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = _CHUNK

    def refuse_dtd(*_args: object) -> None:
        raise XlsxError("damaged", reason="DTD")

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    return parser


def _feed(parser: Any, stream: IO[bytes]) -> None:
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _attr(attrs: dict[str, str], local: str) -> str | None:
    """An attribute by local name, whatever its namespace prefix ("r:id", "id")."""
    if local in attrs:
        return attrs[local]
    for key, value in attrs.items():
        if _local(key) == local:
            return value
    return None


class XlsxBook:
    """One open .xlsx file: its sheets (in workbook order, with visibility) and :meth:`read_sheet`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        size = self.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise XlsxError("too_big", part="", size=size, limit=MAX_FILE_BYTES, packed=True)
        if entries_at_most(self.path) > 2 * MAX_ZIP_ENTRIES:  # before zipfile builds the whole directory
            raise XlsxError("damaged", reason="entries")
        try:
            self.archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise XlsxError("damaged", reason="zip") from None
        try:
            self._check_sizes()
            self._names = {info.filename.lower(): info.filename for info in self.archive.infolist()}
            workbook_part = self._office_document()
            rels = self._relationships(workbook_part)
            self.epoch_1904 = False
            # saved by a tool that wrote no real results (XlsxWriter stores 0 for every formula) and asks Excel to
            # compute them all on opening: a formula's stored value is not what the clerk sees
            self.stale_formulas = False
            self.sheets = self._read_workbook(workbook_part, rels)
            self._shared_part = next((t for t, kind in rels.values() if kind.endswith(_REL_SHARED_STRINGS)), None)
            styles = next((t for t, kind in rels.values() if kind.endswith(_REL_STYLES)), None)
            self.date_styles, self.duration_styles, self.padded_styles = self._read_styles(styles)
            self._shared: list[str] | None = None
        except BaseException:
            self.archive.close()
            raise

    def close(self) -> None:
        self.archive.close()

    # -- the zip and the small parts --------------------------------------------------------------------------
    def _check_sizes(self) -> None:
        total = 0
        if len(self.archive.infolist()) > MAX_ZIP_ENTRIES:
            raise XlsxError("damaged", reason="entries")
        for info in self.archive.infolist():
            total += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise XlsxError("too_big", part=info.filename, size=info.file_size, limit=MAX_PART_BYTES)
        if total > MAX_TOTAL_BYTES:
            raise XlsxError("too_big", part="", size=total, limit=MAX_TOTAL_BYTES)

    def _open(self, part: str, *, limit: int = MAX_PART_BYTES) -> IO[bytes]:
        name = self._names.get(part.lower())
        if name is None:
            raise XlsxError("damaged", reason=f"missing {part}")
        info = self.archive.getinfo(name)
        if info.file_size > limit:
            raise XlsxError("too_big", part=name, size=info.file_size, limit=limit)
        return self.archive.open(info)

    def _parse_small(self, part: str, start: Callable[[str, dict[str, str]], None]) -> None:
        parser = _parser()
        parser.StartElementHandler = lambda name, attrs: start(_local(name), attrs)
        with self._open(part, limit=MAX_SMALL_PART_BYTES) as stream:
            _feed(parser, stream)

    def _office_document(self) -> str:
        found: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "Relationship" and (attrs.get("Type") or "").endswith(_REL_OFFICE_DOCUMENT):
                found.append((attrs.get("Target") or "").lstrip("/"))

        if "_rels/.rels" in self._names:
            self._parse_small("_rels/.rels", start)
        return found[0] if found and found[0] else "xl/workbook.xml"

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (part inside the zip, relationship type) for ``part``'s relationships."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, tuple[str, str]] = {}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name != "Relationship" or attrs.get("TargetMode") == "External":
                return
            target = attrs.get("Target") or ""
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[attrs.get("Id") or ""] = (posixpath.normpath(resolved), attrs.get("Type") or "")

        if rels_part.lower() in self._names:
            self._parse_small(rels_part, start)
        return out

    def _read_workbook(self, part: str, rels: dict[str, tuple[str, str]]) -> list[SheetInfo]:
        sheets: list[SheetInfo] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "workbookPr" and (attrs.get("date1904") or "").lower() in ("1", "true"):
                self.epoch_1904 = True
            elif name == "calcPr" and (attrs.get("fullCalcOnLoad") or "").lower() in ("1", "true"):
                self.stale_formulas = True
            elif name == "sheet":
                target, kind = rels.get(_attr(attrs, "id") or "", ("", ""))
                sheets.append(
                    SheetInfo(
                        name=_shown_name(attrs.get("name") or ""),
                        state=attrs.get("state") or "visible",
                        part=target if kind.endswith(_REL_WORKSHEET) else "",
                    )
                )

        self._parse_small(part, start)
        return sheets

    def _read_styles(self, part: str | None) -> tuple[frozenset[int], frozenset[int], dict[str, tuple[str, int, str]]]:
        """Indexes of the cell formats (``s`` of a cell) that show dates, those that show durations, and those that
        pad whole numbers with zeros (:func:`padded_format`, by the index as the cell writes it)."""
        if not part or part.lower() not in self._names:
            return frozenset(), frozenset(), {}
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        custom: dict[int, str] = {}
        formats: list[int] = []
        depth = {"cellXfs": False}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "numFmt":
                with suppress(ValueError):
                    custom[int(attrs.get("numFmtId") or -1)] = attrs.get("formatCode") or ""
            elif name == "cellXfs":
                depth["cellXfs"] = True
            elif name == "xf" and depth["cellXfs"]:
                try:
                    formats.append(int(attrs.get("numFmtId") or 0))
                except ValueError:
                    formats.append(0)

        def end(name: str) -> None:
            if _local(name) == "cellXfs":
                depth["cellXfs"] = False

        parser = _parser()
        parser.StartElementHandler = lambda name, attrs: start(_local(name), attrs)
        parser.EndElementHandler = end
        with self._open(part, limit=MAX_SMALL_PART_BYTES) as stream:
            _feed(parser, stream)
        dates: set[int] = set()
        durations: set[int] = set()
        padded: dict[str, tuple[str, int, str]] = {}
        for index, number in enumerate(formats):
            code = custom.get(number) or BUILTIN_FORMATS.get(number)
            if 14 <= number <= 22 or 27 <= number <= 36 or 45 <= number <= 47 or 50 <= number <= 58:
                code = code or "yyyy-mm-dd"  # built-in date formats, some only named in East Asian locales
            if is_date_format(code):
                dates.add(index)
            elif code and (found := padded_format(code)) is not None:
                padded[str(index)] = found
            if is_timedelta_format(code):
                durations.add(index)
        return frozenset(dates), frozenset(durations), padded

    # -- shared strings ------------------------------------------------------------------------------------------
    def shared_strings(self) -> list[str]:
        if self._shared is not None:
            return self._shared
        strings: list[str] = []
        self._shared = strings
        if not self._shared_part or self._shared_part.lower() not in self._names:
            return strings
        parts: list[str] = []
        state = {"text": False, "phonetic": 0, "size": 0}

        def start(name: str, _attrs: dict[str, str]) -> None:
            local = _local(name)
            if local == "t" and not state["phonetic"]:
                state["text"] = True
            elif local == "rPh":
                state["phonetic"] += 1

        def end(name: str) -> None:
            local = _local(name)
            if local == "t":
                state["text"] = False
            elif local == "rPh":
                state["phonetic"] -= 1
            elif local == "si":
                if len(strings) >= MAX_SHARED_STRINGS:
                    raise XlsxError("strings", limit=MAX_SHARED_STRINGS)
                strings.append(unescape("".join(parts)))
                parts.clear()
                state["size"] = 0

        def text(data: str) -> None:
            if state["text"]:
                parts.append(data)
                state["size"] += len(data)
                if state["size"] > MAX_CELL_CHARS:
                    raise XlsxError("text", cell="", limit=MAX_CELL_CHARS)

        parser = _parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        with self._open(self._shared_part, limit=MAX_SHARED_STRINGS_BYTES) as stream:
            _feed(parser, stream)
        return strings

    # -- one sheet ---------------------------------------------------------------------------------------------
    def sheet(self, name: str) -> SheetInfo | None:
        return next((s for s in self.sheets if s.name == name), None)

    def read_sheet(self, name: str) -> SheetData:
        """Every row of sheet ``name`` that holds data; XlsxError past the limits or when the XML is damaged."""
        info = self.sheet(name)
        if info is None:
            raise KeyError(name)
        if not info.part:
            return SheetData()
        shared = self.shared_strings()
        reader = _SheetReader(
            shared, self.date_styles, self.duration_styles, self.epoch_1904, self.stale_formulas, self.padded_styles
        )
        with self._open(info.part) as stream:
            return reader.read(stream)


def _shown_name(name: str) -> str:
    """A sheet name as shown in messages: control characters (never valid in Excel) replaced."""
    return "".join("?" if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch for ch in name)


def _clean_text(value: str) -> str | None:
    """Text as the importers get it: no-break spaces as spaces, trimmed of spaces, tabs and line breaks; None if
    nothing is left."""
    if "\u00a0" in value:
        value = value.replace("\u00a0", " ")
    value = value.strip(_EDGES)
    return value or None


def _hidden_columns(attrs: dict[str, str], hidden: set[int]) -> None:
    """Add the columns a ``<col min max hidden width>`` element hides: marked hidden, or made 0 wide. The range is
    capped at the last column read (a hostile file may claim all 16,384)."""
    width = attrs.get("width")
    try:
        narrow = width is not None and float(width) <= 0
    except ValueError:
        narrow = False
    if not narrow and (attrs.get("hidden") or "").lower() not in ("1", "true"):
        return
    low, high = attrs.get("min") or "", attrs.get("max") or ""
    if not low.isdigit():
        return
    first = int(low)
    last = int(high) if high.isdigit() else first
    hidden.update(range(max(1, first), min(last, MAX_COLUMNS) + 1))


class _SheetReader:
    """The expat handlers of one sheet: cells into rows, limits checked as the cells come."""

    def __init__(
        self,
        shared: list[str],
        dates: frozenset[int],
        durations: frozenset[int],
        epoch_1904: bool,
        stale_formulas: bool = False,
        padded: dict[str, tuple[str, int, str]] | None = None,
    ) -> None:
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

        self.padded = padded or {}
        self.shared = [_clean_text(text) for text in shared]
        self.dates = dates
        self.durations = durations
        self.epoch = MAC_EPOCH if epoch_1904 else WINDOWS_EPOCH
        self.data = SheetData(epoch_1904=epoch_1904)
        self.stale_formulas = stale_formulas
        self.texts: dict[str, str] = {}  # each distinct inline text kept once (a list repeats its departments)

    def read(self, stream: IO[bytes]) -> SheetData:
        data = self.data
        rows = data.rows
        merged = data.merged
        shared = self.shared
        dates = self.dates
        padded = self.padded
        other = self.value
        known_columns = _COLUMNS
        stale = self.stale_formulas
        as_dates: dict[tuple[int | float, str], object] = {}  # serial number -> date: a list repeats its days
        cells: list[object] = []
        parts: list[str] = []
        row_number = column = count = phonetic = 0
        kind = "n"
        style = ""
        collecting = False
        formula = has_value = False
        hidden = data.hidden_rows
        shared_count = len(shared)

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal row_number, column, kind, style, collecting, phonetic, formula, has_value
            if tag == "c":
                ref = attrs.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    column = known_columns.get(letters) or column_index(letters) or column + 1
                else:
                    column += 1
                kind = attrs.get("t", "n")
                style = attrs.get("s", "")
                formula = has_value = False
                if parts:
                    parts.clear()
            elif tag == "v":
                collecting = has_value = True
                if parts:
                    parts.clear()  # a formula's text came first
            elif tag == "f":
                formula = True
            elif tag == "t":
                if not phonetic:
                    collecting = True
            elif tag == "row":
                number = attrs.get("r")
                row_number = int(number) if number and number.isdigit() else row_number + 1
                column = 0
                if (attrs.get("hidden") or "").lower() in ("1", "true"):
                    hidden.add(row_number)
                if cells:
                    cells.clear()
            elif tag == "rPh":
                phonetic += 1
            elif tag == "col":
                _hidden_columns(attrs, data.hidden_columns)
            elif tag == "mergeCell":
                found = _cell_range(attrs.get("ref") or "")
                if found is not None:
                    if len(merged) >= MAX_MERGED_RANGES:
                        raise XlsxError("merged", limit=MAX_MERGED_RANGES)
                    merged.append(found)

        def end(tag: str) -> None:
            nonlocal count, collecting, phonetic, cells
            if tag == "c":
                value: object
                if formula and stale:  # whatever it stored, the formula's result was never computed
                    parts.clear()
                    value = bad_cell(column, row_number, "formula")
                elif not parts:
                    if not formula or (has_value and kind == "str"):
                        return  # an empty cell, or a formula whose result is the empty text
                    value = bad_cell(column, row_number, "formula")
                else:
                    raw = parts[0] if len(parts) == 1 else "".join(parts)
                    parts.clear()
                    try:
                        if kind == "s":
                            index = int(raw)
                            value = (
                                shared[index]
                                if 0 <= index < shared_count
                                else bad_cell(column, row_number, "string", raw)
                            )
                        elif kind == "n":
                            number: int | float = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                            if style and int(style) in dates:
                                value = as_dates.get((number, style))
                                if value is None:
                                    value = as_dates[number, style] = self._date(number, int(style))
                            elif padded and style in padded:  # 00123, CB00123: the text Excel shows kept with it
                                value = _shown_number(number, padded[style])
                            else:
                                value = number
                        elif kind == "e":
                            value = bad_cell(column, row_number, "error", raw)
                        else:
                            value = other(raw, kind)
                    except ValueError:
                        value = self._bad(column, row_number, kind, raw, style)
                if value is None:
                    return
                if column > MAX_COLUMNS:
                    raise XlsxError(
                        "columns", cell=f"{column_letters(column)}{row_number}", column=column, limit=MAX_COLUMNS
                    )
                size = len(cells)
                if column == size + 1:
                    cells.append(value)
                elif column > size:
                    cells.extend([None] * (column - 1 - size))
                    cells.append(value)
                else:
                    cells[column - 1] = value
                count += 1
                if count > MAX_CELLS:
                    raise XlsxError("cells", limit=MAX_CELLS)
            elif tag == "v" or tag == "t":
                collecting = False
            elif tag == "row":
                if cells:
                    if len(rows) >= MAX_ROWS:
                        raise XlsxError("rows", row=row_number, limit=MAX_ROWS)
                    rows.append((row_number, cells))
                    cells = []
            elif tag == "rPh":
                phonetic -= 1

        def text(chunk: str) -> None:
            if collecting:
                parts.append(chunk)
                if len(chunk) > MAX_CELL_CHARS or (len(parts) > 1 and sum(map(len, parts)) > MAX_CELL_CHARS):
                    raise XlsxError("text", cell=f"{column_letters(column)}{row_number}", limit=MAX_CELL_CHARS)

        names: dict[str, str] = {}  # "x:c" -> "c", for files that write a prefix on every element

        def start_prefixed(name: str, attrs: dict[str, str]) -> None:
            start(names.get(name) or names.setdefault(name, _local(name)), attrs)

        def end_prefixed(name: str) -> None:
            end(names.get(name) or names.setdefault(name, _local(name)))

        def first(name: str, attrs: dict[str, str]) -> None:
            """The root element says whether names carry a prefix; without one, names are used as they come."""
            prefixed = ":" in name
            parser.StartElementHandler = start_prefixed if prefixed else start
            parser.EndElementHandler = end_prefixed if prefixed else end
            start_prefixed(name, attrs)

        parser = _parser()
        parser.StartElementHandler = first
        parser.EndElementHandler = end_prefixed
        parser.CharacterDataHandler = text
        _feed(parser, stream)
        return data

    def value(self, raw: str, kind: str) -> object:
        """A cell that is not a shared string or a number: inline text, a formula's text, a boolean, an ISO date,
        an error shown in the cell (#N/A)."""
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(raw)
        if kind in ("inlineStr", "str"):
            raw = unescape(raw)
        value = _clean_text(raw)
        return None if value is None else self.texts.setdefault(value, value)

    @staticmethod
    def _bad(column: int, row: int, kind: str, raw: str, style: str) -> BadCell:
        """Why a cell's XML could not be read as a value (a damaged or hand-made file)."""
        if kind == "s":
            return bad_cell(column, row, "string", raw)
        if kind == "d":
            return bad_cell(column, row, "date", raw)
        if style and not style.isdigit():
            return bad_cell(column, row, "style", style)
        return bad_cell(column, row, "number", raw)

    def _date(self, number: int | float, style: int) -> object:
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(number, self.epoch, timedelta=style in self.durations)
        except (OverflowError, ValueError):
            return number  # a serial outside the calendar: the number as it is


@contextmanager
def open_xlsx(path: Path) -> Iterator[XlsxBook]:
    book = XlsxBook(path)
    try:
        yield book
    finally:
        book.close()


__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_MERGED_RANGES",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_TOTAL_BYTES",
    "BadCell",
    "SheetData",
    "SheetInfo",
    "ShownNumber",
    "XlsxBook",
    "XlsxError",
    "column_index",
    "column_letters",
    "open_xlsx",
    "unescape",
]
