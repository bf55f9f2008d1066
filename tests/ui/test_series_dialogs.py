"""The number-series dialogs read the symbol as the operation does ("qđ-ubnd " is QĐ-UBND) and open a new book only
when the clerk ticks it."""

from __future__ import annotations

from datetime import date

from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


def test_the_symbol_typed_loosely_shows_the_series_and_a_new_one_needs_the_tick(app_context, qtbot):
    from desktop.ui.review.decisions_page import SeriesNumberDialog

    store = app_context.store
    fill_demo(store, today=DEMO_TODAY)
    year = date.today().year
    dialog = SeriesNumberDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2024)
    dialog.series_key.setText("qđ-ubnd ")
    assert "chưa có quyết định nào" not in dialog.current.text()  # the demo's 2024 decisions are found
    dialog.year.setValue(year)
    dialog.series_key.setText("QĐ-CT")
    dialog.next_number.setValue(40)
    dialog.reason.setPlainText("Tiếp nối sổ quyết định của Chủ tịch")
    assert dialog.save() is None  # not ticked: refused, nothing written
    assert not [s for s in review.list_number_series(store, year=year) if s["series_key"] == "QĐ-CT"]
    dialog.new_series.setChecked(True)
    assert dialog.save() is not None
    [series] = [s for s in review.list_number_series(store, year=year) if s["series_key"] == "QĐ-CT"]
    assert series["next_number"] == 40
