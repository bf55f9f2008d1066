"""Before the clerk saves a base-salary table, the question lists the decisions whose money now falls under another
base salary: by the day their amounts rest on (``decisions.money_date``), not the day they were signed. A replacement
signed 02/07/2026 that kept the amounts of 20/12/2025 rests on the 01/07/2024 row: it is listed when that row is
corrected (saying the day its money keeps) and not when the 01/07/2026 row is. Real SQLite store, real decisions."""

from __future__ import annotations

from datetime import date

from desktop.ops import review, rules
from tests.ops.test_money_day_of_replacements import _ldtt_and_cstdcs, _replace, demo  # noqa: F401


def _table_with(store, day: date, amount: int):
    return [
        (d, amount if d == day else a, c)
        for d, a, c in ((r["valid_from"], r["amount"], r["cite"]) for r in rules.base_salary_table(store))
    ]


def test_repricing_follows_the_day_the_amounts_rest_on(demo):  # noqa: F811
    store = demo
    _round_id, _person, first, _second = _ldtt_and_cstdcs(store)
    kept = _replace(store, first["id"], date(2026, 7, 2))
    number = review.get_decision(store, decision_id=kept)["number_text"]
    assert store.scalar("SELECT money_date FROM decisions WHERE id = ?", (kept,)) == "2025-12-20"
    listed = rules.repriced_decisions(store, entries=_table_with(store, date(2024, 7, 1), 2_350_000))
    assert (
        f"Quyết định số {number} ngày 02/07/2026 (tiền thưởng giữ theo ngày 20/12/2025): mức lương cơ sở 2.340.000 → "
        "2.350.000 đồng"
    ) in listed
    listed = rules.repriced_decisions(store, entries=_table_with(store, date(2026, 7, 1), 2_540_000))
    assert not any(f"số {number} " in line for line in listed), listed
