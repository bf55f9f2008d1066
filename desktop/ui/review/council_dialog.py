"""The council meeting (Hội đồng Thi đua - Khen thưởng): who sits on it, who came, and the secret ballot per nominee.

The pass/fail arithmetic is shown live as the clerk types the counts, from the same domain function the
operation uses, so what the screen says is what gets recorded. The threshold is a share of ALL members.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.ballot import BallotError, ballot_result
from desktop.domain.dates import DateError
from desktop.domain.money import format_number
from desktop.domain.text import fold, matches, nfc, search_tokens
from desktop.i18n import N_, _
from desktop.ops import review, rules
from desktop.ops.review import COUNCIL_ROLES
from desktop.ops.staff import list_staff
from desktop.ops.unit import get_unit
from desktop.store import ValidationError
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation, show_in
from desktop.ui.review import shown_name
from desktop.ui.tables import bulk_fill, cell, make_table, set_check_cell, tab_through_cells
from desktop.ui.widgets import (
    BAD_COLOR,
    MUTED_COLOR,
    OK_COLOR,
    DateField,
    FieldError,
    add_checked_row,
    close_buttons,
    note,
    ok_cancel_buttons,
    push_button,
    set_field_error,
    sized_to_screen,
    text_field,
    wrapped_label,
)

ROLE_ORDER = ("chair", "deputy", "member", "secretary")
MEMBER_HEADERS = (N_("Họ và tên"), N_("Vai trò"), N_("Có mặt"), N_("Ý kiến bằng văn bản (nếu vắng)"))
# Headers on two or three lines: seven counting columns and the result fit a 1000-pixel dialog without cutting.
BALLOT_HEADERS = (
    N_("Người, tập thể\nđược đề nghị"),
    N_("Danh hiệu"),
    N_("Đồng ý"),
    N_("Không\nđồng ý"),
    N_("Không\nhợp lệ"),
    N_("Vắng mặt:\nđồng ý\nbằng văn bản"),
    N_("Vắng mặt:\nkhông đồng ý\nbằng văn bản"),
    N_("Kết quả"),
)
NAME, ROLE, ATTENDED, OPINION = range(4)
B_NAME, B_TITLE, B_AGREE, B_DISAGREE, B_INVALID, B_WRITTEN_AGREE, B_WRITTEN_DISAGREE, B_RESULT = range(8)
VOTE_COLUMNS = (
    (B_AGREE, "agree"),
    (B_DISAGREE, "disagree"),
    (B_INVALID, "invalid"),
    (B_WRITTEN_AGREE, "written_agree"),
    (B_WRITTEN_DISAGREE, "written_disagree"),
)
# On a member's name cell: the staff id it was picked from, and the name it had then (the link holds while it matches).
STAFF_ROLE = Qt.ItemDataRole.UserRole
LINKED_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class StaffPickerDialog(QDialog):
    """Tick council members from the active staff list; people already on the council are shown but cannot be ticked."""

    def __init__(
        self, staff: list[dict[str, Any]], taken_ids: set[int], taken_names: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Chọn thành viên từ danh sách cán bộ"))
        sized_to_screen(self, 520, 520)
        layout = QVBoxLayout(self)
        self.filter = text_field(_("Gõ tên, chức vụ hoặc bộ phận để lọc (gõ không dấu cũng được)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.keys: list[str] = []
        for person in staff:
            details = " · ".join(str(v) for v in (person.get("position"), person.get("department")) if v)
            text = f"{person['full_name']} — {details}" if details else str(person["full_name"])
            taken = person["id"] in taken_ids or fold(person["full_name"]) in taken_names
            if taken:
                text = _("{person} (đã có trong Hội đồng)").format(person=text)
            item = QListWidgetItem(text)
            item.setData(STAFF_ROLE, person["id"])
            item.setData(LINKED_NAME_ROLE, person["full_name"])
            if taken:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsUserCheckable)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
            searchable = (person.get(k) for k in ("full_name", "staff_code", "position", "department"))
            self.keys.append(fold(" ".join(str(v) for v in searchable if v)))
        self.list.itemChanged.connect(lambda _item: self._update_count())
        layout.addWidget(self.list, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        buttons = ok_cancel_buttons(self, _("Thêm vào Hội đồng"), self.accept)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self._update_count()

    def apply_filter(self, text: str) -> None:
        tokens = search_tokens(text)
        for row, key in enumerate(self.keys):
            self.list.item(row).setHidden(not matches(tokens, key))

    def visible_names(self) -> list[str]:
        return [
            str(self.list.item(r).data(LINKED_NAME_ROLE))
            for r in range(self.list.count())
            if not self.list.item(r).isHidden()
        ]

    def set_checked(self, full_name: str, on: bool = True) -> bool:
        """Tick the first visible, free person with this name (as a click would); False when there is none."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.isHidden() or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            if item.data(LINKED_NAME_ROLE) == full_name:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return True
        return False

    def chosen(self) -> list[tuple[int, str]]:
        """(staff id, full name) of every ticked person, filtered out of view or not, in list order."""
        return [
            (int(item.data(STAFF_ROLE)), str(item.data(LINKED_NAME_ROLE)))
            for item in (self.list.item(r) for r in range(self.list.count()))
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked
        ]

    def _update_count(self) -> None:
        count = len(self.chosen())
        self.count.setText(_("Đã chọn {count} người.").format(count=count))
        self.ok_button.setEnabled(count > 0)


