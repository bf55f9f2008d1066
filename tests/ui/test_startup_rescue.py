"""A data file that will not open at start-up: the clerk restores a backup over it, or opens another file.

Before, the program showed the reason and quit; a clerk with a damaged file and a folder full of daily backups had
no way to them but the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLabel

from desktop.ops import backup as ops
from desktop.ops.session import open_for_window
from desktop.store import StoreError, open_store
from desktop.ui import startup_rescue
from desktop.ui.app import open_at_startup
from desktop.ui.startup_rescue import StartupRescueDialog
from tests.conftest import set_up_lung_cu


@pytest.fixture
def damaged(db_path: Path) -> Path:
    """Xã Lũng Cú's file, backed up once into the default folder, then its header overwritten (a bad copy)."""
    store = open_store(db_path)
    set_up_lung_cu(store)
    ops.backup_now(store, folder=ops.default_backup_folder())
    store.close()
    with db_path.open("r+b") as file:
        file.write(b"\0" * 100)
    with pytest.raises(StoreError):
        open_for_window(path=db_path)
    return db_path


def _units(path: Path) -> list[str]:
    with open_store(path) as store:
        return [row["name"] for row in store.query("SELECT name FROM unit")]


def test_the_dialog_lists_the_backups_and_restores_the_chosen_one_keeping_the_damaged_file(damaged, qtbot, monkeypatch):
    dialog = StartupRescueDialog(damaged, "tệp hỏng")
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 1 and "Ủy ban nhân dân xã Lũng Cú" in dialog.backups.item(0).text()
    assert dialog.restore_button.isEnabled() and dialog.empty.isHidden()
    asked: list[str] = []

    def answer(parent, title, text):
        asked.append(text)
        return False

    monkeypatch.setattr(startup_rescue, "ask_confirm", answer)
    dialog.restore_button.click()
    assert str(damaged) in asked[0] and "bản an toàn" in asked[0]
    assert dialog.chosen is None
    with pytest.raises(StoreError):
        open_for_window(path=damaged)  # nothing was done without a yes

    monkeypatch.setattr(startup_rescue, "ask_confirm", lambda *a: True)
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen == damaged
    assert _units(damaged) == ["Ủy ban nhân dân xã Lũng Cú"]
    kept = [p for p in ops.default_backup_folder().iterdir() if p.read_bytes()[:100] == b"\0" * 100]
    assert len(kept) == 1  # the damaged file is the safety copy: nothing lost by trying


def test_start_up_goes_on_with_the_restored_file(damaged, monkeypatch):
    def clerk_restores(dialog: StartupRescueDialog) -> int:
        assert "không phải cơ sở dữ liệu của chương trình hoặc đã hỏng" in dialog.findChildren(QLabel)[0].text()
        monkeypatch.setattr(startup_rescue, "ask_confirm", lambda *a: True)
        dialog.restore_selected()
        return dialog.result()

    monkeypatch.setattr(StartupRescueDialog, "exec", clerk_restores)
    store, path = open_at_startup(damaged)
    assert store is not None and path == damaged
    try:
        assert store.scalar("SELECT name FROM unit") == "Ủy ban nhân dân xã Lũng Cú"
    finally:
        store.close()


def test_the_clerk_may_open_another_file_or_quit(damaged, tmp_path, monkeypatch):
    other = tmp_path / "khac.sqlite3"
    with open_store(other) as store:
        set_up_lung_cu(store)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))

    def clerk_opens_other(dialog: StartupRescueDialog) -> int:
        dialog.open_other_button.click()
        return dialog.result()

    monkeypatch.setattr(StartupRescueDialog, "exec", clerk_opens_other)
    store, path = open_at_startup(damaged)
    assert store is not None and path == other
    store.close()

    monkeypatch.setattr(StartupRescueDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert open_at_startup(damaged) == (None, damaged)


def test_with_no_backup_the_dialog_says_so(db_path, qtbot):
    db_path.write_bytes(b"not a database" * 100)
    dialog = StartupRescueDialog(db_path, "x")
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 0 and not dialog.empty.isHidden()
    assert "Chưa có bản sao lưu nào" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()


def test_a_backup_with_no_checksum_needs_the_typed_words(damaged, tmp_path, qtbot, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = usb / "sao-luu.sqlite3"  # copied onto a USB stick without its checksum: nothing proves it whole
    backup.write_bytes(ops.backups_in_folder(ops.default_backup_folder())[0].path.read_bytes())
    dialog = StartupRescueDialog(damaged, "tệp hỏng")
    qtbot.addWidget(dialog)
    errors: list[str] = []
    monkeypatch.setattr("desktop.ui.pages.backup_page.show_error", lambda parent, text: errors.append(text))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("khôi phục", True))
    assert not dialog.restore(backup)
    assert errors == ["Chữ gõ vào không đúng; chưa khôi phục."] and dialog.chosen is None
    with pytest.raises(StoreError):
        open_for_window(path=damaged)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  khoi phuc CHUA kiem chung ", True))
    assert dialog.restore(backup) and dialog.chosen == damaged
    assert _units(damaged) == ["Ủy ban nhân dân xã Lũng Cú"]
