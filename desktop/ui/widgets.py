"""Small helpers shared by every page: field error labels, the date field, the year box, confirmations, error
dialogs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError, default_year, format_date, parse_date
from desktop.domain.text import fold, nfc, plain_sort_key
from desktop.i18n import N_, _
from desktop.ops.setup import communes, lookup_commune, provinces
from desktop.store import ValidationError

OK_COLOR = "#1b6e20"
BAD_COLOR = "#b00020"
WARN_COLOR = "#b35c00"
MUTED_COLOR = "#6b6b6b"
# The colour of a message line: an error (red), a success (green).
ERROR_STYLE = f"color: {BAD_COLOR};"
OK_STYLE = f"color: {OK_COLOR};"
_INVALID_PROPERTY = "fieldInvalid"


class FieldError(QLabel):
    """A red, word-wrapped message shown right under the field it explains; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
        if message:
            self._fit_dialog()

    def _fit_dialog(self) -> None:
        """A dialog already on screen grows to show a refusal of several lines instead of clipping it (it never
        shrinks what the clerk sized; a page in the main window scrolls instead)."""
        window = self.window()
        layout = window.layout()
        if window is self or not isinstance(window, QDialog) or layout is None or not window.isVisible():
            return
        layout.activate()
        width = window.width()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        if needed > window.height():
            window.resize(width, needed)


def wrapped_label(text: str = "") -> QLabel:
    """A label whose text wraps to the width it is given (messages, summaries, states)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def note(text: str = "", *, color: str = MUTED_COLOR) -> QLabel:
    """A word-wrapped line of explanation under or beside a form (muted grey unless ``color`` says otherwise)."""
    label = wrapped_label(text)
    if color:
        label.setStyleSheet(f"color: {color};")
    return label


def text_field(placeholder: str = "") -> QLineEdit:
    """A one-line text box; ``placeholder`` shows, greyed, what to type while it is empty."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    return field


def code_combo(
    labels: Mapping[str, str], selected: str | None = None, *, first: tuple[str, Any] | None = None
) -> QComboBox:
    """A choice among ``labels`` (code → N_() label): each label shown translated, its code as the item's data;
    ``first`` (text, data) is an extra item on top (“Tất cả”), ``selected`` the code chosen at first."""
    combo = QComboBox()
    if first is not None:
        combo.addItem(*first)
    for code, label in labels.items():
        combo.addItem(_(label), code)
    if selected is not None:
        combo.setCurrentIndex(combo.findData(selected))
    return combo


def push_button(text: str, on_click: Callable[[], object], *, tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: on_click())
    if tooltip:
        button.setToolTip(tooltip)
    return button


def button_row(*left: QWidget, right: tuple[QWidget, ...] = ()) -> QHBoxLayout:
    """A row of widgets (buttons, and the label or field that goes with them) from the left, a stretch, then
    ``right`` ones at the right edge."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


def stacked(field: QWidget, error: QLabel) -> QWidget:
    """``field`` with its error line right under it, as one form row's widget."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(field)
    box.addWidget(error)
    return holder


def add_checked_row(form: QFormLayout, label: str | QWidget, field: QWidget) -> FieldError:
    """Add the row ``label``/``field`` to ``form`` with the field's error line right under it; returns that line
    (empty and hidden), to fill with :func:`set_field_error`."""
    error = FieldError()
    form.addRow(label, stacked(field, error))
    return error


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


DATE_HINT = N_("ngày/tháng/năm")


