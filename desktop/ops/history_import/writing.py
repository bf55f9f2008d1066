"""Writing the good rows of a preview: checked again and written in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.i18n import _
from desktop.ops.collectives import collective_absence_problem
from desktop.ops.history_import.corrections import recheck_update, write_update
from desktop.ops.history_import.fields import _RATING_KINDS, _label
from desktop.ops.history_import.known import Existing, NumberBook, kind_of_collective_problem, locked_rating_message
from desktop.ops.history_import.preview import HistoryPreview, HistoryRow
from desktop.ops.staff_import import ImportCancelled
from desktop.store import Store, awards_repo, staff_repo
from desktop.store.faults import pause_point
from desktop.store.rules_repo import effective_pack


def _stored_rating_notes(store: Store, record: dict[str, Any]) -> str:
    """The notes of the rating ``record`` replaces, as they are inside the write transaction ("" when none)."""
    if "department_id" in record:
        stored = awards_repo.collective_rating(store, record["department_id"], record["year"])
    else:
        rows = staff_repo.ratings_for(store, record["staff_id"])
        stored = next((r for r in rows if r["year"] == record["year"]), None)
    return str(stored["notes"] or "") if stored else ""


def _write(store: Store, row: HistoryRow) -> None:
    record = dict(row.record or {})
    if row.kind in _RATING_KINDS and record.get("notes") is None:  # the sheet has no "Ghi chú": notes kept
        record["notes"] = _stored_rating_notes(store, record)
    if row.record_id is not None:
        write_update(store, row)
    elif row.kind in _RATING_KINDS and "department_id" in record:
        awards_repo.set_collective_rating(
            store, record["department_id"], record["year"], record["rating"], record["notes"]
        )
    elif row.kind in _RATING_KINDS:
        staff_repo.set_rating(store, record["staff_id"], record["year"], record["rating"], record["notes"])
    elif row.kind == "initiatives":
        staff_repo.add_initiative(store, record.pop("staff_id"), **record)
    elif row.kind == "discipline":
        staff_repo.add_discipline(store, record.pop("staff_id"), **record)
    elif row.kind == "leave":
        staff_repo.add_leave(store, record.pop("staff_id"), **record)
    elif row.kind == "awards":
        awards_repo.add_award(store, **record)
    else:  # pragma: no cover - kinds are fixed above
        raise ValueError(row.kind)


def _recheck(store: Store, preview: HistoryPreview, existing: Existing) -> None:
    """Each row about to be written, against the records as they are now; changes the rows' states in place."""
    pack = None
    book: NumberBook | None = None
    for row in preview.good_rows():
        record = row.record or {}
        if row.kind == "awards" and record.get("source") == "import" and record.get("decision_no"):
            day = record.get("decision_date")
            book = book if book is not None else NumberBook(store)
            # the number recorded as spoiled, or given to a decision, since the preview: refused, not written
            if day is not None and (taken := book.problem(str(record["decision_no"]), day)):
                row.add_problem("decision_no", _label(row.kind, "decision_no"), taken)
                continue
        if row.kind == "awards" and row.record and row.record.get("department_id") is not None:
            pack = pack if pack is not None else effective_pack(store)
            # a thôn recorded as an office since the preview: its Thôn văn hóa is refused, not written
            if problem := kind_of_collective_problem(store, pack, row.record):
                row.add_problem("collective", _label(row.kind, "collective"), problem)
                continue
        if row.kind in _RATING_KINDS:
            assert row.record is not None
            year, rating = row.record["year"], row.record["rating"]
            department_id = row.record.get("department_id")
            absent = collective_absence_problem(store, department_id=department_id, year=year) if department_id else ""
            if absent:  # the collective stopped since the preview: the row is refused, not written
                row.add_problem("year", _label(row.kind, "year"), absent)
                continue
            old = existing.rating(row.key)
            lock = existing.lock(row.key) if old is not None and old != rating else None
            if lock is not None:  # decided or sent up since the preview: the row is refused, not written
                row.add_problem("rating", _label(row.kind, "rating"), locked_rating_message(lock, row))
            elif old is None:
                row.state, row.old, row.what = "new", None, f"{year}: {rating}"
            elif old != rating:
                row.state, row.old, row.what = "update", old, f"{year}: {old} → {rating}"
            else:
                row.state, row.old, row.what = "unchanged", None, f"{year}: {rating}"
                row.same_as = _("đã có trong dữ liệu")
        elif row.record_id is not None:
            recheck_update(row, existing)
        elif existing.has(row.kind, row.key, (row.record or {}).get("decision_date")):
            row.state = "unchanged"
            row.same_as = _("đã có trong dữ liệu")


def apply_history(
    store: Store,
    preview: HistoryPreview,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Write the new and changed rows of every sheet in one transaction; cancelling writes nothing.

    Whether each row is still new is decided again INSIDE the write transaction (``BEGIN IMMEDIATE`` holds the
    write lock, :func:`_recheck`): the preview may be minutes old, and another window or process may have imported
    the same file meanwhile. Rows that are there by now are marked so on the preview and skipped, so two identical
    imports at the same moment end exactly as one after the other. Returns the rows inserted and updated.
    """
    written = {"inserted": 0, "updated": 0}
    with store.transaction(operation="history.import"):
        _recheck(store, preview, Existing(store))
        good = preview.good_rows()
        total = len(good)
        for done, row in enumerate(good, start=1):
            if done == total // 2 + 1:
                pause_point("history.import")  # test hook: half the rows written, transaction open
            if should_cancel is not None and should_cancel():
                raise ImportCancelled(_("Đã dừng nhập; không có dòng lịch sử nào được ghi."))
            _write(store, row)
            written["updated" if row.status == "update" else "inserted"] += 1
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)
    return written
