"""The rounds' two forms: a new round (year, kind, posting days, planned decision date) and a nominee added by hand.

Split from :mod:`desktop.ui.review.rounds_widget`, which opens them; every change against the engine's advice needs
a reason, typed next to the field that asks for it.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError
from desktop.domain.eligibility.verdicts import VERDICT_LABELS
from desktop.domain.text import fold, matches, search_tokens
from desktop.i18n import N_, _
from desktop.ops import queries, review, rules
from desktop.ops.unit import active_departments
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation, OperationDialog
from desktop.ui.review import fill_award_choices
from desktop.ui.widgets import (
    BAD_COLOR,
    MUTED_COLOR,
    OK_COLOR,
    DateField,
    FieldError,
    add_checked_row,
    code_combo,
    note,
    ok_cancel_buttons,
    set_field_error,
    sized_to_screen,
    text_field,
    wrapped_label,
    year_box,
)

ROUND_KINDS: dict[str, str] = {
    "year": N_("Bình xét cả năm"),
    "movement": N_("Theo phong trào thi đua"),
    "occasion": N_("Theo đợt, chuyên đề"),
}


class CreateRoundDialog(OperationDialog):
    """Year, kind, name and posting days of a new round; the program then proposes the engine's candidates."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Tạo đợt bình xét"), width=480, parent=parent)
        form = self.form
        # the year being worked on (latest round in progress or year with data), not the calendar's
        self.year = year_box(queries.working_year(context.store, date.today()), first=2000, last=date.today().year + 1)
        form.addRow(_("Năm bình xét:"), self.year)
        self.kind = code_combo(ROUND_KINDS)
        form.addRow(_("Loại đợt:"), self.kind)
        self.name = text_field(_("Để trống: “Bình xét thi đua, khen thưởng năm …”"))
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

        self.context = context
        self.round = round_row
        self.nomination_id: int | None = None
        self.setWindowTitle(_("Thêm cá nhân, tập thể hoặc hộ gia đình vào danh sách đề nghị"))
        sized_to_screen(self, 760, 640)
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
        self.search = text_field(_("Tìm theo tên, chức vụ, phòng ban (gõ có dấu hoặc không dấu)"))
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
        self.household_name = text_field(_("Ví dụ: Hộ ông Vàng Mí Dính, thôn Lũng Cú"))
        self.household_error = add_checked_row(household_form, _("Tên hộ gia đình (bắt buộc):"), self.household_name)
        layout.addWidget(self.household_box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.code = QComboBox()
        self.code_error = add_checked_row(form, _("Danh hiệu, hình thức:"), self.code)
        self.advice = wrapped_label()
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(_("Chương trình đánh giá:"), self.advice)
        self.change_reason = QLineEdit()
        self.change_label = QLabel(_("Lý do thay đổi:"))
        self.change_error = add_checked_row(form, self.change_label, self.change_reason)
        self.override_reason = QLineEdit()
        self.override_label = QLabel(_("Lý do đề nghị ngoại lệ:"))
        self.override_error = add_checked_row(form, self.override_label, self.override_reason)
        self.achievement = QPlainTextEdit()
        self.achievement.setPlaceholderText(
            _("Tóm tắt thành tích (không bắt buộc; in trên tờ trình, danh sách đề nghị)")
        )
        self.achievement.setFixedHeight(60)
        form.addRow(_("Thành tích:"), self.achievement)
        layout.addLayout(form)
        self.error = FieldError()
        layout.addWidget(self.error)
        # takes the list's room while a household (typed, not picked) hides it: the form's rows stay together
        self.layout_ = layout
        layout.addStretch(0)
        self._spare_room = layout.count() - 1
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
        self.layout_.setStretch(self._spare_room, 1 if is_household else 0)
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
        fill_award_choices(self.code, self.pack, self.target_kind())

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
        missing = [
            (field, error, message)
            for needed, field, error, message in (
                (
                    need_change,
                    self.change_reason,
                    self.change_error,
                    _("Chương trình không đề xuất trường hợp này; hãy ghi lý do thay đổi."),
                ),
                (
                    need_override,
                    self.override_reason,
                    self.override_error,
                    _("Theo quy định trường hợp này chưa đủ điều kiện; chỉ đề nghị được khi ghi rõ lý do ngoại lệ."),
                ),
            )
            if needed and not field.text().strip()
        ]
        for field, error, message in missing:
            set_field_error(field, error, message)
        if missing:
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
