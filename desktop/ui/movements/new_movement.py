"""The short form on the movements page that creates a movement (its details go in the page's tabs later)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QPlainTextEdit

from desktop.domain.dates import DateError
from desktop.i18n import _
from desktop.ops import movements as mv
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import show_reason_in
from desktop.ui.widgets import ERROR_STYLE, DateField, push_button, wrapped_label


class NewMovementBox(QGroupBox):
    """The short form that creates a movement (more details go in later tabs)."""

    def __init__(self, page: Any) -> None:
        super().__init__(_("Phong trào mới"))
        self.page = page
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key in mv.KINDS:
            self.kind.addItem(mv.label(mv.KINDS, key), key)
        self.theme = QLineEdit()
        self.start = DateField(date(date.today().year, 1, 1))
        self.end = DateField(date(date.today().year, 12, 31))
        self.targets = QPlainTextEdit()
        self.targets.setPlaceholderText(_("Mỗi dòng một mục tiêu, chỉ tiêu"))
        self.targets.setMaximumHeight(60)
        self.create_button = push_button(_("Tạo phong trào"), self.create)
        self.message = wrapped_label()
        self.message.setStyleSheet(ERROR_STYLE)
        form.addRow(_("Tên:"), self.name)
        form.addRow(_("Loại:"), self.kind)
        form.addRow(_("Chủ đề:"), self.theme)
        form.addRow(_("Từ ngày:"), self.start)
        form.addRow(_("Đến ngày:"), self.end)
        form.addRow(_("Mục tiêu:"), self.targets)
        form.addRow(self.create_button)
        form.addRow(self.message)

    def create(self) -> None:
        try:
            start, end = self.start.date(), self.end.date()
        except DateError as exc:
            self.message.setText(str(exc))
            return
        if start is None or end is None:
            self.message.setText(_("Chưa nhập ngày."))
            return
        operation = Operation(
            self,
            self.page.context,
            mv.create_movement,
            name=self.name.text(),
            kind=self.kind.currentData(),
            theme=self.theme.text(),
            start_date=start,
            end_date=end,
            year=start.year if self.kind.currentData() == "regular" else None,
            targets=self.targets.toPlainText().splitlines(),
        )
        if not operation.changes("movements").failure(show_reason_in(self.message)).run():
            return
        self.message.setText("")
        self.name.clear()
        self.targets.clear()
        self.page.refresh(select=operation.result)
