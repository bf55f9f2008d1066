"""Certificate templates: page, border, emblem, flags and fields, kept as TOML files a person can read and edit.

Coordinates are millimetres from the TOP-LEFT corner of the sheet, x to the right and y downwards, as a clerk
measures a pre-printed form with a ruler. A text field's ``x_mm`` is the left edge of its box and ``y_mm`` is the
BASELINE of its first line (text sits on the form's dotted line whatever size it shrinks to); further lines go
below at ``size × line_spacing``. A QR field's ``x_mm``/``y_mm`` is the top-left corner of its square.
Layout lives here, never in Python: the window's visual editor moves fields and saves the file back.
"""

from __future__ import annotations

import dataclasses
import math
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.documents.blocks import DocumentError, replace_atomically
from desktop.documents.certificates.data import PLACEHOLDERS
from desktop.documents.certificates.labels import field_label
from desktop.domain.toml_text import TomlTextError, parse_toml, read_toml_text
from desktop.i18n import _
from desktop.paths import resource_path

MODES = ("full", "preprinted")
ALIGNS = ("left", "center", "right")
FONTS = ("serif",)
KINDS = ("text", "qr")
BORDER_STYLES = ("double_pattern", "double", "none")
PATTERNS = ("diamonds", "chain", "none")
ORIENTATIONS = ("landscape", "portrait")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ID = re.compile(r"^[a-z0-9_]+$")

MM_PER_PT = 25.4 / 72.0
#: How far a text line's ink may reach above and below its baseline, in em (the font size). Generous on purpose: a
#: Vietnamese capital with two marks ("Ấ", "Ỗ") reaches about 0.93 em above the baseline in Times New Roman and
#: Liberation Serif, "g" and "y" about 0.22 em below; the page check must not let such a mark fall off the sheet.
INK_ABOVE_EM = 0.95
INK_BELOW_EM = 0.25
#: How far a field's box may reach past the edge of the sheet and still be printed: half a millimetre. Offsets are
#: measured with a ruler to about that, and the ink bounds above are generous, so a box this close loses nothing;
#: anything further out is really cut off or printed beside the form. The few millimetres a printer cannot reach
#: at the edges differ from printer to printer and are shown by the calibration page; they are not refused here.
EDGE_TOLERANCE_MM = 0.5
# The QR code's smallest side: its ~53 modules need about 0.3 mm each to be read by a phone off an office printer;
# a smaller code would print as a grey square every certificate carries and nobody can check.
QR_MIN_MM = 15.0


def text_extent(
    item: Field, first_baseline_mm: float, lines: int, size_pt: float, scale: float = 1.0
) -> tuple[float, float]:
    """(top, bottom) of ``lines`` lines of ``item`` at ``size_pt`` whose first baseline is at ``first_baseline_mm``,
    in the same millimetres (``scale``: the printer's, applied to the size and the line spacing)."""
    size_mm = size_pt * MM_PER_PT * scale
    top = first_baseline_mm - INK_ABOVE_EM * size_mm
    bottom = first_baseline_mm + (max(lines, 1) - 1) * size_mm * item.line_spacing + INK_BELOW_EM * size_mm
    return top, bottom


def off_page(box: tuple[float, float, float, float], page_w_mm: float, page_h_mm: float) -> str:
    """Where the box (left, top, right, bottom, in mm from the sheet's top-left corner) leaves the sheet, in words
    ("mép dưới ở 216,3 mm, quá chiều cao tờ giấy 210 mm"); empty when it is on the sheet (within
    :data:`EDGE_TOLERANCE_MM`)."""
    left, top, right, bottom = box
    tol = EDGE_TOLERANCE_MM
    page_w, page_h = _mm(page_w_mm), _mm(page_h_mm)
    if not all(math.isfinite(v) for v in box):
        return _("vị trí không xác định")
    if top < -tol:
        return _("mép trên ở {value} mm, ra ngoài mép trên tờ giấy").format(value=_mm(top))
    if bottom > page_h_mm + tol:
        return _("mép dưới ở {value} mm, quá chiều cao tờ giấy {page} mm").format(value=_mm(bottom), page=page_h)
    if left < -tol:
        return _("mép trái ở {value} mm, ra ngoài mép trái tờ giấy").format(value=_mm(left))
    if right > page_w_mm + tol:
        return _("mép phải ở {value} mm, quá bề ngang tờ giấy {page} mm").format(value=_mm(right), page=page_w)
    return ""


