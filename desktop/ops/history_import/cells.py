"""Reading one cell as a year, a rating, a yes/no or a code from a list (accents and case ignored)."""

from __future__ import annotations

import re
from datetime import date, datetime

from desktop.documents.spreadsheet import cell_text, yes_or_no
from desktop.domain import codes
from desktop.i18n import _
from desktop.ops.history_import.fields import (
    _LEAVE_ALIASES,
    _LEVEL_ALIASES,
    _PENDING_YES,
    FIRST_YEAR,
    _key,
)


def _year(value: object) -> int:
    if isinstance(value, datetime | date):
        number = value.year
    elif isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    else:
        # "-2021", "Năm -2021": no year (folding would drop the minus sign, and an en dash or U+2212 as well)
        signed = re.search(r"[-\u2212\u2013]\s*\d", cell_text(value))
        match = None if signed else re.fullmatch(r"(?:nam\s*)?(\d{4})", _key(value))
        if not match:
            raise ValueError(_("“{value}” không phải năm; ghi 4 chữ số, ví dụ 2024.").format(value=cell_text(value)))
        number = int(match.group(1))
    last = date.today().year  # a year not begun has no rating or award yet
    if number > last:
        raise ValueError(_("năm {year} chưa đến (năm nay là {last}).").format(year=number, last=last))
    if not FIRST_YEAR <= number <= last:
        raise ValueError(
            _("năm {year} không hợp lệ (chỉ nhận từ {first} đến {last}).").format(
                year=number, first=FIRST_YEAR, last=last
            )
        )
    return number


def _choice(value: object, table: dict[str, str], aliases: dict[str, str] | None = None) -> str | None:
    """A code from its code or its Vietnamese label (accents, case ignored); None if unknown."""
    key = _key(value)
    for code, label in table.items():
        if key in (_key(code), _key(label), _key(_(label))):
            return code
    if aliases and key in aliases:
        return aliases[key]
    return None


def _rating(value: object) -> str | None:
    key = _key(value)
    for code, label in codes.RATINGS.items():
        full = _key(label)
        if key in (_key(code), full, _key(_(label)), full.removesuffix(" nhiem vu")):
            return code
    return None


def _bool(value: object) -> bool | None:
    return yes_or_no(_key(value), _PENDING_YES)


def _choice_after(value: object, table: dict[str, str], aliases: dict[str, str], prefix: str) -> str | None:
    """:func:`_choice`, or an alias once a leading word ("nghỉ ", "cấp ") is dropped."""
    return _choice(value, table, aliases) or aliases.get(_key(value).removeprefix(prefix).strip())


def _leave_kind(value: object) -> str | None:
    return _choice_after(value, codes.LEAVE_KINDS, _LEAVE_ALIASES, "nghi ")


def _level(value: object) -> str | None:
    return _choice_after(value, codes.INITIATIVE_LEVELS, _LEVEL_ALIASES, "cap ")


def _discipline(value: object) -> str | None:
    return _choice(value, codes.DISCIPLINE_LEVELS)


def _choices(table: dict[str, str]) -> str:
    return ", ".join(_(label) for label in table.values())


# -- checking rows ------------------------------------------------------------------------------------


def _cell(cells: list[object], mapping: dict[str, int], name: str) -> object:
    index = mapping.get(name)
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    return None if value == "" else value


def _is_blank(
    cells: list[object],
    mapping: dict[str, int],
    *,
    people: tuple[str, ...] = ("staff_code", "full_name"),
    extra: list[int] | None = None,
) -> bool:
    """No person and at most one other value: blank lines, totals, signatures under the table."""
    if any(_cell(cells, mapping, name) is not None for name in people):
        return False
    columns = [*mapping.values(), *(extra or [])]
    filled = sum(1 for i in columns if i < len(cells) and cells[i] not in (None, ""))
    return filled <= 1
