"""Draw certificates from a template: one PDF page per awardee, on blank paper (full) or on a pre-printed form.

Every position goes through one mapping, template millimetres → printer millimetres (``p × scale + offset``),
so a printer profile measured with the calibration page moves text, border and QR together. Fonts are the
document font (Times New Roman or Liberation Serif), embedded as subsets; text stays real, selectable text.
For speed the border, emblem and flags are drawn once per file as a form XObject, fitted lines and their PDF text
are cached, and streams are written as binary Flate without ASCII85 (see docs/benchmarks.md, Certificates).
"""

from __future__ import annotations

import math
import re
import string
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desktop.documents.blocks import DocumentError, replace_atomically
from desktop.documents.certificates.data import CertificateData
from desktop.documents.certificates.fit import FitError, fit_text
from desktop.documents.certificates.labels import field_label
from desktop.documents.certificates.qr import qr_rows
from desktop.documents.certificates.template import MODES, Field, Flag, Template, off_page, text_extent
from desktop.documents.fonts import document_font, missing_characters
from desktop.files.names import PathTooLongError, fit_path, safe_name
from desktop.files.replace import discard
from desktop.i18n import _

MM = 72.0 / 25.4  # points per millimetre
QR_QUIET_MODULES = 4  # the white margin a QR reader needs, inside the field's square
PRODUCER = "TĐKT"

Progress = Callable[[int, int], None]


class CertificateError(DocumentError):
    """A batch that cannot be rendered; the message says which certificate or file."""


class RenderCancelled(Exception):  # a request, not a failure
    """The user cancelled a batch; no file was left behind."""


@dataclass(frozen=True)
class FieldBox:
    """Where a field lands on the sheet, in printer millimetres from the top-left corner.

    Unpacks as ``x_mm, y_mm, w_mm, h_mm, size_pt, lines``: (x, y) is the box's top-left, w its width (the
    template's maximum width), h the height the lines take (ascent of the first to descent of the last).
    ``baselines_mm``, ``line_lefts_mm`` and ``line_widths_mm`` give each drawn line exactly.
    """

    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float
    size_pt: float
    lines: tuple[str, ...]
    baselines_mm: tuple[float, ...] = ()
    line_lefts_mm: tuple[float, ...] = ()
    line_widths_mm: tuple[float, ...] = ()

    def __iter__(self) -> Iterator[object]:
        return iter((self.x_mm, self.y_mm, self.w_mm, self.h_mm, self.size_pt, self.lines))


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise CertificateError(
            _("Chế độ in “{mode}” không có; chỉ có: {modes}.").format(mode=mode, modes=", ".join(MODES))
        )


@lru_cache(maxsize=256)
def _pattern_names(pattern: str) -> tuple[str, ...]:
    return tuple(name for _lit, name, _spec, _conv in string.Formatter().parse(pattern) if name)


def template_values(template: Template, data: CertificateData) -> dict[str, str]:
    """The certificate's placeholder values, with the template's [defaults] where the data leave a gap."""
    values = data.placeholders()
    for key, default in template.defaults:
        if not values.get(key):
            values[key] = default
    return values


def field_text(item: Field, values: dict[str, str]) -> str:
    """The text a field prints: its pattern filled in; empty when every placeholder it uses is empty."""
    names = _pattern_names(item.text)
    if names and not any(values.get(name) for name in names):
        return ""
    text = item.text.format_map(values) if names else item.text
    # a line break in a value ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") is kept; other white space is single-spaced
    lines = (" ".join(line.split()).strip(" ,;") for line in unicodedata.normalize("NFC", text).split("\n"))
    text = "\n".join(line for line in lines if line)
    return text.upper() if item.uppercase else text


def _font_name(item: Field) -> str:
    return document_font().face(bold=item.bold, italic=item.italic)


@lru_cache(maxsize=16)
def _vertical_metrics(font_name: str) -> tuple[float, float]:
    face = pdfmetrics.getFont(font_name).face
    return face.ascent / 1000.0, -face.descent / 1000.0


