"""Two holes of the movements (a reviewer's findings, with their tests):

- an office (phòng, ban) registered for "Thôn, tổ dân phố văn hóa", a village's or street group's title only
  (NĐ 86/2023/NĐ-CP), which a nomination and a decision refuse: the clerk learnt of it only when nominating;
- a yearly movement without an end date ranked its collectives by today's staff, not by the staff of 31 December of
  its year (its end): the women-first tie rule (NĐ 152/2025/NĐ-CP, Điều 4) of a finished year changed when its women
  left the next year.

Real SQLite store; the unit of tests/ops/movement_flow.py."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import movements as mv
from desktop.ops import staff as st
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit


def test_an_office_cannot_register_for_the_village_culture_title(unit_store):
    ids = setup_unit(unit_store)
    office = ids["Phòng Kinh tế"]
    assert unit_store.scalar("SELECT kind FROM departments WHERE id = ?", (office,)) == "department"
    movement_id = mv.create_movement(
        unit_store,
        name="Toàn dân đoàn kết xây dựng đời sống văn hóa 2026",
        kind="regular",
        year=2026,
        launch_date="2026-01-05",
    )
    with pytest.raises(ValidationError, match="Thôn, tổ dân phố văn hóa") as refused:
        mv.register(
            unit_store, movement_id=movement_id, department_id=office, code="THON_VH", registered_on="2026-02-01"
        )
    assert refused.value.field == "code" and "Phòng Kinh tế" in str(refused.value)
    assert unit_store.scalar("SELECT count(*) FROM registrations") == 0
    # the same office registers for a title an office may hold
    mv.register(unit_store, movement_id=movement_id, department_id=office, code="TTLDTT", registered_on="2026-02-01")
    assert unit_store.scalar("SELECT count(*) FROM registrations") == 1


def _person(store, name: str, gender: str, birth: date, start: date) -> None:
    st.add_staff(
        store,
        draft=StaffDraft(full_name=name, gender=gender, department="Phòng Kinh tế", birth_date=birth, start_date=start),
    )


def test_a_yearly_movements_ranking_counts_the_staff_of_31_december_of_its_year(unit_store):
    store = unit_store
    ids = setup_unit(store)
    movement_id = mv.create_movement(
        store, name="PT thường xuyên 2024", kind="regular", year=2024, launch_date="2024-01-05"
    )
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    economy, culture = ids["Phòng Kinh tế"], ids["Phòng Văn hóa - Xã hội"]
    # Phòng Kinh tế through 2024: four women (its man left in 2023); Phòng Văn hóa - Xã hội: men only
    store.execute("UPDATE staff SET end_date = '2023-06-30' WHERE department_id = ?", (economy,))
    for number in range(4):
        _person(store, f"Hoàng Thị {'ABCD'[number]}", "F", date(1990, 1, 1 + number), date(2020, 1, 1))
    store.execute("UPDATE staff SET gender = 'M' WHERE department_id = ?", (culture,))
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[{"participant": f"d:{d}", "criterion_id": criterion, "points": 90} for d in (economy, culture)],
    )
    before = mv.ranking(store, movement_id=movement_id)
    assert before.leader_name == "Phòng Kinh tế", before.note  # 100 % women on 31/12/2024: first on the tie
    # in 2025 the four women leave and four men join: the 2024 result stays what it was
    store.execute("UPDATE staff SET end_date = '2025-06-30' WHERE department_id = ? AND gender = 'F'", (economy,))
    for number in range(4):
        _person(store, f"Nguyễn Văn {'ABCD'[number]}", "M", date(1992, 1, 1 + number), date(2025, 7, 1))
    after = mv.ranking(store, movement_id=movement_id)
    assert after.leader_name == "Phòng Kinh tế", after.note
