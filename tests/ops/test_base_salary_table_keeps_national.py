"""The unit's own base-salary rows replace only the national rows of the same date; every other national row stays.

Saving one row (re-citing 1/7/2024) once replaced the national table from that date on: decisions after 1/7/2026
were paid at 2.340.000 instead of 2.530.000, with no warning. A newer row a program update brings must hold too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.rules import pack as pack_module
from desktop.ops import rules
from desktop.store.rules_repo import forget_pack

RECITED = (date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP ngày 30/6/2024, Điều 3")


def _table(store) -> list[tuple[date, int, str]]:
    return [(e["valid_from"], e["amount"], e["source"]) for e in rules.base_salary_table(store)]


def test_saving_one_row_keeps_the_later_national_rows(unit_store):
    before = rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2026, 12, 20))
    assert (before.base_salary, before.amount) == (2_530_000, 760_000)
    rules.save_base_salary(unit_store, entries=[RECITED])

    table = _table(unit_store)
    assert table[-2:] == [
        (date(2024, 7, 1), 2_340_000, rules.BASE_SALARY_OVERRIDE_NAME),
        (date(2026, 7, 1), 2_530_000, "national.toml"),
    ]
    after = rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2026, 12, 20))
    assert (after.base_salary, after.amount) == (2_530_000, 760_000)
    recited = rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2025, 12, 20))
    assert "Nghị định 73/2024/NĐ-CP ngày 30/6/2024, Điều 3" in recited.explanation
    # the saved override holds only the clerk's row
    text = unit_store.scalar("SELECT toml FROM rule_overrides WHERE source = 'local'")
    assert text.count("[[base_salary]]") == 1


def test_a_row_between_national_rows_holds_until_the_next_national_one(unit_store):
    rules.save_base_salary(unit_store, entries=[(date(2025, 1, 1), 2_400_000, "NĐ thử, Điều 3")])
    on = {
        day: rules.money(unit_store, code="CSTDCS", target="individual", decision_date=day).base_salary
        for day in (date(2024, 12, 31), date(2025, 6, 1), date(2026, 7, 1))
    }
    assert on == {date(2024, 12, 31): 2_340_000, date(2025, 6, 1): 2_400_000, date(2026, 7, 1): 2_530_000}


def test_a_row_of_the_same_date_corrects_the_national_row(unit_store):
    rules.save_base_salary(unit_store, entries=[(date(2026, 7, 1), 2_600_000, "NĐ thử, Điều 3")])
    result = rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2026, 12, 20))
    assert result.base_salary == 2_600_000
    assert [row for row in _table(unit_store) if row[0] == date(2026, 7, 1)] == [
        (date(2026, 7, 1), 2_600_000, rules.BASE_SALARY_OVERRIDE_NAME)
    ]
    rules.save_base_salary(unit_store, entries=[])  # no rows of its own: the national table again
    assert rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2026, 12, 20)).amount == 760_000


def test_a_newer_national_row_from_a_program_update_holds_after_the_units_rows(
    unit_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    rules.save_base_salary(unit_store, entries=[RECITED, (date(2026, 7, 1), 2_530_000, "NĐ 161/2026/NĐ-CP, Điều 3")])
    national = pack_module.national_pack_path().read_text(encoding="utf-8")
    updated = tmp_path / "national.toml"
    newer = '\n[[base_salary]]\nvalue = 2800000\ncite = "Nghị định thử 2027, Điều 3"\nfrom = 2027-07-01\n'
    updated.write_text(national + newer, encoding="utf-8")
    monkeypatch.setattr(pack_module, "national_pack_path", lambda: updated)
    forget_pack(unit_store)
    result = rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2027, 8, 1))
    assert (result.base_salary, result.amount) == (2_800_000, 840_000)
    assert rules.money(unit_store, code="LDTT", target="individual", decision_date=date(2027, 1, 1)).base_salary == (
        2_530_000
    )
