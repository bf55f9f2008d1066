"""Reward money: every amount of the decree's table, at 2,340,000 and at 2,530,000 (NĐ 152/2025/NĐ-CP, Điều 49–54)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.money import PayLine, format_number, reward_amount, round_up, select_payable
from desktop.domain.rules import RulePackError, load_default_pack

AT_2340 = date(2025, 12, 30)  # NĐ 73/2024: 2,340,000 from 1/7/2024
AT_2530 = date(2026, 12, 30)  # NĐ 161/2026 (unconfirmed): 2,530,000 from 1/7/2026

# (code, target, coefficient, amount at 2,340,000, amount at 2,530,000, article checked)
# The 2,530,000 column: coefficient × 2,530,000 rounded up to 10,000.
TABLE = [
    ("CSTD_TQ", "individual", "4.5", 10_530_000, 11_390_000, "NĐ152 Đ49–54: CSTĐ toàn quốc 4,5"),
    ("CSTD_TINH", "individual", "3.0", 7_020_000, 7_590_000, "NĐ152 Đ49–54: CSTĐ cấp tỉnh 3,0"),
    ("CSTDCS", "individual", "1.0", 2_340_000, 2_530_000, "NĐ152 Đ49–54: CSTĐCS 1,0"),
    ("LDTT", "individual", "0.3", 710_000, 760_000, "NĐ152 Đ49–54: LĐTT 0,3 (702.000 → 710.000)"),
    ("TTLDXS", "collective", "1.5", 3_510_000, 3_800_000, "NĐ152 Đ49–54: TTLĐXS 1,5"),
    ("TTLDTT", "collective", "0.8", 1_880_000, 2_030_000, "NĐ152 Đ49–54: TTLĐTT 0,8 (1.872.000 → 1.880.000)"),
    ("XA_TIEU_BIEU", "collective", "2.0", 4_680_000, 5_060_000, "NĐ152 Đ49–54: xã tiêu biểu 2,0"),
    ("THON_VH", "collective", "1.5", 3_510_000, 3_800_000, "NĐ152 Đ49–54: thôn văn hóa 1,5"),
    ("CO_CP", "collective", "12", 28_080_000, 30_360_000, "NĐ152 Đ49–54: Cờ Chính phủ 12"),
    ("CO_TINH", "collective", "8", 18_720_000, 20_240_000, "NĐ152 Đ49–54: Cờ cấp tỉnh 8"),
    ("BK_TTG", "individual", "3.5", 8_190_000, 8_860_000, "NĐ152 Đ49–54: Bằng khen Thủ tướng cá nhân 3,5"),
    ("BK_TTG", "collective", "7.0", 16_380_000, 17_710_000, "NĐ152 Đ49–54: Bằng khen Thủ tướng tập thể 7,0"),
    ("BK_TINH", "individual", "1.5", 3_510_000, 3_800_000, "NĐ152 Đ49–54: Bằng khen tỉnh cá nhân 1,5"),
    ("BK_TINH", "collective", "3.0", 7_020_000, 7_590_000, "NĐ152 Đ49–54: Bằng khen tỉnh tập thể 3,0"),
    ("GIAY_KHEN", "individual", "0.3", 710_000, 760_000, "NĐ152 Đ49–54: Giấy khen cá nhân 0,3"),
    ("GIAY_KHEN", "collective", "0.6", 1_410_000, 1_520_000, "NĐ152 Đ49–54: Giấy khen tập thể 0,6 (1.404.000)"),
]


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


@pytest.mark.parametrize(("code", "target", "coefficient", "at_2340", "at_2530", "article"), TABLE)
def test_table_amounts(pack, code, target, coefficient, at_2340, at_2530, article):
    first = reward_amount(pack, code, target, AT_2340)
    assert first.coefficient == Decimal(coefficient), article
    assert first.base_salary == 2_340_000
    assert first.amount == at_2340, article
    second = reward_amount(pack, code, target, AT_2530)
    assert second.base_salary == 2_530_000
    assert second.amount == at_2530, article


@pytest.mark.parametrize(
    ("amount", "expected", "article"),
    [
        (Decimal(1_112_000), 1_120_000, "NĐ152 official example: 1.112.000 → 1.120.000"),
        (Decimal(1_120_000), 1_120_000, "an exact multiple stays"),
        (Decimal("702000.0"), 710_000, "LĐTT 0,3 × 2.340.000"),
        (Decimal(1), 10_000, "anything above a multiple goes up"),
        (Decimal(0), 0, "zero stays zero"),
    ],
)
def test_round_up(amount, expected, article):
    assert round_up(amount, 10_000) == expected, article


def test_arithmetic_text_shows_rounding_and_citations(pack):
    reward = reward_amount(pack, "LDTT", "individual", AT_2340)
    assert reward.explanation.startswith("0,3 × 2.340.000 = 702.000 → làm tròn lên 710.000 đồng (NĐ 152/2025/NĐ-CP")
    assert "NĐ 73/2024/NĐ-CP" in reward.explanation
    exact = reward_amount(pack, "CSTDCS", "individual", AT_2340)
    assert exact.explanation.startswith("1,0 × 2.340.000 = 2.340.000 đồng (")


def test_base_salary_on_the_decision_date(pack):
    """The salary in force on the day the decision is signed, not the year of the achievement."""
    assert reward_amount(pack, "LDTT", "individual", date(2024, 6, 30)).amount == 540_000  # 0,3 × 1.800.000
    assert reward_amount(pack, "LDTT", "individual", date(2024, 7, 1)).amount == 710_000
    assert reward_amount(pack, "LDTT", "individual", date(2026, 6, 30)).amount == 710_000
    assert reward_amount(pack, "LDTT", "individual", date(2026, 7, 1)).amount == 760_000
    unconfirmed = reward_amount(pack, "LDTT", "individual", date(2026, 7, 1))
    assert "(chưa xác nhận)" in unconfirmed.explanation
    # Before 1/1/2024 the coefficients are NĐ 91/2017's; the base salary of that date (1.490.000 from 1/7/2019).
    assert reward_amount(pack, "LDTT", "individual", date(2023, 6, 30)).amount == 450_000  # 0,3 × 1.490.000
    with pytest.raises(RulePackError, match="chỉ có từ ngày 01/01/2018"):
        reward_amount(pack, "LDTT", "individual", date(2017, 12, 31))


@pytest.mark.parametrize(
    ("code", "target", "on", "amount", "cite"),
    [
        # NĐ 91/2017 (reported, flagged unconfirmed): Giấy khen 0,15 / 0,3; Bằng khen tỉnh 1,0 / 2,0.
        ("GIAY_KHEN", "individual", date(2023, 12, 26), 270_000, "NĐ 91/2017/NĐ-CP"),
        ("GIAY_KHEN", "collective", date(2023, 12, 26), 540_000, "NĐ 91/2017/NĐ-CP"),
        ("BK_TINH", "individual", date(2023, 12, 26), 1_800_000, "NĐ 91/2017/NĐ-CP"),
        ("BK_TINH", "collective", date(2023, 12, 26), 3_600_000, "NĐ 91/2017/NĐ-CP"),
        # NĐ 98/2023, 1/1/2024–30/6/2025.
        ("GIAY_KHEN", "individual", date(2024, 12, 26), 710_000, "NĐ 98/2023/NĐ-CP"),
        ("BK_TINH", "collective", date(2025, 6, 30), 7_020_000, "NĐ 98/2023/NĐ-CP"),
        # NĐ 152/2025 from 1/7/2025: Điều 50 for titles, Điều 54 for Bằng khen and Giấy khen.
        ("GIAY_KHEN", "individual", date(2025, 7, 1), 710_000, "NĐ 152/2025/NĐ-CP, Điều 54"),
        ("CSTDCS", "individual", date(2025, 7, 1), 2_340_000, "NĐ 152/2025/NĐ-CP, Điều 50"),
    ],
)
def test_coefficients_and_citations_follow_the_decision_date(pack, code, target, on, amount, cite):
    reward = reward_amount(pack, code, target, on)
    assert reward.amount == amount
    assert reward.citations[0].startswith(cite)
    assert cite in reward.explanation
    if on >= date(2025, 7, 1):
        assert "NĐ 152/2025/NĐ-CP, Điều 49" in reward.explanation  # base salary and rounding up
    else:
        assert "152/2025" not in reward.explanation


@pytest.mark.parametrize(
    ("code", "expected", "article"),
    [
        ("GIAY_KHEN", 1_060_000, "household 1,5 × 0,3 × 2.340.000 = 1.053.000 → 1.060.000"),
        ("BK_TINH", 5_270_000, "household 1,5 × 1,5 × 2.340.000 = 5.265.000 → 5.270.000"),
    ],
)
def test_household_gets_one_and_a_half_times_for_award_forms(pack, code, expected, article):
    reward = reward_amount(pack, code, "household", AT_2340)
    assert reward.multiplier == Decimal("1.5")
    assert reward.amount == expected, article
    assert reward.explanation.startswith("1,5 × ")


def test_missing_coefficient_is_an_error(pack):
    with pytest.raises(RulePackError, match="không có hệ số tiền thưởng cho đối tượng “tập thể”"):
        reward_amount(pack, "LDTT", "collective", AT_2340)


def test_only_highest_title_per_period_title_and_award_form_both_paid(pack):
    lines = [
        PayLine("p1", "2025", "LDTT"),
        PayLine("p1", "2025", "CSTDCS"),
        PayLine("p1", "2025", "GIAY_KHEN"),
        PayLine("p1", "2024", "LDTT"),
        PayLine("p2", "2025", "LDTT"),
    ]
    paid = {(d.line.recipient, d.line.period, d.line.code): d.paid for d in select_payable(pack, lines)}
    assert paid == {
        ("p1", "2025", "LDTT"): False,  # same period as CSTĐCS: only the highest is paid
        ("p1", "2025", "CSTDCS"): True,
        ("p1", "2025", "GIAY_KHEN"): True,  # a title and an award form: both paid
        ("p1", "2024", "LDTT"): True,  # a different period is paid
        ("p2", "2025", "LDTT"): True,
    }
    unpaid = next(d for d in select_payable(pack, lines) if not d.paid)
    assert "Chiến sĩ thi đua cơ sở" in unpaid.reason


def test_format_number():
    assert format_number(2_340_000) == "2.340.000"
    assert format_number(Decimal("0.3")) == "0,3"
    assert format_number(Decimal("1053000.5")) == "1.053.000,5"
