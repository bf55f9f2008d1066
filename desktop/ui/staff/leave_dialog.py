""" "Thôi công tác": record the date a person left. People are never deleted: awards keep pointing at them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QVBoxLayout, QWidget

from desktop.domain.dates import DateError, format_date
from desktop.i18n import _
from desktop.ops import staff as staff_ops
from desktop.ops.session import Store
from desktop.ui import widgets
from desktop.ui.operations import Operation, StoreContext
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.staff.edit_dialog import FieldRow
from desktop.ui.widgets import WARN_COLOR, DateField, note, ok_cancel_buttons, text_field


class LeaveDialog(QDialog):
    """Asks for the end date and reason, confirms, then calls :func:`desktop.ops.staff.mark_staff_left`."""

    def __init__(self, store: Store, *, staff_id: int, full_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = StoreContext(store)
        self.staff_id = staff_id
        self.full_name = full_name
        self.setWindowTitle(_("Thôi công tác"))
        self.setMinimumWidth(520)
        intro = note(
            _("Ghi nhận {name} thôi công tác. Người này không bị xóa: các khen thưởng cũ vẫn giữ nguyên.").format(
                name=full_name
            ),
            color="",
        )
        # read once: the clerk replaces the person in the council afterwards, leaving is never refused for it
        self.seats = staff_ops.council_seats(store, staff_id=staff_id)
        self.seats_note = note(self._seats_text(), color=WARN_COLOR)
        self.seats_note.setVisible(bool(self.seats))
        self.end_date = DateField(date.today())
        self.reason = text_field(_("Ví dụ: nghỉ hưu, chuyển công tác"))
        self.end_row = FieldRow(self.end_date)
        form = QFormLayout()
        form.addRow(_("Thôi công tác từ ngày"), self.end_row)
        form.addRow(_("Lý do"), self.reason)
        buttons = ok_cancel_buttons(self, _("Thôi công tác"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.seats_note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.end_date.selectAll()
        self.end_date.setFocus()

    def _seats_text(self) -> str:
        """The councils of rounds not decided yet the person sits on, and what to do about them."""
        if not self.seats:
            return ""
        return _(
            "{name} đang là thành viên Hội đồng Thi đua - Khen thưởng của đợt bình xét chưa có quyết định: {seats}. "
            "Vẫn ghi được thôi công tác; nếu ngày thôi công tác trước ngày họp Hội đồng, người này không bỏ phiếu "
            "được: hãy thay người khác vào thành phần Hội đồng của đợt đó."
        ).format(name=self.full_name, seats="; ".join(seat["text"] for seat in self.seats))

    def save(self) -> None:
        try:
            end = self.end_date.required(_("Chưa nhập ngày thôi công tác."))
        except DateError as exc:
            self.end_row.set_error(str(exc))
            return
        if problem := staff_ops.leaving_date_problem(end):  # said before the confirmation, not after it
            self.end_row.set_error(problem)
            return
        question = _("Ghi nhận {name} thôi công tác từ ngày {date}?").format(name=self.full_name, date=format_date(end))
        before = [seat["text"] for seat in self.seats if end.isoformat() < seat["meeting_date"]]
        if before:
            question += "\n\n" + _(
                "Ngày {date} trước ngày họp Hội đồng của đợt {seats}: sau khi ghi, hãy thay người này trong thành "
                "phần Hội đồng của đợt đó (Hội đồng đã bỏ phiếu thì không sửa được: hãy kiểm tra lại ngày thôi công "
                "tác)."
            ).format(date=format_date(end), seats="; ".join(before))
        if not widgets.ask_confirm(self, _("Thôi công tác"), question):
            return
        operation = Operation(
            self,
            self.context,
            staff_ops.mark_staff_left,
            staff_id=self.staff_id,
            end_date=end,
            reason=self.reason.text(),
        )
        if operation.failure(lambda error: self.end_row.set_error(reason_text(error))).run():
            self.accept()
