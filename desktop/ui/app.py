"""Start the window: arguments, fonts, translations, the database, the first-run wizard.

Kept light on imports: pages, the province list and document code load when first needed, so the
window paints quickly on an old commune PC.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.i18n import _, set_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.store import Store
    from desktop.ui.main_window import MainWindow

SCREENSHOT_DELAY_MS = 500
FALLBACK_FONT = "Liberation Sans"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tdkt-gui", description=_("Phần mềm thi đua, khen thưởng"))
    parser.add_argument("--db", metavar="PATH", help=_("tệp cơ sở dữ liệu"))
    parser.add_argument("--lang", choices=("vi", "en"), help=_("ngôn ngữ giao diện"))
    parser.add_argument("--self-check", action="store_true", help=_("tự kiểm tra cửa sổ rồi thoát"))
    parser.add_argument("--screenshot", metavar="PATH", help=_("chụp cửa sổ ra tệp ảnh rồi thoát"))
    return parser


def run_gui(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.self_check:
        # Never touch the user's preferences or data when checking a bundle.
        os.environ["TDKT_DATA_DIR"] = tempfile.mkdtemp(prefix="tdkt-selfcheck-")

    from desktop.ui.preferences import preferences

    prefs = preferences()
    language = set_language(args.lang or prefs.get("language"))
    app = _application(language)

    if args.self_check:
        return _self_check(app)

    from desktop.paths import default_db_path

    last = prefs.get("last_db_path")
    db_path = Path(args.db) if args.db else (Path(last) if last and Path(last).is_file() else default_db_path())
    store = open_database(db_path)
    if store is None:
        return 1
    if not ensure_set_up(store):
        store.close()
        return 0
    prefs.set("last_db_path", str(db_path))
    window = open_main_window(store)
    if args.screenshot:
        return _screenshot(app, window, Path(args.screenshot))
    code = app.exec()
    _close_window_store(window)
    return code


# -- application ------------------------------------------------------------------------------------


def _application(language: str) -> QApplication:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, APP_TITLE

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    register_fonts(app)
    if language == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    from desktop.ui.qt_translator import install_qt_translator

    # Keep a Python reference: Qt does not own installed translators.
    app.setProperty("tdkt_language", language)
    app._tdkt_translator = install_qt_translator(app, language)  # type: ignore[attr-defined]
    return app


def register_fonts(app: QApplication) -> None:
    """Load the bundled fonts; use Liberation Sans when the system font lacks Vietnamese letters."""
    from PySide6.QtGui import QFont, QFontDatabase

    from desktop.paths import resource_path

    try:
        folder = resource_path("fonts")
    except FileNotFoundError:
        return
    for font_file in sorted(folder.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    if sys.platform == "win32":
        return  # Segoe UI covers Vietnamese and is what clerks are used to
    family = app.font().family()
    if QFontDatabase.WritingSystem.Vietnamese not in QFontDatabase.writingSystems(family):
        font = QFont(FALLBACK_FONT)
        font.setPointSizeF(app.font().pointSizeF())
        app.setFont(font)


def open_database(path: Path, parent=None) -> Store | None:
    """Open and migrate; a problem is shown in one Vietnamese message and returns None."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.store import StoreError, open_store

    try:
        return open_store(path)
    except StoreError as exc:
        QMessageBox.critical(
            parent,
            _("Không mở được cơ sở dữ liệu"),
            _("Không mở được cơ sở dữ liệu {path}.\n\nLý do: {reason}").format(path=path, reason=exc),
        )
        return None


def ensure_set_up(store: Store, parent=None) -> bool:
    """Run the first-run wizard when the file has no unit yet; False when the user cancels."""
    from desktop.ops.setup import is_set_up

    if is_set_up(store):
        return True
    from desktop.ui.context import _os_user
    from desktop.ui.wizard import SetupWizard

    wizard = SetupWizard(store, actor=_os_user(), parent=parent)
    return bool(wizard.exec()) and is_set_up(store)


def open_main_window(store: Store) -> MainWindow:
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    context = AppContext(store)
    window = MainWindow(context)
    window.open_database_requested.connect(lambda path: switch_database(window, path))
    window.show()
    return window


def switch_database(window: MainWindow, path: Path) -> MainWindow | None:
    """Open another file in a new window and close the old one (and its database)."""
    from desktop.ui.preferences import preferences

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


def _close_window_store(window: MainWindow) -> None:
    with contextlib.suppress(Exception):  # closing at exit must never raise
        window.context.store.close()


# -- checks -------------------------------------------------------------------------------------------


def _self_check(app: QApplication) -> int:
    """Open the real window on a throw-away database and render it: proves the bundle works."""
    from desktop.ops.setup import init_unit
    from desktop.store import open_store

    folder = Path(os.environ["TDKT_DATA_DIR"])
    store = open_store(folder / "self-check.sqlite3")
    init_unit(
        store,
        unit_name="Ủy ban nhân dân xã Lũng Cú",
        commune_code="00715",
        head_title="Chủ tịch",
        head_name="Nguyễn Văn Hùng",
        actor="self-check",
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


def _screenshot(app: QApplication, window: MainWindow, path: Path) -> int:
    from PySide6.QtCore import QTimer

    result = {"ok": False}

    def capture() -> None:
        result["ok"] = window.grab().save(str(path))
        window.close()
        app.quit()

    QTimer.singleShot(SCREENSHOT_DELAY_MS, capture)
    app.exec()
    _close_window_store(window)
    return 0 if result["ok"] else 1
