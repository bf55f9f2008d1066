"""Printer profiles and the register of printed certificates (schema v6). Callers hold the transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.domain.text import nfc
from desktop.store.db import Store, new_uuid, now_iso

REPRINT_REASONS = ("spoiled", "correction", "other")


# -- printer profiles ---------------------------------------------------------------------------------------------


def printer_key(name: str | None) -> str:
    """How two printer names are compared: NFC, spaces around them and runs of spaces inside them count as one
    space, the case of letters does not count ("Canon  LBP " and "canon lbp" are one printer). The name is stored
    as the clerk typed it (trimmed); only the comparison uses this key."""
    return nfc(name).casefold()


def get_printer_profile(store: Store, printer_name: str) -> dict[str, Any] | None:
    """The profile of ``printer_name`` as :func:`printer_key` compares names: the one stored under exactly that name,
    else the one updated last among those spelt otherwise (a file from before names were compared this way may hold
    two spellings of one printer). None for a printer never calibrated."""
    key = printer_key(printer_name)
    if not key:
        return None
    rows = [row for row in list_printer_profiles(store) if printer_key(row["printer_name"]) == key]
    for row in rows:
        if row["printer_name"] == printer_name:
            return row
    return max(rows, key=lambda row: (row["updated_at"], row["id"]), default=None)


def list_printer_profiles(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM printer_profiles ORDER BY printer_name")


def upsert_printer_profile(
    store: Store, *, printer_name: str, offset_x_mm: float, offset_y_mm: float, scale: float, notes: str = ""
) -> int:
    """Store the correction of ``printer_name``: the profile it already has (however its name was spelt then, see
    :func:`get_printer_profile`) is updated and keeps its name; else a new profile under ``printer_name``."""
    stamp = now_iso()
    values = {
        "offset_x_mm": float(offset_x_mm),
        "offset_y_mm": float(offset_y_mm),
        "scale": float(scale),
        "notes": notes,
        "updated_at": stamp,
    }
    existing = get_printer_profile(store, printer_name)
    if existing:
        store.update("printer_profiles", int(existing["id"]), values)
        return int(existing["id"])
    return store.insert(
        "printer_profiles", {"uuid": new_uuid(), "printer_name": printer_name, "created_at": stamp, **values}
    )


def delete_printer_profile(store: Store, printer_name: str) -> None:
    """Delete every profile of ``printer_name`` (every spelling :func:`printer_key` takes for it)."""
    key = printer_key(printer_name)
    for row in list_printer_profiles(store):
        if key and printer_key(row["printer_name"]) == key:
            store.execute("DELETE FROM printer_profiles WHERE id = ?", (int(row["id"]),))


# -- printed certificates -----------------------------------------------------------------------------------------


def insert_print(
    store: Store,
    *,
    awardee_id: int,
    decision_id: int,
    template_id: str,
    mode: str,
    printer_name: str,
    form_serial: str,
    printed_by: str,
    qr_payload: str,
    reprint_of: int | None = None,
    reprint_reason: str | None = None,
    reprint_note: str = "",
    printed_at: str | None = None,
) -> int:
    stamp = now_iso()
    return store.insert(
        "certificate_prints",
        {
            "uuid": new_uuid(),
            "awardee_id": awardee_id,
            "decision_id": decision_id,
            "template_id": template_id,
            "mode": mode,
            "printer_name": printer_name,
            "form_serial": form_serial,
            "printed_by": printed_by,
            "printed_at": printed_at or stamp,
            "reprint_of": reprint_of,
            "reprint_reason": reprint_reason,
            "reprint_note": reprint_note,
            "qr_payload": qr_payload,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )


def get_print(store: Store, print_id: int) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM certificate_prints WHERE id = ?", (print_id,))


def prints_for_awardees(store: Store, awardee_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Every print of each awardee, oldest first."""
    ids = [int(i) for i in awardee_ids]
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.query(
            f"SELECT * FROM certificate_prints WHERE awardee_id IN ({marks}) ORDER BY printed_at, id", tuple(chunk)
        )
        for row in rows:
            found[int(row["awardee_id"])].append(row)
    return found


def printed_awardee_ids(store: Store) -> list[int]:
    return [int(r["awardee_id"]) for r in store.query("SELECT DISTINCT awardee_id FROM certificate_prints")]


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def serial_key(serial: str) -> str:
    """How two form serials are compared: spaces around them and the case of their letters a-z do not count (as
    SQLite's ``upper(trim(...))`` sees them, which the lookup below uses)."""
    return (serial or "").strip(" ").translate(_ASCII_UPPER)


