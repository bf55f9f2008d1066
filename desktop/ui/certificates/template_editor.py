"""The visual template editor: fields as boxes over the page at real millimetre scale, dragged with the mouse.

The scene's unit is the millimetre, with the origin at the sheet's top-left corner, exactly as the template
measures (so a dragged box's position IS the template's ``x_mm``/``y_mm``). The clerk can load a scan or photo of
the blank form as the background and slide the boxes onto its dotted lines. Each box shows the first awardee's
text as the core lays it out (same shrink-and-wrap), so what is seen is what prints. Saving writes the user's copy
of the template; the bundled file is never overwritten.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.certificates import CertificateData, FitError, Template
from desktop.documents.certificates.labels import field_label
from desktop.documents.certificates.render import field_text, layout_field, template_values
from desktop.documents.certificates.template import ALIGNS, MODES, QR_MIN_MM, Field
from desktop.i18n import N_, _
from desktop.ui.operations import Operation, show_in
from desktop.ui.widgets import (
    ERROR_STYLE,
    OK_STYLE,
    button_row,
    code_combo,
    push_button,
    sized_to_screen,
    wrapped_label,
)

MM_PER_PT = 25.4 / 72.0
ALIGN_LABELS = {"left": N_("Trái"), "center": N_("Giữa"), "right": N_("Phải")}
VISIBLE_LABELS = {
    "both": N_("Cả hai chế độ"),
    "full": N_("Chỉ giấy trắng in đầy đủ"),
    "preprinted": N_("Chỉ phôi in sẵn"),
}
_FAMILY: str | None = None


def _font_family() -> str:
    """The document font (Times New Roman or Liberation Serif) loaded into Qt once, so boxes look like print."""
    global _FAMILY
    if _FAMILY is None:
        from desktop.documents.fonts import document_font

        family = "Serif"
        try:
            source = document_font().source_path
            prefix = source.stem[:5].lower()
            for path in sorted(source.parent.glob("*.ttf"))[:200]:
                if path.stem.lower().startswith(prefix):
                    font_id = QFontDatabase.addApplicationFont(str(path))
                    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
                    if families and path == source:
                        family = families[0]
        except Exception:  # a missing font only changes how the preview looks
            family = "Serif"
        _FAMILY = family
    return _FAMILY


class FieldItem(QGraphicsObject):
    """One field: a box the clerk drags; its position is the field's (x_mm, baseline y_mm)."""

    moved = Signal(str, float, float)

    def __init__(self, editor: TemplateEditor, item: Field) -> None:
        super().__init__()
        self.editor = editor
        self.field = item
        self.lines: list[tuple[str, float, float, float]] = []  # text, left, baseline (local mm), size mm
        self.box = QRectF()
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setZValue(10)
        self.update_field(item)

    @property
    def key(self) -> str:
        return self.field.key

    def update_field(self, item: Field) -> None:
        self.prepareGeometryChange()
        self.field = item
        self.lines = []
        if item.kind == "qr":
            self.box = QRectF(0, 0, item.width_mm, item.width_mm)
        else:
            text = field_text(item, self.editor.values)
            size_mm = item.size_pt * MM_PER_PT
            self.box = QRectF(0, -size_mm * 0.9, item.width_mm, size_mm * 1.15)
            self.error = ""
            if text:
                try:
                    laid = layout_field(item, text)
                except FitError as exc:
                    self.error = str(exc)
                else:
                    self.box = QRectF(0, laid.y_mm - item.y_mm, item.width_mm, max(laid.h_mm, 1.0))
                    size = laid.size_pt * MM_PER_PT
                    for line, left, base in zip(laid.lines, laid.line_lefts_mm, laid.baselines_mm, strict=True):
                        self.lines.append((line, left - item.x_mm, base - item.y_mm, size))
        self.setPos(item.x_mm, item.y_mm)
        self.update()

    def boundingRect(self) -> QRectF:
        return self.box.adjusted(-0.5, -3.5, 0.5, 0.5)

    def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
        visible = self.field.visible(self.editor.mode)
        selected = self.isSelected()
        color = QColor("#e07000") if selected else QColor("#1565c0")
        if not visible:
            color = QColor("#9e9e9e")
        pen = QPen(color, 0)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = QColor(color)
        fill.setAlpha(40 if selected else 18)
        painter.setBrush(QBrush(fill))
        painter.drawRect(self.box)
        label_font = QFont(_font_family())
        label_font.setPixelSize(10)
        painter.save()
        painter.translate(self.box.left(), self.box.top() - 0.6)
        painter.scale(0.25, 0.25)
        painter.setFont(label_font)
        painter.drawText(QPointF(0, 0), self.editor.label_of(self.field.key))
        painter.restore()
        if self.field.kind == "qr":
            painter.save()
            painter.setPen(QPen(QColor("#000000"), 0))
            painter.translate(self.box.center())
            painter.scale(0.5, 0.5)
            painter.setFont(label_font)
            painter.drawText(QRectF(-20, -10, 40, 20), Qt.AlignmentFlag.AlignCenter, "QR")
            painter.restore()
            return
        if not visible:
            return
        text_color = QColor(self.field.color)
        for line, left, base, size in self.lines:
            font = QFont(_font_family())
            font.setPixelSize(100)
            font.setBold(self.field.bold)
            font.setItalic(self.field.italic)
            font.setUnderline(self.field.underline)
            painter.save()
            painter.setPen(QPen(text_color, 0))
            painter.translate(left, base)
            factor = size / 100.0
            painter.scale(factor, factor)
            painter.setFont(font)
            painter.drawText(QPointF(0, 0), line)
            painter.restore()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            page_w, page_h = self.editor.template.page_width_mm, self.editor.template.page_height_mm
            x = min(max(0.0, value.x()), page_w - self.field.width_mm)
            y = min(max(0.0, value.y()), page_h - (self.field.width_mm if self.field.kind == "qr" else 0.0))
            return QPointF(x, y)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.moved.emit(self.field.key, float(self.pos().x()), float(self.pos().y()))
        return super().itemChange(change, value)


