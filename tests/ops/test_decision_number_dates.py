"""Numbers follow signing dates within one book: a decision dated before one already numbered in the same series
and year is refused, naming that decision, and nothing is written (the number stays free, no backup is left);
the same date is fine, another year's book or another series is independent, recorded gaps have no date.
``tdkt check`` lists a book an older version let out of order. Real SQLite store with the demo's data.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import backup, review
from desktop.ops.check import check_database
from desktop.store import ValidationError

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}
LATE = date(2026, 1, 20)
EARLY = date(2026, 1, 10)


def _issue(store, round_id: int, nomination: int, when: date, **extra) -> dict:
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=when,
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=[nomination],
        **HEADER,
        **extra,
    )
    return review.get_decision(store, decision_id=decision_id)


def _book(store, year: int = 2026) -> dict:
    """What a refused issue must leave as it was."""
    return {
        "next_number": store.scalar("SELECT max(next_number) FROM number_series WHERE year = ?", (year,)),
        "decisions": store.scalar("SELECT count(*) FROM decisions"),
        "awards": store.scalar("SELECT count(*) FROM awards"),
        "decided": store.scalar("SELECT count(*) FROM nominations WHERE status = 'decided'"),
        "backups": len(backup.list_backups(store)),
    }


def test_a_back_dated_decision_is_refused_and_nothing_is_written(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    assert _issue(store, round_id, ldtt[0], LATE)["number_text"] == "1/QĐ-UBND"
    before = _book(store)
    with pytest.raises(ValidationError) as refused:
        _issue(store, round_id, ldtt[1], EARLY)
    message = str(refused.value)
    assert refused.value.field == "decision_date"
    assert "1/QĐ-UBND" in message and "20/01/2026" in message and "10/01/2026" in message
    assert "từ 20/01/2026 trở đi" in message and "sổ văn bản khác" in message
    assert _book(store) == before  # number not taken, no decision, no award, no backup
    # the number is still free for a properly dated decision
    assert _issue(store, round_id, ldtt[1], LATE)["number_text"] == "2/QĐ-UBND"


def test_the_same_date_is_accepted(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    assert _issue(store, round_id, ldtt[0], LATE)["number_text"] == "1/QĐ-UBND"
    assert _issue(store, round_id, ldtt[1], LATE)["number_text"] == "2/QĐ-UBND"


def test_another_years_book_or_another_series_is_independent_and_gaps_have_no_date(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    assert _issue(store, round_id, ldtt[0], LATE)["number_text"] == "1/QĐ-UBND"
    review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=2, reason="Số đã cấp cho văn bản khác")
    previous_year = _issue(store, round_id, ldtt[1], date(2025, 12, 20))  # the 2025 book
    assert previous_year["number_text"] == "1/QĐ-UBND" and previous_year["decision_date"] == "2025-12-20"
    review.set_series_next_number(
        store, series_key="QĐ-CTUBND", year=2026, next_number=1, reason="Sổ của Chủ tịch", new_series=True
    )  # a decision opens no book by itself (s44)
    other = _issue(store, round_id, ldtt[2], EARLY, series_key="QĐ-CTUBND")  # another series of 2026
    assert other["number_text"] == "1/QĐ-CTUBND"
    assert _issue(store, round_id, ldtt[3], LATE)["number_text"] == "3/QĐ-UBND"  # the gap skipped, no date


def test_a_cancelled_decision_still_holds_its_date_in_the_book(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    late = _issue(store, round_id, ldtt[0], LATE)
    review.revoke_decision(store, decision_id=late["id"], reason="Ký nhầm")
    with pytest.raises(ValidationError, match="1/QĐ-UBND"):
        _issue(store, round_id, ldtt[1], EARLY)


def test_a_back_dated_replacement_is_refused_under_the_write_lock(ldtt_round_2025):
    """correct_decision asks the book before its backup (a refused date leaves no backup behind) and numbers
    inside its transaction, where allocate_number refuses too."""
    store, round_id, ldtt = ldtt_round_2025
    first = _issue(store, round_id, ldtt[0], EARLY)
    second = _issue(store, round_id, ldtt[1], LATE)
    before = _book(store)
    with pytest.raises(ValidationError) as refused:
        review.correct_decision(
            store, decision_id=first["id"], reason="Sửa trích yếu", decision_date=date(2026, 1, 15), changes={}
        )
    assert second["number_text"] in str(refused.value) and "20/01/2026" in str(refused.value)
    assert _book(store) == before
    assert review.get_decision(store, decision_id=first["id"])["status"] == "issued"


def test_check_lists_a_book_out_of_date_order(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    _issue(store, round_id, ldtt[0], EARLY)
    _issue(store, round_id, ldtt[1], LATE)
    assert check_database(store)["ok"]
    with store.transaction(operation="test.old_data"):  # an older version let 2/QĐ-UBND take an earlier date,
        typed = store.add("number_series", {"key": "Qđ-UBND", "year": 2026, "next_number": 3})  # in a row so typed
        store.execute("UPDATE decisions SET decision_date = '2026-01-05', series_id = ? WHERE number_text = "
                      "'2/QĐ-UBND' AND decision_date = '2026-01-20'", (typed,))  # fmt: skip
    report = check_database(store)
    assert not report["ok"]
    found = report["numbers_out_of_date_order"]
    pairs = [(f["number_text"], f["decision_date"], f["earlier_number_text"], f["earlier_number_date"]) for f in found]
    assert pairs == [("2/QĐ-UBND", "2026-01-05", "1/QĐ-UBND", "2026-01-10")]
    line = next(m for m in report["messages"] if "không theo thứ tự" in m)
    assert "Có 1 quyết định" in line and "2/QĐ-UBND ngày 05/01/2026" in line and "1/QĐ-UBND ngày 10/01/2026" in line
