"""Criteria, the points given to each participant, and the ranking (women first on ties where the pack says so).

Participants are the members of the blocks that signed the movement's covenant, else the unit's departments in
use during the movement; a participant's key is ``"m:<block member id>"`` or ``"d:<department id>"``. A department
is one participant however many blocks list it; one stopped on or before the movement's last day is listed (its
points kept) but not scored nor ranked, one stopped after it still took part (:func:`participants`).
Two clerks may score at once: the window sends each edited cell with the value it loaded, and a cell changed
meanwhile is refused (:func:`record_scores`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desktop.domain import scoring
from desktop.domain.dates import format_date
from desktop.domain.rules import RulePackError
from desktop.domain.text import NOTES_MAX_LENGTH, name_key
from desktop.i18n import N_, _, label
from desktop.ops.movements.common import (
    CRITERION_KINDS,
    clean_line,
    get_movement_row,
    launched_movement_row,
    movement_bounds,
    unreviewed_movement_row,
)
from desktop.store import Store, ValidationError, movements_repo, staff_repo, unit_repo
from desktop.store.rules_repo import effective_pack

# What the ranking's note says of the participants, worded by the ``translate`` it is read with (``_``: the screen)
_NOT_ACTIVE = N_("đơn vị đã ngừng hoạt động (giải thể, sáp nhập)")
_STOPPED_AFTER = N_(
    "{name} đã ngừng hoạt động từ ngày {date}, sau khi phong trào kết thúc: vẫn được chấm điểm, xếp hạng theo kết "
    "quả trong thời gian phong trào, nhưng không được đề nghị khen thưởng (tập thể không còn)."
)
_SCORED_ONCE = N_("{name} thuộc cả {blocks} và {last}: được chấm một lần, ở {block} (khối có giao ước được ghi trước).")
_IN_BLOCK = N_("{name} ({block})")
_NOT_RANKED = N_("{name} không được chấm điểm, xếp hạng: {reason}.")
_ORPHAN_POINTS = N_("Điểm đã ghi cho {names} không được tính: đơn vị này không còn trong danh sách chấm điểm.")
_UNCONFIRMED = N_("{cite} (chưa xác nhận)")  # as desktop.domain.rules.values.Cited.citation words it


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


def _refuse_same_name(store: Store, movement_id: int, name: str, criterion_id: int | None = None) -> None:
    """One name per criterion in a movement: the score sheet and ``movement score`` find a criterion by its name."""
    for row in store.query("SELECT id, name FROM criteria WHERE movement_id = ?", (movement_id,)):
        if row["id"] != criterion_id and name_key(row["name"]) == name_key(name):
            raise ValidationError(
                _(
                    "Phong trào đã có tiêu chí “{name}” (mã {id}); mỗi tiêu chí phải có tên riêng để khi chấm điểm "
                    "không nhầm tiêu chí này với tiêu chí kia."
                ).format(name=row["name"], id=row["id"]),
                field="criteria",
            )


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
        unreviewed_movement_row(store, movement_id)
        _refuse_same_name(store, movement_id, values["name"])
        position = int(
            store.scalar("SELECT coalesce(max(position), -1) + 1 FROM criteria WHERE movement_id = ?", (movement_id,))
        )
        return store.add("criteria", {"movement_id": movement_id, "position": position, **values})


def update_criterion(store: Store, *, criterion_id: int, **changes: Any) -> None:
    with store.transaction(operation="movement.update_criterion"):  # no point above the new maximum meanwhile
        row = store.get("criteria", criterion_id, _("Không tìm thấy tiêu chí số {id}.").format(id=criterion_id))
        unreviewed_movement_row(store, row["movement_id"])
        merged = {k: row[k] for k in ("name", "max_points", "weight", "mandatory", "kind", "description")} | changes
        values = _criterion_values(
            merged["name"],
            merged["max_points"],
            merged["weight"],
            merged["mandatory"],
            merged["kind"],
            merged["description"],
        )
        _refuse_same_name(store, row["movement_id"], values["name"], criterion_id)
        scored = int(store.scalar("SELECT count(*) FROM scores WHERE criterion_id = ?", (criterion_id,)) or 0)
        if values["kind"] != row["kind"] and scored:
            # the points given as earned would count as deducted (or the reverse): the leader changes silently
            raise ValidationError(
                _(
                    "Tiêu chí “{name}” đã có {count} điểm chấm; không đổi được loại tiêu chí (điểm cộng thành điểm "
                    "trừ hoặc ngược lại) vì điểm đã chấm sẽ đổi nghĩa. Hãy thêm một tiêu chí mới đúng loại, hoặc xóa "
                    "điểm đã chấm trước."
                ).format(name=values["name"], count=scored),
                field="kind",
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


def delete_criterion(store: Store, *, criterion_id: int, expected: Mapping[str, float] | None = None) -> None:
    """Remove a criterion and the points given on it (the audit log keeps both).

    ``expected`` is what the clerk was shown and asked to lose: each scored cell of the criterion (participant key
    → points, as the grid loaded them). When the cells stored are no longer those (another clerk scored, changed or
    cleared one meanwhile), nothing is deleted and the message names each changed cell, who and when, as
    :func:`record_scores` does for a cell: nobody's points vanish unseen. None (a caller that showed nothing)
    deletes whatever is stored.
    """
    with store.transaction(operation="movement.delete_criterion"):
        row = store.get("criteria", criterion_id, _("Không tìm thấy tiêu chí số {id}.").format(id=criterion_id))
        unreviewed_movement_row(store, row["movement_id"])
        if expected is not None:
            _refuse_cells_changed(store, row, expected)
        store.execute("DELETE FROM scores WHERE criterion_id = ?", (criterion_id,))
        store.execute("DELETE FROM criteria WHERE id = ?", (criterion_id,))


def _refuse_cells_changed(store: Store, criterion: dict[str, Any], expected: Mapping[str, float]) -> None:
    """ValidationError naming every cell of ``criterion`` whose stored points are not those ``expected``."""
    movement_id = int(criterion["movement_id"])
    stored = {
        str(r["participant_key"]): float(r["points"])
        for r in store.query("SELECT participant_key, points FROM scores WHERE criterion_id = ?", (criterion["id"],))
    }
    changed = sorted(
        key
        for key in set(stored) | set(expected)
        if key not in stored or key not in expected or abs(stored[key] - float(expected[key])) >= 1e-9
    )
    if not changed:
        return
    names = {p["key"]: p["name"] for p in participants(store, movement_id=movement_id)}
    domain = scoring.Criterion(criterion["id"], criterion["name"], float(criterion["max_points"]))
    cells = [
        _changed_meanwhile(
            store,
            movement_id,
            {"key": key, "name": names.get(key) or _participant_label(store, key)},
            domain,
            stored.get(key),
            rescore=False,
        )
        for key in changed
    ]
    raise ValidationError(
        _(
            "Không xóa tiêu chí “{name}”: bảng điểm đã thay đổi từ khi tải, nên số ô điểm sẽ mất không còn như đã "
            "hỏi. Hãy bấm “Tải lại điểm”, xem lại rồi mới xóa.\n{cells}"
        ).format(name=criterion["name"], cells="\n".join(cells)),
        field="criteria",
    )


def list_criteria(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    rows = movements_repo.criteria(store, movement_id)
    for row in rows:
        row["kind_label"] = label(CRITERION_KINDS, row["kind"])
    return rows


def participants(
    store: Store, *, movement_id: int, translate: Callable[[str], str] = _, named_on: date | None = None
) -> list[dict[str, Any]]:
    """Who is scored: the members of the blocks that signed a covenant, else the unit's active departments.

    Each department is ONE participant, however many blocks list it, and so is each external unit, the same by
    its name's key (:func:`desktop.domain.text.name_key`: "UBND xã Yên Minh" in two clusters, or typed with other
    case or tone placement): it would otherwise be scored twice, and ranked in two blocks (each block is ranked
    apart: ``block`` says in which). It is scored in the block of the
    covenant recorded first; ``note`` says so and names the other blocks (a rule a clerk can predict, and the
    points already given in that block stay where they are).

    A participant whose department stopped (dissolved, merged) on or before the movement's last day
    (:func:`movement_bounds`; today while it has no end) is listed with ``eligible`` False and the ``reason``: its
    points are kept and shown but it gets no new points and is not ranked, so it can neither lead nor be proposed.
    Without a covenant, such a department is listed this way only when it already has points in the movement
    (otherwise they would vanish from the grid without a word). A department stopped after the last day was in use
    during the whole movement: it is scored and ranked (a finished ranking does not change with a later merger) and
    may lead; ``stopped_on`` holds the day, ``note`` says so, and :func:`~desktop.ops.movements.default_proposals`
    proposes no award for it.

    ``note`` and ``reason`` are worded by ``translate``: the screen's language by default, Vietnamese
    (:data:`~desktop.ops.movements.common.IN_VIETNAMESE`) for the ranking a review freezes. With ``named_on`` each
    department is named as it was called that day (:func:`unit_repo.department_name_on`): a review freezes the
    names of its own day, not those of a rename decided for later.
    """
    movement = get_movement_row(store, movement_id)
    last_day = _ranking_day(movement)
    departments = unit_repo.list_departments(store, include_inactive=True)
    # stopped departments and the day they stopped (None: not kept, stopped before schema v12); those in use during
    # the movement by the store's one rule for a department of a period (stopped after its last day) took part
    stopped = {int(d["id"]): d["stopped_on"] for d in departments if not int(d["active"])}
    in_use = {
        int(r["id"])
        for r in store.query(
            f"SELECT id FROM departments WHERE {unit_repo.existed_at_year_end()}", (last_day.isoformat(),)
        )
    }
    inactive = set(stopped) - in_use
    not_active = translate(_NOT_ACTIVE)
    found: list[dict[str, Any]] = []
    by_member: dict[tuple[str, int | str], dict[str, Any]] = {}  # ("d", department id) or ("x", name key)
    seen: set[str] = set()
    for covenant in movements_repo.covenants(store, movement_id):
        for member in movements_repo.block_members(store, covenant["block_id"]):
            key = f"m:{member['id']}"
            department_id = member["department_id"]
            if key in seen:
                continue
            seen.add(key)
            same: tuple[str, int | str] = (
                ("d", int(department_id)) if department_id is not None else ("x", name_key(member["name"]))
            )
            kept = by_member.get(same)
            if kept is not None:
                if covenant["block_name"] not in kept["also_in"] and covenant["block_name"] != kept["block"]:
                    kept["also_in"].append(covenant["block_name"])
                continue
            person = {
                "key": key,
                "name": _named(store, department_id, member["name"], named_on),
                "member_id": member["id"],
                "department_id": department_id,
                "block": covenant["block_name"],
                "also_in": [],
                "eligible": department_id is None or int(department_id) not in inactive,
                "stopped_on": None if department_id is None else stopped.get(int(department_id)),
                "reason": "",
                "note": "",
            }
            if not person["eligible"]:
                person["reason"] = not_active
            by_member[same] = person
            found.append(person)
    for person in found:
        if person["also_in"]:
            blocks = [person["block"], *person["also_in"]]
            person["note"] = translate(_SCORED_ONCE).format(
                name=person["name"], blocks=", ".join(blocks[:-1]), last=blocks[-1], block=person["block"]
            )
        _note_stopped_after(person, translate)
    if found:
        return found
    scored = {
        str(r["participant_key"])
        for r in store.query("SELECT DISTINCT participant_key FROM scores WHERE movement_id = ?", (movement_id,))
    }
    people = []
    for d in departments:
        eligible = int(d["id"]) not in inactive
        if not eligible and f"d:{d['id']}" not in scored:
            continue
        person = {
            "key": f"d:{d['id']}",
            "name": _named(store, d["id"], d["name"], named_on),
            "member_id": None,
            "department_id": d["id"],
            "block": "",
            "also_in": [],
            "eligible": eligible,
            "stopped_on": stopped.get(int(d["id"])),
            "reason": "" if eligible else not_active,
            "note": "",
        }
        _note_stopped_after(person, translate)
        people.append(person)
    return people


def _named(store: Store, department_id: int | None, name: str, named_on: date | None) -> str:
    """``name`` (the department's today, or an external unit's), or the department's name on ``named_on``."""
    if department_id is None or named_on is None:
        return name
    return unit_repo.department_name_on(store, int(department_id), named_on) or name


