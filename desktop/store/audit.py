"""The audit log is written by triggers, so no code path can change a record without a trace.

Triggers are generated from the live schema after every migration: a table gains a column, its
trigger records it too. ``tdkt_actor()`` and ``tdkt_operation()`` are functions the
:class:`~desktop.store.db.Store` registers on its connection, naming who did it and which
operation of the program it was. A tool that opens the file without them cannot write audited tables.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.i18n import _
from desktop.store.db import Store, Where

log = logging.getLogger(__name__)

# remote_records / remote_attachments: what units sent to a province; each package import is audited through
# `packages` (with the file's SHA-256), so copying every received record (or PDF) into the log would only slow
# imports — and JSON cannot hold the attachments' bytes.
NOT_AUDITED = {"audit_log", "settings", "schema_version", "remote_records", "remote_attachments"}

# Private keys are never copied into the log: the log is exported and read by inspectors, a secret in it
# would travel with every export. The row change is still logged, with this text in place of the key.
SECRET_SUFFIX = "_private_pem"
REDACTED = "[đã ẩn]"

ACTIONS = ("insert", "update", "delete")
# The operation the audit log names for a repair of the triggers when a file is opened (see repair_triggers).
REPAIR_OPERATION = "store.audit_triggers"
_TABLES = "type = 'table' AND name NOT LIKE 'sqlite_%'"


def trigger_name(table: str, action: str) -> str:
    """The name install_triggers gives the ``action`` trigger of ``table``: how a missing one is told."""
    return f"audit_{table}_{action}"


def _is_audited(table: str) -> bool:
    return table not in NOT_AUDITED and not table.startswith("_")


def audited_tables(store: Store) -> list[str]:
    names = [row["name"] for row in store.query(f"SELECT name FROM sqlite_master WHERE {_TABLES} ORDER BY name")]
    return [n for n in names if _is_audited(n)]


def _columns(store: Store, table: str) -> list[str]:
    """The table's column names in their order, as sqlite-utils reads them (``PRAGMA table_info``)."""
    return [column.name for column in store.db[table].columns]


def _json_object(columns: list[str], alias: str) -> str:
    pairs = ", ".join(
        f"'{c}', '{REDACTED}'" if c.endswith(SECRET_SUFFIX) else f"'{c}', {alias}.\"{c}\"" for c in columns
    )
    return f"json_object({pairs})"


def install_triggers(store: Store, tables: Iterable[str] | None = None) -> None:
    """(Re)create insert/update/delete audit triggers for every audited table (or only ``tables``)."""
    for table in audited_tables(store) if tables is None else tables:
        columns = _columns(store, table)
        new_uuid = "NEW.uuid" if "uuid" in columns else "NULL"
        old_uuid = "OLD.uuid" if "uuid" in columns else "NULL"
        new_json = _json_object(columns, "NEW")
        old_json = _json_object(columns, "OLD")
        insert_cols = "at, actor, operation, table_name, record_uuid, action, before, after"
        for action in ACTIONS:
            store.execute(f'DROP TRIGGER IF EXISTS "{trigger_name(table, action)}"')
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


@dataclass(frozen=True)
class TriggerDrift:
    """How the file's audit triggers differ from those install_triggers makes for its tables."""

    # audit triggers the schema makes that the file lacks (or has on another table): changes there went unlogged
    missing: tuple[str, ...] = ()
    # audit triggers (audit_<its table>_<action>) on a table no longer audited: obsolete ones of old versions
    # (audit_remote_records_*, kept by files made at versions 4–6); another tool's triggers of other names are
    # left to the schema check (backup_schema), which knows every trigger the scripts make
    extra: tuple[str, ...] = ()
    # the tables whose triggers must be made again
    tables: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra)


def trigger_drift(store: Store) -> TriggerDrift:
    """Which audit triggers are missing or extra, from one read of sqlite_master (cheap enough for every open).

    Only triggers named as install_triggers names them count: the log's own guards (audit_log_no_update, on
    audit_log) and any trigger a schema script makes are not audit triggers."""
    rows = store.execute(
        f"SELECT type, name, tbl_name FROM sqlite_master WHERE type = 'trigger' OR ({_TABLES})"
    ).fetchall()
    triggers = {str(name): str(table) for kind, name, table in rows if kind == "trigger"}
    expected = {
        trigger_name(name, action): name
        for name in sorted(str(name) for kind, name, _table in rows if kind == "table" and _is_audited(str(name)))
        for action in ACTIONS
    }
    missing = tuple(name for name, table in expected.items() if triggers.get(name) != table)
    extra = tuple(
        sorted(
            name
            for name, table in triggers.items()
            if name not in expected and any(name == trigger_name(table, action) for action in ACTIONS)
        )
    )
    return TriggerDrift(missing, extra, tuple(dict.fromkeys(expected[name] for name in missing)))


def describe_drift(drift: TriggerDrift) -> str:
    """The clerk's (and inspector's) words for a drift; "" when there is none."""
    parts = []
    if drift.missing:
        parts.append(
            _(
                "Tệp dữ liệu thiếu {n} trigger ghi nhật ký thay đổi ({names}): thay đổi ở các bảng {tables} không được "
                "ghi vào nhật ký. Mở lại tệp bằng chương trình (không ở chế độ chỉ đọc) để tạo lại."
            ).format(n=len(drift.missing), names=_shown(drift.missing), tables=_shown(drift.tables))
        )
    if drift.extra:
        parts.append(
            _(
                "Tệp dữ liệu có {n} trigger nhật ký không do phiên bản này tạo ({names}). Mở lại tệp bằng chương trình "
                "(không ở chế độ chỉ đọc) để bỏ chúng."
            ).format(n=len(drift.extra), names=_shown(drift.extra))
        )
    return " ".join(parts)


def _shown(names: tuple[str, ...]) -> str:
    return ", ".join(names[:6]) + ("…" if len(names) > 6 else "")


def repair_triggers(store: Store) -> TriggerDrift:
    """Put back missing audit triggers and drop extra ones, leaving an event in the log (the log had a gap there).

    Costs one read of sqlite_master when nothing is wrong; a read-only store is only reported (logged warning).
    Returns what was (or, read-only, would be) repaired."""
    drift = trigger_drift(store)
    if drift and not store.readonly:
        with store.acting_as("system"), store.transaction(operation=REPAIR_OPERATION):
            drift = trigger_drift(store)  # under the write lock: another window may have repaired it meanwhile
            if drift:
                for name in drift.extra:
                    quoted = name.replace('"', '""')
                    store.execute(f'DROP TRIGGER IF EXISTS "{quoted}"')
                install_triggers(store, drift.tables)
                record_event(
                    store,
                    table="audit_log",
                    after={"missing_triggers": list(drift.missing), "dropped_triggers": list(drift.extra)},
                )
    if drift:
        log.warning(
            "audit triggers of %s %s: missing %s, extra %s",
            store.path,
            "left as they are (read-only)" if store.readonly else "repaired",
            ", ".join(drift.missing) or "none",
            ", ".join(drift.extra) or "none",
        )
    return drift


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
