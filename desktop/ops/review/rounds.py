"""Review rounds: the engine's proposals, nominations added or removed with reasons, public posting."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from desktop.domain.dates import format_date, year_end
from desktop.domain.rules import RulePackError
from desktop.domain.text import NAME_MAX_LENGTH, NOTES_MAX_LENGTH, name_key, nfc
from desktop.i18n import _
from desktop.ops.common import as_date, check_year, clean_text, require_text
from desktop.ops.review.collective_kinds import collective_kind_problem
from desktop.ops.review.common import (
    OVERRIDE_VERDICTS,
    PLANNED_FUTURE_DAYS,
    PROPOSED_VERDICTS,
    ROUND_KINDS,
    check_law_date,
    mark_same_names,
    round_first_day,
)
from desktop.ops.review.dossier_guard import (
    handled_elsewhere,
    handled_text,
    waiting_in_round,
    waiting_upward,
    waiting_where,
)
from desktop.ops.rules import evaluate_year
from desktop.store import Store, ValidationError, new_uuid, now_iso
from desktop.store.review_repo import (
    TARGET_KINDS,
    authority,
    get_nomination_row,
    get_round_row,
    nominations,
    round_date,
    subject_name,
)
from desktop.store.rules_repo import effective_pack, unit_kind

#: The longest public posting (niêm yết công khai) a round may ask or hold. The law asks days, not months (Gia đình
#: văn hóa: 10 days, NĐ 86/2023), and a rule pack may ask at most this many (desktop/domain/rules/reader.py reads a
#: pack's ``posting_days`` as 0–90): a longer posting is a typing slip, and one that ends past the calendar's last
#: day cannot even be dated.
POSTING_DAYS_MAX = 90


def _too_long(days: int, field: str) -> ValidationError:
    return ValidationError(
        _("Số ngày niêm yết công khai {days} quá dài: niêm yết tối đa {most} ngày.").format(
            days=days, most=POSTING_DAYS_MAX
        ),
        field=field,
    )


def _reasons_json(verdict: Any) -> str:
    reasons = [{"text": r.text, "cite": r.cite, "met": r.met} for r in getattr(verdict, "reasons", [])]
    return json.dumps(reasons, ensure_ascii=False)


def _initiative_id(verdict: Any) -> int | None:
    for raw in getattr(verdict, "initiative_ids", ()) or ():
        text = str(raw)
        if text.isdigit():
            return int(text)
    return None


def _verdict_target(verdict: Any) -> tuple[str, int | None, int | None]:
    subject_id = int(verdict.subject_id)
    if verdict.subject == "collective":
        return "collective", None, subject_id
    return "individual", subject_id, None


def _verdicts(store: Store, year: int, today: date | None = None, on: date | None = None) -> list[Any]:
    try:
        return list(evaluate_year(store, year=year, today=today, on=on))
    except RulePackError as exc:
        raise ValidationError(str(exc), field="year") from None


def _engine_view(
    store: Store, year: int, today: date | None = None, on: date | None = None
) -> dict[tuple[str, int, str], Any]:
    """The engine's verdicts for the year, by (target kind, id, code)."""
    found: dict[tuple[str, int, str], Any] = {}
    for verdict in _verdicts(store, year, today, on):
        kind, staff_id, department_id = _verdict_target(verdict)
        found[(kind, int(staff_id or department_id or 0), verdict.code)] = verdict
    return found


def _status_value(verdict: Any) -> str:
    status = getattr(verdict, "status", "")
    return str(getattr(status, "value", status))


def _insert_nomination(store: Store, values: dict[str, Any]) -> int:
    stamp = now_iso()
    row = {
        "uuid": new_uuid(),
        "staff_id": None,
        "department_id": None,
        "household_name": "",
        "engine_verdict": "",
        "engine_reasons": "[]",
        "proposed_by_engine": 0,
        "change_reason": "",
        "override_reason": "",
        "initiative_id": None,
        "achievement": "",
        "status": "proposed",
        "created_at": stamp,
        "updated_at": stamp,
    } | values
    return store.insert("nominations", row)


