"""An award register is the unit's whole register of a year: a province that receives a newer one no longer counts
the awards it dropped (a decision replaced, with new award UUIDs, or cancelled), keeps them marked withdrawn for the
audit, and says so in the dry run. A register older than the newest one received withdraws nothing and adds nothing
the newer one dropped."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from desktop.exchange import writer
from desktop.exchange.exporter import export_package
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.province import consolidated
from desktop.ops.demo import fill_demo
from desktop.ops.review.corrections import correct_decision, revoke_decision
from desktop.store import Store, open_store
from tests.demo_date import DEMO_TODAY

YEAR = 2024
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _send(unit: Store, folder: Path, name: str, created_at: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The unit's award register of YEAR, made at ``created_at`` (the order the province judges packages by)."""
    monkeypatch.setattr(writer, "now_iso", lambda: created_at)
    return export_package(unit, kind="award_register", year=YEAR, out=folder / name)


def _unit_awards(unit: Store) -> Counter[str]:
    return Counter(row["code"] for row in unit.query("SELECT code FROM awards WHERE year = ?", (YEAR,)))


def _province_awards(prov: Store) -> Counter[str]:
    (row,) = consolidated(prov, year=YEAR)["units"]
    return Counter(row["awards_by_code"])


def _replace_and_cancel(unit: Store) -> tuple[int, int]:
    """Replace the year's first decision (its awards get new UUIDs) and cancel the second: (replaced, cancelled)."""
    first, second = unit.query(
        "SELECT d.id, d.decision_date, count(a.id) AS n FROM decisions d JOIN awards a ON a.decision_id = d.id "
        "WHERE a.year = ? GROUP BY d.id ORDER BY d.id",
        (YEAR,),
    )
    correct_decision(
        unit,
        decision_id=first["id"],
        reason="Sửa sai tên người được khen",
        decision_date=first["decision_date"][:10],
        changes={"subject": "Khen thưởng (thay thế)"},
    )
    revoke_decision(unit, decision_id=second["id"], reason="Hủy do sai đối tượng")
    return int(first["n"]), int(second["n"])


def test_replaced_and_cancelled_awards_are_withdrawn_at_the_province(pair, tmp_path, monkeypatch):
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    before = _unit_awards(unit)
    first = _send(unit, tmp_path, "so-1", "2025-01-10T08:00:00+07:00", monkeypatch)
    apply_import(prov, plan_import(prov, first))
    assert _province_awards(prov) == before

    replaced, cancelled = _replace_and_cancel(unit)
    after = _unit_awards(unit)
    assert sum(after.values()) == sum(before.values()) - cancelled
    second = _send(unit, tmp_path, "so-2", "2025-01-20T08:00:00+07:00", monkeypatch)

    plan = plan_import(prov, second)  # the dry run
    withdrawn = replaced + cancelled
    report = plan.to_json()
    assert len(report["withdrawn"]) == withdrawn and plan.has_changes
    assert report["counts"]["award"] == {"new": replaced, "updated": 0, "unchanged": sum(after.values()) - replaced,
                                         "conflicts": 0}  # fmt: skip
    assert any(f"{withdrawn} khen thưởng bị rút/thu hồi" in message for message in report["messages"])
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE withdrawn_at IS NOT NULL") == 0  # nothing written

    result = apply_import(prov, plan)
    assert result.withdrawn == withdrawn and f"{withdrawn} khen thưởng bị rút/thu hồi" in result.message
    assert _province_awards(prov) == after
    totals = consolidated(prov, year=YEAR)["totals"]
    assert totals["awards"] == sum(after.values()) == unit.scalar("SELECT count(*) FROM awards WHERE year = ?", (YEAR,))
    # kept for the audit, marked with the register that withdrew them
    rows = prov.query("SELECT withdrawn_at, withdrawn_package_id FROM remote_records WHERE record_kind = 'award'")
    assert len(rows) == sum(before.values()) + replaced
    assert sum(1 for r in rows if r["withdrawn_at"]) == withdrawn
    assert {r["withdrawn_package_id"] for r in rows if r["withdrawn_at"]} == {result.package_id}

    # the same register again changes nothing
    again = plan_import(prov, second)
    assert again.already_imported and not again.withdrawn
    assert _province_awards(prov) == after


def test_an_older_register_withdraws_nothing_and_brings_back_nothing(pair, tmp_path, monkeypatch):
    """Packages arrive out of order: the newer register first. The older one's dropped awards are conflicts and the
    newer one's awards stay counted."""
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    older = _send(unit, tmp_path, "so-cu", "2025-01-10T08:00:00+07:00", monkeypatch)
    replaced, cancelled = _replace_and_cancel(unit)
    after = _unit_awards(unit)
    newer = _send(unit, tmp_path, "so-moi", "2025-01-20T08:00:00+07:00", monkeypatch)
    apply_import(prov, plan_import(prov, newer))
    assert _province_awards(prov) == after

    plan = plan_import(prov, older)
    assert plan.older_than_imported and plan.withdrawn == []
    assert plan.counts["award"].conflicts == replaced + cancelled and plan.counts["award"].new == 0
    assert all("không còn khen thưởng này" in c.reason for c in plan.conflicts)
    apply_import(prov, plan)
    assert _province_awards(prov) == after
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE withdrawn_at IS NOT NULL") == 0


def test_a_newer_register_that_holds_a_withdrawn_award_again_brings_it_back(pair, tmp_path, monkeypatch):
    """The unit restores its file from before the changes and sends again: the withdrawn awards count again."""
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    before = _unit_awards(unit)
    unit.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(unit.path, tmp_path / "restored.sqlite3")
    apply_import(prov, plan_import(prov, _send(unit, tmp_path, "so-1", "2025-01-10T08:00:00+07:00", monkeypatch)))
    replaced, cancelled = _replace_and_cancel(unit)
    apply_import(prov, plan_import(prov, _send(unit, tmp_path, "so-2", "2025-01-20T08:00:00+07:00", monkeypatch)))
    assert _province_awards(prov) == _unit_awards(unit)

    restored = open_store(tmp_path / "restored.sqlite3", actor="xa")
    try:
        third = _send(restored, tmp_path, "so-3", "2025-01-30T08:00:00+07:00", monkeypatch)
    finally:
        restored.close()
    plan = plan_import(prov, third)
    assert plan.counts["award"].updated == replaced + cancelled and len(plan.withdrawn) == replaced
    updates = plan.to_json()["updates"]
    assert all(any(f["field"] == "bị rút/thu hồi" for f in u["fields"]) for u in updates)
    apply_import(prov, plan)
    assert _province_awards(prov) == before


def test_version_8_remote_records_are_all_in_force(tmp_path):
    """Version 9 adds the withdrawn marker; what a version 8 file received stays counted."""
    copy = tmp_path / "v8.sqlite3"
    shutil.copy(FIXTURES / "schema_v8.sqlite3", copy)
    old = sqlite3.connect(copy)
    try:
        count = old.execute("SELECT count(*) FROM remote_records").fetchone()[0]
    finally:
        old.close()
    store = open_store(copy)
    try:
        columns = {row["name"]: row for row in store.query("PRAGMA table_info(remote_records)")}
        assert columns["withdrawn_at"]["type"] == "TEXT" and columns["withdrawn_package_id"]["type"] == "INTEGER"
        assert store.scalar("SELECT count(*) FROM remote_records WHERE withdrawn_at IS NULL") == count
    finally:
        store.close()
