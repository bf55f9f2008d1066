"""Issue 14: the review area clicked for real: export, rounds refreshed or deleted, the step bar, decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo_context(app_context):
    from desktop.ops.demo import fill_demo

    fill_demo(app_context.store, today=DEMO_TODAY)
    return app_context


def test_export_button_really_clicked_writes_the_xlsx(demo_context, qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.pages.review_page import ReviewPage

    page = ReviewPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2025)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)
    target = tmp_path / "ket-qua.xlsx"
    asked: list[str] = []

    def answer(parent, caption, suggested, filters):
        asked.append(caption)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["Xuất kết quả xét ra Excel"]
    assert target.exists()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "Cán bộ / tập thể"
    assert len(rows) == page.proxy.rowCount() + 1 > 1
    assert Path(target).stat().st_size > 0
    target.unlink()
    page.export_xlsx(False)  # what a direct clicked(bool) connection would pass: still asks where to save
    assert len(asked) == 2 and target.exists()


@pytest.fixture
def boxes(monkeypatch):
    """Record every modal message instead of showing it."""
    from PySide6.QtWidgets import QMessageBox

    seen: dict[str, list[str]] = {"critical": [], "information": [], "warning": []}

    def recorder(kind):
        def show(_parent, _title, text, *args, **kwargs):
            seen[kind].append(text)
            return QMessageBox.StandardButton.Ok

        return show

    for kind in seen:
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_refresh_and_delete_a_round_by_clicking(demo_context, qtbot, boxes, monkeypatch):
    from datetime import date

    from desktop.ops import review
    from desktop.ui.review.rounds_widget import RoundsWidget

    store = demo_context.store
    saved = store.query("SELECT * FROM ratings WHERE year = 2025")
    with store.transaction("test.hide_ratings"):
        store.execute("DELETE FROM ratings WHERE year = 2025")
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    empty = len(review.get_round(store, round_id)["nominations"])
    with store.transaction("test.import_ratings"):
        for row in saved:
            store.insert("ratings", row)

    widget = RoundsWidget(demo_context)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.current_round_id() == round_id
    assert widget.table.rowCount() == empty
    _click(qtbot, widget.refresh_button)
    assert boxes["critical"] == []
    assert boxes["information"] and "Đã cập nhật danh sách đề nghị" in boxes["information"][-1]
    assert widget.current_round_id() == round_id
    assert widget.table.rowCount() > empty
    assert len(review.get_round(store, round_id)["nominations"]) == widget.table.rowCount()

    questions: list[str] = []
    answer = {"yes": False}

    def ask(_parent, _title, text):
        questions.append(text)
        return answer["yes"]

    monkeypatch.setattr("desktop.ui.review.rounds_widget.ask_confirm", ask)
    _click(qtbot, widget.delete_button)  # "Không": nothing deleted
    assert questions and "Xóa đợt" in questions[0]
    assert store.scalar("SELECT count(*) FROM review_rounds WHERE id = ?", (round_id,)) == 1
    answer["yes"] = True
    _click(qtbot, widget.delete_button)
    assert store.scalar("SELECT count(*) FROM review_rounds WHERE id = ?", (round_id,)) == 0
    assert widget.current_round_id() != round_id
    # the demo's 2024 round has its decision: it cannot be deleted nor refreshed
    assert widget.round is not None and widget.round["decisions"]
    assert not widget.delete_button.isEnabled() and not widget.refresh_button.isEnabled()


def test_the_council_step_is_ticked_only_when_every_ballot_is_in(demo_context, qtbot):
    from datetime import date

    from desktop.ops import review
    from desktop.ui.review.rounds_widget import RoundsWidget

    store = demo_context.store
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    review.set_council(
        store,
        round_id=round_id,
        meeting_date=date(2025, 12, 15),
        location="Hội trường",
        members=[
            {"full_name": name, "role": role, "attended": True}
            for name, role in (("Sùng Mí Pháo", "chair"), ("Lò Văn Chứ", "member"), ("Vàng Thị Dở", "secretary"))
        ],
    )
    widget = RoundsWidget(demo_context)
    qtbot.addWidget(widget)
    widget.load_rounds(select_id=round_id)
    voting = widget.pending_ballots()
    assert len(voting) >= 2
    assert widget.steps.texts()[:2] == ["✓ Đề xuất", "Hội đồng"]
    assert widget.steps.current == 1
    assert f"{len(voting)} chưa ghi kết quả bỏ phiếu" in widget.summary.text()
    # one ballot in, the others missing: still not ticked
    review.record_ballot(store, nomination_id=voting[0]["id"], agree=3, disagree=0, invalid=0)
    widget.load_rounds()
    assert widget.steps.texts()[1] == "Hội đồng"
    # a decision for the plain titles does not tick the council while ballots are missing
    plain = [n["id"] for n in widget.nominations if n["code"] == "LDTT"][:2]
    review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 26),
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="",
        nomination_ids=plain,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
    )
    widget.load_rounds()
    assert widget.steps.texts()[3] == "✓ Quyết định" and widget.steps.texts()[1] == "Hội đồng"
    for n in widget.pending_ballots():
        review.record_ballot(store, nomination_id=n["id"], agree=3, disagree=0, invalid=0)
    widget.load_rounds()
    assert widget.steps.texts()[1] == "✓ Hội đồng"
    assert "chưa ghi kết quả bỏ phiếu" not in widget.summary.text()


def test_the_import_is_offered_where_the_review_starts(app_context, main_window, qtbot):
    """A new file (no ratings): the rounds tab offers the import; the button opens the Tệp menu's dialog."""
    from desktop.ui.history_import_dialog import HistoryImportDialog

    area = main_window.show_page("nominations")
    rounds = area.rounds
    assert rounds.round is None
    assert rounds.import_box.isVisibleTo(rounds)
    assert "Chưa có kết quả đánh giá, xếp loại năm" in rounds.import_note.text()
    _click(qtbot, rounds.import_button)
    dialog = rounds.last_dialog
    assert isinstance(dialog, HistoryImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.parent() is main_window  # opened by the window's own action, as from the Tệp menu
    dialog.close()


def test_an_empty_evaluation_offers_the_import(app_context, qtbot):
    from desktop.ui.history_import_dialog import HistoryImportDialog
    from desktop.ui.pages.review_page import ReviewPage

    page = ReviewPage(app_context)
    qtbot.addWidget(page)
    page.show()
    assert not page.import_button.isVisible()
    _click(qtbot, page.run_button)
    qtbot.waitUntil(lambda: page.result_year is not None, timeout=20000)
    assert page.import_button.isVisible()
    _click(qtbot, page.import_button)
    assert isinstance(page.last_dialog, HistoryImportDialog) and page.last_dialog.isVisible()
    page.last_dialog.close()


def test_no_import_hint_once_the_year_has_ratings(demo_context, qtbot):
    from desktop.ui.review.rounds_widget import RoundsWidget

    widget = RoundsWidget(demo_context)
    qtbot.addWidget(widget)
    assert not widget.import_box.isVisibleTo(widget)


COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair", "attended": True},
    {"full_name": "Lò Văn Chứ", "role": "deputy", "attended": True},
    {"full_name": "Hoàng Thị Mai", "role": "member", "attended": True},
    {"full_name": "Giàng Seo Dũng", "role": "member", "attended": True},
    {"full_name": "Vàng Thị Dở", "role": "secretary", "attended": True},
]


