"""A decision's date is at most a quarter ahead (prepared from October for the year-end meeting); a year typed wrong is
refused before anything is written, so it is never paid at a future base salary. A cancelled decision keeps its
number but holds its book back only to the day that number was taken, not to a later date typed by mistake.
Real SQLite store with the demo's data; the window is counted from the real today, as issuing counts it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.ops import backup, review
from desktop.ops.check import numbers_out_of_date_order
from desktop.ops.demo import fill_demo
from desktop.ops.review.common import DECISION_FUTURE_DAYS, PLANNED_FUTURE_DAYS, check_law_date
from desktop.ops.rules import effective_pack
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}


def _issue(store, round_id: int, nomination: int, when: date) -> dict:
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=when,
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=[nomination],
        **HEADER,
    )
    return review.get_decision(store, decision_id=decision_id)


def _written(store) -> dict:
    return {
        "decisions": store.scalar("SELECT count(*) FROM decisions"),
        "awards": store.scalar("SELECT count(*) FROM awards"),
        "series": store.scalar("SELECT count(*) FROM number_series"),
        "backups": len(backup.list_backups(store)),
    }


def test_a_decision_for_a_ceremony_within_the_quarter_is_issued_a_year_slip_is_refused(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    today = date.today()
    edge = today + timedelta(days=DECISION_FUTURE_DAYS)
    assert DECISION_FUTURE_DAYS == 92  # 1 October to 26 December fits; a year typed wrong does not
    before = _written(store)
    for typed in (edge + timedelta(days=1), date(today.year + 1, 12, 1)):  # one day past; 2027 typed for 2026
        with pytest.raises(ValidationError) as refused:
            _issue(store, round_id, ldtt[0], typed)
        assert refused.value.field == "decision_date"
        message = str(refused.value)
        assert typed.strftime("%d/%m/%Y") in message and edge.strftime("%d/%m/%Y") in message
        assert "quá xa trong tương lai" in message and "kiểm tra lại ngày ký" in message
        assert _written(store) == before  # no decision, no award, no book opened, no backup
    issued = _issue(store, round_id, ldtt[0], edge)  # the ceremony at the end of the window
    assert issued["decision_date"] == edge.isoformat() and issued["number_text"] == "1/QĐ-UBND"


def test_a_planned_date_may_be_further_ahead_than_a_signed_one(unit_store):
    pack = effective_pack(unit_store)
    today = date(2026, 9, 1)  # a round prepared in September for the decision of 31/12
    with pytest.raises(ValidationError, match="quá xa trong tương lai"):
        check_law_date(pack, date(2026, 12, 31), "Quyết định", today=today)
    check_law_date(pack, date(2026, 12, 31), "Đợt bình xét năm 2026", today=today, future_days=PLANNED_FUTURE_DAYS)
    with pytest.raises(ValidationError, match="quá xa trong tương lai"):
        check_law_date(pack, date(2027, 9, 3), "Đợt bình xét năm 2027", today=today, future_days=PLANNED_FUTURE_DAYS)


def _mistyped_then_cancelled(store, round_id: int, nomination: int) -> dict:
    """1/QĐ-UBND of the 2026 book, recorded on 05/01/2026 but dated 01/12/2026 (an older version's window let the
    slip through), then cancelled."""
    slip = _issue(store, round_id, nomination, date(2026, 1, 5))
    with store.transaction(operation="test.old_data"):
        store.execute(
            "UPDATE decisions SET decision_date = '2026-12-01', created_at = '2026-01-05T08:30:00+07:00' WHERE id = ?",
            (slip["id"],),
        )
    review.revoke_decision(store, decision_id=slip["id"], reason="Nhập nhầm tháng")
    return slip


def test_a_cancelled_decision_dated_by_mistake_does_not_shut_its_book(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    slip = _mistyped_then_cancelled(store, round_id, ldtt[0])
    review.check_posting(
        store, round_id=round_id, decision_date=date(2026, 1, 20), nomination_ids=[ldtt[1]], series_key="QĐ-UBND"
    )
    real = _issue(store, round_id, ldtt[1], date(2026, 1, 20))
    assert real["number_text"] == "2/QĐ-UBND"  # the cancelled number stays used, never given again
    assert review.get_decision(store, decision_id=slip["id"])["status"] == "revoked"
    assert numbers_out_of_date_order(store) == []  # and tdkt check reads the book the same way


def test_a_cancelled_decision_still_holds_the_day_its_number_was_taken(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    _mistyped_then_cancelled(store, round_id, ldtt[0])
    before = _written(store)
    with pytest.raises(ValidationError) as refused:
        _issue(store, round_id, ldtt[1], date(2026, 1, 3))
    message = str(refused.value)
    assert refused.value.field == "decision_date"
    assert "1/QĐ-UBND" in message and "05/01/2026" in message and "01/12/2026" in message and "đã hủy bỏ" in message
    assert "từ 05/01/2026 trở đi" in message
    assert _written(store) == before


def test_a_round_may_plan_its_decision_months_ahead(store):
    """A round opened in October plans its decision for 31/12: the date is only planned, so the signed decision's
    month does not bound it (a year does)."""
    fill_demo(store, today=DEMO_TODAY)
    today = date.today()
    planned = today + timedelta(days=90)
    round_id = review.create_round(
        store, year=today.year, kind="occasion", name="Khen thưởng cuối năm", decision_date=planned, today=today
    )
    assert review.get_round(store, round_id)["name"] == "Khen thưởng cuối năm"
    with pytest.raises(ValidationError, match="quá xa trong tương lai"):
        review.create_round(
            store, year=today.year + 1, kind="occasion", name="Gõ nhầm năm",
            decision_date=date(today.year + 2, 1, 1), today=today,
        )  # fmt: skip