class DateField(QLineEdit):
    """The one date field of the window: typed as dd/mm/yyyy (5/3/1980, 05-03-1980 are read too), or picked on
    a calendar from the button at its right. Read with :meth:`date`, through :func:`desktop.domain.dates.parse_date`,
    so the window and the spreadsheets accept the same dates. It is a QLineEdit: text, placeholder and the red
    border of :func:`set_field_error` work as on any field. It is never narrower than a date, nor wider than its
    placeholder needs.
    """

    def __init__(self, value: date | str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar: QCalendarWidget | None = None
        self.calendar_action = self.addAction(_calendar_icon(self.palette()), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(_("Chọn ngày trên lịch"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.setPlaceholderText(_(DATE_HINT))
        self.set_date(value)

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        metrics = self.fontMetrics()
        chrome = 40  # the frame, the text margins and the calendar button
        date_width = metrics.horizontalAdvance("00/00/0000") + chrome
        self.setMinimumWidth(date_width)
        self.setMaximumWidth(max(date_width, metrics.horizontalAdvance(text) + chrome))

    def date(self) -> date | None:
        """The date typed, None when empty; a DateError (a ValueError with a Vietnamese message) when unreadable."""
        return parse_date(self.text())

    def required(self, missing: str) -> date:
        """The date typed; a DateError saying ``missing`` when the field is empty, or why the text is not a date."""
        value = self.date()
        if value is None:
            raise DateError(missing)
        return value

    def set_date(self, value: date | str | None) -> None:
        self.setText(format_date(value) if value else "")

    def open_calendar(self) -> QCalendarWidget:
        """A month calendar under the field (in the window's language); clicking a day fills the field."""
        try:
            current = self.date() or date.today()
        except DateError:
            current = date.today()
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        self.calendar = calendar
        return calendar

    def _picked(self, day: QDate) -> None:
        self.set_date(date(day.year(), day.month(), day.day()))
        self.editingFinished.emit()
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.setFocus()


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar drawn in the text colour (Qt's styles have no calendar icon)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    color = QColor(palette.color(QPalette.ColorRole.Text))
    painter.setPen(color)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 3, color)
    for row in range(2):
        for column in range(3):
            painter.fillRect(3 + column * 4, 7 + row * 4, 2, 2, color)
    painter.end()
    return QIcon(pixmap)


def year_box(value: int | None = None, *, first: int = 2000, last: int = 2100) -> QSpinBox:
    """A year chooser set to ``value`` (default: :func:`default_year`)."""
    box = QSpinBox()
    box.setRange(first, last)
    box.setValue(default_year() if value is None else value)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # four digits: never stretched by a form
    return box


DialogT = TypeVar("DialogT", bound=QDialog)


def sized_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give a dialog the size it was laid out for, but never more than the screen it opens on leaves (room kept for
    the title bar and the taskbar): on a 1024×600 netbook its buttons stay on the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 20)
        height = min(height, available.height() - 60)
    window.resize(max(width, 200), max(height, 150))


def open_dialog(owner: QWidget, dialog: DialogT) -> DialogT:
    """Show ``dialog`` window-modal without blocking; it is deleted once closed, and ``owner.last_dialog`` keeps
    it meanwhile (tests drive it through that)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    owner.last_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def ok_cancel_buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """The OK/Cancel row every form dialog ends with: OK names the action, Cancel closes the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Hủy"))
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """The "Đóng" row of a dialog that only shows or whose changes are saved by its own buttons."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
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


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str | Path, file_filter: str, *, suffix: str = ""
) -> Path | None:
    """The file the clerk chose in the save dialog (None: cancelled); ``suffix`` (".xlsx") is put on when missing."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if suffix and path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    return path


class PlaceCombos(QObject):
    """Province → commune combos from the official list; both filter as you type (any part, any case, with or
    without accents).

    Used by the first-run wizard and the Unit page. ``commune_changed`` carries the 5-digit code, or
    ``""`` while the typed text matches no commune. With ``lazy`` the official list (a large package, about a
    fifth of the window's start-up) is read only when the clerk first touches either combo; until then they
    show the place already saved (:meth:`show_saved`).
    """

    commune_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self.province = _filter_combo(parent)
        self.commune = _filter_combo(parent)
        self.province.setPlaceholderText(_("Chọn tỉnh, thành phố"))
        self.commune.setPlaceholderText(_("Chọn xã, phường, đặc khu"))
        self._loaded = False
        self.province.currentIndexChanged.connect(self._on_province_changed)
        self.commune.currentIndexChanged.connect(lambda _index: self.commune_changed.emit(self.commune_code()))
        self.commune.editTextChanged.connect(lambda _text: self.commune_changed.emit(self.commune_code()))
        if lazy:  # the combo takes the arrow's click and the keyboard's focus, its line edit the text's click
            for combo in (self.province, self.commune):
                combo.installEventFilter(self)
                combo.lineEdit().installEventFilter(self)
        else:
            self.ensure_lists()

    @property
    def lists_loaded(self) -> bool:
        return self._loaded

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._loaded and event.type() in (
            QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress
        ):
            self.ensure_lists()
        return False

    def ensure_lists(self) -> None:
        """Fill both combos from the official list, keeping the place shown (saved or chosen)."""
        if self._loaded:
            return

        self._loaded = True
        province_code, commune_code = self.province.currentData(), self.commune.currentData()
        self.province.blockSignals(True)
        self.province.clear()
        for code, name in sorted(provinces(), key=lambda p: plain_sort_key(p[1].removeprefix("Thành phố "))):
            self.province.addItem(name, code)
        self.province.setCurrentIndex(self.province.findData(province_code) if province_code else -1)
        self.province.blockSignals(False)
        self._load_communes()
        if commune_code:
            self.commune.setCurrentIndex(self.commune.findData(commune_code))

    def _on_province_changed(self, _index: int) -> None:
        if self._loaded:
            self._load_communes()

    def _load_communes(self) -> None:

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

    def show_saved(self, place: dict[str, Any]) -> None:
        """Show the saved place (codes and names as the unit row keeps them); before the lists are read this
        costs nothing, after it selects the entries of the official list."""
        commune_code = str(place.get("commune_code") or "")
        if self._loaded or not place.get("commune_name") or not place.get("province_name"):
            if commune_code:
                self.set_commune(commune_code)
            return
        for combo, code, name in (
            (self.province, place.get("province_code"), place["province_name"]),
            (self.commune, commune_code, place["commune_name"]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(str(name), str(code))
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    def set_commune(self, commune_code: str) -> None:
        """Select a commune by code (its province first); unknown codes leave both empty."""

        try:
            place = lookup_commune(commune_code)
        except ValidationError:
            return
        self.ensure_lists()
        self.province.setCurrentIndex(self.province.findData(place["province_code"]))
        self.commune.setCurrentIndex(self.commune.findData(place["commune_code"]))


FOLD_ROLE = Qt.ItemDataRole.UserRole + 7  # an item's text without accents, lower case: what typing is matched on


class FoldingCompleter(QCompleter):
    """Matches what is typed against the items without accents or case: "tuyen" finds "Tuyên Quang", "lung cu"
    finds "Xã Lũng Cú". The items carry their folded text in :data:`FOLD_ROLE`; the chosen item's own text (with
    its accents) is what goes into the box."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def _fold_rows(model: QAbstractItemModel, first: int, last: int) -> None:
    for row in range(first, last + 1):
        index = model.index(row, 0)
        model.setData(index, fold(str(index.data(Qt.ItemDataRole.DisplayRole) or "")), FOLD_ROLE)


def _filter_combo(parent: QWidget | None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(20)
    model = combo.model()
    model.rowsInserted.connect(lambda _parent, first, last: _fold_rows(model, first, last))
    completer = FoldingCompleter(model, combo)
    completer.setCompletionRole(FOLD_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.editTextChanged.connect(lambda _text: _select_typed_item(combo))
    return combo


def _select_typed_item(combo: QComboBox) -> None:
    """Typing an item's full name (with or without accents) selects it, as picking it from the list would."""
    text = combo.currentText()
    index = combo.currentIndex()
    if index >= 0 and _same(combo.itemText(index), text, exact=True):
        return
    row = _typed_row(combo, text)
    if row >= 0 and row != index:
        position = combo.lineEdit().cursorPosition()
        combo.setCurrentIndex(row)
        combo.lineEdit().setCursorPosition(position)


def _same(item: str, typed: str, *, exact: bool) -> bool:
    return nfc(item).casefold() == nfc(typed).casefold() if exact else fold(item) == fold(typed)


def _typed_row(combo: QComboBox, text: str) -> int:
    """The item whose name is what is typed: same letters and accents first, else the one item equal without
    accents (none when two items differ only by accents: "Đông Hòa" and "Đồng Hòa")."""
    if not text.strip():
        return -1
    for row in range(combo.count()):
        if _same(combo.itemText(row), text, exact=True):
            return row
    rows = [row for row in range(combo.count()) if _same(combo.itemText(row), text, exact=False)]
    return rows[0] if len(rows) == 1 else -1


def _matching_data(combo: QComboBox) -> str:
    """The code of the item whose name is what is in the box (typed text must match a real item)."""
    text = combo.currentText()
    index = combo.currentIndex()
    if index >= 0 and _same(combo.itemText(index), text, exact=True):
        return str(combo.itemData(index) or "")
    row = _typed_row(combo, text)
    return str(combo.itemData(row) or "") if row >= 0 else ""
