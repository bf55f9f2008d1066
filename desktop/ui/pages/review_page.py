"""Bình xét & đề nghị: the engine's verdicts for a year — who may be proposed for what, and every reason why.

The evaluation runs off the UI thread on its own database connection, so a large unit never freezes the
window. It is the second tab of the "Bình xét & đề nghị" area; the review round itself (council
ballot, decision, register numbers) is the first tab (desktop/ui/review/rounds_widget.py).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.eligibility.verdicts import VERDICT_LABELS
from desktop.domain.text import fold, search_tokens
from desktop.i18n import N_, _
from desktop.ops import rules
from desktop.ops.queries import working_year
from desktop.ops.review.common import mark_same_names
from desktop.ui.context import AppContext
from desktop.ui.jobs import Job
from desktop.ui.operations import Operation
from desktop.ui.review import CATEGORY_LABELS, TARGET_LABELS, open_history_import
from desktop.ui.tables import ListTableModel, read_only_rows
from desktop.ui.widgets import ask_save_path, code_combo, note, push_button, show_error, text_field, year_box

VERDICT_HINTS: dict[str, str] = {
    "eligible": N_("Đủ các tiêu chuẩn theo quy định."),
    "needs_vote": N_("Đủ tiêu chuẩn; Hội đồng Thi đua - Khen thưởng phải bỏ phiếu kín trước khi quyết định."),
    "deferred": N_("Tạm hoãn xét vì đang xem xét kỷ luật, điều tra, thanh tra hoặc khiếu nại."),
    "not_eligible": N_("Chưa đủ ít nhất một tiêu chuẩn; xem lý do."),
}
VERDICT_COLORS: dict[str, str] = {
    "eligible": "#1b6e20",
    "needs_vote": "#1a4fa0",
    "deferred": "#b35c00",
    "not_eligible": "#6b6b6b",
}
CONFERRED_LABELS: dict[str, str] = {
    "unit": N_("Đơn vị quyết định"),
    "upward": N_("Đề nghị cấp trên"),
    "unknown": N_("Chưa rõ (bộ quy tắc chưa có giá trị cho ngày này)"),
}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def evaluate_rows(store: Any, *, year: int) -> dict[str, Any]:
    """Worker side: the verdicts as plain dicts plus the catalog names, read on the worker's own store."""

    verdicts = rules.evaluate_year(store, year=year)
    rows = rules.verdicts_json(verdicts)
    people = [row for row in rows if row["target_kind"] == "individual"]
    for row in people:
        row["staff_id"] = row["id"]
    mark_same_names(store, people)  # two people of one name are told apart by birth year or code
    pack = rules.effective_pack(store)
    names = {item.code: item.name for item in (*pack.titles, *pack.award_forms)}
    return {"year": year, "rows": rows, "names": names}


