"""“In” on rows already printed records no silent second original (defect e): printed rows start unticked, ticking
one again and pressing “In” is refused before anything is drawn or printed, naming the person and pointing to
“In lại…”, which prints it with its reason as a reprint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


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
    for index in range(widget.decision_box.count()):
        text = widget.decision_box.itemText(index)
        if "Lao động tiên tiến năm 2024" in text and "Tập thể" not in text:
            widget.decision_box.setCurrentIndex(index)
            break
    return widget


def _pdf_printer(path):
    def factory(name, width_mm, height_mm):
        from desktop.ui.certificates.pdf_view import setup_printer

        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        setup_printer(printer, width_mm=width_mm, height_mm=height_mm)
        return printer

    return factory


def _wait(qtbot, job):
    assert job is not None
    if not job.done:
        with qtbot.waitSignal(job.finished, timeout=30000):
            pass
    assert job.error is None, job.error


def _originals(store) -> int:
    return int(store.scalar("SELECT count(*) FROM certificate_prints WHERE reprint_of IS NULL"))


def test_in_on_a_printed_row_is_refused_and_in_lai_records_a_reprint(page, qtbot, context, tmp_path, boxes):
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    page.printer_factory = _pdf_printer(first)
    page.add_printer("Máy in thử")
    printed = [a["id"] for a in page._awardees[:2]]
    page.set_checked(printed)
    page.serial_edit.setText("P0010")
    _wait(qtbot, page.print_selected())
    assert _originals(context.store) == 2 and not boxes

    # after printing, the printed rows are no longer ticked; the others still are
    assert page.table.item(0, 0).checkState() == Qt.CheckState.Unchecked
    assert page.table.item(2, 0).checkState() == Qt.CheckState.Checked
    # the clerk ticks a printed row again (with a new one) and presses “In”
    page.set_checked([printed[0], page._awardees[2]["id"]])
    page.printer_factory = _pdf_printer(second)
    page.serial_edit.setText("P0100")
    assert page.print_selected() is None  # refused at once: nothing drawn, nothing printed
    assert not second.exists()
    assert len(boxes) == 1
    assert page._awardees[0]["snapshot_name"] + " (số sổ vàng 1, đã in 1 lần" in boxes[0]
    assert page._awardees[2]["snapshot_name"] not in boxes[0]
    assert "“In lại”" in boxes[0]
    boxes.clear()
    assert _originals(context.store) == 2
    assert context.store.scalar("SELECT count(*) FROM certificate_prints") == 2

    # “In lại…” on that row prints it again, recorded as a reprint with its reason
    page.table.setCurrentCell(0, 1)

    def fill(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("spoiled"))
        dialog.note.setText("kẹt giấy")
        dialog.serial.setText("P0200")
        return True

    page.run_reprint_dialog = fill
    _wait(qtbot, page.reprint())
    assert not boxes, boxes
    assert _originals(context.store) == 2
    entry = next(
        r for r in ops.print_register(context.store, decision_id=page.decision_id) if r["awardee_id"] == printed[0]
    )
    assert (entry["times_printed"], entry["reprints"]) == (2, 1)
    assert entry["reprint_reasons"] == ["Hỏng phôi: kẹt giấy"]
