"""Who may sit on the council and when it may meet: a movement round's council meets no earlier than the sơ kết or
tổng kết that proposed its nominees (before it there was nothing to vote on, and the ballot would use an older law),
and a member linked to a staff record worked in the unit on the meeting's day. A council recorded before these checks
still reads, and one that voted may still be saved again as it voted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.ops import movements as mv
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError
from tests.demo_date import DEMO_TODAY

TODAY = date(2025, 12, 20)
MEETING = date(2025, 12, 10)
TONG_KET = date(2025, 12, 2)


def member(name: str, role: str = "member", **extra: Any) -> dict[str, Any]:
    return {"full_name": name, "role": role, "attended": True, **extra}


def five(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Four members from outside the staff records (chair, deputy, secretary, member), then ``extra``."""
    return [
        member("Nguyễn Văn Hùng", "chair"),
        member("Lý Thị Mai", "deputy"),
        member("Thào Mí Dính", "secretary"),
        member("Giàng A Lử"),
        *extra,
    ]


def record(store: Store, round_id: int, members: list[dict[str, Any]], when: date = MEETING, **kw: Any) -> int:
    kw.setdefault("location", "Hội trường UBND xã")
    return review.set_council(store, round_id=round_id, meeting_date=when, members=members, today=TODAY, **kw)


def councils(store: Store, round_id: int) -> int:
    return int(store.scalar("SELECT count(*) FROM councils WHERE round_id = ?", (round_id,)))


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def round_2025(demo: Store) -> int:
    return review.create_round(demo, year=2025, today=MEETING)


def opened_by_tong_ket(store: Store, code: str, **proposal: str) -> tuple[int, dict[str, Any]]:
    """The 2025 round opened by the tổng kết of 02/12/2025 of the demo's thematic movement, proposing ``code`` for
    the first person still at work (with ``proposal``'s extra fields): (round id, the movement)."""
    movement = next(m for m in mv.list_movements(store, year=2025) if m["kind"] == "thematic")
    person = store.query_one("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id")
    proposed = {"target_kind": "individual", "staff_id": person["id"], "code": code, **proposal}
    review_id = mv.create_review(
        store, movement_id=movement["id"], kind="tong_ket", review_date=TONG_KET, today=TONG_KET, proposals=[proposed]
    )
    round_id = mv.propose_to_review(
        store, movement_id=movement["id"], year=2025, proposals=mv.get_review(store, review_id)["proposals"],
        review_id=review_id,
    )  # fmt: skip
    return round_id, movement


@pytest.fixture
def tong_ket_round(demo: Store) -> tuple[int, dict[str, Any]]:
    """The 2025 round opened by the tổng kết of 02/12/2025 of a movement begun on 01/01/2021, with one CSTĐCS."""
    round_id, movement = opened_by_tong_ket(
        demo, "CSTDCS", override_reason="Dẫn đầu phong trào", achievement="Dẫn đầu phong trào"
    )
    assert movement["start_date"] == "2021-01-01"
    return round_id, movement


def staff_row(store: Store, **where: str) -> dict[str, Any]:
    clause = " AND ".join(f"{column} {test}" for column, test in where.items())
    return store.query_one(f"SELECT id, full_name, start_date, end_date FROM staff WHERE {clause} ORDER BY id")


def set_staff_dates(store: Store, staff_id: int, **dates: str | None) -> None:
    with store.transaction(operation="test.staff_dates"):
        for column, value in dates.items():
            store.execute(f"UPDATE staff SET {column} = ? WHERE id = ?", (value, staff_id))


# -- 1. the council of a round a tổng kết opened meets after that tổng kết ---------------------------------------


def test_the_council_does_not_meet_before_the_tong_ket_that_proposed_its_nominees(demo, tong_ket_round):
    round_id, movement = tong_ket_round
    for when in (date(2021, 6, 15), date(2025, 12, 1)):  # the movement's first year; the day before the tổng kết
        with pytest.raises(ValidationError) as refused:
            record(demo, round_id, five(), when=when)
        message = str(refused.value)
        assert refused.value.field == "meeting_date"
        assert f"Ngày họp Hội đồng {when:%d/%m/%Y} trước ngày hội nghị tổng kết phong trào" in message
        assert f"“{movement['name']}” (02/12/2025)" in message
        assert "do hội nghị đó đề xuất" in message and "từ ngày 02/12/2025 trở đi" in message
        assert councils(demo, round_id) == 0
    record(demo, round_id, five(), when=TONG_KET)  # the same day: the meeting follows the conference
    record(demo, round_id, five(), when=MEETING)
    nominee = review.get_round(demo, round_id)["nominations"][0]
    ballot = review.record_ballot(demo, nomination_id=nominee["id"], agree=4, disagree=0, invalid=0)
    assert "NĐ 91/2017" not in ballot["cite"]


