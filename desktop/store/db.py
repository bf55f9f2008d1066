"""Opening the SQLite file: pragmas, explicit transactions, the acting user for the audit log.

sqlite-utils is used for schema work and queries. Its write helpers wrap themselves in
``with conn:``, which would commit our outer transaction half-way; :class:`_GuardedConnection`
turns that inner commit into a no-op while one of our transactions is open, so a multi-row
change is always all or nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import uuid as _uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop.i18n import _
from desktop.store.errors import DatabaseUnavailableError

BUSY_TIMEOUT_MS = 5000


def new_uuid() -> str:
    return str(_uuid.uuid4())


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class _GuardedConnection:
    """Proxy of a sqlite3 connection whose ``with`` block does not commit inside our transactions."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.depth = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("_conn", "depth"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._conn, name, value)

    def __enter__(self) -> _GuardedConnection:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self.depth:
            return  # the enclosing Store.transaction() decides
        if exc_type is None:
            self._conn.commit()
        else:
            self._conn.rollback()


class Store:
    """One open database file. Use :meth:`transaction` around every change."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.actor = "system"
        self.operation = ""
        self._lock = threading.RLock()
        self.conn = _connect(self.path, readonly=readonly)
        self.guard = _GuardedConnection(self.conn)
        self.db = sqlite_utils.Database(self.conn, execute_plugins=False)
        self.db.conn = self.guard
        self.conn.create_function("tdkt_actor", 0, lambda: self.actor)
        self.conn.create_function("tdkt_operation", 0, lambda: self.operation)
        self.conn.create_function("tdkt_uuid", 0, new_uuid)
        self.conn.create_function("tdkt_now", 0, now_iso)

    # -- transactions -------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, operation: str = "", actor: str | None = None) -> Iterator[Store]:
        """All statements inside commit together or not at all. Nested calls join the outer one."""
        with self._lock:
            outer = self.guard.depth == 0
            previous = (self.operation, self.actor)
            if operation:
                self.operation = operation
            if actor:
                self.actor = actor
            if outer:
                self.conn.execute("BEGIN IMMEDIATE")
            self.guard.depth += 1
            try:
                yield self
            except BaseException:
                self.guard.depth -= 1
                if outer:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.guard.depth -= 1
                if outer:
                    self.conn.execute("COMMIT")
            finally:
                if outer:
                    self.operation, self.actor = previous

    @property
    def in_transaction(self) -> bool:
        return self.guard.depth > 0

    # -- small helpers ------------------------------------------------------------------------
    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def query_one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row and return its integer key."""
        columns = ", ".join(f'"{key}"' for key in row)
        marks = ", ".join("?" * len(row))
        cursor = self.conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(row.values()))
        return int(cursor.lastrowid or 0)

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        assignments = ", ".join(f'"{k}" = ?' for k in values)
        self.conn.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', (*values.values(), row_id))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            conn = sqlite3.connect(
                f"file:{path.as_posix()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise DatabaseUnavailableError(
                    _("Không bật được chế độ ghi an toàn (WAL) cho tệp {path}.").format(path=path)
                )
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailableError(
            _("Không mở được tệp dữ liệu {path}: {reason}").format(path=path, reason=_describe(exc))
        ) from exc
    return conn


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return _("tệp đang bị một chương trình khác giữ.")
    if "not a database" in text or "malformed" in text:
        return _("tệp không phải cơ sở dữ liệu của chương trình hoặc đã hỏng.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return _("không có quyền ghi hoặc không mở được thư mục.")
    return str(exc)
