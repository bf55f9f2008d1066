"""The .xlsx side of the lists: the toolkit's list writer, with the lines printed under the table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.documents.xlsx_lists import ListColumn, write_list_xlsx


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
    """Write ``spec`` with the toolkit's list writer, footer lines included, in one atomic save.

    The lines under the table are part of the same workbook (a second pass after the list was already under its
    final name left a list without its total in words or its "do not pay" status when it failed).
    """
    return write_list_xlsx(
        path,
        title=spec.title,
        subtitle=spec.subtitle,
        columns=spec.columns,
        rows=spec.rows,
        totals=spec.totals,
        landscape=spec.landscape,
        sheet_name=spec.sheet_name,
        footer_lines=spec.footer_lines,
    )
