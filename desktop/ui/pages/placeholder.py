"""An honest page for an area that is not built yet: what it will do, and that it is coming."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.ui.context import AppContext
from desktop.ui.widgets import note


class PlaceholderPage(QWidget):
    def __init__(self, context: AppContext, *, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        text = _("Chức năng này đang được xây dựng trong phiên bản sau: {purpose}").format(purpose=purpose)
        self.message = note(text, color="")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addStretch(1)
