"""A province sends its own movements down (the rows ``tdkt movement create`` and the window write, under their
UUIDs), a unit imports them and a later package updates its copy; an empty package is refused, and so is a unit
trying to send movements. A province package that moves a movement's dates so that what the unit recorded for it
(registrations, covenants, sơ kết, tổng kết, proposals) would fall outside it is a conflict naming those things,
and the unit's own edit doing the same is refused with the same list."""

from __future__ import annotations

import json
import zipfile

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.exchange import LUNG_CU
from tests.ops.movement_flow import DEPARTMENTS, setup_unit

COLUMNS = "name, kind, source, launched_by, launch_date, start_date, end_date, year, status, notes"


def _province_movement(prov) -> int:
    """As `tdkt movement create` does at the province: ops.movements.create_movement."""
    return mv.create_movement(
        prov,
        name="Thi đua chuyển đổi số 2026",
        kind="thematic",
        theme="Chuyển đổi số",
        launched_by="UBND tỉnh",
        launch_date="2026-02-01",
        start_date="2026-02-01",
        end_date="2026-11-30",
        notes="Kế hoạch số 12/KH-UBND",
    )


def _send(prov, tmp_path, name: str, year: int = 2026):
    return export_package(prov, kind="movements", year=year, out=tmp_path / f"{name}.tdkt", receiver=LUNG_CU)


def _records(path) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("data/movements.json"))["records"]


def _uuid(store, movement_id: int) -> str:
    return str(store.scalar("SELECT uuid FROM movements WHERE id = ?", (movement_id,)))


def _row(unit, record_uuid: str):
    return unit.query_one(f"SELECT {COLUMNS} FROM movements WHERE uuid = ?", (record_uuid,))


def test_the_provinces_own_movement_reaches_the_unit_and_a_resend_updates_it(pair, tmp_path):
    unit, prov = pair
    movement_id = _province_movement(prov)
    record_uuid = _uuid(prov, movement_id)
    first = _send(prov, tmp_path, "m1")
    assert _records(first) == [
        {
            "uuid": record_uuid,
            "name": "Thi đua chuyển đổi số 2026",
            "kind": "thematic",
            "theme": "Chuyển đổi số",
            "launched_by": "UBND tỉnh",
            "launched_on": "2026-02-01",
            "period_from": "2026-02-01",
            "period_to": "2026-11-30",
            "description": "Kế hoạch số 12/KH-UBND",
        }
    ]
    sent = prov.query_one("SELECT counts FROM packages WHERE direction = 'sent' ORDER BY id DESC LIMIT 1")
    assert json.loads(sent["counts"]) == {"movement": 1}
    [plan] = ops.dry_run(unit, files=[first])
    assert plan.to_json()["counts"]["movement"] == {"new": 1, "updated": 0, "unchanged": 0, "conflicts": 0}
    [result] = ops.import_files(unit, files=[first])
    assert result.counts["movement"]["new"] == 1
    assert _row(unit, record_uuid) == {
        "name": "Thi đua chuyển đổi số 2026",
        "kind": "thematic",
        "source": "province",
        "launched_by": "Sở Nội vụ tỉnh Tuyên Quang",  # the province that signed the package
        "launch_date": "2026-02-01",
        "start_date": "2026-02-01",
        "end_date": "2026-11-30",
        "year": None,
        "status": "launched",
        "notes": "Kế hoạch số 12/KH-UBND",
    }
    # the province corrects its movement: the next package updates the same row at the unit (merged by UUID)
    mv.update_movement(prov, movement_id=movement_id, name="Thi đua chuyển đổi số năm 2026", end_date="2026-12-31")
    second = _send(prov, tmp_path, "m2")
    [plan] = ops.dry_run(unit, files=[second])
    assert plan.to_json()["counts"]["movement"] == {"new": 0, "updated": 1, "unchanged": 0, "conflicts": 0}
    ops.import_files(unit, files=[second])
    row = _row(unit, record_uuid)
    assert (row["name"], row["end_date"]) == ("Thi đua chuyển đổi số năm 2026", "2026-12-31")
    assert unit.scalar("SELECT count(*) FROM movements") == 1


