"""What every operation reads the same way: a date typed or picked, a year, a text that may not be empty.

Each raises :class:`desktop.store.ValidationError` naming the field, so the window can point at it and the command
line prints the message.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.dates import DateError
from desktop.domain.dates import check_year as _domain_check_year
from desktop.domain.text import NOTES_MAX_LENGTH, TEXT_MAX_LENGTH, InputTextError, clean_input
from desktop.i18n import _
from desktop.store import ValidationError


def as_date(value: date | str, field: str = "date") -> date:
    """A date given as a date or as text "YYYY-MM-DD" (anything after the tenth character is ignored)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValidationError(
            _("“{value}” không phải ngày hợp lệ (dạng YYYY-MM-DD).").format(value=value), field=field
        ) from None


def iso_date(value: date | str | None, field: str) -> str | None:
    """:func:`as_date` as "YYYY-MM-DD", None for a date left empty."""
    if value is None or value == "":
        return None
    return as_date(value, field).isoformat()


def check_year(year: object, *, field: str = "year") -> int:
    """A calendar year (:func:`desktop.domain.dates.check_year`), refused as a ValidationError of ``field``."""
    try:
        return _domain_check_year(year)
    except DateError as exc:
        raise ValidationError(str(exc), field=field) from None


def check_record_year(year: object, *, first: int, field: str = "year", today: date | None = None) -> int:
    """The year of a rating or an award: from ``first`` to this year. A year not begun has no rating or award yet
    (the history import refuses one the same way, ``history_import.cells``); a rating typed for next year would
    wait silently there and be counted once that year is reviewed."""
    last = (today or date.today()).year
    if isinstance(year, bool) or not isinstance(year, int) or not first <= year <= last:
        if isinstance(year, int) and not isinstance(year, bool) and year > last:
            message = _("Năm {year} chưa đến (năm nay là {last}): chưa có xếp loại, khen thưởng của năm đó.")
        else:
            message = _("Năm {year} không hợp lệ (chỉ nhận từ {first} đến {last}).")
        raise ValidationError(message.format(year=year, first=first, last=last), field=field)
    return year


def require_text(
    value: str, field: str, message: str, *, label: str = "", multiline: bool = True, max_length: int = NOTES_MAX_LENGTH
) -> str:
    """``value`` cleaned as :func:`clean_text` cleans it (a reason by default: several lines, no control or hidden
    direction character); ``message`` when it is empty. ``label`` names the field in the cleaning's refusals."""
    text = clean_text(value, field, label or _("Nội dung"), multiline=multiline, max_length=max_length)
    if not text:
        raise ValidationError(message, field=field)
    return text


def clean_text(
    value: object, field: str, label: str, *, multiline: bool = False, max_length: int = TEXT_MAX_LENGTH
) -> str:
    """Text typed or passed in, as it is stored (:func:`desktop.domain.text.clean_input`: NFC, trimmed, no control or
    hidden direction characters, at most ``max_length``); a ValidationError of ``field`` whose message starts with
    ``label``, the field's name on screen, otherwise."""
    try:
        return clean_input(value, field=label, multiline=multiline, max_length=max_length)
    except InputTextError as exc:
        raise ValidationError(str(exc), field=field) from None


__all__ = ["as_date", "check_record_year", "check_year", "clean_text", "iso_date", "require_text"]
