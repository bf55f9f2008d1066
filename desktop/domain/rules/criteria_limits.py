"""How far a province's or the unit's own rule pack may move a criterion (``titles.X.params.*``, ``settings.*``).

The law lets a province add to the national criteria (a higher rating, more years, a share of 70 % instead of
50 %, a cap on CSTĐCS) but never lower them: a pack that lets a member rated only "Hoàn thành nhiệm vụ" become Lao
động tiên tiến breaks Luật TĐKT 2022, Điều 24, whatever its citation says. So, for a national value not marked
unconfirmed, an override may only be as strict or stricter (:func:`looser_than`); every override value must also
be a plausible count, share or number of months (:func:`range_problem`). The direction of each criterion is known
from its name, as the national pack names them; a criterion of a shape not listed here is not judged.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain import codes
from desktop.i18n import _

# weakest first: a higher index is a stricter requirement
RATING_ORDER: tuple[str, ...] = ("KHTNV", "HTNV", "HTTNV", "HTXSNV")
# mildest first: a level that blocks from a milder level on blocks more people (stricter)
DISCIPLINE_ORDER: tuple[str, ...] = tuple(codes.DISCIPLINE_LEVELS)

_MORE_IS_STRICTER = ("min_", "consecutive_")
_MORE_IS_STRICTER_SUFFIX = (
    "_months",
    "_months_worked",
    "_more_than_percent",
    "_at_least_percent",
    "members_complete_percent",
)
_ZERO_IS_NO_CAP = ("cap_percent_of_ldtt",)
_MOST_YEARS = 10
_MOST_COUNT = 20


# What NĐ 152/2025/NĐ-CP, Điều 4 fixes for everyone, either way: maternity leave counts as time worked, awards wait
# while a discipline or an inquiry is pending, achievements count from the end of a discipline, women first on a tie.
# Neither switching one off (it takes a right from the people it protects) nor on is a province's to do.
FIXED_BY_DECREE: tuple[str, ...] = (
    "maternity_counts_as_worked",
    "defer_while_pending",
    "count_from_discipline_end",
    "women_first_on_tie",
)


# A rule that protects the law's intent when on: switching it off asks less than the law. One initiative is the
# basis of one award only (Công văn 5007/BNV-TĐKT/2023): off, the same initiative would carry a second CSTĐCS or
# Bằng khen. (Paying only the highest title, NĐ 152/2025 Điều 49, is the Government's money rule: reader.py refuses
# any change to it.)
_OFF_IS_LOOSER: tuple[str, ...] = ("initiative_single_use",)


# Lists an override may only narrow: the initiative levels that count, the kinds of collective a title is for.
NARROW_ONLY: tuple[str, ...] = ("initiative_levels", "collective_kinds")

# Held to the national value even where the national pack marks its citation unconfirmed: the title names who it is
# for (Thôn, tổ dân phố văn hóa is a thôn's or a tổ dân phố's, whatever decree of 2018 says it): no reading of a
# decree gives it to an office.
HELD_WHEN_UNCONFIRMED: tuple[str, ...] = ("collective_kinds",)


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return Decimal(str(value))


def range_problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be the criterion ``name`` at all (a share over 100 %, months over 12, a negative
    count), in Vietnamese; None when it is plausible."""
    number = _number(value)
    if number is None:
        return None
    if "_percent" in name:
        if not 0 <= number <= 100:
            return _("tỉ lệ {value}% không hợp lý: phải từ 0 đến 100").format(value=value)
    elif "_months" in name:
        if not 0 <= number <= 12:
            return _("{value} tháng không hợp lý: phải từ 0 đến 12 tháng trong năm").format(value=value)
    elif name.startswith("consecutive_"):
        if not 1 <= number <= _MOST_YEARS:
            return _("{value} năm liên tục không hợp lý: phải từ 1 đến {most}").format(value=value, most=_MOST_YEARS)
    elif name.startswith("min_") and not 0 <= number <= _MOST_COUNT:
        return _("số {value} không hợp lý: phải từ 0 đến {most}").format(value=value, most=_MOST_COUNT)
    return None


def looser_than(name: str, value: object, national: object) -> bool:
    """Whether the criterion ``name`` at ``value`` asks less than the law's ``national`` value (so an override may
    not set it). False for a criterion whose direction is not known here."""
    if name.endswith("_rating") and value in RATING_ORDER and national in RATING_ORDER:
        return RATING_ORDER.index(str(value)) < RATING_ORDER.index(str(national))
    if name.endswith("discipline_level") and value in DISCIPLINE_ORDER and national in DISCIPLINE_ORDER:
        return DISCIPLINE_ORDER.index(str(value)) > DISCIPLINE_ORDER.index(str(national))
    if name == "requires_title":
        return value != national
    if name in _OFF_IS_LOOSER:
        return national is True and value is False
    if name.endswith("_suffices"):  # "this alone is enough": turning it on drops a requirement
        return bool(value) and not bool(national)
    if name in NARROW_ONLY and isinstance(value, tuple | list) and isinstance(national, tuple | list):
        return not set(value) <= set(national)  # a code the law's list lacks: more may receive it
    one, law = _number(value), _number(national)
    if one is None or law is None:
        return False
    if name in _ZERO_IS_NO_CAP:  # 0: no cap; any cap is stricter than none, a higher cap looser than the law's
        return law != 0 and (one == 0 or one > law)
    if name.startswith(_MORE_IS_STRICTER) or name.endswith(_MORE_IS_STRICTER_SUFFIX):
        return one < law
    return False