def test_only_the_movements_of_the_year_are_sent(pair, tmp_path):
    unit, prov = pair
    _province_movement(prov)
    mv.create_movement(
        prov, name="Thi đua năm 2027", kind="regular", year=2027, launch_date="2026-12-20", start_date="2027-01-01"
    )
    mv.create_movement(
        prov,
        name="Phong trào 2025–2027",
        kind="campaign",
        launch_date="2025-05-20",
        start_date="2025-06-01",
        end_date="2027-05-31",
    )
    # planned, not launched: the province may still drop it, so units do not get it
    mv.create_movement(prov, name="Kế hoạch chưa phát động", kind="thematic", start_date="2026-03-01")
    # what the window's Send tab shows before a file is chosen (ops.exchange.package_preview)
    # the 2027 movement launched on 20/12/2026 is already of 2026: units register from its launch
    preview = ops.package_preview(prov, kind="movements", year=2026, receiver=LUNG_CU)
    assert preview["names"] == ["Thi đua chuyển đổi số 2026", "Thi đua năm 2027", "Phong trào 2025–2027"]
    names = [r["name"] for r in _records(_send(prov, tmp_path, "m2026"))]
    assert names == ["Thi đua chuyển đổi số 2026", "Thi đua năm 2027", "Phong trào 2025–2027"]
    names = [r["name"] for r in _records(_send(prov, tmp_path, "m2027", year=2027))]
    assert names == ["Thi đua năm 2027", "Phong trào 2025–2027"]
    [result] = ops.import_files(unit, files=[tmp_path / "m2027.tdkt"])
    assert result.counts["movement"]["new"] == 2
    assert unit.scalar("SELECT year FROM movements WHERE name = 'Thi đua năm 2027'") == 2027


def test_an_empty_movements_package_is_refused(pair, tmp_path):
    _unit, prov = pair
    with pytest.raises(PackageError, match="Năm 2026 tỉnh chưa có phong trào thi đua nào để gửi xuống đơn vị"):
        _send(prov, tmp_path, "none")
    _province_movement(prov)
    with pytest.raises(PackageError, match="Năm 2028 tỉnh chưa có phong trào thi đua nào"):
        _send(prov, tmp_path, "other-year", year=2028)
    assert not list(tmp_path.glob("none*")) and not list(tmp_path.glob("other-year*"))
    assert prov.scalar("SELECT count(*) FROM packages WHERE direction = 'sent'") == 0


def test_a_unit_does_not_send_movements(pair, tmp_path):
    unit, _prov = pair
    mv.create_movement(unit, name="Thi đua của xã", kind="thematic", start_date="2026-01-01", end_date="2026-12-31")
    with pytest.raises(PackageError, match="không gửi được từ máy ở chế độ đơn vị") as caught:
        export_package(unit, kind="movements", year=2026, out=tmp_path / "xa.tdkt")
    assert "Phong trào thi đua do tỉnh phát động" in str(caught.value)
    assert not (tmp_path / "xa.tdkt").exists()


@pytest.fixture
def worked(pair, tmp_path):
    """The province's movement (01/02–30/11/2026) at the unit, which registered Phòng Kinh tế on 10/03, signed a
    covenant on 15/03, scored, held a sơ kết on 30/06 and put its proposals into a round for 2026."""
    unit, prov = pair
    movement_id = _province_movement(prov)
    ops.import_files(unit, files=[_send(prov, tmp_path, "m1")])
    ids = setup_unit(unit)
    here = int(unit.scalar("SELECT id FROM movements WHERE uuid = ?", (_uuid(prov, movement_id),)))
    economy = ids[DEPARTMENTS[0]]
    mv.register(unit, movement_id=here, department_id=economy, code="TTLDTT", registered_on="2026-03-10")
    block = mv.create_block(unit, name="Khối xã", department_ids=[economy, ids[DEPARTMENTS[1]]])
    mv.sign_covenant(unit, movement_id=here, block_id=block, signed_on="2026-03-15", signatories=[{"name": "Ông A"}])
    criterion = mv.add_criterion(unit, movement_id=here, name="Số hóa hồ sơ", max_points=100)
    members = [m["id"] for m in mv.block_members(unit, block_id=block)]
    entries = [
        {"participant": f"m:{m}", "criterion_id": criterion, "points": p}
        for m, p in zip(members, (90, 70), strict=True)
    ]
    mv.record_scores(unit, movement_id=here, entries=entries)
    review_id = mv.create_review(unit, movement_id=here, kind="so_ket", review_date="2026-06-30")
    proposals = mv.get_review(unit, review_id)["proposals"]
    mv.propose_to_review(unit, movement_id=here, year=2026, proposals=proposals, review_id=review_id)
    return unit, prov, movement_id, here