def layout_field(
    item: Field, text: str, *, offset_mm: tuple[float, float] = (0.0, 0.0), scale: float = 1.0
) -> FieldBox:
    """Fit ``text`` into ``item``'s box and place its lines (raises FitError when it cannot fit)."""
    dx, dy = offset_mm
    x = item.x_mm * scale + dx
    if item.kind == "qr":
        side = item.width_mm * scale
        return FieldBox(x, item.y_mm * scale + dy, side, side, 0.0, ())
    font = _font_name(item)
    _check_glyphs(item, text, font)
    fitted = fit_text(text, font, item.width_mm * MM, item.size_pt, item.min_size_pt, item.max_lines, item.key)
    width = item.width_mm * scale
    size_mm = fitted.size_pt * scale / MM
    leading = size_mm * item.line_spacing
    ascent, descent = _vertical_metrics(font)
    first = item.y_mm * scale + dy
    baselines = tuple(first + i * leading for i in range(len(fitted.lines)))
    widths = tuple(w * scale / MM for w in fitted.widths_pt)
    if item.align == "left":
        lefts = tuple(x for _w in widths)
    elif item.align == "right":
        lefts = tuple(x + width - w for w in widths)
    else:
        lefts = tuple(x + (width - w) / 2 for w in widths)
    top = first - ascent * size_mm
    height = (len(baselines) - 1) * leading + (ascent + descent) * size_mm if baselines else 0.0
    return FieldBox(x, top, width, height, fitted.size_pt * scale, fitted.lines, baselines, lefts, widths)


def field_boxes(
    template: Template,
    data: CertificateData,
    mode: str = "full",
    offset_mm: tuple[float, float] = (0.0, 0.0),
    scale: float = 1.0,
) -> dict[str, FieldBox]:
    """The box of every field drawn for ``data`` in ``mode`` (empty fields and a QR without payload left out)."""
    _check_mode(mode)
    values = template_values(template, data)
    offset = (float(offset_mm[0]), float(offset_mm[1]))
    family = document_font().family
    boxes: dict[str, FieldBox] = {}
    for item in template.fields:
        if not item.visible(mode):
            continue
        if item.kind == "qr":
            if data.qr_payload:
                boxes[item.key] = layout_field(item, "", offset_mm=offset, scale=scale)
            continue
        text = field_text(item, values)
        if text:  # the same cache as the renderer: a batch checked first is then drawn without fitting again
            boxes[item.key] = _cached_layout(item, text, offset, float(scale), family)
    return boxes


def box_reach(item: Field, box: FieldBox) -> tuple[float, float, float, float]:
    """How far a drawn field reaches on the sheet: (left, top, right, bottom) in printer millimetres. A text field
    spans its whole box across (the template's width) and its lines' ink up and down, generously
    (:data:`~desktop.documents.certificates.template.INK_ABOVE_EM`); a QR field its square."""
    if item.kind == "qr" or not box.baselines_mm:
        return box.x_mm, box.y_mm, box.x_mm + box.w_mm, box.y_mm + box.h_mm
    top, bottom = text_extent(item, box.baselines_mm[0], len(box.baselines_mm), box.size_pt)
    return box.x_mm, top, box.x_mm + box.w_mm, bottom


def fields_off_page(template: Template, boxes: dict[str, FieldBox]) -> list[tuple[str, str]]:
    """The fields of ``boxes`` (from :func:`field_boxes`, with the printer's offset and scale) that reach off the
    template's sheet, beyond :data:`~desktop.documents.certificates.template.EDGE_TOLERANCE_MM`: (key, where in
    words), in the template's order. Such a field would print cut off, or beside the form."""
    found = []
    for item in template.fields:
        box = boxes.get(item.key)
        if box is not None:
            where = off_page(box_reach(item, box), template.page_width_mm, template.page_height_mm)
            if where:
                found.append((item.key, where))
    return found


def artwork_reach(template: Template, emblem: Path | None) -> list[tuple[str, tuple[float, float, float, float]]]:
    """What blank paper ("full") gets besides the fields, and how far each part reaches on the template's sheet:
    (label, (left, top, right, bottom) in mm). The outer frame line with half its stroke, the emblem when an image is
    drawn (``emblem``, as :func:`_resolve_emblem` finds it), each flag."""
    found: list[tuple[str, tuple[float, float, float, float]]] = []
    border = template.border
    if border.style != "none":
        edge = border.margin_mm - border.outer_width_pt / MM / 2
        found.append((_("Khung viền"), (edge, edge, template.page_width_mm - edge, template.page_height_mm - edge)))
    e = template.emblem
    if emblem is not None and e.width_mm > 0 and e.height_mm > 0:
        found.append((_("Quốc huy/biểu trưng"), (e.x_mm, e.y_mm, e.x_mm + e.width_mm, e.y_mm + e.height_mm)))
    for index, flag in enumerate(template.flags, start=1):
        box = (flag.x_mm, flag.y_mm, flag.x_mm + flag.width_mm, flag.y_mm + flag.height_mm)
        found.append((_("Cờ {n}").format(n=index), box))
    return found


