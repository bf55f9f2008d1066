"""The yearly review as it is read: rounds, nominations with their subject's names and what the pack says of them.

The operations of :mod:`desktop.ops.review` and the achievement report (:mod:`desktop.documents.achievement_report`,
which the dossier package attaches) read nominations through here. Who confers a title and whether it needs the
council's ballot are never guessed: a lookup the pack cannot answer on a date raises a ValidationError naming the code
and the date (an operation must not treat the title as the unit's, nor skip its ballot). The nominations as the
window shows them carry "unknown" instead (not the unit's, not sent up, a ballot needed) so the round still opens.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from desktop.domain.dates import year_end
from desktop.domain.rules import RulePack, RulePackError
from desktop.domain.text import name_key, plain_sort_key, sort_key
from desktop.i18n import N_, _
from desktop.store.db import Store
from desktop.store.errors import ValidationError
from desktop.store.rules_repo import unit_kind

TARGET_KINDS = ("individual", "collective", "household")
_KIND_ORDER = {kind: index for index, kind in enumerate(TARGET_KINDS)}


def get_round_row(store: Store, round_id: int) -> dict[str, Any]:
    return store.get("review_rounds", round_id, _("Không tìm thấy đợt bình xét số {id}.").format(id=round_id))


def get_nomination_row(store: Store, nomination_id: int) -> dict[str, Any]:
    return store.get("nominations", nomination_id, _("Không tìm thấy đề nghị số {id}.").format(id=nomination_id))


def round_date(round_row: dict[str, Any]) -> date:
    """The date the round's decision is planned to bear: the law of that date applies (default 31 December)."""
    value = round_row.get("decision_date")
    return date.fromisoformat(value) if value else year_end(int(round_row["year"]))


# -- what the pack says of a nomination ------------------------------------------------------------------------


def catalog_name(pack: RulePack, code: str) -> str:
    return pack.item(code).name if pack.has(code) else code


UNKNOWN = "unknown"  # who confers it cannot be told on that date: neither the unit's nor sent up, a ballot needed


_WHO_UNKNOWN = N_("Không xác định được ai quyết định “{name}” ({code}) theo quy định ngày {date}: {problem}")
_BALLOT_UNKNOWN = N_(
    "Không xác định được “{name}” ({code}) có cần Hội đồng bỏ phiếu kín hay không theo quy định ngày {date}: {problem}"
)


def _unanswered(pack: RulePack, code: str, on: date, message: str, exc: RulePackError) -> ValidationError:
    return ValidationError(
        _(message).format(name=catalog_name(pack, code), code=code, date=on.strftime("%d/%m/%Y"), problem=exc)
    )


def conferred_by(pack: RulePack, code: str, on: date, kind: str) -> str:
    """ "unit", "upward" or "none" for this kind of unit on that date; a ValidationError when the pack cannot
    tell (answering "unit" let the unit decide what its province confers)."""
    try:
        return pack.conferred_by(code, on, kind)
    except RulePackError as exc:
        raise _unanswered(pack, code, on, _WHO_UNKNOWN, exc) from None


def authority(pack: RulePack, code: str, on: date, kind: str) -> tuple[str, str]:
    """(who confers it, the law that says so) on that date, for messages and the window; a ValidationError when
    the pack cannot tell."""
    try:
        cited = pack.authority_cited(code, kind, on)
    except RulePackError as exc:
        raise _unanswered(pack, code, on, _WHO_UNKNOWN, exc) from None
    return str(cited.value), cited.citation()


def ballot_required(pack: RulePack, code: str, on: date) -> bool:
    """Whether the council's secret ballot is needed on that date; a ValidationError when the pack cannot tell
    (answering "no" let a title go without the ballot the law asks)."""
    try:
        return pack.ballot_threshold_cited(code, on) is not None
    except RulePackError as exc:
        raise _unanswered(pack, code, on, _BALLOT_UNKNOWN, exc) from None


