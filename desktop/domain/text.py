"""Vietnamese text: normal form, accent-free search keys, names, and dictionary sort order.

The sort key is computed here in pure Python (and stored beside each name) rather than by
QCollator at display time, because the staff table sorts 100,000 rows in SQL through an index.
Order follows Vietnamese dictionaries: letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y, then tones as a second level (ngang, huyền, hỏi, ngã, sắc, nặng); names sort by the given
name (the last word) first, then by the rest.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from desktop.i18n import _

_SPACES = re.compile(r"\s+")

# Combining marks: tone marks and the letter-forming marks (breve, circumflex, horn).
_TONES = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}

_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}


def nfc(text: str | None) -> str:
    """NFC form with ordinary spaces, trimmed; None becomes ''."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\u00a0", " ")
    collapsed = " ".join(text.split())  # the same whitespace as _SPACES (str.isspace), collapsed and trimmed
    return text if collapsed == text else collapsed  # the same object when nothing changed: stored once


# The two ways of placing a tone mark both in use ("Thuỷ"/"Thủy", "Hoà"/"Hòa", "Khoẻ"/"Khỏe"): in "oa", "oe" and
# "uy" the mark on the second vowel is moved to the first, so both spellings of one name give one key.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_TONE_ON_SECOND = re.compile(f"([ou])([aey])([{_TONE_MARKS}])")


