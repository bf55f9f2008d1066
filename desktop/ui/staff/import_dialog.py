"""Import staff from an Excel/CSV file: choose the file, match its columns, preview, then import.

Nothing is written before the clerk has seen the preview; the import itself runs off the UI thread
on its own database connection, in one transaction, so cancelling leaves the file untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLayout,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.spreadsheet import sheet_names
from desktop.domain.dates import format_date
from desktop.i18n import N_, _
from desktop.ops import staff_import
from desktop.ui.context import AppContext
from desktop.ui.import_dialog_base import ImportDialog, RowsModel, rows_view
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import show_reason_in

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


class PreviewModel(RowsModel):
    """Rows of an ImportPreview: number, status (coloured), name, birth date, problems."""

    HEADERS = (N_("Dòng"), N_("Trạng thái"), N_("Họ và tên"), N_("Ngày sinh"), N_("Vấn đề"))
    STATUS_LABELS = STATUS_LABELS
    STATUS_COLOURS = STATUS_COLOURS
    BOLD_STATUSES = frozenset({"error", "duplicate"})
    TOOLTIP_COLUMNS = (4,)

    def has_problem(self, row: Any) -> bool:
        return bool(row.status != "ok")

    def cell(self, row: Any, column: int) -> str:
        if column == 2:
            return str(row.values.get("full_name", "") or "")
        if column == 3:  # the date as read (13/04/1992 typed "4/13/92" shows how it was understood)
            understood = row.draft.birth_date if row.draft is not None else None
            return format_date(understood) if understood else str(row.values.get("birth_date", "") or "")
        return problems_text(row)


def problems_text(row: Any) -> str:
    parts = [str(p) for p in row.problems]
    if row.duplicate_of and not any(str(row.duplicate_of) in p for p in parts):
        parts.append(_("Đã có trong danh sách: {who}").format(who=row.duplicate_of))
    return "; ".join(parts)


class StaffImportDialog(ImportDialog):
    """File → column mapping → preview → import. :attr:`imported_count` says how many were added."""

    TITLE = N_("Nhập danh sách cán bộ từ tệp Excel/CSV")
    SIZE = (1000, 640)
    FILE_HINT = N_("Chưa chọn tệp. Chấp nhận tệp Excel (.xlsx) hoặc CSV.")
    CHOOSE_TITLE = N_("Chọn tệp danh sách cán bộ")
    FILE_FILTER = N_("Bảng tính (*.xlsx *.csv)")
    IMPORT_LABEL = N_("Nhập dòng hợp lệ")
    IMPORT_COUNT = N_("Nhập {n} dòng hợp lệ")
    BUSY = N_("Đang nhập…")
    PROGRESS = N_("Đang nhập {done} / {total} người…")
    JOB_TITLE = N_("Nhập danh sách cán bộ")
    CHANGES = "staff"
    FAILED = N_("Không nhập được: {reason}")
    CANCELLED = N_("Đã hủy. Chưa có người nào được nhập.")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self._file_notes: list[str] = []  # set before the base class builds the body and reads a file
        super().__init__(context, parent)
        self.imported_count = 0

    def top_widgets(self) -> list[QWidget]:
        self.sheet = QComboBox()
        self.sheet.setVisible(False)
        self.sheet.currentIndexChanged.connect(self._on_sheet)
        return [self.sheet]

    def build_body(self, layout: QLayout) -> None:
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
        self.preview_view = rows_view(self.preview_model, (55, 90, 190, 95))
        preview_box = QGroupBox(_("2. Xem trước"))
        preview_layout = QVBoxLayout(preview_box)
        preview_top, self.only_errors = self.counts_row(self.preview_model.show_only_problems)
        preview_layout.addLayout(preview_top)
        preview_layout.addWidget(self.preview_view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(mapping_box)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(splitter, 1)

    # -- step 1: the file -----------------------------------------------------------------------
    def load_file(self, path: Path, sheet: str | None = None) -> bool:
        """Read the file and fill the mapping; False (with the reason shown) if it cannot be read."""
        self._show_error("")
        reading = Operation(self, self.context, staff_import.read_table, path=path, sheet=sheet).without_store()
        if not reading.failure(show_reason_in(self.error_label)).run():
            return False
        source = self.source = reading.result
        self.file_label.setText(
            _("Tệp: {name} — tiêu đề ở dòng {row}, {n} dòng dữ liệu").format(
                name=path.name, row=source.header_row, n=len(source.rows)
            )
        )
        notes = [source.encoding_note] if source.encoding_note else []
        notes.extend(source.notes)  # a header of two rows, a merged name header, columns passed over
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
        self._file_notes = notes
        self._show_notes()
        if sheet is None:
            self._fill_sheets(path, source.sheet)
        self._fill_mapping(guessed)
        self.refresh_preview()
        return True

    def _fill_sheets(self, path: Path, current: str | None) -> None:
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
        # the two-column name form ("Họ" | "Tên") is offered after the ordinary fields
        fields = staff_import.FIELDS | staff_import.NAME_PART_FIELDS | staff_import.BIRTH_BY_GENDER_FIELDS
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
        if not previewing.failure(show_reason_in(self.error_label)).run():
            self.preview = None
            self.preview_model.set_rows([])
            self._update_counts()
            return
        self.preview = previewing.result
        self.preview_model.set_rows(self.preview.rows)
        self._update_counts()
        self._show_notes()

    def _show_notes(self) -> None:
        """The file's notes (encoding, header, columns to pick) and the preview's (departments to make)."""
        notes = [*self._file_notes, *(self.preview.department_notes if self.preview else [])]
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))

    def counts_text(self) -> str:
        counts = self.preview.counts if self.preview is not None else {}
        return _("{total} dòng: {ok} hợp lệ, {error} có lỗi, {duplicate} trùng người đã có").format(
            total=counts.get("total", 0),
            ok=counts.get("ok", 0),
            error=counts.get("error", 0),
            duplicate=counts.get("duplicate", 0),
        )

    # -- step 3: the import ---------------------------------------------------------------------
    def write(self, store: Any, preview: Any, *, progress: Callable[[int, int], None], should_cancel: Any) -> Any:
        return staff_import.apply_import(store, preview, progress=progress, should_cancel=should_cancel)

    def done_text(self, result: Any) -> str:
        self.imported_count += int(result)
        return _("Đã nhập {n} người vào danh sách.").format(n=result)
