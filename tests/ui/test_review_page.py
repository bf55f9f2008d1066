"""The review page: the engine's verdicts for a year, filters, every reason with its citation, export."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.text import fold
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ops.demo import fill_demo
    from desktop.ui.pages.review_page import ReviewPage

    fill_demo(app_context.store, today=DEMO_TODAY)
    widget = ReviewPage(app_context)
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    return widget


@pytest.fixture
def evaluated(page, qtbot):
    page.year.setValue(2025)
    job = page.run_evaluation()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    return page


def test_default_year():
    from desktop.domain.dates import default_year

    assert default_year(date(2025, 10, 1)) == 2025
    assert default_year(date(2025, 12, 31)) == 2025
    assert default_year(date(2026, 3, 15)) == 2025
    assert default_year(date(2026, 9, 30)) == 2025


def test_info_line_and_nothing_before_evaluating(page):
    assert "căn cứ" in page.info.text()
    assert "Đợt bình xét" in page.info.text()
    assert page.proxy.rowCount() == 0
    assert not page.export_button.isEnabled()


def test_evaluates_2025_for_the_demo_commune(evaluated, app_context):
    from desktop.ops import rules

    page = evaluated
    expected = rules.verdicts_json(rules.evaluate_year(app_context.store, year=2025))
    assert page.result_year == 2025
    assert page.model.rowCount() == len(expected) > 0
    assert page.proxy.rowCount() == len(expected)
    verdicts = {row["verdict"] for row in page.model.rows}
    assert "eligible" in verdicts and "not_eligible" in verdicts
    assert {row["target_kind"] for row in page.model.rows} == {"individual", "collective"}
    assert page.status.text().startswith(f"Năm 2025: {len(expected)} kết quả")
    assert page.run_button.isEnabled() and page.export_button.isEnabled()

    first = page.proxy.index(0, 0).data(page_row_role())
    award = page.proxy.index(0, 2).data()
    assert award == page.model.award_name(first) and award != first["code"]  # the name, not the code
    labels = {page.proxy.index(r, 3).data() for r in range(page.proxy.rowCount())}
    assert "Đủ điều kiện" in labels and "Chưa đủ điều kiện" in labels
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 3).data() == "Đủ điều kiện":
            assert page.proxy.index(row, 3).data(foreground_role()).color().name() == "#1b6e20"
            break


def page_row_role():
    from desktop.ui.pages.review_page import ROW_ROLE

    return ROW_ROLE


def foreground_role():
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.ForegroundRole


def test_details_list_every_reason_with_its_citation(evaluated):
    page = evaluated
    page.table.selectRow(0)
    row = page.selected_row()
    assert row is not None
    text = page.details.toPlainText()
    assert row["name"] in text
    assert row["reasons"]
    for reason in row["reasons"]:
        assert reason["text"] in text
        if reason["citation"]:
            assert f"Căn cứ: {reason['citation']}" in text
    assert any(reason["citation"] for reason in row["reasons"])


def test_filters_by_verdict_code_and_accent_free_search(evaluated, type_text):
    page = evaluated
    total = page.proxy.rowCount()
    page.verdict_filter.setCurrentIndex(page.verdict_filter.findData("eligible"))
    eligible = page.visible_rows()
    assert 0 < len(eligible) < total
    assert all(row["verdict"] == "eligible" for row in eligible)

    page.code_filter.setCurrentIndex(page.code_filter.findData("LDTT"))
    assert page.code_filter.currentText() == "Lao động tiên tiến"
    assert all(row["code"] == "LDTT" and row["verdict"] == "eligible" for row in page.visible_rows())

    page.verdict_filter.setCurrentIndex(0)
    page.code_filter.setCurrentIndex(0)
    name = next(row["name"] for row in page.model.rows if row["target_kind"] == "individual")
    family, given = name.split()[0], name.split()[-1]
    type_text(page.search, fold(f"{family} {given}"))  # typed without accents
    shown = page.visible_rows()
    assert shown and all(fold(family) in fold(row["name"]) and fold(given) in fold(row["name"]) for row in shown)
    assert any(row["name"] == name for row in shown)
    assert f"Đang hiện {len(shown)} dòng" in page.status.text()
    page.search.clear()
    assert page.proxy.rowCount() == total


def test_export_the_shown_verdicts_to_xlsx(evaluated, tmp_path):
    from openpyxl import load_workbook

    page = evaluated
    page.verdict_filter.setCurrentIndex(page.verdict_filter.findData("needs_vote"))
    shown = page.visible_rows()
    target = page.export_xlsx(tmp_path / "ket-qua")
    assert target == tmp_path / "ket-qua.xlsx"
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Cán bộ / tập thể", "Đối tượng", "Mã", "Danh hiệu, hình thức", "Kết quả", "Lý do và căn cứ")
    assert len(rows) == len(shown) + 1
    assert rows[1][0] == page.model.text(shown[0], page.model.NAME) and rows[1][2] == shown[0]["code"]
    assert rows[1][4] == "Chờ kết quả bỏ phiếu"
    first_reason = shown[0]["reasons"][0]
    assert first_reason["text"] in rows[1][5]


def test_changes_mark_the_result_stale(evaluated, app_context):
    app_context.data_changed.emit("rules")
    assert "xét lại" in evaluated.status.text()


def test_nominations_area_is_the_review_page(main_window):
    from desktop.ui.pages.review_page import ReviewPage

    area = main_window.show_page("nominations")
    assert isinstance(area.verdicts_page(), ReviewPage)


def test_two_people_of_one_name_are_told_apart_in_the_results(evaluated):
    """The demo commune has two "Đỗ Hữu Chứ" (born 1995 and 1997): the results say which is which."""
    page = evaluated
    names = {page.model.text(row, page.model.NAME) for row in page.model.rows if row["target_kind"] == "individual"}
    namesakes = sorted(n for n in names if n.startswith("Đỗ Hữu Chứ"))
    assert namesakes == ["Đỗ Hữu Chứ (sinh 1995)", "Đỗ Hữu Chứ (sinh 1997)"]
    people = {(row["id"], row["name"]) for row in page.model.rows if row["target_kind"] == "individual"}
    plain = [name for _id, name in people]
    for _id, name in people:  # a mark only where the plain name is shared
        shown = next(page.model.text(r, page.model.NAME) for r in page.model.rows if r.get("staff_id") == _id)
        assert (shown != name) == (plain.count(name) > 1), shown
