"""Texts printed on a decision, its payment list and the certificates — the signer, the subject, the achievement,
a replacement's corrected names, the exception and change reasons, a nomination's achievement — are cleaned as every
typed text is: a direction override or an escape character is refused naming the field, nothing is written; a text
pasted 5,000 characters long is refused, not laid out for minutes."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}


@pytest.fixture
def year_round(store):
    fill_demo(store, today=DEMO_TODAY)
    return review.create_round(store, year=2025, today=date(2025, 12, 10))


def _ldtt(store, round_id):
    return [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:1]


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("signer_name", "Sùng Mí Pháo\u202e", "Họ tên người ký"),
        ("signer_title", "Chủ\x1btịch", "Chức vụ người ký"),
        ("subject", "Về việc\nkhen thưởng", "Trích yếu"),
        ("achievement_text", "Thành tích " * 500, "Thành tích ghi trong quyết định"),
    ],
)
def test_a_hostile_header_text_is_refused_and_nothing_is_issued(store, year_round, field, value, said):
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(
            store,
            round_id=year_round,
            decision_date=date(2025, 12, 20),
            nomination_ids=_ldtt(store, year_round),
            **(HEADER | {field: value}),
        )
    assert refused.value.field == field and str(refused.value).startswith(said)
    assert store.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (year_round,)) == 0


def test_invisible_joiners_are_dropped_not_printed(store, year_round):
    decision_id = review.issue_decision(
        store,
        round_id=year_round,
        decision_date=date(2025, 12, 20),
        nomination_ids=_ldtt(store, year_round),
        **(HEADER | {"signer_name": "Sùng\u200b Mí Pháo "}),
    )
    assert review.get_decision(store, decision_id=decision_id)["signer_name"] == "Sùng Mí Pháo"


def test_a_replacement_cannot_print_a_hostile_name(store, year_round):
    decision_id = review.issue_decision(
        store, round_id=year_round, decision_date=date(2025, 12, 20), nomination_ids=_ldtt(store, year_round), **HEADER
    )
    register_no = review.get_decision(store, decision_id=decision_id)["awardees"][0]["register_no"]
    with pytest.raises(ValidationError) as refused:
        review.correct_decision(
            store,
            decision_id=decision_id,
            reason="Sửa tên",
            decision_date=date(2025, 12, 22),
            changes={"awardees": {register_no: {"snapshot_name": "Nguyễn\u202eVăn A"}}},
        )
    assert refused.value.field == "snapshot_name"
    with pytest.raises(ValidationError) as empty:
        review.correct_decision(
            store, decision_id=decision_id, reason="Sửa", decision_date=date(2025, 12, 22), changes={"subject": "  "}
        )
    assert empty.value.field == "subject"
    assert store.scalar("SELECT count(*) FROM decisions WHERE replaces_id = ?", (decision_id,)) == 0


def test_reasons_and_a_nominations_achievement_are_cleaned(store, year_round):
    listed = {
        n["department_id"] for n in review.get_round(store, year_round)["nominations"] if n["code"] == "GIAY_KHEN"
    }
    department = next(
        r["id"] for r in store.query("SELECT id FROM departments WHERE active = 1 ORDER BY id") if r["id"] not in listed
    )
    with pytest.raises(ValidationError) as refused:
        review.add_nomination(
            store,
            round_id=year_round,
            target_kind="collective",
            code="GIAY_KHEN",
            department_id=department,
            change_reason="Thành tích đột xuất",
            achievement="Dẫn đầu\u202e phong trào",
        )
    assert refused.value.field == "achievement"
    nominations = review.get_round(store, year_round)["nominations"]
    with pytest.raises(ValidationError) as reason:
        review.remove_nomination(store, nomination_id=nominations[0]["id"], reason="Trùng\x07")
    assert reason.value.field == "reason"
    assert review.get_round(store, year_round)["nominations"][0]["status"] == nominations[0]["status"]
