"""Restoring a backup: the live database file is replaced only by a complete, checked copy of one of ours.

The backup is checked first (checksum, integrity, that this program made it:
:func:`desktop.store.backup.describe_backup`), copied beside the database, migrated and given its own audit event
there, checked again, and only then swapped in with one rename (:func:`desktop.files.replace.replace_file`, which
waits out an antivirus holding the file on Windows). The file being replaced is backed up first (the safety copy);
a failure before the swap leaves the file as it was, a failure after it puts the safety copy back. Split from
:mod:`desktop.store.backup`, which makes, describes, catalogues and rotates the backups this module restores.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from desktop.files.problems import os_reason
from desktop.files.replace import FileInUseError, discard, remove_file, replace_file
from desktop.i18n import _
from desktop.store import audit, instance_lock, migrations
from desktop.store.backup import (
    FILE_PREFIX,
    TEMP_SUFFIX,
    BackupError,
    BackupInfo,
    _catalog_upsert,
    _check_file,
    _free_name,
    _fsync_dir,
    _fsync_file,
    _not_ours,
    _open_readonly,
    _release_name,
    _scan,
    _schema_version,
    _sha256,
    _tables,
    _write_checksum,
    checksum_path,
    create_backup,
    describe_backup,
    list_backups,
)
from desktop.store.backup_schema import _schema_by_version
from desktop.store.db import Store, new_uuid, open_here
from desktop.store.errors import StoreError

# Windows refuses to rename over a file any handle has open (the restore's own lock included): the lock is let go
# just before the swap there, while POSIX keeps it until the new file is in place. The Windows simulation of the
# tests (tests/files/windows_fs.py) sets it too.
RENAME_NEEDS_CLOSED_FILES = os.name == "nt"

# Writes what the restore itself records (its audit event) into the restored copy, given the copy (already at the
# current schema) and the safety copy of the replaced file (None when there was no file); runs before the swap.
PrepareRestored = Callable[[Store, "Path | None"], None]


def restore_backup(
    store_path: Path | str,
    backup_path: Path | str,
    *,
    safety_folder: Path | str,
    allow_unverified: bool = False,
    prepare: PrepareRestored | None = None,
) -> Path | None:
    """Replace the database file by a verified backup; returns the safety copy of the replaced file.

    The caller must have closed its own connection. Refused while a window has the file open: another program's
    window holding its lock, or another store of this process (:func:`_refuse_when_open`). The old file is
    checkpointed, taken out of WAL mode and held
    exclusively locked from its safety copy to the swap (nobody saves into it meanwhile). Its content is not
    changed until the restored copy is complete: the backup is checked (checksum, integrity, that this program made
    it), copied beside the database, fsynced, migrated to the current schema there (never in the live file), given
    its audit event (``prepare``) and checked again. Only then are the old file's -wal/-shm removed (so a stale WAL
    can never be applied to the restored file) and the copy swapped in with one atomic rename. A failure before the
    swap leaves the file as it was and removes the safety copy made for it; a failure after it puts the safety copy
    back.
    """
    store_path, backup_path = Path(store_path), Path(backup_path)
    info = describe_backup(backup_path, allow_unverified=allow_unverified)
    if info.schema_version > migrations.LATEST_VERSION:
        raise BackupError(
            _(
                "Bản sao lưu {path} được tạo bởi phiên bản mới hơn của chương trình (cấu trúc số {found}); "
                "hãy cài phiên bản mới nhất trước khi khôi phục."
            ).format(path=backup_path, found=info.schema_version)
        )
    existed = store_path.exists()
    window_lock = _refuse_when_open(store_path) if existed else None
    try:
        return _restore(store_path, backup_path, info, Path(safety_folder), existed=existed, prepare=prepare)
    finally:
        if window_lock is not None:
            window_lock.release()


def _refuse_when_open(store_path: Path) -> instance_lock.InstanceLock | None:
    """Refuse (BackupError) while a window has the file open: a window of another program holds its lock, or
    another store of this process (another window, a worker) has it open. Otherwise the window lock is taken for
    the restore's time, so no window starts writing to the file being replaced; None when this process's own
    window holds it (the window restoring, which has closed its store) or no lock file can be made there."""
    if open_here(store_path):
        raise BackupError(_in_use(store_path))
    if instance_lock.held_here(store_path):
        return None
    lock = instance_lock.InstanceLock(store_path)
    try:
        taken = lock.acquire()
    except OSError:
        return None  # a folder that takes no lock file takes no restored copy either: refused further on
    if not taken:
        raise BackupError(_in_use(store_path))
    return lock


def _restore(
    store_path: Path,
    backup_path: Path,
    info: BackupInfo,
    safety_folder: Path,
    *,
    existed: bool,
    prepare: PrepareRestored | None,
) -> Path | None:
    """:func:`restore_backup` once the backup is checked and no window has the file open."""
    # Held from the safety copy to the swap: a save made meanwhile by another window or program would be in
    # neither the safety copy nor the restored file. Refused here when another connection has the file open.
    # The safety copy is read through a handle opened before the lock and closed after it is let go: on POSIX,
    # closing any handle of the file drops every lock this process holds on it (SQLite's included).
    reader = _open_reader(store_path) if existed else None
    holder = _hold_exclusive(store_path) if existed else None
    try:
        if existed:
            source = reader if holder is not None else None
            safety = _safety_copy(store_path, safety_folder, source=source)
        else:
            safety = None
    except BaseException:
        _let_go(holder, reader)
        raise
    temp = store_path.with_name(f".{store_path.name}.restore{TEMP_SUFFIX}")
    swapped = False
    keep_safety = False  # the old file's side files could not be put back: its safety copy holds them too
    try:
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):  # left by a restore that crashed: never applied here
                remove_file(Path(f"{temp}{suffix}"))
            shutil.copyfile(backup_path, temp)
            _fsync_file(temp)
            if _sha256(temp) != info.sha256:
                raise BackupError(
                    _("Chép bản sao lưu sang {path} bị lỗi (mã kiểm tra không khớp); chưa thay đổi gì.").format(
                        path=temp
                    )
                )
            _bring_up_to_date(temp, backup_path, store_path, safety, prepare)
            if existed and holder is None:
                _checkpoint_and_release(store_path)  # a file too damaged to lock: a window opened since?
            # Set aside, not deleted: a stale -wal must never be applied to the restored file, but until the swap
            # has happened it may hold committed changes of the old one (a file too damaged to checkpoint).
            aside = _set_aside(store_path)
            if RENAME_NEEDS_CLOSED_FILES:  # Windows renames over no file that is open, ours included
                _let_go(holder, reader)
                holder = reader = None
            try:
                replace_file(temp, store_path)
            except BaseException:
                left = _put_aside_back(aside)
                if left:
                    keep_safety = True
                    raise BackupError(_sides_not_back(store_path, left, safety)) from None
                raise
            swapped = True
            _drop_aside(aside)
            # a writer that waited for the lock on the old file now meets Store's replaced-file check, not a save
            # into a file that is gone
            _let_go(holder, reader)
            holder = reader = None
            _fsync_dir(store_path.parent)
            problem = _swapped_problem(store_path)
            if problem:
                raise BackupError(problem)
        except FileInUseError as exc:
            raise BackupError(str(exc)) from exc
        except OSError as exc:
            if swapped:
                raise BackupError(str(exc)) from exc
            raise BackupError(
                _("Không thay được tệp dữ liệu {path}: {reason}. Tệp cũ vẫn còn nguyên.").format(
                    path=store_path, reason=exc
                )
            ) from exc
    except Exception as exc:
        if not swapped:
            if not keep_safety:
                _drop_safety_copy(safety)  # the file is as it was: a copy of it is only clutter
            raise
        raise BackupError(_put_back(store_path, backup_path, safety, exc)) from exc
    finally:
        _let_go(holder, reader)
        for suffix in ("", "-wal", "-shm", "-journal"):
            discard(Path(f"{temp}{suffix}"))
    return safety


SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
ASIDE_SUFFIX = ".restore-old"


def _set_aside(store_path: Path) -> list[tuple[Path, Path]]:
    """Rename the live file's -wal/-shm/-journal out of SQLite's sight; returns (original, aside) pairs. A failure
    puts back what was moved and raises OSError (the swap has not happened: the old file is whole)."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in SIDE_SUFFIXES:
            side = Path(f"{store_path}{suffix}")
            if not side.exists():
                continue
            aside = Path(f"{side}.{new_uuid()}{ASIDE_SUFFIX}")  # a name no earlier, interrupted restore left
            replace_file(side, aside)
            moved.append((side, aside))
    except BaseException:
        _put_aside_back(moved)
        raise
    return moved


