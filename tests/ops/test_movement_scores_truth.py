"""Scores that stay true: two clerks saving at once never undo each other's points, the women-first tie rule
counts the staff employed on the movement's end date, an inactive department is not scored nor ranked, and a
department in two blocks is one participant."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import movements as mv
from desktop.ops import staff as st
from desktop.ops import unit
from desktop.store import ValidationError, open_store
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def scored(unit_store):
    """A 2025 movement without a covenant (the unit's departments are scored) and one criterion."""
    store = unit_store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="PT 2025", kind="thematic", start_date="2025-01-01", end_date="2025-12-31", launch_date="2025-01-01"
    )
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    return store, ids, movement_id, criterion


def stored_points(store, movement_id):
    return {
        r["participant_key"]: r["points"]
        for r in store.query("SELECT * FROM scores WHERE movement_id = ?", (movement_id,))
    }


def test_two_clerks_saving_at_once_keep_each_others_points(scored, db_path):
    store, ids, movement_id, criterion = scored
    first, second = f"d:{ids['Phòng Kinh tế']}", f"d:{ids['Phòng Văn hóa - Xã hội']}"
    clerk_a, clerk_b = open_store(db_path, actor="clerk_a"), open_store(db_path, actor="clerk_b")
    try:
        # both loaded an empty grid; each saves only the cell they edited, with the value it was loaded with
        mv.record_scores(
            clerk_a,
            movement_id=movement_id,
            entries=[{"participant": first, "criterion_id": criterion, "points": 95, "loaded": None}],
        )
        mv.record_scores(
            clerk_b,
            movement_id=movement_id,
            entries=[{"participant": second, "criterion_id": criterion, "points": 80, "loaded": None}],
        )
        assert stored_points(store, movement_id) == {first: 95.0, second: 80.0}

        # B, still on the grid it loaded (first empty), edits the same cell A saved: refused, and nothing of the
        # batch is saved (B's other cell neither)
        with pytest.raises(ValidationError) as refused:
            mv.record_scores(
                clerk_b,
                movement_id=movement_id,
                entries=[
                    {"participant": second, "criterion_id": criterion, "points": 70, "loaded": 80},
                    {"participant": first, "criterion_id": criterion, "points": 60, "loaded": None},
                ],
            )
        message = str(refused.value)
        assert "“Phòng Kinh tế”, tiêu chí “Nhiệm vụ” đã được người khác (clerk_a) sửa thành 95 lúc" in message
        assert "hãy tải lại điểm" in message
        assert stored_points(store, movement_id) == {first: 95.0, second: 80.0}

        # B clears a cell A cleared meanwhile? A deletes its 95; B, who loaded 95, is told it was deleted
        mv.record_scores(
            clerk_a,
            movement_id=movement_id,
            entries=[{"participant": first, "criterion_id": criterion, "points": None, "loaded": 95}],
        )
        assert stored_points(store, movement_id) == {second: 80.0}  # clearing one's own edit stays possible
        with pytest.raises(ValidationError, match="đã được người khác \\(clerk_a\\) xóa điểm lúc"):
            mv.record_scores(
                clerk_b,
                movement_id=movement_id,
                entries=[{"participant": first, "criterion_id": criterion, "points": 50, "loaded": 95}],
            )
        # the command line names its cells without a loaded value: it writes them, and only them
        mv.record_scores(
            store, movement_id=movement_id, entries=[{"participant": first, "criterion_id": criterion, "points": "40"}]
        )
        assert stored_points(store, movement_id) == {first: 40.0, second: 80.0}
    finally:
        clerk_a.close()
        clerk_b.close()


def test_a_note_stays_when_the_points_are_changed_without_one(scored):
    store, ids, movement_id, criterion = scored
    key = f"d:{ids['Phòng Kinh tế']}"
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": key, "criterion_id": criterion, "points": 90, "note": "Có minh chứng"}],
    )
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": key, "criterion_id": criterion, "points": 91, "loaded": 90}],
    )
    assert store.scalar("SELECT note FROM scores WHERE participant_key = ?", (key,)) == "Có minh chứng"


