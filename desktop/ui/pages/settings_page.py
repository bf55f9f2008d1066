"""Settings: the language of the window and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, _
from desktop.paths import user_data_dir
from desktop.ui.context import AppContext
from desktop.ui.preferences import preferences


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        prefs = preferences()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)

        language_box = QGroupBox(_("Ngôn ngữ"))
        language_form = QFormLayout(language_box)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(prefs.get("language")), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        language_form.addRow(_("Ngôn ngữ giao diện:"), self.language)
        self.language_note = QLabel(_("Ngôn ngữ mới có hiệu lực sau khi khởi động lại chương trình."))
        self.language_note.setWordWrap(True)
        language_form.addRow("", self.language_note)
        layout.addWidget(language_box)

        data_box = QGroupBox(_("Dữ liệu"))
        data_form = QFormLayout(data_box)
        self.db_label = QLabel(str(context.db_path))
        self.data_dir_label = QLabel(str(user_data_dir()))
        for label in (self.db_label, self.data_dir_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data_form.addRow(_("Tệp cơ sở dữ liệu:"), self.db_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_dir_label, 1)
        open_folder = QPushButton(_("Mở thư mục"))
        open_folder.clicked.connect(self._open_data_dir)
        folder_row.addWidget(open_folder)
        data_form.addRow(_("Thư mục dữ liệu:"), folder_row)
        note = QLabel(
            _("Nên sao lưu thư mục dữ liệu thường xuyên (ví dụ chép ra USB) để không mất hồ sơ khi máy hỏng.")
        )
        note.setWordWrap(True)
        data_form.addRow("", note)
        layout.addWidget(data_box)
        layout.addStretch(1)

    def _language_changed(self) -> None:
        code = self.language.currentData()
        preferences().set("language", code)
        self.language_note.setText(
            _("Đã lưu. Ngôn ngữ “{name}” có hiệu lực sau khi khởi động lại chương trình.").format(
                name=LANGUAGES.get(code, code)
            )
        )

    def _open_data_dir(self) -> None:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
