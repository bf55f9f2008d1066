"""Issue 14.2: a round made before the ratings were imported is brought up to date; an unused round is deleted."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

TODAY = date(2025, 12, 10)


def _active_keys(store, round_id):
    return {
        (n["target_kind"], n["staff_id"] or n["department_id"], n["code"])
        for n in review.get_round(store, round_id)["nominations"]
        if n["status"] != "removed"
    }


@pytest.fixture
def demo(unit_store):
    fill_demo(unit_store, today=DEMO_TODAY)
    return unit_store


def _without_2025_ratings(store):
    """Take the 2025 ratings out (as if not imported yet); returns a function that puts them back."""
    saved = store.query("SELECT * FROM ratings WHERE year = 2025")
    saved_collective = store.query("SELECT * FROM collective_ratings WHERE year = 2025")
    with store.transaction("test.hide_ratings"):
        store.execute("DELETE FROM ratings WHERE year = 2025")
        store.execute("DELETE FROM collective_ratings WHERE year = 2025")

    def put_back():
        with store.transaction("test.import_ratings"):
            for row in saved:
                store.insert("ratings", row)
            for row in saved_collective:
                store.insert("collective_ratings", row)

    return put_back


def test_refresh_fills_a_round_made_before_the_ratings_and_keeps_the_clerks_changes(demo):
    put_back = _without_2025_ratings(demo)
    round_id = review.create_round(demo, year=2025, today=TODAY)
    before = review.get_round(demo, round_id)["nominations"]
    # a person added by hand, with the reason, before the ratings came
    staff_id = int(demo.scalar("SELECT min(id) FROM staff"))
    manual = review.add_nomination(
        demo,
        round_id=round_id,
        target_kind="individual",
        staff_id=staff_id,
        code="LDTT",
        change_reason="Đề nghị của trưởng bộ phận",
        override_reason="Đã hoàn thành nhiệm vụ, chờ nhập xếp loại",
        today=TODAY,
    )
    put_back()

    counts = review.refresh_proposals(demo, round_id=round_id, today=TODAY)

    from desktop.ops.review.common import PROPOSED_VERDICTS
    from desktop.ops.review.rounds import _engine_view

    expected = {
        key
        for key, verdict in _engine_view(demo, 2025, TODAY, date(2025, 12, 31)).items()
        if str(getattr(verdict.status, "value", verdict.status)) in PROPOSED_VERDICTS
    }
    active = _active_keys(demo, round_id)
    assert counts["added"] > len(before)
    assert expected <= active
    rows = {n["id"]: n for n in review.get_round(demo, round_id)["nominations"]}
    assert rows[manual]["change_reason"] == "Đề nghị của trưởng bộ phận"
    assert rows[manual]["override_reason"] == "Đã hoàn thành nhiệm vụ, chờ nhập xếp loại"
    assert not rows[manual]["proposed_by_engine"]
    # no duplicate of the hand-made line
    assert sum(1 for n in rows.values() if n["staff_id"] == staff_id and n["code"] == "LDTT") == 1

    # a proposal taken off with a reason stays off; a second refresh changes nothing else
    engine_made = next(n for n in rows.values() if n["proposed_by_engine"] and n["id"] != manual)
    review.remove_nomination(demo, nomination_id=engine_made["id"], reason="Chuyển công tác")
    again = review.refresh_proposals(demo, round_id=round_id, today=TODAY)
    assert again["added"] == 0 and again["dropped"] == 0
    after = {n["id"]: n for n in review.get_round(demo, round_id)["nominations"]}
    assert after[engine_made["id"]]["status"] == "removed"
    assert after[engine_made["id"]]["removed_reason"] == "Chuyển công tác"
    assert set(after) == set(rows)
    operations = {r["operation"] for r in demo.query("SELECT DISTINCT operation FROM audit_log")}
    assert "review.refresh_proposals" in operations


def test_refresh_drops_untouched_proposals_no_longer_eligible(demo):
    round_id = review.create_round(demo, year=2025, today=TODAY)
    total = len(_active_keys(demo, round_id))
    assert total > 0
    _without_2025_ratings(demo)
    counts = review.refresh_proposals(demo, round_id=round_id, today=TODAY)
    assert counts["dropped"] > 0
    assert len(_active_keys(demo, round_id)) == total - counts["dropped"]


def test_a_second_yearly_round_for_the_same_year_is_refused(demo):
    review.create_round(demo, year=2025, today=TODAY)
    with pytest.raises(ValidationError) as caught:
        review.create_round(demo, year=2025, today=TODAY)
    assert "Năm 2025 đã có đợt bình xét hằng năm" in str(caught.value)
    assert "Cập nhật đề nghị" in str(caught.value)
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE year = 2025") == 1
    review.create_round(demo, year=2025, kind="occasion", name="Khen thưởng đột xuất", today=TODAY)  # other kinds ok


def test_delete_an_unused_round_and_refuse_a_used_one(demo):
    round_id = review.create_round(demo, year=2025, today=TODAY)
    assert demo.scalar("SELECT count(*) FROM nominations WHERE round_id = ?", (round_id,)) > 0
    review.set_council(
        demo,
        round_id=round_id,
        meeting_date=date(2025, 12, 15),
        location="Hội trường",
        members=[{"full_name": "Sùng Mí Pháo", "role": "chair", "attended": True}],
    )
    review.delete_round(demo, round_id=round_id)
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE id = ?", (round_id,)) == 0
    assert demo.scalar("SELECT count(*) FROM nominations WHERE round_id = ?", (round_id,)) == 0
    assert demo.scalar("SELECT count(*) FROM councils WHERE round_id = ?", (round_id,)) == 0
    deleted = demo.query(
        "SELECT DISTINCT table_name FROM audit_log WHERE operation = 'review.delete_round' AND action = 'delete'"
    )
    assert {"review_rounds", "nominations", "councils"} <= {r["table_name"] for r in deleted}

    used = int(demo.scalar("SELECT id FROM review_rounds WHERE year = 2024"))  # the demo decided it
    with pytest.raises(ValidationError) as caught:
        review.delete_round(demo, round_id=used)
    message = str(caught.value)
    assert "Không xóa được đợt" in message and "quyết định" in message
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE id = ?", (used,)) == 1
    with pytest.raises(ValidationError, match="đã có quyết định"):
        review.refresh_proposals(demo, round_id=used, today=TODAY)
