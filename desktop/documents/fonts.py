"""The serif font of every printed document, registered with reportlab once per process.

Government documents are set in Times New Roman (Nghị định 30/2020/NĐ-CP). When the system has its four
TrueType files we use them; otherwise the bundled Liberation Serif, which has the same metrics (a line
breaks at the same word) and covers Vietnamese. Either way the font is registered as a family, so ``<b>``
and ``<i>`` work inside reportlab Paragraphs, and reportlab embeds a subset of it in every PDF.

Where to look: :func:`system_font_dirs` gives the operating system's font folders (``C:\\Windows\\Fonts`` and
the user's own on Windows). The environment variable ``TDKT_FONT_DIRS`` replaces that list: folders separated
by ``os.pathsep`` (``;`` on Windows, ``:`` elsewhere), searched recursively. Tests point it at a folder standing
in for Windows'; support can point it at a copy of Times New Roman, or at an empty folder to rule out a damaged
one (the bundled Liberation Serif is then used). Empty or unset, the system's folders are searched. It is read
when the font is first needed, never at import; :func:`reset_document_font` forgets the font chosen, so the
next use looks again. A Times New Roman that cannot be read or lacks Vietnamese letters is skipped (and
logged) for Liberation Serif.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.i18n import _
from desktop.paths import resource_path

log = logging.getLogger(__name__)

#: Folders to search instead of the system's, separated by ``os.pathsep`` (empty or unset: the system's).
FONT_DIRS_ENV = "TDKT_FONT_DIRS"
#: The name Word and LibreOffice know the font by; written into .docx and .xlsx files.
OFFICE_FONT_NAME = "Times New Roman"

# A few Vietnamese letters a usable font must have (some very old times.ttf lack the Latin Extended Additional block).
_PROBE_TEXT = "ỦỸẫờựđĐ"

_STYLES = ("regular", "bold", "italic", "bold_italic")

# File names of Times New Roman's four faces: Windows / msttcorefonts, then the long names some packages use.
_TIMES_NAMES: tuple[dict[str, str], ...] = (
    {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bold_italic": "timesbi.ttf"},
    {
        "regular": "times_new_roman.ttf",
        "bold": "times_new_roman_bold.ttf",
        "italic": "times_new_roman_italic.ttf",
        "bold_italic": "times_new_roman_bold_italic.ttf",
    },
    {
        "regular": "times new roman.ttf",
        "bold": "times new roman bold.ttf",
        "italic": "times new roman italic.ttf",
        "bold_italic": "times new roman bold italic.ttf",
    },
)

_LIBERATION_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}


class FontMissingError(RuntimeError):
    """Neither Times New Roman nor the bundled Liberation Serif could be loaded."""


@dataclass(frozen=True)
class FontSet:
    """reportlab font names of the four faces, the family name for Paragraph styles, and where they came from."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    family: str
    source_path: Path  # the regular face's file
    is_times: bool = False

    def face(self, *, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


def system_font_dirs() -> list[Path]:
    """Folders where this operating system keeps TrueType fonts, most likely first; ``TDKT_FONT_DIRS`` overrides."""
    override = os.environ.get(FONT_DIRS_ENV, "").strip()
    if override:
        return [Path(part.strip()) for part in override.split(os.pathsep) if part.strip()]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows")
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            Path.home() / "Library" / "Fonts",
        ]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts"]


def find_times_new_roman(search_dirs: Iterable[Path]) -> dict[str, Path] | None:
    """The four Times New Roman files found under ``search_dirs`` (recursively), or None if any face is missing."""
    found: dict[str, Path] = {}
    for directory in search_dirs:
        if not directory.is_dir():
            continue
        try:
            candidates = [p for p in directory.rglob("*") if p.suffix.lower() == ".ttf" and "times" in p.name.lower()]
        except OSError:
            continue
        for path in sorted(candidates):
            found.setdefault(path.name.lower(), path)
    for names in _TIMES_NAMES:
        if all(names[style] in found for style in _STYLES):
            return {style: found[names[style]] for style in _STYLES}
    return None


