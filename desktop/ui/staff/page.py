"""The "Cán bộ" page: search-as-you-type list of staff with add, edit, leave, records, import, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ops import staff as staff_ops
from desktop.ops.staff_import import export_staff
from desktop.ops.unit import all_departments
from desktop.ui import widgets
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.empty_hint import EmptyHint
from desktop.ui.pages.user_errors import reason_text, show_reason_box
from desktop.ui.staff import model as staff_model
from desktop.ui.staff.edit_dialog import StaffEditDialog
from desktop.ui.staff.import_dialog import StaffImportDialog
from desktop.ui.staff.leave_dialog import LeaveDialog
from desktop.ui.staff.model import StaffTableModel
from desktop.ui.staff.records import StaffRecordsDialog
from desktop.ui.tables import read_only_rows
from desktop.ui.widgets import button_row

SEARCH_DEBOUNCE_MS = 120
# Widths that fit every column, the status included, in the page area of a 1366×768 screen.
COLUMN_WIDTHS = {
    staff_model.COL_CODE: 80,
    staff_model.COL_NAME: 190,
    staff_model.COL_GENDER: 62,
    staff_model.COL_BIRTH: 88,
    staff_model.COL_POSITION: 165,
    staff_model.COL_DEPARTMENT: 185,
    staff_model.COL_ETHNIC: 72,
    staff_model.COL_CATEGORY: 100,
}


class StaffTableView(QTableView):
    """Enter on a row edits it, like a double-click."""

    def __init__(self, on_activate: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_activate = on_activate

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activate(self.currentIndex())
            return
        super().keyPressEvent(event)


class StaffPage(QWidget):
    """Lists every person of the unit; the list reloads whenever ``context.data_changed`` fires."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self._emitting = False

        self.search = widgets.text_field(_("Tìm theo tên hoặc mã, gõ không dấu cũng được…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)  # stretches on a wide screen; fits 1024 pixels with the sidebar
        self.department = QComboBox()
        self.department.setMinimumWidth(150)
        self.show_left = QCheckBox(_("Hiện cả người đã thôi công tác"))
        self.count_label = QLabel()

        self.add_button = QPushButton(_("Thêm cán bộ"))
        self.add_button.setToolTip(_("Thêm một người (Ctrl+N)"))
        self.edit_button = QPushButton(_("Sửa"))
        self.records_button = QPushButton(_("Xếp loại, kỷ luật, sáng kiến…"))
        self.leave_button = QPushButton(_("Thôi công tác…"))
        self.reinstate_button = QPushButton(_("Khôi phục"))
        self.reinstate_button.setToolTip(_("Đưa người đã thôi công tác trở lại danh sách đang công tác"))
        self.import_button = QPushButton(_("Nhập từ Excel…"))
        self.export_button = QPushButton(_("Xuất Excel…"))

        self.model = StaffTableModel(self.store, self)
        self.view = StaffTableView(self.edit_index)
        self.view.setModel(self.model)
        read_only_rows(self.view, self.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setWordWrap(False)
        # indicator first: enabling sorting sorts by the indicator, which is then the model's own order
        # (the other way round would re-query 100,000 ids twice while the page opens)
        self.view.horizontalHeader().setSortIndicator(staff_model.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self.edit_index)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(_("Phòng ban:")))
        filters.addWidget(self.department, 2)
        filters.addWidget(self.show_left)
        filters.addStretch(1)
        actions = button_row(
            self.add_button, self.edit_button, self.records_button, self.leave_button, self.reinstate_button
        )
        # the count and the Excel buttons under the table: the two rows above then fit a 1024-pixel screen
        footer = button_row(self.count_label, right=(self.import_button, self.export_button))
        self.empty_hint = EmptyHint(self)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_enter)
        self.show_left.toggled.connect(self._on_show_left)
        self.department.currentIndexChanged.connect(self._on_department)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_current)
        self.records_button.clicked.connect(self.open_records)
        self.leave_button.clicked.connect(self.mark_left)
        self.reinstate_button.clicked.connect(self.reinstate)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.export)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._after_reset)
        context.data_changed.connect(self._on_data_changed)

        new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_shortcut.activated.connect(self.add_person)
        find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_shortcut.activated.connect(self._focus_search)

        self._fill_departments()
        self._after_reset()

    # -- filters --------------------------------------------------------------------------------
    def apply_search(self) -> None:
        """Filter now (the debounce timer calls this; tests and the benchmark may call it directly)."""
        self._debounce.stop()
        self.model.set_filter_text(self.search.text())

    def _search_enter(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.view.setFocus()
            self.select_row(0)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_show_left(self, checked: bool) -> None:
        self.model.set_include_left(checked)

    def _on_department(self, _index: int) -> None:
        self.model.set_department(self.department.currentData())

    def _fill_departments(self) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(_("Tất cả"), None)
        for row in all_departments(self.store):
            self.department.addItem(row["name"], row["id"])
        index = self.department.findData(current) if current is not None else 0
        self.department.setCurrentIndex(max(index, 0))
        self.department.blockSignals(False)
        if current is not None and index < 0:
            self.model.set_department(None)

    def _after_reset(self) -> None:
        self.count_label.setText(
            _("Đang hiện {shown} / {total} người").format(
                shown=f"{self.model.rowCount():,}".replace(",", "."),
                total=f"{self.model.total_count():,}".replace(",", "."),
            )
        )
        self._update_empty_hint()
        self._update_buttons()

    def _update_empty_hint(self) -> None:
        """An empty list says what to do first: add people, or bring the list in from Excel."""
        if self.model.total_count() == 0:
            self.empty_hint.show_hint(
                _(
                    "Chưa có cán bộ nào. Hãy bắt đầu bằng việc nhập danh sách cán bộ từ tệp Excel đang có, "
                    "hoặc thêm từng người."
                ),
                [(_("Nhập danh sách từ Excel…"), self.open_import), (_("Thêm cán bộ"), self.add_person)],
            )
        elif self.model.rowCount() == 0:
            self.empty_hint.show_hint(
                _(
                    "Không có ai khớp với điều kiện đang chọn. Hãy gõ ít chữ hơn, chọn “Tất cả” phòng ban "
                    "hoặc đánh dấu “Hiện cả người đã thôi công tác”."
                ),
                [(_("Bỏ lọc"), self.clear_filters)],
            )
        else:
            self.empty_hint.hide()

    def clear_filters(self) -> None:
        self.search.clear()
        self.department.setCurrentIndex(0)
        self.apply_search()

    def _update_buttons(self, *_args: Any) -> None:
        row = self.current_row()
        has = row is not None
        left = has and self.model.is_left(row)  # type: ignore[arg-type]
        self.edit_button.setEnabled(has)
        self.records_button.setEnabled(has)
        self.leave_button.setEnabled(has and not left)
        self.reinstate_button.setEnabled(bool(left))

    # -- selection helpers ----------------------------------------------------------------------
    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def current_staff_id(self) -> int | None:
        row = self.current_row()
        return None if row is None else self.model.staff_id(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, staff_model.COL_NAME)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def select_staff(self, staff_id: int) -> bool:
        row = self.model.row_of(staff_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    # -- data changes ---------------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_staff_id()
        self._fill_departments()
        self.model.reload()
        if keep is not None:
            self.select_staff(keep)
        self._update_buttons()

    def _changed(self, keep: int | None = None) -> None:
        """After our own change (a dialog accepted, or an operation of this page): reload, then tell the other
        pages. The dialogs work on the store they were given and announce nothing themselves."""
        self.reload(keep)
        self._emitting = True
        try:
            self.context.data_changed.emit("staff")
        finally:
            self._emitting = False

    def _on_data_changed(self, area: str) -> None:
        if not self._emitting and area in ("staff", "departments", "unit", "all", "*"):
            self.reload()

    # -- actions --------------------------------------------------------------------------------
    def add_person(self) -> None:
        dialog = StaffEditDialog(self.store, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            if self.search.text() and self.model.row_of(dialog.saved_id) is None:
                self.search.clear()
                self.apply_search()
            self._changed(dialog.saved_id)

    def edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.edit_current()

    def edit_current(self) -> None:
        staff_id = self.current_staff_id()
        if staff_id is None:
            return
        dialog = StaffEditDialog(self.store, staff_id=staff_id, parent=self)
        if dialog.exec():
            self._changed(staff_id)

    def open_records(self) -> None:
        staff_id = self.current_staff_id()
        if staff_id is None:
            return
        dialog = StaffRecordsDialog(
            self.store,
            staff_id=staff_id,
            on_change=lambda: self.context.data_changed.emit("staff_records"),
            parent=self,
        )
        dialog.exec()

    def mark_left(self) -> None:
        row = self.current_row()
        staff_id = self.current_staff_id()
        if row is None or staff_id is None:
            return
        name = self.model.data(self.model.index(row, staff_model.COL_NAME))
        dialog = LeaveDialog(self.store, staff_id=staff_id, full_name=name, parent=self)
        if dialog.exec():
            self._changed(staff_id)

    def reinstate(self) -> None:
        row = self.current_row()
        staff_id = self.current_staff_id()
        if row is None or staff_id is None or not self.model.is_left(row):
            return
        name = self.model.data(self.model.index(row, staff_model.COL_NAME))
        if not widgets.ask_confirm(
            self, _("Khôi phục"), _("Đưa {name} trở lại danh sách đang công tác?").format(name=name)
        ):
            return
        Operation(self, self.context, staff_ops.reinstate_staff, staff_id=staff_id).success(
            lambda _none: self._changed(staff_id)
        ).failure(show_reason_box(self)).run()

    def open_import(self) -> None:
        # the dialog emits data_changed("staff") after importing, which reloads this page
        dialog = StaffImportDialog(self.context, parent=self)
        dialog.exec()

    def export(self) -> None:
        suggested = Path.home() / "danh_sach_can_bo.xlsx"
        path = widgets.ask_save_path(
            self, _("Xuất danh sách cán bộ"), suggested, _("Tệp Excel (*.xlsx)"), suffix=".xlsx"
        )
        if path is None:
            return

        def exported(count: int) -> None:
            widgets.show_info(self, _("Đã xuất {n} người vào tệp {path}.").format(n=count, path=path))

        def refused(error: BaseException) -> None:
            widgets.show_error(
                self, _("Không xuất được tệp {path}: {reason}").format(path=path, reason=reason_text(error))
            )

        exporting = Operation(self, self.context, export_staff, path=path, include_left=self.show_left.isChecked())
        exporting.success(exported).failure(refused).run()
