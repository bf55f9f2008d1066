"""What an empty page says: what to do first, with a button to that action when there is one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

HINT_STYLE = "QFrame#empty_hint { background: #eef4fb; border: 1px solid #b9cfe6; border-radius: 4px; }"


class EmptyHint(QFrame):
    """A short sentence and a row of buttons; hidden until :meth:`show_hint` is called."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty_hint")
        self.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.buttons_row = QHBoxLayout()
        layout.addLayout(self.buttons_row)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_hint(self, text: str, actions: Sequence[tuple[str, Callable[[], object]]] = ()) -> None:
        self.label.setText(text)
        while self.buttons_row.count():
            item = self.buttons_row.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = []
        for title, action in actions:
            button = QPushButton(title)
            button.clicked.connect(lambda _checked=False, run=action: run())
            self.buttons_row.addWidget(button)
            self.buttons.append(button)
        self.buttons_row.addStretch(1)
        self.show()

    def button_texts(self) -> list[str]:
        return [button.text() for button in self.buttons]
