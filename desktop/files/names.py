"""File names made from data (a person's name, a decision number, a template id) that Windows accepts.

Windows refuses the characters ``<>:"/\\|?*`` and control characters in a name, silently drops a trailing
dot or space (so "Nguyễn Văn A." and "Nguyễn Văn A" would be one file), treats CON, PRN, AUX, NUL,
COM1-COM9 and LPT1-LPT9 as devices even with an extension ("con.pdf"), compares names without case, and
Explorer, Word and most PDF readers fail on paths of 260 characters or more. Every name the program builds
from data goes through :func:`safe_name` or :func:`fit_path`, so what passes a test on Linux also works on
the clerk's PC. The tests check the results with ``ntpath``, the way Windows splits paths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath
from typing import TypeVar

from desktop.i18n import _

MAX_PATH_CHARS = 240  # below Windows' 260: room for Word's "~$" lock files and our ".tmp-" siblings
MAX_NAME_CHARS = 120  # a name alone, before the folder is known
FALLBACK = "tep"
_DIGITS = "123456789\u00b9\u00b2\u00b3"  # Windows also reserves COM¹, COM², COM³ (and LPT)
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{p}{d}" for p in ("COM", "LPT") for d in _DIGITS}
)
# Windows' forbidden characters, control characters (C0, DEL, C1), and the direction overrides and isolates that can
# make "Nguyễn\u202efdp.exe" show as "Nguyễnexe.pdf".
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')

PathT = TypeVar("PathT", bound=PurePath)


class PathTooLongError(OSError):
    """The folder alone leaves no room for a file name within :data:`MAX_PATH_CHARS`."""

    def __init__(self, folder: PurePath) -> None:
        super().__init__(
            _(
                "Đường dẫn thư mục {folder} quá dài, Windows không lưu được tệp trong đó. "
                "Hãy chọn thư mục có đường dẫn ngắn hơn (ví dụ D:\\TDKT)."
            ).format(folder=folder)
        )
        self.folder = folder

    def __str__(self) -> str:
        return str(self.args[0])


def path_length(path: str | PurePath) -> int:
    """Length as Windows counts it: UTF-16 code units (a letter outside the BMP counts twice)."""
    return len(str(path).encode("utf-16-le")) // 2


def is_reserved(name: str) -> bool:
    """True for a device name, with or without extension and case: "CON", "con.pdf", "Lpt1 .txt"."""
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def name_key(name: str) -> str:
    """What Windows compares when it looks for a name: the same letters without case."""
    return unicodedata.normalize("NFC", name).casefold()


def _cut(text: str, units: int) -> str:
    """The longest start of ``text`` within ``units`` UTF-16 code units (never half a surrogate pair)."""
    total = 0
    for index, char in enumerate(text):
        total += 2 if ord(char) > 0xFFFF else 1
        if total > units:
            return text[:index]
    return text


def _unreserve(name: str) -> str:
    if not is_reserved(name):
        return name
    base, dot, rest = name.partition(".")
    return f"{base.rstrip(' ')}_{dot}{rest}"


def safe_name(
    text: object, *, separator: str = " ", max_chars: int = MAX_NAME_CHARS, fallback: str = FALLBACK, part: bool = False
) -> str:
    """One path component from free text that Windows accepts.

    Forbidden and control characters become ``separator``, runs of spaces collapse into one ``separator``,
    leading and trailing dots and spaces go (a leading dot would also hide the file on Linux), a device name
    gets a "_" ("con" -> "con_"), and the result is at most ``max_chars`` long. Letters are kept (NFC).
    With ``part``, the text is only a piece of a name ("012 - Con"): a device name is then left as it is.
    """
    name = _FORBIDDEN.sub(" ", unicodedata.normalize("NFC", str(text)))
    name = separator.join(name.split())
    name = _cut(name.strip(" ." + separator), max_chars).rstrip(" ." + separator) or fallback
    return name if part else _unreserve(name)


def _shorten(stem: str, units: int) -> str:
    """``stem`` within ``units``: cut at a space when one is near, so the name ends on a whole word."""
    cut = _cut(stem, units)
    space = cut.rfind(" ")
    if len(cut) < len(stem) and stem[len(cut)] != " " and space > 0 and space >= len(cut) - 12:
        cut = cut[:space]
    cut = cut.rstrip(" .")
    if is_reserved(cut):  # "Conan" cut to "Con"
        cut = _cut(cut, units - 1).rstrip(" .") + "_"
    return cut or _cut(FALLBACK, units)


def fit_path(
    folder: PathT, stem: str, suffix: str = "", *, taken: Iterable[str] = (), limit: int = MAX_PATH_CHARS
) -> PathT:
    """``folder / (stem + suffix)`` with a safe name that keeps the whole path within ``limit`` characters.

    The stem is cleaned with :func:`safe_name` and shortened as needed; ``suffix`` (".pdf", a program constant)
    is kept whole. A name already in ``taken`` (compared without case, as Windows does) gets " (2)", " (3)"…
    The path has ``folder``'s flavour, so a ``PureWindowsPath`` is measured as Windows would measure it.
    Raises :class:`PathTooLongError` when the folder leaves no room for a name.
    """
    if _FORBIDDEN.search(suffix) or suffix.rstrip(" .") != suffix:
        raise ValueError(f"not a file suffix: {suffix!r}")
    clean = safe_name(stem, max_chars=limit)
    used = {name_key(name) for name in taken}
    room = limit - (path_length(folder / "x") - 1) - path_length(suffix)
    number = 1
    while True:
        tail = f" ({number})" if number > 1 else ""
        units = room - path_length(tail)
        if units < 1:
            raise PathTooLongError(folder)
        name = _shorten(clean, units) + tail + suffix
        if name_key(name) not in used:
            return folder / name
        number += 1


__all__ = [
    "MAX_PATH_CHARS",
    "RESERVED",
    "PathTooLongError",
    "fit_path",
    "is_reserved",
    "name_key",
    "path_length",
    "safe_name",
]
