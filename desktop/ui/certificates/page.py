"""In giấy khen, bằng chứng nhận: pick a decision, tick the awardees, preview, print or save PDFs, reprint, and
the print register.

Each award is printed on its own paper (rule pack ``certificate``: Giấy khen, Bằng chứng nhận, Giấy công nhận;
LĐTT and TTLĐTT only where the province or the unit turns their "Giấy chứng nhận" on); an award without paper is
listed, greyed, and cannot be ticked.

Rendering and printing run off the UI thread (desktop.ui.operations, without a store) with a progress dialog and
cancel. The batch is read from the database on the main thread first (quick), so the worker touches no database;
the prints are recorded afterwards on the main thread in one transaction — a cancelled or failed batch records
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.files.names import safe_name
from desktop.i18n import N_, _, label
from desktop.ops import certificates as ops
from desktop.ops.errors import OperationError
from desktop.store import StoreError
from desktop.ui.certificates.pdf_view import PdfPreviewDialog, make_printer, print_pdfs
from desktop.ui.context import AppContext
from desktop.ui.jobs import Job
from desktop.ui.operations import Operation
from desktop.ui.review import AWARDEE_COLUMNS, ask_reason, date_text, safe_file_name
from desktop.ui.scratch import scratch_folder
from desktop.ui.tables import cell, make_table, set_empty_text
from desktop.ui.widgets import WARN_COLOR, ask_save_path, button_row, show_error, text_field, wrapped_label

AWARDEE_HEADERS = (
    *AWARDEE_COLUMNS,
    N_("Loại giấy"),
    N_("Số lần in"),
    N_("Số phôi"),
)
NO_PAPER = N_("Không in giấy")  # the tooltip and the note under the table say why
# a decision no longer in force, as the page names it beside the sheets printed under it (to recall)
RECALL_STATUSES: dict[str, str] = {"corrected": N_("đã bị thay thế"), "revoked": N_("đã bị hủy bỏ")}
REGISTER_HEADERS = (
    N_("Số sổ vàng"),
    N_("Họ tên, tập thể"),
    N_("Lần in"),
    N_("Thời gian"),
    N_("Người in"),
    N_("Máy in"),
    N_("Chế độ"),
    N_("Số phôi"),
    N_("In lại vì"),
)
AUTO_TEMPLATE = ""
PDF_LABEL = N_("Xuất PDF")
PrinterFactory = Callable[[str, float, float], QPrinter]


def system_printers() -> list[str]:
    try:
        return list(QPrinterInfo.availablePrinterNames())
    except Exception:  # no print system (a server, a broken driver): PDF still works
        return []


def _default_printer_factory(name: str, width_mm: float, height_mm: float) -> QPrinter:
    return make_printer(name, width_mm=width_mm, height_mm=height_mm)


class CertificatesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.printer_factory: PrinterFactory = _default_printer_factory
        self.job: Job | None = None
        self.last_paths: list[Path] = []
        self.preview_dialog: Any = None
        self._awardees: list[dict[str, Any]] = []
        self._extra_printers: list[str] = []

        layout = QVBoxLayout(self)
        title = QLabel(_("In giấy khen, bằng chứng nhận"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Quyết định:")))
        self.decision_box = QComboBox()
        self.decision_box.setMinimumWidth(520)
        top.addWidget(self.decision_box, 1)
        self.verify_button = QPushButton(_("Kiểm tra mã QR…"))
        self.verify_button.setToolTip(_("Kiểm tra giấy khen, bằng chứng nhận: thật hay không, loại giấy, đơn vị cấp"))
        top.addWidget(self.verify_button)
        layout.addLayout(top)

        body = QHBoxLayout()
        self.tabs = QTabWidget()
        list_tab = QWidget()
        list_layout = QVBoxLayout(list_tab)
        # names whole (sized to their content); the department takes what is left (its full text in the tooltip)
        self.table = make_table([_(h) for h in AWARDEE_HEADERS], stretch=3)
        list_layout.addWidget(self.table, 1)
        self.all_button = QPushButton(_("Chọn tất cả"))
        self.none_button = QPushButton(_("Bỏ chọn tất cả"))
        self.unprinted_button = QPushButton(_("Chọn người chưa in"))
        self.count_label = QLabel()
        list_layout.addLayout(
            button_row(self.all_button, self.none_button, self.unprinted_button, right=(self.count_label,))
        )
        optional_row = QHBoxLayout()
        self.no_paper_note = wrapped_label()
        self.no_paper_note.setStyleSheet("color: #6b6b6b;")
        self.optional_button = QPushButton(_("Bật in giấy chứng nhận LĐTT, TTLĐTT…"))
        self.optional_button.setToolTip(
            _(
                "Chỉ khi tỉnh hoặc đơn vị quyết định in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động "
                "tiên tiến."
            )
        )
        optional_row.addWidget(self.no_paper_note, 1)
        optional_row.addWidget(self.optional_button)
        list_layout.addLayout(optional_row)
        self.tabs.addTab(list_tab, _("Danh sách được khen"))
        self.register_table = make_table([_(h) for h in REGISTER_HEADERS])  # "In lại vì" takes the rest
        set_empty_text(
            self.register_table,
            _(
                "Chưa in tờ nào của quyết định đang chọn. Mỗi lần in (kể cả in lại) được ghi vào sổ này: "
                "lần in, người in, máy in, số phôi."
            ),
        )
        self.tabs.addTab(self.register_table, _("Sổ theo dõi in"))
        body.addWidget(self.tabs, 1)

        panel = QGroupBox(_("In"))
        form = QFormLayout(panel)
        self.template_box = QComboBox()
        self.mode_box = QComboBox()
        for key in ("preprinted", "full"):
            self.mode_box.addItem(_(ops.MODE_LABELS[key]), key)
        self.printer_box = QComboBox()
        self.profile_label = wrapped_label()
        self.serial_edit = text_field(_("ví dụ AA001235 (tăng dần)"))
        self.per_person = QCheckBox(_("Mỗi người một tệp PDF"))
        form.addRow(_("Mẫu:"), self.template_box)
        form.addRow(_("Chế độ:"), self.mode_box)
        form.addRow(_("Máy in:"), self.printer_box)
        form.addRow("", self.profile_label)
        form.addRow(_("Số phôi tờ đầu:"), self.serial_edit)
        form.addRow("", self.per_person)
        self.preview_button = QPushButton(_("Xem trước"))
        self.print_button = QPushButton(_("In"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(_("Lưu PDF…"))
        self.reprint_button = QPushButton(_("In lại…"))
        self.editor_button = QPushButton(_("Sửa mẫu…"))
        self.calibrate_button = QPushButton(_("Căn chỉnh máy in…"))
        for button in (
            self.preview_button,
            self.print_button,
            self.save_button,
            self.reprint_button,
            self.editor_button,
            self.calibrate_button,
        ):
            form.addRow(button)
        self.status = wrapped_label()
        form.addRow(self.status)
        self._statuses: dict[int, str] = {}
        self._print_widgets = (
            self.preview_button,
            self.print_button,
            self.save_button,
            self.reprint_button,
            self.all_button,
            self.none_button,
            self.unprinted_button,
            self.optional_button,
        )
        panel.setFixedWidth(330)
        body.addWidget(panel)
        layout.addLayout(body, 1)

        self.decision_box.currentIndexChanged.connect(self._decision_changed)
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.unprinted_button.clicked.connect(lambda: self._check_unprinted())
        self.table.itemChanged.connect(lambda _item: self._update_count())
        self.printer_box.currentIndexChanged.connect(self._show_profile)
        self.mode_box.currentIndexChanged.connect(self._show_profile)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.editor_button.clicked.connect(lambda: self.edit_template())
        self.calibrate_button.clicked.connect(lambda: self.calibrate())
        self.verify_button.clicked.connect(lambda: self.open_verify())
        self.optional_button.clicked.connect(lambda: self.turn_optional_on())
        context.data_changed.connect(self._data_changed)
        self.reload()

    # -- loading ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.decision_id
        self.decision_box.blockSignals(True)
        self.decision_box.clear()
        self._statuses = {}
        summaries = ops.decision_summaries(self.context.store)
        for row in summaries:
            if row["status"] != "issued":
                continue
            text = _("{number} — {day} — {subject} ({n} tờ cần in, đã in {printed})").format(
                number=row["number_text"],
                day=date_text(row["decision_date"]),
                subject=row["subject"],
                n=row["papers_count"],
                printed=row["printed_count"],
            )
            self._add_decision(text, row)
        # a decision since replaced or revoked stays here while sheets printed under it exist: those are to recall
        for row in summaries:
            if row["status"] == "issued" or not row["printed_count"]:
                continue
            text = _("{number} — {day} — {subject} ({status}; {printed} tờ đã in cần thu hồi)").format(
                number=row["number_text"],
                day=date_text(row["decision_date"]),
                subject=row["subject"],
                status=label(RECALL_STATUSES, row["status"]),
                printed=row["printed_count"],
            )
            self._add_decision(text, row)
        self.decision_box.blockSignals(False)
        index = self.decision_box.findData(current) if current is not None else 0
        self.decision_box.setCurrentIndex(max(0, index))
        self._fill_templates()
        self._fill_printers()
        self._decision_changed()

    def _add_decision(self, text: str, row: dict[str, Any]) -> None:
        self.decision_box.addItem(text, int(row["id"]))
        self._statuses[int(row["id"])] = str(row["status"])

    @property
    def in_force(self) -> bool:
        """Whether the chosen decision is still in force (only then are its sheets printed)."""
        decision_id = self.decision_id
        return decision_id is not None and self._statuses.get(decision_id) == "issued"

    def _fill_templates(self) -> None:
        chosen = self.template_box.currentData()
        self.template_box.clear()
        self.template_box.addItem(_("Tự chọn theo loại giấy"), AUTO_TEMPLATE)
        for template in ops.available_templates():
            self.template_box.addItem(template.name, template.id)
        if chosen:
            self.template_box.setCurrentIndex(max(0, self.template_box.findData(chosen)))

    def _fill_printers(self) -> None:
        chosen = self.printer_box.currentData()
        self.printer_box.clear()
        for name in [*self._extra_printers, *system_printers()]:
            if self.printer_box.findData(name) < 0:
                self.printer_box.addItem(name, name)
        self.printer_box.addItem(_(PDF_LABEL), ops.PDF_PRINTER)
        default = QPrinterInfo.defaultPrinterName() if chosen is None else chosen
        index = self.printer_box.findData(default)
        self.printer_box.setCurrentIndex(max(0, index))
        self._show_profile()

    def add_printer(self, name: str) -> None:
        """Offer a printer the print system did not list (tests; a network printer typed by hand)."""
        if name not in self._extra_printers:
            self._extra_printers.append(name)
        if self.printer_box.findData(name) < 0:
            self.printer_box.insertItem(0, name, name)
        self.printer_box.setCurrentIndex(self.printer_box.findData(name))

    def _data_changed(self, what: str) -> None:
        if what in ("decisions", "certificate_prints", "printer_profiles", "review"):
            self.reload()

    @property
    def decision_id(self) -> int | None:
        data = self.decision_box.currentData()
        return int(data) if data is not None else None

    @property
    def printer_name(self) -> str:
        return str(self.printer_box.currentData() or "")

    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    @property
    def template_id(self) -> str | None:
        return self.template_box.currentData() or None

    def _show_profile(self) -> None:
        """The correction of the chosen printer; a printer never calibrated is said so, in colour when the page
        prints on pre-printed forms (the text would land where the printer puts it, uncorrected)."""
        name = self.printer_name
        self.profile_label.setStyleSheet("")
        if not name:
            self.profile_label.setText(_("Tệp PDF không có độ lệch máy in."))
            return
        try:
            profile = ops.find_printer_profile(self.context.store, name)
        except StoreError as exc:  # a correction damaged outside the program: say so where it is shown
            self.profile_label.setText(str(exc))
            self.profile_label.setStyleSheet(f"color: {WARN_COLOR};")
            return
        if profile is None:
            text = _("Máy in này chưa được căn chỉnh: in không hiệu chỉnh độ lệch.")
            if self.mode == "preprinted":
                text += " " + _("Chữ in lên phôi có thể bị lệch; hãy bấm “Căn chỉnh máy in…” trước khi in.")
                self.profile_label.setStyleSheet(f"color: {WARN_COLOR};")
            self.profile_label.setText(text)
            return
        self.profile_label.setText(
            _("Độ lệch: ngang {x} mm, dọc {y} mm, tỉ lệ {scale}").format(
                x=f"{profile.offset_x_mm:g}", y=f"{profile.offset_y_mm:g}", scale=f"{profile.scale:g}"
            )
        )

    def _decision_changed(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.register_table.setRowCount(0)
        decision_id = self.decision_id
        self._awardees = ops.decision_awardees(self.context.store, decision_id=decision_id) if decision_id else []
        muted = "#6b6b6b"
        for row_index, row in enumerate(self._awardees):
            self.table.insertRow(row_index)
            printable = bool(row["paper"]) and self.in_force
            number = cell(row["register_no"], data=int(row["id"]), right=True, color="" if printable else muted)
            if printable:  # ticked unless printed already: a second sheet is a reprint (“In lại…”), with a reason
                number.setFlags(number.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = not row["times_printed"]
                number.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            else:  # no paper: cannot be ticked
                number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                number.setToolTip(ops.no_paper_message(row["snapshot_name"], row["code_name"]))
            self.table.setItem(row_index, 0, number)
            color = "" if printable else muted
            self.table.setItem(row_index, 1, cell(row["snapshot_name"], color=color))
            self.table.setItem(row_index, 2, cell(row["snapshot_position"], color=color))
            self.table.setItem(
                row_index, 3, cell(row["snapshot_department"], color=color, tooltip=row["snapshot_department"] or "")
            )
            self.table.setItem(row_index, 4, cell(row["code_name"], color=color))
            paper = row["paper_name"] or _(NO_PAPER)
            self.table.setItem(row_index, 5, cell(paper, color=color, tooltip=number.toolTip()))
            times = row["times_printed"]
            self.table.setItem(row_index, 6, cell(times, right=True, color="#1b6e20" if times else ""))
            self.table.setItem(row_index, 7, cell(", ".join(row["serials"])))
        self.table.blockSignals(False)
        self._show_no_paper()
        self._fill_register()
        self._update_count()
        self._show_in_force()

    def _show_in_force(self) -> None:
        """A replaced or revoked decision is shown for its register only: nothing more is printed under it."""
        in_force = self.in_force or self.decision_id is None
        for widget in self._print_widgets:
            widget.setEnabled(in_force)
        if in_force:
            if self.status.property("recall"):
                self.status.setText("")
            self.status.setProperty("recall", False)
            return
        status = label(RECALL_STATUSES, self._statuses.get(self.decision_id or 0, ""))
        self.status.setText(
            _(
                "Quyết định này {status}: không in thêm giấy theo quyết định này. Các tờ đã in (tab “Sổ theo dõi "
                "in”) cần thu hồi."
            ).format(status=status)
        )
        self.status.setProperty("recall", True)
        self.tabs.setCurrentWidget(self.register_table)

    def _show_no_paper(self) -> None:
        """Say which lines get no paper, and how a unit that decided to print them turns that on."""
        skipped = [a for a in self._awardees if not a["paper"]]
        self.optional_button.setVisible(bool(skipped))
        if not skipped:
            self.no_paper_note.setText("")
            return
        titles = ", ".join(sorted({a["code_name"] for a in skipped}))
        self.no_paper_note.setText(
            _(
                "{n} dòng ({titles}) là tiền thưởng và một dòng trong quyết định, không có giấy để in. Chỉ in "
                "giấy chứng nhận cho các danh hiệu này khi tỉnh hoặc đơn vị đã quyết định như vậy."
            ).format(n=len(skipped), titles=titles)
        )

    def turn_optional_on(self, cite: str | None = None) -> bool:
        """Ask for the document that decides it, then print "Giấy chứng nhận" for LĐTT, TTLĐTT from now on."""
        if cite is None:
            cite = ask_reason(
                self,
                _("In giấy chứng nhận Lao động tiên tiến, Tập thể lao động tiên tiến"),
                _("Văn bản của tỉnh hoặc đơn vị quyết định in giấy chứng nhận (bắt buộc):"),
            )
        if not cite:
            return False
        operation = Operation(self, self.context, ops.set_optional_certificates, on=True, cite=cite)
        return operation.changes("rules").success(lambda _result: self.reload()).run()

    def _fill_register(self) -> None:
        decision_id = self.decision_id
        if decision_id is None:
            return
        table: QTableWidget = self.register_table
        for entry in ops.print_register(self.context.store, decision_id=decision_id):
            for number, item in enumerate(entry["prints"], start=1):
                row = table.rowCount()
                table.insertRow(row)
                values = (
                    entry["register_no"],
                    entry["name"],
                    number,
                    date_text(item["printed_at"][:10]) + " " + item["printed_at"][11:16],
                    item["printed_by"],
                    item["printer"] or _(PDF_LABEL),
                    _(ops.MODE_LABELS.get(item["mode"], item["mode"])),
                    item["serial"],
                    item["reason_text"],
                )
                for column, value in enumerate(values):
                    table.setItem(row, column, cell(value, data=item["id"] if column == 0 else None))

    def checked_ids(self) -> list[int]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is None or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_checked(self, awardee_ids: list[int]) -> None:
        wanted = set(awardee_ids)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            on = int(item.data(Qt.ItemDataRole.UserRole)) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.table.blockSignals(False)
        self._update_count()

    def _check_all(self, on: bool) -> None:
        self.set_checked([int(a["id"]) for a in self._awardees if a["paper"]] if on else [])

    def _check_unprinted(self) -> None:
        self.set_checked([int(a["id"]) for a in self._awardees if a["paper"] and not a["times_printed"]])

    def _update_count(self) -> None:
        printable = sum(1 for a in self._awardees if a["paper"])
        self.count_label.setText(_("Đã chọn {n}/{total}").format(n=len(self.checked_ids()), total=printable))

    # -- batches ------------------------------------------------------------------------------------------------
    def _batch(
        self,
        *,
        printer: str,
        awardee_ids: list[int] | None = None,
        serial: str | None = None,
        recorded: bool = False,
    ) -> Any:
        """The batch to render, read now from the database; a refusal is shown and gives None. A batch that will be
        ``recorded`` (sent to a printer) has its form serials checked first, before a long render and print, and
        that none of its awardees was printed already (that is “In lại…”)."""
        operation = Operation(
            self,
            self.context,
            _prepare_batch,
            recorded=recorded,
            decision_id=self.decision_id,
            mode=self.mode,
            printer=printer,
            awardee_ids=self.checked_ids() if awardee_ids is None else awardee_ids,
            template_id=self.template_id,
            serial_start=self.serial_edit.text() if serial is None else serial,
        )
        return operation.result if operation.run() else None

    def _record(self, record: Callable[..., Any], **kwargs: Any) -> bool:
        """Write the prints into the register (one transaction) once the paper is out."""
        return Operation(self, self.context, record, **kwargs).changes("certificate_prints").run()

    def _run(self, title: str, work: Callable[..., Any], done: Callable) -> Job:
        """Render or print off the UI thread: ``work(progress=, should_cancel=)`` touches files, not the database."""

        def wrapped(*, progress: Callable[[int, int, str], None], should_cancel: Callable[[], bool]) -> Any:
            def step(done_count: int, total: int) -> None:
                progress(done_count, total, _("{title}: {n}/{total}").format(title=title, n=done_count, total=total))

            return work(progress=step, should_cancel=should_cancel)

        def failed(error: BaseException) -> None:
            self.status.setText("")
            show_error(self, str(error))

        def cancelled() -> None:
            self.status.setText(_("Đã hủy; không có gì được ghi vào sổ."))

        operation = Operation(self, self.context, wrapped).without_store().success(done)
        self.job = operation.failure(failed).cancelled(cancelled).run_in_background(title)
        return self.job

    def preview(self) -> Job | None:
        batch = self._batch(printer=ops.PDF_PRINTER)
        if batch is None:
            return None
        folder = scratch_folder("preview")

        def work(*, progress: Callable[[int, int], None], should_cancel: Callable[[], bool]) -> list[Path]:
            return ops.write_batch(batch, folder / "xem-truoc.pdf", progress=progress, should_cancel=should_cancel)

        def done(paths: list[Path]) -> None:
            self.last_paths = paths
            self.preview_dialog = PdfPreviewDialog(
                paths, self, title=_("Xem trước giấy khen, bằng chứng nhận"), on_print=self._print_from_preview
            )
            self.preview_dialog.setModal(False)
            self.preview_dialog.show()

        return self._run(_("Đang lập bản xem trước"), work, done)

    def _print_from_preview(self) -> Job | None:
        """ "In…" in the preview: the same ticked awardees, on the printer chosen on the page."""
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        return self.print_selected()

    def suggested_pdf_name(self) -> str:
        """ "Giấy chứng nhận 1-QĐ-UBND.pdf": the paper of the ticked awardees and the decision's number."""
        decision = self.decision_box.currentText().split(" — ")[0]
        ticked = set(self.checked_ids())
        papers = sorted({a["paper_name"] for a in self._awardees if a["id"] in ticked and a["paper_name"]})
        paper = papers[0] if len(papers) == 1 else _("Giấy khen")
        return safe_name(f"{paper} {safe_file_name(decision)}") + ".pdf"

    def save_pdf(self, out: Path | None = None) -> Job | None:
        """Save the ticked certificates as PDF where the clerk says. A saved file is not a print: nothing goes into
        the print register (only paper sent to a printer does). What cannot be saved is said before the file
        dialog opens."""
        per_person = self.per_person.isChecked()
        batch = self._batch(printer=ops.PDF_PRINTER)
        if batch is None:
            return None
        if out is None:
            if per_person:
                title = _("Chọn thư mục lưu các tệp giấy khen, bằng chứng nhận")
                chosen = QFileDialog.getExistingDirectory(self, title, str(Path.home()))
            else:
                chosen, _filter = QFileDialog.getSaveFileName(
                    self,
                    _("Lưu giấy khen, bằng chứng nhận"),
                    str(Path.home() / self.suggested_pdf_name()),
                    _("Tệp PDF (*.pdf)"),
                )
            if not chosen:
                return None
            out = Path(chosen)
            if not per_person and out.suffix.lower() != ".pdf":
                out = out.with_name(out.name + ".pdf")
        target = Path(out)

        def work(*, progress: Callable[[int, int], None], should_cancel: Callable[[], bool]) -> list[Path]:
            return ops.write_batch(batch, target, per_person=per_person, progress=progress, should_cancel=should_cancel)

        def done(paths: list[Path]) -> None:
            self.last_paths = paths
            self.status.setText(
                _(
                    "Đã lưu {n} tờ ({papers}) vào {count} tệp PDF: {where}. Lưu tệp PDF không ghi vào sổ theo dõi "
                    "in; chỉ khi in ra máy in mới được ghi."
                ).format(n=batch.count, papers=_papers(batch), count=len(paths), where=_where(paths, target))
            )

        return self._run(_("Đang lưu giấy khen, bằng chứng nhận"), work, done)

    def print_selected(self) -> Job | None:
        if not self.printer_name:
            return self.save_pdf()
        batch = self._batch(printer=self.printer_name, recorded=True)
        if batch is None:
            return None
        return self._print(batch, lambda: self._record(_record_batch, batch=batch))

    def _print(self, batch: Any, record: Callable[[], bool], *, said: str = "") -> Job:
        """Render ``batch`` and send it to the page's printer off the UI thread, then ``record`` it; the status says
        what went out (and ``said``, when given), ``last_paths`` the PDF drawn for the printer (in the scratch
        folder)."""
        template = batch.groups[0].template
        printer = self.printer_factory(self.printer_name, template.page_width_mm, template.page_height_mm)
        folder = scratch_folder("print")
        total = batch.count
        drawn: list[Path] = []

        def work(*, progress: Callable[[int, int], None], should_cancel: Callable[[], bool]) -> int:
            paths = ops.write_batch(
                batch, folder / "in.pdf", progress=lambda n, _t: progress(n, 2 * total), should_cancel=should_cancel
            )
            drawn.extend(paths)
            return print_pdfs(
                printer,
                paths,
                progress=lambda n, _t: progress(total + n, 2 * total),
                should_cancel=should_cancel,
            )

        def done(pages: int) -> None:
            self.last_paths = list(drawn)
            if not record():
                return
            sent = _("Đã gửi {n} trang tới máy in {printer} và ghi vào sổ theo dõi.").format(
                n=pages, printer=self.printer_name
            )
            self.status.setText(f"{sent} {said}".strip())

        return self._run(_("Đang in giấy khen, bằng chứng nhận"), work, done)

    def reprint(self) -> Job | None:
        from desktop.ui.certificates.dialogs import ReprintDialog

        row = self.table.currentRow()
        if row < 0 or row >= len(self._awardees):
            show_error(self, _("Hãy chọn (bấm vào) một dòng trong danh sách để in lại."))
            return None
        awardee = self._awardees[row]
        if not awardee["last_print_id"]:
            show_error(
                self,
                _("{paper} của {name} chưa in lần nào; hãy dùng nút “In”.").format(
                    paper=awardee["paper_name"] or _("Giấy"), name=awardee["snapshot_name"]
                ),
            )
            return None
        dialog = ReprintDialog(awardee["snapshot_name"], self)
        if not self.run_reprint_dialog(dialog):
            return None
        values = dialog.values()
        return self.start_reprint(int(awardee["id"]), int(awardee["last_print_id"]), **values)

    def run_reprint_dialog(self, dialog: Any) -> bool:
        """Shown modally (tests replace this to fill the dialog without a user)."""
        return bool(dialog.exec())

    def start_reprint(self, awardee_id: int, print_id: int, *, reason: str, note: str, serial: str) -> Job | None:
        """Print the sheet of ``print_id`` again as it was first printed (its template and mode, whatever the page is
        set to now: ``ops.prepare_reprint``, as ``tdkt certificates reprint`` does), on the page's printer with that
        printer's correction; recorded as a reprint once the paper is out (a saved PDF is not recorded). The print
        names its awardee: ``awardee_id`` (the row's) is not needed to draw it."""
        printer = self.printer_name
        operation = Operation(
            self,
            self.context,
            _prepare_reprint,
            print_id=print_id,
            printer=printer,
            serial=serial,
            recorded=bool(printer),
        )
        if not operation.run():
            return None
        batch = operation.result
        said = _("In lại theo mẫu “{template}”, chế độ “{mode}” của lần in đầu.").format(
            template=batch.groups[0].template.name or batch.groups[0].template.id,
            mode=_(ops.MODE_LABELS.get(batch.mode, batch.mode)),
        )

        def record() -> bool:
            return self._record(ops.record_reprint_of, batch=batch, print_id=print_id, reason=reason, note=note)

        if printer:
            return self._print(batch, record, said=said)
        chosen = ask_save_path(self, _("Lưu bản in lại"), Path.home() / f"{_('In lại')}.pdf", _("Tệp PDF (*.pdf)"))
        if chosen is None:
            return None
        target = chosen

        def work(*, progress: Callable[[int, int], None], should_cancel: Callable[[], bool]) -> list[Path]:
            return ops.write_batch(batch, target, progress=progress, should_cancel=should_cancel)

        def done(paths: list[Path]) -> None:  # a saved PDF is not a print: the register waits for the printer
            self.last_paths = paths
            saved = _("Đã lưu bản in lại vào {where}. Lưu tệp PDF không ghi vào sổ theo dõi in.").format(
                where=_where(paths, target)
            )
            self.status.setText(f"{saved} {said}")

        return self._run(_("Đang lập bản in lại"), work, done)

    # -- tools --------------------------------------------------------------------------------------------------
    def current_template(self) -> Any:
        template_id = self.template_id
        if template_id is None:
            code, kind, paper = "GIAY_KHEN", "individual", "giay_khen"
            printable = [a for a in self._awardees if a["paper"]]
            if printable:
                code, kind, paper = printable[0]["code"], printable[0]["target_kind"], printable[0]["paper"]
            template_id = ops.template_for(code, kind, paper)
        return ops.get_template(template_id)

    def make_editor(self) -> Any:
        from desktop.ui.certificates.template_editor import TemplateEditor

        sample = ops.first_certificate(self.context.store, decision_id=self.decision_id)
        if sample is None:
            sample = ops.sample_certificate(self.context.store)
        editor = TemplateEditor(self.current_template(), sample, self, mode=self.mode)
        editor.saved.connect(lambda _path: self._fill_templates())
        return editor

    def edit_template(self) -> None:
        operation = Operation(self, self.context, lambda _store: self.make_editor())
        if operation.run():
            operation.result.exec()

    def make_calibration(self) -> Any:
        from desktop.ui.certificates.dialogs import CalibrationDialog

        template = self.current_template()
        printers = [
            self.printer_box.itemData(i) for i in range(self.printer_box.count()) if self.printer_box.itemData(i)
        ]
        dialog = CalibrationDialog(
            self.context,
            printers,
            self,
            printer=self.printer_name,
            page_mm=(template.page_width_mm, template.page_height_mm),
        )
        return dialog

    def calibrate(self) -> None:
        self.make_calibration().exec()
        self._show_profile()

    def open_verify(self) -> None:
        from desktop.ui.certificates.dialogs import VerifyDialog

        VerifyDialog(self.context, self).exec()


