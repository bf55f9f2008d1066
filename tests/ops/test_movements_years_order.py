"""A movement is listed in every year its period covers (a school-year movement of year 2025 is in 2026 too), once;
registrations and tied units in Vietnamese order; points are saved with at most two decimals."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.ops import movements as mv
from desktop.store import ValidationError, unit_repo
from tests.ops.movement_flow import setup_unit


def names(rows):
    return [r["name"] for r in rows]


def test_a_regular_movement_across_two_years_is_listed_in_both(unit_store, db_path, capsys):
    store = unit_store
    ids = setup_unit(store)
    school_year = {"start_date": "2025-09-05", "end_date": "2026-05-31", "launch_date": "2025-09-05", "year": 2025}
    # a regular (yearly) movement lies within its year: a school year is a movement with its own period
    with pytest.raises(ValidationError, match="không thuộc năm 2025 của phong trào thường xuyên"):
        mv.create_movement(store, name="Thi đua năm học 2025–2026", kind="regular", **school_year)
    school = mv.create_movement(store, name="Thi đua năm học 2025–2026", kind="thematic", **school_year)
    only_2025 = mv.create_movement(store, name="Thi đua năm 2025 (chưa có thời gian)", kind="regular", year=2025)
    open_ended = mv.create_movement(store, name="Chung sức", kind="campaign", start_date="2024-03-01")
    staff_id = store.scalar("SELECT id FROM staff ORDER BY id LIMIT 1")
    mv.register(store, movement_id=school, code="LDTT", staff_id=staff_id, registered_on="2026-03-02")
    mv.register(
        store, movement_id=school, code="TTLDTT", department_id=ids["Phòng Kinh tế"], registered_on="2025-09-10"
    )

    listed = {year: [r["id"] for r in mv.list_movements(store, year=year)] for year in (2024, 2025, 2026, 2027)}
    assert listed[2026].count(school) == 1 and listed[2025].count(school) == 1
    assert school not in listed[2024] and school not in listed[2027]
    # a regular movement without dates belongs to its year only, one without an end to every year from its start
    assert [y for y, ids_ in listed.items() if only_2025 in ids_] == [2025]
    assert [y for y, ids_ in listed.items() if open_ended in ids_] == [2024, 2025, 2026, 2027]

    for year in (2025, 2026):
        rows = [r for r in mv.registrations_for_year(store, year=year) if r["movement_name"].startswith("Thi đua năm")]
        assert sorted(r["code"] for r in rows) == ["LDTT", "TTLDTT"], year  # once each, not once per listing
    assert [m["id"] for m in mv.report(store, year=2026)["movements"]].count(school) == 1

    code = main(["--db", str(db_path), "movement", "list", "--year", "2026", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [m["name"] for m in json.loads(out)["movements"]].count("Thi đua năm học 2025–2026") == 1


def test_registrations_in_vietnamese_order(unit_store):
    store = unit_store
    with store.transaction(operation="test.setup"):
        ids = {
            name: int(unit_repo.get_or_create_department(store, name) or 0)
            for name in ["Xã đoàn", "Đảng ủy xã", "Ấp Bình An", "Hội Nông dân xã", "Ủy ban MTTQ xã"]
        }
    movement = mv.create_movement(
        store, name="Thi đua 2026", kind="thematic", start_date="2026-01-01", launch_date="2026-01-01"
    )
    for department_id in ids.values():
        mv.register(store, movement_id=movement, code="TTLDTT", department_id=department_id)
    listed = [r["name"] for r in mv.list_registrations(store, movement_id=movement)]
    assert listed == ["Ấp Bình An", "Đảng ủy xã", "Hội Nông dân xã", "Ủy ban MTTQ xã", "Xã đoàn"]


def test_tied_units_ranked_in_vietnamese_order(unit_store):
    store = unit_store
    movement = mv.create_movement(
        store, name="Cụm thi đua 2026", kind="thematic", start_date="2026-01-01", launch_date="2026-01-01"
    )
    units = ["Ủy ban MTTQ xã", "Xã đoàn", "Hội Nông dân xã", "Đảng ủy xã", "Ấp Bình An", "Cựu chiến binh"]
    block = mv.create_block(store, name="Cụm đoàn thể", kind="cluster", external_names=units)
    mv.sign_covenant(store, movement_id=movement, block_id=block, signed_on="2026-02-01", signatories=[{"name": "A"}])
    criterion = mv.add_criterion(store, movement_id=movement, name="Kết quả", max_points=100)
    people = mv.participants(store, movement_id=movement)
    mv.record_scores(
        store,
        movement_id=movement,
        entries=[{"participant": p["key"], "criterion_id": criterion, "points": 80} for p in people],
    )
    result = mv.ranking(store, movement_id=movement)
    expected = ["Ấp Bình An", "Cựu chiến binh", "Đảng ủy xã", "Hội Nông dân xã", "Ủy ban MTTQ xã", "Xã đoàn"]
    assert [r.name for r in result.results] == expected
    assert f"Đồng hạng nhất ({', '.join(expected)}, 80 điểm)" in result.note


def test_points_with_three_decimals_are_refused_and_nothing_is_saved(unit_store):
    store = unit_store
    setup_unit(store)
    movement = mv.create_movement(
        store, name="Chuyên đề 2026", kind="thematic", start_date="2026-01-01", launch_date="2026-01-01"
    )
    criterion = mv.add_criterion(store, movement_id=movement, name="Kết quả", max_points=100)
    people = mv.participants(store, movement_id=movement)[:3]
    entries = [
        {"participant": p["key"], "criterion_id": criterion, "points": v}
        for p, v in zip(people, [89.996, "90,004", 90], strict=True)
    ]
    with pytest.raises(ValidationError) as refused:
        mv.record_scores(store, movement_id=movement, entries=entries)
    text = str(refused.value)
    assert "89,996" in text and "90,004" in text and "Kết quả" in text and people[0]["name"] in text
    assert store.scalar("SELECT count(*) FROM scores") == 0
