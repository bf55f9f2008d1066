"""Reading a history workbook: which sheet holds which kind, where its header row is, which column is which."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.documents import spreadsheet
from desktop.documents.spreadsheet import SpreadsheetError, cell_text
from desktop.domain import legacy_encoding as enc
from desktop.i18n import _
from desktop.ops.history_import.fields import (
    _COMMON_ALIASES,
    _NUMBERS,
    _RATING_KINDS,
    _SHEET_ALIASES,
    _SHEET_ALIASES_BY_FIELD,
    _YEAR_HEADER,
    _YEAR_NUMBER,
    SHEET_LABELS,
    _key,
)
from desktop.ops.staff_import import ImportFileError, SourceTable


def sheet_kind(name: str) -> str | None:
    """Which kind of history a sheet holds, from its name (accents and case ignored), or None."""
    key = _key(enc.fix_text(name)[0])
    if not key:
        return None
    best: tuple[int, str] | None = None
    for kind, aliases in _SHEET_ALIASES.items():
        for alias in aliases:
            matched = key == alias or key.startswith(alias + " ")
            if matched and (best is None or len(alias) > best[0]):
                best = (len(alias), kind)
    return best[1] if best else None


def _field_tables(kind: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    for name, aliases in (*_COMMON_ALIASES.items(), *_SHEET_ALIASES_BY_FIELD[kind].items()):
        for alias in aliases:
            exact.setdefault(alias, name)
    prefixes = sorted(((a, f) for a, f in exact.items() if " " in a), key=lambda item: -len(item[0]))
    return exact, prefixes


def year_of_header(value: object, *, among_words: bool = False) -> int | None:
    """2022 for a header cell "2022", "Năm 2022" or the number 2022; None otherwise. With ``among_words`` (a ratings
    sheet's columns) also for a header naming one year with words around it ("XL năm 2024", "Xếp loại 2024"), so a
    year column headed in the clerk's own words is read, never dropped without a word."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
        return number if 1900 <= number <= 2100 else None
    key = _key(value)
    match = _YEAR_HEADER.match(key)
    if match:
        return int(match.group(1))
    numbers = _NUMBERS.findall(key) if among_words else []
    return int(numbers[0]) if len(numbers) == 1 and _YEAR_NUMBER.fullmatch(numbers[0]) else None


def _header_fields(kind: str, headers: list[str]) -> list[tuple[int, str]]:
    """(column index, field) for every header cell that names a field of this kind of sheet."""
    exact, prefixes = _field_tables(kind)
    found: list[tuple[int, str]] = []
    years_among_words = kind in _RATING_KINDS
    for index, header in enumerate(headers):
        key = _key(header)
        if not key or year_of_header(header) is not None:
            continue
        name = exact.get(key)
        if name is None:
            words = len(key.split(" "))
            for alias, candidate in prefixes:
                if key.startswith(alias + " ") and words <= len(alias.split(" ")) + 3:
                    name = candidate
                    break
        if years_among_words and name in (None, "rating") and year_of_header(header, among_words=True) is not None:
            continue  # "Xếp loại 2024", "XL năm 2024": a year's column of a wide sheet, not a second "Xếp loại"
        if name:
            found.append((index, name))
    return found


def guess_mapping(kind: str, headers: list[str]) -> dict[str, int]:
    """Field -> column index for one kind of sheet (accents, case and punctuation of headers ignored).

    When two columns name the same field the first is kept here; :func:`duplicate_columns` lists them and the
    sheet is then not imported (never a silent choice of one column).
    """
    mapping: dict[str, int] = {}
    for index, name in _header_fields(kind, headers):
        mapping.setdefault(name, index)
    return mapping


def duplicate_columns(kind: str, headers: list[str]) -> dict[str, list[int]]:
    """Fields that two or more header cells of this kind of sheet name: field -> column indexes."""
    found: dict[str, list[int]] = {}
    for index, name in _header_fields(kind, headers):
        found.setdefault(name, []).append(index)
    return {name: columns for name, columns in found.items() if len(columns) > 1}


def year_columns(headers: list[object]) -> dict[int, int]:
    """Column index -> year for the wide ratings layout ("Họ và tên | 2022 | Năm 2023 | XL năm 2024")."""
    return {
        index: year
        for index, header in enumerate(headers)
        if (year := year_of_header(header, among_words=True)) is not None
    }


def _score(kind: str) -> Callable[[list[str]], int]:
    def score(cells: list[str]) -> int:
        known = len(guess_mapping(kind, cells))
        if kind in _RATING_KINDS:
            known += len(year_columns(list(cells)))
        return known * 100 + sum(1 for c in cells if c) if known else 0

    return score


@dataclass
class HistorySource:
    """The recognised sheets of one workbook, each as a :class:`SourceTable` (header found, text fixed)."""

    path: Path
    tables: dict[str, SourceTable]
    raw_headers: dict[str, list[object]]
    ignored_sheets: list[str] = field(default_factory=list)  # hidden sheets included
    hidden_sheets: list[str] = field(default_factory=list)


def _refuse_second_sheet(path: Path, book: spreadsheet.Book, name: str, first: str, kind: str) -> None:
    """A second visible sheet of a kind already read ("Xếp loại 2020" after "Xếp loại 2019") with rows in it: one
    sheet per kind is read, so its rows would be left out without a word. Refused before anything is written; a
    sheet with nothing below its header (an empty template copy, title lines included) is only listed with the
    ignored sheets."""
    rows = book.read(name).rows
    if not rows or not any(
        cell_text(c)
        for _number, cells in rows[spreadsheet.find_header_row(rows, score=_score(kind)) + 1 :]
        for c in cells
    ):
        return
    raise ImportFileError(
        _(
            "Tệp {path} có hai trang cùng là “{label}”: “{first}” và “{name}”. Mỗi loại chỉ nhập từ một trang, nên "
            "các dòng của trang “{name}” sẽ bị bỏ sót: hãy chép các dòng đó vào trang “{first}” (hoặc nhập từng tệp "
            "riêng), rồi nhập lại. Chưa nhập gì."
        ).format(path=path, label=_(SHEET_LABELS[kind]), first=first, name=name)
    )


def read_workbook(path: Path) -> HistorySource:
    """Every VISIBLE sheet whose name says which history it holds; ImportFileError if none or unreadable.

    Hidden sheets (an old "Xếp loại (cũ)" kept out of sight) are never read: they are listed with the other
    ignored sheets, as are chart sheets and an empty second sheet of a kind already found; a second one with rows
    is refused (:func:`_refuse_second_sheet`).
    """
    path = Path(path)
    expected = ", ".join(f"“{_(label)}”" for label in SHEET_LABELS.values())
    names: list[str] = []
    try:
        if not path.is_file() or path.suffix.lower() not in (".xlsx", ".xlsm"):
            spreadsheet.read_rows(path)  # missing file, folder, .xls, unknown type: its own message
            raise ImportFileError(
                _("Tệp {path}: lịch sử thi đua phải nhập từ tệp Excel .xlsx có các trang {sheets}.").format(
                    path=path, sheets=expected
                )
            )
        tables: dict[str, SourceTable] = {}
        raw_headers: dict[str, list[object]] = {}
        ignored: list[str] = []
        hidden: list[str] = []
        with spreadsheet.open_book(path) as book:
            names = [info.name for info in book.sheets]
            for info in book.sheets:
                kind = sheet_kind(info.name)
                if not info.visible:
                    hidden.append(info.name)
                if kind is not None and kind in tables and info.visible and info.part:
                    _refuse_second_sheet(path, book, info.name, tables[kind].sheet, kind)
                if kind is None or kind in tables or not info.visible or not info.part:
                    ignored.append(info.name)
                    continue
                raw = book.read(info.name)
                if not raw.rows:
                    tables[kind] = SourceTable(path=path, sheet=info.name, headers=[], header_row=0, rows=[])
                    raw_headers[kind] = []
                    continue
                index = spreadsheet.find_header_row(raw.rows, score=_score(kind))
                header_number, header_cells = raw.rows[index]
                spreadsheet.spread_merged_down(raw, header_number + 1)  # a year or a name merged down its rows
                body = raw.rows[index + 1 :]
                if body and spreadsheet.is_column_numbering(body[0][1]):
                    body = body[1:]
                tables[kind] = SourceTable(
                    path=path,
                    sheet=info.name,
                    headers=[cell_text(c) for c in header_cells],
                    header_row=header_number,
                    rows=body,
                    encoding_note=spreadsheet.encoding_note(raw.converted),
                    hidden_rows=raw.hidden_rows,
                    hidden_columns={column - 1 for column in raw.hidden_columns},
                    epoch_1904=raw.epoch_1904,
                )
                raw_headers[kind] = list(header_cells)
    except ImportFileError:
        raise
    except SpreadsheetError as exc:
        raise ImportFileError(str(exc)) from None
    if not tables:
        raise ImportFileError(
            _("Tệp {path} không có trang nào tên {sheets} (các trang trong tệp: {names}).").format(
                path=path, sheets=expected, names=", ".join(names) or "—"
            )
            + (" " + _("Các trang bị ẩn không được đọc: {names}.").format(names=", ".join(hidden)) if hidden else "")
        )
    return HistorySource(
        path=path, tables=tables, raw_headers=raw_headers, ignored_sheets=ignored, hidden_sheets=hidden
    )
