"""A nominee's achievement report (báo cáo thành tích, Mẫu 05) and the unit's header, read from the database.

The review page prints the report and the dossier package sent up to the province attaches one per nominee
(:mod:`desktop.exchange.exporter`), so it is filled here, below the operations; the other review documents are
filled by :mod:`desktop.ops.review.documents`, which shares the unit's header and the nominee's line from here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.documents.review_data import AchievementReportDoc, AwardLine, PreviousAward, UnitHeader
from desktop.domain import codes, signing
from desktop.domain.history import UnitData
from desktop.store import review_repo, unit_repo
from desktop.store.db import Store
from desktop.store.engine_input import load_unit_data
from desktop.store.rules_repo import effective_pack

_PREVIOUS_COLUMNS = "year, code, category, decision_no, decision_date, issuer"


def unit_header(store: Store) -> UnitHeader:
    """The unit as printed in the two-column header (upper-case body names) and the signature block."""
    unit = unit_repo.get_unit(store) or {}
    parent = str(unit.get("parent_body") or "") or signing.province_body(str(unit.get("province_name") or ""))
    return UnitHeader(
        parent_body=parent.upper(),
        name=str(unit.get("name") or "").upper(),
        place_name=str(unit.get("place_name") or ""),
        head_title=str(unit.get("head_title") or ""),
        head_name=str(unit.get("head_name") or ""),
    )


def nomination_line(order: int, nomination: dict[str, Any]) -> AwardLine:
    """A nomination (as :func:`desktop.store.review_repo.nominations` reads it) as a line of a list."""
    return AwardLine(
        recipient_key=review_repo.recipient_key(nomination),
        order=order,
        target_kind=nomination["target_kind"],
        name=nomination["name"],
        position=nomination["position"],
        department=nomination["department"],
        gender=nomination["gender"],
        code=nomination["code"],
        code_name=nomination["code_name"],
        category=nomination["category"],
        achievement=nomination["achievement"],
    )


def recognised_initiatives(
    store: Store, staff_id: int, years: tuple[int, ...], *, unit_data: UnitData | None = None
) -> tuple[str, ...]:
    """Titles of the person's initiatives recognised within ``years``, oldest first.

    Read as the eligibility engine reads them (:func:`desktop.store.engine_input.load_unit_data` for the last year)
    and filtered by the engine's own test (``recognized_year`` within the window, as in
    ``eligibility.facts._free_initiatives``): one without a recognition date (``recognized_year`` 0) backs nothing,
    and one from before the period is no achievement of it, so the report sent up claims only initiatives the
    engine could count. ``unit_data`` of ``years[-1]``, when the caller
    already has it, saves reading the unit again for each nominee.
    """
    data = unit_data if unit_data is not None else load_unit_data(store, year=years[-1])
    person = next((p for p in data.people if p.id == staff_id), None)
    if person is None:  # not employed in the year: the engine had no initiative of theirs either
        return ()
    period = range(years[0], years[-1] + 1)
    return tuple(i.title for i in person.initiatives if i.recognized_year in period)


def achievement_report_doc(
    store: Store, *, nomination_id: int, unit_data: UnitData | None = None
) -> AchievementReportDoc:
    """Báo cáo thành tích (Mẫu 05) skeleton: who, proposed for what, ratings, awards and initiatives of the years.

    ``unit_data``: the engine's input for the round's year, to share between the reports of one package.
    """
    pack = effective_pack(store)
    row = review_repo.get_nomination_row(store, nomination_id)
    round_row = review_repo.get_round_row(store, row["round_id"])
    nomination = next(iter(review_repo.nominations(store, pack, round_row, "AND n.id = ?", (nomination_id,))))
    year = round_row["year"]
    span = 3
    if pack.has(row["code"]) and pack.has_param(row["code"], "consecutive_years"):
        span = max(span, int(pack.param(row["code"], "consecutive_years") or span))
    years = tuple(range(year - span + 1, year + 1))
    birth, ethnic = None, ""
    ratings: tuple[tuple[int, str], ...] = ()
    previous: list[PreviousAward] = []
    initiatives: tuple[str, ...] = ()
    if row["target_kind"] == "individual":
        person = store.query_one("SELECT birth_date, ethnic_code FROM staff WHERE id = ?", (row["staff_id"],)) or {}
        birth = date.fromisoformat(person["birth_date"]) if person.get("birth_date") else None
        ethnic = codes.ETHNIC_GROUPS.get(person.get("ethnic_code") or "", "")
        ratings = tuple(
            (r["year"], codes.RATINGS.get(r["rating"], r["rating"]))
            for r in store.query(
                "SELECT year, rating FROM ratings WHERE staff_id = ? AND year BETWEEN ? AND ? ORDER BY year",
                (row["staff_id"], years[0], years[-1]),
            )
        )
        awards = store.query(
            f"SELECT {_PREVIOUS_COLUMNS} FROM awards WHERE staff_id = ? AND target_kind = 'individual' "
            "AND year BETWEEN ? AND ? ORDER BY year, id",
            (row["staff_id"], years[0], years[-1]),
        )
        initiatives = recognised_initiatives(store, row["staff_id"], years, unit_data=unit_data)
    elif row["target_kind"] == "collective":
        awards = store.query(
            f"SELECT {_PREVIOUS_COLUMNS} FROM awards WHERE department_id = ? AND target_kind = 'collective' "
            "AND year BETWEEN ? AND ? ORDER BY year, id",
            (row["department_id"], years[0], years[-1]),
        )
    else:
        awards = []
    previous = [
        PreviousAward(
            year=a["year"],
            name=review_repo.catalog_name(pack, a["code"]),
            category=a["category"],
            decision_number_text=a["decision_no"] or "",
            decision_date=date.fromisoformat(a["decision_date"]) if a["decision_date"] else None,
            issuer=a["issuer"] or "",
        )
        for a in awards
    ]
    return AchievementReportDoc(
        unit=unit_header(store),
        person=nomination_line(1, nomination),
        birth_date=birth,
        ethnic=ethnic,
        proposed_for=nomination["code_name"],
        years=years,
        ratings=ratings,
        previous_awards=tuple(previous),
        initiatives=initiatives,
    )


__all__ = ["achievement_report_doc", "nomination_line", "recognised_initiatives", "unit_header"]
