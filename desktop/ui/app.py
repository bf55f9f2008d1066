"""Start the window: arguments, fonts, translations, the database, the first-run wizard.

Kept light on imports: pages, the province list and document code load when first needed, so the
window paints quickly on an old commune PC.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from desktop import APP_NAME, APP_TITLE
from desktop.i18n import _, set_language
from desktop.ops import session
from desktop.ops.session import open_for_window, open_unmigrated, readonly_message, release_window_lock
from desktop.ops.setup import init_unit, is_set_up
from desktop.paths import default_db_path, resource_path
from desktop.ui.context import AppContext
from desktop.ui.icons import app_icon
from desktop.ui.main_window import MainWindow, open_window_store
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.preferences import preferences
from desktop.ui.qt_translator import install_qt_translator
from desktop.ui.scratch import scratch_folder
from desktop.ui.widgets import show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.ops.session import Store
    from desktop.ui.main_window import MainWindow

SCREENSHOT_DELAY_MS = 500
DAILY_BACKUP_DELAY_MS = 1500  # after the window has painted: start-up stays fast
FALLBACK_FONT = "Liberation Sans"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tdkt-gui", description=_("Phần mềm thi đua, khen thưởng"))
    parser.add_argument("--db", metavar="PATH", help=_("tệp cơ sở dữ liệu"))
    parser.add_argument("--lang", choices=("vi", "en"), help=_("ngôn ngữ giao diện"))
    parser.add_argument("--self-check", action="store_true", help=_("tự kiểm tra cửa sổ rồi thoát"))
    parser.add_argument(
        "--self-check-documents",
        action="store_true",
        help=_("tự kiểm tra việc lập văn bản, giấy khen và gói dữ liệu trên dữ liệu mẫu rồi thoát"),
    )
    parser.add_argument("--screenshot", metavar="PATH", help=_("chụp cửa sổ ra tệp ảnh rồi thoát"))
    parser.add_argument(
        "--quit-when-shown", action="store_true", help=_("thoát ngay khi cửa sổ đã hiện (để đo thời gian khởi động)")
    )
    parser.add_argument(
        "package",
        nargs="?",
        type=Path,
        metavar="FILE.tdkt",
        help=_("gói dữ liệu cần kiểm tra (mở từ Windows Explorer: kiểm tra và xem trước, chưa nhập gì)"),
    )
    return parser


def window_options() -> dict[str, bool]:
    """The window's own options (help aside), each with whether it takes a value: ``python -m desktop`` routes
    arguments made only of these to the window without loading the command line."""
    return {
        option: action.nargs != 0
        for action in _parser()._actions
        if not isinstance(action, argparse._HelpAction)
        for option in action.option_strings
    }


def run_gui(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.self_check or args.self_check_documents:
        # Never touch the user's preferences or data when checking a bundle.
        os.environ["TDKT_DATA_DIR"] = str(scratch_folder("selfcheck"))

    prefs = preferences()
    language = set_language(args.lang or prefs.get("language"))
    app = _application(language)

    if args.self_check:
        return _self_check(app)
    if args.self_check_documents:
        return _documents_check()

    last = prefs.get("last_db_path")
    db_path = Path(args.db) if args.db else (Path(last) if last and Path(last).is_file() else default_db_path())
    store, db_path = open_at_startup(db_path)  # a file that will not open: restore a backup or open another
    if store is None:
        return 1
    if not ensure_set_up(store):
        store.close()
        return 0
    prefs.set("last_db_path", str(db_path))
    window = open_main_window(store)
    if args.package:
        open_package(window, args.package)
    if args.screenshot:
        return _screenshot(app, window, Path(args.screenshot))
    if args.quit_when_shown:
        return _quit_when_shown(app, window)
    if not store.readonly:  # the window that writes makes the daily backup
        schedule_daily_backup(window)
    code = app.exec()
    finish_daily_backup(app, window)
    _close_window_store(window)
    return code


# -- application ------------------------------------------------------------------------------------


def _application(language: str) -> QApplication:

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)

    app.setWindowIcon(app_icon())
    register_fonts(app)
    if language == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))

    # Keep a Python reference: Qt does not own installed translators.
    app.setProperty("tdkt_language", language)
    app._tdkt_translator = install_qt_translator(app, language)  # type: ignore[attr-defined]
    return app


def register_fonts(app: QApplication) -> None:
    """Use the bundled Liberation Sans when the system font lacks Vietnamese letters.

    Only the window's own font is loaded here: documents load theirs (reportlab, the template editor's preview)
    when they are made, which keeps the start-up short. Windows' Segoe UI covers Vietnamese and is what clerks
    are used to.
    """
    if sys.platform == "win32":
        return
    family = app.font().family()
    if QFontDatabase.WritingSystem.Vietnamese in QFontDatabase.writingSystems(family):
        return
    try:
        folder = resource_path("fonts")
    except FileNotFoundError:
        return
    for font_file in sorted(folder.glob("LiberationSans-*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    font = QFont(FALLBACK_FONT)
    font.setPointSizeF(app.font().pointSizeF())
    app.setFont(font)


def open_database(path: Path, parent=None) -> Store | None:
    """Open and migrate; a problem is shown in one Vietnamese message and returns None.

    The window takes the file's single-writer lock for as long as it is open; when another window already holds
    it, the file is opened read-only instead (:func:`desktop.ops.session.open_for_window`).
    """
    return open_window_store(path, parent)


def open_at_startup(path: Path) -> tuple[Store | None, Path]:
    """Open the file the program starts with; when it will not open, the rescue dialog offers a backup or another
    file, until one opens or the clerk quits (None)."""
    while True:
        errors: list[BaseException] = []
        opening = Operation(None, None, open_for_window, path=path).without_store().failure(errors.append)
        if opening.run():
            return opening.result, path
        from desktop.ui.startup_rescue import StartupRescueDialog  # only for a file that will not open

        rescue = StartupRescueDialog(path, reason_text(errors[0]) if errors else "")
        if rescue.exec() != QDialog.DialogCode.Accepted or rescue.chosen is None:
            return None, path
        path = rescue.chosen


def ensure_set_up(store: Store, parent=None) -> bool:
    """Run the first-run wizard when the file has no unit yet; False when the user cancels."""
    if is_set_up(store):
        return True
    from desktop.ui.wizard import SetupWizard

    wizard = SetupWizard(store, parent=parent)
    return bool(wizard.exec()) and is_set_up(store)


def open_main_window(store: Store) -> MainWindow:

    context = AppContext(store)
    window = MainWindow(context)
    _adopt(window)
    window.show()
    if store.readonly:
        show_readonly_notice(window)
    return window


def _adopt(window: MainWindow) -> None:
    """Wire a main window to the application: switching files, and the window that replaces it after a restore."""
    window.open_database_requested.connect(lambda path: switch_database(window, path))
    window.replaced.connect(_adopt_replacement)


def _adopt_replacement(window: MainWindow) -> None:
    _adopt(window)
    if window.context.store.readonly:
        show_readonly_notice(window)


def open_package(window: MainWindow, path: Path):
    """A .tdkt opened from Explorer: the exchange area checks it (verify + dry run); nothing is written."""
    path = Path(path)
    if not path.is_file():
        show_error(window, _("Không tìm thấy tệp gói dữ liệu: {path}").format(path=path))
        return None
    page = window.show_page("exchange")
    opener = getattr(page, "open_package_files", None)
    if opener is None:  # the page failed to build; it already shows why
        return None
    return opener([path])


def show_readonly_notice(window: MainWindow) -> None:
    """Say once (a message that does not block) and keep saying (status bar) that this window cannot write."""

    text = readonly_message(window.context.db_path)
    label = QLabel(text)
    label.setObjectName("readonly_notice")
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    window.statusBar().addWidget(label)
    box = QMessageBox(QMessageBox.Icon.Information, _("Chỉ xem"), text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("readonly_message")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def _release_instance_lock(store: Store) -> None:
    release_window_lock(store)


def switch_database(window: MainWindow, path: Path) -> MainWindow | None:
    """Open another file in a new window and close the old one (and its database)."""
    if path.resolve() == window.context.db_path.resolve():
        return window
    store = open_database(path, window)
    if store is None:
        return None
    if not ensure_set_up(store, window):
        store.close()
        return None
    preferences().set("last_db_path", str(path))
    new_window = open_main_window(store)
    window.close()
    _close_window_store(window)
    window.deleteLater()
    return new_window


def schedule_daily_backup(window: MainWindow, delay_ms: int = DAILY_BACKUP_DELAY_MS) -> None:
    """Once the window has painted, make the first-start-of-day backup in a thread; report in the status bar."""
    QTimer.singleShot(delay_ms, window, lambda: start_daily_backup(window))


def start_daily_backup(window: MainWindow):
    """Run ``daily_backup_if_due`` off the UI thread on its own connection; never a modal dialog."""

    def work(store):
        from desktop.ops.backup import backup_status, daily_backup_if_due

        info = daily_backup_if_due(store)
        return info, backup_status(store)

    def warn(text: str) -> None:
        if not _alive(window):
            return
        label = QLabel(text)  # a widget, not showMessage(): menu status tips would wipe it
        label.setObjectName("backup_warning")
        label.setStyleSheet("color: #b00020;")
        label.setToolTip(text)
        window.statusBar().addWidget(label)

    def done(result) -> None:
        info, status = result
        if info is not None and _alive(window):
            window.statusBar().showMessage(_("Đã sao lưu tự động: {path}").format(path=info.path), 15000)
        if status.get("warning"):
            warn(status["warning"])

    def failed(error: BaseException) -> None:
        warn(_("Chưa sao lưu tự động được: {reason}").format(reason=error))

    # No parent: the job must outlive a window closed (or switched away from) while it copies.
    job = (
        Operation(None, window.context, work)
        .success(done)
        .failure(failed)
        .run_in_background(
            _("Sao lưu tự động"),
            show_progress=False,
            opener=open_unmigrated,  # no migration step before the copy
        )
    )
    window.daily_backup_job = job  # type: ignore[attr-defined]
    return job


def _alive(widget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))


def finish_daily_backup(app: QApplication, window: MainWindow, timeout_s: float = 30.0) -> None:
    """At exit, let a running backup finish (its copy is only renamed once complete, so waiting is just tidy)."""
    job = getattr(window, "daily_backup_job", None)
    deadline = time.monotonic() + timeout_s
    while job is not None and not job.done and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def _close_window_store(window: MainWindow) -> None:
    with contextlib.suppress(Exception):  # closing at exit must never raise
        window.context.store.close()
    with contextlib.suppress(Exception):
        _release_instance_lock(window.context.store)


# -- checks -------------------------------------------------------------------------------------------


def _self_check(app: QApplication) -> int:
    """Open the real window on a throw-away database and render it: proves the bundle works."""

    folder = Path(os.environ["TDKT_DATA_DIR"])
    store = session.open_database(folder / "self-check.sqlite3")
    init_unit(
        store,
        unit_name="Ủy ban nhân dân xã Lũng Cú",
        commune_code="00715",
        head_title="Chủ tịch",
        head_name="Nguyễn Văn Hùng",
    )
    window = open_main_window(store)
    for key in [spec.key for spec in window.specs]:
        window.show_page(key)
        app.processEvents()
    window.show_page("unit")
    app.processEvents()
    image = window.grab().toImage()
    ok = not image.isNull() and image.width() > 0 and image.height() > 0
    window.close()
    store.close()
    if not ok:
        print("self-check failed: the window rendered an empty image", file=sys.stderr)
        return 1
    print("self-check ok")
    return 0


def _documents_check() -> int:
    """Render every kind of output on the demo commune: proves a bundle carries the libraries' data files.

    Fonts, python-docx templates, reportlab's barcode modules, pdfium and babel data are loaded lazily, so a
    bundle that opens its window can still fail the first time a clerk prints; this walks those paths once.
    """
    from desktop.exchange.exporter import export_package
    from desktop.exchange.reader import read_header
    from desktop.ops import certificates, documents
    from desktop.ops.demo import fill_demo
    from desktop.ui.certificates.pdf_view import render_page

    folder = Path(os.environ["TDKT_DATA_DIR"])
    store = session.open_database(folder / "documents-check.sqlite3")
    try:
        fill_demo(store)
        number, year = "2/QĐ-UBND", 2024  # the demo's Giấy khen of that year: a paper to print
        made = certificates.render_decision_certificates(
            store, decision_number=number, year=year, out=folder / "giay-khen.pdf", record=False
        )
        for kind, suffix in (("decision", ".pdf"), ("decision", ".docx"), ("payment", ".xlsx")):
            made.append(
                documents.render_document(
                    store, kind=kind, decision_number=number, decision_year=year, out=folder / f"{kind}{suffix}"
                )
            )
        package = export_package(
            store, kind="yearly_report", year=year, out=folder / "bao-cao.tdkt"
        )
        read_header(package)  # the routing header of our own package (its signature is checked by the receiver)
        image = render_page(made[0], 0, 50)
    finally:
        store.close()
    if image.isNull() or not all(Path(path).stat().st_size > 0 for path in made):
        print("documents check failed", file=sys.stderr)
        return 1
    print("documents check ok")
    return 0


def _quit_when_shown(app: QApplication, window: MainWindow) -> int:
    """Start-up as the benchmark measures it: the event loop runs until the first frame is painted, then exits."""
    window.repaint()
    QTimer.singleShot(0, app.quit)
    app.exec()
    window.close()
    _close_window_store(window)
    return 0


def _screenshot(app: QApplication, window: MainWindow, path: Path) -> int:
    result = {"ok": False}

    def capture() -> None:
        result["ok"] = window.grab().save(str(path))
        window.close()
        app.quit()

    QTimer.singleShot(SCREENSHOT_DELAY_MS, capture)
    app.exec()
    _close_window_store(window)
    return 0 if result["ok"] else 1
