"""Screenshots for the user guide, taken from the REAL window on a throw-away demo database.

Run with ``make screenshots`` (or ``python build/make_screenshots.py [--out FOLDER]``). The window runs under the
offscreen platform unless a display is available, at 1366×768 (the usual commune laptop), and every picture is
saved under a fixed name so the guide's links stay valid. A page that fails to build is reported and skipped: the
guide must never be blocked by one broken area.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "guide" / "images"
WINDOW_SIZE = (1366, 768)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _prepare_environment() -> Path:
    """Offscreen unless there is a display; preferences and backups go to a temporary folder, never the user's."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="tdkt-screenshots-"))
    os.environ["TDKT_DATA_DIR"] = str(folder)
    return folder


class Shooter:
    """Saves widgets as PNG under fixed names and keeps going when one step fails."""

    def __init__(self, app, out: Path) -> None:
        self.app = app
        self.out = out
        self.saved: list[Path] = []
        self.failed: list[str] = []

    def settle(self, rounds: int = 5) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        for _ in range(rounds):
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            QCoreApplication.sendPostedEvents()

    def save(self, widget, name: str) -> None:
        self.settle()
        path = self.out / name
        image = widget.grab()
        if image.isNull() or not image.save(str(path), "PNG"):
            raise RuntimeError(f"could not save {path}")
        self.saved.append(path)
        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def step(self, name: str, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:
            self.failed.append(name)
            print(f"warning: screenshot {name} skipped:", file=sys.stderr)
            traceback.print_exc()


def _close(widget) -> None:
    if widget is not None:
        widget.close()
        widget.deleteLater()


def make_screenshots(out: Path) -> int:
    data_dir = _prepare_environment()
    out.mkdir(parents=True, exist_ok=True)

    from desktop.i18n import set_language

    set_language("vi")
    from desktop.ui.app import _application

    app = _application("vi")  # registers the bundled fonts exactly like the real start-up

    from desktop.ops.demo import fill_demo
    from desktop.store import open_store
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    shooter = Shooter(app, out)

    # 1. The first-run wizard, on an empty database of its own.
    def wizard() -> None:
        from desktop.ui.wizard import SetupWizard

        empty = open_store(data_dir / "empty.sqlite3")
        dialog = SetupWizard(empty, actor="screenshots")
        dialog.resize(760, 540)
        dialog.show()
        dialog.next()  # "Tên đơn vị"
        from PySide6.QtWidgets import QLineEdit

        edits = dialog.currentPage().findChildren(QLineEdit)
        if edits:
            edits[0].setText("Ủy ban nhân dân xã Lũng Cú")
        dialog.currentPage().completeChanged.emit()
        shooter.save(dialog, "01-thiet-lap-lan-dau.png")
        _close(dialog)
        empty.close()

    shooter.step("wizard", wizard)

    store = open_store(data_dir / "tdkt.sqlite3")
    fill_demo(store, actor="screenshots")
    context = AppContext(store)
    window = MainWindow(context)
    window.resize(*WINDOW_SIZE)
    window.show()
    shooter.settle()

    def page(key: str, name: str, prepare: Callable | None = None) -> Callable[[], None]:
        def action() -> None:
            widget = window.show_page(key)
            shooter.settle()
            if prepare is not None:
                prepare(widget)
            window.resize(*WINDOW_SIZE)
            shooter.save(window, name)

        return action

    def staff(widget) -> None:
        if hasattr(widget, "search"):
            widget.search.setText("nguyen")

    def rounds(widget) -> None:
        rounds_widget = widget.rounds
        if rounds_widget.rounds.count():
            rounds_widget.rounds.setCurrentRow(0)

    def decisions(widget) -> None:
        if widget.table.rowCount():
            widget.table.selectRow(0)

    def certificates(widget) -> None:
        # The decision with the most people makes the most telling picture.
        box = widget.decision_box
        sizes = [int(m.group(1)) if (m := re.search(r"\((\d+) ", box.itemText(i))) else 0 for i in range(box.count())]
        if sizes:
            box.setCurrentIndex(sizes.index(max(sizes)))

    def backup(widget) -> None:
        widget.show_backup()

    def rules(widget) -> None:
        widget.show_rules()

    shooter.step("staff", page("staff", "02-can-bo.png", staff))
    shooter.step("review", page("nominations", "03-dot-binh-xet.png", rounds))

    def council() -> None:
        area = window.show_page("nominations")
        dialog = area.rounds.open_council_dialog()
        if dialog is None:
            raise RuntimeError("no review round to open the council of")
        dialog.resize(1000, 640)
        shooter.save(dialog, "04-hoi-dong-bo-phieu.png")
        _close(dialog)

    shooter.step("council", council)
    shooter.step("decisions", page("decisions", "05-quyet-dinh.png", decisions))
    shooter.step("certificates", page("certificates", "06-in-giay-khen.png", certificates))

    def calibration() -> None:
        certificates_page = window.show_page("certificates")
        dialog = certificates_page.make_calibration()
        if dialog is None:
            raise RuntimeError("the certificates page made no calibration dialog")
        dialog.show()
        shooter.save(dialog, "07-can-chinh-may-in.png")
        _close(dialog)

    shooter.step("calibration", calibration)
    shooter.step("exchange", page("exchange", "08-trao-doi-du-lieu.png"))
    shooter.step("backup", page("settings", "09-sao-luu.png", backup))
    shooter.step("rules", page("settings", "10-quy-dinh.png", rules))

    window.show_page("unit")
    window.close()
    store.close()
    print(f"{len(shooter.saved)} screenshots in {out}; skipped: {', '.join(shooter.failed) or 'none'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of the real window for the user guide.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    args = parser.parse_args(argv)
    return make_screenshots(args.out)


if __name__ == "__main__":
    raise SystemExit(main())
