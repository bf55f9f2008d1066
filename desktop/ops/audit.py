"""Reading the audit log (nhật ký thay đổi): filter, page through newest first, count, list who and what.

Read-only: the log is written by the database's own triggers and can be neither edited nor deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.rules import RulePackError
from desktop.domain.text import fold
from desktop.store import Store
from desktop.store.rules_repo import effective_pack


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    actor: str = ""
    table: str = ""
    action: str = ""
    text: str = ""

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.date_from:
            clauses.append("substr(at, 1, 10) >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to:
            clauses.append("substr(at, 1, 10) <= ?")
            params.append(self.date_to.isoformat())
        if self.actor:
            clauses.append("actor = ?")
            params.append(self.actor)
        if self.table:
            clauses.append("table_name = ?")
            params.append(self.table)
        if self.action:
            clauses.append("action = ?")
            params.append(self.action)
        if self.text.strip():
            clauses.append("instr(tdkt_fold(coalesce(before, '') || ' ' || coalesce(after, '')), ?) > 0")
            params.append(fold(self.text))
        return (" AND ".join(clauses) or "1"), params


def _prepare(store: Store) -> None:
    """The accent-free search function the filter uses (registered once per connection)."""
    store.conn.create_function("tdkt_fold", 1, fold, deterministic=True)


def query_audit(store: Store, flt: AuditFilter, *, before_id: int | None = None, limit: int | None = None) -> list:
    """Rows matching ``flt``, newest first; ``before_id`` continues after the last row of the previous page."""
    _prepare(store)
    where, params = flt.where()
    if before_id is not None:
        where += " AND id < ?"
        params.append(before_id)
    sql = (
        f"SELECT id, at, actor, operation, table_name, record_uuid, action, before, after FROM audit_log WHERE {where}"
    )
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)


def count_audit(store: Store, flt: AuditFilter) -> int:
    _prepare(store)
    where, params = flt.where()
    return int(store.scalar(f"SELECT count(*) FROM audit_log WHERE {where}", params) or 0)


def audit_actors(store: Store) -> list[str]:
    """Everyone who changed something, in order."""
    return [row["actor"] for row in store.query("SELECT DISTINCT actor FROM audit_log ORDER BY actor")]


def audit_tables(store: Store) -> list[str]:
    """The tables the log has rows for."""
    return [row["table_name"] for row in store.query("SELECT DISTINCT table_name FROM audit_log")]


def award_names(store: Store) -> dict[str, str]:
    """Title and award-form codes of the rules in force → their names, for showing logged records in words."""

    try:
        pack = effective_pack(store)
    except RulePackError:  # a broken override must not hide the log; codes are then shown as they are
        return {}
    return {item.code: item.name for item in (*pack.titles, *pack.award_forms)}
