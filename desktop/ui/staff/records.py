"""One person's yearly records in tabs: ratings, discipline, initiatives, long leave, and the award register.

These are the inputs of the eligibility rules (a rating per year, discipline that defers an award,
initiatives for CSTĐCS, maternity leave that counts as worked time), so each tab shows what is
stored and adds a row through the matching operation in :mod:`desktop.ops.staff`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import codes
from desktop.domain.dates import DateError, format_date
from desktop.domain.text import fold
from desktop.i18n import N_, _
from desktop.ops import queries, review, rules
from desktop.ops import staff as staff_ops
from desktop.ops.session import Store
from desktop.ui import widgets
from desktop.ui.operations import Operation, StoreContext
from desktop.ui.pages.user_errors import show_reason_in
from desktop.ui.review import SOURCE_LABELS, document_file_name, fill_award_choices, money_text, render_document_file
from desktop.ui.tables import cell, fill_rows, make_table
from desktop.ui.widgets import (
    ERROR_STYLE,
    DateField,
    button_row,
    close_buttons,
    code_combo,
    note,
    ok_cancel_buttons,
    push_button,
    sized_to_screen,
    text_field,
    wrapped_label,
)


def _label(table: dict[str, str], code: str) -> str:
    return _(table[code]) if code in table else code


class _RecordTab(QWidget):
    """A table of existing rows, an add form under it, and a delete button that asks first.

    A tab names its table, headers and :attr:`operation`, adds its fields with :meth:`field` (the operation's
    keywords), and says how to read and show its rows (:meth:`fetch`, :meth:`cells`). Saving reads every field
    (a date that is not a date is said under the form), runs the operation, then empties the typed fields
    (choices and numbers stay, for the next row).
    """

    changed = Signal()
    table_name = ""
    headers: tuple[str, ...] = ()
    operation: Callable[..., Any]

    def __init__(self, store: Store, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.staff_id = staff_id
        self.context = StoreContext(store)
        self.fields: dict[str, QWidget] = {}
        self.table = make_table([_(h) for h in self.headers])
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.add_button = push_button(_("Thêm"), self._add)
        self.delete_button = push_button(_("Xóa dòng nhập nhầm…"), self._delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.add_button, right=(self.delete_button,)))
        self._ids: list[int] = []

    def field(self, name: str, label: str, widget: Any) -> Any:
        """Add ``widget`` to the form as the operation's keyword ``name``; returns it."""
        self.fields[name] = widget
        self.form.addRow(label, widget)
        return widget

    def refresh(self) -> None:
        rows = self.fetch()
        self._ids = [row["id"] for row in rows]
        fill_rows(self.table, [self.cells(row) for row in rows])

    def row_count(self) -> int:
        return self.table.rowCount()

    def _add(self) -> None:
        self.error.setText("")
        try:
            values = self.values()
        except DateError as exc:
            self.error.setText(str(exc))
            return
        adding = Operation(self, self.context, type(self).operation, staff_id=self.staff_id, **values)
        if adding.failure(show_reason_in(self.error)).run():
            for widget in self.fields.values():
                if isinstance(widget, QLineEdit):  # DateField too
                    widget.clear()
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(False)
            self.refresh()
            self.changed.emit()

    def values(self) -> dict[str, Any]:
        """The form's values by keyword; DateError when a date cannot be read."""
        return {name: _value(widget) for name, widget in self.fields.items()}

    def _delete(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._ids):
            self.error.setText(_("Hãy chọn dòng cần xóa trong bảng."))
            return
        summary = " — ".join(self.cells(self.fetch()[row])[:2])
        if not widgets.ask_confirm(
            self, _("Xóa dòng"), _("Xóa dòng “{summary}”? Chỉ nên xóa dòng nhập nhầm.").format(summary=summary)
        ):
            return
        deleting = Operation(
            self, self.context, staff_ops.delete_staff_record, table=self.table_name, record_id=self._ids[row]
        )
        if deleting.failure(show_reason_in(self.error)).run():
            self.refresh()
            self.changed.emit()

    # subclasses
    def fetch(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def cells(self, row: dict[str, Any]) -> list[str]:
        raise NotImplementedError


def _value(widget: QWidget) -> Any:
    if isinstance(widget, DateField):
        return widget.date()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    assert isinstance(widget, QLineEdit)
    return widget.text()


class RatingsTab(_RecordTab):
    table_name = "ratings"
    headers = (N_("Năm"), N_("Xếp loại"), N_("Ghi chú"))
    operation = staff_ops.set_rating

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the year being worked on (the open round's year, else the latest with data), not always the calendar's
        working = min(queries.working_year(self.store), date.today().year)
        self.year = self.field("year", _("Năm"), widgets.year_box(working, first=1990))
        self.year.setMaximum(date.today().year)  # a year not begun has no rating yet (ops.common.check_record_year)
        self.rating = self.field("rating", _("Xếp loại"), code_combo(codes.RATINGS, "HTTNV"))
        self.notes = self.field("notes", _("Ghi chú"), QLineEdit())
        self.add_button.setText(_("Lưu xếp loại"))

    def fetch(self) -> list[dict[str, Any]]:
        return queries.ratings_of(self.store, self.staff_id)

    def cells(self, row: dict[str, Any]) -> list[str]:
        return [str(row["year"]), _label(codes.RATINGS, row["rating"]), row["notes"]]


class DisciplineTab(_RecordTab):
    table_name = "discipline"
    headers = (N_("Hình thức"), N_("Từ ngày"), N_("Đến ngày"), N_("Số quyết định"), N_("Đang xem xét"), N_("Lý do"))
    operation = staff_ops.add_discipline

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.level = self.field("level", _("Hình thức kỷ luật"), code_combo(codes.DISCIPLINE_LEVELS))
        self.start = self.field("start_date", _("Từ ngày"), DateField())
        self.end = self.field("end_date", _("Đến ngày"), DateField())
        self.reason = self.field("reason", _("Lý do"), QLineEdit())
        self.decision_no = self.field("decision_no", _("Số quyết định"), QLineEdit())
        self.decision_no.setPlaceholderText(_("Ví dụ: 12/QĐ-UBND"))
        pending = QCheckBox(_("Đang bị xem xét kỷ luật, thanh tra, điều tra (hoãn xét khen thưởng)"))
        self.pending = self.field("pending", "", pending)

    def fetch(self) -> list[dict[str, Any]]:
        return queries.discipline_of(self.store, self.staff_id)

    def cells(self, row: dict[str, Any]) -> list[str]:
        return [
            _label(codes.DISCIPLINE_LEVELS, row["level"]),
            format_date(row["start_date"]),
            format_date(row["end_date"]),
            row["decision_no"],
            _("Có") if row["pending"] else "",
            row["reason"],
        ]


class InitiativesTab(_RecordTab):
    table_name = "initiatives"
    headers = (N_("Tên sáng kiến"), N_("Cấp công nhận"), N_("Ngày công nhận"), N_("Số quyết định"))
    operation = staff_ops.add_initiative

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.field("title", _("Tên sáng kiến"), QLineEdit())
        self.level = self.field("level", _("Cấp công nhận"), code_combo(codes.INITIATIVE_LEVELS))
        self.recognized = self.field("recognized_on", _("Ngày công nhận"), DateField())
        self.decision_no = self.field("decision_no", _("Số quyết định"), QLineEdit())

    def fetch(self) -> list[dict[str, Any]]:
        return queries.initiatives_of(self.store, self.staff_id)

    def cells(self, row: dict[str, Any]) -> list[str]:
        return [
            row["title"],
            _label(codes.INITIATIVE_LEVELS, row["level"]),
            format_date(row["recognized_on"]),
            row["decision_no"],
        ]


class LeaveTab(_RecordTab):
    table_name = "leave_periods"
    headers = (N_("Loại nghỉ"), N_("Từ ngày"), N_("Đến ngày"), N_("Tính là thời gian công tác"))
    operation = staff_ops.add_leave

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = self.field("kind", _("Loại nghỉ"), code_combo(codes.LEAVE_KINDS))
        self.start = self.field("start_date", _("Từ ngày"), DateField())
        self.end = self.field("end_date", _("Đến ngày"), DateField())
        self.counts_note = wrapped_label()
        self.kind.currentIndexChanged.connect(self._update_note)
        self.form.addRow("", self.counts_note)
        self._update_note()

    def _update_note(self) -> None:
        kind = self.kind.currentData()
        if codes.LEAVE_COUNTS_AS_WORKED.get(kind):
            self.counts_note.setText(_("Thời gian nghỉ này vẫn được tính là thời gian công tác (NĐ 152/2025, Điều 4)."))
        else:
            self.counts_note.setText(_("Thời gian nghỉ này không được tính là thời gian công tác."))

    def fetch(self) -> list[dict[str, Any]]:
        return queries.leave_of(self.store, self.staff_id)

    def cells(self, row: dict[str, Any]) -> list[str]:
        return [
            _label(codes.LEAVE_KINDS, row["kind"]),
            format_date(row["start_date"]),
            format_date(row["end_date"]),
            _("Có") if row["counts_as_worked"] else _("Không"),
        ]

    def values(self) -> dict[str, Any]:
        values = super().values()
        if values["start_date"] is None or values["end_date"] is None:
            raise DateError(_("Cần nhập cả ngày bắt đầu và ngày kết thúc nghỉ."))
        return values


class AwardFromAboveDialog(QDialog):
    """A title or award form decided above (tỉnh, Trung ương), entered by hand from the paper decision."""

    def __init__(self, store: Store, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.store = store
        self.staff_id = staff_id
        self.context = StoreContext(store)
        self.award_id: int | None = None
        self.setWindowTitle(_("Thêm khen thưởng cấp trên"))
        self.setMinimumWidth(520)
        pack = rules.effective_pack(store)
        form = QFormLayout(self)
        self.year = QSpinBox()
        self.year.setRange(1945, date.today().year)
        self.year.setValue(date.today().year - 1)
        form.addRow(_("Năm khen thưởng"), self.year)
        self.code = QComboBox()
        fill_award_choices(self.code, pack, "individual", bold_headings=False)
        form.addRow(_("Danh hiệu, hình thức"), self.code)
        self.decision_no = text_field(_("Ví dụ: 1234/QĐ-UBND"))
        form.addRow(_("Số quyết định"), self.decision_no)
        self.decision_date = DateField()
        form.addRow(_("Ngày quyết định"), self.decision_date)
        self.issuer = text_field(_("Ví dụ: Ủy ban nhân dân tỉnh Tuyên Quang"))
        form.addRow(_("Cơ quan quyết định"), self.issuer)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = ok_cancel_buttons(self, _("Lưu"), self.save)
        form.addRow(buttons)

    def save(self) -> int | None:
        self.error.setText("")
        try:
            decision_date = self.decision_date.date()
        except DateError as exc:
            self.error.setText(str(exc))
            return None
        operation = Operation(
            self,
            self.context,
            rules.record_award_from_above,
            staff_id=self.staff_id,
            year=self.year.value(),
            code=self.code.currentData() or "",
            decision_no=self.decision_no.text(),
            decision_date=decision_date,
            issuer=self.issuer.text(),
        )
        if not operation.failure(show_reason_in(self.error)).run():
            return None
        self.award_id = operation.result
        self.accept()
        return self.award_id


class AwardsTab(QWidget):
    """Sổ theo dõi khen thưởng of the person: this unit's decisions, awards from above, imported history."""

    changed = Signal()
    HEADERS = (
        N_("Năm"),
        N_("Danh hiệu, hình thức"),
        N_("Số quyết định"),
        N_("Ngày"),
        N_("Cơ quan quyết định"),
        N_("Số sổ vàng"),
        N_("Số tiền (đồng)"),
        N_("Nguồn"),
    )
    REGISTER_COLUMN, MONEY_COLUMN = 5, 6  # numbers, read down the column: aligned right as in Excel

    def __init__(self, store: Store, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.staff_id = staff_id
        self.last_job: Any = None
        self.last_dialog: QDialog | None = None
        self.context = StoreContext(store)
        self.table = make_table([_(h) for h in self.HEADERS])
        self.add_button = push_button(_("Thêm khen thưởng cấp trên…"), self.open_add_dialog)
        self.print_button = push_button(_("In sổ khen thưởng"), self.print_register)
        remark = note(_("Khen thưởng do đơn vị quyết định được ghi tự động khi ban hành quyết định."), color="")
        remark.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(remark)
        layout.addLayout(button_row(self.add_button, right=(self.print_button,)))
        self.entries: list[dict[str, Any]] = []

    def refresh(self) -> None:
        self.entries = review.register_entries(self.store, staff_id=self.staff_id)
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            cells = (
                str(entry["year"]),
                entry["code_name"],
                entry.get("decision_number_text") or entry.get("decision_no") or "",
                format_date(entry.get("decision_date")),
                entry.get("issuer") or "",
                str(entry["register_no"]) if entry.get("register_no") else "",
                money_text(entry.get("amount")),
                _label(SOURCE_LABELS, entry.get("source") or ""),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, cell(text, right=c in (self.REGISTER_COLUMN, self.MONEY_COLUMN)))
        self.print_button.setEnabled(bool(self.entries))

    def row_count(self) -> int:
        return self.table.rowCount()

    def open_add_dialog(self) -> AwardFromAboveDialog:
        dialog = AwardFromAboveDialog(self.store, self.staff_id, self)
        dialog.accepted.connect(self._added)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _added(self) -> None:
        self.refresh()
        self.changed.emit()

    def print_register(self) -> Any:
        """The person's register as PDF, rendered off the UI thread and opened to print."""
        person = queries.get_staff(self.store, self.staff_id)
        name = document_file_name("register", fold(person["full_name"]), person["staff_code"])
        _out, self.last_job = render_document_file(
            self, self.context, kind="register", name=name, fmt="pdf", staff_id=self.staff_id
        )
        return self.last_job


class StaffRecordsDialog(QDialog):
    """The four record tabs of one person; ``on_change`` runs after every saved change."""

    def __init__(
        self,
        store: Store,
        *,
        staff_id: int,
        on_change: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        person = queries.get_staff(store, staff_id)
        self.setWindowTitle(_("Hồ sơ thi đua: {name}").format(name=person["full_name"]))
        sized_to_screen(self, 1040, 560)  # every column of the award register unscrolled on 1366×768; fits 1024×600
        self.tabs = QTabWidget()
        self.ratings = RatingsTab(store, staff_id)
        self.discipline = DisciplineTab(store, staff_id)
        self.initiatives = InitiativesTab(store, staff_id)
        self.leave = LeaveTab(store, staff_id)
        self.awards = AwardsTab(store, staff_id)
        tabs: tuple[tuple[Any, str], ...] = (
            (self.ratings, _("Xếp loại")),
            (self.discipline, _("Kỷ luật")),
            (self.initiatives, _("Sáng kiến")),
            (self.leave, _("Nghỉ dài ngày")),
            (self.awards, _("Khen thưởng")),
        )
        for tab, title in tabs:
            tab.refresh()
            if on_change is not None:
                tab.changed.connect(on_change)
            self.tabs.addTab(tab, title)
        header = QLabel(f"{person['full_name']} — {person['staff_code']}")
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
