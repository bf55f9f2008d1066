"""The one place where values go into .xlsx cells: data never becomes a formula, and nothing breaks the file.

Every writer of .xlsx files (staff export, document lists, the reports page, the window's exports) puts its values
through :func:`put` / :func:`set_cell` / :func:`write_row`:

- Text that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is written as a TEXT cell (openpyxl would
  store a leading "=" as a live formula, and Excel re-reads the others as one when the clerk edits the cell): the
  value is set, then ``data_type = "s"`` and the cell gets Excel's "quote prefix" so it stays text even after an edit.
  A staff name ``=cmd|' /C calc'!A0`` or ``=HYPERLINK(...)`` is shown as typed, never run.
- Numbers, dates and booleans stay what they are, so totals can still be summed and dates sorted.
- Characters an .xlsx cannot hold are dropped (openpyxl's ``ILLEGAL_CHARACTERS_RE``: control characters other than
  tab, newline and carriage return; also lone surrogates and U+FFFE/U+FFFF, which XML forbids), and text is cut at
  Excel's limit of 32,767 characters per cell: data already stored with such characters still exports.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# Leading characters that make a spreadsheet program read text as a formula (OWASP "CSV injection" list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_CELL_CHARS = 32_767
_UNSTORABLE = re.compile(ILLEGAL_CHARACTERS_RE.pattern + "|[\ud800-\udfff\ufffe\uffff]")
_PLAIN = (int, float, Decimal, datetime, date, time, timedelta)


def storable_text(text: str) -> str:
    """``text`` without the characters an .xlsx cannot hold, at most 32,767 characters."""
    if _UNSTORABLE.search(text):
        text = _UNSTORABLE.sub("", text)
    return text[:EXCEL_MAX_CELL_CHARS]


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def put(cell: Any, value: object) -> Any:
    """Store ``value`` in ``cell`` (an openpyxl cell) the safe way; returns the cell."""
    if value is None or isinstance(value, bool):
        cell.value = value
        return cell
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)  # Excel has no NaN or infinity: show the word rather than write a broken number
    if isinstance(value, _PLAIN):
        cell.value = value
        return cell
    text = storable_text(value if isinstance(value, str) else str(value))
    cell.value = text
    cell.data_type = "s"  # also undoes openpyxl's own "=..." → formula guess
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def set_cell(sheet: Any, row: int, column: int, value: object) -> Any:
    """``sheet.cell(row, column)`` with ``value`` stored through :func:`put`; returns the cell."""
    return put(sheet.cell(row=row, column=column), value)


def write_row(sheet: Any, row: int, values: Iterable[object], *, start_column: int = 1) -> list[Any]:
    """One row of values from ``start_column`` on, each through :func:`put`; returns the cells."""
    return [set_cell(sheet, row, column, value) for column, value in enumerate(values, start=start_column)]


def new_sheet(title: str, headers: Iterable[object]) -> tuple[Any, Any]:
    """A workbook and its one sheet, named ``title`` (cut to Excel's 31 characters), ``headers`` in bold on row 1."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for cell in write_row(sheet, 1, headers):
        cell.font = Font(bold=True)
    return workbook, sheet


__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "FORMULA_TRIGGERS",
    "is_formula_like",
    "new_sheet",
    "put",
    "set_cell",
    "storable_text",
    "write_row",
]
