"""A full movement through the window: create → launch → registrations → covenant → criteria → scores for 8
departments with a tie (highlighted) → ranking → final review → report PDF → proposals in a review round; the
reports page's tables, charts and exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.ops import review
from tests.demo_date import DEMO_TODAY
from tests.ops.movement_flow import DEPARTMENTS, POINTS, setup_unit


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ui.movements.page import MovementsPage

    setup_unit(app_context.store)
    widget = MovementsPage(app_context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def test_a_whole_movement_in_the_window(page, qtbot, app_context, tmp_path, monkeypatch, type_text):
    store = app_context.store
    box = page.new_box
    type_text(box.name, "Thi đua chuyển đổi số")
    box.kind.setCurrentIndex(box.kind.findData("thematic"))
    box.targets.setPlainText("100% hồ sơ trực tuyến")
    click(qtbot, box.create_button)
    assert page.list.count() == 1 and page.current_id is not None
    click(qtbot, page.info.launch_button)
    assert "Đã phát động" in page.info.message.text()
    assert "Đã phát động" in page.list.item(0).text()

    tab = page.registrations
    for name in DEPARTMENTS:
        tab.who.setCurrentIndex(tab.who.findText(f"Tập thể: {name}"))
        tab.code.setCurrentIndex(tab.code.findData("TTLDTT"))
        click(qtbot, tab.add_button)
    tab.who.setCurrentIndex(tab.who.findText("Nguyễn Văn Sơn"))
    tab.code.setCurrentIndex(tab.code.findData("LDTT"))
    click(qtbot, tab.add_button)
    assert tab.table.rowCount() == 9
    click(qtbot, tab.add_button)  # the same person again is refused, with the reason in red
    assert "Đã có bản đăng ký" in tab.message.text() and tab.table.rowCount() == 9

    covenant = page.covenant
    covenant.signers.setPlainText("\n".join(f"Trưởng {n} | Trưởng phòng | {n}" for n in DEPARTMENTS))
    click(qtbot, covenant.sign_button)
    assert "Đã ghi giao ước" in covenant.message.text()
    assert "Trưởng Công an xã" in covenant.covenants.item(0).text()

    scores = page.scores
    for name, max_points, weight, mandatory, kind in [
        ("Hoàn thành nhiệm vụ", 50, 1.0, True, "normal"),
        ("Cải cách hành chính", 30, 1.5, False, "normal"),
        ("Sáng kiến", 5, 1.0, False, "bonus"),
        ("Vi phạm kỷ cương", 10, 1.0, False, "penalty"),
    ]:
        scores.name.setText(name)
        scores.max_points.setValue(max_points)
        scores.weight.setValue(weight)
        scores.mandatory.setChecked(mandatory)
        scores.kind.setCurrentIndex(scores.kind.findData(kind))
        click(qtbot, scores.add_button)
    assert scores.grid.rowCount() == 8 and scores.grid.columnCount() == 3 + 4
    rows = {scores.grid.item(r, 0).text(): r for r in range(8)}
    for name, values in zip(DEPARTMENTS, POINTS, strict=True):
        for offset, value in enumerate(values):
            scores.grid.item(rows[name], scores.FIRST + offset).setText(str(value))
    # a value over the maximum is shown at once and blocks the save
    scores.grid.item(rows["Công an xã"], scores.FIRST).setText("60")
    assert "vượt quá điểm tối đa 50" in scores.note.text()
    click(qtbot, scores.save_button)
    assert "vượt quá" in scores.message.text()
    assert store.scalar("SELECT count(*) FROM scores") == 0
    scores.grid.item(rows["Công an xã"], scores.FIRST).setText(str(POINTS[5][0]))
    click(qtbot, scores.save_button)
    assert store.scalar("SELECT count(*) FROM scores") == 32

    rows = {scores.grid.item(r, 0).text(): r for r in range(8)}
    rank = {name: scores.grid.item(row, scores.RANK).text() for name, row in rows.items()}
    assert rank["Phòng Kinh tế"] == "1"
    # tied for second; the screen ranks as the reviews do: Phòng Văn hóa - Xã hội (its one member a woman) first
    assert rank["Phòng Văn hóa - Xã hội"] == "2 (đồng hạng, ưu tiên nữ)"
    assert rank["Văn phòng HĐND và UBND"] == "2 (đồng hạng)"
    assert rank["Trung tâm Phục vụ hành chính công"] == "4"
    tie = scores.grid.item(rows["Văn phòng HĐND và UBND"], scores.RANK).background().color()
    assert tie.name() == "#fff2b3"
    failed = scores.grid.item(rows["Hội Liên hiệp Phụ nữ xã"], scores.RANK)
    assert failed.text() == "8" and "Hoàn thành nhiệm vụ" in failed.toolTip()
    assert "Phòng Kinh tế dẫn đầu" in scores.note.text()

    reviews = page.reviews
    reviews.kind.setCurrentIndex(reviews.kind.findData("tong_ket"))
    reviews.summary.setPlainText("Phong trào đạt mục tiêu.")
    click(qtbot, reviews.record_button)
    assert reviews.reviews.count() == 1
    assert "Phòng Kinh tế" in reviews.view.toPlainText() and "Giấy khen" in reviews.view.toPlainText()

    target = tmp_path / "tong-ket.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, reviews.export_button)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    assert "BÁO CÁO TỔNG KẾT" in text and "đồng hạng" in text

    this_year = date.today().year  # the window's new movement runs 01/01–31/12 of the current year
    reviews.year.setValue(this_year)
    click(qtbot, reviews.propose_button)
    assert "đợt bình xét" in reviews.message.text()
    [round_row] = review.list_rounds(store)
    assert round_row["kind"] == "movement" and round_row["year"] == this_year
    [nomination] = review.get_round(store, round_row["id"])["nominations"]
    assert nomination["name"] == "Phòng Kinh tế" and nomination["code"] == "GIAY_KHEN"
    assert not reviews.propose_button.isEnabled()  # proposed once only

    models = page.models
    models.name.setText("Lò Thị Mỷ")
    models.achievement.setText("Hiến đất làm đường liên thôn")
    click(qtbot, models.add_button)
    type_text(models.search, "hien dat")
    assert models.table.rowCount() == 1 and models.table.item(0, 0).text() == "Lò Thị Mỷ"


def test_reports_page_with_demo_data(qapp, qtbot, store, tmp_path, monkeypatch):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext
    from desktop.ui.reports_page import ReportsPage

    fill_demo(store, today=DEMO_TODAY)
    page = ReportsPage(AppContext(store, actor="tester"))
    qtbot.addWidget(page)
    page.year.setValue(2024)
    assert "43 lượt khen thưởng" in page.summary.text()
    titles = {page.tables[0].item(r, 0).text() for r in range(page.tables[0].rowCount())}
    forms = {page.tables[1].item(r, 0).text() for r in range(page.tables[1].rowCount())}
    assert "Lao động tiên tiến" in titles and "Giấy khen" in forms and titles.isdisjoint(forms)
    assert page.charts[0].series[0] == ("Lao động tiên tiến", page.data["titles"][0]["count"])
    page.resize(1366, 768)
    page.show()
    assert not page.grab().isNull()
    page.year.setValue(2025)
    assert page.movement.count() == 3  # "all" and the two demo movements
    page.year.setValue(2024)
    for suffix in ("pdf", "xlsx"):
        target = Path(tmp_path / f"bc.{suffix}")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, target=target, **k: (str(target), ""))
        page.export(suffix)
        assert target.exists(), page.message.text()
    assert load_workbook(tmp_path / "bc.xlsx").active["A1"].value == "Kết quả thi đua, khen thưởng năm 2024"


def test_pages_are_registered():
    from desktop.ui.pages import PAGES

    factories = {spec.key: spec.factory.__name__ for spec in PAGES}
    assert factories["movements"] == "_movements_page" and factories["reports"] == "_reports_page"
