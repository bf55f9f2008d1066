"""The audit log page ("Nhật ký thay đổi"): every change, newest first, filtered, compared, exported.

Read-only by construction: the model has no editable flag and no setData, the page has no delete
action, and the database triggers refuse UPDATE and DELETE on ``audit_log`` anyway.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateError
from desktop.files.replace import replace_file
from desktop.i18n import N_, _
from desktop.ops.audit import AuditFilter, audit_actors, audit_tables, award_names, count_audit, query_audit
from desktop.ops.session import Store
from desktop.ui.context import AppContext
from desktop.ui.pages.audit_labels import (
    ACTION_LABELS,
    action_label,
    actor_label,
    changed_lines,
    field_label,
    format_at,
    operation_label,
    table_label,
    value_text,
)
from desktop.ui.pages.rules_common import UNCONFIRMED_NOTE
from desktop.ui.tables import COMPACT_ROW_HEIGHT, ListTableModel, make_table, read_only_rows
from desktop.ui.tables import cell as table_cell
from desktop.ui.widgets import (
    DateField,
    FieldError,
    ask_save_path,
    note,
    push_button,
    set_field_error,
    show_error,
    show_info,
    text_field,
)

_log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_DETAIL_LINES = 12  # a text of many lines (a rule override) shows this many; the rest in its tooltip
UNCONFIRMED_MARK = "chưa xác nhận"  # written after a citation in stored texts (the rule packs' own words)
CHANGED_BACKGROUND = QColor("#fff1b8")

HEADERS = (N_("Thời điểm"), N_("Người thực hiện"), N_("Loại bản ghi"), N_("Hành động"), N_("Thao tác"), N_("Tóm tắt"))
COL_AT, COL_ACTOR, COL_KIND, COL_ACTION, COL_OPERATION, COL_SUMMARY = range(len(HEADERS))
HIDDEN_FIELDS = {"search_key", "sort_key"}  # derived from the name, unreadable; shown nowhere else either
_NAME_FIELDS = ("full_name", "name", "snapshot_name", "number_text", "title", "household_name", "code", "file")


def _load(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"": text}
    return value if isinstance(value, dict) else {"": value}


def changed_fields(row: dict[str, Any]) -> list[str]:
    before, after = _load(row.get("before")), _load(row.get("after"))
    if row.get("action") != "update":
        return []
    return [key for key in _ordered_keys(before, after) if before.get(key) != after.get(key) and key != "updated_at"]


def _ordered_keys(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    keys = list(after)
    keys += [k for k in before if k not in after]
    return keys


def summary(row: dict[str, Any], names: Mapping[str, str] | None = None) -> str:
    before, after = _load(row.get("before")), _load(row.get("after"))
    shown = after or before
    table = str(row.get("table_name") or "")
    name = next((value_text(shown[k], k, table, names) for k in _NAME_FIELDS if shown.get(k) not in (None, "")), "")
    if row.get("action") == "update":
        fields = changed_labels(row)
        return f"{name}: {fields}" if name else fields
    if row.get("action") == "event":
        return record_text(shown, table, names)[:200]
    return name


def changed_labels(row: dict[str, Any]) -> str:
    """The changed fields' Vietnamese names, comma-separated."""
    table = str(row.get("table_name") or "")
    return ", ".join(field_label(key, table) for key in changed_fields(row))


def record_text(values: dict[str, Any], table: str, names: Mapping[str, str] | None = None) -> str:
    """``Tên: Phòng Kinh tế, Ngày sinh: 01/02/1990`` — a stored record as the clerk reads it."""
    parts = []
    for key, value in values.items():
        if key in HIDDEN_FIELDS:
            continue
        shown = value_text(value, key, table, names)
        if shown:
            parts.append(f"{field_label(key, table)}: {shown}")
    return ", ".join(parts)


