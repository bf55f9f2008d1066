"""Writing the good rows of a preview, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from desktop.i18n import _
from desktop.ops.history_import.fields import _RATING_KINDS
from desktop.ops.history_import.preview import HistoryPreview, HistoryRow
from desktop.ops.staff_import import ImportCancelled
from desktop.store import Store
from desktop.store.faults import pause_point


def _write(store: Store, row: HistoryRow) -> None:
    from desktop.store import awards_repo, staff_repo

    record = dict(row.record or {})
    if row.kind in _RATING_KINDS and "department_id" in record:
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


def apply_history(
    store: Store,
    preview: HistoryPreview,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Write the new and changed rows of every sheet in one transaction; cancelling writes nothing."""
    good = preview.good_rows()
    total = len(good)
    written = {"inserted": 0, "updated": 0}
    with store.transaction(operation="history.import"):
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
