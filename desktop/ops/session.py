"""The open database of a window (or of a worker thread), and the file's single-writer lock.

The window never imports :mod:`desktop.store`: it opens, locks and closes the file through these functions and
hands the :class:`Store` it gets to the operations. A window takes the file's lock for as long as it is open;
when another window already holds it, the file is opened read-only instead, and every write says so
(:func:`readonly_message`). Locks held by this process are kept here by file, so a window rebuilt on the same
file (after a restore) keeps writing.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.store import Store, open_store
from desktop.store import instance_lock as _lock
from desktop.store.db import readonly_message as _readonly_message

# Single-writer locks held by the windows of this process, by database file.
_window_locks: dict[str, _lock.InstanceLock] = {}


def open_database(path: Path | str, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the database at ``path``; read-only opens never migrate."""
    return open_store(path, readonly=readonly)


def open_unmigrated(path: Path | str, *, readonly: bool = False) -> Store:
    """Open the file as it is, without a migration step: for a backup copy or a read-only check."""
    return Store(path, readonly=readonly)


def readonly_message(path: Path | str) -> str:
    """Why this window cannot write: another window holds the file, or it was opened only to look."""
    return _readonly_message(Path(path))


def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def open_for_window(path: Path) -> Store:
    """Open ``path`` for a window: writable with the file's lock, or read-only when another window holds it.

    Raises a :class:`~desktop.store.StoreError` (with its Vietnamese message) when the file cannot be opened;
    the lock is then given back.
    """
    key = _key(path)
    # Held already by this process: one of our windows is being replaced on the same file (after a restore).
    lock = _window_locks.get(key) or _lock.try_lock(path)
    try:
        if lock is None:
            _lock.mark_readonly(path)
            return open_store(path, readonly=True)
        _lock.unmark_readonly(path)  # the other window has closed since: this one writes
        store = open_store(path)
        _window_locks[key] = lock
        return store
    except BaseException:
        if lock is not None:
            _window_locks.pop(key, None)
            lock.release()
        else:
            _lock.unmark_readonly(path)
        raise


def release_window_lock(store: Store) -> None:
    """Give back the lock of the window that used ``store`` (or the read-only mark of a window that looked)."""
    lock = _window_locks.pop(_key(store.path), None)
    if lock is not None:
        lock.release()
    elif store.readonly:
        _lock.unmark_readonly(store.path)


__all__ = [
    "Store",
    "open_database",
    "open_for_window",
    "open_unmigrated",
    "readonly_message",
    "release_window_lock",
]
