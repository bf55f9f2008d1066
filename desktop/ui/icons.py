"""The program's icons: Tabler Icons (MIT) rendered to PNG by build/make_icons.py, one look everywhere.

Qt's built-in standard icons differ by platform and say the wrong thing (a floppy disk for printing
certificates), so every icon the window shows comes from resources/icons. A selected row is highlighted
in blue, so the selected form of each icon is drawn white.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from desktop.paths import resource_path


def _white(pixmap: QPixmap) -> QPixmap:
    white = QPixmap(pixmap.size())
    white.fill(Qt.GlobalColor.transparent)
    painter = QPainter(white)
    painter.drawPixmap(0, 0, pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(white.rect(), Qt.GlobalColor.white)
    painter.end()
    return white


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (the SVG's stem, e.g. "users"), with its double-size version for scaled screens."""
    result = QIcon()
    for suffix in ("", "@2x"):
        path = resource_path("icons", f"{name}{suffix}.png")
        if path.exists():
            pixmap = QPixmap(str(path))
            result.addPixmap(pixmap, QIcon.Mode.Normal)
            result.addPixmap(_white(pixmap), QIcon.Mode.Selected)
    if result.isNull():
        raise FileNotFoundError(f"icon missing from resources/icons: {name}")
    return result


def app_icon() -> QIcon:
    return icon("award")
