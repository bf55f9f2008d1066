"""A council member marked as having left: the leave is never refused (people do leave), but the seat is named so the
clerk can replace them. :func:`desktop.ops.staff.council_seats` lists a person's seats on councils of rounds not
decided yet (the leave dialog shows them), and ``tdkt check`` lists the seats of people who left before the meeting
their round's ballots are counted on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.cli import main
from desktop.ops import review
from desktop.ops import staff as staff_ops
from desktop.ops.check import check_database
from desktop.ops.demo import fill_demo
from desktop.store import Store
from tests.demo_date import DEMO_TODAY

TODAY = date(2025, 12, 20)
MEETING = date(2025, 12, 10)
ROUND_NAME = "Bình xét thi đua, khen thưởng năm 2025"


def at_work(store: Store, n: int) -> list[dict[str, Any]]:
    """``n`` people at work since before the meeting, who never left."""
    return store.query(
        "SELECT id, full_name FROM staff WHERE end_date IS NULL AND (start_date IS NULL OR start_date <= ?) "
        "ORDER BY id LIMIT ?",
        (MEETING.isoformat(), n),
    )


def council_of_staff(store: Store) -> tuple[int, list[dict[str, Any]]]:
    """The demo's 2025 round with a council of five staff members (chair, deputy, secretary, two members), met on
    10/12/2025: (round id, the five people in that order)."""
    round_id = review.create_round(store, year=2025, today=MEETING)
    people = at_work(store, 5)
    roles = ("chair", "deputy", "secretary", "member", "member")
    members = [
        {"full_name": p["full_name"], "staff_id": p["id"], "role": role, "attended": True}
        for p, role in zip(people, roles, strict=True)
    ]
    review.set_council(
        store, round_id=round_id, meeting_date=MEETING, location="Hội trường", members=members, today=TODAY
    )
    return round_id, people


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


def test_a_persons_seats_on_undecided_councils_are_listed_and_leaving_is_not_refused(demo):
    round_id, people = council_of_staff(demo)
    member = people[3]
    # the same person linked (by an older version) to a seat of the decided 2024 round: that council is over
    with demo.transaction(operation="test.link_2024"):
        demo.execute(
            "UPDATE council_members SET staff_id = ? WHERE full_name = 'Hoàng Thị Mai' AND council_id = "
            "(SELECT c.id FROM councils c JOIN review_rounds r ON r.id = c.round_id WHERE r.year = 2024)",
            (member["id"],),
        )
    seats = staff_ops.council_seats(demo, staff_id=member["id"])
    assert [(s["round_id"], s["year"], s["role"], s["meeting_date"]) for s in seats] == [
        (round_id, 2025, "member", "2025-12-10")
    ]
    assert seats[0]["text"] == f"“{ROUND_NAME}” năm 2025 (Ủy viên, họp ngày 10/12/2025)"
    assert staff_ops.council_seats(demo, staff_id=people[2]["id"])[0]["role_label"] == "Thư ký"
    outsider = demo.scalar("SELECT id FROM staff WHERE id NOT IN (SELECT staff_id FROM council_members "
                           "WHERE staff_id IS NOT NULL) AND end_date IS NULL ORDER BY id")  # fmt: skip
    assert staff_ops.council_seats(demo, staff_id=outsider) == []

    staff_ops.mark_staff_left(demo, staff_id=member["id"], end_date=date(2025, 11, 30), reason="Nghỉ hưu")
    assert demo.scalar("SELECT end_date FROM staff WHERE id = ?", (member["id"],))[:10] == "2025-11-30"
    assert staff_ops.council_seats(demo, staff_id=member["id"])[0]["end_date"] == "2025-11-30"


def test_check_lists_a_seat_held_by_someone_who_left_before_the_meeting(demo):
    _round_id, people = council_of_staff(demo)
    assert check_database(demo)["leavers_on_councils"] == []
    before, after = people[3], people[4]
    staff_ops.mark_staff_left(demo, staff_id=before["id"], end_date=date(2025, 11, 30))
    staff_ops.mark_staff_left(demo, staff_id=after["id"], end_date=date(2025, 12, 15))  # sat on it, then left
    report = check_database(demo)
    assert [(f["staff_id"], f["end_date"]) for f in report["leavers_on_councils"]] == [(before["id"], "2025-11-30")]
    assert report["ok"] is False
    line = next(m for m in report["messages"] if "đã thôi công tác trước ngày họp Hội đồng" in m)
    assert line.startswith("Có 1 thành viên Hội đồng Thi đua - Khen thưởng của đợt bình xét chưa có quyết định")
    assert (
        f"{before['full_name']}, đợt “{ROUND_NAME}” năm 2025 (Ủy viên): thôi công tác từ ngày 30/11/2025, "
        "Hội đồng họp ngày 10/12/2025"
    ) in line
    assert after["full_name"] not in line


def test_tdkt_check_prints_the_leaver_on_the_council(demo, db_path, capsys):
    _round_id, people = council_of_staff(demo)
    staff_ops.mark_staff_left(demo, staff_id=people[1]["id"], end_date=date(2025, 12, 1))
    code = main(["--db", str(db_path), "check"])
    out = capsys.readouterr().out
    assert code != 0
    assert (
        f"{people[1]['full_name']}, đợt “{ROUND_NAME}” năm 2025 (Phó Chủ tịch Hội đồng): thôi công tác từ ngày "
        "01/12/2025, Hội đồng họp ngày 10/12/2025"
    ) in out
    assert "Hãy thay người khác vào thành phần Hội đồng của đợt đó" in out
