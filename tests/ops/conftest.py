"""Fixtures shared by the tests of ``desktop.ops``."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def ldtt_round_2025(store):
    """The demo commune with a yearly round of 2025: (store, round id, its LĐTT nomination ids)."""
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    return store, round_id, ldtt
