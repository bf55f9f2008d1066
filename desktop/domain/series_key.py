"""The symbol of a unit's register of documents (sổ văn bản: "QĐ-UBND"), as one book reads it however it was typed.

A decision's number is counted in its book; two spellings of one symbol would open two books and give two decisions
of one year the same printed number "1/QĐ-UBND". So the symbol is read the way every printed text is
(:func:`desktop.domain.text.clean_input`: invisible characters dropped, direction controls refused), dash look-alikes
pasted from Word (‐ ‑ – — −) are the hyphen, and only letters, digits, "-", "." and spaces may stay.
"""

from __future__ import annotations

import re

from desktop.domain.text import InputTextError, clean_input
from desktop.i18n import _

#: Longer than any symbol in use ("QĐ-UBND-TĐKT" is 12); a book's symbol is printed after every number.
SERIES_KEY_MAX_LENGTH = 30

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))


def normal_series_key(value: str) -> str:
    """Spacing, dashes and case as one book: " qđ ‑ ubnd " → "QĐ-UBND". Never refuses (for keys already stored)."""
    return re.sub(r"\s*-\s*", "-", " ".join(value.translate(_DASHES).split())).upper()


def series_key(value: object, *, label: str) -> str:
    """The symbol to store, or :class:`InputTextError` naming ``label`` and the character that cannot be in it."""
    key = normal_series_key(clean_input(value, field=label, max_length=SERIES_KEY_MAX_LENGTH))
    wrong = next((c for c in key if not (c.isalnum() or c in "-. ")), None)
    if wrong is not None:
        raise InputTextError(
            label,
            _("“{value}” có ký tự “{char}” (U+{code:04X}); ký hiệu sổ chỉ gồm chữ, số, dấu “-” và dấu “.”.").format(
                value=key, char=wrong, code=ord(wrong)
            ),
        )
    return key


__all__ = ["SERIES_KEY_MAX_LENGTH", "normal_series_key", "series_key"]
