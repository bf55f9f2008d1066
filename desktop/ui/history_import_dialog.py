"""Import the history registers (ratings of people and collectives, initiatives, discipline, leave, awards) from
one Excel workbook.

The clerk picks the file and sees one tab per recognised sheet, every row with its status (new,
update, unchanged, error), the person it was matched to and the problems, before anything is
written. The good rows of all sheets are then written off the UI thread, on the worker's own
database connection, in one transaction: cancelling or a failure leaves the database as it was
(:class:`desktop.ui.import_dialog_base.ImportDialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QLayout, QTabWidget, QVBoxLayout, QWidget

from desktop.i18n import N_, _
from desktop.ops import history_import
from desktop.ui.context import AppContext
from desktop.ui.import_dialog_base import ImportDialog, RowsModel, rows_view
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import show_reason_in
from desktop.ui.widgets import ERROR_STYLE, wrapped_label

STATUS_LABELS = {"new": N_("Mới"), "update": N_("Sửa"), "unchanged": N_("Đã có"), "error": N_("Có lỗi")}
STATUS_COLOURS = {"new": "#1b7f3b", "update": "#1f5fa8", "unchanged": "#666666", "error": "#b00020"}
_PERSON_FIELDS = ("staff_code", "full_name", "birth_date", "collective")


def problems_text(row: Any) -> str:
    parts = [str(p) for p in row.problems]
    if not parts and row.status == "unchanged" and row.same_as:
        parts.append(_("Bỏ qua: {where}.").format(where=row.same_as))
    return "; ".join(parts)


def content_text(row: Any) -> str:
    """What the row records; for a row with problems, the cells as written."""
    if row.what:
        return str(row.what)
    return " · ".join(v for k, v in row.values.items() if v and k not in _PERSON_FIELDS)


def person_text(row: Any) -> str:
    if row.person:
        return str(row.person)
    return " ".join(v for k in ("staff_code", "full_name", "collective") if (v := row.values.get(k, "")))


class HistoryRowsModel(RowsModel):
    """Rows of one sheet's preview: row number, status (coloured), person, content, problems."""

    HEADERS = (N_("Dòng"), N_("Trạng thái"), N_("Người / tập thể"), N_("Nội dung"), N_("Vấn đề"))
    STATUS_LABELS = STATUS_LABELS
    STATUS_COLOURS = STATUS_COLOURS
    BOLD_STATUSES = frozenset({"error", "update"})
    TOOLTIP_COLUMNS = (3, 4)

    def cell(self, row: Any, column: int) -> str:
        if column == 2:
            return person_text(row)
        if column == 3:
            return content_text(row)
        return problems_text(row)


class _SheetTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems_label = wrapped_label()
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.counts_label = QLabel()
        self.model = HistoryRowsModel(self)
        self.view = rows_view(self.model, (55, 80, 200, 260))
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.view, 1)


def counts_text(counts: dict[str, int]) -> str:
    return _("{total} dòng: {new} mới, {update} sửa, {unchanged} đã có, {error} có lỗi").format(**counts)


