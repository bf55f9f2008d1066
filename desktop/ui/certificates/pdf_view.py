"""Showing and printing certificate PDFs inside the program, through pdfium (pypdfium2).

Why pypdfium2 and not QtPdf: QtPdf ships only in PySide6-Addons (about 175 MB installed), while pypdfium2 brings
the same pdfium engine Chrome and QtPdf use in about 3 MB. Pages are rasterised into QImages: at screen resolution
for the preview, and at the printer's resolution (at most 600 dpi, in bands to bound memory) for printing, where
each page is drawn at exactly its physical size from the paper's corner — never "fit to page" — so the
millimetres of the template and of the printer's calibration hold on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap, QShowEvent
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ops.errors import Cancelled
from desktop.ui.widgets import close_buttons, sized_to_screen

POINTS_PER_MM = 72.0 / 25.4
MAX_PRINT_DPI = 600
BAND_PIXELS = 1024


def _pdfium():
    import pypdfium2

    return pypdfium2


def page_count(path: Path) -> int:
    doc = _pdfium().PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def page_size_mm(path: Path, index: int = 0) -> tuple[float, float]:
    doc = _pdfium().PdfDocument(str(path))
    try:
        width, height = doc[index].get_size()
    finally:
        doc.close()
    return width / POINTS_PER_MM, height / POINTS_PER_MM


def _to_qimage(bitmap) -> QImage:
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: pdfium frees its buffer


def render_page(path: Path | object, index: int, dpi: float) -> QImage:
    """Page ``index`` of a PDF as an RGB QImage at ``dpi`` (``path`` may be an open PdfDocument)."""
    pdfium = _pdfium()
    doc = path if isinstance(path, pdfium.PdfDocument) else pdfium.PdfDocument(str(path))
    try:
        bitmap = doc[index].render(scale=dpi / 72.0, rev_byteorder=True, force_bitmap_format=pdfium.raw.FPDFBitmap_BGR)
        return _to_qimage(bitmap)
    finally:
        if doc is not path:
            doc.close()


# -- printing -----------------------------------------------------------------------------------------------------


def page_layout_for(width_mm: float, height_mm: float) -> QPageLayout:
    """The page size the template asks for (A4, A3 or a custom size in mm), in the right orientation, no margins."""
    short, long_ = sorted((width_mm, height_mm))
    size = QPageSize(QSizeF(short, long_), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width_mm > height_mm else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def make_printer(name: str, *, width_mm: float, height_mm: float) -> QPrinter:
    """A QPrinter on the named printer with the page size and orientation set and the whole sheet addressable."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo()
    if name and not info.isNull():
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, width_mm=width_mm, height_mm=height_mm)
    return printer


def setup_printer(printer: QPrinter, *, width_mm: float, height_mm: float) -> None:
    printer.setFullPage(True)  # origin at the paper's corner, not at the printable area's
    printer.setPageLayout(page_layout_for(width_mm, height_mm))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


class PrintCancelled(Cancelled):
    """The clerk stopped printing; the printer job was aborted."""


