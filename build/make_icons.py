"""Render the program's icons from their SVG sources into PNGs (run by hand after changing an icon).

The icons are Tabler Icons (MIT licence, resources/icons/LICENSE-tabler-icons.txt), outline style, recoloured
to the program's dark blue. The program loads the PNGs, so the bundle needs neither QtSvg nor its image plugin;
QtSvg is used here, at build time only. The Windows icon (tdkt.ico) is drawn from ``award.svg``.

    .venv/bin/python build/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (24, 48)  # 48 serves screens scaled 200 %
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    sources = sorted((ICONS / "svg").glob("*.svg"))
    for svg in sources:
        for size in SIZES:
            suffix = "" if size == SIZES[0] else f"@{size // SIZES[0]}x"
            (ICONS / f"{svg.stem}{suffix}.png").write_bytes(png_bytes(render(svg, size)))
    big = Image.open(io.BytesIO(png_bytes(render(ICONS / "svg" / "award.svg", 256))))
    big.save(ICONS / "tdkt.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"{len(sources)} icons rendered into {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
