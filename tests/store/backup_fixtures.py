"""What the backup and restore tests share: a department added straight through the store, the names read back
from a file (its connection closed at once: one left open would hold the file against a restore), and a unit
whose backup holds one department and whose file holds a second one added after it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.ops import backup as ops
from desktop.ops.setup import init_unit
from desktop.store import Store, new_uuid, now_iso, open_store
from tests.conftest import LUNG_CU_CODE


def add_department(store: Store, name: str) -> None:
    with store.transaction(operation="test.add"):
        stamp = now_iso()
        store.insert("departments", {"uuid": new_uuid(), "name": name, "created_at": stamp, "updated_at": stamp})


def department_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM departments ORDER BY id")]
    finally:
        conn.close()


def backed_up_unit(db_path: Path, backup_folder: Path) -> Path:
    """Lũng Cú with "Phòng Kinh tế" in a backup (returned) and "Phòng thêm sau" added after it; the store closed."""
    store = open_store(db_path)
    try:
        init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code=LUNG_CU_CODE, head_title="Chủ tịch")
        ops.set_backup_folder(store, folder=backup_folder)
        add_department(store, "Phòng Kinh tế")
        backup = ops.backup_now(store).path
        add_department(store, "Phòng thêm sau")
    finally:
        store.close()
    return backup
