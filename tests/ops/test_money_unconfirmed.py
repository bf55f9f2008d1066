"""Money resting on a value the law pack marks UNCONFIRMED is said before a decision is signed (window and CLI)."""

from __future__ import annotations

from datetime import date

from desktop.ops import rules
from desktop.ops.review.money_check import unconfirmed_money

# An override that ships its LĐTT coefficient as unconfirmed (as the national pack does for values it is unsure of).
UNSURE = """
[pack]
id = "vn-test-unsure"
name = "Quy định thử"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.LDTT]
coefficient.individual = { value = 0.3, cite = "Quyết định thử", from = 2025-01-01, unconfirmed = true }
"""


def test_the_unconfirmed_base_salary_of_july_2026_is_named(unit_store):
    warnings = unconfirmed_money(unit_store, [("LDTT", "individual"), ("GIAY_KHEN", "collective")], date(2026, 12, 4))
    assert len(warnings) == 1
    assert warnings[0].startswith("Mức lương cơ sở 2.530.000 đồng từ ngày 01/07/2026")
    assert "chưa được xác nhận" in warnings[0]
    assert unconfirmed_money(unit_store, [("LDTT", "individual")], date(2025, 12, 4)) == []  # 2.340.000: confirmed
    assert unconfirmed_money(unit_store, [], date(2026, 12, 4)) == []  # nothing paid, nothing to say


def test_an_unconfirmed_coefficient_is_named_once_per_award(unit_store):
    rules.save_override(unit_store, name="Quy định thử", toml_text=UNSURE)
    lines = [("LDTT", "individual"), ("LDTT", "individual"), ("GIAY_KHEN", "individual")]
    assert unconfirmed_money(unit_store, lines, date(2025, 12, 20)) == [
        "Hệ số tiền thưởng 0,3 của “Lao động tiên tiến” (Quyết định thử) chưa được xác nhận."
    ]
