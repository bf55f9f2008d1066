"""A decision of the unit's own book recorded by the history import (source 'import', '1/QĐ-UBND' dated
15/01/2026) already holds number 1 of the 2026 QĐ-UBND book: a new decision of that book and year must not be
given the same number (two different decisions 'Quyết định số 1/QĐ-UBND' of 2026 in the award register)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.review.numbering import check_series_usable
from desktop.store import ValidationError, awards_repo


def test_new_number_does_not_reuse_an_imported_decision_number(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    staff_id = store.scalar("SELECT staff_id FROM nominations WHERE id = ?", (ldtt[5],))
    with store.transaction(operation="test.import"):
        awards_repo.add_award(
            store,
            target_kind="individual",
            year=2025,
            code="GIAY_KHEN",
            category="award_form",
            staff_id=staff_id,
            source="import",
            decision_no="1/QĐ-UBND",
            decision_date=date(2026, 1, 15),
            issuer="Ủy ban nhân dân xã Lũng Cú",
        )
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2026, 1, 20),
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="",
        nomination_ids=[ldtt[0]],
    )
    number = review.get_decision(store, decision_id=decision_id)["number_text"]
    register = [
        e["decision_number_text"]
        for e in review.register_entries(store)
        if e["decision_date"] and e["decision_date"].startswith("2026")
    ]
    assert number != "1/QĐ-UBND", register


def _import_own_decision(store, staff_id: int, number_text: str, signed: date, *, source: str = "import") -> None:
    """One award of the unit's own old register (or, with ``source='above'``, of another body's book)."""
    with store.transaction(operation="test.import"):
        awards_repo.add_award(
            store,
            target_kind="individual",
            year=signed.year - 1,
            code="GIAY_KHEN",
            category="award_form",
            staff_id=staff_id,
            source=source,
            decision_no=number_text,
            decision_date=signed,
            issuer="Ủy ban nhân dân xã Lũng Cú" if source == "import" else "Ủy ban nhân dân huyện Đồng Văn",
        )


def _issue(store, round_id: int, nomination_id: int, day: date) -> str:
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=day,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="",
        nomination_ids=[nomination_id],
    )
    return str(review.get_decision(store, decision_id=decision_id)["number_text"])


def test_a_new_number_comes_after_the_highest_imported_number_of_its_book_and_year(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    staff_id = store.scalar("SELECT staff_id FROM nominations WHERE id = ?", (ldtt[5],))
    _import_own_decision(store, staff_id, "Số 05/Qđ-UBND", date(2026, 1, 15))  # typed as the old register had it
    _import_own_decision(store, staff_id, "9/QĐ-UBND", date(2025, 12, 30))  # last year's book
    _import_own_decision(store, staff_id, "12/QĐ-UBND", date(2026, 1, 10), source="above")  # the district's book
    _import_own_decision(store, staff_id, "7/QĐ-CT", date(2026, 1, 12))  # another book of the unit
    assert _issue(store, round_id, ldtt[0], date(2026, 1, 20)) == "6/QĐ-UBND"
    assert _issue(store, round_id, ldtt[1], date(2026, 1, 21)) == "7/QĐ-UBND"


def test_a_date_before_an_imported_decision_of_the_book_is_refused(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    staff_id = store.scalar("SELECT staff_id FROM nominations WHERE id = ?", (ldtt[5],))
    _import_own_decision(store, staff_id, "1/QĐ-UBND", date(2026, 1, 25))
    before = store.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError, match="nhập từ sổ khen thưởng cũ") as refused:
        check_series_usable(store, "QĐ-UBND", date(2026, 1, 20))
    assert refused.value.field == "decision_date" and "25/01/2026" in str(refused.value)
    with pytest.raises(ValidationError, match="1/QĐ-UBND"):
        _issue(store, round_id, ldtt[0], date(2026, 1, 20))
    assert store.scalar("SELECT count(*) FROM decisions") == before
    assert _issue(store, round_id, ldtt[0], date(2026, 1, 25)) == "2/QĐ-UBND"


def test_the_next_number_and_a_gap_cannot_take_an_imported_number(ldtt_round_2025):
    store, _round_id, ldtt = ldtt_round_2025
    staff_id = store.scalar("SELECT staff_id FROM nominations WHERE id = ?", (ldtt[5],))
    _import_own_decision(store, staff_id, "3/QĐ-UBND", date(2026, 1, 15))
    with pytest.raises(ValidationError, match="3/QĐ-UBND") as refused:
        review.set_series_next_number(store, series_key="QĐ-UBND", year=2026, next_number=3, reason="Tiếp sổ cũ")
    assert refused.value.field == "next_number"
    with pytest.raises(ValidationError, match="3/QĐ-UBND") as refused:
        review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=3, reason="Hỏng")
    assert refused.value.field == "number"
    review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=2, reason="Số đã dùng cho văn bản khác")
    review.set_series_next_number(store, series_key="QĐ-UBND", year=2026, next_number=4, reason="Tiếp sổ cũ")
