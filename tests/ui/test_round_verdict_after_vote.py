"""The rounds table's "Chương trình đánh giá" column says how a vote ended: "Chờ kết quả bỏ phiếu" beside
"3/3 đồng ý — đạt" (or beside "Đã có quyết định") contradicted itself on the same row."""

from __future__ import annotations

from datetime import date

from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

COUNCIL = [
    {"full_name": name, "role": role, "attended": True}
    for name, role in (("Sùng Mí Pháo", "chair"), ("Lò Văn Chứ", "member"), ("Vàng Thị Dở", "secretary"))
]


def _verdict_cells(widget) -> dict[int, str]:
    column = 3  # name, award, who confers, the program's evaluation, …
    return {
        widget.table.item(r, 0).data(0x0100): widget.table.item(r, column).text()
        for r in range(widget.table.rowCount())
    }


def test_the_evaluation_column_follows_the_vote(app_context, qtbot):
    from desktop.ui.review.rounds_widget import RoundsWidget

    store = app_context.store
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    widget = RoundsWidget(app_context)
    qtbot.addWidget(widget)
    widget.load_rounds(select_id=round_id)
    passing, failing = widget.pending_ballots()[:2]
    assert _verdict_cells(widget)[passing["id"]] == "Chờ kết quả bỏ phiếu"
    review.record_ballot(store, nomination_id=passing["id"], agree=3, disagree=0, invalid=0)
    review.record_ballot(store, nomination_id=failing["id"], agree=0, disagree=3, invalid=0)
    widget.load_rounds()
    cells = _verdict_cells(widget)
    assert cells[passing["id"]] == "Đủ điều kiện, đã qua Hội đồng"
    assert cells[failing["id"]] == "Không đạt khi Hội đồng bỏ phiếu"
