"""Import the history the engine reads: yearly ratings, initiatives, discipline, leave and awards received.

Collectives have rows too: in "Xếp loại" and "Khen thưởng" a row whose "Tập thể" cell names a department (and no
person) is that collective's own rating or award (:meth:`_Checker.subject` decides who a row is about, for every
sheet that has the column); the optional "Xếp loại tập thể" sheet holds collectives' ratings only.

Clerks keep these in old Excel registers, one sheet per kind. One workbook is read, every sheet it
has is checked against the staff list and the rule pack, and the clerk sees a preview (new, update,
unchanged, error) before anything is written. The good rows of all sheets then go into the database
in ONE transaction; rows with problems are reported with sheet, row and field and never written.

The reading, the preview objects and the cancel/progress contract mirror :mod:`desktop.ops.staff_import`.

Award source rule: an award whose issuer ("Cơ quan ban hành") is the unit itself (the issuer text,
ignoring accents, case and "UBND" abbreviations, contains the unit's name, or is just "đơn vị", "xã"
or "UBND xã") is stored with source ``"import"``; every other award, including one with no issuer
written, came from above (``"above"``), which is what old registers mostly hold.

The package's modules, in the order an import goes through them: :mod:`.fields` (the kinds of sheet, their
fields and header words), :mod:`.reading` (sheets and columns of a workbook), :mod:`.known` (what the database
already holds), :mod:`.cells` and :mod:`.checker` (one cell, one row), :mod:`.checking` (every sheet, into a
:class:`HistoryPreview` from :mod:`.preview`), :mod:`.writing` (one transaction) and :mod:`.report`.
"""

from __future__ import annotations

from desktop.ops.history_import.checking import preview_history
from desktop.ops.history_import.fields import KINDS, SHEET_FIELDS, SHEET_LABELS
from desktop.ops.history_import.known import award_code, award_source
from desktop.ops.history_import.preview import HistoryPreview, HistoryRow, SheetPreview
from desktop.ops.history_import.reading import (
    HistorySource,
    duplicate_columns,
    guess_mapping,
    read_workbook,
    sheet_kind,
    year_columns,
)
from desktop.ops.history_import.report import HistoryImportReport, import_history_file
from desktop.ops.history_import.writing import apply_history
from desktop.ops.staff_import import ImportCancelled, ImportFileError

__all__ = [
    "KINDS",
    "SHEET_FIELDS",
    "SHEET_LABELS",
    "HistoryImportReport",
    "HistoryPreview",
    "HistoryRow",
    "HistorySource",
    "ImportCancelled",
    "ImportFileError",
    "SheetPreview",
    "apply_history",
    "award_code",
    "award_source",
    "duplicate_columns",
    "guess_mapping",
    "import_history_file",
    "preview_history",
    "read_workbook",
    "sheet_kind",
    "year_columns",
]
