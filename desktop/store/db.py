"""Opening the SQLite file: pragmas, explicit transactions, the acting user for the audit log.

sqlite-utils is used for schema work and queries. Its write helpers wrap themselves in
``with conn:``, which would commit our outer transaction half-way; :class:`_GuardedConnection`
turns that inner commit into a no-op while one of our transactions is open, so a multi-row
change is always all or nothing.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from desktop.i18n import _
from desktop.store import instance_lock
from desktop.store.errors import DatabaseUnavailableError, NotFoundError

IMPORT_CACHE_MIB = 32
BUSY_TIMEOUT_MS = 5000


def new_uuid() -> str:
    """A random (version 4) UUID as text, like ``str(uuid.uuid4())`` at a third of its cost (imports make
    100,000 of them)."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40
    raw[8] = raw[8] & 0x3F | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


_last_now: tuple[int, str] = (-1, "")


def login_name() -> str:
    """The operating system's name for the person using the program, as the audit log names them."""
    try:
        return getpass.getuser() or "user"
    except Exception:  # no login name (a service account, an odd environment): say so plainly
        return "user"


def now_iso() -> str:
    """The local time to the second, with its offset ("2025-12-04T09:30:00+07:00").

    The text only changes once a second, so it is formatted once a second: the audit trigger asks for it on every
    row, and an import of 100,000 people spent a second and a half here."""
    global _last_now
    second = int(time.time())
    if _last_now[0] != second:
        _last_now = (second, datetime.fromtimestamp(second).astimezone().isoformat(timespec="seconds"))
    return _last_now[1]


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


