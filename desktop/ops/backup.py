"""Backup operations used by the window and ``tdkt backup``: where, when, now, restore, status, check.

Automatic backups (the daily one, before a package import or a decision) never fail for want of the
chosen folder: when the USB stick is not plugged in they go to the default folder on this PC, so
there is always a recent copy; the status then says that the off-PC copy is getting old.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain.series_key import normal_series_key
from desktop.domain.text import nfc
from desktop.files.problems import os_reason
from desktop.files.replace import discard
from desktop.i18n import N_, _
from desktop.paths import user_data_dir
from desktop.store import Store, StoreError, ValidationError, new_uuid, unit_repo
from desktop.store import backup as core
from desktop.store import restore as restoring
from desktop.store.audit import record_event
from desktop.store.db import is_busy

SETTING_FOLDER = "backup_folder"
SETTING_LAST_AUTOMATIC = "backup_last_automatic_day"  # YYYY-MM-DD of the last first-start-of-day backup
SETTING_LAST_OFF_PC = "backup_last_off_pc_at"  # ISO time of the newest verified backup made off this PC
SETTING_LAST_FALLBACK = (
    "backup_last_fallback"  # JSON {at, folder, problem} while automatic backups cannot use the chosen folder
)
SETTING_POLICY = "backup_rotation"  # JSON {"daily", "weekly", "monthly", "keep_days"}; defaults in core
OFF_PC_WARNING_DAYS = 30
AUDIT_TABLE = "backups"
OFF_PC_WARNING = N_("Bản sao lưu ngoài máy gần nhất đã cũ hơn một tháng — hãy sao lưu ra USB hoặc ổ đĩa khác.")
OTHER_UNIT_WARNING = N_(
    "Bản sao lưu này là dữ liệu của «{backup_unit}», không phải của «{current_unit}» đang mở. "
    "Khôi phục sẽ thay toàn bộ dữ liệu «{current_unit}» bằng dữ liệu «{backup_unit}»."
)
UNIT_CHANGED = N_("Dữ liệu trong tệp bây giờ là của «{backup_unit}», không còn là của «{current_unit}».")


def default_backup_folder() -> Path:
    return user_data_dir() / "backups"


def backup_folder(store: Store) -> Path:
    """The folder the clerk chose (a USB stick, a second disk), or the default one in the user folder."""
    chosen = unit_repo.get_setting(store, SETTING_FOLDER)
    return Path(chosen) if chosen else default_backup_folder()


def set_backup_folder(store: Store, *, folder: Path | str) -> Path:
    folder = Path(folder).expanduser()
    if not str(folder).strip():
        raise ValidationError(_("Chưa chọn thư mục sao lưu."), field="folder")
    try:
        _probe(folder)
    except OSError as exc:
        raise ValidationError(
            _("Không ghi được vào thư mục {folder}: {reason}").format(folder=folder, reason=os_reason(exc)),
            field="folder",
        ) from exc
    previous = backup_folder(store)
    with store.transaction(operation="backup.folder"):
        unit_repo.set_setting(store, SETTING_FOLDER, str(folder))
        record_event(
            store,
            table=AUDIT_TABLE,
            before={"folder": str(previous)},
            after={"folder": str(folder), "off_pc": core.is_off_pc(folder, store.path)},
        )
    return folder


def rotation_policy(store: Store) -> core.RotationPolicy:
    raw = unit_repo.get_setting(store, SETTING_POLICY)
    if not raw:
        return core.DEFAULT_POLICY
    try:
        values = {k: int(v) for k, v in json.loads(raw).items() if k in core.DEFAULT_POLICY.__dataclass_fields__}
    except (ValueError, TypeError, AttributeError):
        return core.DEFAULT_POLICY
    return replace(core.DEFAULT_POLICY, **{k: max(v, 1) for k, v in values.items()})


def _probe(folder: Path) -> None:
    """Raise the OSError that writing into ``folder`` meets now (unplugged, write-protected, full, no right)."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".tdkt-probe-{core.new_uuid()}"
    probe.write_bytes(b"")
    discard(probe)  # an antivirus may hold the new file a moment: writing is what this checks


