"""Lazy table model over the ``staff`` table, fast with 100,000 rows.

Only the ordered row ids and each id's folded search key stay in memory; the visible text of a row
is fetched from SQLite in blocks of :data:`BLOCK_SIZE` ids when the view first asks for it and kept
in a small LRU cache. Filtering by text is a substring test on the folded keys in Python (a few
milliseconds for 100,000 keys), so the search box can filter on every keystroke. Sorting re-queries
the ordered ids from SQL, where ``sort_key`` already encodes the Vietnamese order.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.text import search_tokens
from desktop.i18n import N_, _
from desktop.ops import queries
from desktop.ops.session import Store
from desktop.ui.staff.names import birth_year, name_key, with_detail

BLOCK_SIZE = 200
CACHE_ROWS = 3000
RECENT_QUERIES = 24

COL_CODE = 0
COL_NAME = 1
COL_GENDER = 2
COL_BIRTH = 3
COL_POSITION = 4
COL_DEPARTMENT = 5
COL_ETHNIC = 6
COL_CATEGORY = 7
COL_STATUS = 8
COLUMN_COUNT = 9

HEADERS = (
    N_("Mã CB"),
    N_("Họ và tên"),
    N_("Giới tính"),
    N_("Ngày sinh"),
    N_("Chức vụ"),
    N_("Phòng ban"),
    N_("Dân tộc"),
    N_("Loại"),
    N_("Trạng thái"),
)

# The order of each sortable column (desktop.ops.queries.staff_ids); the name column is the stored Vietnamese key.
_ORDERS = {
    COL_CODE: "code",
    COL_NAME: "name",
    COL_GENDER: "gender",
    COL_BIRTH: "birth",
    COL_POSITION: "position",
    COL_DEPARTMENT: queries.DEPARTMENT_ORDER,
    COL_ETHNIC: "ethnic",
    COL_CATEGORY: "category",
    COL_STATUS: "status",
}

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3  # the full name alone, without the birth year a namesake adds


class StaffTableModel(QAbstractTableModel):
    """Rows = staff ids in the current order and filter; cells fetched lazily from ``store``."""

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._include_left = False
        self._department_id: int | None = None
        self._sort_column = COL_NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._query_tokens: list[str] = []
        # the full ordered scope (after the SQL filters), and what the text filter keeps of it
        self._all_ids: list[int] = []
        self._all_keys: list[str] = []
        self._visible: list[int] = []
        self._visible_keys: list[str] = []
        self._cache: OrderedDict[int, tuple[Any, ...]] = OrderedDict()
        # results of the last few queries, so that backspacing is as fast as typing
        self._recent: OrderedDict[tuple[str, ...], tuple[list[int], list[str]]] = OrderedDict()
        self.fetch_count = 0  # number of block queries run; the tests check laziness with it
        self._total = 0
        self._twins: set[str] = set()
        self.reload()

    # -- public API -----------------------------------------------------------------------------
    @property
    def include_left(self) -> bool:
        return self._include_left

    def set_include_left(self, value: bool) -> None:
        if value != self._include_left:
            self._include_left = value
            self.reload()

    def set_department(self, department_id: int | None) -> None:
        if department_id != self._department_id:
            self._department_id = department_id
            self.reload()

    def set_filter_text(self, text: str) -> None:
        """Keep only rows whose folded name or lower-case code contains every typed word."""
        tokens = search_tokens(text)
        if tokens == self._query_tokens:
            return
        previous = self._query_tokens
        self._query_tokens = tokens
        self.beginResetModel()
        remembered = self._recent.get(tuple(tokens))
        if remembered is not None:
            # backspace returns to a query typed a moment ago: reuse its result
            self._visible, self._visible_keys = remembered
        elif previous and all(any(old in new for new in tokens) for old in previous):
            # every old word is inside a new one: the new matches are a subset of the current rows
            ids, keys = self._visible, self._visible_keys
        else:
            ids, keys = self._all_ids, self._all_keys
        if remembered is None:
            self._visible, self._visible_keys = _filter(ids, keys, tokens)
            self._remember(tokens)
        self.endResetModel()

    def filter_text_tokens(self) -> list[str]:
        return list(self._query_tokens)

    def reload(self) -> None:
        """Re-read ids and keys from the database (after any change); cached rows are dropped."""
        self.beginResetModel()
        self._cache.clear()
        self._all_ids, self._all_keys = self._ordered_ids()
        # names found twice in the list (same letters, any accents) get the birth year beside them
        counts = Counter(" ".join(key.split("\0", 1)[0].split()) for key in self._all_keys)
        self._twins = {key for key, count in counts.items() if count > 1}
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            self._all_ids.reverse()
            self._all_keys.reverse()
        self._recent.clear()
        self._visible, self._visible_keys = _filter(self._all_ids, self._all_keys, self._query_tokens)
        self._remember(self._query_tokens)
        self._total = queries.staff_count(self._store)
        self.endResetModel()

    def total_count(self) -> int:
        """Everybody in the file, left or not: the denominator of "Đang hiện x / y người"."""
        return self._total

    def staff_id(self, row: int) -> int | None:
        return self._visible[row] if 0 <= row < len(self._visible) else None

    def row_of(self, staff_id: int) -> int | None:
        try:
            return self._visible.index(staff_id)
        except ValueError:
            return None

    def is_left(self, row: int) -> bool:
        values = self._row_values(row)
        return bool(values and values[10])

    def cached_ids(self) -> list[int]:
        return list(self._cache)

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section]) if 0 <= section < COLUMN_COUNT else None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == ID_ROLE:
            return self.staff_id(row)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
                        LEFT_ROLE, NAME_ROLE):  # fmt: skip
            return None
        values = self._row_values(row)
        if values is None:
            return None
        if role == NAME_ROLE:
            return values[2]
        if role == Qt.ItemDataRole.ToolTipRole:
            # long names of positions and departments are elided in narrow columns
            return _display(values, index.column()) if index.column() in (COL_POSITION, COL_DEPARTMENT) else None
        if role == LEFT_ROLE:
            return bool(values[10])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#8a8a8a")) if values[10] else None
        if index.column() == COL_NAME and self._twins and name_key(values[2]) in self._twins:
            year = birth_year(values[4])
            return with_detail(values[2], year=year, code="" if year else values[1])
        return _display(values, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _ORDERS:
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self.reload()  # a model reset: the rows are new ids, not the old ones moved

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    # -- internals ------------------------------------------------------------------------------
    def _ordered_ids(self) -> tuple[list[int], list[str]]:
        return queries.staff_ids(
            self._store,
            order=_ORDERS[self._sort_column],
            include_left=self._include_left,
            department_id=self._department_id,
        )

    def _remember(self, tokens: list[str]) -> None:
        self._recent[tuple(tokens)] = (self._visible, self._visible_keys)
        self._recent.move_to_end(tuple(tokens))
        while len(self._recent) > RECENT_QUERIES:
            self._recent.popitem(last=False)

    def _row_values(self, row: int) -> tuple[Any, ...] | None:
        if not 0 <= row < len(self._visible):
            return None
        staff_id = self._visible[row]
        values = self._cache.get(staff_id)
        if values is not None:
            self._cache.move_to_end(staff_id)
            return values
        self._fetch_block(row)
        return self._cache.get(staff_id)

    def _fetch_block(self, row: int) -> None:
        start = (row // BLOCK_SIZE) * BLOCK_SIZE
        wanted = [i for i in self._visible[start : start + BLOCK_SIZE] if i not in self._cache]
        if not wanted:
            return
        self.fetch_count += 1
        for record in queries.staff_rows(self._store, wanted):
            self._cache[record[0]] = record
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)


def _filter(ids: list[int], keys: list[str], tokens: list[str]) -> tuple[list[int], list[str]]:
    """Rows whose key contains every token; the longest (most selective) token is tested first,
    over all rows, and the others only over what it kept: a pasted three-word name costs one pass."""
    if not tokens:
        return list(ids), list(keys)
    first, *others = sorted(tokens, key=len, reverse=True)
    kept = [pos for pos, key in enumerate(keys) if first in key]
    for token in others:
        kept = [pos for pos in kept if token in keys[pos]]
    return [ids[p] for p in kept], [keys[p] for p in kept]


def _display(values: tuple[Any, ...], column: int) -> str:
    (_id, code, name, gender, birth, position, _is_leader, department, ethnic, category, end_date) = values
    if column == COL_CODE:
        return code
    if column == COL_NAME:
        return name
    if column == COL_GENDER:
        return _(codes.GENDERS[gender]) if gender in codes.GENDERS else ""
    if column == COL_BIRTH:
        return format_date(birth)
    if column == COL_POSITION:
        return position
    if column == COL_DEPARTMENT:
        return department or ""
    if column == COL_ETHNIC:
        return codes.ETHNIC_GROUPS.get(ethnic, ethnic)
    if column == COL_CATEGORY:
        return _(codes.STAFF_CATEGORIES[category]) if category in codes.STAFF_CATEGORIES else category
    if column == COL_STATUS:
        if end_date:
            return _("Đã thôi công tác từ {date}").format(date=format_date(end_date))
        return _("Đang công tác")
    return ""
