"""The history import dialog on a five-sheet workbook made here, driven like a clerk would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.ui.context import AppContext
from desktop.ui.history_import_dialog import HistoryImportDialog
from tests.history_factory import add_people, history_xlsx

HISTORY_TABLES = ("ratings", "initiatives", "discipline", "leave_periods", "awards")


def _counts(store) -> dict[str, int]:
    return {table: int(store.scalar(f"SELECT count(*) FROM {table}")) for table in HISTORY_TABLES}


def _column(model, column: int) -> dict[int, str]:
    """Row number in the file -> the text of ``column`` (first record of that row)."""
    found: dict[int, str] = {}
    for row in range(model.rowCount()):
        found.setdefault(int(model.data(model.index(row, 0))), model.data(model.index(row, column)))
    return found


@pytest.fixture
def context(unit_store):
    add_people(unit_store)
    return AppContext(unit_store, actor="thu_ky")


def test_preview_tabs_and_import(qtbot, context, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    path = history_xlsx(tmp_path / "lich_su.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = HistoryImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.file_label.text() == "Tệp: lich_su.xlsx"
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Xếp loại (9)", "Sáng kiến (3)", "Kỷ luật (3)", "Nghỉ dài ngày (2)", "Khen thưởng (10)"]
    assert dialog.counts_label.text() == "Cả tệp — 27 dòng: 12 mới, 1 sửa, 2 đã có, 12 có lỗi"
    assert dialog.import_button.text() == "Ghi 13 dòng hợp lệ"

    ratings = dialog.tabs_by_kind["ratings"]
    assert ratings.counts_label.text() == "9 dòng: 3 mới, 1 sửa, 1 đã có, 4 có lỗi"
    model = ratings.model
    statuses = _column(model, 1)
    assert statuses == {
        5: "Mới",
        6: "Mới",
        7: "Có lỗi",
        8: "Mới",
        9: "Có lỗi",
        10: "Có lỗi",
        11: "Sửa",
        12: "Đã có",
        14: "Có lỗi",
    }
    people = _column(model, 2)
    assert people[8] == "CB00004 Lê Văn Hùng"
    assert people[9] == "CB09999 Người Lạ"  # shown as written when it matches nobody
    assert _column(model, 3)[11] == "2022: HTNV → HTTNV"
    assert "cần thêm ngày sinh hoặc mã cán bộ" in _column(model, 4)[7]
    colour = model.data(model.index(2, 1), Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == "#b00020"

    awards = dialog.tabs_by_kind["awards"].model
    assert _column(awards, 2)[8] == "Văn phòng - Thống kê"
    assert "không dùng để khen cá nhân" in _column(awards, 4)[11]

    dialog.only_problems.setChecked(True)
    assert model.rowCount() == 4 and awards.rowCount() == 5
    dialog.only_problems.setChecked(False)
    assert model.rowCount() == 9

    before = _counts(context.store)
    with qtbot.waitSignal(context.data_changed, timeout=10000) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["history"]
    assert dialog.written == {"inserted": 12, "updated": 1}
    assert dialog.result_label.text() == "Đã ghi 12 dòng mới và sửa 1 dòng."
    after = _counts(context.store)
    assert sum(after.values()) - sum(before.values()) == 12
    actors = context.store.query("SELECT DISTINCT actor, operation FROM audit_log WHERE operation = 'history.import'")
    assert actors == [{"actor": "thu_ky", "operation": "history.import"}]
    # the preview is refreshed: what was written is now "Đã có", nothing is left to write
    assert dialog.import_button.text() == "Ghi 0 dòng hợp lệ"
    assert not dialog.import_button.isEnabled()
    assert set(_column(dialog.tabs_by_kind["leave"].model, 1).values()) == {"Đã có", "Có lỗi"}


def test_unreadable_file_is_explained(qtbot, context, tmp_path: Path) -> None:
    dialog = HistoryImportDialog(context)
    qtbot.addWidget(dialog)
    (tmp_path / "hỏng.xlsx").write_bytes(b"not a workbook")
    assert not dialog.load_file(tmp_path / "hỏng.xlsx")
    assert "bị hỏng" in dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    assert dialog.tabs.count() == 0
    assert not dialog.import_button.isEnabled()


def test_menu_action_opens_the_dialog(main_window, qtbot) -> None:
    file_menu = main_window.menuBar().actions()[0].menu()
    assert "Nhập lịch sử thi đua từ Excel…" in [a.text() for a in file_menu.actions()]
    main_window.history_import_action.trigger()
    dialog = main_window.findChild(HistoryImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_collective_ratings_get_their_own_tab_and_are_imported(qtbot, context, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.history_factory import add_collective_rating, collective_ratings_xlsx

    add_collective_rating(context.store)
    path = collective_ratings_xlsx(tmp_path / "tap_the.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = HistoryImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "“Xếp loại tập thể”" in dialog.file_label.text()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Xếp loại (7)", "Xếp loại tập thể (4)"]
    assert "Xếp loại tập thể" not in dialog.note_label.text()  # an optional sheet is never "missing"
    people = _column(dialog.tabs_by_kind["ratings"].model, 2)
    assert people[6] == "Văn phòng - Thống kê" and people[8] == "Thôn Không Tên"
    problems = _column(dialog.tabs_by_kind["collective_ratings"].model, 4)
    assert problems[6] == "Trùng: mâu thuẫn với dòng 6 của trang “Xếp loại” (HTXSNV)."
    with qtbot.waitSignal(context.data_changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.written == {"inserted": 4, "updated": 1}
    assert context.store.scalar("SELECT count(*) FROM collective_ratings") == 4