def create_round(
    store: Store,
    *,
    year: int,
    kind: str = "year",
    name: str = "",
    movement_id: int | None = None,
    posting_days: int = 0,
    decision_date: date | str | None = None,
    today: date | None = None,
) -> int:
    """Open a review round and propose every candidate the engine finds eligible or to be voted on.

    ``decision_date`` is the date the decision is planned to bear (default: 31 December of ``year``): the law
    of that date says which nominees the unit confers itself and which it proposes upward. ``posting_days``: 0 (no
    posting) to :data:`POSTING_DAYS_MAX`.
    """
    if kind not in ROUND_KINDS:
        raise ValidationError(_("Loại đợt bình xét “{value}” không hợp lệ.").format(value=kind), field="kind")
    check_year(year)
    if isinstance(posting_days, bool) or not isinstance(posting_days, int):
        raise ValidationError(_("Số ngày niêm yết công khai phải là số nguyên."), field="posting_days")
    if posting_days < 0:
        raise ValidationError(_("Số ngày niêm yết công khai không được âm."), field="posting_days")
    if posting_days > POSTING_DAYS_MAX:
        raise _too_long(posting_days, "posting_days")
    pack = effective_pack(store)
    planned = as_date(decision_date) if decision_date else None
    on = planned or year_end(year)
    if planned is not None and not year <= planned.year <= year + 1:
        raise ValidationError(
            _("Ngày dự kiến ký quyết định {date} không thuộc năm {year} hoặc năm sau đó.").format(
                date=planned.strftime("%d/%m/%Y"), year=year
            ),
            field="decision_date",
        )
    check_law_date(pack, on, _("Đợt bình xét năm {year}").format(year=year), future_days=PLANNED_FUTURE_DAYS)
    if kind == "year":
        _refuse_second_yearly_round(store, year)  # early, before the engine runs; again inside the lock
    verdicts = _verdicts(store, year, today, on) if kind == "year" else []
    title = nfc(name) or (
        f"Bình xét thi đua, khen thưởng năm {year}" if kind == "year" else f"Đợt khen thưởng năm {year}"
    )
    with store.transaction(operation="review.create_round"):
        if kind == "year":
            # another clerk may have opened the year's round while the engine ran: check again under the lock
            _refuse_second_yearly_round(store, year)
        awarded = awarded_keys(store, year) if kind == "year" else {}
        round_id = store.add(
            "review_rounds",
            {
                "year": year,
                "kind": kind,
                "name": title,
                "movement_id": movement_id,
                "status": "draft",
                "posting_days": int(posting_days),
                "decision_date": planned.isoformat() if planned else None,
                "notes": "",
            },
        )
        # what another round of the year sent up, decided or still lists is kept off, naming that round
        handled = handled_elsewhere(store, year=year, round_id=round_id) if kind == "year" else {}
        for verdict in verdicts:
            if _proposable(pack, verdict, awarded):
                _insert_engine_proposal(store, pack, round_id, verdict, handled.get(_verdict_key(verdict)))
    return round_id


def _refuse_second_yearly_round(store: Store, year: int) -> None:
    """One yearly round in progress per year (a year whose round is decided may get a supplementary one)."""
    existing = store.query_one(
        "SELECT id, name FROM review_rounds WHERE year = ? AND kind = 'year' "
        "AND status IN ('draft', 'council', 'posted') ORDER BY id LIMIT 1",
        (year,),
    )
    if existing is not None:
        raise ValidationError(
            _(
                "Năm {year} đã có đợt bình xét hằng năm “{name}” đang làm dở; không tạo thêm đợt thứ hai. "
                "Hãy mở đợt đó (nếu kết quả xếp loại được nhập sau khi tạo đợt, bấm “Cập nhật đề nghị”), "
                "hoặc xóa nó nếu chưa dùng."
            ).format(year=year, name=existing["name"]),
            field="year",
        )


_AWARDED_SQL = """
SELECT a.target_kind, a.staff_id, a.department_id, a.household_name, a.code, a.category,
       coalesce(d.number_text, a.decision_no) AS number_text,
       coalesce(d.decision_date, a.decision_date) AS decision_date,
       coalesce(r.kind, '') AS round_kind
FROM awards a
LEFT JOIN decisions d ON d.id = a.decision_id
LEFT JOIN review_rounds r ON r.id = d.round_id
WHERE a.year = ? AND (a.decision_id IS NULL OR d.status = 'issued')
  AND (a.category = 'title' OR (d.status = 'issued' AND r.kind = 'year'))
ORDER BY coalesce(d.decision_date, a.decision_date), a.id
"""


def _award_key(target_kind: str, staff_id: Any, department_id: Any, household: str, code: str) -> tuple[Any, ...]:
    return (target_kind, int(staff_id or department_id or 0), name_key(household or ""), code)


def awarded_keys(store: Store, year: int) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Who already holds which award of ``year``, by (kind, id, household name key, code): every award form from an
    issued decision of a yearly round (a supplementary round of a decided year must not propose and pay it again),
    and every title (danh hiệu) of the year, whatever conferred it (a decision of any round, one from above, one
    recorded from the past): a yearly title is conferred once a year. A replaced or cancelled decision's award rows
    are gone from ``awards``, so only the standing ones count; the first one held is the one named."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in store.query(_AWARDED_SQL, (year,)):
        key = _award_key(r["target_kind"], r["staff_id"], r["department_id"], r["household_name"], r["code"])
        found.setdefault(key, r)
    return found


