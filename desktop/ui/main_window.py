"""The main window: a sidebar of areas, one page per area built on first use, menus and status bar."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import APP_TITLE, __version__
from desktop.i18n import _
from desktop.ops import queries
from desktop.ops.session import open_for_window
from desktop.ops.unit import get_unit
from desktop.paths import PACKAGE_DIR
from desktop.ui.context import AppContext
from desktop.ui.icons import icon
from desktop.ui.operations import Operation
from desktop.ui.pages import PAGES, PageSpec
from desktop.ui.preferences import preferences
from desktop.ui.widgets import note, show_error, show_info

if TYPE_CHECKING:
    from desktop.ops.session import Store

log = logging.getLogger(__name__)

SIDEBAR_WIDTH = 210


def open_window_store(path: Path, parent: QWidget | None = None) -> Store | None:
    """Open ``path`` for a window (its single-writer lock, or read-only when another window holds it); a problem
    is shown in one Vietnamese message and returns None."""

    def refused(error: BaseException) -> None:
        show_error(
            parent,
            _("Không mở được cơ sở dữ liệu {path}.\n\nLý do: {reason}").format(path=path, reason=error),
            _("Không mở được cơ sở dữ liệu"),
        )

    opening = Operation(parent, None, open_for_window, path=path).without_store().failure(refused)
    return opening.result if opening.run() else None


class MainWindow(QMainWindow):
    """``open_database_requested`` asks the application to switch files (it rebuilds the window);
    ``replaced`` carries the window that took this one's place on the same file (see :meth:`reopen`)."""

    open_database_requested = Signal(Path)
    replaced = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.specs: list[PageSpec] = list(PAGES)
        self.pages: dict[str, QWidget] = {}
        self._scroll_areas: dict[str, QScrollArea] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setMinimumWidth(180)
        self.sidebar.setMaximumWidth(280)
        self.sidebar.setSpacing(1)
        for number, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem(_(spec.label))
            item.setIcon(icon(spec.icon))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(0, 34))
            if number <= 9:
                item.setToolTip(_("{label} (Ctrl+{n})").format(label=_(spec.label), n=number))
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([SIDEBAR_WIDTH, 1000])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_menus()
        self._build_status_bar()
        self._build_page_shortcuts()
        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        context.data_changed.connect(self._on_data_changed)
        self.refresh_unit()
        self._restore_geometry()

        start = preferences().get("last_page")
        keys = [spec.key for spec in self.specs]
        self.sidebar.setCurrentRow(keys.index(start) if start in keys else 0)

    # -- building ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Tệp"))
        self.open_action = QAction(_("Mở cơ sở dữ liệu khác…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_database)
        file_menu.addAction(self.open_action)
        self.demo_action = QAction(_("Tạo dữ liệu mẫu"), self)
        self.demo_action.setStatusTip(_("Thêm cán bộ, phòng ban mẫu để dùng thử (chỉ khi chưa có cán bộ nào)."))
        self.demo_action.triggered.connect(self.make_demo_data)
        file_menu.addAction(self.demo_action)
        self.history_import_action = QAction(_("Nhập lịch sử thi đua từ Excel…"), self)
        self.history_import_action.setStatusTip(
            _("Nhập xếp loại, sáng kiến, kỷ luật, nghỉ dài ngày và khen thưởng các năm trước từ một tệp Excel.")
        )
        self.history_import_action.triggered.connect(self.open_history_import)
        file_menu.addAction(self.history_import_action)
        file_menu.addSeparator()
        self.quit_action = QAction(_("Thoát"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu(_("Trợ &giúp"))
        self.manual_action = QAction(_("Hướng dẫn sử dụng"), self)
        self.manual_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.manual_action.triggered.connect(self.open_manual)
        help_menu.addAction(self.manual_action)
        self.about_action = QAction(_("Giới thiệu"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.unit_label = QLabel()
        self.db_label = QLabel()
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.unit_label)
        self.statusBar().addPermanentWidget(self.db_label)

    def _build_page_shortcuts(self) -> None:
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(self.specs[:9], start=1):
            action = QAction(_(spec.label), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self.addAction(action)
            self.page_actions.append(action)

    # -- pages ------------------------------------------------------------------------------------
    def page_labels(self) -> list[str]:
        return [self.sidebar.item(row).text() for row in range(self.sidebar.count())]

    def current_key(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_page(self, key: str) -> QWidget:
        row = [spec.key for spec in self.specs].index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # calls _on_row_changed
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The page of ``key``, built now if this is its first use."""
        if key not in self.pages:
            spec = next(spec for spec in self.specs if spec.key == key)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                widget = spec.factory(self.context)
            except Exception as exc:  # a broken page must not take the window down
                log.exception("page %s failed", key)
                widget = note(
                    _("Không mở được trang “{label}”: {reason}").format(label=_(spec.label), reason=exc), color=""
                )
                widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                widget.setContentsMargins(24, 24, 24, 24)
            finally:
                QApplication.restoreOverrideCursor()
            widget.setObjectName(f"page_{key}")
            self.pages[key] = widget
            self._scroll_areas[key] = _scrolling(widget)
            self.stack.addWidget(self._scroll_areas[key])
        return self.pages[key]

    def current_page(self) -> QWidget | None:
        """The page on show (the stack holds each page inside its scroll area)."""
        holder = self.stack.currentWidget()
        return holder.widget() if isinstance(holder, QScrollArea) else holder

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.specs[row].key
        self.page(key)
        self.stack.setCurrentWidget(self._scroll_areas[key])
        preferences().set("last_page", key)

    # -- data -------------------------------------------------------------------------------------
    def refresh_unit(self) -> None:
        unit = get_unit(self.context.store)
        name = unit.get("name") or _("(chưa khai báo đơn vị)")
        self.setWindowTitle(_("{app} — {unit}").format(app=APP_TITLE, unit=name))
        _set_elided(self.unit_label, _("Đơn vị: {name}").format(name=name), STATUS_TEXT_WIDTH)
        _set_elided(self.db_label, _("Dữ liệu: {path}").format(path=self.context.db_path), STATUS_TEXT_WIDTH)
        self._update_demo_action()

    def _update_demo_action(self) -> None:
        self.demo_action.setEnabled(queries.staff_count(self.context.store) == 0)

    def _on_data_changed(self, what: str) -> None:
        if what in ("unit", "demo"):
            self.refresh_unit()
        else:
            self._update_demo_action()

    # -- actions ----------------------------------------------------------------------------------
    def choose_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Mở cơ sở dữ liệu khác"),
            str(self.context.db_path.parent),
            _("Cơ sở dữ liệu TĐKT (*.sqlite3 *.db);;Mọi tệp (*)"),
        )
        if path:
            self.open_database_requested.emit(Path(path))

    def make_demo_data(self) -> dict | None:
        from desktop.ops.demo import fill_demo

        def done(summary: Any) -> None:
            if isinstance(summary, dict) and {"staff", "departments"} <= summary.keys():
                show_info(
                    self,
                    _("Đã tạo dữ liệu mẫu: {staff} cán bộ, {departments} phòng ban.").format(
                        staff=summary["staff"], departments=summary["departments"]
                    ),
                )

        operation = (
            Operation(self, self.context, fill_demo)
            .changes("demo", "departments", "staff")
            .success(done)
            .error_text(_("Không tạo được dữ liệu mẫu: {reason}"))
        )
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            operation.run()
        finally:
            QApplication.restoreOverrideCursor()
        return operation.result if operation.ok else None

    def reopen(self) -> MainWindow | None:
        """A fresh window on the same file takes this one's place (after a restore replaced the file under it).

        This window's store is closed already; the file's lock stays with this process, so the new window writes.
        """
        store = open_window_store(self.context.db_path, self)
        if store is None:
            return None
        window = MainWindow(AppContext(store))
        window.show()
        self.replaced.emit(window)
        self.close()
        self.deleteLater()
        return window

    def open_history_import(self) -> QWidget:
        """The history import dialog, window-modal; pages refresh through ``data_changed``."""
        from desktop.ui.history_import_dialog import HistoryImportDialog

        dialog = HistoryImportDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def manual_path(self) -> Path | None:
        """The guide in ``resources/guide`` (same place in a checkout, the wheel and the bundle), else ``docs/``."""
        from desktop.ui.help_dialog import guide_path

        bundled = guide_path()
        if bundled is not None:
            return bundled
        for folder in (PACKAGE_DIR / "docs", PACKAGE_DIR.parent / "docs"):
            candidate = folder / "huong-dan-su-dung.md"
            if candidate.is_file():
                return candidate
        return None

    def open_manual(self) -> QWidget | None:
        """Show the guide rendered in a window that does not block; one window, raised again on the next F1."""
        from desktop.ui.help_dialog import HelpDialog

        existing = getattr(self, "help_dialog", None)
        if existing is not None and _alive(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        path = self.manual_path()
        if path is None:
            show_info(
                self,
                _("Chưa có tài liệu hướng dẫn sử dụng đi kèm phiên bản này. Mỗi trang có ghi chú ngay trên màn hình."),
                _("Hướng dẫn sử dụng"),
            )
            return None
        try:
            dialog = HelpDialog(path, self)
        except OSError as exc:
            show_error(self, _("Không mở được tệp hướng dẫn {path}: {reason}").format(path=path, reason=exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.help_dialog = dialog
        dialog.show()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("Giới thiệu"),
            _(
                "<p><b>{app}</b> — phiên bản {version}</p>"
                "<p>Phần mềm giúp xã, phường, đặc khu và cơ quan làm công tác thi đua, khen thưởng "
                "theo Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP.</p>"
                "<p>Phông chữ Liberation Sans và Liberation Serif được dùng theo giấy phép "
                "SIL Open Font License 1.1.</p>"
            ).format(app=APP_TITLE, version=__version__),
        )

    # -- geometry ---------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = preferences().get("window_geometry")
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        if available is None:
            return
        if not saved:
            # Leave room for the taskbar and the title bar on a 1366×768 screen.
            self.resize(min(1280, available.width() - 40), min(720, available.height() - 40))
        elif self.width() > available.width() or self.height() > available.height():
            self.resize(min(self.width(), available.width()), min(self.height(), available.height()))

    def closeEvent(self, event: QCloseEvent) -> None:
        preferences().set("window_geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        super().closeEvent(event)


# The widest each status-bar text is drawn (pixels): a long folder path or unit name would otherwise widen the
# window past a 1366-pixel screen. The whole text stays in the tooltip.
STATUS_TEXT_WIDTH = 520


def _set_elided(label: QLabel, text: str, width: int) -> None:
    """``text`` in ``label``, cut in the middle with "…" when wider than ``width``; the whole of it as the tooltip."""
    shown = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)
    label.setText(shown)
    label.setToolTip(text if shown != text else "")


def _scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area: where the screen is smaller than the page's least size (a 1024×600
    netbook), the page scrolls and every button stays reachable; on a larger screen nothing changes."""
    area = QScrollArea()
    area.setObjectName(f"scroll_{page.objectName()}")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))
