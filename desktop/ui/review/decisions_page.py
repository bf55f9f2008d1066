"""Quyết định: every decision the unit issued, its awardees as frozen at award time, and its documents.

Issued decisions are never edited: a new decision replaces (thay thế) an old one, citing it; a cancellation
(hủy bỏ) keeps the decision with its reason and withdraws (thu hồi) its awards and money. Numbers skipped on
purpose are recorded with a reason (never reused).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError
from desktop.domain.signing import SIGNING_LABELS
from desktop.i18n import N_, _
from desktop.ops import review
from desktop.ops.review import DECISION_STATUSES, DEFAULT_SERIES
from desktop.ops.review.numbering import clean_series_key, series_standing
from desktop.store import ValidationError
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation, OperationDialog, show_in
from desktop.ui.review import (
    AWARDEE_COLUMNS,
    DOCUMENT_KINDS,
    FORMATS,
    ask_reason,
    date_text,
    document_file_name,
    documents_dir,
    money_text,
    render_document_file,
    render_in_background,
    shown_name,
)
from desktop.ui.tables import bulk_fill, cell, make_table
from desktop.ui.widgets import (
    BAD_COLOR,
    MUTED_COLOR,
    OK_COLOR,
    DateField,
    FieldError,
    add_checked_row,
    ask_confirm,
    ask_save_path,
    button_row,
    code_combo,
    note,
    ok_cancel_buttons,
    open_dialog,
    push_button,
    set_field_error,
    show_error,
    show_info,
    sized_to_screen,
    wrapped_label,
    year_box,
)

DECISION_HEADERS = (
    N_("Số"),
    N_("Ngày"),
    N_("Trích yếu"),
    N_("Người, tập thể (lượt khen thưởng)"),
    N_("Tổng tiền (đồng)"),
    N_("Trạng thái"),
)
AWARDEE_HEADERS = (*AWARDEE_COLUMNS, N_("Số tiền (đồng)"))
PAGE_KINDS = ("decision", "payment", "minutes", "proposal")
STATUS_COLORS = {"issued": OK_COLOR, "corrected": MUTED_COLOR, "revoked": BAD_COLOR}


def people_text(row: dict[str, Any]) -> str:
    """ "7 (14 lượt)": people and collectives counted once, the number of awards apart when it differs."""
    people, awards = row.get("recipients_count") or 0, row.get("awardees_count") or 0
    return _("{people} ({awards} lượt)").format(people=people, awards=awards) if awards != people else str(people)


class CorrectionDialog(QDialog):
    """Thay thế: a new decision (new number) replaces the old one, citing it; header, signing and dropped lines."""

    def __init__(self, context: AppContext, decision: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.context = context
        self.decision = decision
        self.new_id: int | None = None
        self.setWindowTitle(_("Thay thế Quyết định số {number}").format(number=decision["number_text"]))
        sized_to_screen(self, 720, 600)
        layout = QVBoxLayout(self)
        intro = note(
            _(
                "Chương trình sẽ ban hành một quyết định MỚI (số mới) thay thế Quyết định số {number}: quyết định "
                "mới ghi rõ số, ngày của quyết định cũ và có điều khoản “Quyết định này thay thế …”. Quyết định cũ "
                "vẫn được lưu, ghi “đã bị thay thế” cùng lý do."
            ).format(number=decision["number_text"]),
            color="",
        )
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reason = QLineEdit()
        self.reason_error = add_checked_row(form, _("Lý do thay thế (bắt buộc):"), self.reason)
        self.decision_date = DateField(date.today())
        self.date_error = add_checked_row(form, _("Ngày ký quyết định mới:"), self.decision_date)
        self.signing = QComboBox()
        for mode, lines in review.signing_choices(context.store):
            self.signing.addItem(f"{_(SIGNING_LABELS[mode])} ({' / '.join(lines)})", mode)
        self.signing.setCurrentIndex(max(0, self.signing.findData(decision.get("signing_mode") or "chair")))
        form.addRow(_("Cách ký:"), self.signing)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (
            ("signer_title", _("Chức vụ người ký:")),
            ("signer_name", _("Họ tên người ký:")),
            ("subject", _("Trích yếu (về việc):")),
            ("achievement_text", _("Thành tích:")),
        ):
            edit = QLineEdit(str(decision.get(key) or ""))
            self.edits[key] = edit
            form.addRow(label, edit)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Bỏ chọn những dòng phải đưa ra khỏi quyết định:")))
        self.lines = QListWidget()
        for awardee in decision["awardees"]:
            item = QListWidgetItem(
                _("{no}. {name} — {title}").format(
                    no=awardee["register_no"], name=awardee["snapshot_name"], title=awardee["code_name"]
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, awardee["register_no"])
            self.lines.addItem(item)
        layout.addWidget(self.lines, 1)
        # a name corrected in the staff record after the decision: the replacement may print it (the clerk says so)
        self.renamed = review.names_changed_since(context.store, decision_id=decision["id"])
        self.use_records: QCheckBox | None = None
        if self.renamed:
            changed = "; ".join(
                _("dòng {no}: {printed} → {record}").format(no=no, printed=names["printed"], record=names["record"])
                for no, names in self.renamed.items()
            )
            layout.addWidget(
                note(_("Hồ sơ cán bộ đã sửa họ tên sau quyết định này ({changes}).").format(changes=changed), color="")
            )
            self.use_records = QCheckBox(_("In họ tên đã sửa theo hồ sơ cán bộ trong quyết định mới"))
            self.use_records.setChecked(True)
            layout.addWidget(self.use_records)
        self.error = FieldError()
        layout.addWidget(self.error)
        buttons = ok_cancel_buttons(self, _("Ban hành quyết định thay thế"), self.correct)
        layout.addWidget(buttons)

    def correct(self) -> int | None:
        self.error.show_message("")
        reason = self.reason.text().strip()
        set_field_error(self.reason, self.reason_error, "" if reason else _("Hãy ghi lý do thay thế."))
        try:
            when = self.decision_date.required(_("Chưa nhập ngày ký quyết định mới."))
            set_field_error(self.decision_date, self.date_error, "")
        except DateError as exc:
            set_field_error(self.decision_date, self.date_error, str(exc))
            return None
        if not reason:
            return None
        changes: dict[str, Any] = {
            key: edit.text().strip()
            for key, edit in self.edits.items()
            if edit.text().strip() != str(self.decision.get(key) or "")
        }
        removed = [
            int(self.lines.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.lines.count())
            if self.lines.item(i).checkState() != Qt.CheckState.Checked
        ]
        if removed:
            changes["remove_register_nos"] = removed
        if self.use_records is not None and self.use_records.isChecked():
            changes["awardees"] = {
                no: {"snapshot_name": names["record"]} for no, names in self.renamed.items() if no not in removed
            }
        if self.signing.currentData() != (self.decision.get("signing_mode") or "chair"):
            changes["signing_mode"] = self.signing.currentData()
        if not ask_confirm(
            self,
            _("Thay thế quyết định"),
            _("Ban hành quyết định mới thay thế Quyết định số {number}?").format(number=self.decision["number_text"]),
        ):
            return None
        operation = Operation(
            self,
            self.context,
            review.correct_decision,
            decision_id=self.decision["id"],
            reason=reason,
            decision_date=when,
            changes=changes,
        )
        if not operation.changes("decisions").failure(show_in(self.error)).run():
            return None
        self.new_id = operation.result
        # lines whose money was worked out again, unconfirmed values, money still owed: what the command line
        # prints on stderr, the clerk reads here before signing
        notes = review.replacement_notes(self.context.store, decision_id=int(self.new_id))
        self.accept()
        if notes:
            show_info(
                self.parentWidget() or self,
                _("Lưu ý về tiền thưởng của quyết định thay thế:") + "\n\n" + "\n".join(f"• {n}" for n in notes),
                _("Tiền thưởng"),
            )
        return self.new_id


def standing_text(standing: dict[str, Any]) -> str:
    """The book's next number and the highest number it holds, saying where that number comes from: the clerk
    setting the next number must see a number of the old register (history import) or a spoiled one too, as
    issuing does (:func:`desktop.ops.review.numbering.series_standing`)."""
    highest = standing["highest"]
    following = standing["next_number"]
    if highest is None:
        if following == 1:
            return _("Sổ này chưa có quyết định nào trong năm; số tiếp theo hiện là 1.")
        return _("Số tiếp theo hiện là {next}.").format(next=following)
    if highest["source"] == "import":
        return _(
            "Số tiếp theo hiện là {next}; số lớn nhất đã dùng: {highest}, quyết định của đơn vị ngày {signed} "
            "(nhập từ sổ khen thưởng cũ)."
        ).format(next=following, highest=highest["number_text"], signed=date_text(highest["signed"]))
    if highest["source"] == "gap":
        return _("Số tiếp theo hiện là {next}; số lớn nhất đã dùng: {highest}, ghi là số bỏ trống ({reason}).").format(
            next=following, highest=highest["number_text"], reason=highest["reason"]
        )
    return _("Số tiếp theo hiện là {next}; số lớn nhất đã ban hành: {highest}.").format(
        next=following, highest=highest["number_text"]
    )


class _SeriesDialog(OperationDialog):
    """A number of the unit's decision series (ký hiệu sổ, năm, số) and the reason, required, for what is done:
    :attr:`operation` gets the number as :attr:`number_keyword`."""

    operation: Callable[..., int]
    number_keyword = "number"

    def __init__(self, context: AppContext, title: str, number_label: str, parent: QWidget | None) -> None:
        super().__init__(context, title, width=480, parent=parent)

        self.series_key = QLineEdit(DEFAULT_SERIES)
        self.form.addRow(_("Ký hiệu sổ văn bản:"), self.series_key)
        self.year = year_box(date.today().year, last=date.today().year + 1)
        self.form.addRow(_("Năm:"), self.year)
        self.number = QSpinBox()
        self.number.setRange(1, 99999)
        self.form.addRow(number_label, self.number)
        # A symbol the unit has not used yet opens a new book only when the clerk says so (a typing slip must not).
        self.new_series = QCheckBox(_("Đây là sổ văn bản mới (ký hiệu chưa dùng)"))
        self.form.addRow("", self.new_series)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)

    def add_reason(self, placeholder: str) -> None:
        self.reason.setPlaceholderText(placeholder)
        self.form.addRow(_("Lý do (bắt buộc):"), self.reason)

    def save(self) -> int | None:
        return self.run_and_close(
            type(self).operation,
            changes=("decisions",),
            series_key=self.series_key.text(),
            year=self.year.value(),
            reason=self.reason.toPlainText(),
            new_series=self.new_series.isChecked(),
            for_window=True,
            **{self.number_keyword: self.number.value()},
        )


class NumberGapDialog(_SeriesDialog):
    """Ghi số bỏ trống: a number of the series that will never be a decision here, and why."""

    operation = review.record_number_gap

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Ghi số văn bản bỏ trống"), _("Số bỏ trống:"), parent)
        self.add_reason(_("Ví dụ: số đã cấp cho văn bản khác, văn bản hỏng không ban hành"))
        self.add_buttons(_("Ghi số bỏ trống"), self.save)

    @property
    def gap_id(self) -> int | None:
        return self.result


class SeriesNumberDialog(_SeriesDialog):
    """Đặt số tiếp theo: continue the unit's own numbering (already at 125/QĐ-UBND when starting), with the reason."""

    operation = review.set_series_next_number
    number_keyword = "next_number"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Đặt số tiếp theo của sổ quyết định"), _("Số tiếp theo:"), parent)
        self.next_number = self.number
        self.current = note()
        self.form.addRow(self.current)
        self.add_reason(_("Ví dụ: tiếp nối sổ quyết định của Văn phòng"))
        self.add_buttons(_("Đặt số tiếp theo"), self.save)
        self.series_key.textChanged.connect(lambda _t: self.show_current())
        self.year.valueChanged.connect(lambda _v: self.show_current())
        self.show_current()

    def show_current(self) -> None:
        """Tell the clerk where the series stands now, so the new number is chosen knowingly; a symbol that cannot
        be a book (empty, "/", a letter of another script) shows why instead, in red (OK refuses it so too)."""
        try:
            key = clean_series_key(self.series_key.text())  # as the operation reads it: "qđ-ubnd " is QĐ-UBND
        except ValidationError as exc:
            self._say(str(exc), BAD_COLOR)
            return
        self._say(standing_text(series_standing(self.context.store, key, self.year.value())), MUTED_COLOR)

    def _say(self, text: str, color: str) -> None:
        """The line under the fields, the dialog grown to hold it: a long refusal wraps over several lines."""
        self.current.setStyleSheet(f"color: {color};")
        self.current.setText(text)
        if self.isVisible():
            self.adjustSize()

    @property
    def series_id(self) -> int | None:
        return self.result


class DecisionsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.decisions: list[dict[str, Any]] = []
        self.decision: dict[str, Any] | None = None
        self.last_job = None
        self.last_dialog: QDialog | None = None
        self.last_document = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        top = QHBoxLayout()
        title = QLabel(_("Quyết định khen thưởng"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel(_("Năm:")))
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda _i: self.load())
        top.addWidget(self.year)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = make_table([_(h) for h in DECISION_HEADERS], stretch=2)
        self.table.itemSelectionChanged.connect(self.show_selected)
        splitter.addWidget(self.table)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.note = wrapped_label()
        lower_layout.addWidget(self.note)
        self.awardees = make_table([_(h) for h in AWARDEE_HEADERS], stretch=3)
        lower_layout.addWidget(self.awardees, 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)

        self.doc_kind = QComboBox()
        for kind in PAGE_KINDS:
            self.doc_kind.addItem(_(DOCUMENT_KINDS[kind]), kind)
        self.doc_format = code_combo(FORMATS)
        self.doc_format.setToolTip(_("PDF để in ngay; Word để sửa câu chữ trước khi trình ký."))
        self.open_button = push_button(_("Mở / in văn bản"), self.open_document)
        self.excel_button = push_button(_("Xuất Excel…"), self.export_excel)
        layout.addLayout(
            button_row(QLabel(_("Văn bản:")), self.doc_kind, self.doc_format, self.open_button, self.excel_button)
        )
        self.correct_button = QPushButton(_("Thay thế bằng quyết định mới…"))
        self.correct_button.setToolTip(
            _("Ban hành quyết định mới (số mới) thay thế quyết định này, khi có sai sót phải sửa.")
        )
        self.correct_button.clicked.connect(self.open_correction)
        self.revoke_button = QPushButton(_("Hủy bỏ quyết định…"))
        self.revoke_button.setToolTip(_("Hủy bỏ quyết định; khen thưởng và tiền thưởng của quyết định bị thu hồi."))
        self.revoke_button.clicked.connect(self.revoke)
        self.gap_button = push_button(_("Ghi số bỏ trống…"), self.open_gap_dialog)
        self.series_button = QPushButton(_("Đặt số tiếp theo…"))
        self.series_button.setToolTip(_("Tiếp nối số quyết định của đơn vị khi bắt đầu dùng chương trình."))
        self.series_button.clicked.connect(self.open_series_dialog)
        layout.addLayout(button_row(self.correct_button, self.revoke_button, self.gap_button, self.series_button))
        self.gaps = wrapped_label()
        self.gaps.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.gaps)

        context.data_changed.connect(self._on_data_changed)
        self.fill_years()
        self.load()

    # -- loading ---------------------------------------------------------------------------------------------
    def fill_years(self) -> None:
        years = sorted({int(d["decision_date"][:4]) for d in review.list_decisions(self.context.store)}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("Tất cả"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0) if current else 0)
        self.year.blockSignals(False)

    def load(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.decision["id"] if self.decision else None)
        self.decisions = review.list_decisions(self.context.store, year=self.year.currentData())
        self.table.blockSignals(True)
        with bulk_fill(self.table):
            self.table.setRowCount(len(self.decisions))
            selected_row = 0 if self.decisions else -1
            for r, d in enumerate(self.decisions):
                status = _(DECISION_STATUSES.get(d["status"], d["status"]))
                color = STATUS_COLORS.get(d["status"], "")
                tip = d["status_reason"] or ""
                items = (
                    cell(d["number_text"], data=d["id"]),
                    cell(date_text(d["decision_date"])),
                    cell(d["subject"], tooltip=d["subject"]),
                    cell(people_text(d), right=True),
                    cell(money_text(d["total_amount"]) or "0", right=True),
                    cell(status, color=color, tooltip=tip),
                )
                for c, item in enumerate(items):
                    self.table.setItem(r, c, item)
                if d["id"] == keep:
                    selected_row = r
        self.table.blockSignals(False)
        if selected_row >= 0:
            self.table.selectRow(selected_row)
        self.show_selected()
        self._show_gaps()

    def _show_gaps(self) -> None:
        gaps = review.list_number_gaps(self.context.store, year=self.year.currentData())
        if not gaps:
            self.gaps.setText("")
            return
        text = "; ".join(
            _("{number}/{key} ({year}): {reason}").format(
                number=g["number"], key=g["series_key"], year=g["year"], reason=g["reason"]
            )
            for g in gaps
        )
        self.gaps.setText(_("Số bỏ trống: {list}").format(list=text))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_number(self, number_text: str) -> bool:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == number_text:
                self.table.selectRow(row)
                return True
        return False

    def show_selected(self) -> None:
        decision_id = self.selected_id()
        self.decision = (
            review.get_decision(self.context.store, decision_id=decision_id) if decision_id is not None else None
        )
        d = self.decision
        issued = d is not None and d["status"] == "issued"
        for button in (self.open_button, self.excel_button):
            button.setEnabled(d is not None)
        self.correct_button.setEnabled(issued)
        self.revoke_button.setEnabled(issued)
        if d is None:
            self.awardees.setRowCount(0)
            self.note.setText(
                _("Chưa có quyết định nào. Quyết định được ban hành ở mục “Bình xét & đề nghị”, bước “Ra quyết định”.")
            )
            return
        parts = [
            _("Quyết định số {number} ngày {date} — ký: {lines} {name}").format(
                number=d["number_text"],
                date=date_text(d["decision_date"]),
                lines=" / ".join(review.signature_lines(self.context.store, d)),
                name=d["signer_name"],
            ),
            _(DECISION_STATUSES.get(d["status"], d["status"])),
        ]
        if d["status_reason"]:
            parts.append(_("lý do: {reason}").format(reason=d["status_reason"]))
        if d.get("replaced_by"):
            parts.append(_("đã bị thay thế bằng Quyết định số {number}").format(number=d["replaced_by"]))
        if d.get("replaces"):
            parts.append(_("thay thế Quyết định số {number}").format(number=d["replaces"]))
        self.note.setText(" · ".join(parts))
        awardees = d["awardees"]
        with bulk_fill(self.awardees):
            self.awardees.setRowCount(len(awardees))
            for r, a in enumerate(awardees):
                tip = a["arithmetic"] or ""
                items = (
                    cell(a["register_no"], right=True),
                    cell(shown_name(a, "snapshot_name")),
                    cell(a["snapshot_position"]),
                    cell(a["snapshot_department"]),
                    cell(a["code_name"], tooltip=a.get("override_reason") or ""),
                    cell(money_text(a["amount"]), right=True, tooltip=tip),
                )
                for c, item in enumerate(items):
                    self.awardees.setItem(r, c, item)

    def _on_data_changed(self, what: str) -> None:
        if what in ("decisions", "review", "demo"):
            self.fill_years()
            self.load()

    # -- documents -------------------------------------------------------------------------------------------
    def _targets(self, kind: str) -> dict[str, Any] | None:
        d = self.decision
        if d is None:
            return None
        if kind in ("decision", "payment"):
            return {"decision_number": d["number_text"], "decision_year": int(str(d["decision_date"])[:4])}
        if not d.get("round_id"):
            show_error(self, _("Quyết định này không gắn với đợt bình xét nào nên không có tờ trình, biên bản."))
            return None
        return {"round_id": d["round_id"]}

    def open_document(self, kind: str | None = None, fmt: str | None = None) -> Any:
        """Render the chosen document of the selected decision in the background, then open it to print."""
        kind = kind or self.doc_kind.currentData()
        fmt = fmt or self.doc_format.currentData()
        targets = self._targets(kind)
        if targets is None or self.decision is None:
            return None
        name = document_file_name(kind, self.decision["number_text"], self.decision["decision_date"][:4])
        self.last_document, self.last_job = render_document_file(
            self, self.context, kind=kind, name=name, fmt=fmt, **targets
        )
        return self.last_job

    def export_excel(self) -> Any:
        """The decision's list (or the payment list) as an .xlsx the clerk saves where they want."""
        if self.decision is None:
            return None
        kind = "payment" if self.doc_kind.currentData() == "payment" else "decision"
        suggested = documents_dir() / f"{document_file_name(kind, self.decision['number_text'])}.xlsx"
        out = ask_save_path(
            self, _("Xuất danh sách ra Excel"), suggested, _("Bảng tính Excel (*.xlsx)"), suffix=".xlsx"
        )
        if out is None:
            return None
        self.last_document = out
        self.last_job = render_in_background(
            self,
            self.context,
            kind=kind,
            out=out,
            open_after=False,
            on_done=lambda done: show_info(self, _("Đã xuất danh sách ra tệp {path}.").format(path=done)),
            decision_number=self.decision["number_text"],
            decision_year=int(str(self.decision["decision_date"])[:4]),
        )
        return self.last_job

    # -- corrections -----------------------------------------------------------------------------------------
    def open_correction(self) -> CorrectionDialog | None:
        if self.decision is None:
            return None
        dialog = CorrectionDialog(self.context, self.decision, self)
        dialog.accepted.connect(lambda: self.load(select_id=dialog.new_id))
        return open_dialog(self, dialog)

    def revoke(self) -> bool:
        d = self.decision
        if d is None:
            return False
        reason = ask_reason(
            self,
            _("Hủy bỏ quyết định"),
            _("Lý do hủy bỏ Quyết định số {number} (bắt buộc):").format(number=d["number_text"]),
        )
        if reason is None:
            return False
        if not reason:
            show_error(self, _("Chưa ghi lý do hủy bỏ; quyết định chưa bị hủy bỏ."))
            return False
        if not ask_confirm(
            self,
            _("Hủy bỏ quyết định"),
            _(
                "Hủy bỏ Quyết định số {number}? Khen thưởng và tiền thưởng của quyết định bị thu hồi: không còn "
                "được tính trong sổ khen thưởng; quyết định vẫn được lưu cùng lý do hủy bỏ."
            ).format(number=d["number_text"]),
        ):
            return False
        operation = Operation(self, self.context, review.revoke_decision, decision_id=d["id"], reason=reason)

        def revoked(notes: list[str]) -> None:
            self.load(select_id=d["id"])
            if notes:  # a title the province gave on this decision's CSTĐCS; money paid only as a difference
                show_info(
                    self,
                    _("Sau khi hủy bỏ, cần lưu ý:") + "\n\n" + "\n".join(f"• {line}" for line in notes),
                    _("Lưu ý sau khi hủy bỏ"),
                )

        return operation.changes("decisions").success(revoked).run()

    def open_gap_dialog(self) -> NumberGapDialog:
        dialog = NumberGapDialog(self.context, self)  # its operation announces "decisions": this page reloads
        return open_dialog(self, dialog)

    def open_series_dialog(self) -> SeriesNumberDialog:
        dialog = SeriesNumberDialog(self.context, self)  # its operation announces "decisions": this page reloads
        return open_dialog(self, dialog)


__all__ = ["CorrectionDialog", "DecisionsPage", "NumberGapDialog", "SeriesNumberDialog"]
