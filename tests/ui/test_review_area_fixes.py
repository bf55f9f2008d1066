"""Issue 14: the review area clicked for real: export, rounds refreshed or deleted, the step bar, decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo_context(app_context):
    from desktop.ops.demo import fill_demo

    fill_demo(app_context.store, today=DEMO_TODAY)
    return app_context


def test_export_button_really_clicked_writes_the_xlsx(demo_context, qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.pages.review_page import ReviewPage

    page = ReviewPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2025)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)
    target = tmp_path / "ket-qua.xlsx"
    asked: list[str] = []

    def answer(parent, caption, suggested, filters):
        asked.append(caption)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["Xuất kết quả xét ra Excel"]
    assert target.exists()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "Cán bộ / tập thể"
    assert len(rows) == page.proxy.rowCount() + 1 > 1
    assert Path(target).stat().st_size > 0
    target.unlink()
    page.export_xlsx(False)  # what a direct clicked(bool) connection would pass: still asks where to save
    assert len(asked) == 2 and target.exists()
