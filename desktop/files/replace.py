"""Replace or delete a file on a PC where an antivirus or a viewer may be holding it open.

On Windows a file that any program has open cannot be replaced or deleted: the call fails with a sharing
violation (winerror 32), a lock violation (33) or "access denied" (5, also what a file being scanned or
waiting to be deleted gives). An antivirus holds a file it has just seen written for a moment, so every
replace and delete of the program goes through here and retries for up to :data:`RETRY_SECONDS`. A file
the clerk has open in Word or the PDF reader stays locked; then :class:`FileInUseError` names the file and
says what to close, and the caller's old file is still whole (``os.replace`` is all or nothing).
Elsewhere (Linux) these errors carry no ``winerror`` and pass straight through: a permission problem there
is not going to go away in two seconds.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import N_, _

RETRY_SECONDS = 2.0
FIRST_PAUSE = 0.02
LONGEST_PAUSE = 0.25
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
SHARING_WINERRORS = frozenset({5, 32, 33})

_REPLACE_MESSAGE = N_(
    "Không thay được tệp {path}: tệp đang được một chương trình khác mở (Word, Excel, trình đọc PDF hoặc "
    "phần mềm diệt virus) hoặc không có quyền ghi. Hãy đóng chương trình đó rồi làm lại; tệp cũ vẫn còn nguyên."
)
_REMOVE_MESSAGE = N_(
    "Không xóa được tệp {path}: tệp đang được một chương trình khác mở (Word, Excel, trình đọc PDF hoặc "
    "phần mềm diệt virus) hoặc không có quyền xóa. Hãy đóng chương trình đó rồi làm lại."
)


class FileInUseError(PermissionError):
    """Another program kept the file locked for the whole retry time; the message names the file."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


def is_sharing_violation(exc: OSError) -> bool:
    """True for the Windows errors another program's open handle causes (and that may pass)."""
    return getattr(exc, "winerror", None) in SHARING_WINERRORS


def _retrying(action: Callable[[], None], path: Path, message: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    pause = FIRST_PAUSE
    while True:
        try:
            action()
            return
        except OSError as exc:
            left = deadline - time.monotonic()
            if not is_sharing_violation(exc):
                raise
            if left <= 0:
                raise FileInUseError(_(message).format(path=path), path) from exc
            time.sleep(min(pause, left))
            pause = min(pause * 2, LONGEST_PAUSE)


def replace_file(source: Path | str, target: Path | str, *, timeout: float = RETRY_SECONDS) -> None:
    """``os.replace(source, target)``, retried while another program holds either file.

    The caller closes its own handles of both files first (Windows refuses otherwise, whoever holds them) and
    removes ``source`` itself when this raises.
    """
    source, target = Path(source), Path(target)
    _retrying(lambda: os.replace(source, target), target, _REPLACE_MESSAGE, timeout)


def remove_file(path: Path | str, *, missing_ok: bool = True, timeout: float = RETRY_SECONDS) -> None:
    """Delete ``path``, retried while another program holds it; a missing file is fine unless ``missing_ok`` is off."""
    path = Path(path)

    def remove() -> None:
        try:
            os.remove(path)
        except FileNotFoundError:
            if not missing_ok:
                raise

    _retrying(remove, path, _REMOVE_MESSAGE, timeout)


def probe_writable(path: Path | str, *, timeout: float = RETRY_SECONDS) -> None:
    """Open ``path`` for appending and close it, unchanged, retried while another program holds it: whether a
    replace of it would go through now (a batch of several files asks before it replaces the first)."""
    path = Path(path)

    def probe() -> None:
        with path.open("ab"):
            pass

    _retrying(probe, path, _REPLACE_MESSAGE, timeout)


def write_file(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: a crash leaves the old file or the new one, never half of one.

    The temporary file is beside ``path`` (same disk, so the rename is atomic) with a short name (so it is no
    longer than ``path``, which fits Windows' limit), and its handle is closed before the rename.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".tmp-{os.urandom(4).hex()}.tmp")
    try:
        with temp.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(temp, path)
    finally:
        discard(temp)
    return path


def discard(path: Path | str, *, timeout: float = RETRY_SECONDS) -> bool:
    """Best effort clean-up of a temporary file (also retried): True when it is gone."""
    with contextlib.suppress(OSError):
        remove_file(path, timeout=timeout)
        return True
    return False


__all__ = [
    "RETRY_SECONDS",
    "FileInUseError",
    "discard",
    "is_sharing_violation",
    "probe_writable",
    "remove_file",
    "replace_file",
    "write_file",
]
