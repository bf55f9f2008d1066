"""Decision numbers: the unit's own series (one counter per series key and year), gaps recorded with a reason.

A number is taken inside the same ``BEGIN IMMEDIATE`` transaction that writes the decision, so two clerks never get
the same number and a number is never reused.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops.common import check_year, require_text
from desktop.store import Store, ValidationError, now_iso
from desktop.store.audit import record_event
from desktop.store.db import Where


def _series_row_id(store: Store, key: str, year: int) -> int:
    found = store.scalar("SELECT id FROM number_series WHERE key = ? AND year = ?", (key, year))
    if found:
        return int(found)
    return store.add("number_series", {"key": key, "year": year, "next_number": 1})


def allocate_number(store: Store, key: str, year: int) -> tuple[int, int]:
    """The next free number of the series; call inside the decision's transaction (BEGIN IMMEDIATE)."""
    assert store.in_transaction
    series_id = _series_row_id(store, key, year)
    number = int(store.scalar("SELECT next_number FROM number_series WHERE id = ?", (series_id,)))
    while store.scalar(
        "SELECT 1 FROM number_gaps WHERE series_id = ? AND number = ? "
        "UNION SELECT 1 FROM decisions WHERE series_id = ? AND number = ?",
        (series_id, number, series_id, number),
    ):
        number += 1
    store.update("number_series", series_id, {"next_number": number + 1, "updated_at": now_iso()})
    return series_id, number


def clean_series_key(value: str) -> str:
    key = nfc(value)
    if not key or "/" in key:
        raise ValidationError(
            _("Ký hiệu sổ văn bản “{value}” không hợp lệ (ví dụ QĐ-UBND).").format(value=value), field="series_key"
        )
    return key


def record_number_gap(
    store: Store, *, series_key: str, year: int, number: int, reason: str
) -> int:
    """Record a number of the series that will never be a decision here (used elsewhere, spoiled), with why."""
    key = clean_series_key(series_key)
    text = require_text(reason, "reason", _("Hãy ghi lý do bỏ trống số văn bản này."))
    if not isinstance(number, int) or number < 1:
        raise ValidationError(_("Số văn bản phải là số nguyên dương."), field="number")
    with store.transaction(operation="decision.record_gap"):
        series_id = _series_row_id(store, key, year)
        used = store.scalar("SELECT number_text FROM decisions WHERE series_id = ? AND number = ?", (series_id, number))
        if used:
            raise ValidationError(
                _("Số {number} đã dùng cho quyết định {text}; không ghi là số bỏ trống được.").format(
                    number=number, text=used
                ),
                field="number",
            )
        if store.scalar("SELECT 1 FROM number_gaps WHERE series_id = ? AND number = ?", (series_id, number)):
            raise ValidationError(
                _("Số {number}/{key} năm {year} đã được ghi là số bỏ trống.").format(number=number, key=key, year=year),
                field="number",
            )
        return store.add("number_gaps", {"series_id": series_id, "number": number, "reason": text})


def set_series_next_number(
    store: Store, *, series_key: str, year: int, next_number: int, reason: str
) -> int:
    """Continue the unit's own numbering (a commune already at 125/QĐ-UBND when it starts using the program).

    The number may only move forward past every decision already issued in the series and year, so a number
    is never reused; the reason is kept in the audit log of the same transaction. Returns the series id.
    """
    key = clean_series_key(series_key)
    text = require_text(reason, "reason", _("Hãy ghi lý do đặt số tiếp theo của sổ văn bản."))
    if isinstance(next_number, bool) or not isinstance(next_number, int) or next_number < 1:
        raise ValidationError(_("Số tiếp theo phải là số nguyên dương."), field="next_number")
    check_year(year)
    with store.transaction(operation="decision.set_series"):
        series_id = _series_row_id(store, key, year)
        series = store.query_one("SELECT uuid, next_number FROM number_series WHERE id = ?", (series_id,))
        assert series is not None
        highest = store.query_one(
            "SELECT number, number_text FROM decisions WHERE series_id = ? ORDER BY number DESC LIMIT 1", (series_id,)
        )
        if highest and next_number <= int(highest["number"]):
            raise ValidationError(
                _(
                    "Sổ {key} năm {year} đã có quyết định số {text}; số tiếp theo phải lớn hơn {number} "
                    "(đang nhập: {value})."
                ).format(key=key, year=year, text=highest["number_text"], number=highest["number"], value=next_number),
                field="next_number",
            )
        store.update("number_series", series_id, {"next_number": next_number, "updated_at": now_iso()})
        record_event(
            store,
            table="number_series",
            record_uuid=series["uuid"],
            before={"key": key, "year": year, "next_number": series["next_number"]},
            after={"key": key, "year": year, "next_number": next_number, "reason": text},
        )
    return series_id


def list_number_series(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    """The unit's series with their next number and the highest number issued (for the window's dialog)."""
    where = "WHERE s.year = ?" if year else ""
    return store.query(
        "SELECT s.key AS series_key, s.year, s.next_number, "
        "(SELECT max(d.number) FROM decisions d WHERE d.series_id = s.id) AS highest_issued "
        f"FROM number_series s {where} ORDER BY s.year DESC, s.key",
        (year,) if year else (),
    )


def list_number_gaps(store: Store, *, series_key: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
    where = Where()
    if series_key:
        where.add("s.key = ?", series_key)
    if year:
        where.add("s.year = ?", year)
    return store.query(
        "SELECT g.number, g.reason, s.key AS series_key, s.year FROM number_gaps g "
        f"JOIN number_series s ON s.id = g.series_id {where} ORDER BY s.key, s.year, g.number",
        where.params,
    )
