"""Windows' rule for open files, on the Linux test machine: a file that is open cannot be replaced or deleted.

Only the operating system's calls are swapped (``os.replace``, ``os.remove``/``os.unlink``): the program's
retry helper, SQLite, reportlab and openpyxl above them run for real on real files. A call fails, the way
Windows fails it (``PermissionError`` with ``winerror`` 32, a sharing violation), when

- a file it names is open in this process (read from ``/proc/self/fd``): a handle the program forgot to close;
- the file is "held" by :meth:`WindowsFiles.hold`: Word, the PDF reader or an antivirus that never lets go;
- an antivirus is scanning a newly written file (:attr:`WindowsFiles.scans`): each file moved into place is
  refused that many times first, then allowed.
"""

from __future__ import annotations

import errno
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SHARING_VIOLATION = 32


def sharing_violation(path: object) -> PermissionError:
    """The error Windows gives when another handle is open: errno EACCES, winerror 32."""
    exc = PermissionError(
        errno.EACCES, "The process cannot access the file because it is being used by another process", str(path)
    )
    exc.winerror = SHARING_VIOLATION  # type: ignore[attr-defined]  # set by the OS on Windows only
    return exc


def open_files() -> set[str]:
    """Real paths of every file this process has open right now."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.add(os.path.realpath(os.readlink(f"/proc/self/fd/{fd}")))
        except OSError:
            continue  # closed meanwhile
    return found


def _key(path: Any) -> str:
    return os.path.realpath(os.fspath(path))


class WindowsFiles:
    """Installed over ``os`` for one test (the ``windows_files`` fixture, or ``WindowsFiles(monkeypatch)``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        assert os.path.isdir("/proc/self/fd"), "the simulation reads the open files from /proc (Linux)"
        self.real_replace: Callable[..., None] = os.replace
        self.real_remove: Callable[..., None] = os.remove
        self.held: set[str] = set()
        self.scans = 0  # how many times each newly written file is refused before the antivirus lets go
        self.scanned: Counter[str] = Counter()
        self.refused: list[str] = []
        monkeypatch.setattr(os, "replace", self._replace)
        monkeypatch.setattr(os, "remove", self._remove)
        monkeypatch.setattr(os, "unlink", self._remove)
        monkeypatch.setattr("desktop.store.restore.RENAME_NEEDS_CLOSED_FILES", True)  # what the program does on Windows

    def hold(self, path: Path) -> None:
        """Another program keeps ``path`` open for the rest of the test."""
        self.held.add(_key(path))

    def _refuse_if_busy(self, *paths: Any) -> None:
        opened = open_files()
        for path in paths:
            key = _key(path)
            if key in self.held or key in opened:
                self.refused.append(key)
                raise sharing_violation(path)

    def _replace(self, source: Any, target: Any, **kwargs: Any) -> None:
        if not kwargs:  # dir_fd forms are only used by shutil's own clean-up
            self._refuse_if_busy(source, target)
            key = _key(source)
            if self.scanned[key] < self.scans:
                self.scanned[key] += 1
                self.refused.append(key)
                raise sharing_violation(source)
        self.real_replace(source, target, **kwargs)

    def _remove(self, path: Any, **kwargs: Any) -> None:
        if not kwargs:
            self._refuse_if_busy(path)
        self.real_remove(path, **kwargs)
