"""Review D: a decision's book, its replacement's signing line and the lines a replacement drops.

- A series symbol pasted with a zero-width space, a Word hyphen or a direction control opened a second book, so
  several decisions of one year printed "1/QĐ-UBND"; it is now read as the book it names, or refused.
- A replacement could be signed "TM. ỦY BAN NHÂN DÂN" for awards the chair confers (issuing refused it).
- A replacement told to drop a line the decision does not have kept everyone, and their money, silently.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.store import ValidationError

DAY = date(2025, 12, 20)


def _issue(store, round_id, ids, **extra):
    return review.issue_decision(
        store,
        round_id=round_id,
        decision_date=DAY,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=ids,
        **extra,
    )


@pytest.mark.parametrize("typed", ["QĐ-UBND\u200b", "QĐ\u2011UBND", "QĐ\u2010UBND", "QĐ\u00ad-UBND", " qđ – ubnd "])
def test_a_symbol_typed_another_way_is_the_same_book(ldtt_round_2025, typed):
    store, round_id, ldtt = ldtt_round_2025
    _issue(store, round_id, ldtt[:1])
    second = review.get_decision(store, decision_id=_issue(store, round_id, ldtt[1:2], series_key=typed))
    assert second["number_text"] == "2/QĐ-UBND"
    assert store.scalar("SELECT count(*) FROM number_series WHERE year = 2025") == 1


@pytest.mark.parametrize(
    ("typed", "named"),
    [("QĐ-UBND\u202e", "U+202E"), ("QĐ-UBND" + "X" * 40, "30"), ("QĐ-UBND★", "U+2605")],
)
def test_a_symbol_that_cannot_be_a_book_is_refused_by_name(ldtt_round_2025, typed, named):
    store, round_id, ldtt = ldtt_round_2025
    before = store.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as caught:
        _issue(store, round_id, ldtt[:1], series_key=typed)
    assert caught.value.field == "series_key"
    assert str(caught.value).startswith("Ký hiệu sổ văn bản") and named in str(caught.value)
    assert store.scalar("SELECT count(*) FROM decisions") == before


def test_a_replacement_of_the_chairs_awards_is_never_signed_for_the_body(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    first = _issue(store, round_id, ldtt[:2])
    before = store.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as caught:
        review.correct_decision(
            store, decision_id=first, reason="Sửa thể thức", decision_date=date(2025, 12, 22),
            changes={"signing_mode": "body"},
        )  # fmt: skip
    assert caught.value.field == "signing_mode" and "không ký “TM.” được" in str(caught.value)
    assert review.get_decision(store, decision_id=first)["status"] == "issued"
    assert store.scalar("SELECT count(*) FROM decisions") == before


def test_a_replacement_dropping_a_line_the_decision_has_not_is_refused(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    first = _issue(store, round_id, ldtt[:3])
    before = store.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as caught:
        review.correct_decision(
            store, decision_id=first, reason="Bỏ người thứ 3", decision_date=date(2025, 12, 22),
            changes={"remove_register_nos": [33]},
        )  # fmt: skip
    assert "không có dòng số 33" in str(caught.value) and "1/QĐ-UBND" in str(caught.value)
    assert store.scalar("SELECT count(*) FROM decisions") == before
    replacement = review.correct_decision(
        store, decision_id=first, reason="Bỏ người thứ 3", decision_date=date(2025, 12, 22),
        changes={"remove_register_nos": [3]},
    )  # fmt: skip
    assert [a["register_no"] for a in review.get_decision(store, decision_id=replacement)["awardees"]] == [1, 2]
