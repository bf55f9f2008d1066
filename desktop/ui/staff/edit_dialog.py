"""Add / edit one person: a plain form a clerk can fill with the keyboard alone.

Dates are typed (``05/03/1980``) into the window's date field and read by :func:`desktop.domain.dates.parse_date`:
typing is quicker for clerks copying from paper records (the calendar button is there for the others). Every
problem is shown in red next to its field and the dialog stays open with the input intact.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import codes
from desktop.domain.dates import DateError, parse_date
from desktop.domain.staff import StaffDraft, ethnic_code_for
from desktop.domain.text import nfc, plain_sort_key
from desktop.i18n import _
from desktop.ops import queries
from desktop.ops import staff as staff_ops
from desktop.ops.session import Store
from desktop.ops.unit import department_names
from desktop.store import ValidationError
from desktop.ui.operations import Operation, StoreContext
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.widgets import ERROR_STYLE, DateField, FieldError, code_combo, set_field_error, text_field


class FieldRow(QWidget):
    """An input with its red message to the right; the message is hidden while empty."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = FieldError()
        self.error.setMinimumWidth(220)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # A date field keeps its own width, at the left like the other fields start.
        left = Qt.AlignmentFlag.AlignLeft if isinstance(editor, DateField) else Qt.AlignmentFlag(0)
        layout.addWidget(editor, 3, left)
        layout.addWidget(self.error, 2)
        self.setFocusProxy(editor)

    def set_error(self, message: str) -> None:
        set_field_error(self.editor, self.error, message)