def _round_with_one_ballot_missing(store, posting_days: int = 0) -> tuple[int, int]:
    from datetime import date

    from desktop.ops import review

    round_id = review.create_round(store, year=2025, posting_days=posting_days, today=date(2025, 12, 10))
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    voting = [
        n
        for n in review.get_round(store, round_id)["nominations"]
        if n["ballot_required"] and n["conferred_by"] == "unit" and n["status"] == "proposed"
    ]
    assert len(voting) >= 2
    for n in voting[1:]:
        review.record_ballot(store, nomination_id=n["id"], agree=5, disagree=0, invalid=0)
    return round_id, voting[0]["id"]


def test_decision_dialog_filters_by_title_and_says_why_a_row_is_left_out(demo_context, qtbot):
    from desktop.ui.review.decision_dialog import NAME, OVERRIDE
    from desktop.ui.review.rounds_widget import RoundsWidget

    round_id, unvoted = _round_with_one_ballot_missing(demo_context.store)
    rounds = RoundsWidget(demo_context)
    qtbot.addWidget(rounds)
    rounds.load_rounds(select_id=round_id)
    _click(qtbot, rounds.decision_button)
    dialog = rounds.last_dialog
    row = dialog.row_of(unvoted)
    assert not dialog.checks[row].isEnabled() and not dialog.checks[row].isChecked()
    why = dialog.table.item(row, OVERRIDE).text()
    assert why.startswith("Chưa chọn được: Hội đồng chưa bỏ phiếu kín")
    assert dialog.table.item(row, NAME).toolTip() == why == dialog.checks[row].toolTip()
    assert "thuộc thẩm quyền cấp trên" in dialog.left_out_label.text()  # e.g. Bằng khen của tỉnh

    names = [dialog.only.itemText(i) for i in range(dialog.only.count())]
    assert names[0] == "Tất cả" and "Lao động tiên tiến" in names and "Giấy khen" in names
    everyone = len(dialog.chosen_ids())
    dialog.only.setCurrentIndex(names.index("Lao động tiên tiến"))
    shown = [n for r, n in enumerate(dialog.rows) if not dialog.table.isRowHidden(r)]
    assert shown and {n["code"] for n in shown} == {"LDTT"}
    chosen = dialog.chosen_rows()
    assert chosen and {n["code"] for n in chosen} == {"LDTT"} and len(chosen) < everyone
    assert dialog.subject.text() == "Về việc tặng danh hiệu Lao động tiên tiến năm 2025"
    assert f"Đã chọn {len(chosen)}/{len(shown)} người" in dialog.count_label.text()
    dialog.only.setCurrentIndex(names.index("Giấy khen"))
    assert dialog.subject.text() == "Về việc tặng Giấy khen năm 2025"
    dialog.only.setCurrentIndex(0)
    assert len(dialog.chosen_ids()) == everyone
    assert dialog.subject.text() == "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2025"
    dialog.close()