def held_title(
    store: Store,
    pack: Any,
    year: int,
    target_kind: str,
    staff_id: Any,
    department_id: Any,
    household: str,
    code: str,
    awarded: dict[tuple[Any, ...], dict[str, Any]] | None = None,
) -> dict[str, Any] | None:
    """The award row by which the target already holds the title ``code`` for ``year`` (None when it does not, or
    when ``code`` is an award form, which may be given more than once a year for different achievements).
    ``awarded``: :func:`awarded_keys` of ``year`` when the caller already read it (one query for many lines)."""
    if not pack.has(code) or pack.item(code).kind != "title":
        return None
    awarded = awarded_keys(store, year) if awarded is None else awarded
    held = awarded.get(_award_key(target_kind, staff_id, department_id, household, code))
    return held if held is not None and held["category"] == "title" else None


def held_text(held: dict[str, Any]) -> str:
    """ "Quyết định số 4/QĐ-UBND ngày 26/12/2025": how an award already held is named in a message."""
    number = nfc(held.get("number_text") or "") or _("(không ghi số)")
    when = held.get("decision_date") or ""
    try:
        day = date.fromisoformat(str(when)).strftime("%d/%m/%Y")
    except ValueError:
        return _("Quyết định số {number}").format(number=number)
    return _("Quyết định số {number} ngày {date}").format(number=number, date=day)


def _proposable(pack: Any, verdict: Any, awarded: dict[tuple[Any, ...], dict[str, Any]]) -> bool:
    """The engine proposes it, the pack knows it, and the subject does not already hold it for the year."""
    if _status_value(verdict) not in PROPOSED_VERDICTS or not pack.has(verdict.code):
        return False
    kind, staff_id, department_id = _verdict_target(verdict)
    return _award_key(kind, staff_id, department_id, "", verdict.code) not in awarded


def _verdict_key(verdict: Any) -> tuple[str, int, str]:
    kind, staff_id, department_id = _verdict_target(verdict)
    return kind, int(staff_id or department_id or 0), str(verdict.code)


def _insert_engine_proposal(
    store: Store, pack: Any, round_id: int, verdict: Any, elsewhere: dict[str, Any] | None = None
) -> int:
    """The engine's proposal; ``elsewhere``: the nomination of another round that already dealt with it
    (:func:`handled_elsewhere`), so the line is kept off the list with the reason naming that round."""
    target_kind, staff_id, department_id = _verdict_target(verdict)
    marked = {"status": "removed", "removed_reason": handled_text(elsewhere)} if elsewhere is not None else {}
    return _insert_nomination(
        store,
        {
            "round_id": round_id,
            "target_kind": target_kind,
            "staff_id": staff_id,
            "department_id": department_id,
            "code": verdict.code,
            "category": pack.item(verdict.code).kind,
            "engine_verdict": _status_value(verdict),
            "engine_reasons": _reasons_json(verdict),
            "proposed_by_engine": 1,
            "initiative_id": _initiative_id(verdict) if verdict.code == "CSTDCS" else None,
        }
        | marked,
    )


def _untouched_engine_row(store: Store, row: dict[str, Any]) -> bool:
    """An engine proposal nobody has acted on: still proposed, no reason written, no ballot, not in a dossier."""
    return (
        bool(row["proposed_by_engine"])
        and row["status"] == "proposed"
        and not (row["change_reason"] or row["override_reason"] or row["removed_reason"] or row["achievement"])
        and not store.scalar("SELECT 1 FROM ballots WHERE nomination_id = ?", (row["id"],))
        and not store.scalar("SELECT 1 FROM dossier_items WHERE nomination_id = ?", (row["id"],))
        and not store.scalar("SELECT 1 FROM decision_awardees WHERE nomination_id = ?", (row["id"],))
    )


def _marked_elsewhere(store: Store, row: dict[str, Any]) -> bool:
    """An engine proposal the program kept off the list because another round dealt with it
    (:func:`_insert_engine_proposal`): removed with a reason but no change reason, which a clerk's removal always
    writes (:func:`remove_nomination`), and nothing else done on it."""
    return (
        bool(row["proposed_by_engine"])
        and row["status"] == "removed"
        and bool(row["removed_reason"])
        and not (row["change_reason"] or row["override_reason"] or row["achievement"])
        and not store.scalar("SELECT 1 FROM ballots WHERE nomination_id = ?", (row["id"],))
    )


