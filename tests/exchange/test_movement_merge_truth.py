"""A province's movement package never leaves the unit with a movement it could not have typed: a change that,
merged with the unit's own edits, puts the end before the start, a record with years the program does not know, or
a change to a movement the unit has already closed is a conflict shown in the dry run and not applied."""

from __future__ import annotations

import json
import uuid
from datetime import date

from desktop.exchange import importer, province
from desktop.exchange.exporter import export_package
from desktop.ops import exchange as ops
from desktop.ops import movements as mv

COLUMNS = "name, kind, launch_date, start_date, end_date, year, status"


def _launch(prov) -> str:
    return province.add_movement(
        prov, name="Thi đua nông thôn mới", kind="thematic", launched_on=date(2026, 2, 3),
        period_from=date(2026, 2, 3), period_to=date(2026, 12, 31),
    )  # fmt: skip


def _put(prov, record: dict) -> None:
    with prov.transaction(operation="province.movement"):
        province._put_record(prov, unit_code=importer.own_identity(prov)[0], record_kind="movement", record=record)


def _edit(prov, record_uuid: str, **changes) -> None:
    content = prov.scalar("SELECT content FROM remote_records WHERE record_uuid = ?", (record_uuid,))
    _put(prov, json.loads(content) | changes)


def _send(prov, tmp_path, name: str):
    return export_package(prov, kind="movements", year=2026, out=tmp_path / f"{name}.tdkt", receiver="00715")


def _row(unit, record_uuid: str):
    return unit.query_one(f"SELECT {COLUMNS} FROM movements WHERE uuid = ?", (record_uuid,))


def test_merged_end_before_start_is_a_conflict(pair, tmp_path):
    unit, prov = pair
    record_uuid = _launch(prov)
    ops.import_files(unit, files=[_send(prov, tmp_path, "p1")])
    movement_id = unit.scalar("SELECT id FROM movements WHERE uuid = ?", (record_uuid,))
    mv.update_movement(unit, movement_id=movement_id, start_date="2026-06-01")  # the commune starts later
    _edit(prov, record_uuid, period_to="2026-04-30")  # the province shortens the campaign (valid on its own)
    package = _send(prov, tmp_path, "p2")
    [plan] = ops.dry_run(unit, files=[package])
    report = plan.to_json()
    assert report["counts"]["movement"] == {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 1}
    [conflict] = report["conflicts"]
    assert "ngày kết thúc (30/04/2026) trước ngày bắt đầu (01/06/2026)" in conflict["reason"]
    assert conflict["fields"] == [
        {"field": "start_date", "ours": "2026-06-01", "theirs": "2026-02-03"},
        {"field": "end_date", "ours": "2026-12-31", "theirs": "2026-04-30"},
    ]
    before = _row(unit, record_uuid)
    [result] = ops.import_files(unit, files=[package])
    assert result.status == "applied" and result.counts["movement"]["conflicts"] == 1
    assert _row(unit, record_uuid) == before and before["end_date"] == "2026-12-31"
    # the province lengthens it again: both its changes since the last copy received apply together
    _edit(prov, record_uuid, period_to="2026-11-30", name="Thi đua nông thôn mới 2026")
    ops.import_files(unit, files=[_send(prov, tmp_path, "p3")])
    row = _row(unit, record_uuid)
    assert (row["start_date"], row["end_date"], row["name"]) == (
        "2026-06-01",
        "2026-11-30",
        "Thi đua nông thôn mới 2026",
    )


def test_years_outside_the_program_are_a_conflict(pair, tmp_path):
    unit, prov = pair
    record = {
        "uuid": str(uuid.uuid4()), "name": "PT", "kind": "regular", "theme": "", "launched_by": "x",
        "launched_on": "2026-01-01", "period_from": "0001-01-01", "period_to": "9999-12-31", "description": "",
    }  # fmt: skip
    _put(prov, record)
    package = _send(prov, tmp_path, "y1")
    [plan] = ops.dry_run(unit, files=[package])
    [conflict] = plan.to_json()["conflicts"]
    assert conflict["reason"].startswith("ngày bắt đầu 01/01/0001 có năm ngoài khoảng 1900–2100")
    assert conflict["fields"] == [{"field": "start_date", "ours": None, "theirs": "0001-01-01"}]
    [result] = ops.import_files(unit, files=[package])
    assert result.counts["movement"] == {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 1}
    assert unit.scalar("SELECT count(*) FROM movements") == 0
    # the province corrects it: received as new
    _edit(prov, record["uuid"], period_from="2026-01-01", period_to="2026-12-31")
    ops.import_files(unit, files=[_send(prov, tmp_path, "y2")])
    row = _row(unit, record["uuid"])
    assert (row["start_date"], row["end_date"], row["year"]) == ("2026-01-01", "2026-12-31", 2026)


def test_a_closed_movement_is_not_rewritten(pair, tmp_path):
    unit, prov = pair
    record_uuid = _launch(prov)
    ops.import_files(unit, files=[_send(prov, tmp_path, "c1")])
    movement_id = unit.scalar("SELECT id FROM movements WHERE uuid = ?", (record_uuid,))
    mv.close_movement(unit, movement_id=movement_id, reason="Gộp vào phong trào chung của tỉnh")
    before = unit.query_one("SELECT * FROM movements WHERE id = ?", (movement_id,))
    _edit(prov, record_uuid, name="Tên mới do tỉnh đổi", period_to="2027-12-31")
    package = _send(prov, tmp_path, "c2")
    [plan] = ops.dry_run(unit, files=[package])
    [conflict] = plan.to_json()["conflicts"]
    assert "đơn vị đã kết thúc phong trào này" in conflict["reason"]
    assert conflict["fields"] == [
        {"field": "name", "ours": "Thi đua nông thôn mới", "theirs": "Tên mới do tỉnh đổi"},
        {"field": "end_date", "ours": "2026-12-31", "theirs": "2027-12-31"},
    ]
    [result] = ops.import_files(unit, files=[package])
    assert result.status == "applied" and result.counts["movement"]["conflicts"] == 1
    assert unit.query_one("SELECT * FROM movements WHERE id = ?", (movement_id,)) == before
