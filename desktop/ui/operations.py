"""One way for the window to run an operation on the database (what Anki's ``CollectionOp`` is to its collection).

Every page calls the operations of :mod:`desktop.ops` through :class:`Operation`::

    Operation(self, self.context, unit.add_department, name=name, kind=kind)
        .changes("departments")
        .success(lambda new_id: self.dept_name.clear())
        .failure(show_in(self.dept_error))
        .run()

- The ops function gets the window's store first, then the keyword arguments given. Who did it is the store's
  own ``actor`` (the clerk the window was opened for); a worker's store is given the same one.
- A refusal — :func:`desktop.ops.errors.is_refusal` (store, package, rule pack, date… errors), a value the
  domain refused (ValueError) or a file the system could not read or write (``OSError``) — goes to the
  ``failure`` callback or, by default, to one error box with its Vietnamese message (``error_text`` puts it in a
  sentence, ``"Không lưu được: {reason}"``).
  Anything else is a bug and is not swallowed. A :class:`~desktop.ops.errors.Cancelled` is not an error: only
  the ``cancelled`` callback runs.
- After success the ``success`` callback runs, then ``context.data_changed`` is emitted once for each area named
  in ``changes``: the one "operation did execute" signal the other pages refresh on.
- :meth:`Operation.run` works now, on the UI thread, with the window's store: for what takes a moment.
  :meth:`Operation.run_in_background` runs the same off the UI thread, on a store of the worker's own
  (:func:`desktop.ui.jobs.run_store_job`), with a progress dialog and Cancel; the function also gets ``progress=``
  and ``should_cancel=`` when it takes them. Use it whenever the operation can take longer (a backup first, a
  package, rendering, a whole year's evaluation). A read-only window's worker opens the file read-only too.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout

from desktop.ops.errors import error_message, is_cancelled, is_refusal
from desktop.ops.session import open_database
from desktop.ui.jobs import Job, run_job, run_store_job
from desktop.ui.widgets import FieldError, ok_cancel_buttons, show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from desktop.ops.session import Store

T = TypeVar("T")
Failure = Callable[[BaseException], object]


class OperationContext(Protocol):
    """What an operation runs against: the open database (an AppContext or a StoreContext)."""

    @property
    def store(self) -> Store: ...

    @property
    def db_path(self) -> Path: ...


@dataclass
class StoreContext:
    """The context of a dialog that was given only the store; its changes are announced by the page that opened
    it, once the dialog is accepted."""

    store: Store

    @property
    def db_path(self) -> Path:
        return Path(self.store.path)


def is_expected(error: BaseException) -> bool:
    """A refusal the clerk can act on, a value the domain refused (its ValueErrors carry Vietnamese messages) or a
    file problem: shown as it is, never as a crash (the same split as :func:`desktop.ui.jobs.show_job_error`)."""
    return is_refusal(error) or isinstance(error, ValueError | OSError)


def show_in(label: QLabel, text: Callable[[BaseException], str] = error_message) -> Failure:
    """A failure callback that writes the refusal (``text`` of it: its own message unless told) into ``label``
    (a FieldError shows itself) instead of a box."""

    def show(error: BaseException) -> None:
        if hasattr(label, "show_message"):
            label.show_message(text(error))
        else:
            label.setText(text(error))

    return show


class Operation(Generic[T]):
    """One call of an ops function from the window; build it, then :meth:`run` or :meth:`run_in_background`.

    After running, ``ok`` says whether it was done, ``result`` holds what the function returned, ``error`` the
    refusal, and ``job`` the background job.
    """

    def __init__(
        self, parent: QWidget | None, context: OperationContext | None, fn: Callable[..., T], /, **kwargs: Any
    ) -> None:
        """``context`` may be None only for work :meth:`without_store` (a widget with no database around it)."""
        self.parent = parent
        self.context = context
        self._fn = fn
        self._kwargs = kwargs
        self._changes: tuple[str, ...] = ()
        self._changes_when_cancelled = False
        self._success: Callable[[T], object] | None = None
        self._failure: Failure | None = None
        self._cancelled: Callable[[], object] | None = None
        self._error_text = ""
        self._uses_store = True
        self.ok = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self.job: Job | None = None

    # -- building -------------------------------------------------------------------------------------------
    def changes(self, *areas: str, when_cancelled: bool = False) -> Operation[T]:
        """The areas this operation changes (``"staff"``, ``"decisions"``…), announced after success (and after
        a cancel too with ``when_cancelled``, for work that keeps what it did before the stop)."""
        self._changes = areas
        self._changes_when_cancelled = when_cancelled
        return self

    def success(self, callback: Callable[[T], object]) -> Operation[T]:
        self._success = callback
        return self

    def failure(self, callback: Failure) -> Operation[T]:
        """Show a refusal here (next to the field it is about) instead of the error box."""
        self._failure = callback
        return self

    def cancelled(self, callback: Callable[[], object]) -> Operation[T]:
        self._cancelled = callback
        return self

    def without_store(self) -> Operation[T]:
        """For an ops function that works on files only (checking a backup file, saving a template): it gets
        the keyword arguments, no store."""
        self._uses_store = False
        return self

    def error_text(self, text: str) -> Operation[T]:
        """The sentence of the error box, with ``{reason}`` where the refusal's message goes."""
        self._error_text = text
        return self

    # -- running --------------------------------------------------------------------------------------------
    def run(self) -> bool:
        """Run now on the window's store; True when done (``result`` holds the value), False when refused."""
        try:
            result = self._call(self.context.store if self._uses_store and self.context is not None else None)
        except Exception as exc:
            if is_cancelled(exc):
                self._on_cancelled()
                return False
            if not is_expected(exc):
                raise
            self._on_failed(exc)
            return False
        self._on_done(result)
        return True

    def run_in_background(
        self,
        title: str,
        *,
        message: str = "",
        show_progress: bool = True,
        opener: Callable[[Path], Store] | None = None,
    ) -> Job:
        """Run in a worker thread on its own store, with a progress dialog titled ``title`` (unless
        ``show_progress`` is off); the callbacks run on the main thread afterwards. ``opener`` opens the worker's
        store (default: :func:`desktop.ops.session.open_database`, read-only for a read-only window).

        The dialog offers Cancel only when the function takes ``should_cancel`` (or is the window's own work,
        which may stop between steps): an operation that cannot stop half-way is never reported as cancelled
        after it wrote."""
        if opener is None and self.context is not None and getattr(self.context.store, "readonly", False):
            opener = lambda path: open_database(path, readonly=True)  # noqa: E731

        actor = self.context.store.actor if self.context is not None else None

        def work(store: Store, progress: Callable[..., None], should_cancel: Callable[[], bool]) -> T:
            if actor:
                store.actor = actor  # the worker's own connection acts for the same clerk
            return self._call(store, progress=progress, should_cancel=should_cancel)

        def failed(error: BaseException) -> None:
            if self._failure is None and not self._error_text:
                from desktop.ui.jobs import show_job_error

                self.error = error
                show_job_error(self.parent, title, error)
            else:
                self._on_failed(error)

        cancellable = "should_cancel" in _keywords(self._fn)
        if not self._uses_store:  # files only: no database connection in the worker
            self.job = run_job(
                self.parent,
                title,
                lambda progress, should_cancel: self._call(None, progress=progress, should_cancel=should_cancel),
                on_done=self._on_done,
                on_error=failed,
                on_cancel=self._on_cancelled,
                show_dialog=show_progress,
                cancellable=cancellable,
            )
            return self.job
        assert self.context is not None, "work on the database needs the window's context"
        self.job = run_store_job(
            self.parent,
            title,
            self.context.db_path,
            work,
            on_done=self._on_done,
            on_error=failed,
            on_cancel=self._on_cancelled,
            show_dialog=show_progress,
            message=message,
            opener=opener,
            cancellable=cancellable,
        )
        return self.job

    # -- internals ------------------------------------------------------------------------------------------
    def _call(self, store: Store | None, **offered: Any) -> T:
        kwargs = dict(self._kwargs)
        accepted = _keywords(self._fn)
        for name, value in offered.items():
            if name in accepted and name not in kwargs:
                kwargs[name] = value
        return self._fn(store, **kwargs) if self._uses_store else self._fn(**kwargs)

    def _on_done(self, result: T) -> None:
        self.ok, self.result, self.error = True, result, None
        try:
            if self._success is not None:
                self._success(result)
        finally:
            self._announce()

    def _announce(self) -> None:
        signal = getattr(self.context, "data_changed", None)
        if signal is None:
            return  # a dialog's StoreContext: the page that opened it announces the change
        for area in self._changes:
            signal.emit(area)

    def _on_failed(self, error: BaseException) -> None:
        self.ok, self.error = False, error
        if self._failure is not None:
            self._failure(error)
        elif self._error_text:
            show_error(self.parent, self._error_text.format(reason=error_message(error)))
        else:
            show_error(self.parent, error_message(error))

    def _on_cancelled(self) -> None:
        self.ok = False
        try:
            if self._cancelled is not None:
                self._cancelled()
        finally:
            if self._changes_when_cancelled:
                self._announce()