def refresh_proposals(store: Store, *, round_id: int, today: date | None = None) -> dict[str, int]:
    """Bring a yearly round's proposals up to the data now in the file (ratings imported after the round was made).

    What the clerk did stays: people added by hand, proposals taken off with a reason, exceptions with their
    reasons and every nomination already voted on keep their rows. Engine proposals nobody touched follow the
    engine: new candidates are added, those no longer proposed are taken away, the others get today's reasons.
    What another round of the year has sent up or decided since, or still lists undecided (:func:`handled_elsewhere`:
    a title in a round of any kind), is kept off the list with a reason naming that round, and put back when that
    round no longer holds it.
    Returns ``{"added": …, "updated": …, "dropped": …, "kept": …}``.
    """
    round_row = get_round_row(store, round_id)
    if round_row["kind"] != "year":
        raise ValidationError(
            _("Chỉ đợt bình xét hằng năm mới có đề nghị do chương trình lập; đợt này không cập nhật được."),
            field="round_id",
        )
    _refuse_refresh_when_decided(store, round_id)
    pack = effective_pack(store)
    verdicts = _engine_view(store, round_row["year"], today, round_date(round_row))
    counts = {"added": 0, "updated": 0, "dropped": 0, "kept": 0}
    seen: set[tuple[str, int, str]] = set()
    stamp = now_iso()
    with store.transaction(operation="review.refresh_proposals"):
        # read what the round holds under the write lock: another window may have decided or changed it meanwhile
        _refuse_refresh_when_decided(store, round_id)
        awarded = awarded_keys(store, round_row["year"])
        engine = {key: verdict for key, verdict in verdicts.items() if _proposable(pack, verdict, awarded)}
        handled = handled_elsewhere(store, year=round_row["year"], round_id=round_id)
        rows = store.query("SELECT * FROM nominations WHERE round_id = ? ORDER BY id", (round_id,))
        for row in rows:
            if row["target_kind"] == "household":
                counts["kept"] += 1
                continue
            key = (row["target_kind"], int(row["staff_id"] or row["department_id"] or 0), row["code"])
            marked = _marked_elsewhere(store, row)
            untouched = marked or _untouched_engine_row(store, row)
            # listed, or taken off by the clerk with a reason (never proposed again behind their back), or kept off
            # because another round dealt with it: never a second line for the same key
            seen.add(key)
            verdict = engine.get(key)
            if not untouched:
                counts["kept"] += 1
                continue
            if verdict is None:
                store.execute("DELETE FROM nominations WHERE id = ?", (row["id"],))
                counts["dropped"] += 1
                continue
            changes: dict[str, Any] = {
                "engine_verdict": _status_value(verdict),
                "engine_reasons": _reasons_json(verdict),
                "initiative_id": _initiative_id(verdict) if verdict.code == "CSTDCS" else row["initiative_id"],
                "updated_at": stamp,
            }
            elsewhere = handled.get(key)
            if elsewhere is not None:
                changes |= {"status": "removed", "removed_reason": handled_text(elsewhere)}
                counts["kept" if marked else "dropped"] += 1
            elif marked:  # the other round no longer holds it (its decision cancelled): proposed here again
                changes |= {"status": "proposed", "removed_reason": ""}
                counts["added"] += 1
            else:
                counts["updated"] += 1
            store.update("nominations", int(row["id"]), changes)
        for key, verdict in engine.items():
            if key not in seen:
                _insert_engine_proposal(store, pack, round_id, verdict, handled.get(key))
                if key not in handled:  # one kept off is no proposal: listed with its reason, not counted
                    counts["added"] += 1
        store.update("review_rounds", round_id, {"updated_at": stamp})
    return counts


def _refuse_refresh_when_decided(store: Store, round_id: int) -> None:
    round_row = get_round_row(store, round_id)
    if round_row["status"] in ("decided", "closed") or store.scalar(
        "SELECT 1 FROM decisions WHERE round_id = ?", (round_id,)
    ):
        raise ValidationError(
            _("Đợt bình xét này đã có quyết định; không cập nhật danh sách đề nghị được nữa."), field="round_id"
        )


def delete_round(store: Store, *, round_id: int) -> None:
    """Delete a round nobody has used yet: no ballot, no decision, nothing sent up (its proposals go with it).

    The audit log keeps every deleted row.
    """
    with store.transaction(operation="review.delete_round"):
        # checked under the write lock: another clerk may have voted, decided or sent up meanwhile
        _refuse_delete_when_used(store, round_id)
        council = store.scalar("SELECT id FROM councils WHERE round_id = ?", (round_id,))
        if council is not None:
            store.execute("DELETE FROM council_members WHERE council_id = ?", (council,))
            store.execute("DELETE FROM councils WHERE id = ?", (council,))
        store.execute("DELETE FROM nominations WHERE round_id = ?", (round_id,))
        store.execute("DELETE FROM review_rounds WHERE id = ?", (round_id,))


