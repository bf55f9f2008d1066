"""Dates as clerks type them: 05/03/1980, 5-3-1980, 1980-03-05, Excel serial numbers, Excel cells."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from desktop.i18n import _

_DMY = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2,4})$")
# ISO dates, with at most a time of day after them (how a date cell of another program prints): "1985-03-05
# (chưa chắc)" or "1985-03-05 hoặc 1986-03-05" is a doubt the clerk wrote down, never the first date alone.
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EPOCH_1904 = date(1904, 1, 1)  # workbooks saved with "Use 1904 date system" (old Mac Excel) count from here


class DateError(ValueError):
    """A value that is not a real date; the message says why in the clerk's words."""


YEARS = (1900, 2100)  # the years any record of the program may name


def check_year(year: object, *, what: str = "") -> int:
    """A calendar year 1900–2100 as an int; DateError otherwise ("-2025", 99999, True, 2025.5)."""
    if isinstance(year, bool) or not isinstance(year, int) or not YEARS[0] <= year <= YEARS[1]:
        raise DateError(
            _("{what}năm {year} không hợp lệ (chỉ từ {low} đến {high}).").format(
                what=f"{what}: " if what else "", year=year, low=YEARS[0], high=YEARS[1]
            )
        )
    return year


def _build(year: int, month: int, day: int, raw: str, *, two_digit_year: bool = False) -> date:
    """The date, checked; a year written with two digits ("80") is 1980 or 20xx, one written with four ("0001") is
    what it says, and outside 1900–2100 it is refused rather than read as another year."""
    if two_digit_year:
        year += 1900 if year > 30 else 2000
    if not YEARS[0] <= year <= YEARS[1]:
        raise DateError(
            _("“{value}”: năm {year} nằm ngoài khoảng {low}–{high}.").format(
                value=raw, year=year, low=YEARS[0], high=YEARS[1]
            )
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            _("“{value}” không phải ngày có thật (ngày {day}, tháng {month}, năm {year}).").format(
                value=raw, day=day, month=month, year=year
            )
        ) from None


def parse_date(value: object, *, allow_year_only: bool = False, epoch_1904: bool = False) -> date | None:
    """Read a date from a cell or a typed string; None for an empty value; DateError if wrong. ``epoch_1904``: the
    cell comes from a workbook of the 1904 date system, whose day numbers are 1,462 days short of the usual."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _from_date_cell(value.date(), epoch_1904=epoch_1904)
    if isinstance(value, date):
        return _from_date_cell(value, epoch_1904=epoch_1904)
    if isinstance(value, bool):
        raise DateError(_("“{value}” không phải ngày.").format(value=value))
    if isinstance(value, int | float):
        return _from_number(float(value), _number_text(value), allow_year_only=allow_year_only, epoch_1904=epoch_1904)
    raw = str(value).strip()
    if not raw:
        return None
    match = _DMY.match(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _build(year, month, day, raw, two_digit_year=len(match.group(3)) <= 2)
    match = _YMD.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _build(year, month, day, raw)
    match = _YEAR_ONLY.match(raw)
    if match and allow_year_only:
        return _build(int(match.group(1)), 1, 1, raw)
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        return _from_number(float(raw), raw, allow_year_only=allow_year_only, epoch_1904=epoch_1904)
    raise DateError(
        _("“{value}” không đọc được thành ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980.").format(value=raw)
    )


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _from_number(number: float, raw: str, *, allow_year_only: bool, epoch_1904: bool = False) -> date:
    """A number in a date cell: Excel's day count, except a whole number of the years 1900–2100, which is a year
    typed where a date belongs ("2024" read as day 2024 of Excel's calendar is 16/07/1905: a discipline or an
    initiative silently moved a century back)."""
    if number.is_integer() and YEARS[0] <= number <= YEARS[1]:
        if allow_year_only:
            return _build(int(number), 1, 1, raw)
        raise DateError(
            _("“{value}” là một năm, không phải ngày; hãy ghi đủ ngày/tháng/năm, ví dụ 01/03/{value}.").format(
                value=raw
            )
        )
    return _from_serial(number, raw, epoch_1904=epoch_1904)


# The first day a day number may stand for. A smaller number in a date column (12, 15: a day of the month, a count
# typed in the wrong column) is no date the clerk meant, though Excel counts it as a day of 1900 (of 1904 in a
# workbook of the 1904 system): refused rather than stored as 11/01/1900. No real date a file brings is earlier: a
# person's birth date (the staff list refuses anyone over 100 years old, so none before the 1920s), a start of work
# (after the birth), a rating, award, initiative, discipline or leave (the history begins in 1975). Excel's day
# numbers below 61 are one day off (its 29/02/1900 that never was); all of them are below this floor.
FIRST_SERIAL_DAY = date(1920, 1, 1)


def _from_serial(serial: float, raw: str, *, epoch_1904: bool = False) -> date:
    # 1 = 1900-01-01 in Excel (0 = 1904-01-01 in the 1904 system); values outside 1920–2200 are not dates a clerk
    # means.
    epoch = _EXCEL_EPOCH_1904 if epoch_1904 else _EXCEL_EPOCH
    if not serial <= 110_000 - (epoch - _EXCEL_EPOCH).days:  # "not <=": NaN too
        raise DateError(_("“{value}” không phải ngày.").format(value=raw))
    if serial < (FIRST_SERIAL_DAY - epoch).days:
        raise DateError(
            _("“{value}” là một con số, không phải ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980.").format(
                value=raw
            )
        )
    return epoch + timedelta(days=int(serial))


def _from_date_cell(day: date, *, epoch_1904: bool) -> date:
    """A date cell's date, refused before :data:`FIRST_SERIAL_DAY`: a year or a count typed into a column formatted
    as dates (2010 shows as 02/07/1905, 12 as 12/01/1900), which plain number cells are refused for already."""
    if day >= FIRST_SERIAL_DAY:
        return day
    shown = format_date(day)
    if epoch_1904:
        typed = (day - _EXCEL_EPOCH_1904).days
    else:  # Excel's day numbers before 01/03/1900 count from 31/12/1899 (its 29/02/1900 that never was)
        typed = (day - (_EXCEL_EPOCH if day >= date(1900, 3, 1) else date(1899, 12, 31))).days
    if YEARS[0] <= typed <= YEARS[1]:
        message = _(
            "có lẽ đã gõ năm {typed} vào ô định dạng ngày (Excel hiện thành {shown}): là một con số, không phải "
            "ngày; hãy ghi đủ ngày/tháng/năm, ví dụ 01/03/{typed}."
        )
    elif typed > 0:
        message = _(
            "có lẽ đã gõ số {typed} vào ô định dạng ngày (Excel hiện thành {shown}): là một con số, không phải "
            "ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980."
        )
    else:
        message = _("ngày {shown} có trước năm {first}, không phải ngày hồ sơ nào ghi; hãy xem lại ngày.")
    raise DateError(message.format(shown=shown, typed=typed, first=FIRST_SERIAL_DAY.year))


def format_date(value: date | str | None) -> str:
    """dd/mm/yyyy, the way every Vietnamese document writes dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def year_end(year: int) -> date:
    """31 December of ``year``: the date a year's review and its decisions are reckoned at by default."""
    return date(year, 12, 31)


def default_year(today: date | None = None) -> int:
    """The year a clerk is working on: from October this year's round is prepared; before that, last year's is
    the one being closed."""
    today = today or date.today()
    return today.year if today.month >= 10 else today.year - 1
