"""Báo cáo: awards of a year (or of one movement's rounds) by title and award form (kept apart), by department,
gender, ethnic group and leader vs direct worker, with small bar charts drawn with QPainter, and the same tables
exported to PDF (reportlab charts) and .xlsx (Excel charts) by :func:`desktop.ops.movements.export_report`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ops import movements as mv
from desktop.ops import queries
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.empty_hint import EmptyHint
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.tables import COMPACT_ROW_HEIGHT, cell, make_table, set_empty_text
from desktop.ui.widgets import ERROR_STYLE, OK_STYLE, wrapped_label, year_box

BAR_COLOR = QColor("#2f6fb3")
YEARS_OFFERED = 4
GROUPS_TABLE = 3  # the last of report_tables: its first column holds our own group names (Nữ, Nam…), not data


class BarChart(QWidget):
    """A horizontal bar chart: one bar per (label, count), the count written at the end of the bar."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.series: list[tuple[str, int]] = []
        self.setMinimumHeight(120)

    def set_series(self, title: str, series: list[tuple[str, int]]) -> None:
        self.title = title
        self.series = list(series)
        self.setMinimumHeight(36 + 22 * max(len(self.series), 1))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 36 + 22 * max(len(self.series), 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(6, 4, self.width() - 12, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        if not self.series:
            painter.drawText(QRectF(6, 28, self.width() - 12, 20), Qt.AlignmentFlag.AlignLeft, _("(không có số liệu)"))
            painter.end()
            return
        label_width = min(
            max(metrics.horizontalAdvance(label) for label, _count in self.series) + 10, self.width() * 0.45
        )
        top = max(count for _label, count in self.series) or 1
        room = self.width() - label_width - 50
        y = 30.0
        for label, count in self.series:
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 8))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(4, y, label_width - 8, 18), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
            )
            width = max(room * count / top, 1.0)
            painter.fillRect(QRectF(label_width, y + 2, width, 14), BAR_COLOR)
            painter.drawText(QRectF(label_width + width + 4, y, 44, 18), Qt.AlignmentFlag.AlignVCenter, str(count))
            y += 22
        painter.end()


