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


def test_the_series_dialogs_refuse_an_unknown_symbol_naming_their_own_box(app_context, qtbot):
    """Not ticked, a symbol never used is refused naming the dialog's box, never a command-line option; the command
    line (ops called without ``for_window``) keeps naming its option."""
    import pytest

    from desktop.store import ValidationError
    from desktop.ui.review.decisions_page import NumberGapDialog, SeriesNumberDialog

    store = app_context.store
    fill_demo(store, today=DEMO_TODAY)
    year = date.today().year
    for kind in (SeriesNumberDialog, NumberGapDialog):
        dialog = kind(app_context)
        qtbot.addWidget(dialog)
        dialog.year.setValue(year)
        dialog.series_key.setText("QĐ-CT")
        dialog.number.setValue(40)
        dialog.reason.setPlainText("Tiếp nối sổ quyết định của Chủ tịch")
        assert dialog.save() is None
        shown = dialog.error.text()
        assert "“QĐ-CT” chưa có" in shown and "hãy đánh dấu “Đây là sổ văn bản mới (ký hiệu chưa dùng)”" in shown
        assert "dòng lệnh" not in shown and "--" not in shown, shown
    with pytest.raises(ValidationError, match=r"\(dòng lệnh: --new-series\)"):
        review.set_series_next_number(store, series_key="QĐ-CT", year=year, next_number=40, reason="Tiếp nối")
