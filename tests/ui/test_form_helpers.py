"""The form helpers the dialogs share: a row with its error line under the field, a date that must be filled."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.domain.dates import DateError
from desktop.ui.widgets import DateField, FieldError, add_checked_row, set_field_error


def test_checked_row_puts_the_error_line_under_the_field_hidden_until_a_message(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    form = QFormLayout(holder)
    field = QLineEdit()
    error = add_checked_row(form, "Tên:", field)
    assert isinstance(error, FieldError) and form.rowCount() == 1
    label = form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget()
    assert isinstance(label, QLabel) and label.text() == "Tên:"
    row = form.itemAt(0, QFormLayout.ItemRole.FieldRole).widget()
    assert field.parent() is row and error.parent() is row
    assert row.layout().indexOf(field) == 0 and row.layout().indexOf(error) == 1
    holder.show()
    assert not error.isVisible()
    set_field_error(field, error, "Chưa nhập tên.")
    assert error.isVisible() and error.text() == "Chưa nhập tên." and field.toolTip() == "Chưa nhập tên."


def test_checked_row_takes_a_label_widget_too(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    form = QFormLayout(holder)
    label = QLabel("Lý do:")
    add_checked_row(form, label, QLineEdit())
    assert form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget() is label


def test_required_date_reads_the_date_and_says_what_is_missing(qtbot):
    field = DateField(date(2025, 3, 5))
    qtbot.addWidget(field)
    assert field.required("Chưa nhập ngày họp.") == date(2025, 3, 5)
    field.setText("")
    with pytest.raises(DateError, match=r"^Chưa nhập ngày họp\.$"):
        field.required("Chưa nhập ngày họp.")
    field.setText("31/02/2025")
    with pytest.raises(DateError) as bad:
        field.required("Chưa nhập ngày họp.")
    assert str(bad.value) != "Chưa nhập ngày họp."


def test_a_refusal_shown_in_a_line_by_its_message_or_by_the_clerks_reason(qtbot):
    from desktop.ui.operations import show_in
    from desktop.ui.pages.user_errors import reason_text, show_reason_in

    line = FieldError()
    qtbot.addWidget(line)
    problem = PermissionError(13, "Permission denied", "C:\\so-lieu.xlsx")
    show_in(line)(ValueError("Năm không hợp lệ."))
    assert line.text() == "Năm không hợp lệ." and not line.isHidden()
    show_reason_in(line)(problem)
    assert line.text() == reason_text(problem) and "Errno" not in line.text() and "Permission" not in line.text()
    plain = QLabel()
    qtbot.addWidget(plain)
    show_reason_in(plain)(ValueError("Chưa chọn tệp."))
    assert plain.text() == "Chưa chọn tệp."
