"""Through the window: the clerk rates two departments on the Unit page, sees why they qualify, opens the 2025 round,
records the ballot the pack requires, issues the members' LĐTT and then the commune's TTLĐTT decision (money,
register) and sends TTLĐXS up in the dossier. Real widgets; only the message boxes and the confirmation are patched,
as in test_review_flow.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.ops import collectives, review
from tests.collective_flow import (
    COUNCIL,
    CSTDCS_PERSON,
    ECONOMY,
    OFFICE,
    PEOPLE,
    TTLDTT_AMOUNT,
    YEAR,
    add_people,
)


@pytest.fixture
def context(unit_store, qapp):
    from desktop.ui.context import AppContext

    add_people(unit_store)
    return AppContext(unit_store, actor="thu_ky")


@pytest.fixture
def boxes(monkeypatch):
    seen: dict[str, list[str]] = {"critical": [], "information": [], "warning": []}

    def recorder(kind):
        def show(_parent, _title, text, *args, **kwargs):
            seen[kind].append(text)
            return QMessageBox.StandardButton.Ok

        return show

    for kind in seen:
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


@pytest.fixture
def confirm(monkeypatch):
    answers: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.review.decision_dialog.ask_confirm", lambda _p, _t, text: answers.append(text) or True
    )
    return answers


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _rate(page, qtbot, type_text, name: str, rating: str, notes: str = "") -> None:
    rows = [page.dept_table.item(r, 0).text() for r in range(page.dept_table.rowCount())]
    page.dept_table.selectRow(rows.index(name))
    box = page.collective_ratings
    box.year.setValue(YEAR)
    box.rating.setCurrentIndex(box.rating.findData(rating))
    if notes:
        type_text(box.notes, notes)
    _click(qtbot, box.save_button)
    assert box.ratings()[YEAR] == rating, box.error.text()


def test_departments_rated_in_the_window_reach_decision_and_dossier(
    context, qtbot, boxes, confirm, type_text, monkeypatch
):
    from desktop.ui.pages.unit_page import UnitPage
    from desktop.ui.review.decisions_page import DecisionsPage
    from desktop.ui.review.review_area import ReviewArea

    store = context.store

    # 1. The Unit page: the clerk rates both collectives for 2025.
    unit_page = UnitPage(context)
    qtbot.addWidget(unit_page)
    unit_page.resize(1200, 900)
    unit_page.show()
    _rate(unit_page, qtbot, type_text, ECONOMY, "HTTNV")
    _rate(unit_page, qtbot, type_text, OFFICE, "HTXSNV", "Biên bản họp ngày 15/12/2025")
    audit = store.query("SELECT DISTINCT operation, actor FROM audit_log WHERE table_name = 'collective_ratings'")
    assert audit == [{"operation": "collective.rating", "actor": "thu_ky"}]

    # 2. The verdicts: TTLĐTT eligible, and the details name the members counted.
    area = ReviewArea(context)
    qtbot.addWidget(area)
    area.resize(1200, 700)
    area.show()
    verdicts = area.verdicts_page()
    verdicts.year.setValue(YEAR)
    job = verdicts.run_evaluation()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    verdicts.code_filter.setCurrentIndex(verdicts.code_filter.findData("TTLDTT"))
    names = [row["name"] for row in verdicts.visible_rows()]
    verdicts.table.selectRow(names.index(ECONOMY))
    details = verdicts.details.toPlainText()
    assert "Đủ điều kiện" in details
    assert "Thành viên chưa đạt LĐTT năm 2025 (1/4): Vàng Seo Pháo: xếp loại HTNV" in details

    # 3. The round for 2025: both collectives are proposed.
    rounds = area.rounds
    area.tabs.setCurrentIndex(0)
    dialog = rounds.open_create_dialog()
    dialog.year.setValue(YEAR)
    dialog.posting_days.setValue(0)  # no public posting in this commune's rules
    _click(qtbot, dialog.ok_button)
    assert rounds.round is not None and rounds.round["year"] == YEAR
    by = {(n["name"], n["code"]): n for n in rounds.nominations}
    ttldtt, ttldxs, cstdcs = by[(ECONOMY, "TTLDTT")], by[(OFFICE, "TTLDXS")], by[(CSTDCS_PERSON, "CSTDCS")]
    assert ttldtt["conferred_by"] == "unit" and ttldxs["conferred_by"] == "upward"

    # 4. The council: the pack requires a ballot for CSTĐCS only (not for TTLĐTT or TTLĐXS).
    council = rounds.open_council_dialog()
    council.meeting_date.setText("15/12/2025")
    council.set_member(0, name=COUNCIL[0][0], role=COUNCIL[0][1])
    for name, role in COUNCIL[1:]:
        row = council.add_member("", role, True)
        council.set_member(row, name=name)
    assert [n["id"] for n in council.ballot_rows] == [cstdcs["id"]]
    council.set_votes(council.row_of(cstdcs["id"]), 5, 0, 0)
    _click(qtbot, council.save_ballots_button)
    assert council.ballot_error.text() == ""
    council.close()
    rounds.load_rounds()

    # 5. The members' LĐTT first (1/QĐ-UBND): TTLĐTT (Luật TĐKT 2022, Điều 28) and TTLĐXS (Điều 27) rest on the
    # share of members who hold it, so the title is decided, and sent up, only once they do.
    first = rounds.open_decision_dialog()
    first.decision_date.setText("26/12/2025")
    first.subject.setText("Về việc tặng danh hiệu Lao động tiên tiến năm 2025")
    ldtt_ids = [n["id"] for n in first.rows if n["code"] == "LDTT" and n["target_kind"] == "individual"]
    for n, check in zip(first.rows, first.checks, strict=True):
        check.setChecked(n["id"] in ldtt_ids)
    assert ldtt_ids and first.chosen_ids() == ldtt_ids
    _click(qtbot, first.issue_button)
    assert first.job is not None, first.errors["decision_date"].text() or first.error.text()
    with qtbot.waitSignal(first.job.finished, timeout=20000):
        pass
    assert first.error.text() == "", first.error.text()
    assert first.number_text == "1/QĐ-UBND" and any("1/QĐ-UBND" in text for text in boxes["information"])
    ldtt = review.get_decision(store, decision_id=first.decision_id)
    assert {a["code"] for a in ldtt["awardees"]} == {"LDTT"}
    assert {a["snapshot_name"] for a in ldtt["awardees"]} == {name for name, *_r, rating in PEOPLE if rating != "HTNV"}
    _click(qtbot, first.close_button)
    rounds.load_rounds()

    # 6. The commune's decision after 1/7/2025: TTLĐXS is not offered, TTLĐTT gets its money.
    decision = rounds.open_decision_dialog()
    offered = {(n["name"], n["code"]) for n in decision.rows}
    assert (ECONOMY, "TTLDTT") in offered and (OFFICE, "TTLDXS") not in offered
    decision.decision_date.setText("26/12/2025")
    decision.subject.setText("Về việc tặng danh hiệu Tập thể lao động tiên tiến năm 2025")
    for n, check in zip(decision.rows, decision.checks, strict=True):
        check.setChecked(n["id"] == ttldtt["id"])
    assert decision.chosen_ids() == [ttldtt["id"]]
    _click(qtbot, decision.issue_button)
    with qtbot.waitSignal(decision.job.finished, timeout=20000):  # issued in the background (a backup first)
        pass
    assert confirm and decision.error.text() == "", decision.error.text()
    number = decision.number_text
    assert number == "2/QĐ-UBND" and any(number in text for text in boxes["information"])

    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.select_number(number)
    assert page.awardees.rowCount() == 1
    assert [page.awardees.item(0, c).text() for c in (0, 1, 4)] == ["1", ECONOMY, "Tập thể lao động tiên tiến"]
    assert page.awardees.item(0, 5).text().replace(".", "") == str(TTLDTT_AMOUNT)
    [entry] = review.register_entries(store, department_id=collectives.department_by_name(store, ECONOMY)["id"])
    assert (entry["code"], entry["decision_number_text"], entry["amount"]) == ("TTLDTT", number, TTLDTT_AMOUNT)

    # 7. TTLĐXS goes up in the dossier.
    dossier = rounds.open_dossier_dialog()
    widget = dossier.widget
    assert [(n["name"], n["code"]) for n in widget.upward] == [(OFFICE, "TTLDXS")]
    _click(qtbot, widget.build_button)
    assert [(n["code"], n["status"]) for n in widget.items] == [("TTLDXS", "sent_up")]
    assert not boxes["critical"]
    assert not store.query("SELECT id FROM awards WHERE code = 'TTLDXS'")
