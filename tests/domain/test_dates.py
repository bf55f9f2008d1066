"""Dates as clerks type them and as Excel stores them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.dates import DateError, format_date, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/03/1980", date(1980, 3, 5)),
        ("5/3/1980", date(1980, 3, 5)),
        ("05-03-1980", date(1980, 3, 5)),
        ("05.03.1980", date(1980, 3, 5)),
        ("1980-03-05", date(1980, 3, 5)),
        ("29/02/2024", date(2024, 2, 29)),
        (29285, date(1980, 3, 5)),  # Excel serial
        (29285.0, date(1980, 3, 5)),
        ("29285", date(1980, 3, 5)),
        (datetime(1980, 3, 5, 0, 0), date(1980, 3, 5)),
        (date(1980, 3, 5), date(1980, 3, 5)),
        (None, None),
        ("  ", None),
    ],
)
def test_parse_date_accepts_the_usual_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/1980", "29/02/2023", "00/01/1990", "12/13/1990", "hôm qua", True, -5])
def test_parse_date_rejects_impossible_dates_with_a_vietnamese_message(value):
    with pytest.raises(DateError) as excinfo:
        parse_date(value)
    assert "ngày" in str(excinfo.value)


def test_feb_31_message_names_the_value():
    with pytest.raises(DateError, match="31/02/1980"):
        parse_date("31/02/1980")


def test_year_only_when_allowed():
    assert parse_date("1975", allow_year_only=True) == date(1975, 1, 1)


def test_format_date_is_dd_mm_yyyy():
    assert format_date("1980-03-05") == "05/03/1980"
    assert format_date(date(2025, 12, 30)) == "30/12/2025"
    assert format_date(None) == ""
