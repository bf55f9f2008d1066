"""The Unit page's box "Người ký quyết định theo nhiệm kỳ": who held the head and deputy posts, from which day.

A decision dated in the past is signed by whoever was in office on its date; the decision dialog proposes that
person and issuing refuses a signer not in office then (:mod:`desktop.ops.officials`). Every write goes through
the operation runner (one audited transaction each).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from desktop.domain import signing
from desktop.domain.dates import DateError, format_date
from desktop.i18n import N_, _
from desktop.ops import officials
from desktop.ops.unit import get_unit
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation, OperationDialog, show_in
from desktop.ui.tables import cell, make_table
from desktop.ui.widgets import (
    DateField,
    FieldError,
    ask_confirm,
    button_row,
    code_combo,
    note,
    open_dialog,
    push_button,
    text_field,
)

HEADERS = (N_("Chức vụ"), N_("Họ tên"), N_("Từ ngày"), N_("Đến ngày"))
CHANGED = "officials"  # what data_changed carries after a change


class AddOfficialDialog(OperationDialog):
    """One term: the role, the title printed when signing, the name, the first and (optional) last day."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Thêm nhiệm kỳ người ký quyết định"), width=460, parent=parent)
        unit = get_unit(context.store)
        self.head = signing.head_title(str(unit.get("head_title") or ""), str(unit.get("unit_kind") or "ubnd_xa"))
        self.role = code_combo(officials.ROLES)
        self.title = text_field(_("Ví dụ: Chủ tịch, Phó Chủ tịch"))
        self.title.setText(self.head)
        self.full_name = text_field(_("Họ tên người giữ chức vụ"))
        self.start = DateField()
        self.end = DateField()
        self.end.setPlaceholderText(_("để trống: đến nay"))
        self.form.addRow(_("Chức vụ:"), self.role)
        self.form.addRow(_("Chức vụ ghi khi ký:"), self.title)
        self.form.addRow(_("Họ tên:"), self.full_name)
        self.form.addRow(_("Từ ngày:"), self.start)
        self.form.addRow(_("Đến ngày:"), self.end)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.add_buttons(_("Ghi nhiệm kỳ"), self.save)

    def _role_changed(self) -> None:
        deputy = signing.deputy_title(self.head)
        if self.role.currentData() == "deputy" and self.title.text().strip() in ("", self.head):
            self.title.setText(deputy)
        elif self.role.currentData() == "head" and self.title.text().strip() in ("", deputy):
            self.title.setText(self.head)

    def save(self) -> int | None:
        try:
            start = self.start.required(_("Chưa nhập ngày bắt đầu nhiệm kỳ."))
            end = self.end.date()
        except DateError as exc:
            self.error.show_message(str(exc))
            return None
        return self.run_and_close(
            officials.add_official,
            changes=(CHANGED,),
            role=str(self.role.currentData()),
            title=self.title.text(),
            full_name=self.full_name.text(),
            start_date=start,
            end_date=end,
        )


class EndTermDialog(OperationDialog):
    """The last day in office of the term chosen."""

    def __init__(self, context: AppContext, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(context, _("Kết thúc nhiệm kỳ"), width=420, parent=parent)
        self.row = row
        self.form.addRow(
            note(
                _("{title} {name}, từ ngày {start}.").format(
                    title=row["title"], name=row["full_name"], start=format_date(row["start_date"])
                ),
                color="",
            )
        )
        self.end = DateField(row["end_date"])
        self.form.addRow(_("Ngày cuối cùng giữ chức vụ:"), self.end)
        self.add_buttons(_("Kết thúc nhiệm kỳ"), self.save)

    def save(self) -> None:
        try:
            end = self.end.required(_("Chưa nhập ngày kết thúc nhiệm kỳ."))
        except DateError as exc:
            self.error.show_message(str(exc))
            return
        self.run_and_close(officials.end_term, changes=(CHANGED,), official_id=int(self.row["id"]), end_date=end)


class OfficialsBox(QGroupBox):
    """The terms of office, with buttons to add one, end one and remove one typed by mistake."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Người ký quyết định theo nhiệm kỳ"), parent)
        self.context = context
        self.rows: list[dict[str, Any]] = []
        hint = note(
            _(
                "Ghi ai giữ chức vụ người đứng đầu, cấp phó từ ngày nào đến ngày nào. Khi đã ghi, quyết định ký ngày "
                "nào thì người ký phải là người giữ chức vụ vào ngày đó; hộp ra quyết định tự điền người ký theo ngày."
            ),
            color="",
        )
        hint.setEnabled(False)
        self.table = make_table([_(h) for h in HEADERS], stretch=1)
        self.table.setMinimumHeight(120)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.error = FieldError()
        self.add_button = push_button(_("Thêm…"), self.add)
        self.end_button = push_button(_("Kết thúc nhiệm kỳ…"), self.end_selected)
        self.remove_button = push_button(_("Xóa dòng nhập nhầm…"), self.remove_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.add_button, self.end_button, right=(self.remove_button,)))
        self.refresh()
        context.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, what: str) -> None:
        if what in (CHANGED, "unit", "demo"):
            self.refresh()

    def refresh(self) -> None:
        reading = Operation(self, self.context, officials.list_officials)
        reading.failure(show_in(self.error)).run()
        self.rows = reading.result if reading.ok and reading.result else []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            role = _(officials.ROLES.get(row["role"], row["role"]))
            items = (
                cell(row["title"], data=row["id"], tooltip=role),
                cell(row["full_name"]),
                cell(format_date(row["start_date"])),
                cell(officials.term_end_text(row["end_date"])),
            )
            for column, item in enumerate(items):
                self.table.setItem(index, column, item)
        self._on_selected()

    def cells(self) -> list[list[str]]:
        """The table as shown."""
        return [[self.table.item(r, c).text() for c in range(len(HEADERS))] for r in range(self.table.rowCount())]

    def select(self, official_id: int) -> bool:
        for index, row in enumerate(self.rows):
            if row["id"] == official_id:
                self.table.selectRow(index)
                return True
        return False

    def selected(self) -> dict[str, Any] | None:
        items = self.table.selectedItems()
        if not items:
            return None
        item = self.table.item(items[0].row(), 0)
        wanted = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((row for row in self.rows if row["id"] == wanted), None)

    def _on_selected(self) -> None:
        chosen = self.selected() is not None
        self.end_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def add(self) -> AddOfficialDialog:
        self.error.show_message("")
        return open_dialog(self, AddOfficialDialog(self.context, self))

    def end_selected(self) -> EndTermDialog | None:
        self.error.show_message("")
        row = self.selected()
        if row is None:
            self.error.show_message(_("Hãy chọn một nhiệm kỳ trong bảng."))
            return None
        return open_dialog(self, EndTermDialog(self.context, row, self))

    def remove_selected(self) -> bool:
        """Remove the selected term after asking (only one typed by mistake)."""
        self.error.show_message("")
        row = self.selected()
        if row is None:
            self.error.show_message(_("Hãy chọn một nhiệm kỳ trong bảng."))
            return False
        question = _(
            "Xóa nhiệm kỳ {title} {name} (từ {start})? Chỉ xóa dòng nhập nhầm; người thôi giữ chức vụ thì dùng "
            "“Kết thúc nhiệm kỳ…”."
        ).format(title=row["title"], name=row["full_name"], start=format_date(row["start_date"]))
        if not ask_confirm(self, _("Xóa nhiệm kỳ"), question):
            return False
        operation = Operation(self, self.context, officials.remove_official, official_id=int(row["id"]))
        return operation.changes(CHANGED).failure(show_in(self.error)).run()
