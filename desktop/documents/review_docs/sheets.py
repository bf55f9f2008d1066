"""The .xlsx side of the lists: the toolkit's list writer, with the lines printed under the table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.documents import blocks as b
from desktop.documents.fonts import OFFICE_FONT_NAME
from desktop.documents.xlsx_lists import ListColumn, write_list_xlsx
from desktop.i18n import _


@dataclass(frozen=True)
class XlsxList:
    """What :func:`write_list_xlsx` needs for one list, plus lines printed under the table ("Bằng chữ: …")."""

    title: str
    columns: list[ListColumn]
    rows: list[list[Any]]
    subtitle: str = ""
    totals: dict[str | int, Any] | None = None
    landscape: bool = True
    sheet_name: str = "Danh sách"
    footer_lines: tuple[str, ...] = field(default_factory=tuple)


def write_xlsx(spec: XlsxList, path: Path | str) -> Path:
    """Write ``spec`` with the toolkit's list writer, then add the footer lines under the table."""
    target = write_list_xlsx(
        path,
        title=spec.title,
        subtitle=spec.subtitle,
        columns=spec.columns,
        rows=spec.rows,
        totals=spec.totals,
        landscape=spec.landscape,
        sheet_name=spec.sheet_name,
    )
    if spec.footer_lines:
        _append_footer(target, spec.footer_lines, len(spec.columns))
    return target


def _append_footer(path: Path, lines: Sequence[str], width: int) -> None:
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    with path.open("rb") as handle:  # a file object: openpyxl refuses a path without an .xlsx suffix
        workbook = load_workbook(handle)
    sheet = workbook.active
    assert sheet is not None
    row = sheet.max_row + 1
    for line in lines:
        row += 1
        cell = sheet.cell(row=row, column=1, value=line)
        cell.font = Font(name=OFFICE_FONT_NAME, size=12, italic=True)
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    with b.replace_atomically(path, ".xlsx") as temp:
        try:
            workbook.save(temp)
        except OSError as exc:
            raise b.DocumentError(_("Không ghi được tệp {path}: {error}").format(path=path, error=exc)) from exc
