"""An award from above is counted, in a year's figures, in the department its recipient was in on the award's day and
under the name that department bore then (moves dated since schema 10, renames since schema 15).

The movement and yearly reports group awards by department. An award the unit did not decide has no frozen
snapshot, so the reports read the person's department of today under today's name: a Bằng khen of 2023 counted in the
department the person joined in 2026, under a name given in 2026."""

from __future__ import annotations

from datetime import date

from desktop.ops import staff, unit
from desktop.ops.demo import fill_demo
from desktop.ops.movements.report import report
from desktop.store import awards_repo, staff_repo, unit_repo
from tests.demo_date import DEMO_TODAY
from tests.staff_drafts import draft_from_row

BAN = "Ban Chỉ huy Quân sự xã"
KINH_TE = "Phòng Kinh tế"


def _departments(store, year: int) -> dict[str, int]:
    return {row["label"]: row["count"] for row in report(store, year=year)["departments"]}


def test_award_from_above_counts_in_the_department_and_name_of_its_day(store):
    fill_demo(store, today=DEMO_TODAY)
    person_id = store.scalar(
        "SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id WHERE d.name = ? "
        "AND s.end_date IS NULL ORDER BY s.id LIMIT 1",
        (BAN,),
    )
    ban_id = unit_repo.find_department(store, BAN)
    with store.transaction(operation="test.award_above"):
        for target, who in (("individual", {"staff_id": person_id}), ("collective", {"department_id": ban_id})):
            awards_repo.add_award(
                store,
                target_kind=target,
                year=2023,
                code="BK_TINH",
                category="award_form",
                source="above",
                decision_no="77/QĐ-UBND",
                decision_date=date(2023, 11, 20),
                issuer="Ủy ban nhân dân tỉnh Hà Giang",
                **who,
            )
    before = _departments(store, 2023)
    assert before.get(BAN, 0) >= 2

    person = staff_repo.get_staff(store, person_id)
    staff.edit_staff(
        store, staff_id=person_id, draft=draft_from_row(person, department=KINH_TE), moved_on=date(2025, 1, 2)
    )
    unit.rename_department(
        store,
        department_id=ban_id,
        name="Ban Chỉ huy Quân sự xã Lũng Cú",
        valid_from=date(2025, 1, 1),
        today=date(2025, 12, 4),
    )

    after = _departments(store, 2023)
    # the person's and the collective's awards stay in the Ban, under its 2023 name; nothing moves to Phòng Kinh tế
    assert after == before
    assert "Ban Chỉ huy Quân sự xã Lũng Cú" not in after
