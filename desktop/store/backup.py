"""Backups of the database file: made with SQLite's online backup API, verified, catalogued, rotated.

Every step is crash-safe: a backup is written to a hidden temporary file in the target folder, fsynced
and verified (integrity check, row counts taken in the same read transaction as the copy, schema
version) before it is atomically renamed to its final name, so a file named ``tdkt-*.sqlite3`` is
always complete. Each backup carries its own SHA-256 beside it (``<file>.sha256``, the ``sha256sum`` format)
and in the catalog ``backups.json``, so a copy carried to another PC on a USB stick is still checked where it
lands: a restore refuses any mismatch, and a file with no checksum at all is restored only when the clerk asks
for an unverified restore explicitly. The catalog is a convenience written atomically; when it is lost or
unreadable it is rebuilt by scanning the folder. A restore never leaves a half-written database: the
backup is copied beside the database, fsynced, checked, and only then swapped in with one rename
(:func:`desktop.files.replace.replace_file`, which waits out an antivirus holding the file on Windows).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import re
import sqlite3
import sys
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.files.problems import os_reason
from desktop.files.replace import FileInUseError, discard, remove_file, replace_file
from desktop.i18n import N_, _
from desktop.store import migrations
from desktop.store.backup_schema import REQUIRED_TABLES, _schema_problem, expected_tables
from desktop.store.db import Store, describe_sqlite_error, header_problem, new_uuid, pending_wal, sqlite_uri
from desktop.store.errors import StoreError
from desktop.store.faults import pause_point

CATALOG_NAME = "backups.json"
CHECKSUM_SUFFIX = ".sha256"
CATALOG_FORMAT = 1
FILE_PREFIX = "tdkt-"
FILE_SUFFIX = ".sqlite3"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_HOURS = 24

# The reason is part of the file name in ASCII Vietnamese, so the clerk can read it in Explorer.
REASON_SLUGS: dict[str, str] = {
    "daily": "hang-ngay",
    "weekly": "hang-tuan",
    "monthly": "hang-thang",
    "manual": "thu-cong",
    "before_migration": "truoc-nang-cap",
    "before_import": "truoc-nhap-goi",
    "before_decision": "truoc-quyet-dinh",
    "before_restore": "truoc-khoi-phuc",
}
REASONS = tuple(REASON_SLUGS)
REASON_LABELS: dict[str, str] = {
    "daily": N_("Hằng ngày"),
    "weekly": N_("Hằng tuần"),
    "monthly": N_("Hằng tháng"),
    "manual": N_("Sao lưu thủ công"),
    "before_migration": N_("Trước khi nâng cấp dữ liệu"),
    "before_import": N_("Trước khi nhập gói dữ liệu"),
    "before_decision": N_("Trước khi ban hành quyết định"),
    "before_restore": N_("Trước khi khôi phục"),
}
_SLUG_REASONS = {slug: reason for reason, slug in REASON_SLUGS.items()}
_NAME_PATTERN = re.compile(r"^tdkt-(\d{8})-(\d{6})-([a-z_-]+?)(?:-(\d+))?\.sqlite3$")


class BackupError(StoreError):
    """A backup could not be made, read, verified or restored; the message says what to do."""


@dataclass(frozen=True)
class RotationPolicy:
    """How many automatic backups to keep; manual and before_* ones are kept for ``keep_days``."""

    daily: int = 14
    weekly: int = 8
    monthly: int = 12
    keep_days: int = 90


DEFAULT_POLICY = RotationPolicy()


@dataclass
class BackupInfo:
    path: Path
    created_at: str  # local time, ISO 8601 with offset
    reason: str
    size: int = 0
    sha256: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0
    last_decision: str | None = None
    verified: bool = False
    problem: str = ""  # why it is not verified
    no_checksum: bool = False  # sound as far as SQLite can tell, but nothing says it is the file that was saved
    # Whose data it is: the unit row of the backed-up file (a copy of the file shares it). None: not set up yet,
    # or unreadable. ``unit_read`` is False for an entry of an older catalog that never recorded it.
    unit_uuid: str | None = None
    unit_name: str | None = None
    unit_read: bool = field(default=True, compare=False, repr=False)

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    def reason_label(self) -> str:
        return _(REASON_LABELS[self.reason]) if self.reason in REASON_LABELS else self.reason

    def as_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("path", "unit_read")}
        return {"path": str(self.path), "file": self.path.name, **data, "counts": dict(self.counts)}

    @classmethod
    def from_json(cls, folder: Path, data: dict[str, Any]) -> BackupInfo:
        return cls(
            # Only a name: a catalog edited to say "../elsewhere/…" or an absolute path must never make rotation
            # or restore reach outside the folder.
            path=folder / Path(str(data["file"])).name,
            created_at=str(data["created_at"]),
            reason=str(data["reason"]),
            size=int(data.get("size") or 0),
            sha256=str(data.get("sha256") or ""),
            counts={str(k): int(v) for k, v in (data.get("counts") or {}).items()},
            schema_version=int(data.get("schema_version") or 0),
            last_decision=data.get("last_decision"),
            verified=bool(data.get("verified")),
            problem=str(data.get("problem") or ""),
            no_checksum=bool(data.get("no_checksum")),
            unit_uuid=_optional_text(data.get("unit_uuid")),
            unit_name=_optional_text(data.get("unit_name")),
            unit_read="unit_uuid" in data,
        )


def _optional_text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


# -- reading a database -------------------------------------------------------------------------------


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in _tables(conn)}


def _schema_version(conn: sqlite3.Connection, tables: list[str] | dict[str, int]) -> int:
    if "schema_version" not in tables:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0] or 0)


def _last_decision(conn: sqlite3.Connection, tables: list[str] | dict[str, int]) -> str | None:
    """The newest decision as "12/QĐ-UBND (2025-12-30)"; None when the schema has no decisions yet."""
    if "decisions" not in tables:
        return None
    try:
        row = conn.execute(
            "SELECT number_text, decision_date FROM decisions ORDER BY decision_date DESC, id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error:  # an older or different decisions table: leave it out, do not fail the backup
        return None
    if row is None:
        return None
    return f"{row[0]} ({row[1]})"


def _unit(conn: sqlite3.Connection, tables: list[str] | dict[str, int]) -> tuple[str | None, str | None]:
    """(uuid, name) of the file's unit; (None, None) before the unit is set up or in a schema without it."""
    try:
        return _unit_or_fail(conn, tables)
    except sqlite3.Error:
        return None, None


