"""The award history: titles and award forms received, from this unit or from above.

Call inside ``store.transaction()``. Whether a code is a title or an award form is decided by the
rule pack's catalog (the caller passes ``category``), never guessed from the code here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.text import name_key, nfc
from desktop.i18n import _
from desktop.store.db import Store, now_iso
from desktop.store.errors import ValidationError
from desktop.store.staff_repo import department_on_sql
from desktop.store.unit_repo import department_name_on_sql

AWARD_SOURCES = ("unit", "above", "import")

# An award's recipient as counted in reports (women, ethnic minorities, leaders; 0601–0605) and grouped by
# department: as the unit's decision froze them on the day it was signed (schema v3 and v10), so a report of a past
# year does not change when the person is promoted, moved or corrected today. Awards from above or imported carry
# no decision of ours: their department is the one the person was in on the award's day (moves are dated, schema v10)
# under the name it bore that day (renames are dated, schema v15), the collective's likewise; awardees of decisions
# issued before schema v10 have no frozen ethnic group or leader status, and those fall back to today's staff record.
# Use with ``FROM awards a`` and the joins below.
#: The day an award names its recipient's department on: its decision's date, else the last day of its year.
AWARD_DAY_SQL = "coalesce(nullif(substr(a.decision_date, 1, 10), ''), printf('%04d-12-31', a.year))"
AS_DECIDED_JOINS = "LEFT JOIN decision_awardees x ON x.id = a.awardee_id LEFT JOIN staff s ON s.id = a.staff_id"
AS_DECIDED_COLUMNS = (
    "CASE WHEN x.id IS NULL THEN s.gender ELSE x.snapshot_gender END AS gender, "
    "coalesce(x.snapshot_ethnic_code, s.ethnic_code) AS ethnic_code, "
    "coalesce(x.snapshot_is_leader, s.is_leader) AS is_leader, "
    "CASE WHEN x.id IS NULL THEN coalesce("
    f"{department_name_on_sql(department_on_sql(AWARD_DAY_SQL), AWARD_DAY_SQL)}, "
    f"{department_name_on_sql('a.department_id', AWARD_DAY_SQL)}, '') "
    "WHEN a.target_kind = 'individual' THEN x.snapshot_department ELSE x.snapshot_name END AS department"
)


def add_award(
    store: Store,
    *,
    target_kind: str,
    year: int,
    code: str,
    category: str,
    staff_id: int | None = None,
    department_id: int | None = None,
    household_name: str = "",
    source: str = "unit",
    decision_no: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    initiative_id: int | None = None,
    amount: int | None = None,
    notes: str = "",
) -> int:
    if source not in AWARD_SOURCES:
        raise ValidationError(_("Nguồn khen thưởng “{value}” không hợp lệ.").format(value=source), field="source")
    if initiative_id is not None:
        used = store.query_one(
            "SELECT a.code, a.year, s.full_name FROM awards a LEFT JOIN staff s ON s.id = a.staff_id "
            "WHERE a.initiative_id = ?",
            (initiative_id,),
        )
        if used:
            raise ValidationError(
                _(
                    "Sáng kiến này đã được dùng làm căn cứ cho {code} năm {year}; mỗi sáng kiến chỉ làm căn cứ "
                    "cho một hình thức khen thưởng (Công văn 5007/BNV-TĐKT)."
                ).format(code=used["code"], year=used["year"]),
                field="initiative_id",
            )
    return store.add(
        "awards",
        {
            "target_kind": target_kind,
            "staff_id": staff_id,
            "department_id": department_id,
            "household_name": nfc(household_name),
            "year": year,
            "code": code,
            "category": category,
            "source": source,
            "decision_no": nfc(decision_no),
            "decision_date": decision_date.isoformat() if decision_date else None,
            "issuer": nfc(issuer),
            "initiative_id": initiative_id,
            "amount": amount,
            "notes": nfc(notes),
        },
    )


AWARD_LIST_SQL = """
SELECT a.*, s.full_name, s.staff_code, d.name AS department
FROM awards a
LEFT JOIN staff s ON s.id = a.staff_id
LEFT JOIN departments d ON d.id = a.department_id
"""


def awards_for_staff(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return store.query(AWARD_LIST_SQL + " WHERE a.staff_id = ? ORDER BY a.year DESC, a.id", (staff_id,))


def awards_for_department(store: Store, department_id: int) -> list[dict[str, Any]]:
    return store.query(
        AWARD_LIST_SQL + " WHERE a.department_id = ? AND a.target_kind = 'collective' ORDER BY a.year DESC, a.id",
        (department_id,),
    )


def held_award(store: Store, subject: dict[str, Any], year: int, code: str) -> dict[str, Any] | None:
    """The register's first award of ``code`` in ``year`` for the subject of a nomination (``target_kind`` and its
    ``staff_id``, ``department_id`` or ``household_name``), whatever conferred it; None when it holds none.

    A household is known by its name only, compared on :func:`name_key` as everywhere else (case, spaces, "Thuỷ"
    and "Thủy" do not make another household): an award recorded by hand as "Hộ ông Lò Văn Thuỷ" is held by the
    nomination of "hộ ông Lò Văn Thủy", which must not be sent up and paid again."""
    if subject["target_kind"] == "household":
        wanted = name_key(subject["household_name"])
        rows = store.query(
            "SELECT * FROM awards WHERE target_kind = 'household' AND year = ? AND code = ? ORDER BY id",
            (year, code),
        )
        return next((r for r in rows if name_key(r["household_name"]) == wanted), None)
    if subject["target_kind"] == "individual":
        where, value = "staff_id = ?", subject["staff_id"]
    else:
        where, value = "department_id = ?", subject["department_id"]
    return store.query_one(
        f"SELECT * FROM awards WHERE target_kind = ? AND {where} AND year = ? AND code = ? ORDER BY id LIMIT 1",
        (subject["target_kind"], value, year, code),
    )


def list_awards(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    if year is None:
        return store.query(AWARD_LIST_SQL + " ORDER BY a.year DESC, a.id")
    return store.query(AWARD_LIST_SQL + " WHERE a.year = ? ORDER BY a.id", (year,))


def delete_award(store: Store, award_id: int) -> None:
    store.execute("DELETE FROM awards WHERE id = ?", (award_id,))


def set_collective_rating(store: Store, department_id: int, year: int, rating: str, notes: str = "") -> None:
    stamp = now_iso()
    existing = store.scalar(
        "SELECT id FROM collective_ratings WHERE department_id = ? AND year = ?", (department_id, year)
    )
    if existing:
        store.update("collective_ratings", existing, {"rating": rating, "notes": nfc(notes), "updated_at": stamp})
    else:
        store.add(
            "collective_ratings", {"department_id": department_id, "year": year, "rating": rating, "notes": nfc(notes)}
        )


def collective_ratings(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM collective_ratings ORDER BY department_id, year")


def collective_rating(store: Store, department_id: int, year: int) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT * FROM collective_ratings WHERE department_id = ? AND year = ?", (department_id, year)
    )


def collective_ratings_for(store: Store, department_id: int) -> list[dict[str, Any]]:
    """One collective's yearly ratings, newest year first."""
    return store.query("SELECT * FROM collective_ratings WHERE department_id = ? ORDER BY year DESC", (department_id,))


def delete_collective_rating(store: Store, department_id: int, year: int) -> None:
    store.execute("DELETE FROM collective_ratings WHERE department_id = ? AND year = ?", (department_id, year))


def collective_ratings_between(store: Store, *, first: int, last: int) -> dict[int, list[dict[str, Any]]]:
    """{department id: [{"year", "rating"}, ...]} for the years ``first``..``last``, oldest year first."""
    result: dict[int, list[dict[str, Any]]] = {}
    for row in store.query(
        "SELECT department_id, year, rating FROM collective_ratings WHERE year BETWEEN ? AND ? "
        "ORDER BY department_id, year",
        (first, last),
    ):
        result.setdefault(int(row["department_id"]), []).append({"year": int(row["year"]), "rating": row["rating"]})
    return result