class CouncilDialog(QDialog):
    """Members first (saved with "Lưu thành phần Hội đồng"), then the ballots ("Ghi kết quả bỏ phiếu")."""

    changed = Signal()

    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.context = context
        self.round_id = round_id
        self.pack = rules.effective_pack(context.store)
        self.round = review.get_round(context.store, round_id)
        self.setWindowTitle(_("Hội đồng Thi đua - Khen thưởng — {name}").format(name=self.round["name"]))
        sized_to_screen(self, 1000, 700)
        self.dirty = False

        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter, 1)

        members_box = QGroupBox(_("Bước 1. Cuộc họp và thành viên Hội đồng"))
        members_layout = QVBoxLayout(members_box)
        form = QFormLayout()
        council = self.round.get("council") or {}
        meeting = date.fromisoformat(council["meeting_date"]) if council.get("meeting_date") else date.today()
        self.meeting_date = DateField(meeting)
        self.date_error = add_checked_row(form, _("Ngày họp:"), self.meeting_date)
        unit = get_unit(context.store)
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
        self.add_member_button = push_button(_("Thêm thành viên"), lambda: self.add_member("", "member", True))
        self.pick_staff_button = push_button(_("Thêm từ danh sách cán bộ…"), self.open_staff_picker)
        self.remove_member_button = push_button(_("Xóa thành viên đang chọn"), self.remove_member)
        self.counts = QLabel()
        self.save_members_button = push_button(_("Lưu thành phần Hội đồng"), self.save_council)
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.pick_staff_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addWidget(self.counts, 1)
        member_buttons.addWidget(self.save_members_button)
        members_layout.addLayout(member_buttons)
        self.members_error = FieldError()
        members_layout.addWidget(self.members_error)
        splitter.addWidget(members_box)

        ballots_box = QGroupBox(_("Bước 2. Kết quả bỏ phiếu kín"))
        ballots_layout = QVBoxLayout(ballots_box)
        hint = note(
            _(
                "Tỷ lệ đồng ý tính trên TỔNG SỐ thành viên Hội đồng, không phải trên số người có mặt. "
                "Phiếu tại cuộc họp và ý kiến bằng văn bản của thành viên vắng mặt ghi ở các cột riêng. "
                "Chỉ những danh hiệu phải bỏ phiếu kín mới có ở đây."
            )
        )
        ballots_layout.addWidget(hint)
        self.ballots = make_table([_(h) for h in BALLOT_HEADERS], stretch=B_RESULT)
        for column, width in ((B_NAME, 170), (B_TITLE, 200)):  # sized to their text, the header cut its last letter
            self.ballots.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.ballots.setColumnWidth(column, width)
        ballots_layout.addWidget(self.ballots, 1)
        self.ballot_error = FieldError()
        ballots_layout.addWidget(self.ballot_error)
        ballot_buttons = QHBoxLayout()
        self.status = wrapped_label()
        self.save_ballots_button = push_button(_("Ghi kết quả bỏ phiếu"), self.save_ballots)
        ballot_buttons.addWidget(self.status, 1)
        ballot_buttons.addWidget(self.save_ballots_button)
        ballots_layout.addLayout(ballot_buttons)
        splitter.addWidget(ballots_box)
        splitter.setSizes([330, 330])

        layout.addWidget(close_buttons(self))

        self.members.blockSignals(True)
        if council.get("members"):
            for member in council["members"]:
                self.add_member(
                    member["full_name"],
                    member["role"],
                    member["attended"],
                    member["written_opinion"],
                    staff_id=member.get("staff_id"),
                )
        else:
            self.add_member(str(unit.get("head_name") or ""), "chair", True)
        self.members.blockSignals(False)
        self.dirty = not council
        self.fill_ballots()
        self._update_counts()

    # -- members -----------------------------------------------------------------------------------------------
    def add_member(
        self, name: str, role: str, attended: bool, opinion: str = "", *, staff_id: int | None = None
    ) -> int:
        row = self.members.rowCount()
        blocked = self.members.blockSignals(True)  # the row is read only once all its cells exist
        self.members.insertRow(row)
        name_item = cell(name)
        if staff_id is not None:
            name_item.setData(STAFF_ROLE, int(staff_id))
            name_item.setData(LINKED_NAME_ROLE, nfc(name))
        self.members.setItem(row, NAME, name_item)
        combo = QComboBox()
        for code in ROLE_ORDER:
            combo.addItem(_(COUNCIL_ROLES[code]), code)
        combo.setCurrentIndex(max(combo.findData(role), 0))
        combo.currentIndexChanged.connect(lambda _i: self._members_edited())
        self.members.setCellWidget(row, ROLE, combo)
        check = QCheckBox()
        check.setChecked(attended)
        check.toggled.connect(lambda _on: self._members_edited())
        set_check_cell(self.members, row, ATTENDED, check)
        self.members.setItem(row, OPINION, cell(opinion))
        tab_through_cells(self.members)
        self.members.blockSignals(blocked)
        self._members_edited()
        return row

    def open_staff_picker(self) -> StaffPickerDialog:
        """Open the picker over active staff; its OK adds the ticked people as present ordinary members."""
        taken_ids = {m["staff_id"] for m in self.member_values() if m["staff_id"] is not None}
        taken_names = {fold(m["full_name"]) for m in self.member_values() if m["full_name"]}
        picker = StaffPickerDialog(list_staff(self.context.store), taken_ids, taken_names, self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.accepted.connect(lambda: self.add_staff_members(picker.chosen()))
        self.last_picker = picker
        picker.open()
        return picker

    def add_staff_members(self, people: list[tuple[int, str]]) -> int:
        """Add (staff id, full name) pairs not yet on the council, by id or by the same name; returns how many."""
        values = self.member_values()
        taken_ids = {m["staff_id"] for m in values if m["staff_id"] is not None}
        taken_names = {fold(m["full_name"]) for m in values if m["full_name"]}
        added = 0
        for staff_id, full_name in people:
            if staff_id in taken_ids or fold(full_name) in taken_names:
                continue
            self.add_member(full_name, "member", True, staff_id=staff_id)
            taken_ids.add(staff_id)
            taken_names.add(fold(full_name))
            added += 1
        return added

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
            name = name_item.text().strip() if name_item else ""
            staff_id = name_item.data(STAFF_ROLE) if name_item else None
            if staff_id is not None and nfc(name) != name_item.data(LINKED_NAME_ROLE):
                staff_id = None  # the name was retyped: it is no longer that person
            out.append(
                {
                    "full_name": name,
                    "role": self.members.cellWidget(row, ROLE).currentData(),
                    "staff_id": int(staff_id) if staff_id is not None else None,
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
            found = self.meeting_date.required(_("Chưa nhập ngày họp Hội đồng."))
        except DateError as exc:
            set_field_error(self.meeting_date, self.date_error, str(exc))
            raise
        set_field_error(self.meeting_date, self.date_error, "")
        return found

    def save_council(self) -> bool:
        self.members_error.show_message("")
        try:
            meeting = self.meeting()
        except DateError:
            return False
        operation = Operation(
            self,
            self.context,
            review.set_council,
            round_id=self.round_id,
            meeting_date=meeting,
            location=self.location.text(),
            members=self.member_values(),
        )
        if not operation.failure(show_in(self.members_error)).run():
            return False
        self.dirty = False
        self.status.setText(_("Đã lưu thành phần Hội đồng."))
        self.changed.emit()
        return True

    # -- ballots -----------------------------------------------------------------------------------------------
    def fill_ballots(self) -> None:
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
                self.ballots.setItem(r, B_NAME, cell(shown_name(n), data=n["id"]))
                self.ballots.setItem(r, B_TITLE, cell(n["code_name"]))
                ballot = n["ballot"] or {}
                for column, key in VOTE_COLUMNS:
                    spin = QSpinBox()
                    spin.setRange(0, 999)
                    spin.setValue(int(ballot.get(key) or 0))
                    spin.valueChanged.connect(lambda _v, row=r: self.refresh_result(row))
                    self.ballots.setCellWidget(r, column, spin)
                self.ballots.setItem(r, B_RESULT, cell(""))
                self.refresh_result(r)
        tab_through_cells(self.ballots)
        if not rows:
            self.status.setText(_("Đợt này không có đề nghị nào phải bỏ phiếu kín."))
        self.save_ballots_button.setEnabled(bool(rows))

    def spin(self, row: int, column: int) -> QSpinBox:
        return self.ballots.cellWidget(row, column)

    def set_votes(
        self, row: int, agree: int, disagree: int, invalid: int, written_agree: int = 0, written_disagree: int = 0
    ) -> None:
        self.spin(row, B_AGREE).setValue(agree)
        self.spin(row, B_DISAGREE).setValue(disagree)
        self.spin(row, B_INVALID).setValue(invalid)
        self.spin(row, B_WRITTEN_AGREE).setValue(written_agree)
        self.spin(row, B_WRITTEN_DISAGREE).setValue(written_disagree)

    def written_votes(self, row: int) -> tuple[int, int]:
        """Absent members' written votes, kept apart from the ballots cast at the meeting."""
        return self.spin(row, B_WRITTEN_AGREE).value(), self.spin(row, B_WRITTEN_DISAGREE).value()

    def row_of(self, nomination_id: int) -> int:
        return next(i for i, n in enumerate(self.ballot_rows) if n["id"] == nomination_id)

    def votes(self, row: int) -> tuple[int, int, int]:
        return (self.spin(row, B_AGREE).value(), self.spin(row, B_DISAGREE).value(), self.spin(row, B_INVALID).value())

    def refresh_results(self) -> None:
        for row in range(self.ballots.rowCount()):
            self.refresh_result(row)

    def preview(self, row: int) -> tuple[bool | None, str, str]:
        """(passed, short text, full text) for ``row``; passed is None when the counts are empty or impossible."""
        agree, disagree, invalid = self.votes(row)
        if agree + disagree + invalid == 0:
            return None, _("Chưa nhập phiếu"), ""
        total, present = self.totals()
        try:
            on = self.meeting_date.date() or date.today()
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
                written_agree=self.written_votes(row)[0],
                written_disagree=self.written_votes(row)[1],
                on=on,
            )
        except BallotError as exc:
            return None, str(exc), str(exc)

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
        if row >= self.ballots.rowCount() or self.ballots.cellWidget(row, B_WRITTEN_DISAGREE) is None:
            return
        passed, text, full = self.preview(row)
        item = self.ballots.item(row, B_RESULT)
        if item is None:
            return
        item.setText(text)
        item.setToolTip(full)

        agree, disagree, invalid = self.votes(row)
        empty = agree + disagree + invalid == 0
        color = MUTED_COLOR if empty else (OK_COLOR if passed else BAD_COLOR)
        item.setForeground(QBrush(QColor(color)))

    def row_changed(self, row: int) -> bool:
        """Whether the row's counts differ from its recorded ballot (or it has none yet and counts were typed)."""
        agree, disagree, invalid = self.votes(row)
        typed = (agree, disagree, invalid, *self.written_votes(row))
        ballot = self.ballot_rows[row]["ballot"]
        if ballot is None:
            return agree + disagree + invalid > 0
        return typed != tuple(int(ballot.get(key) or 0) for _column, key in VOTE_COLUMNS)

    def save_ballots(self) -> bool:
        """Save the council first when its members changed, then every row whose counts were typed or changed (each
        ballot is one operation: the rows before a refused one stay saved). An untouched row is not sent again: a
        ballot a decision or a dossier rests on is not re-recorded, nor re-counted under a rule pack changed since."""
        self.ballot_error.show_message("")
        if (self.dirty or not self.round.get("council")) and not self.save_council():
            self.ballot_error.show_message(_("Hãy sửa thành phần Hội đồng ở bước 1 trước khi ghi phiếu."))
            return False
        saved = 0
        for row, n in enumerate(self.ballot_rows):
            agree, disagree, invalid = self.votes(row)
            if agree + disagree + invalid == 0 or not self.row_changed(row):
                continue
            operation = Operation(
                self,
                self.context,
                review.record_ballot,
                nomination_id=n["id"],
                agree=agree,
                disagree=disagree,
                invalid=invalid,
                written_agree=self.written_votes(row)[0],
                written_disagree=self.written_votes(row)[1],
            )
            if not operation.failure(show_in(self.ballot_error)).run():
                if isinstance(operation.error, ValidationError):  # about this row's counts
                    self.ballots.selectRow(row)
                    if saved:
                        self.changed.emit()
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
