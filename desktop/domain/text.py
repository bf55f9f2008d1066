"""Vietnamese text: normal form, accent-free search keys, names, and dictionary sort order.

The sort key is computed here in pure Python (and stored beside each name) rather than by
QCollator at display time, because the staff table sorts 100,000 rows in SQL through an index.
Order follows Vietnamese dictionaries: letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y, then tones as a second level (ngang, huyền, hỏi, ngã, sắc, nặng); names sort by the given
name (the last word) first, then by the rest.
"""

from __future__ import annotations

import re
import unicodedata

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
    text = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """Lower-case, accent-free form for searching: 'Nguyễn Văn Sơn' -> 'nguyen van son', 'Đ' -> 'd'."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
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
    rest, given = split_name(full_name)
    parts = [_word_key(given)] + [_word_key(word) for word in rest.split(" ") if word]
    return "\u0002".join(parts)


def plain_sort_key(text: str) -> str:
    """Vietnamese order for other text (department names), word by word in reading order."""
    return "\u0002".join(_word_key(word) for word in nfc(text).split(" ") if word)