def test_women_first_counts_the_staff_of_the_movements_end_date(scored):
    store, ids, movement_id, criterion = scored
    economy, culture = ids["Phòng Kinh tế"], ids["Phòng Văn hóa - Xã hội"]
    # Phòng Kinh tế: the man of setup_unit left in 2024; four women work there through 2025
    store.execute("UPDATE staff SET end_date = '2024-06-30' WHERE department_id = ?", (economy,))
    for number in range(4):
        st.add_staff(
            store,
            draft=StaffDraft(
                full_name=f"Hoàng Thị {'ABCD'[number]}",
                gender="F",
                department="Phòng Kinh tế",
                birth_date=date(1990, 1, 1 + number),
                start_date=date(2020, 1, 1),
            ),
        )
    # Phòng Văn hóa - Xã hội: its woman, and a man who only started after the movement ended (not counted)
    st.add_staff(
        store,
        draft=StaffDraft(
            full_name="Trần Văn Tâm",
            gender="M",
            department="Phòng Văn hóa - Xã hội",
            birth_date=date(1991, 1, 1),
            start_date=date(2026, 3, 1),
        ),
    )
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": f"d:{d}", "criterion_id": criterion, "points": 100} for d in (economy, culture)],
    )
    result = mv.ranking(store, movement_id=movement_id)
    assert result.leader_key is None and len(result.tied_first) == 2, result.note  # both 100 % women on 31/12/2025

    # four men hired into Phòng Kinh tế after the movement ended change nothing of the finished ranking
    for number in range(4):
        st.add_staff(
            store,
            draft=StaffDraft(
                full_name=f"Nguyễn Văn {'ABCD'[number]}",
                gender="M",
                department="Phòng Kinh tế",
                birth_date=date(1992, 1, 1 + number),
                start_date=date(2026, 9, 1),
            ),
        )
    assert mv.ranking(store, movement_id=movement_id).tied_first == result.tied_first
    # a woman of Phòng Văn hóa - Xã hội who left before the end does not count either: 0 % women there then
    store.execute("UPDATE staff SET end_date = '2025-10-31' WHERE department_id = ? AND gender = 'F'", (culture,))
    after = mv.ranking(store, movement_id=movement_id)
    assert after.leader_name == "Phòng Kinh tế" and "từ 70% nữ" in after.note


def test_an_inactive_department_is_not_scored_nor_ranked(scored):
    store, ids, movement_id, criterion = scored
    culture = ids["Phòng Văn hóa - Xã hội"]
    key = f"d:{culture}"
    mv.record_scores(
        store, movement_id=movement_id, entries=[{"participant": key, "criterion_id": criterion, "points": 99}]
    )
    # stopped during the 2025 movement (one stopped after it ended still took part: test_fxmove_stopped_after_end)
    unit.set_department_active(store, department_id=culture, active=False, today=date(2025, 6, 30))

    # still listed (its points shown), marked not eligible, never silently dropped
    person = next(p for p in mv.participants(store, movement_id=movement_id) if p["key"] == key)
    assert person["eligible"] is False and "ngừng hoạt động" in person["reason"]
    assert mv.score_grid(store, movement_id=movement_id)["points"][(key, criterion)] == 99
    with pytest.raises(ValidationError, match="“Phòng Văn hóa - Xã hội” đã ngừng hoạt động"):
        mv.record_scores(
            store, movement_id=movement_id, entries=[{"participant": key, "criterion_id": criterion, "points": 98}]
        )
    result = mv.ranking(store, movement_id=movement_id)
    assert key not in result.by_key() and result.leader_name != "Phòng Văn hóa - Xã hội"
    assert "Phòng Văn hóa - Xã hội không được chấm điểm, xếp hạng" in result.note
    assert all(p["department_id"] != culture for p in mv.default_proposals(store, movement_id=movement_id))
    # clearing its points stays possible
    mv.record_scores(
        store, movement_id=movement_id, entries=[{"participant": key, "criterion_id": criterion, "points": None}]
    )
    assert key not in stored_points(store, movement_id)
    assert all(p["key"] != key for p in mv.participants(store, movement_id=movement_id))


