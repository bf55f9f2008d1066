"""Working time in the year is counted in calendar months (01/01–30/06 is six months, not 181 × 12 / 365 = 5,95),
the days off cite the measure they are taken from (not the maternity article), and a Giấy khen, like the LĐTT,
counts achievements only from the end of a discipline (NĐ 152/2025 Điều 4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.eligibility import Status, evaluate
from desktop.domain.eligibility.facts import calendar_months
from desktop.domain.history import DisciplineRecord, LeavePeriod, PersonRecord, UnitData
from desktop.domain.rules import load_default_pack

YEAR = 2026
TODAY = date(2027, 1, 10)


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


def person(**kw) -> PersonRecord:
    kw.setdefault("start_date", date(2015, 1, 1))
    kw.setdefault("ratings", {YEAR: "HTTNV"})
    return PersonRecord(id=1, uuid="u1", name="Nguyễn Thị Hoa", **kw)


def verdict(pack, someone: PersonRecord, code: str):
    (found,) = [v for v in evaluate(UnitData([someone]), YEAR, pack, today=TODAY) if v.code == code]
    return found


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (date(2026, 1, 1), date(2026, 6, 30), Decimal(6)),
        (date(2026, 7, 1), date(2026, 12, 31), Decimal(6)),
        (date(2026, 1, 1), date(2026, 12, 31), Decimal(12)),
        (date(2024, 1, 1), date(2024, 6, 30), Decimal(6)),  # a leap year too
        (date(2026, 3, 15), date(2026, 4, 14), Decimal(1)),
        (date(2026, 2, 1), date(2026, 2, 14), Decimal(14) / Decimal(28)),
    ],
)
def test_calendar_months(first, last, months):
    assert calendar_months(first, last) == months


def test_six_full_months_before_leaving_are_six_months(pack):
    found = verdict(pack, person(end_date=date(YEAR, 6, 30)), "LDTT")
    texts = [r.text for r in found.reasons]
    assert "Thời gian công tác tính trong năm: 6,0 tháng (cần từ 6 tháng)" in texts
    assert found.status == Status.ELIGIBLE


def test_unpaid_leave_cites_the_working_time_measure_not_the_maternity_article(pack):
    found = verdict(pack, person(leaves=(LeavePeriod("unpaid", date(YEAR, 1, 1), date(YEAR, 6, 30)),)), "LDTT")
    (note,) = [r for r in found.reasons if r.text.startswith("Nghỉ không tính là thời gian công tác")]
    (months,) = [r for r in found.reasons if r.text.startswith("Thời gian công tác tính trong năm")]
    assert note.cite == months.cite and "Điều 4" not in note.cite
    assert months.text == "Thời gian công tác tính trong năm: 6,0 tháng (cần từ 6 tháng)"


def test_a_giay_khen_counts_from_the_end_of_a_discipline(pack):
    """Cảnh cáo 01/12/2025–30/11/2026: achievements count from 01/12/2026, one month of the year; the LĐTT is
    refused for it, and so is the Giấy khen (it was proposed, and would have been paid)."""
    disciplined = person(disciplines=(DisciplineRecord("canh_cao", date(2025, 12, 1), date(2026, 11, 30)),))
    assert verdict(pack, disciplined, "LDTT").status == Status.NOT_ELIGIBLE
    found = verdict(pack, disciplined, "GIAY_KHEN")
    assert found.status == Status.NOT_ELIGIBLE
    texts = [r.text for r in found.reasons]
    assert "Hết thời hạn kỷ luật: thành tích tính từ ngày 01/12/2026" in texts
    assert "Thời gian công tác tính trong năm: 1,0 tháng (cần từ 6 tháng)" in texts


def test_a_discipline_that_ended_before_the_year_leaves_the_giay_khen_alone(pack):
    disciplined = person(disciplines=(DisciplineRecord("khien_trach", date(2025, 1, 1), date(2025, 12, 31)),))
    assert verdict(pack, disciplined, "GIAY_KHEN").status == Status.ELIGIBLE


def test_a_run_of_cstdcs_years_used_for_a_higher_award_is_not_used_again(pack):
    """CSTĐCS 2021–2025, CSTĐ cấp tỉnh and Bằng khen tỉnh of 2025 from above: in 2026 the run starts again from
    2026 for each of them (one achievement, one award), so neither is proposed again from the same years."""
    from desktop.domain.history import AwardRecord, Initiative

    awards = (
        *(AwardRecord(y, "CSTDCS") for y in range(2021, 2026)),
        AwardRecord(2025, "CSTD_TINH", source="above", decision_no="12/QĐ-UBND"),
        AwardRecord(2025, "BK_TINH", source="above", decision_no="13/QĐ-UBND"),
    )
    ideas = tuple(Initiative(f"sk{y}", f"Sáng kiến {y}", "tinh", y) for y in (2025, 2026))
    veteran = person(ratings={y: "HTXSNV" for y in range(2021, 2027)}, awards=awards, initiatives=ideas)
    for code in ("CSTD_TINH", "BK_TINH"):
        found = verdict(pack, veteran, code)
        assert found.status == Status.NOT_ELIGIBLE, (code, [r.text for r in found.reasons])
        assert any(
            "năm 2025: các năm đến 2025 đã dùng cho khen thưởng đó, chuỗi năm tính lại từ 2026" in r.text
            for r in found.reasons
        )
    assert verdict(pack, veteran, "CSTDCS").status == Status.NEEDS_VOTE  # the grassroots title itself goes on


def test_without_an_earlier_higher_award_the_run_counts_in_full(pack):
    from desktop.domain.history import AwardRecord, Initiative

    awards = tuple(AwardRecord(y, "CSTDCS") for y in range(2023, 2026))
    ideas = (Initiative("sk", "Sáng kiến cấp tỉnh", "tinh", 2025),)
    veteran = person(ratings={y: "HTXSNV" for y in range(2023, 2027)}, awards=awards, initiatives=ideas)
    assert verdict(pack, veteran, "CSTD_TINH").status == Status.NEEDS_VOTE