def _tone_on_first_vowel(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    moved = _TONE_ON_SECOND.sub(
        lambda m: (
            m.group(1) + m.group(3) + m.group(2)
            if (m.group(1), m.group(2)) in (("o", "a"), ("o", "e"), ("u", "y"))
            else m.group(0)
        ),
        decomposed,
    )
    return unicodedata.normalize("NFC", moved)


# The Icelandic eth "Ð"/"ð" (U+00D0/U+00F0) is what "Đ"/"đ" becomes when Vietnamese text goes through Windows-1252
# (the same byte, 0xD0/0xF0, in Windows-1258): "Ðặng Thị Ánh" from an old list is "Đặng Thị Ánh", and no Vietnamese
# text means the eth. Text that comes in has it replaced (:func:`clean_input`, so it is stored right); the keys that
# compare and find names (:func:`name_key`, :func:`fold`) read it as "đ" too, for text stored before or never
# cleaned. :func:`nfc` keeps it: signed texts (a certificate's QR payload) must stay byte for byte what was signed.
_ETH_AS_D = str.maketrans("\u00d0\u00f0", "\u0110\u0111")


def name_key(text: str | None) -> str:
    """The form in which two spellings of one name compare equal: NFC, case folded, runs of spaces one, trimmed, the
    tone mark of "oa", "oe", "uy" on the first vowel ("Hộ ông Vàng Seo Páo" and "hộ ông  vàng seo páo" give the same
    key, so do "Lò Thị Thuỷ" and "Lò Thị Thủy"; other accents still count: Hùng is not Hưng; the eth "Ð" is "Đ")."""
    key = nfc(nfc(text).casefold())  # casefold can decompose ("ǰ"): NFC again
    if key.isascii():
        return key
    return _tone_on_first_vowel(key.replace("\u00f0", "\u0111") if "\u00f0" in key else key)


class _CombiningMarks(dict[int, "int | None"]):
    """A str.translate table removing combining marks, filled as characters are met: building it whole (every code
    point of the Basic Multilingual Plane) cost the window's start-up about 10 ms for the first name it folded."""

    def __missing__(self, point: int) -> int | None:
        kept = None if unicodedata.combining(chr(point)) else point
        self[point] = kept
        return kept


_MARKS = _CombiningMarks()


def _combining_marks() -> _CombiningMarks:
    return _MARKS


def fold(text: str | None) -> str:
    """Lower-case, accent-free form for searching: 'Nguyễn Văn Sơn' -> 'nguyen van son', 'Đ' -> 'd' (and the eth
    'Ð' that stands for it after a Windows-1252 round trip)."""
    if type(text) is str and len(text) <= 200:
        return _short_fold(text)  # names, labels, headers repeat: each distinct one is folded once
    return _fold(text)


@functools.lru_cache(maxsize=1 << 16)
def _short_fold(text: str) -> str:
    return _fold(text)


def _fold(text: str | None) -> str:
    base = nfc(text).lower().replace("đ", "d")
    if base.isascii():
        return base
    if "ð" in base:
        base = base.replace("ð", "d")
    stripped = unicodedata.normalize("NFD", base).translate(_combining_marks())
    if not stripped.isascii() and any(unicodedata.combining(ch) for ch in stripped):  # marks beyond the BMP
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return stripped


def search_tokens(query: str) -> list[str]:
    return [token for token in fold(query).split(" ") if token]


def matches(query_tokens: list[str], key: str) -> bool:
    return all(token in key for token in query_tokens)


def split_name(full_name: str) -> tuple[str, str]:
    """('Nguyễn Văn', 'Sơn') for 'Nguyễn Văn Sơn': the given name is the last word."""
    words = nfc(full_name).split(" ")
    if len(words) <= 1:
        return "", words[0] if words else ""
    return " ".join(words[:-1]), words[-1]


def _letters_and_tones(word: str) -> tuple[list[int], list[int]]:
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONES:
            if tones:
                tones[-1] = _TONES[char]
            continue
        if char in _LETTER_MARKS and letters:
            base = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            composed = unicodedata.normalize("NFC", base + char)
            if composed in _RANK:
                letters[-1] = _RANK[composed]
            continue
        if unicodedata.combining(char):
            continue
        letters.append(_RANK.get(char, len(_ALPHABET) + ord(char)))
        tones.append(0)
    return letters, tones


def _word_key(word: str) -> str:
    letters, tones = _letters_and_tones(word)
    primary = "".join(chr(0x100 + value) for value in letters)
    secondary = "".join(str(tone) for tone in tones)
    return primary + "\u0001" + secondary


def sort_key(full_name: str) -> str:
    """A string that orders names the Vietnamese way when compared byte by byte (also in SQLite)."""
    if type(full_name) is str and len(full_name) <= 200:
        return _short_sort_key(full_name)  # a list of 100,000 people has about 20,000 different names
    return _sort_key(full_name)


@functools.lru_cache(maxsize=1 << 16)
def _short_sort_key(full_name: str) -> str:
    return _sort_key(full_name)


def _sort_key(full_name: str) -> str:
    rest, given = split_name(full_name)
    parts = [_word_key(given)] + [_word_key(word) for word in rest.split(" ") if word]
    return "\u0002".join(parts)


def plain_sort_key(text: str) -> str:
    """Vietnamese order for other text (department names), word by word in reading order."""
    return "\u0002".join(_word_key(word) for word in nfc(text).split(" ") if word)


# -- text that comes in ------------------------------------------------------------------------------------------

NAME_MAX_LENGTH = 200  # a person's or a collective's name
TEXT_MAX_LENGTH = 200  # positions, departments, codes, decision numbers, issuers: one line
LONG_TEXT_MAX_LENGTH = 1000  # titles of initiatives and other one-line descriptions
NOTES_MAX_LENGTH = 4000  # notes, reasons: several lines

# Invisible format characters (Unicode category Cf) carry no meaning in a name or a note and hide duplicates
# ("Đỗ Văn O" + U+2060 WORD JOINER): dropped. Zero-width space and joiners, byte-order mark, soft hyphen, word joiner,
# invisible operators, LRM/RLM, tags… The bidirectional embedding/override/isolate controls (U+202A–U+202E,
# U+2066–U+2069), Cf too, are left for the refusal below. tests/domain/test_text.py checks this list against
# unicodedata (every Cf code point either dropped or refused).
_FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2060-\u2064\u206a-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")
_EDGE_SPACES = " \t\n"
_NAMED_CONTROLS = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}
_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


