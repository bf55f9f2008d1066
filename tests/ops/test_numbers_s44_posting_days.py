"""A public posting (niêm yết công khai) lasts at most 90 days, the bound a rule pack's ``posting_days`` has too.

A longer one is a typing slip: opening a round that asks it and posting for it are refused with a Vietnamese message
naming the field, never a Python OverflowError from a last day past the calendar's end (``--days 99999999999``). A
round an older version opened asking more is posted for at most 90 days, given with ``days``. Real SQLite store.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.review.rounds import POSTING_DAYS_MAX
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

START = date(2026, 1, 5)


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _occasion(store, days: int = 0) -> int:
    return review.create_round(store, year=2026, kind="occasion", name="Khen đột xuất", posting_days=days)


def test_the_bound_is_the_rule_packs():
    assert POSTING_DAYS_MAX == 90


@pytest.mark.parametrize("days", [91, 3_000_000, 10**12])
def test_a_round_asking_a_longer_posting_is_not_opened(demo, days):
    rounds = demo.scalar("SELECT count(*) FROM review_rounds")
    with pytest.raises(ValidationError) as refused:
        _occasion(demo, days)
    assert refused.value.field == "posting_days"
    assert f"{days} quá dài" in str(refused.value) and "tối đa 90 ngày" in str(refused.value)
    assert demo.scalar("SELECT count(*) FROM review_rounds") == rounds
    assert review.get_round(demo, _occasion(demo, 90))["posting_days"] == 90


@pytest.mark.parametrize("days", [91, 3_000_000, 99_999_999_999])
def test_a_longer_posting_is_refused_not_a_traceback(demo, days):
    round_id = _occasion(demo, 10)
    with pytest.raises(ValidationError) as refused:
        review.start_posting(demo, round_id=round_id, start=START, days=days)
    assert refused.value.field == "days" and "tối đa 90 ngày" in str(refused.value)
    assert review.get_round(demo, round_id)["posted_from"] is None
    posted = review.start_posting(demo, round_id=round_id, start=START, days=90)
    assert (posted["posted_from"], posted["posted_to"]) == ("2026-01-05", "2026-04-04")


def test_a_round_an_older_version_opened_asking_more_posts_for_at_most_90_days(demo):
    round_id = _occasion(demo, 10)
    with demo.transaction(operation="test.as_an_older_version_opened_it"):
        demo.execute("UPDATE review_rounds SET posting_days = 3000000 WHERE id = ?", (round_id,))
    with pytest.raises(ValidationError) as refused:
        review.start_posting(demo, round_id=round_id, start=START)
    assert refused.value.field == "days" and "3000000 quá dài" in str(refused.value)
    with pytest.raises(ValidationError, match="phải niêm yết công khai 90 ngày"):
        review.start_posting(demo, round_id=round_id, start=START, days=30)
    posted = review.start_posting(demo, round_id=round_id, start=START, days=90)
    assert posted["days"] == 90 and review.get_round(demo, round_id)["posting_days"] == 90