def _refuse_delete_when_used(store: Store, round_id: int) -> None:
    round_row = get_round_row(store, round_id)
    used = []
    if store.scalar(
        "SELECT 1 FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?", (round_id,)
    ):
        used.append(_("đã ghi kết quả bỏ phiếu"))
    if store.scalar("SELECT 1 FROM decisions WHERE round_id = ?", (round_id,)):
        used.append(_("đã có quyết định khen thưởng"))
    if store.scalar("SELECT 1 FROM dossiers WHERE round_id = ?", (round_id,)):
        used.append(_("đã lập hồ sơ đề nghị cấp trên"))
    if store.scalar("SELECT 1 FROM movement_reviews WHERE round_id = ?", (round_id,)):
        used.append(_("được dùng trong sơ kết, tổng kết phong trào thi đua"))
    if used:
        raise ValidationError(
            _("Không xóa được đợt “{name}” vì {what}. Đợt đã dùng được giữ lại làm hồ sơ.").format(
                name=round_row["name"], what=", ".join(used)
            ),
            field="round_id",
        )


def list_rounds(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT r.*, "
        "(SELECT count(*) FROM nominations n WHERE n.round_id = r.id AND n.status != 'removed') AS nominations, "
        "(SELECT count(*) FROM decisions d WHERE d.round_id = r.id) AS decisions "
        "FROM review_rounds r ORDER BY r.year DESC, r.id DESC"
    )


def year_ratings(store: Store, year: int) -> int:
    """How many ratings (xếp loại) of people and collectives the file holds for ``year``: none means the engine
    has nothing to propose from yet, and the window offers the import."""
    return int(
        store.scalar(
            "SELECT (SELECT count(*) FROM ratings WHERE year = ?) + (SELECT count(*) FROM collective_ratings "
            "WHERE year = ?)",
            (year, year),
        )
        or 0
    )


def get_round(store: Store, round_id: int) -> dict[str, Any]:
    """The round with its nominations (every status, removed ones too), its council and its decisions."""
    pack = effective_pack(store)
    row = get_round_row(store, round_id)
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_id,))
    members = []
    if council:
        members = store.query(
            "SELECT * FROM council_members WHERE council_id = ? ORDER BY position, id", (council["id"],)
        )
        council = dict(council) | {
            "members": [
                {
                    "full_name": m["full_name"],
                    "role": m["role"],
                    "staff_id": m["staff_id"],
                    "attended": bool(m["attended"]),
                    "written_opinion": m["written_opinion"],
                }
                for m in members
            ],
            "members_total": len(members),
            "present": sum(1 for m in members if m["attended"]),
        }
    decisions = store.query(
        "SELECT id, number_text, decision_date, status FROM decisions WHERE round_id = ? ORDER BY id", (round_id,)
    )
    return dict(row) | {
        "nominations": mark_same_names(store, nominations(store, pack, row)),
        "council": council,
        "decisions": decisions,
    }


def _active_duplicate(store: Store, round_id: int, target_kind: str, staff_id, department_id, household, code) -> bool:
    """The round already lists that nominee for that award (households compared on their name key: case, spaces and
    Unicode forms do not make another household)."""
    rows = store.query(
        "SELECT household_name FROM nominations WHERE round_id = ? AND target_kind = ? AND code = ? "
        "AND coalesce(staff_id, 0) = ? AND coalesce(department_id, 0) = ? AND status != 'removed'",
        (round_id, target_kind, code, staff_id or 0, department_id or 0),
    )
    wanted = name_key(household)
    return any(name_key(r["household_name"]) == wanted for r in rows)