class OperationDialog(QDialog):
    """A form whose OK runs one operation: a refusal is shown under the form and the dialog stays open with what
    was typed; once done, :attr:`result` holds what the operation returned and the dialog is accepted. Subclasses
    add their rows to :attr:`form`, then call :meth:`add_buttons`."""

    def __init__(self, context: OperationContext, title: str, *, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        self.form = QFormLayout(self)
        self.error = FieldError()
        self.result: Any = None

    def add_buttons(self, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
        self.form.addRow(self.error)
        buttons = ok_cancel_buttons(self, ok_text, on_ok)
        self.form.addRow(buttons)
        return buttons

    def run_and_close(self, fn: Callable[..., T], *, changes: tuple[str, ...] = (), **values: Any) -> T | None:
        """Run ``fn`` with ``values`` (announcing ``changes``); its result, the dialog accepted, or None."""
        operation = Operation(self, self.context, fn, **values).changes(*changes)
        if not operation.failure(show_in(self.error)).run():
            return None
        self.result = operation.result  # before accepted() fires: its receivers read it
        self.accept()
        return operation.result


def _keywords(fn: Callable[..., Any]) -> set[str]:
    """The keyword parameters ``fn`` declares by name (``progress``, ``should_cancel``…)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return set()
    return {p.name for p in parameters if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}


__all__ = ["Operation", "OperationContext", "OperationDialog", "StoreContext", "is_expected", "show_in"]