def _note_stopped_after(person: dict[str, Any], translate: Callable[[str], str]) -> None:
    """Say of a participant stopped after the movement's last day that it still ranks but is proposed nothing."""
    if not person["eligible"] or person["stopped_on"] is None:
        return
    said = translate(_STOPPED_AFTER).format(name=person["name"], date=format_date(person["stopped_on"]))
    person["note"] = " ".join(n for n in (person["note"], said) if n)


def domain_criteria(rows: Iterable[dict[str, Any]]) -> list[scoring.Criterion]:
    return [
        scoring.Criterion(
            r["id"], r["name"], float(r["max_points"]), float(r["weight"]), bool(r["mandatory"]), r["kind"]
        )
        for r in rows
    ]


_UNSET = object()  # an entry without "loaded": a caller (the command line) that did not read the grid first


def _checked_scores(
    store: Store, movement_id: int, entries: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], scoring.Criterion, float | None, str | None, Any]]:
    """Each entry against the movement's participants and criteria; ValidationError listing every problem.

    Each clean entry is (participant, criterion, points or None to clear, note or None to keep the stored one,
    the value the caller loaded or ``_UNSET``). The same cell (participant and criterion) twice in one batch is
    refused, naming both lines: which of the two values was meant cannot be told.
    """
    launched_movement_row(store, movement_id, _("chấm điểm"))
    criteria = {c.key: c for c in domain_criteria(movements_repo.criteria(store, movement_id))}
    people = {p["key"]: p for p in participants(store, movement_id=movement_id)}
    problems: list[str] = []
    clean: list[tuple[dict[str, Any], scoring.Criterion, float | None, str | None, Any]] = []
    seen: dict[tuple[str, Hashable], int] = {}  # each cell of the batch: the line it was first given on
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
        first = seen.setdefault((person["key"], criterion.key), number)
        if first != number:
            problems.append(
                _(
                    "Dòng {number}: ô “{name}”, tiêu chí “{criterion}” đã có ở dòng {first} của cùng lần lưu; mỗi ô "
                    "chỉ ghi một lần (hãy bỏ một trong hai dòng)."
                ).format(number=number, name=person["name"], criterion=criterion.name, first=first)
            )
            continue
        loaded = entry.get("loaded", _UNSET)
        if loaded is not _UNSET and loaded is not None:
            loaded = float(loaded)
        raw = entry.get("points")
        if raw is None or raw == "":
            clean.append((person, criterion, None, None, loaded))  # clearing stays possible, even when inactive
            continue
        if not person["eligible"]:
            problems.append(
                _("Dòng {number}: “{name}” đã ngừng hoạt động (giải thể, sáp nhập); không chấm điểm được.").format(
                    number=number, name=person["name"]
                )
            )
            continue
        if isinstance(raw, str):
            raw = raw.strip().replace(",", ".")
        problem = scoring.check_points(criterion, raw, person["name"])
        if problem:
            problems.append(problem)
            continue
        note: str | None = None
        if "note" in entry:
            try:
                note = clean_line(entry.get("note", ""), "points", _("Ghi chú"), NOTES_MAX_LENGTH)
            except ValidationError as exc:
                problems.append(_("Dòng {number}: {reason}").format(number=number, reason=exc))
                continue
        clean.append((person, criterion, float(raw), note, loaded))
    if problems:
        raise ValidationError("\n".join(problems), field="points")
    return clean


