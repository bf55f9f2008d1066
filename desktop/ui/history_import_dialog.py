"""Import the history registers (ratings of people and collectives, initiatives, discipline, leave, awards) from
one Excel workbook.

The clerk picks the file and sees one tab per recognised sheet, every row with its status (new,
update, unchanged, error), the person it was matched to and the problems, before anything is
written. The good rows of all sheets are then written off the UI thread, on the worker's own
database connection, in one transaction: cancelling or a failure leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.widgets import note, push_button

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


class HistoryRowsModel(QAbstractTableModel):
    """Rows of one sheet's preview: row number, status (coloured), person, content, problems."""

    HEADERS = (N_("Dòng"), N_("Trạng thái"), N_("Người / tập thể"), N_("Nội dung"), N_("Vấn đề"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self._only_problems = False

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._apply()
        self.endResetModel()

    def set_only_problems(self, value: bool) -> None:
        self.beginResetModel()
        self._only_problems = value
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        self._rows = [r for r in self._all if r.status == "error"] if self._only_problems else list(self._all)

    def history_row(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.status in ("error", "update"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            return (content_text(row) if column == 3 else problems_text(row)) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return str(row.row_number)
        if column == 1:
            return _(STATUS_LABELS.get(row.status, row.status))
        if column == 2:
            return person_text(row)
        if column == 3:
            return content_text(row)
        return problems_text(row)


class _SheetTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b00020;")
        self.counts_label = QLabel()
        self.model = HistoryRowsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((55, 80, 200, 260)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.view, 1)


def counts_text(counts: dict[str, int]) -> str:
    return _("{total} dòng: {new} mới, {update} sửa, {unchanged} đã có, {error} có lỗi").format(**counts)


class HistoryImportDialog(QDialog):
    """File → per-sheet preview → import. :attr:`written` holds the last import's counts."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source: Any = None
        self.preview: Any = None
        self.job: Any = None
        self.written: dict[str, int] = {"inserted": 0, "updated": 0}
        self.tabs_by_kind: dict[str, _SheetTab] = {}
        self.setWindowTitle(_("Nhập lịch sử thi đua từ tệp Excel"))
        self.resize(1040, 660)

        self.choose_button = push_button(_("Chọn tệp…"), self.choose_file)
        self.file_label = note(
            _(
                "Chưa chọn tệp. Tệp Excel (.xlsx) có các trang “Xếp loại” (cột “Tập thể” cho xếp loại của tập thể), "
                "“Xếp loại tập thể”, “Sáng kiến”, “Kỷ luật”, “Nghỉ dài ngày”, “Khen thưởng” (có trang nào nhập trang "
                "đó)."
            ),
            color="",
        )
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #555555;")
        self.note_label.setVisible(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setVisible(False)

        self.tabs = QTabWidget()
        self.counts_label = QLabel()
        self.only_problems = QCheckBox(_("Chỉ dòng có lỗi"))
        self.only_problems.toggled.connect(self._on_only_problems)

        self.import_button = QPushButton(_("Ghi dòng hợp lệ"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = push_button(_("Đóng"), self.reject)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.counts_label, 1)
        middle.addWidget(self.only_problems)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result_label, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addLayout(middle)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._update_counts()

    # -- step 1: the file -----------------------------------------------------------------------
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path_text, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp lịch sử thi đua"), str(Path.home()), _("Bảng tính Excel (*.xlsx)")
        )
        if path_text:
            self.load_file(Path(path_text))

    def load_file(self, path: Path) -> bool:
        """Read the workbook and show its preview; False (with the reason shown) if it cannot be read."""
        from desktop.ops import history_import

        self._show_error("")
        self.result_label.setText("")
        reading = Operation(self, self.context, history_import.read_workbook, path=Path(path)).without_store()
        if not reading.failure(lambda error: self._show_error(str(error))).run():
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
    def refresh_preview(self) -> None:
        from desktop.ops import history_import

        if self.source is None:
            return
        previewing = Operation(self, self.context, history_import.preview_history, source=self.source)
        previewing.failure(lambda error: self._show_error(str(error))).run()
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
                tab.model.set_only_problems(self.only_problems.isChecked())
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
            tab.model.set_only_problems(value)

    def good_count(self) -> int:
        return len(self.preview.good_rows()) if self.preview is not None else 0

    def _update_counts(self) -> None:
        counts = self.preview.counts if self.preview is not None else {}
        full = {key: counts.get(key, 0) for key in ("total", "new", "update", "unchanged", "error")}
        self.counts_label.setText(_("Cả tệp — {counts}").format(counts=counts_text(full)))
        good = self.good_count()
        self.import_button.setText(_("Ghi {n} dòng hợp lệ").format(n=good))
        self.import_button.setEnabled(good > 0 and self.job is None)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # -- step 3: the import ---------------------------------------------------------------------
    def start_import(self) -> None:
        """Write the good rows in a worker thread with its own connection; one transaction."""
        from desktop.ops import history_import

        if self.preview is None or self.good_count() == 0 or self.job is not None:
            return

        def work(store: Any, *, progress: Any, should_cancel: Any) -> dict[str, int]:
            return history_import.apply_history(
                store,
                preview,
                progress=lambda done, total: progress(
                    done, total, _("Đang ghi {done} / {total} dòng…").format(done=done, total=total)
                ),
                should_cancel=should_cancel,
            )

        preview = self.preview
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.result_label.setText(_("Đang ghi…"))
        operation = Operation(self, self.context, work).changes("history")
        operation.success(self._import_done).failure(self._import_failed).cancelled(self._import_cancelled)
        self.job = operation.run_in_background(_("Nhập lịch sử thi đua"))

    def _job_over(self) -> None:
        self.job = None
        self.choose_button.setEnabled(True)

    def _import_done(self, written: dict[str, int]) -> None:
        self._job_over()
        self.written = dict(written)
        self.result_label.setText(
            _("Đã ghi {inserted} dòng mới và sửa {updated} dòng.").format(
                inserted=written.get("inserted", 0), updated=written.get("updated", 0)
            )
        )
        self.refresh_preview()  # what was written now shows as "Đã có"

    def _import_failed(self, error: BaseException) -> None:
        self._job_over()
        self.result_label.setText("")
        self._show_error(_("Không ghi được; chưa có dòng nào được ghi: {reason}").format(reason=error))
        self._update_counts()

    def _import_cancelled(self) -> None:
        self._job_over()
        self.result_label.setText(_("Đã hủy. Chưa có dòng nào được ghi."))
        self._update_counts()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().reject()
