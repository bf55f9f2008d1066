"""Click every button of a window as a clerk would, and keep what went wrong.

:class:`Clicker` walks a widget (a page of the main window, a dialog): it selects the first row of every list so
the buttons that need a row are enabled, clicks every visible, enabled QPushButton / QToolButton with
``qtbot.mouseClick``, opens every tab of every tab widget with a click on the tab, triggers every action of a
button's menu, and walks each dialog a click opens (one level down; deeper dialogs are answered without being
walked). Nothing blocks: modal loops (``QDialog.exec``, the ``QMessageBox`` / ``QFileDialog`` / ``QInputDialog``
shortcuts, ``QDesktopServices.openUrl``) are replaced by answers from the test: confirmations are answered "yes",
save dialogs get a new file under ``files``, open dialogs a file given with :meth:`Clicker.give` or else the newest
file saved during the walk that fits the filter (or nothing: cancelled), folder dialogs a new folder, text prompts
the text they offer. Buttons that close a dialog (OK, then Cancel / "Đóng") are clicked after the others and after
its tabs; a button with a menu has its actions triggered instead (its popup would block).

Each click runs under ``qtbot.captureExceptions()``; an exception, an error box that is not an allowed refusal, or
a raw Python error on screen becomes a :class:`Problem` with the path that led to it
(page → tab → dialog → button).
"""

from __future__ import annotations

import fnmatch
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

# Text of a Python error, never a clerk's sentence.
PYTHON_TEXT = re.compile(
    r"Traceback|expected str|object has no attribute|NoneType|not subscriptable|unexpected keyword|"
    r"positional argument|is not defined|invalid literal|object is not|not supported between|"
    r"[A-Z][a-zA-Z]*(Error|Exception)\b|sqlite3\.|<[\w.]+ object at 0x|\bself\.|_[a-z]+_[a-z]+\(",
)
VIETNAMESE_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def is_vietnamese_sentence(text: str) -> bool:
    """Words with Vietnamese letters and no Python error text."""
    return bool(VIETNAMESE_LETTERS.search(text)) and not PYTHON_TEXT.search(text)


@dataclass
class Problem:
    where: tuple[str, ...]
    kind: str  # "exception", "error box", "Python text on screen"
    detail: str

    def __str__(self) -> str:
        return f"{' → '.join(self.where)}: {self.kind}: {self.detail}"


@dataclass
class Box:
    where: tuple[str, ...]
    icon: str  # "critical", "warning", "information", "question", "about"
    title: str
    text: str
    question: bool  # offered a yes/no choice (a confirmation, not an error)

    def __str__(self) -> str:
        return f"{' → '.join(self.where)}: [{self.icon}] {self.title}: {self.text}"


