"""Settings: the language of the window and where the data lives; the rules of emulation and commendation.

The rules tab (RulesPage) is built the first time it is opened, so Settings opens fast.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, _
from desktop.paths import user_data_dir
from desktop.ui.context import AppContext
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.preferences import preferences
from desktop.ui.widgets import note, push_button

log = logging.getLogger(__name__)

BACKUP_TAB, AUDIT_TAB = 2, 3


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        prefs = preferences()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        general = QWidget()
        self.tabs.addTab(general, _("Chung"))
        self.rules_page: QWidget | None = None
        self.tabs.addTab(QWidget(), _("Quy định thi đua, khen thưởng"))
        # Built on first use like the rules tab: index -> page (backups, audit log).
        self.lazy_pages: dict[int, QWidget] = {}
        self.tabs.addTab(QWidget(), _("Sao lưu & khôi phục").replace("&", "&&"))  # "&" alone marks a shortcut
        self.tabs.addTab(QWidget(), _("Nhật ký thay đổi"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(general)
        layout.setContentsMargins(16, 16, 16, 16)

        language_box = QGroupBox(_("Ngôn ngữ"))
        language_form = QFormLayout(language_box)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(prefs.get("language")), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        language_form.addRow(_("Ngôn ngữ giao diện:"), self.language)
        self.language_note = note(_("Ngôn ngữ mới có hiệu lực sau khi khởi động lại chương trình."), color="")
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
        open_folder = push_button(_("Mở thư mục"), self._open_data_dir)
        folder_row.addWidget(open_folder)
        data_form.addRow(_("Thư mục dữ liệu:"), folder_row)
        where = note(
            _("Nên sao lưu thư mục dữ liệu thường xuyên (ví dụ chép ra USB) để không mất hồ sơ khi máy hỏng."), color=""
        )
        data_form.addRow("", where)
        layout.addWidget(data_box)
        layout.addStretch(1)

    def show_rules(self) -> QWidget:
        """Switch to the rules tab (building it on first use) and return it."""
        self.tabs.setCurrentIndex(1)
        return self._rules()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self._rules()
        elif index in (BACKUP_TAB, AUDIT_TAB):
            self._lazy_tab(index)

    def show_backup(self) -> QWidget:
        """Switch to the backup tab (building it on first use) and return it."""
        self.tabs.setCurrentIndex(BACKUP_TAB)
        return self._lazy_tab(BACKUP_TAB)

    def show_audit(self) -> QWidget:
        self.tabs.setCurrentIndex(AUDIT_TAB)
        return self._lazy_tab(AUDIT_TAB)

    def _lazy_tab(self, index: int) -> QWidget:
        if index not in self.lazy_pages:
            label = self.tabs.tabText(index)
            try:
                if index == BACKUP_TAB:
                    from desktop.ui.pages.backup_page import BackupPage

                    page: QWidget = BackupPage(self.context)
                else:
                    from desktop.ui.pages.audit_page import AuditPage

                    page = AuditPage(self.context)
            except Exception as exc:  # a broken tab must not take the settings down
                log.exception("settings tab %s failed", index)
                page = note(
                    _("Không mở được trang “{label}”: {reason}").format(label=label, reason=reason_text(exc)), color=""
                )
            self.lazy_pages[index] = page
            self.tabs.blockSignals(True)
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            placeholder.deleteLater()
            self.tabs.insertTab(index, page, label)
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
        return self.lazy_pages[index]

    def _rules(self) -> QWidget:
        if self.rules_page is None:
            try:
                from desktop.ui.pages.rules_page import RulesPage

                page: QWidget = RulesPage(self.context)
            except Exception as exc:  # a broken rules tab must not take the settings down
                log.exception("rules page failed")
                page = note(_("Không mở được trang quy định: {reason}").format(reason=reason_text(exc)), color="")
            self.rules_page = page
            self.tabs.blockSignals(True)
            placeholder = self.tabs.widget(1)
            self.tabs.removeTab(1)
            placeholder.deleteLater()
            self.tabs.insertTab(1, page, _("Quy định thi đua, khen thưởng"))
            self.tabs.setCurrentIndex(1)
            self.tabs.blockSignals(False)
        return self.rules_page

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
