"""Issue the unit's decision (Quyết định) for a round: header pre-filled from the unit, the awardees ticked.

The list holds the nominations the unit may confer on the signing date typed (the law of that day, not of the date
the round planned), judged again when another date is typed; the ticks and reasons given on a row are kept.
The number is allocated from the unit's series only when the decision is issued (inside the same transaction),
so it is shown afterwards, never guessed beforehand. Issuing makes a verified backup first, so it runs in the
background with a progress dialog (no Cancel: a decision is issued whole or not at all). A nominee whose ballot
failed stays unticked; ticking one needs an override reason typed on its row. Issuing judges every nominee again by
the law and the facts on the signing date; one no longer eligible then (a discipline since) is refused, naming the
row, unless a reason is typed on it too.

How it is signed is chosen from three modes (the chair, a deputy for the chair "KT.", or on behalf of the body
"TM."), pre-set to what the law gives for the awards ticked. "TM." is greyed out, its tooltip saying why, whenever
issuing would refuse it (:func:`desktop.ops.review.signatures.check_body_power`: the law on the signing date gives
none of the awards ticked to the body), judged again when the ticks or the date change; the achievement is pre-filled
with the words of the award (empty when the awards differ: each keeps its own). The signer's title and name are those
of the head (or deputy, for "KT.") in office on the date typed by the terms recorded on the Unit page, proposed again
when the date or the mode changes unless the clerk typed other ones; with no term recorded, today's head.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import signing
from desktop.domain.award_text import common_achievement
from desktop.domain.dates import DateError
from desktop.domain.rules import RulePackError
from desktop.i18n import N_, _
from desktop.ops import review
from desktop.ops.officials import proposed_signer
from desktop.ops.review.money_check import unconfirmed_money
from desktop.ops.review.numbering import check_series_usable
from desktop.ops.review.signatures import check_body_power
from desktop.ops.rules import AUTHORITY_UNKNOWN, law_on
from desktop.ops.unit import get_unit
from desktop.store import ValidationError
from desktop.ui.context import AppContext
from desktop.ui.jobs import Job
from desktop.ui.operations import Operation
from desktop.ui.review import document_file_name, render_document_file, shown_name
from desktop.ui.tables import bulk_fill, cell, make_table, set_check_cell, tab_through_cells
from desktop.ui.widgets import (
    BAD_COLOR,
    MUTED_COLOR,
    OK_COLOR,
    DateField,
    FieldError,
    add_checked_row,
    ask_confirm,
    button_row,
    note,
    ok_cancel_buttons,
    push_button,
    set_field_error,
    show_info,
    sized_to_screen,
    text_field,
    wrapped_label,
)

HEADERS = (
    N_("Chọn"),
    N_("Người, tập thể"),
    N_("Chức vụ, đơn vị"),
    N_("Danh hiệu, hình thức"),
    N_("Hội đồng"),
    N_("Lý do ngoại lệ, ghi chú"),
)
CHECK, NAME, WHERE, TITLE, BALLOT, OVERRIDE = range(6)
# Pre-filled document text is Vietnamese administrative wording (data printed on the decision), not UI text.
SUBJECT_TEMPLATE = "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm {year}"
SUBJECT_TITLE = "Về việc tặng danh hiệu {name} năm {year}"
SUBJECT_AWARD = "Về việc tặng {name} năm {year}"
SIGNING_TEXTS = {
    "chair": N_("{head} ký"),
    "deputy": N_("Cấp phó ký thay {head}"),
    "body": N_("{head} ký thay mặt tập thể"),
}


def recipient_key(row: dict[str, Any]) -> str:
    """One person or collective however many awards it gets (people are counted apart from awards)."""
    who = row.get("staff_id") or row.get("department_id") or row.get("household_name")
    return f"{row['target_kind']}:{who}"


def people_and_awards(rows: list[dict[str, Any]]) -> tuple[int, int]:
    return len({recipient_key(r) for r in rows}), len(rows)


class DecisionDialog(QDialog):
    """``issued`` carries the new decision id; ``number_text`` holds the number given by the series; ``job`` is
    the background job of the last "Ban hành"."""

    issued = Signal(int)
    # "In giấy khen, bằng chứng nhận…" after issuing: the certificates page is another page of the window
    certificates_requested = Signal(int)

    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.round_id = round_id
        self.round = review.get_round(context.store, round_id)
        self.decision_id: int | None = None
        self.number_text = ""
        self.job: Job | None = None
        self.last_job: Job | None = None
        self.last_document: Any = None
        year = self.round["year"]
        unit = get_unit(context.store)
        self.setWindowTitle(_("Ra quyết định khen thưởng — {name}").format(name=self.round["name"]))
        sized_to_screen(self, 1000, 700)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}

        self.decision_date = DateField(date.today())
        self._add(form, "decision_date", _("Ngày ký:"), self.decision_date)
        self.series_key = QLineEdit(review.DEFAULT_SERIES)
        self.series_key.setMaximumWidth(160)
        self._add(form, "series_key", _("Ký hiệu sổ văn bản:"), self.series_key)
        kind = str(unit.get("unit_kind") or "") or "ubnd_xa"
        self.head_title = signing.head_title(str(unit.get("head_title") or ""), kind)
        self.head_name = str(unit.get("head_name") or "")
        self.signing = QComboBox()
        for mode, lines in review.signing_choices(context.store):
            label = _(SIGNING_TEXTS[mode]).format(head=self.head_title)
            self.signing.addItem(f"{label} ({' / '.join(lines)})", mode)
        self.signing.setToolTip(
            _(
                "Dòng “CHỦ TỊCH ỦY BAN NHÂN DÂN …” dưới tên quyết định không đổi theo cách ký; quyết định, danh sách "
                "chi tiền thưởng và giấy khen, bằng chứng nhận in cùng một khối chữ ký."
            )
        )
        self._add(form, "signing_mode", _("Cách ký:"), self.signing)
        self.signer_title = QLineEdit(self.head_title)
        self._add(form, "signer_title", _("Chức vụ người ký:"), self.signer_title)
        self.signer_name = QLineEdit(self.head_name)
        self._proposed = (self.head_title, self.head_name)  # what the program last filled in (not typed by the clerk)
        self.signer_name.setPlaceholderText(_("Họ tên người trực tiếp ký (cấp phó khi ký thay)"))
        self._add(form, "signer_name", _("Họ tên người ký:"), self.signer_name)
        self._auto_subject = SUBJECT_TEMPLATE.format(year=year)
        self.subject = QLineEdit(self._auto_subject)
        self._add(form, "subject", _("Trích yếu (về việc):"), self.subject)
        self.achievement = QLineEdit()
        self.achievement.setPlaceholderText(
            _("Để trống: mỗi danh hiệu, hình thức ghi thành tích riêng theo đúng loại khen thưởng")
        )
        self._add(form, "achievement_text", _("Thành tích ghi trong quyết định:"), self.achievement)
        self._auto_achievement = ""
        self._auto_signing = True
        self.body_refusal = ""  # why issuing would refuse "TM." for the awards ticked on the date typed ("" if not)
        self.form_area = QWidget()
        area = QVBoxLayout(self.form_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.addLayout(form)
        layout.addWidget(self.form_area, 1)

        number_note = note(
            _(
                "Số quyết định do chương trình cấp theo sổ văn bản của đơn vị khi bấm “Ban hành”; "
                "số đã cấp không bao giờ dùng lại."
            )
        )
        area.addWidget(number_note)

        self.only = QComboBox()
        self.only.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.only.setToolTip(
            _("Ra riêng một quyết định cho một danh hiệu, hình thức: chỉ các dòng đang hiện được đưa vào.")
        )
        area.addLayout(button_row(QLabel(_("Chỉ hiện:")), self.only))
        self.table = make_table([_(h) for h in HEADERS], stretch=OVERRIDE)
        area.addWidget(self.table, 1)
        self.left_out_label = wrapped_label()
        self.left_out_label.setStyleSheet(f"color: {MUTED_COLOR};")
        area.addWidget(self.left_out_label)
        self.count_label = QLabel()
        area.addWidget(self.count_label)
        self.error = FieldError()
        layout.addWidget(self.error)
        self.done_box = self._build_done_box()
        layout.addWidget(self.done_box)
        self.buttons = ok_cancel_buttons(self, _("Ban hành quyết định"), self.issue)
        self.issue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(self.buttons)
        # who confers each nomination and its ballot, by the law of the date typed (issuing judges by it too)
        self.nominations = self._judged_on(self._typed_date() or date.today())
        self._kept_choices: dict[int, tuple[bool | None, str]] = {}  # nomination id -> (tick, reason) the clerk left
        self.fill()
        self._fill_only()
        self.only.currentIndexChanged.connect(lambda _i: self.apply_only())
        self.signing.currentIndexChanged.connect(self._signing_changed)
        self.signing.activated.connect(lambda _i: setattr(self, "_auto_signing", False))
        self._date_seen: date | None = self._typed_date()
        self.decision_date.textChanged.connect(self._date_typed)
        self._signing_changed()

    def _add(self, form: QFormLayout, key: str, label: str, field: QWidget) -> None:
        self.errors[key] = add_checked_row(form, label, field)
        self.fields[key] = field

    # -- the list ------------------------------------------------------------------------------------------------
    def _judged_on(self, when: date) -> list[dict[str, Any]]:
        """The round's nominations with who confers each and whether it needs the council's ballot judged by the
        law of ``when``: the round's planned date is not the signing date (CSTĐCS passed to the commune chair on
        1/7/2025, NĐ 129/2025)."""
        nominations: list[dict[str, Any]] = self.round["nominations"]
        try:
            law = law_on(self.context.store, codes=[n["code"] for n in nominations], on=when)
        except (RulePackError, ValidationError):  # a pack that cannot be read: issuing says why
            return nominations
        return [n | law[n["code"]] for n in nominations]

    @staticmethod
    def _listed(nominations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The nominations the unit may put in its own decision (by the law judged)."""
        return [
            n for n in nominations if n["status"] in ("proposed", "passed", "failed") and n["conferred_by"] == "unit"
        ]

    def _rejudge(self, when: date) -> None:
        """A new signing date: judge the list again by its law, and rebuild the rows only when the rows or their
        ballot change, keeping the ticks and the reasons the clerk gave on the rows that stay."""
        judged = self._judged_on(when)
        listed = self._listed(judged)
        self.nominations = judged
        if [(n["id"], n["ballot_required"]) for n in listed] == [(n["id"], n["ballot_required"]) for n in self.rows]:
            self.rows = listed
            self._show_left_out()
            return
        # remembered across rebuilds: a row gone on a date passed through while typing (15/07/20 reads as 2020)
        # comes back as the clerk left it
        kept = self._kept_choices
        for n, check, edit in zip(self.rows, self.checks, self.overrides, strict=True):
            kept[n["id"]] = (check.isChecked() if check.isEnabled() else None, edit.text() if edit is not None else "")
        only = self.only.currentData() or ""
        self.fill()
        for n, check, edit in zip(self.rows, self.checks, self.overrides, strict=True):
            ticked, reason = kept.get(n["id"], (None, ""))
            if ticked is not None and check.isEnabled():
                check.blockSignals(True)
                check.setChecked(ticked)
                check.blockSignals(False)
            if edit is not None and reason:
                edit.setText(reason)
        self._fill_only()
        index = self.only.findData(only)
        self.only.blockSignals(True)
        self.only.setCurrentIndex(max(index, 0))
        self.only.blockSignals(False)
        self.apply_only()

    def fill(self) -> None:
        rows = self._listed(self.nominations)
        self.rows = rows
        with bulk_fill(self.table):
            self.table.setRowCount(len(rows))
            self.checks: list[QCheckBox] = []
            self.overrides: list[QLineEdit | None] = []
            for r, n in enumerate(rows):
                ballot = n["ballot"]
                check = QCheckBox()
                set_check_cell(self.table, r, CHECK, check)
                self.table.setItem(r, NAME, cell(shown_name(n), data=n["id"]))
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
                voted_down = failed and n["ballot_required"]  # the law's ballot: no exception reason lifts it
                check.setChecked(not failed and not not_voted)
                check.setEnabled(not not_voted and not voted_down)
                why = self.left_out_reason(n)
                if why:  # why the row is not ticked: on the check, the name and in the last column
                    check.setToolTip(why)
                    self.table.item(r, NAME).setToolTip(why)
                override = None
                if failed and not voted_down:
                    override = text_field(_("Bắt buộc nếu chọn người không đạt phiếu"))
                    override.setToolTip(why)
                    self.table.setCellWidget(r, OVERRIDE, override)
                elif why:
                    self.table.setItem(r, OVERRIDE, cell(why, color=MUTED_COLOR, tooltip=why))
                else:  # the law on the signing date may still refuse someone (a discipline since): room for a reason
                    override = text_field(_("Chỉ khi chương trình yêu cầu lý do ngoại lệ"))
                    override.setToolTip(
                        _(
                            "Khi ban hành, chương trình xét lại theo quy định và dữ liệu tại ngày ký; người không còn "
                            "đủ điều kiện chỉ được chọn khi ghi lý do ngoại lệ ở đây."
                        )
                    )
                    self.table.setCellWidget(r, OVERRIDE, override)
                check.toggled.connect(lambda _on: self._update_count())
                self.checks.append(check)
                self.overrides.append(override)
        tab_through_cells(self.table)
        self._show_left_out()
        self._update_count()

    @staticmethod
    def left_out_reason(n: dict[str, Any]) -> str:
        """Why a nominee is not ticked by default ("" when it is)."""
        ballot = n["ballot"]
        if ballot is None and n["ballot_required"]:
            return _(
                "Chưa chọn được: Hội đồng chưa bỏ phiếu kín cho đề nghị này (ghi kết quả ở “1. Hội đồng, bỏ phiếu…”)."
            )
        if ballot is not None and not ballot["passed"] and n["ballot_required"]:
            return _(
                "Không đạt tỷ lệ phiếu của Hội đồng ({arithmetic}); danh hiệu này bắt buộc bỏ phiếu kín nên không "
                "đưa vào quyết định được."
            ).format(arithmetic=ballot["arithmetic"])
        if ballot is not None and not ballot["passed"]:
            return _("Không đạt tỷ lệ phiếu của Hội đồng ({arithmetic}); chỉ chọn được khi ghi lý do ngoại lệ.").format(
                arithmetic=ballot["arithmetic"]
            )
        return ""

    def _show_left_out(self) -> None:
        """The round's nominees that are not in this list at all, counted with the reason."""
        listed = {n["id"] for n in self.rows}
        others = [n for n in self.nominations if n["id"] not in listed and n["status"] != "removed"]
        parts = []
        active = [n for n in others if n["status"] in ("proposed", "passed", "failed")]
        unknown = sum(1 for n in active if n["conferred_by"] == AUTHORITY_UNKNOWN)
        if len(active) > unknown:
            parts.append(
                _("{n} đề nghị thuộc thẩm quyền cấp trên (đưa vào “4. Hồ sơ lên cấp trên…”)").format(
                    n=len(active) - unknown
                )
            )
        if unknown:
            parts.append(
                _("{n} đề nghị chưa xác định được ai quyết định theo quy định ngày ký (xem bộ quy tắc)").format(
                    n=unknown
                )
            )
        decided = sum(1 for n in others if n["status"] == "decided")
        if decided:
            parts.append(_("{n} đề nghị đã có quyết định").format(n=decided))
        sent = sum(1 for n in others if n["status"] == "sent_up")
        if sent:
            parts.append(_("{n} đề nghị đã gửi lên cấp trên").format(n=sent))
        text = _("Không có trong danh sách này: {parts}.").format(parts="; ".join(parts)) if parts else ""
        self.left_out_label.setText(text)
        self.left_out_label.setVisible(bool(text))

    def _fill_only(self) -> None:
        self.only.blockSignals(True)
        self.only.clear()
        self.only.addItem(_("Tất cả"), "")
        seen: dict[str, str] = {}
        for n in self.rows:
            seen.setdefault(n["code"], n["code_name"])
        for code, name in seen.items():
            self.only.addItem(name, code)
        self.only.blockSignals(False)

    def apply_only(self) -> None:
        """Show only the rows of the title or award form chosen; only the rows shown go into the decision."""
        code = self.only.currentData() or ""
        for r, n in enumerate(self.rows):
            self.table.setRowHidden(r, bool(code) and n["code"] != code)
        if self.subject.text() == self._auto_subject:
            year = self.round["year"]
            row = next((n for n in self.rows if n["code"] == code), None)
            if row is None:
                self._auto_subject = SUBJECT_TEMPLATE.format(year=year)
            else:
                template = SUBJECT_TITLE if row["category"] == "title" else SUBJECT_AWARD
                self._auto_subject = template.format(name=row["code_name"], year=year)
            self.subject.setText(self._auto_subject)
        self._update_count()

    def row_of(self, nomination_id: int) -> int:
        return next(i for i, n in enumerate(self.rows) if n["id"] == nomination_id)

    def _shown_and_ticked(self) -> list[tuple[int, dict[str, Any]]]:
        return [
            (r, n)
            for r, (n, check) in enumerate(zip(self.rows, self.checks, strict=True))
            if check.isChecked() and not self.table.isRowHidden(r)
        ]

    def chosen_ids(self) -> list[int]:
        return [n["id"] for _r, n in self._shown_and_ticked()]

    def chosen_rows(self) -> list[dict[str, Any]]:
        return [n for _r, n in self._shown_and_ticked()]

    def _update_count(self) -> None:
        chosen = self.chosen_rows()
        people, awards = people_and_awards(chosen)
        shown = [n for r, n in enumerate(self.rows) if not self.table.isRowHidden(r)]
        all_people, all_awards = people_and_awards(shown)
        self.count_label.setText(
            _(
                "Đã chọn {people}/{all_people} người, tập thể ({awards}/{all_awards} lượt khen thưởng) đưa vào "
                "quyết định."
            ).format(people=people, all_people=all_people, awards=awards, all_awards=all_awards)
        )
        self.issue_button.setEnabled(bool(chosen))
        self._update_defaults(chosen)

    def _date_typed(self, _text: str) -> None:
        """A keystroke in the date field: once the date reads as another day, the list (who the unit may confer
        then), the signing mode, "TM." and the signer in office follow it (a half-typed date or the same day again
        changes nothing)."""
        when = self._typed_date()
        if when is None or when == self._date_seen:
            return
        self._date_seen = when
        self._rejudge(when)  # who confers each nominee, and its ballot, by the law of that day
        self._update_defaults(self.chosen_rows())
        self._propose_signer()  # who was in office that day

    def _typed_date(self) -> date | None:
        """The decision date as typed: today while the field is empty, None while it cannot be read (half typed)."""
        try:
            return self.decision_date.date() or date.today()
        except DateError:
            return None

    def _update_defaults(self, chosen: list[dict[str, Any]]) -> None:
        """The achievement and the signing mode follow the awards ticked, until the clerk changes them."""
        codes = [n["code"] for n in chosen]
        if self.achievement.text() == self._auto_achievement:
            # a nominee with words of its own keeps them on its line: no one sentence for all (as issuing does)
            own = any(n.get("achievement") for n in chosen)
            self._auto_achievement = common_achievement(codes, self.round["year"]) if codes and not own else ""
            self.achievement.setText(self._auto_achievement)
        if getattr(self, "_auto_signing", False) and codes:
            when = self._typed_date() or date.today()
            try:
                mode = review.default_signing_mode(self.context.store, codes=codes, on=when)
            except RulePackError:  # no law in the pack for that date: issuing says so, the mode stays
                mode = ""
            index = self.signing.findData(mode)
            if index >= 0 and index != self.signing.currentIndex():
                self.signing.setCurrentIndex(index)
        self._update_body_choice(codes)

    def _update_body_choice(self, codes: list[str]) -> None:
        """Grey out "TM." when issuing would refuse it for these awards on the date typed (the same check as
        issuing), with the reason as its tooltip; a half-typed date leaves it as it was until the date reads."""
        index = self.signing.findData("body")
        if index < 0:  # not a body (a school): "TM." is not offered at all
            return
        when = self._typed_date()
        if when is None:
            return
        why = ""
        try:
            check_body_power(self.context.store, "body", codes, when)
        except (ValidationError, RulePackError) as exc:  # the pack has no law for that date: no "TM." either
            why = str(exc)
        self.body_refusal = why
        model = self.signing.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(index)
            if item is not None:
                item.setEnabled(not why)
        self.signing.setItemData(index, why or None, Qt.ItemDataRole.ToolTipRole)
        self._leave_refused_body(codes, when)

    def _leave_refused_body(self, codes: list[str], when: date) -> None:
        """When "TM." is chosen while refused: back to the law's default for the awards ticked, followed again."""
        if not self.body_refusal or self.signing.currentData() != "body":
            return
        self._auto_signing = True
        try:
            mode = review.default_signing_mode(self.context.store, codes=codes, on=when)
        except RulePackError:
            mode = "chair"
        index = self.signing.findData(mode if mode != "body" else "chair")
        self.signing.setCurrentIndex(max(index, 0))

    def _signing_changed(self) -> None:
        """A deputy signs with his own title and name; the head with the unit's head title and name."""
        if self.body_refusal and self.signing.currentData() == "body":  # picked by the wheel or by code
            when = self._typed_date() or date.today()
            self._leave_refused_body([n["code"] for n in self.chosen_rows()], when)
            return
        self._propose_signer()

    def _signer_proposal(self) -> tuple[str, str] | None:
        """(title, name) of who signs in the mode chosen on the date typed: the one in office then by the terms
        recorded (:func:`desktop.ops.officials.proposed_signer`), else today's head (a deputy: the deputy's title,
        no name); None while the date cannot be read."""
        when = self._typed_date()
        if when is None:
            return None
        mode = str(self.signing.currentData() or "chair")
        term = proposed_signer(self.context.store, mode=mode, day=when)
        if term is not None:
            return str(term["title"]), str(term["full_name"])
        if mode == "deputy":
            return signing.deputy_title(self.head_title), ""
        return self.head_title, self.head_name

    def _propose_signer(self) -> None:
        """Fill the signer's title and name again for the date and mode, leaving what the clerk typed instead."""
        proposal = self._signer_proposal()
        if proposal is None:
            return
        for field, last, new in zip((self.signer_title, self.signer_name), self._proposed, proposal, strict=True):
            if field.text().strip() in ("", last):
                field.setText(new)
        self._proposed = proposal

    # -- issuing -------------------------------------------------------------------------------------------------
    def issue(self) -> Job | None:
        """Check the form, ask, then issue in the background; ``issued`` fires when the number is given."""
        self.error.show_message("")
        for key, label in self.errors.items():
            set_field_error(self.fields[key], label, "")
        try:
            when = self.decision_date.required(_("Chưa nhập ngày ký quyết định."))
        except DateError as exc:
            set_field_error(self.decision_date, self.errors["decision_date"], str(exc))
            return None
        ids = self.chosen_ids()
        overrides: dict[int, str] = {}
        missing = []
        chosen = set(ids)
        for n, edit in zip(self.rows, self.overrides, strict=True):
            if edit is None:
                continue
            edit.setStyleSheet("")
            if n["id"] not in chosen:
                continue
            if edit.text().strip():
                overrides[n["id"]] = edit.text().strip()
            elif n["ballot"] is not None and not n["ballot"]["passed"]:
                edit.setStyleSheet("border: 1px solid #b00020;")
                missing.append(shown_name(n))
        if missing:
            self.error.show_message(
                _(
                    "Không đạt tỷ lệ phiếu của Hội đồng: {names}. Hãy ghi lý do ngoại lệ trên dòng đó, hoặc bỏ chọn."
                ).format(names=", ".join(missing))
            )
            return None
        try:  # the round's dates first: never ask "Ban hành?" for a date the round or the law does not allow
            review.check_posting(
                self.context.store,
                round_id=self.round_id,
                decision_date=when,
                nomination_ids=ids,
                series_key=self.series_key.text(),
            )
        except ValidationError as exc:
            set_field_error(self.decision_date, self.errors["decision_date"], str(exc))
            return None
        try:  # the book too: a symbol never used or a look-alike is refused before the question and the backup
            check_series_usable(self.context.store, self.series_key.text(), when, for_window=True)
        except ValidationError as exc:
            field = exc.field if exc.field in self.errors else "series_key"
            set_field_error(self.fields[field], self.errors[field], str(exc))
            return None
        people, awards = people_and_awards(self.chosen_rows())
        question = _(
            "Ban hành quyết định khen thưởng cho {people} người, tập thể ({awards} lượt khen thưởng), ký ngày "
            "{date}?\nChương trình sẽ cấp số mới trong sổ văn bản; quyết định đã ban hành chỉ thay thế được "
            "bằng quyết định khác hoặc hủy bỏ, có ghi lý do."
        ).format(people=people, awards=awards, date=when.strftime("%d/%m/%Y"))
        lines = [(str(n["code"]), str(n["target_kind"])) for n in self.chosen_rows()]
        warnings = unconfirmed_money(self.context.store, lines, when)
        if warnings:  # money resting on a value the law pack marks unconfirmed: said before signing
            question += "\n\n" + _("Lưu ý về tiền thưởng:") + "\n" + "\n".join(f"• {w}" for w in warnings)
        if not ask_confirm(self, _("Ban hành quyết định"), question):
            return None
        self.issue_button.setEnabled(False)
        operation = Operation(
            self,
            self.context,
            review.issue_decision,
            round_id=self.round_id,
            decision_date=when,
            signer_title=self.signer_title.text(),
            signer_name=self.signer_name.text(),
            subject=self.subject.text(),
            achievement_text=self.achievement.text(),
            signing_mode=self.signing.currentData(),
            series_key=self.series_key.text(),
            nomination_ids=ids,
            override_reasons=overrides,
        )
        self.job = (
            operation.changes("decisions")
            .success(lambda decision_id: self._issued(decision_id, when))
            .failure(self._refused)
            .run_in_background(_("Ban hành quyết định"), message=_("Đang sao lưu dữ liệu và ban hành quyết định…"))
        )
        return self.job

    def _refused(self, error: BaseException) -> None:
        self.issue_button.setEnabled(bool(self.chosen_rows()))
        field = getattr(error, "field", None)
        if field in self.errors:
            set_field_error(self.fields[field], self.errors[field], str(error))
        else:
            self.error.show_message(str(error))
        refused = getattr(error, "row", None)  # the nominee the law on the signing date refuses: mark its reason
        for n, edit in zip(self.rows, self.overrides, strict=True):
            if edit is not None and n["id"] == refused:
                edit.setStyleSheet("border: 1px solid #b00020;")
                self.table.scrollToItem(self.table.item(self.rows.index(n), NAME))
                edit.setFocus()

    def _issued(self, decision_id: int, when: date) -> None:
        decision = review.get_decision(self.context.store, decision_id=decision_id)
        self.decision_id = decision_id
        self.number_text = decision["number_text"]
        self.issued.emit(decision_id)
        people, awards = people_and_awards(decision["awardees"])
        show_info(
            self,
            _(
                "Đã ban hành Quyết định số {number} ngày {date} cho {people} người, tập thể ({awards} lượt khen "
                "thưởng). Xem và in ở mục “Quyết định”."
            ).format(number=self.number_text, date=when.strftime("%d/%m/%Y"), people=people, awards=awards),
            _("Đã ban hành quyết định"),
        )
        self._show_next_steps(when, people, awards)

    # -- after issuing: the next steps right here ----------------------------------------------------------------
    def _build_done_box(self) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        self.done_label = wrapped_label()
        inner.addWidget(self.done_label)
        self.open_decision_button = push_button(_("Mở quyết định để in"), lambda: self.open_document("decision"))
        self.payment_button = push_button(_("Danh sách chi tiền thưởng"), lambda: self.open_document("payment"))
        self.certificates_button = push_button(_("In giấy khen, bằng chứng nhận…"), self.request_certificates)
        self.close_button = push_button(_("Đóng"), self.accept)
        inner.addLayout(
            button_row(
                self.open_decision_button, self.payment_button, self.certificates_button, right=(self.close_button,)
            )
        )
        box.setVisible(False)
        return box

    def _show_next_steps(self, when: date, people: int, awards: int) -> None:
        self.setWindowTitle(_("Đã ban hành Quyết định số {number}").format(number=self.number_text))
        self.done_label.setText(
            _(
                "Đã ban hành Quyết định số {number} ngày {date} cho {people} người, tập thể ({awards} lượt khen "
                "thưởng). Việc tiếp theo:"
            ).format(number=self.number_text, date=when.strftime("%d/%m/%Y"), people=people, awards=awards)
        )
        self.form_area.setEnabled(False)
        self.buttons.setVisible(False)
        self.done_box.setVisible(True)
        self.open_decision_button.setDefault(True)

    def open_document(self, kind: str) -> Job | None:
        """The issued decision or its payment list, rendered off the UI thread and opened to print."""
        if self.decision_id is None:
            return None
        year = self.decision_year()
        name = document_file_name(kind, self.number_text, year)
        self.last_document, self.last_job = render_document_file(
            self,
            self.context,
            kind=kind,
            name=name,
            fmt="pdf",
            decision_number=self.number_text,
            decision_year=year,
        )
        return self.last_job

    def decision_year(self) -> int:
        decision = review.get_decision(self.context.store, decision_id=self.decision_id)
        return int(str(decision["decision_date"])[:4])

    def request_certificates(self) -> None:
        """Close and ask the window for the certificates page on this decision."""
        if self.decision_id is not None:
            self.certificates_requested.emit(self.decision_id)
        self.accept()

    def values(self) -> dict[str, Any]:
        out = {key: getattr(field, "text", lambda: "")() for key, field in self.fields.items()}
        out["signing_mode"] = self.signing.currentData()
        return out