@dataclass
class Clicker:
    qtbot: Any
    monkeypatch: Any
    files: Path
    allowed_refusals: Sequence[re.Pattern[str]] = ()
    skip: dict[str, str] = field(default_factory=dict)  # button or action text → why it is never clicked
    deferred: dict[str, str] = field(default_factory=dict)  # clicked only by :meth:`click_deferred`, last
    max_depth: int = 1  # dialogs opened from a page are walked; dialogs opened from those are only answered
    max_clicks_per_window: int = 80
    job_timeout_ms: int = 30_000

    where: list[str] = field(default_factory=list)
    clicks: list[tuple[str, ...]] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refusals: list[Box] = field(default_factory=list)
    opened_urls: list[tuple[tuple[str, ...], str]] = field(default_factory=list)  # where, the URL opened
    saved: list[Path] = field(default_factory=list)
    given: list[tuple[Path, str]] = field(default_factory=list)
    save_answers: list[tuple[tuple[str, ...], Path]] = field(default_factory=list)  # where, the name given
    new_main_windows: list[QMainWindow] = field(default_factory=list)
    skipped: list[tuple[str, ...]] = field(default_factory=list)
    disabled: list[tuple[str, ...]] = field(default_factory=list)
    waiting: list[tuple[tuple[str, ...], QAbstractButton]] = field(default_factory=list)  # deferred buttons found
    timings: dict[str, float] = field(default_factory=dict)
    _done: set[tuple[int, str]] = field(default_factory=set)
    _walking: list[QWidget] = field(default_factory=list)

    def give(self, path: Path, caption: str = "") -> None:
        """A file to answer the open dialogs whose caption contains ``caption`` with (any open dialog whose filter
        it fits when ``caption`` is empty). Otherwise the newest file saved during the walk that fits is given."""
        self.given.append((path, caption.casefold()))

    # -- answers to modal loops -----------------------------------------------------------------------------
    def install(self) -> None:
        mp = self.monkeypatch

        def exec_(dialog: QDialog) -> int:
            return self._exec(dialog)

        mp.setattr(QDialog, "exec", exec_)
        try:
            from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog

            mp.setattr(QPrintDialog, "exec", exec_)
            mp.setattr(QPageSetupDialog, "exec", exec_)
        except ImportError:  # pragma: no cover - QtPrintSupport ships with PySide6
            pass
        for name, icon in (
            ("critical", "critical"),
            ("warning", "warning"),
            ("information", "information"),
            ("question", "question"),
        ):
            mp.setattr(QMessageBox, name, staticmethod(self._static_box(icon)))
        mp.setattr(
            QMessageBox, "about", staticmethod(lambda parent, title, text: self._record_box("about", title, text))
        )
        mp.setattr(QMessageBox, "aboutQt", staticmethod(lambda *a, **k: None))
        mp.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save_name))
        mp.setattr(QFileDialog, "getOpenFileName", staticmethod(self._open_name))
        mp.setattr(QFileDialog, "getOpenFileNames", staticmethod(self._open_names))
        mp.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder))
        # A text prompt is answered with the text it offers (a date, a name), else with a reason in words.
        mp.setattr(
            QInputDialog,
            "getText",
            staticmethod(lambda *a, **k: (str(_arg(a, k, 4, "text", "") or "Kiểm tra tự động"), True)),
        )
        mp.setattr(
            QInputDialog,
            "getMultiLineText",
            staticmethod(lambda *a, **k: (str(_arg(a, k, 3, "text", "") or "Kiểm tra tự động"), True)),
        )
        mp.setattr(QInputDialog, "getItem", staticmethod(self._item))
        mp.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (_arg(a, k, 3, "value", 1), True)))
        mp.setattr(QInputDialog, "getDouble", staticmethod(lambda *a, **k: (_arg(a, k, 3, "value", 1.0), True)))
        mp.setattr(QMenu, "exec", self._menu_exec)  # a context menu shown with exec() would block: cancelled
        mp.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#1b6e20")))
        from PySide6.QtGui import QDesktopServices

        mp.setattr(QDesktopServices, "openUrl", staticmethod(self._open_url))

    def _static_box(self, icon: str) -> Callable[..., Any]:
        def box(parent: Any, title: str, text: str, buttons: Any = None, default: Any = None, **_kw: Any) -> Any:
            standard = QMessageBox.StandardButton
            if buttons is None:
                buttons = standard.Yes | standard.No if icon == "question" else standard.Ok
            for answer in (standard.Yes, standard.Ok, standard.Save, standard.Open, standard.Apply):
                if buttons & answer:
                    question = bool(buttons & (standard.No | standard.Cancel | standard.Abort))
                    self._record_box(icon, title, text, question=question)
                    return answer
            self._record_box(icon, title, text, question=True)
            return default if default is not None else standard.NoButton

        return box

    def _record_box(self, icon: str, title: str, text: str, *, question: bool = False) -> None:
        box = Box(tuple(self.where), icon, str(title), _plain(str(text)), question)
        self.boxes.append(box)
        if PYTHON_TEXT.search(box.text) or PYTHON_TEXT.search(box.title):
            self.problems.append(Problem(box.where, "Python text in a message box", f"{box.title}: {box.text}"))
            return
        if icon not in ("critical", "warning") or question:
            return
        if self.is_refusal(box.text):
            self.refusals.append(box)
        else:
            self.problems.append(Problem(box.where, f"{icon} box", f"{box.title}: {box.text}"))

    def is_refusal(self, text: str) -> bool:
        return is_vietnamese_sentence(text) and any(pattern.search(text) for pattern in self.allowed_refusals)

    def _exec(self, dialog: QDialog) -> int:
        """A modal loop, answered: a message box by its yes/OK button, another dialog walked (if not too deep)."""
        if isinstance(dialog, QMessageBox):
            return self._answer_message_box(dialog)
        title = dialog.windowTitle() or type(dialog).__name__
        if not self.may_walk():
            self.skipped.append((*self.where, title, "(not walked: too deep)"))
            dialog.reject()
            return int(QDialog.result(dialog))
        dialog.setResult(0)
        dialog.show()
        self.walk(dialog, title)
        if isValid(dialog) and dialog.isVisible():
            dialog.reject()
        return int(QDialog.result(dialog)) if isValid(dialog) else 0

    def _answer_message_box(self, box: QMessageBox) -> int:
        icons = {
            QMessageBox.Icon.Critical: "critical",
            QMessageBox.Icon.Warning: "warning",
            QMessageBox.Icon.Information: "information",
            QMessageBox.Icon.Question: "question",
        }
        text = "\n".join(part for part in (box.text(), box.informativeText()) if part)
        roles = {button: box.buttonRole(button) for button in box.buttons()}
        role = QMessageBox.ButtonRole
        chosen = next((b for b, r in roles.items() if r in (role.YesRole, role.AcceptRole)), None)
        question = len(roles) > 1 and chosen is not None
        self._record_box(icons.get(box.icon(), "information"), box.windowTitle(), text, question=question)
        if chosen is None and roles:
            chosen = next(iter(roles))
        if chosen is not None:
            chosen.click()
        return int(QDialog.result(box))

    def _menu_exec(self, *args: Any, **kwargs: Any) -> None:
        self.skipped.append((*self.where, "(a menu shown with exec() was closed without a choice)"))
        return None

    def _save_name(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        suggested = str(_arg(args, kwargs, 2, "dir", ""))
        filters = str(_arg(args, kwargs, 3, "filter", ""))
        patterns = _patterns(filters)
        suffix = next((p[1:] for p in patterns if p.startswith("*.") and "*" not in p[1:]), "")
        stem = Path(suggested).stem if suggested and Path(suggested).suffix else "tep"
        self.files.mkdir(parents=True, exist_ok=True)
        path = self.files / f"{len(self.saved) + 1:03d}-{stem}{suffix or Path(suggested).suffix}"
        self.saved.append(path)
        self.save_answers.append((tuple(self.where), path))
        return str(path), filters.split(";;")[0]

    def _open_candidates(self, caption: str, filters: str) -> list[Path]:
        patterns = [p for p in _patterns(filters) if p not in ("*", "*.*")]

        def fits(path: Path) -> bool:
            return path.is_file() and any(fnmatch.fnmatch(path.name.lower(), q) for q in patterns)

        given = [p for p, hint in self.given if hint and hint in caption.casefold() and fits(p)]
        given += [p for p, hint in self.given if not hint and fits(p)]
        return given + [p for p in reversed(self.saved) if fits(p)]

    def _open_name(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        caption, filters = str(_arg(args, kwargs, 1, "caption", "")), str(_arg(args, kwargs, 3, "filter", ""))
        found = self._open_candidates(caption, filters)
        return (str(found[0]), filters.split(";;")[0]) if found else ("", "")

    def _open_names(self, *args: Any, **kwargs: Any) -> tuple[list[str], str]:
        caption, filters = str(_arg(args, kwargs, 1, "caption", "")), str(_arg(args, kwargs, 3, "filter", ""))
        found = self._open_candidates(caption, filters)
        return ([str(found[0])], filters.split(";;")[0]) if found else ([], "")

    def _folder(self, *args: Any, **kwargs: Any) -> str:
        folder = self.files / f"thu-muc-{len(self.saved) + 1:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        self.saved.append(folder)
        return str(folder)

    @staticmethod
    def _item(*args: Any, **kwargs: Any) -> tuple[str, bool]:
        items = list(_arg(args, kwargs, 3, "items", []))
        current = int(_arg(args, kwargs, 4, "current", 0) or 0)
        return (str(items[current]) if items else "", bool(items))

    def _open_url(self, url: Any) -> bool:
        local = url.toLocalFile() if hasattr(url, "toLocalFile") else ""
        self.opened_urls.append(
            (tuple(self.where), local or (url.toString() if hasattr(url, "toString") else str(url)))
        )
        return True

    # -- walking --------------------------------------------------------------------------------------------
    @contextmanager
    def at(self, label: str) -> Iterator[None]:
        self.where.append(label)
        try:
            yield
        finally:
            self.where.pop()

    def walk(self, root: QWidget, label: str) -> None:
        """Click everything in ``root`` (and in its tabs); dialogs the clicks open are walked one level down."""
        started = time.perf_counter()
        self._walking.append(root)
        try:
            with self.at(label):
                self._walk_here(root, root, budget=[self.max_clicks_per_window])
        finally:
            self._walking.pop()
            if not self._walking:
                self.timings[label] = time.perf_counter() - started

    def may_walk(self) -> bool:
        """True on a page and in the dialogs it opens (``max_depth`` levels), False below."""
        return len(self._walking) <= self.max_depth

    def _walk_here(self, window: QWidget, area: QWidget, budget: list[int]) -> None:
        """The buttons of ``area``, then each tab of its tab widgets, then the buttons that close the dialog."""
        self._settle(window, area, budget, closing=False)
        self._note_disabled(window, area)
        self._walk_tabs(window, area, budget)
        self._settle(window, area, budget, closing=True)

    def _note_disabled(self, window: QWidget, area: QWidget) -> None:
        """Buttons still disabled once the others were clicked (what the walk could not reach, for the report)."""
        for button in _children(area, QAbstractButton):
            if (
                isinstance(button, QPushButton | QToolButton)
                and button.window() is window.window()
                and button.isVisible()
                and not button.isEnabled()
                and not _inside_other_tabs(button, area)
                and button.objectName() not in ("ScrollLeftButton", "ScrollRightButton")
            ):
                path = (*self.where, button_label(button))
                if path not in self.disabled:
                    self.disabled.append(path)

    def _walk_tabs(self, window: QWidget, area: QWidget, budget: list[int]) -> None:
        seen_tabs: set[int] = set()
        while _alive(window) and _alive(area) and window.isVisible():
            tabs = [
                t
                for t in _children(area, QTabWidget)
                if _alive(t)
                and t.isVisible()
                and t.window() is window.window()
                and _key(t) not in seen_tabs
                and not _inside_other_tabs(t, area)
            ]
            if not tabs:
                return
            tab_widget = tabs[0]
            seen_tabs.add(_key(tab_widget))
            index = 0
            while _alive(tab_widget) and index < tab_widget.count() and _alive(window) and window.isVisible():
                label = tab_widget.tabText(index).replace("&&", "&")
                with self.at(f"tab “{label}”"):
                    if tab_widget.currentIndex() != index and tab_widget.isTabEnabled(index):
                        bar = tab_widget.tabBar()
                        self._act(
                            window,
                            lambda bar=bar, i=index: self.qtbot.mouseClick(
                                bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center()
                            ),
                        )
                    if _alive(tab_widget) and tab_widget.currentIndex() == index and _alive(window):
                        self._walk_here(window, tab_widget.widget(index), budget)
                index += 1

    def _settle(self, window: QWidget, area: QWidget, budget: list[int], *, closing: bool) -> None:
        """Click the visible, enabled, not yet clicked buttons of ``area`` until none is left; with ``closing`` the
        ones that close a dialog too (OK, then Cancel, one at a time), only once the others are done, as what the
        others showed may offer new buttons."""
        for _round in range(40):
            if not (_alive(window) and window.isVisible() and _alive(area)):
                return
            _select_first_rows(window, area)
            buttons = self._buttons(window, area)
            if not buttons:
                return
            others = [b for b in buttons if not _closing_last(b)]
            if not others and not closing:
                return
            for button in others or buttons[:1]:
                if budget[0] <= 0:
                    self.skipped.append((*self.where, "(click budget spent)"))
                    return
                if not (_alive(window) and window.isVisible()):
                    return
                if not (_alive(button) and button.isVisible() and button.isEnabled()):
                    continue
                label = button_label(button)
                key = (_key(button), label)
                if key in self._done:
                    continue
                self._done.add(key)
                if label in self.skip:
                    self.skipped.append((*self.where, label, self.skip[label]))
                    continue
                if label in self.deferred:
                    self.waiting.append(((*self.where, label), button))
                    continue
                budget[0] -= 1
                if button.menu() is not None:
                    self._trigger_menu(window, button.menu(), label)
                    continue
                _select_first_rows(window, area)  # a click before may have reloaded a list
                with self.at(label):
                    self.clicks.append(tuple(self.where))
                    self._act(
                        window, lambda b=button: self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton, pos=_inside(b))
                    )

    def _buttons(self, window: QWidget, area: QWidget) -> list[QAbstractButton]:
        found = [
            b
            for b in _children(area, QAbstractButton)
            if isinstance(b, QPushButton | QToolButton)
            and b.window() is window.window()
            and b.isVisible()
            and b.isEnabled()
            and not _inside_other_tabs(b, area)
            and (_key(b), button_label(b)) not in self._done
        ]
        return sorted(found, key=_closing_last)

    def _trigger_menu(self, window: QWidget, menu: QMenu, owner: str) -> None:
        for action in menu.actions():
            if action.isSeparator() or not action.isEnabled() or not action.isVisible():
                continue
            if action.menu() is not None:
                self._trigger_menu(window, action.menu(), f"{owner} → {_text(action.text())}")
                continue
            self.trigger(window, action, f"{owner} → {_text(action.text())}")

    def trigger(self, window: QWidget, action: QAction, label: str) -> None:
        if label in self.skip or _text(action.text()) in self.skip:
            self.skipped.append((*self.where, label, self.skip.get(label) or self.skip[_text(action.text())]))
            return
        with self.at(label):
            self.clicks.append(tuple(self.where))
            self._act(window, action.trigger)

    def trigger_menu_bar(self, window: QWidget) -> None:
        """Every enabled action of the window's menus (and toolbars), in order."""
        from PySide6.QtWidgets import QToolBar

        self._walking.append(window)
        try:
            if isinstance(window, QMainWindow):
                for top in window.menuBar().actions():
                    if top.menu() is not None:
                        self._trigger_menu(window, top.menu(), f"menu “{_text(top.text())}”")
            for toolbar in window.findChildren(QToolBar):
                for action in toolbar.actions():
                    if action.isEnabled() and not action.isSeparator() and action.isVisible():
                        self.trigger(window, action, f"toolbar → {_text(action.text())}")
        finally:
            self._walking.pop()

    def click_deferred(self, window: QWidget) -> None:
        """Click the deferred buttons found during the walk, last (a restore replaces the window)."""
        self._walking.append(window)
        try:
            self._click_deferred(window)
        finally:
            self._walking.pop()

    def _click_deferred(self, window: QWidget) -> None:
        for where, button in self.waiting:
            if not _alive(button) or not button.isEnabled():
                self.skipped.append((*where, "(deferred button gone)"))
                continue
            saved, self.where = self.where, list(where)
            try:
                button.window().show()
                self.clicks.append(tuple(self.where))
                self._act(window, lambda b=button: self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton, pos=_inside(b)))
            finally:
                self.where = saved

    def _act(self, window: QWidget, do: Callable[[], object]) -> None:
        """Do one click: exceptions and errors are kept; new windows it opened are walked (if not too deep) and
        closed; background jobs are waited for."""
        from desktop.ui import jobs

        before = {_key(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        with self.qtbot.captureExceptions() as exceptions:
            try:
                do()
            except Exception as exc:  # a slot called straight from Python (action.trigger of a bound method)
                exceptions.append((type(exc), exc, exc.__traceback__))
            self._wait_for_jobs(jobs)
            self._handle_new_windows(window, before)
            self._wait_for_jobs(jobs)
        for _type, value, tb in exceptions:
            self.problems.append(
                Problem(tuple(self.where), "exception", f"{type(value).__name__}: {value}{_origin(tb)}")
            )
        self._check_screen(window)

    def _wait_for_jobs(self, jobs: Any) -> None:
        deadline = time.monotonic() + self.job_timeout_ms / 1000
        QApplication.processEvents()
        while jobs._running and time.monotonic() < deadline:
            self.qtbot.wait(10)
        if jobs._running:
            self.problems.append(
                Problem(tuple(self.where), "job still running", ", ".join(j.title for j in jobs._running))
            )
        QApplication.processEvents()

    def _handle_new_windows(self, window: QWidget, before: set[int]) -> None:
        for _round in range(4):
            new = [
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible()
                and _key(w) not in before
                and w not in self._walking
                and type(w).__name__ not in ("QTipLabel",)
            ]
            if not new:
                return
            for widget in new:
                before.add(_key(widget))
                if not _alive(widget):
                    continue
                title = widget.windowTitle() or type(widget).__name__
                if isinstance(widget, QMessageBox):
                    with self.at(title):
                        self._answer_message_box(widget)
                elif isinstance(widget, QMenu) or widget.windowFlags() & Qt.WindowType.Popup == Qt.WindowType.Popup:
                    self.skipped.append((*self.where, f"popup {type(widget).__name__} (closed)"))
                elif isinstance(widget, QMainWindow):  # a window that took the place of the one walked
                    self.new_main_windows.append(widget)
                    continue
                elif self.may_walk():
                    self.walk(widget, title)
                else:
                    self.skipped.append((*self.where, title, "(not walked: too deep)"))
                if _alive(widget) and widget.isVisible():
                    widget.close()
                QApplication.processEvents()

    def _check_screen(self, window: QWidget) -> None:
        """A raw Python error written into a label of the window (an inline refusal that is not one)."""
        if not _alive(window):
            return
        for label in window.findChildren(QLabel):
            if label.isVisible() and label.text() and PYTHON_TEXT.search(_plain(label.text())):
                problem = Problem(tuple(self.where), "Python text on screen", _plain(label.text())[:300])
                if not any(p.detail == problem.detail for p in self.problems):
                    self.problems.append(problem)


def _origin(tb: Any) -> str:
    """Where in the program the exception was raised (its deepest frame in ``desktop/``)."""
    import traceback

    frames = [f for f in traceback.extract_tb(tb) if "/desktop/" in f.filename.replace("\\", "/")]
    if not frames:
        return ""
    frame = frames[-1]
    path = frame.filename.replace("\\", "/")
    return f" (at {path[path.rindex('/desktop/') + 1 :]}:{frame.lineno})"


def button_label(button: QAbstractButton) -> str:
    text = _text(button.text())
    if text:
        return text
    for other in (button.toolTip(), button.accessibleName(), button.objectName()):
        if other:
            return f"[{_plain(other)}]"
    parent = button.parentWidget()
    return f"[{type(button).__name__} of {type(parent).__name__ if parent else '?'}]"


def _text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).strip() if "<" in text and ">" in text else text


def _arg(args: Sequence[Any], kwargs: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _patterns(filters: str) -> list[str]:
    return [p.lower() for p in re.findall(r"\*[^\s;()]*", filters)]


def _key(widget: Any) -> int:
    from shiboken6 import getCppPointer

    return int(getCppPointer(widget)[0])


def _alive(widget: Any) -> bool:
    return widget is not None and bool(isValid(widget))


def _children(area: QWidget, kind: type) -> list[Any]:
    return list(area.findChildren(kind)) if _alive(area) else []


def _inside(button: QAbstractButton) -> QPoint:
    return button.rect().center()


def _inside_other_tabs(widget: QWidget, area: QWidget) -> bool:
    """True when ``widget`` lies in a tab widget below ``area`` (its tabs are walked one by one)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not area:
        if isinstance(parent, QTabWidget) and parent is not widget:
            return True
        parent = parent.parentWidget()
    return False


CLOSING_TEXTS = frozenset({"Đóng", "Hủy", "Thoát", "Bỏ qua"})


def _closing_last(button: QAbstractButton) -> int:
    """Buttons that close a dialog go last: the others first, then accept (OK, Yes), then reject (Cancel, Đóng)."""
    if _text(button.text()) in CLOSING_TEXTS:
        return 2
    box = button.parentWidget()
    if isinstance(box, QDialogButtonBox):
        role = box.buttonRole(button)
        roles = QDialogButtonBox.ButtonRole
        if role in (roles.AcceptRole, roles.YesRole, roles.ApplyRole):
            return 1
        if role in (roles.RejectRole, roles.NoRole, roles.DestructiveRole):
            return 2
    return 0


def _select_first_rows(window: QWidget, area: QWidget) -> None:
    """Select the first row of each list or table without a selection (on hidden tabs too), so the buttons that
    act on a row are enabled."""
    for view in _children(area, QAbstractItemView):
        if view.window() is not window.window():
            continue
        model = view.model()
        selection = view.selectionModel()
        if model is None or selection is None or model.rowCount() == 0 or selection.hasSelection():
            continue
        if view.selectionMode() == QAbstractItemView.SelectionMode.NoSelection:
            continue
        view.setCurrentIndex(model.index(0, 0))
