"""The files a unit sends with its records (achievement reports), kept at the province: one row per file, tied to
the newest package that carried it, so the province's list tells the current version from the old ones."""

from __future__ import annotations

import hashlib

from desktop.exchange.import_plan import ImportPlan, parse_time
from desktop.exchange.reader import VerifiedPackage
from desktop.store.db import Store, new_uuid, now_iso


def keep_attachments(store: Store, plan: ImportPlan, package_id: int) -> None:
    """The files the unit sent with its records (achievement reports): kept, so the province can open them.

    Those of every record not refused: a record refused as a conflict (an older dossier than one imported before)
    keeps the report that came with the copy kept, not its own outdated one; an unchanged record keeps the report
    sent with it, which may be a corrected one (the record's content does not cover its file: a new initiative
    changes the report, not the nomination). Versions of one report are told apart by their package's date.

    One file (unit, name, content) is one row: sent again by a NEWER package, the row moves to that package, so a
    report taken back to its first version (v1, v2, then v1 again) is current again rather than listed as "bản cũ"
    behind v2. An older package imported late leaves it where it is."""
    package = plan.package
    applied = {
        str(name)
        for action in plan.actions
        if action.status != "conflict"
        for name in package.records[action.index].get("attachments") or []
    }
    sender = package.manifest.sender.code
    stamp = now_iso()
    for name, content in sorted(package.attachments.items()):
        if name not in applied:
            continue
        digest = hashlib.sha256(content).hexdigest()
        kept = store.query_one(
            "SELECT a.id, p.package_created_at FROM remote_attachments a LEFT JOIN packages p ON p.id = a.package_id "
            "WHERE a.unit_code = ? AND a.name = ? AND a.sha256 = ?",
            (sender, name, digest),
        )
        if kept is None:
            store.execute(
                "INSERT INTO remote_attachments (uuid, unit_code, package_id, name, size, sha256, content, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), sender, package_id, name, len(content), digest, content, stamp, stamp),
            )
        elif _made_after(package, kept["package_created_at"]):
            store.execute(
                "UPDATE remote_attachments SET package_id = ?, updated_at = ? WHERE id = ?",
                (package_id, stamp, kept["id"]),
            )


def _made_after(package: VerifiedPackage, stored_created_at: str | None) -> bool:
    """Whether ``package`` was made strictly after a stored package (one whose time cannot be read: yes)."""
    stored = parse_time(stored_created_at or "")
    return stored is None or package.manifest.created > stored
