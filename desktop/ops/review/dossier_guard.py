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
from desktop.domain.text import name_key
from desktop.i18n import _
from desktop.ops.review.common import counts_on_cstdcs, cstdcs_reliance
from desktop.store import Store, staff_repo
from desktop.store.review_repo import catalog_name, subject_name

#: A nomination another round still lists: neither decided nor sent up (:func:`waiting_in_round`).
_LISTED = ("proposed", "passed")


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


def waiting_upward(
    store: Store,
    *,
    year: int,
    target_kind: str,
    staff_id: Any,
    department_id: Any,
    household: str,
    code: str,
    skip_id: int | None = None,
) -> dict[str, Any] | None:
    """The nomination of the same subject, code and year that a dossier sent up and the level above has not decided
    yet (status ``sent_up``), in any round of the year, with its round's name and its dossier; None when there is none.

    Sending it again from another round (a supplementary round after the yearly one) would have the province decide
    and pay it twice. Households are compared on their name key, as everywhere else."""
    rows = store.query(
        "SELECT n.id, n.household_name, r.id AS round_id, r.name AS round_name, "
        "(SELECT max(i.dossier_id) FROM dossier_items i WHERE i.nomination_id = n.id) AS dossier_id "
        "FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "WHERE r.year = ? AND n.status = 'sent_up' AND n.target_kind = ? AND n.code = ? "
        "AND coalesce(n.staff_id, 0) = ? AND coalesce(n.department_id, 0) = ? AND n.id != ? ORDER BY n.id",
        (year, target_kind, code, staff_id or 0, department_id or 0, skip_id or 0),
    )
    wanted = name_key(household or "")
    return next((r for r in rows if name_key(r["household_name"] or "") == wanted), None)


def waiting_where(waiting: dict[str, Any]) -> str:
    """ "hồ sơ số 3 của đợt “Bình xét … năm 2025”": where a nomination waiting for the level above was sent."""
    return _("hồ sơ số {dossier} của đợt “{round}”").format(
        dossier=waiting["dossier_id"] if waiting["dossier_id"] is not None else "—", round=waiting["round_name"]
    )


def handled_elsewhere(store: Store, *, year: int, round_id: int) -> dict[tuple[str, int, str], dict[str, Any]]:
    """What another round of ``year`` has already dealt with or still holds, by (target kind, id, code): a nomination
    it sent up (waiting for the level above, as :func:`waiting_upward` reads it), one decided (by the unit or the level
    above) that is a title or an award form of a yearly round (:func:`desktop.ops.review.rounds.awarded_keys` reads
    award forms the same way: one of an occasion round rewards another achievement), and one it still lists, neither
    decided nor sent up (:func:`waiting_in_round`: a title in a round of any kind, an award form in a round that is not
    a movement's). The engine's proposals of a yearly round skip these: proposed twice, they would be voted, decided or
    sent up twice. One sent up or decided is named before one still listed, else the first one found. People and
    collectives only: the engine proposes no household."""
    rows = store.query(
        "SELECT n.id, n.target_kind, n.staff_id, n.department_id, n.code, n.category, n.status, "
        "r.id AS round_id, r.name AS round_name, r.kind AS round_kind, "
        "(SELECT max(i.dossier_id) FROM dossier_items i WHERE i.nomination_id = n.id) AS dossier_id "
        "FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "WHERE r.year = ? AND r.id != ? AND n.status IN ('sent_up', 'decided', 'proposed', 'passed') "
        "AND n.target_kind IN ('individual', 'collective') "
        "ORDER BY n.status IN ('proposed', 'passed'), n.id",
        (year, round_id),
    )
    found: dict[tuple[str, int, str], dict[str, Any]] = {}
    for row in rows:
        if row["status"] == "decided" and row["category"] != "title" and row["round_kind"] != "year":
            continue
        if row["status"] in _LISTED and row["category"] != "title" and row["round_kind"] == "movement":
            continue
        key = (str(row["target_kind"]), int(row["staff_id"] or row["department_id"] or 0), str(row["code"]))
        found.setdefault(key, row)
    return found


def handled_text(row: dict[str, Any]) -> str:
    """Why the engine's proposal is not made in this round: which round dealt with it, and how (as a removal reason
    the clerk reads in the round's list)."""
    if row["status"] in _LISTED:
        return _(
            "Đang được đề nghị ở đợt “{round}” (đề nghị số {id}), chưa có quyết định và chưa gửi cấp trên; "
            "chương trình không đề xuất trùng trong đợt này. Nếu đợt đó bỏ đề nghị này, bấm “Cập nhật đề nghị” để "
            "đề xuất lại."
        ).format(round=row["round_name"], id=row["id"])
    if row["status"] == "sent_up" and row["dossier_id"] is not None:
        how = _("đã gửi cấp trên trong hồ sơ số {dossier}").format(dossier=row["dossier_id"])
    elif row["status"] == "sent_up":
        how = _("đã gửi cấp trên")
    else:
        how = _("đã có quyết định")
    return _("Đã xét ở đợt “{round}” (đề nghị số {id}, {how}); chương trình không đề xuất lại trong đợt này.").format(
        round=row["round_name"], id=row["id"], how=how
    )


def waiting_in_round(
    store: Store,
    *,
    year: int,
    round_id: int,
    target_kind: str,
    staff_id: Any,
    department_id: Any,
    household: str,
    code: str,
    movement_too: bool = False,
) -> dict[str, Any] | None:
    """The nomination of the same subject, code and year that another round lists and has neither decided nor sent
    up yet (proposed, or passed by its council), with its round's name; None when there is none. A movement's round
    is asked only with ``movement_too`` (a title, conferred once a year whatever the round): its award forms reward
    that movement's achievement. Households are compared on their name key."""
    rows = store.query(
        "SELECT n.id, n.household_name, n.status, r.id AS round_id, r.name AS round_name "
        "FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "WHERE r.year = ? AND r.id != ? AND (? OR r.kind != 'movement') AND n.status IN ('proposed', 'passed') "
        "AND n.target_kind = ? AND n.code = ? "
        "AND coalesce(n.staff_id, 0) = ? AND coalesce(n.department_id, 0) = ? ORDER BY n.id",
        (year, round_id, 1 if movement_too else 0, target_kind, code, staff_id or 0, department_id or 0),
    )
    wanted = name_key(household or "")
    return next((r for r in rows if name_key(r["household_name"] or "") == wanted), None)