def _put_aside_back(moved: list[tuple[Path, Path]]) -> list[Path]:
    """The swap failed: the side files go back where SQLite reads them; returns those left aside (not put back)."""
    left: list[Path] = []
    for side, aside in moved:
        try:
            replace_file(aside, side)
        except OSError:
            left.append(aside)
    return left


def _drop_aside(moved: list[tuple[Path, Path]]) -> None:
    """The restored file is in place: the replaced file's side files belong to nothing now."""
    for _side, aside in moved:
        discard(aside)


def _sides_not_back(store_path: Path, left: list[Path], safety: Path | None) -> str:
    return _(
        "Không thay được tệp dữ liệu {path}, và không đặt lại được các tệp đi kèm của nó ({files}): hãy đổi tên "
        "chúng về như cũ (bỏ phần đuôi sau -wal, -shm hoặc -journal) trước khi mở lại chương trình. Dữ liệu ngay "
        "trước khi khôi phục cũng được giữ ở {safety}."
    ).format(path=store_path, files=", ".join(str(p) for p in left), safety=safety or "—")


def _hold_exclusive(store_path: Path) -> sqlite3.Connection | None:
    """The live file checkpointed, out of WAL mode and exclusively locked (nobody else reads or writes it); None
    when the file is too damaged to open or lock (its bytes are copied as they are). Refused (BackupError) when
    another window or program has it open."""
    try:
        conn = sqlite3.connect(str(store_path), isolation_level=None, timeout=2)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower() == "wal":
            raise sqlite3.OperationalError("database is locked")  # another connection keeps it in WAL mode
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise BackupError(_in_use(store_path)) from exc
        return None
    except sqlite3.Error:
        conn.close()
        return None  # a damaged file: replacing it is the point of restoring
    return conn


