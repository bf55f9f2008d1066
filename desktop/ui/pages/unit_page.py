"""The Unit page: the unit's own details (used on every document) and its departments/collectives."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import DEPARTMENT_KINDS, UNIT_KINDS
from desktop.domain.dates import DateError, format_date
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops import unit
from desktop.ops.setup import UNIT_TEXT_LABELS, ExchangeCodeChange, unit_text_problem, update_unit
from desktop.store import ValidationError
from desktop.ui.collective_ratings import CollectiveRatingsBox
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.officials_box import OfficialsBox
from desktop.ui.pages.user_errors import reason_text, show_reason_box
from desktop.ui.tables import cell, make_table
from desktop.ui.widgets import (
    DateField,
    FieldError,
    PlaceCombos,
    ask_confirm,
    button_row,
    code_combo,
    note,
    push_button,
    set_field_error,
    show_error,
    stacked,
    text_field,
    wrapped_label,
)

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
        left = QVBoxLayout()
        left.addWidget(self._build_unit_form())
        self.officials = OfficialsBox(context, body)  # who signed on which date: the heads' and deputies' terms
        left.addWidget(self.officials, 1)
        columns.addLayout(left, 1)
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
            edit = text_field(placeholder)
            self.edits[key] = edit
            form.addRow(label, self._with_error(key, edit))

        add_edit("name", _("Tên đơn vị:"), _("Ví dụ: Ủy ban nhân dân xã Lũng Cú"))
        self.kind = code_combo(UNIT_KINDS)
        form.addRow(_("Loại đơn vị:"), self.kind)
        self.place = PlaceCombos(self, lazy=True)
        form.addRow(_("Tỉnh, thành phố:"), self._with_error("province_code", self.place.province))
        form.addRow(_("Xã, phường, đặc khu:"), self._with_error("commune_code", self.place.commune))
        add_edit("address", _("Địa chỉ:"))
        add_edit("parent_body", _("Cơ quan cấp trên:"), _("Ví dụ: Ủy ban nhân dân tỉnh Tuyên Quang"))
        add_edit("head_title", _("Chức vụ người đứng đầu:"), _("Ví dụ: Chủ tịch"))
        add_edit("head_name", _("Họ tên người đứng đầu:"))
        add_edit("place_name", _("Địa danh ghi trên văn bản:"), _("Ví dụ: Lũng Cú"))
        hint = note(
            _("Địa danh dùng cho dòng “Lũng Cú, ngày … tháng … năm …” trên quyết định, giấy khen, bằng chứng nhận."),
            color="",
        )
        hint.setEnabled(False)
        form.addRow("", hint)
        add_edit(
            "standing_agency",
            _("Cơ quan thường trực:"),
            _("Ví dụ: Phòng Văn hóa - Xã hội"),
        )
        add_edit("standing_agency_head_title", _("Chức vụ người ký tờ trình:"), _("Ví dụ: Trưởng phòng"))
        add_edit("standing_agency_head_name", _("Họ tên người ký tờ trình:"))
        agency_hint = note(
            _(
                "Cơ quan thường trực của Hội đồng Thi đua - Khen thưởng lập tờ trình đề nghị khen thưởng trình Chủ "
                "tịch, do người đứng đầu cơ quan đó ký; số tờ trình mang ký hiệu viết tắt của cơ quan (ví dụ "
                "TTr-VHXH)."
            ),
            color="",
        )
        agency_hint.setEnabled(False)
        form.addRow("", agency_hint)

        buttons = QHBoxLayout()
        self.save_button = push_button(_("Lưu thông tin đơn vị"), self.save)
        self.status = wrapped_label()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        form.addRow(buttons)
        return box

    def _with_error(self, key: str, field: QWidget) -> QWidget:
        self.errors[key] = FieldError()
        return stacked(field, self.errors[key])

    def _build_departments(self) -> QWidget:
        box = QGroupBox(_("Phòng ban, tập thể"))
        layout = QVBoxLayout(box)
        intro = note(
            _("Các phòng, ban, bộ phận và tập thể (thôn, tổ dân phố, tổ chức) được bình xét thi đua."), color=""
        )
        layout.addWidget(intro)
        self.dept_table = make_table([_("Tên"), _("Loại"), _("Số cán bộ"), _("Trạng thái")], stretch=0)
        self.dept_table.itemSelectionChanged.connect(self._on_dept_selected)
        layout.addWidget(self.dept_table, 1)
        self.show_inactive = QCheckBox(_("Hiện cả tập thể đã ngừng sử dụng"))
        self.show_inactive.toggled.connect(self.load_departments)
        layout.addWidget(self.show_inactive)

        form = QFormLayout()
        self.dept_form = form
        self.dept_name = text_field(_("Tên phòng ban hoặc tập thể"))
        self.dept_error = FieldError()
        form.addRow(_("Tên:"), stacked(self.dept_name, self.dept_error))
        self.dept_kind = code_combo(DEPARTMENT_KINDS)
        form.addRow(_("Loại:"), self.dept_kind)
        # A rename is dated: what is dated before the day (a decision entered later, an award from above) keeps the
        # old name. A misspelt name is corrected instead, over its whole period. Both rows only show while a
        # department is chosen (:meth:`_on_dept_selected`): a department being added has no old name.
        self.dept_from = DateField(date.today())
        self.dept_from.setToolTip(
            _("Văn bản ghi ngày trước ngày này (quyết định nhập sau, khen thưởng cấp trên) vẫn ghi tên cũ.")
        )
        self.dept_from_error = FieldError()
        self.dept_from_row = stacked(self.dept_from, self.dept_from_error)
        form.addRow(_("Tên mới dùng từ ngày:"), self.dept_from_row)
        self.dept_correction = QCheckBox(_("Chỉ sửa tên viết sai"))
        self.dept_correction.setToolTip(
            _("Tên hiện tại bị viết sai: tên mới thay nó cho cả thời gian trước, không tính là đổi tên.")
        )
        self.dept_correction.toggled.connect(lambda checked: self.dept_from.setEnabled(not checked))
        form.addRow("", self.dept_correction)
        self.dept_names = note()
        form.addRow("", self.dept_names)
        layout.addLayout(form)

        self.add_button = push_button(_("Thêm"), self.add_department)
        self.rename_button = push_button(_("Đổi tên"), self.rename_department)
        self.active_button = push_button(_("Ngừng sử dụng"), self.toggle_department_active)
        layout.addLayout(button_row(self.add_button, self.rename_button, self.active_button))

        self.collective_ratings = CollectiveRatingsBox(self.context, box)
        layout.addWidget(self.collective_ratings, 1)
        self._on_dept_selected()
        return box

    # -- unit -----------------------------------------------------------------------------------------
    def load(self) -> None:
        row = unit.get_unit(self.context.store)
        for key, edit in self.edits.items():
            edit.setText(str(row.get(key) or ""))
        index = self.kind.findData(row.get("unit_kind") or "ubnd_xa")
        self.kind.setCurrentIndex(max(index, 0))
        self.place.show_saved(row)
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
        for key in UNIT_TEXT_LABELS.keys() & values.keys() - problems.keys():
            problems[key] = unit_text_problem(key, values[key])
        return {key: message for key, message in problems.items() if message}

    def save(self, *, change_exchange_code: bool = False) -> bool:
        values = self.values()
        problems = self.validate(values)
        for key, error in self.errors.items():
            set_field_error(self._field_widget(key), error, problems.get(key, ""))
        if problems:
            self.status.setText(_("Chưa lưu: hãy sửa các ô có ghi chú màu đỏ."))
            return False
        operation = Operation(
            self, self.context, update_unit, values=values, change_exchange_code=change_exchange_code
        ).changes("unit")
        operation.success(lambda _unit: self.status.setText(_("Đã lưu thông tin đơn vị.")))
        if operation.failure(self._refused).run():
            return True
        if isinstance(operation.error, ExchangeCodeChange) and ask_confirm(
            self, _("Đổi mã đơn vị trong gói dữ liệu?"), str(operation.error) + "\n\n" + _("Vẫn lưu?")
        ):
            return self.save(change_exchange_code=True)
        return False

    def _refused(self, error: BaseException) -> None:
        """A field's problem under the field; anything else (the file, the disk) in a box."""
        if isinstance(error, ExchangeCodeChange):
            self.status.setText(_("Chưa lưu."))
            return
        field = getattr(error, "field", None)
        if not isinstance(error, ValidationError):
            show_error(self, _("Không lưu được thông tin đơn vị: {reason}").format(reason=reason_text(error)))
            return
        key = "name" if field in ("name", "unit_name") else (field or "name")
        if key in self.errors:
            set_field_error(self._field_widget(key), self.errors[key], str(error))
        else:
            show_error(self, str(error))
        self.status.setText(_("Chưa lưu."))

    def _on_data_changed(self, what: str) -> None:
        if what in ("departments", "staff", "demo", "history"):
            self.load_departments()

    # -- departments ----------------------------------------------------------------------------------
    def load_departments(self) -> None:
        rows = unit.list_departments(self.context.store, include_inactive=self.show_inactive.isChecked())
        selected = self.selected_department_id()
        self.dept_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            name = cell(row["name"], data=row["id"])
            name.setData(Qt.ItemDataRole.UserRole + 1, bool(row["active"]))
            name.setData(Qt.ItemDataRole.UserRole + 2, row["kind"])
            kind = cell(_(DEPARTMENT_KINDS.get(row["kind"], row["kind"])))
            count = cell(row["staff_count"], right=True)
            stopped = (
                _("Đã ngừng từ {date}").format(date=format_date(row["stopped_on"]))
                if row["stopped_on"]
                else _("Đã ngừng")
            )
            state = cell(_("Đang dùng") if row["active"] else stopped)
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
        self.dept_form.setRowVisible(self.dept_from_row, item is not None)
        self.dept_form.setRowVisible(self.dept_correction, item is not None)
        if item is not None:
            self.dept_name.setText(item.text())
            index = self.dept_kind.findData(item.data(Qt.ItemDataRole.UserRole + 2))
            self.dept_kind.setCurrentIndex(max(index, 0))
            active = bool(item.data(Qt.ItemDataRole.UserRole + 1))
            self.active_button.setText(_("Ngừng sử dụng") if active else _("Dùng lại"))
        self.dept_from.set_date(date.today())
        self.dept_correction.setChecked(False)
        self._show_names(None if item is None else int(item.data(Qt.ItemDataRole.UserRole)))
        set_field_error(self.dept_name, self.dept_error, "")
        set_field_error(self.dept_from, self.dept_from_error, "")
        if item is None:
            self.collective_ratings.set_department(None)
        else:
            self.collective_ratings.set_department(int(item.data(Qt.ItemDataRole.UserRole)), item.text())

    def _show_names(self, department_id: int | None) -> None:
        """The names the selected department has borne, with their dates, when it has had more than one."""
        names = [] if department_id is None else unit.name_history(self.context.store, department_id=department_id)
        parts = []
        for period in names:
            start, end = format_date(period["valid_from"]), format_date(period["valid_to"])
            if start and end:
                parts.append(_("“{name}” từ {start} đến {end}").format(name=period["name"], start=start, end=end))
            elif end:
                parts.append(_("“{name}” đến {end}").format(name=period["name"], end=end))
            elif start:
                parts.append(_("“{name}” từ {start}").format(name=period["name"], start=start))
        self.dept_names.setText(_("Tên theo thời gian: {names}.").format(names="; ".join(parts)) if parts else "")
        self.dept_names.setVisible(bool(parts))

    def _department_refused(self, error: BaseException) -> None:
        if getattr(error, "field", None) == "name":
            set_field_error(self.dept_name, self.dept_error, str(error))
        elif getattr(error, "field", None) == "valid_from":
            set_field_error(self.dept_from, self.dept_from_error, str(error))
        else:
            show_error(self, reason_text(error))

    def _department_changed(self, _result: Any = None) -> None:
        self.load_departments()

    def add_department(self) -> int | None:
        def added(_new_id: int) -> None:
            self.dept_name.clear()
            self.load_departments()

        operation = Operation(
            self, self.context, unit.add_department, name=self.dept_name.text(), kind=self.dept_kind.currentData()
        )
        operation.changes("departments").success(added).failure(self._department_refused)
        return operation.result if operation.run() else None

    def rename_department(self) -> bool:
        department_id = self.selected_department_id()
        if department_id is None:
            return False
        correction = self.dept_correction.isChecked()
        try:
            valid_from = None if correction else self.dept_from.required(_("Chưa nhập ngày dùng tên mới."))
        except DateError as exc:
            set_field_error(self.dept_from, self.dept_from_error, str(exc))
            return False
        set_field_error(self.dept_from, self.dept_from_error, "")
        operation = Operation(
            self,
            self.context,
            unit.rename_department,
            department_id=department_id,
            name=self.dept_name.text(),
            kind=self.dept_kind.currentData(),
            valid_from=valid_from,
            correction=correction,
        )
        return (
            operation.changes("departments").success(self._department_changed).failure(self._department_refused).run()
        )

    def toggle_department_active(self) -> bool:
        item = self._selected_item()
        if item is None:
            return False
        department_id = int(item.data(Qt.ItemDataRole.UserRole))
        active = bool(item.data(Qt.ItemDataRole.UserRole + 1))
        operation = Operation(
            self, self.context, unit.set_department_active, department_id=department_id, active=not active
        )
        operation.failure(show_reason_box(self))
        return operation.changes("departments").success(self._department_changed).run()
