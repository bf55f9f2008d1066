"""A collective's past year counts the people who were in it that year (schema v10 keeps department moves).

Yearly reviews are often held in January, after a reorganisation. Five people of "Ban Chỉ huy Quân sự xã" moved
to "Phòng Kinh tế" in January 2026: the 2025 TTLĐTT of the Ban Chỉ huy (6 of its 7 people LĐTT) became "not
eligible" and its 2025 member counts changed, because membership was read from today's record. Now a change of
department is kept as a move with its date, and a year counts each person in the department they were in on its
last day (or on the day they left).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.staff import StaffDraft
from desktop.exchange.exporter import yearly_report_records
from desktop.ops import staff
from desktop.ops.demo import fill_demo
from desktop.ops.rules import evaluate_year
from desktop.store import ValidationError, staff_repo
from tests.collective_flow import members_ldtt
from tests.demo_date import DEMO_TODAY
from tests.staff_drafts import draft_from_row

BAN = "Ban Chỉ huy Quân sự xã"
KINH_TE = "Phòng Kinh tế"


def _draft(person: dict, department: str) -> StaffDraft:
    return draft_from_row(person, department=department)


def _verdict(store, year: int, name: str, code: str = "TTLDTT") -> str:
    [found] = [v for v in evaluate_year(store, year=year) if v.subject_name == name and v.code == code]
    return found.status.value if hasattr(found.status, "value") else str(found.status)


def _members(store, year: int) -> dict[str, int]:
    [record] = yearly_report_records(store, year=year, unit_code="00001")
    return {c["name"]: c["members"] for c in record["collective_ratings"]}


def _ban_people(store) -> list[dict]:
    ids = [
        r["id"]
        for r in store.query(
            "SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id "
            "WHERE d.name = ? AND s.end_date IS NULL ORDER BY s.id LIMIT 5",
            (BAN,),
        )
    ]
    return [staff_repo.get_staff(store, i) for i in ids]


@pytest.fixture
def moved(store):
    """The demo of 4/12/2025; in January 2026 five of the Ban Chỉ huy's people move to Phòng Kinh tế."""
    fill_demo(store, today=DEMO_TODAY)
    before = (_verdict(store, 2025, BAN), _members(store, 2025))
    people = _ban_people(store)
    for person in people:
        staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, KINH_TE), moved_on=date(2026, 1, 12))
    return store, before, people


def test_a_past_year_keeps_its_members_after_people_move(moved):
    store, (verdict, members), people = moved
    assert verdict == "eligible"
    assert _verdict(store, 2025, BAN) == verdict
    assert _members(store, 2025) == members
    assert all(staff_repo.get_staff(store, p["id"])["department"] == KINH_TE for p in people)  # today: moved


def test_the_year_of_the_move_counts_them_in_their_new_department(moved):
    store, (_verdict_2025, members), people = moved
    now = _members(store, 2026)
    assert now[BAN] == members[BAN] - len(people)
    assert now[KINH_TE] == members[KINH_TE] + len(people)


def test_moves_are_kept_in_order_and_within_the_persons_service(moved):
    store, _before, people = moved
    person = staff_repo.get_staff(store, people[0]["id"])
    with pytest.raises(ValidationError, match="trước lần chuyển trước"):
        staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, BAN), moved_on=date(2025, 12, 1))
    if person["start_date"]:
        with pytest.raises(ValidationError, match="trước ngày bắt đầu công tác"):
            staff.edit_staff(
                store,
                staff_id=person["id"],
                draft=_draft(person, BAN),
                moved_on=date.fromisoformat(person["start_date"]) - timedelta(days=1),
            )
    assert staff_repo.get_staff(store, person["id"])["department"] == KINH_TE  # nothing half-written
    staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, BAN), moved_on=date(2026, 3, 1))
    assert store.scalar("SELECT count(*) FROM staff_department_moves WHERE staff_id = ?", (person["id"],)) == 2


