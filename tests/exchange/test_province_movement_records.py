"""A province's movement record says what the unit could have typed itself: the year of a regular movement launched
in December for the next year, no launch after the end (alone or merged with the unit's edits), the clerk's text
limits. Before, the year was guessed from the launch date (a 2026 movement listed under 2025 at the unit), and a
record launched after its end or with a 4,000-character theme was accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import plan_import
from desktop.ops import exchange as ops
from desktop.ops import movements as mv
from desktop.store import Store
from desktop.store.db import new_uuid
from tests.exchange import LUNG_CU, craft, own_keys, unpack


def _send(prov: Store, folder: Path, name: str, year: int = 2026) -> Path:
    return export_package(prov, kind="movements", year=year, out=folder / f"{name}.tdkt", receiver=LUNG_CU)


def _changed(prov: Store, path: Path, out: Path, **changes: object) -> Path:
    """The package made again by the province with its first record changed (or a key dropped, given None)."""
    manifest, entries = unpack(path)
    data = json.loads(entries["data/movements.json"])
    for key, value in changes.items():
        if value is None:
            data["records"][0].pop(key, None)
        else:
            data["records"][0][key] = value
    entries["data/movements.json"] = json.dumps(data, ensure_ascii=False).encode()
    return craft(out, own_keys(prov), manifest | {"package_uuid": new_uuid()}, entries)


def test_a_regular_movement_launched_in_december_is_of_the_next_year_at_the_unit(pair, tmp_path):
    unit, prov = pair
    mv.create_movement(prov, name="Thi đua yêu nước năm 2026", kind="regular", year=2026, launch_date="2025-12-20")
    sent = _send(prov, tmp_path, "m2026")
    assert json.loads(unpack(sent)[1]["data/movements.json"])["records"][0]["year"] == 2026
    ops.import_files(unit, files=[sent])
    assert unit.scalar("SELECT year FROM movements WHERE source = 'province'") == 2026
    assert [m["name"] for m in mv.list_movements(unit, year=2026)] == ["Thi đua yêu nước năm 2026"]


def test_a_record_of_an_older_program_without_a_year_is_read_as_before(pair, tmp_path):
    unit, prov = pair
    mv.create_movement(
        prov, name="Thi đua yêu nước năm 2026", kind="regular", year=2026, launch_date="2026-01-05",
        start_date="2026-01-05", end_date="2026-12-31",
    )  # fmt: skip
    older = _changed(prov, _send(prov, tmp_path, "m"), tmp_path / "cu.tdkt", year=None)
    ops.import_files(unit, files=[older])
    assert unit.scalar("SELECT year FROM movements WHERE source = 'province'") == 2026


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"launched_on": "2026-12-20", "period_to": "2026-03-31"}, "launched_on", "ngày phát động sau ngày kết thúc"),
        ({"theme": "x" * 1001}, "theme", "dài quá 1000 ký tự"),
        ({"description": "x" * 4001}, "description", "dài quá 4000 ký tự"),
        ({"year": 1800}, "year", ""),
    ],
    ids=["launched after its end", "theme too long", "description too long", "year unknown"],
)
def test_a_record_the_clerk_could_not_have_typed_is_refused(pair, tmp_path, changes, field, words):
    unit, prov = pair
    mv.create_movement(
        prov, name="Thi đua yêu nước năm 2026", kind="regular", year=2026, launch_date="2026-01-05",
        start_date="2026-01-05", end_date="2026-12-31",
    )  # fmt: skip
    bad = _changed(prov, _send(prov, tmp_path, "m"), tmp_path / "xau.tdkt", **changes)
    with pytest.raises(PackageError, match=f"trường “{field}”: {words}"):
        plan_import(unit, bad)
    assert unit.scalar("SELECT count(*) FROM movements") == 0


def test_a_change_that_merged_would_launch_after_the_end_is_a_conflict(pair, tmp_path):
    unit, prov = pair
    movement = mv.create_movement(
        prov, name="Thi đua nông thôn mới", kind="thematic", launch_date="2026-02-03", start_date="2026-02-03",
        end_date="2026-12-31",
    )  # fmt: skip
    ops.import_files(unit, files=[_send(prov, tmp_path, "p1")])
    here = unit.scalar("SELECT id FROM movements WHERE source = 'province'")
    mv.update_movement(unit, movement_id=here, launch_date="2026-06-01")  # the commune launched it later
    mv.update_movement(prov, movement_id=movement, end_date="2026-04-30")  # the province shortens it
    [plan] = ops.dry_run(unit, files=[_send(prov, tmp_path, "p2")])
    [conflict] = plan.to_json()["conflicts"]
    assert "ngày phát động (01/06/2026) sau ngày kết thúc (30/04/2026)" in conflict["reason"]
    ops.import_files(unit, files=[tmp_path / "p2.tdkt"])
    row = unit.query_one("SELECT launch_date, end_date FROM movements WHERE id = ?", (here,))
    assert row == {"launch_date": "2026-06-01", "end_date": "2026-12-31"}