def test_a_voted_council_recorded_before_the_tong_ket_still_reads_and_keeps_its_ballot(demo, tong_ket_round):
    """Data from before the check: a council dated in 2021 that voted. It reads; saved again as it voted (its
    place corrected) it stays; a council of the same kind that has not voted must move its date."""
    round_id, _movement = tong_ket_round
    record(demo, round_id, five(), when=TONG_KET)
    nominee = review.get_round(demo, round_id)["nominations"][0]
    review.record_ballot(demo, nomination_id=nominee["id"], agree=4, disagree=0, invalid=0)
    with demo.transaction(operation="test.old_data"):
        demo.execute("UPDATE councils SET meeting_date = '2021-06-15' WHERE round_id = ?", (round_id,))
    council = review.get_round(demo, round_id)["council"]
    assert council["meeting_date"] == "2021-06-15" and council["members_total"] == 4
    record(demo, round_id, five(), when=date(2021, 6, 15), location="Nhà văn hóa thôn")
    assert demo.scalar("SELECT location FROM councils WHERE round_id = ?", (round_id,)) == "Nhà văn hóa thôn"
    with demo.transaction(operation="test.old_data"):  # the same, before any ballot
        demo.execute("DELETE FROM ballots")
    with pytest.raises(ValidationError, match="trước ngày hội nghị tổng kết"):
        record(demo, round_id, five(), when=date(2021, 6, 15), location="Hội trường")


# -- 2. a member linked to a staff record worked in the unit on the meeting's day ---------------------------------


def test_a_member_who_had_left_before_the_meeting_is_refused(demo, round_2025):
    left = staff_row(demo, end_date="IS NOT NULL")
    assert left["end_date"] == "2025-06-30"
    members = five()
    members.insert(2, member(left["full_name"], staff_id=left["id"]))
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, members)
    message = str(refused.value)
    assert (refused.value.field, refused.value.row) == ("members", 3)
    assert f"cán bộ {left['full_name']}, đã thôi công tác từ ngày 30/06/2025" in message
    assert "trước ngày họp Hội đồng 10/12/2025" in message
    assert councils(demo, round_2025) == 0
    # on the day of leaving he still worked there; the same name from outside the staff records is another person
    record(demo, round_2025, members, when=date(2025, 6, 30))
    members[2] = member(left["full_name"])
    record(demo, round_2025, members)
    assert councils(demo, round_2025) == 1


def test_a_member_who_joined_after_the_meeting_is_refused(demo, round_2025):
    newcomer = staff_row(demo, end_date="IS NULL")
    set_staff_dates(demo, newcomer["id"], start_date="2025-12-15")
    members = five(member(newcomer["full_name"], staff_id=newcomer["id"]))
    with pytest.raises(ValidationError) as refused:
        record(demo, round_2025, members)
    message = str(refused.value)
    assert (refused.value.field, refused.value.row) == ("members", 5)
    assert f"cán bộ {newcomer['full_name']}, bắt đầu công tác từ ngày 15/12/2025" in message
    assert "sau ngày họp Hội đồng 10/12/2025" in message
    assert councils(demo, round_2025) == 0
    record(demo, round_2025, members, when=date(2025, 12, 15))  # from his first day he sits on it
    assert councils(demo, round_2025) == 1


def test_a_council_recorded_before_the_member_check_reads_and_a_voted_one_keeps_its_seats(demo, round_2025):
    """Data from before the check: a member marked as having left before the meeting. The round reads; a council
    that voted may still be saved as it voted; one that has not voted must drop the member."""
    person = staff_row(demo, end_date="IS NULL")
    members = five(member(person["full_name"], staff_id=person["id"]))
    record(demo, round_2025, members)
    nominee = next(n for n in review.get_round(demo, round_2025)["nominations"] if n["code"] == "CSTDCS")
    review.record_ballot(demo, nomination_id=nominee["id"], agree=5, disagree=0, invalid=0)
    set_staff_dates(demo, person["id"], end_date="2025-11-30")
    council = review.get_round(demo, round_2025)["council"]
    assert council["members_total"] == 5 and council["members"][4]["staff_id"] == person["id"]
    record(demo, round_2025, members, location="Nhà văn hóa thôn")
    assert demo.scalar("SELECT location FROM councils WHERE round_id = ?", (round_2025,)) == "Nhà văn hóa thôn"
    with demo.transaction(operation="test.old_data"):
        demo.execute("DELETE FROM ballots")
        demo.execute("UPDATE nominations SET status = 'proposed' WHERE id = ?", (nominee["id"],))
    with pytest.raises(ValidationError, match="đã thôi công tác từ ngày 30/11/2025"):
        record(demo, round_2025, members, location="Hội trường")


def test_a_tong_ket_rounds_decision_and_posting_are_not_dated_before_that_tong_ket(demo):
    """A title that needs no vote (a Giấy khen) is not decided, nor its list posted, before the tổng kết that proposed
    it: the nominee did not exist before (and the law of an earlier date would be read)."""
    round_id, movement = opened_by_tong_ket(demo, "GIAY_KHEN", achievement="Tiêu biểu")
    header = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc tặng Giấy khen"}
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(demo, round_id=round_id, decision_date=date(2025, 11, 20), **header)
    assert refused.value.field == "decision_date"
    assert str(refused.value).startswith(
        f"Ngày ký quyết định 20/11/2025 sớm hơn ngày hội nghị tổng kết phong trào “{movement['name']}” đề xuất các "
        "đề nghị của đợt này (02/12/2025)"
    )
    with pytest.raises(ValidationError, match="Ngày bắt đầu niêm yết 01/12/2025 sớm hơn ngày hội nghị tổng kết"):
        review.start_posting(demo, round_id=round_id, start=date(2025, 12, 1), days=5)
    assert not demo.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_id,))
    assert review.issue_decision(demo, round_id=round_id, decision_date=TONG_KET, **header)