_SERIAL_SQL = (
    "SELECT p.*, a.snapshot_name, a.register_no, d.number_text AS decision_number, "
    "upper(trim(p.form_serial)) AS serial_key FROM certificate_prints p "
    "JOIN decision_awardees a ON a.id = p.awardee_id JOIN decisions d ON d.id = p.decision_id "
)


def prints_with_serials(store: Store, serials: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The first print recorded on each of ``serials`` (by :func:`serial_key`), with the awardee's name and register
    number and the decision's number; serials never recorded are absent. Empty serials are never looked up."""
    keys = sorted({serial_key(s) for s in serials} - {""})
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.query(
            _SERIAL_SQL + f"WHERE p.form_serial <> '' AND upper(trim(p.form_serial)) IN ({marks}) ORDER BY p.id",
            tuple(chunk),
        )
        for row in rows:
            found.setdefault(row["serial_key"], row)
    return found


def serial_used(store: Store, serial: str) -> dict[str, Any] | None:
    """The first print recorded on the form ``serial`` (see :func:`prints_with_serials`), or None."""
    return prints_with_serials(store, [serial]).get(serial_key(serial))


# The restore's audit event (desktop/ops/backup.py ``restore``): operation, table and the key of the prints it could
# not attach to the restored data, each {form_serial, name, decision, printed_at}.
RESTORE_OPERATION = "backup.restore"
RESTORE_EVENT_TABLE = "backups"
RESTORE_LOST_PRINTS = "certificate_prints_not_attached"


def _day(value: Any) -> str:
    """``value``'s day as YYYY-MM-DD when it starts with one, else "" (a garbled or missing date)."""
    if not isinstance(value, str):
        return ""
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return ""


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _lost_prints(after: Any) -> list[dict[str, Any]]:
    """The prints a restore event names as not attached; [] for an event that cannot be read (a copied or damaged
    file may hold anything in the log): entries that are not objects are skipped."""
    if isinstance(after, bytes):
        after = after.decode("utf-8", "replace")
    if not isinstance(after, str):
        return []
    try:
        event = json.loads(after)
    except (ValueError, RecursionError):
        return []
    lost = event.get(RESTORE_LOST_PRINTS) if isinstance(event, dict) else None
    return [entry for entry in lost if isinstance(entry, dict)] if isinstance(lost, list) else []


def serials_lost_in_restores(store: Store, serials: Iterable[str]) -> dict[str, dict[str, str]]:
    """Each of ``serials`` (by :func:`serial_key`) that a print made before a restore used, where the restore could
    not put that print back in the register (its decision was not in the backup): the sheet was printed and handed
    out, so its serial is spent although no print row holds it. Read from the restores' audit events (the log is kept
    across restores). Each found: form_serial, name, decision, printed_at (YYYY-MM-DD or "" when unknown) and
    restored_at (the restore's day, same form), of the earliest such print. Malformed events and entries are
    ignored."""
    keys = {serial_key(s) for s in serials if isinstance(s, str)} - {""}
    found: dict[str, dict[str, str]] = {}
    if not keys:
        return found
    rows = store.query(
        "SELECT at, after FROM audit_log WHERE table_name = ? AND operation = ? AND action = 'event' "
        "AND after LIKE ? ORDER BY id",
        (RESTORE_EVENT_TABLE, RESTORE_OPERATION, f"%{RESTORE_LOST_PRINTS}%"),
    )
    for row in rows:
        for entry in _lost_prints(row["after"]):
            serial = _text(entry.get("form_serial"))
            key = serial_key(serial)
            if key in keys and key not in found:
                found[key] = {
                    "form_serial": serial,
                    "name": _text(entry.get("name")),
                    "decision": _text(entry.get("decision")),
                    "printed_at": _day(entry.get("printed_at")),
                    "restored_at": _day(row["at"]),
                }
    return found


__all__ = [
    "REPRINT_REASONS",
    "delete_printer_profile",
    "get_print",
    "get_printer_profile",
    "insert_print",
    "list_printer_profiles",
    "printed_awardee_ids",
    "printer_key",
    "prints_for_awardees",
    "prints_with_serials",
    "serial_key",
    "serial_used",
    "serials_lost_in_restores",
    "upsert_printer_profile",
]
