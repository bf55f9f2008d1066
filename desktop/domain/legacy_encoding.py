"""Vietnamese text typed with pre-Unicode fonts: TCVN3 (ABC, ".VnTime") and VNI (VNI-Times).

Old spreadsheets keep such text as the Windows-1252 characters of the font's bytes, so a name reads
"NguyÔn V¨n S¬n" (TCVN3) or "Nguyeãn Vaên Sôn" (VNI) once the font is gone. Both encodings only use
characters U+00A0..U+00FF, which real Unicode Vietnamese also uses (à, ê, ô, ú ...), so detection
decodes a text both ways and keeps the reading whose words are valid Vietnamese syllables; on a tie
the text is left alone, so normal Unicode text and plain ASCII are never damaged.

Tables written from TCVN 5712:1993 (VN3 subset, the ABC fonts) and the VNI Windows layout.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

UNICODE = "unicode"
TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (UNICODE, TCVN3, VNI)
# Not a font but an accident: a UTF-8 file opened by a program that read its bytes as Windows-1252 and saved what
# it showed ("LÃª Anh" for "Lê Anh", "Nguyá»…n" for "Nguyễn"). Undone before the fonts are looked for.
MISREAD_UTF8 = "misread-utf8"

# -- TCVN3 (VN3) ------------------------------------------------------------------------------------
# Byte -> letter. VN3 has upper-case forms only for ă â ê ô ơ ư đ; toned capitals were typed with the
# lower-case codes in a capitals-only font (.VnTimeH), so decoding has to guess their case (see below).
_TCVN3_UPPER = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ"}
_TCVN3_LOWER = {
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_DECODE = {chr(code): letter for code, letter in {**_TCVN3_UPPER, **_TCVN3_LOWER}.items()}
# Toned letters have no capital code: their case in the source is unknown.
_TCVN3_CASELESS = {chr(code) for code in _TCVN3_LOWER if code >= 0xB5}
_TCVN3_ENCODE = {letter: chr(code) for code, letter in {**_TCVN3_UPPER, **_TCVN3_LOWER}.items()}

# -- VNI Windows --------------------------------------------------------------------------------------
# A letter is its base vowel followed by mark characters; đ, ơ, ư and the toned i/ỵ are single characters.
_TONE_MARK = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_CIRCUMFLEX_TONE = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_BREVE_TONE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_SINGLE = {"đ": "ñ", "ơ": "ô", "ư": "ö", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}
_VNI_SINGLE_DECODE = {v: k for k, v in _VNI_SINGLE.items()}
_VNI_TONE_DECODE = {v: k for k, v in _TONE_MARK.items()}
_VNI_CIRCUMFLEX_DECODE = {v: k for k, v in _CIRCUMFLEX_TONE.items()}
_VNI_BREVE_DECODE = {v: k for k, v in _BREVE_TONE.items()}
_VNI_TONE_BASES = set("aeiouy") | {"ô", "ö"}  # ô and ö are VNI's ơ and ư

# Characters of each legacy encoding that are not letters of Unicode Vietnamese: seeing one is evidence.
_TCVN3_SIGNATURE = {ch for ch in _TCVN3_DECODE if unicodedata.normalize("NFC", ch) not in "àáâãèéêìíòóôõùúý"}
_VNI_SIGNATURE = set("ñöæîäåëïøûüÑÖÆÎÄÅËÏØÛÜ")

# -- Vietnamese syllables -----------------------------------------------------------------------------
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _spaced(text: str) -> list[str]:
    return text.split()


_INITIALS = [
    *sorted(_spaced("ngh ng gh gi kh ch nh ph th tr qu b c d đ g h k l m n p r s t v x f j w z"), key=len)[::-1],
    "",
]
_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")
# Vowel groups that end in a glide take no final consonant; some take only one with a final.
_OPEN_ONLY = set(
    _spaced("ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu oai oay oao oeo uây uôi ươi ươu uyu ia ua ưa uya")
)
_CLOSED_ONLY = set(_spaced("ă â iê yê uô ươ uyê oă uâ"))
_NUCLEI = _OPEN_ONLY | _CLOSED_ONLY | set(_spaced("a e ê i o ô ơ u ư y oa oe oo uê uơ uy"))
_PALATAL_NUCLEI = {"a", "ê", "i", "y", "oa", "uê", "uy"}  # the only ones before -ch and -nh
_STOP_TONES = {"\u0301", "\u0323"}  # -c, -ch, -p, -t take only sắc or nặng
_WORD = re.compile(r"[^\s,.;:!?()\[\]{}\"'/\\|<>=+*&%$#@~`^0-9\-–—_“”‘’…]+")
# Letters of Vietnamese outside Latin-1, and combining marks (NFD text): certainly Unicode.
_VIETNAMESE_BEYOND_LATIN1 = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u0300-\u036f\u1ea0-\u1ef9]"
)


def _is_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like a Vietnamese syllable (initial, vowel group, final, one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1:
        return False
    tone = tones[0] if tones else ""
    plain = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    for initial in _INITIALS:
        if not plain.startswith(initial):
            continue
        rest = plain[len(initial) :]
        for final in _FINALS:
            if not rest.endswith(final):
                continue
            nucleus = rest[: len(rest) - len(final)] if final else rest
            if nucleus not in _NUCLEI:
                continue
            if final and nucleus in _OPEN_ONLY:
                continue
            if not final and nucleus in _CLOSED_ONLY:
                continue
            if final in ("ch", "nh") and nucleus not in _PALATAL_NUCLEI:
                continue
            if final in ("c", "ch", "p", "t") and tone not in _STOP_TONES:
                continue
            return True
    return False


def _score(words: list[str], encoding: str) -> int:
    """Valid syllables minus invalid ones, over words with non-ASCII characters."""
    score = 0
    for word in words:
        if word.isascii():
            continue
        decoded = _decode_word(word, encoding)
        score += 1 if _is_syllable(decoded) else -1
    return score


def _decode_word(word: str, encoding: str) -> str:
    if encoding == TCVN3:
        return "".join(_TCVN3_DECODE.get(ch, ch) for ch in word)
    if encoding == VNI:
        return _vni_decode(word)
    return unicodedata.normalize("NFC", word)


def scores(text: str) -> dict[str, int]:
    """How Vietnamese the text reads under each encoding (higher is better)."""
    words = _WORD.findall(text)
    return {encoding: _score(words, encoding) for encoding in ENCODINGS}


def detect_encoding(text: str) -> str:
    """'unicode', 'tcvn3' or 'vni'. Anything not clearly legacy is 'unicode'."""
    if not text or text.isascii() or _VIETNAMESE_BEYOND_LATIN1.search(text):
        return UNICODE
    return _best(scores(text))


def _best(found: dict[str, int], prefer: str | None = None) -> str:
    best = max(found.values())
    if found[UNICODE] == best:
        return UNICODE
    legacy = [enc for enc in (TCVN3, VNI) if found[enc] == best]
    if prefer in legacy:
        return prefer
    return legacy[0]


def has_signature(text: str, encoding: str) -> bool:
    """True if the text holds a character that Unicode Vietnamese never uses but ``encoding`` does."""
    signature = _TCVN3_SIGNATURE if encoding == TCVN3 else _VNI_SIGNATURE if encoding == VNI else set()
    return any(ch in signature for ch in text)


# -- decoding -----------------------------------------------------------------------------------------


def to_unicode(text: str, encoding: str) -> str:
    """Convert ``text`` read in ``encoding`` to Unicode NFC."""
    if encoding == TCVN3:
        return _tcvn3_decode(text)
    if encoding == VNI:
        return unicodedata.normalize("NFC", _vni_decode(text))
    if encoding == UNICODE:
        return unicodedata.normalize("NFC", text)
    raise ValueError(encoding)


def _tcvn3_decode(text: str) -> str:
    out = [_TCVN3_DECODE.get(ch, ch) for ch in text]
    caseless = [ch in _TCVN3_CASELESS for ch in text]
    return unicodedata.normalize("NFC", "".join(_repair_case(out, caseless)))


def _repair_case(chars: list[str], caseless: list[bool]) -> list[str]:
    """Guess capitals lost by TCVN3: an all-capitals text, or a capitalised name like "¸nh" in "§Æng ThÞ ¸nh"."""
    known = [(i, ch) for i, ch in enumerate(chars) if not caseless[i] and ch.isalpha()]
    if not any(flag for flag in caseless):
        return chars
    has_lower = any(ch.islower() for _, ch in known)
    inner_upper = any(ch.isupper() and i > 0 and chars[i - 1].isalpha() for i, ch in known)
    if known and not has_lower and inner_upper:
        return [ch.upper() for ch in chars]
    # Title case: every word starting with a known letter starts with a capital.
    starts = [i for i in range(len(chars)) if chars[i].isalpha() and (i == 0 or not chars[i - 1].isalpha())]
    known_starts = [i for i in starts if not caseless[i]]
    caseless_starts = [i for i in starts if caseless[i]]
    if caseless_starts and known_starts and all(chars[i].isupper() for i in known_starts):
        chars = list(chars)
        for i in caseless_starts:
            chars[i] = chars[i].upper()
    return chars


def _vni_decode(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        low = ch.lower()
        upper = ch.isupper()
        nxt = text[i + 1] if i + 1 < n else ""
        nlow = nxt.lower()
        if low in ("a", "e", "o") and nlow in _VNI_CIRCUMFLEX_DECODE:
            out.append(_compose(low, "\u0302", _VNI_CIRCUMFLEX_DECODE[nlow], upper))
            i += 2
            continue
        if low == "a" and nlow in _VNI_BREVE_DECODE:
            out.append(_compose(low, "\u0306", _VNI_BREVE_DECODE[nlow], upper))
            i += 2
            continue
        if low in _VNI_TONE_BASES and nlow in _VNI_TONE_DECODE:
            base = _VNI_SINGLE_DECODE.get(low, low)
            out.append(_compose(base, "", _VNI_TONE_DECODE[nlow], upper))
            i += 2
            continue
        if low in _VNI_SINGLE_DECODE:
            letter = _VNI_SINGLE_DECODE[low]
            out.append(letter.upper() if upper else letter)
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _compose(base: str, shape: str, tone: str, upper: bool) -> str:
    letter = unicodedata.normalize("NFC", base + shape + tone)
    return letter.upper() if upper else letter


# -- encoding (for tests and for printing on old templates) ------------------------------------------


def from_unicode(text: str, encoding: str) -> str:
    """Write Unicode text the way a TCVN3 or VNI font expects it (as Windows-1252 characters)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == UNICODE:
        return text
    if encoding == TCVN3:
        out = []
        for ch in text:
            if ch in _TCVN3_ENCODE:
                out.append(_TCVN3_ENCODE[ch])
            elif ch.lower() in _TCVN3_ENCODE and ch.lower() != ch:
                out.append(_TCVN3_ENCODE[ch.lower()])  # no capital code: the lower-case one, as .VnTimeH users did
            else:
                out.append(ch)
        return "".join(out)
    if encoding == VNI:
        return "".join(_vni_encode_char(ch) for ch in text)
    raise ValueError(encoding)


