"""The window's “In lại…” draws the sheet as its first print was (template and mode), whatever the page is set to
now, as ``tdkt certificates reprint`` does; the register records the QR text on the new sheet. The printer panel says
when the chosen printer has no calibration, its name compared without case and spaces."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop.ops import certificates as ops
from desktop.ops import exchange
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

PRINTER = "Máy in thử"


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    """An unexpected error box would block the test; record it and fail instead."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text))
    yield shown
    assert not shown, shown


@pytest.fixture
def context(store, qapp):
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="clerk")


@pytest.fixture
def page(context, qtbot):
    """The page on the demo's Giấy khen of 2024 (template giay_khen_a4), printing on a PDF "printer"."""
    from desktop.ui.certificates.page import CertificatesPage

    widget = CertificatesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    for index in range(widget.decision_box.count()):
        if "Giấy khen năm 2024" in widget.decision_box.itemText(index):
            widget.decision_box.setCurrentIndex(index)
            break
    else:
        raise AssertionError("the demo has no Giấy khen of 2024")
    widget.add_printer(PRINTER)
    return widget


def _pdf_printer(path: Path):
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


def _text(path: Path) -> str:
    return unicodedata.normalize("NFC", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def _first_print_on_a_form(page, qtbot, tmp_path) -> dict:
    """The first awardee printed on a pre-printed form; then the clerk sets the page to blank paper and another
    template (for another decision), and presses “In lại…” on that row."""
    awardee = page._awardees[0]
    page.mode_box.setCurrentIndex(page.mode_box.findData("preprinted"))
    page.printer_factory = _pdf_printer(tmp_path / "first.pdf")
    page.set_checked([awardee["id"]])
    _wait(qtbot, page.print_selected())
    first = page.last_paths[0]
    text = _text(first)
    assert awardee["snapshot_name"] in text and "GIẤY KHEN" not in text  # the form has its own heading
    page.mode_box.setCurrentIndex(page.mode_box.findData("full"))
    page.template_box.setCurrentIndex(page.template_box.findData("cstdcs_a4"))
    assert (page.mode, page.template_id) == ("full", "cstdcs_a4")
    page.table.setCurrentCell(0, 1)

    def fill(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("spoiled"))
        dialog.note.setText("kẹt giấy")
        return True

    page.run_reprint_dialog = fill
    return awardee


def _prints(store, awardee_id: int) -> list[dict]:
    return store.query(
        "SELECT mode, template_id, printer_name, reprint_of, qr_payload FROM certificate_prints "
        "WHERE awardee_id = ? ORDER BY id",
        (awardee_id,),
    )


def test_a_reprint_on_a_printer_is_drawn_and_recorded_as_the_first_print(page, qtbot, context, tmp_path):
    awardee = _first_print_on_a_form(page, qtbot, tmp_path)
    page.printer_factory = _pdf_printer(tmp_path / "reprint.pdf")
    _wait(qtbot, page.reprint())
    [sent] = page.last_paths  # the PDF drawn for the printer
    text = _text(sent)
    assert awardee["snapshot_name"] in text
    # no headings printed over the form's own: no national heading, no "GIẤY KHEN"
    assert "CỘNG HÒA" not in text and "GIẤY KHEN" not in text
    reader = PdfReader(str(sent))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / 72 * 25.4 - 297) < 1  # giay_khen_a4's landscape page
    first, again = _prints(context.store, awardee["id"])
    assert (again["mode"], again["template_id"], again["printer_name"]) == ("preprinted", "giay_khen_a4", PRINTER)
    assert (first["mode"], first["template_id"]) == ("preprinted", "giay_khen_a4") and again["reprint_of"]
    assert "Phôi in sẵn" in page.status.text()  # the clerk is told which mode the reprint took
    assert (page.mode, page.template_id) == ("full", "cstdcs_a4")  # the page's own settings are left alone


def test_a_reprint_saved_as_pdf_is_drawn_as_the_first_print(page, qtbot, context, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    awardee = _first_print_on_a_form(page, qtbot, tmp_path)
    page.printer_box.setCurrentIndex(page.printer_box.findData(ops.PDF_PRINTER))
    target = tmp_path / "in-lai.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _wait(qtbot, page.reprint())
    text = _text(target)
    assert awardee["snapshot_name"] in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text and "GIẤY KHEN" not in text
    assert len(_prints(context.store, awardee["id"])) == 1  # a saved PDF is not a print


def test_the_register_keeps_the_qr_text_of_the_reprinted_sheet(page, qtbot, context, tmp_path):
    awardee = _first_print_on_a_form(page, qtbot, tmp_path)
    exchange.replace_unit_keys(context.store, reason="Máy cũ bị mất")  # the QR is signed with the new key now
    page.printer_factory = _pdf_printer(tmp_path / "reprint.pdf")
    _wait(qtbot, page.reprint())
    first, again = _prints(context.store, awardee["id"])
    [now] = ops.certificate_data_for_decision(context.store, decision_id=page.decision_id, awardee_ids=[awardee["id"]])
    assert again["qr_payload"] == now.qr_payload != first["qr_payload"]
    assert ops.verify(context.store, payload=again["qr_payload"])["valid"]


def test_the_printer_panel_says_when_the_printer_has_no_calibration(page, context):
    page.mode_box.setCurrentIndex(page.mode_box.findData("preprinted"))
    assert "chưa được căn chỉnh" in page.profile_label.text() and "phôi" in page.profile_label.text()
    assert page.profile_label.styleSheet()  # in colour: the forms would be printed uncorrected
    page.mode_box.setCurrentIndex(page.mode_box.findData("full"))
    assert "chưa được căn chỉnh" in page.profile_label.text() and "phôi" not in page.profile_label.text()
    # calibrated under another spelling (case, spaces): the same printer
    ops.save_printer_profile(context.store, name="  MÁY IN   THỬ ", offset_x_mm=2.5, offset_y_mm=-1)
    page.mode_box.setCurrentIndex(page.mode_box.findData("preprinted"))
    assert page.profile_label.text() == "Độ lệch: ngang 2.5 mm, dọc -1 mm, tỉ lệ 1"
    assert not page.profile_label.styleSheet()
