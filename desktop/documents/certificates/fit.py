"""Fit a line of certificate text into its box: shrink first, then wrap, never overflow.

A name that is a little too long is set a little smaller on one line (that is how a clerk would fix it in
Word); only when even the smallest allowed size does not fit is the text broken into lines, at the largest
size where it fits. Widths come from the real font's metrics, so what fits here fits on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.documents.blocks import DocumentError
from desktop.documents.certificates.labels import field_label
from desktop.i18n import _

#: Sizes are tried in steps of this many points (a quarter point is invisible; a finer step only costs time).
SIZE_STEP = 0.25


class FitError(DocumentError):
    """A text that cannot fit its box even at the smallest size on the most lines; the message names the field."""

    def __init__(self, message: str, *, field: str = "", text: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.text = text


@dataclass(frozen=True)
class Fitted:
    """The size chosen and the lines to draw, each with its width in points."""

    size_pt: float
    lines: tuple[str, ...]
    widths_pt: tuple[float, ...]


def _sizes(size_pt: float, min_size_pt: float) -> list[float]:
    sizes = []
    size = size_pt
    while size > min_size_pt + 1e-9:
        sizes.append(round(size, 4))
        size -= SIZE_STEP
    sizes.append(min_size_pt)
    return sizes


def _unit_widths(words: list[str], font: str) -> tuple[list[float], float]:
    """Each word's width and a space's at 1 pt: a line's width is their sum times the size (the font has no
    kerning), so wrapping a long text costs one measure per word, not one per candidate line."""
    return [stringWidth(word, font, 1.0) for word in words], stringWidth(" ", font, 1.0)


def _wrap_balanced(words: list[str], widths: list[float], space: float, size: float, width: float) -> list[str] | None:
    """Two lines of nearly equal width (a centred certificate line looks wrong with a short tail), or None."""
    total = sum(widths) + space * (len(words) - 1)
    best: tuple[float, int] | None = None
    first = 0.0
    for cut in range(1, len(words)):
        first += widths[cut - 1] + (space if cut > 1 else 0.0)
        w1, w2 = first * size, (total - first - space) * size
        if w1 <= width and w2 <= width and (best is None or max(w1, w2) < best[0]):
            best = (max(w1, w2), cut)
    if best is None:
        return None
    return [" ".join(words[: best[1]]), " ".join(words[best[1] :])]


def _wrap_greedy(words: list[str], widths: list[float], space: float, size: float, width: float) -> list[str] | None:
    lines: list[list[str]] = []
    current: list[str] = []
    current_width = 0.0
    for word, word_width in zip(words, widths, strict=True):
        if word_width * size > width:
            return None  # a single word wider than the box
        candidate = current_width + space + word_width if current else word_width
        if candidate * size <= width:
            current.append(word)
            current_width = candidate
            continue
        lines.append(current)
        current, current_width = [word], word_width
    if current:
        lines.append(current)
    return [" ".join(line) for line in lines]


@lru_cache(maxsize=8192)
def fit_text(
    text: str,
    font: str,
    width_pt: float,
    size_pt: float,
    min_size_pt: float,
    max_lines: int = 1,
    field: str = "",
) -> Fitted:
    """The largest size (from ``size_pt`` down to ``min_size_pt``) at which ``text`` fits ``width_pt``.

    One line is preferred at any size; then up to ``max_lines`` lines. A line break in ``text`` is kept: such
    lines ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") are set at one size, each on its own line, whatever ``max_lines``.
    Raises :class:`FitError` naming ``field`` when nothing fits. Cached: a batch repeats the same titles, dates
    and achievements.
    """
    forced = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if len(forced) > 1:
        return _fit_lines(tuple(forced), font, width_pt, size_pt, min_size_pt, field)
    text = " ".join(text.split())
    if not text:
        return Fitted(size_pt, (), ())
    sizes = _sizes(size_pt, min_size_pt)
    for size in sizes:
        width = stringWidth(text, font, size)
        if width <= width_pt:
            return Fitted(size, (text,), (width,))
    words = text.split(" ")
    if max_lines >= 2 and len(words) > 1:
        word_widths, space = _unit_widths(words, font)
        shortest = sum(word_widths) + space * (len(words) - max_lines)  # the text on max_lines full lines, at 1 pt
        for size in sizes:
            if shortest * size > width_pt * max_lines:
                continue  # even perfectly filled lines would not hold it: no need to try the cuts
            if max_lines == 2:
                lines = _wrap_balanced(words, word_widths, space, size, width_pt)
            else:
                lines = _wrap_greedy(words, word_widths, space, size, width_pt)
            if lines is not None and len(lines) <= max_lines:
                widths = tuple(stringWidth(line, font, size) for line in lines)
                return Fitted(size, tuple(lines), widths)
    message = _(
        "Trường “{field}” không đủ chỗ: “{text}” dài quá, cỡ chữ nhỏ nhất {size} pt trên {lines} dòng vẫn không vừa. "
        "Hãy rút gọn nội dung hoặc nới rộng ô trong mẫu."
    ).format(field=field_label(field), text=text, size=f"{min_size_pt:g}", lines=max_lines)
    raise FitError(message, field=field, text=text)


def _fit_lines(
    lines: tuple[str, ...], font: str, width_pt: float, size_pt: float, min_size_pt: float, field: str
) -> Fitted:
    """Lines given one by one, at the largest size where the widest fits."""
    for size in _sizes(size_pt, min_size_pt):
        widths = tuple(stringWidth(line, font, size) for line in lines)
        if max(widths) <= width_pt:
            return Fitted(size, lines, widths)
    message = _(
        "Trường “{field}” không đủ chỗ: “{text}” dài quá, cỡ chữ nhỏ nhất {size} pt vẫn không vừa. "
        "Hãy rút gọn nội dung hoặc nới rộng ô trong mẫu."
    ).format(field=field_label(field), text=" / ".join(lines), size=f"{min_size_pt:g}")
    raise FitError(message, field=field, text=" / ".join(lines))


__all__ = ["SIZE_STEP", "FitError", "Fitted", "fit_text"]
