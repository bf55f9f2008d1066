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

from desktop.i18n import N_, _
from desktop.store.db import Store, Where
from desktop.store.schema_version import LATEST_VERSION

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
# The rows of sqlite_master (as m) that _is_audited keeps, with NOT_AUDITED (sorted) as parameters
_AUDITED = (
    "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\\_%' ESCAPE '\\' "
    f"AND m.name NOT IN ({', '.join('?' * len(NOT_AUDITED))})"
)


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


def _trigger_sql(table: str, columns: list[str]) -> dict[str, str]:
    """The CREATE TRIGGER statements of ``table``, by action: what install_triggers runs and drift compares with."""
    new_uuid = "NEW.uuid" if "uuid" in columns else "NULL"
    old_uuid = "OLD.uuid" if "uuid" in columns else "NULL"
    new_json = _json_object(columns, "NEW")
    old_json = _json_object(columns, "OLD")
    insert_cols = "at, actor, operation, table_name, record_uuid, action, before, after"
    return {
        "insert": (
            f'CREATE TRIGGER "audit_{table}_insert" AFTER INSERT ON "{table}" BEGIN '
            f"INSERT INTO audit_log ({insert_cols}) VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), "
            f"'{table}', {new_uuid}, 'insert', NULL, {new_json}); END"
        ),
        "update": (
            f'CREATE TRIGGER "audit_{table}_update" AFTER UPDATE ON "{table}" '
            f"WHEN {old_json} IS NOT {new_json} BEGIN "
            f"INSERT INTO audit_log ({insert_cols}) VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), "
            f"'{table}', {new_uuid}, 'update', {old_json}, {new_json}); END"
        ),
        "delete": (
            f'CREATE TRIGGER "audit_{table}_delete" AFTER DELETE ON "{table}" BEGIN '
            f"INSERT INTO audit_log ({insert_cols}) VALUES (tdkt_now(), tdkt_actor(), tdkt_operation(), "
            f"'{table}', {old_uuid}, 'delete', {old_json}, NULL); END"
        ),
    }


def install_triggers(store: Store, tables: Iterable[str] | None = None) -> None:
    """(Re)create insert/update/delete audit triggers for every audited table (or only ``tables``)."""
    for table in audited_tables(store) if tables is None else tables:
        statements = _trigger_sql(table, _columns(store, table))
        for action in ACTIONS:
            store.execute(f'DROP TRIGGER IF EXISTS "{trigger_name(table, action)}"')
        for action in ACTIONS:
            store.execute(statements[action])


def _same_sql(stored: str, made: str) -> bool:
    """Whether a trigger's stored SQL is ``made``, runs of whitespace counting as one space (a trigger re-saved over
    several lines is the same trigger); the exact text install_triggers wrote is told without splitting it."""
    return stored == made or " ".join(stored.split()) == " ".join(made.split())


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
    # audit triggers of the right name and table whose SQL is not what install_triggers makes from the table's
    # columns now (a body edited in a SQLite browser to log nothing, fewer columns, or a WHEN that skips rows)
    altered: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.altered)