def _refuse_listed_or_awarded(
    store: Store, round_row: dict[str, Any], title: str, target_kind: str, staff_id, department_id, household, code
) -> None:
    """Refuse a nominee already on the round's list for that award; one who already holds that title (danh hiệu)
    for the year, in a round of any kind, or whose title of the year another round sent up and the level above has
    not decided yet (:func:`waiting_upward`); and (in a yearly round) one who already holds the award form for the year
    from an issued decision: a supplementary round must not confer and pay it twice. What another round of the year
    lists for the same subject and has neither decided nor sent up yet is refused too (:func:`waiting_in_round`):
    proposed in two rounds at once, it would be voted and decided or sent up twice. For a title, a round of any kind
    (conferred once a year, Luật TĐKT 2022); for an award form, not between a movement's round and another: a
    movement's award rewards that movement's achievement, not the year's. Households are compared on their name key,
    and told how to tell two of one name apart."""
    name = subject_name(store, target_kind, staff_id, department_id, household)
    other = _other_household_hint() if target_kind == "household" else ""
    if _active_duplicate(store, round_row["id"], target_kind, staff_id, department_id, household, code):
        raise ValidationError(
            _("{name} đã có trong danh sách đề nghị “{title}” của đợt này.").format(name=name, title=title) + other,
            field="code",
        )
    pack = effective_pack(store)
    awarded = awarded_keys(store, round_row["year"])
    title_held = held_title(
        store, pack, round_row["year"], target_kind, staff_id, department_id, household, code, awarded
    )
    if title_held is not None:
        raise ValidationError(
            _(
                "{name} đã được tặng “{title}” năm {year} theo {decision}; mỗi danh hiệu chỉ xét tặng "
                "một lần trong năm, không đề nghị lại được (ở bất kỳ đợt nào)."
            ).format(name=name, title=title, year=round_row["year"], decision=held_text(title_held))
            + other,
            field="code",
        )
    subject = {
        "year": round_row["year"],
        "target_kind": target_kind,
        "staff_id": staff_id,
        "department_id": department_id,
        "household": household,
        "code": code,
    }
    waiting = waiting_upward(store, **subject) if pack.has(code) and pack.item(code).kind == "title" else None
    if waiting is not None:
        raise ValidationError(
            _(
                "{name} đã được đề nghị “{title}” năm {year} trong {where}, đã gửi cấp trên và đang chờ cấp trên "
                "quyết định; mỗi danh hiệu chỉ xét tặng một lần trong năm, không đề nghị lại được (ở bất kỳ đợt nào)."
            ).format(name=name, title=title, year=round_row["year"], where=waiting_where(waiting))
            + other,
            field="code",
        )
    is_title = pack.has(code) and pack.item(code).kind == "title"
    # a title is conferred once a year whatever the round; an award form of a movement's round rewards that movement
    pending = (
        waiting_in_round(store, round_id=round_row["id"], movement_too=is_title, **subject)
        if pack.has(code) and (is_title or round_row["kind"] != "movement")
        else None
    )
    if pending is not None and is_title:
        raise ValidationError(
            _(
                "{name} đang được đề nghị danh hiệu “{title}” năm {year} trong đợt “{round}” (đề nghị số {id}), chưa "
                "có quyết định và chưa gửi cấp trên; mỗi danh hiệu chỉ xét tặng một lần trong năm (ở bất kỳ đợt nào), "
                "không đề nghị ở hai đợt cùng lúc. Hãy ra quyết định, gửi cấp trên hoặc bỏ đề nghị ở đợt đó trước."
            ).format(name=name, title=title, year=round_row["year"], round=pending["round_name"], id=pending["id"])
            + other,
            field="code",
        )
    if pending is not None:
        raise ValidationError(
            _(
                "{name} đang được đề nghị “{title}” năm {year} trong đợt “{round}” (đề nghị số {id}), chưa có quyết "
                "định và chưa gửi cấp trên; không đề nghị cùng một hình thức khen thưởng ở hai đợt cùng lúc. Hãy ra "
                "quyết định, gửi cấp trên hoặc bỏ đề nghị ở đợt đó trước."
            ).format(name=name, title=title, year=round_row["year"], round=pending["round_name"], id=pending["id"])
            + other,
            field="code",
        )
    if round_row["kind"] != "year":
        return
    held = awarded.get(_award_key(target_kind, staff_id, department_id, household, code))
    if held is not None and held["round_kind"] == "year":
        raise ValidationError(
            _(
                "{name} đã được tặng “{title}” năm {year} theo Quyết định số {number} ngày {date}; "
                "không đề nghị lại trong đợt bình xét năm {year} được."
            ).format(
                name=name,
                title=title,
                year=round_row["year"],
                number=held["number_text"],
                date=date.fromisoformat(held["decision_date"]).strftime("%d/%m/%Y"),
            )
            + other,
            field="code",
        )


def _other_household_hint() -> str:
    """A household is known by its name only: two households of one name in two thôn are told apart by writing the
    thôn into the name, which the refusal says (else the clerk sees "already listed" and cannot tell why)."""
    return " " + _(
        "Nếu đây là một hộ khác trùng tên (ở thôn, tổ dân phố khác), hãy ghi thêm tên thôn, tổ dân phố vào tên hộ, "
        "ví dụ: “Hộ ông Nguyễn Văn An, thôn Đông”."
    )


def _refuse_stopped_department(store: Store, department_id: int | None) -> None:
    """A collective the unit has stopped using (merged, dissolved) is nominated for nothing."""
    row = store.query_one("SELECT name, active FROM departments WHERE id = ?", (department_id,))
    if row is not None and not row["active"]:
        raise ValidationError(
            _(
                "Tập thể “{name}” đã ngừng sử dụng (sáp nhập, giải thể); không đề nghị khen thưởng được. "
                "Nếu tập thể vẫn hoạt động, hãy dùng lại nó ở trang Đơn vị trước."
            ).format(name=row["name"]),
            field="department_id",
        )


def _refuse_wrong_kind(store: Store, pack: Any, code: str, department_id: int | None, on: date) -> None:
    """A collective of a kind the title is not for on ``on`` (an office for Thôn, tổ dân phố văn hóa)."""
    problem = collective_kind_problem(store, code, department_id, on, pack=pack)
    if problem:
        raise ValidationError(problem, field="department_id")


