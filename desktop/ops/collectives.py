"""Collectives (phòng ban, tổ, thôn…) and their own yearly rating, used by the window and ``tdkt collective``.

TTLĐTT and TTLĐXS need the collective's own rating of the year (Luật TĐKT 2022, Điều 27–28), kept in
``collective_ratings`` beside the people's ratings. Each change is ONE named transaction, audited:
``collective.rating`` (set or change) and ``collective.rating_delete`` (remove a mistyped one).

Public API::

    set_collective_rating(store, department_id=3, year=2025, rating="HTXSNV", notes="")
    remove_collective_rating(store, department_id=3, year=2025)
    ratings_history(store, department_id=3)     # [{"year", "rating", "rating_label", "notes", ...}], newest first
    list_collectives(store, year=2025)          # [{"id", "uuid", "name", "members", "rating", "ratings", ...}]
    department_by_name(store, "Phòng Kinh tế")  # the department row, or NotFoundError
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain import codes
from desktop.domain.text import NOTES_MAX_LENGTH, fold, nfc, plain_sort_key
from desktop.i18n import _
from desktop.ops.common import clean_text
from desktop.store import NotFoundError, Store, ValidationError, awards_repo

FIRST_YEAR = 1990


def rating_label(code: str | None) -> str:
    """The Vietnamese words of a rating code ("Hoàn thành tốt nhiệm vụ"), or "" when there is none."""
    return _(codes.RATINGS[code]) if code in codes.RATINGS else ""


def check_rating(value: str) -> str:
    """The rating code for ``value`` (a code in any case); a clear ValidationError otherwise."""
    code = nfc(value or "").strip().upper()
    if code not in codes.RATINGS:
        raise ValidationError(
            _("Xếp loại “{value}” không hợp lệ; ghi một trong các mã HTXSNV, HTTNV, HTNV, KHTNV.").format(value=value),
            field="rating",
        )
    return code


def check_year(year: object) -> int:
    last = date.today().year + 1
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise ValidationError(
            _("Năm {year} không hợp lệ (chỉ nhận từ {first} đến {last}).").format(
                year=year, first=FIRST_YEAR, last=last
            ),
            field="year",
        )
    return year


def get_department(store: Store, department_id: int) -> dict[str, Any]:
    return store.get(
        "departments", department_id, _("Không tìm thấy phòng ban, tập thể mã {id}.").format(id=department_id)
    )


def department_by_name(store: Store, name: str) -> dict[str, Any]:
    """The department with this name: same letters ignoring case, else the only one matching without accents."""
    wanted = nfc(name).strip()
    rows = store.query("SELECT * FROM departments ORDER BY id")
    exact = [row for row in rows if nfc(row["name"]).casefold() == wanted.casefold()]
    if exact:
        return exact[0]
    loose = [row for row in rows if fold(row["name"]) == fold(wanted)] if wanted else []
    if len(loose) == 1:
        return loose[0]
    known = ", ".join(f"“{row['name']}”" for row in sorted(rows, key=lambda r: plain_sort_key(r["name"])))
    raise NotFoundError(
        _("Không có phòng ban, tập thể “{name}”. Các tập thể hiện có: {known}.").format(
            name=name, known=known or _("(chưa có)")
        )
    )


def set_collective_rating(
    store: Store, *, department_id: int, year: int, rating: str, notes: str = ""
) -> dict[str, Any]:
    """Record (or change) a collective's rating of ``year``; returns the stored rating and the one it replaced."""
    code = check_rating(rating)
    check_year(year)
    notes = clean_text(notes, "notes", _("Ghi chú"), multiline=True, max_length=NOTES_MAX_LENGTH)
    department = get_department(store, department_id)
    with store.transaction(operation="collective.rating"):
        old = awards_repo.collective_rating(store, department_id, year)
        awards_repo.set_collective_rating(store, department_id, year, code, notes)
        row = awards_repo.collective_rating(store, department_id, year)
    assert row is not None
    return _rating_json(row) | {
        "department": {"id": department["id"], "uuid": department["uuid"], "name": department["name"]},
        "previous": old["rating"] if old else None,
        "changed": old is None or old["rating"] != code or old["notes"] != row["notes"],
    }