def _make_automatic(store: Store, *, reason: str, now: datetime | None = None) -> core.BackupInfo:
    """An automatic backup into the chosen folder, or into the default one when the chosen folder cannot take it
    now (a stick unplugged or write-protected, a full disk): an automatic backup never fails for the chosen
    folder alone. The fall-back is written in the audit log; when the folder is there but refuses (write-protected,
    full), it is also kept for :func:`backup_status` to show — an unplugged stick is the normal case, not a fault."""
    chosen = backup_folder(store)
    fallback = default_backup_folder()
    try:
        _probe(chosen)
        info = _make(store, chosen, reason=reason, now=now)
    except (OSError, core.BackupError) as exc:
        if chosen == fallback:
            if isinstance(exc, OSError):
                raise core.BackupError(
                    _("Không ghi được bản sao lưu vào {folder}: {reason}").format(folder=chosen, reason=os_reason(exc))
                ) from exc
            raise
        problem = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        return _make(store, fallback, reason=reason, now=now, fallback_from=(chosen, problem))
    if unit_repo.get_setting(store, SETTING_LAST_FALLBACK):
        with store.transaction(operation="backup.create"):
            unit_repo.set_setting(store, SETTING_LAST_FALLBACK, "")
    return info


def _record(
    store: Store,
    info: core.BackupInfo,
    *,
    operation: str = "backup.create",
    fallback_from: tuple[Path, str] | None = None,
) -> None:
    with store.transaction(operation=operation):
        if core.is_off_pc(info.path.parent, store.path):
            unit_repo.set_setting(store, SETTING_LAST_OFF_PC, info.created_at)
        after: dict[str, Any] = {
            "file": str(info.path),
            "reason": info.reason,
            "size": info.size,
            "sha256": info.sha256,
            "verified": info.verified,
        }
        if fallback_from is not None:
            after["chosen_folder"], after["chosen_folder_problem"] = str(fallback_from[0]), fallback_from[1]
        if fallback_from is not None and fallback_from[0].is_dir():  # an unplugged stick is normal, not a warning
            unit_repo.set_setting(
                store,
                SETTING_LAST_FALLBACK,
                json.dumps({"at": info.created_at, "folder": str(fallback_from[0]), "problem": fallback_from[1]}),
            )
        record_event(store, table=AUDIT_TABLE, after=after)


def _make(
    store: Store,
    folder: Path,
    *,
    reason: str,
    now: datetime | None = None,
    fallback_from: tuple[Path, str] | None = None,
) -> core.BackupInfo:
    info = core.create_backup(store, folder, reason=reason, now=now)
    try:
        _record(store, info, fallback_from=fallback_from)
    except StoreError as exc:
        # The copy is made and checked; only its line in this file's log is missing (another program holds the
        # file for writing). "Nothing was written" would be false and send the clerk to make a second copy.
        raise StoreError(
            _(
                "Bản sao lưu {file} đã được ghi và kiểm tra, dùng được; nhưng chưa ghi được việc sao lưu vào nhật ký "
                "của dữ liệu ({reason}). Hãy làm lại khi chương trình kia đã xong."
            ).format(file=info.path, reason=_busy_or(exc))
        ) from exc
    # Only this unit's backups: the policy is this file's, a shared folder holds other units' too. The backup just
    # made is never among them, however wrong the clock that named it.
    core.rotate(folder, policy=rotation_policy(store), now=now, unit_uuid=info.unit_uuid, keep={info.path.name})
    return info


def _busy_or(exc: StoreError) -> str:
    """Why the log line was not written, without the store's "nothing was written" (the backup was)."""
    if is_busy(exc.__cause__):  # the store's own words end "nothing was written": not true of the backup
        return _("tệp dữ liệu đang bị một chương trình khác hoặc một cửa sổ khác của phần mềm giữ để ghi")
    return str(exc)


def classify_day(day: datetime) -> str:
    """The first backup of a day: monthly on the 1st, weekly on Mondays, daily otherwise."""
    if day.day == 1:
        return "monthly"
    if day.weekday() == 0:
        return "weekly"
    return "daily"


def daily_backup_if_due(store: Store, *, now: datetime | None = None) -> core.BackupInfo | None:
    """At the first start of each day, one automatic backup; None when today's is already made."""
    now = (now or datetime.now()).astimezone()
    today = now.date().isoformat()
    if unit_repo.get_setting(store, SETTING_LAST_AUTOMATIC) == today:
        return None
    info = _make_automatic(store, reason=classify_day(now), now=now)
    with store.transaction(operation="backup.create"):
        unit_repo.set_setting(store, SETTING_LAST_AUTOMATIC, today)
    return info