def test_decision_dialog_checks_the_posting_first_then_offers_the_next_steps(
    demo_context, main_window, qtbot, boxes, monkeypatch
):
    from datetime import date

    from pypdf import PdfReader
    from PySide6.QtGui import QDesktopServices

    from desktop.ops import review

    store = demo_context.store
    round_id, _unvoted = _round_with_one_ballot_missing(store, posting_days=5)
    asked: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.review.decision_dialog.ask_confirm", lambda _p, _t, text: asked.append(text) or True
    )
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    rounds = main_window.show_page("nominations").rounds
    rounds.load_rounds(select_id=round_id)
    _click(qtbot, rounds.decision_button)
    dialog = rounds.last_dialog
    dialog.decision_date.setText("26/12/2025")
    _click(qtbot, dialog.issue_button)  # not posted yet: said under the date, no question asked
    assert "chưa niêm yết" in dialog.errors["decision_date"].text()
    assert asked == [] and dialog.job is None
    dialog.close()

    review.start_posting(store, round_id=round_id, start=date(2025, 12, 16))
    rounds.load_rounds(select_id=round_id)
    _click(qtbot, rounds.decision_button)
    dialog = rounds.last_dialog
    dialog.decision_date.setText("18/12/2025")
    _click(qtbot, dialog.issue_button)  # inside the posting period
    assert "đến hết ngày 20/12/2025" in dialog.errors["decision_date"].text()
    assert asked == [] and dialog.job is None

    dialog.decision_date.setText("26/12/2025")
    _click(qtbot, dialog.issue_button)
    assert len(asked) == 1
    with qtbot.waitSignal(dialog.job.finished, timeout=20000):
        pass
    assert dialog.decision_id is not None, dialog.error.text()
    assert dialog.isVisible() and dialog.done_box.isVisible()
    assert dialog.number_text in dialog.done_label.text()
    assert not dialog.form_area.isEnabled() and not dialog.buttons.isVisible()

    _click(qtbot, dialog.open_decision_button)
    with qtbot.waitSignal(dialog.last_job.finished, timeout=30000):
        pass
    decision_pdf = Path(dialog.last_document)
    assert decision_pdf.exists() and opened[-1] == str(decision_pdf)
    assert dialog.number_text in "".join(page.extract_text() for page in PdfReader(decision_pdf).pages)
    _click(qtbot, dialog.payment_button)
    with qtbot.waitSignal(dialog.last_job.finished, timeout=30000):
        pass
    assert Path(dialog.last_document).exists() and Path(dialog.last_document) != decision_pdf
    # Named in the clerk's words, as the dossier's files are: never "decision-…" or "payment-…".
    number = dialog.number_text.replace("/", "-")
    assert decision_pdf.name == f"quyet-dinh-{number}-2025.pdf"
    assert Path(dialog.last_document).name == f"danh-sach-chi-thuong-{number}-2025.pdf"

    _click(qtbot, dialog.certificates_button)
    assert not dialog.isVisible()
    page = main_window.page("certificates")
    assert main_window.current_page() is page
    assert page.decision_id == dialog.decision_id