class PageView(QGraphicsView):
    """Keeps the whole sheet in view as the window is resized."""

    def __init__(self, scene: QGraphicsScene, page: QRectF) -> None:
        super().__init__(scene)
        self.page = page
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QBrush(QColor("#8a8a8a")))
        self.setDragMode(QGraphicsView.DragMode.NoDrag)

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit()

    def pixels_per_mm(self) -> float:
        return float(self.transform().m11())


class TemplateEditor(QDialog):
    """Sửa mẫu giấy khen, bằng chứng nhận: drag fields, set their properties, preview with the first awardee,
    save a user copy."""

    saved = Signal(object)

    def __init__(
        self,
        template: Template,
        sample: CertificateData,
        parent: QWidget | None = None,
        *,
        mode: str = "preprinted",
    ) -> None:
        super().__init__(parent)
        self.template = template
        self.sample = sample
        self.values = template_values(template, sample)
        self.mode = mode if mode in MODES else "preprinted"
        self.saved_path: Path | None = None
        self._updating = False
        self.setWindowTitle(_("Sửa mẫu: {name}").format(name=template.name))
        sized_to_screen(self, 1280, 760)

        page = QRectF(0, 0, template.page_width_mm, template.page_height_mm)
        self.scene = QGraphicsScene(self)
        self.scene.setSceneRect(page.adjusted(-4, -4, 4, 4))
        sheet = QGraphicsRectItem(page)
        sheet.setBrush(QBrush(QColor("#ffffff")))
        sheet.setPen(QPen(QColor("#555555"), 0))
        sheet.setZValue(-10)
        self.scene.addItem(sheet)
        self.background = QGraphicsPixmapItem()
        self.background.setZValue(-5)
        self.background.setOpacity(0.5)
        self.scene.addItem(self.background)
        self.items: dict[str, FieldItem] = {}
        keys = [item.key for item in template.fields]
        self.labels = {key: field_label(key, keys.index(key) + 1) for key in keys}
        for item in template.fields:
            graphic = FieldItem(self, item)
            graphic.moved.connect(self._field_moved)
            self.scene.addItem(graphic)
            self.items[item.key] = graphic
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view = PageView(self.scene, page)

        # -- side panel
        side = QVBoxLayout()
        self.mode_box = QComboBox()
        self.mode_box.addItem(_("Phôi in sẵn"), "preprinted")
        self.mode_box.addItem(_("Giấy trắng in đầy đủ"), "full")
        self.mode_box.setCurrentIndex(0 if self.mode == "preprinted" else 1)
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        top_form = QFormLayout()
        top_form.addRow(_("Xem theo chế độ:"), self.mode_box)
        background_row = QHBoxLayout()
        self.background_button = push_button(_("Ảnh nền (bản quét phôi)…"), self.choose_background)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(50)
        self.opacity.valueChanged.connect(lambda v: self.background.setOpacity(v / 100.0))
        background_row.addWidget(self.background_button)
        top_form.addRow(background_row)
        top_form.addRow(_("Độ mờ ảnh nền:"), self.opacity)
        side.addLayout(top_form)
        side.addWidget(QLabel(_("Các trường:")))
        self.field_list = QListWidget()
        for item in template.fields:
            row = QListWidgetItem(self.label_of(item.key))
            row.setData(Qt.ItemDataRole.UserRole, item.key)  # the key stays inside
            self.field_list.addItem(row)
        self.field_list.currentItemChanged.connect(
            lambda row, _previous: self.select_field(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None
        )
        side.addWidget(self.field_list, 1)

        self.form = QFormLayout()
        self.x_box = self._mm_box(template.page_width_mm)
        self.y_box = self._mm_box(template.page_height_mm)
        self.width_box = self._mm_box(template.page_width_mm)
        self.width_box.setMinimum(1.0)
        self.size_box = self._pt_box()
        self.min_size_box = self._pt_box()
        self.lines_box = QSpinBox()
        self.lines_box.setRange(1, 3)
        self.bold_box = QCheckBox(_("Đậm"))
        self.italic_box = QCheckBox(_("Nghiêng"))
        self.color_button = QPushButton()
        self.align_box = QComboBox()
        for key in ALIGNS:
            self.align_box.addItem(_(ALIGN_LABELS[key]), key)
        self.visible_box = code_combo(VISIBLE_LABELS)
        self.form.addRow(_("Ngang x (mm):"), self.x_box)
        self.form.addRow(_("Dọc y, chân chữ (mm):"), self.y_box)
        self.form.addRow(_("Bề rộng (mm):"), self.width_box)
        self.form.addRow(_("Cỡ chữ (pt):"), self.size_box)
        self.form.addRow(_("Cỡ nhỏ nhất (pt):"), self.min_size_box)
        self.form.addRow(_("Số dòng tối đa:"), self.lines_box)
        style_row = QHBoxLayout()
        style_row.addWidget(self.bold_box)
        style_row.addWidget(self.italic_box)
        self.form.addRow(_("Kiểu chữ:"), style_row)
        self.form.addRow(_("Màu:"), self.color_button)
        self.form.addRow(_("Căn lề:"), self.align_box)
        self.form.addRow(_("In khi:"), self.visible_box)
        side.addLayout(self.form)
        self.message = wrapped_label()
        self.message.setStyleSheet(ERROR_STYLE)
        side.addWidget(self.message)
        self.save_button = push_button(_("Lưu mẫu"), self.save)
        close = push_button(_("Đóng"), self.reject)
        side.addLayout(button_row(right=(self.save_button, close)))

        for box in (self.x_box, self.y_box, self.width_box, self.size_box, self.min_size_box):
            box.valueChanged.connect(self._properties_changed)
        self.lines_box.valueChanged.connect(self._properties_changed)
        self.bold_box.toggled.connect(self._properties_changed)
        self.italic_box.toggled.connect(self._properties_changed)
        self.align_box.currentIndexChanged.connect(self._properties_changed)
        self.visible_box.currentIndexChanged.connect(self._properties_changed)
        self.color_button.clicked.connect(lambda: self.choose_color())

        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(340)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(panel)
        self._set_form_enabled(False)
        if template.fields:
            self.select_field(template.fields[0].key)

    # -- helpers
    @staticmethod
    def _mm_box(maximum: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setDecimals(2)
        box.setRange(0.0, maximum)
        box.setSingleStep(0.5)
        box.setSuffix(" mm")
        return box

    @staticmethod
    def _pt_box() -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(4.0, 200.0)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" pt")
        return box

    def _set_form_enabled(self, on: bool) -> None:
        for widget in (
            self.x_box,
            self.y_box,
            self.width_box,
            self.size_box,
            self.min_size_box,
            self.lines_box,
            self.bold_box,
            self.italic_box,
            self.color_button,
            self.align_box,
            self.visible_box,
        ):
            widget.setEnabled(on)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.view.fit()

    def label_of(self, key: str) -> str:
        """What the clerk sees for field ``key`` (never the key itself)."""
        return self.labels.get(key) or field_label(key)

    @property
    def current_key(self) -> str | None:
        selected = [i for i in self.scene.selectedItems() if isinstance(i, FieldItem)]
        return selected[0].key if selected else None

    # -- selection and form
    def select_field(self, key: str) -> None:
        item = self.items.get(key)
        if item is None or item.isSelected():
            return
        self.scene.clearSelection()
        item.setSelected(True)

    def _selection_changed(self) -> None:
        key = self.current_key
        self._set_form_enabled(key is not None)
        if key is None:
            return
        self._fill_form(self.template.field(key))
        for index in range(self.field_list.count()):
            row = self.field_list.item(index)
            if row.data(Qt.ItemDataRole.UserRole) == key:
                self.field_list.blockSignals(True)
                self.field_list.setCurrentItem(row)
                self.field_list.blockSignals(False)
                break

    def _fill_form(self, item: Field) -> None:
        self._updating = True
        try:
            self.x_box.setValue(item.x_mm)
            self.y_box.setValue(item.y_mm)
            self.width_box.setMinimum(QR_MIN_MM if item.kind == "qr" else 1.0)  # a phone reads no smaller code
            self.width_box.setValue(item.width_mm)
            self.size_box.setValue(item.size_pt)
            self.min_size_box.setValue(item.min_size_pt)
            self.lines_box.setValue(item.max_lines)
            self.bold_box.setChecked(item.bold)
            self.italic_box.setChecked(item.italic)
            self.color_button.setText(item.color)
            self.color_button.setStyleSheet(f"color: {item.color};")
            self.align_box.setCurrentIndex(max(0, self.align_box.findData(item.align)))
            visible = "both" if set(item.visible_in) == set(MODES) else item.visible_in[0]
            self.visible_box.setCurrentIndex(max(0, self.visible_box.findData(visible)))
            is_text = item.kind == "text"
            for widget in (self.size_box, self.min_size_box, self.lines_box, self.bold_box, self.italic_box):
                widget.setEnabled(is_text)
        finally:
            self._updating = False

    def _apply(self, key: str, **changes: Any) -> None:
        self.template = self.template.with_field(key, **changes)
        self.items[key].update_field(self.template.field(key))
        self.message.setText(getattr(self.items[key], "error", ""))

    def _properties_changed(self) -> None:
        key = self.current_key
        if self._updating or key is None:
            return
        item = self.template.field(key)
        width = min(self.width_box.value(), self.template.page_width_mm - self.x_box.value())
        size = self.size_box.value()
        visible = self.visible_box.currentData()
        self._apply(
            key,
            x_mm=round(self.x_box.value(), 2),
            y_mm=round(self.y_box.value(), 2),
            width_mm=round(max(1.0, width), 2),
            size_pt=size,
            min_size_pt=min(self.min_size_box.value(), size),
            max_lines=self.lines_box.value(),
            bold=self.bold_box.isChecked(),
            italic=self.italic_box.isChecked(),
            align=self.align_box.currentData() or item.align,
            visible_in=tuple(MODES) if visible == "both" else (visible,),
        )

    def _field_moved(self, key: str, x: float, y: float) -> None:
        if self._updating:
            return
        item = self.template.field(key)
        x, y = round(x, 2), round(y, 2)
        if (item.x_mm, item.y_mm) == (x, y):
            return
        self.template = self.template.with_field(key, x_mm=x, y_mm=y)
        self.items[key].field = self.template.field(key)
        if key == self.current_key:
            self._fill_form(self.template.field(key))

    def choose_color(self) -> None:
        key = self.current_key
        if key is None:
            return
        color = QColorDialog.getColor(QColor(self.template.field(key).color), self, _("Chọn màu chữ"))
        if color.isValid():
            self._apply(key, color=color.name().upper())
            self._fill_form(self.template.field(key))

    def _mode_changed(self) -> None:
        self.mode = self.mode_box.currentData()
        for item in self.items.values():
            item.update()

    # -- background and saving
    def choose_background(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn ảnh quét của phôi"), "", _("Ảnh (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)")
        )
        if path:
            self.set_background(Path(path))

    def set_background(self, path: Path) -> bool:
        """Stretch the scan over the whole sheet (a scan of the blank form is the sheet)."""
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            self.message.setText(_("Không mở được ảnh {path}.").format(path=path))
            return False
        self.background.setPixmap(pixmap)
        self.background.setTransform(
            QTransform.fromScale(
                self.template.page_width_mm / pixmap.width(), self.template.page_height_mm / pixmap.height()
            )
        )
        return True

    def save(self) -> Path | None:
        from desktop.ops.certificates import save_user_template

        operation = Operation(self, None, save_user_template, template=replace(self.template, source=None))
        if not operation.without_store().failure(show_in(self.message)).run():
            return None
        path = operation.result
        assert path is not None
        self.saved_path = path
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(_("Đã lưu mẫu vào {path}.").format(path=path))
        self.saved.emit(path)
        return path
