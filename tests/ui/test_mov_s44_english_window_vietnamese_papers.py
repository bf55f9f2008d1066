"""A window in English speaks English, but what it prints stays Vietnamese: a tổng kết recorded and printed from the
movements page, and the yearly report saved from the reports page, carried the English of the screen ("… leads with
90 points …", "69,0% direct workers …", "Good task completion (HTTNV)"), and the tổng kết kept it for good."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.domain.dates import format_date
from desktop.i18n import set_language
from desktop.ops import movements as mv
from desktop.ops.demo import fill_demo
from desktop.ui.context import AppContext
from desktop.ui.movements.page import MovementsPage
from desktop.ui.reports_page import ReportsPage
from tests.demo_date import DEMO_TODAY
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language("vi")


def _pdf(path: Path | str) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


def _scored_movement(store) -> int:
    """Last year's movement (so that its tổng kết, held on 1 January, has met whatever today is), scored."""
    year = date.today().year - 1
    setup_unit(store)
    movement = mv.create_movement(
        store, name="Thi đua chuyển đổi số", kind="thematic", start_date=date(year, 1, 1), end_date=date(year, 12, 31)
    )
    mv.launch(store, movement_id=movement, launch_date=date(year, 1, 1))
    duty = mv.add_criterion(store, movement_id=movement, name="Nhiệm vụ", max_points=100, mandatory=True)
    people = mv.participants(store, movement_id=movement)
    points = [90, 85, 80, 70, 60, 50, 40, 0]
    mv.record_scores(
        store,
        movement_id=movement,
        entries=[
            {"participant": p["key"], "criterion_id": duty, "points": v} for p, v in zip(people, points, strict=True)
        ],
    )
    return movement


def test_a_tong_ket_recorded_and_printed_from_an_english_window_is_vietnamese(app_context, qtbot, tmp_path, english):
    store = app_context.store
    set_language("vi")
    movement = _scored_movement(store)
    set_language("en")
    page = MovementsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    page.select_movement(movement)
    assert "leads with 90 points" in page.scores.note.text(), page.scores.note.text()  # the screen: English

    reviews = page.reviews
    reviews.kind.setCurrentIndex(reviews.kind.findData("tong_ket"))
    reviews.day.setText(format_date(date(date.today().year, 1, 1)))
    qtbot.mouseClick(reviews.record_button, Qt.MouseButton.LeftButton)
    assert reviews.reviews.count() == 1, reviews.message.text()
    out = tmp_path / "tong-ket.pdf"
    reviews.save_path = lambda *args, **kwargs: str(out)  # the Save dialog answered
    qtbot.mouseClick(reviews.export_button, Qt.MouseButton.LeftButton)
    text = _pdf(out)
    assert "Ban Chỉ huy Quân sự xã dẫn đầu với 90 điểm, được đề nghị suy tôn." in text
    assert "Không đạt tiêu chí bắt buộc: Nhiệm vụ; xếp sau các đơn vị đạt đủ." in text
    assert "leads with" not in text and "Failed mandatory" not in text
    assert "leads with 90 points" in page.scores.note.text()  # the live ranking on screen is still English

    set_language("vi")
    frozen = mv.get_review(store, mv.get_movement(store, movement)["reviews"][0]["id"])["ranking"]
    assert frozen["note"] == "Ban Chỉ huy Quân sự xã dẫn đầu với 90 điểm, được đề nghị suy tôn."


def test_the_reports_page_speaks_english_and_saves_a_vietnamese_report(store, qapp, qtbot, tmp_path, monkeypatch):
    fill_demo(store, today=DEMO_TODAY)
    set_language("en")
    try:
        page = ReportsPage(AppContext(store, actor="tester"))
        qtbot.addWidget(page)
        page.year.setValue(2024)
        assert "direct workers" in page.summary.text()  # the window speaks the clerk's language
        table = page.collectives
        shown = {table.item(r, 1).text() for r in range(table.rowCount())}
        assert "Good task completion (HTTNV)" in shown
        out = tmp_path / "bao-cao.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        page.pdf_button.click()
        assert out.exists(), page.message.text()
    finally:
        set_language("vi")
    text = _pdf(out)
    assert "người lao động trực tiếp" in text and "Hoàn thành tốt nhiệm vụ" in text
    assert "direct workers" not in text and "task completion" not in text and "individual awards" not in text