def artwork_off_page(
    template: Template,
    emblem_path: Path | None = None,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    scale: float = 1.0,
) -> list[tuple[str, str]]:
    """The parts of the artwork (:func:`artwork_reach`) that ``p × scale + offset``, the mapping
    :func:`_render_into` draws them with, moves off the sheet: (label, where in words). The PDF page clips them, so
    the printer would get a frame cut off that the preview (no correction) shows whole."""
    dx, dy = float(offset_mm[0]), float(offset_mm[1])
    found = []
    for label, (left, top, right, bottom) in artwork_reach(template, _resolve_emblem(template, emblem_path)):
        moved = (left * scale + dx, top * scale + dy, right * scale + dx, bottom * scale + dy)
        where = off_page(moved, template.page_width_mm, template.page_height_mm)
        if where:
            found.append((label, where))
    return found


def _check_glyphs(item: Field, text: str, font_name: str) -> None:
    """Refuse a text with a character the font cannot draw: reportlab prints it as a blank, so a name with a pasted
    symbol or a Hán-Nôm character would come out incomplete on the paper while the register and the QR keep it whole."""
    missing = missing_characters(text, font_name)
    if missing:
        shown = ", ".join(f"“{ch}” (U+{ord(ch):04X})" for ch in missing)
        raise FitError(
            _(
                "Trường “{field}”: “{text}” có chữ {chars} mà phông chữ in không có, sẽ in thành chỗ trống. Hãy sửa "
                "nội dung (bỏ ký hiệu hay chữ không phải tiếng Việt), hoặc cài phông chữ có chữ đó."
            ).format(field=field_label(item.key), text=text, chars=shown),
            field=item.key,
            text=text,
        )


# --- drawing ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _color(hex_color: str) -> HexColor:
    return HexColor(hex_color)


_LineKey = tuple[str, float, str, float, float]


class _Painter:
    """Draws on one canvas in printer millimetres (y downwards), remembering the current font and colour.

    ``lines`` is shared by every page of the canvas: the PDF text of a line (font, size, text and position), so
    the lines a batch repeats on every certificate are encoded once. It must not outlive the canvas, because the
    codes of the font subsets in that text belong to the one document.
    """

    def __init__(self, canvas: Canvas, page_h_mm: float, lines: dict[_LineKey, str] | None = None) -> None:
        self.c = canvas
        self.page_h = page_h_mm * MM
        self._font: tuple[str, float] | None = None
        self._fill: str | None = None
        self._lines: dict[_LineKey, str] = {} if lines is None else lines

    def y(self, y_mm: float) -> float:
        return self.page_h - y_mm * MM

    def text(self, item: Field, box: FieldBox) -> None:
        c = self.c
        font = _font_name(item)
        if self._font != (font, box.size_pt):
            c.setFont(font, box.size_pt)
            self._font = (font, box.size_pt)
        if self._fill != item.color:
            c.setFillColor(_color(item.color))
            self._fill = item.color
        for line, left, base, width in zip(
            box.lines, box.line_lefts_mm, box.baselines_mm, box.line_widths_mm, strict=True
        ):
            key = (font, box.size_pt, line, left, base)
            code = self._lines.get(key)
            if code is None:  # what c.drawString writes (no right-to-left text here), kept for the next pages
                text = c.beginText(left * MM, self.y(base))
                text.textLine(line)
                code = self._lines[key] = text.getCode()
            c.addLiteral(code)
            if item.underline:
                c.setStrokeColor(_color(item.color))
                c.setLineWidth(max(0.5, box.size_pt * 0.06))
                under = self.y(base) - box.size_pt * 0.14
                c.line(left * MM, under, (left + width) * MM, under)

    def qr(self, payload: str, box: FieldBox) -> None:
        rows = qr_rows(payload)
        count = len(rows)
        unit = box.w_mm * MM / (count + 2 * QR_QUIET_MODULES)
        x0 = box.x_mm * MM + QR_QUIET_MODULES * unit
        top = self.y(box.y_mm) - QR_QUIET_MODULES * unit
        head = f"q 0 g {unit:.5f} 0 0 {unit:.5f} {x0:.3f} {top - count * unit:.3f} cm"
        self.c.addLiteral(f"{head}\n{qr_path(rows)}\nf Q")
        self._fill = None  # the literal changed the fill colour inside q/Q only, but stay safe


