"""Printer calibration: a page with rulers and crosshairs, and the offsets (and scale) it measures.

Printers feed paper a millimetre or two off, and some shrink the page slightly. The clerk prints this page on
the printer, measures where a crosshair landed with a ruler, and the program computes the correction. The
correction belongs to the printer (a :class:`PrinterProfile`), never to the template, so one template prints
right on every printer. Correction model: print at ``template_mm × scale + offset_mm``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from desktop.documents.blocks import DocumentError, replace_atomically
from desktop.documents.fonts import document_font
from desktop.i18n import _

MM = 72.0 / 25.4
Point = tuple[float, float]


@dataclass(frozen=True)
class PrinterProfile:
    """Correction for one printer: offset in mm (x right, y down) and an optional uniform scale."""

    name: str = ""
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    scale: float = 1.0

    @property
    def offset_mm(self) -> Point:
        return (self.offset_x_mm, self.offset_y_mm)

    def render_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``render_certificates`` and ``field_boxes``."""
        return {"offset_mm": self.offset_mm, "scale": self.scale}

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "offset_x_mm": self.offset_x_mm,
            "offset_y_mm": self.offset_y_mm,
            "scale": self.scale,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrinterProfile:
        return cls(
            name=str(data.get("name", "")),
            offset_x_mm=float(data.get("offset_x_mm", 0.0)),
            offset_y_mm=float(data.get("offset_y_mm", 0.0)),
            scale=float(data.get("scale", 1.0)),
        )


def crosshair_points(page_w_mm: float = 297.0, page_h_mm: float = 210.0) -> list[Point]:
    """Where the calibration page puts its crosshairs (mm from the top-left corner)."""
    return [(30.0, 30.0), (page_w_mm / 2, page_h_mm / 2), (page_w_mm - 30.0, page_h_mm - 30.0)]


def offsets_from_measurement(expected_mm: Point, measured_mm: Point) -> Point:
    """The offset that brings a crosshair printed at ``measured_mm`` back to ``expected_mm``."""
    return (round(expected_mm[0] - measured_mm[0], 3), round(expected_mm[1] - measured_mm[1], 3))


def scale_from_two_points(
    expected_a: Point, measured_a: Point, expected_b: Point, measured_b: Point
) -> tuple[float, Point]:
    """(scale, offset) correcting a printer that both shifts and shrinks/stretches the page.

    The printer is taken to map p → s·p + t; from two crosshairs far apart we get s (from the distance between
    them) and t, and the correction is scale = 1/s, offset = −t/s.
    """
    expected = math.dist(expected_a, expected_b)
    measured = math.dist(measured_a, measured_b)
    if expected < 1.0 or measured < 1.0:
        raise DocumentError(_("Hai dấu thập dùng để đo tỉ lệ phải cách xa nhau."))
    s = measured / expected
    if not 0.8 <= s <= 1.2:
        raise DocumentError(
            _("Số đo cho tỉ lệ in {scale} — quá xa 1; hãy đo lại (tính bằng mm từ mép trên-trái tờ giấy).").format(
                scale=f"{s:.3f}"
            )
        )
    tx = ((measured_a[0] - s * expected_a[0]) + (measured_b[0] - s * expected_b[0])) / 2
    ty = ((measured_a[1] - s * expected_a[1]) + (measured_b[1] - s * expected_b[1])) / 2
    return round(1 / s, 5), (round(-tx / s, 3), round(-ty / s, 3))


PAGE_MM = (50.0, 600.0)  # a calibration page from a postcard to A2: rulers are drawn mm by mm across it