def add_nomination(
    store: Store,
    *,
    round_id: int,
    target_kind: str,
    code: str,
    staff_id: int | None = None,
    department_id: int | None = None,
    household_name: str = "",
    change_reason: str = "",
    override_reason: str = "",
    initiative_id: int | None = None,
    achievement: str = "",
    today: date | None = None,
) -> int:
    """Add a person, collective or household to the round, against the engine's advice only with a reason."""
    pack = effective_pack(store)
    round_row = get_round_row(store, round_id)
    if round_row["status"] == "closed":
        raise ValidationError(_("Đợt bình xét đã kết thúc; không thêm đề nghị được nữa."), field="round_id")
    if target_kind not in TARGET_KINDS:
        raise ValidationError(
            _("Đối tượng “{value}” không hợp lệ (cá nhân, tập thể hoặc hộ gia đình).").format(value=target_kind),
            field="target_kind",
        )
    code = nfc(code).upper()
    if not pack.has(code):
        raise ValidationError(
            _("Mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code), field="code"
        )
    item = pack.item(code)
    if target_kind not in item.targets:
        raise ValidationError(_("“{name}” không xét cho đối tượng này.").format(name=item.name), field="target_kind")
    on = round_date(round_row)
    who, law = authority(pack, code, on, unit_kind(store))
    if who == "none":
        raise ValidationError(
            _("Theo quy định ngày {date}, loại đơn vị này không đề nghị, không quyết định “{title}” ({law}).").format(
                date=on.strftime("%d/%m/%Y"), title=item.name, law=law
            ),
            field="code",
        )
    household = ""
    if target_kind == "household":
        household = clean_text(household_name, "household_name", _("Tên hộ gia đình"), max_length=NAME_MAX_LENGTH)
    if target_kind == "individual":
        if staff_id is None or not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
            raise ValidationError(_("Chưa chọn cán bộ được đề nghị (hoặc không tìm thấy)."), field="staff_id")
        department_id, household = None, ""
    elif target_kind == "collective":
        if department_id is None or not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
            raise ValidationError(_("Chưa chọn tập thể được đề nghị (hoặc không tìm thấy)."), field="department_id")
        _refuse_stopped_department(store, department_id)  # early; again under the write lock
        _refuse_wrong_kind(store, pack, code, department_id, on)  # Thôn văn hóa only for a thôn, tổ dân phố
        staff_id, household = None, ""
    else:
        if not household:
            raise ValidationError(_("Chưa nhập tên hộ gia đình được đề nghị."), field="household_name")
        staff_id = department_id = None
    subject = (target_kind, staff_id, department_id, household, code)
    _refuse_listed_or_awarded(store, round_row, item.name, *subject)  # early; again under the write lock
    verdict = None
    if target_kind != "household":
        subject_key = int(staff_id or department_id or 0)
        verdict = _engine_view(store, round_row["year"], today, round_date(round_row)).get(
            (target_kind, subject_key, code)
        )
    status = _status_value(verdict) if verdict is not None else ""
    # reasons and the achievement reach the decision, the dossier and its reports: cleaned and bounded like every text
    change = clean_text(
        change_reason, "change_reason", _("Lý do thay đổi"), multiline=True, max_length=NOTES_MAX_LENGTH
    )
    override = clean_text(
        override_reason, "override_reason", _("Lý do đề nghị ngoại lệ"), multiline=True, max_length=NOTES_MAX_LENGTH
    )
    achievement = clean_text(achievement, "achievement", _("Thành tích"), multiline=True, max_length=NOTES_MAX_LENGTH)
    if status not in PROPOSED_VERDICTS and not change:
        raise ValidationError(
            _(
                "Chương trình không đề xuất {name} cho “{title}”: hãy ghi lý do thay đổi (trường “Lý do thay đổi”)."
            ).format(name=subject_name(store, target_kind, staff_id, department_id, household), title=item.name),
            field="change_reason",
        )
    if status in OVERRIDE_VERDICTS and not override:
        label = _("không đủ điều kiện") if status == "not_eligible" else _("đang tạm hoãn xét")
        raise ValidationError(
            _(
                "Theo quy định, {name} {label} cho “{title}”: chỉ đề nghị được khi ghi rõ lý do "
                "(trường “Lý do đề nghị ngoại lệ”)."
            ).format(
                name=subject_name(store, target_kind, staff_id, department_id, household), label=label, title=item.name
            ),
            field="override_reason",
        )
    if initiative_id is not None and not store.scalar("SELECT 1 FROM initiatives WHERE id = ?", (initiative_id,)):
        raise ValidationError(_("Không tìm thấy sáng kiến số {id}.").format(id=initiative_id), field="initiative_id")
    if initiative_id is None and verdict is not None and code == "CSTDCS":
        initiative_id = _initiative_id(verdict)
    with store.transaction(operation="review.add_nomination"):
        # another clerk may have added the same nominee (or issued the year's decision) since the check above
        round_row = get_round_row(store, round_id)
        if round_row["status"] == "closed":
            raise ValidationError(_("Đợt bình xét đã kết thúc; không thêm đề nghị được nữa."), field="round_id")
        if target_kind == "collective":
            _refuse_stopped_department(store, department_id)  # another window may have stopped it meanwhile
            _refuse_wrong_kind(store, pack, code, department_id, on)  # or changed its kind
        _refuse_listed_or_awarded(store, round_row, item.name, *subject)
        return _insert_nomination(
            store,
            {
                "round_id": round_id,
                "target_kind": target_kind,
                "staff_id": staff_id,
                "department_id": department_id,
                "household_name": household,
                "code": code,
                "category": item.kind,
                "engine_verdict": status,
                "engine_reasons": _reasons_json(verdict) if verdict is not None else "[]",
                "proposed_by_engine": 0,
                "change_reason": change,
                "override_reason": override,
                "initiative_id": initiative_id,
                "achievement": achievement,
            },
        )


def remove_nomination(store: Store, *, nomination_id: int, reason: str) -> None:
    """Take a nominee off the list: the row stays with status ``removed`` and the reason."""
    get_nomination_row(store, nomination_id)
    text = require_text(reason, "reason", _("Hãy ghi lý do bỏ đề nghị này khỏi danh sách."))
    with store.transaction(operation="review.remove_nomination"):
        # read under the write lock: another window may have decided it or sent it up meanwhile
        row = get_nomination_row(store, nomination_id)
        if row["status"] in ("decided", "sent_up"):
            raise ValidationError(
                _("Đề nghị này đã có quyết định hoặc đã gửi lên cấp trên; không bỏ được."), field="nomination_id"
            )
        if row["status"] == "removed":
            raise ValidationError(_("Đề nghị này đã được bỏ khỏi danh sách từ trước."), field="nomination_id")
        store.update(
            "nominations",
            nomination_id,
            {
                "status": "removed",
                "removed_reason": text,
                "change_reason": row["change_reason"] or text,
                "updated_at": now_iso(),
            },
        )


def start_posting(store: Store, *, round_id: int, start: date | str, days: int | None = None) -> dict[str, Any]:
    """Public posting (niêm yết công khai) of the list for ``days`` days from ``start`` (inclusive).

    Read and written under the write lock. Refused once a decision of the round followed the posting on record (it
    would be rewritten after the fact; a round decided in part with no posting may still post for the rest), before
    the round's first day, shorter than the round asks, and longer than :data:`POSTING_DAYS_MAX` days (a round an
    older version opened asking more is posted for at most that many: ``days`` says how many)."""
    first = as_date(start)
    with store.transaction(operation="review.start_posting"):
        round_row = get_round_row(store, round_id)
        length = round_row["posting_days"] if days is None else days
        if isinstance(length, bool) or not isinstance(length, int) or length <= 0:
            raise ValidationError(_("Số ngày niêm yết công khai phải lớn hơn 0."), field="days")
        if length > POSTING_DAYS_MAX:  # typed, or kept on a round an older version opened without a bound
            raise _too_long(length, "days")
        asked = min(int(round_row["posting_days"]), POSTING_DAYS_MAX)
        if length < asked:
            raise ValidationError(
                _("Đợt bình xét này phải niêm yết công khai {days} ngày; không niêm yết ngắn hơn được.").format(
                    days=asked
                ),
                field="days",
            )
        # a decision that followed the posting on record: rewriting it would change what that decision rested on
        decided = (
            store.query_one(
                "SELECT number_text, decision_date FROM decisions WHERE round_id = ? AND decision_date > ? "
                "ORDER BY decision_date, id LIMIT 1",
                (round_id, round_row["posted_to"]),
            )
            if round_row["posted_from"]
            else None
        )
        if decided:
            raise ValidationError(
                _(
                    "Đợt bình xét này đã có Quyết định số {number} ngày {date}; việc niêm yết trước quyết định "
                    "không sửa lại được nữa."
                ).format(number=decided["number_text"], date=format_date(decided["decision_date"])),
                field="start",
            )
        earliest, what = round_first_day(store, round_row)
        if first < earliest:
            raise ValidationError(
                _("Ngày bắt đầu niêm yết {date} sớm hơn {what} ({first}).").format(
                    date=format_date(first), what=what, first=format_date(earliest)
                ),
                field="start",
            )
        last = first + timedelta(days=length - 1)
        store.update(
            "review_rounds",
            round_id,
            {
                "posting_days": length,
                "posted_from": first.isoformat(),
                "posted_to": last.isoformat(),
                "status": "posted" if round_row["status"] in ("draft", "council") else round_row["status"],
                "updated_at": now_iso(),
            },
        )
    return {"round_id": round_id, "posted_from": first.isoformat(), "posted_to": last.isoformat(), "days": length}
