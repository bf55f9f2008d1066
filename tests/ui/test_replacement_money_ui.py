"""The window's replacement of a decision says what the command line prints on stderr: a kept line whose money was
worked out again (an LĐTT paid 0 beside the CSTĐCS the replacement drops now pays its money), before signing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.ops import review
from tests.demo_date import DEMO_TODAY

COUNCIL = [{"full_name": f"Thành viên {i}", "role": "chair" if i == 1 else "member"} for i in range(1, 6)]


@pytest.fixture
def context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


def test_the_window_says_which_kept_line_was_paid_again(context, qtbot, monkeypatch):
    from desktop.ui.review import decisions_page
    from desktop.ui.review.decisions_page import DecisionsPage

    store = context.store
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    review.set_council(store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường",
                       members=COUNCIL)  # fmt: skip
    nominations = review.get_round(store, round_id)["nominations"]
    cstdcs = next(n for n in nominations if n["code"] == "CSTDCS")
    review.record_ballot(store, nomination_id=cstdcs["id"], agree=5, disagree=0, invalid=0)
    ldtt = next(n for n in nominations if n["code"] == "LDTT" and n["staff_id"] == cstdcs["staff_id"])
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 20), signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo", subject="Về việc khen thưởng", nomination_ids=[ldtt["id"], cstdcs["id"]],
    )  # fmt: skip
    decision = review.get_decision(store, decision_id=decision_id)
    shown: list[str] = []
    monkeypatch.setattr(decisions_page, "ask_confirm", lambda *_a: True)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text) or 0)
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.year.setCurrentIndex(page.year.findData(2025))
    assert page.select_number(decision["number_text"])
    dialog = page.open_correction()
    dialog.reason.setText("Phiếu bầu CSTĐCS không hợp lệ")
    dialog.decision_date.setText("23/12/2025")
    dropped = next(a["register_no"] for a in decision["awardees"] if a["code"] == "CSTDCS")
    for i in range(dialog.lines.count()):
        if dialog.lines.item(i).data(Qt.ItemDataRole.UserRole) == dropped:
            dialog.lines.item(i).setCheckState(Qt.CheckState.Unchecked)
    new_id = dialog.correct()
    assert new_id is not None, dialog.error.text()
    (line,) = review.get_decision(store, decision_id=new_id)["awardees"]
    assert line["code"] == "LDTT" and line["amount"] == 710_000
    assert shown and "tiền thưởng được tính lại, 0 → 710.000 đồng" in shown[-1]
