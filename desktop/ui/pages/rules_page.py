"""Quy định thi đua, khen thưởng: the catalog with every value's citation, the base salary table, province rules.

The page is built from parts: rules_catalog (the trees), rules_salary (base salary, calculator), rules_overrides
(province rule files), rules_common (what they share).

Titles and award forms sit in separate tabs because the law keeps them apart (a title is never an award form).
Every value shows the legal text it comes from and the date it holds from; values nobody has checked against
the text in force are marked "Chưa xác nhận" so the clerk knows to compare them with the province's documents.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError, format_date
from desktop.domain.rules import RulePack, RulePackError
from desktop.i18n import _
from desktop.ops import rules
from desktop.ops.rules import BASE_SALARY_PACK_ID
from desktop.ui.context import AppContext
from desktop.ui.operations import Operation
from desktop.ui.pages.rules_catalog import CatalogTree, WrapDelegate, param_label, value_text
from desktop.ui.pages.rules_common import (
    CITE_ROLE,
    OVERRIDE_TEMPLATE,
    PARAM_LABELS,
    UNCONFIRMED_BACKGROUND,
    UNCONFIRMED_COLOR,
    UNCONFIRMED_NOTE,
    _problems,
    _tab,
    pack_sources,
    source_label,
)
from desktop.ui.pages.rules_overrides import OverridesSection
from desktop.ui.pages.rules_salary import SalarySection
from desktop.ui.widgets import ERROR_STYLE, DateField, FieldError, ask_confirm, note, push_button, wrapped_label

# The page is split in parts (rules_common, rules_catalog, rules_salary, rules_overrides); what callers imported
# from this module before stays importable here.
__all__ = [
    "OVERRIDE_TEMPLATE",
    "PARAM_LABELS",
    "UNCONFIRMED_NOTE",
    "CatalogTree",
    "RulesPage",
    "WrapDelegate",
    "ask_confirm",
    "pack_sources",
    "param_label",
    "source_label",
    "value_text",
]


class RulesPage(SalarySection, OverridesSection, QWidget):
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
        self.pack_label = wrapped_label()
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
        tab, layout = _tab(QVBoxLayout)
        intro = note(
            _("Danh hiệu thi đua được xét theo phong trào thi đua; danh hiệu không phải là hình thức khen thưởng.")
            if kind == "titles"
            else _("Hình thức khen thưởng (Giấy khen, Bằng khen) là loại riêng, không phải danh hiệu thi đua."),
            color="",
        )
        layout.addWidget(intro)
        layout.addWidget(tree, 1)
        detail = wrapped_label()
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

    def confirm(self, title: str, question: str) -> bool:
        """Ask before a change that matters (tests answer through this module's ``ask_confirm``)."""
        return ask_confirm(self, title, question)
