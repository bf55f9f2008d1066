"""What a collective's title rests on is locked while its decision is in force: the members' ratings of the year
(their share of LĐTT), a member's leaving dated before the decision, and the collective's rating behind its Giấy
khen.

Review of the collectives: after TTLĐTT 2025 of Phòng Văn hóa - Xã hội was decided (7 of 8 members LĐTT), all eight
members' 2025 ratings could be lowered and three members back-dated as leavers, so the decided title no longer held
by the program's own count; the collective's rating behind its Giấy khen could be changed or removed.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import collectives, review, staff
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.collective_flow import members_ldtt
from tests.demo_date import DEMO_TODAY

DECIDED = date(2025, 12, 26)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _decide(store, department_id: int, code: str) -> int:
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ids = [
        n["id"]
        for n in review.get_round(store, round_id)["nominations"]
        if n["department_id"] == department_id and n["code"] == code and n["target_kind"] == "collective"
    ]
    assert ids, code
    if code == "TTLDTT":  # the members' LĐTT it rests on, in the same decision (Luật TĐKT 2022, Điều 28)
        ids += members_ldtt(store, round_id, department_id)
    return review.issue_decision(store, round_id=round_id, decision_date=DECIDED, nomination_ids=ids, **HEADER)


def _members(store, department_id: int) -> list[dict]:
    return store.query("SELECT id, full_name FROM staff WHERE department_id = ? ORDER BY id", (department_id,))


def _member_without_own_ldtt(store, department_id: int) -> dict:
    """The first member holding no LĐTT 2025 of their own: a member's own award locks their rating first, so the
    lock asked about here is the collective's title alone."""
    return next(
        member
        for member in _members(store, department_id)
        if not store.scalar(
            "SELECT count(*) FROM awards WHERE staff_id = ? AND year = 2025 AND code = 'LDTT'", (member["id"],)
        )
    )


def test_members_ratings_and_back_dated_leaving_are_locked_by_their_collectives_title(demo):
    vh = collectives.department_by_name(demo, "Phòng Văn hóa - Xã hội")["id"]
    decision_id = _decide(demo, vh, "TTLDTT")
    number = review.get_decision(demo, decision_id=decision_id)["number_text"]
    member = _member_without_own_ldtt(demo, vh)
    rating = demo.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = 2025", (member["id"],))

    with pytest.raises(ValidationError) as refused:
        staff.set_rating(demo, staff_id=member["id"], year=2025, rating="HTNV" if rating != "HTNV" else "KHTNV")
    message = str(refused.value)
    assert f"Không sửa được xếp loại năm 2025 của {member['full_name']}" in message
    assert "tính vào tỷ lệ thành viên của tập thể “Phòng Văn hóa - Xã hội”" in message
    assert f"Quyết định số {number} ngày 26/12/2025 (đang có hiệu lực) đã tặng “Tập thể lao động tiên tiến”" in message
    assert demo.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = 2025", (member["id"],)) == rating

    with pytest.raises(ValidationError) as refused:
        staff.mark_staff_left(demo, staff_id=member["id"], end_date=date(2025, 3, 31), reason="Chuyển công tác")
    assert refused.value.field == "end_date"
    assert "Không ghi được ngày thôi công tác 31/03/2025" in str(refused.value)
    assert "Hãy ghi ngày từ 26/12/2025 trở đi" in str(refused.value)
    assert demo.scalar("SELECT end_date FROM staff WHERE id = ?", (member["id"],)) is None

    # leaving after the decision, and another year's rating, are as before
    staff.set_rating(demo, staff_id=member["id"], year=2021, rating="HTNV")
    staff.mark_staff_left(demo, staff_id=member["id"], end_date=date(2026, 1, 15), reason="Nghỉ hưu")
    assert demo.scalar("SELECT end_date FROM staff WHERE id = ?", (member["id"],)) == "2026-01-15"

    # once the decision is cancelled, the member's rating may be corrected
    review.revoke_decision(demo, decision_id=decision_id, reason="Tỷ lệ tính sai")
    staff.set_rating(demo, staff_id=member["id"], year=2025, rating="HTNV" if rating != "HTNV" else "KHTNV")


def test_a_collectives_giay_khen_locks_the_rating_it_was_given_on(demo):
    """The collective's Giấy khen rests on its own rating (HTTNV or better), as its TTLĐTT does."""
    militia = collectives.department_by_name(demo, "Ban Chỉ huy Quân sự xã")["id"]
    _decide(demo, militia, "GIAY_KHEN")
    rating = demo.scalar("SELECT rating FROM collective_ratings WHERE department_id = ? AND year = 2025", (militia,))
    with pytest.raises(ValidationError, match="đã tặng “Giấy khen” năm 2025"):
        collectives.set_collective_rating(demo, department_id=militia, year=2025, rating="KHTNV")
    with pytest.raises(ValidationError, match="Không xóa được xếp loại năm 2025"):
        collectives.remove_collective_rating(demo, department_id=militia, year=2025)
    assert (
        demo.scalar("SELECT rating FROM collective_ratings WHERE department_id = ? AND year = 2025", (militia,))
        == rating
    )


def test_the_history_import_does_not_lower_a_members_rating_under_a_decided_collective_title(demo, tmp_path):
    from openpyxl import Workbook

    from desktop.ops.history_import import apply_history, preview_history

    vh = collectives.department_by_name(demo, "Phòng Văn hóa - Xã hội")["id"]
    _decide(demo, vh, "TTLDTT")
    member = _member_without_own_ldtt(demo, vh)
    code = demo.scalar("SELECT staff_code FROM staff WHERE id = ?", (member["id"],))
    rating = demo.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = 2025", (member["id"],))
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    sheet.append(["STT", "Mã CB", "Họ và tên", "Năm", "Xếp loại"])
    sheet.append([1, code, member["full_name"], 2025, "HTNV" if rating != "HTNV" else "KHTNV"])
    path = tmp_path / "xep-loai.xlsx"
    book.save(path)
    preview = preview_history(demo, path)
    [row] = preview.sheet("ratings").rows
    assert row.status == "error"
    assert "tính vào tỷ lệ thành viên của tập thể “Phòng Văn hóa - Xã hội”" in row.problems[0]
    apply_history(demo, preview)
    assert demo.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = 2025", (member["id"],)) == rating
