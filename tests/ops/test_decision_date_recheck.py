"""Issuing a decision judges the nominees by the law and the facts on the decision's date, not on the day the
round was opened: a discipline or a pending review begun since refuses the nominee unless an exception reason is
written (as when the round took them against the engine's advice)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.staff import add_discipline
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

DECISION_DAY = date(2025, 12, 30)
HEADER = {
    "decision_date": DECISION_DAY,
    "signer_title": "Chủ tịch",
    "signer_name": "Sùng Mí Pháo",
    "subject": "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
}


@pytest.fixture
def round_2025(store):
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    assert len(ldtt) >= 2 and all(n["engine_verdict"] == "eligible" for n in ldtt[:2])
    return store, round_id, ldtt[0], ldtt[1]


def _name(store, nomination) -> str:
    return str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (nomination["staff_id"],)))


def test_a_discipline_begun_after_the_round_opened_refuses_the_nominee(round_2025):
    store, round_id, disciplined, other = round_2025
    add_discipline(
        store, staff_id=disciplined["staff_id"], level="canh_cao", start_date=date(2025, 12, 20),
        end_date=date(2026, 12, 19), reason="Vi phạm quy chế", decision_no="15/QĐ-UBND",
    )  # fmt: skip
    chosen = [disciplined["id"], other["id"]]
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(store, round_id=round_id, nomination_ids=chosen, **HEADER)
    message = str(refused.value)
    assert message.startswith(f"{_name(store, disciplined)} (Lao động tiên tiến): theo quy định và dữ liệu tại ")
    assert "ngày ký 30/12/2025, không đủ điều kiện" in message and "Đang trong thời gian thi hành kỷ luật" in message
    assert f"ghi lý do ngoại lệ cho đề nghị số {disciplined['id']}" in message
    assert refused.value.field == "override_reasons"
    assert store.scalar("SELECT count(*) FROM decisions WHERE substr(decision_date, 1, 4) = '2025'") == 0

    # With a reason written for that nominee, the council's choice stands and the reason is kept on the line.
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        nomination_ids=chosen,
        override_reasons={disciplined["id"]: "Hội đồng xét lại"},
        **HEADER,
    )
    reasons = {a["staff_id"]: a["override_reason"] for a in review.get_decision(store, decision_id=decision_id)[
        "awardees"]}  # fmt: skip
    assert reasons == {disciplined["staff_id"]: "Hội đồng xét lại", other["staff_id"]: ""}


def test_a_pending_review_defers_and_a_later_discipline_does_not_reach_back(round_2025):
    store, round_id, pending, other = round_2025
    add_discipline(
        store, staff_id=pending["staff_id"], level="khien_trach", start_date=None, end_date=None, pending=True,
        reason="Đang xem xét",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="đang tạm hoãn xét"):
        review.issue_decision(store, round_id=round_id, nomination_ids=[pending["id"]], **HEADER)
    # A discipline decided after the decision's date did not stand in its way on that date.
    add_discipline(
        store, staff_id=other["staff_id"], level="canh_cao", start_date=date(2026, 2, 1), end_date=date(2026, 7, 31),
        reason="Vi phạm sau ngày ký", decision_no="3/QĐ-UBND",
    )  # fmt: skip
    assert review.issue_decision(store, round_id=round_id, nomination_ids=[other["id"]], **HEADER)


def _excepted(store, round_id: int, name: str) -> dict:
    """A nominee the engine refuses for a rating, added with an exception reason for that."""
    staff_id = int(store.scalar("SELECT id FROM staff WHERE full_name = ?", (name,)))
    nomination_id = review.add_nomination(
        store,
        round_id=round_id,
        target_kind="individual",
        code="LDTT",
        staff_id=staff_id,
        change_reason="Hội đồng đề nghị thêm",
        override_reason="Xếp loại bị chấm nhầm, đã có văn bản đính chính",
        today=date(2025, 12, 10),
    )
    return {"id": nomination_id, "staff_id": staff_id}


def test_an_exception_reason_answers_the_problem_it_was_written_for_not_a_discipline_since(round_2025):
    """Review: a reason written on the nomination for a rating went on excusing a discipline recorded after it.
    The stored reason lifts only the criteria unmet when it was written; a new problem needs a reason at signing."""
    store, round_id, _first, _second = round_2025
    kept = _excepted(store, round_id, "Thào Thị Ngọc Mỷ")  # nothing new since: the stored reason is enough
    disciplined = _excepted(store, round_id, "Vũ Thị Hồng Hoa")
    add_discipline(
        store, staff_id=disciplined["staff_id"], level="canh_cao", start_date=date(2025, 12, 20),
        end_date=date(2026, 12, 19), reason="Vi phạm quy chế", decision_no="15/QĐ-UBND",
    )  # fmt: skip
    chosen = [kept["id"], disciplined["id"]]
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(store, round_id=round_id, nomination_ids=chosen, **HEADER)
    message = str(refused.value)
    assert message.startswith("Vũ Thị Hồng Hoa (Lao động tiên tiến): lý do ngoại lệ ghi trong đề nghị số ")
    assert "(“Xếp loại bị chấm nhầm, đã có văn bản đính chính”) được ghi cho Xếp loại năm 2025" in message
    assert "theo dữ liệu tại ngày ký 30/12/2025 còn: Đang trong thời gian thi hành kỷ luật" in message
    assert refused.value.row == disciplined["id"] and refused.value.field == "override_reasons"
    assert store.scalar("SELECT count(*) FROM decisions WHERE substr(decision_date, 1, 4) = '2025'") == 0

    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        nomination_ids=chosen,
        override_reasons={disciplined["id"]: "Hội đồng xét thành tích trước khi bị kỷ luật"},
        **HEADER,
    )
    reasons = {a["staff_id"]: a["override_reason"] for a in review.get_decision(store, decision_id=decision_id)[
        "awardees"]}  # fmt: skip
    assert reasons == {
        kept["staff_id"]: "Xếp loại bị chấm nhầm, đã có văn bản đính chính",
        disciplined["staff_id"]: "Hội đồng xét thành tích trước khi bị kỷ luật",
    }


def test_engine_reasons_that_are_not_a_list_answer_nothing(round_2025):
    """A file edited by another tool (the reasons stored as a bare number): the stored reason is taken to answer
    nothing, and the nominee is refused with a message, not a crash."""
    store, round_id, _first, _second = round_2025
    kept = _excepted(store, round_id, "Thào Thị Ngọc Mỷ")
    store.execute("UPDATE nominations SET engine_reasons = '5' WHERE id = ?", (kept["id"],))
    with pytest.raises(ValidationError, match="được ghi cho một đề nghị khi đó đủ điều kiện"):
        review.issue_decision(store, round_id=round_id, nomination_ids=[kept["id"]], **HEADER)