def _changed_meanwhile(
    store: Store,
    movement_id: int,
    person: dict[str, Any],
    criterion: scoring.Criterion,
    stored: float | None,
    *,
    rescore: bool = True,
) -> str:
    """Why a cell cannot be saved: someone changed it after the clerk loaded the grid (who and when, if known).
    ``rescore`` False: the cell alone, without "reload and score again" (a deletion says what to do once)."""
    last = store.query_one(
        "SELECT at, actor FROM audit_log WHERE table_name = 'scores' "
        "AND json_extract(coalesce(after, before), '$.movement_id') = ? "
        "AND json_extract(coalesce(after, before), '$.participant_key') = ? "
        "AND json_extract(coalesce(after, before), '$.criterion_id') = ? ORDER BY id DESC LIMIT 1",
        (movement_id, person["key"], criterion.key),
    )
    when = f"{last['at'][11:16]} {format_date(last['at'][:10])}" if last and last["at"] else _("không rõ")
    who = last["actor"] if last and last["actor"] else _("người khác")
    if not rescore:
        if stored is None:
            return _("Ô “{name}”, tiêu chí “{criterion}”: người khác ({who}) đã xóa điểm lúc {when}.").format(
                name=person["name"], criterion=criterion.name, who=who, when=when
            )
        return _("Ô “{name}”, tiêu chí “{criterion}”: người khác ({who}) đã ghi {points} điểm lúc {when}.").format(
            name=person["name"],
            criterion=criterion.name,
            who=who,
            points=scoring.format_points(stored),
            when=when,
        )
    if stored is None:
        return _(
            "Ô “{name}”, tiêu chí “{criterion}” đã được người khác ({who}) xóa điểm lúc {when}; hãy tải lại điểm "
            "rồi chấm lại."
        ).format(name=person["name"], criterion=criterion.name, who=who, when=when)
    return _(
        "Ô “{name}”, tiêu chí “{criterion}” đã được người khác ({who}) sửa thành {points} lúc {when}; hãy tải lại "
        "điểm rồi chấm lại."
    ).format(name=person["name"], criterion=criterion.name, who=who, points=scoring.format_points(stored), when=when)