_DARK_RUN = re.compile("1+")
# In module units, each dark run of a row is one rectangle "x y width 1 re" (y counted from the bottom row).
# A code has ~700 runs, so formatting them one by one cost more than encoding the code. The fast path codes each
# module as one Latin-1 character, 2 × column + dark, so that a regular expression finds the runs and each run's
# characters say where it is: a row's rectangles are then looked up by run, formatted only the first time.
_ODD_RUN = re.compile("[" + re.escape("".join(map(chr, range(1, 256, 2)))) + "]+")


class _RowRuns(dict[str, str]):
    """Rectangle text of each run seen in the row ``y``."""

    def __init__(self, y: int) -> None:
        super().__init__()
        self.y = y

    def __missing__(self, run: str) -> str:
        text = self[run] = f"{ord(run[0]) >> 1} {self.y} {len(run)} 1 re"
        return text


_ROW_RUNS: list[_RowRuns] = []
_COLUMN_CODES: dict[int, int] = {}


def qr_path(rows: Sequence[str]) -> str:
    """The rectangles of a QR code's dark modules ("1" in ``rows``), one per run of a row, joined by newlines."""
    count = len(rows)
    if count > 128:  # versions above 27: a column no longer fits in one byte
        ops: list[str] = []
        for r, row in enumerate(rows):
            y = count - 1 - r
            ops.extend(f"{run.start()} {y} {run.end() - run.start()} 1 re" for run in _DARK_RUN.finditer(row))
        return "\n".join(ops)
    global _ROW_RUNS
    table = _ROW_RUNS  # replaced, never changed in place, so a render in another thread keeps a whole table
    if len(table) < count or sum(map(len, table)) > 200_000:  # bounded: one version needs a few thousand
        table = [_RowRuns(y) for y in range(max(count, len(table)))]
        _ROW_RUNS = table
    cells = count * count
    columns = _COLUMN_CODES.get(count)
    if columns is None:  # added to the bytes of "0"/"1": 2 × column + (0 or 1), never a carry
        columns = int.from_bytes(bytes(2 * (k % count) for k in range(cells)), "big")
        columns -= int.from_bytes(b"0" * cells, "big")
        _COLUMN_CODES[count] = columns
    coded = (int.from_bytes("".join(rows).encode("ascii"), "big") + columns).to_bytes(cells, "big").decode("latin-1")
    find = _ODD_RUN.findall
    rows_ops = (
        "\n".join(map(table[count - 1 - r].__getitem__, find(coded, start, start + count)))
        for r, start in enumerate(range(0, cells, count))
    )
    return "\n".join(filter(None, rows_ops))


def _draw_border(canvas: Canvas, template: Template) -> None:
    """The decorative double frame with a band of pattern between, no corner ornaments (docs/architecture.md)."""
    b = template.border
    if b.style == "none":
        return
    w, h = template.page_width_mm * MM, template.page_height_mm * MM
    m, gap = b.margin_mm * MM, b.gap_mm * MM
    canvas.saveState()
    canvas.setStrokeColor(_color(b.color))
    canvas.setLineWidth(b.outer_width_pt)
    canvas.rect(m, m, w - 2 * m, h - 2 * m, stroke=1, fill=0)
    thin = 1.2 * MM
    canvas.setLineWidth(max(0.3, b.inner_width_pt * 0.6))
    canvas.rect(m + thin, m + thin, w - 2 * (m + thin), h - 2 * (m + thin), stroke=1, fill=0)
    canvas.setLineWidth(b.inner_width_pt)
    inner = m + gap
    canvas.rect(inner, inner, w - 2 * inner, h - 2 * inner, stroke=1, fill=0)
    if b.style == "double_pattern" and b.pattern != "none" and gap > 2 * thin:
        _draw_pattern_band(canvas, template, m + thin, inner)
    canvas.restoreState()