class VerdictModel(ListTableModel):
    NAME, TARGET, AWARD, VERDICT = range(4)
    CATEGORY, CONFERRED = 10, 11  # not shown as columns: in the details panel and the export

    HEADERS = (N_("Cán bộ / tập thể"), N_("Đối tượng"), N_("Danh hiệu, hình thức"), N_("Kết quả"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.names: dict[str, str] = {}

    def set_rows(self, rows: list[dict[str, Any]], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.names = dict(names)
        for row in self.rows:  # the search key (the name, accent-free), computed once
            row["_key"] = fold(str(row.get("name") or ""))
        self.endResetModel()

    def award_name(self, row: dict[str, Any]) -> str:
        code = str(row.get("code") or "")
        return self.names.get(code, code)

    def text(self, row: dict[str, Any], column: int) -> str:
        if column == self.NAME:
            name, mark = str(row.get("name") or ""), row.get("name_mark")
            return _("{name} ({mark})").format(name=name, mark=mark) if mark else name
        if column == self.TARGET:
            kind = str(row.get("target_kind") or "")
            return _(TARGET_LABELS.get(kind, kind))
        if column == self.AWARD:
            return self.award_name(row)
        if column == self.CATEGORY:
            category = str(row.get("category") or "")
            return _(CATEGORY_LABELS.get(category, category))
        if column == self.VERDICT:
            verdict = str(row.get("verdict") or "")
            text = _(VERDICT_LABELS.get(verdict, verdict))
            if row.get("rank"):
                text = _("{verdict} (thứ tự {rank})").format(verdict=text, rank=row["rank"])
            return text
        if column == self.CONFERRED:
            conferred = str(row.get("conferred_by") or "")
            return _(CONFERRED_LABELS.get(conferred, conferred))
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == ROW_ROLE:
            return row
        if column == self.VERDICT:
            verdict = str(row.get("verdict") or "")
            if role == Qt.ItemDataRole.ForegroundRole and verdict in VERDICT_COLORS:
                return QBrush(QColor(VERDICT_COLORS[verdict]))
            if role == Qt.ItemDataRole.ToolTipRole and verdict in VERDICT_HINTS:
                return _(VERDICT_HINTS[verdict])
            if role == Qt.ItemDataRole.FontRole and verdict in ("eligible", "needs_vote"):
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
        if column == self.AWARD and role == Qt.ItemDataRole.ToolTipRole:
            return _("{code} — {category}, {conferred}").format(
                code=row.get("code") or "",
                category=self.text(row, self.CATEGORY),
                conferred=self.text(row, self.CONFERRED),
            )
        return None


class VerdictFilter(QSortFilterProxyModel):
    """Filters by verdict, by code and by an accent-free search of the name (every word typed must appear)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = ""
        self.code = ""
        self.tokens: list[str] = []
        self.setSortLocaleAware(True)

    def set_filters(self, *, verdict: str, code: str, query: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.verdict, self.code, self.tokens = verdict, code, search_tokens(query)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.verdict, self.code, self.tokens = verdict, code, search_tokens(query)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, VerdictModel)
        row = model.rows[source_row]
        if self.verdict and row.get("verdict") != self.verdict:
            return False
        if self.code and row.get("code") != self.code:
            return False
        key = row.get("_key", "")
        return all(token in key for token in self.tokens)


class ReviewPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.result_year: int | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.info = note(
            _(
                "Trang này cho biết theo quy định hiện hành, ai đủ điều kiện được đề nghị danh hiệu, hình thức khen "
                "thưởng nào và vì sao, kèm căn cứ của từng tiêu chuẩn. Để lập danh sách đề nghị, họp Hội đồng và "
                "ra quyết định, dùng thẻ “Đợt bình xét”."
            ),
            color="",
        )
        layout.addWidget(self.info)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Năm xét:")))

        self.year = year_box(working_year(context.store, date.today()))  # the year being worked on, not the calendar's
        top.addWidget(self.year)
        self.run_button = QPushButton(_("Xét theo quy định"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_evaluation)
        top.addWidget(self.run_button)
        top.addSpacing(16)
        # never self.export_xlsx directly: Qt's clicked(bool) would arrive as its path argument
        self.export_button = push_button(_("Xuất ra Excel…"), lambda: self.export_xlsx(None))
        self.export_button.setEnabled(False)
        top.addWidget(self.export_button)
        top.addStretch(1)
        layout.addLayout(top)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Kết quả:")))
        self.verdict_filter = code_combo(VERDICT_LABELS, first=(_("Tất cả"), ""))
        filters.addWidget(self.verdict_filter)
        filters.addWidget(QLabel(_("Danh hiệu, hình thức:")))
        self.code_filter = QComboBox()
        self.code_filter.addItem(_("Tất cả"), "")
        self.code_filter.setMinimumContentsLength(18)
        filters.addWidget(self.code_filter)
        self.search = text_field(_("Tìm theo tên (gõ có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)
        for combo in (self.verdict_filter, self.code_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)

        status_row = QHBoxLayout()
        self.status = note(_("Chọn năm rồi bấm “Xét theo quy định”."), color="")
        status_row.addWidget(self.status, 1)
        # nothing to evaluate without ratings: the import (the Tệp menu's dialog) offered right here
        self.import_button = push_button(
            _("Nhập kết quả đánh giá, xếp loại…"), lambda: open_history_import(self, self.context)
        )
        self.import_button.setVisible(False)
        status_row.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(status_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.model = VerdictModel(self)
        self.proxy = VerdictFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        read_only_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(VerdictModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VerdictModel.AWARD, QHeaderView.ResizeMode.Stretch)
        for column in (VerdictModel.TARGET, VerdictModel.VERDICT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda _cur, _prev: self.show_details())
        splitter.addWidget(self.table)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(_("Chọn một dòng để xem đầy đủ lý do và căn cứ."))
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 400])
        layout.addWidget(splitter, 1)

        context.data_changed.connect(self._on_data_changed)

    # -- evaluation -----------------------------------------------------------------------------------------
    def run_evaluation(self) -> Job | None:
        if self.job is not None:
            return None
        year = self.year.value()
        self.run_button.setEnabled(False)
        self.status.setText(_("Đang xét năm {year}…").format(year=year))
        operation = Operation(self, self.context, evaluate_rows, year=year)
        self.job = (
            operation.success(self._evaluated)
            .failure(self._failed)
            .cancelled(self._job_over)
            .run_in_background(_("Xét thi đua, khen thưởng năm {year}").format(year=year))
        )
        return self.job

    def _job_over(self) -> None:
        self.job = None
        self.run_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._job_over()
        problems = getattr(error, "problems", None) or [str(error) or error.__class__.__name__]
        self.status.setText(_("Chưa xét được: {reason}").format(reason="; ".join(problems)))
        show_error(
            self, _("Chưa xét được năm {year}:\n{reason}").format(year=self.year.value(), reason="\n".join(problems))
        )

    def _evaluated(self, result: dict[str, Any]) -> None:
        self._job_over()
        self.result_year = int(result["year"])
        self.model.set_rows(result["rows"], result["names"])
        current_code = self.code_filter.currentData()
        self.code_filter.blockSignals(True)
        self.code_filter.clear()
        self.code_filter.addItem(_("Tất cả"), "")
        seen: dict[str, str] = {}
        for row in self.model.rows:
            seen.setdefault(str(row.get("code")), self.model.award_name(row))
        for code, name in seen.items():
            self.code_filter.addItem(name, code)
        self.code_filter.setCurrentIndex(max(self.code_filter.findData(current_code), 0))
        self.code_filter.blockSignals(False)
        self.export_button.setEnabled(bool(self.model.rows))
        self.import_button.setVisible(not self.model.rows)
        self.apply_filters()
        self.details.clear()

    def summary_text(self) -> str:
        counts = {verdict: 0 for verdict in VERDICT_LABELS}
        for row in self.model.rows:
            counts[str(row.get("verdict"))] = counts.get(str(row.get("verdict")), 0) + 1
        if not self.model.rows:
            return _("Năm {year}: không có cán bộ hay tập thể nào để xét (chưa có dữ liệu xếp loại?).").format(
                year=self.result_year
            )
        return _(
            "Năm {year}: {total} kết quả — {eligible} đủ điều kiện, {vote} cần bỏ phiếu, {deferred} tạm hoãn, "
            "{no} chưa đủ điều kiện. Đang hiện {shown} dòng."
        ).format(
            year=self.result_year,
            total=len(self.model.rows),
            eligible=counts["eligible"],
            vote=counts["needs_vote"],
            deferred=counts["deferred"],
            no=counts["not_eligible"],
            shown=self.proxy.rowCount(),
        )

    def _on_data_changed(self, what: str) -> None:
        if self.result_year is not None and what != "unit":
            self.status.setText(
                self.summary_text() + " " + _("Dữ liệu hoặc quy định đã thay đổi; bấm “Xét theo quy định” để xét lại.")
            )

    # -- filters and details ------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        self.proxy.set_filters(
            verdict=self.verdict_filter.currentData() or "",
            code=self.code_filter.currentData() or "",
            query=self.search.text(),
        )
        if self.result_year is not None:
            self.status.setText(self.summary_text())

    def visible_rows(self) -> list[dict[str, Any]]:
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]

    def selected_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def show_details(self) -> None:
        row = self.selected_row()
        if row is None:
            self.details.clear()
            return
        verdict = str(row.get("verdict") or "")
        color = VERDICT_COLORS.get(verdict, "#000000")
        parts = [
            f"<h3>{html.escape(str(row.get('name') or ''))}</h3>",
            "<p>{award} — <b style='color:{color}'>{verdict}</b><br/>{hint}</p>".format(
                award=html.escape(self.model.award_name(row)),
                color=color,
                verdict=html.escape(self.model.text(row, VerdictModel.VERDICT)),
                hint=html.escape(_(VERDICT_HINTS.get(verdict, ""))) if verdict in VERDICT_HINTS else "",
            ),
            "<p>{category_label}: {category}<br/>{label}: {value}</p>".format(
                category_label=html.escape(_("Loại")),
                category=html.escape(self.model.text(row, VerdictModel.CATEGORY)),
                label=html.escape(_("Cấp quyết định")),
                value=html.escape(self.model.text(row, VerdictModel.CONFERRED)),
            ),
            "<p><b>{}</b></p><ol>".format(html.escape(_("Lý do và căn cứ"))),
        ]
        for reason in row.get("reasons") or []:
            text = html.escape(str(reason.get("text") or ""))
            citation = str(reason.get("citation") or "")
            cite_html = (
                "<br/><span style='color:#555555'><i>{}</i></span>".format(
                    html.escape(_("Căn cứ: {cite}").format(cite=citation))
                )
                if citation
                else ""
            )
            parts.append(f"<li style='margin-bottom:6px'>{text}{cite_html}</li>")
        parts.append("</ol>")
        self.details.setHtml("".join(parts))

    # -- export ---------------------------------------------------------------------------------------------
    def export_xlsx(self, path: Path | None = None) -> Path | None:
        """The rows now shown (after filters) as an Excel sheet: one row per verdict, reasons with citations.

        With no ``path`` (the button), the clerk chooses where to save it.
        """
        if not isinstance(path, (str, Path)):  # None, or a signal's bool if ever connected directly
            path = None
        if path is None:
            suggested = str(Path.home() / _("ket-qua-xet-{year}.xlsx").format(year=self.result_year or ""))
            path = ask_save_path(self, _("Xuất kết quả xét ra Excel"), suggested, _("Tệp Excel (*.xlsx)"))
            if path is None:
                return None
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        from openpyxl.styles import Alignment

        from desktop.documents.xlsx_cells import new_sheet, write_row

        headers = [
            _("Cán bộ / tập thể"),
            _("Đối tượng"),
            _("Mã"),
            _("Danh hiệu, hình thức"),
            _("Kết quả"),
            _("Lý do và căn cứ"),
        ]
        workbook, sheet = new_sheet(_("Kết quả xét {year}").format(year=self.result_year or ""), headers)
        written = 1
        for row in self.visible_rows():
            reasons = "\n".join(
                _("{text} — {cite}").format(text=r.get("text", ""), cite=r["citation"])
                if r.get("citation")
                else str(r.get("text", ""))
                for r in row.get("reasons") or []
            )
            written += 1
            write_row(
                sheet,
                written,
                [
                    self.model.text(row, VerdictModel.NAME),
                    self.model.text(row, VerdictModel.TARGET),
                    str(row.get("code") or ""),
                    self.model.award_name(row),
                    self.model.text(row, VerdictModel.VERDICT),
                    reasons,
                ],
            )
        for letter, width in zip("ABCDEF", (30, 12, 12, 30, 20, 100), strict=True):
            sheet.column_dimensions[letter].width = width
        for cells in sheet.iter_rows(min_row=2):
            cells[5].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        try:
            workbook.save(path)
        except OSError as exc:
            show_error(self, _("Không ghi được tệp {file}: {reason}").format(file=path, reason=exc))
            return None
        self.status.setText(_("Đã xuất {count} dòng ra tệp {file}.").format(count=sheet.max_row - 1, file=path))
        return path