def record_scores(store: Store, *, movement_id: int, entries: Sequence[dict[str, Any]]) -> int:
    """Save a batch of points ({participant, criterion_id, points[, note][, loaded]}) in one transaction.

    ``points`` None (or empty) clears the cell. An entry without ``note`` keeps the note stored with the cell.
    ``loaded`` is the value the caller read when it showed the cell (None: empty): the window sends only the
    cells the clerk edited, each with it, and a cell whose stored value is no longer that one (another clerk saved
    it meanwhile) is refused, saving nothing: two clerks scoring at once never undo each other's points. An entry
    without ``loaded`` (the command line names the cells it sets) writes over whatever is stored.

    Every value is checked first: one wrong value saves nothing, and the message lists every problem.
    """
    with store.transaction(operation="movement.record_scores"):  # checked against the criteria as they are now
        clean = _checked_scores(store, movement_id, entries)
        conflicts: list[str] = []
        stored_rows: list[dict[str, Any] | None] = []
        for person, criterion, _points, _note, loaded in clean:
            row = store.query_one(
                "SELECT id, points FROM scores WHERE movement_id = ? AND participant_key = ? AND criterion_id = ?",
                (movement_id, person["key"], criterion.key),
            )
            stored_rows.append(row)
            if loaded is _UNSET:
                continue
            stored = None if row is None else float(row["points"])
            same = stored is None if loaded is None else stored is not None and abs(stored - loaded) < 1e-9
            if not same:
                conflicts.append(_changed_meanwhile(store, movement_id, person, criterion, stored))
        if conflicts:
            raise ValidationError("\n".join(conflicts), field="points")
        for (person, criterion, points, note, _loaded), existing in zip(clean, stored_rows, strict=True):
            if points is None:
                if existing:
                    store.execute("DELETE FROM scores WHERE id = ?", (existing["id"],))
                continue
            if existing:
                changes: dict[str, Any] = {"points": points}
                if note is not None:
                    changes["note"] = note
                store.touch("scores", int(existing["id"]), changes)
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
                        "note": note or "",
                    },
                )
    return len(clean)