def _open_reader(store_path: Path) -> BinaryIO | None:
    try:
        return open(store_path, "rb")  # closed by _let_go, after the lock (see restore_backup)
    except OSError:
        return None


def _let_go(holder: sqlite3.Connection | None, reader: BinaryIO | None) -> None:
    """Let go of the exclusive lock (nothing was written under it), then close the reading handle."""
    if holder is not None:
        with contextlib.suppress(sqlite3.Error):
            holder.execute("ROLLBACK")
        holder.close()
    if reader is not None:
        reader.close()


def _in_use(store_path: Path) -> str:
    return _(
        "Tệp dữ liệu {path} đang được một cửa sổ hoặc chương trình khác mở; hãy đóng nó rồi khôi phục lại. "
        "Chưa thay đổi gì."
    ).format(path=store_path)


def _bring_up_to_date(
    temp: Path, backup_path: Path, store_path: Path, safety: Path | None, prepare: PrepareRestored | None
) -> None:
    """Migrate the restored copy to the current schema and record the restore in it, then check it: all in the copy
    beside the database, so a backup the migrations cannot take never becomes the live file."""
    unchanged = _("Tệp dữ liệu {path} chưa thay đổi.").format(path=store_path)
    try:
        store = Store(temp)
    except StoreError as exc:
        raise BackupError(
            _("Không mở được bản sao lưu {path} để nâng cấp: {reason}.").format(path=backup_path, reason=exc)
            + " "
            + unchanged
        ) from exc
    try:
        migrations.migrate(store)  # no copy first: the backup itself is the file as it was before
        _make_sure_of_audit_triggers(store)
        if prepare is not None:
            prepare(store, safety)
    except (sqlite3.Error, StoreError, ValueError) as exc:
        raise BackupError(
            _("Không nâng cấp được bản sao lưu {path} lên cấu trúc của phiên bản này ({reason}).").format(
                path=backup_path, reason=exc
            )
            + " "
            + unchanged
        ) from exc
    finally:
        store.close()
    _checkpoint_and_release(temp)  # a standalone file again (rollback journal), its WAL folded in
    problem = _restored_problem(temp)
    if problem:
        raise BackupError(
            _("Bản sao lưu {path} sau khi nâng cấp không dùng được ({problem}).").format(
                path=backup_path, problem=problem
            )
            + " "
            + unchanged
        )


