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


def test_the_file_dialog_suggests_the_paper_and_the_decision(page, qtbot, tmp_path, monkeypatch):
    _choose(page, "Lao động tiên tiến năm 2024", without="Tập thể")
    suggested: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _p, _t, name, *a, **k: suggested.append(name) or ("", "")
    )
    _click(qtbot, page.save_button)
    assert page.job is None  # cancelled in the dialog: nothing made
    assert Path(suggested[0]).name == "Giấy chứng nhận 1-QĐ-UBND.pdf"


def test_saved_pdf_is_not_a_print_and_the_status_says_where(page, qtbot, context, tmp_path, monkeypatch):
    _choose(page, "Lao động tiên tiến năm 2024", without="Tập thể")
    target = tmp_path / "Giay khen 2025.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _click(qtbot, page.save_button)
    _wait(qtbot, page)
    assert target.is_file() and len(PdfReader(str(target)).pages) == len(page.checked_ids())
    assert str(target) in page.status.text()
    assert context.store.scalar("SELECT count(*) FROM certificate_prints") == 0
    assert page.register_table.rowCount() == 0
    page.none_button.click()
    _click(qtbot, page.unprinted_button)  # nobody was printed: everyone is still to print
    assert len(page.checked_ids()) == len([a for a in page._awardees if a["paper"]]) > 0


def test_print_to_the_pdf_entry_saves_without_recording(page, qtbot, context, tmp_path, monkeypatch):
    _choose(page, "Giấy khen năm 2024")
    page.printer_box.setCurrentIndex(page.printer_box.findData(ops.PDF_PRINTER))
    target = tmp_path / "gk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _click(qtbot, page.print_button)
    _wait(qtbot, page)
    assert target.is_file()
    assert context.store.scalar("SELECT count(*) FROM certificate_prints") == 0


def _pdf_printer(path):
    def factory(name, width_mm, height_mm):
        from PySide6.QtPrintSupport import QPrinter

        from desktop.ui.certificates.pdf_view import setup_printer

        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        setup_printer(printer, width_mm=width_mm, height_mm=height_mm)
        return printer

    return factory


def test_preview_opens_fitted_and_prints(page, qtbot, context, tmp_path):
    _choose(page, "Lao động tiên tiến năm 2024", without="Tập thể")
    chosen = [a["id"] for a in page._awardees[:2]]
    page.set_checked(chosen)
    out = tmp_path / "printed.pdf"
    page.printer_factory = _pdf_printer(out)
    page.add_printer("Máy in thử")
    _click(qtbot, page.preview_button)
    _wait(qtbot, page)
    dialog = page.preview_dialog
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    image = dialog.current_image()
    viewport = dialog.scroll.viewport().size()
    assert dialog.zoom_box.value() != 100
    assert image.width() <= viewport.width() and image.height() <= viewport.height()  # the whole page is seen
    assert max(image.width() / viewport.width(), image.height() / viewport.height()) > 0.8  # and fills it
    assert dialog.print_button.text() == "In…" and dialog.print_button.isVisible()
    _click(qtbot, dialog.print_button)
    _wait(qtbot, page)
    assert len(PdfReader(str(out)).pages) == 2
    register = {r["awardee_id"]: r for r in ops.print_register(context.store, decision_id=page.decision_id)}
    assert [register[i]["times_printed"] for i in chosen] == [1, 1]  # real printing is recorded


def test_names_and_headers_are_not_cut(page, qtbot, context, tmp_path):
    long_name = "Nguyễn Thị Phương Thảo Hoàng Lê Minh Khai (Trung tâm Phục vụ hành chính công xã)"
    with context.store.transaction("test"):  # a long name, as the decision froze it
        context.store.execute(
            "UPDATE decision_awardees SET snapshot_name = ? WHERE id = "
            "(SELECT min(a.id) FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id "
            "WHERE d.subject LIKE '%Lao động tiên tiến năm 2024%')",
            (long_name,),
        )
    page.reload()
    _choose(page, "Lao động tiên tiến năm 2024", without="Tập thể")
    qtbot.wait(10)
    assert long_name in [a["snapshot_name"] for a in page._awardees]
    metrics = page.table.fontMetrics()
    header = page.table.horizontalHeader()
    widest = max(metrics.horizontalAdvance(a["snapshot_name"]) for a in page._awardees)
    assert header.sectionSize(1) >= widest + 4
    page.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    register = page.register_table
    last = register.columnCount() - 1
    assert register.horizontalHeaderItem(last).text() == "In lại vì"
    header = register.horizontalHeader()
    needed = header.fontMetrics().horizontalAdvance("In lại vì")
    assert header.sectionSize(last) >= needed + 8
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= register.viewport().width()