def bundled_liberation_serif() -> dict[str, Path]:
    return {style: resource_path("fonts", name) for style, name in _LIBERATION_FILES.items()}


_lock = threading.RLock()
_cached: FontSet | None = None
# Every font set registered in this process, by its four files. One set of files keeps one reportlab name, and
# other files never reuse it: caches keyed by font name (line fitting, metrics) cannot mix two fonts up.
_registered: dict[tuple[str, ...], FontSet] = {}


def _register(base_family: str, files: dict[str, Path], *, is_times: bool) -> FontSet:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = tuple(str(files[style]) for style in _STYLES)
    known = _registered.get(key)
    if known is not None:
        return known
    taken = {font_set.family for font_set in _registered.values()}
    family, number = base_family, 1
    while family in taken:
        number += 1
        family = f"{base_family}{number}"
    names = {style: f"{family}-{style}" for style in _STYLES}
    fonts = {style: TTFont(names[style], str(files[style])) for style in _STYLES}
    face = fonts["regular"].face
    missing = [ch for ch in _PROBE_TEXT if ord(ch) not in face.charToGlyph]
    if missing:
        message = _("Phông chữ {path} thiếu chữ tiếng Việt: {letters}")
        raise FontMissingError(message.format(path=files["regular"], letters="".join(missing)))
    for font in fonts.values():
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        family,
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    font_set = FontSet(
        regular=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        bold_italic=names["bold_italic"],
        family=family,
        source_path=files["regular"],
        is_times=is_times,
    )
    _registered[key] = font_set
    return font_set


def load_font_set(search_dirs: Sequence[Path] | None = None) -> FontSet:
    """Register Times New Roman from ``search_dirs`` (default: the system's) or fall back to Liberation Serif.

    Not cached: :func:`document_font` is the cached entry point; tests call this to exercise each branch.
    (The same files are registered with reportlab only once, though.)
    """
    with _lock:
        times = find_times_new_roman(system_font_dirs() if search_dirs is None else search_dirs)
        if times is not None:
            try:
                return _register("TDKTTimesNewRoman", times, is_times=True)
            except Exception as exc:  # a damaged or incomplete system font: the bundled one still works
                log.warning("Times New Roman at %s not usable, using Liberation Serif: %s", times["regular"], exc)
        files = bundled_liberation_serif()
        absent = [str(path) for path in files.values() if not path.is_file()]
        if absent:
            message = _("Không tìm thấy phông chữ của chương trình: {files}")
            raise FontMissingError(message.format(files=", ".join(absent)))
        return _register("TDKTLiberationSerif", files, is_times=False)


def document_font() -> FontSet:
    """The document font, registered on first use (thread-safe, once per process)."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = load_font_set()
    return _cached


@lru_cache(maxsize=4096)
def missing_characters(text: str, font_name: str) -> str:
    """The characters of ``text`` the registered font ``font_name`` has no glyph for (each once, in order), "":
    reportlab draws them as blanks, so a name with a pasted symbol or a Hán-Nôm character would print incomplete."""
    from reportlab.pdfbase import pdfmetrics

    glyphs = pdfmetrics.getFont(font_name).face.charToGlyph
    return "".join(dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in glyphs))


def reset_document_font() -> None:
    """Forget the document font, so the next :func:`document_font` looks for it again (tests, a changed folder)."""
    global _cached
    with _lock:
        _cached = None


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` in points, set in the document font (used to size rules and to decide where to wrap)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, document_font().face(bold=bold, italic=italic), size))


__all__ = [
    "FONT_DIRS_ENV",
    "OFFICE_FONT_NAME",
    "FontMissingError",
    "FontSet",
    "bundled_liberation_serif",
    "document_font",
    "find_times_new_roman",
    "load_font_set",
    "reset_document_font",
    "system_font_dirs",
    "text_width",
]
