"""The symbol of a unit's register of documents (sổ văn bản: "QĐ-UBND"), as one book reads it however it was typed.

A decision's number is counted in its book; two spellings of one symbol would open two books and give two decisions
of one year the same printed number "1/QĐ-UBND". So the symbol is read the way every printed text is
(:func:`desktop.domain.text.clean_input`: invisible characters dropped, direction controls refused), then in Unicode
NFKC (full-width "ＱĐ－ＵＢＮＤ" is "QĐ-UBND"); dash look-alikes pasted from Word (‐ ‑ – — −) are the hyphen and a
space between two words is one too ("QĐ UBND", "QĐ – UBND" and "QĐ-UBND" are one book); only Vietnamese letters
(A–Z, Đ and the letters with their marks), digits, "-" and "." may stay. A letter of another script drawn like a
Latin one (Cyrillic "В", Greek "Ν", the African "Ɖ") is refused, naming it: printed, it cannot be told from the
Latin letter, and the book it opens would print "1/QĐ-UBND" a second time.

:data:`LETTER_LOOK_ALIKES` and :data:`DASH_LOOK_ALIKES` are also what a decision number's identity reads through
(:mod:`desktop.domain.decision_number`).
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.text import InputTextError, clean_input, code_point
from desktop.i18n import _

#: Longer than any symbol in use ("QĐ-UBND-TĐKT" is 12); a book's symbol is printed after every number.
SERIES_KEY_MAX_LENGTH = 30

#: Dashes and minus signs that print as the hyphen ("‐ ‑ ‒ – — ― − ﹘ ﹣ －").
DASH_LOOK_ALIKES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))

# Letters of other scripts (and of the African D) printed like a Latin letter: each with the letter it passes for.
_LOOK_ALIKE_LETTERS = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Ԁ": "D",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "һ": "h",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "τ": "t",
    # the African D (Ewe, Fon), printed as Đ/đ
    "Ɖ": "Đ", "ɖ": "đ",
}  # fmt: skip
#: :func:`str.translate` table: a look-alike letter as the Latin letter it passes for.
LETTER_LOOK_ALIKES = str.maketrans(_LOOK_ALIKE_LETTERS)

# A run of spaces and separators: around "-" or "." the spaces go, a space alone between two words is a "-".
_AROUND_SEPARATOR = re.compile(r"\s*([-.])\s*")
_SPACES = re.compile(r"\s+")
_DOUBLED_DASH = re.compile(r"-{2,}")

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_LETTER_MARKS = {"\u0306": "A", "\u0302": "AEO", "\u031b": "OU"}  # breve: Ă; circumflex: Â Ê Ô; horn: Ơ Ư


def normal_series_key(value: str) -> str:
    """Width, spacing, dashes and case as one book: " qđ ‑ ubnd " → "QĐ-UBND", "QĐ UBND" → "QĐ-UBND", "ＱĐ" → "QĐ";
    a doubled "-" is one, a separator at either end goes. Never refuses (for keys already stored)."""
    text = unicodedata.normalize("NFKC", value).translate(DASH_LOOK_ALIKES)
    text = _SPACES.sub("-", _AROUND_SEPARATOR.sub(r"\1", text.strip()))
    return _DOUBLED_DASH.sub("-", text).strip("-.").upper()


def is_vietnamese_letter(char: str) -> bool:
    """A Latin letter A–Z (either case), Đ/đ, or a Vietnamese vowel with its marks (Ă Â Ê Ô Ơ Ư, each tone)."""
    if len(char) != 1:
        return False
    if char in "Đđ" or ("A" <= char.upper() <= "Z" and char.isascii()):
        return True
    decomposed = unicodedata.normalize("NFD", char.upper())
    base, marks = decomposed[0], decomposed[1:]
    if base not in "AEIOUY" or len(marks) > 2:  # only a vowel takes marks
        return False
    tones = [m for m in marks if m in _TONE_MARKS]
    shapes = [m for m in marks if m in _LETTER_MARKS]
    return (
        len(tones) <= 1
        and len(shapes) <= 1
        and len(tones) + len(shapes) == len(marks)
        and all(base in _LETTER_MARKS[m] for m in shapes)
    )


def _script(char: str) -> str:
    """ ", chữ Kirin trông như “B”": what a refused letter is, for the message (empty when nothing useful to say)."""
    name = unicodedata.name(char, "")
    like = _LOOK_ALIKE_LETTERS.get(char, "")
    if name.startswith("CYRILLIC"):
        what = _("chữ Kirin")
    elif name.startswith("GREEK"):
        what = _("chữ Hy Lạp")
    elif char.isalpha():
        what = _("chữ cái không phải tiếng Việt")
    else:
        return ""
    return ", " + (_("{what} trông như “{like}”").format(what=what, like=like) if like else what)


def series_key(value: object, *, label: str) -> str:
    """The symbol to store, or :class:`InputTextError` naming ``label`` and the character that cannot be in it."""
    key = normal_series_key(clean_input(value, field=label, max_length=SERIES_KEY_MAX_LENGTH))
    wrong = next((c for c in key if not (is_vietnamese_letter(c) or c in "-." or "0" <= c <= "9")), None)
    if wrong is not None:
        message = _(
            "“{value}” có ký tự “{char}” ({code}{script}); ký hiệu sổ văn bản chỉ gồm chữ cái tiếng Việt (A–Z, Đ và "
            "chữ có dấu), chữ số, dấu “-” và dấu “.”."
        ).format(value=key, char=wrong, code=code_point(wrong), script=_script(wrong))
        if wrong.isalpha():
            message += " " + _("Hãy gõ lại chữ này bằng bàn phím tiếng Việt.")
        raise InputTextError(label, message)
    return key


def series_look_alike_key(key: str) -> str:
    """The key without its accents, with Đ as D, "." as "-" and letters of other scripts as the Latin letters they
    pass for: "QĐ-UBND", "QD-UBND", "QĐ.UBND" fold alike (two books that print alike)."""
    text = normal_series_key(key.translate(LETTER_LOOK_ALIKES).replace(".", "-")).replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


__all__ = [
    "DASH_LOOK_ALIKES",
    "LETTER_LOOK_ALIKES",
    "SERIES_KEY_MAX_LENGTH",
    "is_vietnamese_letter",
    "normal_series_key",
    "series_key",
    "series_look_alike_key",
]