def backup_now(store: Store, *, reason: str = "manual", folder: Path | str | None = None) -> core.BackupInfo:
    """A backup into the chosen folder (or ``folder``); fails clearly if that folder is not reachable."""
    target = Path(folder) if folder else backup_folder(store)
    return _make(store, target, reason=reason)


def before_operation(store: Store, *, reason: str) -> core.BackupInfo:
    """Call before a package import (``before_import``) or a decision issue (``before_decision``)."""
    if reason not in ("before_import", "before_decision", "before_migration"):
        raise ValueError(f"not a before_* reason: {reason!r}")
    return _make_automatic(store, reason=reason)


def current_unit(store: Store) -> tuple[str | None, str | None]:
    """(uuid, name) of the open database's unit; (None, None) before it is set up."""
    return core.store_unit(store)


def is_own_backup(info: core.BackupInfo, unit_uuid: str | None) -> bool:
    """A backup of this unit's data, or one whose unit is not known (kept in view rather than hidden)."""
    return info.unit_uuid is None or info.unit_uuid == unit_uuid


def list_backups(store: Store, *, all_units: bool = False) -> list[core.BackupInfo]:
    """Backups in the chosen folder and, if different, the default one; newest first.

    The default folder is per Windows user, shared by every database opened on the PC: only this unit's
    backups (and those of no known unit) are listed unless ``all_units``.
    """
    folders = [backup_folder(store)]
    if default_backup_folder().absolute() != folders[0].absolute():
        folders.append(default_backup_folder())
    found: dict[Path, core.BackupInfo] = {}
    for folder in folders:
        for info in core.list_backups(folder):
            found.setdefault(info.path.absolute(), info)
    backups = list(found.values())
    if not all_units:
        unit_uuid, _name = current_unit(store)
        backups = [info for info in backups if is_own_backup(info, unit_uuid)]
    return sorted(backups, key=core.made_order, reverse=True)


def backups_in_folder(folder: Path | str) -> list[core.BackupInfo]:
    """The backups in ``folder``, newest first, whatever unit they are of: for a data file that will not open,
    whose unit and own backup folder cannot be read."""
    return core.list_backups(folder)


def file_unit(store_path: Path | str) -> tuple[str | None, str | None]:
    """(uuid, name) of the unit of a data file that may not open (read-only); (None, None) when not readable."""
    return core.file_unit(store_path) if Path(store_path).exists() else (None, None)


def unit_change(store_path: Path | str, info: core.BackupInfo) -> dict[str, Any] | None:
    """When ``info`` holds another unit's data than the file at ``store_path`` (both known): both units and the
    warning to show before restoring; None otherwise (same unit, a unit not known, or an unreadable file)."""
    current_uuid, current_name = core.file_unit(store_path) if Path(store_path).exists() else (None, None)
    if not unit_changed(current_uuid, info.unit_uuid):
        return None
    backup_name = info.unit_name or _("không rõ tên")
    current = current_name or _("không rõ tên")
    return {
        "backup_unit_uuid": info.unit_uuid,
        "backup_unit_name": info.unit_name,
        "current_unit_uuid": current_uuid,
        "current_unit_name": current_name,
        "warning": _(OTHER_UNIT_WARNING).format(backup_unit=backup_name, current_unit=current),
        "after": _(UNIT_CHANGED).format(backup_unit=backup_name, current_unit=current),
    }


