"""Phong trào: the list of movements on the left, the chosen movement's tabs on the right.

Every change calls one function of :mod:`desktop.ops.movements` (the same as ``tdkt movement``); a refused
change shows its Vietnamese reason in the red line under the tab, never half-saves. The score grid is in
:mod:`desktop.ui.movements.scores_tab`, the tabs' common base in :mod:`desktop.ui.movements.tab`.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scoring
from desktop.domain.dates import format_date
from desktop.i18n import _
from desktop.ops import movements as mv
from desktop.ops import queries
from desktop.ops.unit import active_departments
from desktop.ui.context import AppContext
from desktop.ui.movements.new_movement import NewMovementBox
from desktop.ui.movements.scores_tab import ScoresTab
from desktop.ui.movements.tab import MovementTab as _Tab
from desktop.ui.pages.empty_hint import EmptyHint
from desktop.ui.staff.names import tell_apart
from desktop.ui.tables import fill_rows, make_table
from desktop.ui.widgets import WARN_COLOR, DateField, ask_confirm, button_row, push_button, text_field

# -- Thông tin -------------------------------------------------------------------------------------------------


class InfoTab(_Tab):
    def __init__(self, page: MovementsPage) -> None:
        super().__init__(page)
        self.view = QTextBrowser()
        self.layout_.addWidget(self.view)
        self.launch_date = DateField(date.today())
        self.launch_button = push_button(_("Phát động"), self.launch)
        self.plan_button = push_button(_("Đính kèm kế hoạch…"), self.attach_plan)
        self.close_button = push_button(_("Kết thúc phong trào"), self.close_movement)
        # launching on one line, the plan and the ending on the next: the tab fits beside the list on 1024 pixels
        self.layout_.addLayout(button_row(QLabel(_("Ngày phát động:")), self.launch_date, self.launch_button))
        self.layout_.addLayout(button_row(self.plan_button, right=(self.close_button,)))
        self.finish_layout()
        self.shown: dict[str, Any] | None = None

    def reload(self, movement: dict[str, Any] | None) -> None:
        self.shown = movement
        if movement is None:
            self.view.setHtml("")
            return

        def line(label: str, value: Any) -> str:
            return f"<tr><td><b>{html.escape(label)}</b></td><td>{html.escape(str(value or ''))}</td></tr>"

        rows = [
            line(_("Loại"), movement["kind_label"]),
            line(_("Chủ đề, khẩu hiệu"), movement["theme"]),
            line(_("Cơ quan phát động"), movement["launched_by"]),
            line(_("Ngày phát động"), format_date(movement["launch_date"])),
            line(_("Thời gian"), movement["period"]),
            line(_("Trạng thái"), movement["status_label"]),
            line(_("Kế hoạch"), movement["plan_name"] or _("(chưa đính kèm)")),
            line(_("Số bản đăng ký"), len(movement["registrations"])),
        ]
        targets = "".join(f"<li>{html.escape(t)}</li>" for t in movement["targets"])
        self.view.setHtml(
            f"<h3>{html.escape(movement['name'])}</h3><table cellpadding='3'>{''.join(rows)}</table>"
            + (f"<p><b>{html.escape(_('Mục tiêu, chỉ tiêu'))}</b></p><ul>{targets}</ul>" if targets else "")
        )
        if movement["launch_date"]:
            self.launch_date.set_date(movement["launch_date"])

    def launch(self) -> None:
        if self.movement_id is not None and (day := self.read_day(self.launch_date)) is not None:
            self.run(mv.launch, movement_id=self.movement_id, launch_date=day, done=_("Đã phát động."))
            self.page.refresh(keep_message=self)

    def close_movement(self) -> None:
        """Ending a movement cannot be undone: asked first (default "Không"); before its tổng kết, with the reason
        the operation records (it refuses an ending before the tổng kết without one)."""
        movement = self.shown
        if self.movement_id is None or movement is None:
            return
        reviewed = any(r["kind"] == "tong_ket" for r in movement.get("reviews", []))
        if reviewed:
            question = _(
                "Kết thúc phong trào “{name}”?\n\nSau khi kết thúc, không sửa được gì của phong trào nữa và không "
                "mở lại được."
            )
        else:
            question = _(
                "Phong trào “{name}” chưa tổng kết. Kết thúc bây giờ thì không ghi hội nghị tổng kết, không đề nghị "
                "khen thưởng được nữa, và không mở lại được.\n\nVẫn kết thúc phong trào (phải ghi lý do)?"
            )
        if not ask_confirm(self, _("Kết thúc phong trào"), question.format(name=movement["name"])):
            return
        reason = ""
        if not reviewed:
            text, ok = QInputDialog.getMultiLineText(
                self,
                _("Lý do kết thúc"),
                _("Lý do kết thúc phong trào khi chưa tổng kết (ghi vào phong trào và nhật ký):"),
                "",
            )
            if not ok:
                return
            reason = text.strip()
        self.run(mv.close_movement, movement_id=self.movement_id, reason=reason, done=_("Đã kết thúc phong trào."))
        self.page.refresh(keep_message=self)

    def attach_plan(self) -> None:
        if self.movement_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp kế hoạch"), "", _("Kế hoạch (*.pdf *.docx *.doc)")
        )
        if path:
            self.run(mv.attach_plan, movement_id=self.movement_id, path=path, done=_("Đã đính kèm kế hoạch."))
            self.page.refresh(keep_message=self)


# -- Đăng ký ---------------------------------------------------------------------------------------------------


class RegistrationsTab(_Tab):
    CODES = ("LDTT", "CSTDCS", "TTLDTT", "TTLDXS")

    def __init__(self, page: MovementsPage) -> None:
        super().__init__(page)
        self.table = make_table([_("Họ và tên / tập thể"), _("Đối tượng"), _("Phòng, ban"), _("Danh hiệu"), _("Ngày")])
        self.layout_.addWidget(self.table)
        self.who = QComboBox()
        self.who.setMinimumWidth(220)
        self.code = QComboBox()
        self.day = DateField(date.today())
        self.add_button = push_button(_("Ghi đăng ký"), self.add)
        self.remove_button = push_button(_("Bỏ đăng ký đã chọn"), self.remove)
        self.print_button = push_button(_("In danh sách…"), self.export_list)
        # two lines, so the tab fits beside the movement list on a 1024-pixel screen
        self.layout_.addLayout(button_row(self.who, self.code, self.day, self.add_button))
        self.layout_.addLayout(button_row(right=(self.remove_button, self.print_button)))
        self.finish_layout()
        self.rows: list[dict[str, Any]] = []

    def reload(self, movement: dict[str, Any] | None) -> None:
        self.rows = movement["registrations"] if movement else []
        kinds = {"individual": _("Cá nhân"), "collective": _("Tập thể")}
        store = self.page.context.store
        names = people_names(store, self.rows)
        fill_rows(
            self.table,
            [
                [
                    name,
                    kinds.get(r["target_kind"], ""),
                    r["department"],
                    r["code_name"],
                    format_date(r["registered_on"]),
                ]
                for r, name in zip(self.rows, names, strict=True)
            ],
        )
        chosen = self.who.currentData()
        self.who.clear()
        for dept in active_departments(store):
            self.who.addItem(_("Tập thể: {name}").format(name=dept["name"]), f"d:{dept['id']}")
        people = [{"name": p["full_name"], "staff_id": p["id"]} for p in queries.current_staff(store)]
        for person, name in zip(people, people_names(store, people), strict=True):
            self.who.addItem(name, f"s:{person['staff_id']}")
        if chosen is not None:
            self.who.setCurrentIndex(max(self.who.findData(chosen), 0))
        if self.code.count() == 0:
            from desktop.ops import rules

            pack = rules.effective_pack(store)
            for code in self.CODES:
                if pack.has(code):
                    self.code.addItem(pack.item(code).name, code)

    def add(self) -> None:
        choice = self.who.currentData()
        if self.movement_id is None or not choice or (day := self.read_day(self.day)) is None:
            return
        kind, ident = choice.split(":")[0], int(choice.split(":")[1])
        self.run(
            mv.register,
            movement_id=self.movement_id,
            code=self.code.currentData(),
            staff_id=ident if kind == "s" else None,
            department_id=ident if kind == "d" else None,
            registered_on=day,
            done=_("Đã ghi bản đăng ký."),
        )
        self.page.refresh(keep_message=self)

    def remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            chosen = self.rows[row]
            who = self.table.item(row, 0).text() if self.table.item(row, 0) else ""
            question = _("Bỏ bản đăng ký “{title}” của {who}?").format(title=chosen["code_name"], who=who)
            if not ask_confirm(self, _("Bỏ đăng ký"), question):
                return
            self.run(mv.unregister, registration_id=chosen["id"], done=_("Đã bỏ bản đăng ký."))
            self.page.refresh(keep_message=self)

    def export_list(self) -> None:
        self.export_movement(mv.export_registrations, _("Lưu danh sách đăng ký"), "danh-sach-dang-ky.pdf")


# -- Giao ước --------------------------------------------------------------------------------------------------


class CovenantTab(_Tab):
    """The movement's covenants, one row each (the one chosen is printed), and the signing of a block's covenant."""

    def __init__(self, page: MovementsPage) -> None:
        super().__init__(page)
        self.covenants = QListWidget()  # one row a covenant: "In giao ước…" prints the one chosen
        self.covenants.setWordWrap(True)
        self.covenants.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.covenants.setMaximumHeight(170)
        self.layout_.addWidget(self.covenants)
        box = QGroupBox(_("Ký giao ước thi đua"))
        form = QFormLayout(box)
        self.block_name = QLineEdit(_("Khối các phòng, ban"))
        self.members = QListWidget()
        self.members.setMaximumHeight(110)
        self.external = text_field(_("Đơn vị ngoài, cách nhau bằng dấu ;"))
        self.signed_on = DateField(date.today())
        self.place = QLineEdit()
        self.signers = QPlainTextEdit()
        self.signers.setPlaceholderText(_("Mỗi dòng một người ký: Họ tên | Chức vụ | Đơn vị"))
        self.signers.setMaximumHeight(90)
        form.addRow(_("Tên khối/cụm:"), self.block_name)
        form.addRow(_("Thành viên:"), self.members)
        form.addRow(_("Đơn vị ngoài:"), self.external)
        form.addRow(_("Ngày ký:"), self.signed_on)
        form.addRow(_("Địa điểm:"), self.place)
        form.addRow(_("Người ký:"), self.signers)
        self.sign_button = push_button(_("Ký giao ước"), self.sign)
        self.print_button = push_button(_("In giao ước…"), self.export_covenant)
        form.addRow(button_row(self.sign_button, right=(self.print_button,)))
        self.layout_.addWidget(box)
        self.finish_layout()

    def reload(self, movement: dict[str, Any] | None) -> None:
        chosen = self.chosen_covenant()  # kept chosen across a refresh while it is still there
        self.covenants.clear()
        for covenant in (movement or {}).get("covenants", []):
            signers = ", ".join(
                f"{s['name']} ({s['member']})" if s.get("member") else s["name"] for s in covenant["signatories"]
            )
            lines = [
                f"{covenant['block_name']} — {format_date(covenant['signed_on'])}",
                f"{_('Người ký')}: {signers}",
            ]
            if covenant.get("changed"):
                what = ", ".join(_(mv.COVENANT_PARTS[part]) for part in covenant["changed"])
                lines.append(
                    _(
                        "Đã sửa {what} sau ngày ký: bản in vẫn là giao ước đã ký; ký lại giao ước để ghi nội dung mới."
                    ).format(what=what)
                )
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, covenant["id"])
            if covenant.get("changed"):
                item.setForeground(QBrush(QColor(WARN_COLOR)))
            self.covenants.addItem(item)
            if covenant["id"] == chosen:
                self.covenants.setCurrentItem(item)
        if not self.covenants.count():
            empty = QListWidgetItem(_("Chưa có giao ước thi đua."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)  # a sentence, not a covenant to choose
            self.covenants.addItem(empty)
        self.members.clear()
        for dept in active_departments(self.page.context.store):
            item = QListWidgetItem(dept["name"])
            item.setData(Qt.ItemDataRole.UserRole, dept["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.members.addItem(item)

    def sign(self) -> None:
        if self.movement_id is None or (signed_on := self.read_day(self.signed_on)) is None:
            return
        signers = []
        for number, line in enumerate(self.signers.toPlainText().splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            if not parts[0]:
                self.say(_("Dòng {number} của người ký chưa có họ tên.").format(number=number), error=True)
                return
            signers.append({"name": parts[0], "title": parts[1], "member": parts[2]})
        departments = [
            int(self.members.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.members.count())
            if self.members.item(i).checkState() == Qt.CheckState.Checked
        ]
        externals = [x for x in (p.strip() for p in self.external.text().split(";")) if x]
        # one transaction: the block found by its name (case, spacing, tone placement ignored) or created, the
        # members it lacks added, the covenant signed — a refused date leaves no block behind
        if (
            self.run(
                mv.sign_block_covenant,
                movement_id=self.movement_id,
                block_name=self.block_name.text(),
                department_ids=departments,
                external_names=externals,
                signed_on=signed_on,
                signatories=signers,
                place=self.place.text(),
                done=_("Đã ghi giao ước thi đua."),
            )
            is not None
        ):
            self.page.refresh(keep_message=self)

    def covenant_ids(self) -> list[int]:
        """The covenants listed, in their order."""
        found = (self.covenants.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.covenants.count()))
        return [int(value) for value in found if value is not None]

    def chosen_covenant(self) -> int | None:
        """The covenant of the row the clerk chose, None while none is chosen."""
        item = self.covenants.currentItem()
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None
        return int(chosen) if chosen is not None else None

    def export_covenant(self) -> None:
        """Print the covenant chosen in the list (the only one when there is one); with several and none chosen,
        the clerk is asked to choose: the first block's was printed whatever the clerk meant."""
        if self.movement_id is None:
            return
        listed = self.covenant_ids()
        chosen = self.chosen_covenant()
        if chosen is None and len(listed) > 1:
            asked = _(
                "Phong trào có {count} giao ước: hãy chọn giao ước cần in trong danh sách rồi bấm lại “In giao ước…”."
            )
            self.say(asked.format(count=len(listed)), error=True)
            return
        if chosen is None and listed:
            chosen = listed[0]
        self.export(
            mv.export_covenant,
            _("Lưu giao ước thi đua"),
            "giao-uoc-thi-dua.pdf",
            movement_id=self.movement_id,
            covenant_id=chosen,
        )