def export_audit(store: Store, flt: AuditFilter, path: Path) -> int:
    """Every row matching the filter to an .xlsx sheet; returns the number of rows written."""
    from desktop.documents.xlsx_cells import new_sheet, write_row

    headers = [
        _("Thời điểm"),
        _("Người thực hiện"),
        _("Thao tác"),
        _("Loại bản ghi"),
        _("Hành động"),
        _("Mã bản ghi"),
        _("Các trường thay đổi"),
        _("Trước"),
        _("Sau"),
    ]
    workbook, sheet = new_sheet(_("Nhật ký thay đổi"), headers)
    count = 0
    names = award_names(store)
    for row in query_audit(store, flt):
        table = str(row["table_name"] or "")
        write_row(
            sheet,
            count + 2,
            [
                format_at(row["at"]),
                actor_label(row["actor"]),
                operation_label(row["operation"]),
                table_label(table),
                action_label(row["action"]),
                row["record_uuid"] or "",
                changed_labels(row),
                record_text(_load(row["before"]), table, names),
                record_text(_load(row["after"]), table, names),
            ],
        )
        count += 1
    for letter, width in zip("ABCDEFGHI", (20, 16, 20, 20, 10, 38, 30, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    workbook.save(temp)
    replace_file(temp, path)  # retried while an antivirus or Excel holds the file
    return count


class AuditModel(ListTableModel):
    """Lazy, newest first: pages of :data:`PAGE_SIZE` rows fetched as the view scrolls."""

    HEADERS = HEADERS

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.names = award_names(store)
        self.filter = AuditFilter()
        self.rows: list[dict[str, Any]] = []
        self._more = True
        self.reload()

    def set_filter(self, flt: AuditFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.names = award_names(self.store)  # an override may have renamed a title
        self.rows = query_audit(self.store, self.filter, limit=PAGE_SIZE)
        self._more = len(self.rows) == PAGE_SIZE
        self.endResetModel()

    def total(self) -> int:
        return count_audit(self.store, self.filter)

    # -- lazy loading ------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self.rows:
            return
        more = query_audit(self.store, self.filter, before_id=self.rows[-1]["id"], limit=PAGE_SIZE)
        self._more = len(more) == PAGE_SIZE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    # -- the model ---------------------------------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # never editable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == COL_AT:
                return format_at(row["at"])
            if column == COL_ACTOR:
                return actor_label(row["actor"])
            if column == COL_KIND:
                return table_label(row["table_name"])
            if column == COL_ACTION:
                return action_label(row["action"])
            if column == COL_OPERATION:
                return operation_label(row["operation"])
            if column == COL_SUMMARY:
                return summary(row, self.names)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SUMMARY:
            return summary(row, self.names)
        return None

    def row_at(self, row: int) -> dict[str, Any] | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class AuditPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = AuditModel(context.store, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)

        filters = QGroupBox(_("Lọc"))
        grid = QGridLayout(filters)
        self.date_from = DateField()
        self.date_to = DateField()
        self.date_error = FieldError()
        self.actor = QComboBox()
        self.table = QComboBox()
        self.action = QComboBox()
        self.search = text_field(_("Tìm trong nội dung trước/sau (không cần dấu)"))
        self.search.setClearButtonEnabled(True)
        self._fill_choices()
        grid.addWidget(QLabel(_("Từ ngày:")), 0, 0)
        grid.addWidget(self.date_from, 0, 1)
        grid.addWidget(QLabel(_("Đến ngày:")), 0, 2)
        grid.addWidget(self.date_to, 0, 3)
        grid.addWidget(QLabel(_("Người thực hiện:")), 0, 4)
        grid.addWidget(self.actor, 0, 5)
        grid.addWidget(QLabel(_("Loại bản ghi:")), 1, 0)
        grid.addWidget(self.table, 1, 1, 1, 3)
        grid.addWidget(QLabel(_("Hành động:")), 1, 4)
        grid.addWidget(self.action, 1, 5)
        grid.addWidget(QLabel(_("Tìm:")), 2, 0)
        grid.addWidget(self.search, 2, 1, 1, 5)
        grid.addWidget(self.date_error, 3, 0, 1, 6)
        grid.setColumnStretch(5, 1)
        layout.addWidget(filters)

        bar = QHBoxLayout()
        self.count_label = QLabel()
        bar.addWidget(self.count_label, 1)
        self.refresh_button = push_button(_("Làm mới"), self.refresh)
        bar.addWidget(self.refresh_button)
        self.export_button = push_button(_("Xuất Excel…"), self.export)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.view = QTableView()
        self.view.setModel(self.model)
        read_only_rows(self.view, COMPACT_ROW_HEIGHT)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column, width in ((COL_AT, 150), (COL_ACTOR, 110), (COL_KIND, 150), (COL_ACTION, 80), (COL_OPERATION, 150)):
            self.view.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self.show_row(current.row()))
        splitter.addWidget(self.view)

        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        self.detail_title = note(_("Chọn một dòng để xem nội dung trước và sau khi thay đổi."), color="")
        detail_layout.addWidget(self.detail_title)
        self.detail = make_table([_("Trường"), _("Trước"), _("Sau")], stretch=1, row_height=COMPACT_ROW_HEIGHT)
        self.detail.setWordWrap(False)
        self.detail.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # a tall row of many lines
        self.detail.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        detail_layout.addWidget(self.detail)
        splitter.addWidget(detail_box)
        splitter.setSizes([320, 220])
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.apply_filter)
        for edit in (self.date_from, self.date_to, self.search):
            edit.textChanged.connect(self._timer.start)
        for combo in (self.actor, self.table, self.action):
            combo.currentIndexChanged.connect(self.apply_filter)
        context.data_changed.connect(self._on_data_changed)
        self._update_count()

    def _fill_choices(self) -> None:
        store = self.context.store
        self.actor.blockSignals(True)
        self.table.blockSignals(True)
        current_actor, current_table = self.actor.currentData(), self.table.currentData()
        self.actor.clear()
        self.actor.addItem(_("Tất cả"), "")
        for actor in audit_actors(store):
            self.actor.addItem(actor_label(actor), actor)
        self.table.clear()
        self.table.addItem(_("Tất cả"), "")
        for name in sorted(audit_tables(store), key=table_label):
            self.table.addItem(table_label(name), name)
        self.actor.setCurrentIndex(max(self.actor.findData(current_actor), 0))
        self.table.setCurrentIndex(max(self.table.findData(current_table), 0))
        self.actor.blockSignals(False)
        self.table.blockSignals(False)
        if self.action.count() == 0:
            self.action.addItem(_("Tất cả"), "")
            for key in ACTION_LABELS:
                self.action.addItem(action_label(key), key)

    def current_filter(self) -> AuditFilter | None:
        """The filter of the form, or None while a date is not readable (its error is shown)."""
        dates: list[date | None] = []
        for edit in (self.date_from, self.date_to):
            try:
                dates.append(edit.date())
            except DateError as exc:
                set_field_error(edit, self.date_error, str(exc))
                return None
            set_field_error(edit, self.date_error, "")
        return AuditFilter(
            date_from=dates[0],
            date_to=dates[1],
            actor=str(self.actor.currentData() or ""),
            table=str(self.table.currentData() or ""),
            action=str(self.action.currentData() or ""),
            text=self.search.text(),
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self.model.set_filter(flt)
        self.show_row(-1)
        self._update_count()

    def refresh(self) -> None:
        self._fill_choices()
        self.model.reload()
        self.show_row(-1)
        self._update_count()

    def _on_data_changed(self, _what: str) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # the log grows while other pages work
        super().showEvent(event)
        self.refresh()

    def _update_count(self) -> None:
        self.count_label.setText(_("{n} dòng nhật ký, mới nhất ở trên.").format(n=self.model.total()))

    def show_row(self, row: int) -> None:
        record = self.model.row_at(row)
        self.detail.setRowCount(0)
        if record is None:
            self.detail_title.setText(_("Chọn một dòng để xem nội dung trước và sau khi thay đổi."))
            return
        self.detail_title.setText(
            _("{at} — {actor} — {action} {kind} — {operation}").format(
                at=format_at(record["at"]),
                actor=actor_label(record["actor"]),
                action=action_label(record["action"]),
                kind=table_label(record["table_name"]).lower(),
                operation=operation_label(record["operation"]),
            )
        )
        before, after = _load(record["before"]), _load(record["after"])
        changed = changed_fields(record)
        bold = QFont()
        bold.setBold(True)
        keys = changed + [k for k in _ordered_keys(before, after) if k not in changed and k not in HIDDEN_FIELDS]
        table = str(record["table_name"] or "")
        names = self.model.names
        for key in keys:  # what changed first, then the rest of the record
            line = self.detail.rowCount()
            self.detail.insertRow(line)
            shown = [
                value_text(before.get(key), key, table, names) if before else "",
                value_text(after.get(key), key, table, names) if after else "",
            ]
            whole = list(shown)
            if key in changed and (lines := changed_lines(*shown)) is not None:
                shown = list(lines)  # the lines that differ; the whole text stays in the tooltip
            cells = [table_cell(field_label(key, table), editable=False)]
            for text, full in zip(shown, whole, strict=True):
                item = table_cell(text, editable=False)
                if text != full or "\n" in full:
                    item.setToolTip(full)
                cells.append(item)
            for column, item in enumerate(cells):
                if column and UNCONFIRMED_MARK in item.text():  # a citation nobody has checked: say what it means
                    item.setToolTip(f"{item.toolTip() or item.text()}\n\n{_(UNCONFIRMED_NOTE)}")
                if key in changed:
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                    item.setFont(bold)
                    item.setData(Qt.ItemDataRole.UserRole, "changed")
                self.detail.setItem(line, column, item)
            if any("\n" in text for text in shown):  # lines of a text under each other, up to a screenful
                self.detail.resizeRowToContents(line)
                most = self.detail.fontMetrics().lineSpacing() * MAX_DETAIL_LINES + 8
                self.detail.setRowHeight(line, min(self.detail.rowHeight(line), most))

    def changed_rows(self) -> list[str]:
        """Field names highlighted in the side-by-side view (for tests and screen readers)."""
        return [
            self.detail.item(r, 0).text()
            for r in range(self.detail.rowCount())
            if self.detail.item(r, 0).data(Qt.ItemDataRole.UserRole) == "changed"
        ]

    def export(self) -> Path | None:
        flt = self.current_filter()
        if flt is None:
            return None
        path = ask_save_path(
            self, _("Xuất nhật ký thay đổi"), "nhat-ky-thay-doi.xlsx", _("Tệp Excel (*.xlsx)"), suffix=".xlsx"
        )
        if path is None:
            return None
        try:
            count = export_audit(self.context.store, flt, path)
        except OSError as exc:
            _log.warning("audit export to %s failed: %s", path, exc)
            show_error(
                self,
                _(
                    "Không ghi được tệp {path}. Tệp có thể đang mở trong Excel, hoặc thư mục không cho ghi; "
                    "hãy đóng tệp hoặc chọn thư mục khác rồi thử lại."
                ).format(path=path),
            )
            return None
        show_info(self, _("Đã xuất {n} dòng nhật ký ra {path}.").format(n=count, path=path))
        return path