def print_pdfs(
    printer: QPrinter,
    paths: Sequence[Path],
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Print every page of ``paths`` on ``printer`` at 1:1 physical size; returns the pages printed.

    Each page is rasterised at the printer's resolution (at most 600 dpi) in horizontal bands and drawn from the
    paper's top-left corner. Safe in a worker thread (QPainter on a QPrinter is allowed off the GUI thread).
    """
    pdfium = _pdfium()
    docs = [pdfium.PdfDocument(str(p)) for p in paths]
    try:
        total = sum(len(d) for d in docs)
        if total == 0:
            return 0
        first_w, first_h = docs[0][0].get_size()
        printer.setFullPage(True)
        printer.setPageLayout(page_layout_for(first_w / POINTS_PER_MM, first_h / POINTS_PER_MM))
        device_dpi = printer.resolution()
        dpi = min(device_dpi, MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(
                _("Không mở được máy in “{name}”.").format(name=printer.printerName() or printer.outputFileName())
            )
        done = 0
        try:
            for doc in docs:
                for index in range(len(doc)):
                    if should_cancel is not None and should_cancel():
                        printer.abort()
                        raise PrintCancelled
                    page = doc[index]
                    width_pt, height_pt = page.get_size()
                    if done > 0:
                        layout = page_layout_for(width_pt / POINTS_PER_MM, height_pt / POINTS_PER_MM)
                        if layout.fullRectPoints().size() != printer.pageLayout().fullRectPoints().size():
                            printer.setPageLayout(layout)
                        printer.newPage()
                    _draw_page(painter, page, width_pt, height_pt, dpi, device_dpi)
                    done += 1
                    if progress is not None:
                        progress(done, total)
        finally:
            if painter.isActive():
                painter.end()
        return done
    finally:
        for doc in docs:
            doc.close()


def _draw_page(painter: QPainter, page, width_pt: float, height_pt: float, dpi: float, device_dpi: float) -> None:
    pdfium = _pdfium()
    scale = dpi / 72.0
    to_device = device_dpi / dpi
    band_pt = BAND_PIXELS / scale
    top_pt = 0.0
    y_px = 0
    while top_pt < height_pt - 1e-6:
        bottom_pt = min(height_pt, top_pt + band_pt)
        bitmap = page.render(
            scale=scale,
            crop=(0, height_pt - bottom_pt, 0, top_pt),
            rev_byteorder=True,
            force_bitmap_format=pdfium.raw.FPDFBitmap_BGR,
        )
        image = _to_qimage(bitmap)
        target = QRectF(0, y_px * to_device, image.width() * to_device, image.height() * to_device)
        painter.drawImage(target, image)
        y_px += image.height()
        top_pt = bottom_pt


# -- preview ------------------------------------------------------------------------------------------------------


class PdfPreviewDialog(QDialog):
    """Pages of one or more PDFs, one at a time, with zoom and page navigation (rendered by pdfium).

    It opens with the page fitted to the window; with ``on_print`` it has an "In…" button that calls it.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        parent: QWidget | None = None,
        *,
        title: str = "",
        on_print: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or _("Xem trước bản in"))
        sized_to_screen(self, 1100, 760)
        pdfium = _pdfium()
        self._docs = [pdfium.PdfDocument(str(p)) for p in paths]
        self._pages = [(doc, i) for doc in self._docs for i in range(len(doc))]
        self.index = 0
        self.zoom = 100
        self.fitted = False  # fitted to the window once, when first shown
        self.on_print = on_print

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.previous_button = QPushButton(_("◀ Trang trước"))
        self.next_button = QPushButton(_("Trang sau ▶"))
        self.page_label = QLabel()
        self.zoom_box = QSpinBox()
        self.zoom_box.setRange(25, 400)
        self.zoom_box.setSingleStep(25)
        self.zoom_box.setSuffix(" %")
        self.zoom_box.setValue(self.zoom)
        self.fit_button = QPushButton(_("Vừa cửa sổ"))
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(_("Thu phóng:")))
        bar.addWidget(self.zoom_box)
        bar.addWidget(self.fit_button)
        self.print_button = QPushButton(_("In…"))
        self.print_button.setToolTip(_("In các trang này ra máy in đã chọn ở trang In giấy khen"))
        self.print_button.setVisible(on_print is not None)
        bar.addSpacing(16)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setStyleSheet("background: #8a8a8a; padding: 12px;")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.image_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(close_buttons(self))

        self.previous_button.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.index + 1))
        self.zoom_box.valueChanged.connect(self._zoom_changed)
        self.fit_button.clicked.connect(lambda: self.fit_to_window())
        self.print_button.clicked.connect(lambda: self.on_print() if self.on_print is not None else None)
        self.show_page(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.fitted:
            self.fitted = True
            layout = self.layout()
            if layout is not None:
                layout.activate()  # the scroll area has its size before the page is fitted into it
            self.fit_to_window()

    @property
    def page_total(self) -> int:
        return len(self._pages)

    def current_image(self) -> QImage | None:
        pixmap = self.image_label.pixmap()
        return pixmap.toImage() if pixmap is not None and not pixmap.isNull() else None

    def show_page(self, index: int) -> None:
        if not self._pages:
            self.page_label.setText(_("Không có trang nào"))
            return
        self.index = max(0, min(index, len(self._pages) - 1))
        doc, page_index = self._pages[self.index]
        dpi = self.logicalDpiX() * self.zoom / 100.0
        image = render_page(doc, page_index, dpi)
        self.image_label.setPixmap(QPixmap.fromImage(image))
        self.page_label.setText(_("Trang {n}/{total}").format(n=self.index + 1, total=len(self._pages)))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self._pages) - 1)

    def _zoom_changed(self, value: int) -> None:
        self.zoom = int(value)
        self.show_page(self.index)

    def fit_to_window(self) -> None:
        if not self._pages:
            return
        doc, page_index = self._pages[self.index]
        width_pt, height_pt = doc[page_index].get_size()
        area = self.scroll.viewport().size()
        dpi = self.logicalDpiX()
        zoom_w = (area.width() - 30) / (width_pt / 72.0 * dpi) * 100
        zoom_h = (area.height() - 30) / (height_pt / 72.0 * dpi) * 100
        self.zoom_box.setValue(max(25, int(min(zoom_w, zoom_h))))

    def done(self, result: int) -> None:
        for doc in self._docs:
            doc.close()
        self._docs = []
        self._pages = []
        super().done(result)
