"""A covenant signed by a block that already exists is checked on its own day too: every member department must
have existed on the signing day (``unit_repo.department_existed_on``), not only the members added with it; and the
day lies within the movement. Refused naming the department, the block and both dates; nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.ops import unit
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit

TODAY = date(2025, 11, 1)
SIGNERS = [{"name": "Vàng Seo Páo", "title": "Trưởng phòng", "member": "Trạm Y tế xã"}]
BLOCK = "Khối y tế, an ninh"


@pytest.fixture
def world(unit_store):
    """A block made while both members were in use; the Trạm Y tế xã stopped on 30/06/2025."""
    ids = setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store, name="Thi đua năm 2025", kind="thematic", start_date="2025-03-01", end_date="2025-10-31"
    )
    mv.launch(unit_store, movement_id=movement_id, launch_date="2025-03-01")
    block_id = mv.create_block(unit_store, name=BLOCK, department_ids=[ids["Trạm Y tế xã"], ids["Công an xã"]])
    unit.set_department_active(unit_store, department_id=ids["Trạm Y tế xã"], active=False, today=date(2025, 6, 30))
    return unit_store, ids, movement_id, block_id


def _covenants(store) -> int:
    return int(store.scalar("SELECT count(*) FROM covenants"))


STOPPED = (
    "Tập thể “Trạm Y tế xã” đã ngừng hoạt động từ ngày 30/06/2025, không còn hoạt động vào ngày ký giao ước "
    "10/08/2025; là thành viên khối/cụm thi đua “Khối y tế, an ninh” nên khối không ký giao ước ngày đó được "
    "(hãy kiểm tra ngày ký, hoặc lập khối khác không có tập thể này)."
)


def test_signing_an_existing_block_after_a_member_stopped_is_refused(world):
    store, _ids, movement_id, block_id = world
    with pytest.raises(ValidationError) as caught:
        mv.sign_covenant(
            store, movement_id=movement_id, block_id=block_id, signed_on="2025-08-10", signatories=SIGNERS, today=TODAY
        )
    assert str(caught.value) == STOPPED
    assert caught.value.field == "members"
    assert _covenants(store) == 0


def test_signing_an_existing_block_by_name_without_new_members_is_refused_too(world):
    store, ids, movement_id, _block_id = world
    with pytest.raises(ValidationError) as caught:
        mv.sign_block_covenant(
            store,
            movement_id=movement_id,
            block_name="khối Y TẾ, an ninh",
            signed_on="2025-08-10",
            signatories=SIGNERS,
            department_ids=[ids["Công an xã"]],
            today=TODAY,
        )
    assert str(caught.value) == STOPPED
    assert _covenants(store) == 0


def test_signing_an_existing_block_before_its_member_stopped_is_kept(world):
    store, _ids, movement_id, block_id = world
    covenant_id = mv.sign_covenant(
        store, movement_id=movement_id, block_id=block_id, signed_on="2025-04-15", signatories=SIGNERS, today=TODAY
    )
    assert store.scalar("SELECT signed_on FROM covenants WHERE id = ?", (covenant_id,)) == "2025-04-15"
    # re-signed later on its own (earlier) day, e.g. to correct the place: still kept
    mv.sign_covenant(
        store,
        movement_id=movement_id,
        block_id=block_id,
        signed_on="2025-04-15",
        signatories=SIGNERS,
        place="Hội trường xã",
        today=TODAY,
    )
    assert _covenants(store) == 1


@pytest.mark.parametrize(
    ("signed_on", "words"),
    [
        ("2025-02-20", "Ngày ký giao ước 20/02/2025 trước ngày phát động, bắt đầu phong trào “Thi đua năm 2025” "),
        ("2025-10-31", None),
        ("2025-11-01", "Ngày ký giao ước 01/11/2025 sau ngày kết thúc phong trào “Thi đua năm 2025” (31/10/2025)."),
    ],
)
def test_an_existing_block_signs_only_within_the_movement(world, signed_on, words):
    store, ids, movement_id, _block_id = world
    block_id = mv.create_block(store, name="Khối quân sự", department_ids=[ids["Ban Chỉ huy Quân sự xã"]])
    sign = {"movement_id": movement_id, "block_id": block_id, "signed_on": signed_on, "signatories": SIGNERS}
    if words is None:
        mv.sign_covenant(store, **sign, today=date(2025, 12, 1))
        assert _covenants(store) == 1
        return
    with pytest.raises(ValidationError) as caught:
        mv.sign_covenant(store, **sign, today=date(2025, 12, 1))
    assert str(caught.value).startswith(words)
    assert caught.value.field == "signed_on"
    assert _covenants(store) == 0
