"""The number book's summary (next number, highest number held) as the window shows it must agree with what
:func:`allocate_number` really reserves: the unit's own decisions, the unit's decisions brought in by the history
import (``awards.source = 'import'``) and the numbers recorded as spoiled or used elsewhere (gaps)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.review import numbering
from desktop.ops.review.numbering import allocate_number
from desktop.store import ValidationError, awards_repo


def _import_own(store, number_text: str, signed: date, *, source: str = "import") -> None:
    """One household award of the unit's own old register (``source='above'``: another body's book)."""
    with store.transaction(operation="test.import"):
        awards_repo.add_award(
            store,
            target_kind="household",
            household_name="Hộ ông Sùng Mí Chứ",
            year=signed.year - 1,
            code="GIAY_KHEN",
            category="award_form",
            source=source,
            decision_no=number_text,
            decision_date=signed,
            issuer="Ủy ban nhân dân xã Lũng Cú",
        )


class _Undo(Exception):
    """Raised to roll the peeking transaction back."""


def _allocated(store, when: date) -> int:
    """The number issuing would take now, taken in a transaction that is rolled back (nothing kept)."""
    taken: list[int] = []
    with pytest.raises(_Undo), store.transaction(operation="test.peek"):
        taken.append(allocate_number(store, "QĐ-UBND", when)[1])
        raise _Undo
    return taken[0]


def test_the_listed_book_counts_imported_numbers_as_issuing_does(unit_store):
    store = unit_store
    review.set_series_next_number(store, series_key="QĐ-UBND", year=2026, next_number=1, reason="Mở sổ năm 2026")
    _import_own(store, "Số 07/QĐ-UBND", date(2026, 2, 3))
    _import_own(store, "40/QĐ-UBND", date(2026, 2, 1), source="above")  # the district's book: not ours
    [book] = [s for s in review.list_number_series(store, year=2026) if s["series_key"] == "QĐ-UBND"]
    assert (book["next_number"], book["highest_issued"]) == (8, 7)


def test_the_standing_names_where_the_highest_number_comes_from(unit_store):
    store = unit_store
    review.set_series_next_number(store, series_key="QĐ-UBND", year=2026, next_number=1, reason="Mở sổ năm 2026")
    _import_own(store, "Số 07/QĐ-UBND", date(2026, 2, 3))
    standing = numbering.series_standing(store, "QĐ-UBND", 2026)
    assert standing["next_number"] == 8 == _allocated(store, date(2026, 3, 1))
    assert standing["highest"] == {
        "number": 7,
        "number_text": "Số 07/QĐ-UBND",
        "source": "import",
        "signed": "2026-02-03",
        "reason": "",
    }
    review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=8, reason="Văn bản hỏng")
    review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=12, reason="Số cấp cho Văn phòng")
    standing = numbering.series_standing(store, "QĐ-UBND", 2026)
    assert standing["next_number"] == 9 == _allocated(store, date(2026, 3, 1))  # the spoiled 8 is skipped
    assert (standing["highest"]["number"], standing["highest"]["source"]) == (12, "gap")
    assert standing["highest"]["reason"] == "Số cấp cho Văn phòng"


def test_a_book_with_only_imported_numbers_is_not_shown_as_empty(unit_store):
    """No row for 2026 yet (the program never numbered in it), yet issuing would give 8, not 1."""
    store = unit_store
    _import_own(store, "7/QĐ-UBND", date(2026, 2, 3))
    standing = numbering.series_standing(store, "QĐ-UBND", 2026)
    assert standing["next_number"] == 8 == _allocated(store, date(2026, 3, 1))
    assert standing["highest"]["source"] == "import"


def test_setting_the_next_number_at_or_below_an_imported_number_is_refused_naming_it(unit_store):
    store = unit_store
    _import_own(store, "Số 07/QĐ-UBND", date(2026, 2, 3))
    with pytest.raises(ValidationError) as refused:
        review.set_series_next_number(store, series_key="QĐ-UBND", year=2026, next_number=7, reason="Tiếp nối")
    assert "Số 07/QĐ-UBND" in str(refused.value) and "nhập từ sổ khen thưởng cũ" in str(refused.value)
    review.set_series_next_number(store, series_key="QĐ-UBND", year=2026, next_number=8, reason="Tiếp nối")
    assert numbering.series_standing(store, "QĐ-UBND", 2026)["next_number"] == 8