class InputTextError(ValueError):
    """Text that cannot be stored as given. ``str(error)`` is the Vietnamese message "{field}: {reason}";
    ``field`` is the field's label as the caller gave it and ``reason`` the message without it."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(_("{field}: {message}").format(field=field, message=reason))
        self.field = field
        self.reason = reason


def code_point(char: str) -> str:
    """'U+001B (ESC)', 'U+0085': how a character nobody can see is named in a message."""
    value = ord(char)
    name = _NAMED_CONTROLS.get(value)
    return f"U+{value:04X} ({name})" if name else f"U+{value:04X}"


def is_refused_character(char: str, *, multiline: bool = False) -> bool:
    """Control characters (C0 but tab/newline in multi-line text, DEL, C1), lone surrogates, U+FFFE/U+FFFF and the
    bidirectional embedding/override/isolate controls."""
    value = ord(char)
    if value < 0x20:
        return not (multiline and char in "\t\n")
    return 0x7F <= value <= 0x9F or 0xD800 <= value <= 0xDFFF or value in (0xFFFE, 0xFFFF) or value in _BIDI_CONTROLS


_REFUSED_CLASS = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_REFUSED_ONE_LINE = re.compile(f"[\x00-\x1f{_REFUSED_CLASS}]")
_REFUSED_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f{_REFUSED_CLASS}]")


def visible_text(value: object) -> str:
    """``value`` for a message or a preview: every refused character shown as U+FFFD, never the character itself."""
    text = "" if value is None else str(value)
    return "".join("\ufffd" if is_refused_character(ch, multiline=True) else ch for ch in text)


def hidden_character_problem(text: str) -> str | None:
    """Why ``text`` (of a record that came in a file, tabs and line breaks allowed) cannot be stored, or None: the
    same characters :func:`clean_input` refuses from a clerk, named the same way (a Windows line break is a line
    break)."""
    found = _REFUSED_MULTILINE.search(text.replace("\r", "\n"))
    return None if found is None else _hidden_character(found.group(), found.start() + 1)


def _hidden_character(char: str, position: int) -> str:
    """ "có ký tự điều khiển không in được U+001B (ESC) ở vị trí 4": what a refused character is, and where."""
    if ord(char) in _BIDI_CONTROLS:
        reason = _("có ký tự ẩn đảo chiều chữ {char} ở vị trí {position}")
    else:
        reason = _("có ký tự điều khiển không in được {char} ở vị trí {position}")
    return reason.format(char=code_point(char), position=position)


def clean_input(value: object, *, field: str, multiline: bool = False, max_length: int = TEXT_MAX_LENGTH) -> str:
    """The text to store for one field a person typed or a file brought in; :class:`InputTextError` if it cannot be.

    ``field`` is the label shown to the clerk ("Họ và tên"); every message starts with it. Rules:

    - ``None`` is ``""``; a value that is not text is turned into text (``str``).
    - Invisible format characters (Unicode category Cf: zero-width spaces and joiners, byte-order mark, soft
      hyphen, word joiner…) are dropped, except the bidirectional controls refused below; Unicode NFC; no-break
      spaces become spaces; the eth "Ð"/"ð" of a Windows-1252 round trip becomes "Đ"/"đ" (``_ETH_AS_D``).
    - Refused, naming the character as ``U+001B (ESC)`` and its position: NUL and every other control character
      (C0, DEL, C1), lone surrogates, U+FFFE/U+FFFF and the bidirectional override characters.
    - One-line fields (the default): spaces, tabs and line breaks around the text are trimmed and runs of spaces
      become one; a tab or a line break INSIDE the text is refused.
    - Multi-line fields (``multiline=True``: notes, reasons): line breaks become ``\\n`` and tabs are kept; spaces at
      the end of each line and blank lines around the text are trimmed.
    - Longer than ``max_length`` characters once cleaned: refused (see the ``*_MAX_LENGTH`` constants).
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        if _FORMAT_CHARACTERS.search(text):  # before NFC: a mark after a dropped joiner composes with its letter
            text = _FORMAT_CHARACTERS.sub("", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\u00a0", " ")
        if "\u00d0" in text or "\u00f0" in text:
            text = text.translate(_ETH_AS_D)
        if "\u2028" in text or "\u2029" in text:
            text = _LINE_BREAKS.sub("\n", text)
    if "\r" in text:
        text = _LINE_BREAKS.sub("\n", text)
    if multiline:
        text = "\n".join(line.rstrip(" \t") for line in text.split("\n")).strip("\n")
    else:
        text = text.strip(_EDGE_SPACES)
    found = (_REFUSED_MULTILINE if multiline else _REFUSED_ONE_LINE).search(text)
    if found is not None:
        position, char = found.start() + 1, found.group()
        if char in "\t\n":
            what = _("dấu xuống dòng") if char == "\n" else _("ký tự tab")
            reason = _("có {what} ở vị trí {position}; trường này chỉ viết trên một dòng.")
            raise InputTextError(field, reason.format(what=what, position=position))
        raise InputTextError(field, _hidden_character(char, position) + _("; hãy xóa ký tự này rồi nhập lại."))
    if not multiline:
        text = nfc(text)  # runs of spaces (any Unicode space) become one, none left at the ends: as nfc() does
    if len(text) > max_length:
        reason = _("dài {length} ký tự, quá giới hạn {limit} ký tự.")
        raise InputTextError(field, reason.format(length=len(text), limit=max_length))
    return text
