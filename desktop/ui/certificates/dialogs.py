"""Small dialogs of the certificates area: reprint reason, printer calibration, QR verification."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ops import certificates as ops
from desktop.store import StoreError
from desktop.ui.certificates.pdf_view import make_printer, print_pdfs
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.scratch import scratch_folder
from desktop.ui.widgets import (
    BAD_COLOR,
    ERROR_STYLE,
    OK_COLOR,
    OK_STYLE,
    ask_save_path,
    button_row,
    close_buttons,
    note,
    ok_cancel_buttons,
    show_error,
    sized_to_screen,
    text_field,
    wrapped_label,
)


class ReprintDialog(QDialog):
    """Why a certificate is printed again, and the serial of the new sheet."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("In lại giấy khen, bằng chứng nhận"))
        form = QFormLayout(self)
        form.addRow(QLabel(_("In lại giấy của {name}.").format(name=name)))
        self.reason = QComboBox()
        for key in ops.REPRINT_REASONS:
            self.reason.addItem(_(ops.REPRINT_LABELS[key]), key)
        self.note = text_field(_("ghi rõ, ví dụ: kẹt giấy, sai tên"))
        self.serial = text_field(_("số sê-ri in trên tờ phôi mới (nếu có)"))
        form.addRow(_("Lý do:"), self.reason)
        form.addRow(_("Ghi chú:"), self.note)
        form.addRow(_("Số phôi mới:"), self.serial)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        form.addRow(self.error)
        buttons = ok_cancel_buttons(self, _("In lại"), self._accept)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {"reason": self.reason.currentData(), "note": self.note.text().strip(), "serial": self.serial.text()}

    def _accept(self) -> None:
        if self.reason.currentData() == "other" and not self.note.text().strip():
            self.error.setText(_("Hãy ghi rõ lý do in lại."))
            return
        self.accept()


