"""First-run wizard: who the unit is and where, so every document carries the right header."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizard, QWizardPage

from desktop.domain.codes import UNIT_KINDS
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops.session import Store
from desktop.ops.setup import default_place_name, init_unit, unit_text_problem
from desktop.store import ValidationError
from desktop.ui.operations import Operation, StoreContext
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.widgets import (
    PlaceCombos,
    add_checked_row,
    code_combo,
    note,
    set_field_error,
    show_error,
    text_field,
    wrapped_label,
)

DEFAULT_HEAD_TITLE = "Chủ tịch"


class WelcomePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Chào mừng"))
        text = note(
            _(
                "Chương trình giúp đơn vị theo dõi phong trào thi đua, bình xét danh hiệu, lập hồ sơ đề nghị, "
                "quyết định và in giấy khen, bằng chứng nhận.\n\n"
                "Trước hết, hãy khai báo đơn vị của bạn: tên đơn vị, xã, phường, đặc khu và người ký văn bản. "
                "Các thông tin này in trên quyết định, giấy khen, bằng chứng nhận; có thể sửa lại sau ở trang “Đơn vị”."
            ),
            color="",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)


class UnitNamePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Tên đơn vị"))
        self.setSubTitle(_("Tên đầy đủ, đúng như trên con dấu và văn bản."))
        form = QFormLayout(self)
        self.name = text_field(_("Ví dụ: Ủy ban nhân dân xã Lũng Cú"))
        self.name_error = add_checked_row(form, _("Tên đơn vị:"), self.name)
        self.kind = code_combo(UNIT_KINDS)
        form.addRow(_("Loại đơn vị:"), self.kind)
        self.name.textEdited.connect(self._check)

    def _check(self) -> None:
        set_field_error(self.name, self.name_error, self._problem())
        self.completeChanged.emit()

    def _problem(self) -> str:
        if not nfc(self.name.text()):
            return _("Chưa nhập tên đơn vị.")
        return unit_text_problem("name", self.name.text())

    def isComplete(self) -> bool:
        return not self._problem()


class PlacePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Địa bàn"))
        self.setSubTitle(
            _("Chọn tỉnh, rồi chọn xã, phường, đặc khu theo danh mục đơn vị hành chính hiện hành (gõ để tìm).")
        )
        form = QFormLayout(self)
        self.place = PlaceCombos(self)
        self.province_error = add_checked_row(form, _("Tỉnh, thành phố:"), self.place.province)
        self.commune_error = add_checked_row(form, _("Xã, phường, đặc khu:"), self.place.commune)
        # While typing nothing turns red (half a name matches nothing yet): a problem is said when the clerk leaves
        # the box or presses Enter; typing only clears a problem already shown.
        self.place.commune_changed.connect(lambda _code: self._check(show=False))
        self.place.province.editTextChanged.connect(lambda _text: self._check(show=False))
        for combo in (self.place.province, self.place.commune):
            combo.lineEdit().installEventFilter(self)
            combo.lineEdit().returnPressed.connect(lambda: self._check(show=True))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.PopupFocusReason  # the list of matches opened: still typing
        ):
            self._check(show=True)
        return super().eventFilter(watched, event)

    def _check(self, *, show: bool = True) -> None:
        province_message = ""
        commune_message = ""
        if self.place.province.currentText() and not self.place.province_code():
            province_message = _("Không có tỉnh, thành phố này trong danh sách.")
        elif self.place.commune.currentText() and not self.place.commune_code():
            commune_message = _("Không có xã, phường, đặc khu này trong danh sách của tỉnh đã chọn.")
        for combo, error, message in (
            (self.place.province, self.province_error, province_message),
            (self.place.commune, self.commune_error, commune_message),
        ):
            if show or not message:
                set_field_error(combo, error, message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        # a province retyped into nothing known keeps the old commune's code: the red box must stop the clerk
        return bool(self.place.province_code() and self.place.commune_code())


class HeadPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Người ký và địa danh"))
        self.setSubTitle(_("Người đứng đầu ký quyết định, giấy khen, bằng chứng nhận; địa danh ghi ở dòng ngày tháng."))
        form = QFormLayout(self)
        self.head_title = QLineEdit(DEFAULT_HEAD_TITLE)
        self.title_error = add_checked_row(form, _("Chức vụ người đứng đầu:"), self.head_title)
        self.head_name = text_field(_("Ví dụ: Nguyễn Văn Hùng"))
        self.name_error = add_checked_row(form, _("Họ tên người đứng đầu:"), self.head_name)
        self.place_name = QLineEdit()
        self.place_error = add_checked_row(form, _("Địa danh ghi trên văn bản:"), self.place_name)
        self.example = wrapped_label()
        form.addRow("", self.example)
        self._place_for_commune = ""
        for edit in (self.head_title, self.head_name, self.place_name):
            edit.textEdited.connect(self._check)
        self.place_name.textChanged.connect(self._update_example)

    def initializePage(self) -> None:
        """Suggest the place name from the chosen commune unless the user already typed their own."""
        suggestion = default_place_name(self._wizard.place_page.place.commune_name())
        if not self.place_name.text() or self.place_name.text() == self._place_for_commune:
            self.place_name.setText(suggestion)
        self._place_for_commune = suggestion
        self._update_example()

    def _update_example(self) -> None:
        self.example.setText(
            _("Dòng ngày tháng sẽ in: “{place}, ngày … tháng … năm …”").format(place=nfc(self.place_name.text()))
        )

    def _problems(self) -> list[tuple[QLineEdit, QLabel, str]]:
        """Each field with its error label and what is wrong with it ("" when nothing)."""
        fields = (
            (self.head_title, self.title_error, "head_title", _("Chưa nhập chức vụ.")),
            (self.head_name, self.name_error, "head_name", _("Chưa nhập họ tên người đứng đầu.")),
            (self.place_name, self.place_error, "place_name", _("Chưa nhập địa danh.")),
        )
        return [
            (edit, error, unit_text_problem(key, edit.text()) if nfc(edit.text()) else empty)
            for edit, error, key, empty in fields
        ]

    def _check(self) -> None:
        for edit, error, message in self._problems():
            set_field_error(edit, error, message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not any(message for _edit, _error, message in self._problems())

    def validatePage(self) -> bool:
        return self._wizard.save()


class SetupWizard(QWizard):
    """Finishing saves the unit with :func:`desktop.ops.setup.init_unit`; ``unit`` then holds the row."""

    def __init__(self, store: Store, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.unit: dict[str, Any] | None = None
        self.setWindowTitle(_("Khai báo đơn vị lần đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(640, 440)
        self.welcome_page = WelcomePage()
        self.name_page = UnitNamePage()
        self.place_page = PlacePage()
        self.head_page = HeadPage(self)
        for page in (self.welcome_page, self.name_page, self.place_page, self.head_page):
            self.addPage(page)

    def values(self) -> dict[str, Any]:
        return {
            "unit_name": nfc(self.name_page.name.text()),
            "unit_kind": self.name_page.kind.currentData(),
            "commune_code": self.place_page.place.commune_code(),
            "head_title": nfc(self.head_page.head_title.text()),
            "head_name": nfc(self.head_page.head_name.text()),
            "place_name": nfc(self.head_page.place_name.text()),
        }

    def save(self) -> bool:
        operation = Operation(self, StoreContext(self.store), init_unit, **self.values())
        if not operation.failure(self._refused).run():
            return False
        self.unit = operation.result
        return True

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, ValidationError):
            show_error(self, _("Không lưu được thông tin đơn vị: {reason}").format(reason=reason_text(error)))
            return
        if error.field == "commune_code":
            set_field_error(self.place_page.place.commune, self.place_page.commune_error, str(error))
        else:
            set_field_error(self.name_page.name, self.name_page.name_error, str(error))
        show_error(self, str(error))
