"""Runs of years for the Bằng khen tỉnh and CSTĐ cấp tỉnh, as an inspector reads them (review E, stop 30).

- A year spent (almost) wholly under discipline is not one of the "năm liên tục": achievements count from the day
  after the discipline ends (NĐ 152 Điều 4); its year counts only when enough of it is left (LĐTT's 6 months).
- Route B of the Bằng khen tỉnh (Luật 2022 Điều 74.1.d): "02 năm trở lên liên tục hoàn thành xuất sắc nhiệm vụ,
  trong thời gian đó có 02 sáng kiến": the initiatives of the whole run count, not only of its last two years.
- A Bằng khen tỉnh the province already conferred for this very year used this year's run: not proposed again.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.eligibility import Status, evaluate
from desktop.domain.history import AwardRecord, DisciplineRecord, Initiative, PersonRecord, UnitData
from desktop.domain.rules import load_default_pack

TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


def verdict(pack, year: int, code: str, **fields):
    fields.setdefault("start_date", date(2015, 1, 1))
    someone = PersonRecord(id=1, uuid="u1", name="Vũ Thị Hồng Hằng", **fields)
    (found,) = [v for v in evaluate(UnitData([someone], []), year, pack, today=TODAY) if v.code == code]
    return found


def texts(found) -> str:
    return " | ".join(reason.text for reason in found.reasons)


def excellent(*years: int) -> dict[int, str]:
    return {y: "HTXSNV" for y in years}


TWO_INITIATIVES = (
    Initiative("1", "Số hóa hồ sơ một cửa", "co_so", 2024),
    Initiative("2", "Sổ tay tiếp công dân", "co_so", 2025),
)


@pytest.mark.parametrize(
    ("discipline", "counted"),
    [
        (DisciplineRecord("canh_cao", date(2023, 12, 20), date(2024, 12, 19)), False),  # 12 days of 2024 left
        (DisciplineRecord("khien_trach", date(2024, 1, 1), date(2024, 12, 31)), False),  # the whole of 2024
        (DisciplineRecord("khien_trach", date(2023, 7, 1), date(2024, 6, 30)), True),  # 6 months of 2024 left
        (DisciplineRecord("khien_trach", date(2023, 1, 1), date(2023, 12, 31)), True),  # over before 2024
    ],
)
def test_a_year_under_discipline_is_not_one_of_the_consecutive_years(pack, discipline, counted):
    found = verdict(
        pack, 2025, "BK_TINH", ratings=excellent(2024, 2025), initiatives=TWO_INITIATIVES, disciplines=(discipline,)
    )
    if counted:
        assert found.status == Status.ELIGIBLE, texts(found)
        assert "Hoàn thành xuất sắc nhiệm vụ: 2 năm liên tục (2024, 2025)" in texts(found)
    else:
        assert found.status == Status.NOT_ELIGIBLE, texts(found)
        assert "Hoàn thành xuất sắc nhiệm vụ: 1 năm liên tục (2025), cần 2 năm" in texts(found)


def test_route_b_counts_the_initiatives_of_the_whole_run(pack):
    early = (
        Initiative("1", "Số hóa hồ sơ một cửa", "co_so", 2022),
        Initiative("2", "Sổ tay tiếp công dân", "co_so", 2023),
    )
    found = verdict(pack, 2025, "BK_TINH", ratings=excellent(2022, 2023, 2024, 2025), initiatives=early)
    assert found.status == Status.ELIGIBLE, texts(found)
    assert "Sáng kiến được công nhận trong 2022–2025 còn dùng được: 2 (cần 2)" in texts(found)
    # An initiative from before the run is not "trong thời gian đó".
    before = (Initiative("1", "Số hóa hồ sơ một cửa", "co_so", 2021), early[1])
    found = verdict(pack, 2025, "BK_TINH", ratings=excellent(2022, 2023, 2024, 2025), initiatives=before)
    assert found.status == Status.NOT_ELIGIBLE, texts(found)


def test_a_bang_khen_the_province_conferred_for_this_year_is_not_proposed_again(pack):
    held = (
        AwardRecord(2024, "CSTDCS", "above"),
        AwardRecord(2025, "CSTDCS", "above"),
        AwardRecord(2025, "BK_TINH", "above", "77/QĐ-UBND"),
    )
    found = verdict(pack, 2025, "BK_TINH", ratings=excellent(2024, 2025), awards=held)
    assert found.status == Status.NOT_ELIGIBLE, texts(found)
    assert "Đã được Bằng khen tỉnh năm 2025: các năm đến 2025 đã dùng cho khen thưởng đó" in texts(found)
    # The year after, a new run starts from 2026.
    found = verdict(
        pack,
        2027,
        "BK_TINH",
        ratings=excellent(2026, 2027),
        awards=held,
        initiatives=(
            Initiative("1", "Số hóa hồ sơ một cửa", "co_so", 2026),
            Initiative("2", "Sổ tay tiếp công dân", "co_so", 2027),
        ),
    )
    assert found.status == Status.ELIGIBLE, texts(found)