def _unit_or_fail(conn: sqlite3.Connection, tables: list[str] | dict[str, int]) -> tuple[str | None, str | None]:
    """As :func:`_unit`, but a file that cannot be read raises (so a caller can tell it from "no unit")."""
    if "unit" not in tables:
        return None, None
    row = conn.execute("SELECT uuid, name FROM unit ORDER BY id LIMIT 1").fetchone()
    return (None, None) if row is None else (_optional_text(row[0]), _optional_text(row[1]))


def store_unit(store: Store) -> tuple[str | None, str | None]:
    """(uuid, name) of the open database's unit."""
    try:
        tables = _tables(store.conn)
    except sqlite3.Error:
        return None, None
    return _unit(store.conn, tables)


def file_unit(path: Path | str) -> tuple[str | None, str | None]:
    """(uuid, name) of the unit of a database file, read-only; (None, None) when it cannot be read."""
    return _read_file_unit(path) or (None, None)


def _read_file_unit(path: Path | str) -> tuple[str | None, str | None] | None:
    """(uuid, name) of the file's unit ((None, None): no unit in it); None when the file could not be read now."""
    try:
        conn = _open_readonly(Path(path))
    except sqlite3.Error:
        return None
    try:
        return _unit_or_fail(conn, _tables(conn))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_path(backup: Path) -> Path:
    """The checksum file that travels beside a backup: ``tdkt-….sqlite3.sha256``."""
    return backup.with_name(backup.name + CHECKSUM_SUFFIX)


def _write_checksum(backup: Path, digest: str) -> None:
    """``<hex>  <name>`` (what ``sha256sum -c`` reads), written atomically."""
    target = checksum_path(backup)
    temp = target.with_name(f".{target.name}.{new_uuid()}{TEMP_SUFFIX}")
    try:
        with temp.open("w", encoding="ascii", newline="\n") as handle:
            handle.write(f"{digest}  {backup.name}\n")
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(temp, target)
    finally:
        discard(temp)


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _read_checksum(backup: Path) -> str | None:
    """The digest written beside ``backup``; None when there is none; "" when it is unreadable."""
    path = checksum_path(backup)
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return ""
    first = text.strip().split()
    digest = first[0].lower() if first else ""
    return digest if _HEX64.match(digest) else ""


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(str(folder), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_uri(path.resolve(), mode="ro"), uri=True, isolation_level=None)


