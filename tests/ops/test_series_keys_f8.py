"""Decision series symbols: one book however the symbol is typed, no look-alike book opened by a slip.

"qđ-ubnd" and "QĐ-UBND " are the series QĐ-UBND (a gap recorded so is skipped by the next decision); "QD-UBND"
beside an existing QĐ-UBND is refused naming it, unless a new series is confirmed; a gap or a next number in a series
the unit does not have is refused unless it is the default series or a new series is confirmed. Real SQLite store.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.review.numbering import clean_series_key, fold_series_key
from desktop.store import ValidationError

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}


def _issue(store, round_id: int, nomination: int, **extra) -> dict:
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2026, 1, 6),
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=[nomination],
        **HEADER,
        **extra,
    )
    return review.get_decision(store, decision_id=decision_id)


def test_the_key_is_trimmed_spaced_and_in_capitals():
    assert clean_series_key("qđ-ubnd") == "QĐ-UBND"
    assert clean_series_key("  QĐ-UBND ") == "QĐ-UBND"
    assert clean_series_key("qđ - ubnd") == "QĐ-UBND"
    assert clean_series_key("QĐ  UBND") == "QĐ-UBND"  # a space for the hyphen: the same book (s44)
    assert fold_series_key("QĐ-UBND") == fold_series_key("QD-UBND") == "QD-UBND"
    with pytest.raises(ValidationError):
        clean_series_key("  ")


def test_a_gap_typed_in_lower_case_is_skipped_by_the_next_decision(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    assert _issue(store, round_id, ldtt[0])["number_text"] == "1/QĐ-UBND"
    review.record_number_gap(store, series_key="qđ-ubnd", year=2026, number=2, reason="Số đã cấp cho văn bản khác")
    review.record_number_gap(store, series_key="QĐ-UBND ", year=2026, number=3, reason="Số hỏng")
    second = _issue(store, round_id, ldtt[1], series_key=" qđ-ubnd")
    assert (second["number_text"], second["series_key"]) == ("4/QĐ-UBND", "QĐ-UBND")
    assert {s["series_key"] for s in review.list_number_series(store, year=2026)} == {"QĐ-UBND"}
    with pytest.raises(ValidationError) as again:
        review.record_number_gap(store, series_key="qđ-ubnd", year=2026, number=2, reason="lần nữa")
    assert "đã được ghi là số bỏ trống" in str(again.value)


def test_a_look_alike_series_is_refused_naming_the_one_in_use(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    _issue(store, round_id, ldtt[0])
    with pytest.raises(ValidationError) as refused:
        _issue(store, round_id, ldtt[1], series_key="QD-UBND")
    message = str(refused.value)
    assert "“QD-UBND”" in message and "“QĐ-UBND”" in message and "Đ/D" in message
    assert refused.value.field == "series_key"
    assert store.scalar("SELECT count(*) FROM number_series WHERE key = 'QD-UBND'") == 0  # nothing opened
    # the same for a gap or a next number, without the confirmation
    with pytest.raises(ValidationError, match="QĐ-UBND"):
        review.record_number_gap(store, series_key="qd-ubnd", year=2026, number=7, reason="thử")
    with pytest.raises(ValidationError, match="QĐ-UBND"):
        review.set_series_next_number(store, series_key="QD-UBND", year=2026, next_number=5, reason="thử")
    # confirmed as a new book: opened, and decisions may then use it
    review.set_series_next_number(
        store, series_key="QD-UBND", year=2026, next_number=1, reason="Sổ riêng của đơn vị", new_series=True
    )
    assert _issue(store, round_id, ldtt[1], series_key="QD-UBND")["number_text"] == "1/QD-UBND"


def test_the_default_series_is_never_taken_for_a_look_alike_even_before_its_first_decision(ldtt_round_2025):
    store, _round_id, _ldtt = ldtt_round_2025
    store.execute("DELETE FROM number_series WHERE id NOT IN (SELECT series_id FROM decisions)")
    with pytest.raises(ValidationError, match="QĐ-UBND"):
        review.record_number_gap(store, series_key="QD-UBND", year=2027, number=1, reason="thử")


def test_a_gap_or_next_number_in_a_series_the_unit_does_not_have_needs_confirmation(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    with pytest.raises(ValidationError) as refused:
        review.record_number_gap(store, series_key="QĐ-CTUBND", year=2026, number=4, reason="thử")
    assert "“QĐ-CTUBND” chưa có" in str(refused.value) and "QĐ-UBND" in str(refused.value)
    with pytest.raises(ValidationError, match="chưa có"):
        review.set_series_next_number(store, series_key="QĐ-CT", year=2026, next_number=4, reason="thử")
    assert store.scalar("SELECT count(*) FROM number_series WHERE key IN ('QĐ-CTUBND', 'QĐ-CT')") == 0
    # the default series needs no confirmation, even in a year without a decision yet
    review.record_number_gap(store, series_key="qđ-ubnd", year=2027, number=1, reason="Số đã cấp cho văn bản khác")
    # a decision never opens a series by itself (s44): the unit opens it first, then decisions use it
    with pytest.raises(ValidationError, match="“QĐ-CT” chưa có"):
        _issue(store, round_id, ldtt[0], series_key="qđ-ct")
    review.set_series_next_number(store, series_key="QĐ-CT", year=2026, next_number=1, reason="Sổ mới", new_series=True)
    assert _issue(store, round_id, ldtt[0], series_key="qđ-ct")["number_text"] == "1/QĐ-CT"
    review.record_number_gap(store, series_key="QĐ-CT", year=2026, number=2, reason="Số hỏng")
    # confirmed: a new series is opened
    review.record_number_gap(store, series_key="QĐ-HĐTĐKT", year=2026, number=1, reason="Số đã cấp", new_series=True)
    assert {s["series_key"] for s in review.list_number_series(store, year=2026)} >= {"QĐ-CT", "QĐ-HĐTĐKT"}


def test_books_an_older_version_stored_as_typed_keep_their_numbers(ldtt_round_2025):
    """Before version 10 a symbol was stored as typed ("Qđ-UBND"); it is the same book as QĐ-UBND: the next
    decision continues its numbers instead of starting again at 1, and a book stored in lower case stays usable."""
    store, round_id, ldtt = ldtt_round_2025
    first = _issue(store, round_id, ldtt[0])
    review.set_series_next_number(
        store, series_key="QĐ-HĐTĐKT", year=2026, next_number=1, reason="Sổ của Hội đồng", new_series=True
    )
    other = _issue(store, round_id, ldtt[1], series_key="QĐ-HĐTĐKT")
    with store.transaction(operation="test.as_an_older_version_stored_them"):
        store.execute("UPDATE number_series SET key = 'Qđ-UBND' WHERE id = ?", (first["series_id"],))
        store.execute("UPDATE number_series SET key = 'qđ-hđtđkt' WHERE id = ?", (other["series_id"],))
    assert _issue(store, round_id, ldtt[2])["number_text"] == f"{first['number'] + 1}/QĐ-UBND"
    assert _issue(store, round_id, ldtt[3], series_key="qđ-hđtđkt")["number_text"] == "2/QĐ-HĐTĐKT"
