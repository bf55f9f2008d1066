"""The user guide shown inside the program (F1), rendered from the same Markdown file the docs link to.

The guide ships in ``resources/guide`` so a checkout, the wheel and the Windows bundle all find it the same way,
and its pictures resolve relative to that folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextCursor,
    QTextLength,
    QTextOption,
    QTextTable,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.paths import resource_path
from desktop.ui.widgets import sized_to_screen, text_field

GUIDE_FILE = "huong-dan-su-dung.md"


def guide_path() -> Path | None:
    """The bundled guide, or None when this build has none."""
    try:
        candidate = resource_path("guide", GUIDE_FILE)
    except FileNotFoundError:
        return None
    return candidate if candidate.is_file() else None


class GuideBrowser(QTextBrowser):
    """The guide that never scrolls sideways: lines wrap at the window's width (long words too), code lines
    included, tables take the width they are given, and pictures shrink to the width (never grow)."""

    MARGIN = 24  # the document's own margins and a vertical scroll bar

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = path.parent
        self.setObjectName("guide_browser")
        self.setOpenExternalLinks(True)
        self.setSearchPaths([str(self.folder)])
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._natural: dict[str, QSize] = {}
        self._fitted_width = -1
        self.setMarkdown(path.read_text(encoding="utf-8"))
        self._let_lines_wrap()
        self.fit_images()

    def _let_lines_wrap(self) -> None:
        document = self.document()
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            form = block.blockFormat()
            if form.nonBreakableLines():  # a code block: wrap it like the rest rather than scroll
                form.setNonBreakableLines(False)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(form)
            block = block.next()
        for frame in document.rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                table_format = frame.format()
                table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
                frame.setFormat(table_format)

    def _natural_size(self, name: str) -> QSize:
        if name not in self._natural:
            image = QImage(str(self.folder / name))
            self._natural[name] = image.size() if not image.isNull() else QSize()
        return self._natural[name]

    def fit_images(self) -> None:
        """Every picture at its own size when it fits, else scaled down to the width shown."""
        room = max(self.viewport().width() - self.MARGIN, 120)
        if room == self._fitted_width:
            return
        self._fitted_width = room
        document = self.document()
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    image = fragment.charFormat().toImageFormat()
                    natural = self._natural_size(image.name())
                    if natural.isValid() and natural.width() > 0:
                        width = min(natural.width(), room)
                        image.setWidth(width)
                        image.setHeight(natural.height() * width / natural.width())
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image)
                iterator += 1
            block = block.next()

    def image_widths(self) -> list[float]:
        """The width each picture is drawn at (for tests)."""
        widths = []
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    widths.append(fragment.charFormat().toImageFormat().width())
                iterator += 1
            block = block.next()
        return widths

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_images()


class HelpDialog(QDialog):
    """A window that does not block: the clerk can keep working while reading the guide."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("Hướng dẫn sử dụng"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        sized_to_screen(self, 900, 680)
        layout = QVBoxLayout(self)

        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(_("Tìm trong hướng dẫn:")))
        self.search = text_field(_("gõ chữ cần tìm rồi nhấn Enter"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)

        self.browser = GuideBrowser(path)
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
