"""What every page of the window shares: the open database and a signal when data changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.ops.session import Store


class AppContext(QObject):
    """Passed to every page. Pages emit :attr:`data_changed` after a change so others refresh.

    ``data_changed`` carries the name of the table (or area) that changed, e.g. ``"staff"``.
    Long jobs must not use :attr:`store` from a worker thread; they open their own
    :class:`~desktop.ops.session.Store` on :attr:`db_path` (SQLite WAL lets both work at once).
    """

    data_changed = Signal(str)

    def __init__(self, store: Store, *, actor: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.db_path: Path = store.path
        if actor:
            store.actor = actor
        self.actor = store.actor