def score_grid(
    store: Store, *, movement_id: int, translate: Callable[[str], str] = _, named_on: date | None = None
) -> dict[str, Any]:
    """Participants × criteria with the points given (None where not scored yet); the participants' notes worded
    by ``translate``, their names those of ``named_on`` when given (:func:`participants`)."""
    criteria = list_criteria(store, movement_id=movement_id)
    people = participants(store, movement_id=movement_id, translate=translate, named_on=named_on)
    points = {(s["participant_key"], s["criterion_id"]): s["points"] for s in movements_repo.scores(store, movement_id)}
    return {"criteria": criteria, "participants": people, "points": points}


def _ranking_day(movement: dict[str, Any]) -> date:
    """The day a movement's ranking is reckoned at: its end (:func:`movement_bounds`: a yearly movement without an
    end date ends on 31 December of its year, so its result does not change with the staff of later years), or
    today while it has no end."""
    return movement_bounds(movement)[1] or date.today()


def _women_percent(store: Store, on: date) -> dict[int, float]:
    """Share of women (percent) among each department's staff employed on ``on`` (the movement's end), for the
    tie rule on collectives: a finished movement's ranking does not change when people are hired or leave later.

    Employed on that day: started on or before it (or start unknown) and not left before it. A person counts in
    the department they were in on that day (moves are kept since schema v10; a move recorded before that counts
    in the department on the record now).
    """
    day = on.isoformat()
    department = staff_repo.department_on_sql(repr(day))  # an ISO date from a ``date``: safe as a literal
    rows = store.query(
        f"SELECT {department} AS department_id, count(*) AS n, sum(s.gender = 'F') AS women FROM staff s "
        f"WHERE {department} IS NOT NULL AND (s.start_date IS NULL OR s.start_date = '' OR s.start_date <= ?) "
        "AND (s.end_date IS NULL OR s.end_date = '' OR s.end_date >= ?) GROUP BY 1",
        (day, day),
    )
    return {int(r["department_id"]): 100.0 * int(r["women"] or 0) / int(r["n"]) for r in rows if r["n"]}


