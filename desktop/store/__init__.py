"""SQLite storage. Never imports Qt."""

from __future__ import annotations

from pathlib import Path

from desktop.store import schema_version
from desktop.store.db import Store, new_uuid, now_iso
from desktop.store.errors import (
    DatabaseUnavailableError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    ValidationError,
)


def open_store(path: Path | str, *, readonly: bool = False, migrate: bool = True, actor: str | None = None) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; a copy is made before a migration.

    ``actor`` is who the audit log names for this store's changes (the login name when not given).
    """
    store = Store(path, readonly=readonly, actor=actor)
    try:
        if schema_version.check_not_newer(store) != schema_version.LATEST_VERSION and migrate and not readonly:
            # the steps and the trigger generator are loaded only for a file that needs them (start-up)
            from desktop.store import migrations

            migrations.migrate(store, before=_backup_before_migration)
        elif migrate and not readonly:
            # a dropped audit trigger would stop the log silently: put back, with a trace of the gap
            from desktop.store import audit

            audit.repair_triggers(store)
    except BaseException:
        store.close()
        raise
    return store


def _backup_before_migration(store: Store, from_version: int) -> Path | None:
    """The copy made before a migration; the backup module is loaded only when a migration runs."""
    from desktop.store import backup

    return backup.backup_before_migration(store, from_version)


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
