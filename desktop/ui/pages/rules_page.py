"""Quy định thi đua, khen thưởng: the catalog with every value's citation, the base salary table, province rules.

Titles and award forms sit in separate tabs because the law keeps them apart (a title is never an award form).
Every value shows the legal text it comes from and the date it holds from; values nobody has checked against
the text in force are marked "Chưa xác nhận" so the clerk knows to compare them with the province's documents.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import codes
from desktop.domain.codes import AUTHORITY_LABELS, PAPER_LABELS, UNIT_KINDS
from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.money import format_number
from desktop.domain.rules import CatalogItem, Cited, RulePack, RulePackError
from desktop.domain.text import nfc
from desktop.files.names import safe_name
from desktop.i18n import N_, _
from desktop.ops import rules
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.review import TARGET_LABELS
from desktop.ui.tables import cell, make_table
from desktop.ui.widgets import DateField, FieldError, ask_confirm, note, push_button, show_error

UNCONFIRMED_COLOR = QColor("#a35200")
UNCONFIRMED_BACKGROUND = QColor("#fff1dc")
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b6e20;"
CITE_ROLE = Qt.ItemDataRole.UserRole + 1

PARAM_LABELS: dict[str, str] = {
    "min_rating": N_("Xếp loại tối thiểu"),
    "min_months_worked": N_("Số tháng công tác tối thiểu"),
    "requires_title": N_("Phải đạt danh hiệu"),
    "requires_ldtt": N_("Phải đạt Lao động tiên tiến"),
    "excellent_rating": N_("Xếp loại được tính là xuất sắc"),
    "initiative_levels": N_("Cấp sáng kiến được tính"),
    "cap_percent_of_ldtt": N_("Tỷ lệ CSTĐCS tối đa so với số LĐTT (%)"),
    "consecutive_years": N_("Số năm liên tục"),
    "ldtt_share_more_than_percent": N_("Tỷ lệ thành viên đạt LĐTT phải hơn (%)"),
    "blocking_discipline_level": N_("Không có thành viên bị kỷ luật từ mức"),
    "collective_rating": N_("Xếp loại của tập thể"),
    "member_min_rating": N_("Xếp loại tối thiểu của mọi thành viên"),
    "members_complete_percent": N_("Tỷ lệ thành viên hoàn thành nhiệm vụ (%)"),
    "ldtt_share_at_least_percent": N_("Tỷ lệ thành viên đạt LĐTT tối thiểu (%)"),
    "min_cstdcs_members": N_("Số thành viên đạt CSTĐCS tối thiểu"),
    "consecutive_cstdcs_years": N_("Số năm liên tục đạt CSTĐCS"),
    "consecutive_excellent_years": N_("Số năm liên tục hoàn thành xuất sắc nhiệm vụ"),
    "min_initiatives": N_("Số sáng kiến tối thiểu"),
}
UNCONFIRMED_NOTE = N_(
    "“Chưa xác nhận”: căn cứ này chưa đối chiếu được với văn bản gốc. "
    "Hãy kiểm tra văn bản (của Trung ương, của tỉnh) và sửa nếu cần."
)

# A starting point for a new province rule file: the clerk fills in the real document numbers.
OVERRIDE_TEMPLATE = """\
# Quy định riêng của tỉnh, đặt chồng lên bộ quy tắc quốc gia.
# Chỉ ghi những giá trị tỉnh thay đổi; mỗi giá trị phải có căn cứ (cite) và ngày áp dụng (from).

[pack]
id = "vn-tinh"
name = "Quy định thi đua, khen thưởng của tỉnh"
version = "1"
valid_from = {today}
jurisdiction = "VN-TINH"
kind = "override"
base = "vn-national"

# [settings]
# new_staff_min_months = {{ value = 10, cite = "Quyết định …/…/QĐ-UBND, Điều …", from = {today} }}
# In giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (mặc định: chỉ tiền thưởng và quyết định):
# print_optional_certificates = {{ value = true, cite = "Quyết định …/…/QĐ-UBND, Điều …", from = {today} }}

