"""An award recorded "from above" bears a decision date inside the span its year allows.

A decision for the year Y is signed in Y or later (early Y+1, often) and has been signed already: 01/05/2019 for a
2025 Bằng khen, or 01/01/2031 typed for 2013, is a slip that would put the award on the wrong line of the register
and of the consecutive-year runs (the history import refuses the same dates).
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import rules, staff
from desktop.store import ValidationError

TODAY = date(2026, 3, 10)
COMMON = {"decision_no": "2518/QĐ-UBND", "issuer": "Chủ tịch UBND tỉnh Tuyên Quang", "today": TODAY}


def _person(store) -> int:
    return staff.add_staff(store, draft=StaffDraft(full_name="Hoàng Văn Sinh", staff_code="CB01"))


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2019, 5, 1), "01/05/2019 có trước năm 2025"),
        (date(2024, 12, 31), "31/12/2024 có trước năm 2025"),
        (date(2031, 1, 1), "01/01/2031 là ngày chưa đến"),
        (date(2026, 3, 11), "11/03/2026 là ngày chưa đến"),
    ],
)
def test_a_decision_date_outside_its_year_span_is_refused(unit_store, day, words):
    person = _person(unit_store)
    with pytest.raises(ValidationError, match=words) as refused:
        rules.record_award_from_above(
            unit_store, staff_id=person, year=2025, code="BK_TINH", decision_date=day, **COMMON
        )
    assert refused.value.field == "decision_date"
    assert str(refused.value).startswith("Ngày quyết định")
    assert unit_store.scalar("SELECT count(*) FROM awards") == 0


@pytest.mark.parametrize("day", [date(2025, 1, 1), date(2025, 12, 29), date(2026, 1, 20), TODAY, None])
def test_a_date_in_the_year_or_after_it_until_today_is_kept(unit_store, day):
    person = _person(unit_store)
    award = rules.record_award_from_above(
        unit_store, staff_id=person, year=2025, code="BK_TINH", decision_date=day, **COMMON
    )
    kept = unit_store.scalar("SELECT decision_date FROM awards WHERE id = ?", (award,))
    assert kept == (day.isoformat() if day else None)


@pytest.mark.parametrize("day", [date(2019, 5, 1), date(2031, 1, 1)])
def test_the_slips_are_refused_by_the_real_clock_too(unit_store, day):
    person = _person(unit_store)
    with pytest.raises(ValidationError) as refused:
        rules.record_award_from_above(
            unit_store,
            staff_id=person,
            year=2025,
            code="BK_TINH",
            decision_date=day,
            decision_no="2518/QĐ-UBND",
            issuer="Chủ tịch UBND tỉnh Tuyên Quang",
        )
    assert refused.value.field == "decision_date"