def trigger_drift(store: Store, *, compare_sql: bool | None = None) -> TriggerDrift:
    """Which audit triggers are missing, extra or altered, from one read of sqlite_master (cheap enough for every
    open): the audited tables' columns come with it (``pragma_table_info`` in the same query, not a PRAGMA per table).

    Only triggers named as install_triggers names them count: the log's own guards (audit_log_no_update, on
    audit_log) and any trigger a schema script makes are not audit triggers. Their SQL is compared with what
    install_triggers makes only when ``compare_sql`` (by default: when the file is at this program's schema version;
    an older file's triggers were written by an older generator, and its migration makes them all again)."""
    if compare_sql is None:
        compare_sql = int(store.scalar("PRAGMA user_version") or 0) == LATEST_VERSION
    # the columns only of audited tables (sqlite_master's triggers and indexes would each run a table_info too)
    tables = (
        "SELECT m.type, m.name, m.tbl_name, NULL, c.name, c.cid FROM sqlite_master m "
        f"JOIN pragma_table_info(m.name) c WHERE {_AUDITED}"
        if compare_sql
        else f"SELECT m.type, m.name, m.tbl_name, NULL, NULL, NULL FROM sqlite_master m WHERE {_AUDITED}"
    )
    rows = store.execute(
        "SELECT type, name, tbl_name, sql, NULL, NULL FROM sqlite_master WHERE type = 'trigger' "
        f"UNION ALL {tables} ORDER BY 2, 6",
        sorted(NOT_AUDITED),
    ).fetchall()
    triggers: dict[str, tuple[str, str]] = {}
    columns: dict[str, list[str]] = {}
    for kind, name, table, sql, column, _cid in rows:
        if kind == "trigger":
            triggers[str(name)] = (str(table), str(sql or ""))
        else:
            columns.setdefault(str(name), []).extend([str(column)] if column is not None else [])
    expected = {trigger_name(name, action): name for name in sorted(columns) for action in ACTIONS}
    missing = tuple(name for name, table in expected.items() if triggers.get(name, ("", ""))[0] != table)
    extra = tuple(
        sorted(
            name
            for name, (table, _sql) in triggers.items()
            if name not in expected and any(name == trigger_name(table, action) for action in ACTIONS)
        )
    )
    altered: tuple[str, ...] = ()
    if compare_sql:
        found = []
        for table in sorted(columns):
            made = _trigger_sql(table, columns[table])
            for action in ACTIONS:
                name = trigger_name(table, action)
                if name not in missing and not _same_sql(triggers[name][1], made[action]):
                    found.append(name)
        altered = tuple(found)
    broken = {*missing, *altered}
    remade = tuple(dict.fromkeys(table for name, table in expected.items() if name in broken))
    return TriggerDrift(missing, extra, remade, altered)


def _table_of(name: str) -> str:
    """The table an audit trigger's name (audit_<table>_<action>) is for."""
    return name.removeprefix("audit_").rsplit("_", 1)[0]


_MISSING_TOLD = N_(
    "Tệp dữ liệu thiếu {n} trigger ghi nhật ký thay đổi ({names}): thay đổi ở các bảng {tables} không được "
    "ghi vào nhật ký. Mở lại tệp bằng chương trình (không ở chế độ chỉ đọc) để tạo lại."
)
_ALTERED_TOLD = N_(
    "Tệp dữ liệu có {n} trigger ghi nhật ký thay đổi bị sửa ngoài chương trình ({names}): thay đổi ở các "
    "bảng {tables} có thể không được ghi, hoặc ghi không đủ, vào nhật ký. Mở lại tệp bằng chương trình "
    "(không ở chế độ chỉ đọc) để tạo lại đúng như chương trình tạo."
)


def _told(template: str, names: tuple[str, ...]) -> str:
    """One sentence of :func:`describe_drift`: how many triggers, which, and the tables whose changes they log."""
    tables = tuple(dict.fromkeys(_table_of(name) for name in names))
    return _(template).format(n=len(names), names=_shown(names), tables=_shown(tables))


def describe_drift(drift: TriggerDrift) -> str:
    """The clerk's (and inspector's) words for a drift; "" when there is none."""
    parts = []
    if drift.missing:
        parts.append(_told(_MISSING_TOLD, drift.missing))
    if drift.altered:
        parts.append(_told(_ALTERED_TOLD, drift.altered))
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
    """Put back missing audit triggers, make altered ones again and drop extra ones, leaving an event in the log (the
    log had a gap there).

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
                details: dict[str, Any] = {
                    "missing_triggers": list(drift.missing),
                    "dropped_triggers": list(drift.extra),
                }
                if drift.altered:  # only then: the events of files repaired before keep their shape
                    details["altered_triggers"] = list(drift.altered)
                record_event(store, table="audit_log", after=details)
    if drift:
        log.warning(
            "audit triggers of %s %s: missing %s, altered %s, extra %s",
            store.path,
            "left as they are (read-only)" if store.readonly else "repaired",
            ", ".join(drift.missing) or "none",
            ", ".join(drift.altered) or "none",
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