# [titles.CSTDCS.params]
# cap_percent_of_ldtt = {{ value = 30, cite = "Quyết định …/…/QĐ-UBND, Điều …", from = {today} }}
"""


def _monospace_font() -> Any:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _date_text(value: object) -> str:
    day = _as_date(value)
    return format_date(day) if day else str(value or "")


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setVisible(False)
    return label


def _show_problems(label: QLabel, problems: list[str]) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setText("\n".join(problems))
    label.setVisible(bool(problems))


def _show_ok(label: QLabel, text: str) -> None:
    label.setStyleSheet(OK_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


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
        for name in pack.params(item.code):
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
        return _("Ghi chú cần kiểm tra tay ({name})").format(name=name)
    label = PARAM_LABELS.get(name)
    return _(label) if label else name


def value_text(pack: RulePack, value: Any) -> str:
    """A criterion value as the clerk reads it: ratings, levels and codes by their names."""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, tuple | list):
        return ", ".join(value_text(pack, v) for v in value)
    if isinstance(value, Decimal | int | float):
        return format_number(Decimal(str(value)))
    text = str(value)
    for table in (codes.RATINGS, codes.INITIATIVE_LEVELS, codes.DISCIPLINE_LEVELS):
        if text in table:
            return _(table[text])
    if pack.has(text):
        return pack.item(text).label
    return text


def source_label(source: str, sources: dict[str, str]) -> str:
    """“Quốc gia” for the national file; a stored override is known by its name (the file stem for a file)."""
    if source in sources:
        return sources[source]
    if source == _local_source():
        return _(source)
    return source.removesuffix(".toml")


def pack_sources(pack: RulePack) -> dict[str, str]:
    return {pack.meta.source: _("Quốc gia")}


# -- the page -------------------------------------------------------------------------------------------------
class RulesPage(QWidget):
    """The rules in force, the dated base salary table with a reward calculator, and province override packs."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pack: RulePack | None = None
        self.salary_rows: list[dict[str, Any]] = []
        self.local_entries: list[tuple[date, int, str]] = []
        self.salary_dirty = False
        self.override_id: int | None = None
        self.overrides: list[dict[str, Any]] = []
        self._own_change = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.pack_label = QLabel()
        self.pack_label.setWordWrap(True)
        self.pack_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.pack_label)
        self.note_label = note(_(UNCONFIRMED_NOTE), color="")
        self.note_label.setStyleSheet(
            f"color: {UNCONFIRMED_COLOR.name()}; background: {UNCONFIRMED_BACKGROUND.name()}; padding: 4px;"
        )
        layout.addWidget(self.note_label)
        day_row = QHBoxLayout()
        day_row.addWidget(QLabel(_("Xem quy định áp dụng vào ngày:")))
        self.on_date = DateField(date.today())
        self.on_date.setToolTip(
            _("Luật thay đổi theo thời gian: chọn ngày ký quyết định để xem ai có thẩm quyền, hệ số và căn cứ lúc đó.")
        )
        self.on_date.returnPressed.connect(self.reload)
        day_row.addWidget(self.on_date)
        self.on_date_button = push_button(_("Xem"), lambda: self.reload())
        day_row.addWidget(self.on_date_button)
        self.on_date_error = FieldError()
        day_row.addWidget(self.on_date_error, 1)
        layout.addLayout(day_row)

        self.tabs = QTabWidget()
        self.titles_tree = CatalogTree()
        self.forms_tree = CatalogTree()
        self.tabs.addTab(self._catalog_tab(self.titles_tree, "titles"), _("Danh hiệu"))
        self.tabs.addTab(self._catalog_tab(self.forms_tree, "forms"), _("Hình thức khen thưởng"))
        self.tabs.addTab(self._build_salary_tab(), _("Mức lương cơ sở"))
        self.tabs.addTab(self._build_overrides_tab(), _("Quy định của tỉnh"))
        layout.addWidget(self.tabs, 1)

        self.reload()
        context.data_changed.connect(self._on_data_changed)

    # -- catalog tabs ---------------------------------------------------------------------------------------
    def _catalog_tab(self, tree: CatalogTree, kind: str) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 6)
        intro = note(
            _("Danh hiệu thi đua được xét theo phong trào thi đua; danh hiệu không phải là hình thức khen thưởng.")
            if kind == "titles"
            else _("Hình thức khen thưởng (Giấy khen, Bằng khen) là loại riêng, không phải danh hiệu thi đua."),
            color="",
        )
        layout.addWidget(intro)
        layout.addWidget(tree, 1)
        detail = QLabel()
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail.setMinimumHeight(44)
        detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(detail)
        tree.detail = detail  # type: ignore[attr-defined]
        tree.currentItemChanged.connect(lambda current, _previous: self._show_catalog_detail(tree, current))
        return tab

    def _show_catalog_detail(self, tree: CatalogTree, row: QTreeWidgetItem | None) -> None:
        label: QLabel = tree.detail  # type: ignore[attr-defined]
        if row is None:
            label.clear()
            return
        text = _("{name}: {value} — {cite} (áp dụng từ {date}; nguồn: {source})").format(
            name=row.text(CatalogTree.NAME),
            value=row.text(CatalogTree.VALUE),
            cite=row.text(CatalogTree.CITE),
            date=row.text(CatalogTree.FROM),
            source=row.text(CatalogTree.SOURCE),
        )
        if row.data(CatalogTree.CITE, CITE_ROLE):
            text += " " + _(UNCONFIRMED_NOTE)
        label.setText(text)

    def reload(self) -> None:
        """Read the rules in force again (after any change to the base salary table or an override)."""
        reading = Operation(self, self.context, rules.effective_pack).failure(self._pack_refused)
        self.pack = reading.result if reading.run() else None
        if self.pack is not None:
            self.pack_label.setStyleSheet("")
            self.pack_label.setText(self._pack_text(self.pack))
            sources = pack_sources(self.pack)
            today = self._chosen_date(self.pack)
            kind = rules.unit_kind(self.context.store)
            self.titles_tree.load(self.pack, self.pack.titles, today, sources, kind)
            self.forms_tree.load(self.pack, self.pack.award_forms, today, sources, kind)
            self._fill_code_combo()
            self.load_salary()
        self.load_overrides()  # even with a broken pack: the clerk must be able to switch the culprit off

    def _pack_refused(self, error: BaseException) -> None:
        self.pack_label.setText(_("Không đọc được bộ quy tắc: {problems}").format(problems="; ".join(_problems(error))))
        self.pack_label.setStyleSheet(ERROR_STYLE)

    def _chosen_date(self, pack: RulePack) -> date:
        """The date typed above the catalog (today when empty); a bad or too early date says why and uses today."""
        self.on_date_error.show_message("")
        try:
            chosen = self.on_date.date()
            if chosen is None:
                return date.today()
            pack.check_date(chosen)
        except (DateError, RulePackError) as exc:
            self.on_date_error.show_message(str(exc))
            return date.today()
        return chosen

    def _sources(self) -> dict[str, str]:
        return pack_sources(self.pack) if self.pack is not None else {}

    def _pack_text(self, pack: RulePack) -> str:
        text = _("Đang áp dụng: {name}, phiên bản {version} (từ {date}).").format(
            name=pack.meta.name, version=pack.meta.version, date=format_date(pack.meta.valid_from)
        )
        from desktop.ops.rules import BASE_SALARY_PACK_ID

        province = [meta.name for meta in pack.overrides if meta.id != BASE_SALARY_PACK_ID]
        if province:
            text += " " + _("Quy định của tỉnh đang có hiệu lực: {names}.").format(names=", ".join(province))
        else:
            text += " " + _("Chưa có quy định riêng của tỉnh đang có hiệu lực.")
        if len(province) < len(pack.overrides):
            text += " " + _("Mức lương cơ sở: dùng bảng do đơn vị sửa.")
        text += " " + _("Giá trị hiển thị là giá trị áp dụng hôm nay; di chuột lên một dòng để xem căn cứ đầy đủ.")
        return text

    def _on_data_changed(self, what: str) -> None:
        if what in ("rules", "demo") and self._own_change:
            self._own_change = False  # this page showed its own change already
        elif what in ("rules", "demo") and not self.salary_dirty:
            self.reload()

    def _changed(self, _result: Any = None) -> None:
        """After a saved change (the success of an operation announcing "rules"): show it here now; the
        announcement that follows tells the other pages, and need not reload this one again."""
        self.reload()
        self._own_change = True

    # -- base salary --------------------------------------------------------------------------------------
    def _build_salary_tab(self) -> QWidget:
        tab = QWidget()
        columns = QHBoxLayout(tab)
        columns.setContentsMargins(6, 6, 6, 6)

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
        self.salary_amount = QLineEdit()
        self.salary_amount.setPlaceholderText(_("ví dụ 2.530.000"))
        self.salary_cite = QLineEdit()
        self.salary_cite.setPlaceholderText(_("ví dụ Nghị định …/2026/NĐ-CP, Điều 3"))
        form.addRow(_("Từ ngày:"), self.salary_date)
        form.addRow(_("Mức lương cơ sở (đồng):"), self.salary_amount)
        form.addRow(_("Văn bản căn cứ:"), self.salary_cite)
        box_layout.addLayout(form)

        buttons = QHBoxLayout()
        self.salary_add = push_button(_("Thêm dòng"), self.add_salary_row)
        self.salary_edit = push_button(_("Sửa dòng đã chọn"), self.edit_salary_row)
        self.salary_remove = push_button(_("Xóa dòng đã chọn"), self.remove_salary_row)
        self.salary_save = push_button(_("Lưu bảng lương cơ sở"), self.save_salary)
        for button in (self.salary_add, self.salary_edit, self.salary_remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.salary_save)
        box_layout.addLayout(buttons)
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
        """What the table will be once saved: the clerk's rows replace the others from their earliest date on."""
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
        if self.local_entries:
            first = min(entry[0] for entry in self.local_entries)
            others = [r for r in others if (_as_date(r["valid_from"]) or date.min) < first]
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
        self.local_entries.sort()
        self._mark_salary_dirty()
        return True

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
        self.local_entries.sort()
        self._mark_salary_dirty()
        return True

    def remove_salary_row(self) -> bool:
        index = self._selected_local_index()
        if index is None:
            return False
        del self.local_entries[index]
        self._mark_salary_dirty()
        return True

    def _mark_salary_dirty(self) -> None:
        self.salary_dirty = True
        _show_ok(self.salary_error, _("Có thay đổi chưa lưu: bấm “Lưu bảng lương cơ sở”."))
        self.salary_table.clearSelection()
        self._fill_salary_table()

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
        if not ask_confirm(self, _("Lưu mức lương cơ sở"), question):
            return False

        def saved(_none: None) -> None:
            self.salary_dirty = False
            self._changed()
            _show_ok(self.salary_error, _("Đã lưu bảng mức lương cơ sở (ghi vào nhật ký thay đổi)."))
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

    # -- province overrides -------------------------------------------------------------------------------
    def _build_overrides_tab(self) -> QWidget:
        tab = QWidget()
        outer = QVBoxLayout(tab)
        outer.setContentsMargins(6, 6, 6, 6)
        intro = note(
            _(
                "Quy định riêng của tỉnh (ví dụ tỷ lệ CSTĐCS tối đa, tiêu chuẩn Giấy khen, số tháng công tác của "
                "người mới tuyển dụng) được đặt chồng lên bộ quy tắc quốc gia, từ ngày áp dụng ghi trong tệp. "
                "Mỗi giá trị phải ghi văn bản căn cứ. Mọi thay đổi được ghi vào nhật ký."
            ),
            color="",
        )
        outer.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.override_table = make_table([_("Tên quy định"), _("Nguồn"), _("Hiệu lực"), _("Ngày sửa")], stretch=0)
        self.override_table.itemSelectionChanged.connect(self._on_override_selected)
        left_layout.addWidget(self.override_table, 1)
        row = QHBoxLayout()
        self.import_button = push_button(_("Nhập tệp quy định…"), self.import_override_file)
        self.new_button = push_button(_("Soạn quy định mới"), self.new_override)
        self.active_button = push_button(_("Ngừng áp dụng"), self.toggle_override_active)
        for button in (self.import_button, self.new_button, self.active_button):
            row.addWidget(button)
        row.addStretch(1)
        left_layout.addLayout(row)
        self.import_error = _error_label()
        left_layout.addWidget(self.import_error)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        name_row = QFormLayout()
        self.override_name = QLineEdit()
        self.override_name.setPlaceholderText(_("Ví dụ: Quyết định 12/2026/QĐ-UBND tỉnh Tuyên Quang"))
        name_row.addRow(_("Tên quy định:"), self.override_name)
        right_layout.addLayout(name_row)
        self.override_editor = QPlainTextEdit()
        self.override_editor.setFont(_monospace_font())
        self.override_editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.override_editor.setPlaceholderText(_("Nội dung tệp quy định"))
        right_layout.addWidget(self.override_editor, 1)
        buttons = QHBoxLayout()
        self.check_button = push_button(_("Kiểm tra"), self.check_override)
        self.save_override_button = push_button(_("Lưu"), self.save_override)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_override_button)
        right_layout.addLayout(buttons)
        self.override_problems = _error_label()
        right_layout.addWidget(self.override_problems)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        return tab

    def load_overrides(self) -> None:
        selected = self.override_id
        self.overrides = [dict(row) for row in rules.list_overrides(self.context.store)]
        self.override_table.blockSignals(True)
        self.override_table.setRowCount(len(self.overrides))
        for index, row in enumerate(self.overrides):
            title = str(row.get("name") or "")
            name = cell(_(title) if row.get("is_base_salary") else title, data=int(row["id"]))
            source = cell(_("Tỉnh gửi về") if row.get("source") == "province" else _("Đơn vị nhập"))
            active = cell(
                _("Đang áp dụng") if row.get("active") else _("Ngừng áp dụng"),
                color="" if row.get("active") else "#777777",
            )
            changed = cell(_date_text(row.get("updated_at") or row.get("created_at")))
            for column, item in enumerate((name, source, active, changed)):
                self.override_table.setItem(index, column, item)
        self.override_table.blockSignals(False)
        self.override_table.clearSelection()
        if selected is not None:
            for index, row in enumerate(self.overrides):
                if int(row["id"]) == selected:
                    self.override_table.selectRow(index)
        self._update_override_buttons()

    def _selected_override(self) -> dict[str, Any] | None:
        items = self.override_table.selectedItems()
        if not items:
            return None
        override_id = self.override_table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((row for row in self.overrides if int(row["id"]) == override_id), None)

    def _update_override_buttons(self) -> None:
        row = self._selected_override()
        self.active_button.setEnabled(row is not None)
        if row is not None:
            self.active_button.setText(_("Ngừng áp dụng") if row.get("active") else _("Áp dụng lại"))

    def _on_override_selected(self) -> None:
        row = self._selected_override()
        self._update_override_buttons()
        if row is None:
            return
        self.override_id = int(row["id"])
        self.override_name.setText(str(row.get("name") or ""))
        self.override_editor.setPlainText(str(row.get("toml_text") or row.get("toml") or ""))
        _show_problems(self.override_problems, [])

    def new_override(self) -> None:
        self.override_table.clearSelection()
        self.override_id = None
        self.override_name.clear()
        self.override_editor.setPlainText(OVERRIDE_TEMPLATE.format(today=date.today().isoformat()))
        _show_problems(self.override_problems, [])
        self.override_name.setFocus()

    def _editor_file_name(self) -> str:
        name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in nfc(self.override_name.text()))
        return safe_name(name, separator="-", max_chars=60, fallback="quy-dinh-tinh") + ".toml"  # never "con.toml"

    def check_override(self) -> list[str]:
        """Validate the editor's text as the file it would become; the problems name the key."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / self._editor_file_name()
            path.write_text(self.override_editor.toPlainText(), encoding="utf-8")
            problems = [plain_problem(p) for p in rules.check_override_file(path)]
        if problems:
            _show_problems(self.override_problems, [_("Quy định chưa dùng được:"), *problems])
        else:
            _show_ok(self.override_problems, _("Quy định hợp lệ, có thể lưu."))
        return problems

    def save_override(self) -> int | None:
        name = nfc(self.override_name.text())
        if not name:
            _show_problems(self.override_problems, [_("Chưa nhập tên quy định (ô “Tên quy định”).")])
            return None
        source = "local"
        if self.override_id is not None:
            existing = next((r for r in self.overrides if int(r["id"]) == self.override_id), None)
            source = str(existing.get("source") or "local") if existing else "local"

        def refused(error: BaseException) -> None:
            if isinstance(error, RulePackError):
                _show_problems(self.override_problems, [_("Chưa lưu, quy định có lỗi:"), *_problems(error)])
            else:
                _show_problems(self.override_problems, [_("Chưa lưu: {reason}").format(reason=reason_text(error))])

        def saved(override_id: int) -> None:
            self.override_id = int(override_id)
            self._changed()
            _show_ok(self.override_problems, _("Đã lưu quy định “{name}”.").format(name=name))

        operation = Operation(
            self,
            self.context,
            rules.save_override,
            name=name,
            toml_text=self.override_editor.toPlainText(),
            source=source,
            override_id=self.override_id,
        )
        return self.override_id if operation.changes("rules").success(saved).failure(refused).run() else None

    def import_override_file(self) -> int | None:
        path_text, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp quy định của tỉnh"), "", _("Tệp quy định (*.toml);;Mọi tệp (*)")
        )
        if not path_text:
            return None
        path = Path(path_text)
        problems = [plain_problem(p) for p in rules.check_override_file(path)]
        if problems:
            _show_problems(
                self.import_error,
                [_("Tệp {file} chưa dùng được, chưa nhập gì:").format(file=path.name), *problems],
            )
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _show_problems(
                self.import_error,
                [_("Không đọc được tệp {file}: {reason}").format(file=path.name, reason=reason_text(exc))],
            )
            return None
        name = _pack_name(text) or path.stem

        def imported(override_id: int) -> None:
            _show_ok(self.import_error, _("Đã nhập quy định “{name}” từ tệp {file}.").format(name=name, file=path.name))
            self.override_id = int(override_id)
            self._changed()
            self._on_override_selected()

        operation = Operation(self, self.context, rules.save_override, name=name, toml_text=text, source="local")
        operation.failure(lambda error: _show_problems(self.import_error, [_("Chưa nhập:"), *_problems(error)]))
        return self.override_id if operation.changes("rules").success(imported).run() else None

    def toggle_override_active(self) -> bool:
        row = self._selected_override()
        if row is None:
            return False
        active = bool(row.get("active"))
        question = (
            _("Ngừng áp dụng quy định “{name}”? Việc xét thi đua sẽ dùng lại giá trị quốc gia cho các mục này.")
            if active
            else _("Áp dụng lại quy định “{name}”? Các giá trị của quy định này sẽ thay giá trị quốc gia.")
        ).format(name=row.get("name"))
        if not ask_confirm(self, _("Quy định của tỉnh"), question):
            return False
        operation = Operation(
            self, self.context, rules.set_override_active, override_id=int(row["id"]), active=not active
        )
        operation.failure(lambda error: show_error(self, "\n".join(_problems(error))))
        return operation.changes("rules").success(self._changed).run()


def _problems(error: BaseException) -> list[str]:
    """A rule pack's every problem (RulePackError.problems), or the one message of any other refusal."""
    problems = getattr(error, "problems", None)
    return [plain_problem(p) for p in problems] if problems else [reason_text(error)]