# -- Sơ kết / Tổng kết -----------------------------------------------------------------------------------------


class ReviewsTab(_Tab):
    def __init__(self, page: MovementsPage) -> None:
        super().__init__(page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        form = QFormLayout(left)
        self.kind = QComboBox()
        for key in mv.REVIEW_KINDS:
            self.kind.addItem(mv.label(mv.REVIEW_KINDS, key), key)
        self.day = DateField(date.today())
        self.summary = QPlainTextEdit()
        self.achievements = QPlainTextEdit()
        self.achievements.setPlaceholderText(_("Mỗi dòng một thành tích nổi bật"))
        self.record_button = push_button(_("Ghi hội nghị sơ kết, tổng kết"), self.record)
        form.addRow(_("Hội nghị:"), self.kind)
        form.addRow(_("Ngày:"), self.day)
        form.addRow(_("Tóm tắt kết quả:"), self.summary)
        form.addRow(_("Thành tích:"), self.achievements)
        form.addRow(self.record_button)
        self.reviews = QListWidget()
        self.reviews.setWordWrap(True)  # "Sơ kết — 30/06/2026 (đã đưa vào “…”)" in full, never scrolled sideways
        self.reviews.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reviews.currentRowChanged.connect(self.show_review)
        form.addRow(_("Đã ghi:"), self.reviews)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.view = QTextBrowser()
        right_layout.addWidget(self.view)
        self.year = QSpinBox()
        self.year.setRange(1990, 2200)
        self.year.setValue(queries.working_year(page.context.store))  # the round being prepared
        self.propose_button = push_button(_("Đưa đề xuất vào đợt bình xét"), self.propose)
        self.export_button = push_button(_("Xuất báo cáo…"), self.export_review)
        # the round's year and the export on one line, proposing (for that year) under it: narrow enough to sit
        # beside the movement list on a 1024-pixel screen
        right_layout.addLayout(button_row(QLabel(_("Năm bình xét:")), self.year, right=(self.export_button,)))
        right_layout.addLayout(button_row(self.propose_button))
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 620])
        self.layout_.addWidget(splitter)
        self.finish_layout()
        self.rows: list[dict[str, Any]] = []

    def reload(self, movement: dict[str, Any] | None) -> None:
        self.rows = (movement or {}).get("reviews", [])
        self.reviews.clear()
        for row in self.rows:
            text = f"{mv.label(mv.REVIEW_KINDS, row['kind'])} — {format_date(row['review_date'])}"
            if row["round_id"]:
                text += " " + _("(đã đưa vào “{round}”)").format(round=row["round_name"])
            self.reviews.addItem(text)
        if self.rows:
            self.reviews.setCurrentRow(len(self.rows) - 1)
        else:
            self.view.setHtml("")

    def current(self) -> dict[str, Any] | None:
        row = self.reviews.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def show_review(self, _row: int) -> None:
        review = self.current()
        if review is None:
            return
        ranking = review["ranking"] or {}
        by_block = any(r.get("block") for r in ranking.get("results", []))  # several blocks, each ranked apart
        lines = []
        for r in ranking.get("results", []):
            style = " style='background:#fff2b3'" if r["tied"] else ""
            block = f"<td>{html.escape(r.get('block', ''))}</td>" if by_block else ""
            lines.append(
                f"<tr{style}>{block}<td align='center'>{r['rank']}</td><td>{html.escape(r['name'])}</td>"
                f"<td align='right'>{scoring.format_points(r['total'])}</td><td>{html.escape(r['reason'])}</td></tr>"
            )
        block_head = f"<th>{html.escape(_('Khối/cụm'))}</th>" if by_block else ""
        proposals = "".join(
            f"<li>{html.escape(p.get('name', ''))}: {html.escape(p.get('code_name', p['code']))}</li>"
            for p in review["proposals"]
        )
        self.view.setHtml(
            f"<h3>{html.escape(mv.label(mv.REVIEW_KINDS, review['kind']))} — {format_date(review['review_date'])}</h3>"
            f"<p>{html.escape(review['summary'])}</p>"
            + "".join(f"<p>• {html.escape(a)}</p>" for a in review["achievements"].splitlines())
            + f"<table border='1' cellspacing='0' cellpadding='3'><tr>{block_head}<th>{html.escape(_('Hạng'))}</th>"
            f"<th>{html.escape(_('Đơn vị'))}</th><th>{html.escape(_('Tổng điểm'))}</th>"
            f"<th>{html.escape(_('Ghi chú'))}</th></tr>{''.join(lines)}</table>"
            f"<p><b>{html.escape(ranking.get('note', '')).replace(chr(10), '<br>')}</b></p>"
            f"<p><b>{html.escape(_('Đề xuất khen thưởng'))}</b></p>"
            + (f"<ul>{proposals}</ul>" if proposals else f"<p>{html.escape(_('(không có)'))}</p>")
        )
        self.year.setValue(int(str(review["review_date"])[:4]))
        self.propose_button.setEnabled(bool(review["proposals"]) and not review["round_id"])

    def record(self) -> None:
        if self.movement_id is None or (day := self.read_day(self.day)) is None:
            return
        if (
            self.run(
                mv.create_review,
                movement_id=self.movement_id,
                kind=self.kind.currentData(),
                review_date=day,
                summary=self.summary.toPlainText(),
                achievements=self.achievements.toPlainText(),
                done=_("Đã ghi hội nghị."),
            )
            is not None
        ):
            self.page.refresh(keep_message=self)

    def propose(self) -> None:
        review = self.current()
        if review is None or self.movement_id is None:
            return
        round_id = self.run(
            mv.propose_to_review,
            movement_id=self.movement_id,
            year=self.year.value(),
            proposals=review["proposals"],
            review_id=review["id"],
            changes=("movements", "review"),
        )
        if round_id is not None:
            self.page.refresh(keep_message=self)
            name = next((r["round_name"] for r in self.rows if r["round_id"] == round_id), "")
            self.say(
                _("Đã đưa {count} đề xuất vào đợt bình xét “{round}” (trang “Bình xét & đề nghị”).").format(
                    count=len(review["proposals"]), round=name
                )
            )

    def export_review(self) -> None:
        review = self.current()
        if review is not None:
            self.export(mv.export_review, _("Lưu báo cáo"), "bao-cao-phong-trao.pdf", review_id=review["id"])


