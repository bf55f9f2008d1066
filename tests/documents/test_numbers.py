"""Money, percentages and the date line as Vietnamese administrative documents write them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from desktop.documents.numbers import (
    date_line,
    date_text,
    format_money,
    format_money_vnd,
    format_number,
    format_percent,
    short_date,
)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (2_340_000, "2.340.000"),
        (710_000, "710.000"),
        (0, "0"),
        (999, "999"),
        (1_000, "1.000"),
        (Decimal("28080000"), "28.080.000"),
        (-1_500_000, "-1.500.000"),
        (1_234_567_890, "1.234.567.890"),
    ],
)
def test_format_money_groups_thousands_with_dots(amount, expected):
    assert format_money(amount) == expected


def test_money_with_currency_word():
    assert format_money_vnd(2_340_000) == "2.340.000 đồng"


def test_format_number_uses_a_decimal_comma():
    assert format_number(Decimal("0.3")) == "0,3"
    assert format_number(2.5, decimals=2) == "2,50"
    assert format_number(12345.678, decimals=1) == "12.345,7"


@pytest.mark.parametrize(
    ("ratio", "expected"), [(0.8, "80,0%"), (Decimal("0.7"), "70,0%"), (1, "100,0%"), (0.5123, "51,2%"), (0, "0,0%")]
)
def test_format_percent_takes_a_ratio(ratio, expected):
    assert format_percent(ratio) == expected


def test_format_percent_digits():
    assert format_percent(0.8, decimals=0) == "80%"
    assert format_percent(0.12345, decimals=2) == "12,35%"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Nghị định 30/2020/NĐ-CP, Phụ lục I: a zero before days 1-9 and before months 1 and 2 only
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2025, 12, 25), "ngày 25 tháng 12 năm 2025"),
        (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (date(2025, 9, 1), "ngày 01 tháng 9 năm 2025"),
        (date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
        (date(2025, 11, 30), "ngày 30 tháng 11 năm 2025"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2025, 1, 31), "ngày 31 tháng 01 năm 2025"),
    ],
)
def test_date_text_follows_decree_30(day, expected):
    assert date_text(day) == expected


def test_every_day_of_a_year_follows_the_rule():
    day = date(2024, 1, 1)
    while day.year == 2024:
        text = date_text(day)
        day_part, month_part = text.split()[1], text.split()[3]
        assert day_part == (f"{day.day:02d}" if day.day < 10 else str(day.day))
        assert month_part == (f"{day.month:02d}" if day.month in (1, 2) else str(day.month))
        day = date.fromordinal(day.toordinal() + 1)


def test_date_line_with_place():
    assert date_line("Lũng Cú", date(2025, 12, 30)) == "Lũng Cú, ngày 30 tháng 12 năm 2025"
    assert date_line("Lũng Cú", "2026-02-05") == "Lũng Cú, ngày 05 tháng 02 năm 2026"
    assert date_line("Lũng Cú", datetime(2025, 3, 9, 14, 30)) == "Lũng Cú, ngày 09 tháng 3 năm 2025"


def test_date_line_left_blank_for_the_signer():
    text = date_line("Lũng Cú", None, year=2025)
    assert text.startswith("Lũng Cú, ngày")
    assert text.endswith("năm 2025")
    assert "tháng" in text
    assert text.split("ngày")[1].split("tháng")[0].strip("\u00a0") == ""  # room to write the day by hand


def test_bad_date_says_what_is_wrong():
    with pytest.raises(ValueError, match="30/12/2025"):
        date_text("30/12/2025")


def test_short_date():
    assert short_date(date(2026, 2, 5)) == "05/02/2026"
    assert short_date("2025-12-30") == "30/12/2025"
    assert short_date(None) == ""