def _women_priority(
    store: Store, movement: dict[str, Any], translate: Callable[[str], str] = _
) -> scoring.WomenPriority | None:
    """The pack's "collectives with at least 70 % women first on ties", in force at the movement's end, cited as
    ``translate`` words it (a citation not confirmed yet says so)."""
    on = _ranking_day(movement)
    try:
        pack = effective_pack(store)
        if not pack.has_setting("women_collective_percent") or not pack.setting("women_first_on_tie", on):
            return None
        cited = pack.setting_cited("women_collective_percent", on)
    except RulePackError:
        return None
    cite = translate(_UNCONFIRMED).format(cite=cited.cite) if cited.unconfirmed else cited.cite
    return scoring.WomenPriority(float(cited.value), cite)


def _participant_label(store: Store, key: str, translate: Callable[[str], str] = _) -> str:
    """A stored score's participant who is no longer among those scored, by name where it can be found."""
    kind, _sep, number = key.partition(":")
    if kind == "m" and number.isdigit():
        row = store.query_one(
            "SELECT coalesce(d.name, m.external_name) AS name, b.name AS block FROM block_members m "
            "JOIN blocks b ON b.id = m.block_id LEFT JOIN departments d ON d.id = m.department_id WHERE m.id = ?",
            (int(number),),
        )
        if row:
            return translate(_IN_BLOCK).format(name=row["name"], block=row["block"])
    if kind == "d" and number.isdigit():
        name = store.scalar("SELECT name FROM departments WHERE id = ?", (int(number),))
        if name:
            return str(name)
    return key


@dataclass(frozen=True)
class RankingInputs:
    """What a movement's ranking reads from the file, read once (:func:`ranking_inputs`): the grid
    (:func:`score_grid`), each department's share of women on the movement's end date, the pack's tie rule and the
    names of stored points that count for nobody. :func:`rank_inputs` ranks from it without touching the file, so
    the scoring window recomputes on each typed cell in memory, by the same ranking as the reviews. ``translate``
    words the ranking's notes and reasons as it worded what was read (``_``: the screen's language)."""

    movement_id: int
    grid: dict[str, Any]
    women: dict[int, float]
    women_priority: scoring.WomenPriority | None
    orphan_names: tuple[str, ...]
    translate: Callable[[str], str] = _


