"""The "Đặt số tiếp theo" dialog tells where the book stands as issuing reads it: a number the unit's old register
(history import) already holds is shown as the highest, the next number comes after it, and setting the next number
at or below it is refused naming it and where it came from."""

from __future__ import annotations

from datetime import date

from desktop.ops import review
from desktop.store import awards_repo


def _import_own(store, number_text: str, signed: date) -> None:
    with store.transaction(operation="test.import"):
        awards_repo.add_award(
            store,
            target_kind="household",
            household_name="Hộ ông Sùng Mí Chứ",
            year=signed.year - 1,
            code="GIAY_KHEN",
            category="award_form",
            source="import",
            decision_no=number_text,
            decision_date=signed,
            issuer="Ủy ban nhân dân xã Lũng Cú",
        )


def test_the_dialog_shows_the_imported_number_and_refuses_a_next_number_below_it(app_context, qtbot):
    from desktop.ui.review.decisions_page import SeriesNumberDialog

    store = app_context.store
    year = date.today().year
    review.set_series_next_number(store, series_key="QĐ-UBND", year=year, next_number=1, reason="Mở sổ")
    _import_own(store, "Số 07/QĐ-UBND", date(year, 1, 2))
    dialog = SeriesNumberDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(year)
    dialog.series_key.setText("qđ-ubnd")
    shown = dialog.current.text()
    assert "Số tiếp theo hiện là 8" in shown, shown
    assert "Số 07/QĐ-UBND" in shown and "nhập từ sổ khen thưởng cũ" in shown, shown
    dialog.next_number.setValue(5)
    dialog.reason.setPlainText("Tiếp nối sổ")
    assert dialog.save() is None
    assert "Số 07/QĐ-UBND" in dialog.error.text() and "nhập từ sổ khen thưởng cũ" in dialog.error.text()
    review.record_number_gap(store, series_key="QĐ-UBND", year=year, number=8, reason="Văn bản hỏng")
    dialog.series_key.setText("QĐ-UBND")
    shown = dialog.current.text()
    assert "Số tiếp theo hiện là 9" in shown and "Văn bản hỏng" in shown, shown


def test_a_book_never_numbered_here_but_imported_is_not_shown_as_starting_at_one(app_context, qtbot):
    from desktop.ui.review.decisions_page import SeriesNumberDialog

    store = app_context.store
    year = date.today().year
    _import_own(store, "12/QĐ-UBND", date(year, 1, 2))
    dialog = SeriesNumberDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(year)
    dialog.series_key.setText("QĐ-UBND")
    shown = dialog.current.text()
    assert "chưa có quyết định nào" not in shown and "Số tiếp theo hiện là 13" in shown, shown
