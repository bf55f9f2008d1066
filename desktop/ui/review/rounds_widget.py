"""Đợt bình xét: the review rounds, their nominations and each step of the year's work, in order.

A round moves through five steps (Đề xuất → Hội đồng → Niêm yết → Quyết định → Gửi hồ sơ lên tỉnh); the step bar
shows where it stands and the buttons under the table open the next step. Every change against the engine's
advice needs a reason, typed next to the field that asks for it.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError, parse_date
from desktop.domain.eligibility.verdicts import VERDICT_LABELS
from desktop.domain.text import fold, matches, search_tokens
from desktop.i18n import N_, _
from desktop.ops import queries, review
from desktop.ops.review import ACTIVE_STATUSES, NOMINATION_STATUSES
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.review import (
    CATEGORY_LABELS,
    CONFERRED_LABELS,
    TARGET_LABELS,
    ask_reason,
    document_file_name,
    open_history_import,
    render_document_file,
    shown_name,
)
from desktop.ui.review.council_dialog import CouncilDialog
from desktop.ui.review.decision_dialog import DecisionDialog
from desktop.ui.review.dossier_widget import DossierDialog
from desktop.ui.review.round_dialogs import AddNominationDialog, CreateRoundDialog
from desktop.ui.tables import bulk_fill, cell, make_table
from desktop.ui.widgets import (
    BAD_COLOR,
    MUTED_COLOR,
    OK_COLOR,
    ask_confirm,
    button_row,
    open_dialog,
    push_button,
    show_error,
    show_info,
    text_field,
    wrapped_label,
)

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


class RoundsWidget(QWidget):
    """The rounds on the left; the selected round's steps, nominations and actions on the right."""

    round_changed = Signal()
    certificates_requested = Signal(int)  # a decision id: its certificates to print

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
        self.delete_button = push_button(
            _("Xóa đợt xét…"),
            self.delete_round,
            tooltip=_("Xóa đợt chưa dùng (chưa bỏ phiếu, chưa có quyết định), ví dụ đợt tạo nhầm."),
        )
        left_layout.addWidget(self.delete_button)
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
        self.summary = wrapped_label()
        layout.addWidget(self.summary)
        # where the review starts without ratings: the import, right here (the same dialog as the Tệp menu's)
        self.import_box = QFrame()
        self.import_box.setFrameShape(QFrame.Shape.StyledPanel)
        import_row = QHBoxLayout(self.import_box)
        import_row.setContentsMargins(6, 4, 6, 4)
        self.import_note = wrapped_label()
        import_row.addWidget(self.import_note, 1)
        self.import_button = push_button(
            _("Nhập kết quả đánh giá, xếp loại…"), lambda: open_history_import(self, self.context)
        )
        import_row.addWidget(self.import_button)
        self.import_box.setVisible(False)
        layout.addWidget(self.import_box)

        filters = QHBoxLayout()
        self.search = text_field(_("Lọc theo tên, danh hiệu (có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.fill_table())
        self.search.setMinimumWidth(160)
        self.show_removed = QCheckBox(_("Hiện cả đề nghị đã bỏ"))
        # never squeezed below its text (the search field gives way instead), a little room at the right edge
        self.show_removed.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.show_removed.toggled.connect(lambda _on: self.fill_table())
        filters.addWidget(self.search, 1)
        filters.addWidget(self.show_removed)
        filters.addSpacing(4)
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
        self.refresh_button = push_button(
            _("Cập nhật đề nghị"),
            self.refresh_proposals,
            tooltip=_(
                "Lập lại đề xuất theo dữ liệu hiện có (ví dụ kết quả xếp loại nhập sau khi tạo đợt); "
                "những người thêm tay, đề nghị đã bỏ và lý do đã ghi được giữ nguyên."
            ),
        )
        layout.addLayout(
            button_row(self.add_button, self.remove_button, self.refresh_button, right=(self.docs_button,))
        )

        self.council_button = push_button(_("1. Hội đồng, bỏ phiếu…"), self.open_council_dialog)
        self.posting_button = push_button(_("2. Niêm yết…"), self.start_posting)
        self.decision_button = push_button(_("3. Ra quyết định…"), self.open_decision_dialog)
        self.dossier_button = push_button(_("4. Hồ sơ lên cấp trên…"), self.open_dossier_dialog)
        layout.addLayout(
            button_row(self.council_button, self.posting_button, self.decision_button, self.dossier_button)
        )
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
        decided = bool(self.round) and (
            self.round["status"] in ("decided", "closed") or bool(self.round.get("decisions"))
        )
        self.refresh_button.setEnabled(has_round and not decided and self.round["kind"] == "year")
        self.delete_button.setEnabled(has_round and not decided and not any(n["ballot"] for n in self.nominations))
        self._show_import_hint()
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
        active = [n for n in self.nominations if n["status"] in ACTIVE_STATUSES]
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
        pending = len(self.pending_ballots())
        if pending:
            parts.append(_("{n} chưa ghi kết quả bỏ phiếu").format(n=pending))
            self.steps.labels[1].setToolTip(
                _("Còn {n} đề nghị cần Hội đồng bỏ phiếu kín chưa ghi kết quả.").format(n=pending)
            )
        else:
            self.steps.labels[1].setToolTip("")
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

    def _show_import_hint(self) -> None:
        """Offer the ratings import when the year under review has none (a new file, or a round made too early)."""
        store = self.context.store
        year = self.round["year"] if self.round else queries.working_year(store, date.today())
        if review.year_ratings(store, year) or (self.round and self.round["status"] in ("decided", "closed")):
            self.import_box.setVisible(False)
            return
        if self.round:
            text = _(
                "Chưa có kết quả đánh giá, xếp loại năm {year} nên chương trình chưa đề xuất được ai. Nhập từ tệp "
                "Excel, rồi bấm “Cập nhật đề nghị”."
            )
        else:
            text = _(
                "Chưa có kết quả đánh giá, xếp loại năm {year}. Nhập từ tệp Excel trước khi tạo đợt bình xét để "
                "chương trình đề xuất được danh sách."
            )
        self.import_note.setText(text.format(year=year))
        self.import_box.setVisible(True)

    def done_steps(self) -> set[int]:
        """Finished steps: proposals once the council met, the council once every ballot is in, and so on."""
        r = self.round
        if not r:
            return set()
        done: set[int] = set()
        council = r.get("council")
        if council or r["status"] != "draft":
            done.add(0)
        # the council is done only when every nominee that needs the secret ballot has its result (or the round
        # is closed): a decision issued for some nominees does not tick it while others still wait for a ballot
        if (council and not self.pending_ballots()) or r["status"] == "closed":
            done.add(1)
        issued = any(d["status"] == "issued" for d in r.get("decisions") or ())
        if r["posted_from"] and (issued or date.fromisoformat(r["posted_to"]) < date.today()):
            done.add(2)  # the posting is done once its last day is over, not when it is announced
        if issued:
            done |= {0, 2, 3} if r["posted_from"] else {0, 3}
        if self._dossier_count():
            done.add(4)
        return done

    def pending_ballots(self) -> list[dict[str, Any]]:
        """Nominees still in the running whose title needs the council's secret ballot and who have none yet."""
        return [
            n for n in self.nominations if n["status"] in ACTIVE_STATUSES and n["ballot_required"] and not n["ballot"]
        ]

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
                    cell(shown_name(n), data=n["id"], color=muted, tooltip=name_tip),
                    cell(n["code_name"], color=muted, tooltip=_(CATEGORY_LABELS.get(n["category"], ""))),
                    cell(_(CONFERRED_LABELS.get(n["authority"], n["conferred_by"])), color=muted),
                    cell(_verdict_text(n), color=muted or verdict_color),
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
        n = self.selected_nomination()
        self.remove_button.setEnabled(n is not None and n["status"] in ACTIVE_STATUSES)
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
        if what in ("review", "decisions", "staff", "departments", "demo", "history"):
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
        n = self.selected_nomination()
        if n is None:
            show_error(self, _("Hãy chọn một dòng trong danh sách đề nghị."))
            return False
        reason = ask_reason(
            self,
            _("Bỏ khỏi danh sách đề nghị"),
            _("Lý do bỏ {name} ({title}) khỏi danh sách (bắt buộc):").format(name=shown_name(n), title=n["code_name"]),
        )
        if reason is None:
            return False
        operation = Operation(self, self.context, review.remove_nomination, nomination_id=n["id"], reason=reason)
        return operation.changes("review").success(lambda _none: self.load_rounds()).run()

    def refresh_proposals(self) -> bool:
        """Propose again from the data now in the file; what the clerk changed by hand stays."""
        if not self.round:
            return False
        round_id = self.round["id"]

        def done(counts: dict[str, int]) -> None:
            self.load_rounds(select_id=round_id)
            show_info(
                self,
                _(
                    "Đã cập nhật danh sách đề nghị theo dữ liệu hiện có: thêm {added}, cập nhật {updated}, "
                    "bỏ {dropped} đề xuất không còn đủ điều kiện; giữ nguyên {kept} dòng anh/chị đã thay đổi "
                    "hoặc đã bỏ phiếu."
                ).format(**counts),
            )

        operation = Operation(self, self.context, review.refresh_proposals, round_id=round_id)
        return operation.changes("review").success(done).run()

    def delete_round(self) -> bool:
        """Delete the selected round after a Yes; the ops function refuses one already used."""
        if not self.round:
            return False
        r = self.round
        question = _(
            "Xóa đợt “{name}” cùng {count} đề nghị của nó? Chỉ xóa được đợt chưa bỏ phiếu, chưa có quyết định; "
            "nhật ký thay đổi vẫn giữ lại nội dung đã xóa."
        ).format(name=r["name"], count=len(self.nominations))
        if not self.confirm(_("Xóa đợt bình xét"), question):
            return False
        operation = Operation(self, self.context, review.delete_round, round_id=r["id"])
        return operation.changes("review").success(lambda _none: self.load_rounds()).run()

    def open_council_dialog(self) -> QDialog | None:
        if not self.round:
            return None
        dialog = CouncilDialog(self.context, self.round["id"], self)
        dialog.changed.connect(self._changed)
        return open_dialog(self, dialog)

    def start_posting(self) -> bool:
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
        if not self.round:
            return None
        dialog = DecisionDialog(self.context, self.round["id"], self)  # its operation announces "decisions"
        dialog.certificates_requested.connect(self.open_certificates)
        return open_dialog(self, dialog)

    def open_certificates(self, decision_id: int) -> QWidget | None:
        """The window's certificates page on ``decision_id`` (after issuing); also told to whoever listens."""
        self.certificates_requested.emit(decision_id)
        show_page = getattr(self.window(), "show_page", None)
        if not callable(show_page):
            return None
        page = show_page("certificates")
        box = getattr(page, "decision_box", None)
        if box is not None and box.findData(decision_id) >= 0:
            box.setCurrentIndex(box.findData(decision_id))
        return page if isinstance(page, QWidget) else None

    def open_dossier_dialog(self) -> QDialog | None:
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
        name = document_file_name(kind, fold(self.round["name"]) or self.round["year"])
        _out, self.last_job = render_document_file(
            self, self.context, kind=kind, name=name, fmt=fmt, round_id=self.round["id"]
        )
        return self.last_job

    def confirm(self, title: str, text: str) -> bool:
        return ask_confirm(self, title, text)


# A "needs a vote" verdict is the engine's word at proposal time; once the council has voted (or the nomination went
# on to a decision or a dossier) the row says how the wait ended rather than still "Chờ kết quả bỏ phiếu".
_VOTE_SETTLED = {
    "passed": N_("Đủ điều kiện, đã qua Hội đồng"),
    "decided": N_("Đủ điều kiện, đã qua Hội đồng"),
    "sent_up": N_("Đủ điều kiện, đã qua Hội đồng"),
    "failed": N_("Không đạt khi Hội đồng bỏ phiếu"),
}


def _verdict_text(nomination: dict[str, Any]) -> str:
    verdict = nomination["engine_verdict"] or ""
    if verdict == "needs_vote" and nomination["status"] in _VOTE_SETTLED:
        return _(_VOTE_SETTLED[nomination["status"]])
    return _(VERDICT_LABELS.get(verdict, verdict))