def calibration_page(out: Path, *, page_w_mm: float = 297.0, page_h_mm: float = 210.0) -> Path:
    """A one-page PDF with mm rulers on all four edges (numbers every 10 mm) and labelled crosshairs."""
    for size in (page_w_mm, page_h_mm):
        if not (isinstance(size, int | float) and math.isfinite(size) and PAGE_MM[0] <= size <= PAGE_MM[1]):
            raise DocumentError(
                _("Khổ giấy {size} mm không hợp lệ; chiều rộng và chiều cao phải từ {low} đến {high} mm.").format(
                    size=size, low=int(PAGE_MM[0]), high=int(PAGE_MM[1])
                )
            )
    font = document_font()
    target = Path(out)
    with replace_atomically(target, ".pdf") as temp:
        c = Canvas(
            str(temp),
            pagesize=(page_w_mm * MM, page_h_mm * MM),
            initialFontName=font.regular,
            initialFontSize=10,
            lang="vi-VN",
        )
        c.setTitle(_("Trang căn chỉnh máy in"))
        c.setCreator("TĐKT")
        H = page_h_mm * MM

        def pt(x_mm: float, y_mm: float) -> tuple[float, float]:
            return x_mm * MM, H - y_mm * MM

        c.setLineWidth(0.3)
        c.setFont(font.regular, 6.5)
        # Horizontal rulers (top and bottom edges): ticks every mm, numbers every 10 mm.
        for mm in range(0, int(page_w_mm) + 1):
            length = 6.0 if mm % 10 == 0 else 4.0 if mm % 5 == 0 else 2.0
            for edge_y, direction in ((0.0, 1), (page_h_mm, -1)):
                x, y = pt(mm, edge_y)
                c.line(x, y, x, y - direction * length * MM)
            if mm % 10 == 0 and 0 < mm < page_w_mm:
                x, y = pt(mm, 9.0)
                c.drawCentredString(x, y, str(mm))
                x, y = pt(mm, page_h_mm - 7.0)
                c.drawCentredString(x, y, str(mm))
        # Vertical rulers (left and right edges).
        for mm in range(0, int(page_h_mm) + 1):
            length = 6.0 if mm % 10 == 0 else 4.0 if mm % 5 == 0 else 2.0
            for edge_x, direction in ((0.0, 1), (page_w_mm, -1)):
                x, y = pt(edge_x, mm)
                c.line(x, y, x + direction * length * MM, y)
            if mm % 10 == 0 and 0 < mm < page_h_mm:
                x, y = pt(7.0, mm + 0.8)
                c.drawString(x, y, str(mm))
                x, y = pt(page_w_mm - 7.0, mm + 0.8)
                c.drawRightString(x, y, str(mm))
        # Crosshairs with their coordinates.
        c.setLineWidth(0.25)
        c.setFont(font.regular, 8)
        for cx, cy in crosshair_points(page_w_mm, page_h_mm):
            x, y = pt(cx, cy)
            c.line(x - 8 * MM, y, x + 8 * MM, y)
            c.line(x, y - 8 * MM, x, y + 8 * MM)
            c.circle(x, y, 3 * MM, stroke=1, fill=0)
            label = f"x = {cx:g} mm, y = {cy:g} mm"
            if cx > page_w_mm * 0.75:  # keep the label clear of the right-hand ruler
                c.drawRightString(x - 2 * MM, y + 2 * MM, label)
            else:
                c.drawString(x + 2 * MM, y + 2 * MM, label)
        # Instructions.
        c.setFont(font.bold, 13)
        x, y = pt(page_w_mm / 2, 55)
        c.drawCentredString(x, y, _("TRANG CĂN CHỈNH MÁY IN"))
        c.setFont(font.regular, 11)
        lines = [
            _("In trang này trên máy in sẽ dùng, đúng khổ giấy, tỉ lệ 100% (tắt “vừa trang”/“fit to page”)."),
            _("Đo xem tâm dấu thập rơi vào đâu: dùng thước đo từ mép TRÁI và mép TRÊN tờ giấy, tính bằng mm."),
            _("Nhập số đo của dấu thập 30/30 (và nếu cần, dấu thập ở góc dưới phải để tính tỉ lệ) vào chương trình."),
            _("Chương trình sẽ tính độ lệch của máy in này; mẫu giấy chứng nhận không phải sửa."),
        ]
        for index, line in enumerate(lines):
            x, y = pt(page_w_mm / 2, 64 + index * 6.5)
            c.drawCentredString(x, y, line)
        c.showPage()
        try:
            c.save()
        except OSError as exc:
            raise DocumentError(_("Không ghi được tệp {path}: {error}").format(path=target, error=exc)) from exc
    return target


__all__ = [
    "PrinterProfile",
    "calibration_page",
    "crosshair_points",
    "offsets_from_measurement",
    "scale_from_two_points",
]
