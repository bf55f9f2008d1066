"""One window writes to a database file at a time: an OS file lock on ``<db>.lock`` beside it.

Why a lock file and not SQLite alone: SQLite (WAL mode, busy timeout) already keeps every single
transaction safe, but two windows on one file would each work from screens built on data the other is
changing (two clerks numbering the same decision list, editing the same person). So the first window
takes this lock for as long as it is open; a second window that finds it taken opens the file
READ-ONLY and says so, and every write it tries fails with that notice instead of racing the first.

- The lock is an advisory OS lock (``fcntl.flock`` elsewhere, ``msvcrt.locking`` on Windows) held on an
  open file handle, so the operating system drops it when the process ends, even when it is killed or the
  PC loses power: a crash never leaves a stale lock that the clerk has to delete by hand.
- The command line (``tdkt``) does not take this lock: it runs one short operation and exits, and may run
  beside a window (e.g. a scheduled backup or a quick import). SQLite coordinates the writers: WAL mode
  lets readers continue while one writer writes, ``BEGIN IMMEDIATE`` serialises writers, and the busy
  timeout (:data:`desktop.store.db.BUSY_TIMEOUT_MS`) makes a second writer wait instead of failing; if the
  wait runs out, the operation is refused with a clear message and nothing is written.
- Inside a read-only window, worker threads open their own connections with ``open_store(path)``;
  :func:`mark_readonly` makes every :class:`~desktop.store.db.Store` opened on that path in this process
  read-only too, so no code path of that window can write.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import IO

from desktop.i18n import N_

OTHER_WINDOW_NOTICE = N_("Cơ sở dữ liệu đang được mở ở một cửa sổ khác; cửa sổ này chỉ xem, không sửa được.")

_readonly_paths: set[str] = set()
_registry_lock = threading.Lock()
# The lock files this process holds (by real path): its own window's lock is no other window's.
_held: set[str] = set()


def lock_path_for(db_path: Path | str) -> Path:
    """``<db>.lock`` beside the file itself: a window opened through a symbolic link (or a folder link) to the file
    locks the same lock file as one opened by its real path. (Two hard links to one file are two names the lock
    cannot tell apart; SQLite's own lock still keeps a restore from replacing the file under either.)"""
    db_path = Path(os.path.realpath(os.fspath(db_path)))
    return db_path.with_name(db_path.name + ".lock")


def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


class InstanceLock:
    """The single-writer lock of one database file; :meth:`acquire` never waits."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock; False (at once) when another open window, in any process, holds it."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open for as long as the lock is held
        try:
            if not _try_lock(handle):
                handle.close()
                return False
            with contextlib.suppress(OSError):  # the pid is only a hint for a person looking at the file
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()).encode("ascii"))
                handle.flush()
        except BaseException:
            handle.close()
            raise
        self._handle = handle
        with _registry_lock:
            _held.add(_key(self.path))
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with _registry_lock:
            _held.discard(_key(self.path))
        with contextlib.suppress(OSError):
            _unlock(handle)
        handle.close()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def try_lock(db_path: Path | str) -> InstanceLock | None:
    """The held lock of ``db_path``, or None when another window already has it."""
    lock = InstanceLock(db_path)
    return lock if lock.acquire() else None


def held_here(db_path: Path | str) -> bool:
    """True when this process holds the lock of ``db_path`` (its window is open on the file)."""
    with _registry_lock:
        return _key(lock_path_for(db_path)) in _held


def mark_readonly(db_path: Path | str) -> None:
    """From now on every Store this process opens on ``db_path`` is read-only (another window writes)."""
    with _registry_lock:
        _readonly_paths.add(_key(db_path))


def unmark_readonly(db_path: Path | str) -> None:
    with _registry_lock:
        _readonly_paths.discard(_key(db_path))


def is_marked_readonly(db_path: Path | str) -> bool:
    if not _readonly_paths:
        return False
    with _registry_lock:
        return _key(db_path) in _readonly_paths


__all__ = [
    "OTHER_WINDOW_NOTICE",
    "InstanceLock",
    "held_here",
    "is_marked_readonly",
    "lock_path_for",
    "mark_readonly",
    "try_lock",
    "unmark_readonly",
]
