"""Criteria, the points given to each participant, and the ranking (women first on ties where the pack says so).

Participants are the members of the blocks that signed the movement's covenant, else the unit's active
departments; a participant's key is ``"m:<block member id>"`` or ``"d:<department id>"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from desktop.domain import scoring
from desktop.domain.rules import RulePackError
from desktop.domain.text import NOTES_MAX_LENGTH
from desktop.i18n import _, label
from desktop.ops.movements.common import CRITERION_KINDS, clean_line, get_movement_row, open_movement_row
from desktop.store import Store, ValidationError, movements_repo, unit_repo
from desktop.store.rules_repo import effective_pack


def _criterion_values(
    name: str, max_points: float, weight: float, mandatory: bool, kind: str, description: str
) -> dict[str, Any]:
    name = clean_line(name, "criteria", _("Tên tiêu chí"))
    criterion = scoring.Criterion(0, name, float(max_points), float(weight), bool(mandatory), kind)
    try:
        scoring.validate_criteria([criterion])
    except scoring.ScoringError as exc:
        raise ValidationError(str(exc), field="criteria") from None
    return {
        "name": criterion.name,
        "max_points": criterion.max_points,
        "weight": criterion.weight,
        "mandatory": int(criterion.mandatory),
        "kind": kind,
        "description": clean_line(description, "criteria", _("Mô tả tiêu chí"), NOTES_MAX_LENGTH),
    }


def add_criterion(
    store: Store,
    *,
    movement_id: int,
    name: str,
    max_points: float,
    weight: float = 1.0,
    mandatory: bool = False,
    kind: str = "normal",
    description: str = "",
) -> int:
    values = _criterion_values(name, max_points, weight, mandatory, kind, description)
    with store.transaction(operation="movement.add_criterion"):  # the next position, taken under the write lock
        open_movement_row(store, movement_id)
        position = int(
            store.scalar("SELECT coalesce(max(position), -1) + 1 FROM criteria WHERE movement_id = ?", (movement_id,))
        )
        return store.add("criteria", {"movement_id": movement_id, "position": position, **values})


def update_criterion(store: Store, *, criterion_id: int, **changes: Any) -> None:
    with store.transaction(operation="movement.update_criterion"):  # no point above the new maximum meanwhile
        row = store.get("criteria", criterion_id, _("Không tìm thấy tiêu chí số {id}.").format(id=criterion_id))
        open_movement_row(store, row["movement_id"])
        merged = {k: row[k] for k in ("name", "max_points", "weight", "mandatory", "kind", "description")} | changes
        values = _criterion_values(
            merged["name"],
            merged["max_points"],
            merged["weight"],
            merged["mandatory"],
            merged["kind"],
            merged["description"],
        )
        over = store.scalar(
            "SELECT count(*) FROM scores WHERE criterion_id = ? AND points > ?", (criterion_id, values["max_points"])
        )
        if over:
            raise ValidationError(
                _("Đã có {count} điểm chấm vượt quá {max} điểm cho tiêu chí “{name}”; hãy sửa điểm trước.").format(
                    count=over, max=scoring.format_points(values["max_points"]), name=values["name"]
                ),
                field="max_points",
            )
        store.touch("criteria", criterion_id, values)


def delete_criterion(store: Store, *, criterion_id: int) -> None:
    """Remove a criterion and the points given on it (the audit log keeps both)."""
    with store.transaction(operation="movement.delete_criterion"):
        row = store.get("criteria", criterion_id, _("Không tìm thấy tiêu chí số {id}.").format(id=criterion_id))
        open_movement_row(store, row["movement_id"])
        store.execute("DELETE FROM scores WHERE criterion_id = ?", (criterion_id,))
        store.execute("DELETE FROM criteria WHERE id = ?", (criterion_id,))


def list_criteria(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    rows = movements_repo.criteria(store, movement_id)
    for row in rows:
        row["kind_label"] = label(CRITERION_KINDS, row["kind"])
    return rows


def participants(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    """Who is scored: the members of the blocks that signed a covenant, else the unit's active departments."""
    get_movement_row(store, movement_id)
    found: list[dict[str, Any]] = []
    seen: set[str] = set()
    for covenant in movements_repo.covenants(store, movement_id):
        for member in movements_repo.block_members(store, covenant["block_id"]):
            key = f"m:{member['id']}"
            if key not in seen:
                seen.add(key)
                found.append(
                    {
                        "key": key,
                        "name": member["name"],
                        "member_id": member["id"],
                        "department_id": member["department_id"],
                        "block": covenant["block_name"],
                    }
                )
    if found:
        return found
    return [
        {"key": f"d:{d['id']}", "name": d["name"], "member_id": None, "department_id": d["id"], "block": ""}
        for d in unit_repo.list_departments(store)
    ]


def domain_criteria(rows: Iterable[dict[str, Any]]) -> list[scoring.Criterion]:
    return [
        scoring.Criterion(
            r["id"], r["name"], float(r["max_points"]), float(r["weight"]), bool(r["mandatory"]), r["kind"]
        )
        for r in rows
    ]