class CalibrationDialog(QDialog):
    """Print the calibration page, type where the crosshair landed, store the printer's correction."""

    def __init__(
        self,
        context: AppContext,
        printers: list[str],
        parent: QWidget | None = None,
        *,
        printer: str = "",
        page_mm: tuple[float, float] = (297.0, 210.0),
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.page_mm = page_mm
        self.setWindowTitle(_("Căn chỉnh máy in"))
        sized_to_screen(self, 620, 420)
        layout = QVBoxLayout(self)
        intro = note(
            _(
                "1. In trang căn chỉnh trên máy in sẽ dùng, tỉ lệ 100%. 2. Dùng thước đo tâm dấu thập ở (30, 30) cách "
                "mép TRÁI và mép TRÊN tờ giấy bao nhiêu mm. 3. Nhập số đo rồi bấm “Tính và lưu”."
            ),
            color="",
        )
        layout.addWidget(intro)
        form = QFormLayout()
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItems(printers)
        if printer:
            self.printer.setCurrentText(printer)
        form.addRow(_("Máy in:"), self.printer)
        self.current = QLabel()
        form.addRow(_("Đang dùng:"), self.current)
        self.print_button = QPushButton(_("In trang căn chỉnh"))
        self.save_button = QPushButton(_("Lưu trang căn chỉnh (PDF)…"))
        form.addRow(button_row(self.print_button, self.save_button))
        self.measured_x = self._mm_box(30.0)
        self.measured_y = self._mm_box(30.0)
        row = button_row(
            QLabel(_("Dấu thập ở (30, 30) rơi vào x =")),
            self.measured_x,
            QLabel(_("mm, y =")),
            self.measured_y,
            QLabel(_("mm")),
        )
        form.addRow(row)
        far = (page_mm[0] - 30.0, page_mm[1] - 30.0)
        self.use_scale = QCheckBox(
            _("Đo cả dấu thập ở ({x}, {y}) để tính tỉ lệ (máy in co/giãn trang)").format(
                x=f"{far[0]:g}", y=f"{far[1]:g}"
            )
        )
        self.far_x = self._mm_box(far[0])
        self.far_y = self._mm_box(far[1])
        far_row = button_row(QLabel(_("rơi vào x =")), self.far_x, QLabel(_("mm, y =")), self.far_y, QLabel(_("mm")))
        form.addRow(self.use_scale)
        form.addRow(far_row)
        layout.addLayout(form)
        self.result = wrapped_label()
        layout.addWidget(self.result)
        self.compute_button = QPushButton(_("Tính và lưu"))
        close = QPushButton(_("Đóng"))
        layout.addLayout(button_row(right=(self.compute_button, close)))
        self.profile: Any = None

        self.use_scale.toggled.connect(self._toggle_scale)
        self._toggle_scale(False)
        self.printer.currentTextChanged.connect(self._show_current)
        self.compute_button.clicked.connect(lambda: self.compute_and_save())
        self.save_button.clicked.connect(lambda: self.save_page())
        self.print_button.clicked.connect(lambda: self.print_page())
        close.clicked.connect(lambda: self.accept())
        self._show_current(self.printer.currentText())

    @staticmethod
    def _mm_box(value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0.0, 1200.0)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setValue(value)
        return box

    def _toggle_scale(self, on: bool) -> None:
        self.far_x.setEnabled(on)
        self.far_y.setEnabled(on)

    def _show_current(self, name: str) -> None:
        try:
            profile = ops.get_printer_profile(self.context.store, name.strip())
        except StoreError as exc:  # damaged outside the program: saving a new correction here repairs it
            self.current.setText(str(exc))
            return
        self.current.setText(
            _("lệch ngang {x} mm, lệch dọc {y} mm, tỉ lệ {scale}").format(
                x=f"{profile.offset_x_mm:g}", y=f"{profile.offset_y_mm:g}", scale=f"{profile.scale:g}"
            )
        )

    def _page(self, out: Path) -> Path:
        from desktop.documents.certificates import calibration_page

        return calibration_page(out, page_w_mm=self.page_mm[0], page_h_mm=self.page_mm[1])

    def _print(self, *, name: str) -> None:
        path = self._page(scratch_folder("calibration") / "calibration.pdf")
        printer = make_printer(name, width_mm=self.page_mm[0], height_mm=self.page_mm[1])
        print_pdfs(printer, [path])

    def save_page(self) -> None:
        path = ask_save_path(self, _("Lưu trang căn chỉnh"), "trang-can-chinh.pdf", _("Tệp PDF (*.pdf)"))
        if path is None:
            return
        if Operation(self, self.context, self._page, out=path).without_store().run():
            self.result.setText(_("Đã lưu {path}. In tệp này với tỉ lệ 100% rồi đo.").format(path=path))

    def print_page(self) -> None:
        name = self.printer.currentText().strip()
        if not name:
            show_error(self, _("Chưa chọn máy in."))
            return
        if Operation(self, self.context, self._print, name=name).without_store().run():
            self.result.setText(_("Đã gửi trang căn chỉnh tới máy in {name}.").format(name=name))

    def compute_and_save(self) -> None:
        from desktop.documents.certificates import offsets_from_measurement, scale_from_two_points

        name = self.printer.currentText().strip()
        measured = (self.measured_x.value(), self.measured_y.value())
        use_scale, far = self.use_scale.isChecked(), (self.far_x.value(), self.far_y.value())

        def measure_and_save(store: Any) -> tuple[Any, float, float, float]:
            if use_scale:
                far_expected = (self.page_mm[0] - 30.0, self.page_mm[1] - 30.0)
                scale, (dx, dy) = scale_from_two_points((30.0, 30.0), measured, far_expected, far)
            else:
                scale = 1.0
                dx, dy = offsets_from_measurement((30.0, 30.0), measured)
            profile = ops.save_printer_profile(store, name=name, offset_x_mm=dx, offset_y_mm=dy, scale=scale)
            return profile, dx, dy, scale

        def refused(error: BaseException) -> None:
            self.result.setStyleSheet(ERROR_STYLE)
            self.result.setText(str(error))

        operation = Operation(self, self.context, measure_and_save)
        if not operation.changes("printer_profiles").failure(refused).run():
            return
        assert operation.result is not None
        self.profile, dx, dy, scale = operation.result
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(
            _(
                "Đã lưu cho máy in {name}: lệch ngang {x} mm, lệch dọc {y} mm, tỉ lệ {scale}. Từ nay chữ in trên máy "
                "này được dịch đi tương ứng; mẫu giấy không đổi."
            ).format(name=name, x=f"{dx:g}", y=f"{dy:g}", scale=f"{scale:g}")
        )
        self._show_current(name)


class VerifyDialog(QDialog):
    """Kiểm tra giấy khen, bằng chứng nhận: paste the QR text (a scanner types it like a keyboard), check it
    offline, and say which paper it is."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Kiểm tra giấy khen, bằng chứng nhận"))
        sized_to_screen(self, 640, 360)
        layout = QVBoxLayout(self)
        hint = note(
            _(
                "Quét mã QR trên giấy khen, bằng chứng nhận bằng máy quét (hoặc dán nội dung mã vào ô dưới) rồi bấm "
                "“Kiểm tra”. Chương trình cho biết giấy thật hay không, loại giấy nào, đơn vị nào cấp. Việc kiểm "
                "tra không cần mạng."
            ),
            color="",
        )
        layout.addWidget(hint)
        self.payload = QPlainTextEdit()
        self.payload.setPlaceholderText("TDKT2|…")
        layout.addWidget(self.payload, 1)
        self.check_button = QPushButton(_("Kiểm tra"))
        layout.addLayout(button_row(self.check_button))
        self.result = wrapped_label()
        self.result.setStyleSheet("font-size: 11pt;")
        layout.addWidget(self.result)
        self.details = wrapped_label()
        layout.addWidget(self.details)
        layout.addWidget(close_buttons(self))
        self.outcome: dict[str, Any] | None = None
        self.check_button.clicked.connect(lambda: self.check())

    def check(self) -> None:
        text = self.payload.toPlainText()
        if not text.strip():
            self.result.setText(_("Chưa có nội dung mã QR."))
            return
        outcome = ops.verify(self.context.store, payload=text)
        self.outcome = outcome
        # Green only for a paper trustworthy today: a revoked or replaced decision's, or ours not in the register,
        # is shown red even though its signature is genuine.
        color = OK_COLOR if outcome["valid"] else BAD_COLOR
        mark = "✔ " if outcome["valid"] else "✘ "
        self.result.setStyleSheet(f"font-size: 11pt; color: {color};")
        self.result.setText(mark + outcome["message"])
        lines = []
        if outcome.get("fields"):
            lines.append(_("Loại giấy: {paper}").format(paper=outcome.get("paper_label") or ""))
        if outcome["signer"]:
            lines.append(
                _("Đơn vị ký: {unit} (mã {code}), khóa {fingerprint}").format(
                    unit=outcome["signer"]["unit_name"],
                    code=outcome["signer"]["unit_code"],
                    fingerprint=outcome["signer"]["fingerprint"],
                )
            )
        match = outcome.get("match")
        if match:
            lines.append(
                _("Trong sổ: Quyết định số {number}, số sổ vàng {register_no}, {name}; đã in {times} lần.").format(
                    number=match["number_text"],
                    register_no=match["register_no"],
                    name=match["snapshot_name"],
                    times=match["times_printed"],
                )
            )
        self.details.setText("\n".join(lines))