def restore(store_path: Path | str, *, backup_path: Path | str, allow_unverified: bool = False) -> Path | None:
    """Replace the database by a backup; the caller has closed its store. Returns the safety copy.

    A backup with no checksum anywhere is refused unless ``allow_unverified`` (the clerk's typed confirmation);
    the audit log then says the restored data was not verified. What the replaced file had and the backup has not
    (its later audit rows, decision numbers, certificate prints, keys) is kept in the restored file (``record``
    below); :func:`restore_notes` says it for the clerk.
    """
    store_path = Path(store_path)
    folder = default_backup_folder()
    if store_path.exists():
        try:
            with Store(store_path, readonly=True) as old:
                if old.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'settings'"):
                    folder = backup_folder(old)
        except StoreError:
            pass  # a damaged file: the safety copy goes to the default folder
        try:
            _probe(folder)
        except OSError:
            folder = default_backup_folder()  # the stick is unplugged or write-protected: the copy stays on this PC
    described = core.describe_backup(backup_path, allow_unverified=allow_unverified)
    previous_uuid, previous_name = core.file_unit(store_path) if store_path.exists() else (None, None)

    def record(restored: Store, safety: Path | None) -> None:
        """The audit event, written into the restored copy before it replaces the file, after what the replaced file
        (its safety copy) had and the backup has not: its later audit rows (:func:`_carry_later_audit`), the decision
        numbers it had taken (:func:`_keep_numbers_taken`), its certificate prints (:func:`_keep_prints`) and, for
        the same unit known on both sides, its key pairs and trusted keys (:func:`_keep_keys`)."""
        same_unit = not unit_changed(previous_uuid, described.unit_uuid)
        # keys only between two files known to be the same unit's: another unit, or one not set up, never gets them
        same_keys = previous_uuid is not None and previous_uuid == described.unit_uuid
        with restored.transaction(operation="backup.restore"):
            carried, kept, prints, keys = 0, [], _PrintsKept(), _KeysKept()
            if safety is not None and same_unit:
                carried = _carry_later_audit(restored, safety)
                kept = _keep_numbers_taken(restored, safety, Path(backup_path).name)
                prints = _keep_prints(restored, safety)
            if safety is not None and same_keys:
                keys = _keep_keys(restored, safety)
            record_event(
                restored,
                table=AUDIT_TABLE,
                after={
                    "restored_from": str(backup_path),
                    "backup_created_at": described.created_at,
                    "backup_sha256": described.sha256,
                    "verified": described.verified,
                    "safety_copy": str(safety) if safety else None,
                    "backup_unit": described.unit_name,
                    "backup_unit_uuid": described.unit_uuid,
                    "previous_unit": previous_name,
                    "previous_unit_uuid": previous_uuid,
                    "unit_changed": unit_changed(previous_uuid, described.unit_uuid),
                    "audit_rows_carried": carried,
                    "numbers_kept": kept,
                    "certificate_prints_kept": prints.kept,
                    "certificate_prints_not_attached": prints.not_attached,
                    "unit_keys_kept": keys.unit_keys,
                    "active_unit_key": keys.active,
                    "trusted_keys_kept": keys.trusted,
                    "trusted_keys_revoked": keys.revoked,
                },
            )

    # The backup is migrated and the event recorded in a copy beside the file; the file is replaced only when that
    # copy is whole (a failure afterwards puts the safety copy back).
    return restoring.restore_backup(
        store_path, backup_path, safety_folder=folder, allow_unverified=allow_unverified, prepare=record
    )


def restore_notes(store: Store) -> str:
    """What the last restore of this file kept of the file it replaced, in sentences for the clerk ("" when it kept
    nothing to tell): decision numbers kept taken, print records kept in the register (and those it could not attach,
    with their form serials), this unit's keys and trusted keys. Read from the restore's audit event, so the window
    and ``tdkt backup restore`` say the same right after :func:`restore`."""
    raw = store.scalar(
        "SELECT after FROM audit_log WHERE operation = 'backup.restore' AND table_name = ? AND action = 'event' "
        "ORDER BY id DESC LIMIT 1",
        (AUDIT_TABLE,),
    )
    try:
        event = json.loads(raw) if raw else {}
    except ValueError:
        return ""
    if not isinstance(event, dict):
        return ""
    notes = []
    if event.get("numbers_kept"):
        notes.append(
            _("Các số quyết định đã cấp sau bản sao lưu vẫn được giữ, không cấp lại: {numbers}.").format(
                numbers=", ".join(event["numbers_kept"])
            )
        )
    if event.get("certificate_prints_kept"):
        notes.append(
            _("Sổ theo dõi in giữ lại {count} lần in giấy khen, giấy chứng nhận ghi sau bản sao lưu.").format(
                count=event["certificate_prints_kept"]
            )
        )
    lost = event.get("certificate_prints_not_attached") or []
    if lost:
        notes.append(
            _(
                "{count} lần in của quyết định {decisions} không ghi lại được vào sổ theo dõi in vì bản sao lưu "
                "không có quyết định này; nhật ký vẫn giữ các lần in đó."
            ).format(count=len(lost), decisions=", ".join(dict.fromkeys(str(p["decision"]) for p in lost)))
        )
        serials = [str(p["form_serial"]) for p in lost if p.get("form_serial")]
        if serials:
            notes.append(
                _("Các tờ phôi số seri {serials} đã in và giao đi: đừng in lên các số seri này lần nữa.").format(
                    serials=", ".join(serials)
                )
            )
    if event.get("unit_keys_kept"):
        notes.append(
            _("Giữ lại {count} cặp khóa của đơn vị tạo sau bản sao lưu.").format(count=len(event["unit_keys_kept"]))
        )
    if event.get("active_unit_key"):
        notes.append(
            _("Khóa đang dùng vẫn là khóa mới (dấu vân tay {fingerprint}), không quay lại khóa đã thay.").format(
                fingerprint=event["active_unit_key"]
            )
        )
    if event.get("trusted_keys_kept"):
        notes.append(
            _("Giữ lại {count} khóa tin cậy thêm sau bản sao lưu.").format(count=len(event["trusted_keys_kept"]))
        )
    if event.get("trusted_keys_revoked"):
        notes.append(
            _("{count} khóa tin cậy đã thu hồi sau bản sao lưu vẫn bị thu hồi.").format(
                count=len(event["trusted_keys_revoked"])
            )
        )
    return " ".join(notes)


