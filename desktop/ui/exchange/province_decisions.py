"""Province mode: the nominations units sent up, and the province's decision on them (khen thưởng or not).

One decision of the province names many people, so the clerk selects the rows it covers and records its number and
date once (:func:`desktop.ops.province.decide`, one transaction). The answers go back to each unit in its next
"Quyết định của tỉnh" package.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError, format_date
from desktop.i18n import N_, _
from desktop.ops import province
from desktop.ops.audit import award_names
from desktop.ui.context import AppContext
from desktop.ui.operations import OperationDialog
from desktop.ui.tables import bulk_fill, cell, make_table
from desktop.ui.widgets import WARN_COLOR, DateField, button_row, note, push_button, set_field_error, text_field

COLUMNS = (
    N_("Đơn vị"), N_("Cá nhân, tập thể được đề nghị"), N_("Danh hiệu, hình thức"), N_("Quyết định của tỉnh"),
    N_("Lưu ý"),
)  # fmt: skip
UNDECIDED_COLOR = "#8a5a00"
DUPLICATE_COLOR = WARN_COLOR


def duplicate_text(row: dict[str, Any]) -> str:
    """The short mark of a nomination the unit sent twice (another UUID, same subject, award and year), naming the
    other's package; the whole explanation is the cell's tooltip (``duplicate_note``). "" for the others."""
    packages = list(dict.fromkeys(str(other.get("package_file") or "—") for other in row.get("duplicates") or []))
    if not packages:
        return ""
    return _("Trùng với đề nghị trong gói {packages}").format(packages=", ".join(packages))


def decision_text(decision: dict[str, Any] | None) -> str:
    """What the province decided, in words: "Khen thưởng — 215/QĐ-UBND ngày 20/01/2027", "Không khen thưởng"."""
    if not decision:
        return _("Chưa có quyết định")
    if not decision.get("awarded"):
        return _("Không khen thưởng")
    when = format_date(decision["decision_date"]) if decision.get("decision_date") else ""
    number = str(decision.get("decision_no") or "")
    if when:
        return _("Khen thưởng — {number} ngày {date}").format(number=number, date=when)
    return _("Khen thưởng — {number}").format(number=number)


class NominationsBox(QWidget):
    """The year's nominations from every unit, with their decision; "Ghi quyết định…" for the selected rows."""

    def __init__(self, context: AppContext, on_decided: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.on_decided = on_decided
        self.rows: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.decide_button = push_button(_("Ghi quyết định của tỉnh…"), self.open_decide_dialog)
        self.decide_button.setEnabled(False)
        heading = QLabel(_("Đề nghị các đơn vị gửi lên (chọn các dòng cùng một quyết định):"))
        layout.addLayout(button_row(heading, right=(self.decide_button,)))
        self.table = make_table([_(c) for c in COLUMNS], stretch=1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = list(rows)
        names = award_names(self.context.store)
        with bulk_fill(self.table):
            self.table.setRowCount(len(self.rows))
            for r, row in enumerate(self.rows):
                decided = row.get("decision")
                values = (
                    f"{row['unit_code']} — {row['unit_name']}",
                    row["name"],
                    names.get(row["code"], row["code"]),
                    decision_text(decided),
                    duplicate_text(row),
                )
                twin = str(row.get("duplicate_note") or "")
                for c, value in enumerate(values):
                    color = UNDECIDED_COLOR if c == 3 and not decided else ""
                    if twin and c in (1, 4):  # a duplicate: seen before choosing, explained on hover
                        color = DUPLICATE_COLOR
                    tooltip = twin if c in (1, 4) else ""
                    self.table.setItem(r, c, cell(value, data=r if c == 0 else None, color=color, tooltip=tooltip))
        self._selection_changed()

    def selected(self) -> list[dict[str, Any]]:
        model = self.table.selectionModel()
        indexes = model.selectedRows() if model is not None else []
        return [self.rows[i.row()] for i in sorted(indexes, key=lambda i: i.row())]

    def _selection_changed(self) -> None:
        count = len(self.selected())
        self.decide_button.setEnabled(count > 0)
        self.decide_button.setText(
            _("Ghi quyết định của tỉnh cho {n} đề nghị…").format(n=count) if count else _("Ghi quyết định của tỉnh…")
        )

    def open_decide_dialog(self) -> DecideDialog | None:
        chosen = self.selected()
        if not chosen:
            return None
        dialog = DecideDialog(self.context, chosen, self)
        dialog.accepted.connect(lambda: self.on_decided(dialog.result))
        dialog.open()
        return dialog


class DecideDialog(OperationDialog):
    """One decision of the province for the chosen nominations: awarded (number, date, issuer) or not."""

    def __init__(self, context: AppContext, nominations: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(context, _("Quyết định của tỉnh"), width=520, parent=parent)
        self.nominations = nominations
        names = ", ".join(n["name"] for n in nominations[:4]) + (", …" if len(nominations) > 4 else "")
        self.form.addRow(note(_("{n} đề nghị: {names}").format(n=len(nominations), names=names), color=""))
        twins = [n for n in nominations if n.get("duplicate_note")]
        if twins:  # the unit sent one of them twice: the clerk decides on one (record_decisions refuses both)
            self.form.addRow(note("\n".join(str(n["duplicate_note"]) for n in twins[:3]), color=DUPLICATE_COLOR))
        self.awarded = QRadioButton(_("Khen thưởng"))
        self.not_awarded = QRadioButton(_("Không khen thưởng"))
        self.awarded.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.awarded)
        group.addButton(self.not_awarded)
        self.form.addRow(_("Kết quả:"), button_row(self.awarded, self.not_awarded))
        self.number = text_field(_("Ví dụ: 215/QĐ-UBND"))
        self.form.addRow(_("Số quyết định:"), self.number)
        self.decision_date = DateField()
        self.form.addRow(_("Ngày ký:"), self.decision_date)
        self.issuer = text_field(_("Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh"))
        self.form.addRow(_("Người, cơ quan ban hành:"), self.issuer)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(60)
        self.form.addRow(_("Ghi chú:"), self.note_edit)
        self.awarded.toggled.connect(self._awarded_toggled)
        self.add_buttons(_("Ghi quyết định"), self.save)

    def _awarded_toggled(self, on: bool) -> None:
        for widget in (self.number, self.decision_date, self.issuer):
            widget.setEnabled(on)

    def save(self) -> list[str] | None:
        awarded = self.awarded.isChecked()
        try:
            when = self.decision_date.date() if awarded else None
        except DateError as exc:
            set_field_error(self.decision_date, self.error, str(exc))
            return None
        return self.run_and_close(
            province.decide,
            changes=("province",),
            nominations=[(n["unit_code"], n["uuid"]) for n in self.nominations],
            awarded=awarded,
            decision_no=self.number.text() if awarded else "",
            decision_date=when,
            issuer=self.issuer.text() if awarded else "",
            note=self.note_edit.toPlainText(),
        )
