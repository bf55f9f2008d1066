"""The dossier counts a collective's CSTĐCS members as the engine's share base does: a member who left on 30/11
holding a passed CSTĐCS does not carry the department's TTLĐXS up when the one member in the base was voted down
(the engine refused it, the dossier sent it)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import review
from desktop.ops.collectives import set_collective_rating
from desktop.ops.setup import update_unit
from desktop.ops.staff import add_staff, set_rating
from desktop.ops.unit import add_department
from desktop.store import ValidationError
from tests.conftest import set_up_lung_cu

YEAR = 2025
TODAY = date(2026, 12, 6)


def test_a_member_who_left_does_not_carry_the_ttldxs_up(store):
    set_up_lung_cu(store)
    update_unit(store, values={"unit_kind": "co_quan"})
    add_department(store, name="Phòng Tỷ Lệ", kind="department")
    ids = {}
    for letter in "ABCDE":
        ids[letter] = add_staff(
            store,
            draft=StaffDraft(full_name=f"Cán bộ {letter}", gender="M", department="Phòng Tỷ Lệ",
                             start_date=date(2015, 1, 1), end_date=date(YEAR, 11, 30) if letter == "A" else None),
        )  # fmt: skip
        set_rating(store, staff_id=ids[letter], year=YEAR, rating="HTXSNV" if letter in "AB" else "HTTNV")
    department = store.scalar("SELECT id FROM departments WHERE name = 'Phòng Tỷ Lệ'")
    set_collective_rating(store, department_id=department, year=YEAR, rating="HTXSNV")
    round_id = review.create_round(store, year=YEAR, today=TODAY)
    review.set_council(store, round_id=round_id, meeting_date=date(YEAR, 12, 20), location="Hội trường",
                       members=[{"full_name": f"Thành viên {k}", "role": "chair" if k == 0 else "member"}
                                for k in range(5)], today=TODAY)  # fmt: skip
    for n in review.get_round(store, round_id)["nominations"]:
        if n["code"] == "CSTDCS":
            voted_down = n["staff_id"] == ids["B"]
            review.record_ballot(store, nomination_id=n["id"], agree=0 if voted_down else 5,
                                 disagree=5 if voted_down else 0, invalid=0)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        review.build_dossier(store, round_id=round_id)
    assert "Phòng Tỷ Lệ (Tập thể lao động xuất sắc)" in str(refused.value)
    assert store.scalar("SELECT count(*) FROM dossiers") == 0