def _papers(batch: Any) -> str:
    """ "Giấy khen, Bằng chứng nhận": the kinds of paper of a batch."""
    return ", ".join(sorted({ops.paper_name(a["paper"]) for g in batch.groups for a, _d in g.rows}))


def _where(paths: list[Path], out: Path) -> str:
    """Where the files went: the file itself, or the folder and the names."""
    if len(paths) == 1:
        return str(paths[0])
    folder = paths[0].parent if paths else out
    names = ", ".join(p.name for p in paths[:5]) + (", …" if len(paths) > 5 else "")
    return _("thư mục {folder} ({names})").format(folder=folder, names=names)


def _prepare_batch(
    store: Any,
    *,
    decision_id: int | None,
    awardee_ids: list[int],
    recorded: bool = False,
    **options: Any,
) -> ops.Batch:
    """The certificates of the ticked awardees of a decision, checked (template, paper, and, when the prints will be
    recorded, the form serials and that nobody was printed already: a second sheet is “In lại…”) before anything is
    drawn."""
    if decision_id is None:
        raise OperationError(_("Chưa có quyết định nào để in."))
    if not awardee_ids:
        raise OperationError(_("Chưa chọn người nào để in giấy khen, bằng chứng nhận."))
    batch = ops.prepare_batch(store, decision_id=decision_id, awardee_ids=awardee_ids, **options)
    ops.check_batch(batch)
    if recorded:
        ops.check_serials(store, batch)
        ops.check_first_prints(store, batch)  # an awardee printed already gets a reprint, with its reason
    return batch


def _prepare_reprint(store: Any, *, print_id: int, printer: str, serial: str, recorded: bool) -> ops.Batch:
    """The one sheet of a reprint, drawn as its first print was (template, mode), with the page's printer's
    correction; checked (fit, and the form serial when the sheet will be recorded) before anything is drawn."""
    _original, batch = ops.prepare_reprint(store, print_id=print_id, printer=printer, serial=serial)
    ops.check_batch(batch)
    if recorded:
        ops.check_serials(store, batch)
    return batch


def _record_batch(store: Any, *, batch: Any) -> list[int]:
    """The register takes the sheets once the paper is out; refused (another clerk printed the same people or used a
    serial meanwhile, the decision was cancelled), the sheets just printed are originals nobody recorded."""
    try:
        return ops.record_batch(store, batch)
    except StoreError as exc:  # refused, or the file locked: the sheets are out and nothing was recorded
        raise type(exc)(str(exc) + " " + _("Các tờ vừa in ra không được phát: hãy hủy chúng.")) from exc
