"""The decision window lists what the unit may confer on the signing date typed, not on the round's planned date.

The 2025 round was planned for 30/06/2025, when the district chair still conferred CSTĐCS (Luật TĐKT 2022 Điều 80);
from 01/07/2025 the commune chair does (NĐ 129/2025). Typing 15/07/2025 offers the CSTĐCS (issuing on that date is
lawful); the ticks and reasons the clerk gave on the rows that stay are kept; a half-typed date rebuilds nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ui.context import AppContext
from desktop.ui.review.decision_dialog import DecisionDialog
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of
from tests.ops.test_documents_law import COUNCIL


@pytest.fixture
def planned_in_june(store, qapp):
    """The 2025 round planned for 30/06/2025; one CSTĐCS voted through, its LĐTT decided on 10/07/2025."""
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, decision_date=date(2025, 6, 30), today=date(2025, 6, 20))
    review.set_council(store, round_id=round_id, meeting_date=date(2025, 6, 25), location="Hội trường", members=COUNCIL)
    voted = next(n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS")
    review.record_ballot(store, nomination_id=voted["id"], agree=len(COUNCIL), disagree=0, invalid=0)
    decide_ldtt_of(store, round_id, [voted["id"]], date(2025, 7, 10))
    return AppContext(store, actor="thu_ky"), round_id, voted["id"]


def _row(dialog: DecisionDialog, nomination_id: int) -> int:
    return dialog.row_of(nomination_id)


def test_the_list_follows_the_signing_date_and_keeps_the_clerks_choices(planned_in_june, qtbot):
    context, round_id, voted = planned_in_june
    dialog = DecisionDialog(context, round_id)
    qtbot.addWidget(dialog)
    dialog.decision_date.set_date(date(2025, 6, 30))
    assert not [n for n in dialog.rows if n["code"] == "CSTDCS"]  # the district's on 30/06/2025
    ldtt = [n["id"] for n in dialog.rows if n["code"] == "LDTT"]
    unticked, reasoned = ldtt[0], ldtt[1]
    dialog.checks[_row(dialog, unticked)].setChecked(False)
    reason_field = dialog.overrides[_row(dialog, reasoned)]
    assert reason_field is not None
    reason_field.setText("Thành tích đột xuất trong phòng chống lũ")

    before = dialog.rows
    dialog.decision_date.setText("15/07/")  # half typed: nothing is judged again
    assert dialog.rows is before
    for typed in ("15/07/2", "15/07/20", "15/07/202", "15/07/2025"):  # on the way, 15/07/20 reads as 2020
        dialog.decision_date.setText(typed)
    offered = {n["id"]: n for n in dialog.rows if n["code"] == "CSTDCS"}
    assert voted in offered and offered[voted]["conferred_by"] == "unit"
    assert dialog.checks[_row(dialog, voted)].isChecked()
    unvoted = next(i for i in offered if i != voted)  # CSTĐCS needs the council's ballot: not ticked without it
    assert not dialog.checks[_row(dialog, unvoted)].isEnabled()
    assert not dialog.checks[_row(dialog, unticked)].isChecked()
    kept = dialog.overrides[_row(dialog, reasoned)]
    assert kept is not None and kept.text() == "Thành tích đột xuất trong phòng chống lũ"
    assert voted in dialog.chosen_ids() and unticked not in dialog.chosen_ids()
    assert dialog.only.findData("CSTDCS") >= 0

    dialog.checks[_row(dialog, voted)].setChecked(False)
    dialog.decision_date.set_date(date(2025, 6, 30))  # back to the district's day: offered no more
    assert not [n for n in dialog.rows if n["code"] == "CSTDCS"]
    assert not dialog.checks[_row(dialog, unticked)].isChecked()
    dialog.decision_date.set_date(date(2025, 7, 15))  # and again: as the clerk left it
    assert not dialog.checks[_row(dialog, voted)].isChecked()
