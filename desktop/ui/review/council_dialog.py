"""The council meeting (Hội đồng thi đua, khen thưởng): who sits on it, who came, and the secret ballot per nominee.

The pass/fail arithmetic is shown live as the clerk types the counts, from the same domain function the
operation uses, so what the screen says is what gets recorded. The threshold is a share of ALL members.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError
from desktop.i18n import N_, _
from desktop.store import StoreError, ValidationError
from desktop.ui.context import AppContext
from desktop.ui.review import BAD_COLOR, MUTED_COLOR, OK_COLOR, bulk_fill, cell, date_edit, make_table, read_date
from desktop.ui.widgets import FieldError, set_field_error

ROLE_ORDER = ("chair", "deputy", "member", "secretary")
MEMBER_HEADERS = (N_("Họ và tên"), N_("Vai trò"), N_("Có mặt"), N_("Ý kiến bằng văn bản (nếu vắng)"))
BALLOT_HEADERS = (
    N_("Người, tập thể được đề nghị"),
    N_("Danh hiệu"),
    N_("Đồng ý"),
    N_("Không đồng ý"),
    N_("Không hợp lệ"),
    N_("Kết quả"),
)
NAME, ROLE, ATTENDED, OPINION = range(4)
B_NAME, B_TITLE, B_AGREE, B_DISAGREE, B_INVALID, B_RESULT = range(6)


class CouncilDialog(QDialog):
    """Members first (saved with "Lưu thành phần Hội đồng"), then the ballots ("Ghi kết quả bỏ phiếu")."""

    changed = Signal()

    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.ops import review, rules
        from desktop.store import unit_repo

        self.context = context
        self.round_id = round_id
        self.pack = rules.effective_pack(context.store)
        self.round = review.get_round(context.store, round_id)
        self.setWindowTitle(_("Hội đồng thi đua, khen thưởng — {name}").format(name=self.round["name"]))
        self.resize(1000, 700)
        self.dirty = False

        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter, 1)

        members_box = QGroupBox(_("Bước 1. Cuộc họp và thành viên Hội đồng"))
        members_layout = QVBoxLayout(members_box)
        form = QFormLayout()
        council = self.round.get("council") or {}
        meeting = date.fromisoformat(council["meeting_date"]) if council.get("meeting_date") else date.today()
        self.meeting_date = date_edit(meeting)
        self.date_error = FieldError()
        date_row = QWidget()
        date_box = QVBoxLayout(date_row)
        date_box.setContentsMargins(0, 0, 0, 0)
        date_box.setSpacing(2)
        date_box.addWidget(self.meeting_date)
        date_box.addWidget(self.date_error)
        form.addRow(_("Ngày họp:"), date_row)
        unit = unit_repo.get_unit(context.store) or {}
        self.location = QLineEdit(council.get("location") or _("Hội trường {unit}").format(unit=unit.get("name") or ""))
        form.addRow(_("Địa điểm:"), self.location)
        members_layout.addLayout(form)
        self.members = make_table([_(h) for h in MEMBER_HEADERS], stretch=OPINION)
        self.members.setEditTriggers(
            QTableWidget.EditTrigger.DoubleClicked
            | QTableWidget.EditTrigger.EditKeyPressed
            | QTableWidget.EditTrigger.AnyKeyPressed
        )
        self.members.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        self.members.setColumnWidth(NAME, 220)
        self.members.itemChanged.connect(lambda _item: self._members_edited())
        members_layout.addWidget(self.members, 1)
        member_buttons = QHBoxLayout()
        self.add_member_button = QPushButton(_("Thêm thành viên"))
        self.add_member_button.clicked.connect(lambda: self.add_member("", "member", True))
        self.remove_member_button = QPushButton(_("Xóa thành viên đang chọn"))
        self.remove_member_button.clicked.connect(self.remove_member)
        self.counts = QLabel()
        self.save_members_button = QPushButton(_("Lưu thành phần Hội đồng"))
        self.save_members_button.clicked.connect(self.save_council)
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addWidget(self.counts, 1)
        member_buttons.addWidget(self.save_members_button)
        members_layout.addLayout(member_buttons)
        self.members_error = FieldError()
        members_layout.addWidget(self.members_error)
        splitter.addWidget(members_box)

        ballots_box = QGroupBox(_("Bước 2. Kết quả bỏ phiếu kín"))
        ballots_layout = QVBoxLayout(ballots_box)
        hint = QLabel(
            _(
                "Tỷ lệ đồng ý tính trên TỔNG SỐ thành viên Hội đồng, không phải trên số người có mặt. "
                "Chỉ những danh hiệu phải bỏ phiếu kín mới có ở đây."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        ballots_layout.addWidget(hint)
        self.ballots = make_table([_(h) for h in BALLOT_HEADERS], stretch=B_RESULT)
        ballots_layout.addWidget(self.ballots, 1)
        self.ballot_error = FieldError()
        ballots_layout.addWidget(self.ballot_error)
        ballot_buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_ballots_button = QPushButton(_("Ghi kết quả bỏ phiếu"))
        self.save_ballots_button.clicked.connect(self.save_ballots)
        ballot_buttons.addWidget(self.status, 1)
        ballot_buttons.addWidget(self.save_ballots_button)
        ballots_layout.addLayout(ballot_buttons)
        splitter.addWidget(ballots_box)
        splitter.setSizes([330, 330])

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        self.members.blockSignals(True)
        if council.get("members"):
            for member in council["members"]:
                self.add_member(member["full_name"], member["role"], member["attended"], member["written_opinion"])
        else:
            self.add_member(str(unit.get("head_name") or ""), "chair", True)
        self.members.blockSignals(False)
        self.dirty = not council
        self.fill_ballots()
        self._update_counts()

    # -- members -----------------------------------------------------------------------------------------------
    def add_member(self, name: str, role: str, attended: bool, opinion: str = "") -> int:
        from desktop.ops.review import COUNCIL_ROLES

        row = self.members.rowCount()
        blocked = self.members.blockSignals(True)  # the row is read only once all its cells exist
        self.members.insertRow(row)
        self.members.setItem(row, NAME, cell(name))
        combo = QComboBox()
        for code in ROLE_ORDER:
            combo.addItem(_(COUNCIL_ROLES[code]), code)
        combo.setCurrentIndex(max(combo.findData(role), 0))
        combo.currentIndexChanged.connect(lambda _i: self._members_edited())
        self.members.setCellWidget(row, ROLE, combo)
        check = QCheckBox()
        check.setChecked(attended)
        check.toggled.connect(lambda _on: self._members_edited())
        holder = QWidget()
        box = QHBoxLayout(holder)
        box.setContentsMargins(8, 0, 0, 0)
        box.addWidget(check)
        self.members.setCellWidget(row, ATTENDED, holder)
        self.members.setItem(row, OPINION, cell(opinion))
        self.members.blockSignals(blocked)
        self._members_edited()
        return row

    def remove_member(self) -> None:
        row = self.members.currentRow()
        if row >= 0:
            self.members.removeRow(row)
            self._members_edited()

    def _attended_box(self, row: int) -> QCheckBox:
        holder = self.members.cellWidget(row, ATTENDED)
        return holder.findChild(QCheckBox)

    def set_member(self, row: int, *, name: str | None = None, role: str | None = None,
                   attended: bool | None = None, opinion: str | None = None) -> None:  # fmt: skip
        """Set one member row's cells (as typing would); used by tests and by the "Thêm" button."""
        if name is not None:
            self.members.item(row, NAME).setText(name)
        if role is not None:
            combo = self.members.cellWidget(row, ROLE)
            combo.setCurrentIndex(combo.findData(role))
        if attended is not None:
            self._attended_box(row).setChecked(attended)
        if opinion is not None:
            self.members.item(row, OPINION).setText(opinion)

    def member_values(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.members.rowCount()):
            name_item = self.members.item(row, NAME)
            opinion_item = self.members.item(row, OPINION)
            out.append(
                {
                    "full_name": name_item.text().strip() if name_item else "",
                    "role": self.members.cellWidget(row, ROLE).currentData(),
                    "staff_id": None,
                    "attended": self._attended_box(row).isChecked(),
                    "written_opinion": opinion_item.text().strip() if opinion_item else "",
                }
            )
        return out

    def totals(self) -> tuple[int, int]:
        members = self.member_values()
        return len(members), sum(1 for m in members if m["attended"])

    def _members_edited(self) -> None:
        self.dirty = True
        self._update_counts()
        self.refresh_results()

    def _update_counts(self) -> None:
        total, present = self.totals()
        self.counts.setText(
            _("Tổng số thành viên: {total} · có mặt: {present} · vắng: {absent}").format(
                total=total, present=present, absent=total - present
            )
        )

    def meeting(self) -> date:
        try:
            found = read_date(self.meeting_date)
        except DateError as exc:
            set_field_error(self.meeting_date, self.date_error, str(exc))
            raise
        if found is None:
            message = _("Chưa nhập ngày họp Hội đồng.")
            set_field_error(self.meeting_date, self.date_error, message)
            raise DateError(message)
        set_field_error(self.meeting_date, self.date_error, "")
        return found

    def save_council(self) -> bool:
        from desktop.ops import review

        self.members_error.show_message("")
        try:
            meeting = self.meeting()
            review.set_council(
                self.context.store,
                round_id=self.round_id,
                meeting_date=meeting,
                location=self.location.text(),
                members=self.member_values(),
                actor=self.context.actor,
            )
        except DateError:
            return False
        except StoreError as exc:
            self.members_error.show_message(str(exc))
            return False
        self.dirty = False
        self.status.setText(_("Đã lưu thành phần Hội đồng."))
        self.changed.emit()
        return True

    # -- ballots -----------------------------------------------------------------------------------------------
    def fill_ballots(self) -> None:
        from desktop.ops import review

        self.round = review.get_round(self.context.store, self.round_id)
        rows = [
            n
            for n in self.round["nominations"]
            if n["ballot_required"] and n["status"] in ("proposed", "passed", "failed")
        ]
        self.ballot_rows = rows
        with bulk_fill(self.ballots):
            self.ballots.setRowCount(len(rows))
            for r, n in enumerate(rows):
                self.ballots.setItem(r, B_NAME, cell(n["name"], data=n["id"]))
                self.ballots.setItem(r, B_TITLE, cell(n["code_name"]))
                ballot = n["ballot"] or {}
                for column, key in ((B_AGREE, "agree"), (B_DISAGREE, "disagree"), (B_INVALID, "invalid")):
                    spin = QSpinBox()
                    spin.setRange(0, 999)
                    spin.setValue(int(ballot.get(key) or 0))
                    spin.valueChanged.connect(lambda _v, row=r: self.refresh_result(row))
                    self.ballots.setCellWidget(r, column, spin)
                self.ballots.setItem(r, B_RESULT, cell(""))
                self.refresh_result(r)
        if not rows:
            self.status.setText(_("Đợt này không có đề nghị nào phải bỏ phiếu kín."))
        self.save_ballots_button.setEnabled(bool(rows))

    def spin(self, row: int, column: int) -> QSpinBox:
        return self.ballots.cellWidget(row, column)

    def set_votes(self, row: int, agree: int, disagree: int, invalid: int) -> None:
        self.spin(row, B_AGREE).setValue(agree)
        self.spin(row, B_DISAGREE).setValue(disagree)
        self.spin(row, B_INVALID).setValue(invalid)

    def row_of(self, nomination_id: int) -> int:
        return next(i for i, n in enumerate(self.ballot_rows) if n["id"] == nomination_id)

    def votes(self, row: int) -> tuple[int, int, int]:
        return (self.spin(row, B_AGREE).value(), self.spin(row, B_DISAGREE).value(), self.spin(row, B_INVALID).value())

    def refresh_results(self) -> None:
        for row in range(self.ballots.rowCount()):
            self.refresh_result(row)

    def preview(self, row: int) -> tuple[bool | None, str, str]:
        """(passed, short text, full text) for ``row``; passed is None when the counts are empty or impossible."""
        from desktop.domain.ballot import BallotError, ballot_result

        agree, disagree, invalid = self.votes(row)
        if agree + disagree + invalid == 0:
            return None, _("Chưa nhập phiếu"), ""
        total, present = self.totals()
        try:
            on = read_date(self.meeting_date) or date.today()
        except DateError:
            on = date.today()
        try:
            result = ballot_result(
                self.pack,
                self.ballot_rows[row]["code"],
                members_total=total,
                agree=agree,
                disagree=disagree,
                invalid=invalid,
                absent=total - present,
                on=on,
            )
        except BallotError as exc:
            return None, str(exc), str(exc)
        from decimal import ROUND_DOWN, Decimal

        from desktop.domain.money import format_number

        short = _("{agree}/{total} đồng ý = {percent}% {sign} {threshold}% → {verdict}").format(
            agree=result.counted_agree,
            total=result.members_total,
            percent=format_number(result.percent.quantize(Decimal("0.1"), rounding=ROUND_DOWN)),
            sign="≥" if result.passed else "<",
            threshold=format_number(result.threshold_percent.normalize()),
            verdict=_("đạt") if result.passed else _("không đạt"),
        )
        return result.passed, short, result.text

    def refresh_result(self, row: int) -> None:
        if row >= self.ballots.rowCount() or self.ballots.cellWidget(row, B_INVALID) is None:
            return
        passed, text, full = self.preview(row)
        item = self.ballots.item(row, B_RESULT)
        if item is None:
            return
        item.setText(text)
        item.setToolTip(full)
        from PySide6.QtGui import QBrush, QColor

        agree, disagree, invalid = self.votes(row)
        empty = agree + disagree + invalid == 0
        color = MUTED_COLOR if empty else (OK_COLOR if passed else BAD_COLOR)
        item.setForeground(QBrush(QColor(color)))

    def save_ballots(self) -> bool:
        """Save the council first when its members changed, then every row with counts typed in."""
        from desktop.ops import review

        self.ballot_error.show_message("")
        if (self.dirty or not self.round.get("council")) and not self.save_council():
            self.ballot_error.show_message(_("Hãy sửa thành phần Hội đồng ở bước 1 trước khi ghi phiếu."))
            return False
        saved = 0
        for row, n in enumerate(self.ballot_rows):
            agree, disagree, invalid = self.votes(row)
            if agree + disagree + invalid == 0:
                continue
            try:
                review.record_ballot(
                    self.context.store,
                    nomination_id=n["id"],
                    agree=agree,
                    disagree=disagree,
                    invalid=invalid,
                    actor=self.context.actor,
                )
            except ValidationError as exc:
                self.ballot_error.show_message(str(exc))
                self.ballots.selectRow(row)
                if saved:
                    self.changed.emit()
                return False
            except StoreError as exc:
                self.ballot_error.show_message(str(exc))
                return False
            saved += 1
        self.fill_ballots()
        passed = sum(1 for n in self.round["nominations"] if n["status"] == "passed" and n["ballot_required"])
        failed = sum(1 for n in self.round["nominations"] if n["status"] == "failed")
        self.status.setText(
            _("Đã ghi {saved} kết quả bỏ phiếu: {passed} đạt, {failed} không đạt.").format(
                saved=saved, passed=passed, failed=failed
            )
        )
        self.changed.emit()
        return True
