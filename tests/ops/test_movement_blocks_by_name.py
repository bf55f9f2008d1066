"""Blocks and their members are the same by their name's key: one unit in two clusters, or one cluster typed twice
("Cụm thi đua Thủy Hòa" / "cụm thi đua Thuỷ Hoà"), is scored and ranked once (it tied with itself); signing a
covenant finds the block, adds the members it lacks and signs in one transaction (a refused date left the block
behind and the retry's new members were ignored). A registration is for a title, never an award form."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit

ECONOMY, OFFICE = "Phòng Kinh tế", "Văn phòng HĐND và UBND"
SIGNER = [{"name": "Nguyễn Văn A", "title": "Chủ tịch", "member": "UBND xã Yên Minh"}]


@pytest.fixture
def world(unit_store) -> dict[str, Any]:
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store, name="Thi đua cụm 2026", kind="thematic", start_date="2026-01-01", end_date="2026-12-31"
    )
    mv.launch(unit_store, movement_id=movement_id, launch_date="2026-01-05")
    return {"store": unit_store, "ids": ids, "movement_id": movement_id}


def _counts(store) -> tuple[int, int, int]:
    return (
        store.scalar("SELECT count(*) FROM blocks"),
        store.scalar("SELECT count(*) FROM block_members"),
        store.scalar("SELECT count(*) FROM covenants"),
    )


def test_an_external_unit_in_two_clusters_is_ranked_once(world):
    store, movement_id = world["store"], world["movement_id"]
    first = mv.create_block(
        store, name="Cụm thi đua số 1", kind="cluster", external_names=["UBND xã Yên Minh", "UBND xã Mậu Duệ"]
    )
    second = mv.create_block(
        store, name="Cụm thi đua số 2", kind="cluster", external_names=["ubnd xã  yên minh", "UBND xã Đường Thượng"]
    )
    for block_id in (first, second):
        mv.sign_covenant(store, movement_id=movement_id, block_id=block_id, signed_on="2026-02-01", signatories=SIGNER)
    people = mv.participants(store, movement_id=movement_id)
    assert [p["name"] for p in people] == ["UBND xã Yên Minh", "UBND xã Mậu Duệ", "UBND xã Đường Thượng"]
    assert "thuộc cả Cụm thi đua số 1 và Cụm thi đua số 2: được chấm một lần" in people[0]["note"]
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Kết quả", max_points=100)
    points = {"UBND xã Yên Minh": 90, "UBND xã Mậu Duệ": 85, "UBND xã Đường Thượng": 80}
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": p["key"], "criterion_id": criterion, "points": points[p["name"]]} for p in people],
    )
    result = mv.ranking(store, movement_id=movement_id)
    # ranked once, in the block of the covenant recorded first; each block is ranked apart and has its own leader
    assert [(r.block, r.rank, r.tied, r.name) for r in result.results] == [
        ("Cụm thi đua số 1", 1, False, "UBND xã Yên Minh"),
        ("Cụm thi đua số 1", 2, False, "UBND xã Mậu Duệ"),
        ("Cụm thi đua số 2", 1, False, "UBND xã Đường Thượng"),
    ]
    assert [(b.block, b.leader_name) for b in result.blocks] == [
        ("Cụm thi đua số 1", "UBND xã Yên Minh"),
        ("Cụm thi đua số 2", "UBND xã Đường Thượng"),
    ]


def test_a_block_name_is_unique_by_its_key(world):
    store = world["store"]
    block_id = mv.create_block(
        store, name="Cụm thi đua Thủy Hòa", kind="cluster", external_names=["UBND xã Yên Minh", "ubnd xã yên minh"]
    )
    assert [m["name"] for m in mv.block_members(store, block_id=block_id)] == ["UBND xã Yên Minh"]
    with pytest.raises(ValidationError) as caught:
        mv.create_block(store, name="cụm thi đua  Thuỷ Hoà", kind="cluster", external_names=["UBND xã Mậu Duệ"])
    assert f"Đã có khối/cụm thi đua tên “Cụm thi đua Thủy Hòa” (số {block_id})" in str(caught.value)
    assert mv.find_block(store, "CỤM THI ĐUA THUỶ HOÀ")["id"] == block_id
    assert _counts(store) == (1, 1, 0)


def test_signing_with_the_name_typed_otherwise_reuses_the_block_and_adds_its_new_members(world):
    store, movement_id = world["store"], world["movement_id"]
    first = mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="Cụm thi đua Thủy Hòa",
        external_names=["UBND xã Yên Minh", "UBND xã Mậu Duệ"],
        signed_on="2026-02-01",
        signatories=SIGNER,
    )
    assert first["created"] and first["added"] == 0
    again = mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="cụm thi đua Thuỷ Hoà",
        external_names=["ubnd xã yên minh", "UBND xã Đường Thượng"],
        signed_on="2026-02-02",
        signatories=SIGNER,
    )
    assert again == {"block_id": first["block_id"], "covenant_id": first["covenant_id"], "created": False, "added": 1}
    assert [p["name"] for p in mv.participants(store, movement_id=movement_id)] == [
        "UBND xã Yên Minh",
        "UBND xã Mậu Duệ",
        "UBND xã Đường Thượng",
    ]
    assert _counts(store) == (1, 3, 1)


def test_a_refused_covenant_leaves_no_block_and_the_retry_has_every_member(world):
    store, ids, movement_id = world["store"], world["ids"], world["movement_id"]
    with pytest.raises(ValidationError, match="trước ngày phát động, bắt đầu phong trào"):
        mv.sign_block_covenant(
            store,
            movement_id=movement_id,
            block_name="Khối CCHC",
            department_ids=[ids[ECONOMY]],
            signed_on="2025-12-20",
            signatories=SIGNER,
        )
    assert _counts(store) == (0, 0, 0)
    with pytest.raises(ValidationError, match="chưa nhập họ và tên"):
        mv.sign_block_covenant(
            store,
            movement_id=movement_id,
            block_name="Khối CCHC",
            department_ids=[ids[ECONOMY]],
            signed_on="2026-03-10",
            signatories=[{"name": "Nguyễn Văn A"}, {"name": " "}],
        )
    assert _counts(store) == (0, 0, 0)
    # a block signed with one member, then signed again with the member forgotten: it is added
    mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="Khối CCHC",
        department_ids=[ids[ECONOMY]],
        signed_on="2026-03-10",
        signatories=SIGNER,
    )
    signed = mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="khối cchc",
        department_ids=[ids[ECONOMY], ids[OFFICE]],
        signed_on="2026-03-11",
        signatories=SIGNER,
    )
    assert signed["added"] == 1
    assert [m["name"] for m in mv.block_members(store, block_id=signed["block_id"])] == [ECONOMY, OFFICE]
    assert _counts(store) == (1, 2, 1)


def test_a_block_of_another_movement_gets_no_new_member(world):
    store, ids, movement_id = world["store"], world["ids"], world["movement_id"]
    other = mv.create_movement(
        store, name="Thi đua năm 2025", kind="thematic", start_date="2025-01-01", end_date="2025-12-31",
        launch_date="2025-01-01",
    )  # fmt: skip
    mv.sign_block_covenant(
        store,
        movement_id=other,
        block_name="Khối CCHC",
        department_ids=[ids[ECONOMY]],
        signed_on="2025-03-10",
        signatories=SIGNER,
    )
    with pytest.raises(ValidationError) as caught:
        mv.sign_block_covenant(
            store,
            movement_id=movement_id,
            block_name="Khối CCHC",
            department_ids=[ids[ECONOMY], ids[OFFICE]],
            signed_on="2026-03-10",
            signatories=SIGNER,
        )
    assert "đã ký giao ước trong phong trào “Thi đua năm 2025”" in str(caught.value)
    assert _counts(store) == (1, 1, 1)
    # the same members: the block is signed for this movement too
    mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="Khối CCHC",
        department_ids=[ids[ECONOMY]],
        signed_on="2026-03-10",
        signatories=SIGNER,
    )
    assert _counts(store) == (1, 1, 2)


@pytest.mark.parametrize(("who", "code"), [("staff", "BK_TTG"), ("department", "GIAY_KHEN"), ("staff", "BK_TINH")])
def test_a_registration_is_for_a_title_not_an_award_form(world, who, code):
    store, ids, movement_id = world["store"], world["ids"], world["movement_id"]
    target: dict[str, int] = (
        {"staff_id": int(store.scalar("SELECT min(id) FROM staff"))}
        if who == "staff"
        else {"department_id": ids[ECONOMY]}
    )
    with pytest.raises(ValidationError) as caught:
        mv.register(store, movement_id=movement_id, code=code, registered_on="2026-02-15", **target)
    assert f"({code}) là hình thức khen thưởng, không phải danh hiệu thi đua" in str(caught.value)
    assert caught.value.field == "code"
    assert store.scalar("SELECT count(*) FROM registrations") == 0
    title = "LDTT" if who == "staff" else "TTLDTT"
    assert mv.register(store, movement_id=movement_id, code=title, registered_on="2026-02-15", **target)


def test_a_person_registers_on_or_after_the_day_they_began_work(world):
    store, movement_id = world["store"], world["movement_id"]
    staff_id = int(store.scalar("SELECT min(id) FROM staff"))
    with store.transaction(operation="test.hire"):
        store.execute("UPDATE staff SET start_date = '2026-10-01' WHERE id = ?", (staff_id,))
    with pytest.raises(ValidationError) as caught:
        mv.register(store, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2026-02-15")
    assert "bắt đầu công tác từ ngày 01/10/2026, sau ngày đăng ký 15/02/2026" in str(caught.value)
    assert caught.value.field == "registered_on"
    assert store.scalar("SELECT count(*) FROM registrations") == 0
    assert mv.register(store, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2026-10-01")