def nomination_law(pack: RulePack, code: str, on: date, kind: str) -> dict[str, Any]:
    """What a window shows of a nomination on that date: ``conferred_by``, ``authority``, ``ballot_required`` and
    ``law_problem`` ("" or why the pack cannot tell). Where it cannot tell who confers it, "unknown" (neither the
    unit's nor sent up); where it cannot tell of the ballot, a ballot needed: no window offers it to a decision."""
    problems: list[str] = []
    try:
        who = authority(pack, code, on, kind)[0]
        conferred = who if who in ("unit", "none") else "upward"
    except ValidationError as exc:
        who = conferred = UNKNOWN
        problems.append(str(exc))
    try:
        ballot = ballot_required(pack, code, on)
    except ValidationError as exc:
        ballot = True
        problems.append(str(exc))
    return {"conferred_by": conferred, "authority": who, "ballot_required": ballot, "law_problem": "\n".join(problems)}


def rank(pack: RulePack, code: str) -> int:
    """The award's rank in the catalog (0 for a code the pack does not know)."""
    return pack.item(code).rank if pack.has(code) else 0


# -- whom a nomination names -------------------------------------------------------------------------------------


def subject_name(store: Store, target_kind: str, staff_id: Any, department_id: Any, household: str) -> str:
    if target_kind == "individual":
        return str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,)) or "")
    if target_kind == "collective":
        return str(store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or "")
    return household


def name_order(target_kind: str, name: str) -> tuple[int, str]:
    """Individuals, then collectives, then households, each in Vietnamese order of the name."""
    key = sort_key(name) if target_kind in ("individual", "household") else plain_sort_key(name)
    return (_KIND_ORDER.get(target_kind, 9), key)


def recipient_key(row: dict[str, Any]) -> str:
    """The same person, collective or household across rows: "individual:12", "household:giàng seo chứ"."""
    kind = row["target_kind"]
    if kind == "individual":
        return f"individual:{row['staff_id']}"
    if kind == "collective":
        return f"collective:{row['department_id']}"
    return f"household:{name_key(row['household_name'])}"


# -- nominations as the window and the documents show them -----------------------------------------------------

_NOMINATION_SQL = """
SELECT n.*, s.full_name AS staff_name, s.sort_key AS staff_sort, s.position AS staff_position,
       s.gender AS staff_gender, sd.name AS staff_department, d.name AS department_name,
       b.members_total AS b_members_total, b.present AS b_present, b.agree AS b_agree, b.disagree AS b_disagree,
       b.invalid AS b_invalid, b.passed AS b_passed, b.threshold AS b_threshold, b.arithmetic AS b_arithmetic,
       b.cite AS b_cite, b.written_agree AS b_written_agree, b.written_disagree AS b_written_disagree
FROM nominations n
LEFT JOIN staff s ON s.id = n.staff_id
LEFT JOIN departments sd ON sd.id = s.department_id
LEFT JOIN departments d ON d.id = n.department_id
LEFT JOIN ballots b ON b.nomination_id = n.id
"""