def _vni_encode_char(ch: str) -> str:
    upper = ch.isupper()
    low = ch.lower()
    if low in _VNI_SINGLE:
        mark = _VNI_SINGLE[low]
        return mark.upper() if upper else mark
    decomposed = unicodedata.normalize("NFD", low)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or base not in "aeiouy":
        return ch
    tone = next((m for m in marks if m in _TONES), "")
    shape = next((m for m in marks if m not in _TONES), "")
    if shape == "\u0302":
        mark = _CIRCUMFLEX_TONE[tone]
    elif shape == "\u0306":
        mark = _BREVE_TONE[tone]
    elif shape == "\u031b":  # horn: ơ / ư are single characters, then the tone
        base = _VNI_SINGLE[unicodedata.normalize("NFC", base + shape)]
        mark = _TONE_MARK.get(tone, "")
    elif shape:
        return ch
    else:
        mark = _TONE_MARK[tone]
    if upper:
        return base.upper() + mark.upper()
    return base + mark


# -- convenience ----------------------------------------------------------------------------------------


# Windows-1252's characters for the bytes 0x80–0x9F (the rest of its range is Latin-1's, byte for character).
_CP1252_BYTES = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def undo_utf8_misread(text: str, *, sure: bool = False) -> str | None:
    """The Vietnamese a UTF-8 file held before a program read its bytes as Windows-1252, or None. The whole text
    must be well-formed UTF-8 once put back into bytes, and read as Vietnamese syllables: a Vietnamese letter in
    Latin-1 (À–ý) is never followed by the characters 0x80–0xBF that every such sequence needs, so real text is
    never taken for it. ``sure``: the rest of the file was misread so, and nothing in it is certainly Unicode;
    a short cell ("TÃ y" for "Tày", "HMÃ´ng") is undone without reading as Vietnamese by itself."""
    raw = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            raw.append(code)
        elif (byte := _CP1252_BYTES.get(ch)) is not None:
            raw.append(byte)
        else:
            return None
    try:
        decoded = unicodedata.normalize("NFC", bytes(_mend_no_break_spaces(raw, sure=sure)).decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if decoded == unicodedata.normalize("NFC", text) or (not sure and _score(_WORD.findall(decoded), UNICODE) <= 0):
        return None
    return decoded


def _mend_no_break_spaces(raw: bytearray, *, sure: bool) -> bytearray:
    """Put back the byte 0xA0 that ends the UTF-8 of à, Ơ, Ạ, Ỡ …: read as Windows-1252 it is a no-break space,
    which the spreadsheet readers make a plain space, and trim at a cell's end ("và" → "vÃ ", "Hà" → "HÃ"). Only
    in a text that holds at least one whole sequence of its own (or of a file ``sure`` to be misread), so
    "UBND XÃ" stays as typed."""
    out = bytearray()
    whole = False
    i = 0
    while i < len(raw):
        lead = raw[i]
        need = 1 if 0xC2 <= lead <= 0xDF else 2 if 0xE0 <= lead <= 0xEF else 3 if 0xF0 <= lead <= 0xF4 else 0
        out.append(lead)
        i += 1
        for k in range(need):
            if i < len(raw) and 0x80 <= raw[i] <= 0xBF:
                out.append(raw[i])
                i += 1
                whole = whole or k == need - 1
            elif k == need - 1 and (i == len(raw) or raw[i] == 0x20):
                out.append(0xA0)
                i += i < len(raw)  # the space was the no-break space
            else:
                break
    return out if whole or sure else raw


def fix_text(text: str, prefer: str | None = None, *, strong: bool = False) -> tuple[str, str]:
    """Detect and convert: returns (Unicode NFC text, detected encoding).

    ``prefer`` is the legacy encoding the rest of the file uses; it settles texts that read equally
    well both ways, but only when the text carries one of that encoding's tell-tale characters,
    or when ``strong`` says nothing in the file is certainly Unicode.
    """
    if not text or text.isascii():
        return text, UNICODE
    if (undone := undo_utf8_misread(text)) is not None:
        return undone, MISREAD_UTF8
    if _VIETNAMESE_BEYOND_LATIN1.search(text):
        return unicodedata.normalize("NFC", text), UNICODE
    found = scores(text)
    detected = _best(found, prefer)
    tie = detected == UNICODE and prefer in (TCVN3, VNI) and found[prefer] == found[UNICODE]
    if tie and prefer and (strong or has_signature(text, prefer)):
        detected = prefer
    if detected == UNICODE:
        return unicodedata.normalize("NFC", text), UNICODE
    return to_unicode(text, detected), detected


def fix_texts(texts: Iterable[str]) -> tuple[list[str], dict[str, int]]:
    """Convert many cells of one file: the file's main legacy encoding breaks ties for short cells.

    Returns the converted texts and how many cells were converted from each legacy encoding. Each distinct text is
    examined once (a list of 100,000 people repeats its departments, positions and many names), and counted as
    many times as it occurs.
    """
    items = list(texts)
    times = Counter(items)
    first = {text: fix_text(text) for text in times}
    legacy = {TCVN3: 0, VNI: 0}
    certain_unicode = 0
    for text, (_, detected) in first.items():
        if detected in legacy:
            legacy[detected] += times[text]
        elif text and not text.isascii() and _VIETNAMESE_BEYOND_LATIN1.search(text):
            certain_unicode += times[text]
    prefer = max(legacy, key=lambda enc: legacy[enc]) if any(legacy.values()) else None
    counts = {TCVN3: 0, VNI: 0, MISREAD_UTF8: 0}
    final: dict[str, str] = {}
    misread = certain_unicode == 0 and any(detected == MISREAD_UTF8 for _, detected in first.values())
    for text, (fixed, detected) in first.items():
        if misread and detected == UNICODE and (undone := undo_utf8_misread(text, sure=True)) is not None:
            fixed, detected = undone, MISREAD_UTF8
        if prefer and detected not in (prefer, MISREAD_UTF8) and text and not text.isascii():
            fixed, detected = fix_text(text, prefer, strong=certain_unicode == 0)
        if detected in counts and fixed != text:
            counts[detected] += times[text]
        final[text] = fixed
    return [final[text] for text in items], counts


ENCODING_NAMES = {TCVN3: "TCVN3", VNI: "VNI", UNICODE: "Unicode"}
