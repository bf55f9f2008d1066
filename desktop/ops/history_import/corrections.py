"""Rows that correct a stored initiative, discipline or leave record instead of adding one.

A clerk keeps the history in one workbook and imports it again after correcting it: a discipline "being
considered" has been decided (its start date and decision number filled in, the "x" removed), a leave ended
earlier, an initiative was recognised at a higher level. Such a row names a record already stored (the same key,
``known.Existing``) with other values. It is an update, shown as one in the preview with the old and new values
and written in the import's transaction. Only the columns the sheet has are compared: a sheet without a "Ghi chú"
column does not empty the stored notes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops.history_import.checker import _Checker
from desktop.ops.history_import.fields import _label
from desktop.ops.history_import.known import Existing
from desktop.ops.history_import.preview import HistoryRow
from desktop.store import Store

TABLES = {"initiatives": "initiatives", "discipline": "discipline", "leave": "leave_periods"}
# The fields a row may change in a stored record; those of the key stay (another key is another record).
_UPDATABLE = {
    "initiatives": ("level", "recognized_on", "decision_no", "notes"),
    "discipline": ("end_date", "reason", "decision_no", "pending", "notes"),
    "leave": ("end_date", "notes"),
}
_DATES = frozenset(("recognized_on", "start_date", "end_date"))


def _stored_form(name: str, value: Any) -> Any:
    """A value as the database holds it: ISO dates or None, 0/1 for "pending", NFC text."""
    if name in _DATES:
        return value.isoformat() if isinstance(value, date) else (str(value)[:10] if value else None)
    if name == "pending":
        return int(bool(value))
    return nfc(str(value or ""))


def _shown(kind: str, name: str, value: Any) -> str:
    if value in (None, ""):
        return _("(trống)")
    if name in _DATES:
        return format_date(str(value))
    if name == "pending":
        return _("đang xem xét") if value else _("đã quyết định")
    if kind == "initiatives" and name == "level":
        return _(codes.INITIATIVE_LEVELS.get(str(value), str(value)))
    return str(value)


def _changes(stored: dict[str, Any], record: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The fields among ``names`` whose value in the row differs from the stored one, in the stored form."""
    found = {}
    for name in names:
        new = _stored_form(name, record.get(name))
        if new != _stored_form(name, stored.get(name)):
            found[name] = new
    return found


def settle_record(ck: _Checker, row: HistoryRow, kind: str, key: tuple[Any, ...]) -> None:
    """new, unchanged, a conflict (``_Checker.settle``), or an update of the stored record the row corrects."""
    existing = ck.known.existing
    record = row.record or {}
    stored = existing.stored(kind, key)
    names = tuple(name for name in _UPDATABLE[kind] if name in ck.mapping)
    claimed = ck.known.corrected
    if stored is None and kind == "discipline" and record.get("start_date") and not record.get("pending"):
        waiting = existing.undated_pending(record["staff_id"], record["level"])
        if waiting is not None and (kind, waiting["id"]) not in claimed:
            # the decision on a discipline that was being considered: it gets its start date, no longer pending
            stored = waiting
            names = ("start_date", "pending", *(n for n in names if n != "pending"))
    if stored is None or row.problems or key in ck.seen or (kind, stored["id"]) in claimed:
        ck.settle(row, key, stored is not None, key)
        return
    changes = _changes(stored, record, names)
    if not changes:
        ck.settle(row, key, True, key)
        return
    used = existing.initiatives_used.get(int(stored["id"])) if kind == "initiatives" else None
    if used is not None:  # the award rests on the initiative as it was recorded when it was decided
        code, year = used
        label = ck.known.pack.item(code).name if ck.known.pack.has(code) else code
        ck.problem(
            row,
            next(iter(changes)),
            _(
                "sáng kiến này đã dùng làm căn cứ cho {award} năm {year}; không sửa được qua nhập tệp. Nếu ghi sai, "
                "hãy sửa quyết định khen thưởng đó trước."
            ).format(award=label, year=year),
        )
        return
    ck.seen[key] = (row.row_number, key, ck.sheet)
    claimed.add((kind, int(stored["id"])))
    row.key, row.state, row.record_id, row.changes = key, "update", int(stored["id"]), changes
    _describe(row, kind, stored)


def _describe(row: HistoryRow, kind: str, stored: dict[str, Any]) -> None:
    """``old`` and ``what`` of an update: "Đến ngày: 30/06/2025 → 31/03/2025" for each field changed."""
    row.old = "; ".join(
        _("{field}: {value}").format(field=_label(kind, name), value=_shown(kind, name, stored.get(name)))
        for name in row.changes
    )
    changed = "; ".join(
        _("{field}: {old} → {new}").format(
            field=_label(kind, name),
            old=_shown(kind, name, _stored_form(name, stored.get(name))),
            new=_shown(kind, name, value),
        )
        for name, value in row.changes.items()
    )
    row.what = f"{row.what} ({changed})"


def recheck_update(row: HistoryRow, existing: Existing) -> None:
    """Inside the write transaction: the stored record as it is now. Deleted since the preview, the row adds it
    again; already holding the row's values (another import), the row is unchanged."""
    assert row.record_id is not None
    stored = existing.by_id(row.kind, row.record_id)
    if stored is None:
        row.state, row.record_id, row.changes = "new", None, {}
        return
    changes = _changes(stored, row.changes, tuple(row.changes))
    if changes and row.kind == "initiatives" and row.record_id in existing.initiatives_used:
        # an award decided on the initiative since the preview: it is no longer rewritten
        name = next(iter(changes))
        row.add_problem(
            name, _label(row.kind, name), _("sáng kiến này đã dùng làm căn cứ cho một quyết định khen thưởng.")
        )
        return
    if not changes:
        row.state, row.record_id, row.changes = "unchanged", None, {}
        row.same_as = _("đã có trong dữ liệu")
        return
    row.changes = changes


def write_update(store: Store, row: HistoryRow) -> None:
    """The changed fields of the stored record (the audit log keeps the old values)."""
    assert row.record_id is not None
    store.touch(TABLES[row.kind], row.record_id, dict(row.changes))