def _mm(value: float) -> str:
    """A length as the clerk reads it: one decimal, a decimal comma ("216,3")."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def field_reach(item: Field) -> tuple[float, float, float, float]:
    """The farthest a field can reach on its template's sheet, whatever the text: (left, top, right, bottom) in mm.

    A text field at its full size on all its ``max_lines`` lines (a longer text shrinks before it wraps, so it never
    goes lower), across its whole width; a QR field's square."""
    if item.kind == "qr":
        return item.x_mm, item.y_mm, item.x_mm + item.width_mm, item.y_mm + item.width_mm
    top, bottom = text_extent(item, item.y_mm, item.max_lines, item.size_pt)
    return item.x_mm, top, item.x_mm + item.width_mm, bottom


class TemplateError(DocumentError):
    """A template file that cannot be read; the message names the file and the key."""


@dataclass(frozen=True)
class Field:
    key: str
    x_mm: float
    y_mm: float
    width_mm: float
    text: str = ""
    kind: str = "text"
    align: str = "center"
    font: str = "serif"
    size_pt: float = 14.0
    min_size_pt: float = 10.0
    max_lines: int = 1
    line_spacing: float = 1.2
    bold: bool = False
    italic: bool = False
    uppercase: bool = False
    underline: bool = False
    color: str = "#000000"
    visible_in: tuple[str, ...] = MODES

    def visible(self, mode: str) -> bool:
        return mode in self.visible_in


@dataclass(frozen=True)
class Border:
    style: str = "double_pattern"
    margin_mm: float = 8.0
    gap_mm: float = 6.0
    outer_width_pt: float = 2.5
    inner_width_pt: float = 0.8
    color: str = "#B8860B"
    pattern: str = "diamonds"
    pattern_color: str = "#C00000"
    pattern_step_mm: float = 6.0


@dataclass(frozen=True)
class Emblem:
    x_mm: float = 0.0
    y_mm: float = 0.0
    width_mm: float = 0.0
    height_mm: float = 0.0
    image: str = ""  # chosen by the user; empty: nothing is drawn (never a fake emblem)


@dataclass(frozen=True)
class Flag:
    x_mm: float
    y_mm: float
    width_mm: float = 14.0
    height_mm: float = 20.0
    mirror: bool = False
    color: str = "#DA251D"
    star_color: str = "#FFDD00"


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    page_width_mm: float
    page_height_mm: float
    orientation: str = "landscape"
    description: str = ""
    defaults: tuple[tuple[str, str], ...] = ()
    border: Border = field(default_factory=Border)
    emblem: Emblem = field(default_factory=Emblem)
    flags: tuple[Flag, ...] = ()
    fields: tuple[Field, ...] = ()
    source: Path | None = field(default=None, compare=False)

    def field(self, key: str) -> Field:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)

    def with_field(self, key: str, **changes: Any) -> Template:
        """A copy with one field changed (the editor moves fields this way)."""
        self.field(key)
        fields = tuple(dataclasses.replace(f, **changes) if f.key == key else f for f in self.fields)
        return dataclasses.replace(self, fields=fields)

    @property
    def default_values(self) -> dict[str, str]:
        return dict(self.defaults)


# --- reading -------------------------------------------------------------------------------------------------

_NUMBER = "number"
_TEXT = "text"
_BOOL = "bool"
_INT = "int"


