"""Đợt bình xét: the review rounds, their nominations and each step of the year's work, in order.

A round moves through five steps (Đề xuất → Hội đồng → Niêm yết → Quyết định → Gửi hồ sơ lên tỉnh); the step bar
shows where it stands and the buttons under the table open the next step. Every change against the engine's
advice needs a reason, typed next to the field that asks for it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError
from desktop.domain.text import fold, matches, search_tokens
from desktop.i18n import N_, _
from desktop.ops import queries, review
from desktop.ops.unit import active_departments
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation, OperationDialog
from desktop.ui.review import (
    CATEGORY_LABELS,
    CONFERRED_LABELS,
    TARGET_LABELS,
    VERDICT_LABELS,
    render_document_file,
)
from desktop.ui.tables import bulk_fill, cell, make_table
from desktop.ui.widgets import (
    BAD_COLOR,
    MUTED_COLOR,
    OK_COLOR,
    DateField,
    FieldError,
    ask_confirm,
    note,
    ok_cancel_buttons,
    open_dialog,
    push_button,
    set_field_error,
    show_error,
    show_info,
    stacked,
    year_box,
)

ROUND_KINDS: dict[str, str] = {
    "year": N_("Bình xét cả năm"),
    "movement": N_("Theo phong trào thi đua"),
    "occasion": N_("Theo đợt, chuyên đề"),
}
ROUND_STATUSES: dict[str, str] = {
    "draft": N_("Đang đề xuất"),
    "council": N_("Đã họp Hội đồng"),
    "posted": N_("Đang niêm yết"),
    "decided": N_("Đã có quyết định"),
    "closed": N_("Đã kết thúc"),
}
STEPS: tuple[str, ...] = (
    N_("Đề xuất"),
    N_("Hội đồng"),
    N_("Niêm yết"),
    N_("Quyết định"),
    N_("Gửi hồ sơ lên tỉnh"),
)
ACTIVE = ("proposed", "passed", "failed")
SHORT_VERDICTS: dict[str, str] = {
    "eligible": N_("Đủ điều kiện"),
    "needs_vote": N_("Cần bỏ phiếu"),
    "deferred": N_("Tạm hoãn xét"),
    "not_eligible": N_("Chưa đủ điều kiện"),
    "": N_("Không đề xuất"),
}


class StepBar(QFrame):
    """Five labelled steps; the finished ones ticked and green, the current one bold and framed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.labels: list[QLabel] = []
        for index, text in enumerate(STEPS):
            if index:
                arrow = QLabel("→")
                arrow.setStyleSheet(f"color: {MUTED_COLOR};")
                layout.addWidget(arrow)
            label = QLabel(_(text))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.labels.append(label)
            layout.addWidget(label)
        layout.addStretch(1)
        self.current = -1
        self.set_step(-1, set())

    def set_step(self, current: int, done: set[int], skipped: set[int] | None = None) -> None:
        self.current = current
        skipped = skipped or set()
        for index, label in enumerate(self.labels):
            text = _(STEPS[index])
            if index in skipped:
                label.setText(_("{step} (không cần)").format(step=text))
                label.setStyleSheet(f"color: {MUTED_COLOR}; padding: 4px 8px;")
            elif index in done:
                label.setText("✓ " + text)
                label.setStyleSheet(f"color: {OK_COLOR}; padding: 4px 8px;")
            elif index == current:
                label.setText(text)
                label.setStyleSheet(
                    "font-weight: bold; padding: 4px 8px; border: 2px solid #1a4fa0; border-radius: 4px;"
                )
            else:
                label.setText(text)
                label.setStyleSheet(f"color: {MUTED_COLOR}; padding: 4px 8px;")

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels]


