"""Two windows on one data file: the rule pack one of them cached follows every write the other makes.

Window B corrected the base salary twice within one second, the second value as long as the first; window A, which
had read the pack in between, went on paying with the first value: the cache's fingerprint (latest updated_at to the
second, counts, max id, total text length) did not change. The fingerprint is now the layered input itself.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from desktop.ops import rules
from desktop.ops.demo import fill_demo
from desktop.store import open_store
from tests.demo_date import DEMO_TODAY

DAY = date(2026, 12, 2)
CITE = "Công văn Sở Nội vụ số 1"


def _stamp(store) -> str:
    return str(store.scalar("SELECT max(updated_at) FROM rule_overrides"))


def test_a_second_same_length_save_in_the_same_second_reaches_the_other_window(unit_store, db_path: Path):
    fill_demo(unit_store, today=DEMO_TODAY)
    window_a, window_b = unit_store, open_store(db_path)
    try:
        rules.set_base_salary_entries(window_b, entries=[(date(2026, 7, 1), 2_340_000, CITE)])
        for _attempt in range(5):  # both saves must fall in one second, as a quick clerk's do
            while time.time() % 1 > 0.3:
                time.sleep(0.01)
            rules.set_base_salary_entries(window_b, entries=[(date(2026, 7, 1), 2_340_000, CITE)])
            first = _stamp(window_b)
            seen = rules.money(window_a, code="CSTDCS", target="individual", decision_date=DAY)
            rules.set_base_salary_entries(window_b, entries=[(date(2026, 7, 1), 2_430_000, CITE)])
            if _stamp(window_b) == first:
                break
        assert _stamp(window_b) == first, "the two saves did not fall in one second"
        assert seen.base_salary == 2_340_000
        after = rules.money(window_a, code="CSTDCS", target="individual", decision_date=DAY)
        assert after.base_salary == 2_430_000
        assert after.amount == rules.money(window_b, code="CSTDCS", target="individual", decision_date=DAY).amount
    finally:
        window_b.close()
