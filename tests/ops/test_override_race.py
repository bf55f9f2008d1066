"""Two rule overrides saved at the same moment by two processes on one database file.

Each override is checked to layer with the overrides in force INSIDE its write transaction (``BEGIN IMMEDIATE``),
not before it: a province package imported from the command line while the clerk presses "Lưu" on the rules page
used to pass two checks each made without the other, and the pair, which does not layer, stopped every screen
that uses the law. Here a second real process holds its transaction open with its override written; the first
process's save starts meanwhile and must see that override once it gets the write lock.
"""

from __future__ import annotations

import multiprocessing
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.rules import RulePackError
from desktop.ops import rules
from desktop.store import open_store, rules_repo

HOLD_SECONDS = 2.0  # how long the other process keeps its transaction open after its write

HEAD = """[pack]
id = "{id}"
name = "{id}"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""
ITEM = """
[{table}.X_MOI]
name = "Khen thưởng mới"
target = ["individual"]
rank = 15
basis = [{{ cite = "Quyết định 9/2025 (thử)", from = 2025-01-01 }}]
conferred_by.default = [{{ value = "unit", cite = "Quyết định 9/2025 (thử)", from = 2025-01-01 }}]
ballot_required = [{{ value = false, cite = "Quyết định 9/2025 (thử)", from = 2025-01-01 }}]
"""
# Each layers alone; together they declare X_MOI both a title and an award form.
COMMUNE = HEAD.format(id="xa-rieng") + ITEM.format(table="titles")
PROVINCE = HEAD.format(id="tinh-rieng") + ITEM.format(table="award_forms")

SALARY_OTHER = [(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP (máy kia)")]
SALARY_HERE = [(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP, Điều 3")]


def _other_process(db_path: str, action: str, written: Any) -> None:
    """The other window or the command line: writes inside a transaction it keeps open for a moment."""
    store = open_store(Path(db_path), actor="may_kia")
    try:
        with store.transaction(operation="package.import"):
            if action == "province":
                rules_repo.save_override(store, name="Quy định tỉnh", toml_text=PROVINCE, source="province")
            else:
                rules.set_base_salary_entries(store, entries=SALARY_OTHER)
            written.set()
            time.sleep(HOLD_SECONDS)  # the rest of the package: its records, attachments
    finally:
        store.close()


def _meanwhile(db_path: Path, action: str) -> Any:
    """Start the other process and return once its write is done and its transaction still open."""
    context = multiprocessing.get_context("spawn")
    written = context.Event()
    process = context.Process(target=_other_process, args=(str(db_path), action, written))
    process.start()
    assert written.wait(timeout=60), "the other process did not write"
    return process


def _finish(process: Any) -> None:
    process.join(timeout=60)
    assert process.exitcode == 0


def _active(store) -> list[str]:
    return [row["name"] for row in rules.list_overrides(store) if row["active"]]


def test_an_override_saved_meanwhile_is_checked_against(store, db_path: Path) -> None:
    other = _meanwhile(db_path, "province")
    try:
        with pytest.raises(RulePackError) as raised:
            rules.save_override(store, name="Quy định xã", toml_text=COMMUNE)
    finally:
        _finish(other)

    assert any("X_MOI" in problem for problem in raised.value.problems)
    assert _active(store) == ["Quy định tỉnh"]
    rules.effective_pack(store)  # the law still loads
    rules.evaluate_year(store, year=2025)


def test_an_override_switched_on_meanwhile_is_checked_against(store, db_path: Path) -> None:
    commune = rules.save_override(store, name="Quy định xã", toml_text=COMMUNE)
    rules.set_override_active(store, override_id=commune, active=False)

    other = _meanwhile(db_path, "province")
    try:
        with pytest.raises(RulePackError):
            rules.set_override_active(store, override_id=commune, active=True)
    finally:
        _finish(other)

    assert _active(store) == ["Quy định tỉnh"]
    rules.effective_pack(store)


def test_two_base_salary_tables_saved_at_once_make_one(store, db_path: Path) -> None:
    other = _meanwhile(db_path, "base_salary")
    try:
        rules.set_base_salary_entries(store, entries=SALARY_HERE)
    finally:
        _finish(other)

    tables = [row for row in rules.list_overrides(store) if row["is_base_salary"]]
    assert len(tables) == 1  # the later save replaced the earlier one's text, as one after the other would
    assert "Điều 3" in tables[0]["toml"]
    assert [row["cite"] for row in rules.base_salary_table(store) if row["valid_from"] == date(2024, 7, 1)] == [
        "Nghị định 73/2024/NĐ-CP, Điều 3"
    ]
