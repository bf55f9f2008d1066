"""Lists exported to Excel (.xlsx) ready to print: a merged title, a bordered header, real numbers and dates.

Money cells hold numbers with the "#,##0" format, so Excel shows them grouped in the user's own locale
(2.340.000 on a Vietnamese Windows) and the clerk can still sum them; dates are real dates shown as
dd/mm/yyyy. The page is set up for A4, fitted to the page width, with the header row repeated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NamedTuple

from desktop.documents.blocks import DocumentError, replace_atomically
from desktop.documents.fonts import OFFICE_FONT_NAME
from desktop.documents.xlsx_cells import set_cell
from desktop.i18n import _

Kind = Literal["text", "money", "int", "date"]
KINDS = ("text", "money", "int", "date")
MONEY_FORMAT = "#,##0"
INT_FORMAT = "0"
DATE_FORMAT = "dd/mm/yyyy"
TOTAL_LABEL = "Tổng cộng"
_FONT_SIZE = 12


class ListColumn(NamedTuple):
    """A column: header text, width in characters, and what its cells hold ("text", "money", "int", "date")."""

    title: str
    width: float = 15
    kind: Kind = "text"


def _cell_value(value: Any, kind: str, column: str, row: int) -> Any:
    """The value as Excel should store it: numbers as numbers, dates as dates; a clear error otherwise."""
    if value is None or value == "":
        return None
    try:
        if kind in ("money", "int"):
            if isinstance(value, bool):
                raise ValueError(value)
            if isinstance(value, str):
                value = Decimal(value.replace(".", "").replace(",", ".").replace(" ", ""))
            number = Decimal(value)
            return int(number) if number == number.to_integral_value() else float(number)
        if kind == "date":
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            return date.fromisoformat(str(value)[:10])
    except (ValueError, ArithmeticError, TypeError):
        message = _("Giá trị “{value}” ở dòng {row}, cột “{column}” không phải là {kind}.")
        kind_name = {"money": _("số tiền"), "int": _("số nguyên"), "date": _("ngày (năm-tháng-ngày)")}[kind]
        raise DocumentError(message.format(value=value, row=row, column=column, kind=kind_name)) from None
    return value if isinstance(value, str) else str(value)


def write_list_xlsx(
    path: Path | str,
    *,
    title: str,
    subtitle: str = "",
    columns: Sequence[ListColumn | tuple[str, float, str]],
    rows: Sequence[Sequence[Any]],
    totals: Mapping[str | int, Any] | None = None,
    landscape: bool = False,
    sheet_name: str = "Danh sách",
    footer_lines: Sequence[str] = (),
) -> Path:
    """Write one sheet: merged bold title (+ italic subtitle), bordered header, data, an optional totals row.

    ``totals`` maps a column (its title or 0-based index) to the value shown in the bold "Tổng cộng" row;
    the label goes in the first column unless that column has a total of its own. ``footer_lines`` ("Bằng chữ: …",
    notes, the list's status) are printed in italics under the table, one merged row each, through the same safe
    cell writer as the table.
    Everything is written to one temporary file beside ``path`` and moved into place only when whole, so a failure
    never leaves half a list (one without its total in words or its status) nor spoils an earlier good copy.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    specs = [ListColumn(*c) for c in columns]
    if not specs:
        raise DocumentError(_("Danh sách không có cột nào."))
    for spec in specs:
        if spec.kind not in KINDS:
            message = _("Cột “{column}” có kiểu không hợp lệ: {kind}.")
            raise DocumentError(message.format(column=spec.title, kind=spec.kind))
    count = len(specs)
    last_letter = get_column_letter(count)

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = (sheet_name or "Sheet1")[:31]
    thin = Side(style="thin", color="000000")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    font = Font(name=OFFICE_FONT_NAME, size=_FONT_SIZE)
    bold = Font(name=OFFICE_FONT_NAME, size=_FONT_SIZE, bold=True)
    horizontal = {"text": "left", "money": "right", "int": "center", "date": "center"}
    formats = {"money": MONEY_FORMAT, "int": INT_FORMAT, "date": DATE_FORMAT}

    row_index = 1
    set_cell(sheet, 1, 1, title).font = Font(name=OFFICE_FONT_NAME, size=14, bold=True)
    sheet.merge_cells(f"A1:{last_letter}1")
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 22
    if subtitle:
        row_index = 2
        set_cell(sheet, 2, 1, subtitle).font = Font(name=OFFICE_FONT_NAME, size=_FONT_SIZE, italic=True)
        sheet.merge_cells(f"A2:{last_letter}2")
        sheet["A2"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_row = row_index + 2  # one blank row under the title

    for col, spec in enumerate(specs, start=1):
        cell = set_cell(sheet, header_row, col, spec.title)
        cell.font = bold
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = spec.width

    alignments = {
        kind: Alignment(horizontal=horizontal[kind], vertical="center", wrap_text=kind == "text") for kind in KINDS
    }
    current = header_row
    for number, values in enumerate(rows, start=1):
        current = header_row + number
        if len(values) != count:
            message = _("Dòng {row} của danh sách có {found} ô, cần {count} ô.")
            raise DocumentError(message.format(row=number, found=len(values), count=count))
        for col, (spec, raw) in enumerate(zip(specs, values, strict=True), start=1):
            cell = set_cell(sheet, current, col, _cell_value(raw, spec.kind, spec.title, number))
            cell.font = font
            cell.border = border
            cell.alignment = alignments[spec.kind]
            if spec.kind in formats:
                cell.number_format = formats[spec.kind]

    if totals:
        current += 1
        by_index: dict[int, Any] = {}
        titles = [s.title for s in specs]
        for key, value in totals.items():
            index = key if isinstance(key, int) else titles.index(key) if key in titles else -1
            if not 0 <= index < count:
                raise DocumentError(_("Dòng tổng cộng nhắc tới cột không có: “{column}”.").format(column=key))
            by_index[index] = value
        by_index.setdefault(0, TOTAL_LABEL)
        span = 1
        while span < count and span not in by_index:
            span += 1
        for col, spec in enumerate(specs, start=1):
            raw = by_index.get(col - 1)
            value = raw if col == 1 and raw == TOTAL_LABEL else _cell_value(raw, spec.kind, spec.title, len(rows) + 1)
            cell = set_cell(sheet, current, col, value)
            cell.font = bold
            cell.border = border
            cell.alignment = alignments[spec.kind]
            if spec.kind in formats:
                cell.number_format = formats[spec.kind]
        if span > 1:
            sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=span)
            sheet.cell(row=current, column=1).alignment = Alignment(horizontal="center", vertical="center")

    current += 1  # one blank row under the table
    for line in footer_lines:
        current += 1
        cell = set_cell(sheet, current, 1, line)
        cell.font = Font(name=OFFICE_FONT_NAME, size=_FONT_SIZE, italic=True)
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if count > 1:
            sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=count)

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins  # inches: 20/20/30/15 mm as on paper documents
    margins.top, margins.bottom, margins.left, margins.right = 0.79, 0.79, 1.18, 0.59
    workbook.properties.title = title
    workbook.properties.language = "vi-VN"

    target = Path(path)
    with replace_atomically(target, ".xlsx") as temp:
        try:
            workbook.save(temp)
        except OSError as exc:
            raise DocumentError(_("Không ghi được tệp {path}: {error}").format(path=target, error=exc)) from exc
    return target


__all__ = ["DATE_FORMAT", "INT_FORMAT", "KINDS", "MONEY_FORMAT", "TOTAL_LABEL", "ListColumn", "write_list_xlsx"]
