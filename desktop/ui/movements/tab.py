"""The base of the movement page's tabs (:mod:`desktop.ui.movements.page`): a message line at the bottom, an
operation run with its refusal shown there, documents saved where the clerk chooses."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from desktop.domain.dates import DateError
from desktop.i18n import _
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.widgets import ERROR_STYLE, OK_STYLE, DateField, wrapped_label


class MovementTab(QWidget):
    """A tab with a message line at the bottom: red for a refusal, green for a done change."""

    def __init__(self, page: Any) -> None:  # the MovementsPage
        super().__init__()
        self.page = page
        self.layout_ = QVBoxLayout(self)
        self.message = wrapped_label()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def run(self, func: Any, *, done: str = "", changes: tuple[str, ...] = ("movements",), **kwargs: Any) -> Any:
        """Call an operation; a refusal is shown in the message line and returns None."""
        operation = Operation(self, self.page.context, func, **kwargs).changes(*changes)
        if not operation.failure(lambda error: self.say(reason_text(error), error=True)).run():
            return None
        if done:
            self.say(done)
        return operation.result

    def export(self, func: Any, title: str, name: str, **kwargs: Any) -> None:
        """Save a document of the movement where the clerk chooses (PDF or Word)."""
        path = self.save_path(title, name, _("PDF (*.pdf);;Word (*.docx)"))
        if path and self.run(func, out=path, changes=(), **kwargs) is not None:
            self.say(_("Đã lưu {path}.").format(path=path))

    def export_movement(self, func: Any, title: str, name: str) -> None:
        """:meth:`export` of a document of the movement shown (nothing while none is chosen)."""
        if self.movement_id is not None:
            self.export(func, title, name, movement_id=self.movement_id)

    def read_day(self, field: DateField) -> date | None:
        """The date in ``field``; None (the reason in the message line) when it is empty or not a date."""
        try:
            return field.required(_("Chưa nhập ngày."))
        except DateError as exc:
            self.say(str(exc), error=True)
            return None

    def save_path(self, title: str, name: str, filters: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, title, name, filters)
        return path

    @property
    def movement_id(self) -> int | None:
        return self.page.current_id

    def reload(self, movement: dict[str, Any] | None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError
