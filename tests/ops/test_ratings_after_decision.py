"""A rating that a decision in force or a dossier sent up rests on cannot be changed or removed (defect d).

The demo commune of 4/12/2025 has the LĐTT decisions of 2022–2024 issued and the TTLĐTT/CSTĐCS of 2022–2024 sent up
in dossiers; the demo of 6/12/2026 also has 4/QĐ-UBND (26/12/2025) giving TTLĐTT to "Văn phòng HĐND và UBND".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desktop.ops import collectives, review, staff
from desktop.ops.demo import fill_demo
from desktop.ops.history_import import apply_history, preview_history
from desktop.store import Store, ValidationError
from tests.demo_date import DEMO_TODAY

OFFICE = "Văn phòng HĐND và UBND"


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


def _ldtt_2024(store: Store) -> dict[str, Any]:
    """A person given LĐTT 2024 by the commune's 1/QĐ-UBND of 26/12/2024 (with no dossier of 2024, and in a
    collective given no title of 2024: the collective's title would rest on the rating too)."""
    from desktop.ops.collectives import collective_lock_of_member

    rows = store.query(
        "SELECT a.staff_id, d.id AS decision_id, d.number_text, d.decision_date, s.full_name, r.rating "
        "FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN staff s ON s.id = a.staff_id "
        "JOIN ratings r ON r.staff_id = a.staff_id AND r.year = a.year "
        "WHERE a.code = 'LDTT' AND a.year = 2024 AND d.status = 'issued' AND a.staff_id NOT IN ("
        "SELECT n.staff_id FROM nominations n JOIN review_rounds rr ON rr.id = n.round_id "
        "WHERE n.status = 'sent_up' AND rr.year = 2024 AND n.staff_id IS NOT NULL) ORDER BY a.id"
    )
    row = next((r for r in rows if collective_lock_of_member(store, staff_id=r["staff_id"], year=2024) is None), None)
    assert row is not None
    return row


def _in_force_2024(store: Store, staff_id: int) -> list[int]:
    """The decisions in force giving the person anything of 2024."""
    rows = store.query(
        "SELECT DISTINCT d.id FROM awards a JOIN decisions d ON d.id = a.decision_id "
        "WHERE d.status = 'issued' AND a.staff_id = ? AND a.year = 2024",
        (staff_id,),
    )
    return [int(row["id"]) for row in rows]


def _rating(store: Store, staff_id: int, year: int) -> str | None:
    return store.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = ?", (staff_id, year))


def test_a_persons_rating_behind_an_issued_ldtt_is_neither_changed_nor_removed(demo):
    person = _ldtt_2024(demo)
    other = "KHTNV" if person["rating"] != "KHTNV" else "HTNV"
    with pytest.raises(ValidationError) as refused:
        staff.set_rating(demo, staff_id=person["staff_id"], year=2024, rating=other)
    message = str(refused.value)
    assert f"Không sửa được xếp loại năm 2024 của {person['full_name']}" in message
    assert f"Quyết định số {person['number_text']} ngày 26/12/2024 (đang có hiệu lực)" in message
    assert "“Lao động tiên tiến” năm 2024" in message and "hãy thay thế hoặc hủy bỏ quyết định đó trước" in message
    assert refused.value.field == "rating"
    assert _rating(demo, person["staff_id"], 2024) == person["rating"]

    rating_id = demo.scalar("SELECT id FROM ratings WHERE staff_id = ? AND year = 2024", (person["staff_id"],))
    with pytest.raises(ValidationError, match="Không xóa được xếp loại năm 2024"):
        staff.delete_staff_record(demo, table="ratings", record_id=rating_id)
    assert _rating(demo, person["staff_id"], 2024) == person["rating"]

    # the same rating saved again (a note added) changes nothing the decision rests on
    staff.set_rating(demo, staff_id=person["staff_id"], year=2024, rating=person["rating"], notes="Theo biên bản")
    assert (
        demo.scalar("SELECT notes FROM ratings WHERE staff_id = ? AND year = 2024", (person["staff_id"],))
        == "Theo biên bản"
    )
    # another year, on which nothing rests, is changed as before
    staff.set_rating(demo, staff_id=person["staff_id"], year=2021, rating="HTNV")

    # once the decision is cancelled the rating may be corrected, and every other decision resting on it (a
    # Giấy khen of that year rests on the rating as the title does)
    review.revoke_decision(demo, decision_id=person["decision_id"], reason="Xếp loại năm 2024 ghi sai")
    others = demo.query(
        "SELECT DISTINCT d.id, a.code FROM awards a JOIN decisions d ON d.id = a.decision_id "
        "WHERE d.status = 'issued' AND a.staff_id = ? AND a.year = 2024",
        (person["staff_id"],),
    )
    for row in others:
        with pytest.raises(ValidationError, match="đã tặng “"):
            staff.set_rating(demo, staff_id=person["staff_id"], year=2024, rating=other)
        review.revoke_decision(demo, decision_id=row["id"], reason="Xếp loại năm 2024 ghi sai")
    staff.set_rating(demo, staff_id=person["staff_id"], year=2024, rating=other)
    assert _rating(demo, person["staff_id"], 2024) == other
    staff.delete_staff_record(demo, table="ratings", record_id=rating_id)
    assert _rating(demo, person["staff_id"], 2024) is None


def test_a_collectives_rating_behind_a_dossier_sent_up_is_refused(demo):
    lock = next(x for x in collectives.rating_locks(demo, year=2024) if x["target_kind"] == "collective")
    department = collectives.get_department(demo, lock["department_id"])
    before = collectives.ratings_history(demo, department_id=department["id"])
    old = next(r["rating"] for r in before if r["year"] == 2024)
    with pytest.raises(ValidationError) as refused:
        collectives.set_collective_rating(demo, department_id=department["id"], year=2024, rating="KHTNV")
    message = str(refused.value)
    assert f"Không sửa được xếp loại năm 2024 của tập thể “{department['name']}”" in message
    assert f"đã đưa vào hồ sơ đề nghị cấp trên số {lock['dossier_id']}" in message
    assert "hãy báo cấp trên rút đề nghị đó trước" in message
    with pytest.raises(ValidationError, match="Không xóa được xếp loại năm 2024"):
        collectives.remove_collective_rating(demo, department_id=department["id"], year=2024)
    assert collectives.ratings_history(demo, department_id=department["id"]) == before
    # the same rating again is allowed (notes only)
    result = collectives.set_collective_rating(
        demo, department_id=department["id"], year=2024, rating=old, notes="Theo biên bản"
    )
    assert result["rating"] == old and result["previous"] == old


@pytest.fixture
def demo_2026(store: Store) -> Store:
    """The demo commune a year later: 2025's decisions are issued (4/QĐ-UBND gives TTLĐTT to the office)."""
    fill_demo(store, today=date(2026, 12, 6))
    return store


def test_a_collectives_rating_behind_an_issued_ttldtt_is_refused(demo_2026):
    store = demo_2026
    office = collectives.department_by_name(store, OFFICE)
    decision = store.query_one(
        "SELECT d.id, d.number_text, d.decision_date FROM awards a JOIN decisions d ON d.id = a.decision_id "
        "WHERE a.department_id = ? AND a.year = 2025 AND a.code = 'TTLDTT' AND d.status = 'issued'",
        (office["id"],),
    )
    assert decision is not None
    with pytest.raises(ValidationError) as refused:
        collectives.set_collective_rating(store, department_id=office["id"], year=2025, rating="KHTNV")
    message = str(refused.value)
    day = date.fromisoformat(decision["decision_date"]).strftime("%d/%m/%Y")
    assert f"Quyết định số {decision['number_text']} ngày {day} (đang có hiệu lực)" in message
    assert "“Tập thể lao động tiên tiến” năm 2025" in message
    with pytest.raises(ValidationError, match=f"Quyết định số {decision['number_text']}"):
        collectives.remove_collective_rating(store, department_id=office["id"], year=2025)
    assert (
        store.scalar("SELECT rating FROM collective_ratings WHERE department_id = ? AND year = 2025", (office["id"],))
        == "HTXSNV"
    )
    # replaced: the replacement is in force and still rests on the rating
    review.correct_decision(
        store,
        decision_id=decision["id"],
        reason="Sai trích yếu",
        decision_date=date.fromisoformat(decision["decision_date"]),
        changes={},
    )
    with pytest.raises(ValidationError, match="đang có hiệu lực"):
        collectives.set_collective_rating(store, department_id=office["id"], year=2025, rating="KHTNV")


