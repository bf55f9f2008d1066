"""Scratch folders for files the window makes only to show, print or open: certificate previews, print jobs, a
unit's attachment opened in the PDF reader, the self-check's throw-away data.

Those files hold the names of real people, and a clerk's Windows PC seldom empties its temporary folder. Each
window's scratch folders sit in one folder of its own, removed when the program exits; the folder of a window that
crashed or was killed is removed at a later start, once it is two days old (never a running window's: nobody keeps
a preview open for two days, and a file still open in a reader is simply left for the next sweep).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "tdkt-scratch-"
STALE_AFTER_SECONDS = 2 * 24 * 3600

_root: Path | None = None


def scratch_folder(kind: str) -> Path:
    """A new empty folder (``kind`` names it: "preview", "print" …) inside this window's scratch folder."""
    global _root
    if _root is None or not _root.is_dir():
        sweep_stale()
        _root = Path(tempfile.mkdtemp(prefix=PREFIX))
        atexit.register(remove_scratch)
    return Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=_root))


def remove_scratch() -> None:
    """Remove this window's scratch folder and everything in it (at exit; a file still open stays behind)."""
    global _root
    if _root is not None:
        shutil.rmtree(_root, ignore_errors=True)
        _root = None


def sweep_stale(now: float | None = None) -> list[Path]:
    """Remove the scratch folders of earlier windows that are older than two days; return those removed."""
    limit = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except OSError:
            continue
    return removed


__all__ = ["PREFIX", "remove_scratch", "scratch_folder", "sweep_stale"]
