"""A collective's own yearly rating (xếp loại tập thể), shown under the collectives of the Unit page.

TTLĐTT and TTLĐXS need it (Luật TĐKT 2022, Điều 27–28) the way LĐTT needs a person's rating: the clerk sees
the selected collective's ratings by year, sets or changes one, and removes a mistyped one. Every write goes
through :mod:`desktop.ops.collectives` (one audited transaction each).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import codes
from desktop.i18n import N_, _
from desktop.ops import collectives
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation, show_in
from desktop.ui.tables import cell, make_table
from desktop.ui.widgets import (
    FieldError,
    ask_confirm,
    button_row,
    code_combo,
    note,
    push_button,
    text_field,
    wrapped_label,
    year_box,
)

HEADERS = (N_("Năm"), N_("Xếp loại"), N_("Ghi chú"))
CHANGED = "collective_ratings"  # what data_changed carries after a change


class CollectiveRatingsBox(QGroupBox):
    """Ratings by year of one collective, with a small form to set, change or remove one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Xếp loại tập thể hằng năm"), parent)
        self.context = context
        self.department_id: int | None = None
        self.department_name = ""
        self.rows: list[dict[str, Any]] = []

        self.heading = wrapped_label()
        hint = note(
            _(
                "Tập thể lao động tiên tiến, Tập thể lao động xuất sắc xét theo xếp loại của chính tập thể trong năm "
                "(Luật Thi đua, khen thưởng 2022, Điều 27, 28)."
            ),
            color="",
        )
        hint.setEnabled(False)
        self.table = make_table([_(h) for h in HEADERS])
        self.table.setMinimumHeight(120)
        self.table.itemSelectionChanged.connect(self._on_row_selected)

        self.year = year_box(date.today().year, first=collectives.FIRST_YEAR, last=date.today().year)
        self.rating = code_combo(codes.RATINGS)
        self.rating.setCurrentIndex(self.rating.findData("HTTNV"))
        self.notes = text_field(_("Ví dụ: theo biên bản họp đánh giá ngày 15/12"))
        form = QFormLayout()
        form.addRow(_("Năm:"), self.year)
        form.addRow(_("Xếp loại:"), self.rating)
        form.addRow(_("Ghi chú:"), self.notes)

        self.error = FieldError()
        self.status = wrapped_label()
        self.save_button = push_button(_("Lưu xếp loại tập thể"), self.save)
        self.remove_button = push_button(_("Xóa xếp loại năm đã chọn…"), self.remove_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.save_button, right=(self.remove_button,)))
        self.set_department(None)

    # -- which collective -------------------------------------------------------------------------------
    def set_department(self, department_id: int | None, name: str = "") -> None:
        changed = department_id != self.department_id
        self.department_id = department_id
        self.department_name = name
        if changed:
            self.status.setText("")
            self._show_error("")
        self.refresh()

    def refresh(self) -> None:
        if self.department_id is None:
            self.heading.setText(_("Chọn một phòng ban, tập thể ở bảng trên để xem và ghi xếp loại của tập thể."))
            self.rows = []
        else:
            self.heading.setText(_("Xếp loại của tập thể “{name}” theo năm:").format(name=self.department_name))
            reading = Operation(self, self.context, collectives.ratings_history, department_id=self.department_id)
            reading.failure(show_in(self.error)).run()
            self.rows = reading.result if reading.ok and reading.result else []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            items = (cell(row["year"], data=row["year"]), cell(row["rating_label"], tooltip=row["rating"]))
            for column, item in enumerate((*items, cell(row["notes"]))):
                self.table.setItem(index, column, item)
        enabled = self.department_id is not None
        for widget in (self.year, self.rating, self.notes, self.save_button):
            widget.setEnabled(enabled)
        self.remove_button.setEnabled(enabled and bool(self.rows))

    def row_count(self) -> int:
        return self.table.rowCount()

    def ratings(self) -> dict[int, str]:
        """{year: rating code} as shown."""
        return {int(row["year"]): str(row["rating"]) for row in self.rows}

    def select_year(self, year: int) -> bool:
        for index, row in enumerate(self.rows):
            if row["year"] == year:
                self.table.selectRow(index)
                return True
        return False

    def _selected_row(self) -> dict[str, Any] | None:
        items = self.table.selectedItems()
        if not items:
            return None
        index = items[0].row()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _on_row_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        self.year.setValue(int(row["year"]))
        self.rating.setCurrentIndex(max(self.rating.findData(row["rating"]), 0))
        self.notes.setText(row["notes"])

    def _show_error(self, message: str) -> None:
        self.error.show_message(message)

    # -- changes ------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Set or change the rating of the year in the form."""
        self._show_error("")
        self.status.setText("")
        if self.department_id is None:
            self._show_error(_("Hãy chọn một phòng ban, tập thể trước."))
            return False
        operation = Operation(
            self,
            self.context,
            collectives.set_collective_rating,
            department_id=self.department_id,
            year=self.year.value(),
            rating=str(self.rating.currentData()),
            notes=self.notes.text(),
        )
        return operation.changes(CHANGED).success(self._saved).failure(show_in(self.error)).run()

    def _saved(self, result: dict[str, Any]) -> None:
        if result["previous"] and result["previous"] != result["rating"]:
            text = _("Đã sửa xếp loại năm {year}: {old} → {new}.").format(
                year=result["year"], old=collectives.rating_label(result["previous"]), new=result["rating_label"]
            )
        else:
            text = _("Đã lưu xếp loại năm {year}: {rating}.").format(year=result["year"], rating=result["rating_label"])
        self.refresh()
        self.select_year(int(result["year"]))
        self.status.setText(text)

    def remove_selected(self) -> bool:
        """Remove the selected year's rating after asking (only for a mistyped one)."""
        self._show_error("")
        row = self._selected_row()
        if self.department_id is None or row is None:
            self._show_error(_("Hãy chọn năm cần xóa trong bảng xếp loại."))
            return False
        question = _("Xóa xếp loại năm {year} ({rating}) của tập thể “{name}”? Chỉ nên xóa xếp loại nhập nhầm.").format(
            year=row["year"], rating=row["rating_label"], name=self.department_name
        )
        if not ask_confirm(self, _("Xóa xếp loại tập thể"), question):
            return False

        def removed(_none: None) -> None:
            self.refresh()
            self.status.setText(_("Đã xóa xếp loại năm {year}.").format(year=row["year"]))

        year = int(row["year"])
        operation = Operation(
            self, self.context, collectives.remove_collective_rating, department_id=self.department_id, year=year
        )
        return operation.changes(CHANGED).success(removed).failure(show_in(self.error)).run()


__all__ = ["CollectiveRatingsBox"]
