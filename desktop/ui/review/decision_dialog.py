"""Issue the unit's decision (Quyết định) for a round: header pre-filled from the unit, the awardees ticked.

The number is allocated from the unit's series only when the decision is issued (inside the same transaction),
so it is shown afterwards, never guessed beforehand. A nominee whose ballot failed stays unticked; ticking one
needs an override reason typed on its row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError
from desktop.i18n import N_, _
from desktop.store import StoreError, ValidationError
from desktop.ui.context import AppContext
from desktop.ui.review import BAD_COLOR, MUTED_COLOR, OK_COLOR, bulk_fill, cell, date_edit, make_table, read_date
from desktop.ui.widgets import FieldError, ask_confirm, ok_cancel_buttons, set_field_error, show_info

HEADERS = (
    N_("Chọn"),
    N_("Người, tập thể"),
    N_("Chức vụ, đơn vị"),
    N_("Danh hiệu, hình thức"),
    N_("Hội đồng"),
    N_("Lý do ngoại lệ (khi không đạt phiếu)"),
)
CHECK, NAME, WHERE, TITLE, BALLOT, OVERRIDE = range(6)
# Pre-filled document text is Vietnamese administrative wording (data printed on the decision), not UI text.
SUBJECT_TEMPLATE = "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm {year}"
ACHIEVEMENT_TEMPLATE = "Đã có thành tích hoàn thành tốt nhiệm vụ năm {year}"
ON_BEHALF_BY_KIND = {"ubnd_xa": "TM. ỦY BAN NHÂN DÂN", "ubnd_phuong": "TM. ỦY BAN NHÂN DÂN"}


class DecisionDialog(QDialog):
    """``issued`` carries the new decision id; ``number_text`` holds the number given by the series."""

    issued = Signal(int)

    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.ops import review
        from desktop.store import unit_repo

        self.context = context
        self.round_id = round_id
        self.round = review.get_round(context.store, round_id)
        self.decision_id: int | None = None
        self.number_text = ""
        year = self.round["year"]
        unit = unit_repo.get_unit(context.store) or {}
        self.setWindowTitle(_("Ra quyết định khen thưởng — {name}").format(name=self.round["name"]))
        self.resize(1000, 700)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}

        self.decision_date = date_edit(date.today())
        self._add(form, "decision_date", _("Ngày ký:"), self.decision_date)
        self.series_key = QLineEdit(review.DEFAULT_SERIES)
        self.series_key.setMaximumWidth(160)
        self._add(form, "series_key", _("Ký hiệu sổ văn bản:"), self.series_key)
        self.on_behalf = QLineEdit(ON_BEHALF_BY_KIND.get(str(unit.get("unit_kind") or ""), ""))
        self.on_behalf.setPlaceholderText(_("Ví dụ: TM. ỦY BAN NHÂN DÂN (để trống nếu không ký thay mặt)"))
        self._add(form, "on_behalf", _("Thay mặt:"), self.on_behalf)
        self.signer_title = QLineEdit(str(unit.get("head_title") or ""))
        self._add(form, "signer_title", _("Chức vụ người ký:"), self.signer_title)
        self.signer_name = QLineEdit(str(unit.get("head_name") or ""))
        self._add(form, "signer_name", _("Họ tên người ký:"), self.signer_name)
        self.subject = QLineEdit(SUBJECT_TEMPLATE.format(year=year))
        self._add(form, "subject", _("Trích yếu (về việc):"), self.subject)
        self.achievement = QLineEdit(ACHIEVEMENT_TEMPLATE.format(year=year))
        self._add(form, "achievement_text", _("Thành tích ghi trong quyết định:"), self.achievement)
        layout.addLayout(form)

        number_note = QLabel(
            _(
                "Số quyết định do chương trình cấp theo sổ văn bản của đơn vị khi bấm “Ban hành”; "
                "số đã cấp không bao giờ dùng lại."
            )
        )
        number_note.setWordWrap(True)
        number_note.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(number_note)

        self.table = make_table([_(h) for h in HEADERS], stretch=OVERRIDE)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self.error = FieldError()
        layout.addWidget(self.error)
        buttons = ok_cancel_buttons(self, _("Ban hành quyết định"), self.issue)
        self.issue_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.fill()

    def _add(self, form: QFormLayout, key: str, label: str, field: QWidget) -> None:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(field)
        error = FieldError()
        box.addWidget(error)
        self.errors[key] = error
        self.fields[key] = field
        form.addRow(label, holder)

    # -- the list ------------------------------------------------------------------------------------------------
    def fill(self) -> None:
        rows = [
            n
            for n in self.round["nominations"]
            if n["status"] in ("proposed", "passed", "failed") and n["conferred_by"] == "unit"
        ]
        self.rows = rows
        with bulk_fill(self.table):
            self.table.setRowCount(len(rows))
            self.checks: list[QCheckBox] = []
            self.overrides: list[QLineEdit | None] = []
            for r, n in enumerate(rows):
                ballot = n["ballot"]
                check = QCheckBox()
                holder = QWidget()
                box = QHBoxLayout(holder)
                box.setContentsMargins(8, 0, 0, 0)
                box.addWidget(check)
                self.table.setCellWidget(r, CHECK, holder)
                self.table.setItem(r, NAME, cell(n["name"], data=n["id"]))
                where = " — ".join(x for x in (n["position"], n["department"]) if x)
                self.table.setItem(r, WHERE, cell(where, tooltip=where))
                self.table.setItem(r, TITLE, cell(n["code_name"]))
                if ballot is not None:
                    text = _("Đạt") if ballot["passed"] else _("Không đạt")
                    self.table.setItem(
                        r,
                        BALLOT,
                        cell(text, color=OK_COLOR if ballot["passed"] else BAD_COLOR, tooltip=ballot["arithmetic"]),
                    )
                elif n["ballot_required"]:
                    self.table.setItem(r, BALLOT, cell(_("Chưa bỏ phiếu"), color=BAD_COLOR))
                else:
                    self.table.setItem(r, BALLOT, cell(_("Không cần"), color=MUTED_COLOR))
                failed = ballot is not None and not ballot["passed"]
                not_voted = ballot is None and n["ballot_required"]
                check.setChecked(not failed and not not_voted)
                check.setEnabled(not not_voted)
                if not_voted:
                    check.setToolTip(_("Hội đồng chưa bỏ phiếu kín cho đề nghị này."))
                override = None
                if failed:
                    override = QLineEdit()
                    override.setPlaceholderText(_("Bắt buộc nếu chọn người không đạt phiếu"))
                    self.table.setCellWidget(r, OVERRIDE, override)
                check.toggled.connect(lambda _on: self._update_count())
                self.checks.append(check)
                self.overrides.append(override)
        self._update_count()

    def row_of(self, nomination_id: int) -> int:
        return next(i for i, n in enumerate(self.rows) if n["id"] == nomination_id)

    def chosen_ids(self) -> list[int]:
        return [n["id"] for n, check in zip(self.rows, self.checks, strict=True) if check.isChecked()]

    def _update_count(self) -> None:
        chosen = len(self.chosen_ids())
        self.count_label.setText(
            _("Đã chọn {chosen}/{total} người, tập thể đưa vào quyết định.").format(chosen=chosen, total=len(self.rows))
        )
        self.issue_button.setEnabled(chosen > 0)

    # -- issuing -------------------------------------------------------------------------------------------------
    def issue(self) -> int | None:
        from desktop.ops import review

        self.error.show_message("")
        for key, label in self.errors.items():
            set_field_error(self.fields[key], label, "")
        try:
            when = read_date(self.decision_date)
            if when is None:
                raise DateError(_("Chưa nhập ngày ký quyết định."))
        except DateError as exc:
            set_field_error(self.decision_date, self.errors["decision_date"], str(exc))
            return None
        ids = self.chosen_ids()
        overrides: dict[int, str] = {}
        missing = []
        for n, check, edit in zip(self.rows, self.checks, self.overrides, strict=True):
            if edit is None:
                continue
            edit.setStyleSheet("")
            if not check.isChecked():
                continue
            if edit.text().strip():
                overrides[n["id"]] = edit.text().strip()
            else:
                edit.setStyleSheet("border: 1px solid #b00020;")
                missing.append(n["name"])
        if missing:
            self.error.show_message(
                _(
                    "Không đạt tỷ lệ phiếu của Hội đồng: {names}. Hãy ghi lý do ngoại lệ trên dòng đó, hoặc bỏ chọn."
                ).format(names=", ".join(missing))
            )
            return None
        if not ask_confirm(
            self,
            _("Ban hành quyết định"),
            _(
                "Ban hành quyết định khen thưởng cho {n} người, tập thể, ký ngày {date}?\n"
                "Chương trình sẽ cấp số mới trong sổ văn bản; quyết định đã ban hành chỉ đính chính "
                "hoặc thu hồi được, có ghi lý do."
            ).format(n=len(ids), date=when.strftime("%d/%m/%Y")),
        ):
            return None
        try:
            decision_id = review.issue_decision(
                self.context.store,
                round_id=self.round_id,
                decision_date=when,
                signer_title=self.signer_title.text(),
                signer_name=self.signer_name.text(),
                subject=self.subject.text(),
                achievement_text=self.achievement.text(),
                on_behalf=self.on_behalf.text(),
                series_key=self.series_key.text(),
                nomination_ids=ids,
                override_reasons=overrides,
                actor=self.context.actor,
            )
        except ValidationError as exc:
            if exc.field in self.errors:
                set_field_error(self.fields[exc.field], self.errors[exc.field], str(exc))
            else:
                self.error.show_message(str(exc))
            return None
        except StoreError as exc:
            self.error.show_message(str(exc))
            return None
        decision = review.get_decision(self.context.store, decision_id=decision_id)
        self.decision_id = decision_id
        self.number_text = decision["number_text"]
        self.issued.emit(decision_id)
        show_info(
            self,
            _(
                "Đã ban hành Quyết định số {number} ngày {date} cho {n} người, tập thể. Xem và in ở mục “Quyết định”."
            ).format(number=self.number_text, date=when.strftime("%d/%m/%Y"), n=len(decision["awardees"])),
            _("Đã ban hành quyết định"),
        )
        self.accept()
        return decision_id

    def values(self) -> dict[str, Any]:
        return {key: getattr(field, "text", lambda: "")() for key, field in self.fields.items()}