def test_a_package_moving_the_dates_past_the_units_work_is_a_conflict(worked, tmp_path):
    unit, prov, movement_id, here = worked
    record_uuid = _uuid(prov, movement_id)
    mv.update_movement(prov, movement_id=movement_id, launch_date="2026-08-01", start_date="2026-08-01")
    package = _send(prov, tmp_path, "m2")
    [plan] = ops.dry_run(unit, files=[package])
    report = plan.to_json()
    assert report["counts"]["movement"] == {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 1}
    [conflict] = report["conflicts"]
    reason = conflict["reason"]
    assert "thời gian phong trào thành 01/08/2026–30/11/2026" in reason
    assert "bản đăng ký thi đua của Phòng Kinh tế ngày 10/03/2026" in reason
    assert "giao ước thi đua của khối “Khối xã” ký ngày 15/03/2026" in reason
    assert "hội nghị sơ kết ngày 30/06/2026" in reason
    assert "Không áp dụng, giữ dữ liệu của đơn vị" in reason
    assert conflict["fields"] == [
        {"field": "launch_date", "ours": "2026-02-01", "theirs": "2026-08-01"},
        {"field": "start_date", "ours": "2026-02-01", "theirs": "2026-08-01"},
    ]
    before = _row(unit, record_uuid)
    [result] = ops.import_files(unit, files=[package])
    assert result.counts["movement"]["conflicts"] == 1
    assert _row(unit, record_uuid) == before
    # a period the unit's work still fits in (the end moved later) applies as usual
    mv.update_movement(prov, movement_id=movement_id, launch_date="2026-02-01", start_date="2026-02-01")
    mv.update_movement(prov, movement_id=movement_id, end_date="2026-12-31")
    [result] = ops.import_files(unit, files=[_send(prov, tmp_path, "m3")])
    assert result.counts["movement"]["updated"] == 1
    assert _row(unit, record_uuid)["end_date"] == "2026-12-31"
    assert mv.get_movement(unit, here)["registrations"]


def test_a_package_ending_before_the_proposals_year_is_a_conflict(worked, tmp_path):
    unit, prov, movement_id, _here = worked
    mv.update_movement(prov, movement_id=movement_id, end_date="2026-05-31")
    [plan] = ops.dry_run(unit, files=[_send(prov, tmp_path, "m2")])
    [conflict] = plan.to_json()["conflicts"]
    assert "01/02/2026–31/05/2026" in conflict["reason"]
    assert "hội nghị sơ kết ngày 30/06/2026" in conflict["reason"]
    assert "bản đăng ký" not in conflict["reason"]  # 10/03 is still within the movement


def test_the_units_own_edit_is_refused_with_the_same_list(worked):
    unit, _prov, _movement_id, here = worked
    before = mv.get_movement(unit, here)
    with pytest.raises(ValidationError) as caught:
        mv.update_movement(unit, movement_id=here, start_date="2026-08-01", launch_date="2026-08-01")
    message = str(caught.value)
    assert "Không đổi được thời gian phong trào “Thi đua chuyển đổi số 2026” thành 01/08/2026–30/11/2026" in message
    assert "bản đăng ký thi đua của Phòng Kinh tế ngày 10/03/2026" in message
    assert "giao ước thi đua của khối “Khối xã” ký ngày 15/03/2026" in message
    assert "hội nghị sơ kết ngày 30/06/2026" in message
    assert caught.value.field == "start_date"
    with pytest.raises(ValidationError, match=r"đề nghị khen thưởng năm 2026 \(đợt “Khen thưởng phong trào"):
        mv.update_movement(
            unit, movement_id=here, start_date="2027-01-01", launch_date="2027-01-01", end_date="2027-12-31"
        )
    with pytest.raises(ValidationError, match="hội nghị sơ kết ngày 30/06/2026"):
        mv.update_movement(unit, movement_id=here, end_date="2026-06-29")
    after = mv.get_movement(unit, here)
    assert {k: after[k] for k in ("launch_date", "start_date", "end_date")} == {
        k: before[k] for k in ("launch_date", "start_date", "end_date")
    }
    mv.update_movement(unit, movement_id=here, end_date="2026-12-31")  # the work stays inside: accepted
    assert mv.get_movement(unit, here)["end_date"] == "2026-12-31"
