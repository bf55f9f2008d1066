"""A CSTĐCS the council voted down cannot be ticked in the decision dialog, and offers no exception reason: the law
makes the secret ballot the condition of the title (issuing refuses it too, tests/ops/test_review_flow.py)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from tests.demo_date import DEMO_TODAY
from tests.ops.test_documents_law import COUNCIL


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


def test_a_voted_down_cstdcs_cannot_be_ticked(demo_context, qtbot) -> None:
    from desktop.ui.review.decision_dialog import DecisionDialog

    store = demo_context.store
    round_id = review.create_round(store, year=2025, today=DEMO_TODAY)
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    cstdcs = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS"]
    down, up = cstdcs[0], cstdcs[1]
    members = len(COUNCIL)
    assert not review.record_ballot(store, nomination_id=down["id"], agree=1, disagree=members - 1, invalid=0)["passed"]
    assert review.record_ballot(store, nomination_id=up["id"], agree=members, disagree=0, invalid=0)["passed"]

    dialog = DecisionDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    rows = {n["id"]: i for i, n in enumerate(dialog.rows)}
    failed, passed = rows[down["id"]], rows[up["id"]]
    assert not dialog.checks[failed].isEnabled() and not dialog.checks[failed].isChecked()
    assert dialog.overrides[failed] is None  # no field for a reason that could not be used
    assert "bắt buộc bỏ phiếu kín" in dialog.checks[failed].toolTip()
    assert dialog.checks[passed].isEnabled() and dialog.checks[passed].isChecked()