_SYNTAX_AT = re.compile(r"^(?P<file>[^:]*): .*\(at line (?P<line>\d+), column (?P<column>\d+)\)\s*$", re.DOTALL)
_SYNTAX_END = re.compile(r"^(?P<file>[^:]*): .*\(at end of document\)\s*$", re.DOTALL)


def plain_problem(problem: str) -> str:
    """A rule file's problem with the reader's own (English) words about a typing slip said in Vietnamese."""
    if match := _SYNTAX_AT.match(problem):
        return _(
            "{file}: viết sai quy cách ở dòng {line}, cột {column}; hãy kiểm tra dấu bằng, dấu ngoặc và dấu nháy "
            "ở chỗ đó."
        ).format(file=match["file"], line=match["line"], column=match["column"])
    if match := _SYNTAX_END.match(problem):
        return _("{file}: tệp kết thúc giữa chừng; có thể thiếu dấu ngoặc hoặc dấu nháy đóng.").format(
            file=match["file"]
        )
    return problem


def _local_source() -> str:
    from desktop.ops.rules import BASE_SALARY_OVERRIDE_NAME

    return BASE_SALARY_OVERRIDE_NAME


def _is_local(row: dict[str, Any]) -> bool:
    """A row of the clerk's own base-salary table (the one local override ops.rules keeps for it)."""
    return str(row.get("source") or "") == _local_source()


_NATIONAL: list[RulePack] = []


def _national_pack() -> RulePack:
    if not _NATIONAL:
        from desktop.domain.rules import load_default_pack

        _NATIONAL.append(load_default_pack())
    return _NATIONAL[0]


def _pack_name(text: str) -> str:
    """The ``[pack] name`` of an override file, if it can be read."""
    import tomllib

    try:
        meta = tomllib.loads(text).get("pack", {})
    except tomllib.TOMLDecodeError:
        return ""
    name = meta.get("name") if isinstance(meta, dict) else None
    return nfc(name) if isinstance(name, str) else ""
