"""Collectives (phòng ban, tổ, thôn…) and their own yearly rating, used by the window and ``tdkt collective``.

TTLĐTT and TTLĐXS need the collective's own rating of the year (Luật TĐKT 2022, Điều 27–28), kept in
``collective_ratings`` beside the people's ratings. Each change is ONE named transaction, audited:
``collective.rating`` (set or change) and ``collective.rating_delete`` (remove a mistyped one).

Public API::

    set_collective_rating(store, department_id=3, year=2025, rating="HTXSNV", notes="")
    remove_collective_rating(store, department_id=3, year=2025)
    ratings_history(store, department_id=3)     # [{"year", "rating", "rating_label", "notes", ...}], newest first
    rating_locks(store, year=2025, department_id=3)  # what rests on that rating: decisions in force, dossiers sent
    refuse_locked_rating(store, year=2025, department_id=3, action="change")  # ValidationError when locked

A rating cannot be changed or removed once something rests on it: a decision in force (status ``issued``) that
awards the collective or person a title of that year, an award of that year with no decision of the unit (conferred
by the level above and imported, or recorded by the history import: in force, as ``member_titles`` counts them), or
a nomination of that year for them sent up in a dossier. The decision is to be replaced or cancelled first (the
dossier's nominations withdrawn by the level above), so the register, the packages sent up and the eligibility
engine never disagree with an award made. Saving the same
rating again (notes only) is allowed. The check runs inside the write transaction of the change.
    list_collectives(store, year=2025)          # [{"id", "uuid", "name", "members", "rating", "ratings", ...}]
    department_by_name(store, "Phòng Kinh tế")  # the department row, or NotFoundError
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.domain import codes
from desktop.domain.dates import format_date, year_end
from desktop.domain.text import NOTES_MAX_LENGTH, fold, nfc, plain_sort_key
from desktop.i18n import N_, _
from desktop.ops.common import check_record_year, clean_text
from desktop.store import NotFoundError, Store, ValidationError, awards_repo, staff_repo, unit_repo
from desktop.store.review_repo import catalog_name
from desktop.store.rules_repo import effective_pack

FIRST_YEAR = 1990


def rating_label(code: str | None, translate: Callable[[str], str] = _) -> str:
    """The words of a rating code ("Hoàn thành tốt nhiệm vụ"), or "" when there is none: in the screen's language,
    or as ``translate`` words them (``N_``: Vietnamese, for a printed report)."""
    return translate(codes.RATINGS[code]) if code in codes.RATINGS else ""


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
    return check_record_year(year, first=FIRST_YEAR)


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
        if absent := collective_absence_problem(store, department_id=department_id, year=year):
            raise ValidationError(absent, field="year")
        old = awards_repo.collective_rating(store, department_id, year)
        if old is not None and old["rating"] != code:  # read under the write lock
            refuse_locked_rating(store, year=year, department_id=department_id, action="change")
        awards_repo.set_collective_rating(store, department_id, year, code, notes)
        row = awards_repo.collective_rating(store, department_id, year)
    assert row is not None
    return _rating_json(row) | {
        "department": {"id": department["id"], "uuid": department["uuid"], "name": department["name"]},
        "previous": old["rating"] if old else None,
        "changed": old is None or old["rating"] != code or old["notes"] != row["notes"],
    }


def collective_absence_problem(store: Store, *, department_id: int, year: int) -> str:
    """Why ``department_id`` was no collective of ``year``, or "": stopped on or before 31/12 of it (the store's one
    rule, :func:`unit_repo.department_existed_on`). The lists, reports and evaluation of that year leave it out, so a
    rating of it would be kept and never seen; the window and the history import both refuse it by this."""
    if unit_repo.department_existed_on(store, department_id, year_end(year)):
        return ""
    row = store.query_one("SELECT name, stopped_on FROM departments WHERE id = ?", (department_id,))
    if row is None:
        return ""
    if row["stopped_on"]:
        return _(
            "Không ghi được xếp loại năm {year} cho tập thể “{name}”: tập thể này đã thôi hoạt động từ ngày {day}, "
            "nên không phải là tập thể của năm {year} (danh sách, báo cáo và việc xét khen thưởng năm đó không tính "
            "tập thể này). Hãy xem lại năm hoặc tên tập thể."
        ).format(year=year, name=row["name"], day=format_date(row["stopped_on"]))
    return _(
        "Không ghi được xếp loại năm {year} cho tập thể “{name}”: tập thể này đã thôi hoạt động (không rõ ngày), nên "
        "không phải là tập thể của năm {year}. Hãy xem lại năm hoặc tên tập thể."
    ).format(year=year, name=row["name"])


def remove_collective_rating(store: Store, *, department_id: int, year: int) -> None:
    """Remove a mistyped rating (the audit log keeps the old values)."""
    department = get_department(store, department_id)
    with store.transaction(operation="collective.rating_delete"):
        if awards_repo.collective_rating(store, department_id, year) is None:
            raise NotFoundError(
                _("Tập thể “{name}” chưa có xếp loại năm {year}.").format(name=department["name"], year=year)
            )
        refuse_locked_rating(store, year=year, department_id=department_id, action="remove")
        awards_repo.delete_collective_rating(store, department_id, year)


_ACTIONS = {"change": N_("sửa"), "remove": N_("xóa")}
_LOCKED_BY_DECISION = N_(
    "Không {action} được xếp loại năm {year} của {who}: Quyết định số {number} ngày {date} (đang có hiệu lực) đã "
    "tặng “{title}” năm {year} dựa trên xếp loại này. Muốn {action} xếp loại, hãy thay thế hoặc hủy bỏ quyết định "
    "đó trước."
)
# A member's rating makes the share of LĐTT (or CSTĐCS) its collective's title rests on.
_LOCKED_AS_MEMBER = N_(
    "Không {action} được xếp loại năm {year} của {who}: người này được tính vào tỷ lệ thành viên của tập thể "
    "“{collective}”, mà {what} “{title}” năm {year} dựa vào. Muốn {action} xếp loại, hãy {undo} trước."
)
# A title of the level above (its decision imported) or recorded by the history import: no decision of the unit.
_LOCKED_BY_AWARD = N_(
    "Không {action} được xếp loại năm {year} của {who}: {what} “{title}” năm {year} dựa trên xếp loại này. Muốn "
    "{action} xếp loại, hãy {undo} trước."
)
_LOCKED_BY_DOSSIER = N_(
    "Không {action} được xếp loại năm {year} của {who}: đề nghị “{title}” năm {year} đã đưa vào hồ sơ đề nghị cấp "
    "trên số {dossier} (lập ngày {date}) dựa trên xếp loại này. Muốn {action} xếp loại, hãy báo cấp trên rút đề "
    "nghị đó trước."
)


def rating_locks(
    store: Store, *, year: int | None = None, department_id: int | None = None, staff_id: int | None = None
) -> list[dict[str, Any]]:
    """What rests on ratings: the titles of decisions in force, the awards with no decision of the unit (from the
    level above, or recorded by the history import) and the nominations sent up in a dossier.

    Each row: ``kind`` ("decision" or "dossier"), ``source`` ("unit" for the unit's decision, "above" or "import"
    for an award with no decision of the unit, None for a dossier), ``target_kind`` ("individual"/"collective"),
    ``staff_id``, ``department_id``, ``year``, ``code``, ``title`` (its name), ``number_text`` and ``date`` (the
    decision's, 31/12 of the year for an award recorded without a date; or the dossier's creation), ``dated``
    (False for such an award), ``issuer``, ``dossier_id``. Filtered by year and target when given; the unit's
    decisions first, oldest first, then the dossiers, then the awards with no decision of the unit.
    """
    filters: list[str] = []
    params: list[Any] = []
    if year is not None:
        filters.append("{year} = ?")
        params.append(int(year))
    if department_id is not None:
        filters.append("{t}.target_kind = 'collective' AND {t}.department_id = ?")
        params.append(int(department_id))
    if staff_id is not None:
        filters.append("{t}.target_kind = 'individual' AND {t}.staff_id = ?")
        params.append(int(staff_id))
    where = "".join(" AND " + f for f in filters)
    decided = store.query(
        "SELECT 'decision' AS kind, 'unit' AS source, a.target_kind, a.staff_id, a.department_id, a.year, a.code, "
        "d.number_text, d.decision_date AS date, 1 AS dated, '' AS issuer, NULL AS dossier_id "
        "FROM awards a JOIN decisions d ON d.id = a.decision_id "
        "WHERE d.status = 'issued' AND a.target_kind IN ('individual', 'collective')"
        + where.format(t="a", year="a.year")
        + " ORDER BY d.decision_date, d.id, a.id",
        tuple(params),
    )
    # No decision of the unit: conferred above (the province's decision imported) or recorded by the history import.
    # In force while recorded, as member_titles counts them; the date is 31/12 of the year when none was written.
    recorded = store.query(
        "SELECT 'decision' AS kind, a.source, a.target_kind, a.staff_id, a.department_id, a.year, a.code, "
        "a.decision_no AS number_text, coalesce(a.decision_date, printf('%04d-12-31', a.year)) AS date, "
        "a.decision_date IS NOT NULL AS dated, a.issuer, NULL AS dossier_id "
        "FROM awards a WHERE a.decision_id IS NULL AND a.source IN ('above', 'import') "
        "AND a.target_kind IN ('individual', 'collective')"
        + where.format(t="a", year="a.year")
        + " ORDER BY date, a.id",
        tuple(params),
    )
    sent = store.query(
        "SELECT 'dossier' AS kind, NULL AS source, n.target_kind, n.staff_id, n.department_id, r.year, n.code, "
        "'' AS number_text, ds.created_at AS date, 1 AS dated, '' AS issuer, ds.id AS dossier_id "
        "FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "JOIN dossier_items i ON i.nomination_id = n.id JOIN dossiers ds ON ds.id = i.dossier_id "
        "WHERE n.status = 'sent_up' AND n.target_kind IN ('individual', 'collective')"
        + where.format(t="n", year="r.year")
        + " ORDER BY ds.id, n.id",
        tuple(params),
    )
    rows = decided + sent + recorded
    if rows:
        pack = effective_pack(store)
        for row in rows:
            row["title"] = catalog_name(pack, row["code"])
    return rows


def rating_lock_message(lock: dict[str, Any], *, who: str, action: str = "change") -> str:
    """Why the rating of ``who`` (already worded: "tập thể “Phòng Kinh tế”", "Nguyễn Văn A") cannot be changed
    (``action`` "change") or removed ("remove"), naming the decision or dossier resting on it (a row of
    :func:`rating_locks`), and what to do first."""
    if lock.get("source") in _RECORDED:
        what, undo = _recorded_award_words(lock)
        return _(_LOCKED_BY_AWARD).format(
            action=_(_ACTIONS[action]), year=lock["year"], who=who, what=what, title=lock["title"], undo=undo
        )
    template = _LOCKED_BY_DECISION if lock["kind"] == "decision" else _LOCKED_BY_DOSSIER
    return _(template).format(
        action=_(_ACTIONS[action]),
        year=lock["year"],
        who=who,
        number=lock["number_text"],
        date=format_date(lock["date"]),
        title=lock["title"],
        dossier=lock["dossier_id"],
    )


_RECORDED = ("above", "import")  # an award's sources with no decision of the unit


def lock_gave_words(lock: dict[str, Any]) -> str:
    """What gave the title of a row of :func:`rating_locks`, worded for a sentence ("Quyết định số 3/QĐ-UBND ngày
    30/12/2025 đã tặng", "Quyết định số 215/QĐ-UBND ngày 20/01/2026 của UBND tỉnh … đã tặng", "hồ sơ đề nghị cấp trên
    số 2 (lập ngày …) đã đề nghị tặng"): a title from the level above is not the unit's to replace."""
    if lock.get("source") in _RECORDED:
        return _recorded_award_words(lock)[0]
    if lock["kind"] == "decision":
        return _("Quyết định số {number} ngày {date} đã tặng").format(
            number=lock["number_text"], date=format_date(lock["date"])
        )
    return _("hồ sơ đề nghị cấp trên số {id} (lập ngày {date}) đã đề nghị tặng").format(
        id=lock["dossier_id"], date=format_date(lock["date"])
    )


def _recorded_award_words(lock: dict[str, Any]) -> tuple[str, str]:
    """(what conferred it, what to do first) for a lock of an award with no decision of the unit."""
    number = str(lock["number_text"] or "")
    if number and lock["dated"]:
        decision = _("Quyết định số {number} ngày {date}").format(number=number, date=format_date(lock["date"]))
    elif number:
        decision = _("Quyết định số {number}").format(number=number)
    else:
        decision = _("Quyết định (không ghi số)")
    if lock["source"] == "above":
        issuer = str(lock["issuer"] or "") or _("cấp trên")
        what = _("{decision} của {issuer} đã tặng").format(decision=decision, issuer=issuer)
        return what, _("báo cấp trên thay thế hoặc hủy bỏ quyết định đó")
    what = _("{decision} của đơn vị (ghi từ lịch sử khen thưởng) đã tặng").format(decision=decision)
    return what, _("sửa lại khen thưởng đã ghi từ lịch sử đó")


def refuse_locked_rating(
    store: Store, *, year: int, department_id: int | None = None, staff_id: int | None = None, action: str = "change"
) -> None:
    """Refuse to change (or remove) the rating of ``year`` of a collective or a person while a decision in force or
    a dossier sent up rests on it. Call it inside the write transaction of the change."""
    locks = rating_locks(store, year=year, department_id=department_id, staff_id=staff_id)
    if not locks and staff_id is not None:
        member_lock = collective_lock_of_member(store, staff_id=staff_id, year=year)
        if member_lock is not None:
            who = str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,)) or "")
            raise ValidationError(member_lock_message(member_lock, who=who, action=action), field="rating")
    if not locks:
        return
    if department_id is not None:
        name = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or ""
        who = _("tập thể “{name}”").format(name=name)
    else:
        who = str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,)) or "")
    raise ValidationError(rating_lock_message(locks[0], who=who, action=action), field="rating")


