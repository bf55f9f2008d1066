"""Issuing never opens a second numbering book by the way a symbol was typed, nor a new one without being asked.

- "QĐ UBND" (a space for the hyphen), "QĐ–UBND" (an en dash) and full-width "ＱĐ-ＵＢＮＤ" are the book QĐ-UBND:
  the decision takes its next number, printed "N/QĐ-UBND";
- a symbol with a Cyrillic "В" is refused naming the character, nothing written, no book opened;
- a symbol the unit has never used ("QĐ-UBNN") is refused at issue and at replacement, saying how to open the book
  (the window's “Đặt số tiếp theo…” with “Đây là sổ văn bản mới”, or ``tdkt decision series … --new-series``);
  once opened so, decisions use it;
- "QĐ.UBND" beside QĐ-UBND is refused as a look-alike;
- a book an older version stored as "QĐ UBND" is the book QĐ-UBND: its numbers are not given again.
Real SQLite store (the demo commune's yearly round of 2025).
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.store import ValidationError

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}
SIGNED = date(2026, 1, 6)


def _issue(store, round_id: int, nomination: int, **extra) -> dict:
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=SIGNED,
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=[nomination],
        **HEADER,
        **extra,
    )
    return review.get_decision(store, decision_id=decision_id)


def _books(store) -> list[str]:
    return [row["key"] for row in store.query("SELECT key FROM number_series WHERE year = 2026 ORDER BY id")]


@pytest.mark.parametrize("typed", ["QĐ UBND", "QĐ–UBND", "ＱĐ-ＵＢＮＤ", "qđ — ubnd"])
def test_a_symbol_typed_with_a_space_or_another_dash_is_the_same_book(ldtt_round_2025, typed):
    store, round_id, ldtt = ldtt_round_2025
    assert _issue(store, round_id, ldtt[0])["number_text"] == "1/QĐ-UBND"
    second = _issue(store, round_id, ldtt[1], series_key=typed)
    assert (second["number_text"], second["series_key"]) == ("2/QĐ-UBND", "QĐ-UBND")
    assert _books(store) == ["QĐ-UBND"]


def test_a_cyrillic_letter_is_refused_naming_it_and_nothing_is_written(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    _issue(store, round_id, ldtt[0])
    decisions = store.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as refused:
        _issue(store, round_id, ldtt[1], series_key="QĐ-UВND")  # Cyrillic В (U+0412)
    assert refused.value.field == "series_key"
    assert "“В” (U+0412, chữ Kirin" in str(refused.value)
    assert store.scalar("SELECT count(*) FROM decisions") == decisions
    assert _books(store) == ["QĐ-UBND"]


def test_a_symbol_never_used_needs_the_book_opened_first(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    first = _issue(store, round_id, ldtt[0])
    with pytest.raises(ValidationError) as refused:
        _issue(store, round_id, ldtt[1], series_key="QĐ-UBNN")
    message = str(refused.value)
    assert refused.value.field == "series_key"
    assert "“QĐ-UBNN” chưa có" in message and "Đây là sổ văn bản mới" in message
    assert "tdkt decision series --series QĐ-UBNN --year 2026 --next 1" in message and "--new-series" in message
    assert _books(store) == ["QĐ-UBND"]  # no book opened by the refused decision
    # a replacement may not open one either
    with pytest.raises(ValidationError, match="“QĐ-UBNN” chưa có"):
        review.correct_decision(
            store,
            decision_id=first["id"],
            reason="Sai ký hiệu",
            decision_date=SIGNED,
            changes={"series_key": "QĐ-UBNN"},
        )
    assert _books(store) == ["QĐ-UBND"]
    # opened on purpose: decisions then use it
    review.set_series_next_number(
        store, series_key="QĐ-UBNN", year=2026, next_number=1, reason="Sổ của Ủy ban", new_series=True
    )
    assert _issue(store, round_id, ldtt[1], series_key="qđ-ubnn")["number_text"] == "1/QĐ-UBNN"


def test_a_dot_for_the_hyphen_is_a_look_alike_of_the_book_in_use(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    _issue(store, round_id, ldtt[0])
    with pytest.raises(ValidationError) as refused:
        _issue(store, round_id, ldtt[1], series_key="QĐ.UBND")
    assert "“QĐ.UBND”" in str(refused.value) and "“QĐ-UBND”" in str(refused.value)
    assert _books(store) == ["QĐ-UBND"]


def test_a_book_an_older_version_stored_with_a_space_keeps_its_numbers(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    first = _issue(store, round_id, ldtt[0])
    second = _issue(store, round_id, ldtt[1])
    with store.transaction(operation="test.as_an_older_version_stored_it"):
        store.execute("UPDATE number_series SET key = 'QĐ UBND' WHERE id = ?", (second["series_id"],))
    assert first["series_id"] == second["series_id"]
    third = _issue(store, round_id, ldtt[2], series_key="QĐ UBND")
    assert third["number_text"] == "3/QĐ-UBND"
    assert _issue(store, round_id, ldtt[3])["number_text"] == "4/QĐ-UBND"