# -- Điển hình tiên tiến ---------------------------------------------------------------------------------------


class ModelsTab(_Tab):
    def __init__(self, page: MovementsPage) -> None:
        super().__init__(page)
        top = QHBoxLayout()
        self.search = text_field(_("Tìm theo tên, việc làm, từ khóa (không cần dấu)"))
        self.search.textChanged.connect(lambda _text: self.reload_models())
        self.only_movement = QCheckBox(_("Chỉ của phong trào này"))
        self.only_movement.toggled.connect(lambda _on: self.reload_models())
        top.addWidget(self.search, 1)
        top.addWidget(self.only_movement)
        self.layout_.addLayout(top)
        self.table = make_table(
            [_("Tên"), _("Loại"), _("Năm"), _("Việc làm, thành tích"), _("Từ khóa"), _("Phong trào")]
        )
        self.layout_.addWidget(self.table, 1)
        form = QHBoxLayout()
        self.name = text_field(_("Tên cá nhân, tập thể, mô hình"))
        self.kind = QComboBox()
        for key in mv.MODEL_KINDS:
            self.kind.addItem(mv.label(mv.MODEL_KINDS, key), key)
        self.achievement = text_field(_("Việc làm, thành tích"))
        self.tags = text_field(_("Từ khóa, cách nhau bằng dấu phẩy"))
        self.year = QSpinBox()
        self.year.setRange(1990, 2200)
        self.year.setValue(date.today().year)
        self.add_button = push_button(_("Thêm điển hình"), self.add)
        for widget, stretch in (
            (self.name, 2),
            (self.kind, 0),
            (self.achievement, 3),
            (self.tags, 1),
            (self.year, 0),
            (self.add_button, 0),
        ):
            form.addWidget(widget, stretch)
        self.layout_.addLayout(form)
        self.finish_layout()

    def reload(self, movement: dict[str, Any] | None) -> None:
        self.reload_models()

    def reload_models(self) -> None:
        rows = mv.search_models(
            self.page.context.store,
            query=self.search.text(),
            movement_id=self.movement_id if self.only_movement.isChecked() else None,
        )
        names = people_names(self.page.context.store, rows)
        fill_rows(
            self.table,
            [
                [name, r["kind_label"], r["year"] or "", r["achievement"], r["tags"], r["movement_name"] or ""]
                for r, name in zip(rows, names, strict=True)
            ],
        )

    def add(self) -> None:
        if (
            self.run(
                mv.add_model,
                name=self.name.text(),
                kind=self.kind.currentData(),
                achievement=self.achievement.text(),
                tags=self.tags.text(),
                year=self.year.value(),
                movement_id=self.movement_id,
                done=_("Đã thêm điển hình tiên tiến."),
            )
            is not None
        ):
            self.name.clear()
            self.achievement.clear()
            self.tags.clear()
            self.reload_models()


