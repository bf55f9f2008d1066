"""Money a household is paid from a value the rule pack marks unconfirmed is said before signing and under the
payment list, as for a person: the coefficient of a household title (Gia đình văn hóa, read from
``coefficient.household``, not the individual's), and the household multiplier of an award form (1,5 × the
individual's amount, which the national pack marks unconfirmed before 1/7/2025). Before, both were paid silently.
Real SQLite store, the national pack and a province override saved as the rules page saves it."""

from __future__ import annotations

from datetime import date

from desktop.ops import rules
from desktop.ops.review.money_check import unconfirmed_money, unconfirmed_money_notes

GDVH_MONEY = """[pack]
id = "vn-tinh-gdvh"
name = "Tỉnh: tiền thưởng Gia đình văn hóa"
version = "1"
valid_from = 2025-07-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.GDVH]
coefficient.household = { value = 0.1, cite = "Dự thảo quyết định của tỉnh", from = 2025-07-01, unconfirmed = true }
"""


def test_a_household_titles_own_unconfirmed_coefficient_is_said(unit_store):
    rules.save_override(unit_store, name="GDVH", toml_text=GDVH_MONEY)
    on = date(2025, 12, 20)
    paid = rules.money(unit_store, code="GDVH", target="household", decision_date=on)
    assert paid.amount == 240_000  # 0,1 × 2.340.000 = 234.000, rounded up to 240.000
    warnings = unconfirmed_money(unit_store, [("GDVH", "household")], on)
    assert warnings == [
        "Hệ số tiền thưởng 0,1 của “Gia đình văn hóa” (Dự thảo quyết định của tỉnh) chưa được xác nhận."
    ]
    notes = unconfirmed_money_notes(unit_store, [("GDVH", "household")], on)
    assert len(notes) == 1 and notes[0].startswith("Ghi chú: Hệ số tiền thưởng 0,1 của “Gia đình văn hóa”")


def test_the_household_multiplier_of_an_award_form_is_said_while_unconfirmed(unit_store):
    day = date(2025, 3, 1)
    paid = rules.money(unit_store, code="GIAY_KHEN", target="household", decision_date=day)
    assert paid.multiplier == 1.5 and paid.amount == 1_060_000
    warnings = unconfirmed_money(unit_store, [("GIAY_KHEN", "household")], day)
    said = [w for w in warnings if "hộ gia đình" in w]
    assert len(said) == 1 and said[0].startswith("Hệ số 1,5 lần tiền thưởng cá nhân dành cho hộ gia đình (")
    notes = unconfirmed_money_notes(unit_store, [("GIAY_KHEN", "household")], day)
    assert any(n.startswith("Ghi chú: Hệ số 1,5 lần tiền thưởng cá nhân dành cho hộ gia đình") for n in notes)
    # the same award form to a person does not use the multiplier: not said
    person = unconfirmed_money(unit_store, [("GIAY_KHEN", "individual")], day)
    assert not any("hộ gia đình" in w for w in person)


def test_a_confirmed_multiplier_is_not_said(unit_store):
    day = date(2025, 12, 20)  # NĐ 152/2025 in force
    multiplier = rules.money(unit_store, code="GIAY_KHEN", target="household", decision_date=day)
    assert multiplier.multiplier == 1.5
    assert not any("hộ gia đình" in w for w in unconfirmed_money(unit_store, [("GIAY_KHEN", "household")], day))
