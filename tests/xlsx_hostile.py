"""Hostile and awkward .xlsx files, built for real in a test's tmp_path (issue 12, point 4).

Each starts as a valid workbook saved by openpyxl; the sheet's XML is then replaced by one written here, streamed
into the zip so that building a file whose sheet is hundreds of megabytes once inflated costs no memory.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(ref: str, value: object = None) -> str:
    """One cell: an inline string, a number, or an empty styled cell (``value`` None)."""
    if value is None:
        return f'<c r="{ref}" s="0"/>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_text(str(value))}</t></is></c>'


def row(number: int, cells: Iterable[str]) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def write_xlsx(
    path: Path, rows: Iterable[str], *, dimension: str = "", merged: Iterable[str] = (), title: str = "Danh sách"
) -> Path:
    """A one-sheet workbook (``title``) whose sheet XML is ``rows`` (streamed) with ``dimension`` and merges."""
    book = Workbook()
    assert book.active is not None
    book.active.title = title
    template = path.with_suffix(".template.xlsx")
    book.save(template)

    def sheet() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'.encode()
        if dimension:
            yield f'<dimension ref="{dimension}"/>'.encode()
        yield b"<sheetData>"
        batch: list[str] = []
        for text in rows:
            batch.append(text)
            if len(batch) >= 2000:
                yield "".join(batch).encode()
                batch.clear()
        yield "".join(batch).encode()
        yield b"</sheetData>"
        ranges = list(merged)
        if ranges:
            body = "".join(f'<mergeCell ref="{ref}"/>' for ref in ranges)
            yield f'<mergeCells count="{len(ranges)}">{body}</mergeCells>'.encode()
        yield b"</worksheet>"

    replace_part(template, path, "xl/worksheets/sheet1.xml", sheet())
    template.unlink()
    return path


def replace_part(source: Path, target: Path, part: str, chunks: Iterable[bytes]) -> None:
    """Copy ``source`` to ``target`` with ``part`` written from ``chunks`` (deflated, streamed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
        for info in old.infolist():
            if info.filename == part:
                entry = zipfile.ZipInfo(part, date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with new.open(entry, "w", force_zip64=True) as out:
                    for chunk in chunks:
                        out.write(chunk)
            else:
                with old.open(info) as data, new.open(info, "w") as out:
                    shutil.copyfileobj(data, out)


def far_columns(path: Path, rows: int = 20_000, *, empty: bool = False, title: str = "Danh sách") -> Path:
    """People in column A and a cell in the last column (XFD) of every row, under a sheet-wide dimension.

    ``empty``: the far cells are styled but hold nothing (a whole row formatted by the clerk).
    """
    body = (
        row(n, [cell(f"A{n}", "Họ và tên" if n == 1 else f"Người số {n}"), cell(f"XFD{n}", None if empty else "x")])
        for n in range(1, rows + 1)
    )
    return write_xlsx(path, body, dimension="A1:XFD1048576", title=title)


def many_rows(path: Path, rows: int, *, title: str = "Danh sách") -> Path:
    body = (row(n, [cell(f"A{n}", "Họ và tên" if n == 1 else f"Người số {n}")]) for n in range(1, rows + 1))
    return write_xlsx(path, body, title=title)


def inflating(path: Path, megabytes: int, *, title: str = "Danh sách") -> Path:
    """A zip bomb: a sheet of ``megabytes`` MB once inflated, under 1 MB on disk."""
    text = "Nguyễn Văn Sơn " * 60
    one = row(2, [cell("A2", text)])
    count = megabytes * 1024 * 1024 // len(one.encode()) + 1
    body = [row(1, [cell("A1", "Họ và tên")])]
    return write_xlsx(path, [*body, *(one for _ in range(count))], title=title)


def crowded(path: Path, entries: int, *, title: str = "Danh sách") -> Path:
    """A small real workbook with ``entries`` empty parts added: a central directory far past any workbook's."""
    import zipfile

    many_rows(path, 3, title=title)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as archive:
        for number in range(entries):
            archive.writestr(zipfile.ZipInfo(f"x/{number}"), b"")
    return path
