"""Start-up rescue (from rvbackup finding 3): the file will not open (here: made by a newer version), yet its unit is
readable. The default folder is shared by every database of the Windows user, so the newest backup there is another
unit's: the rescue pre-selects this unit's newest backup, and warns as the backup page and `tdkt backup restore` do
(ops.unit_change / OTHER_UNIT_WARNING) when the clerk picks another unit's."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.ops import backup as ops
from desktop.ops.session import open_for_window
from desktop.store import StoreError, open_store
from desktop.store import backup as core
from desktop.ui import startup_rescue
from desktop.ui.startup_rescue import StartupRescueDialog
from tests.conftest import set_up_lung_cu


@pytest.fixture
def unopenable_lung_cu(db_path: Path, other_store) -> Path:
    """Lũng Cú's file, too new to open, with its backup of yesterday; another unit's backup, newer, beside it."""
    store = open_store(db_path)
    set_up_lung_cu(store)
    core.create_backup(store, ops.default_backup_folder(), reason="daily", now=datetime.now() - timedelta(days=1))
    store.close()
    core.create_backup(other_store, ops.default_backup_folder(), reason="daily")  # the newest in the shared folder
    conn = sqlite3.connect(db_path)  # the clerk went back to an older installer: the file is "too new" now
    conn.execute("INSERT INTO schema_version VALUES (99, 'x', '2026-12-01', '9.9')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError):
        open_for_window(path=db_path)
    assert core.file_unit(db_path)[1] == "Ủy ban nhân dân xã Lũng Cú"  # whose file it is can be read
    return db_path


def _select_unit(dialog: StartupRescueDialog, unit_name: str) -> None:
    for row in range(dialog.backups.count()):
        info = core.describe_backup(dialog.backups.item(row).data(Qt.ItemDataRole.UserRole))
        if info.unit_name == unit_name:
            dialog.backups.setCurrentRow(row)
            return
    raise AssertionError(f"no backup of {unit_name} listed")


def test_rescue_preselects_this_units_newest_backup(unopenable_lung_cu: Path, qtbot):
    dialog = StartupRescueDialog(unopenable_lung_cu, "tệp của phiên bản mới hơn")
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 2
    chosen = dialog.backups.selectedItems()
    assert chosen
    info = core.describe_backup(chosen[0].data(Qt.ItemDataRole.UserRole))
    assert info.unit_name == "Ủy ban nhân dân xã Lũng Cú", f"pre-selected another unit's backup: {info.unit_name}"


def test_rescue_warns_before_restoring_another_units_backup(unopenable_lung_cu: Path, other_store, qtbot, monkeypatch):
    other_name = core.store_unit(other_store)[1]
    assert other_name
    dialog = StartupRescueDialog(unopenable_lung_cu, "tệp của phiên bản mới hơn")
    qtbot.addWidget(dialog)
    _select_unit(dialog, other_name)
    asked: list[str] = []
    monkeypatch.setattr(startup_rescue, "ask_confirm", lambda parent, title, text: asked.append(text) or False)
    assert not dialog.restore_selected()  # the clerk reads the warning and says no
    assert asked
    assert "không phải của" in asked[0], f"no other-unit warning in the question: {asked[0]!r}"
    assert other_name in asked[0] and "Lũng Cú" in asked[0]
    assert core.file_unit(unopenable_lung_cu)[1] == "Ủy ban nhân dân xã Lũng Cú"  # nothing replaced


def test_rescue_asks_plainly_for_this_units_backup(unopenable_lung_cu: Path, qtbot, monkeypatch):
    dialog = StartupRescueDialog(unopenable_lung_cu, "tệp của phiên bản mới hơn")
    qtbot.addWidget(dialog)
    _select_unit(dialog, "Ủy ban nhân dân xã Lũng Cú")
    asked: list[str] = []
    monkeypatch.setattr(startup_rescue, "ask_confirm", lambda parent, title, text: asked.append(text) or False)
    dialog.restore_selected()
    assert asked and "không phải của" not in asked[0]
