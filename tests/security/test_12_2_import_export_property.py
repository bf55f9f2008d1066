"""Issue 12, points 1 and 2 — a property test: whatever text a staff file brings in, the export never carries a
formula, never a control character, and otherwise gives back the text as it came in (NFC, trimmed).

Hypothesis builds the text from formula starts ("=HYPERLINK(…)", "+1", "-2", "@SUM", "\\t=1"), control characters
(NUL, ESC, VT, C1, DEL, the right-to-left override), decomposed (NFD) Vietnamese and ordinary letters, puts it in the
name, position, department and notes of a staff .xlsx made here (control characters written the way Excel escapes
them, ``_x001B_``), imports it, exports the staff list and reads the export back. For every row of the file:

- a field the one input function refuses makes the row an error naming that field, and the row is not stored;
- a row stored comes out of the export with every cell a text (never ``data_type == "f"``), a formula-like text
  marked as text the way ``desktop/documents/xlsx_cells.py`` does (quote prefix), no control character, and the same
  text as ``clean_input`` made of the file's text;
- a row that is neither stored nor refused for its text is an error with its reason (never silently dropped).
"""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from desktop.documents.xlsx_cells import FORMULA_TRIGGERS, put
from desktop.domain.text import InputTextError, clean_input, is_refused_character, nfc
from desktop.ops.staff_import import TEXT_LIMITS, export_staff, import_staff_file
from desktop.store import open_store

FORMULAS = ['=HYPERLINK("http://evil.example/x","Xem")', "+1", "-2", "@SUM(A1:A2)", "\t=1", "=cmd|' /C calc'!A0", "="]
CONTROLS = ["\x00", "\x1b", "\x0b", "\x07", "\x7f", "\x85", "\x9b", "\u202e", "\u2066"]
NFD = [unicodedata.normalize("NFD", word) for word in ("Nguyễn", "Thị", "Ánh", "Đặng", "Hưởng", "Lũng Cú")]
WORDS = ["Văn", "Sơn", "Mỷ", "Giàng", "Seo", "Phử", " ", "  ", "kế toán", "(cũ)"]

clean_piece = st.one_of(st.sampled_from(FORMULAS), st.sampled_from(NFD), st.sampled_from(WORDS))
dirty_piece = st.one_of(clean_piece, st.sampled_from(CONTROLS))
clean_text = st.lists(clean_piece, min_size=1, max_size=5).map("".join)
dirty_text = st.lists(dirty_piece, min_size=1, max_size=5).map("".join)
text = st.one_of(clean_text, clean_text, clean_text, clean_text, dirty_text)  # a fair share of rows stored whole
COLUMNS = {"full_name": "Họ và tên", "position": "Chức vụ", "department": "Phòng ban", "notes": "Ghi chú"}
EXPORTED_AT = {"full_name": 2, "position": 6, "department": 8, "notes": 13}  # columns of ``export_staff``


def _as_excel_writes(value: str) -> str:
    """Characters XML cannot hold, as Excel escapes them in the file (``_x001B_``); the reader turns them back."""
    return "".join(f"_x{ord(ch):04X}_" if ord(ch) < 0x20 and ch not in "\t\n\r" else ch for ch in value)


def _staff_file(path: Path, rows: list[dict[str, str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    for column, label in enumerate(["Ngày sinh", *COLUMNS.values()], start=1):
        put(sheet.cell(1, column), label)
    for number, row in enumerate(rows, start=2):
        put(sheet.cell(number, 1), f"{number - 1:02d}/01/1980")  # the birth date tells the rows apart
        for column, name in enumerate(COLUMNS, start=2):
            put(sheet.cell(number, column), _as_excel_writes(row[name]))  # text cells, as a clerk's file has
    book.save(path)
    return path


def _expected(row: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """What ``clean_input`` makes of each field, and the fields it refuses."""
    cleaned: dict[str, str] = {}
    refused: list[str] = []
    for name, value in row.items():
        limit, multiline = TEXT_LIMITS.get(name, (200, False))
        try:
            cleaned[name] = nfc(clean_input(value, field=name, multiline=multiline, max_length=limit))
        except InputTextError:
            refused.append(name)
    return cleaned, refused


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.fixed_dictionaries({name: text for name in COLUMNS}), min_size=1, max_size=4))
def test_formulas_and_control_characters_through_import_and_export(rows, _unit_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("property")
    db = folder / "tdkt.sqlite3"
    shutil.copyfile(_unit_template, db)
    store = open_store(db)
    try:
        source = _staff_file(folder / "can-bo.xlsx", rows)
        report = import_staff_file(store, source)
        target = folder / "xuat.xlsx"
        export_staff(store, target)
    finally:
        store.close()

    by_row = {row.row_number: row for row in report.preview.rows}
    sheet = load_workbook(target).active
    exported: dict[date, dict[str, object]] = {}
    header = next(cells[0].row for cells in sheet.iter_rows() if cells[3].value == "Ngày sinh")
    names = [cell.value for cell in sheet[header]]
    assert [names[column - 1] for column in EXPORTED_AT.values()] == ["Họ và tên", "Chức vụ", "Phòng ban", "Ghi chú"]
    for cells in sheet.iter_rows(min_row=header + 1):
        for cell in cells:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert not any(is_refused_character(ch, multiline=True) for ch in cell.value), cell.value
                if cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
        born = cells[3].value
        assert isinstance(born, datetime)
        exported[born.date()] = {name: cells[column - 1].value for name, column in EXPORTED_AT.items()}

    for number, row in enumerate(rows, start=2):
        cleaned, refused = _expected(row)
        preview = by_row.get(number)
        born = date(1980, 1, number - 1)
        event("refused for its text" if refused else "stored" if born in exported else "other error")
        if refused:
            assert preview is not None and preview.status == "error", (row, preview)
            assert born not in exported
            named = {problem.split(":")[0] for problem in preview.problems}
            assert named & {COLUMNS[name] for name in refused}, (preview.problems, refused)
        elif born in exported:
            for name, value in cleaned.items():
                assert (exported[born][name] or "") == value, (name, row[name], exported[born][name])
        elif preview is not None:  # e.g. a name with digits, or no name: an error with its reason, never dropped
            assert preview.status in ("error", "duplicate") and (preview.problems or preview.duplicate_of), preview
        else:
            assert not any(cleaned.values()), (number, row)  # only a row with nothing in it is skipped