def test_an_edit_that_keeps_the_department_records_no_move(store):
    fill_demo(store, today=DEMO_TODAY)
    person = _ban_people(store)[0]
    staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, BAN))
    assert store.scalar("SELECT count(*) FROM staff_department_moves") == 0


def test_a_movements_women_share_on_its_end_date_ignores_later_moves(store):
    """The tie rule of a finished movement (collectives with ≥ 70 % women first) is counted on its end date."""
    from desktop.ops.movements.scores import _women_percent

    fill_demo(store, today=DEMO_TODAY)
    end = date(2025, 11, 30)
    before = _women_percent(store, end)
    for person in _ban_people(store):
        staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, KINH_TE), moved_on=date(2025, 12, 2))
    assert _women_percent(store, end) == before
    assert _women_percent(store, date(2025, 12, 3)) != before


def test_the_collectives_list_of_a_past_year_counts_who_was_there(moved):
    from desktop.ops.collectives import list_collectives

    store, (_verdict_2025, members), people = moved
    listed = {c["name"]: c["members"] for c in list_collectives(store, year=2025)}
    assert listed[BAN] == members[BAN] and listed[KINH_TE] == members[KINH_TE]
    today = {c["name"]: c["members"] for c in list_collectives(store)}
    assert today[KINH_TE] >= len(people)


def test_a_move_back_dated_into_a_decided_year_is_refused(store):
    """A decision of 2025 gave a collective its TTLĐTT on its 2025 members: a move dated in 2025 would change them
    afterwards (and the reports of that year); refused naming the decision. Dated after 2025, it is a move of 2026."""
    from desktop.ops import review

    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    [collective] = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "TTLDTT"][:1]
    members = members_ldtt(store, round_id, collective["department_id"])  # the LĐTT its title rests on, with it
    review.issue_decision(
        store,
        round_id=round_id,
        nomination_ids=[collective["id"], *members],
        decision_date=date(2025, 12, 26),
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến và Tập thể lao động tiên tiến năm 2025",
    )
    name = store.scalar("SELECT name FROM departments WHERE id = ?", (collective["department_id"],))
    person = staff_repo.get_staff(
        store,
        store.scalar(
            "SELECT id FROM staff WHERE department_id = ? AND end_date IS NULL", (collective["department_id"],)
        ),
    )
    other = KINH_TE if name != KINH_TE else BAN
    with pytest.raises(ValidationError, match="năm 2025 tính theo thành viên") as refused:
        staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, other), moved_on=date(2025, 6, 1))
    assert refused.value.field == "moved_on" and "Quyết định số" in str(refused.value)
    assert staff_repo.get_staff(store, person["id"])["department"] == name  # nothing written
    assert store.scalar("SELECT count(*) FROM staff_department_moves") == 0
    staff.edit_staff(store, staff_id=person["id"], draft=_draft(person, other), moved_on=date(2026, 1, 5))
    assert staff_repo.get_staff(store, person["id"])["department"] == other


def test_a_decision_dated_before_a_move_names_the_department_of_its_date(moved):
    """Review of the collectives: the decision of 26/12/2025 entered after the January moves printed each
    person's new department; the awardee's department is frozen as it was on the decision's date."""
    from desktop.ops import review

    store, _before, people = moved
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    moved_ids = {p["id"] for p in people}
    chosen = [
        n["id"]
        for n in review.get_round(store, round_id)["nominations"]
        if n["staff_id"] in moved_ids and n["code"] == "LDTT" and n["status"] in ("proposed", "passed")
    ]
    assert chosen
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 26), nomination_ids=chosen,
        signer_title="Chủ tịch", signer_name="Sùng Mí Pháo", subject="Về việc tặng danh hiệu Lao động tiên tiến",
    )  # fmt: skip
    departments = {a["snapshot_department"] for a in review.get_decision(store, decision_id=decision_id)["awardees"]}
    assert departments == {BAN}