def collective_lock_of_member(store: Store, *, staff_id: int, year: int) -> dict[str, Any] | None:
    """The first decision in force (or dossier sent up) giving the collective ``staff_id`` counted in for ``year`` a
    title or award of that year, or None: the member's rating and presence that year are part of what it rests on
    (the share of LĐTT, CSTĐCS, completed tasks). The row is one of :func:`rating_locks`, with ``collective``."""
    department_id = staff_repo.year_department(store, staff_id, year)
    if department_id is None:
        return None
    locks = rating_locks(store, year=year, department_id=department_id)
    if not locks:
        return None
    name = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or ""
    return {**locks[0], "collective": name}


def member_lock_message(lock: dict[str, Any], *, who: str, action: str = "change") -> str:
    """Why a member's rating (or presence) of a year cannot change: :func:`collective_lock_of_member`'s lock."""
    if lock.get("source") in _RECORDED:
        what, undo = _recorded_award_words(lock)
    elif lock["kind"] == "decision":
        what = _("Quyết định số {number} ngày {date} (đang có hiệu lực) đã tặng").format(
            number=lock["number_text"], date=format_date(lock["date"])
        )
        undo = _("thay thế hoặc hủy bỏ quyết định đó")
    else:
        what = _("hồ sơ đề nghị cấp trên số {dossier} (lập ngày {date}) đề nghị").format(
            dossier=lock["dossier_id"], date=format_date(lock["date"])
        )
        undo = _("báo cấp trên rút đề nghị đó")
    return _(_LOCKED_AS_MEMBER).format(
        action=_(_ACTIONS[action]),
        year=lock["year"],
        who=who,
        collective=lock["collective"],
        what=what,
        title=lock["title"],
        undo=undo,
    )