def _kind_label(kind: str) -> str:
    return {
        _NUMBER: _("một số"),
        _TEXT: _("một chuỗi chữ trong ngoặc kép"),
        _BOOL: _("true hoặc false"),
        _INT: _("một số nguyên"),
    }[kind]


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, message: str, **values: Any) -> TemplateError:
        return TemplateError(message.format(file=self.file, **values))

    def check_keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(
                    _("Tệp mẫu {file}: “{key}” không phải là thuộc tính đã biết (chỉ nhận: {allowed})."),
                    key=f"{where}{key}",
                    allowed=", ".join(sorted(allowed)),
                )

    def get(self, table: Mapping[str, Any], key: str, kind: str, where: str, default: Any = ...) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(_("Tệp mẫu {file}: thiếu “{key}”."), key=f"{where}{key}")
            return default
        value = table[key]
        ok = {
            _NUMBER: isinstance(value, int | float) and not isinstance(value, bool),
            _INT: isinstance(value, int) and not isinstance(value, bool),
            _TEXT: isinstance(value, str),
            _BOOL: isinstance(value, bool),
        }[kind]
        if kind == _NUMBER and ok and not math.isfinite(value):
            ok = False
        if not ok:
            raise self.fail(
                _("Tệp mẫu {file}: “{key}” phải là {kind}, đang là “{value}”."),
                key=f"{where}{key}",
                kind=_kind_label(kind),
                value=value,
            )
        return float(value) if kind == _NUMBER else value

    def choice(self, table: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str, default: Any) -> str:
        value = self.get(table, key, _TEXT, where, default)
        if value not in allowed:
            raise self.fail(
                _("Tệp mẫu {file}: “{key}” = “{value}” không hợp lệ; chỉ nhận: {allowed}."),
                key=f"{where}{key}",
                value=value,
                allowed=", ".join(allowed),
            )
        return str(value)

    def number(
        self, table: Mapping[str, Any], key: str, where: str, low: float, high: float, default: Any = ...
    ) -> float:
        value = self.get(table, key, _NUMBER, where, default)
        if not low <= value <= high:
            raise self.fail(
                _("Tệp mẫu {file}: “{key}” = {value} nằm ngoài khoảng cho phép {low}–{high}."),
                key=f"{where}{key}",
                value=f"{value:g}",
                low=f"{low:g}",
                high=f"{high:g}",
            )
        return float(value)

    def color(self, table: Mapping[str, Any], key: str, where: str, default: str) -> str:
        value = self.get(table, key, _TEXT, where, default)
        if not _HEX.match(value):
            raise self.fail(
                _("Tệp mẫu {file}: “{key}” = “{value}” không phải mã màu dạng #RRGGBB."),
                key=f"{where}{key}",
                value=value,
            )
        return str(value).upper()

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(_("Tệp mẫu {file}: “{key}” phải là một bảng [{key}]."), key=key)
        return value


_FIELD_KEYS = {f.name for f in dataclasses.fields(Field)}
_TOP_KEYS = {
    "id",
    "name",
    "description",
    "page_width_mm",
    "page_height_mm",
    "orientation",
    "defaults",
    "border",
    "emblem",
    "flags",
    "fields",
}