def _draw_pattern_band(canvas: Canvas, template: Template, outer: float, inner: float) -> None:
    b = template.border
    w, h = template.page_width_mm * MM, template.page_height_mm * MM
    mid = (outer + inner) / 2
    half = (inner - outer) / 2 * 0.62
    step = b.pattern_step_mm * MM
    canvas.setFillColor(_color(b.pattern_color))
    canvas.setStrokeColor(_color(b.pattern_color))
    canvas.setLineWidth(0.6)

    def motifs(length: float) -> list[float]:
        count = max(1, int((length - 2 * mid) // step))
        spacing = (length - 2 * mid) / count
        return [mid + spacing * (i + 0.5) for i in range(count)]

    centres = [(x, mid) for x in motifs(w)] + [(x, h - mid) for x in motifs(w)]
    centres += [(mid, y) for y in motifs(h)] + [(w - mid, y) for y in motifs(h)]
    path = canvas.beginPath()
    for cx, cy in centres:
        if b.pattern == "diamonds":
            path.moveTo(cx, cy + half)
            path.lineTo(cx + half, cy)
            path.lineTo(cx, cy - half)
            path.lineTo(cx - half, cy)
            path.close()
        else:  # chain: small rings
            path.circle(cx, cy, half * 0.8)
    if b.pattern == "diamonds":
        canvas.drawPath(path, stroke=0, fill=1)
    else:
        canvas.drawPath(path, stroke=1, fill=0)


def _draw_flag(canvas: Canvas, flag: Flag, page_h_mm: float) -> None:
    """A small red flag with a yellow star on a pole, drawn as vectors (the CSTĐCS certificate has two)."""
    x, top = flag.x_mm * MM, (page_h_mm - flag.y_mm) * MM
    w, h = flag.width_mm * MM, flag.height_mm * MM
    pole_x = x + w if flag.mirror else x
    direction = -1 if flag.mirror else 1
    canvas.saveState()
    canvas.setStrokeColor(_color("#6B4E16"))
    canvas.setLineWidth(max(0.8, w * 0.05))
    canvas.line(pole_x, top, pole_x, top - h)
    cloth_w, cloth_h = w * 0.92, h * 0.55
    x0 = pole_x + direction * w * 0.04
    x1 = x0 + direction * cloth_w
    y0 = top - h * 0.04
    path = canvas.beginPath()
    path.moveTo(x0, y0)
    path.curveTo(
        x0 + direction * cloth_w * 0.35, y0 + cloth_h * 0.1, x1 - direction * cloth_w * 0.35, y0 - cloth_h * 0.1, x1, y0
    )
    path.lineTo(x1, y0 - cloth_h)
    path.curveTo(
        x1 - direction * cloth_w * 0.35,
        y0 - cloth_h * 1.1,
        x0 + direction * cloth_w * 0.35,
        y0 - cloth_h * 0.9,
        x0,
        y0 - cloth_h,
    )
    path.close()
    canvas.setFillColor(_color(flag.color))
    canvas.drawPath(path, stroke=0, fill=1)
    cx, cy = (x0 + x1) / 2, y0 - cloth_h / 2
    outer_r = cloth_h * 0.3
    inner_r = outer_r * 0.382
    star = canvas.beginPath()
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        r = outer_r if i % 2 == 0 else inner_r
        px, py = cx + r * math.cos(angle), cy + r * math.sin(angle)
        if i == 0:
            star.moveTo(px, py)
        else:
            star.lineTo(px, py)
    star.close()
    canvas.setFillColor(_color(flag.star_color))
    canvas.drawPath(star, stroke=0, fill=1)
    canvas.restoreState()


def _resolve_emblem(template: Template, emblem_path: Path | None) -> Path | None:
    if emblem_path:
        return Path(emblem_path)
    if template.emblem.image:
        path = Path(template.emblem.image)
        if not path.is_absolute() and template.source is not None:
            path = template.source.parent / path
        return path
    return None


def _draw_artwork(canvas: Canvas, template: Template, emblem: Path | None) -> None:
    _draw_border(canvas, template)
    e = template.emblem
    if emblem is not None and e.width_mm > 0 and e.height_mm > 0:
        try:
            canvas.drawImage(
                str(emblem),
                e.x_mm * MM,
                (template.page_height_mm - e.y_mm - e.height_mm) * MM,
                e.width_mm * MM,
                e.height_mm * MM,
                preserveAspectRatio=True,
                anchor="c",
                mask="auto",
            )
        except Exception as exc:  # reportlab/PIL: a missing or unreadable image
            raise CertificateError(
                _("Không mở được ảnh quốc huy/biểu trưng {path}: {error}").format(path=emblem, error=exc)
            ) from exc
    for flag in template.flags:
        _draw_flag(canvas, flag, template.page_height_mm)


_streams_lock = threading.Lock()
_streams_users = 0
_streams_saved: object = 1


@contextmanager
def binary_streams() -> Iterator[None]:
    """Within it, reportlab writes page, form, font and image streams Flate-compressed as binary, without ASCII85.

    reportlab's default wraps every compressed stream in ASCII85, which makes the file 25 % larger and, in its
    pure-Python encoder, was the largest single cost of a 1,000-certificate batch. The switch (``rl_config.useA85``) is
    read at several moments while drawing and saving, so it stays off for the whole render; the value found before
    is put back when the last render still running ends (renders may overlap in worker threads).
    """
    global _streams_users, _streams_saved
    with _streams_lock:
        if _streams_users == 0:
            _streams_saved = rl_config.useA85
            rl_config.useA85 = 0
        _streams_users += 1
    try:
        yield
    finally:
        with _streams_lock:
            _streams_users -= 1
            if _streams_users == 0:
                rl_config.useA85 = _streams_saved


def _new_canvas(path: Path, template: Template, title: str) -> Canvas:
    font = document_font()
    canvas = Canvas(
        str(path),
        pagesize=(template.page_width_mm * MM, template.page_height_mm * MM),
        pageCompression=1,
        initialFontName=font.regular,  # else every page lists Helvetica, a font not embedded
        initialFontSize=14,
        lang="vi-VN",
    )
    canvas.setTitle(title)
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)
    canvas.setSubject(template.name)
    return canvas


def _render_into(
    canvas: Canvas,
    items: Sequence[CertificateData],
    template: Template,
    *,
    mode: str,
    offset_mm: tuple[float, float],
    scale: float,
    emblem: Path | None,
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
    done_before: int = 0,
    total: int | None = None,
) -> None:
    total = len(items) if total is None else total
    if mode == "full":
        canvas.beginForm("certificate_artwork")
        _draw_artwork(canvas, template, emblem)
        canvas.endForm()
    dx, dy = offset_mm
    fields = [f for f in template.fields if f.visible(mode)]
    family = document_font().family
    lines: dict[_LineKey, str] = {}
    for index, data in enumerate(items):
        if should_cancel is not None and should_cancel():
            raise RenderCancelled
        painter = _Painter(canvas, template.page_height_mm, lines)
        if mode == "full":
            canvas.saveState()
            canvas.translate(dx * MM, template.page_height_mm * MM * (1 - scale) - dy * MM)
            canvas.scale(scale, scale)
            canvas.doForm("certificate_artwork")
            canvas.restoreState()
        values = template_values(template, data)
        for item in fields:
            if item.kind == "qr":
                if data.qr_payload:
                    painter.qr(data.qr_payload, layout_field(item, "", offset_mm=offset_mm, scale=scale))
                continue
            text = field_text(item, values)
            if text:
                painter.text(item, _cached_layout(item, text, offset_mm, scale, family))
        canvas.showPage()
        if progress is not None:
            progress(done_before + index + 1, total)


@lru_cache(maxsize=8192)  # a 1,000-certificate batch has ~1,000–3,000 distinct lines, checked then drawn
def _cached_layout(item: Field, text: str, offset_mm: tuple[float, float], scale: float, family: str) -> FieldBox:
    """``family`` (the document font's) only keys the cache: lines fitted in one font are never reused for another."""
    return layout_field(item, text, offset_mm=offset_mm, scale=scale)


def render_certificates(
    items: Sequence[CertificateData],
    template: Template,
    out: Path,
    *,
    mode: str = "full",
    offset_mm: tuple[float, float] = (0.0, 0.0),
    scale: float = 1.0,
    emblem_path: Path | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Path:
    """One PDF, one page per certificate, in the order given; written atomically (cancel leaves no file).

    Raises FitError (names the field and text) before anything is written if a text cannot fit.
    """
    _check_mode(mode)
    if not items:
        raise CertificateError(_("Không có giấy chứng nhận nào để in."))
    offset = (float(offset_mm[0]), float(offset_mm[1]))
    emblem = _resolve_emblem(template, emblem_path) if mode == "full" else None
    target = Path(out)
    with replace_atomically(target, ".pdf") as temp, binary_streams():
        canvas = _new_canvas(temp, template, template.name)
        _render_into(
            canvas,
            items,
            template,
            mode=mode,
            offset_mm=offset,
            scale=float(scale),
            emblem=emblem,
            progress=progress,
            should_cancel=should_cancel,
        )
        try:
            canvas.save()
        except OSError as exc:
            raise CertificateError(_("Không ghi được tệp {path}: {error}").format(path=target, error=exc)) from exc
    return target


def safe_file_stem(register_no: object, name: str, index: int) -> str:
    """ "012 - Nguyen Van Son": the register number (3 digits) and the name without accents, safe on Windows.

    Without accents because the files travel by USB and e-mail to machines and archivers that mangle them;
    :mod:`desktop.files.names` removes what Windows refuses.
    """
    text = unicodedata.normalize("NFD", str(name).replace("Đ", "D").replace("đ", "d"))
    plain = "".join(ch for ch in text if not unicodedata.combining(ch) and ch.isprintable())
    plain = safe_name(plain, max_chars=80, fallback="giay_chung_nhan", part=True)
    number = str(register_no).strip() if register_no not in (None, "") else str(index)
    number = number.zfill(3) if number.isdigit() else safe_name(number, max_chars=20, fallback=str(index), part=True)
    return f"{number} - {plain}"


def render_one_per_person(
    items: Sequence[CertificateData],
    template: Template,
    folder: Path,
    *,
    mode: str = "full",
    offset_mm: tuple[float, float] = (0.0, 0.0),
    scale: float = 1.0,
    emblem_path: Path | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """One PDF per certificate in ``folder``, named "012 - Nguyen Van Son.pdf"; returns the paths in order.

    Names are unique without case ("… (2).pdf" for a second Nguyen Van Son, or when the folder already holds a
    file of that name: an earlier batch's recorded originals are never overwritten) and shortened to keep the whole
    path within Windows' limit (:func:`desktop.files.names.fit_path`). Cancelled or failed part-way (any exception,
    Ctrl+C too), the files it already wrote are deleted before the exception goes on: each is a complete, signed
    original nobody recorded. A file that was in the folder before is never touched.
    """
    _check_mode(mode)
    folder = Path(folder)
    paths: list[Path] = []
    created: list[Path] = []  # the files this call made; one that was there before is never removed
    used: set[str] = {entry.name for entry in folder.iterdir()} if folder.is_dir() else set()
    try:
        for index, data in enumerate(items, start=1):
            if should_cancel is not None and should_cancel():
                raise RenderCancelled
            stem = safe_file_stem(data.register_no, f"{data.recipient_name}", index)
            try:
                target = fit_path(folder, stem, ".pdf", taken=used)
            except PathTooLongError as exc:
                raise CertificateError(str(exc)) from exc
            used.add(target.name)
            path = render_certificates(
                [data],
                template,
                target,
                mode=mode,
                offset_mm=offset_mm,
                scale=scale,
                emblem_path=emblem_path,
            )
            paths.append(path)
            created.append(path)
            if progress is not None:
                progress(index, len(items))
    except BaseException:  # cancelled, refused, Ctrl+C: no complete original of a batch never recorded stays
        for path in created:
            discard(path)
        raise
    return paths


__all__ = [
    "MM",
    "CertificateError",
    "FieldBox",
    "RenderCancelled",
    "artwork_off_page",
    "artwork_reach",
    "binary_streams",
    "box_reach",
    "field_boxes",
    "field_text",
    "fields_off_page",
    "layout_field",
    "render_certificates",
    "render_one_per_person",
    "safe_file_stem",
    "template_values",
]
