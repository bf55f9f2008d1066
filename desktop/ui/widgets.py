"""Small helpers shared by every page: field error labels, confirmations, error dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget

from desktop.i18n import _

_ERROR_STYLE = "color: #b00020;"
_INVALID_PROPERTY = "fieldInvalid"


class FieldError(QLabel):
    """A red, word-wrapped message shown right under the field it explains; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(_ERROR_STYLE)
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


def set_field_error(widget: QWidget | None, label: FieldError | QLabel, message: str) -> None:
    """Show ``message`` next to ``widget`` (empty message clears it) and mark the field red."""
    label.setText(message)
    label.setVisible(bool(message))
    if widget is not None:
        widget.setProperty(_INVALID_PROPERTY, bool(message))
        widget.setStyleSheet("border: 1px solid #b00020;" if message else "")
        if message:
            widget.setToolTip(message)
        else:
            widget.setToolTip("")


def ok_cancel_buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """The OK/Cancel row every form dialog ends with: OK names the action, Cancel closes the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Hủy"))
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ask_confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No question; the buttons say "Có"/"Không" whatever translator is installed."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(_("Có"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_("Không"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.critical(parent, title or _("Có lỗi"), text)


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or _("Thông báo"), text)


class PlaceCombos(QObject):
    """Province → commune combos from the official list; both filter as you type (any part, any case).

    Used by the first-run wizard and the Unit page. ``commune_changed`` carries the 5-digit code, or
    ``""`` while the typed text matches no commune.
    """

    commune_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.province = _filter_combo(parent)
        self.commune = _filter_combo(parent)
        self.province.setPlaceholderText(_("Chọn tỉnh, thành phố"))
        self.commune.setPlaceholderText(_("Chọn xã, phường, đặc khu"))
        from desktop.domain.text import plain_sort_key
        from desktop.ops.setup import provinces

        for code, name in sorted(provinces(), key=lambda p: plain_sort_key(p[1].removeprefix("Thành phố "))):
            self.province.addItem(name, code)
        self.province.setCurrentIndex(-1)
        self.province.currentIndexChanged.connect(self._load_communes)
        self.commune.currentIndexChanged.connect(lambda _index: self.commune_changed.emit(self.commune_code()))
        self.commune.editTextChanged.connect(lambda _text: self.commune_changed.emit(self.commune_code()))

    def _load_communes(self) -> None:
        from desktop.domain.text import plain_sort_key
        from desktop.ops.setup import communes

        code = self.province.currentData()
        self.commune.blockSignals(True)
        self.commune.clear()
        if code:
            for commune_code, name in sorted(communes(code), key=lambda c: plain_sort_key(c[1])):
                self.commune.addItem(name, commune_code)
        self.commune.setCurrentIndex(-1)
        self.commune.blockSignals(False)
        self.commune_changed.emit("")

    def province_code(self) -> str:
        return _matching_data(self.province)

    def commune_code(self) -> str:
        return _matching_data(self.commune)

    def commune_name(self) -> str:
        index = self.commune.findData(self.commune_code()) if self.commune_code() else -1
        return self.commune.itemText(index) if index >= 0 else ""

    def set_commune(self, commune_code: str) -> None:
        """Select a commune by code (its province first); unknown codes leave both empty."""
        from desktop.ops.setup import lookup_commune
        from desktop.store import ValidationError

        try:
            place = lookup_commune(commune_code)
        except ValidationError:
            return
        self.province.setCurrentIndex(self.province.findData(place["province_code"]))
        self.commune.setCurrentIndex(self.commune.findData(place["commune_code"]))


def _filter_combo(parent: QWidget | None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(20)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.editTextChanged.connect(lambda _text: _select_typed_item(combo))
    return combo


def _select_typed_item(combo: QComboBox) -> None:
    """Typing an item's full name selects it, as picking it from the list would."""
    from desktop.domain.text import nfc

    text = nfc(combo.currentText()).casefold()
    if combo.currentIndex() >= 0 and nfc(combo.itemText(combo.currentIndex())).casefold() == text:
        return
    for row in range(combo.count()):
        if nfc(combo.itemText(row)).casefold() == text:
            position = combo.lineEdit().cursorPosition()
            combo.setCurrentIndex(row)
            combo.lineEdit().setCursorPosition(position)
            return


def _matching_data(combo: QComboBox) -> str:
    """The code of the item whose text is exactly what is in the box (typed text must match a real item)."""
    from desktop.domain.text import nfc

    text = nfc(combo.currentText()).casefold()
    if not text:
        return ""
    index = combo.currentIndex()
    if index >= 0 and nfc(combo.itemText(index)).casefold() == text:
        return str(combo.itemData(index) or "")
    for row in range(combo.count()):
        if nfc(combo.itemText(row)).casefold() == text:
            return str(combo.itemData(row) or "")
    return ""