def test_an_inactive_member_of_a_block_is_listed_not_eligible(scored):
    store, ids, movement_id, criterion = scored
    members = [ids[n] for n in ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an xã")]
    block = mv.create_block(store, name="Khối các phòng", department_ids=members)
    mv.sign_covenant(
        store, movement_id=movement_id, block_id=block, signed_on="2025-01-10", signatories=[{"name": "Nguyễn Văn A"}]
    )
    unit.set_department_active(
        store, department_id=ids["Phòng Văn hóa - Xã hội"], active=False, today=date(2025, 6, 30)
    )
    people = {p["department_id"]: p for p in mv.participants(store, movement_id=movement_id)}
    assert set(people) == set(members)
    assert people[ids["Phòng Văn hóa - Xã hội"]]["eligible"] is False
    with pytest.raises(ValidationError, match="đã ngừng hoạt động"):
        mv.record_scores(
            store,
            movement_id=movement_id,
            entries=[
                {"participant": people[ids["Phòng Văn hóa - Xã hội"]]["key"], "criterion_id": criterion, "points": 99}
            ],
        )


def test_a_department_in_two_blocks_is_one_participant(scored):
    store, ids, movement_id, criterion = scored
    economy, culture, police = ids["Phòng Kinh tế"], ids["Phòng Văn hóa - Xã hội"], ids["Công an xã"]
    first = mv.create_block(store, name="Khối A", department_ids=[economy, culture])
    second = mv.create_block(store, name="Khối B", department_ids=[culture, police])
    for block in (first, second):
        mv.sign_covenant(
            store,
            movement_id=movement_id,
            block_id=block,
            signed_on="2025-01-10",
            signatories=[{"name": "Nguyễn Văn A"}],
        )
    people = mv.participants(store, movement_id=movement_id)
    assert [p["department_id"] for p in people] == [economy, culture, police]
    shared = people[1]
    assert shared["block"] == "Khối A" and shared["also_in"] == ["Khối B"]
    assert "được chấm một lần, ở Khối A" in shared["note"]
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": p["key"], "criterion_id": criterion, "points": 90 - i} for i, p in enumerate(people)],
    )
    result = mv.ranking(store, movement_id=movement_id)
    assert [r.name for r in result.results] == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an xã"]
    assert "Phòng Văn hóa - Xã hội thuộc cả Khối A và Khối B" in result.note


def test_a_scored_criterion_cannot_turn_into_a_penalty(scored):
    """45 earned points on "Cải cách hành chính" became 45 deducted and the leader changed without a word
    (review M); the change is refused while points stand, and allowed once none are left."""
    store, ids, movement_id, criterion = scored
    other = mv.add_criterion(store, movement_id=movement_id, name="Cải cách hành chính", max_points=50)
    first, second = f"d:{ids['Phòng Kinh tế']}", f"d:{ids['Phòng Văn hóa - Xã hội']}"
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": first, "criterion_id": criterion, "points": 30},
            {"participant": first, "criterion_id": other, "points": 45},
            {"participant": second, "criterion_id": criterion, "points": 40},
            {"participant": second, "criterion_id": other, "points": 20},
        ],
    )
    leader = mv.ranking(store, movement_id=movement_id).leader_name
    with pytest.raises(ValidationError) as refused:
        mv.update_criterion(store, criterion_id=other, kind="penalty")
    assert refused.value.field == "kind"
    assert "Tiêu chí “Cải cách hành chính” đã có 2 điểm chấm; không đổi được loại tiêu chí" in str(refused.value)
    assert store.scalar("SELECT kind FROM criteria WHERE id = ?", (other,)) == "normal"
    assert mv.ranking(store, movement_id=movement_id).leader_name == leader == "Phòng Kinh tế"
    mv.update_criterion(store, criterion_id=other, max_points=60)  # other changes still go through
    empty = mv.add_criterion(store, movement_id=movement_id, name="Vi phạm", max_points=10)
    mv.update_criterion(store, criterion_id=empty, kind="penalty")
    assert store.scalar("SELECT kind FROM criteria WHERE id = ?", (empty,)) == "penalty"
