"""The catalog of titles and award forms as a tree: each value with its citation, the date it holds from, its
source, and whether it has been checked against the text in force."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop.domain import codes
from desktop.domain.codes import AUTHORITY_LABELS, PAPER_LABELS, UNIT_KINDS
from desktop.domain.dates import format_date
from desktop.domain.money import format_number
from desktop.domain.rules import CatalogItem, Cited, RulePack
from desktop.i18n import _
from desktop.ui.pages.rules_common import (
    CITE_ROLE,
    PARAM_LABELS,
    UNCONFIRMED_BACKGROUND,
    UNCONFIRMED_COLOR,
    UNCONFIRMED_NOTE,
    source_label,
)
from desktop.ui.review import TARGET_LABELS


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text in the current column width, so no citation is cut off."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        width = self.view.columnWidth(index.column()) - 10
        if index.column() == 0:
            width -= self.view.indentation() * (2 if index.parent().isValid() else 1)
        height = metrics.height()
        if text and width > 20 and metrics.horizontalAdvance(text) > width:
            height = max(height, metrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, text).height())
        return QSize(metrics.horizontalAdvance(text) + 12, height + 6)


# -- the catalog ----------------------------------------------------------------------------------------------
class CatalogTree(QTreeWidget):
    """One tree per table (titles or award forms): an item per code, one child row per value with its citation."""

    NAME, VALUE, CITE, FROM, CONFIRMED, SOURCE = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(6)
        self.setHeaderLabels([_("Nội dung"), _("Giá trị"), _("Căn cứ"), _("Từ ngày"), _("Xác nhận"), _("Nguồn")])
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long citations wrap inside their cell rather than being cut off.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.CITE, QHeaderView.ResizeMode.Stretch)
        for column in (self.FROM, self.CONFIRMED, self.SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(self.NAME, 320)
        self.setColumnWidth(self.VALUE, 230)
        self.setItemDelegate(WrapDelegate(self))
        header.sectionResized.connect(lambda *_args: self.scheduleDelayedItemsLayout())

    def load(
        self,
        pack: RulePack,
        items: tuple[CatalogItem, ...],
        on: date,
        sources: dict[str, str],
        unit_kind: str = "ubnd_xa",
    ) -> None:
        expanded = {
            code
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).isExpanded()
            for code in [self.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)]
        }
        self.clear()
        for item in sorted(items, key=_catalog_order):
            top = QTreeWidgetItem(self)
            top.setData(0, Qt.ItemDataRole.UserRole, item.code)
            top.setText(self.NAME, _("{code} — {name}").format(code=item.code, name=item.name))
            font = top.font(self.NAME)
            font.setBold(True)
            top.setFont(self.NAME, font)
            top.setText(self.VALUE, ", ".join(_(TARGET_LABELS.get(t, t)) for t in item.targets))
            self._cite(top, item.basis, sources, tooltip_label=_("Căn cứ của danh hiệu, hình thức"))
            for row_label, value_text, cited in self._rows(pack, item, on, unit_kind):
                child = QTreeWidgetItem(top)
                child.setText(self.NAME, row_label)
                child.setText(self.VALUE, value_text)
                self._cite(child, cited, sources, tooltip_label=row_label)
            top.setExpanded(item.code in expanded or not expanded)

    def _rows(self, pack: RulePack, item: CatalogItem, on: date, unit_kind: str) -> list[tuple[str, str, Cited]]:
        prefix = f"{item.table}.{item.code}"
        rows: list[tuple[str, str, Cited]] = []
        keys = set(pack.value_keys())
        targets = ", ".join(_(TARGET_LABELS.get(t, t)) for t in item.targets)
        basis = pack.cited(f"{prefix}.basis", on) if f"{prefix}.basis" in keys else item.basis
        rows.append((_("Đối tượng"), targets, basis))
        if any(key.startswith(f"{prefix}.conferred_by.") for key in keys):
            cited = pack.authority_cited(item.code, unit_kind, on)
            rows.append(
                (
                    _("Cấp quyết định (đơn vị loại “{kind}”)").format(kind=_(UNIT_KINDS.get(unit_kind, unit_kind))),
                    _(AUTHORITY_LABELS.get(str(cited.value), str(cited.value))),
                    cited,
                )
            )
        if f"{prefix}.certificate" in keys:
            cited = pack.cited(f"{prefix}.certificate", on)
            paper = pack.paper(item.code, on)
            rows.append((_("Giấy in cho người được khen"), _(PAPER_LABELS.get(paper, paper)), cited))
        for target in item.targets:
            key = f"{prefix}.coefficient.{target}"
            if key in keys:
                cited = pack.cited(key, on)
                rows.append(
                    (
                        _("Hệ số tiền thưởng — {target}").format(target=_(TARGET_LABELS.get(target, target)).lower()),
                        _("{value} × mức lương cơ sở").format(value=format_number(Decimal(cited.value))),
                        cited,
                    )
                )
        if f"{prefix}.ballot_required" in keys:
            required = pack.cited(f"{prefix}.ballot_required", on)
            rows.append((_("Bỏ phiếu kín tại Hội đồng"), _("Có") if required.value else _("Không"), required))
            threshold_key = f"{prefix}.ballot_threshold_percent"
            if required.value and threshold_key in keys:
                cited = pack.cited(threshold_key, on)
                rows.append(
                    (
                        _("Tỷ lệ phiếu đồng ý"),
                        _("≥ {percent}% tổng số thành viên Hội đồng").format(
                            percent=format_number(Decimal(cited.value))
                        ),
                        cited,
                    )
                )
        if pack.posting_days(item.code, on):
            cited = pack.cited(f"{prefix}.posting_days", on)
            rows.append(
                (_("Niêm yết công khai trước khi quyết định"), _("{days} ngày").format(days=cited.value), cited)
            )
        for name in pack.params(item.code, on):  # a criterion a province adds from a later date is not yet one
            cited = pack.param_cited(item.code, name, on)
            shown = value_text(pack, cited.value)
            if name == "cap_percent_of_ldtt" and not cited.value:
                shown = _("Không giới hạn (0)")
            rows.append((_("Tiêu chí: {label}").format(label=param_label(name)), shown, cited))
        return rows

    def _cite(self, row: QTreeWidgetItem, cited: Cited, sources: dict[str, str], *, tooltip_label: str) -> None:
        row.setText(self.CITE, cited.cite)
        row.setText(self.FROM, format_date(cited.valid_from))
        row.setText(self.SOURCE, source_label(cited.source, sources))
        tip = _("{label}\nCăn cứ: {cite}\nÁp dụng từ ngày {date}").format(
            label=tooltip_label, cite=cited.cite, date=format_date(cited.valid_from)
        )
        if cited.unconfirmed:
            row.setText(self.CONFIRMED, _("Chưa xác nhận"))
            tip += "\n" + _(UNCONFIRMED_NOTE)
            for column in (self.VALUE, self.CITE, self.CONFIRMED):
                row.setForeground(column, QBrush(UNCONFIRMED_COLOR))
                row.setBackground(column, QBrush(UNCONFIRMED_BACKGROUND))
        row.setData(self.CITE, CITE_ROLE, bool(cited.unconfirmed))
        for column in range(self.columnCount()):
            row.setToolTip(column, tip)

    def rows_text(self) -> list[list[str]]:
        """Every row as its column texts (for tests and checks)."""
        rows: list[list[str]] = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            rows.append([top.text(c) for c in range(self.columnCount())])
            for j in range(top.childCount()):
                rows.append([top.child(j).text(c) for c in range(self.columnCount())])
        return rows


def _catalog_order(item: CatalogItem) -> tuple[int, int, str]:
    """Individuals first, then collectives, then households; lower ranks first within each."""
    first = item.targets[0]
    return (list(TARGET_LABELS).index(first) if first in TARGET_LABELS else 9, item.rank, item.code)


def param_label(name: str) -> str:
    if name.startswith("note_"):
        return _("Ghi chú cần kiểm tra tay")
    label = PARAM_LABELS.get(name)
    return _(label) if label else _("Tiêu chí khác trong tệp quy định")


def value_text(pack: RulePack, value: Any) -> str:
    """A criterion value as the clerk reads it: ratings, levels and codes by their names."""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, tuple | list):
        return ", ".join(value_text(pack, v) for v in value)
    if isinstance(value, Decimal | int | float):
        return format_number(Decimal(str(value)))
    text = str(value)
    for table in (codes.RATINGS, codes.INITIATIVE_LEVELS, codes.DISCIPLINE_LEVELS, codes.DEPARTMENT_KINDS):
        if text in table:
            return _(table[text])
    if pack.has(text):
        return pack.item(text).label
    return text