class ReportsPage(QWidget):
    """Opens on the year being worked on (:func:`desktop.ops.queries.working_year`); a year without awards says so
    and offers the years that have data."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(_("Báo cáo thi đua, khen thưởng"))
        title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        layout.addWidget(title)  # on its own line: the choices below fit a 1024-pixel screen
        top.addWidget(QLabel(_("Năm:")))
        self.year = year_box(queries.working_year(context.store, today), first=1990, last=2200)
        top.addWidget(self.year)
        top.addWidget(QLabel(_("Phong trào:")))
        self.movement = QComboBox()
        self.movement.setMinimumWidth(260)
        top.addWidget(self.movement, 1)
        self.pdf_button = QPushButton(_("Xuất PDF…"))
        self.xlsx_button = QPushButton(_("Xuất Excel…"))
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)
        layout.addLayout(top)
        self.summary = wrapped_label()
        layout.addWidget(self.summary)
        self.message = wrapped_label()
        layout.addWidget(self.message)
        self.empty_hint = EmptyHint(self)
        layout.addWidget(self.empty_hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        self.tables: list[QTableWidget] = []
        self.table_titles: list[QLabel] = []
        for index in range(4):
            label = QLabel()
            label.setStyleSheet("font-weight: bold;")
            table = make_table([_("Nhóm"), _("Số lượt"), _("Tỷ lệ")], stretch=0, row_height=COMPACT_ROW_HEIGHT)
            table.setMinimumHeight(150)
            set_empty_text(table, _("Không có số liệu trong năm, phong trào đã chọn."))
            grid.addWidget(label, (index // 2) * 2, index % 2)
            grid.addWidget(table, (index // 2) * 2 + 1, index % 2)
            self.tables.append(table)
            self.table_titles.append(label)
        self.charts = [BarChart() for _index in range(3)]
        charts_row = QHBoxLayout()
        for chart in self.charts:
            charts_row.addWidget(chart)
        grid.addLayout(charts_row, 4, 0, 1, 2)
        self.collectives_title = QLabel()
        self.collectives_title.setStyleSheet("font-weight: bold;")
        self.collectives = make_table(
            [_("Tập thể"), _("Xếp loại"), _("Mã"), _("Số thành viên")], stretch=0, row_height=COMPACT_ROW_HEIGHT
        )
        self.collectives.setMinimumHeight(150)
        set_empty_text(self.collectives, _("Đơn vị chưa có phòng, ban, tổ nào (trang Đơn vị)."))
        grid.addWidget(self.collectives_title, 5, 0, 1, 2)
        grid.addWidget(self.collectives, 6, 0, 1, 2)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.year.valueChanged.connect(lambda _value: self.reload_movements())
        self.movement.currentIndexChanged.connect(lambda _index: self.refresh())
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        context.data_changed.connect(lambda _area: self.refresh())
        self.reload_movements()

    def reload_movements(self) -> None:
        self.movement.blockSignals(True)
        self.movement.clear()
        self.movement.addItem(_("(tất cả khen thưởng trong năm)"), None)
        for row in mv.list_movements(self.context.store, year=self.year.value()):
            self.movement.addItem(row["name"], row["id"])
        self.movement.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        from desktop.documents.movement_docs import report_chart_series, report_tables

        reading = Operation(
            self, self.context, mv.report, year=self.year.value(), movement_id=self.movement.currentData()
        )
        if not reading.failure(lambda error: self.message.setText(reason_text(error))).run():
            return
        data = self.data = reading.result or {}
        self.summary.setText(
            _(
                "Năm {year}: {total} lượt khen thưởng ({people} lượt cá nhân, {collectives} lượt tập thể); "
                "{titles} lượt danh hiệu thi đua, {forms} lượt hình thức khen thưởng (tính riêng)."
            ).format(
                year=data["year"],
                total=data["total"],
                people=data["individual"],
                collectives=data["collective"],
                titles=data["titles_total"],
                forms=data["award_forms_total"],
            )
            + ("\n" + "; ".join(data["highlights"]) if data["highlights"] else "")
        )
        for index, ((heading, columns, rows), table, label) in enumerate(
            zip(report_tables(data), self.tables, self.table_titles, strict=True)
        ):
            label.setText(_(heading))  # the documents stay Vietnamese; the window speaks the user's language
            table.setHorizontalHeaderLabels([_(title) for title in columns])
            table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    shown = _(value) if index == GROUPS_TABLE and c == 0 else value
                    table.setItem(r, c, cell(shown, center=c > 0))
        for chart, (title, series) in zip(self.charts, report_chart_series(data), strict=True):
            chart.set_series(_(title), series)
        self._show_collective_ratings(data)
        self._update_empty_hint(data)

    def _update_empty_hint(self, data: dict[str, Any]) -> None:
        """A year without any award says so, and offers the years that have data (newest first)."""
        if data.get("total") or self.movement.currentData() is not None:
            self.empty_hint.hide()
            return
        year = int(data.get("year") or self.year.value())
        others = [y for y in queries.years_with_data(self.context.store) if y != year][:YEARS_OFFERED]
        if others:
            self.empty_hint.show_hint(
                _("Năm {year} chưa có khen thưởng nào được ghi. Các năm có số liệu: {years}.").format(
                    year=year, years=", ".join(str(y) for y in others)
                ),
                [(_("Xem năm {year}").format(year=y), lambda y=y: self.year.setValue(y)) for y in others],
            )
            return
        actions = []
        window = self.window()
        if hasattr(window, "show_page"):
            actions.append((_("Mở trang Bình xét && đề nghị"), lambda: window.show_page("nominations")))
        self.empty_hint.show_hint(
            _(
                "Chưa có số liệu khen thưởng nào. Báo cáo có số liệu khi đợt bình xét cuối năm đã có quyết định, "
                "hoặc sau khi nhập lịch sử khen thưởng từ Excel ở trang Cán bộ."
            ),
            actions,
        )

    def _show_collective_ratings(self, data: dict[str, Any]) -> None:
        """Each collective's own rating of the year: what TTLĐTT and TTLĐXS are decided on."""
        rows = data.get("collective_ratings", [])
        self.collectives_title.setText(_("Xếp loại tập thể năm {year}").format(year=data["year"]))
        self.collectives.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row["name"], row["rating_label"] or _("Chưa xếp loại"), row["rating"] or "", str(row["members"]))
            for c, value in enumerate(cells):
                self.collectives.setItem(r, c, cell(value, center=c >= 2))

    def export(self, kind: str) -> None:
        name = f"bao-cao-{self.year.value()}.{kind}"
        filters = _("PDF (*.pdf)") if kind == "pdf" else _("Excel (*.xlsx)")
        path, _filter = QFileDialog.getSaveFileName(self, _("Lưu báo cáo"), name, filters)
        if not path:
            return

        def refused(error: BaseException) -> None:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(reason_text(error))

        exporting = Operation(
            self,
            self.context,
            mv.export_report,
            year=self.year.value(),
            movement_id=self.movement.currentData(),
            out=path,
        )
        if exporting.failure(refused).run():
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(_("Đã lưu {path}.").format(path=path))
