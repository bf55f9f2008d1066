"""The preview the clerk sees before anything is written: rows, sheets and the whole workbook, with counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.ops.history_import.fields import KINDS, OPTIONAL_KINDS, SHEET_LABELS
from desktop.ops.staff_import import SourceTable


@dataclass
class HistoryRow:
    """One record to write (a wide ratings row gives one per year cell)."""

    kind: str
    sheet: str
    row_number: int
    values: dict[str, str]
    person: str = ""  # "CB00012 Nguyễn Văn Sơn", or the collective's name
    staff_code: str = ""
    what: str = ""  # the record in a few words: "2023: HTXSNV"
    record: dict[str, Any] | None = None
    key: tuple[Any, ...] = ()  # what makes two rows one record (see known.Existing); set with the record
    problems: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # the fields the problems are about
    old: str | None = None  # for an update: the value it replaces
    # for an update of an initiative, discipline or leave: the stored row's id and the fields the row changes
    record_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    same_as: str | None = None  # for unchanged: where the same record already is
    state: str = "new"  # new | update | unchanged (before problems are considered)

    @property
    def status(self) -> str:
        if self.problems or self.record is None:
            return "error"
        return self.state

    def add_problem(self, name: str, label: str, message: str) -> None:
        self.problems.append(_("{field}: {message}").format(field=label, message=message))
        if name not in self.fields:
            self.fields.append(name)


def _empty_counts(total: int = 0) -> dict[str, int]:
    return {"total": total, "new": 0, "update": 0, "unchanged": 0, "error": 0}


@dataclass
class SheetPreview:
    kind: str
    table: SourceTable
    mapping: dict[str, int]
    rows: list[HistoryRow]
    layout: str = "long"  # "wide": ratings with one column per year
    problems: list[str] = field(default_factory=list)  # the sheet as a whole (a missing column)

    @property
    def sheet(self) -> str:
        return self.table.sheet

    @property
    def label(self) -> str:
        return _(SHEET_LABELS[self.kind])

    @property
    def counts(self) -> dict[str, int]:
        result = _empty_counts(len(self.rows))
        for row in self.rows:
            result[row.status] += 1
        return result

    def good_rows(self) -> list[HistoryRow]:
        return [row for row in self.rows if row.status in ("new", "update")]


@dataclass
class HistoryPreview:
    path: Path
    sheets: list[SheetPreview]
    ignored_sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        present = {sheet.kind for sheet in self.sheets}
        return [kind for kind in KINDS if kind not in present and kind not in OPTIONAL_KINDS]

    @property
    def rows(self) -> list[HistoryRow]:
        return [row for sheet in self.sheets for row in sheet.rows]

    @property
    def counts(self) -> dict[str, int]:
        result = _empty_counts()
        for sheet in self.sheets:
            for key, value in sheet.counts.items():
                result[key] += value
        return result

    def good_rows(self) -> list[HistoryRow]:
        return [row for sheet in self.sheets for row in sheet.good_rows()]

    def sheet(self, kind: str) -> SheetPreview | None:
        return next((s for s in self.sheets if s.kind == kind), None)

    @property
    def encoding_note(self) -> str:
        notes = [f"{s.sheet}: {s.table.encoding_note}" for s in self.sheets if s.table.encoding_note]
        return "; ".join(notes)
