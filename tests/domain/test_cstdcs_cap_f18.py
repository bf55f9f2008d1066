"""The CSTĐCS cap binds in the engine: who already holds CSTĐCS for the year takes a place first, and a candidate
past the cap loses what stood on this year's CSTĐCS (CSTĐ cấp tỉnh) and the collective's TTLĐXS count."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.eligibility import Status, evaluate
from desktop.domain.history import AwardRecord, CollectiveRecord, Initiative, PersonRecord, UnitData
from desktop.domain.rules import load_default_pack

YEAR = 2022  # NĐ 91/2017: 15 % of LĐTT
TODAY = date(2026, 1, 10)


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


def person(pid: int, name: str, *, initiative: str = "", awards=(), rating: str = "HTTNV") -> PersonRecord:
    initiatives = (Initiative(f"i{pid}", f"Sáng kiến {pid}", initiative, YEAR),) if initiative else ()
    return PersonRecord(
        id=pid, uuid=f"u{pid}", name=name, start_date=date(2010, 1, 1), ratings={YEAR: rating},
        initiatives=initiatives, awards=tuple(awards),
    )  # fmt: skip


def _staff(*leaders: PersonRecord) -> list[PersonRecord]:
    return [*leaders, *(person(100 + i, f"Người {chr(65 + i)}") for i in range(10 - len(leaders)))]


def test_one_who_holds_cstdcs_for_the_year_takes_the_place(pack):
    held = person(1, "An Đã Có", initiative="co_so", awards=(AwardRecord(YEAR, "CSTDCS", decision_no="1/QĐ"),))
    other = person(2, "Bình Ứng Viên", initiative="tinh")
    verdicts = evaluate(UnitData(_staff(held, other)), YEAR, pack, today=TODAY)
    found = next(v for v in verdicts if v.code == "CSTDCS" and v.subject_id == 2)
    assert found.status == Status.NOT_ELIGIBLE
    assert any(
        "= 1 người; đã có quyết định 1 người: An Đã Có; xếp thứ 1/1, vượt tỷ lệ" in r.text
        for r in found.reasons
        if r.met is False
    )


def test_past_the_cap_the_cstd_tinh_and_the_ttldxs_count_lose_this_years_cstdcs(pack):
    run = tuple(AwardRecord(y, "CSTDCS") for y in (YEAR - 2, YEAR - 1))
    first = person(1, "An Thứ Nhất", initiative="co_so", rating="HTXSNV")  # ranks first: the better rating
    second = person(2, "Bình Thứ Hai", initiative="tinh", awards=run)
    people = _staff(first, second)
    team = CollectiveRecord(50, "c50", "Tổ hai", (2, *(p.id for p in people[2:])), {YEAR: "HTXSNV"})
    verdicts = evaluate(UnitData(people, [team]), YEAR, pack, today=TODAY)
    by = {(v.subject_id, v.code): v for v in verdicts}
    assert by[(1, "CSTDCS")].status == Status.NEEDS_VOTE
    assert by[(2, "CSTDCS")].status == Status.NOT_ELIGIBLE
    tinh = by[(2, "CSTD_TINH")]
    assert tinh.status == Status.NOT_ELIGIBLE, tinh.lines()
    assert any(r.met is False and r.text.startswith("Chưa đủ 3 năm liên tục đạt CSTĐCS") for r in tinh.reasons)
    ttldxs = by[(50, "TTLDXS")]
    assert any(r.met is False and r.text == "Thành viên đạt CSTĐCS: 0 (cần ít nhất 1)" for r in ttldxs.reasons)
