"""Import staff from an Excel/CSV file: choose the file, match its columns, preview, then import.

Nothing is written before the clerk has seen the preview; the import itself runs off the UI thread
on its own database connection, in one transaction, so cancelling leaves the file untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.widgets import note, push_button

STATUS_LABELS = {"ok": N_("Hợp lệ"), "error": N_("Có lỗi"), "duplicate": N_("Trùng")}
STATUS_COLOURS = {"ok": "#1b7f3b", "error": "#b00020", "duplicate": "#b26a00"}
NO_COLUMN = -1


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class PreviewModel(QAbstractTableModel):
    """Rows of an ImportPreview: number, status (coloured), name, birth date, problems."""

    HEADERS = (N_("Dòng"), N_("Trạng thái"), N_("Họ và tên"), N_("Ngày sinh"), N_("Vấn đề"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self._only_errors = False

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._apply()
        self.endResetModel()

    def set_only_errors(self, value: bool) -> None:
        self.beginResetModel()
        self._only_errors = value
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        self._rows = [r for r in self._all if r.status != "ok"] if self._only_errors else list(self._all)

    def preview_row(self, row: int) -> Any:
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
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.status != "ok":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return problems_text(row) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return str(row.row_number)
        if column == 1:
            return _(STATUS_LABELS.get(row.status, row.status))
        if column == 2:
            return str(row.values.get("full_name", "") or "")
        if column == 3:
            return str(row.values.get("birth_date", "") or "")
        return problems_text(row)


def problems_text(row: Any) -> str:
    parts = [str(p) for p in row.problems]
    if row.duplicate_of and not any(str(row.duplicate_of) in p for p in parts):
        parts.append(_("Đã có trong danh sách: {who}").format(who=row.duplicate_of))
    return "; ".join(parts)


class StaffImportDialog(QDialog):
    """File → column mapping → preview → import. :attr:`imported_count` says how many were added."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source: Any = None
        self.preview: Any = None
        self.job: Any = None
        self.imported_count = 0
        self.setWindowTitle(_("Nhập danh sách cán bộ từ tệp Excel/CSV"))
        self.resize(1000, 640)

        self.choose_button = push_button(_("Chọn tệp…"), self.choose_file)
        self.file_label = note(_("Chưa chọn tệp. Chấp nhận tệp Excel (.xlsx) hoặc CSV."), color="")
        self.sheet = QComboBox()
        self.sheet.setVisible(False)
        self.sheet.currentIndexChanged.connect(self._on_sheet)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #555555;")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setVisible(False)

        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels([_("Thông tin"), _("Cột trong tệp")])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping_combos: dict[str, QComboBox] = {}
        mapping_box = QGroupBox(_("1. Ghép cột (dấu * là bắt buộc)"))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping_table)

        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.setWordWrap(False)
        preview_header = self.preview_view.horizontalHeader()
        preview_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        preview_header.setStretchLastSection(True)
        for column, width in enumerate((55, 90, 190, 95)):
            self.preview_view.setColumnWidth(column, width)
        self.only_errors = QCheckBox(_("Chỉ dòng có lỗi"))
        self.only_errors.toggled.connect(self.preview_model.set_only_errors)
        self.counts_label = QLabel()
        preview_box = QGroupBox(_("2. Xem trước"))
        preview_layout = QVBoxLayout(preview_box)
        preview_top = QHBoxLayout()
        preview_top.addWidget(self.counts_label, 1)
        preview_top.addWidget(self.only_errors)
        preview_layout.addLayout(preview_top)
        preview_layout.addWidget(self.preview_view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(mapping_box)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)

        self.import_button = QPushButton(_("Nhập dòng hợp lệ"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = push_button(_("Đóng"), self.reject)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.sheet)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result_label, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- step 1: the file -----------------------------------------------------------------------
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path_text, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp danh sách cán bộ"), str(Path.home()), _("Bảng tính (*.xlsx *.csv)")
        )
        if path_text:
            self.load_file(Path(path_text))

    def load_file(self, path: Path, sheet: str | None = None) -> bool:
        """Read the file and fill the mapping; False (with the reason shown) if it cannot be read."""
        from desktop.ops import staff_import

        self._show_error("")
        reading = Operation(self, self.context, staff_import.read_table, path=path, sheet=sheet).without_store()
        if not reading.failure(lambda error: self._show_error(reason_text(error))).run():
            return False
        source = self.source = reading.result
        self.file_label.setText(
            _("Tệp: {name} — tiêu đề ở dòng {row}, {n} dòng dữ liệu").format(
                name=path.name, row=source.header_row, n=len(source.rows)
            )
        )
        notes = [source.encoding_note] if source.encoding_note else []
        guessed = staff_import.guess_mapping(source.headers)
        duplicates = staff_import.duplicate_columns(source.headers)
        if duplicates:  # never a silent choice between two columns: the clerk picks one
            for field in duplicates:
                guessed.pop(field, None)
            notes.append(
                _("Có hai cột cùng tên: {columns}. Hãy chọn cột cần nhập ở bảng bên dưới.").format(
                    columns=staff_import.duplicate_message(source.headers, duplicates)
                )
            )
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))
        if sheet is None:
            self._fill_sheets(path, source.sheet)
        self._fill_mapping(guessed)
        self.refresh_preview()
        return True

    def _fill_sheets(self, path: Path, current: str | None) -> None:
        from desktop.documents.spreadsheet import sheet_names

        # The visible sheets only (a hidden sheet is usually an old copy); read within the same limits as the rows.
        names: list[str] = sheet_names(path) if path.suffix.lower() in (".xlsx", ".xlsm") else []
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(names)
        if current in names:
            self.sheet.setCurrentText(current)
        self.sheet.blockSignals(False)
        self.sheet.setVisible(len(names) > 1)

    def _on_sheet(self, _index: int) -> None:
        if self.source is not None and self.sheet.currentText():
            self.load_file(Path(self.source.path), self.sheet.currentText())

    def _fill_mapping(self, guessed: dict[str, int]) -> None:
        from desktop.ops import staff_import

        # the two-column name form ("Họ" | "Tên") is offered after the ordinary fields
        fields = dict(staff_import.FIELDS) | dict(getattr(staff_import, "NAME_PART_FIELDS", {}))
        self.mapping_table.setRowCount(len(fields))
        self.mapping_combos = {}
        bold = QFont()
        bold.setBold(True)
        for row, (field, label) in enumerate(fields.items()):
            required = field in staff_import.REQUIRED_FIELDS
            item = QTableWidgetItem(_(label) + (" *" if required else ""))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if required:
                item.setFont(bold)
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(_("(không có)"), NO_COLUMN)
            for index, header in enumerate(self.source.headers):
                combo.addItem(f"{_column_letter(index)}: {header}", index)
            chosen = guessed.get(field)
            if chosen is not None:
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(self.refresh_preview)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.mapping_combos[field] = combo

    def mapping(self) -> dict[str, int]:
        return {
            field: int(combo.currentData())
            for field, combo in self.mapping_combos.items()
            if combo.currentData() is not None and int(combo.currentData()) != NO_COLUMN
        }

    def set_mapping(self, field: str, column: int) -> None:
        combo = self.mapping_combos[field]
        combo.setCurrentIndex(max(0, combo.findData(column)))

    # -- step 2: the preview --------------------------------------------------------------------
    def refresh_preview(self, *_args: Any) -> None:
        from desktop.ops import staff_import

        if self.source is None:
            return
        mapping = self.mapping()
        missing = [f for f in staff_import.REQUIRED_FIELDS if f not in mapping]
        if missing == ["full_name"] and {"family_name", "given_name"} <= set(mapping):
            missing = []
        if missing:
            self.preview = None
            self.preview_model.set_rows([])
            self._show_error(
                _("Chưa chọn cột cho: {fields}.").format(
                    fields=", ".join(_(staff_import.FIELDS.get(f, f)) for f in missing)
                )
                + " "
                + _("Có thể chọn cột “Họ và tên”, hoặc cả hai cột “Họ và tên đệm” và “Tên”.")
            )
            self._update_counts()
            return
        self._show_error("")
        previewing = Operation(self, self.context, staff_import.preview_import, source=self.source, mapping=mapping)
        if not previewing.failure(lambda error: self._show_error(reason_text(error))).run():
            self.preview = None
            self.preview_model.set_rows([])
            self._update_counts()
            return
        self.preview = previewing.result
        self.preview_model.set_rows(self.preview.rows)
        self._update_counts()

    def good_count(self) -> int:
        return len(self.preview.good_rows()) if self.preview is not None else 0

    def _update_counts(self) -> None:
        counts = self.preview.counts if self.preview is not None else {}
        self.counts_label.setText(
            _("{total} dòng: {ok} hợp lệ, {error} có lỗi, {duplicate} trùng người đã có").format(
                total=counts.get("total", 0),
                ok=counts.get("ok", 0),
                error=counts.get("error", 0),
                duplicate=counts.get("duplicate", 0),
            )
        )
        good = self.good_count()
        self.import_button.setText(_("Nhập {n} dòng hợp lệ").format(n=good))
        self.import_button.setEnabled(good > 0 and self.job is None)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # -- step 3: the import ---------------------------------------------------------------------
    def start_import(self) -> None:
        """Write the good rows in a worker thread with its own connection; the dialog stays usable."""
        from desktop.ops import staff_import

        if self.preview is None or self.good_count() == 0 or self.job is not None:
            return

        def work(store: Any, *, progress: Any, should_cancel: Any) -> int:
            return staff_import.apply_import(
                store,
                preview,
                progress=lambda done, total: progress(
                    done, total, _("Đang nhập {done} / {total} người…").format(done=done, total=total)
                ),
                should_cancel=should_cancel,
            )

        preview = self.preview
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.result_label.setText(_("Đang nhập…"))
        operation = Operation(self, self.context, work).changes("staff")
        operation.success(self._import_done).failure(self._import_failed).cancelled(self._import_cancelled)
        self.job = operation.run_in_background(_("Nhập danh sách cán bộ"))

    def _job_over(self) -> None:
        self.job = None
        self.choose_button.setEnabled(True)

    def _import_done(self, count: int) -> None:
        self._job_over()
        self.imported_count += int(count)
        self.result_label.setText(_("Đã nhập {n} người vào danh sách.").format(n=count))
        self.refresh_preview()  # the imported rows now show as duplicates

    def _import_failed(self, error: BaseException) -> None:
        self._job_over()
        self.result_label.setText("")
        self._show_error(_("Không nhập được: {reason}").format(reason=reason_text(error)))
        self._update_counts()

    def _import_cancelled(self) -> None:
        self._job_over()
        self.result_label.setText(_("Đã hủy. Chưa có người nào được nhập."))
        self._update_counts()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().reject()
