"""Backups and restore ("Sao lưu & khôi phục") and the data check, on one page.

Restoring replaces the open file, so the page closes the window's store, restores, and asks its main window to
reopen on the same path (:meth:`desktop.ui.main_window.MainWindow.reopen`; the old one is closed).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_number
from desktop.domain.text import fold
from desktop.i18n import N_, _
from desktop.ops import backup as ops
from desktop.ops.backup import BackupInfo
from desktop.ops.check import check_report
from desktop.ops.session import open_unmigrated
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.audit_labels import dates_in_text, table_label
from desktop.ui.pages.user_errors import reason_text, show_reason_box
from desktop.ui.tables import COMPACT_ROW_HEIGHT, make_table
from desktop.ui.widgets import ERROR_STYLE, OK_STYLE, note, push_button, show_error, show_info, wrapped_label

log = logging.getLogger(__name__)

DIFFERENT_BACKGROUND = QColor("#fff1b8")
# Tables shown first in the comparison (the clerk's records); the rest follow when not empty.
KEY_TABLES = ("staff", "departments", "ratings", "awards", "decisions", "decision_awardees", "nominations", "audit_log")
LIST_HEADERS = (
    N_("Thời điểm"),
    N_("Đơn vị"),
    N_("Loại"),
    N_("Dung lượng"),
    N_("Kiểm tra"),
    N_("Cán bộ"),
    N_("Khen thưởng"),
    N_("Quyết định cuối"),
)
# Second, and never wider than this: a unit's full name would push the figures off a 1366-pixel screen (the cell's
# tooltip has it whole).
UNIT_COLUMN = 1
UNIT_COLUMN_WIDTH = 200
UNKNOWN_UNIT = N_("không rõ đơn vị")


def format_size(size: int) -> str:
    return _("{size} KB").format(size=format_number(max(size // 1024, 1)))


def format_time(info: BackupInfo) -> str:
    return info.created.strftime("%d/%m/%Y %H:%M:%S")


def typed_unverified_confirmation(parent: QWidget, warning: str) -> bool:
    """The clerk typed "KHÔI PHỤC CHƯA KIỂM CHỨNG" under ``warning`` (accents, case and spaces aside): a backup with
    no checksum is restored only so, here and in the start-up rescue."""
    text, ok = QInputDialog.getText(parent, _("Khôi phục bản chưa kiểm chứng"), warning)
    if not ok:
        return False
    if " ".join(fold(text).split()) != "khoi phuc chua kiem chung":
        show_error(parent, _("Chữ gõ vào không đúng; chưa khôi phục."))
        return False
    return True


def unit_text(name: str | None) -> str:
    return name or _(UNKNOWN_UNIT)


class BackupPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.backups: list[BackupInfo] = []
        self.last_job: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)

        where = QGroupBox(_("Nơi lưu bản sao"))
        where_layout = QVBoxLayout(where)
        row = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        row.addWidget(self.folder_label, 1)
        self.choose_button = push_button(_("Chọn thư mục (USB, ổ đĩa khác)…"), self.choose_folder)
        row.addWidget(self.choose_button)
        self.backup_button = QPushButton(_("Sao lưu ngay"))
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.backup_now)
        row.addWidget(self.backup_button)
        where_layout.addLayout(row)
        self.status_label = wrapped_label()
        where_layout.addWidget(self.status_label)
        self.warning_label = wrapped_label()
        self.warning_label.setStyleSheet(ERROR_STYLE)
        where_layout.addWidget(self.warning_label)
        layout.addWidget(where)

        splitter = QSplitter()
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        # The default folder is shared by every database opened on this PC: another unit's backups are hidden
        # unless asked for, so they are not restored or compared by mistake.
        show_row = QHBoxLayout()
        self.all_units_box = QCheckBox(_("Hiện cả bản sao lưu của dữ liệu khác"))
        self.all_units_box.setToolTip(
            _(
                "Thư mục sao lưu có thể chứa bản sao lưu của các tệp dữ liệu khác mở trên máy này "
                "(đơn vị khác, tệp thử). Cột “Đơn vị” cho biết bản sao lưu là dữ liệu của đơn vị nào."
            )
        )
        self.all_units_box.toggled.connect(lambda _checked: self.refresh())
        show_row.addWidget(self.all_units_box)
        self.hidden_label = QLabel()
        show_row.addWidget(self.hidden_label, 1)
        list_layout.addLayout(show_row)
        self.table = make_table([_(h) for h in LIST_HEADERS])
        self.table.itemSelectionChanged.connect(self.show_selected)
        list_layout.addWidget(self.table, 1)
        splitter.addWidget(list_box)

        compare_box = QGroupBox(_("So sánh bản sao lưu với dữ liệu hiện tại"))
        compare_layout = QVBoxLayout(compare_box)
        self.compare_table = make_table(
            [_("Mục"), _("Bản sao lưu"), _("Hiện tại")], stretch=0, row_height=COMPACT_ROW_HEIGHT
        )
        self.compare_table.setWordWrap(False)
        # Whose data the backup is, above the figures: a unit's full name in a table cell would squeeze the labels.
        self.unit_line = wrapped_label()
        self.unit_line.setObjectName("backup_unit_line")
        compare_layout.addWidget(self.unit_line)
        compare_layout.addWidget(self.compare_table, 1)
        self.restore_button = QPushButton(_("Khôi phục bản này…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        compare_layout.addWidget(self.restore_button)
        splitter.addWidget(compare_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 480])
        layout.addWidget(splitter, 1)

        check_box = QGroupBox(_("Kiểm tra dữ liệu"))
        check_layout = QHBoxLayout(check_box)
        self.check_button = push_button(_("Kiểm tra ngay"), self.run_check)
        check_layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        self.check_label = note(
            _("Kiểm tra tệp dữ liệu có bị hỏng, có bản ghi nào trỏ tới bản ghi đã mất hay không, và nên làm gì."),
            color="",
        )
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check_layout.addWidget(self.check_label, 1)
        layout.addWidget(check_box)

        self.refresh()
        if context.store.readonly:  # another window writes to this file: only it may back up or restore
            for button in (self.choose_button, self.backup_button, self.restore_button):
                button.setEnabled(False)
            self.warning_label.setText(
                _("Cửa sổ này chỉ xem dữ liệu; hãy sao lưu và khôi phục ở cửa sổ đang mở tệp để sửa.")
            )
            self.warning_label.setVisible(True)

    # -- data --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        store = self.context.store
        status = ops.backup_status(store)
        off_pc = _("ngoài máy (USB hoặc ổ đĩa khác)") if status["folder_is_off_pc"] else _("cùng ổ đĩa với dữ liệu")
        self.folder_label.setText(_("Thư mục: {folder} — {where}").format(folder=status["folder"], where=off_pc))
        last = ops.last_backup(status)
        if last:
            info = last
            text = _("Bản sao lưu gần nhất: {time} ({reason}).").format(
                time=format_time(info), reason=info.reason_label()
            )
        else:
            text = _("Chưa có bản sao lưu nào.")
        if status["off_pc_age_days"] is not None:
            text += " " + _("Bản sao lưu ngoài máy gần nhất cách đây {days} ngày.").format(
                days=int(status["off_pc_age_days"])
            )
        text += " " + _("Chương trình tự sao lưu mỗi ngày khi mở lần đầu, trước khi nâng cấp và trước khi ban hành.")
        self.status_label.setText(text)
        self.warning_label.setText(status["warning"] or "")
        self.warning_label.setVisible(bool(status["warning"]))

        selected = self.selected()
        unit_uuid, _unit_name = ops.current_unit(store)
        everything = ops.list_backups(store, all_units=True)
        own = [info for info in everything if ops.is_own_backup(info, unit_uuid)]
        hidden = len(everything) - len(own)
        self.backups = everything if self.all_units_box.isChecked() else own
        if hidden and not self.all_units_box.isChecked():
            self.hidden_label.setText(_("({n} bản của dữ liệu khác đang ẩn)").format(n=hidden))
        else:
            self.hidden_label.setText("")
        other_colour = QColor("#5f6368")
        self.table.setRowCount(len(self.backups))
        for line, info in enumerate(self.backups):
            if info.verified:
                verified = _("Đạt")
            elif info.no_checksum:
                verified = _("Chưa kiểm chứng: không có mã kiểm tra đi kèm")
            else:
                verified = _("Lỗi: {problem}").format(problem=dates_in_text(str(info.problem)))
            cells = [
                format_time(info),
                unit_text(info.unit_name),
                info.reason_label(),
                format_size(info.size),
                verified,
                str(info.counts.get("staff", "")),
                str(info.counts.get("awards", "")),
                dates_in_text(info.last_decision or "—"),
            ]
            foreign = not ops.is_own_backup(info, unit_uuid)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path) if column == 0 else text)
                if foreign:
                    item.setForeground(QBrush(other_colour))
                    if column == UNIT_COLUMN:
                        item.setToolTip(_("Bản sao lưu của dữ liệu khác: {unit}").format(unit=text))
                if column in (3, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not info.verified:
                    item.setForeground(QBrush(QColor("#b00020")))
                self.table.setItem(line, column, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(UNIT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(UNIT_COLUMN, min(header.sectionSize(UNIT_COLUMN), UNIT_COLUMN_WIDTH))
        paths = [i.path for i in self.backups]
        with QSignalBlocker(self.table):
            if selected is not None and selected.path in paths:
                self.table.selectRow(paths.index(selected.path))
            elif self.backups:
                self.table.selectRow(0)
        # Always: the same row index may now be another backup (another folder), which emits no selection change.
        self.show_selected()

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()} if self.table.model() else set()
        if not rows:
            return None
        row = min(rows)
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def show_selected(self) -> None:
        info = self.selected()
        self.compare_table.setRowCount(0)
        usable = info is not None and (info.verified or info.no_checksum)
        self.restore_button.setEnabled(usable and not self.context.store.readonly)
        self.restore_button.setText(
            _("Khôi phục bản chưa kiểm chứng…") if info is not None and info.no_checksum else _("Khôi phục bản này…")
        )
        self.unit_line.setText("")
        if info is None:
            return
        comparison = ops.compare_with_current(self.context.store, info)
        self._show_unit(info)
        lines: list[tuple[str, str, str]] = [
            (_("Thời điểm"), format_time(info), _("bây giờ")),
            (
                _("Cấu trúc dữ liệu số"),
                str(comparison["backup_schema_version"]),
                str(comparison["current_schema_version"]),
            ),
            (
                _("Quyết định cuối"),
                dates_in_text(comparison["backup_last_decision"] or "—"),
                dates_in_text(comparison["current_last_decision"] or "—"),
            ),
        ]
        counts = {row["table"]: row for row in comparison["counts"]}
        order = [t for t in KEY_TABLES if t in counts]
        order += [t for t in counts if t not in order and (counts[t]["backup"] or counts[t]["current"])]
        lines.append((_("Số dòng trong từng loại dữ liệu"), "", ""))
        heading = len(lines) - 1
        for name in order:
            row = counts[name]
            lines.append(
                (
                    "    " + table_label(name),
                    "" if row["backup"] is None else str(row["backup"]),
                    "" if row["current"] is None else str(row["current"]),
                )
            )
        bold = QFont()
        bold.setBold(True)
        for line, (label, old, new) in enumerate(lines):
            self.compare_table.insertRow(line)
            if line == heading:
                item = QTableWidgetItem(label)
                item.setFont(bold)
                self.compare_table.setItem(line, 0, item)
                self.compare_table.setSpan(line, 0, 1, 3)
                continue
            differs = old != new and line != 0
            for column, text in enumerate((label, old, new)):
                item = QTableWidgetItem(text)
                item.setToolTip(text.strip())  # the whole label when a narrow panel shortens it
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if differs:
                    item.setBackground(QBrush(DIFFERENT_BACKGROUND))
                    item.setFont(bold)
                self.compare_table.setItem(line, column, item)

    def _show_unit(self, info: BackupInfo) -> None:
        current_uuid, current_unit = ops.current_unit(self.context.store)
        if info.unit_name is None:
            self.unit_line.setStyleSheet("")
            self.unit_line.setText(_("Không rõ bản sao lưu này là dữ liệu của đơn vị nào."))
        elif ops.is_own_backup(info, current_uuid):
            self.unit_line.setStyleSheet("")
            self.unit_line.setText(_("Dữ liệu của: {unit}").format(unit=info.unit_name))
        else:
            self.unit_line.setStyleSheet(ERROR_STYLE)
            self.unit_line.setText(
                _("Bản sao lưu này là dữ liệu của «{backup_unit}», không phải của «{current_unit}» đang mở.").format(
                    backup_unit=info.unit_name, current_unit=unit_text(current_unit)
                )
            )

    # -- actions -----------------------------------------------------------------------------------
    def choose_folder(self) -> Path | None:
        start = ops.backup_folder(self.context.store)
        name = QFileDialog.getExistingDirectory(self, _("Chọn thư mục sao lưu"), str(start))
        if not name:
            return None
        operation = Operation(self, self.context, ops.set_backup_folder, folder=Path(name)).changes("backups")
        operation.failure(show_reason_box(self))
        if not operation.success(lambda _folder: self.refresh()).run():
            return None
        return operation.result

    def backup_now(self) -> Any:
        def done(info: BackupInfo) -> None:
            self.backup_button.setEnabled(True)
            self.refresh()
            self.status_label.setText(_("Đã sao lưu và kiểm tra: {path}").format(path=info.path))

        def failed(error: BaseException) -> None:
            self.backup_button.setEnabled(True)
            show_error(self, _("Chưa sao lưu được: {reason}").format(reason=reason_text(error)))

        self.backup_button.setEnabled(False)
        self.last_job = (
            Operation(self, self.context, ops.backup_now)
            .changes("backups")
            .success(done)
            .failure(failed)
            .run_in_background(
                _("Sao lưu ngay"),
                message=_("Đang sao lưu và kiểm tra bản sao…"),
                opener=open_unmigrated,  # no migration step before the copy
            )
        )
        return self.last_job

    def run_check(self) -> Any:
        def done(report: dict[str, Any]) -> None:
            self.check_button.setEnabled(True)
            self.show_check(report)

        def failed(error: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.check_label.setStyleSheet(ERROR_STYLE)
            self.check_label.setText(_("Không kiểm tra được: {reason}").format(reason=reason_text(error)))

        self.check_button.setEnabled(False)
        self.last_job = (
            Operation(self, self.context, check_report)
            .success(done)
            .failure(failed)
            .run_in_background(
                _("Kiểm tra dữ liệu"),
                message=_("Đang kiểm tra dữ liệu…"),
                opener=lambda path: open_unmigrated(path, readonly=True),
            )
        )
        return self.last_job

    def show_check(self, report: dict[str, Any]) -> None:
        self.check_label.setStyleSheet(OK_STYLE if report["ok"] else ERROR_STYLE)
        self.check_label.setText("\n".join(report["messages"]))

    def restore_selected(self) -> Any:
        info = self.selected()
        if info is None:
            return None
        checked = self._checked_file(info.path, allow_unverified=info.no_checksum)
        if checked is None:
            return None  # a damaged file is refused before anything is asked or closed
        question = _(
            "Khôi phục bản sao lưu lúc {time} ({reason})?\n\n"
            "Toàn bộ dữ liệu hiện tại trong {path} sẽ được thay bằng dữ liệu của bản sao lưu này. "
            "Trước khi thay, chương trình sao lưu dữ liệu hiện tại (loại “Trước khi khôi phục”), "
            "nên vẫn có thể quay lại.\n\nCửa sổ sẽ được mở lại sau khi khôi phục."
        ).format(time=format_time(info), reason=info.reason_label(), path=self.context.db_path)
        change = ops.unit_change(self.context.db_path, checked)  # the file's own unit: the catalog may be edited
        if change is not None:  # possible (a new PC, then the USB backup), but never without saying so
            question = change["warning"] + "\n\n" + question
        if info.no_checksum:
            return self._restore_unverified(info, question, change)
        answer = QMessageBox.warning(
            self,
            _("Khôi phục dữ liệu"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.restore_file(info.path, change=change)

    def _restore_unverified(self, info: BackupInfo, question: str, change: dict[str, Any] | None) -> Any:
        """A backup with no checksum beside it: the clerk types the words, knowing nothing proves the file whole."""
        warning = _(
            "Bản sao lưu này KHÔNG có mã kiểm tra đi kèm (tệp {checksum}), nên chương trình không biết nó có bị "
            "hỏng khi sao chép hay không.\n\n{question}\n\nNếu chắc chắn, gõ: KHÔI PHỤC CHƯA KIỂM CHỨNG"
        ).format(checksum=ops.checksum_file(info.path).name, question=question)
        if not typed_unverified_confirmation(self, warning):
            return None
        return self.restore_file(info.path, allow_unverified=True, change=change)

    def _checked_file(self, path: Path, *, allow_unverified: bool) -> BackupInfo | None:
        """The backup read from the file itself (checksum, integrity, whose data), or None with the reason shown."""
        check = Operation(self, self.context, ops.check_backup_file, path=path, allow_unverified=allow_unverified)
        return check.result if check.without_store().failure(show_reason_box(self)).run() else None

    def restore_file(
        self, backup_path: Path, *, allow_unverified: bool = False, change: dict[str, Any] | None = None
    ) -> Any:
        """Close the window's database, restore, have the main window reopen; returns the new main window.

        Not an :class:`Operation`: the window's own store is closed first, as the file under it is replaced.
        """

        window = self.window()
        db_path = self.context.db_path
        # The file was checked (restore_selected) before the question; ops.restore checks it once more before
        # touching anything, so a file damaged while the question was open is still refused.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        safety: Path | None = None
        error: Exception | None = None
        try:
            self.context.store.close()
            safety = ops.restore(db_path, backup_path=backup_path, allow_unverified=allow_unverified)
        except Exception as exc:  # the old file is in place (never replaced, or put back); the reason says which
            log.exception("restore failed")
            error = exc
        finally:
            QApplication.restoreOverrideCursor()
        reopen = getattr(window, "reopen", None)
        new_window = reopen() if reopen is not None else None
        parent = new_window or window
        if error is not None:
            show_error(parent, _("Chưa khôi phục được: {reason}").format(reason=reason_text(error)))
        elif new_window is not None:
            message = _("Đã khôi phục dữ liệu từ {backup}.").format(backup=backup_path.name)
            if change is not None:  # the safety copy is now "another unit's": say where to find it
                message += " " + change["after"]
            if safety:
                message += " " + _("Dữ liệu trước khi khôi phục: {safety}").format(safety=safety)
                if change is not None:
                    message += " " + _("(hiện trong danh sách khi đánh dấu “Hiện cả bản sao lưu của dữ liệu khác”)")
            new_window.statusBar().showMessage(message, 30000)
            kept = ops.restore_notes(new_window.context.store)
            if kept:  # numbers, prints and keys the backup lacked: the clerk must know, serials above all
                show_info(new_window, kept, _("Đã khôi phục dữ liệu"))  # the file names stay in the status bar
        return new_window