_AUDIT_COLUMNS = "at, actor, operation, table_name, record_uuid, action, before, after"


def _carry_later_audit(restored: Store, safety: Path) -> int:
    """Copy into the restored file the audit rows the replaced file (its safety copy) has and the backup has not:
    restoring puts the data back, not the history. Without them the log would no longer say what was done, and by
    whom, between the backup and the restore (and the safety copy is rotated away in time). The rows are matched by
    their content over the whole log, never by their time: the PC's clock may have been set back since the backup.
    A file too damaged to read gives nothing to carry; the restore still goes on."""
    every = f"SELECT {_AUDIT_COLUMNS} FROM audit_log ORDER BY id"
    # hashes, not the rows: the log of a file that imported 100,000 people holds as many rows
    have = Counter(hash(row) for row in restored.conn.execute(every))

    def known(row: tuple[Any, ...]) -> bool:
        key = hash(row)
        if have[key] > 0:
            have[key] -= 1
            return True
        return False

    try:
        with Store(safety, readonly=True) as old:
            rows = [tuple(row) for row in old.conn.execute(every) if not known(tuple(row))]
    except (StoreError, sqlite3.Error):
        return 0
    restored.conn.executemany(f"INSERT INTO audit_log ({_AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


RESTORED_NUMBER_REASON = N_(
    "Số {number} đã cấp cho quyết định ngày {date} trước khi khôi phục bản sao lưu {backup}; bản sao lưu không có "
    "quyết định này nên số không được cấp lại."
)


def _books(store: Store) -> dict[tuple[str, int], dict[str, Any]]:
    """Each numbering book (series key as one book reads it, year): its rows, next number and the numbers used by a
    decision (with the decision) or a recorded gap (with its reason)."""
    books: dict[tuple[str, int], dict[str, Any]] = {}
    where: dict[int, tuple[str, int]] = {}
    for row in store.query("SELECT id, key, year, next_number FROM number_series ORDER BY id"):
        book = (normal_series_key(nfc(str(row["key"]))), int(row["year"]))
        entry = books.setdefault(book, {"rows": [], "key": row["key"], "next": 1, "decisions": {}, "gaps": {}})
        entry["rows"].append((str(row["key"]), int(row["id"])))
        entry["next"] = max(entry["next"], int(row["next_number"]))
        where[int(row["id"])] = book
    for row in store.query("SELECT series_id, number, number_text, decision_date FROM decisions ORDER BY number"):
        books[where[int(row["series_id"])]]["decisions"][int(row["number"])] = row
    for row in store.query("SELECT series_id, number, reason FROM number_gaps ORDER BY number"):
        books[where[int(row["series_id"])]]["gaps"][int(row["number"])] = str(row["reason"])
    return books


def _keep_numbers_taken(restored: Store, safety: Path, backup_name: str) -> list[str]:
    """Keep in the restored file every decision number the replaced file (its safety copy) had taken: a decision
    issued after the backup is gone with the restore, but its number was signed and sent out, and must never be
    given to another decision. Each such number becomes a recorded gap saying why, a gap of the replaced file is
    kept with its own reason, and each book's next number is the larger of the two files'. Returns the numbers
    kept ("2/QĐ-UBND"); none from a file too damaged to read."""
    try:
        with Store(safety, readonly=True) as old:
            before = _books(old)
    except (StoreError, sqlite3.Error, KeyError):
        return []
    now = _books(restored)
    kept: list[str] = []
    empty: dict[str, Any] = {"rows": [], "next": 1, "decisions": {}, "gaps": {}}
    for book, was in before.items():
        have = now.get(book, empty)
        used = set(have["decisions"]) | set(have["gaps"])
        gaps = {  # stored in Vietnamese whatever the window's language, as the clerks' own reasons are
            number: RESTORED_NUMBER_REASON.format(
                number=row["number_text"], date=_day(str(row["decision_date"])), backup=backup_name
            )
            for number, row in was["decisions"].items()
            if number not in used
        }
        for number, reason in was["gaps"].items():
            if number not in used:
                gaps.setdefault(number, reason)
        if not gaps and was["next"] <= have["next"]:
            continue
        # the row of the same spelling, else the book's first (an older version's spelling), else a new one
        rows = sorted(have["rows"], key=lambda row: row[0] != was["key"])
        if rows:
            series_id = rows[0][1]
        else:
            series_id = restored.add("number_series", {"key": was["key"], "year": book[1], "next_number": 1})
        for number, reason in sorted(gaps.items()):
            restored.add("number_gaps", {"series_id": series_id, "number": number, "reason": reason})
            row = was["decisions"].get(number)
            kept.append(str(row["number_text"]) if row else f"{number}/{was['key']}")
        if was["next"] > have["next"]:
            restored.touch("number_series", series_id, {"next_number": was["next"]})
    return kept


def _day(value: str) -> str:
    try:
        return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value


@dataclass
class _PrintsKept:
    """The certificate prints a restore carried from the replaced file, and those it could not attach."""

    kept: int = 0
    not_attached: list[dict[str, str]] = field(default_factory=list)  # form_serial, name, decision, printed_at


_PRINT_COLUMNS = (
    "template_id",
    "mode",
    "printer_name",
    "form_serial",
    "printed_by",
    "printed_at",
    "reprint_reason",
    "reprint_note",
    "qr_payload",
    "created_at",
    "updated_at",
)
_PRINTS_SQL = (
    "SELECT p.*, a.uuid AS awardee_uuid, a.snapshot_name, d.uuid AS decision_uuid, d.number_text, "
    "r.uuid AS reprint_of_uuid FROM certificate_prints p JOIN decision_awardees a ON a.id = p.awardee_id "
    "JOIN decisions d ON d.id = p.decision_id LEFT JOIN certificate_prints r ON r.id = p.reprint_of ORDER BY p.id"
)


def _keep_prints(restored: Store, safety: Path) -> _PrintsKept:
    """Keep in the restored file every certificate print the replaced file (its safety copy) had recorded and the
    backup has not: the sheets left the office, so the register must still say who was printed, on which form
    serial and why a sheet was printed again; without them "print the unprinted ones" would print the same people as
    originals on the same serials. A print is the same record (its UUID, who printed it and when), attached to the
    same awardee of the same decision found by their UUIDs, a reprint to the print it continues. A print whose
    decision the backup does not hold (one issued after the backup, gone with the restore while its number stays
    taken) has nothing to be attached to: it is returned, with its form serial, for the audit event and the clerk;
    the audit log keeps the print itself. None from a file too damaged to read."""
    try:
        with Store(safety, readonly=True) as old:
            rows = old.query(_PRINTS_SQL)
    except (StoreError, sqlite3.Error):
        return _PrintsKept()
    have = {str(row["uuid"]): int(row["id"]) for row in restored.query("SELECT id, uuid FROM certificate_prints")}
    rows = [row for row in rows if str(row["uuid"]) not in have]
    awardees = _awardees_by_uuid(restored, {str(row["awardee_uuid"]) for row in rows})
    result = _PrintsKept()
    for row in rows:
        awardee = awardees.get(str(row["awardee_uuid"]))
        reprint_of = have.get(str(row["reprint_of_uuid"])) if row["reprint_of_uuid"] else None
        if awardee is None or awardee[1] != row["decision_uuid"] or (row["reprint_of_uuid"] and reprint_of is None):
            result.not_attached.append(
                {
                    "form_serial": str(row["form_serial"] or ""),
                    "name": str(row["snapshot_name"]),
                    "decision": str(row["number_text"]),
                    "printed_at": str(row["printed_at"]),
                }
            )
            continue
        values = {column: row[column] for column in _PRINT_COLUMNS}
        have[str(row["uuid"])] = restored.insert(
            "certificate_prints",
            {
                "uuid": row["uuid"],
                "awardee_id": awardee[0],
                "decision_id": awardee[2],
                "reprint_of": reprint_of,
                **values,
            },
        )
        result.kept += 1
    return result


def _awardees_by_uuid(store: Store, uuids: set[str]) -> dict[str, tuple[int, str, int]]:
    """Each of ``uuids`` found among the decisions' awardees: (its id, its decision's UUID, its decision's id)."""
    found: dict[str, tuple[int, str, int]] = {}
    wanted = sorted(uuids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in store.query(
            "SELECT a.id, a.uuid, d.uuid AS decision_uuid, d.id AS decision_id FROM decision_awardees a "
            f"JOIN decisions d ON d.id = a.decision_id WHERE a.uuid IN ({marks})",
            tuple(chunk),
        ):
            found[str(row["uuid"])] = (int(row["id"]), str(row["decision_uuid"]), int(row["decision_id"]))
    return found


@dataclass
class _KeysKept:
    """What a restore kept of the replaced file's keys (fingerprints)."""

    unit_keys: list[str] = field(default_factory=list)  # this unit's key pairs the backup had not
    active: str | None = None  # the replaced file's key kept in use instead of the backup's
    trusted: list[str] = field(default_factory=list)  # keys trusted since the backup
    revoked: list[str] = field(default_factory=list)  # keys the backup trusts, revoked since


_UNIT_KEY_COLUMNS = (
    "uuid",
    "signing_private_pem",
    "signing_public",
    "encryption_private_pem",
    "encryption_public",
    "fingerprint",
    "created_at",
    "updated_at",
)
_TRUSTED_KEY_COLUMNS = (
    "uuid",
    "unit_code",
    "unit_name",
    "role",
    "signing_public",
    "encryption_public",
    "fingerprint",
    "trusted_at",
    "revoked",
    "notes",
    "created_at",
    "updated_at",
)


def _keep_keys(restored: Store, safety: Path) -> _KeysKept:
    """Keep in the restored file the keys of the replaced file (its safety copy): restoring puts the data back, never
    a key the unit gave up. Every key pair of this unit the backup has not is kept (certificates signed with it must
    verify, packages encrypted to it must open), and the key in use stays the newer one: a key replaced in either
    file is never the active one again (``tdkt keys replace`` is done because a copy of it was lost). Every key
    trusted since the backup is kept, and a key revoked in the replaced file stays revoked. Rows are matched by
    fingerprint. Call only for a backup of the same unit; nothing from a file too damaged to read."""
    try:
        with Store(safety, readonly=True) as old:
            mine = old.query("SELECT * FROM unit_keys ORDER BY id")
            trusted = old.query("SELECT * FROM trusted_keys ORDER BY id")
    except (StoreError, sqlite3.Error):
        return _KeysKept()
    result = _KeysKept()
    here = {str(row["fingerprint"]): row for row in restored.query("SELECT * FROM unit_keys ORDER BY id")}
    uuids = {str(row["uuid"]) for row in here.values()}
    for row in mine:
        if str(row["fingerprint"]) in here:
            continue
        values = {column: row[column] for column in _UNIT_KEY_COLUMNS}
        if values["uuid"] in uuids:
            values["uuid"] = new_uuid()
        restored.insert("unit_keys", {**values, "active": 0})  # made active below when it is the one in use
        result.unit_keys.append(str(row["fingerprint"]))
    replaced = {str(r["fingerprint"]) for r in mine if not r["active"]}
    replaced |= {fingerprint for fingerprint, r in here.items() if not r["active"]}
    in_use = next((str(r["fingerprint"]) for r in reversed(mine) if r["active"]), None)
    if in_use is not None and in_use not in replaced:
        rows = restored.query("SELECT id, fingerprint, active FROM unit_keys ORDER BY id")
        if [str(r["fingerprint"]) for r in rows if r["active"]] != [in_use]:
            for row in rows:
                if bool(row["active"]) != (row["fingerprint"] == in_use):
                    restored.touch("unit_keys", int(row["id"]), {"active": int(row["fingerprint"] == in_use)})
            result.active = in_use
    _keep_trusted_keys(restored, trusted, result)
    return result


def _keep_trusted_keys(restored: Store, trusted: list[dict[str, Any]], result: _KeysKept) -> None:
    """The trusted keys of the replaced file (``trusted``) the restored one lacks, and their revocations."""
    here = {
        str(row["fingerprint"]): row
        for row in restored.query("SELECT id, uuid, fingerprint, revoked FROM trusted_keys")
    }
    uuids = {str(row["uuid"]) for row in here.values()}
    for row in trusted:
        found = here.get(str(row["fingerprint"]))
        if found is None:
            values = {column: row[column] for column in _TRUSTED_KEY_COLUMNS}
            if values["uuid"] in uuids:
                values["uuid"] = new_uuid()
            restored.insert("trusted_keys", values)
            result.trusted.append(str(row["fingerprint"]))
        elif row["revoked"] and not found["revoked"]:
            restored.touch("trusted_keys", int(found["id"]), {"revoked": 1})
            result.revoked.append(str(row["fingerprint"]))


def unit_changed(before: str | None, after: str | None) -> bool:
    """Restoring put another unit's data in the file (both units known and different)."""
    return before is not None and after is not None and before != after


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.astimezone()


def backup_status(store: Store, *, now: datetime | None = None) -> dict[str, Any]:
    """Last backup, age of the last off-PC backup, and the warning to show when it is too old."""
    now = (now or datetime.now()).astimezone()
    folder = backup_folder(store)
    backups = list_backups(store)
    last = next((i for i in backups if i.verified), None)
    off_pc_times = [t for t in [_parse_time(unit_repo.get_setting(store, SETTING_LAST_OFF_PC))] if t]
    off_pc_times += [i.created for i in backups if i.verified and core.is_off_pc(i.path.parent, store.path)]
    last_off_pc = max(off_pc_times) if off_pc_times else None
    age = (now - last_off_pc).total_seconds() / 86400 if last_off_pc else None
    # With no off-PC copy yet, count from when the data was started, so a new install is not nagged.
    started = _parse_time(store.scalar("SELECT min(at) FROM audit_log"))
    reference = last_off_pc or started
    warnings = []
    fallback = _last_fallback(store)
    if fallback:
        warnings.append(
            _(
                "Bản sao lưu tự động gần nhất không ghi được vào thư mục đã chọn {folder} nên đã được lưu vào máy "
                "này; hãy kiểm tra USB hoặc ổ đĩa đó, hoặc chọn thư mục khác. Lý do: {problem}"
            ).format(folder=fallback["folder"], problem=fallback["problem"])
        )
    if reference is not None and (now - reference).total_seconds() / 86400 > OFF_PC_WARNING_DAYS:
        warnings.append(_(OFF_PC_WARNING))
    return {
        "folder": str(folder),
        "folder_is_off_pc": core.is_off_pc(folder, store.path),
        "last_backup": last.as_json() if last else None,
        "last_off_pc_at": last_off_pc.isoformat() if last_off_pc else None,
        "off_pc_age_days": round(age, 1) if age is not None else None,
        "count": len(backups),
        "warning": " ".join(warnings) or None,
        "fallback": fallback,
    }


def _last_fallback(store: Store) -> dict[str, Any] | None:
    """The last automatic backup's fall-back to the default folder, while no later one reached the chosen folder."""
    raw = unit_repo.get_setting(store, SETTING_LAST_FALLBACK)
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        return None
    return value if isinstance(value, dict) and value.get("folder") else None


# -- for the window's backup page: what one backup holds, before restoring it ------------------------------------

BackupInfo = core.BackupInfo


def last_backup(status: dict[str, Any]) -> core.BackupInfo | None:
    """The newest backup named by :func:`backup_status`, as a :class:`BackupInfo`."""
    last = status.get("last_backup")
    return core.BackupInfo.from_json(Path(last["path"]).parent, last) if last else None


def compare_with_current(store: Store, info: core.BackupInfo) -> dict[str, Any]:
    """Schema version, last decision and row counts of a backup beside the open database."""
    return core.compare(store, info)


def check_backup_file(path: Path | str, *, allow_unverified: bool = False) -> core.BackupInfo:
    """Read a backup file and check it against its checksum; a damaged one raises a BackupError."""
    return core.describe_backup(path, allow_unverified=allow_unverified)


def checksum_file(backup: Path) -> Path:
    """The ``.sha256`` file that proves ``backup`` whole."""
    return core.checksum_path(backup)
