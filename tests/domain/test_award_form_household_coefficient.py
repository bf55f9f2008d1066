"""An award form has no household coefficient of its own: a household gets 1,5 × the individual amount (NĐ 152/2025
Điều 54), computed from ``coefficient.individual`` × ``settings.household_multiplier``.

An override setting ``award_forms.GIAY_KHEN.coefficient.household = 0.6`` was accepted, stored and shown by
``tdkt rules show`` while the money went on paying 1,5 × the individual amount. The reader now refuses the key,
naming it and the article, wherever an override comes from; a title for households (Gia đình văn hóa) keeps its
own household coefficient.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.rules import RulePackError, check_override
from desktop.ops import rules
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.exchange import link, make_province, make_unit, table_checksum
from tests.exchange.test_package_hostile import OVERRIDE_HEAD, _override_package, _refused_override

KEY = "award_forms.GIAY_KHEN.coefficient.household"
BODY = """
[award_forms.GIAY_KHEN]
coefficient.household = [ { value = 0.6, cite = "QĐ 5/2026/QĐ-UBND tỉnh X, Điều 3", from = 2026-01-01 } ]
"""
DAY = date(2026, 3, 1)


def _says_why(text: str) -> None:
    assert KEY in text
    assert "Nghị định 152/2025/NĐ-CP, Điều 54" in text and "1,5" in text


def test_an_override_file_may_not_set_a_household_coefficient_for_an_award_form(tmp_path: Path):
    path = tmp_path / "tinh.toml"
    path.write_text(OVERRIDE_HEAD + BODY, encoding="utf-8")
    with pytest.raises(RulePackError) as refused:
        check_override(path)
    _says_why("\n".join(refused.value.problems))


def test_the_store_refuses_it_and_the_money_stays_one_and_a_half_times(unit_store):
    fill_demo(unit_store, today=DEMO_TODAY)
    before = unit_store.scalar("SELECT count(*) FROM rule_overrides")
    for source in ("province", "local"):
        with pytest.raises(RulePackError) as refused:
            rules.save_override(unit_store, name="Tỉnh X", toml_text=OVERRIDE_HEAD + BODY, source=source)
        _says_why("\n".join(refused.value.problems))
    assert unit_store.scalar("SELECT count(*) FROM rule_overrides") == before
    shown = next(i for i in rules.rules_summary(unit_store, on=DAY)["award_forms"] if i["code"] == "GIAY_KHEN")
    assert "household" not in shown["coefficients"]
    paid = rules.money(unit_store, code="GIAY_KHEN", target="household", decision_date=DAY)
    assert (paid.multiplier, paid.amount) == (
        Decimal("1.5"),
        1_060_000,
    )  # 1,5 × 0,3 × 2.340.000 = 1.053.000 → 1.060.000


def test_one_stored_by_an_earlier_version_loses_the_key_and_keeps_its_other_rules(unit_store):
    """A province pack an earlier version stored with the key (it was never paid) must not stop every screen until
    the whole pack, with its other rules, is switched off: the key is left out, the rest applies."""
    cap = (
        "\n[titles.CSTDCS.params]\n"
        'cap_percent_of_ldtt = [ { value = 30, cite = "QĐ 5/2026 tỉnh X", from = 2026-01-01 } ]\n'
    )
    unit_store.add(
        "rule_overrides", {"name": "Tỉnh X", "source": "province", "toml": OVERRIDE_HEAD + BODY + cap, "active": 1}
    )
    paid = rules.money(unit_store, code="GIAY_KHEN", target="household", decision_date=DAY)
    assert (paid.multiplier, paid.amount) == (Decimal("1.5"), 1_060_000)
    assert rules.effective_pack(unit_store).param("CSTDCS", "cap_percent_of_ldtt", DAY) == 30
    shown = next(i for i in rules.rules_summary(unit_store, on=DAY)["award_forms"] if i["code"] == "GIAY_KHEN")
    assert "household" not in shown["coefficients"]


def test_a_province_package_with_it_is_refused(tmp_path: Path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    try:
        before = table_checksum(unit)
        _says_why(_refused_override(unit, _override_package(prov, tmp_path / "quy-dinh.tdkt", BODY)))
        assert table_checksum(unit) == before
    finally:
        unit.close()
        prov.close()


def test_a_title_for_households_keeps_its_own_household_coefficient(unit_store):
    body = '\n[titles.GDVH]\ncoefficient.household = [ { value = 0.1, cite = "QĐ tỉnh thử", from = 2026-01-01 } ]\n'
    rules.save_override(unit_store, name="Tỉnh X", toml_text=OVERRIDE_HEAD + body, source="province")
    paid = rules.money(unit_store, code="GDVH", target="household", decision_date=DAY)
    assert (paid.coefficient, paid.multiplier, paid.amount) == (Decimal("0.1"), 1, 240_000)  # 0,1 × 2.340.000 → 240.000