def _check_file(path: Path) -> tuple[list[str], dict[str, int], int, str | None, tuple[str | None, str | None]]:
    """Integrity messages, counts, schema version, last decision and unit of a closed database file."""
    header = header_problem(path)
    conn = _open_readonly(path)
    try:
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if integrity == ["ok"] and header:
            integrity = [header]
        counts = _counts(conn)
        return integrity, counts, _schema_version(conn, counts), _last_decision(conn, counts), _unit(conn, counts)
    finally:
        conn.close()


def _broken_links(path: Path) -> list[str]:
    """Rows that point at a row that is not there (``PRAGMA foreign_key_check``), told table by table.

    The copy the program makes has none; a file that has them was changed by another tool, and restored it would
    fail the first time the clerk touches one of those rows."""
    conn = _open_readonly(path)
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    found: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in rows:
        found[(str(table), str(parent))] = found.get((str(table), str(parent)), 0) + 1
    return [
        _("bảng {table} có {count} dòng trỏ tới dòng không có trong bảng {parent}").format(
            table=table, count=count, parent=parent
        )
        for (table, parent), count in found.items()
    ]


# -- names ----------------------------------------------------------------------------------------------


def backup_name(when: datetime, reason: str, serial: int = 0) -> str:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    tail = f"-{serial}" if serial else ""
    return f"{FILE_PREFIX}{stamp}-{REASON_SLUGS[reason]}{tail}{FILE_SUFFIX}"


def parse_name(name: str) -> tuple[datetime, str] | None:
    """(local time, reason) of a backup file name, or None for any other file."""
    match = _NAME_PATTERN.match(name)
    if not match:
        return None
    slug = match.group(3)
    reason = _SLUG_REASONS.get(slug) or (slug if slug in REASON_SLUGS else None)
    if reason is None:
        return None
    try:
        when = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S").astimezone()
    except ValueError:
        return None
    return when, reason


def made_order(info: BackupInfo) -> tuple[str, int, int]:
    """The order backups were made in. Names and times stop at the second, so backups of one second are told apart
    by the file's modification time, then (a FAT-formatted USB stick keeps times to 2 s only) by the serial of the
    name (``-1``, ``-2``… ``-10``, compared as numbers: as text ``-1`` sorts before the unnumbered name)."""
    match = _NAME_PATTERN.match(info.path.name)
    serial = int(match.group(4)) if match and match.group(4) else 0
    try:
        modified = info.path.stat().st_mtime_ns
    except OSError:
        modified = 0
    return info.created_at, modified, serial


