"""The window says what is wrong with a book before it asks or writes anything.

- "Đặt số tiếp theo…": a symbol that cannot be a book (empty, "/") shows the reason in the dialog as it is typed
  (no exception in the slot) and OK refuses with it, writing nothing; a good symbol shows where the book stands again;
- "Ban hành quyết định" with a book the unit has never used, or a look-alike of its book, is refused under the symbol
  field before the "Ban hành?" question and before the backup issuing makes.
Real widgets, the demo commune's round of 2025.
"""

from __future__ import annotations

from datetime import date

from desktop.ops import backup, review
from tests.ui import test_documents_law_ui as law

demo_context, round_id, boxes, confirm = law.demo_context, law.round_id, law.boxes, law.confirm


def test_the_series_dialog_shows_why_a_symbol_is_no_book_and_ok_refuses_it(demo_context, qtbot):
    from desktop.ui.review.decisions_page import SeriesNumberDialog

    store = demo_context.store
    dialog = SeriesNumberDialog(demo_context)
    qtbot.addWidget(dialog)
    books = store.scalar("SELECT count(*) FROM number_series")
    for typed, says in (("", "“” không hợp lệ"), ("/", "ký tự “/” (U+002F)"), ("QĐ/UBND", "ký tự “/”")):
        dialog.series_key.setText(typed)  # before: ValidationError raised in the textChanged slot
        assert "Ký hiệu sổ văn bản" in dialog.current.text() and says in dialog.current.text()
        dialog.next_number.setValue(40)
        dialog.reason.setPlainText("Tiếp nối sổ quyết định")
        assert dialog.save() is None
        assert says in dialog.error.text()
        assert store.scalar("SELECT count(*) FROM number_series") == books
    dialog.year.setValue(2024)
    dialog.series_key.setText("qđ-ubnd")
    assert "Số tiếp theo hiện là" in dialog.current.text()  # the demo's 2024 decisions are found again


def test_issuing_in_a_book_never_used_is_refused_before_the_question_and_the_backup(
    demo_context, qtbot, round_id, boxes, confirm
):
    store = demo_context.store
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:1]
    dialog = law._dialog(demo_context, qtbot, round_id, set(ldtt))
    refusals = (
        ("QĐ-UBNN", "“QĐ-UBNN” chưa có"),
        ("QĐ.UBND", "“QĐ-UBND”"),
        ("/", "ký tự “/” (U+002F)"),
        ("", "“” không hợp lệ"),
    )
    for typed, says in refusals:
        dialog.series_key.setText(typed)
        assert dialog.issue() is None
        assert says in dialog.errors["series_key"].text()
        assert dialog.errors["decision_date"].text() == ""
    assert confirm == []  # never asked "Ban hành?"
    assert not [info for info in backup.list_backups(store) if info.reason == "before_decision"]
    assert not store.scalar("SELECT count(*) FROM decisions WHERE decision_date = ?", (date(2025, 12, 20).isoformat(),))

    dialog.series_key.setText("qđ-ubnd")
    job = dialog.issue()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert dialog.decision_id is not None, dialog.error.text()
    assert dialog.errors["series_key"].text() == ""
    assert len(confirm) == 1


def test_the_series_dialog_grows_to_show_a_long_refusal_whole(demo_context, qtbot):
    """A refusal runs over several lines; the shown dialog grows to hold them (it had clipped them top and bottom)."""
    from desktop.ui.review.decisions_page import SeriesNumberDialog

    dialog = SeriesNumberDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.series_key.setText("QĐ-UB\u039dD")  # a Greek capital Nu
    qtbot.wait(50)
    label = dialog.current
    assert "chữ Hy Lạp" in label.text()
    assert label.height() >= label.heightForWidth(label.width())
