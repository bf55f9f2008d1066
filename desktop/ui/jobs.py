"""Run long work off the UI thread (docs/architecture.md, "Conventions") with one progress dialog and one error dialog.

The work function gets two callbacks: ``progress(done, total, message)`` and ``should_cancel()``.
It runs in a QThread; results and errors come back through queued signals, so ``on_done`` and
``on_error`` always run on the main thread. The work must not touch widgets or the window's
:class:`~desktop.ops.session.Store`; work that needs the database goes through :func:`run_store_job`, which opens a
store of its own on ``context.db_path`` in the worker. Operations of the window go through
:mod:`desktop.ui.operations`, which builds on :func:`run_store_job`.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.i18n import _
from desktop.ops.errors import Cancelled, error_message, is_cancelled, is_refusal

if TYPE_CHECKING:
    from desktop.ops.session import Store

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]
WorkFn = Callable[[ProgressFn, CancelFn], Any]
StoreWorkFn = Callable[["Store", ProgressFn, CancelFn], Any]


# Jobs without a parent widget would be garbage-collected while running; keep them here until done.
_running: set[Job] = set()


class JobCancelled(Cancelled):
    """Raise from the work function to stop early; it is not reported as an error.

    Any :class:`~desktop.ops.errors.Cancelled` (an import stopped, printing stopped) ends a job the same way.
    """


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()

    def __init__(self, fn: WorkFn, cancel_flag: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel_flag
        self._stopped = False  # the work asked should_cancel() and was told to stop

    def run(self) -> None:
        try:
            result = self._fn(self._report, self._should_cancel)
        except Exception as exc:  # a stop asked by the user, or an error for the one dialog
            if is_cancelled(exc):
                self.cancelled.emit()
            else:
                self.failed.emit(exc, traceback.format_exc())
        else:
            # Cancelled only if the work saw the request and stopped; a Cancel pressed after its last check (during
            # the last file of a folder) came too late: everything was done, and the result must be shown.
            if self._stopped:
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)

    def _should_cancel(self) -> bool:
        if self._cancel.is_set():
            self._stopped = True
        return self._stopped

    def _report(self, done: int, total: int, message: str = "") -> None:
        self.progressed.emit(int(done), int(total), str(message))


class Job(QObject):
    """One running job; kept alive by its parent until it finishes. ``finished`` fires last, always.

    It ends cancelled when the work raised a :class:`~desktop.ops.errors.Cancelled` or returned after its
    ``should_cancel()`` said to stop; a work that returned without being told ends in success even if Cancel was
    pressed meanwhile (``cancel_flag`` then says the request came too late)."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: WorkFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        on_cancel: Callable[[], None] | None,
        show_dialog: bool,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.cancel_flag = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.done = False
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._parent_widget = parent

        self.dialog: QProgressDialog | None = None
        self._cancel_connected = False
        if show_dialog:
            dialog = QProgressDialog(title, _("Hủy"), 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumWidth(420)
            if cancellable:
                dialog.canceled.connect(self.cancel)
                self._cancel_connected = True
            else:  # work that cannot stop half-way (a decision being issued): no Cancel to promise it
                dialog.setCancelButton(None)
            self.dialog = dialog

        self._thread = QThread()
        self._worker = _Worker(fn, self.cancel_flag)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop; it notices at its next ``should_cancel()``."""
        self.cancel_flag.set()
        if self.dialog is not None:
            self.dialog.setLabelText(_("Đang dừng…"))

    def wait(self, msecs: int = 10000) -> bool:
        return self._thread.wait(msecs)

    # -- main-thread slots ----------------------------------------------------------------------
    def _on_progress(self, done: int, total: int, message: str) -> None:
        dialog = self.dialog
        if dialog is None or self.cancel_flag.is_set():
            return
        if message:
            dialog.setLabelText(message)
        dialog.setMaximum(max(total, 0))
        if total > 0:
            # A window-modal progress dialog processes events in setValue: the job may finish (and drop its
            # dialog) right here, so nothing of the dialog is used after this call.
            dialog.setValue(min(done, total))

    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        self._finish()
        self._on_done(result)

    def _on_failed(self, error: BaseException, details: str) -> None:
        self.error = error
        self._finish()
        if self._on_error is not None:
            self._on_error(error)
        else:
            show_job_error(self._parent_widget, self.title, error, details)

    def _on_cancelled(self) -> None:
        self.was_cancelled = True
        self._finish()
        if self._on_cancel is not None:
            self._on_cancel()

    def _finish(self) -> None:
        self.done = True
        self._thread.quit()
        self._thread.wait()
        if self.dialog is not None:
            if self._cancel_connected:
                self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)
        self.finished.emit()


def show_job_error(parent: QWidget | None, title: str, error: BaseException, details: str = "") -> None:
    """The one error dialog of background jobs: the reason in Vietnamese, the traceback under "details".

    A refusal (:func:`desktop.ops.errors.is_refusal`), a bad value or a file problem is shown as it is; anything
    else is marked as unexpected.
    """
    reason = error_message(error)
    if not (is_refusal(error) or isinstance(error, ValueError | OSError)):
        reason = _("Lỗi không mong đợi: {reason}").format(reason=reason)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Có lỗi"),
        _("Công việc “{title}” không hoàn thành.").format(title=title),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText(reason)
    if details:
        box.setDetailedText(details)
    box.exec()


def run_job(
    parent: QWidget | None,
    title: str,
    fn: WorkFn,
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    show_dialog: bool = True,
    cancellable: bool = True,
) -> Job:
    """Start ``fn`` in a thread; returns the :class:`Job` (tests wait on ``job.finished``). ``cancellable`` off
    leaves the progress dialog without a Cancel button, for work that cannot stop half-way."""
    job = Job(parent, title, fn, on_done, on_error, on_cancel, show_dialog, cancellable)
    _running.add(job)
    job.start()
    return job


def run_store_job(
    parent: QWidget | None,
    title: str,
    db_path: Path,
    fn: StoreWorkFn,
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    show_dialog: bool = True,
    opener: Callable[[Path], Store] | None = None,
    message: str = "",
    cancellable: bool = True,
) -> Job:
    """:func:`run_job` for work on the database: ``fn(store, progress, should_cancel)`` on a store of its own.

    Worker threads never share the window's store: a SQLite connection and the Store's transaction state belong
    to the UI thread that uses them, and a write in a worker must commit (or roll back) on its own connection
    while the window stays usable. So the store is opened here, in the worker, on ``db_path`` with ``opener``
    (default: :func:`desktop.ops.session.open_database`) and always closed when ``fn`` ends. An operation's
    "stopped by the user" exception (a :class:`~desktop.ops.errors.Cancelled`) ends the job as cancelled, not as
    an error. ``message``, when given, is shown as progress before the store is opened.
    """

    def work(progress: ProgressFn, should_cancel: CancelFn) -> Any:
        if message:
            progress(0, 0, message)
        if opener is None:
            from desktop.ops.session import open_database

            store = open_database(db_path)
        else:
            store = opener(db_path)
        try:
            return fn(store, progress, should_cancel)
        finally:
            store.close()

    return run_job(
        parent,
        title,
        work,
        on_done=on_done,
        on_error=on_error,
        on_cancel=on_cancel,
        show_dialog=show_dialog,
        cancellable=cancellable,
    )
