"""When the data file will not open at start-up: restore a backup over it, or open another file, instead of a
message and an empty desktop.

A clerk whose file was damaged (a power cut, a flipped bit on a USB copy) cannot call anyone; the backups the
program made every day are in the default folder, so the dialog lists them, newest first. Restoring keeps the
damaged file as the safety copy (:func:`desktop.ops.backup.restore`), so nothing is lost by trying.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ops import backup as ops
from desktop.ops.backup import BackupInfo
from desktop.ui.operations import Operation
from desktop.ui.pages.backup_page import format_time, typed_unverified_confirmation, unit_text
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.widgets import ask_confirm, show_error


class StartupRescueDialog(QDialog):
    """``chosen`` is the file to open next (the restored one, or another) once the dialog is accepted."""

    def __init__(self, db_path: Path, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.chosen: Path | None = None
        self.setWindowTitle(_("Không mở được cơ sở dữ liệu"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        message = QLabel(
            _(
                "Không mở được cơ sở dữ liệu {path}.\n\nLý do: {reason}\n\n"
                "Có thể khôi phục dữ liệu từ một bản sao lưu (tệp hiện tại được giữ lại làm bản an toàn, không mất "
                "gì), hoặc mở một tệp dữ liệu khác."
            ).format(path=db_path, reason=reason)
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        layout.addWidget(QLabel(_("Bản sao lưu trong {folder} (mới nhất trước):").format(folder=self.folder())))
        self.backups = QListWidget()
        layout.addWidget(self.backups)
        self.empty = QLabel(_("Chưa có bản sao lưu nào trong thư mục này; hãy chọn tệp sao lưu ở nơi khác."))
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(_("Khôi phục bản đã chọn…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_backup_button = QPushButton(_("Chọn tệp sao lưu khác…"))
        self.other_backup_button.clicked.connect(self.restore_other)
        self.open_other_button = QPushButton(_("Mở tệp dữ liệu khác…"))
        self.open_other_button.clicked.connect(self.open_other)
        self.quit_button = QPushButton(_("Thoát"))
        self.quit_button.clicked.connect(self.reject)
        for button in (self.restore_button, self.other_backup_button, self.open_other_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        self.backups.itemSelectionChanged.connect(self._update_buttons)
        self.load_backups()

    @staticmethod
    def folder() -> Path:
        """The folder of the daily backups (the damaged file's own setting cannot be read)."""
        return ops.default_backup_folder()

    def load_backups(self) -> None:
        self.backups.clear()
        infos = ops.backups_in_folder(self.folder())  # newest first
        for info in infos:
            text = _("{time} — {reason} — {unit}").format(
                time=format_time(info), reason=info.reason_label(), unit=unit_text(info.unit_name)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.backups.addItem(item)
        self.empty.setVisible(not infos)
        row = self._preselected_row(infos)
        if row is not None:
            self.backups.setCurrentRow(row)
        self._update_buttons()

    def _preselected_row(self, infos: list[BackupInfo]) -> int | None:
        """This unit's newest backup when the file still says whose it is: the default folder is shared by every
        database of the Windows user, so the newest backup there may be another unit's. No row when none of them
        is this unit's (the clerk picks, and is warned); the newest when the file's unit cannot be read."""
        if not infos:
            return None
        own_uuid = ops.file_unit(self.db_path)[0]
        if own_uuid is None:
            return 0
        return next((row for row, info in enumerate(infos) if info.unit_uuid == own_uuid), None)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.backups.selectedItems()))

    # -- actions ----------------------------------------------------------------------------------
    def restore_selected(self) -> bool:
        items = self.backups.selectedItems()
        return bool(items) and self.restore(Path(items[0].data(Qt.ItemDataRole.UserRole)))

    def restore_other(self) -> bool:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp sao lưu"), str(self.folder()), _("Bản sao lưu TĐKT (*.sqlite3 *.db);;Mọi tệp (*)")
        )
        return bool(path) and self.restore(Path(path))

    def open_other(self) -> bool:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Mở cơ sở dữ liệu khác"),
            str(self.db_path.parent),
            _("Cơ sở dữ liệu TĐKT (*.sqlite3 *.db);;Mọi tệp (*)"),
        )
        if not path:
            return False
        self.chosen = Path(path)
        self.accept()
        return True

    def restore(self, backup: Path) -> bool:
        """Check the backup, ask, restore it over the file; True when the file can now be opened."""
        check = Operation(self, None, ops.check_backup_file, path=backup, allow_unverified=True).without_store()
        check.failure(lambda error: show_error(self, _("Không dùng được bản sao lưu này: {reason}").format(
            reason=reason_text(error))))  # fmt: skip
        if not check.run() or check.result is None:
            return False
        info: BackupInfo = check.result
        question = _(
            "Khôi phục bản sao lưu lúc {time} ({reason}, {unit})?\n\n"
            "Tệp {path} sẽ được thay bằng bản sao lưu này; tệp hiện tại được giữ lại làm bản an toàn trong {folder}."
        ).format(
            time=format_time(info),
            reason=info.reason_label(),
            unit=unit_text(info.unit_name),
            path=self.db_path,
            folder=self.folder(),
        )
        change = ops.unit_change(self.db_path, info)  # the file's own unit, as the backup page and the CLI ask
        if change is not None:
            question = change["warning"] + "\n\n" + question
        if info.no_checksum and not self._typed_confirmation(question):
            return False
        if not info.no_checksum and not ask_confirm(self, _("Khôi phục dữ liệu"), question):
            return False
        restoring = Operation(
            self, None, ops.restore, store_path=self.db_path, backup_path=backup, allow_unverified=info.no_checksum
        ).without_store()
        restoring.failure(lambda error: show_error(self, _("Chưa khôi phục được: {reason}").format(
            reason=reason_text(error))))  # fmt: skip
        if not restoring.run():
            return False
        self.chosen = self.db_path
        self.accept()
        return True

    def _typed_confirmation(self, question: str) -> bool:
        warning = _(
            "Bản sao lưu này KHÔNG có mã kiểm tra đi kèm, nên chương trình không biết nó có bị hỏng khi sao chép "
            "hay không.\n\n{question}\n\nNếu chắc chắn, gõ: KHÔI PHỤC CHƯA KIỂM CHỨNG"
        ).format(question=question)
        return typed_unverified_confirmation(self, warning)


__all__ = ["StartupRescueDialog"]
