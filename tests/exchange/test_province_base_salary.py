"""The base salary is the Government's (NĐ 152/2025, Điều 49): a province's rule pack dated back to 2024 that pays
5,000,000 instead of the confirmed 2,340,000 would re-price every amount reckoned for those days. Such a package is
refused whole at the unit; a row restating the law, correcting a value the national pack marks unconfirmed, or
bringing a newer decree goes in."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from desktop.ops import rules as rules_ops
from tests.exchange.test_package_hostile import _override_package

HEAD = (
    '[pack]\nid = "vn-tq-luong"\nname = "Lương"\nversion = "2026.1"\nvalid_from = 2024-07-01\n'
    'jurisdiction = "VN-08"\nkind = "override"\nbase = "vn-national"\n\n'
)


def _row(value: int, day: str) -> str:
    return f'[[base_salary]]\nvalue = {value}\ncite = "QĐ tỉnh"\nfrom = {day}\n\n'


@pytest.mark.parametrize(
    "rows",
    [
        _row(5_000_000, "2024-07-01"),  # over the confirmed 2,340,000 of NĐ 73/2024
        _row(2_340_000, "2024-07-01") + _row(2_600_000, "2025-03-01"),  # a row between confirmed ones
    ],
)
def test_a_province_base_salary_against_the_decree_is_refused_and_nothing_changes(pair, tmp_path, rows, monkeypatch):
    from tests.exchange import test_package_hostile

    unit, prov = pair
    monkeypatch.setattr(test_package_hostile, "OVERRIDE_HEAD", HEAD)
    package = _override_package(prov, tmp_path / "luong.tdkt", rows)
    with pytest.raises(PackageError) as refused:
        ops.import_files(unit, files=[package])
    assert "lương cơ sở" in str(refused.value) and "2.340.000" in str(refused.value)
    assert unit.scalar("SELECT count(*) FROM rule_overrides") == 0
    assert rules_ops.effective_pack(unit).base_salary_on(date(2025, 6, 1)) == 2_340_000


def test_restating_correcting_the_unconfirmed_row_or_a_newer_decree_goes_in(pair, tmp_path, monkeypatch):
    from tests.exchange import test_package_hostile

    unit, prov = pair
    monkeypatch.setattr(test_package_hostile, "OVERRIDE_HEAD", HEAD)
    rows = _row(2_340_000, "2024-07-01") + _row(2_600_000, "2026-07-01") + _row(2_800_000, "2027-07-01")
    ops.import_files(unit, files=[_override_package(prov, tmp_path / "luong.tdkt", rows)])
    pack = rules_ops.effective_pack(unit)
    assert [pack.base_salary_on(date(y, 8, 1)) for y in (2025, 2026, 2027)] == [2_340_000, 2_600_000, 2_800_000]
