"""The user guide shown inside the program (F1), rendered from the same Markdown file the docs link to.

The guide ships in ``resources/guide`` so a checkout, the wheel and the Windows bundle all find it the same way,
and its pictures resolve relative to that folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _

GUIDE_FILE = "huong-dan-su-dung.md"


def guide_path() -> Path | None:
    """The bundled guide, or None when this build has none."""
    from desktop.paths import resource_path

    try:
        candidate = resource_path("guide", GUIDE_FILE)
    except FileNotFoundError:
        return None
    return candidate if candidate.is_file() else None


class HelpDialog(QDialog):
    """A window that does not block: the clerk can keep working while reading the guide."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("Hướng dẫn sử dụng"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(900, 680)
        layout = QVBoxLayout(self)

        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(_("Tìm trong hướng dẫn:")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("gõ chữ cần tìm rồi nhấn Enter"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)

        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_browser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        layout.addWidget(self.browser, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

    def headings(self) -> list[str]:
        """The guide's headings as shown, for a table of contents and for tests."""
        document = self.browser.document()
        titles = []
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                titles.append(block.text())
            block = block.next()
        return titles

    def find_next(self) -> bool:
        """Find the typed text after the cursor, wrapping to the top once."""
        text = self.search.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(text)