class CreateRoundDialog(OperationDialog):
    """Year, kind, name and posting days of a new round; the program then proposes the engine's candidates."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Tạo đợt bình xét"), width=480, parent=parent)
        form = self.form
        self.year = year_box(first=2000, last=date.today().year + 1)
        form.addRow(_("Năm bình xét:"), self.year)
        self.kind = QComboBox()
        for code, label in ROUND_KINDS.items():
            self.kind.addItem(_(label), code)
        form.addRow(_("Loại đợt:"), self.kind)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Để trống: “Bình xét thi đua, khen thưởng năm …”"))
        form.addRow(_("Tên đợt:"), self.name)
        self.posting_days = QSpinBox()
        self.posting_days.setRange(0, 60)
        self.posting_days.setValue(5)
        self.posting_days.setSuffix(_(" ngày"))
        form.addRow(_("Niêm yết công khai:"), self.posting_days)
        self.decision_date = DateField()
        self.decision_date.setPlaceholderText(_("Để trống: 31/12 của năm bình xét"))
        form.addRow(_("Ngày dự kiến ký quyết định:"), self.decision_date)
        form.addRow(
            note(
                _(
                    "Chương trình tự đề xuất những người, tập thể đủ điều kiện theo quy định; sau đó anh/chị thêm "
                    "hoặc bỏ bớt. Đặt 0 ngày nếu đơn vị không phải niêm yết danh sách trước khi quyết định. Ai có "
                    "thẩm quyền khen (đơn vị hay cấp trên) tính theo quy định vào ngày dự kiến ký quyết định."
                )
            )
        )
        buttons = self.add_buttons(_("Tạo đợt và đề xuất"), self.create)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def round_id(self) -> int | None:
        return self.result

    def create(self) -> int | None:
        try:
            planned = self.decision_date.date()
        except DateError as exc:
            self.error.show_message(str(exc))
            return None
        return self.run_and_close(
            review.create_round,
            changes=("review",),
            year=self.year.value(),
            kind=self.kind.currentData(),
            name=self.name.text(),
            posting_days=self.posting_days.value(),
            decision_date=planned,
        )


class AddNominationDialog(QDialog):
    """Pick a person, a collective or a household and a title or award form; reasons become required against the engine.

    Households are not in the staff or department lists, so their name is typed; the engine never proposes them,
    hence a change reason is always required for them.
    """

    def __init__(self, context: AppContext, round_row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.ops import rules

        self.context = context
        self.round = round_row
        self.nomination_id: int | None = None
        self.setWindowTitle(_("Thêm cá nhân, tập thể hoặc hộ gia đình vào danh sách đề nghị"))
        self.resize(760, 640)
        store = context.store
        self.pack = rules.effective_pack(store)
        self.verdicts: dict[tuple[str, int, str], dict[str, Any]] = {}
        if round_row["kind"] == "year":
            for row in rules.verdicts_json(rules.evaluate_year(store, year=round_row["year"]), self.pack):
                self.verdicts[(row["target_kind"], int(row["id"]), row["code"])] = row
        self.people = queries.staff_of_year(store, round_row["year"])
        self.collectives = active_departments(store)

        layout = QVBoxLayout(self)
        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.individual = QRadioButton(_("Cá nhân"))
        self.collective = QRadioButton(_("Tập thể"))
        self.household = QRadioButton(_("Hộ gia đình"))
        self.individual.setChecked(True)
        for button in (self.individual, self.collective, self.household):
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch(1)
        layout.addLayout(kinds)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Tìm theo tên, chức vụ, phòng ban (gõ có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.subjects = QListWidget()
        self.subjects.setMinimumHeight(160)
        layout.addWidget(self.subjects, 1)
        self.subject_error = FieldError()
        layout.addWidget(self.subject_error)
        self.household_box = QWidget()
        household_form = QFormLayout(self.household_box)
        household_form.setContentsMargins(0, 0, 0, 0)
        household_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.household_name = QLineEdit()
        self.household_name.setPlaceholderText(_("Ví dụ: Hộ ông Vàng Mí Dính, thôn Lũng Cú"))
        self.household_error = FieldError()
        household_form.addRow(_("Tên hộ gia đình (bắt buộc):"), stacked(self.household_name, self.household_error))
        layout.addWidget(self.household_box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.code = QComboBox()
        self.code_error = FieldError()
        form.addRow(_("Danh hiệu, hình thức:"), stacked(self.code, self.code_error))
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(_("Chương trình đánh giá:"), self.advice)
        self.change_reason = QLineEdit()
        self.change_error = FieldError()
        self.change_label = QLabel(_("Lý do thay đổi:"))
        form.addRow(self.change_label, stacked(self.change_reason, self.change_error))
        self.override_reason = QLineEdit()
        self.override_error = FieldError()
        self.override_label = QLabel(_("Lý do đề nghị ngoại lệ:"))
        form.addRow(self.override_label, stacked(self.override_reason, self.override_error))
        self.achievement = QPlainTextEdit()
        self.achievement.setPlaceholderText(
            _("Tóm tắt thành tích (không bắt buộc; in trên tờ trình, danh sách đề nghị)")
        )
        self.achievement.setFixedHeight(60)
        form.addRow(_("Thành tích:"), self.achievement)
        layout.addLayout(form)
        self.error = FieldError()
        layout.addWidget(self.error)
        buttons = ok_cancel_buttons(self, _("Thêm vào danh sách"), self.add)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)

        self.kind_group.buttonToggled.connect(lambda _button, checked: checked and self._kind_changed())
        self.household_name.textChanged.connect(self._household_edited)
        self.search.textChanged.connect(self._fill_subjects)
        self.subjects.currentRowChanged.connect(lambda _row: self._update_advice())
        self.code.currentIndexChanged.connect(lambda _index: self._update_advice())
        self.change_reason.textChanged.connect(lambda _text: set_field_error(self.change_reason, self.change_error, ""))
        self.override_reason.textChanged.connect(
            lambda _text: set_field_error(self.override_reason, self.override_error, "")
        )
        self._kind_changed()

    # -- choices --------------------------------------------------------------------------------------------
    def target_kind(self) -> str:
        if self.household.isChecked():
            return "household"
        return "individual" if self.individual.isChecked() else "collective"

    def _kind_changed(self) -> None:
        is_household = self.target_kind() == "household"
        self.search.setVisible(not is_household)
        self.subjects.setVisible(not is_household)
        self.subject_error.setVisible(not is_household and bool(self.subject_error.text()))
        self.household_box.setVisible(is_household)
        self._fill_subjects()
        self._fill_codes()
        self._update_advice()

    def _fill_subjects(self) -> None:
        tokens = search_tokens(self.search.text())
        selected = self.subject_id()
        self.subjects.blockSignals(True)
        self.subjects.clear()
        rows: list[tuple[int, str]] = []
        if self.target_kind() == "individual":
            rows = [
                (p["id"], " — ".join(x for x in (p["full_name"], p["position"], p["department"]) if x))
                for p in self.people
            ]
        elif self.target_kind() == "collective":
            rows = [(d["id"], d["name"]) for d in self.collectives]
        for subject_id, text in rows:
            if tokens and not matches(tokens, fold(text)):
                continue
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, subject_id)
            self.subjects.addItem(item)
            if subject_id == selected:
                self.subjects.setCurrentItem(item)
        if self.subjects.currentRow() < 0 and self.subjects.count() == 1:
            self.subjects.setCurrentRow(0)
        self.subjects.blockSignals(False)
        self._update_advice()

    def _fill_codes(self) -> None:
        """Titles and award forms for the chosen kind, in two groups with a disabled heading each."""
        from PySide6.QtGui import QStandardItemModel

        kind = self.target_kind()
        current = self.code.currentData()
        self.code.blockSignals(True)
        self.code.clear()
        model = self.code.model()
        for heading, items in (
            (_("— Danh hiệu thi đua —"), self.pack.titles),
            (_("— Hình thức khen thưởng —"), self.pack.award_forms),
        ):
            usable = [item for item in items if kind in item.targets]
            if not usable:
                continue
            self.code.addItem(heading, None)
            if isinstance(model, QStandardItemModel):
                head = model.item(self.code.count() - 1)
                head.setEnabled(False)
                font = head.font()
                font.setBold(True)
                head.setFont(font)
            for item in usable:
                self.code.addItem("    " + item.name, item.code)
        index = self.code.findData(current) if current else -1
        if index < 0:
            index = next((i for i in range(self.code.count()) if self.code.itemData(i)), -1)
        self.code.setCurrentIndex(index)
        self.code.blockSignals(False)

    def subject_id(self) -> int | None:
        if self.target_kind() == "household":
            return None
        item = self.subjects.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def has_subject(self) -> bool:
        """A person or collective picked in the list, or a household name typed."""
        if self.target_kind() == "household":
            return bool(self.household_name.text().strip())
        return self.subject_id() is not None

    def _household_edited(self, _text: str) -> None:
        set_field_error(self.household_name, self.household_error, "")
        self._update_advice()

    def select_subject(self, name_part: str) -> bool:
        """Select the first listed subject whose text contains ``name_part`` (accents ignored); for tests, too."""
        wanted = fold(name_part)
        for row in range(self.subjects.count()):
            if wanted in fold(self.subjects.item(row).text()):
                self.subjects.setCurrentRow(row)
                return True
        return False

    def select_code(self, code: str) -> bool:
        index = self.code.findData(code)
        if index >= 0:
            self.code.setCurrentIndex(index)
        return index >= 0

    def verdict(self) -> dict[str, Any] | None:
        subject_id, code = self.subject_id(), self.code.currentData()
        if subject_id is None or not code:
            return None
        return self.verdicts.get((self.target_kind(), subject_id, code))

    def verdict_status(self) -> str:
        found = self.verdict()
        return str(found["verdict"]) if found else ""

    def reasons_required(self) -> tuple[bool, bool]:
        """(change reason required, override reason required) for the current choice."""
        if not self.has_subject() or not self.code.currentData():
            return False, False
        status = self.verdict_status()
        return status not in ("eligible", "needs_vote"), status in ("not_eligible", "deferred")

    def _update_advice(self) -> None:
        import html

        if not self.has_subject() or not self.code.currentData():
            hint = (
                _("Nhập tên hộ gia đình và chọn danh hiệu, hình thức.")
                if self.target_kind() == "household"
                else _("Chọn người hoặc tập thể và danh hiệu.")
            )
            self.advice.setText(f"<span style='color:{MUTED_COLOR}'>{html.escape(hint)}</span>")
            need_change = need_override = False
        else:
            found = self.verdict()
            status = self.verdict_status()
            color = OK_COLOR if status in ("eligible", "needs_vote") else BAD_COLOR
            parts = [f"<b style='color:{color}'>{html.escape(_(VERDICT_LABELS.get(status, status)))}</b>"]
            if self.target_kind() == "household":
                parts.append(
                    html.escape(_("Hộ gia đình: chương trình không tự xét điều kiện; hãy ghi lý do thay đổi."))
                )
            elif found:
                unmet = [r["text"] for r in found["reasons"] if not r.get("met")]
                for text in unmet[:4]:
                    parts.append("• " + html.escape(text))
            elif self.round["kind"] != "year":
                parts.append(html.escape(_("Đợt theo phong trào, chuyên đề: chương trình không tự xét điều kiện.")))
            self.advice.setText("<br>".join(parts))
            need_change, need_override = self.reasons_required()
        self.change_label.setText(_("Lý do thay đổi (bắt buộc):") if need_change else _("Lý do thay đổi:"))
        self.override_label.setText(
            _("Lý do đề nghị ngoại lệ (bắt buộc):") if need_override else _("Lý do đề nghị ngoại lệ:")
        )
        self.change_reason.setPlaceholderText(
            _("Vì sao thêm khi chương trình không đề xuất") if need_change else _("Không bắt buộc")
        )
        self.override_reason.setPlaceholderText(
            _("Vì sao vẫn đề nghị khi chưa đủ điều kiện theo quy định") if need_override else _("Không bắt buộc")
        )
        set_field_error(self.change_reason, self.change_error, "")
        set_field_error(self.override_reason, self.override_error, "")

    # -- saving ---------------------------------------------------------------------------------------------
    def add(self) -> int | None:
        self.error.show_message("")
        kind = self.target_kind()
        subject_id = self.subject_id()
        household = self.household_name.text().strip()
        if kind == "household":
            set_field_error(
                self.household_name, self.household_error, "" if household else _("Chưa nhập tên hộ gia đình.")
            )
            if not household:
                return None
        else:
            set_field_error(
                self.subjects,
                self.subject_error,
                "" if subject_id is not None else _("Chọn một người hoặc tập thể trong danh sách."),
            )
            if subject_id is None:
                return None
        need_change, need_override = self.reasons_required()
        problems = False
        if need_change and not self.change_reason.text().strip():
            set_field_error(
                self.change_reason,
                self.change_error,
                _("Chương trình không đề xuất trường hợp này; hãy ghi lý do thay đổi."),
            )
            problems = True
        if need_override and not self.override_reason.text().strip():
            set_field_error(
                self.override_reason,
                self.override_error,
                _("Theo quy định trường hợp này chưa đủ điều kiện; chỉ đề nghị được khi ghi rõ lý do ngoại lệ."),
            )
            problems = True
        if problems:
            return None
        operation = Operation(
            self,
            self.context,
            review.add_nomination,
            round_id=self.round["id"],
            target_kind=kind,
            code=self.code.currentData() or "",
            staff_id=subject_id if kind == "individual" else None,
            department_id=subject_id if kind == "collective" else None,
            household_name=household if kind == "household" else "",
            change_reason=self.change_reason.text(),
            override_reason=self.override_reason.text(),
            achievement=self.achievement.toPlainText(),
        )
        if not operation.changes("review").failure(self._refused).run():
            return None
        self.nomination_id = operation.result
        self.accept()
        return self.nomination_id

    def _refused(self, error: BaseException) -> None:
        """A refusal about one field is shown under it; any other under the form."""
        targets = {
            "change_reason": (self.change_reason, self.change_error),
            "override_reason": (self.override_reason, self.override_error),
            "code": (self.code, self.code_error),
            "target_kind": (self.code, self.code_error),
            "staff_id": (self.subjects, self.subject_error),
            "department_id": (self.subjects, self.subject_error),
            "household_name": (self.household_name, self.household_error),
        }
        widget, label = targets.get(getattr(error, "field", None) or "", (None, self.error))
        set_field_error(widget, label, str(error))


class RoundsWidget(QWidget):
    """The rounds on the left; the selected round's steps, nominations and actions on the right."""

    round_changed = Signal()

    HEADERS = (
        N_("Cán bộ / tập thể"),
        N_("Danh hiệu, hình thức"),
        N_("Thẩm quyền"),
        N_("Chương trình đánh giá"),
        N_("Trạng thái"),
        N_("Kết quả bỏ phiếu"),
        N_("Lý do"),
    )

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.round: dict[str, Any] | None = None
        self.nominations: list[dict[str, Any]] = []
        self.last_job = None
        self.last_dialog: QDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Các đợt bình xét:")))
        self.rounds = QListWidget()
        self.rounds.setWordWrap(True)
        self.rounds.setSpacing(3)
        self.rounds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rounds.currentRowChanged.connect(lambda _row: self.load_round())
        left_layout.addWidget(self.rounds, 1)
        self.create_button = push_button(_("Tạo đợt bình xét…"), self.open_create_dialog)
        left_layout.addWidget(self.create_button)
        splitter.addWidget(left)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.steps = StepBar()
        layout.addWidget(self.steps)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Lọc theo tên, danh hiệu (có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.fill_table())
        self.show_removed = QCheckBox(_("Hiện cả đề nghị đã bỏ"))
        self.show_removed.toggled.connect(lambda _on: self.fill_table())
        filters.addWidget(self.search, 1)
        filters.addWidget(self.show_removed)
        layout.addLayout(filters)

        body = QSplitter(Qt.Orientation.Vertical)
        self.table = make_table([_(h) for h in self.HEADERS], stretch=6)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.table.doubleClicked.connect(lambda _index: None)
        body.addWidget(self.table)
        self.details = QTextBrowser()
        self.details.setMinimumHeight(70)
        body.addWidget(self.details)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)
        body.setSizes([460, 90])
        layout.addWidget(body, 1)

        row1 = QHBoxLayout()
        self.add_button = push_button(_("Thêm người/tập thể…"), self.open_add_dialog)
        self.remove_button = push_button(_("Bỏ khỏi danh sách…"), self.remove_selected)
        self.docs_button = QPushButton(_("Văn bản của đợt"))
        menu = QMenu(self.docs_button)
        for kind, fmt, label in (
            ("proposal", "pdf", N_("Tờ trình (PDF)")),
            ("proposal", "docx", N_("Tờ trình (Word)")),
            ("proposal_list", "pdf", N_("Danh sách đề nghị (PDF)")),
            ("proposal_list", "xlsx", N_("Danh sách đề nghị (Excel)")),
            ("minutes", "pdf", N_("Biên bản họp Hội đồng (PDF)")),
            ("minutes", "docx", N_("Biên bản họp Hội đồng (Word)")),
        ):
            action = QAction(_(label), menu)
            action.triggered.connect(lambda _checked=False, k=kind, f=fmt: self.render_round_document(k, f))
            menu.addAction(action)
        self.docs_button.setMenu(menu)
        row1.addWidget(self.add_button)
        row1.addWidget(self.remove_button)
        row1.addStretch(1)
        row1.addWidget(self.docs_button)
        layout.addLayout(row1)

        row2 = QHBoxLayout()
        self.council_button = push_button(_("1. Hội đồng, bỏ phiếu…"), self.open_council_dialog)
        self.posting_button = push_button(_("2. Niêm yết…"), self.start_posting)
        self.decision_button = push_button(_("3. Ra quyết định…"), self.open_decision_dialog)
        self.dossier_button = push_button(_("4. Hồ sơ lên cấp trên…"), self.open_dossier_dialog)
        for button in (self.council_button, self.posting_button, self.decision_button, self.dossier_button):
            row2.addWidget(button)
        row2.addStretch(1)
        layout.addLayout(row2)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 930])
        splitter.setChildrenCollapsible(False)

        context.data_changed.connect(self._on_data_changed)
        self.load_rounds()

    # -- loading ----------------------------------------------------------------------------------------------
    def load_rounds(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.round["id"] if self.round else None)
        rows = review.list_rounds(self.context.store)
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for row in rows:
            heading = _("Năm {year}").format(year=row["year"])
            if row["kind"] != "year":
                heading = _("{heading} — {name}").format(heading=heading, name=row["name"])
            text = _("{heading}\n{status}\n{count} đề nghị").format(
                heading=heading,
                status=_(ROUND_STATUSES.get(row["status"], row["status"])),
                count=row["nominations"],
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            item.setToolTip(row["name"])
            self.rounds.addItem(item)
            if row["id"] == keep:
                self.rounds.setCurrentItem(item)
        if self.rounds.currentRow() < 0 and self.rounds.count():
            self.rounds.setCurrentRow(0)
        self.rounds.blockSignals(False)
        self.load_round()

    def current_round_id(self) -> int | None:
        item = self.rounds.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def load_round(self) -> None:
        round_id = self.current_round_id()
        self.round = review.get_round(self.context.store, round_id) if round_id is not None else None
        self.nominations = list(self.round["nominations"]) if self.round else []
        self._show_round()
        self.fill_table()
        self.round_changed.emit()

    def _dossier_count(self) -> int:
        if not self.round:
            return 0
        return queries.dossier_count(self.context.store, self.round["id"])

    def _show_round(self) -> None:
        has_round = self.round is not None
        for button in (
            self.add_button,
            self.council_button,
            self.posting_button,
            self.decision_button,
            self.dossier_button,
            self.docs_button,
        ):
            button.setEnabled(has_round)
        if not self.round:
            self.title.setText(_("Chưa có đợt bình xét nào"))
            self.summary.setText(
                _(
                    "Bấm “Tạo đợt bình xét…” để bắt đầu: chương trình đề xuất danh sách theo quy định, "
                    "anh/chị thêm bớt, họp Hội đồng, niêm yết rồi ra quyết định."
                )
            )
            self.steps.set_step(-1, set())
            return
        r = self.round
        if str(r["year"]) in r["name"]:
            self.title.setText(r["name"])
        else:
            self.title.setText(_("{name} (năm {year})").format(name=r["name"], year=r["year"]))
        done = self.done_steps()
        skipped = {2} if not r["posting_days"] else set()
        if not any(n["conferred_by"] == "upward" and n["status"] != "removed" for n in self.nominations):
            skipped.add(4)
        current = next((i for i in range(5) if i not in done and i not in skipped), 5)
        self.steps.set_step(current, done, skipped)
        active = [n for n in self.nominations if n["status"] in ACTIVE]
        removed = sum(1 for n in self.nominations if n["status"] == "removed")
        decided = sum(1 for n in self.nominations if n["status"] == "decided")
        upward = sum(1 for n in active if n["conferred_by"] == "upward")
        failed = sum(1 for n in active if n["status"] == "failed")
        parts = [_("{n} đề nghị đang xét").format(n=len(active))]
        if decided:
            parts.append(_("{n} đã có quyết định").format(n=decided))
        if upward:
            parts.append(_("{n} đề nghị cấp trên").format(n=upward))
        if failed:
            parts.append(_("{n} không đạt phiếu").format(n=failed))
        if removed:
            parts.append(_("{n} đã bỏ").format(n=removed))
        if r["posted_from"]:
            parts.append(
                _("niêm yết từ {start} đến hết {end}").format(
                    start=date.fromisoformat(r["posted_from"]).strftime("%d/%m/%Y"),
                    end=date.fromisoformat(r["posted_to"]).strftime("%d/%m/%Y"),
                )
            )
        if r.get("decisions"):
            numbers = ", ".join(d["number_text"] for d in r["decisions"] if d["status"] == "issued")
            if numbers:
                parts.append(_("quyết định số {numbers}").format(numbers=numbers))
        self.summary.setText("; ".join(parts) + ".")

    def done_steps(self) -> set[int]:
        """Finished steps: proposals once the council met, the council once every ballot is in, and so on."""
        r = self.round
        if not r:
            return set()
        done: set[int] = set()
        council = r.get("council")
        if council or r["status"] != "draft":
            done.add(0)
        pending = [n for n in self.nominations if n["status"] in ACTIVE and n["ballot_required"] and not n["ballot"]]
        if council and not pending:
            done.add(1)
        if r["posted_from"]:
            done.add(2)
        if any(d["status"] == "issued" for d in r.get("decisions") or ()):
            done |= {0, 1, 3}
        if self._dossier_count():
            done.add(4)
        return done

    def visible_nominations(self) -> list[dict[str, Any]]:
        tokens = search_tokens(self.search.text())
        out = []
        for n in self.nominations:
            if n["status"] == "removed" and not self.show_removed.isChecked():
                continue
            if tokens and not matches(tokens, fold(f"{n['name']} {n['code']} {n['code_name']} {n['department']}")):
                continue
            out.append(n)
        return out

    def fill_table(self) -> None:
        from desktop.ops.review import NOMINATION_STATUSES

        selected = self.selected_nomination()
        rows = self.visible_nominations()
        self.table.setSortingEnabled(False)
        with bulk_fill(self.table):
            self.table.setRowCount(len(rows))
            for r, n in enumerate(rows):
                muted = MUTED_COLOR if n["status"] == "removed" else ""
                verdict = n["engine_verdict"] or ""
                verdict_color = OK_COLOR if verdict in ("eligible", "needs_vote") else BAD_COLOR
                ballot = n["ballot"]
                if ballot:
                    ballot_text = _("{agree}/{total} đồng ý — {result}").format(
                        agree=ballot["counted_agree"], total=ballot["members_total"],
                        result=_("đạt") if ballot["passed"] else _("không đạt"),
                    )  # fmt: skip
                    ballot_color = OK_COLOR if ballot["passed"] else BAD_COLOR
                elif n["ballot_required"]:
                    ballot_text, ballot_color = _("Chưa bỏ phiếu"), MUTED_COLOR
                else:
                    ballot_text, ballot_color = _("Không cần"), MUTED_COLOR
                reason = n["removed_reason"] or n["override_reason"] or n["change_reason"]
                name_tip = " — ".join(
                    x for x in (_(TARGET_LABELS.get(n["target_kind"], "")), n["position"], n["department"]) if x
                )
                items = (
                    cell(n["name"], data=n["id"], color=muted, tooltip=name_tip),
                    cell(n["code_name"], color=muted, tooltip=_(CATEGORY_LABELS.get(n["category"], ""))),
                    cell(_(CONFERRED_LABELS.get(n["authority"], n["conferred_by"])), color=muted),
                    cell(_(SHORT_VERDICTS.get(verdict, verdict)), color=muted or verdict_color),
                    cell(_(NOMINATION_STATUSES.get(n["status"], n["status"])), color=muted),
                    cell(ballot_text, color=muted or ballot_color, tooltip=ballot["arithmetic"] if ballot else ""),
                    cell(reason, color=muted, tooltip=reason),
                )
                for c, item in enumerate(items):
                    self.table.setItem(r, c, item)
                if n["id"] == (selected or {}).get("id"):
                    self.table.selectRow(r)
        self._on_selected()

    def selected_nomination(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((n for n in self.nominations if n["id"] == wanted), None)

    def select_nomination(self, nomination_id: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == nomination_id:
                self.table.selectRow(row)
                return True
        return False

    def _on_selected(self) -> None:
        import html

        n = self.selected_nomination()
        self.remove_button.setEnabled(n is not None and n["status"] in ACTIVE)
        if n is None:
            self.details.setHtml(
                f"<span style='color:{MUTED_COLOR}'>"
                + html.escape(_("Chọn một dòng để xem lý do đánh giá của chương trình và kết quả bỏ phiếu."))
                + "</span>"
            )
            return
        lines = [f"<b>{html.escape(n['name'])}</b> — {html.escape(n['code_name'])}"]
        for reason in n["engine_reasons"]:
            mark = "✓" if reason.get("met") else "✗"
            color = OK_COLOR if reason.get("met") else BAD_COLOR
            cite = f" <i>({html.escape(reason['cite'])})</i>" if reason.get("cite") else ""
            lines.append(f"<span style='color:{color}'>{mark}</span> {html.escape(reason['text'])}{cite}")
        if n["ballot"]:
            lines.append(html.escape(_("Bỏ phiếu: {text}").format(text=n["ballot"]["arithmetic"])))
        for label, key in (
            (_("Lý do thay đổi"), "change_reason"),
            (_("Lý do ngoại lệ"), "override_reason"),
            (_("Lý do bỏ khỏi danh sách"), "removed_reason"),
        ):
            if n.get(key):
                lines.append(html.escape(_("{label}: {text}").format(label=label, text=n[key])))
        self.details.setHtml("<br>".join(lines))

    def _on_data_changed(self, what: str) -> None:
        if what in ("review", "decisions", "staff", "departments", "demo"):
            self.load_rounds()

    def _changed(self) -> None:
        """After the council or dossier dialog saved (several operations, one announcement): reload, tell the
        other pages."""
        self.load_rounds()
        self.context.data_changed.emit("review")

    # -- actions -------------------------------------------------------------------------------------------------
    def open_create_dialog(self) -> CreateRoundDialog:
        dialog = CreateRoundDialog(self.context, self)
        dialog.accepted.connect(lambda: self.load_rounds(select_id=dialog.round_id))
        return open_dialog(self, dialog)

    def open_add_dialog(self) -> AddNominationDialog | None:
        if not self.round:
            return None
        dialog = AddNominationDialog(self.context, self.round, self)  # its operation announces "review"
        return open_dialog(self, dialog)

    def remove_selected(self) -> bool:
        from desktop.ui.review import ask_reason

        n = self.selected_nomination()
        if n is None:
            show_error(self, _("Hãy chọn một dòng trong danh sách đề nghị."))
            return False
        reason = ask_reason(
            self,
            _("Bỏ khỏi danh sách đề nghị"),
            _("Lý do bỏ {name} ({title}) khỏi danh sách (bắt buộc):").format(name=n["name"], title=n["code_name"]),
        )
        if reason is None:
            return False
        operation = Operation(self, self.context, review.remove_nomination, nomination_id=n["id"], reason=reason)
        return operation.changes("review").success(lambda _none: self.load_rounds()).run()

    def open_council_dialog(self) -> QDialog | None:
        from desktop.ui.review.council_dialog import CouncilDialog

        if not self.round:
            return None
        dialog = CouncilDialog(self.context, self.round["id"], self)
        dialog.changed.connect(self._changed)
        return open_dialog(self, dialog)

    def start_posting(self) -> bool:
        from PySide6.QtWidgets import QInputDialog

        from desktop.domain.dates import parse_date

        if not self.round:
            return False
        days = int(self.round["posting_days"] or 0)
        if days <= 0:
            show_info(self, _("Đợt bình xét này không phải niêm yết công khai (đặt 0 ngày khi tạo đợt)."))
            return False
        text, ok = QInputDialog.getText(
            self,
            _("Niêm yết công khai"),
            _("Niêm yết danh sách {days} ngày, bắt đầu từ ngày (ngày/tháng/năm):").format(days=days),
            text=date.today().strftime("%d/%m/%Y"),
        )
        if not ok:
            return False
        try:
            start = parse_date(text)
            if start is None:
                raise DateError(_("Chưa nhập ngày bắt đầu niêm yết."))
        except DateError as exc:
            show_error(self, str(exc))
            return False
        operation = Operation(self, self.context, review.start_posting, round_id=self.round["id"], start=start)
        return operation.changes("review").success(lambda _none: self.load_rounds()).run()

    def open_decision_dialog(self) -> QDialog | None:
        from desktop.ui.review.decision_dialog import DecisionDialog

        if not self.round:
            return None
        dialog = DecisionDialog(self.context, self.round["id"], self)  # its operation announces "decisions"
        return open_dialog(self, dialog)

    def open_dossier_dialog(self) -> QDialog | None:
        from desktop.ui.review.dossier_widget import DossierDialog

        if not self.round:
            return None
        dialog = DossierDialog(self.context, self.round["id"], self)
        dialog.widget.changed.connect(self._changed)
        return open_dialog(self, dialog)

    def render_round_document(self, kind: str, fmt: str) -> Any:
        """Tờ trình, danh sách đề nghị or biên bản of this round, rendered off the UI thread and opened."""
        if not self.round:
            return None
        if kind == "minutes" and not self.round.get("council"):
            show_error(self, _("Chưa ghi Hội đồng của đợt này nên chưa có biên bản họp."))
            return None
        name = f"{kind}-{self.round['year']}-dot-{self.round['id']}"
        _out, self.last_job = render_document_file(
            self, self.context, kind=kind, name=name, fmt=fmt, round_id=self.round["id"]
        )
        return self.last_job

    def confirm(self, title: str, text: str) -> bool:
        return ask_confirm(self, title, text)