def _nomination_dict(pack: RulePack, row: dict[str, Any], on: date, kind_of_unit: str) -> dict[str, Any]:
    kind = row["target_kind"]
    if kind == "individual":
        name, position, department, gender = (
            row["staff_name"] or "",
            row["staff_position"] or "",
            row["staff_department"] or "",
            row["staff_gender"] or "",
        )
    elif kind == "collective":
        name, position, department, gender = row["department_name"] or "", "", "", ""
    else:
        name, position, department, gender = row["household_name"], "", "", ""
    ballot = None
    if row["b_members_total"] is not None:
        try:
            written_count = bool(pack.setting("ballot_counts_written_opinions", on))
        except RulePackError:
            written_count = False
        ballot = {
            "counted_agree": row["b_agree"] + (row["b_written_agree"] if written_count else 0),
            "members_total": row["b_members_total"],
            "present": row["b_present"],
            "agree": row["b_agree"],
            "disagree": row["b_disagree"],
            "invalid": row["b_invalid"],
            "written_agree": row["b_written_agree"],
            "written_disagree": row["b_written_disagree"],
            "passed": bool(row["b_passed"]),
            "threshold": row["b_threshold"],
            "arithmetic": row["b_arithmetic"],
            "cite": row["b_cite"],
        }
    return {
        "id": row["id"],
        "uuid": row["uuid"],
        "round_id": row["round_id"],
        "target_kind": kind,
        "staff_id": row["staff_id"],
        "department_id": row["department_id"],
        "household_name": row["household_name"],
        "name": name,
        "position": position,
        "department": department,
        "gender": gender,
        "code": row["code"],
        "code_name": catalog_name(pack, row["code"]),
        "category": row["category"],
        **nomination_law(pack, row["code"], on, kind_of_unit),
        "engine_verdict": row["engine_verdict"],
        "engine_reasons": json.loads(row["engine_reasons"] or "[]"),
        "proposed_by_engine": bool(row["proposed_by_engine"]),
        "status": row["status"],
        "ballot": ballot,
        "change_reason": row["change_reason"],
        "override_reason": row["override_reason"],
        "removed_reason": row["removed_reason"],
        "initiative_id": row["initiative_id"],
        "achievement": row["achievement"],
    }


def nominations(
    store: Store, pack: RulePack, round_row: dict[str, Any], where: str = "", params: Iterable[Any] = ()
) -> list[dict[str, Any]]:
    """The round's nominations (``where`` narrows them: "AND n.id = ?"), in the order of the round's lists."""
    on = round_date(round_row)
    kind = unit_kind(store)
    rows = store.query(_NOMINATION_SQL + " WHERE n.round_id = ? " + where, (round_row["id"], *params))
    items = [_nomination_dict(pack, row, on, kind) for row in rows]
    items.sort(key=lambda n: (*name_order(n["target_kind"], n["name"]), -rank(pack, n["code"]), n["id"]))
    return items


__all__ = [
    "TARGET_KINDS",
    "UNKNOWN",
    "authority",
    "ballot_required",
    "catalog_name",
    "conferred_by",
    "get_nomination_row",
    "get_round_row",
    "name_order",
    "nomination_law",
    "nominations",
    "rank",
    "recipient_key",
    "round_date",
    "subject_name",
]


def council_meeting(
    store: Store, round_id: int, nomination_ids: Iterable[int] | None = None, *, statuses: Sequence[str] = ()
) -> date | None:
    """The day the round's council met, when it cast a ballot on one of these nominations (by id; None: on any of
    the round's nominations in ``statuses``); None when it cast none. No decision on them, the unit's or the
    province's, is signed earlier."""
    if nomination_ids is None:
        chosen = "n.status IN (" + ",".join("?" * len(statuses)) + ")"
        params: list[Any] = [*statuses]
    else:
        ids = sorted({int(i) for i in nomination_ids})
        if not ids:
            return None
        chosen = "n.id IN (" + ",".join("?" * len(ids)) + ")"
        params = [*ids]
    meeting = store.scalar(
        "SELECT c.meeting_date FROM councils c WHERE c.round_id = ? AND EXISTS (SELECT 1 FROM ballots b "
        f"JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = c.round_id AND {chosen})",
        (round_id, *params),
    )
    return date.fromisoformat(str(meeting)[:10]) if meeting else None


# The day a decision holds its numbering book to (:func:`desktop.ops.review.numbering.check_number_date`), as SQL
# over a ``decisions`` row: its signing day, or for a cancelled one dated after the day its number was taken, that day.
HELD_DAY_SQL = (
    "CASE WHEN status = 'revoked' AND substr(created_at, 1, 10) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
    "AND substr(created_at, 1, 10) < substr(decision_date, 1, 10) THEN substr(created_at, 1, 10) "
    "ELSE substr(decision_date, 1, 10) END"
)