def _ratings_book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại"
    sheet.append(["STT", "Mã CB", "Họ và tên", "Năm", "Xếp loại"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_history_import_does_not_overwrite_a_rating_a_decision_rests_on(demo, tmp_path):
    person = _ldtt_2024(demo)
    code = demo.scalar("SELECT staff_code FROM staff WHERE id = ?", (person["staff_id"],))
    other = "KHTNV" if person["rating"] != "KHTNV" else "HTNV"
    path = _ratings_book(
        tmp_path / "xep loai.xlsx",
        [[1, code, person["full_name"], 2024, other], [2, code, person["full_name"], 2021, "HTNV"]],
    )
    preview = preview_history(demo, path)
    sheet = preview.sheet("ratings")
    assert sheet is not None
    first, second = sheet.rows
    assert (first.row_number, first.status, first.fields) == (2, "error", ["rating"])
    assert first.problems[0].startswith("Xếp loại: Không sửa được xếp loại năm 2024 của ")
    assert f"Quyết định số {person['number_text']} ngày 26/12/2024" in first.problems[0]
    assert second.status in ("new", "update")
    apply_history(demo, preview)
    assert _rating(demo, person["staff_id"], 2024) == person["rating"]
    assert _rating(demo, person["staff_id"], 2021) == "HTNV"


def test_the_history_import_checks_again_when_writing(demo, tmp_path):
    """A decision issued between the preview and the writing: the row is refused then, nothing overwritten."""
    person = _ldtt_2024(demo)
    code = demo.scalar("SELECT staff_code FROM staff WHERE id = ?", (person["staff_id"],))
    other = "KHTNV" if person["rating"] != "KHTNV" else "HTNV"
    review.revoke_decision(demo, decision_id=person["decision_id"], reason="Thử")
    for decision_id in _in_force_2024(demo, person["staff_id"]):  # a Giấy khen of 2024 rests on the rating too
        review.revoke_decision(demo, decision_id=decision_id, reason="Thử")
    path = _ratings_book(tmp_path / "xep loai.xlsx", [[1, code, person["full_name"], 2024, other]])
    preview = preview_history(demo, path)
    [row] = preview.sheet("ratings").rows
    assert row.status == "update"
    # what the writing transaction must now find: a decision in force resting on the stored rating
    with demo.transaction(operation="test.setup"):
        demo.execute("UPDATE decisions SET status = 'issued' WHERE id = ?", (person["decision_id"],))
        demo.execute(
            "INSERT INTO awards (uuid, target_kind, staff_id, year, code, category, source, decision_id, "
            "created_at, updated_at) VALUES ('t-1', 'individual', ?, 2024, 'LDTT', 'title', 'unit', ?, '', '')",
            (person["staff_id"], person["decision_id"]),
        )
    written = apply_history(demo, preview)
    assert written == {"inserted": 0, "updated": 0}
    assert row.status == "error" and row.fields == ["rating"] and "Quyết định số" in row.problems[0]
    assert _rating(demo, person["staff_id"], 2024) == person["rating"]
