"""SQLite storage. Never imports Qt."""

from __future__ import annotations

from pathlib import Path

from desktop.store import backup, migrations
from desktop.store.db import Store, new_uuid, now_iso
from desktop.store.errors import (
    DatabaseUnavailableError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    ValidationError,
)


def open_store(
    path: Path | str, *, readonly: bool = False, migrate: bool = True, actor: str | None = None
) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; a copy is made before a migration.

    ``actor`` is who the audit log names for this store's changes (the login name when not given).
    """
    store = Store(path, readonly=readonly, actor=actor)
    try:
        if migrate and not readonly:
            migrations.migrate(store, before=backup.backup_before_migration)
        else:
            migrations.check_not_newer(store)
    except BaseException:
        store.close()
        raise
    return store


__all__ = [
    "DatabaseUnavailableError",
    "NotFoundError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "ValidationError",
    "new_uuid",
    "now_iso",
    "open_store",
]
