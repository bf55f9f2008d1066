"""A Vietnamese administrative document described once, as plain data, and rendered to PDF and to .docx.

A :class:`Document` is a list of blocks (header, title, paragraphs, articles, tables, signature …).
:mod:`desktop.documents.admin_pdf` renders it with reportlab for printing and
:mod:`desktop.documents.admin_docx` with python-docx for clerks who edit before signing, so the two files
always say the same thing. Layout follows Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins 20/20/30/15 mm,
Times New Roman 13–14 pt, the two-column header, page numbers at the top centre from page 2.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from desktop.documents.fonts import text_width
from desktop.files.replace import FileInUseError, discard, replace_file
from desktop.i18n import _
from desktop.store.errors import StoreError

Align = Literal["left", "center", "right", "justify"]
Orientation = Literal["portrait", "landscape"]

# Page geometry (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.1): millimetres.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0

# Type sizes in points.
BODY_SIZE = 14.0
HEADER_SIZE = 13.0
TABLE_SIZE = 12.0
RECIPIENTS_TITLE_SIZE = 12.0
RECIPIENTS_SIZE = 11.0
PAGE_NUMBER_SIZE = 13.0

SIGNATURE_SPACE_MM = 28.0  # room for the signature and the seal between the title and the name


class DocumentError(StoreError):
    """A document that cannot be built or written; the message names the file."""


def page_size_mm(orientation: Orientation) -> tuple[float, float]:
    if orientation == "landscape":
        return PAGE_HEIGHT_MM, PAGE_WIDTH_MM
    return PAGE_WIDTH_MM, PAGE_HEIGHT_MM


def frame_width_mm(orientation: Orientation) -> float:
    """Width of the text area between the left and right margins."""
    return page_size_mm(orientation)[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with its own weight and slant (e.g. a bold "Điều 1." before plain text)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Header:
    """The two-column header: issuing body and number on the left, national name, motto and date on the right.

    ``issuer_parent`` is the body directly above the issuer ("" for a People's Committee, which has none);
    a "\\n" in ``issuer`` or ``issuer_parent`` forces a line break, otherwise a long name is broken before
    its administrative level ("ỦY BAN NHÂN DÂN / XÃ LŨNG CÚ"). ``excerpt`` is the "V/v …" line of an
    official letter (công văn), shown under the number.
    """

    issuer_parent: str
    issuer: str
    number: str | None
    place_date: str
    excerpt: str = ""


@dataclass(frozen=True)
class Title:
    """Document kind in bold capitals ("QUYẾT ĐỊNH"), the subject in bold under it, a short rule, an italic note."""

    kind: str
    subject: str = ""
    note: str = ""  # e.g. "(Kèm theo Quyết định số 125/QĐ-UBND ngày 30/12/2025 của Chủ tịch UBND xã Lũng Cú)"


@dataclass(frozen=True)
class Paragraph:
    """Body text: a string, or runs for mixed bold/italic. Justified with a first-line indent unless told otherwise."""

    text: str | Sequence[Run]
    align: Align = "justify"
    bold: bool = False
    italic: bool = False
    indent: bool = True  # first-line indent of 1 cm
    size: float | None = None  # default BODY_SIZE
    space_before_mm: float = 0.0

    def runs(self) -> list[Run]:
        if isinstance(self.text, str):
            return [Run(self.text, bold=self.bold, italic=self.italic)]
        return [Run(r.text, bold=r.bold or self.bold, italic=r.italic or self.italic) for r in self.text]


@dataclass(frozen=True)
class Articles:
    """Numbered articles of a decision: "Điều 1. …" with the label in bold, numbering from ``start``."""

    items: Sequence[str]
    label: str = "Điều"
    start: int = 1

    def numbered(self) -> list[tuple[str, str]]:
        """(label, text) pairs: ("Điều 1.", "Tặng danh hiệu …")."""
        return [(f"{self.label} {self.start + i}.", text) for i, text in enumerate(self.items)]


@dataclass(frozen=True)
class Column:
    """A table column: header text, width in mm (None shares the width left over) and cell alignment."""

    title: str
    width_mm: float | None = None
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """A grid table whose header row repeats on every page; cells are text and wrap inside their column.

    ``totals_row`` is printed bold; its first cell (e.g. "Tổng cộng") spans the empty cells after it.
    Widths larger than the text area are scaled down to fit it.
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    totals_row: Sequence[str] | None = None
    repeat_header: bool = True
    font_size: float = TABLE_SIZE

    def __post_init__(self) -> None:
        count = len(self.columns)
        if count == 0:
            raise DocumentError(_("Bảng không có cột nào."))
        for number, row in enumerate(self.rows, start=1):
            if len(row) != count:
                message = _("Dòng {row} của bảng có {found} ô, cần {count} ô.")
                raise DocumentError(message.format(row=number, found=len(row), count=count))
        if self.totals_row is not None and len(self.totals_row) != count:
            raise DocumentError(
                _("Dòng tổng cộng có {found} ô, cần {count} ô.").format(found=len(self.totals_row), count=count)
            )

    def widths_mm(self, available_mm: float) -> list[float]:
        """Column widths in mm: fixed ones as given, the rest share what is left; scaled down if too wide."""
        fixed = sum(c.width_mm for c in self.columns if c.width_mm is not None)
        free = [c for c in self.columns if c.width_mm is None]
        share = max(available_mm - fixed, 10.0 * len(free)) / len(free) if free else 0.0
        widths = [c.width_mm if c.width_mm is not None else share for c in self.columns]
        total = sum(widths)
        if total > available_mm:
            widths = [w * available_mm / total for w in widths]
        return widths

    def totals_span(self) -> int:
        """How many columns the totals label covers: itself plus the empty cells right after it."""
        if not self.totals_row or not self.totals_row[0]:
            return 1
        span = 1
        while span < len(self.totals_row) and not self.totals_row[span]:
            span += 1
        return span


@dataclass(frozen=True)
class AmountInWords:
    """ "Bằng chữ: Bảy trăm mười nghìn đồng." in italics under a money table."""

    words: str

    def text(self) -> str:
        words = self.words.strip()
        if not words.endswith("."):
            words += "."
        return f"Bằng chữ: {words}"


@dataclass(frozen=True)
class Signer:
    """One person signing: title lines in bold capitals ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH") and the name."""

    title_lines: Sequence[str]
    name: str


@dataclass(frozen=True)
class Signature:
    """The signature block: signer on the right, optional "Nơi nhận:" list on the left ("- Như Điều 3;").

    ``date_line`` is for documents that carry the place and date above the signature (reports, minutes).
    """

    title_lines: Sequence[str]
    name: str
    left_lines: Sequence[str] | None = None
    date_line: str = ""
    recipients_label: str = "Nơi nhận:"


@dataclass(frozen=True)
class Signatures:
    """Several signers side by side (money lists: "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ")."""

    signers: Sequence[Signer]
    date_line: str = ""  # shown above the last signer


@dataclass(frozen=True)
class PageBreak:
    """A new page; ``orientation`` switches the following pages (an attached list in landscape)."""

    orientation: Orientation | None = None


@dataclass(frozen=True)
class Spacer:
    height_mm: float = 5.0


Block = Header | Title | Paragraph | Articles | Table | AmountInWords | Signature | Signatures | PageBreak | Spacer


@dataclass
class Document:
    """A whole document; ``title``/``author``/``subject`` go into the file's properties."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    author: str = ""
    subject: str = ""
    landscape: bool = False
    page_numbers: bool = True

    @property
    def orientation(self) -> Orientation:
        return "landscape" if self.landscape else "portrait"

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_LEFT_SHARE = 0.38  # the issuer's column; the nation's takes the rest
HEADER_CELL_PAD_MM = 1.0


@dataclass(frozen=True)
class HeaderLayout:
    """Where the header's lines go and how big they are, computed once for both renderers (mm and points)."""

    left_mm: float
    right_mm: float
    parent_lines: list[str]
    issuer_lines: list[str]
    national_size: float
    motto_size: float
    issuer_rule_mm: float  # 40 % of the issuer's widest line (NĐ 30: one third to one half)
    motto_rule_mm: float  # as long as the motto


def header_layout(block: Header, width_mm: float) -> HeaderLayout:
    def mm_width(text: str, size: float, bold: bool) -> float:
        return text_width(text, size, bold=bold) * 25.4 / 72

    left = width_mm * HEADER_LEFT_SHARE
    right = width_mm - left
    inner_left, inner_right = left - 2 * HEADER_CELL_PAD_MM, right - 2 * HEADER_CELL_PAD_MM
    national_size = HEADER_SIZE if mm_width(NATIONAL_NAME, HEADER_SIZE, True) <= inner_right else 12.0
    motto_size = national_size + 1
    parent_lines = split_name_lines(block.issuer_parent.upper(), lambda s: mm_width(s, HEADER_SIZE, False), inner_left)
    issuer_lines = split_name_lines(block.issuer.upper(), lambda s: mm_width(s, HEADER_SIZE, True), inner_left)
    widest = max((mm_width(line, HEADER_SIZE, True) for line in issuer_lines), default=0.0)
    return HeaderLayout(
        left_mm=left,
        right_mm=right,
        parent_lines=parent_lines,
        issuer_lines=issuer_lines,
        national_size=national_size,
        motto_size=motto_size,
        issuer_rule_mm=max(min(widest, inner_left) * 0.4, 15.0),
        motto_rule_mm=mm_width(MOTTO, motto_size, True),
    )


def split_name_lines(text: str, measure: Callable[[str], float] | None = None, available: float = 0.0) -> list[str]:
    """Lines of an agency name for a header column ``available`` wide, as a clerk would break it.

    Explicit "\\n" breaks are kept. Otherwise a name too wide for the column is broken before its
    administrative level ("ỦY BAN NHÂN DÂN / XÃ LŨNG CÚ"), or else into lines of even length, so the last
    line is never a lone word ("HỘI ĐỒNG THI ĐUA - / KHEN THƯỞNG / XÃ LŨNG CÚ"). ``measure(line)`` gives a
    line's width in the unit of ``available``; without it nothing is broken automatically.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if measure is None or len(lines) != 1 or measure(lines[0]) <= available:
        return lines
    line = lines[0]
    upper = line.upper()
    for level in _LEVEL_WORDS:
        index = upper.rfind(" " + level + " ")
        if index > 0:
            first, second = line[:index].strip(), line[index:].strip()
            if measure(second) <= available:
                head = [first] if measure(first) <= available else _balanced(_words(first), measure, available)
                return [*head, second]
    return _balanced(_words(line), measure, available)


def _words(text: str) -> list[str]:
    """Words to wrap, with a lone dash kept on the line before it ("THI ĐUA -" / "KHEN THƯỞNG")."""
    words: list[str] = []
    for word in text.split():
        if word in ("-", "–") and words:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _greedy(words: list[str], measure: Callable[[str], float], width: float) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and measure(out[-1] + " " + word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _balanced(words: list[str], measure: Callable[[str], float], available: float) -> list[str]:
    """The narrowest greedy wrap that needs no more lines than the wrap at full width."""
    target = len(_greedy(words, measure, available))
    low, high = max(measure(w) for w in words), available
    for _step in range(20):
        middle = (low + high) / 2
        if len(_greedy(words, measure, middle)) <= target:
            high = middle
        else:
            low = middle
    return _greedy(words, measure, high)


# Multi-word levels first, so "THỊ XÃ" is not broken before its "XÃ".
_LEVEL_WORDS = ("THÀNH PHỐ", "ĐẶC KHU", "THỊ TRẤN", "THỊ XÃ", "TỈNH", "XÃ", "PHƯỜNG", "HUYỆN", "QUẬN", "THÔN")


@contextlib.contextmanager
def replace_atomically(path: Path | str, suffix: str) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` and move it into place only if writing succeeds.

    A failed or interrupted export never leaves half a file, and a file open in Word is reported by name.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise DocumentError(_("Không ghi được tệp {path}: {error}").format(path=target, error=exc)) from exc
    temp = Path(temp_name)
    try:
        yield temp
        try:
            replace_file(temp, target)  # retried while an antivirus or a viewer holds the file
        except FileInUseError as exc:
            raise DocumentError(str(exc)) from exc
        except PermissionError as exc:
            raise DocumentError(
                _("Không ghi được tệp {path}: tệp đang mở trong chương trình khác, hãy đóng nó rồi thử lại.").format(
                    path=target
                )
            ) from exc
        except OSError as exc:
            raise DocumentError(_("Không ghi được tệp {path}: {error}").format(path=target, error=exc)) from exc
    finally:
        discard(temp)


__all__ = [
    "AmountInWords",
    "Articles",
    "Block",
    "Column",
    "Document",
    "DocumentError",
    "Header",
    "HeaderLayout",
    "PageBreak",
    "Paragraph",
    "Run",
    "Signature",
    "Signatures",
    "Signer",
    "Spacer",
    "Table",
    "Title",
    "frame_width_mm",
    "header_layout",
    "page_size_mm",
    "replace_atomically",
    "split_name_lines",
]
