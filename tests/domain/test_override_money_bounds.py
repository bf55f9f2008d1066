"""A rule override (a province's package or the unit's own) may not change the money rules of NĐ 152/2025.

The rounding step and "only the highest title of a period is paid" (Điều 49) are not an override's to set at all;
the household multiplier (Điều 54: 1,5) must stay within 1–2. Each case goes through the real store (the unit's
own override) and a signed province package (verify, dry run, import), and nothing is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.rules import RulePackError, check_override
from desktop.ops import rules
from tests.exchange import link, make_province, make_unit, table_checksum
from tests.exchange.test_package_hostile import OVERRIDE_HEAD, _override_package, _refused_override

HOSTILE = [
    ('household_multiplier = { value = 50, cite = "QĐ 1/2026", from = 2026-01-01 }', "50"),
    ('household_multiplier = { value = 0.01, cite = "QĐ 1/2026", from = 2026-01-01 }', "0.01"),
    ('household_multiplier = { value = 0.9, cite = "QĐ 1/2026", from = 2026-01-01 }', "0.9"),
    ('household_multiplier = { value = 2.5, cite = "QĐ 1/2026", from = 2026-01-01 }', "2.5"),
    ('rounding_step = { value = 1, cite = "QĐ 1/2026", from = 2026-01-01 }', "Điều 49"),
    ('rounding_step = { value = 5000000, cite = "QĐ 1/2026", from = 2026-01-01 }', "Điều 49"),
    ('rounding_step = { value = 10000, cite = "QĐ 1/2026", from = 2026-01-01 }', "Điều 49"),
    ('pay_highest_title_only = { value = false, cite = "QĐ 1/2026", from = 2026-01-01 }', "Điều 49"),
]


def _key(setting: str) -> str:
    return "settings." + setting.split(" ", 1)[0]


@pytest.mark.parametrize(("setting", "shown"), HOSTILE)
def test_an_override_file_may_not_change_the_money_rules(tmp_path: Path, setting: str, shown: str):
    path = tmp_path / "tinh.toml"
    path.write_text(OVERRIDE_HEAD + "\n[settings]\n" + setting + "\n", encoding="utf-8")
    with pytest.raises(RulePackError) as refused:
        check_override(path)
    text = "\n".join(refused.value.problems)
    assert _key(setting) in text and shown in text


@pytest.mark.parametrize(("setting", "shown"), HOSTILE)
def test_the_units_own_override_may_not_change_the_money_rules(unit_store, setting: str, shown: str):
    day = date(2026, 3, 1)
    before = [rules.money(unit_store, code="GIAY_KHEN", target=t, decision_date=day).amount for t in ("household",)]
    for source in ("local", "province"):
        with pytest.raises(RulePackError) as refused:
            rules.save_override(
                unit_store,
                name="Quy định thử",
                toml_text=OVERRIDE_HEAD + "\n[settings]\n" + setting + "\n",
                source=source,
            )
        text = "\n".join(refused.value.problems)
        assert _key(setting) in text and shown in text
    assert unit_store.scalar("SELECT count(*) FROM rule_overrides") == 0
    after = [rules.money(unit_store, code="GIAY_KHEN", target=t, decision_date=day).amount for t in ("household",)]
    assert after == before == [1_060_000]  # 1,5 × 0,3 × 2.340.000 = 1.053.000, rounded up to 10.000


@pytest.mark.parametrize(("setting", "shown"), HOSTILE[:5] + HOSTILE[-1:])
def test_a_province_package_may_not_change_the_money_rules(tmp_path: Path, setting: str, shown: str):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    try:
        before = table_checksum(unit)
        message = _refused_override(unit, _override_package(prov, tmp_path / "quy-dinh.tdkt", "[settings]\n" + setting))
        assert _key(setting) in message and shown in message
        assert table_checksum(unit) == before
    finally:
        unit.close()
        prov.close()


def test_a_household_multiplier_within_bounds_is_still_accepted(unit_store):
    body = '\n[settings]\nhousehold_multiplier = { value = 2, cite = "NĐ thử, Điều 54", from = 2026-01-01 }\n'
    rules.save_override(unit_store, name="Quy định thử", toml_text=OVERRIDE_HEAD + body, source="local")
    result = rules.money(unit_store, code="GIAY_KHEN", target="household", decision_date=date(2026, 3, 1))
    assert (result.multiplier, result.amount) == (2, 1_410_000)  # 2 × 0,3 × 2.340.000 = 1.404.000
    earlier = rules.money(unit_store, code="GIAY_KHEN", target="household", decision_date=date(2025, 12, 1))
    assert earlier.multiplier == 1.5