def _checked_scores(
    store: Store, movement_id: int, entries: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], scoring.Criterion, float | None, str]]:
    """Each entry against the movement's participants and criteria; ValidationError listing every problem."""
    open_movement_row(store, movement_id)
    criteria = {c.key: c for c in domain_criteria(movements_repo.criteria(store, movement_id))}
    people = {p["key"]: p for p in participants(store, movement_id=movement_id)}
    problems: list[str] = []
    clean: list[tuple[dict[str, Any], scoring.Criterion, float | None, str]] = []
    for number, entry in enumerate(entries, start=1):
        key = str(entry.get("participant") or entry.get("participant_key") or "")
        person = people.get(key)
        criterion = criteria.get(int(entry.get("criterion_id") or 0))
        if person is None:
            problems.append(_("Dòng {number}: không có đơn vị tham gia “{key}”.").format(number=number, key=key))
            continue
        if criterion is None:
            problems.append(
                _("Dòng {number}: phong trào không có tiêu chí số {id}.").format(
                    number=number, id=entry.get("criterion_id")
                )
            )
            continue
        raw = entry.get("points")
        if raw is None or raw == "":
            clean.append((person, criterion, None, ""))
            continue
        if isinstance(raw, str):
            raw = raw.strip().replace(",", ".")
        problem = scoring.check_points(criterion, raw, person["name"])
        if problem:
            problems.append(problem)
            continue
        try:
            note = clean_line(entry.get("note", ""), "points", _("Ghi chú"), NOTES_MAX_LENGTH)
        except ValidationError as exc:
            problems.append(_("Dòng {number}: {reason}").format(number=number, reason=exc))
            continue
        clean.append((person, criterion, float(raw), note))
    if problems:
        raise ValidationError("\n".join(problems), field="points")
    return clean


def record_scores(store: Store, *, movement_id: int, entries: Sequence[dict[str, Any]]) -> int:
    """Save a batch of points ({participant, criterion_id, points, note}) in one transaction; None clears a cell.

    Every value is checked first: one wrong value saves nothing, and the message lists every problem.
    """
    with store.transaction(operation="movement.record_scores"):  # checked against the criteria as they are now
        clean = _checked_scores(store, movement_id, entries)
        for person, criterion, points, note in clean:
            existing = store.scalar(
                "SELECT id FROM scores WHERE movement_id = ? AND participant_key = ? AND criterion_id = ?",
                (movement_id, person["key"], criterion.key),
            )
            if points is None:
                if existing:
                    store.execute("DELETE FROM scores WHERE id = ?", (existing,))
                continue
            if existing:
                store.touch("scores", int(existing), {"points": points, "note": note})
            else:
                store.add(
                    "scores",
                    {
                        "movement_id": movement_id,
                        "participant_key": person["key"],
                        "member_id": person["member_id"],
                        "department_id": person["department_id"] if person["member_id"] is None else None,
                        "criterion_id": criterion.key,
                        "points": points,
                        "note": note,
                    },
                )
    return len(clean)


def score_grid(store: Store, *, movement_id: int) -> dict[str, Any]:
    """Participants × criteria with the points given (None where not scored yet)."""
    criteria = list_criteria(store, movement_id=movement_id)
    people = participants(store, movement_id=movement_id)
    points = {(s["participant_key"], s["criterion_id"]): s["points"] for s in movements_repo.scores(store, movement_id)}
    return {"criteria": criteria, "participants": people, "points": points}


def _women_percent(store: Store) -> dict[int, float]:
    """Share of women (percent) among each department's current staff, for the tie rule on collectives."""
    rows = store.query(
        "SELECT department_id, count(*) AS n, sum(gender = 'F') AS women FROM staff "
        "WHERE department_id IS NOT NULL AND end_date IS NULL GROUP BY department_id"
    )
    return {int(r["department_id"]): 100.0 * int(r["women"] or 0) / int(r["n"]) for r in rows if r["n"]}


def _women_priority(store: Store, movement: dict[str, Any]) -> scoring.WomenPriority | None:
    """The pack's "collectives with at least 70 % women first on ties", in force at the movement's end."""
    on = date.fromisoformat(movement["end_date"]) if movement.get("end_date") else date.today()
    try:
        pack = effective_pack(store)
        if not pack.has_setting("women_collective_percent") or not pack.setting("women_first_on_tie", on):
            return None
        cited = pack.setting_cited("women_collective_percent", on)
    except RulePackError:
        return None
    return scoring.WomenPriority(float(cited.value), cited.citation())


def ranking(store: Store, *, movement_id: int) -> scoring.Ranking:
    movement = get_movement_row(store, movement_id)
    grid = score_grid(store, movement_id=movement_id)
    criteria = domain_criteria(grid["criteria"])
    women = _women_percent(store)
    people = [
        scoring.Participant(
            p["key"], p["name"], women.get(int(p["department_id"])) if p["department_id"] is not None else None
        )
        for p in grid["participants"]
    ]
    keys = {p.key for p in people}
    points = {k: v for k, v in grid["points"].items() if k[0] in keys}
    return scoring.rank(criteria, people, points, validate=False, women_priority=_women_priority(store, movement))


def ranking_json(result: scoring.Ranking) -> dict[str, Any]:
    return {
        "max_total": result.max_total,
        "leader": result.leader_key,
        "leader_name": result.leader_name,
        "note": result.note,
        "tied_first": list(result.tied_first),
        "results": [
            {
                "participant": r.key,
                "name": r.name,
                "total": r.total,
                "base": r.base,
                "bonus": r.bonus,
                "penalty": r.penalty,
                "passed": r.passed,
                "failed_criteria": list(r.failed_criteria),
                "rank": r.rank,
                "tied": r.tied,
                "reason": r.reason,
                "women_first": r.women_first,
            }
            for r in result.results
        ],
    }