def _check_pattern(r: _Reader, text: str, key: str) -> None:
    """Refuse a text pattern whose placeholders are not plain ``{name}``s of :data:`PLACEHOLDERS`. A format spec or
    conversion ("{recipient:.12}", "{recipient!r}", "{recipient:*^60}") would cut, quote or pad every printed name
    while the register and the QR keep the whole one, or fail half-way through a batch; an unclosed brace could not
    be filled in at all."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:  # "{recipient", "}" alone: str.format cannot read the pattern
        raise r.fail(
            _(
                "Tệp mẫu {file}: “{key}” = “{value}” có dấu ngoặc nhọn mở hoặc đóng không khớp; chỗ trống ghi là "
                "{example}."
            ),
            key=key,
            value=text,
            example="{" + _("tên") + "}",
        ) from exc
    names = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            raise r.fail(
                _("Tệp mẫu {file}: “{key}” dùng chỗ trống “{name}” không có; dùng được: {names}."),
                key=key,
                name="{" + name + "}",
                names=names,
            )
        if spec or conversion:
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise r.fail(
                _(
                    "Tệp mẫu {file}: “{key}” ghi chỗ trống “{written}”; chỗ trống chỉ được ghi {example}, không kèm "
                    "định dạng (ở đây: “{plain}”), nếu không chữ in ra sẽ bị cắt, thêm dấu hay ký tự."
                ),
                key=key,
                example="{" + _("tên") + "}",
                written=written,
                plain="{" + name + "}",
            )


def _read_field(r: _Reader, raw: Any, index: int, page_w: float, page_h: float) -> Field:
    if not isinstance(raw, dict):
        raise r.fail(_("Tệp mẫu {file}: “{key}” phải là một bảng [[fields]]."), key=f"fields[{index + 1}]")
    key = r.get(raw, "key", _TEXT, f"fields[{index + 1}].")
    if not _ID.match(key):
        raise r.fail(
            _("Tệp mẫu {file}: “{key}” = “{value}” không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch dưới."),
            key=f"fields[{index + 1}].key",
            value=key,
        )
    where = f"fields.{key}."
    r.check_keys(raw, _FIELD_KEYS, where)
    kind = r.choice(raw, "kind", KINDS, where, "text")
    size = r.number(raw, "size_pt", where, 4, 200, 14.0)
    min_size = r.number(raw, "min_size_pt", where, 4, 200, min(size, 10.0))
    if min_size > size:
        raise r.fail(
            _("Tệp mẫu {file}: “{key}” ({value} pt) lớn hơn cỡ chữ “size_pt” ({size} pt)."),
            key=f"{where}min_size_pt",
            value=f"{min_size:g}",
            size=f"{size:g}",
        )
    text = r.get(raw, "text", _TEXT, where, "")
    if kind == "text":
        _check_pattern(r, text, f"{where}text")
    visible_raw = raw.get("visible_in", list(MODES))
    if isinstance(visible_raw, str):
        visible_raw = list(MODES) if visible_raw == "both" else [visible_raw]
    if not isinstance(visible_raw, list) or not visible_raw or any(v not in MODES for v in visible_raw):
        raise r.fail(
            _("Tệp mẫu {file}: “{key}” = “{value}” không hợp lệ; chỉ nhận: {allowed}."),
            key=f"{where}visible_in",
            value=visible_raw,
            allowed='["full"], ["preprinted"], ["full", "preprinted"]',
        )
    x = r.number(raw, "x_mm", where, 0, page_w)
    y = r.number(raw, "y_mm", where, 0, page_h)
    width = r.number(raw, "width_mm", where, QR_MIN_MM if kind == "qr" else 1, page_w)
    if x + width > page_w + 1e-6:
        raise r.fail(
            _("Tệp mẫu {file}: “{key}” vượt ra ngoài trang: x_mm + width_mm = {value} mm > {page} mm."),
            key=f"{where}width_mm",
            value=f"{x + width:g}",
            page=f"{page_w:g}",
        )
    max_lines = r.get(raw, "max_lines", _INT, where, 1)
    if not 1 <= max_lines <= 3:
        raise r.fail(
            _("Tệp mẫu {file}: “{key}” = {value} nằm ngoài khoảng cho phép {low}–{high}."),
            key=f"{where}max_lines",
            value=max_lines,
            low=1,
            high=3,
        )
    return Field(
        key=key,
        x_mm=x,
        y_mm=y,
        width_mm=width,
        text=text,
        kind=kind,
        align=r.choice(raw, "align", ALIGNS, where, "center"),
        font=r.choice(raw, "font", FONTS, where, "serif"),
        size_pt=size,
        min_size_pt=min_size,
        max_lines=max_lines,
        line_spacing=r.number(raw, "line_spacing", where, 0.8, 3, 1.2),
        bold=r.get(raw, "bold", _BOOL, where, False),
        italic=r.get(raw, "italic", _BOOL, where, False),
        uppercase=r.get(raw, "uppercase", _BOOL, where, False),
        underline=r.get(raw, "underline", _BOOL, where, False),
        color=r.color(raw, "color", where, "#000000"),
        visible_in=tuple(m for m in MODES if m in visible_raw),
    )


def _check_on_page(
    r: _Reader, fields: list[Field], emblem: Emblem, flags: list[Flag], page_w: float, page_h: float
) -> None:
    """Refuse a field (its text at full size on all its lines, or its QR square), the emblem or a flag that reaches
    off the page: it would print cut off, or beside the form, and still be recorded as the original."""
    for index, item in enumerate(fields, start=1):
        where = off_page(field_reach(item), page_w, page_h)
        if where:
            raise r.fail(
                _("Tệp mẫu {file}: trường “{field}” ({key}) ra ngoài trang: {where}. Hãy kéo trường vào trong trang."),
                field=field_label(item.key, index),
                key=f"fields.{item.key}",
                where=where,
            )
    boxes = [(_("Quốc huy/biểu trưng"), "emblem", emblem.x_mm, emblem.y_mm, emblem.width_mm, emblem.height_mm)]
    boxes += [
        (_("Cờ"), f"flags[{index}]", flag.x_mm, flag.y_mm, flag.width_mm, flag.height_mm)
        for index, flag in enumerate(flags, start=1)
    ]
    for label, key, x, y, w, h in boxes:
        where = off_page((x, y, x + w, y + h), page_w, page_h) if w > 0 and h > 0 else ""
        if where:
            raise r.fail(
                _("Tệp mẫu {file}: trường “{field}” ({key}) ra ngoài trang: {where}. Hãy kéo trường vào trong trang."),
                field=label,
                key=key,
                where=where,
            )


def template_from_dict(data: Mapping[str, Any], *, source: Path | None = None) -> Template:
    """Validate a parsed TOML document; every error names the file and the key."""
    r = _Reader(str(source) if source else _("(mẫu chưa lưu)"))
    r.check_keys(data, _TOP_KEYS, "")
    template_id = r.get(data, "id", _TEXT, "")
    if not _ID.match(template_id):
        raise r.fail(
            _("Tệp mẫu {file}: “{key}” = “{value}” không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch dưới."),
            key="id",
            value=template_id,
        )
    page_w = r.number(data, "page_width_mm", "", 50, 1200)
    page_h = r.number(data, "page_height_mm", "", 50, 1200)

    defaults_raw = r.table(data, "defaults")
    defaults = []
    for key in defaults_raw:
        if key not in PLACEHOLDERS:
            raise r.fail(
                _("Tệp mẫu {file}: “{key}” không phải là thuộc tính đã biết (chỉ nhận: {allowed})."),
                key=f"defaults.{key}",
                allowed=", ".join(PLACEHOLDERS),
            )
        defaults.append((key, r.get(defaults_raw, key, _TEXT, "defaults.")))

    border_raw = r.table(data, "border")
    r.check_keys(border_raw, {f.name for f in dataclasses.fields(Border)}, "border.")
    base = Border()
    border = Border(
        style=r.choice(border_raw, "style", BORDER_STYLES, "border.", base.style),
        margin_mm=r.number(border_raw, "margin_mm", "border.", 0, min(page_w, page_h) / 4, base.margin_mm),
        gap_mm=r.number(border_raw, "gap_mm", "border.", 0, 50, base.gap_mm),
        outer_width_pt=r.number(border_raw, "outer_width_pt", "border.", 0, 20, base.outer_width_pt),
        inner_width_pt=r.number(border_raw, "inner_width_pt", "border.", 0, 20, base.inner_width_pt),
        color=r.color(border_raw, "color", "border.", base.color),
        pattern=r.choice(border_raw, "pattern", PATTERNS, "border.", base.pattern),
        pattern_color=r.color(border_raw, "pattern_color", "border.", base.pattern_color),
        pattern_step_mm=r.number(border_raw, "pattern_step_mm", "border.", 1, 50, base.pattern_step_mm),
    )

    emblem_raw = r.table(data, "emblem")
    r.check_keys(emblem_raw, {f.name for f in dataclasses.fields(Emblem)}, "emblem.")
    emblem = Emblem(
        x_mm=r.number(emblem_raw, "x_mm", "emblem.", 0, page_w, 0.0),
        y_mm=r.number(emblem_raw, "y_mm", "emblem.", 0, page_h, 0.0),
        width_mm=r.number(emblem_raw, "width_mm", "emblem.", 0, page_w, 0.0),
        height_mm=r.number(emblem_raw, "height_mm", "emblem.", 0, page_h, 0.0),
        image=r.get(emblem_raw, "image", _TEXT, "emblem.", ""),
    )

    flags_raw = data.get("flags", [])
    if not isinstance(flags_raw, list):
        raise r.fail(_("Tệp mẫu {file}: “{key}” phải là một bảng [{key}]."), key="flags")
    flags = []
    for index, raw in enumerate(flags_raw):
        where = f"flags[{index + 1}]."
        if not isinstance(raw, dict):
            raise r.fail(_("Tệp mẫu {file}: “{key}” phải là một bảng [{key}]."), key=f"flags[{index + 1}]")
        r.check_keys(raw, {f.name for f in dataclasses.fields(Flag)}, where)
        flags.append(
            Flag(
                x_mm=r.number(raw, "x_mm", where, 0, page_w),
                y_mm=r.number(raw, "y_mm", where, 0, page_h),
                width_mm=r.number(raw, "width_mm", where, 1, page_w, 14.0),
                height_mm=r.number(raw, "height_mm", where, 1, page_h, 20.0),
                mirror=r.get(raw, "mirror", _BOOL, where, False),
                color=r.color(raw, "color", where, "#DA251D"),
                star_color=r.color(raw, "star_color", where, "#FFDD00"),
            )
        )

    fields_raw = data.get("fields", [])
    if not isinstance(fields_raw, list) or not fields_raw:
        raise r.fail(_("Tệp mẫu {file}: thiếu “{key}”."), key="[[fields]]")
    fields = [_read_field(r, raw, index, page_w, page_h) for index, raw in enumerate(fields_raw)]
    seen: set[str] = set()
    for item in fields:
        if item.key in seen:
            raise r.fail(_("Tệp mẫu {file}: trường “{key}” có hai lần."), key=item.key)
        seen.add(item.key)
    _check_on_page(r, fields, emblem, flags, page_w, page_h)

    return Template(
        id=template_id,
        name=r.get(data, "name", _TEXT, ""),
        page_width_mm=page_w,
        page_height_mm=page_h,
        orientation=r.choice(data, "orientation", ORIENTATIONS, "", "landscape" if page_w >= page_h else "portrait"),
        description=r.get(data, "description", _TEXT, "", ""),
        defaults=tuple(defaults),
        border=border,
        emblem=emblem,
        flags=tuple(flags),
        fields=tuple(fields),
        source=source,
    )


def load_template(path: Path | str) -> Template:
    path = Path(path)
    try:
        data = parse_toml(read_toml_text(path), path.name)
    except OSError as exc:
        raise TemplateError(_("Không đọc được tệp mẫu {file}: {error}").format(file=path, error=exc)) from exc
    except TomlTextError as exc:
        raise TemplateError(_("Tệp mẫu {file} chưa dùng được: {error}").format(file=path, error=exc)) from exc
    return template_from_dict(data, source=path)


def bundled_templates_dir() -> Path:
    return resource_path("templates")


def bundled_template(template_id: str) -> Template:
    return load_template(bundled_templates_dir() / f"{template_id}.toml")


def list_templates(user_folder: Path | None = None, *, errors: list[str] | None = None) -> list[Template]:
    """Bundled templates, then the user's (a user template with the same id replaces the bundled one).

    With ``errors`` given, a broken user file is reported there and skipped instead of raising.
    """
    found: dict[str, Template] = {}
    folders = [bundled_templates_dir()]
    if user_folder is not None and Path(user_folder).is_dir():
        folders.append(Path(user_folder))
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                template = load_template(path)
            except TemplateError as exc:
                if errors is None:
                    raise
                errors.append(str(exc))
                continue
            found[template.id] = template
    return sorted(found.values(), key=lambda t: t.name)


# --- writing ---------------------------------------------------------------------------------------------------

_HEADER = """\
# Mẫu giấy chứng nhận: {name}
# Toạ độ tính bằng mm từ góc TRÊN-TRÁI tờ giấy (x sang phải, y xuống dưới).
# Trường chữ: x_mm = mép trái ô, y_mm = đường chân chữ (baseline) của dòng đầu, width_mm = bề rộng tối đa.
# Chữ dài tự thu nhỏ từ size_pt xuống min_size_pt, rồi xuống tối đa max_lines dòng; không bao giờ tràn ô.
# Trường QR: x_mm, y_mm = góc trên-trái của ô vuông, width_mm = cạnh.
# visible_in: "full" = in cả khung trên giấy trắng, "preprinted" = in lên phôi có sẵn.
# Chỗ trống dùng được trong text: {placeholders}
"""


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(type(value))


def _table_lines(obj: Any) -> list[str]:
    lines = []
    for item in dataclasses.fields(obj):
        value = getattr(obj, item.name)
        lines.append(f"{item.name} = {_toml_value(list(value) if isinstance(value, tuple) else value)}")
    return lines


def template_to_toml(template: Template) -> str:
    # the name on one line: a line break in it would end the comment and the rest be read as the template's keys
    one_line = " ".join("".join(c if c.isprintable() else " " for c in template.name).split())
    lines = [_HEADER.format(name=one_line, placeholders=" ".join("{" + p + "}" for p in PLACEHOLDERS))]
    for key in ("id", "name", "description", "page_width_mm", "page_height_mm", "orientation"):
        lines.append(f"{key} = {_toml_value(getattr(template, key))}")
    lines += ["", "[defaults]"] + [f"{k} = {_toml_value(v)}" for k, v in template.defaults]
    lines += ["", "[border]", *_table_lines(template.border)]
    lines += ["", "[emblem]", *_table_lines(template.emblem)]
    for flag in template.flags:
        lines += ["", "[[flags]]", *_table_lines(flag)]
    for item in template.fields:
        lines += ["", "[[fields]]", *_table_lines(item)]
    return "\n".join(lines) + "\n"


def save_template(template: Template, path: Path | str) -> Path:
    """Write ``template`` as TOML (atomically: a crash never leaves half a template).

    The text is checked as :func:`load_template` will read it back, before anything is written: a template that
    could not be loaded (a field off the page, a value out of range) is refused, naming the file and the field."""
    target = Path(path)
    text = template_to_toml(template)
    template_from_dict(tomllib.loads(text), source=target)
    with replace_atomically(target, ".toml") as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")
    return target


__all__ = [
    "ALIGNS",
    "MODES",
    "Border",
    "Emblem",
    "Field",
    "Flag",
    "Template",
    "TemplateError",
    "bundled_template",
    "bundled_templates_dir",
    "field_reach",
    "list_templates",
    "load_template",
    "off_page",
    "save_template",
    "template_from_dict",
    "template_to_toml",
    "text_extent",
]
