"""What the import dialogs share: choose a file, see every row's status before anything is written, then write.

:class:`ImportDialog` is the window of both imports (the staff list, :mod:`desktop.ui.staff.import_dialog`, and the
history registers, :mod:`desktop.ui.history_import_dialog`): the file row at the top, a note and an error line, the
import's own middle part (built by :meth:`ImportDialog.build_body`), and the result line with the import and close
buttons. The import runs off the UI thread on the worker's own database connection, in one transaction, with
progress and cancel; the subclass says only which operation writes and what the messages are.

:class:`RowsModel` is the preview table of both: row number, status (coloured, bold where it needs a look) and the
subclass's columns, with a switch that shows only the rows with problems.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.tables import ListTableModel
from desktop.ui.widgets import FieldError, note, push_button, sized_to_screen, wrapped_label


class RowsModel(ListTableModel):
    """The preview rows of an import; column 0 is the row number, column 1 the status, the rest :meth:`cell`."""

    STATUS_LABELS: ClassVar[dict[str, str]] = {}
    STATUS_COLOURS: ClassVar[dict[str, str]] = {}
    BOLD_STATUSES: frozenset[str] = frozenset()
    TOOLTIP_COLUMNS: tuple[int, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Any] = []
        self._only_problems = False

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._apply()
        self.endResetModel()

    def show_only_problems(self, value: bool) -> None:
        self.beginResetModel()
        self._only_problems = value
        self._apply()
        self.endResetModel()

    def has_problem(self, row: Any) -> bool:
        """Whether the row is kept when only the rows with problems are shown."""
        return bool(row.status == "error")

    def _apply(self) -> None:
        self.rows = [r for r in self._all if self.has_problem(r)] if self._only_problems else list(self._all)

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def cell(self, row: Any, column: int) -> str:
        """The text of one of the subclass's columns (2 and after)."""
        raise NotImplementedError

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor(self.STATUS_COLOURS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.status in self.BOLD_STATUSES:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column in self.TOOLTIP_COLUMNS:
            return self.cell(row, column) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return str(row.row_number)
        if column == 1:
            return _(self.STATUS_LABELS.get(row.status, row.status))
        return self.cell(row, column)


def rows_view(model: RowsModel, widths: tuple[int, ...]) -> QTableView:
    """A read-only table of preview rows, whole rows selected, the last column stretched."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


class ImportDialog(QDialog):
    """File → preview → import in the background. Subclasses fill in the class texts and the hooks below."""

    TITLE = ""
    SIZE = (1000, 640)
    FILE_HINT = ""  # what the file should be, shown before one is chosen
    CHOOSE_TITLE = ""
    FILE_FILTER = ""
    IMPORT_LABEL = ""  # the button before a preview: "Nhập dòng hợp lệ"
    IMPORT_COUNT = ""  # the button with the number of good rows: "Nhập {n} dòng hợp lệ"
    BUSY = ""  # the result line while writing
    PROGRESS = ""  # the progress message: "{done} / {total}"
    JOB_TITLE = ""
    CHANGES = ""  # what the import changes (the pages that show it are refreshed)
    FAILED = ""  # "{reason}"
    CANCELLED = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source: Any = None
        self.preview: Any = None
        self.job: Any = None
        self.setWindowTitle(_(self.TITLE))
        sized_to_screen(self, *self.SIZE)

        self.choose_button = push_button(_("Chọn tệp…"), self.choose_file)
        self.file_label = note(_(self.FILE_HINT), color="")
        self.note_label = wrapped_label()
        self.note_label.setStyleSheet("color: #555555;")
        self.error_label = FieldError()
        self.counts_label = QLabel()
        self.import_button = QPushButton(_(self.IMPORT_LABEL))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = push_button(_("Đóng"), self.reject)
        self.result_label = wrapped_label()

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        for widget in self.top_widgets():
            top.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result_label, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        self.build_body(layout)
        layout.addLayout(bottom)

    # -- the subclass's part ------------------------------------------------------------------------------
    def top_widgets(self) -> list[QWidget]:
        """Widgets after the file name on the top row."""
        return []

    def build_body(self, layout: QLayout) -> None:
        """Add the middle of the window (mapping, preview tables) to ``layout``."""
        raise NotImplementedError

    def load_file(self, path: Path) -> bool:
        raise NotImplementedError

    def refresh_preview(self, *_args: Any) -> None:
        raise NotImplementedError

    def counts_text(self) -> str:
        raise NotImplementedError

    def counts_row(self, on_only_problems: Callable[[bool], object]) -> tuple[QHBoxLayout, QCheckBox]:
        """The counts line with the “Chỉ dòng có lỗi” box at its right; ticking it calls ``on_only_problems``."""
        only_problems = QCheckBox(_("Chỉ dòng có lỗi"))
        only_problems.toggled.connect(on_only_problems)
        row = QHBoxLayout()
        row.addWidget(self.counts_label, 1)
        row.addWidget(only_problems)
        return row, only_problems

    def write(self, store: Any, preview: Any, *, progress: Callable[[int, int], None], should_cancel: Any) -> Any:
        """Write the preview's good rows (in the worker thread, on its own connection); returns the result."""
        raise NotImplementedError

    def done_text(self, result: Any) -> str:
        """The result line once written; the subclass may also keep the result."""
        raise NotImplementedError

    # -- step 1: the file ---------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path_text, _filter = QFileDialog.getOpenFileName(
            self, _(self.CHOOSE_TITLE), str(Path.home()), _(self.FILE_FILTER)
        )
        if path_text:
            self.load_file(Path(path_text))

    # -- step 2: the preview ------------------------------------------------------------------------------
    def good_count(self) -> int:
        return len(self.preview.good_rows()) if self.preview is not None else 0

    def _update_counts(self) -> None:
        self.counts_label.setText(self.counts_text())
        good = self.good_count()
        self.import_button.setText(_(self.IMPORT_COUNT).format(n=good))
        self.import_button.setEnabled(good > 0 and self.job is None)

    def _show_error(self, message: str) -> None:
        self.error_label.show_message(message)

    # -- step 3: the import -------------------------------------------------------------------------------
    def start_import(self) -> None:
        """Write the good rows in a worker thread with its own connection; one transaction, the dialog usable."""
        if self.preview is None or self.good_count() == 0 or self.job is not None:
            return
        preview = self.preview

        def work(store: Any, *, progress: Any, should_cancel: Any) -> Any:
            return self.write(
                store,
                preview,
                progress=lambda done, total: progress(done, total, _(self.PROGRESS).format(done=done, total=total)),
                should_cancel=should_cancel,
            )

        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.result_label.setText(_(self.BUSY))
        operation = Operation(self, self.context, work).changes(self.CHANGES)
        operation.success(self._import_done).failure(self._import_failed).cancelled(self._import_cancelled)
        self.job = operation.run_in_background(_(self.JOB_TITLE))

    def _job_over(self) -> None:
        self.job = None
        self.choose_button.setEnabled(True)

    def _import_done(self, result: Any) -> None:
        self._job_over()
        self.result_label.setText(self.done_text(result))
        self.refresh_preview()  # what was written now shows as already there

    def _import_failed(self, error: BaseException) -> None:
        self._job_over()
        self.result_label.setText("")
        self._show_error(_(self.FAILED).format(reason=reason_text(error)))
        self._update_counts()

    def _import_cancelled(self) -> None:
        self._job_over()
        self.result_label.setText(_(self.CANCELLED))
        self._update_counts()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().reject()
