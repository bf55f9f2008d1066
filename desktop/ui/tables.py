"""The window's tables: one way to make a read-only list, make its cells and fill it quickly.

Every list of the window (decisions, nominations, packages, registrations, backups…) is a :class:`QTableWidget`
made by :func:`make_table`: whole rows selected, not edited in place, alternating row colours, no row numbers,
columns sized to their contents and one column (or the last) taking the rest of the width.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from shiboken6 import isValid

from desktop.i18n import _

ROW_HEIGHT = 26
COMPACT_ROW_HEIGHT = 24  # side-by-side comparisons and report figures, where more rows must show


def read_only_rows(view: QTableView, row_height: int = ROW_HEIGHT) -> None:
    """A table (or view of a model) to read, not edit: whole rows, one at a time, in alternating colours, no row
    numbers, each row ``row_height`` pixels."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(row_height)


def make_table(headers: Sequence[str], *, stretch: int = -1, row_height: int = ROW_HEIGHT) -> QTableWidget:
    """A read-only table with these (already translated) headers, one row selected at a time; column ``stretch``
    takes the spare width (the last one when -1)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    read_only_rows(table, row_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


class _EmptyText(QObject):
    """Keeps a muted sentence centred on an empty table's viewport, hidden while the table has rows."""

    def __init__(self, table: QTableWidget, text: str) -> None:
        super().__init__(table)
        self.table = table
        self.label = QLabel(text, table.viewport())
        self.label.setObjectName("empty_table_text")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("color: #666666;")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        table.viewport().installEventFilter(self)
        model = table.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update)
        self.update()

    def update(self, *_args: object) -> None:
        if not isValid(self.table) or not isValid(self.label):  # the model empties itself as the table goes
            return
        self.label.setVisible(self.table.rowCount() == 0)
        self.label.setGeometry(self.table.viewport().rect().adjusted(16, 8, -16, -8))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False


def set_empty_text(table: QTableWidget, text: str) -> QLabel:
    """Say on ``table`` while it has no row what would fill it and how (an empty grid says nothing to a clerk);
    returns the label, whose text may change with the page's choices."""
    return _EmptyText(table, text).label


def cell(
    text: Any,
    *,
    data: Any = None,
    right: bool = False,
    center: bool = False,
    color: str = "",
    tooltip: str = "",
    editable: bool = True,
) -> QTableWidgetItem:
    """One cell: ``data`` under Qt.UserRole, numbers aligned ``right``, a text ``color``; ``editable`` off keeps
    it from being typed into in a table that allows editing (the score grid)."""
    item = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    elif center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if color:
        item.setForeground(QBrush(QColor(color)))
    if tooltip:
        item.setToolTip(tooltip)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


@contextmanager
def bulk_fill(table: QTableWidget) -> Iterator[None]:
    """Fill ``table`` without re-measuring every column after every cell (slow with hundreds of rows)."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(table.columnCount())]
    table.setUpdatesEnabled(False)
    table.blockSignals(True)
    for column in range(table.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        table.blockSignals(False)
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setUpdatesEnabled(True)


def fill_rows(table: QTableWidget, rows: Sequence[Sequence[Any]], *, right: Sequence[int] = ()) -> None:
    """Replace the table's rows by ``rows`` of plain values (None shows empty); columns in ``right`` are numbers."""
    with bulk_fill(table):
        table.setRowCount(0)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, cell(value, right=c in right))


def selected_row(table: QTableWidget) -> int | None:
    """The first selected row, or None."""
    model = table.selectionModel()
    rows = model.selectedRows() if model is not None else []
    return rows[0].row() if rows else None


__all__ = ["COMPACT_ROW_HEIGHT", "ROW_HEIGHT", "bulk_fill", "cell", "fill_rows", "make_table", "selected_row"]


def set_check_cell(table: QTableWidget, row: int, column: int, check: QCheckBox) -> None:
    """Put ``check`` in a cell, a little in from its left edge (a cell widget has no margin of its own)."""
    holder = QWidget()
    box = QHBoxLayout(holder)
    box.setContentsMargins(8, 0, 0, 0)
    box.addWidget(check)
    table.setCellWidget(row, column, holder)


def tab_through_cells(table: QTableWidget) -> None:
    """Tab from the table into its cell widgets, row by row, before the buttons under it.

    Qt puts a cell widget at the end of the window's focus chain (after "Đóng"), so a clerk typing the ballots
    with Tab would leave the table after the first box; a check inside a holder takes the holder's place."""
    previous: QWidget = table
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            widget = table.cellWidget(row, column)
            if widget is None:
                continue
            if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                takers = [w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
                if not takers:
                    continue
                widget = takers[0]
            QWidget.setTabOrder(previous, widget)
            previous = widget


class ListTableModel(QAbstractTableModel):
    """A flat table over the list ``self.rows``, one column per label of ``HEADERS`` (N_() labels, shown translated);
    a subclass gives :meth:`data`."""

    HEADERS: Sequence[str] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None