def _make_sure_of_audit_triggers(store: Store) -> None:
    """Drop every trigger the current schema does not make, put back those of the schema scripts (audit_log is
    append-only) and generate the audit triggers again: a file already at the current version is not migrated, so
    nothing else would put back triggers dropped outside the program (or take away one that empties audit_log), and
    every change after the restore would go unlogged."""
    made, generated = _schema_by_version()[migrations.LATEST_VERSION]
    scripted = {name: sql for (kind, name), sql in made.items() if kind == "trigger"}
    with store.acting_as("system"), store.transaction(operation="backup.restore"):
        for row in store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"):
            name = str(row["name"])
            if name not in generated and scripted.get(name) != row["sql"]:
                quoted = name.replace('"', '""')
                store.execute(f'DROP TRIGGER "{quoted}"')
        present = {row["name"] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name, sql in scripted.items():
            if name not in present:
                store.execute(sql)
        audit.install_triggers(store)


def _restored_problem(path: Path) -> str:
    """Why the restored copy at ``path`` must not become the database ("" when it may)."""
    try:
        integrity, counts, version, _last, _unit_of_copy = _check_file(path)
    except sqlite3.Error as exc:
        return str(exc)
    if integrity != ["ok"]:
        return _("kiểm tra toàn vẹn: {detail}").format(detail="; ".join(integrity[:3]))
    if version != migrations.LATEST_VERSION:
        return _("cấu trúc số {found} thay vì {expected}").format(found=version, expected=migrations.LATEST_VERSION)
    return _not_ours(path, counts, version)


def _swapped_problem(store_path: Path) -> str:
    """The file now in place opens and has every table of the current schema ("" when so)."""
    try:
        conn = _open_readonly(store_path)
        try:
            tables = _tables(conn)
            version = _schema_version(conn, tables)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return _("không mở được tệp vừa khôi phục {path}: {reason}").format(path=store_path, reason=exc)
    if version != migrations.LATEST_VERSION:
        return _("tệp vừa khôi phục {path} có cấu trúc số {found} thay vì {expected}").format(
            path=store_path, found=version, expected=migrations.LATEST_VERSION
        )
    return _not_ours(store_path, tables, version)


def _drop_safety_copy(safety: Path | None) -> None:
    """Remove a safety copy made for a restore that then changed nothing (and its catalog entry)."""
    if safety is None:
        return
    with contextlib.suppress(OSError):
        remove_file(safety)
        discard(checksum_path(safety))
        discard(Path(f"{safety}-wal"))
        list_backups(safety.parent)  # the catalog forgets the file


def _put_back(store_path: Path, backup_path: Path, safety: Path | None, error: Exception) -> str:
    """The restored file failed after the swap: put the safety copy back; returns what the clerk is told."""
    temp = store_path.with_name(f".{store_path.name}.putback{TEMP_SUFFIX}")
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            remove_file(Path(f"{store_path}{suffix}"))
        if safety is None:  # there was no file before the restore: leave none
            remove_file(store_path)
            return _(
                "Khôi phục từ {backup} không thành công ({reason}); đã xóa tệp vừa khôi phục {path}, "
                "như trước khi khôi phục chưa có tệp này."
            ).format(backup=backup_path, reason=error, path=store_path)
        shutil.copyfile(safety, temp)
        _fsync_file(temp)
        replace_file(temp, store_path)
        side = Path(f"{safety}-wal")
        if side.exists():  # a raw copy of a damaged file kept its WAL beside it
            shutil.copyfile(side, Path(f"{store_path}-wal"))
        _fsync_dir(store_path.parent)
    except OSError as exc:
        return _(
            "Khôi phục từ {backup} không thành công ({reason}) và không đặt lại được dữ liệu cũ ({error}): tệp dữ "
            "liệu {path} có thể không dùng được. Dữ liệu ngay trước khi khôi phục được giữ ở {safety}; hãy khôi "
            "phục bản đó."
        ).format(backup=backup_path, reason=error, error=exc, path=store_path, safety=safety or "—")
    finally:
        discard(temp)
    return _(
        "Khôi phục từ {backup} không thành công ({reason}); dữ liệu cũ đã được đặt lại vào {path} từ bản sao lưu "
        "trước khi khôi phục {safety} (bản này vẫn được giữ)."
    ).format(backup=backup_path, reason=error, path=store_path, safety=safety)


def _safety_copy(store_path: Path, folder: Path, *, source: BinaryIO | None = None) -> Path:
    """A backup of the file about to be replaced; a raw copy if the file is too damaged to back up, or read from
    ``source`` while this restore holds the file exclusively locked (out of WAL mode, nothing half-written: its
    bytes are the whole database)."""
    store = None
    if source is None:
        with contextlib.suppress(StoreError):
            store = Store(store_path)
    if store is not None:
        try:
            return create_backup(store, folder, reason="before_restore").path
        except BackupError:
            pass
        finally:
            store.close()
    # The current file is damaged (often why one restores): keep its bytes as they are.
    target: Path | None = None
    temp = folder / f".{FILE_PREFIX}{new_uuid()}{TEMP_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, datetime.now().astimezone(), "before_restore")
        if source is not None:
            source.seek(0)
            with open(temp, "wb") as out:
                shutil.copyfileobj(source, out)
        else:
            shutil.copyfile(store_path, temp)
        _fsync_file(temp)
        _write_checksum(target, _sha256(temp))
        replace_file(temp, target)
        for suffix in ("-wal",):
            side = Path(f"{store_path}{suffix}")
            if side.exists():
                shutil.copyfile(side, Path(f"{target}{suffix}"))
    except OSError as exc:
        raise BackupError(
            _(
                "Không tạo được bản sao an toàn của dữ liệu hiện tại trong {folder} nên chưa khôi phục, dữ liệu vẫn "
                "nguyên như cũ: {reason}"
            ).format(folder=folder, reason=os_reason(exc))
        ) from exc
    finally:
        discard(temp)
        _release_name(target)
    _catalog_upsert(folder, _scan(target))
    return target


def _checkpoint_and_release(store_path: Path) -> None:
    """Fold the WAL into the main file and leave WAL mode; refuse when another connection has it open.

    Leaving WAL mode needs the only connection to the file, so it doubles as the check that no other
    window or program would keep writing to the old file (or a stale -wal) behind the restored one.
    """
    _let_go(_hold_exclusive(store_path), None)