def _free_name(folder: Path, when: datetime, reason: str) -> Path:
    """A backup name nobody else has taken, reserved by creating its checksum file exclusively (the checksum is
    written before the backup appears, so it is the name's lock): two programs backing up in the same second each
    get their own name instead of renaming over each other's file. The caller fills the checksum, or removes it
    with :func:`_release_name` when the backup fails."""
    serial = 0
    while True:
        candidate = folder / backup_name(when, reason, serial)
        if not candidate.exists():
            try:
                os.close(os.open(checksum_path(candidate), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                pass  # another program is writing this one right now
            else:
                return candidate
        serial += 1


def _release_name(target: Path | None) -> None:
    """Give back a reserved name whose backup was never renamed into place."""
    if target is not None and not target.exists():
        discard(checksum_path(target))


# -- creating -------------------------------------------------------------------------------------------


def create_backup(store: Store, folder: Path | str, *, reason: str, now: datetime | None = None) -> BackupInfo:
    """Copy the open database into ``folder`` with the online backup API; returns the verified backup.

    Safe while the program (or another connection) writes: the copy and the row counts come from one
    read transaction of ``store``'s connection, so they describe the same instant.
    """
    if reason not in REASON_SLUGS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if store.in_transaction or store.conn.in_transaction:
        raise RuntimeError("create_backup must run outside a transaction")
    folder = Path(folder)
    when = (now or datetime.now()).astimezone().replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            _("Không tạo được thư mục sao lưu {folder}: {reason}").format(folder=folder, reason=os_reason(exc))
        ) from exc
    temp = folder / f".{FILE_PREFIX}{new_uuid()}{TEMP_SUFFIX}"
    target: Path | None = None
    try:
        counts, version, last_decision, (unit_uuid, unit_name) = _copy(store, temp)
        problem = _verify_copy(temp, counts, version)
        if problem:
            raise BackupError(
                _("Bản sao lưu vừa tạo không đạt kiểm tra ({problem}); tệp dữ liệu vẫn nguyên vẹn.").format(
                    problem=problem
                )
            )
        _fsync_file(temp)
        size = temp.stat().st_size
        digest = _sha256(temp)
        target = _free_name(folder, when, reason)
        pause_point("backup.create")  # test hook: the copy is written and verified, not yet renamed
        _write_checksum(target, digest)  # first: a backup file never exists without its checksum
        replace_file(temp, target)  # every handle of temp is closed by now (Windows cannot rename an open file)
        _fsync_dir(folder)
    except sqlite3.Error as exc:
        raise BackupError(
            _("Không sao lưu được vào {folder}: {reason}").format(folder=folder, reason=describe_sqlite_error(exc))
        ) from exc
    except FileInUseError as exc:
        raise BackupError(str(exc)) from exc
    except OSError as exc:
        raise BackupError(
            _("Không ghi được bản sao lưu vào {folder}: {reason}").format(folder=folder, reason=os_reason(exc))
        ) from exc
    finally:
        discard(temp)
        _release_name(target)
    info = BackupInfo(
        path=target,
        created_at=when.isoformat(),
        reason=reason,
        size=size,
        sha256=digest,
        counts=counts,
        schema_version=version,
        last_decision=last_decision,
        verified=True,
        unit_uuid=unit_uuid,
        unit_name=unit_name,
    )
    _catalog_upsert(folder, info)
    return info


def backup_before_migration(store: Store, from_version: int) -> Path | None:
    """Copy the file (with SQLite's backup API, safe under WAL) before changing its schema."""
    if from_version == 0:
        return None
    return create_backup(store, store.path.parent / "backups", reason="before_migration").path


def _copy(store: Store, temp: Path) -> tuple[dict[str, int], int, str | None, tuple[str | None, str | None]]:
    conn = store.conn
    with store._lock:
        conn.execute("BEGIN")  # deferred: the first SELECT opens the read snapshot the copy also uses
        try:
            counts = _counts(conn)
            version = _schema_version(conn, counts)
            last_decision = _last_decision(conn, counts)
            unit = _unit(conn, counts)
            dest = sqlite3.connect(str(temp), isolation_level=None)
            try:
                dest.execute("PRAGMA synchronous = OFF")  # the whole file is fsynced once, after verification
                conn.backup(dest)  # one step (pages=-1): the whole file from the snapshot above
                # A standalone copy: rollback journal, so it opens read-only anywhere without -wal/-shm.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            conn.execute("COMMIT")
    return counts, version, last_decision, unit


def _verify_copy(path: Path, counts: dict[str, int], version: int) -> str:
    integrity, copied, copied_version, _last, _unit_of_copy = _check_file(path)
    if integrity != ["ok"]:
        return _("kiểm tra toàn vẹn: {detail}").format(detail="; ".join(integrity[:3]))
    if copied != counts:
        wrong = sorted(name for name in set(copied) | set(counts) if copied.get(name) != counts.get(name))
        return _("số dòng khác bản gốc ở bảng {tables}").format(tables=", ".join(wrong))
    if copied_version != version:
        return _("cấu trúc số {found} thay vì {expected}").format(found=copied_version, expected=version)
    return ""


# -- describing -----------------------------------------------------------------------------------------


class UnverifiedBackupError(BackupError):
    """A backup with no checksum anywhere: it can be restored only on the clerk's explicit request."""


def describe_backup(path: Path | str, *, allow_unverified: bool = False) -> BackupInfo:
    """Open a backup read-only and check it; raises :class:`BackupError` if it is damaged or altered.

    The file's SHA-256 must match the checksum beside it and the catalog's (whichever exist, and they must agree).
    A file with neither raises :class:`UnverifiedBackupError` unless ``allow_unverified`` (then the returned info
    has ``verified`` False): a single flipped bit in a lone copy cannot be told from the original otherwise.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Không tìm thấy tệp sao lưu {path}.").format(path=path))
    parsed = parse_name(path.name)
    recorded = (_read_catalog(path.parent) or {}).get(path.name)
    if recorded is not None:
        when, reason = recorded.created_at, recorded.reason
    elif parsed is not None:
        when, reason = parsed[0].isoformat(), parsed[1]
    else:
        when = datetime.fromtimestamp(path.stat().st_mtime).astimezone().replace(microsecond=0).isoformat()
        reason = "manual"
    digest = _sha256(path)
    beside = _read_checksum(path)
    # The catalog vouches for a file only when the program made it (verified then): a scan of a file found in
    # the folder records the digest it saw, which proves nothing about the file that was saved.
    trusted = recorded.sha256 if recorded is not None and recorded.verified and not recorded.no_checksum else None
    expected = [value for value in (trusted, beside) if value is not None]
    if beside == "":
        raise BackupError(
            _("Tệp mã kiểm tra {checksum} đi kèm bản sao lưu bị hỏng; không kiểm chứng được bản này.").format(
                checksum=checksum_path(path)
            )
        )
    if any(value and value != digest for value in expected):
        raise BackupError(
            _(
                "Tệp sao lưu {path} đã bị thay đổi hoặc hỏng sau khi tạo (mã kiểm tra không khớp). "
                "Không dùng được bản này; hãy chọn bản khác."
            ).format(path=path)
        )
    verified = any(expected)
    if not verified and not allow_unverified:
        raise UnverifiedBackupError(
            _(
                "Tệp sao lưu {path} không có mã kiểm tra đi kèm (tệp {checksum} hoặc danh mục {catalog} trong "
                "cùng thư mục), nên không biết được tệp có bị hỏng khi sao chép hay không. Hãy chép cả tệp "
                "{checksum_name} cùng với bản sao lưu; nếu không còn, chỉ khôi phục khi chắc chắn, bằng lệnh "
                "khôi phục bản chưa kiểm chứng."
            ).format(
                path=path,
                checksum=checksum_path(path).name,
                catalog=CATALOG_NAME,
                checksum_name=checksum_path(path).name,
            )
        )
    wal = pending_wal(path)
    if wal is not None:  # what is checked must be what a restore copies: the file alone
        raise BackupError(
            _(
                "Bên cạnh tệp sao lưu {path} có tệp {wal}: tệp được chép khi chương trình đang mở, một phần dữ liệu "
                "còn nằm trong tệp {wal} mà khôi phục không mang theo. Hãy chọn bản sao lưu do chương trình tạo, "
                "hoặc mở tệp này bằng chương trình rồi sao lưu nó và khôi phục bản sao lưu đó."
            ).format(path=path, wal=wal.name)
        )
    try:
        integrity, counts, version, last_decision, (unit_uuid, unit_name) = _check_file(path)
    except sqlite3.Error as exc:
        raise BackupError(
            _("Tệp sao lưu {path} bị hỏng hoặc không phải cơ sở dữ liệu ({reason}). Hãy chọn bản khác.").format(
                path=path, reason=exc
            )
        ) from exc
    if integrity != ["ok"]:
        raise BackupError(
            _("Tệp sao lưu {path} bị hỏng ({detail}). Hãy chọn bản khác.").format(
                path=path, detail="; ".join(integrity[:3])
            )
        )
    problem = _not_ours(path, counts, version)
    if problem:
        raise BackupError(
            _("Tệp {path} không phải bản sao lưu của chương trình này: {problem}. Hãy chọn bản khác.").format(
                path=path, problem=problem
            )
        )
    broken = _broken_links(path)
    if broken:
        raise BackupError(
            _("Tệp sao lưu {path} bị hỏng ({detail}). Hãy chọn bản khác.").format(path=path, detail="; ".join(broken))
        )
    return BackupInfo(
        path=path,
        created_at=when,
        reason=reason,
        size=path.stat().st_size,
        sha256=digest,
        counts=counts,
        schema_version=version,
        last_decision=last_decision,
        verified=verified,
        problem="" if verified else _("Không có mã kiểm tra đi kèm: chưa kiểm chứng được."),
        no_checksum=not verified,
        unit_uuid=unit_uuid,
        unit_name=unit_name,
    )


def _not_ours(path: Path, tables: list[str] | dict[str, int], version: int) -> str:
    """Why the database file at ``path`` was not made by this program ("" when it was): the schema history must be
    1, 2, … its version, and the schema what the migrations make (:func:`_schema_problem`). Another program's file
    with a table called schema_version would otherwise be restored and break the data."""
    if "schema_version" not in tables:
        return _("không có bảng schema_version ghi các lần nâng cấp cấu trúc")
    # A newer program's file: its steps after ours are not known here, only that ours came first.
    known = min(version, migrations.LATEST_VERSION)
    try:
        conn = _open_readonly(path)
        try:
            history = [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]
            different = _schema_problem(conn, version) if 1 <= version == known else ""
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return _("không đọc được bảng schema_version ({reason})").format(reason=exc)
    if version < 1 or history[:known] != list(range(1, known + 1)) or (version == known and len(history) != known):
        shown = ", ".join(str(v) for v in history[:12]) + ("…" if len(history) > 12 else "")
        return _("bảng schema_version ghi các số cấu trúc {found} thay vì 1 đến {version}").format(
            found=shown or _("(trống)"), version=max(version, 1)
        )
    missing = sorted(expected_tables(version) - set(tables), key=lambda t: (t not in REQUIRED_TABLES, t))
    if missing:
        shown = ", ".join(missing[:8]) + (_(" và {n} bảng khác").format(n=len(missing) - 8) if len(missing) > 8 else "")
        return _("thiếu {count} bảng mà cấu trúc số {version} của chương trình phải có ({tables})").format(
            count=len(missing), version=version, tables=shown
        )
    return different


def current_summary(store: Store) -> dict[str, Any]:
    """The same figures as a backup's, for the open database (to compare with)."""
    counts = _counts(store.conn)
    return {
        "counts": counts,
        "schema_version": _schema_version(store.conn, counts),
        "last_decision": _last_decision(store.conn, counts),
    }


def compare(store: Store, info: BackupInfo) -> dict[str, Any]:
    """Backup vs the open database: dates, counts per table, last decision, schema version."""
    current = current_summary(store)
    tables = sorted(set(info.counts) | set(current["counts"]))
    rows = [
        {
            "table": name,
            "backup": info.counts.get(name),
            "current": current["counts"].get(name),
            "difference": (current["counts"].get(name) or 0) - (info.counts.get(name) or 0),
        }
        for name in tables
    ]
    return {
        "backup_created_at": info.created_at,
        "current_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "backup_last_decision": info.last_decision,
        "current_last_decision": current["last_decision"],
        "backup_schema_version": info.schema_version,
        "current_schema_version": current["schema_version"],
        "counts": rows,
        "same_counts": all(r["difference"] == 0 for r in rows if r["table"] != "audit_log"),
    }


# -- the catalog ----------------------------------------------------------------------------------------


def _catalog_path(folder: Path) -> Path:
    return folder / CATALOG_NAME


def _read_catalog(folder: Path) -> dict[str, BackupInfo] | None:
    try:
        data = json.loads(_catalog_path(folder).read_text(encoding="utf-8"))
        entries = [BackupInfo.from_json(folder, item) for item in data["backups"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # unreadable or edited into another shape: rebuilt from the files themselves
    return {info.path.name: info for info in entries}


def _catalog_entry(info: BackupInfo) -> dict[str, Any]:
    """An entry of backups.json; the unit is left out while it could not be read from the file, so the next listing
    asks the file again instead of recording "no unit" for good."""
    skipped = {"path"} if info.unit_read else {"path", "unit_uuid", "unit_name"}
    return {key: value for key, value in info.as_json().items() if key not in skipped}


def _write_catalog(folder: Path, entries: list[BackupInfo]) -> None:
    """Atomic: a crash leaves either the old catalog or the new one, never half of one."""
    ordered = sorted(entries, key=made_order, reverse=True)
    payload = {
        "format": CATALOG_FORMAT,
        "backups": [_catalog_entry(info) for info in ordered],
    }
    temp = folder / f".{CATALOG_NAME}.{new_uuid()}{TEMP_SUFFIX}"
    try:
        with temp.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(payload, ensure_ascii=False))  # compact: the C encoder, fast with many entries
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(temp, _catalog_path(folder))
        _fsync_dir(folder)
    finally:
        discard(temp)


def _catalog_upsert(folder: Path, info: BackupInfo) -> None:
    """Add ``info`` to the catalog; a catalog another program holds open is left for the next listing to rebuild
    (the backup is complete and carries its checksum, which is what a restore checks)."""
    entries = _reconcile(folder, skip=info.path.name)
    entries[info.path.name] = info
    with contextlib.suppress(OSError):
        _write_catalog(folder, list(entries.values()))


def _scan(path: Path) -> BackupInfo:
    """Catalog entry of a file found in the folder (catalog lost, or a copy put there by hand)."""
    parsed = parse_name(path.name)
    assert parsed is not None
    when, reason = parsed
    try:
        info = describe_backup(path, allow_unverified=True)
    except BackupError as exc:
        unit_uuid, unit_name = file_unit(path)  # a damaged file may still say whose it is
        return BackupInfo(
            path=path,
            created_at=when.isoformat(),
            reason=reason,
            size=path.stat().st_size,
            problem=str(exc),
            unit_uuid=unit_uuid,
            unit_name=unit_name,
        )
    info.created_at, info.reason = when.isoformat(), reason
    return info


def _reconcile(folder: Path, skip: str = "") -> dict[str, BackupInfo]:
    """Catalog entries for the backup files really in the folder (rebuilding missing entries)."""
    known = _read_catalog(folder)
    files = sorted(p for p in folder.glob(f"{FILE_PREFIX}*{FILE_SUFFIX}") if parse_name(p.name) and p.is_file())
    entries: dict[str, BackupInfo] = {}
    for path in files:
        if path.name == skip:
            continue
        if known is not None and path.name in known:
            entries[path.name] = known[path.name]
            if not known[path.name].unit_read:  # a catalog written before backups recorded their unit
                unit = _read_file_unit(path)
                if unit is not None:  # a file held open just now is asked again at the next listing
                    known[path.name].unit_uuid, known[path.name].unit_name = unit
                    known[path.name].unit_read = True
            vouched = known[path.name].verified and not known[path.name].no_checksum
            if vouched and known[path.name].sha256 and not checksum_path(path).exists():
                with contextlib.suppress(OSError):  # older backups get the checksum that travels with them
                    _write_checksum(path, known[path.name].sha256)
        else:
            entries[path.name] = _scan(path)
    return entries


def list_backups(folder: Path | str) -> list[BackupInfo]:
    """Backups in ``folder``, newest first; the catalog is rebuilt (and rewritten) if lost or stale."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    known = _read_catalog(folder)
    unread = known is not None and any(not info.unit_read for info in known.values())
    entries = _reconcile(folder)
    if known is None or unread or set(known) != set(entries):
        with contextlib.suppress(OSError):  # a read-only folder still lists
            _write_catalog(folder, list(entries.values()))
    return sorted(entries.values(), key=made_order, reverse=True)


# -- rotation -------------------------------------------------------------------------------------------


def plan_rotation(
    backups: list[BackupInfo], *, policy: RotationPolicy = DEFAULT_POLICY, now: datetime | None = None
) -> list[BackupInfo]:
    """The backups the policy lets go, newest first. A folder may hold the backups of several databases (the
    default folder is per Windows user): the quotas and "never the newest verified one" apply to each unit's
    backups on their own, those of no known unit being one more group, so a file opened every day never pushes
    out the backups of one opened rarely."""
    now = (now or datetime.now()).astimezone()
    groups: dict[str | None, list[BackupInfo]] = {}
    for info in backups:
        groups.setdefault(info.unit_uuid, []).append(info)
    doomed = [info for group in groups.values() for info in _plan_one_unit(group, policy, now)]
    return sorted(doomed, key=made_order, reverse=True)


def _plan_one_unit(backups: list[BackupInfo], policy: RotationPolicy, now: datetime) -> list[BackupInfo]:
    """Ranked by the time in the name, the PC clock's: a backup dated after ``now`` (the clock ran ahead, or is behind
    now: a dead CMOS battery says 2000) is never let go and takes no place in a quota."""
    newest_first = sorted(backups, key=made_order, reverse=True)
    keep_counts = {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    seen = dict.fromkeys(keep_counts, 0)
    newest_verified = next((i for i in newest_first if i.verified), None)
    doomed = []
    for info in newest_first:
        if info.created > now:  # made while the clock was ahead, or it is behind now: no ranking can be trusted
            continue
        if info.reason in keep_counts:
            seen[info.reason] += 1  # the newest verified one counts toward its kind's quota too
            expired = seen[info.reason] > keep_counts[info.reason]
        else:
            expired = now - info.created > timedelta(days=policy.keep_days)
        if expired and info is not newest_verified:
            doomed.append(info)
    return doomed


EVERY_UNIT = "*"


def rotate(
    folder: Path | str,
    *,
    policy: RotationPolicy = DEFAULT_POLICY,
    now: datetime | None = None,
    unit_uuid: str | None = EVERY_UNIT,
    keep: frozenset[str] | set[str] = frozenset(),
) -> list[Path]:
    """Delete what the policy no longer keeps; returns the removed files. With ``unit_uuid`` only that unit's
    backups are rotated (None: those of no known unit): the policy is the open file's setting, and one file's
    tighter quota must not delete another unit's backups in a shared folder. Names in ``keep`` are never deleted."""
    folder = Path(folder)
    backups = list_backups(folder)
    mine = backups if unit_uuid == EVERY_UNIT else [i for i in backups if i.unit_uuid == unit_uuid]
    doomed = [i for i in plan_rotation(mine, policy=policy, now=now) if i.path.name not in keep]
    removed: list[Path] = []
    for info in doomed:
        try:
            remove_file(info.path)
        except OSError:
            continue  # still held by another program: the next rotation removes it
        discard(checksum_path(info.path))
        removed.append(info.path)
    _remove_stale_temps(folder, now=now)
    if removed:
        gone = {p.name for p in removed}
        with contextlib.suppress(OSError):  # held by another program: the next listing rebuilds it
            _write_catalog(folder, [i for i in backups if i.path.name not in gone])
    return removed


def _remove_stale_temps(folder: Path, *, now: datetime | None) -> None:
    """Half-written copies left by a crash (never renamed, so never a backup)."""
    limit = (now or datetime.now()).timestamp() - STALE_TEMP_HOURS * 3600
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < limit:
                discard(temp)
    for reserved in folder.glob(f"{FILE_PREFIX}*{FILE_SUFFIX}{CHECKSUM_SUFFIX}"):  # a name reserved, then a crash
        with contextlib.suppress(OSError):
            stat = reserved.stat()
            backup = reserved.with_name(reserved.name.removesuffix(CHECKSUM_SUFFIX))
            if stat.st_size == 0 and stat.st_mtime < limit and not backup.exists():
                discard(reserved)


# -- where the backups are ------------------------------------------------------------------------------


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _is_removable_drive(path: Path) -> bool:
    if sys.platform != "win32":
        return False
    drive = path.absolute().drive
    if not drive:
        return False
    drive_removable, drive_remote = 2, 4
    kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined,unused-ignore]
    return int(kind) in (drive_removable, drive_remote)


def is_off_pc(folder: Path | str, db_path: Path | str) -> bool:
    """True when backups in ``folder`` survive the loss of the database's disk (USB, second disk, share)."""
    folder, db_path = Path(folder), Path(db_path)
    if _is_removable_drive(folder):
        return True
    try:
        return _existing_ancestor(folder).stat().st_dev != _existing_ancestor(db_path).stat().st_dev
    except OSError:
        return False


def last_off_pc_backup_age_days(
    folder: Path | str, db_path: Path | str, *, now: datetime | None = None
) -> float | None:
    """Days since the newest verified backup in ``folder`` if that folder is off the PC; else None."""
    folder = Path(folder)
    if not folder.is_dir() or not is_off_pc(folder, db_path):
        return None
    verified = [i for i in list_backups(folder) if i.verified]
    if not verified:
        return None
    now = (now or datetime.now()).astimezone()
    return max((now - verified[0].created).total_seconds() / 86400, 0.0)
