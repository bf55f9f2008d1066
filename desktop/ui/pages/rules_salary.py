"""The rules page's base salary tab (the dated table, the clerk's own rows) and its reward calculator."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.money import format_number
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops import rules
from desktop.ui.operations import Operation
from desktop.ui.pages.rules_catalog import (
    _catalog_order,
)
from desktop.ui.pages.rules_common import (
    UNCONFIRMED_BACKGROUND,
    UNCONFIRMED_COLOR,
    UNCONFIRMED_NOTE,
    _as_date,
    _date_text,
    _error_label,
    _is_local,
    _local_source,
    _national_pack,
    _problems,
    _show_ok,
    _show_problems,
    _tab,
    source_label,
)
from desktop.ui.review import TARGET_LABELS
from desktop.ui.tables import cell, make_table
from desktop.ui.widgets import DateField, button_row, note, push_button, text_field


class SalarySection:
    """Part of :class:`~desktop.ui.pages.rules_page.RulesPage`: its base salary tab and calculator."""

    # -- base salary --------------------------------------------------------------------------------------
    def _build_salary_tab(self) -> QWidget:
        tab, columns = _tab(QHBoxLayout)

        table_box = QGroupBox(_("Bảng mức lương cơ sở theo ngày"))
        box_layout = QVBoxLayout(table_box)
        intro = note(
            _(
                "Tiền thưởng tính theo mức lương cơ sở đang áp dụng vào ngày ký quyết định khen thưởng. "
                "Khi Chính phủ điều chỉnh mức lương cơ sở, thêm một dòng với ngày áp dụng và văn bản căn cứ. "
                "Chỉ sửa, xóa được các dòng do đơn vị thêm."
            ),
            color="",
        )
        box_layout.addWidget(intro)
        self.salary_table = make_table([_("Từ ngày"), _("Mức (đồng)"), _("Căn cứ"), _("Nguồn")], stretch=2)
        self.salary_table.itemSelectionChanged.connect(self._on_salary_selected)
        box_layout.addWidget(self.salary_table, 1)

        form = QFormLayout()
        self.salary_date = DateField()
        self.salary_date.setPlaceholderText(_("ngày/tháng/năm, ví dụ 01/07/2026"))
        self.salary_amount = text_field(_("ví dụ 2.530.000"))
        self.salary_cite = text_field(_("ví dụ Nghị định …/2026/NĐ-CP, Điều 3"))
        form.addRow(_("Từ ngày:"), self.salary_date)
        form.addRow(_("Mức lương cơ sở (đồng):"), self.salary_amount)
        form.addRow(_("Văn bản căn cứ:"), self.salary_cite)
        box_layout.addLayout(form)

        self.salary_add = push_button(_("Thêm dòng"), self.add_salary_row)
        self.salary_edit = push_button(_("Sửa dòng đã chọn"), self.edit_salary_row)
        self.salary_remove = push_button(_("Xóa dòng đã chọn"), self.remove_salary_row)
        self.salary_save = push_button(_("Lưu bảng lương cơ sở"), self.save_salary)
        # the row's buttons on one line, saving on the next: the table and the calculator fit a 1024-pixel screen
        box_layout.addLayout(button_row(self.salary_add, self.salary_edit, self.salary_remove))
        box_layout.addLayout(button_row(right=(self.salary_save,)))
        self.salary_error = _error_label()
        box_layout.addWidget(self.salary_error)
        columns.addWidget(table_box, 3)
        columns.addWidget(self._build_calculator(), 2)
        return tab

    def load_salary(self) -> None:
        self.salary_rows = [dict(row) for row in rules.base_salary_table(self.context.store)]
        self.local_entries = [
            (_as_date(r["valid_from"]) or date.min, int(r["amount"]), str(r.get("cite") or ""))
            for r in self.salary_rows
            if _is_local(r)
        ]
        self.salary_dirty = False
        self._fill_salary_table()

    def _display_salary_rows(self) -> list[dict[str, Any]]:
        """What the table will be once saved: the clerk's rows replace the national row of the same date."""
        others = [dict(r) for r in self.salary_rows if not _is_local(r)]
        known = {(_as_date(r["valid_from"]), int(r["amount"])) for r in others}
        others += [  # national rows hidden by saved local rows come back if the clerk removes those rows
            {
                "valid_from": e.valid_from,
                "amount": int(e.value),
                "cite": e.cite,
                "unconfirmed": e.unconfirmed,
                "source": e.source,
            }
            for e in _national_pack().base_salary_table
            if (e.valid_from, int(e.value)) not in known
        ]
        own = {entry[0] for entry in self.local_entries}
        others = [r for r in others if _as_date(r["valid_from"]) not in own]
        saved_flags = {
            (_as_date(r["valid_from"]), int(r["amount"]), str(r.get("cite") or "")): bool(r.get("unconfirmed"))
            for r in self.salary_rows
        }
        rows = others + [
            {
                "valid_from": day,
                "amount": amount,
                "cite": cite,
                "unconfirmed": saved_flags.get((day, amount, cite), False),
                "source": _local_source(),
            }
            for day, amount, cite in self.local_entries
        ]
        return sorted(rows, key=lambda r: _as_date(r["valid_from"]) or date.min)

    def _fill_salary_table(self) -> None:
        rows = self._display_salary_rows()
        self.salary_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            local = _is_local(row)
            day = cell(_date_text(row["valid_from"]), data=local)
            amount = cell(format_number(int(row["amount"])), right=True)
            cite = cell(row.get("cite") or "", data=str(row.get("cite") or ""))
            source = cell(_("Đơn vị thêm") if local else source_label(str(row.get("source") or ""), self._sources()))
            items = (day, amount, cite, source)
            tip = _("Căn cứ: {cite}\nÁp dụng từ ngày {date}").format(cite=cite.text(), date=day.text())
            if row.get("unconfirmed"):
                cite.setText(_("{cite} (chưa xác nhận)").format(cite=cite.text()))
                tip += "\n" + _(UNCONFIRMED_NOTE)
                for item in items:
                    item.setForeground(QBrush(UNCONFIRMED_COLOR))
                    item.setBackground(QBrush(UNCONFIRMED_BACKGROUND))
            for column, item in enumerate(items):
                item.setToolTip(tip)
                self.salary_table.setItem(index, column, item)
        self.salary_save.setEnabled(self.salary_dirty)
        self._on_salary_selected()

    def _selected_salary_row(self) -> int | None:
        items = self.salary_table.selectedItems()
        return items[0].row() if items else None

    def _selected_local_index(self) -> int | None:
        row = self._selected_salary_row()
        if row is None:
            return None
        item = self.salary_table.item(row, 0)
        if item is None or not item.data(Qt.ItemDataRole.UserRole):
            return None
        day = _as_date(parse_date(item.text()))
        for index, entry in enumerate(self.local_entries):
            if entry[0] == day:
                return index
        return None

    def _on_salary_selected(self) -> None:
        row = self._selected_salary_row()
        local = self._selected_local_index() is not None
        self.salary_edit.setEnabled(local)
        self.salary_remove.setEnabled(local)
        if row is not None:
            self.salary_date.setText(self.salary_table.item(row, 0).text())
            self.salary_amount.setText(self.salary_table.item(row, 1).text())
            self.salary_cite.setText(str(self.salary_table.item(row, 2).data(Qt.ItemDataRole.UserRole) or ""))

    def _salary_form_entry(self) -> tuple[date, int, str] | None:
        problems: list[str] = []
        day: date | None = None
        try:
            day = self.salary_date.date()
        except DateError as exc:
            problems.append(_("Ô “Từ ngày”: {reason}").format(reason=exc))
        if day is None and not problems:
            problems.append(_("Ô “Từ ngày”: chưa nhập ngày áp dụng."))
        digits = "".join(ch for ch in self.salary_amount.text() if not ch.isspace()).replace(".", "").replace(",", "")
        amount = int(digits) if digits.isdigit() else 0
        if amount <= 0:
            problems.append(
                _("Ô “Mức lương cơ sở”: “{value}” không phải số tiền; ghi số đồng, ví dụ 2.530.000.").format(
                    value=self.salary_amount.text()
                )
            )
        cite = nfc(self.salary_cite.text())
        if not cite:
            problems.append(_("Ô “Văn bản căn cứ”: chưa ghi văn bản quy định mức lương cơ sở này."))
        _show_problems(self.salary_error, problems)
        if problems or day is None:
            return None
        return day, amount, cite

    def add_salary_row(self) -> bool:
        entry = self._salary_form_entry()
        if entry is None:
            return False
        if any(existing[0] == entry[0] for existing in self.local_entries):
            _show_problems(
                self.salary_error,
                [
                    _("Đã có dòng từ ngày {date}; chọn dòng đó và bấm “Sửa dòng đã chọn”.").format(
                        date=format_date(entry[0])
                    )
                ],
            )
            return False
        self.local_entries.append(entry)
        return self._mark_salary_dirty()

    def edit_salary_row(self) -> bool:
        index = self._selected_local_index()
        if index is None:
            return False
        entry = self._salary_form_entry()
        if entry is None:
            return False
        if any(existing[0] == entry[0] for i, existing in enumerate(self.local_entries) if i != index):
            _show_problems(
                self.salary_error,
                [_("Đã có dòng từ ngày {date}.").format(date=format_date(entry[0]))],
            )
            return False
        self.local_entries[index] = entry
        return self._mark_salary_dirty()

    def remove_salary_row(self) -> bool:
        index = self._selected_local_index()
        if index is None:
            return False
        del self.local_entries[index]
        return self._mark_salary_dirty()

    def _mark_salary_dirty(self) -> bool:
        """The table changed (kept in date order): say so and show it again; True for the button's caller."""
        self.local_entries.sort()
        self.salary_dirty = True
        _show_ok(self.salary_error, _("Có thay đổi chưa lưu: bấm “Lưu bảng lương cơ sở”."))
        self.salary_table.clearSelection()
        self._fill_salary_table()
        return True

    def save_salary(self) -> bool:
        lines = "\n".join(
            _("Từ {date}: {amount} đồng — {cite}").format(
                date=format_date(day), amount=format_number(amount), cite=cite
            )
            for day, amount, cite in self.local_entries
        ) or _("(không còn dòng nào do đơn vị thêm)")
        question = _("Lưu bảng mức lương cơ sở của đơn vị? Tiền thưởng sẽ tính theo bảng mới.\n\n{lines}").format(
            lines=lines
        )
        repriced = rules.repriced_decisions(self.context.store, entries=list(self.local_entries))
        if repriced:  # a row dated where decisions are already signed: the clerk sees which, before saving
            shown = repriced[:8] + (
                [_("… và {n} quyết định khác").format(n=len(repriced) - 8)] if len(repriced) > 8 else []
            )
            question += "\n\n" + _(
                "Các quyết định đã ban hành sau có ngày ký rơi vào mức lương cơ sở khác (số tiền đã ghi trong quyết "
                "định không đổi, nhưng phần còn phải trả và quyết định thay thế sẽ tính theo mức mới):"
            )
            question += "\n" + "\n".join(shown)
        if not self.confirm(_("Lưu mức lương cơ sở"), question):
            return False

        def saved(notes: list[str] | None) -> None:
            self.salary_dirty = False
            self._changed()
            # the unit's rows set aside a province pack's row of the same date: say which, so nothing is hidden
            text = _("Đã lưu bảng mức lương cơ sở (ghi vào nhật ký thay đổi).")
            _show_ok(self.salary_error, "\n".join([text, *(notes or [])]))
            self.calculate()

        # No rows of the unit's own left: its table stops applying, the national one holds again.
        operation = Operation(self, self.context, rules.save_base_salary, entries=list(self.local_entries))
        operation.failure(lambda error: _show_problems(self.salary_error, [_("Chưa lưu:"), *_problems(error)]))
        return operation.changes("rules").success(saved).run()

    # -- calculator ---------------------------------------------------------------------------------------
    def _build_calculator(self) -> QWidget:
        box = QGroupBox(_("Tính thử tiền thưởng"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.calc_code = QComboBox()
        self.calc_code.currentIndexChanged.connect(self._fill_targets)
        self.calc_target = QComboBox()
        for combo in (self.calc_code, self.calc_target):  # long names are elided, not widening the whole page
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
        self.calc_date = DateField(date.today())
        self.calc_button = push_button(_("Tính"), self.calculate)
        self.calc_date.returnPressed.connect(self.calculate)
        form.addRow(_("Danh hiệu, hình thức:"), self.calc_code)
        form.addRow(_("Đối tượng:"), self.calc_target)
        date_row = QHBoxLayout()
        date_row.addWidget(self.calc_date, 1)
        date_row.addWidget(self.calc_button)
        form.addRow(_("Ngày ký quyết định:"), date_row)
        self.calc_amount = QLabel()
        font = self.calc_amount.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.calc_amount.setFont(font)
        self.calc_words = QLabel()
        self.calc_arithmetic = QLabel()
        self.calc_citations = QLabel()
        for label in (self.calc_amount, self.calc_words, self.calc_arithmetic, self.calc_citations):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_("Số tiền:"), self.calc_amount)
        form.addRow(_("Bằng chữ:"), self.calc_words)
        form.addRow(_("Cách tính:"), self.calc_arithmetic)
        form.addRow(_("Căn cứ:"), self.calc_citations)
        self.calc_error = _error_label()
        form.addRow(self.calc_error)
        return box

    def _fill_code_combo(self) -> None:
        if self.pack is None:
            return
        current = self.calc_code.currentData()
        self.calc_code.blockSignals(True)
        self.calc_code.clear()
        for label, items in ((_("Danh hiệu"), self.pack.titles), (_("Hình thức khen thưởng"), self.pack.award_forms)):
            for item in sorted(items, key=_catalog_order):
                self.calc_code.addItem(_("{kind}: {name}").format(kind=label, name=item.name), item.code)
        self.calc_code.setCurrentIndex(max(self.calc_code.findData(current or "LDTT"), 0))
        self.calc_code.blockSignals(False)
        self._fill_targets()

    def _fill_targets(self) -> None:
        if self.pack is None or not self.calc_code.currentData():
            return
        current = self.calc_target.currentData()
        item = self.pack.item(self.calc_code.currentData())
        self.calc_target.clear()
        for target in item.targets:
            self.calc_target.addItem(_(TARGET_LABELS.get(target, target)), target)
        self.calc_target.setCurrentIndex(max(self.calc_target.findData(current), 0))

    def calculate(self) -> dict[str, Any] | None:
        for label in (self.calc_amount, self.calc_words, self.calc_arithmetic, self.calc_citations):
            label.clear()
        try:
            decision_date = self.calc_date.date()
        except DateError as exc:
            _show_problems(self.calc_error, [_("Ô “Ngày ký quyết định”: {reason}").format(reason=exc)])
            return None
        if decision_date is None:
            _show_problems(self.calc_error, [_("Ô “Ngày ký quyết định”: chưa nhập ngày.")])
            return None
        code, target = self.calc_code.currentData(), self.calc_target.currentData()
        if not code or not target:
            return None
        computing = Operation(self, self.context, rules.money, code=code, target=target, decision_date=decision_date)
        if not computing.failure(lambda error: _show_problems(self.calc_error, _problems(error))).run():
            return None
        result = rules.money_json(computing.result)
        _show_problems(self.calc_error, [])
        self.calc_amount.setText(_("{amount} đồng").format(amount=format_number(int(result["amount"]))))
        self.calc_words.setText(str(result.get("words") or ""))
        self.calc_arithmetic.setText(str(result.get("arithmetic") or ""))
        self.calc_citations.setText("\n".join(str(c) for c in result.get("citations") or []))
        return result
