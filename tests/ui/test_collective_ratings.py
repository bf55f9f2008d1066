"""The Unit page's collectives: each collective's own rating by year, set, changed and removed by the clerk."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.ops import collectives
from desktop.store import unit_repo


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ui.pages.unit_page import UnitPage

    store = app_context.store
    with store.transaction(operation="test.setup"):
        unit_repo.get_or_create_department(store, "Văn phòng HĐND và UBND")
        unit_repo.get_or_create_department(store, "Phòng Kinh tế")
    widget = UnitPage(app_context)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    return widget


@pytest.fixture
def confirm(monkeypatch):
    answers: list[str] = []

    def answer(_parent, _title, text):
        answers.append(text)
        return answers_to_give.pop(0)

    answers_to_give: list[bool] = []
    monkeypatch.setattr("desktop.ui.collective_ratings.ask_confirm", answer)
    return answers, answers_to_give


def _select_department(page, name: str) -> None:
    rows = [page.dept_table.item(r, 0).text() for r in range(page.dept_table.rowCount())]
    page.dept_table.selectRow(rows.index(name))


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _shown(box) -> list[tuple[str, str, str]]:
    return [tuple(box.table.item(r, c).text() for c in range(3)) for r in range(box.table.rowCount())]


def test_nothing_to_rate_until_a_collective_is_selected(page):
    box = page.collective_ratings
    assert box.title() == "Xếp loại tập thể hằng năm"
    assert "Chọn một phòng ban, tập thể" in box.heading.text()
    assert not box.save_button.isEnabled() and not box.remove_button.isEnabled()


def test_clerk_sets_changes_and_removes_a_collectives_rating(page, app_context, qtbot, type_text, confirm):
    store = app_context.store
    box = page.collective_ratings
    seen: list[str] = []
    app_context.data_changed.connect(seen.append)
    _select_department(page, "Văn phòng HĐND và UBND")
    assert box.heading.text() == "Xếp loại của tập thể “Văn phòng HĐND và UBND” theo năm:"
    assert box.row_count() == 0 and box.save_button.isEnabled()
    office = collectives.department_by_name(store, "Văn phòng HĐND và UBND")["id"]

    # 2025: Hoàn thành xuất sắc nhiệm vụ, with a note typed in.
    box.year.setValue(2025)
    box.rating.setCurrentIndex(box.rating.findText("Hoàn thành xuất sắc nhiệm vụ"))
    type_text(box.notes, "Theo biên bản họp ngày 15/12/2025")
    _click(qtbot, box.save_button)
    assert box.status.text() == "Đã lưu xếp loại năm 2025: Hoàn thành xuất sắc nhiệm vụ."
    assert _shown(box) == [("2025", "Hoàn thành xuất sắc nhiệm vụ", "Theo biên bản họp ngày 15/12/2025")]
    assert seen[-1] == "collective_ratings"

    # 2024: Hoàn thành tốt nhiệm vụ; the history shows the newest year first.
    box.year.setValue(2024)
    box.rating.setCurrentIndex(box.rating.findData("HTTNV"))
    box.notes.clear()
    _click(qtbot, box.save_button)
    assert [row[0] for row in _shown(box)] == ["2025", "2024"]

    # Selecting a year puts it back in the form; changing it updates the same year.
    assert box.select_year(2025)
    assert box.year.value() == 2025 and box.rating.currentData() == "HTXSNV"
    assert box.notes.text() == "Theo biên bản họp ngày 15/12/2025"
    box.rating.setCurrentIndex(box.rating.findData("HTTNV"))
    _click(qtbot, box.save_button)
    assert box.status.text() == "Đã sửa xếp loại năm 2025: Hoàn thành xuất sắc nhiệm vụ → Hoàn thành tốt nhiệm vụ."
    assert box.ratings() == {2025: "HTTNV", 2024: "HTTNV"}

    # Removing asks first; "Không" keeps it, "Có" removes it.
    answers, give = confirm
    assert box.select_year(2024)
    give.append(False)
    _click(qtbot, box.remove_button)
    assert box.ratings() == {2025: "HTTNV", 2024: "HTTNV"}
    assert "Xóa xếp loại năm 2024 (Hoàn thành tốt nhiệm vụ) của tập thể “Văn phòng HĐND và UBND”?" in answers[-1]
    assert box.select_year(2024)
    give.append(True)
    _click(qtbot, box.remove_button)
    assert box.ratings() == {2025: "HTTNV"} and box.status.text() == "Đã xóa xếp loại năm 2024."

    # The other collective has its own (empty) history.
    _select_department(page, "Phòng Kinh tế")
    assert box.row_count() == 0 and box.status.text() == ""
    _select_department(page, "Văn phòng HĐND và UBND")
    assert box.ratings() == {2025: "HTTNV"}

    stored = collectives.ratings_history(store, department_id=office)
    assert [(r["year"], r["rating"]) for r in stored] == [(2025, "HTTNV")]
    audit = store.query(
        "SELECT operation, action, actor FROM audit_log WHERE table_name = 'collective_ratings' ORDER BY id"
    )
    assert [(a["operation"], a["action"]) for a in audit] == [
        ("collective.rating", "insert"),
        ("collective.rating", "insert"),
        ("collective.rating", "update"),
        ("collective.rating_delete", "delete"),
    ]
    assert {a["actor"] for a in audit} == {"tester"}


def test_a_year_out_of_range_is_refused_next_to_the_form(page, app_context, qtbot):
    box = page.collective_ratings
    _select_department(page, "Phòng Kinh tế")
    # The spin box already limits the year; the ops message shows if it is bypassed (a stale window left open).
    assert box.year.maximum() == date.today().year  # a year not begun has no rating yet
    box.year.setMaximum(2200)
    box.year.setValue(2200)
    _click(qtbot, box.save_button)
    assert box.error.isVisibleTo(box) and "Năm 2200 chưa đến" in box.error.text()
    assert app_context.store.scalar("SELECT count(*) FROM collective_ratings") == 0


def test_a_history_import_refreshes_the_box(page, app_context):
    box = page.collective_ratings
    _select_department(page, "Phòng Kinh tế")
    department_id = collectives.department_by_name(app_context.store, "Phòng Kinh tế")["id"]
    collectives.set_collective_rating(app_context.store, department_id=department_id, year=2023, rating="HTNV")
    app_context.data_changed.emit("history")
    assert box.ratings() == {2023: "HTNV"}


def test_reports_page_shows_each_collectives_rating(store, qapp, qtbot):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext
    from desktop.ui.reports_page import ReportsPage
    from tests.demo_date import DEMO_TODAY

    fill_demo(store, today=DEMO_TODAY)
    context = AppContext(store, actor="tester")
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.year.setValue(2025)
    assert page.collectives_title.text() == "Xếp loại tập thể năm 2025"
    table = page.collectives
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in (1, 2, 3)] for r in range(table.rowCount())}
    assert rows["Văn phòng HĐND và UBND"] == ["Hoàn thành xuất sắc nhiệm vụ", "HTXSNV", "8"]
    # A rating saved elsewhere (the Unit page) shows after the change signal.
    economy = collectives.department_by_name(store, "Phòng Kinh tế")["id"]
    collectives.set_collective_rating(store, department_id=economy, year=2025, rating="KHTNV")
    context.data_changed.emit("collective_ratings")
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Phòng Kinh tế"] == "KHTNV"


def test_reports_page_speaks_english_while_the_exported_report_stays_vietnamese(store, qapp, qtbot, tmp_path):
    """The window follows the user's language; the PDF is a document of the unit and stays Vietnamese."""
    from pypdf import PdfReader

    from desktop.i18n import set_language
    from desktop.ops.demo import fill_demo
    from desktop.ops.movements.report import export_report
    from desktop.ui.context import AppContext
    from desktop.ui.reports_page import ReportsPage
    from tests.demo_date import DEMO_TODAY

    fill_demo(store, today=DEMO_TODAY)
    set_language("en")
    page = ReportsPage(AppContext(store, actor="tester"))
    qtbot.addWidget(page)
    page.year.setValue(2025)
    assert [label.text() for label in page.table_titles] == [
        "Emulation titles",
        "Award forms",
        "By department",
        "Individuals by gender, ethnicity and position",
    ]
    groups = page.tables[-1]
    assert groups.horizontalHeaderItem(1).text() == "Count"
    names = [groups.item(r, 0).text() for r in range(groups.rowCount())]
    assert "Ethnic minorities" in names and names[-1] == "Total awards to individuals"
    text = "".join(p.extract_text() for p in PdfReader(export_report(store, year=2025, out=tmp_path / "r.pdf")).pages)
    assert "Cá nhân theo giới tính, dân tộc, vị trí" in text and "Dân tộc thiểu số" in text
    assert "Ethnic minorities" not in text
