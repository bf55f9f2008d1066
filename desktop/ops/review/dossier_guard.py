"""What a dossier sent up rests on: a person's CSTĐCS may not be voted again, cancelled or dropped from a
replacement decision while a proposal sent to the province still counts on it.

The province decides a Chiến sĩ thi đua cấp tỉnh, a Bằng khen tỉnh or a collective's TTLĐXS on the unit's CSTĐCS;
taking that title back at the unit behind the province's back would leave it deciding on a title that no longer
exists. The unit asks the province to withdraw those proposals first.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.dates import year_end
from desktop.domain.rules import RulePack, RulePackError
from desktop.i18n import _
from desktop.ops.review.common import counts_on_cstdcs, cstdcs_reliance
from desktop.store import Store, staff_repo
from desktop.store.review_repo import catalog_name, subject_name


def _run_length(pack: RulePack, code: str, year: int) -> int:
    """How many consecutive years of CSTĐCS a title that requires it counts (Chiến sĩ thi đua cấp tỉnh: 3)."""
    try:
        if pack.has_param(code, "consecutive_years"):
            return max(1, int(pack.param(code, "consecutive_years", year_end(year))))
    except (RulePackError, TypeError, ValueError):
        pass
    return 1


def resting_on_cstdcs(
    store: Store, pack: RulePack, *, staff_id: int, year: int, skip_id: int | None = None
) -> list[dict[str, Any]]:
    """The proposals sent up that count on ``staff_id``'s CSTĐCS of ``year``, each with its dossiers.

    Of the same year, as the dossier reads them (:func:`counts_on_cstdcs`): the person's own titles that require
    or were proposed on it, and the TTLĐXS of the department the person worked in that year. Of a later year: a
    title that requires a run of CSTĐCS years reaching back to ``year`` (a CSTĐ tỉnh of 2025 rests on 2023–2025).
    """
    return _on_cstdcs(store, pack, "sent_up", staff_id=staff_id, year=year, skip_id=skip_id)


def decided_on_cstdcs(store: Store, pack: RulePack, *, staff_id: int, year: int) -> list[dict[str, Any]]:
    """The proposals the province has already awarded on ``staff_id``'s CSTĐCS of ``year`` (read as
    :func:`resting_on_cstdcs` reads them). The unit may still take its own title back — a decision found wrong
    must be cancellable — but the province's award then stands on nothing, and the clerk must be told to report."""
    return _on_cstdcs(store, pack, "decided", staff_id=staff_id, year=year, skip_id=None)


def _on_cstdcs(
    store: Store, pack: RulePack, status: str, *, staff_id: int, year: int, skip_id: int | None
) -> list[dict[str, Any]]:
    department = staff_repo.year_department(store, staff_id, year)  # as the dossier counts it
    sent = store.query(
        "SELECT n.id, n.code, n.engine_verdict, n.target_kind, n.staff_id, n.department_id, n.household_name, "
        "r.year, (SELECT group_concat(i.dossier_id) FROM dossier_items i WHERE i.nomination_id = n.id) AS dossiers "
        "FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "WHERE r.year >= ? AND n.status = ? AND n.id != ? AND ("
        "(n.target_kind = 'individual' AND n.staff_id = ?) "
        "OR (n.target_kind = 'collective' AND r.year = ? AND n.department_id = ?)) "
        "ORDER BY r.year, n.id",
        (year, status, skip_id or 0, staff_id, year, department),
    )
    wanted = {"individual": ("own", "own_route"), "collective": ("members",)}
    found = []
    for row in sent:
        later = int(row["year"])
        if later == year:
            if counts_on_cstdcs(pack, row, year) in wanted[row["target_kind"]]:
                found.append(row)
        elif cstdcs_reliance(pack, str(row["code"]), later) == "own" and later - year < _run_length(
            pack, str(row["code"]), later
        ):
            found.append(row)
    return found


def describe(store: Store, pack: RulePack, dependents: list[dict[str, Any]]) -> tuple[str, str]:
    """(the proposals, the dossier numbers) as a message names them."""
    which = "; ".join(
        _("{who} ({title}, đề nghị số {id})").format(
            who=subject_name(store, d["target_kind"], d["staff_id"], d["department_id"], d["household_name"]),
            title=catalog_name(pack, d["code"]),
            id=d["id"],
        )
        for d in dependents
    )
    dossiers = sorted({int(x) for d in dependents for x in str(d["dossiers"] or "").split(",") if x})
    return which, ", ".join(str(d) for d in dossiers) or "—"
