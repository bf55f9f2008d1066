"""Staff and their yearly records. Call inside ``store.transaction()``; nothing here commits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop.domain.dates import format_date, iso
from desktop.domain.staff import StaffDraft
from desktop.domain.staff import leaving_date_problem as _leaving_date_problem
from desktop.domain.text import fold, nfc, search_tokens, sort_key
from desktop.i18n import _
from desktop.store.db import Store, Where, new_uuid, now_iso
from desktop.store.errors import NotFoundError, ValidationError
from desktop.store.unit_repo import get_or_create_department

STAFF_LIST_SQL = """
SELECT s.id, s.uuid, s.staff_code, s.full_name, s.gender, s.birth_date, s.ethnic_code, s.position,
       s.is_leader, s.department_id, d.name AS department, s.category, s.start_date, s.end_date,
       s.left_reason, s.notes, s.search_key, s.sort_key
FROM staff s LEFT JOIN departments d ON d.id = s.department_id
"""


def next_staff_code(store: Store) -> str:
    """CB00001, CB00002, ... the first free number after the highest generated code."""
    highest = store.scalar(
        "SELECT max(CAST(substr(staff_code, 3) AS INTEGER)) FROM staff "
        "WHERE staff_code GLOB 'CB[0-9][0-9][0-9][0-9][0-9]*'"
    )
    return f"CB{(int(highest or 0) + 1):05d}"


def _row_from_draft(store: Store, draft: StaffDraft) -> dict[str, Any]:
    draft = draft.normalised()
    return {
        "full_name": draft.full_name,
        "search_key": fold(draft.full_name),
        "sort_key": sort_key(draft.full_name),
        "gender": draft.gender or "",
        "birth_date": iso(draft.birth_date),
        "ethnic_code": draft.ethnic_code,
        "position": draft.position,
        "is_leader": int(draft.is_leader),
        # the form names a department as typed: a new spelling is a new department (only lists read loosely)
        "department_id": get_or_create_department(store, draft.department, loose=False),
        "category": draft.category,
        "start_date": iso(draft.start_date),
        "end_date": iso(draft.end_date),
        "notes": draft.notes,
    }


def _refuse_stopped_department(store: Store, department_id: int | None) -> None:
    """A person newly put in a department the unit stopped using would sit in a collective that no list, review or
    report of this year shows: refused, as the staff import refuses it (``staff_import._stopped_targets``)."""
    if department_id is None:
        return
    row = store.query_one("SELECT name, stopped_on FROM departments WHERE id = ? AND active = 0", (department_id,))
    if row is None:
        return
    raise ValidationError(
        _(
            "Phòng ban “{name}” đã ngừng sử dụng{since}, không nhận thêm người. Hãy chọn phòng ban người này đang "
            "làm việc, hoặc dùng lại phòng ban đó ở trang Đơn vị trước."
        ).format(
            name=row["name"],
            since=_(" từ ngày {date}").format(date=format_date(row["stopped_on"])) if row["stopped_on"] else "",
        ),
        field="department",
    )


def leaving_date_problem(end_date: date, *, today: date | None = None) -> str:
    """Why a leaving date cannot be saved ("" when it can): the domain's one rule (:func:`desktop.domain.staff.
    leaving_date_problem`), which the import's row check applies too."""
    return _leaving_date_problem(end_date, today=today)


def _refuse_leaving_far_ahead(end_date: date | None) -> None:
    problem = leaving_date_problem(end_date) if end_date else ""
    if problem:
        raise ValidationError(problem, field="end_date")


def insert_staff(store: Store, draft: StaffDraft) -> int:
    row = _row_from_draft(store, draft)
    _refuse_stopped_department(store, row["department_id"])
    _refuse_leaving_far_ahead(draft.end_date)
    code = nfc(draft.staff_code).upper() or next_staff_code(store)
    if store.scalar("SELECT 1 FROM staff WHERE staff_code = ?", (code,)):
        raise ValidationError(_("Mã cán bộ “{code}” đã có người dùng.").format(code=code), field="staff_code")
    stamp = now_iso()
    row.update(uuid=new_uuid(), staff_code=code, created_at=stamp, updated_at=stamp, left_reason=nfc(draft.left_reason))
    return store.insert("staff", row)


class StaffBatch:
    """Many people inserted in the current transaction: the rows :func:`insert_staff` writes, sent to SQLite with
    ``executemany`` in batches, departments looked up (or created) once per name. For imports.

    Every draft must already carry its ``staff_code``, and the caller has made sure no code is used twice (the
    UNIQUE constraint still refuses a clash). The audit triggers record every row, as for :func:`insert_staff`.
    """

    SIZE = 500
    _SQL = (
        "INSERT INTO staff (uuid, staff_code, full_name, search_key, sort_key, gender, birth_date, ethnic_code,"
        " position, is_leader, department_id, category, start_date, end_date, notes, left_reason, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[tuple[Any, ...]] = []
        self.departments: dict[str, int | None] = {}
        self.stamp = now_iso()
        self.written = 0

    def add(self, draft: StaffDraft, *, normalised: bool = False) -> None:
        """Queue one person (``normalised``: the draft comes from :meth:`StaffDraft.normalised` already)."""
        if not normalised:
            draft = draft.normalised()
        if not draft.staff_code:
            raise ValueError("StaffBatch needs a staff code")
        department = self.departments.get(draft.department)
        if draft.department not in self.departments:
            department = self.departments[draft.department] = get_or_create_department(self.store, draft.department)
        self.pending.append(
            (
                new_uuid(),
                draft.staff_code,
                draft.full_name,
                fold(draft.full_name),
                sort_key(draft.full_name),
                draft.gender or "",
                iso(draft.birth_date),
                draft.ethnic_code,
                draft.position,
                int(draft.is_leader),
                department,
                draft.category,
                iso(draft.start_date),
                iso(draft.end_date),
                draft.notes,
                draft.left_reason,
                self.stamp,
                self.stamp,
            )
        )
        if len(self.pending) >= self.SIZE:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.store.conn.executemany(self._SQL, self.pending)
            self.written += len(self.pending)
            self.pending.clear()


def update_staff(store: Store, staff_id: int, draft: StaffDraft, *, moved_on: date | None = None) -> None:
    """Save a person's record; a change of department is kept as a move dated ``moved_on`` (today if not given)."""
    current = get_staff(store, staff_id)
    row = _row_from_draft(store, draft)
    code = nfc(draft.staff_code).upper() or current["staff_code"]
    clash = store.scalar("SELECT id FROM staff WHERE staff_code = ? AND id != ?", (code, staff_id))
    if clash:
        raise ValidationError(_("Mã cán bộ “{code}” đã có người dùng.").format(code=code), field="staff_code")
    if row["department_id"] != current["department_id"]:
        _refuse_stopped_department(store, row["department_id"])  # someone already recorded there keeps it
        _record_move(store, current, row["department_id"], moved_on or date.today())
    if row["end_date"] != current["end_date"]:
        _refuse_leaving_far_ahead(draft.end_date)
    row.update(staff_code=code, updated_at=now_iso())
    store.update("staff", staff_id, row)


def _record_move(store: Store, person: dict[str, Any], to_department: int | None, moved_on: date) -> None:
    """Keep where a person worked before a move, so a past year counts them in the department they were in then."""
    day = moved_on.isoformat()
    if person["start_date"] and day < person["start_date"]:
        raise ValidationError(
            _("Ngày chuyển phòng ban {date} trước ngày bắt đầu công tác {start} của {name}.").format(
                date=format_date(moved_on), start=format_date(person["start_date"]), name=person["full_name"]
            ),
            field="moved_on",
        )
    last = store.scalar("SELECT max(moved_on) FROM staff_department_moves WHERE staff_id = ?", (person["id"],))
    if last and day < last:
        raise ValidationError(
            _("Ngày chuyển phòng ban {date} trước lần chuyển trước của {name} (ngày {last}).").format(
                date=format_date(moved_on), name=person["full_name"], last=format_date(last)
            ),
            field="moved_on",
        )
    if moved_on > date.today() + timedelta(days=366):
        raise ValidationError(
            _("Ngày chuyển phòng ban {date} quá xa trong tương lai.").format(date=format_date(moved_on)),
            field="moved_on",
        )
    store.add(
        "staff_department_moves",
        {
            "staff_id": person["id"],
            "from_department_id": person["department_id"],
            "to_department_id": to_department,
            "moved_on": day,
        },
    )


def department_on_sql(day: str, person: str = "s") -> str:
    """SQL for the department id of staff row ``person`` on ``day`` (an SQL expression giving an ISO date).

    The department before the first move dated after that day, else the one on the record now. People moved before
    schema v10 have no moves kept and count in today's department, as before.
    """
    later = (
        f"FROM staff_department_moves m WHERE m.staff_id = {person}.id AND m.moved_on > {day} "
        "ORDER BY m.moved_on, m.id LIMIT 1"
    )
    return (
        f"(CASE WHEN EXISTS (SELECT 1 {later}) THEN (SELECT m.from_department_id {later}) "
        f"ELSE {person}.department_id END)"
    )


def year_department_sql(person: str = "s", last: str = ":last") -> str:
    """SQL for the collective a person belongs to for a year ending on ``last``: their department on the last day
    of the year, or on the day they left if they left during it (the members the eligibility engine counts)."""
    day = f"min({last}, coalesce(nullif({person}.end_date, ''), {last}))"
    return department_on_sql(day, person)


def _year_end_literal(year: int) -> str:
    return f"'{int(year):04d}-12-31'"  # made of an int: safe as an SQL literal


def year_members(store: Store, year: int) -> dict[int, list[int]]:
    """Each collective's members of ``year`` (staff ids): the people employed at some time in the year, in the
    department they were in on its last day or the day they left (:func:`year_department_sql`). Each person's
    department is worked out once, whatever the number of collectives."""
    department = year_department_sql(last=_year_end_literal(year))
    members: dict[int, list[int]] = {}
    for row in store.query(
        f"SELECT s.id, {department} AS department_id FROM staff s "
        "WHERE (s.start_date IS NULL OR s.start_date <= ?) AND (s.end_date IS NULL OR s.end_date >= ?)",
        (f"{int(year):04d}-12-31", f"{int(year):04d}-01-01"),
    ):
        if row["department_id"] is not None:
            members.setdefault(int(row["department_id"]), []).append(int(row["id"]))
    return members


def year_department(store: Store, staff_id: int, year: int) -> int | None:
    """The collective a person counted in for ``year`` (:func:`year_department_sql`)."""
    found = store.scalar(
        f"SELECT {year_department_sql(last=_year_end_literal(year))} FROM staff s WHERE s.id = ?", (staff_id,)
    )
    return None if found is None else int(found)


def mark_left(store: Store, staff_id: int, end_date: date, reason: str = "") -> None:
    """A person who leaves is marked, never deleted: awards and decisions keep pointing at them."""
    current = get_staff(store, staff_id)
    if current["start_date"] and end_date.isoformat() < current["start_date"]:
        raise ValidationError(_("Ngày thôi công tác phải sau ngày bắt đầu công tác."), field="end_date")
    _refuse_leaving_far_ahead(end_date)
    store.update(
        "staff",
        staff_id,
        {"end_date": end_date.isoformat(), "left_reason": nfc(reason), "updated_at": now_iso()},
    )


def reinstate(store: Store, staff_id: int) -> None:
    get_staff(store, staff_id)
    store.update("staff", staff_id, {"end_date": None, "left_reason": "", "updated_at": now_iso()})


def get_staff(store: Store, staff_id: int) -> dict[str, Any]:
    row = store.query_one(STAFF_LIST_SQL + " WHERE s.id = ?", (staff_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy cán bộ có mã số nội bộ {id}.").format(id=staff_id))
    return row


def get_staff_by_code(store: Store, staff_code: str) -> dict[str, Any] | None:
    return store.query_one(STAFF_LIST_SQL + " WHERE s.staff_code = ?", (nfc(staff_code).upper(),))


def staff_scope(*, include_left: bool, department_id: int | None) -> Where:
    """The WHERE clause (on ``staff s``) of a staff list: left people or not, one department."""
    where = Where()
    if not include_left:
        where.add("s.end_date IS NULL")
    if department_id is not None:
        where.add("s.department_id = ?", department_id)
    return where


def list_staff(
    store: Store, *, search: str = "", include_left: bool = False, department_id: int | None = None
) -> list[dict[str, Any]]:
    """Staff in Vietnamese name order, filtered by an accent-insensitive search."""
    where = staff_scope(include_left=include_left, department_id=department_id)
    for token in search_tokens(search):
        # instr, not LIKE: "%" and "_" typed by the clerk are letters to find, not wildcards.
        where.add("(instr(s.search_key, ?) > 0 OR instr(lower(s.staff_code), ?) > 0)", token, token)
    return store.query(f"{STAFF_LIST_SQL} {where} ORDER BY s.sort_key, s.id", where.params)


def count_staff(store: Store, *, include_left: bool = False) -> int:
    where = "" if include_left else " WHERE end_date IS NULL"
    return int(store.scalar("SELECT count(*) FROM staff" + where) or 0)


# -- yearly records ------------------------------------------------------------------------------


def set_rating(store: Store, staff_id: int, year: int, rating: str, notes: str = "") -> None:
    get_staff(store, staff_id)
    stamp = now_iso()
    existing = store.scalar("SELECT id FROM ratings WHERE staff_id = ? AND year = ?", (staff_id, year))
    if existing:
        store.update("ratings", existing, {"rating": rating, "notes": nfc(notes), "updated_at": stamp})
    else:
        store.add("ratings", {"staff_id": staff_id, "year": year, "rating": rating, "notes": nfc(notes)})


def _rows_of(store: Store, table: str, staff_id: int, order: str) -> list[dict[str, Any]]:
    """One person's rows of a record table (ratings, discipline, initiatives, leave), newest first."""
    return store.query(f"SELECT * FROM {table} WHERE staff_id = ? ORDER BY {order}", (staff_id,))


def ratings_for(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return _rows_of(store, "ratings", staff_id, "year DESC")


def add_discipline(
    store: Store,
    staff_id: int,
    *,
    level: str,
    start_date: date | None,
    end_date: date | None,
    reason: str = "",
    decision_no: str = "",
    pending: bool = False,
    notes: str = "",
) -> int:
    get_staff(store, staff_id)
    if start_date and end_date and end_date < start_date:
        raise ValidationError(_("Ngày hết hiệu lực kỷ luật phải sau ngày bắt đầu."), field="end_date")
    return store.add(
        "discipline",
        {
            "staff_id": staff_id,
            "level": level,
            "reason": nfc(reason),
            "decision_no": nfc(decision_no),
            "start_date": iso(start_date),
            "end_date": iso(end_date),
            "pending": int(pending),
            "notes": nfc(notes),
        },
    )


def discipline_for(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return _rows_of(store, "discipline", staff_id, "coalesce(start_date, '') DESC")


def add_initiative(
    store: Store,
    staff_id: int,
    *,
    title: str,
    level: str = "co_so",
    recognized_on: date | None = None,
    decision_no: str = "",
    notes: str = "",
) -> int:
    get_staff(store, staff_id)
    if not nfc(title):
        raise ValidationError(_("Chưa nhập tên sáng kiến."), field="title")
    return store.add(
        "initiatives",
        {
            "staff_id": staff_id,
            "title": nfc(title),
            "level": level,
            "recognized_on": iso(recognized_on),
            "decision_no": nfc(decision_no),
            "notes": nfc(notes),
        },
    )


def initiatives_for(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return _rows_of(store, "initiatives", staff_id, "coalesce(recognized_on, '') DESC")


def add_leave(
    store: Store,
    staff_id: int,
    *,
    kind: str,
    start_date: date,
    end_date: date,
    counts_as_worked: bool,
    notes: str = "",
) -> int:
    get_staff(store, staff_id)
    if end_date < start_date:
        raise ValidationError(_("Ngày kết thúc nghỉ phải sau ngày bắt đầu."), field="end_date")
    return store.add(
        "leave_periods",
        {
            "staff_id": staff_id,
            "kind": kind,
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
            "counts_as_worked": int(counts_as_worked),
            "notes": nfc(notes),
        },
    )


def leave_for(store: Store, staff_id: int) -> list[dict[str, Any]]:
    return _rows_of(store, "leave_periods", staff_id, "start_date DESC")


def delete_record(store: Store, table: str, record_id: int) -> None:
    """Remove a mistyped rating, discipline, initiative or leave row (the audit log keeps it)."""
    if table not in ("ratings", "discipline", "initiatives", "leave_periods"):
        raise ValueError(table)
    store.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
