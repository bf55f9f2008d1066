"""The unit's own base-salary table wins, date by date, over a province pack received after it was first saved.

The clerk's table was saved first (lower override id), a province pack carrying a base-salary row was imported
later; the clerk then saved 2.340.000 from 01/07/2026: the save succeeded, the window said the money would follow
the new table, yet the province's 2.530.000 stayed in force (overrides were layered by id). Now the unit's table is
layered last: what it saves is what is paid, the save says which province row it sets aside, and the table shows
it (``replaces``). Rows of dates the unit has no row for still come from the province pack.
"""

from __future__ import annotations

from datetime import date

from desktop.ops import rules
from desktop.ops.demo import fill_demo
from desktop.store.rules_repo import save_override
from tests.demo_date import DEMO_TODAY

PROVINCE_NAME = "Quy định của tỉnh X"
PROVINCE = """
[pack]
id = "vn-tinh-x"
name = "Quy định của tỉnh X"
version = "2026.1"
valid_from = 2026-07-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[[base_salary]]
value = 2530000
cite = "NĐ 161/2026/NĐ-CP, Điều 3 (tỉnh xác nhận)"
from = 2026-07-01

[[base_salary]]
value = 2700000
cite = "Văn bản của tỉnh (dự kiến)"
from = 2027-01-01
"""
RECITED = (date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP, Điều 3")
NOT_RAISED = (date(2026, 7, 1), 2_340_000, "Công văn Sở Nội vụ: chưa tăng lương cơ sở")


def _ldtt(store, day: date) -> int:
    return rules.money(store, code="LDTT", target="individual", decision_date=day).amount


def _row(store, day: date) -> dict:
    return next(row for row in rules.base_salary_table(store) if row["valid_from"] == day)


def test_the_clerks_later_save_wins_over_an_earlier_province_pack(unit_store):
    fill_demo(unit_store, today=DEMO_TODAY)
    assert not rules.set_base_salary_entries(unit_store, entries=[RECITED])
    save_override(unit_store, name=PROVINCE_NAME, toml_text=PROVINCE, source="province")  # received later
    assert _row(unit_store, date(2026, 7, 1))["source"] == PROVINCE_NAME

    notes = rules.set_base_salary_entries(unit_store, entries=[RECITED, NOT_RAISED])

    row = _row(unit_store, date(2026, 7, 1))
    assert (row["amount"], row["cite"], row["source"]) == (2_340_000, NOT_RAISED[2], rules.BASE_SALARY_OVERRIDE_NAME)
    assert row["replaces"] == {
        "amount": 2_530_000,
        "cite": "NĐ 161/2026/NĐ-CP, Điều 3 (tỉnh xác nhận)",
        "source": PROVINCE_NAME,
    }
    assert _ldtt(unit_store, date(2026, 12, 2)) == 710_000  # 0,3 × 2.340.000 = 702.000 → 710.000
    assert notes == [
        "Từ ngày 01/07/2026: áp dụng mức 2.340.000 đồng của bảng đơn vị, thay cho mức 2.530.000 đồng theo "
        "“Quy định của tỉnh X” (NĐ 161/2026/NĐ-CP, Điều 3 (tỉnh xác nhận))."
    ]
    # a date the unit has no row for: the province's row stays in force
    assert _row(unit_store, date(2027, 1, 1))["source"] == PROVINCE_NAME
    assert _ldtt(unit_store, date(2027, 3, 1)) == 810_000  # 0,3 × 2.700.000
    # the 2024 row replaces the national one: no note (the window lists the clerk's rows), but shown
    assert _row(unit_store, date(2024, 7, 1))["replaces"]["source"] == "national.toml"
    assert _row(unit_store, date(2027, 1, 1))["replaces"] is None

    # switching the province pack off and on again layers cleanly and keeps the unit's row
    province_id = next(r["id"] for r in rules.list_overrides(unit_store) if r["name"] == PROVINCE_NAME)
    rules.set_override_active(unit_store, override_id=province_id, active=False)
    rules.set_override_active(unit_store, override_id=province_id, active=True)
    assert _ldtt(unit_store, date(2026, 12, 2)) == 710_000

    # the unit stops its own table: the province's row is in force again
    assert rules.save_base_salary(unit_store, entries=[]) == []
    assert _row(unit_store, date(2026, 7, 1))["source"] == PROVINCE_NAME
    assert _ldtt(unit_store, date(2026, 12, 2)) == 760_000  # 0,3 × 2.530.000 = 759.000 → 760.000


def test_a_province_pack_received_after_the_table_keeps_the_units_row_of_that_date(unit_store):
    """What the window showed and the clerk saved stays paid; the table says which province row it sets aside."""
    fill_demo(unit_store, today=DEMO_TODAY)
    rules.save_base_salary(unit_store, entries=[RECITED, NOT_RAISED])
    save_override(unit_store, name=PROVINCE_NAME, toml_text=PROVINCE, source="province")
    row = _row(unit_store, date(2026, 7, 1))
    assert (row["amount"], row["source"]) == (2_340_000, rules.BASE_SALARY_OVERRIDE_NAME)
    assert row["replaces"]["source"] == PROVINCE_NAME
    assert _ldtt(unit_store, date(2026, 12, 2)) == 710_000
