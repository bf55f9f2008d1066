"""Numbers, money and dates written the way Vietnamese administrative documents write them.

Money uses Babel's Vietnamese locale (dot groups thousands: 2.340.000). The date line follows Nghị định
30/2020/NĐ-CP, Phụ lục I: days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02",
"ngày 09 tháng 3", "ngày 25 tháng 12"), so a handwritten "1" can never be added in front of them.
These words are the language of the document itself, so they are data, not translatable UI text.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from desktop.i18n import _

LOCALE = "vi"
CURRENCY_WORD = "đồng"
# What a clerk leaves for the signer to fill in by hand: "ngày      tháng      năm 2025".
_BLANK = "\u00a0" * 6


def format_number(value: int | float | Decimal, *, decimals: int | None = None) -> str:
    """2340000 → "2.340.000"; 0.3 → "0,3"; ``decimals`` fixes the digits after the comma."""
    if decimals is None:
        return str(format_decimal(value, locale=LOCALE))
    # Round half up as people do by hand (Babel alone rounds half to even: 12,345 → 12,34).
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(rounded, format=pattern, locale=LOCALE))


def format_money(amount: int | Decimal) -> str:
    """Whole đồng with dots between thousands: 2340000 → "2.340.000"."""
    return format_number(amount, decimals=0)


def format_money_vnd(amount: int | Decimal) -> str:
    """2340000 → "2.340.000 đồng"."""
    return f"{format_money(amount)} {CURRENCY_WORD}"


def format_percent(ratio: float | Decimal, *, decimals: int = 1) -> str:
    """A ratio as a percentage with a decimal comma: 0.8 → "80,0%" (pass the ratio, not the percentage)."""
    return format_number(Decimal(str(ratio)) * 100, decimals=decimals) + "%"


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(_("Ngày không hợp lệ: “{value}” (cần dạng năm-tháng-ngày).").format(value=value)) from None


def day_text(day: int) -> str:
    """Day of month for a date line: 5 → "05", 25 → "25"."""
    return f"{day:02d}" if day < 10 else str(day)


def month_text(month: int) -> str:
    """Month for a date line: only January and February get a zero ("01", "02"); 3 → "3", 12 → "12"."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_text(value: date | datetime | str) -> str:
    """ "ngày 05 tháng 02 năm 2026" (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    d = _as_date(value)
    return f"ngày {day_text(d.day)} tháng {month_text(d.month)} năm {d.year}"


def date_line(place: str, value: date | datetime | str | None, *, year: int | None = None) -> str:
    """ "Lũng Cú, ngày 30 tháng 12 năm 2025".

    With no date, blanks for the signer to fill in by hand: "Lũng Cú, ngày      tháng      năm 2025".
    """
    if value is None:
        shown_year = str(year) if year else _BLANK
        return f"{place}, ngày{_BLANK}tháng{_BLANK}năm {shown_year}".strip()
    return f"{place}, {date_text(value)}"


def short_date(value: date | datetime | str | None) -> str:
    """dd/mm/yyyy for table cells ("05/02/2026"); "" for no date."""
    if value is None or value == "":
        return ""
    return _as_date(value).strftime("%d/%m/%Y")


__all__ = [
    "CURRENCY_WORD",
    "date_line",
    "date_text",
    "day_text",
    "format_money",
    "format_money_vnd",
    "format_number",
    "format_percent",
    "month_text",
    "short_date",
]
