"""The audit log is written by triggers, so no code path can change a record without a trace.

Triggers are generated from the live schema after every migration: a table gains a column, its
trigger records it too. ``tdkt_actor()`` and ``tdkt_operation()`` are functions the
:class:`~desktop.store.db.Store` registers on its connection, naming who did it and which
operation of the program it was. A tool that opens the file without them cannot write audited tables.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.store.db import Store, Where

# remote_records / remote_attachments: what units sent to a province; each package import is audited through
# `packages` (with the file's SHA-256), so copying every received record (or PDF) into the log would only slow
# imports — and JSON cannot hold the attachments' bytes.
NOT_AUDITED = {"audit_log", "settings", "schema_version", "remote_records", "remote_attachments"}

# Private keys are never copied into the log: the log is exported and read by inspectors, a secret in it
# would travel with every export. The row change is still logged, with this text in place of the key.
SECRET_SUFFIX = "_private_pem"
REDACTED = "[đã ẩn]"


def audited_tables(store: Store) -> list[str]:
    names = [
        row["name"]
        for row in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return [n for n in names if n not in NOT_AUDITED and not n.startswith("_")]


def _columns(store: Store, table: str) -> list[str]:
    """The table's column names in their order, as sqlite-utils reads them (``PRAGMA table_info``)."""
    return [column.name for column in store.db[table].columns]


def _json_object(columns: list[str], alias: str) -> str:
    pairs = ", ".join(
        f"'{c}', '{REDACTED}'" if c.endswith(SECRET_SUFFIX) else f"'{c}', {alias}.\"{c}\"" for c in columns
    )
    return f"json_object({pairs})"


def install_triggers(store: Store) -> None:
    """(Re)create insert/update/delete audit triggers for every audited table."""
    for table in audited_tables(store):
        columns = _columns(store, table)
        new_uuid = "NEW.uuid" if "uuid" in columns else "NULL"
        old_uuid = "OLD.uuid" if "uuid" in columns else "NULL"
        new_json = _json_object(columns, "NEW")
        old_json = _json_object(columns, "OLD")
        insert_cols = "at, actor, operation, table_name, record_uuid, action, before, after"
        for action in ("insert", "update", "delete"):
            store.execute(f'DROP TRIGGER IF EXISTS "audit_{table}_{action}"')
        store.execute(
            f'CREATE TRIGGER "audit_{table}_insert" AFTER INSERT ON "{table}" BEGIN '
            f"INSERT INTO audit_log ({insert_cols}) VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), "
            f"'{table}', {new_uuid}, 'insert', NULL, {new_json}); END"
        )
        store.execute(
            f'CREATE TRIGGER "audit_{table}_update" AFTER UPDATE ON "{table}" '
            f"WHEN {old_json} IS NOT {new_json} BEGIN "
            f"INSERT INTO audit_log ({insert_cols}) VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), "
            f"'{table}', {new_uuid}, 'update', {old_json}, {new_json}); END"
        )
        store.execute(
            f'CREATE TRIGGER "audit_{table}_delete" AFTER DELETE ON "{table}" BEGIN '
            f"INSERT INTO audit_log ({insert_cols}) VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), "
            f"'{table}', {old_uuid}, 'delete', {old_json}, NULL); END"
        )


def record_event(
    store: Store,
    *,
    table: str,
    record_uuid: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Log an event that is not a row change (an export, a confirmed destructive action).

    The current operation names the event; ``after`` carries its details.
    """
    store.execute(
        "INSERT INTO audit_log (at, actor, operation, table_name, record_uuid, action, before, after) "
        "VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), ?, ?, ?, ?, ?)",
        (
            table,
            record_uuid,
            "event",
            json.dumps(before, ensure_ascii=False) if before is not None else None,
            json.dumps(after, ensure_ascii=False) if after is not None else None,
        ),
    )


def history(
    store: Store, *, table: str | None = None, record_uuid: str | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    where = Where()
    if table:
        where.add("table_name = ?", table)
    if record_uuid:
        where.add("record_uuid = ?", record_uuid)
    return store.query(f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT ?", (*where.params, limit))
