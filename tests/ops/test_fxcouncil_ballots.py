"""A recorded ballot is part of the minutes a decision or a dossier rests on; it is counted on a council whose
linked members worked in the unit on the meeting's day; the CLI keeps the staff links of a council picked from the
staff list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.staff import mark_staff_left
from desktop.store import Store, ValidationError, open_store
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of

TODAY = date(2025, 12, 20)
MEETING = date(2025, 12, 10)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}
TEN = [{"full_name": "Chủ tịch", "role": "chair", "attended": True}] + [
    {"full_name": f"Ủy viên {n}", "role": "member", "attended": True} for n in range(1, 10)
]


def _ballot(store: Store, nomination_id: int) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT agree, disagree, invalid, passed, arithmetic, updated_at FROM ballots WHERE nomination_id = ?",
        (nomination_id,),
    )


@pytest.fixture
def voted(store):
    """CSTĐCS A passed 10/10 and B failed 5/10 at the meeting of 10/12; a decision of 15/12 confers A."""
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=MEETING)
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="HT", members=TEN, today=TODAY)
    cstdcs = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS"]
    assert len(cstdcs) >= 2
    a, b = cstdcs[0]["id"], cstdcs[1]["id"]
    assert review.record_ballot(store, nomination_id=a, agree=10, disagree=0, invalid=0)["passed"]
    assert not review.record_ballot(store, nomination_id=b, agree=5, disagree=5, invalid=0)["passed"]
    decide_ldtt_of(store, round_id, [a], date(2025, 12, 15))
    review.issue_decision(store, round_id=round_id, decision_date=date(2025, 12, 15), nomination_ids=[a], **HEADER)
    return store, round_id, a, b


def test_a_failed_ballot_is_not_rewritten_after_the_decision_on_that_meeting(voted):
    store, _round_id, _a, b = voted
    before = _ballot(store, b)
    with pytest.raises(ValidationError, match="đã có quyết định") as refused:
        review.record_ballot(store, nomination_id=b, agree=10, disagree=0, invalid=0)
    assert "biên bản" in str(refused.value)
    assert _ballot(store, b) == before
    status = store.scalar("SELECT status FROM nominations WHERE id = ?", (b,))
    assert status == "failed"


def test_an_identical_re_record_after_the_decision_is_a_no_op(voted):
    store, _round_id, _a, b = voted
    before = _ballot(store, b)
    result = review.record_ballot(store, nomination_id=b, agree=5, disagree=5, invalid=0)
    assert not result["passed"] and result["agree"] == 5
    assert _ballot(store, b) == before  # not even its time stamp moves


def test_a_first_ballot_recorded_late_is_still_allowed_after_the_decision(voted):
    store, round_id, _a, _b = voted
    late = next(
        n for n in review.get_round(store, round_id)["nominations"]
        if n["ballot_required"] and n["status"] == "proposed" and _ballot(store, n["id"]) is None
    )  # fmt: skip
    review.record_ballot(store, nomination_id=late["id"], agree=9, disagree=1, invalid=0)
    assert _ballot(store, late["id"])["agree"] == 9


def test_a_ballot_is_not_rewritten_once_a_dossier_was_sent_up(store):
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=MEETING)
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="HT", members=TEN, today=TODAY)
    for n in review.get_round(store, round_id)["nominations"]:
        if n["ballot_required"]:
            review.record_ballot(store, nomination_id=n["id"], agree=10, disagree=0, invalid=0)
    review.build_dossier(store, round_id=round_id)
    assert store.scalar("SELECT count(*) FROM nominations WHERE round_id = ? AND status = 'sent_up'", (round_id,))
    voted = [
        n for n in review.get_round(store, round_id)["nominations"]
        if n["ballot_required"] and n["status"] == "passed"
    ]  # fmt: skip
    assert voted
    for n in voted:
        before = _ballot(store, n["id"])
        with pytest.raises(ValidationError, match="đã gửi"):
            review.record_ballot(store, nomination_id=n["id"], agree=8, disagree=2, invalid=0)
        assert _ballot(store, n["id"]) == before
        # the same counts again change nothing and are accepted
        review.record_ballot(store, nomination_id=n["id"], agree=10, disagree=0, invalid=0)
        assert _ballot(store, n["id"]) == before


def test_a_ballot_is_not_counted_on_a_member_who_had_left_before_the_meeting(store):
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=MEETING)
    people = store.query(
        "SELECT id, full_name FROM staff WHERE end_date IS NULL AND start_date <= '2025-01-01' ORDER BY id LIMIT 5"
    )
    members = [
        {"full_name": p["full_name"], "role": "chair" if i == 0 else "member", "attended": True, "staff_id": p["id"]}
        for i, p in enumerate(people)
    ]
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="HT", members=members, today=TODAY)
    leaver = people[4]
    mark_staff_left(store, staff_id=leaver["id"], end_date=date(2025, 11, 30), reason="Chuyển công tác")
    cstdcs = next(n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS")
    # 4 of the 5 seats agree = 80 %: it would pass only because the leaver is in the total and voted
    with pytest.raises(ValidationError, match="đã thôi công tác") as refused:
        review.record_ballot(store, nomination_id=cstdcs["id"], agree=4, disagree=1, invalid=0)
    assert leaver["full_name"] in str(refused.value) and "sửa thành phần Hội đồng" in str(refused.value)
    assert _ballot(store, cstdcs["id"]) is None
    # the clerk corrects the council first (no ballot yet), then the ballot counts on four members
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="HT", members=members[:4], today=TODAY)
    result = review.record_ballot(store, nomination_id=cstdcs["id"], agree=4, disagree=0, invalid=0)
    assert result["members_total"] == 4 and result["passed"]


def _linked_council(path: Path) -> tuple[int, list[dict[str, Any]], int]:
    """A council of ten picked from the staff list (linked), its CSTĐCS ballot, and a decision conferring it."""
    store = open_store(path)
    try:
        fill_demo(store, today=DEMO_TODAY)
        round_id = review.create_round(store, year=2025, today=MEETING)
        people = store.query(
            "SELECT id, full_name FROM staff WHERE (end_date IS NULL OR end_date = '') AND start_date <= ? "
            "ORDER BY id LIMIT 10",
            (MEETING.isoformat(),),
        )
        members = [
            {"full_name": p["full_name"], "role": "member" if i else "chair", "attended": True, "staff_id": p["id"]}
            for i, p in enumerate(people)
        ]
        review.set_council(
            store, round_id=round_id, meeting_date=MEETING, location="Hội trường", members=members, today=TODAY
        )
        cstdcs = next(n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS")
        review.record_ballot(store, nomination_id=cstdcs["id"], agree=10, disagree=0, invalid=0)
        return round_id, members, int(cstdcs["id"])
    finally:
        store.close()


def _cli_record(db_path: Path, round_id: int, members: list[dict[str, Any]], location: str, capsys) -> tuple:
    args = ["--db", str(db_path), "council", "record", "--round", str(round_id), "--date", MEETING.isoformat(),
            "--location", location, "--json"]  # fmt: skip
    for m in members:
        args += ["--member", f"{m['full_name']}|{m['role']}|1"]
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _seats(db_path: Path, round_id: int) -> tuple[str, list[tuple[str, int | None]]]:
    store = open_store(db_path)
    try:
        council = store.query_one("SELECT id, location FROM councils WHERE round_id = ?", (round_id,))
        seats = store.query(
            "SELECT full_name, staff_id FROM council_members WHERE council_id = ? ORDER BY position", (council["id"],)
        )
        return str(council["location"]), [(s["full_name"], s["staff_id"]) for s in seats]
    finally:
        store.close()


def test_only_the_place_is_corrected_through_the_cli_after_a_decision(db_path, capsys):
    round_id, members, cstdcs = _linked_council(db_path)
    store = open_store(db_path)
    try:
        decide_ldtt_of(store, round_id, [cstdcs], date(2025, 12, 15))
        review.issue_decision(
            store, round_id=round_id, decision_date=date(2025, 12, 15), nomination_ids=[cstdcs], **HEADER
        )
    finally:
        store.close()
    code, out, err = _cli_record(db_path, round_id, members, "Hội trường UBND xã Lũng Cú", capsys)
    assert code == 0, err
    assert json.loads(out)["members_total"] == 10
    location, seats = _seats(db_path, round_id)
    assert location == "Hội trường UBND xã Lũng Cú"
    assert seats == [(m["full_name"], m["staff_id"]) for m in members]


def test_the_cli_keeps_the_staff_links_of_a_council_picked_from_the_staff_list(db_path, capsys):
    round_id, members, _cstdcs = _linked_council(db_path)
    code, _out, err = _cli_record(db_path, round_id, members, "Nhà văn hóa", capsys)
    assert code == 0, err
    location, seats = _seats(db_path, round_id)
    assert location == "Nhà văn hóa"
    assert seats == [(m["full_name"], m["staff_id"]) for m in members]


def test_the_cli_links_a_member_to_a_staff_record_by_its_code(db_path, capsys):
    store = open_store(db_path)
    try:
        fill_demo(store, today=DEMO_TODAY)
        round_id = review.create_round(store, year=2025, today=MEETING)
        people = store.query(
            "SELECT id, staff_code, full_name FROM staff WHERE end_date IS NULL AND start_date <= '2025-01-01' "
            "ORDER BY id LIMIT 3"
        )
    finally:
        store.close()
    base = ["--db", str(db_path), "council", "record", "--round", str(round_id), "--date", MEETING.isoformat(),
            "--location", "HT", "--member", f"{people[0]['full_name']}|chair|1",
            "--member", f"{people[1]['full_name']}|secretary|1", "--member", "Người ngoài đơn vị|member|1"]  # fmt: skip

    # a code that is not the person's, or no such code, is refused naming it, and nothing is recorded
    for value, words in (
        (f"{people[0]['full_name']}|{people[2]['staff_code']}", people[2]["full_name"]),
        (f"{people[0]['full_name']}|CB99999", "CB99999"),
        (f"Không có ai|{people[0]['staff_code']}", "Không có ai"),
    ):
        code = main([*base, "--member-staff", value])
        out, err = capsys.readouterr()
        assert code != 0 and out == "" and words in err and "--member-staff" in err
    store = open_store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM councils WHERE round_id = ?", (round_id,)) == 0
    finally:
        store.close()

    code = main([*base, "--member-staff", f"{people[0]['full_name']}|{people[0]['staff_code'].lower()}",
                 "--member-staff", f"{people[1]['full_name']}|{people[1]['staff_code']}"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    _location, seats = _seats(db_path, round_id)
    assert seats == [
        (people[0]["full_name"], people[0]["id"]),
        (people[1]["full_name"], people[1]["id"]),
        ("Người ngoài đơn vị", None),
    ]