def _rating_json(row: dict[str, Any], translate: Callable[[str], str] = _) -> dict[str, Any]:
    return {
        "year": int(row["year"]),
        "rating": row["rating"],
        "rating_label": rating_label(row["rating"], translate),
        "notes": row["notes"] or "",
        "updated_at": row["updated_at"],
    }


def ratings_history(store: Store, *, department_id: int) -> list[dict[str, Any]]:
    """A collective's ratings by year, newest first."""
    return [_rating_json(row) for row in awards_repo.collective_ratings_for(store, department_id)]


def list_collectives(
    store: Store, *, year: int | None = None, include_inactive: bool = False, translate: Callable[[str], str] = _
) -> list[dict[str, Any]]:
    """Collectives in Vietnamese order with their members and ratings: those in use, or with ``year`` those of
    that year (in use, or stopped after it: a past year keeps a collective stopped since), or every one. With
    ``year``, ``name`` is the one it bore on 31/12 of that year (a collective renamed since keeps its old name).

    ``members``: people working there now, or, with ``year``, the people employed at some time in that year who
    were in it on its last day or the day they left (the members the eligibility engine counts; moves are kept
    since schema v10). ``rating``/``rating_label``/``notes``: the rating of ``year`` (None
    without a year or when not rated); ``ratings``: every year, newest first. The labels are worded by ``translate``
    (the screen's language unless told).
    """
    # A year's list names each collective as it was called on its last day (names are dated since schema v15), as
    # that year's decisions, register and report sent up do; ``uuid`` stays the key across renames.
    last_day = f"'{year_end(year).isoformat()}'" if year is not None else ""  # made of a date: a safe SQL literal
    name = unit_repo.department_name_on_sql("departments.id", last_day) if year is not None else "name"
    columns = f"id, uuid, {name} AS name, kind, active"
    if include_inactive:
        departments = store.query(f"SELECT {columns} FROM departments")
    elif year is None:
        departments = store.query(f"SELECT {columns} FROM departments WHERE active = 1")
    else:
        departments = store.query(
            f"SELECT {columns} FROM departments WHERE {unit_repo.existed_at_year_end()}",
            (year_end(year).isoformat(),),
        )
    departments.sort(key=lambda row: (plain_sort_key(row["name"]), row["id"]))
    if year is None:
        counts = store.query(
            "SELECT department_id, count(*) AS n FROM staff WHERE end_date IS NULL AND department_id IS NOT NULL "
            "GROUP BY department_id"
        )
        members = {int(row["department_id"]): int(row["n"]) for row in counts}
    else:
        members = {department: len(people) for department, people in staff_repo.year_members(store, year).items()}
    ratings: dict[int, list[dict[str, Any]]] = {}
    for row in store.query("SELECT * FROM collective_ratings ORDER BY department_id, year DESC"):
        ratings.setdefault(int(row["department_id"]), []).append(_rating_json(row, translate))
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


def year_ratings(store: Store, *, year: int, translate: Callable[[str], str] = _) -> list[dict[str, Any]]:
    """The collectives of ``year`` (in use, or stopped after it) with their rating of that year (None when not
    rated) and members; the ratings' words as ``translate`` words them (``N_`` for a printed report)."""
    keys = ("id", "uuid", "name", "members", "rating", "rating_label", "notes")
    return [{key: row[key] for key in keys} for row in list_collectives(store, year=year, translate=translate)]


__all__ = [
    "check_rating",
    "check_year",
    "collective_absence_problem",
    "department_by_name",
    "get_department",
    "list_collectives",
    "rating_label",
    "rating_lock_message",
    "rating_locks",
    "ratings_history",
    "refuse_locked_rating",
    "remove_collective_rating",
    "set_collective_rating",
    "year_ratings",
]