class HistoryImportDialog(ImportDialog):
    """File → per-sheet preview → import. :attr:`written` holds the last import's counts."""

    TITLE = N_("Nhập lịch sử thi đua từ tệp Excel")
    SIZE = (1040, 660)
    FILE_HINT = N_(
        "Chưa chọn tệp. Tệp Excel (.xlsx) có các trang “Xếp loại” (cột “Tập thể” cho xếp loại của tập thể), "
        "“Xếp loại tập thể”, “Sáng kiến”, “Kỷ luật”, “Nghỉ dài ngày”, “Khen thưởng” (có trang nào nhập trang "
        "đó)."
    )
    CHOOSE_TITLE = N_("Chọn tệp lịch sử thi đua")
    FILE_FILTER = N_("Bảng tính Excel (*.xlsx)")
    IMPORT_LABEL = N_("Ghi dòng hợp lệ")
    IMPORT_COUNT = N_("Ghi {n} dòng hợp lệ")
    BUSY = N_("Đang ghi…")
    PROGRESS = N_("Đang ghi {done} / {total} dòng…")
    JOB_TITLE = N_("Nhập lịch sử thi đua")
    CHANGES = "history"
    FAILED = N_("Không ghi được; chưa có dòng nào được ghi: {reason}")
    CANCELLED = N_("Đã hủy. Chưa có dòng nào được ghi.")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.written: dict[str, int] = {"inserted": 0, "updated": 0}
        self.tabs_by_kind: dict[str, _SheetTab] = {}
        self.note_label.setVisible(False)
        self._update_counts()

    def build_body(self, layout: QLayout) -> None:
        self.tabs = QTabWidget()
        middle, self.only_problems = self.counts_row(self._on_only_problems)
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(middle)
        layout.addWidget(self.tabs, 1)

    # -- step 1: the file -----------------------------------------------------------------------
    def load_file(self, path: Path) -> bool:
        """Read the workbook and show its preview; False (with the reason shown) if it cannot be read."""
        self._show_error("")
        self.result_label.setText("")
        reading = Operation(self, self.context, history_import.read_workbook, path=Path(path)).without_store()
        if not reading.failure(show_reason_in(self.error_label)).run():
            self.source = None
            self.preview = None
            self._build_tabs()
            self._update_counts()
            return False
        self.source = reading.result
        self.file_label.setText(_("Tệp: {name}").format(name=Path(path).name))
        self.refresh_preview()
        return True

    # -- step 2: the preview --------------------------------------------------------------------
    def refresh_preview(self, *_args: Any) -> None:
        if self.source is None:
            return
        previewing = Operation(self, self.context, history_import.preview_history, source=self.source)
        previewing.failure(show_reason_in(self.error_label)).run()
        self.preview = previewing.result if previewing.ok else None
        self._build_tabs()
        self._update_counts()

    def _build_tabs(self) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.tabs_by_kind = {}
        notes: list[str] = []
        if self.preview is not None:
            for sheet in self.preview.sheets:
                tab = _SheetTab(self.tabs)
                tab.problems_label.setText("\n".join(sheet.problems))
                tab.problems_label.setVisible(bool(sheet.problems))
                tab.counts_label.setText(counts_text(sheet.counts))
                tab.model.set_rows(sheet.rows)
                tab.model.show_only_problems(self.only_problems.isChecked())
                title = _("{label} ({n})").format(label=sheet.label, n=len(sheet.rows))
                index = self.tabs.addTab(tab, title)
                self.tabs.setTabToolTip(index, _("Trang “{sheet}” của tệp").format(sheet=sheet.sheet))
                self.tabs_by_kind[sheet.kind] = tab
            from desktop.ops.history_import import SHEET_LABELS

            if self.preview.missing:
                notes.append(
                    _("Tệp không có trang: {sheets}.").format(
                        sheets=", ".join(_(SHEET_LABELS[k]) for k in self.preview.missing)
                    )
                )
            if self.preview.encoding_note:
                notes.append(self.preview.encoding_note)
        self.note_label.setText(" ".join(notes))
        self.note_label.setVisible(bool(notes))
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _on_only_problems(self, value: bool) -> None:
        for tab in self.tabs_by_kind.values():
            tab.model.show_only_problems(value)

    def counts_text(self) -> str:
        counts = self.preview.counts if self.preview is not None else {}
        full = {key: counts.get(key, 0) for key in ("total", "new", "update", "unchanged", "error")}
        return _("Cả tệp — {counts}").format(counts=counts_text(full))

    # -- step 3: the import ---------------------------------------------------------------------
    def write(self, store: Any, preview: Any, *, progress: Callable[[int, int], None], should_cancel: Any) -> Any:
        return history_import.apply_history(store, preview, progress=progress, should_cancel=should_cancel)

    def done_text(self, result: Any) -> str:
        self.written = dict(result)
        return _("Đã ghi {inserted} dòng mới và sửa {updated} dòng.").format(
            inserted=result.get("inserted", 0), updated=result.get("updated", 0)
        )
