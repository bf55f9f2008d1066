"""The movement page's "Tiêu chí & chấm điểm" tab: criteria on top, the grid participants × criteria below.

The grid is edited in place and saved as one batch (one transaction) of the cells whose text the clerk changed,
each with the value it was loaded with, so two clerks scoring at once never undo each other's points, and a cell
shown with two decimals ("90" for 89.996 stored by an older version) is never written back rounded. Totals and
ranks are recomputed on each typed cell by the same ranking as the reviews (:func:`desktop.ops.movements.ranking`,
totals compared as printed, women first on ties), in memory from what :func:`desktop.ops.movements.ranking_inputs`
read when the grid was loaded (no query per cell).
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.domain import scoring
from desktop.i18n import _
from desktop.ops import movements as mv
from desktop.ui.movements.tab import MovementTab
from desktop.ui.tables import cell
from desktop.ui.widgets import ERROR_STYLE, ask_confirm, button_row, push_button, text_field, wrapped_label

TIE_COLOR = QColor("#fff2b3")
FAILED_COLOR = QColor("#f4d6d6")
LEADER_COLOR = QColor("#d8f0d8")
INACTIVE_COLOR = QColor("#e6e6e6")


class ScoresTab(MovementTab):
    """Criteria on top; the grid participants × criteria with total and rank columns; ties highlighted."""

    TOTAL, RANK, FIRST = 1, 2, 3  # columns: name, total, rank, then one per criterion

    def __init__(self, page: Any) -> None:  # the MovementsPage
        super().__init__(page)
        form = QHBoxLayout()
        self.name = text_field(_("Tên tiêu chí"))
        self.max_points = QDoubleSpinBox()
        self.max_points.setRange(0.5, 1000)
        self.max_points.setValue(10)
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0.1, 100)
        self.weight.setValue(1)
        self.weight.setSingleStep(0.5)
        self.mandatory = QCheckBox(_("Bắt buộc"))
        self.kind = QComboBox()
        for key in mv.CRITERION_KINDS:
            self.kind.addItem(mv.label(mv.CRITERION_KINDS, key), key)
        self.add_button = push_button(_("Thêm tiêu chí"), self.add_criterion)
        self.delete_button = push_button(_("Xóa tiêu chí của cột đang chọn"), self.delete_criterion)
        # three lines, narrow enough to sit beside the movement list on a 1024-pixel screen: the criterion's
        # name (with the width it needs) and its kind, then its points, then the buttons
        self.name.setMinimumWidth(260)
        form.addWidget(self.name, 1)
        form.addWidget(self.kind)
        self.layout_.addLayout(form)
        self.layout_.addLayout(
            button_row(QLabel(_("Điểm tối đa")), self.max_points, QLabel(_("Hệ số")), self.weight, self.mandatory)
        )
        self.layout_.addLayout(button_row(self.add_button, right=(self.delete_button,)))
        self.grid = QTableWidget(0, 0)
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.itemChanged.connect(self._edited)
        self.layout_.addWidget(self.grid, 1)
        self.note = wrapped_label()
        self.layout_.addWidget(self.note)
        self.save_button = push_button(_("Lưu điểm"), self.save)
        self.reload_button = push_button(_("Tải lại điểm"), self.reload_scores)
        self.reload_button.setToolTip(_("Đọc lại điểm đã lưu (cả điểm người khác vừa chấm); điểm chưa lưu sẽ mất."))
        self.layout_.addLayout(button_row(self.reload_button, right=(self.save_button,)))
        self.finish_layout()
        self.criteria: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        # what the ranking read when the grid was loaded; its points are each cell's loaded value: only cells
        # changed since are saved, each with it
        self.inputs: mv.RankingInputs | None = None
        # each cell's text as loaded (points shown with two decimals): a cell whose text still says the same
        # number is not changed, and keeps its stored value (89.996 shown as "90" is not saved as 90)
        self.shown: dict[tuple[str, int], str] = {}
        self._loading = False

    def reload(self, movement: dict[str, Any] | None) -> None:
        self._loading = True
        try:
            self.shown = {}
            if movement is None:
                self.inputs = None
                self.grid.setRowCount(0)
                self.grid.setColumnCount(0)
                return
            # read once what the ranking needs (the staff's women shares too): each typed cell ranks in memory
            self.inputs = mv.ranking_inputs(self.page.context.store, movement_id=movement["id"])
            grid = self.inputs.grid
            self.criteria, self.people = grid["criteria"], grid["participants"]
            headers = [_("Đơn vị"), _("Tổng điểm"), _("Xếp hạng")]
            for c in self.criteria:
                mark = {"bonus": "+ ", "penalty": "− "}.get(c["kind"], "")
                star = " *" if c["mandatory"] else ""
                weight = " ×" + scoring.format_points(c["weight"]) if c["weight"] != 1 else ""
                name = "\n".join(textwrap.wrap(mark + c["name"] + star, 18)[:3])
                headers.append(f"{name}\n({scoring.format_points(c['max_points'])}{weight})")
            self.grid.clear()
            self.grid.setColumnCount(len(headers))
            self.grid.setHorizontalHeaderLabels(headers)
            for c, criterion in enumerate(self.criteria, start=self.FIRST):
                self.grid.horizontalHeaderItem(c).setToolTip(criterion["name"])
            self.grid.setRowCount(len(self.people))
            for r, (person, name) in enumerate(zip(self.people, participant_names(self.people), strict=True)):
                eligible = person.get("eligible", True)
                if not eligible:
                    name = _("{name} (ngừng hoạt động)").format(name=name)
                self.grid.setItem(r, 0, cell(name, editable=False))
                self.grid.setItem(r, self.TOTAL, cell("", center=True, editable=False))
                self.grid.setItem(r, self.RANK, cell("", center=True, editable=False))
                for c, criterion in enumerate(self.criteria, start=self.FIRST):
                    value = grid["points"].get((person["key"], criterion["id"]))
                    text = "" if value is None else scoring.format_points(value)
                    self.shown[(person["key"], criterion["id"])] = text
                    item = cell(text, center=True, editable=eligible)
                    if not eligible:  # an inactive department's points are kept and shown, not scored again
                        item.setBackground(QBrush(INACTIVE_COLOR))
                        item.setToolTip(person.get("reason", ""))
                    self.grid.setItem(r, c, item)
            self.grid.setColumnWidth(0, 230)
            self.grid.setColumnWidth(self.TOTAL, 80)
            self.grid.setColumnWidth(self.RANK, 150)
            for c in range(self.FIRST, len(headers)):
                self.grid.setColumnWidth(c, 125)
            self.grid.horizontalHeader().setMinimumHeight(70)
        finally:
            self._loading = False
        self.recompute()

    def _edited(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.recompute()

    def reload_scores(self) -> None:
        """Read the saved points again (after another clerk saved), dropping what was typed and not saved."""
        self.page.refresh()

    def _unchanged(self, cell_key: tuple[str, int], text: str) -> bool:
        """The cell still says what it was loaded with ("90" for 89.996, or the same number written "90,0")."""
        shown = self.shown.get(cell_key, "")
        if text == shown:
            return True
        try:
            return bool(text and shown) and float(text.replace(",", ".")) == float(shown.replace(",", "."))
        except ValueError:
            return False

    def _typed(
        self, changed: set[tuple[str, int]] | None = None
    ) -> tuple[dict[tuple[str, int], float | None], list[str]]:
        """Every scorable cell's value (None: empty) and the problems found in the grid; ``changed`` receives the
        cells whose text was changed since the grid was loaded. A cell not changed counts with its stored value,
        not the two decimals it shows, so the screen ranks as the reviews do."""
        stored = self.inputs.grid["points"] if self.inputs is not None else {}  # what the grid was loaded with
        values: dict[tuple[str, int], float | None] = {}
        problems: list[str] = []
        if changed is None:
            changed = set()
        for r, person in enumerate(self.people):
            if not person.get("eligible", True):
                continue
            for c, criterion in enumerate(self.criteria, start=self.FIRST):
                cell_key = (person["key"], criterion["id"])
                item = self.grid.item(r, c)
                text = (item.text() if item else "").strip()
                if self._unchanged(cell_key, text):
                    values[cell_key] = stored.get(cell_key)
                    continue
                text = text.replace(",", ".")
                if text:
                    domain = scoring.Criterion(criterion["id"], criterion["name"], criterion["max_points"])
                    problem = scoring.check_points(domain, text, person["name"])
                    if problem:
                        problems.append(problem)
                        continue
                values[cell_key] = float(text) if text else None
                changed.add(cell_key)
        return values, problems

    def entries(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The cells whose text was changed since the grid was loaded, as a batch for record_scores (each with the
        value it was loaded with, so a cell another clerk saved meanwhile is refused), and the problems found in
        the grid. A cell not touched is never sent, whatever it holds behind the two decimals it shows."""
        changed: set[tuple[str, int]] = set()
        values, problems = self._typed(changed)
        stored = self.inputs.grid["points"] if self.inputs is not None else {}
        out = []
        for (key, criterion_id), value in values.items():
            if (key, criterion_id) not in changed:
                continue
            loaded = stored.get((key, criterion_id))
            same = value is None if loaded is None else value is not None and abs(value - loaded) < 1e-9
            if not same:
                out.append({"participant": key, "criterion_id": criterion_id, "points": value, "loaded": loaded})
        return out, problems

    def recompute(self) -> scoring.Ranking | None:
        """Totals and ranks from the grid as typed, by the movement's own ranking (women first on ties, inactive
        departments not ranked), with ties and failed mandatory criteria coloured. Ranked in memory from what was
        read when the grid was loaded (:func:`desktop.ops.movements.ranking_inputs`)."""
        if not self.people or self.inputs is None or self.inputs.movement_id != self.movement_id:
            self.note.setText("")
            return None
        values, problems = self._typed()
        result = mv.rank_inputs(self.inputs, points=values)  # no database access: runs on every typed cell
        by_key = result.by_key()
        leaders = set(result.leader_keys)  # one a block when several blocks are ranked apart
        total_col, rank_col = self.TOTAL, self.RANK
        self._loading = True
        try:
            for r, person in enumerate(self.people):
                total_item, rank_item = self.grid.item(r, total_col), self.grid.item(r, rank_col)
                name_item = self.grid.item(r, 0)
                res = by_key.get(person["key"])
                if res is None:  # not ranked: an inactive department
                    total_item.setText("")
                    rank_item.setText("—")
                    for item in (total_item, rank_item, name_item):
                        item.setBackground(QBrush(INACTIVE_COLOR))
                        item.setToolTip(person.get("reason", ""))
                    continue
                rank_text = str(res.rank) + (
                    " " + _("(đồng hạng, ưu tiên nữ)")
                    if res.women_first
                    else " " + _("(đồng hạng)")
                    if res.tied
                    else ""
                )
                if res.block:  # several blocks, each ranked apart: the rank is within this one
                    rank_text = _("{rank} · {block}").format(rank=rank_text, block=res.block)
                total_item.setText(scoring.format_points(res.total))
                rank_item.setText(rank_text)
                color = (
                    FAILED_COLOR
                    if not res.passed
                    else LEADER_COLOR
                    if res.key in leaders
                    else TIE_COLOR
                    if res.tied
                    else None
                )
                brush = QBrush(color) if color else QBrush()
                for item in (total_item, rank_item, name_item):
                    item.setBackground(brush)
                tip = res.reason or (_("Đồng hạng với đơn vị khác") if res.tied else "")
                if res.block:
                    tip = "\n".join(t for t in (_("Xếp hạng trong {block}").format(block=res.block), tip) if t)
                tip = "\n".join(t for t in (tip, person.get("note", "")) if t)
                rank_item.setToolTip(tip)
                name_item.setToolTip(tip)
        finally:
            self._loading = False
        needed = self.grid.sizeHintForColumn(rank_col)  # "2 (đồng hạng) · Khối Đảng - Đoàn thể" on one line
        if needed > self.grid.columnWidth(rank_col):
            self.grid.setColumnWidth(rank_col, needed)
        note = result.note
        if problems:
            note = "\n".join(problems)
        self.note.setStyleSheet(ERROR_STYLE if problems else "")
        self.note.setText(note)
        return result

    def add_criterion(self) -> None:
        if self.movement_id is None:
            return
        if (
            self.run(
                mv.add_criterion,
                movement_id=self.movement_id,
                name=self.name.text(),
                max_points=self.max_points.value(),
                weight=self.weight.value(),
                mandatory=self.mandatory.isChecked(),
                kind=self.kind.currentData(),
                done=_("Đã thêm tiêu chí."),
            )
            is not None
        ):
            self.name.clear()
            self.page.refresh(keep_message=self)

    def delete_criterion(self) -> None:
        column = self.grid.currentColumn() - self.FIRST
        if 0 <= column < len(self.criteria):
            criterion = self.criteria[column]
            # the cells the grid loaded for it (a participant no longer listed too): the count the clerk is asked
            # about, and what the deletion checks is still stored (another clerk may have scored meanwhile)
            loaded = self.inputs.grid["points"] if self.inputs is not None else {}
            expected = {key: float(value) for (key, cid), value in loaded.items() if cid == criterion["id"]}
            question = _(
                "Xóa tiêu chí “{name}” và {count} ô điểm đã chấm theo tiêu chí này? Không hoàn tác được."
            ).format(name=criterion["name"], count=len(expected))
            if not ask_confirm(self, _("Xóa tiêu chí"), question):
                return
            self.run(mv.delete_criterion, criterion_id=criterion["id"], expected=expected, done=_("Đã xóa tiêu chí."))
            self.page.refresh(keep_message=self)

    def save(self) -> None:
        if self.movement_id is None:
            return
        entries, problems = self.entries()
        if problems:
            self.say("\n".join(problems), error=True)
            return
        if not entries:
            self.say(_("Chưa có ô nào được sửa từ lần tải điểm trước; không có gì để lưu."))
            return
        count = self.run(mv.record_scores, movement_id=self.movement_id, entries=entries)
        if count is not None:
            self.say(_("Đã lưu điểm của {count} ô.").format(count=count))
            self.page.refresh(keep_message=self)


def participant_names(people: list[dict[str, Any]]) -> list[str]:
    """Scored participants' names; one found twice (a department in two blocks) gets its block beside it."""
    counts: dict[str, int] = {}
    for person in people:
        counts[person["name"]] = counts.get(person["name"], 0) + 1
    return [
        _("{name} ({block})").format(name=p["name"], block=p["block"])
        if counts[p["name"]] > 1 and p.get("block")
        else p["name"]
        for p in people
    ]