def test_people_of_the_same_name_are_told_apart_in_every_list(demo_context, qtbot):
    from datetime import date

    from desktop.ops import review
    from desktop.ui.review.council_dialog import B_NAME
    from desktop.ui.review.decision_dialog import NAME
    from desktop.ui.review.rounds_widget import RoundsWidget

    store = demo_context.store
    round_id, _unvoted = _round_with_one_ballot_missing(store)
    nominations = review.get_round(store, round_id)["nominations"]
    by_name: dict[str, set[int]] = {}
    for n in nominations:
        if n["staff_id"]:
            by_name.setdefault(n["name"], set()).add(n["staff_id"])
    twins = {name for name, ids in by_name.items() if len(ids) > 1}
    assert twins, "the demo has two people of the same name"
    # a second pair, same birth year: told apart by the staff code
    with store.transaction("test.same_name"):
        ids = list(dict.fromkeys(n["staff_id"] for n in nominations if n["staff_id"] and n["name"] not in twins))[:2]
        pair = store.query("SELECT id, staff_code, full_name FROM staff WHERE id IN (?, ?)", ids)
        store.execute(
            "UPDATE staff SET full_name = ?, birth_date = '1980-05-01' WHERE id IN (?, ?)",
            (pair[0]["full_name"], ids[0], ids[1]),
        )
    nominations = review.get_round(store, round_id)["nominations"]
    marks = {n["staff_id"]: n["name_mark"] for n in nominations if n["name"] == pair[0]["full_name"]}
    assert marks == {p["id"]: f"mã {p['staff_code']}" for p in pair}
    for n in nominations:
        if n["name"] in twins:
            assert n["name_mark"] == f"sinh {n['birth_year']}" or n["name_mark"].startswith("mã ")
        elif n["name"] != pair[0]["full_name"]:
            assert n["name_mark"] == ""

    widget = RoundsWidget(demo_context)
    qtbot.addWidget(widget)
    widget.load_rounds(select_id=round_id)
    shown = {}
    for row in range(widget.table.rowCount()):
        item = widget.table.item(row, 0)
        n = next(x for x in widget.nominations if x["id"] == item.data(Qt.ItemDataRole.UserRole))
        shown.setdefault(item.text(), set()).add(n["staff_id"] or -n["department_id"])
    assert all(len(ids) == 1 for ids in shown.values())  # one label, one person
    assert any(text.startswith(name + " (") for text in shown for name in twins)

    council = widget.open_council_dialog()
    on_ballot: dict[str, set[int]] = {}
    for r, n in enumerate(council.ballot_rows):
        on_ballot.setdefault(council.ballots.item(r, B_NAME).text(), set()).add(n["staff_id"] or -n["department_id"])
    assert on_ballot and all(len(ids) == 1 for ids in on_ballot.values())
    council.close()

    decision = widget.open_decision_dialog()
    labels: dict[str, set[int]] = {}
    for r, n in enumerate(decision.rows):
        labels.setdefault(decision.table.item(r, NAME).text(), set()).add(n["staff_id"] or -n["department_id"])
    assert all(len(ids) == 1 for ids in labels.values())
    decision.close()

    chosen = [n["id"] for n in nominations if n["code"] == "LDTT"]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 26),
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=chosen,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
    )
    awardees = review.get_decision(store, decision_id=decision_id)["awardees"]
    same = [a for a in awardees if a["snapshot_name"] == pair[0]["full_name"]]
    assert len(same) == 2 and {a["name_mark"] for a in same} == {f"mã {p['staff_code']}" for p in pair}


@pytest.mark.parametrize("width, height", [(1366, 768), (1093, 614)])  # 1366×768 at 100 % and at 125 % scaling
def test_the_show_removed_box_is_never_clipped(demo_context, main_window, qtbot, width, height):
    main_window.resize(width, height)
    rounds = main_window.show_page("nominations").rounds
    qtbot.wait(10)
    box = rounds.show_removed
    assert box.isVisible()
    assert box.width() >= box.sizeHint().width()
    right_edge = box.mapTo(rounds, box.rect().topRight()).x()
    assert right_edge <= rounds.width()