class Where:
    """A WHERE clause built from optional filters: ``where.add("year = ?", 2025)``; ``str(where)`` is "" without
    any filter, and ``where.params`` the values in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def __str__(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


class Store:
    """One open database file. Use :meth:`transaction` around every change."""

    def __init__(self, path: Path | str, *, readonly: bool = False, actor: str | None = None) -> None:
        self.path = Path(path)
        # Another window holds this file: nothing in this process may write to it (see instance_lock).
        self.readonly = readonly or instance_lock.is_marked_readonly(self.path)
        readonly = self.readonly
        # Who the audit log names for every change made through this store: the person it was opened for (the
        # login name unless the window or a test says otherwise). Operations never pass an actor of their own.
        self.actor = actor or login_name()
        self.operation = ""
        self._lock = threading.RLock()
        # Which file this store writes to, told before and after opening (a restore elsewhere may swap the file in
        # between: then open again); each transaction checks it is still the one at the path.
        # The file is counted as open by this process before SQLite opens it (see _claim).
        for _attempt in range(3):
            before, header = _claim(self.path)
            try:
                self.conn = _connect(self.path, readonly=readonly, header=header)
            except BaseException as exc:
                _unclaim(before)
                if not isinstance(exc, DatabaseUnavailableError):
                    raise
                if _attempt == 2 or before is None or _file_identity(self.path) == before:
                    raise
                continue  # the file was swapped while opening (SQLite: "database moved"): open the new one
            self._identity = _file_identity(self.path)
            claimed = _move_claim(before, self._identity)
            if before is None or before == self._identity or _attempt == 2:
                break
            self.conn.close()
            _unclaim(claimed)
        # counted in _claims until closed (once, however often close is called)
        self._release_claim = weakref.finalize(self, _unclaim, claimed)
        self.guard = _GuardedConnection(self.conn)
        self.conn.create_function("tdkt_actor", 0, lambda: self.actor)
        self.conn.create_function("tdkt_operation", 0, lambda: self.operation)
        self.conn.create_function("tdkt_uuid", 0, new_uuid)
        self.conn.create_function("tdkt_now", 0, now_iso)

    # -- transactions -------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, operation: str = "") -> Iterator[Store]:
        """All statements inside commit together or not at all. Nested calls join the outer one.

        A problem of the file itself (disk full, read-only, locked by another program, damaged) rolls
        back and becomes a :class:`DatabaseUnavailableError` with a message the clerk can act on.
        """
        with self._lock:
            outer = self.guard.depth == 0
            if outer and self.readonly:
                raise DatabaseUnavailableError(readonly_message(self.path))
            previous = self.operation
            if operation:
                self.operation = operation
            try:
                if outer:
                    try:
                        self.conn.execute("BEGIN IMMEDIATE")
                    except sqlite3.Error as exc:
                        if wrapped := _unavailable(self.path, exc):
                            raise wrapped from exc
                        raise
                    self._refuse_replaced_file()
                self.guard.depth += 1
                try:
                    yield self
                except BaseException as exc:
                    self.guard.depth -= 1
                    if outer:
                        self._rollback()
                        if isinstance(exc, sqlite3.Error) and (wrapped := _unavailable(self.path, exc)):
                            raise wrapped from exc
                    raise
                else:
                    self.guard.depth -= 1
                    if outer:
                        try:
                            self.conn.execute("COMMIT")
                        except sqlite3.Error as exc:
                            self._rollback()
                            if wrapped := _unavailable(self.path, exc):
                                raise wrapped from exc
                            raise
            finally:
                # a nested operation names only its own writes: the outer one's later writes keep their name
                self.operation = previous

    def _refuse_replaced_file(self) -> None:
        """Under the write lock: the file this store opened is still the one at its path. A restore in another
        window or program swaps a new file in; a write to the old one would be reported as saved, then vanish."""
        if self._identity is None or _file_identity(self.path) == self._identity:
            return
        self._rollback()
        raise DatabaseUnavailableError(
            _(
                "Tệp dữ liệu {path} vừa được thay (khôi phục từ bản sao lưu ở cửa sổ hoặc chương trình khác); việc "
                "vừa làm chưa được ghi. Hãy đóng chương trình, mở lại rồi làm lại."
            ).format(path=self.path)
        )

    def _rollback(self) -> None:
        """Roll back what is open; SQLite may already have rolled back itself (disk full, I/O error)."""
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    @functools.cached_property
    def db(self) -> Any:
        """sqlite-utils' view of the same connection (through the transaction guard), made when first used:
        importing sqlite-utils costs about 60 ms, which the window's start-up does not need."""
        import sqlite_utils

        database = sqlite_utils.Database(self.conn, execute_plugins=False)
        database.conn = self.guard
        return database

    @contextlib.contextmanager
    def acting_as(self, actor: str) -> Iterator[Store]:
        """Changes made for someone other than the store's person: the program itself logs a schema upgrade as
        "system", not as the clerk who happened to open the file."""
        previous, self.actor = self.actor, actor
        try:
            yield self
        finally:
            self.actor = previous

    @property
    def in_transaction(self) -> bool:
        return self.guard.depth > 0

    @contextlib.contextmanager
    def larger_cache(self, mebibytes: int = IMPORT_CACHE_MIB) -> Iterator[Store]:
        """SQLite's page cache raised to ``mebibytes`` for a big write (an import of 100,000 people writes as
        many audit rows; with the default 2 MB cache its random index pages go to and from the disk), then put
        back. Memory is only taken as pages are used."""
        previous = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = {-1024 * int(mebibytes)}")
        try:
            yield self
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(previous)}")

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

    def get(self, table: str, row_id: int, missing: str) -> dict[str, Any]:
        """The record ``row_id`` of ``table``; NotFoundError with the message ``missing`` when there is none."""
        row = self.query_one(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
        if row is None:
            raise NotFoundError(missing)
        return row

    def add(self, table: str, values: dict[str, Any]) -> int:
        """Insert a new record with its own UUID and creation time (the columns every record table has)."""
        stamp = now_iso()
        return self.insert(table, {"uuid": new_uuid(), **values, "created_at": stamp, "updated_at": stamp})

    def touch(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """Update a record and its ``updated_at``."""
        self.update(table, row_id, {**values, "updated_at": now_iso()})

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.conn.execute("PRAGMA optimize")
        self.conn.close()
        self._release_claim()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sqlite_uri(path: PurePath, *, mode: str) -> str:
    """The ``file:`` URI of an absolute path, the only way to give SQLite a mode such as ``ro``.

    Every character outside ASCII letters, digits and ``/:-._~`` is percent-encoded (UTF-8), so a profile like
    ``C:\\Users\\Nguyễn Văn Sơn`` or a folder named "Sao lưu #2" reaches SQLite whole; a bare ``#``, ``?`` or
    ``%`` would otherwise end or garble the path. A drive path becomes ``file:///C:/…`` (SQLite drops the ``/``
    before the drive letter) and a network share ``file:////server/share/…`` (an empty authority).
    """
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text
    return f"file://{quote(text, safe='/:')}?mode={mode}"


def _connect(path: Path, *, readonly: bool, header: str) -> sqlite3.Connection:
    damaged = _with_advice(header)
    if damaged and not readonly:
        # SQLite would open it read-only without a word, and the clerk's first save would fail
        raise DatabaseUnavailableError(
            _("Không mở được tệp dữ liệu {path}: {reason}").format(path=path, reason=damaged)
        )
    conn: sqlite3.Connection | None = None
    try:
        if readonly:
            conn = sqlite3.connect(
                sqlite_uri(path.absolute(), mode="ro"), uri=True, isolation_level=None, check_same_thread=False
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
    except (sqlite3.DatabaseError, DatabaseUnavailableError) as exc:
        # closed now, not whenever Python collects it: a connection left open would later fold its -wal into the
        # file at an unforeseeable moment (during a restore that set the file aside, say)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        if isinstance(exc, DatabaseUnavailableError):
            raise
        raise DatabaseUnavailableError(
            _("Không mở được tệp dữ liệu {path}: {reason}").format(path=path, reason=_file_reason(path, exc))
        ) from exc
    return conn


def _file_reason(path: Path, exc: sqlite3.Error) -> str:
    return _damaged_header(path) or describe_sqlite_error(exc)


def _damaged_header(path: Path) -> str:
    """The clerk's reason for a database whose header is damaged, with where to go; "" when it is whole."""
    return _with_advice(header_problem(path))


def _with_advice(header: str) -> str:
    return header + ". " + _("Hãy khôi phục dữ liệu từ một bản sao lưu (trang Sao lưu).") if header else ""


# The files this process has open through a Store, by identity (device, file number): how many stores, and what
# was wrong in the header when the first one opened it. On POSIX, closing ANY handle of a file drops every lock
# the process holds on it, SQLite's included (fcntl): a header read with open()/close() while a window's store
# has the file open would let a restore in another program replace the file under it. So the header is read only
# while no store of this process has the file open; meanwhile the answer read before the first one is given.
_claims: dict[tuple[int, int], int] = {}
_headers: dict[tuple[int, int], str] = {}
_claims_lock = threading.Lock()


def _claim(path: Path) -> tuple[tuple[int, int] | None, str]:
    """Count the file at ``path`` as opened by one more store; its identity and header problem."""
    with _claims_lock:
        identity = _file_identity(path)
        if identity is not None and identity in _claims:
            _claims[identity] += 1
            return identity, _headers[identity]
        header = _read_header_problem(path)
        if identity is not None:
            _claims[identity], _headers[identity] = 1, header
        return identity, header


def _unclaim(identity: tuple[int, int] | None) -> None:
    if identity is None:
        return
    with _claims_lock:
        left = _claims.get(identity, 0) - 1
        if left > 0:
            _claims[identity] = left
        else:
            _claims.pop(identity, None)
            _headers.pop(identity, None)


def _move_claim(before: tuple[int, int] | None, after: tuple[int, int] | None) -> tuple[int, int] | None:
    """The file opened is ``after`` (created, or swapped in while opening): counted under that identity."""
    if before == after:
        return after
    _unclaim(before)
    if after is not None:
        with _claims_lock:
            _claims[after] = _claims.get(after, 0) + 1
            _headers.setdefault(after, "")
    return after


def open_here(path: Path | str) -> bool:
    """True while a Store of this process has the file at ``path`` open (under any name of it)."""
    identity = _file_identity(Path(path))
    with _claims_lock:
        return identity is not None and identity in _claims


def header_problem(path: Path) -> str:
    """What is wrong in the 100-byte header of a SQLite file, or "" (also when it cannot be read).

    SQLite opens a file whose read/write version bytes (18, 19) are above 2 read-only, or not at all: one flipped
    bit there would otherwise be told to the clerk as a folder without write permission. A file a store of this
    process has open is not read again (see _claims): what its header said when it was opened is returned."""
    with _claims_lock:
        identity = _file_identity(path)
        if identity is not None and identity in _claims:
            return _headers[identity]
        return _read_header_problem(path)


def read_header(path: Path) -> bytes:
    """The first 100 bytes of a file no store of this process has open (b"" when it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except OSError:
        return b""


def pending_wal(path: Path) -> Path | None:
    """The non-empty ``-wal`` beside a database file in WAL mode (header bytes 18, 19): changes SQLite reads with
    the file but that a copy of the file alone does not hold. None when there is none (a rollback-journal file,
    such as every backup the program makes, never reads a -wal)."""
    wal = Path(f"{path}-wal")
    try:
        if not wal.stat().st_size:
            return None
    except OSError:
        return None
    head = read_header(path)
    return wal if len(head) >= 20 and 2 in (head[18], head[19]) else None


def _read_header_problem(path: Path) -> str:
    head = read_header(path)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return ""
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        return _(
            "phần đầu tệp bị hỏng (byte phiên bản định dạng ghi/đọc là {write}/{read}, phải là 1 hoặc 2): tệp đã bị "
            "sửa hoặc hỏng khi sao chép"
        ).format(write=head[18], read=head[19])
    return ""


# SQLite result codes that mean "the file or the disk", not "the program": shown to the clerk as such.
_FILE_PROBLEMS = (
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_IOERR",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_NOMEM",
    "SQLITE_PROTOCOL",
)
_FILE_PROBLEM_WORDS = ("full", "locked", "busy", "readonly", "read-only", "disk i/o", "malformed", "not a database")


def _file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and file number, on Windows too); None when it cannot be told."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def readonly_message(path: Path) -> str:
    """Why a write was refused on a read-only Store: another window holds the file, or it was opened to look."""
    if instance_lock.is_marked_readonly(path):
        return _(instance_lock.OTHER_WINDOW_NOTICE)
    return _("Tệp dữ liệu {path} đang được mở chỉ để xem; không ghi được.").format(path=path)


def _unavailable(path: Path, exc: sqlite3.Error) -> DatabaseUnavailableError | None:
    """The clerk's error for a file problem met while writing; None for anything else (a bug, a constraint)."""
    if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if not (name.startswith(_FILE_PROBLEMS) or (not name and any(w in text for w in _FILE_PROBLEM_WORDS))):
        return None
    return DatabaseUnavailableError(
        _("Không ghi được vào cơ sở dữ liệu {path}: {reason}").format(path=path, reason=_file_reason(path, exc))
    )


def is_busy(exc: BaseException | None) -> bool:
    """Whether a SQLite error is another connection holding the file (busy or locked), not damage or a full disk."""
    if not isinstance(exc, sqlite3.Error):
        return False
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """The clerk's words for a failed SQLite read or write (the database, a backup copy): what and what to do."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "full" in text:
        return _(
            "ổ đĩa đầy, không đủ chỗ để ghi. Hãy giải phóng dung lượng (xóa bớt tệp, dọn Thùng rác) rồi làm lại; "
            "thao tác vừa rồi chưa được ghi, dữ liệu cũ vẫn nguyên vẹn."
        )
    if is_busy(exc):
        return _(
            "tệp đang bị một chương trình khác (hoặc một cửa sổ khác của phần mềm) giữ để ghi; đã chờ {seconds} giây "
            "mà chưa xong. Hãy đợi chương trình kia làm xong hoặc đóng nó rồi làm lại; chưa có gì được ghi."
        ).format(seconds=BUSY_TIMEOUT_MS // 1000)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text or "malformed" in text:
        return _("tệp không phải cơ sở dữ liệu của chương trình hoặc đã hỏng.")
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text or "read-only" in text:
        return _(
            "tệp hoặc thư mục chứa nó chỉ cho đọc, không cho ghi (thuộc tính chỉ đọc, ổ đĩa khóa ghi hoặc không đủ "
            "quyền). Hãy kiểm tra quyền của tệp rồi làm lại; chưa có gì được ghi."
        )
    if name in ("SQLITE_IOERR_WRITE", "SQLITE_IOERR_TRUNCATE", "SQLITE_IOERR_FSYNC"):
        return _(
            "không ghi được xuống ổ đĩa: ổ đĩa có thể đã đầy (không đủ chỗ), tệp vượt giới hạn kích thước, hoặc ổ "
            "đĩa bị rút ra, hỏng. Hãy giải phóng dung lượng hoặc kiểm tra ổ đĩa rồi làm lại; chưa có gì được ghi."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return _(
            "lỗi đọc ghi ổ đĩa (ổ đĩa hỏng, USB bị rút ra hoặc mất kết nối mạng). Hãy kiểm tra ổ đĩa rồi làm lại; "
            "chưa có gì được ghi."
        )
    if "unable to open" in text or name.startswith("SQLITE_CANTOPEN"):
        return _("không có quyền ghi hoặc không mở được thư mục.")
    return str(exc)
