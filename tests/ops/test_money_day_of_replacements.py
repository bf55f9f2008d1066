"""A replacement that keeps the amounts of the decision it replaces keeps the day they were reckoned on: a later
title of the same year is paid, and what is still owed is said, by the law of that day — not by the law of the
later day the replacement was signed, after the base salary rose on 01/07/2026 (2.340.000 → 2.530.000)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store.schema_v11 import backfill
from tests.demo_date import DEMO_TODAY
from tests.ops.test_money_once_after_changes_f11 import _issue, _round


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _replace(store, decision_id: int, day: date, **changes) -> int:
    return review.correct_decision(
        store, decision_id=decision_id, reason="Sửa lỗi chính tả", decision_date=day, changes=changes
    )


def _ldtt_and_cstdcs(store):
    """LĐTT 20/12/2025 for two people (710.000 each), then CSTĐCS 26/12/2025 for the first (the difference)."""
    round_id, (person,) = _round(store)
    nominations = review.get_round(store, round_id)["nominations"]
    other = next(n["id"] for n in nominations if n["code"] == "LDTT" and n["staff_id"] != person["staff_id"])
    first = _issue(store, round_id, date(2025, 12, 20), [person["ldtt"], other])
    second = _issue(store, round_id, date(2025, 12, 26), [person["cstdcs"]])
    [cstdcs] = second["awardees"]
    assert cstdcs["amount"] == 2_340_000 - 710_000
    return round_id, person, first, second


def test_a_kept_replacement_after_a_salary_rise_pays_a_later_title_by_the_first_day(demo):
    store = demo
    round_id, person, first, second = _ldtt_and_cstdcs(store)
    replaced = _replace(store, second["id"], date(2026, 7, 2))
    assert review.get_decision(store, decision_id=replaced)["awardees"][0]["amount"] == 1_630_000
    mine = next(a for a in first["awardees"] if a["staff_id"] == person["staff_id"])
    _replace(store, first["id"], date(2026, 7, 3), remove_register_nos=[mine["register_no"]])
    again = _issue(store, round_id, date(2026, 7, 4), [person["ldtt"]])
    [line] = again["awardees"]
    # the CSTĐCS is worth 2.340.000 by the law of 26/12/2025, of which 1.630.000 was paid: 710.000 is owed, not
    # 2.530.000 − 1.630.000 = 900.000
    assert line["amount"] == 710_000, line["arithmetic"]
    assert "2.340.000 − 1.630.000 = 710.000" in line["arithmetic"]


def test_a_kept_replacement_after_a_salary_rise_owes_nothing(demo):
    store = demo
    _round_id, _person, first, _second = _ldtt_and_cstdcs(store)
    new_id = _replace(store, first["id"], date(2026, 7, 2))
    notes = review.replacement_notes(store, decision_id=new_id)
    assert not [n for n in notes if "còn thiếu" in n], notes
    assert store.scalar("SELECT money_date FROM decisions WHERE id = ?", (new_id,)) == "2025-12-20"
    # a replacement of that replacement, still keeping the amounts, rests on the same first day
    newer = _replace(store, new_id, date(2026, 7, 5))
    assert store.scalar("SELECT money_date FROM decisions WHERE id = ?", (newer,)) == "2025-12-20"
    assert not [n for n in review.replacement_notes(store, decision_id=newer) if "còn thiếu" in n]


def test_a_replacement_reckoned_again_rests_on_its_own_day(demo):
    store = demo
    _round_id, _person, first, _second = _ldtt_and_cstdcs(store)
    new_id = _replace(store, first["id"], date(2026, 7, 2), recompute_amounts=True)
    assert store.scalar("SELECT money_date FROM decisions WHERE id = ?", (new_id,)) == "2026-07-02"


def test_the_migration_gives_kept_replacements_the_first_day(demo):
    """Decisions issued before version 11: a replacement whose lines all kept their amounts takes the replaced
    decision's day, down a chain; one whose amounts changed keeps its own date."""
    store = demo
    _round_id, _person, first, _second = _ldtt_and_cstdcs(store)
    kept = _replace(store, first["id"], date(2026, 7, 2))
    kept_again = _replace(store, kept, date(2026, 7, 3))
    store.execute("UPDATE decisions SET money_date = NULL")
    with store.transaction(operation="test.backfill"):
        backfill(store)
    days = {r["id"]: r["money_date"] for r in store.query("SELECT id, money_date FROM decisions")}
    assert days[kept] == days[kept_again] == "2025-12-20"
    assert days[first["id"]] is None
    recomputed = _replace(store, kept_again, date(2026, 7, 4), recompute_amounts=True)
    store.execute("UPDATE decisions SET money_date = NULL WHERE id = ?", (recomputed,))
    with store.transaction(operation="test.backfill"):
        backfill(store)
    assert store.scalar("SELECT money_date FROM decisions WHERE id = ?", (recomputed,)) is None


def test_the_payment_list_of_a_kept_replacement_names_the_base_salary_its_amounts_rest_on(demo):
    """Signed after the rise of 01/07/2026, a replacement keeping 2025's amounts (reckoned on 2.340.000) must not
    say they rest on the unconfirmed 2.530.000 and that a replacement reckoning them again is needed."""
    store = demo
    _round_id, _person, first, _second = _ldtt_and_cstdcs(store)
    new_id = _replace(store, first["id"], date(2026, 7, 2), subject="Về việc tặng danh hiệu Lao động tiên tiến")
    pay = review.payment_doc(store, decision_id=new_id)
    assert pay.total_amount == _total(first) and pay.decision_date == date(2026, 7, 2)
    assert not [note for note in pay.unconfirmed_notes if "2.530.000" in note], pay.unconfirmed_notes
    # reckoned again on its own day, the list does say the amounts rest on the unconfirmed value
    again = _replace(store, new_id, date(2026, 7, 3), recompute_amounts=True)
    assert [note for note in review.payment_doc(store, decision_id=again).unconfirmed_notes if "2.530.000" in note]


def _total(decision) -> int:
    return sum(line["amount"] for line in decision["awardees"])