def ranking_inputs(
    store: Store, *, movement_id: int, translate: Callable[[str], str] = _, named_on: date | None = None
) -> RankingInputs:
    """Read what :func:`rank_inputs` needs: participants, criteria, stored points, women's shares, the tie rule;
    what is said of them worded by ``translate`` (the screen's language unless told), the participants named as on
    ``named_on`` when given."""
    movement = get_movement_row(store, movement_id)
    grid = score_grid(store, movement_id=movement_id, translate=translate, named_on=named_on)
    listed = {p["key"] for p in grid["participants"]}
    orphans = sorted({k[0] for k in grid["points"] if k[0] not in listed})
    return RankingInputs(
        movement_id=movement_id,
        grid=grid,
        women=_women_percent(store, _ranking_day(movement)),
        women_priority=_women_priority(store, movement, translate),
        orphan_names=tuple(_participant_label(store, k, translate) for k in orphans),
        translate=translate,
    )


def rank_inputs(
    inputs: RankingInputs, *, points: Mapping[tuple[str, int], float | None] | None = None
) -> scoring.Ranking:
    """The ranking from what :func:`ranking_inputs` read (no database access); ``points`` as in :func:`ranking`."""
    grid = inputs.grid
    criteria = domain_criteria(grid["criteria"])
    ranked = [p for p in grid["participants"] if p["eligible"]]
    people = [
        scoring.Participant(
            p["key"], p["name"], inputs.women.get(int(p["department_id"])) if p["department_id"] is not None else None
        )
        for p in ranked
    ]
    stored: dict[tuple[str, int], float] = dict(grid["points"])
    if points is not None:
        typed_keys = {k[0] for k in points}
        stored = {k: v for k, v in stored.items() if k[0] not in typed_keys}
        stored.update({k: float(v) for k, v in points.items() if v is not None})
    keys = {p.key for p in people}
    counted: dict[tuple[Hashable, Hashable], float] = {k: v for k, v in stored.items() if k[0] in keys}
    # each block (khối/cụm) is ranked apart and elects its own leading unit; one block or none: one ranking
    blocks = {p["key"]: str(p["block"] or "") for p in ranked}
    translate = inputs.translate
    result = scoring.rank_by_block(
        criteria, people, counted, blocks, validate=False, women_priority=inputs.women_priority, translate=translate
    )
    notes = [result.note]
    notes += [p["note"] for p in grid["participants"] if p["note"]]
    notes += [
        translate(_NOT_RANKED).format(name=p["name"], reason=p["reason"])
        for p in grid["participants"]
        if not p["eligible"]
    ]
    if inputs.orphan_names:
        notes.append(translate(_ORPHAN_POINTS).format(names=", ".join(inputs.orphan_names)))
    return replace(result, note="\n".join(n for n in notes if n))


def ranking(
    store: Store,
    *,
    movement_id: int,
    points: Mapping[tuple[str, int], float | None] | None = None,
    translate: Callable[[str], str] = _,
    named_on: date | None = None,
) -> scoring.Ranking:
    """The movement's ranking: the same one the scoring window, the command line and the reviews show.

    ``points`` (the window's grid as typed, not saved yet) replaces the stored points of the participants it
    names; everything else (participants, women's shares on the movement's end date, the tie rule) is read here.
    Participants that are not eligible (inactive departments) are not ranked; the note names them, a department
    scored once although it is in several blocks, and any stored points that count for nobody. The notes and
    reasons are worded by ``translate``: the screen's language unless told; a review freezes them in Vietnamese
    (:data:`~desktop.ops.movements.common.IN_VIETNAMESE`), as its report prints them; ``named_on`` (a review's
    day) names the departments as they were called then.
    """
    return rank_inputs(
        ranking_inputs(store, movement_id=movement_id, translate=translate, named_on=named_on), points=points
    )


def ranking_json(result: scoring.Ranking) -> dict[str, Any]:
    return {
        "max_total": result.max_total,
        "leader": result.leader_key,
        "leader_name": result.leader_name,
        "note": result.note,
        "tied_first": list(result.tied_first),
        "blocks": [
            {
                "block": b.block,
                "leader": b.leader_key,
                "leader_name": b.leader_name,
                "note": b.note,
                "tied_first": list(b.tied_first),
            }
            for b in result.blocks
        ],
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
                "block": r.block,
            }
            for r in result.results
        ],
    }