def remove_collective_rating(store: Store, *, department_id: int, year: int) -> None:
    """Remove a mistyped rating (the audit log keeps the old values)."""
    department = get_department(store, department_id)
    with store.transaction(operation="collective.rating_delete"):
        if awards_repo.collective_rating(store, department_id, year) is None:
            raise NotFoundError(
                _("Tập thể “{name}” chưa có xếp loại năm {year}.").format(name=department["name"], year=year)
            )
        awards_repo.delete_collective_rating(store, department_id, year)


def _rating_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "year": int(row["year"]),
        "rating": row["rating"],
        "rating_label": rating_label(row["rating"]),
        "notes": row["notes"] or "",
        "updated_at": row["updated_at"],
    }


def ratings_history(store: Store, *, department_id: int) -> list[dict[str, Any]]:
    """A collective's ratings by year, newest first."""
    return [_rating_json(row) for row in awards_repo.collective_ratings_for(store, department_id)]


def list_collectives(store: Store, *, year: int | None = None, include_inactive: bool = False) -> list[dict[str, Any]]:
    """Collectives in Vietnamese order with their members and ratings.

    ``members``: people working there now, or, with ``year``, the people employed at some time in that year (the
    members the eligibility engine counts). ``rating``/``rating_label``/``notes``: the rating of ``year`` (None
    without a year or when not rated); ``ratings``: every year, newest first.
    """
    where = "" if include_inactive else "WHERE active = 1"
    departments = store.query(f"SELECT id, uuid, name, kind, active FROM departments {where}")
    departments.sort(key=lambda row: (plain_sort_key(row["name"]), row["id"]))
    if year is None:
        counts = store.query(
            "SELECT department_id, count(*) AS n FROM staff WHERE end_date IS NULL AND department_id IS NOT NULL "
            "GROUP BY department_id"
        )
    else:
        counts = store.query(
            "SELECT department_id, count(*) AS n FROM staff WHERE department_id IS NOT NULL "
            "AND (start_date IS NULL OR start_date <= ?) AND (end_date IS NULL OR end_date >= ?) "
            "GROUP BY department_id",
            (f"{year:04d}-12-31", f"{year:04d}-01-01"),
        )
    members = {int(row["department_id"]): int(row["n"]) for row in counts}
    ratings: dict[int, list[dict[str, Any]]] = {}
    for row in store.query("SELECT * FROM collective_ratings ORDER BY department_id, year DESC"):
        ratings.setdefault(int(row["department_id"]), []).append(_rating_json(row))
    out = []
    for row in departments:
        history = ratings.get(int(row["id"]), [])
        this_year = next((r for r in history if r["year"] == year), None) if year is not None else None
        out.append(
            {
                "id": int(row["id"]),
                "uuid": row["uuid"],
                "name": row["name"],
                "kind": row["kind"],
                "active": bool(row["active"]),
                "members": members.get(int(row["id"]), 0),
                "year": year,
                "rating": this_year["rating"] if this_year else None,
                "rating_label": this_year["rating_label"] if this_year else "",
                "notes": this_year["notes"] if this_year else "",
                "ratings": history,
            }
        )
    return out


def year_ratings(store: Store, *, year: int) -> list[dict[str, Any]]:
    """The active collectives of ``year`` with their rating of that year (None when not rated) and members."""
    keys = ("id", "uuid", "name", "members", "rating", "rating_label", "notes")
    return [{key: row[key] for key in keys} for row in list_collectives(store, year=year)]


__all__ = [
    "check_rating",
    "check_year",
    "department_by_name",
    "get_department",
    "list_collectives",
    "rating_label",
    "ratings_history",
    "remove_collective_rating",
    "set_collective_rating",
    "year_ratings",
]