class StaffEditDialog(QDialog):
    """``staff_id`` None = new person. After a successful save :attr:`saved_id` holds the row id."""

    def __init__(
        self, store: Store, *, staff_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.context = StoreContext(store)
        self.staff_id = staff_id
        self.saved_id: int | None = None
        self.setWindowTitle(_("Thêm cán bộ") if staff_id is None else _("Sửa thông tin cán bộ"))
        self.setMinimumWidth(640)

        self.full_name = text_field(_("Ví dụ: Nguyễn Văn Sơn"))
        self.staff_code = text_field(_("Để trống: chương trình tự đặt mã"))
        self.gender = code_combo(codes.GENDERS, first=(_("(chưa rõ)"), ""))
        self.birth_date = DateField()
        self.ethnic = QComboBox()
        for code, name in codes.ETHNIC_GROUPS.items():
            self.ethnic.addItem(f"{code} - {name}", code)
        # Typed names are matched through the same table as the import ("Mông", "Hmong", "Khmer", "Ê Đê" ...).
        self.ethnic.setEditable(True)
        self.ethnic.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.ethnic.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        self.ethnic.lineEdit().setPlaceholderText(_("Gõ tên dân tộc, ví dụ: Mông, Tày, Khmer"))
        self.ethnic.lineEdit().editingFinished.connect(self._settle_ethnic)
        self.position = text_field(_("Ví dụ: Chuyên viên Phòng Văn hóa - Xã hội"))
        self.is_leader = QCheckBox(_("Là lãnh đạo, quản lý"))
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department.addItem("")
        for name in sorted(department_names(store), key=plain_sort_key):
            self.department.addItem(name)
        self.department.lineEdit().setPlaceholderText(_("Chọn hoặc gõ tên phòng ban mới"))
        # A new department is a move with its date: the years before it keep the person in the department left.
        self.moved_on = DateField()
        self.moved_on.set_date(date.today())
        self.moved_on.setToolTip(
            _("Ngày người này sang phòng ban mới. Các năm trước ngày đó vẫn tính người này ở phòng ban cũ.")
        )
        self._loaded_department = ""
        self.category = code_combo(codes.STAFF_CATEGORIES)
        self.category.setCurrentIndex(self.category.findData("cong_chuc"))
        self.start_date = DateField()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)

        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields: list[tuple[str, str, QWidget]] = [
            ("full_name", _("Họ và tên (*)"), self.full_name),
            ("staff_code", _("Mã cán bộ"), self.staff_code),
            ("gender", _("Giới tính"), self.gender),
            ("birth_date", _("Ngày sinh"), self.birth_date),
            ("ethnic_code", _("Dân tộc"), self.ethnic),
            ("position", _("Chức vụ"), self.position),
            ("is_leader", "", self.is_leader),
            ("department", _("Phòng ban"), self.department),
            ("moved_on", _("Ngày chuyển phòng ban"), self.moved_on),
            ("category", _("Loại"), self.category),
            ("start_date", _("Ngày bắt đầu công tác"), self.start_date),
            ("notes", _("Ghi chú"), self.notes),
        ]
        for name, label, editor in fields:
            row = FieldRow(editor)
            self.rows[name] = row
            form.addRow(label, row)
            if label:
                form.labelForField(row).setBuddy(editor)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("Lưu"))
        save.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Hủy"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        order = [editor for _name, _label, editor in fields]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(order[-1], save)

        self._form = form
        if staff_id is not None:
            self._load(queries.get_staff(store, staff_id))
        self.department.currentTextChanged.connect(self._show_moved_on)
        self._show_moved_on()
        self.full_name.setFocus()

    # -- loading and reading the form -----------------------------------------------------------
    def _load(self, row: dict[str, Any]) -> None:
        self.full_name.setText(row["full_name"])
        self.staff_code.setText(row["staff_code"])
        self.gender.setCurrentIndex(max(0, self.gender.findData(row["gender"] or "")))
        self.birth_date.set_date(row["birth_date"])
        self.ethnic.setCurrentIndex(max(0, self.ethnic.findData(row["ethnic_code"])))
        self.position.setText(row["position"])
        self.is_leader.setChecked(bool(row["is_leader"]))
        self.department.setCurrentText(row["department"] or "")
        self._loaded_department = row["department"] or ""
        index = self.category.findData(row["category"])
        if index < 0:
            self.category.addItem(row["category"], row["category"])
            index = self.category.count() - 1
        self.category.setCurrentIndex(index)
        self.start_date.set_date(row["start_date"])
        self.notes.setPlainText(row["notes"] or "")
        self._end_date = parse_date(row["end_date"]) if row["end_date"] else None

    def ethnic_code(self) -> str | None:
        """The code of the group chosen or typed in the ethnic box; None if the typed text names no group."""
        text = self.ethnic.currentText()
        index = self.ethnic.findText(text)
        if index >= 0:
            return str(self.ethnic.itemData(index))
        return ethnic_code_for(text)

    def _settle_ethnic(self) -> None:
        """Show a typed name as its list entry ("hmong" → "08 - HMông"), so the clerk sees what will be saved."""
        code = self.ethnic_code()
        if code is not None:
            self.ethnic.setCurrentIndex(max(0, self.ethnic.findData(code)))

    def draft(self) -> tuple[StaffDraft, dict[str, str]]:
        """The form as a draft, plus problems found while reading it (dates that are not dates)."""
        problems: dict[str, str] = {}
        ethnic = self.ethnic_code()
        if ethnic is None:
            problems["ethnic_code"] = _(
                "“{value}” không có trong danh mục 54 dân tộc; hãy chọn trong danh sách."
            ).format(value=self.ethnic.currentText())
        dates: dict[str, date | None] = {}
        for name, edit in (("birth_date", self.birth_date), ("start_date", self.start_date)):
            try:
                dates[name] = edit.date()
            except DateError as exc:
                problems[name] = str(exc)
                dates[name] = None
        draft = StaffDraft(
            full_name=self.full_name.text(),
            staff_code=self.staff_code.text(),
            gender=self.gender.currentData() or "",
            birth_date=dates["birth_date"],
            ethnic_code=ethnic or codes.MAJORITY_ETHNIC_CODE,
            position=self.position.text(),
            is_leader=self.is_leader.isChecked(),
            department=self.department.currentText(),
            category=self.category.currentData() or "cong_chuc",
            start_date=dates["start_date"],
            end_date=getattr(self, "_end_date", None),
            notes=self.notes.toPlainText(),
        )
        return draft, problems

    # -- saving ---------------------------------------------------------------------------------
    def show_problems(self, problems: dict[str, str]) -> None:
        general: list[str] = []
        for name, row in self.rows.items():
            row.set_error(problems.get(name, ""))
        for name, message in problems.items():
            if name not in self.rows:
                general.append(message)
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        if problems:
            self.adjustSize()  # a message of two lines makes its row taller: grow rather than squeeze the notes box
        for name in self.rows:
            if name in problems:
                self.rows[name].editor.setFocus()
                break

    def _moves(self) -> bool:
        """Whether the form now names another department than the record's (a move to date)."""
        if self.staff_id is None:
            return False
        # compared as the store finds a department by name (unit_repo.department_name_key: NFC, spaces, case)
        return nfc(self.department.currentText()).casefold() != nfc(self._loaded_department).casefold()

    def _show_moved_on(self) -> None:
        shown = self._moves()
        if shown != self.rows["moved_on"].isVisibleTo(self):
            self._form.setRowVisible(self.rows["moved_on"], shown)
            self.adjustSize()  # the new row pushes the notes box down: grow rather than squeeze it

    def save(self) -> None:
        draft, problems = self.draft()
        moved_on: date | None = None
        if self._moves():
            try:
                moved_on = self.moved_on.date()
            except DateError as exc:
                problems["moved_on"] = str(exc)
        if problems:
            # validate the rest too, so the clerk sees every problem at once
            from desktop.domain.staff import validate_staff

            self.show_problems(validate_staff(draft) | problems)
            return
        if self.staff_id is None:
            operation = Operation(self, self.context, staff_ops.add_staff, draft=draft)
        else:
            operation = Operation(
                self, self.context, staff_ops.edit_staff, staff_id=self.staff_id, draft=draft, moved_on=moved_on
            )
        if not operation.failure(self._refused).run():
            return
        self.saved_id = operation.result if self.staff_id is None else self.staff_id
        self.show_problems({})
        self.accept()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, staff_ops.StaffValidationError):
            self.show_problems(error.problems)
        elif isinstance(error, ValidationError):
            self.show_problems({error.field or "": str(error)})
        else:
            self.show_problems({"": reason_text(error)})

    def keyPressEvent(self, event: Any) -> None:
        # Enter inside the notes box adds a line; everywhere else it saves (the default button).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.notes.hasFocus():
            self.save()
            return
        super().keyPressEvent(event)
