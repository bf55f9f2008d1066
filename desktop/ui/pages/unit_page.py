"""The Unit page: the unit's own details (used on every document) and its departments/collectives."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import DEPARTMENT_KINDS, UNIT_KINDS
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.store import StoreError, ValidationError, unit_repo
from desktop.ui.context import AppContext
from desktop.ui.widgets import FieldError, PlaceCombos, set_field_error, show_error

TEXT_FIELDS = (
    "name",
    "address",
    "parent_body",
    "head_title",
    "head_name",
    "place_name",
    "standing_agency",
    "standing_agency_head_title",
    "standing_agency_head_name",
)


class UnitPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(16, 16, 16, 16)
        columns.setSpacing(16)
        columns.addWidget(self._build_unit_form(), 1)
        columns.addWidget(self._build_departments(), 1)

        self.load()
        context.data_changed.connect(self._on_data_changed)

    # -- building -----------------------------------------------------------------------------------
    def _build_unit_form(self) -> QWidget:
        box = QGroupBox(_("Thông tin đơn vị"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        def add_edit(key: str, label: str, placeholder: str = "") -> None:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            self.edits[key] = edit
            form.addRow(label, self._with_error(key, edit))

        add_edit("name", _("Tên đơn vị:"), _("Ví dụ: Ủy ban nhân dân xã Lũng Cú"))
        self.kind = QComboBox()
        for code, label in UNIT_KINDS.items():
            self.kind.addItem(_(label), code)
        form.addRow(_("Loại đơn vị:"), self.kind)
        self.place = PlaceCombos(self)
        form.addRow(_("Tỉnh, thành phố:"), self._with_error("province_code", self.place.province))
        form.addRow(_("Xã, phường, đặc khu:"), self._with_error("commune_code", self.place.commune))
        add_edit("address", _("Địa chỉ:"))
        add_edit("parent_body", _("Cơ quan cấp trên:"), _("Ví dụ: Ủy ban nhân dân tỉnh Tuyên Quang"))
        add_edit("head_title", _("Chức vụ người đứng đầu:"), _("Ví dụ: Chủ tịch"))
        add_edit("head_name", _("Họ tên người đứng đầu:"))
        add_edit("place_name", _("Địa danh ghi trên văn bản:"), _("Ví dụ: Lũng Cú"))
        hint = QLabel(
            _("Địa danh dùng cho dòng “Lũng Cú, ngày … tháng … năm …” trên quyết định, giấy khen, bằng chứng nhận.")
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow("", hint)
        add_edit(
            "standing_agency",
            _("Cơ quan thường trực:"),
            _("Ví dụ: Phòng Văn hóa - Xã hội"),
        )
        add_edit("standing_agency_head_title", _("Chức vụ người ký tờ trình:"), _("Ví dụ: Trưởng phòng"))
        add_edit("standing_agency_head_name", _("Họ tên người ký tờ trình:"))
        agency_hint = QLabel(
            _(
                "Cơ quan thường trực của Hội đồng Thi đua - Khen thưởng lập tờ trình đề nghị khen thưởng trình Chủ "
                "tịch, do người đứng đầu cơ quan đó ký; số tờ trình mang ký hiệu viết tắt của cơ quan (ví dụ "
                "TTr-VHXH)."
            )
        )
        agency_hint.setWordWrap(True)
        agency_hint.setEnabled(False)
        form.addRow("", agency_hint)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Lưu thông tin đơn vị"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        form.addRow(buttons)
        return box

    def _with_error(self, key: str, field: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        error = FieldError()
        layout.addWidget(error)
        self.errors[key] = error
        return holder

    def _build_departments(self) -> QWidget:
        box = QGroupBox(_("Phòng ban, tập thể"))
        layout = QVBoxLayout(box)
        intro = QLabel(_("Các phòng, ban, bộ phận và tập thể (thôn, tổ dân phố, tổ chức) được bình xét thi đua."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.dept_table = QTableWidget(0, 4)
        self.dept_table.setHorizontalHeaderLabels([_("Tên"), _("Loại"), _("Số cán bộ"), _("Trạng thái")])
        self.dept_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dept_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dept_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dept_table.verticalHeader().setVisible(False)
        header = self.dept_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.dept_table.itemSelectionChanged.connect(self._on_dept_selected)
        layout.addWidget(self.dept_table, 1)
        self.show_inactive = QCheckBox(_("Hiện cả tập thể đã ngừng sử dụng"))
        self.show_inactive.toggled.connect(self.load_departments)
        layout.addWidget(self.show_inactive)

        form = QFormLayout()
        self.dept_name = QLineEdit()
        self.dept_name.setPlaceholderText(_("Tên phòng ban hoặc tập thể"))
        self.dept_error = FieldError()
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.dept_name)
        holder_layout.addWidget(self.dept_error)
        form.addRow(_("Tên:"), holder)
        self.dept_kind = QComboBox()
        for code, label in DEPARTMENT_KINDS.items():
            self.dept_kind.addItem(_(label), code)
        form.addRow(_("Loại:"), self.dept_kind)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.add_button = QPushButton(_("Thêm"))
        self.add_button.clicked.connect(self.add_department)
        self.rename_button = QPushButton(_("Đổi tên"))
        self.rename_button.clicked.connect(self.rename_department)
        self.active_button = QPushButton(_("Ngừng sử dụng"))
        self.active_button.clicked.connect(self.toggle_department_active)
        for button in (self.add_button, self.rename_button, self.active_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        from desktop.ui.collective_ratings import CollectiveRatingsBox

        self.collective_ratings = CollectiveRatingsBox(self.context, box)
        layout.addWidget(self.collective_ratings, 1)
        self._on_dept_selected()
        return box

    # -- unit -----------------------------------------------------------------------------------------
    def load(self) -> None:
        unit = unit_repo.get_unit(self.context.store) or {}
        for key, edit in self.edits.items():
            edit.setText(str(unit.get(key) or ""))
        index = self.kind.findData(unit.get("unit_kind") or "ubnd_xa")
        self.kind.setCurrentIndex(max(index, 0))
        if unit.get("commune_code"):
            self.place.set_commune(unit["commune_code"])
        for key, error in self.errors.items():
            set_field_error(self._field_widget(key), error, "")
        self.load_departments()

    def _field_widget(self, key: str) -> QWidget | None:
        if key == "province_code":
            return self.place.province
        if key == "commune_code":
            return self.place.commune
        return self.edits.get(key)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: nfc(edit.text()) for key, edit in self.edits.items()}
        values["unit_kind"] = self.kind.currentData()
        values["commune_code"] = self.place.commune_code()
        return values

    def validate(self, values: dict[str, Any]) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not values["name"]:
            problems["name"] = _("Chưa nhập tên đơn vị.")
        if not self.place.province_code():
            problems["province_code"] = _("Chọn một tỉnh, thành phố trong danh sách.")
        elif not values["commune_code"]:
            problems["commune_code"] = _("Chọn một xã, phường, đặc khu trong danh sách của tỉnh đã chọn.")
        if not values["place_name"]:
            problems["place_name"] = _("Chưa nhập địa danh ghi trên văn bản.")
        return problems

    def save(self) -> bool:
        from desktop.ops.setup import update_unit

        values = self.values()
        problems = self.validate(values)
        for key, error in self.errors.items():
            set_field_error(self._field_widget(key), error, problems.get(key, ""))
        if problems:
            self.status.setText(_("Chưa lưu: hãy sửa các ô có ghi chú màu đỏ."))
            return False
        try:
            update_unit(self.context.store, values=values, actor=self.context.actor)
        except ValidationError as exc:
            key = "name" if exc.field in ("name", "unit_name") else (exc.field or "name")
            if key in self.errors:
                set_field_error(self._field_widget(key), self.errors[key], str(exc))
            else:
                show_error(self, str(exc))
            self.status.setText(_("Chưa lưu."))
            return False
        except StoreError as exc:
            show_error(self, _("Không lưu được thông tin đơn vị: {reason}").format(reason=exc))
            return False
        self.status.setText(_("Đã lưu thông tin đơn vị."))
        self.context.data_changed.emit("unit")
        return True

    def _on_data_changed(self, what: str) -> None:
        if what in ("departments", "staff", "demo", "history"):
            self.load_departments()

    # -- departments ----------------------------------------------------------------------------------
    def load_departments(self) -> None:
        rows = unit_repo.list_departments(self.context.store, include_inactive=self.show_inactive.isChecked())
        selected = self.selected_department_id()
        self.dept_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            name = QTableWidgetItem(row["name"])
            name.setData(Qt.ItemDataRole.UserRole, row["id"])
            name.setData(Qt.ItemDataRole.UserRole + 1, bool(row["active"]))
            name.setData(Qt.ItemDataRole.UserRole + 2, row["kind"])
            kind = QTableWidgetItem(_(DEPARTMENT_KINDS.get(row["kind"], row["kind"])))
            count = QTableWidgetItem(str(row["staff_count"]))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            state = QTableWidgetItem(_("Đang dùng") if row["active"] else _("Đã ngừng"))
            for column, item in enumerate((name, kind, count, state)):
                self.dept_table.setItem(index, column, item)
            if row["id"] == selected:
                self.dept_table.selectRow(index)
        self._on_dept_selected()

    def selected_department_id(self) -> int | None:
        items = self.dept_table.selectedItems()
        if not items:
            return None
        item = self.dept_table.item(items[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _selected_item(self) -> QTableWidgetItem | None:
        items = self.dept_table.selectedItems()
        return self.dept_table.item(items[0].row(), 0) if items else None

    def _on_dept_selected(self) -> None:
        item = self._selected_item()
        self.rename_button.setEnabled(item is not None)
        self.active_button.setEnabled(item is not None)
        if item is not None:
            self.dept_name.setText(item.text())
            index = self.dept_kind.findData(item.data(Qt.ItemDataRole.UserRole + 2))
            self.dept_kind.setCurrentIndex(max(index, 0))
            active = bool(item.data(Qt.ItemDataRole.UserRole + 1))
            self.active_button.setText(_("Ngừng sử dụng") if active else _("Dùng lại"))
        set_field_error(self.dept_name, self.dept_error, "")
        if item is None:
            self.collective_ratings.set_department(None)
        else:
            self.collective_ratings.set_department(int(item.data(Qt.ItemDataRole.UserRole)), item.text())

    def _checked_dept_name(self, *, except_id: int | None = None) -> str | None:
        name = nfc(self.dept_name.text())
        message = ""
        if not name:
            message = _("Chưa nhập tên phòng ban hoặc tập thể.")
        else:
            # SQLite's NOCASE folds ASCII only; "HĐND" and "hđnd" must count as the same name.
            wanted = name.casefold()
            rows = self.context.store.query("SELECT id, name FROM departments")
            if any(nfc(r["name"]).casefold() == wanted and r["id"] != except_id for r in rows):
                message = _("Đã có phòng ban hoặc tập thể tên “{name}”.").format(name=name)
        set_field_error(self.dept_name, self.dept_error, message)
        return None if message else name

    def add_department(self) -> int | None:
        name = self._checked_dept_name()
        if name is None:
            return None
        store = self.context.store
        try:
            with store.transaction(operation="department.add", actor=self.context.actor):
                new_id = unit_repo.get_or_create_department(store, name, kind=self.dept_kind.currentData())
        except StoreError as exc:
            show_error(self, str(exc))
            return None
        self.dept_name.clear()
        self.load_departments()
        self.context.data_changed.emit("departments")
        return new_id

    def rename_department(self) -> bool:
        department_id = self.selected_department_id()
        if department_id is None:
            return False
        name = self._checked_dept_name(except_id=department_id)
        if name is None:
            return False
        store = self.context.store
        with store.transaction(operation="department.rename", actor=self.context.actor):
            unit_repo.rename_department(store, department_id, name)
            store.update("departments", department_id, {"kind": self.dept_kind.currentData()})
        self.load_departments()
        self.context.data_changed.emit("departments")
        return True

    def toggle_department_active(self) -> bool:
        item = self._selected_item()
        if item is None:
            return False
        department_id = int(item.data(Qt.ItemDataRole.UserRole))
        active = bool(item.data(Qt.ItemDataRole.UserRole + 1))
        store = self.context.store
        operation = "department.deactivate" if active else "department.activate"
        with store.transaction(operation=operation, actor=self.context.actor):
            unit_repo.set_department_active(store, department_id, not active)
        self.load_departments()
        self.context.data_changed.emit("departments")
        return True
