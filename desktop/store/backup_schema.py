"""What the schema of a backup must be at each version: the tables, indexes, views and triggers the migrations make,
so a file another tool altered (an audit trigger dropped, one added that empties the log) is not restored as ours."""

from __future__ import annotations

import functools
import re
import sqlite3
import tempfile
from pathlib import Path

from desktop.i18n import N_, _
from desktop.store import audit, migrations
from desktop.store.db import Store

# Tables every file of the program has whatever its version: named first when missing.
REQUIRED_TABLES = ("schema_version", "unit", "staff", "settings", "audit_log")


def _master(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(type, name) -> SQL of the file's tables, indexes, views and triggers (SQLite's own left out)."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(str(kind), str(name)): str(sql or "") for kind, name, sql in rows}


@functools.lru_cache(maxsize=1)
def _schema_by_version() -> dict[int, tuple[dict[tuple[str, str], str], dict[str, str]]]:
    """After each version: what the schema scripts make ((type, name) -> SQL) and the audit triggers generated for it,
    their SQL known at the latest only (older programs wrote them a little differently); built once, in a scratch."""
    found: dict[int, tuple[dict[tuple[str, str], str], dict[str, str]]] = {}
    with tempfile.TemporaryDirectory(prefix="tdkt-schema-") as folder:
        scratch = Store(Path(folder) / "scratch.sqlite3", actor="system")
        try:
            for number, _description, step in migrations.MIGRATIONS:
                with scratch.transaction(operation=f"migration.v{number}"):
                    if number == 1:
                        scratch.execute(
                            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            "description TEXT NOT NULL, applied_at TEXT NOT NULL, app_version TEXT NOT NULL)"
                        )
                    step(scratch)
                audited = audit.audited_tables(scratch)
                found[number] = (
                    _master(scratch.conn),
                    {f"audit_{t}_{a}": "" for t in audited for a in ("insert", "update", "delete")},
                )
            with scratch.transaction(operation=f"migration.v{max(found)}"):  # as the last migration installs them
                audit.install_triggers(scratch)
            generated = found[max(found)][1]
            generated.update({name: sql for (_kind, name), sql in _master(scratch.conn).items() if name in generated})
        finally:
            scratch.close()
    return found


def expected_tables(version: int) -> frozenset[str]:
    """The tables a file of the program has at schema ``version`` (a newer one: at least those of the latest)."""
    known = _schema_by_version()
    return frozenset(name for kind, name in known[min(max(version, 1), max(known))][0] if kind == "table")


_NOT_MADE = N_("{names} không do chương trình tạo (khác cấu trúc số {version})")
_DROPPED = N_("thiếu {names} mà cấu trúc số {version} phải có (các trigger audit_… ghi mọi thay đổi vào nhật ký)")
_AUDIT_TRIGGER = re.compile(
    r'CREATE TRIGGER "audit_(?P<table>\w+)_(?P<action>insert|update|delete)" AFTER (?P<event>INSERT|UPDATE|DELETE) '
    r'ON "(?P<on>\w+)" (?:WHEN [^;]* )?BEGIN INSERT INTO audit_log \(at, actor, operation, table_name, record_uuid, '
    r"action, before, after\) VALUES \(tdkt_now\(\), tdkt_actor\(\), tdkt_operation\(\), '(?P<named>\w+)', "
    r"[^;]*\); END"
)


def _schema_problem(conn: sqlite3.Connection, version: int) -> str:
    """What in the file's schema the migrations of ``version`` do not make ("" when nothing): anything another tool
    added or changed (a trigger emptying audit_log) or dropped (audit triggers: later changes go unlogged). Audit
    triggers of an older version, or left on a table no longer audited, need only the shape install_triggers gives
    them (_AUDIT_TRIGGER: one INSERT INTO audit_log naming its own table)."""
    made, generated = _schema_by_version()[version]
    found = _master(conn)
    tables = {name for kind, name in found if kind == "table"}

    def ours(kind: str, name: str, sql: str) -> bool:
        if (kind, name) in made or generated.get(name):
            return sql == made.get((kind, name), generated.get(name))
        match = _AUDIT_TRIGGER.fullmatch(sql) if kind == "trigger" else None
        if match is None or name != f"audit_{match['table']}_{match['action']}":
            return False
        return match["event"] == match["action"].upper() and match["table"] == match["on"] == match["named"] in tables

    odd = sorted(name for (kind, name), sql in found.items() if not ours(kind, name, sql))
    gone = sorted(({name for kind, name in made if kind != "table"} | set(generated)) - {name for _k, name in found})
    names, text = (odd, _NOT_MADE) if odd else (gone, _DROPPED)
    shown = ", ".join(names[:6]) + ("…" if len(names) > 6 else "")
    return _(text).format(names=shown, version=version) if names else ""
