"""Saving certificates as PDF from the "In giấy khen, bằng chứng nhận" page, clicked with the mouse: the file
dialog (the only thing patched) names the files, a saved PDF is not a print, the status says where they went."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    """An unexpected message box would block the test; record it and fail instead."""
    shown: list[str] = []
    for kind in ("critical", "information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, _title, text, *a, **k: shown.append(text))
    yield shown
    assert not shown, shown


@pytest.fixture
def context(store, qapp):
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    return AppContext(store, actor="clerk")


@pytest.fixture
def page(context, qtbot):
    from desktop.ui.certificates.page import CertificatesPage

    widget = CertificatesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _choose(page, words: str, *, without: str = "") -> None:
    for index in range(page.decision_box.count()):
        text = page.decision_box.itemText(index)
        if words in text and (not without or without not in text):
            page.decision_box.setCurrentIndex(index)
            return
    raise AssertionError(f"no decision with {words!r}")


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait(qtbot, page) -> None:
    job = page.job
    assert job is not None
    if not job.done:
        with qtbot.waitSignal(job.finished, timeout=30000):
            pass
    assert job.error is None, job.error


def _text(path: Path) -> str:
    return " ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def test_save_pdf_button_asks_for_a_file_and_writes_it(page, qtbot, context, tmp_path, monkeypatch):
    _choose(page, "Lao động tiên tiến năm 2024", without="Tập thể")
    page.set_checked([a["id"] for a in page._awardees[:2]])
    asked: list[str] = []
    target = tmp_path / "Giay khen 2025.pdf"

    def save_name(_parent, title, *args, **kwargs):
        asked.append(title)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    _click(qtbot, page.save_button)
    _wait(qtbot, page)
    assert asked, "the file dialog was never shown"
    assert [p.name for p in page.last_paths] == ["Giay khen 2025.pdf"]
    reader = PdfReader(str(target))
    assert len(reader.pages) == 2
    first = page._awardees[0]["snapshot_name"].split()[-1]
    assert first in _text(target)