# -- the page --------------------------------------------------------------------------------------------------


class MovementsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current_id: int | None = None
        layout = QVBoxLayout(self)  # the hint above the list and tabs, as on the other pages
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("Phong trào thi đua"))
        title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        left_layout.addWidget(title)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._selected)
        left_layout.addWidget(self.list, 1)
        self.new_box = NewMovementBox(self)
        left_layout.addWidget(self.new_box)
        self.tabs = QTabWidget()
        self.info = InfoTab(self)
        self.registrations = RegistrationsTab(self)
        self.covenant = CovenantTab(self)
        self.scores = ScoresTab(self)
        self.reviews = ReviewsTab(self)
        self.models = ModelsTab(self)
        self.tabs.addTab(self.info, _("Thông tin"))
        self.tabs.addTab(self.registrations, _("Đăng ký"))
        self.tabs.addTab(self.covenant, _("Giao ước"))
        self.tabs.addTab(self.scores, _("Tiêu chí && chấm điểm"))
        self.tabs.addTab(self.reviews, _("Sơ kết/Tổng kết"))
        self.tabs.addTab(self.models, _("Điển hình tiên tiến"))
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 1000])
        self.empty_hint = EmptyHint(self)
        layout.addWidget(self.empty_hint)
        layout.addWidget(splitter)
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def tab_widgets(self) -> list[_Tab]:
        return [self.info, self.registrations, self.covenant, self.scores, self.reviews, self.models]

    def refresh(self, *, select: int | None = None, keep_message: _Tab | None = None) -> None:
        """Reload the list and the current movement's tabs; messages stay on the tab that made the change."""
        select = select if select is not None else self.current_id
        self.rows = mv.list_movements(self.context.store)
        self.list.blockSignals(True)
        self.list.clear()
        chosen = 0
        for index, row in enumerate(self.rows):
            item = QListWidgetItem(f"{row['name']}\n{row['kind_label']} · {row['period']} · {row['status_label']}")
            item.setToolTip(row["name"])
            self.list.addItem(item)
            if row["id"] == select:
                chosen = index
        if self.rows:
            self.list.setCurrentRow(chosen)
        self.list.blockSignals(False)
        if self.rows:
            self._load(self.rows[chosen]["id"], keep_message)
            self.empty_hint.hide()
        else:
            self._load(None, keep_message)
            self.empty_hint.show_hint(
                _(
                    "Chưa có phong trào thi đua nào. Hãy tạo phong trào đầu tiên: nhập tên, loại và thời gian ở "
                    "khung “Phong trào mới” bên trái rồi bấm “Tạo phong trào”; sau đó phát động, ghi đăng ký "
                    "và chấm điểm ở các thẻ bên phải."
                ),
                [(_("Nhập phong trào mới"), self.start_new)],
            )

    def start_new(self) -> None:
        self.new_box.name.setFocus()

    def _selected(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self._load(self.rows[row]["id"], None)

    def _load(self, movement_id: int | None, keep_message: _Tab | None) -> None:
        self.current_id = movement_id
        movement = mv.get_movement(self.context.store, movement_id) if movement_id is not None else None
        for tab in self.tab_widgets():
            if tab is not keep_message:
                tab.message.setText("")
            tab.reload(movement)
            tab.setEnabled(movement is not None or tab is self.models)

    def select_movement(self, movement_id: int) -> None:
        self.refresh(select=movement_id)


def people_names(store: Any, rows: list[dict[str, Any]]) -> list[str]:
    """The rows' names, with the birth year (or staff code) beside a name two different people share."""

    def who(row: dict[str, Any]) -> Any:
        return ("s", row["staff_id"]) if row.get("staff_id") else ("x", row.get("department_id"), row.get("id"))

    def details(row: dict[str, Any]) -> dict[str, Any]:
        return queries.get_staff(store, int(row["staff_id"])) if row.get("staff_id") else {}

    return tell_apart(rows, identity=who, details=details)
