"""The council window sends only the ballot rows the clerk changed (or typed for the first time): an untouched
row is not recorded again, so a passed CSTĐCS a dossier rests on does not stop the ballot of a late nominee."""

from __future__ import annotations

from datetime import date

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.review.dossier_guard import resting_on_cstdcs
from desktop.store.rules_repo import effective_pack
from tests.demo_date import DEMO_TODAY

MEETING = date(2025, 12, 10)
TEN = [{"full_name": "Chủ tịch", "role": "chair", "attended": True}] + [
    {"full_name": f"Ủy viên {n}", "role": "member", "attended": True} for n in range(1, 10)
]


def test_a_late_ballot_is_saved_through_the_window_after_the_dossier(store, qapp):
    from desktop.ui.context import AppContext
    from desktop.ui.review.council_dialog import CouncilDialog

    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=MEETING)
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="HT", members=TEN,
                       today=date(2025, 12, 20))  # fmt: skip
    nominations = review.get_round(store, round_id)["nominations"]
    upward = {n["staff_id"] for n in nominations if n["ballot_required"] and n["code"] != "CSTDCS"}
    late = next(
        n for n in reversed(nominations)
        if n["code"] == "CSTDCS" and n["staff_id"] not in upward
    )  # fmt: skip
    for n in nominations:
        if n["ballot_required"] and n["id"] != late["id"]:
            review.record_ballot(store, nomination_id=n["id"], agree=10, disagree=0, invalid=0)
    review.build_dossier(store, round_id=round_id)
    pack = effective_pack(store)

    dialog = CouncilDialog(AppContext(store, actor="thu_ky"), round_id)
    rows = dialog.ballot_rows
    resting = [
        n for n in rows
        if n["code"] == "CSTDCS"
        and resting_on_cstdcs(store, pack, staff_id=int(n["staff_id"]), year=2025, skip_id=int(n["id"]))
    ]  # fmt: skip
    assert resting, "a passed CSTĐCS a dossier rests on is among the rows"
    stamps = {r["nomination_id"]: r["updated_at"] for r in store.query("SELECT nomination_id, updated_at FROM ballots")}
    # the clerk types the late nominee's ballot and touches no other row
    dialog.set_votes(dialog.row_of(late["id"]), 9, 1, 0)
    ok = dialog.save_ballots()
    assert ok, dialog.ballot_error.text()
    assert store.scalar("SELECT agree FROM ballots WHERE nomination_id = ?", (late["id"],)) == 9
    # the untouched rows were not recorded again
    after = {r["nomination_id"]: r["updated_at"] for r in store.query("SELECT nomination_id, updated_at FROM ballots")}
    assert {k: after[k] for k in stamps} == stamps
    assert "1 kết quả" in dialog.status.text()
