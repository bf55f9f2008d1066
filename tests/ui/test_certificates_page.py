"""The "In giấy khen, bằng chứng nhận" page on the demo commune: preview, printing to a PDF QPrinter, reprint,
the template editor dragged with the mouse, printer calibration and the QR check — real widgets, real pdfium
rendering."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter

from desktop.documents.certificates import load_template
from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
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
    # LĐTT gets a paper only where the province or the unit decides so; these tests print a large LĐTT decision
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


def test_awardees_in_register_order_with_checkboxes(page, context):
    rows = page.table.rowCount()
    assert rows == 36
    numbers = [int(page.table.item(r, 0).text()) for r in range(rows)]
    assert numbers == sorted(numbers)
    assert len(page.checked_ids()) == rows
    page.none_button.click()
    assert page.checked_ids() == []
    page.table.item(2, 0).setCheckState(Qt.CheckState.Checked)
    assert len(page.checked_ids()) == 1
    assert page.count_label.text() == "Đã chọn 1/36"


def test_preview_shows_real_pages(page, qtbot, context):
    page.set_checked([a["id"] for a in page._awardees[:3]])
    _wait(qtbot, page.preview())
    dialog = page.preview_dialog
    qtbot.addWidget(dialog)
    assert dialog.page_total == 3
    image = dialog.current_image()
    assert image is not None and image.width() > 500
    assert image.width() > image.height()  # landscape A4
    dark = sum(
        1
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    assert dark > 50  # text and border were drawn
    dialog.next_button.click()
    assert dialog.index == 1 and dialog.page_label.text() == "Trang 2/3"
    dialog.zoom_box.setValue(50)
    assert dialog.current_image().width() < image.width()
    assert context.store.scalar("SELECT count(*) FROM certificate_prints") == 0  # a preview is not a print
    dialog.close()


def test_print_to_a_pdf_printer_records_prints_and_reprint(page, qtbot, context, tmp_path):
    out = tmp_path / "printed.pdf"
    page.printer_factory = _pdf_printer(out)
    page.add_printer("Máy in thử")
    ops.save_printer_profile(context.store, name="Máy in thử", offset_x_mm=1.0, offset_y_mm=-1.0)
    page._show_profile()
    assert "1" in page.profile_label.text()
    chosen = [a["id"] for a in page._awardees[:3]]
    page.set_checked(chosen)
    page.serial_edit.setText("P0010")
    _wait(qtbot, page.print_selected())
    reader = PdfReader(str(out))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / 72 * 25.4 - 297) < 1 and abs(float(box.height) / 72 * 25.4 - 210) < 1
    register = {r["awardee_id"]: r for r in ops.print_register(context.store, decision_id=page.decision_id)}
    assert [register[i]["times_printed"] for i in chosen] == [1, 1, 1]
    assert register[chosen[1]]["serials"] == ["P0011"]
    assert register[chosen[0]]["prints"][0]["printer"] == "Máy in thử"
    assert page.table.item(0, 6).text() == "1"
    assert page.register_table.rowCount() == 3

    out2 = tmp_path / "reprint.pdf"
    page.printer_factory = _pdf_printer(out2)
    page.table.setCurrentCell(0, 1)

    def fill(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("spoiled"))
        dialog.note.setText("kẹt giấy")
        dialog.serial.setText("P0099")
        return True

    page.run_reprint_dialog = fill
    _wait(qtbot, page.reprint())
    assert len(PdfReader(str(out2)).pages) == 1
    entry = next(
        r for r in ops.print_register(context.store, decision_id=page.decision_id) if r["awardee_id"] == chosen[0]
    )
    assert entry["times_printed"] == 2 and entry["reprint_reasons"] == ["Hỏng phôi: kẹt giấy"]
    assert entry["serials"] == ["P0010", "P0099"]
    assert page.table.item(0, 6).text() == "2"


def test_a_used_form_serial_is_refused_before_anything_is_printed(page, qtbot, context, tmp_path, _no_modal_boxes):
    first, second = (tmp_path / "first.pdf"), (tmp_path / "second.pdf")
    page.printer_factory = _pdf_printer(first)
    page.add_printer("Máy in thử")
    page.set_checked([page._awardees[0]["id"]])
    page.serial_edit.setText("P0010")
    _wait(qtbot, page.print_selected())
    page.printer_factory = _pdf_printer(second)
    page.set_checked([page._awardees[1]["id"]])  # the clerk restarts at the serial already used
    assert page.print_selected() is None  # refused at once: no render, no print
    assert not second.exists()
    assert len(_no_modal_boxes) == 1 and "P0010" in _no_modal_boxes[0]
    assert page._awardees[0]["snapshot_name"] in _no_modal_boxes[0]
    _no_modal_boxes.clear()
    assert context.store.scalar("SELECT count(*) FROM certificate_prints") == 1


def test_a_revoked_decision_shows_its_register_of_sheets_to_recall(page, qtbot, context, tmp_path):
    """Sheets printed under a decision later revoked are to be recalled: the page keeps that decision (marked) for
    its register, and prints nothing more under it. A revoked decision with no sheet printed is not offered."""
    from desktop.ops import review

    page.printer_factory = _pdf_printer(tmp_path / "printed.pdf")
    page.add_printer("Máy in thử")
    page.set_checked([a["id"] for a in page._awardees[:2]])
    _wait(qtbot, page.print_selected())
    decision_id = page.decision_id
    number = context.store.scalar("SELECT number_text FROM decisions WHERE id = ?", (decision_id,))
    unprinted = context.store.query_one(
        "SELECT id, number_text FROM decisions WHERE status = 'issued' AND id != ? AND id NOT IN "
        "(SELECT decision_id FROM certificate_prints)",
        (decision_id,),
    )
    review.revoke_decision(context.store, decision_id=decision_id, reason="Sai đối tượng")
    review.revoke_decision(context.store, decision_id=unprinted["id"], reason="Sai đối tượng")
    context.data_changed.emit("decisions")

    assert page.decision_id == decision_id and not page.in_force
    text = page.decision_box.currentText()
    assert text.startswith(number) and "(đã bị hủy bỏ; 2 tờ đã in cần thu hồi)" in text
    offered = [page.decision_box.itemData(i) for i in range(page.decision_box.count())]
    assert unprinted["id"] not in offered
    assert page.tabs.currentWidget() is page.register_table and page.register_table.rowCount() == 2
    assert "thu hồi" in page.status.text()
    assert not page.print_button.isEnabled() and not page.preview_button.isEnabled()
    assert not page.save_button.isEnabled() and not page.reprint_button.isEnabled()
    assert page.checked_ids() == []
    # back on a decision in force, printing is offered again and the recall note goes
    page.decision_box.setCurrentIndex(0)
    assert page.in_force and page.print_button.isEnabled() and "thu hồi" not in page.status.text()


def test_save_pdf_one_per_person(page, qtbot, context, tmp_path):
    page.set_checked([a["id"] for a in page._awardees[:2]])
    page.per_person.setChecked(True)
    _wait(qtbot, page.save_pdf(tmp_path / "each"))
    assert len(list((tmp_path / "each").glob("*.pdf"))) == 2
    assert context.store.scalar("SELECT count(*) FROM certificate_prints") == 0  # a saved PDF is not a print


def test_editor_drag_with_the_mouse_then_save(page, qtbot, context):
    editor = page.make_editor()
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    qtbot.waitExposed(editor)
    item = editor.items["recipient"]
    assert item.lines and "Đỗ Thị Hồng Ánh" in item.lines[0][0]  # live text of the first awardee
    before = editor.template.field("recipient")
    view = editor.view
    start = view.mapFromScene(item.mapToScene(item.box.center()))
    scale = view.pixels_per_mm()
    end = start + QPoint(60, 30)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 7):
        qtbot.mouseMove(viewport, start + QPoint(10 * step, 5 * step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert editor.current_key == "recipient"
    assert editor.x_box.value() == pytest.approx(before.x_mm + 60 / scale, abs=0.15)
    path = editor.save()
    assert path is not None and path.parent == ops.user_templates_dir()
    saved = load_template(path).field("recipient")
    assert saved.x_mm == pytest.approx(before.x_mm + 60 / scale, abs=0.15)
    assert saved.y_mm == pytest.approx(before.y_mm + 30 / scale, abs=0.15)
    # the properties form edits the same field
    editor.size_box.setValue(24.0)
    editor.bold_box.setChecked(False)
    editor.save()
    again = load_template(path).field("recipient")
    assert again.size_pt == 24.0 and again.bold is False
    assert ops.get_template(editor.template.id).field("recipient").x_mm == saved.x_mm


def test_editor_background_image(page, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    scan = QImage(594, 420, QImage.Format.Format_RGB32)
    scan.fill(QColor("#f0e0c0"))
    scan.save(str(tmp_path / "scan.png"))
    editor = page.make_editor()
    qtbot.addWidget(editor)
    assert editor.set_background(tmp_path / "scan.png")
    rect = editor.background.sceneBoundingRect()
    assert rect.width() == pytest.approx(editor.template.page_width_mm)
    editor.opacity.setValue(30)
    assert editor.background.opacity() == pytest.approx(0.3)


def test_calibration_dialog_stores_offsets(page, qtbot, context):
    dialog = page.make_calibration()
    qtbot.addWidget(dialog)
    dialog.printer.setCurrentText("Canon LBP 2900")
    dialog.measured_x.setValue(31.2)
    dialog.measured_y.setValue(28.9)
    dialog.compute_button.click()
    profile = ops.get_printer_profile(context.store, "Canon LBP 2900")
    assert profile.offset_mm == pytest.approx((-1.2, 1.1))
    assert "-1.2" in dialog.result.text()
    dialog.use_scale.setChecked(True)
    dialog.measured_x.setValue(31.0)
    dialog.measured_y.setValue(31.0)
    dialog.far_x.setValue(267.0 * 1.01 + 1.0 - 0.3)
    dialog.far_y.setValue(180.0 * 1.01 + 1.0 - 0.3)
    dialog.compute_button.click()
    assert ops.get_printer_profile(context.store, "Canon LBP 2900").scale != 1.0


def test_calibration_page_saved(page, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    dialog = page.make_calibration()
    qtbot.addWidget(dialog)
    target = tmp_path / "cal.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_button.click()
    assert target.exists() and len(PdfReader(str(target)).pages) == 1


def test_verify_dialog(page, qtbot, context):
    from desktop.ui.certificates.dialogs import VerifyDialog

    payload = ops.certificate_data_for_decision(context.store, decision_id=page.decision_id)[0].qr_payload
    dialog = VerifyDialog(context, page)
    qtbot.addWidget(dialog)
    dialog.payload.setPlainText(payload)
    dialog.check_button.click()
    assert dialog.outcome["genuine"] is True
    assert "khớp sổ" in dialog.result.text() and "Số sổ vàng" not in dialog.result.text()
    dialog.payload.setPlainText(payload.replace("Ánh", "Anh"))
    dialog.check_button.click()
    assert dialog.outcome["genuine"] is False and dialog.result.text().startswith("✘")


def test_the_area_is_registered():
    from desktop.ui.pages import PAGES

    spec = next(p for p in PAGES if p.key == "certificates")
    assert spec.factory.__name__ == "_certificates_page"
