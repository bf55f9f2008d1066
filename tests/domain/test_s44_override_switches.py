"""A province or unit pack may not switch off "one initiative, one award" (Công văn 5007/BNV-TĐKT/2023, confirmed from
2024): the same initiative would carry a second CSTĐCS or Bằng khen. Before 2024 the national value is an editable
default, so a province may still set its own practice there."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.rules import RulePackError
from desktop.ops import rules
from tests.domain.test_s43_province_dates import HEAD


def _pack(valid_from: str, entries: str) -> str:
    return HEAD.replace("valid_from = 2026-01-01", f"valid_from = {valid_from}") + (
        f"\n[settings]\ninitiative_single_use = {entries}\n"
    )


OFF_FROM_2026 = _pack("2026-01-01", '{ value = false, cite = "QĐ tỉnh thử", from = 2026-01-01 }')


def test_switching_off_one_initiative_one_award_is_refused(unit_store, tmp_path: Path):
    path = tmp_path / "tinh.toml"
    path.write_text(OFF_FROM_2026, encoding="utf-8")
    problems = rules.check_override_file(path)
    assert any("settings.initiative_single_use" in p and "Công văn 5007/BNV-TĐKT/2023" in p for p in problems)
    with pytest.raises(RulePackError) as refused:
        rules.save_override(unit_store, name="Quy định tỉnh", toml_text=OFF_FROM_2026)
    assert "settings.initiative_single_use" in str(refused.value)
    assert "chỉ được quy định cao hơn" in str(refused.value)
    assert unit_store.scalar("SELECT count(*) FROM rule_overrides") == 0


def test_before_the_national_value_is_confirmed_the_default_stays_editable(tmp_path: Path):
    path = tmp_path / "tinh-2023.toml"
    entries = (
        '[{ value = false, cite = "QĐ tỉnh thử", from = 2023-01-01 }, '
        '{ value = true, cite = "Công văn 5007/BNV-TĐKT/2023", from = 2024-01-01 }]'
    )
    path.write_text(_pack("2023-01-01", entries), encoding="utf-8")
    assert rules.check_override_file(path) == []
