"""What the test answers in the clerk's place: modal message boxes, file and input dialogs, the system viewer.

Nothing else is patched. Each answer is queued by the step that expects the dialog; a dialog nobody expected fails
the test (an empty queue raises), and every message box is recorded with its kind so a step can assert that no
error was shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget


class UnexpectedDialog(AssertionError):
    pass


class Desk:
    """The clerk's answers. ``boxes`` holds (kind, title, text) of every message box shown, oldest first."""

    def __init__(self, monkeypatch: Any) -> None:
        self.boxes: list[tuple[str, str, str]] = []
        self.files: deque[str] = deque()  # answers to the open/save/folder dialogs, in the order asked
        self.file_requests: list[tuple[str, str]] = []  # (dialog, suggested path or folder)
        self.texts: deque[str] = deque()  # answers to QInputDialog
        self.answers: deque[str] = deque()  # button texts for the next questions (default "Có")
        self.opened: list[str] = []  # what QDesktopServices.openUrl was asked to open
        self._patch(monkeypatch)

    # -- what a step expects ----------------------------------------------------------------------------------------
    def will_choose(self, *paths: Path | str) -> None:
        self.files.extend(str(p) for p in paths)

    def will_type(self, *texts: str) -> None:
        self.texts.extend(texts)

    def will_answer(self, *buttons: str) -> None:
        self.answers.extend(buttons)

    def errors(self) -> list[str]:
        return [text for kind, _title, text in self.boxes if kind == "critical"]

    def infos(self) -> list[str]:
        return [text for kind, _title, text in self.boxes if kind == "information"]

    def questions(self) -> list[str]:
        return [text for kind, _title, text in self.boxes if kind == "question"]

    def mark(self) -> int:
        return len(self.boxes)

    def since(self, mark: int, kind: str | None = None) -> list[str]:
        return [text for k, _t, text in self.boxes[mark:] if kind is None or k == kind]

    def no_errors_since(self, mark: int) -> None:
        errors = self.since(mark, "critical")
        assert not errors, errors

    # -- the patches --------------------------------------------------------------------------------------------
    def _file(self, dialog: str, suggested: str = "") -> str:
        self.file_requests.append((dialog, suggested))
        if not self.files:
            raise UnexpectedDialog(f"{dialog} asked for a file ({suggested!r}) and the test had no answer")
        return self.files.popleft()

    def _text(self, dialog: str, label: str) -> str:
        if not self.texts:
            raise UnexpectedDialog(f"{dialog} asked {label!r} and the test had no answer")
        return self.texts.popleft()

    def _patch(self, monkeypatch: Any) -> None:
        desk = self

        def recorder(kind: str, answer: Any) -> Callable[..., Any]:
            def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
                desk.boxes.append((kind, title, text))
                return answer

            return show

        ok = QMessageBox.StandardButton.Ok
        monkeypatch.setattr(QMessageBox, "critical", recorder("critical", ok))
        monkeypatch.setattr(QMessageBox, "information", recorder("information", ok))
        monkeypatch.setattr(QMessageBox, "warning", recorder("warning", ok))
        monkeypatch.setattr(QMessageBox, "question", recorder("question", QMessageBox.StandardButton.Yes))
        monkeypatch.setattr(QMessageBox, "about", recorder("about", None))

        def exec_box(box: QMessageBox) -> int:
            """A QMessageBox built by the program (ask_confirm, the job error box): recorded, then a button of it
            is clicked — the one the step queued, else "Có" for a question, else the default one."""
            text = "\n".join(t for t in (box.text(), box.informativeText()) if t)
            icon = box.icon()
            kind = {
                QMessageBox.Icon.Critical: "critical",
                QMessageBox.Icon.Warning: "warning",
                QMessageBox.Icon.Question: "question",
            }.get(icon, "information")
            desk.boxes.append((kind, box.windowTitle(), text))
            wanted = desk.answers.popleft() if desk.answers and kind == "question" else "Có"
            buttons = box.buttons()
            chosen = next((b for b in buttons if b.text().replace("&", "") == wanted), None)
            chosen = chosen or box.defaultButton() or (buttons[0] if buttons else None)
            if chosen is not None:
                chosen.click()
            return box.result()

        monkeypatch.setattr(QMessageBox, "exec", exec_box)

        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda _p, title, path="", *a, **k: (desk._file("save", path), "")
        )
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", lambda _p, title, path="", *a, **k: (desk._file("open", path), "")
        )
        monkeypatch.setattr(
            QFileDialog,
            "getOpenFileNames",
            lambda _p, title, path="", *a, **k: (desk._file("open-many", path).split("|"), ""),
        )
        monkeypatch.setattr(
            QFileDialog, "getExistingDirectory", lambda _p, title, path="", *a, **k: desk._file("folder", path)
        )
        monkeypatch.setattr(QInputDialog, "getText", lambda _p, title, label, *a, **k: (desk._text(title, label), True))
        monkeypatch.setattr(
            QInputDialog, "getMultiLineText", lambda _p, title, label, *a, **k: (desk._text(title, label), True)
        )
        monkeypatch.setattr(
            QInputDialog, "getItem", lambda _p, title, label, items, *a, **k: (desk._text(title, label), True)
        )

        from PySide6.QtGui import QDesktopServices

        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: desk.opened.append(url.toLocalFile()) or True)


def in_modal(
    open_it: Callable[[], Any],
    drive: Callable[[Any], None],
    kind: type[QWidget] = QDialog,
    timeout_ms: int = 60000,
) -> QWidget:
    """Run ``open_it`` (a click that opens a dialog with ``exec()``, so it blocks) while ``drive`` works the
    dialog from inside its own event loop, as a clerk would; ``drive`` must close it. Its failures are re-raised
    here, after the dialog is closed."""
    import time

    found: list[QWidget] = []
    errors: list[BaseException] = []
    started = time.monotonic()

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible() and not found:
            timer.stop()
            found.append(widget)
            try:
                drive(widget)
            except BaseException as exc:  # re-raised below, once the dialog no longer blocks
                errors.append(exc)
                if widget.isVisible():
                    widget.reject() if isinstance(widget, QDialog) else widget.close()
        elif time.monotonic() - started > timeout_ms / 1000:
            timer.stop()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    try:
        open_it()
    finally:
        timer.stop()
    if errors:
        raise errors[0]
    assert found, f"no {kind.__name__} was opened"
    return found[0]