def test_review_pages_open_on_the_year_being_worked_on(app_context, qtbot):
    """Data that stops in 2024 (today 2026 or later would say 2025/2026): the pages open on 2024; an open 2025
    round moves them to 2025."""
    from datetime import date

    from desktop.ops import queries, review
    from desktop.ops.demo import fill_demo
    from desktop.ui.pages.review_page import ReviewPage
    from desktop.ui.review.round_dialogs import CreateRoundDialog

    store = app_context.store
    fill_demo(store, today=date(2024, 12, 4))
    assert queries.working_year(store, date.today()) == 2024
    page = ReviewPage(app_context)
    qtbot.addWidget(page)
    assert page.year.value() == 2024
    dialog = CreateRoundDialog(app_context)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2024

    review.create_round(store, year=2025, kind="year", today=date(2025, 12, 10))
    later = ReviewPage(app_context)
    qtbot.addWidget(later)
    assert later.year.value() == 2025


def test_decision_dialog_refuses_a_date_before_the_books_last_before_asking(demo_context, qtbot, monkeypatch):
    """A date earlier than a decision already numbered in the book: said under the date before "Ban hành?" is
    asked (the clerk should not confirm, wait for the backup, and only then learn the date is refused)."""
    from datetime import date

    from desktop.ops import review
    from desktop.ui.review.rounds_widget import RoundsWidget
    from tests.ops.cstdcs_flow import decide_ldtt_of

    store = demo_context.store
    round_id, _unvoted = _round_with_one_ballot_missing(store)
    first = next(n["id"] for n in review.get_round(store, round_id)["nominations"] if n["status"] == "passed")
    decide_ldtt_of(store, round_id, [first], date(2025, 12, 28))  # the LĐTT the CSTĐCS rests on, first
    done = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 28), nomination_ids=[first],
        signer_title="Chủ tịch", signer_name="Sùng Mí Pháo", subject="Về việc khen thưởng",
    )  # fmt: skip
    number = review.get_decision(store, decision_id=done)["number_text"]
    asked: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.review.decision_dialog.ask_confirm", lambda _p, _t, text: asked.append(text) and False
    )
    rounds = RoundsWidget(demo_context)
    qtbot.addWidget(rounds)
    rounds.load_rounds(select_id=round_id)
    _click(qtbot, rounds.decision_button)
    dialog = rounds.last_dialog
    dialog.decision_date.setText("26/12/2025")
    _click(qtbot, dialog.issue_button)
    shown = dialog.errors["decision_date"].text()
    assert f"Ngày ký 26/12/2025 sớm hơn ngày ký Quyết định số {number} ngày 28/12/2025" in shown
    assert asked == [] and dialog.job is None
    dialog.series_key.setText("QĐ-KT")  # a book never opened: refused before the question and the backup
    dialog.decision_date.setText("26/12/2025")
    _click(qtbot, dialog.issue_button)
    assert "chưa có" in dialog.errors["series_key"].text() and asked == [] and dialog.job is None
    review.set_series_next_number(  # opened on purpose: its own order, the question is asked (and answered no)
        store, series_key="QĐ-KT", year=2025, next_number=1, reason="Sổ quyết định của Ban Kinh tế", new_series=True
    )
    dialog.decision_date.setText("26/12/2025")
    _click(qtbot, dialog.issue_button)
    assert len(asked) == 1 and dialog.job is None
    dialog.close()


def test_every_document_and_package_kind_has_a_file_name_in_vietnamese():
    """A kind added later cannot fall back to a code in English: the tables cover every kind there is."""
    from desktop.documents.review_docs import KINDS
    from desktop.exchange.format import KIND_LABELS
    from desktop.ui.exchange.send import PACKAGE_FILE_STEMS
    from desktop.ui.review import DOCUMENT_FILE_STEMS, document_file_name

    assert set(DOCUMENT_FILE_STEMS) == set(KINDS)
    assert set(PACKAGE_FILE_STEMS) == set(KIND_LABELS)
    assert document_file_name("minutes", "binh xet cuoi nam 2025") == "bien-ban-hop-hoi-dong-binh-xet-cuoi-nam-2025"
    assert document_file_name("decision", "12/QĐ-UBND", 2025) == "quyet-dinh-12-QĐ-UBND-2025"
