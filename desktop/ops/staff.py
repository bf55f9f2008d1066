"""Staff operations used by the window and ``tdkt staff``: validate, then change in one transaction."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from desktop.domain.codes import DISCIPLINE_LEVELS, INITIATIVE_LEVELS, LEAVE_COUNTS_AS_WORKED, LEAVE_KINDS, RATINGS
from desktop.domain.dates import format_date, iso
from desktop.domain.staff import StaffDraft, validate_staff
from desktop.domain.text import LONG_TEXT_MAX_LENGTH, NOTES_MAX_LENGTH, TEXT_MAX_LENGTH, InputTextError, clean_input
from desktop.i18n import N_, _
from desktop.ops.collectives import collective_lock_of_member, lock_gave_words, rating_locks, refuse_locked_rating
from desktop.ops.common import check_record_year, clean_text
from desktop.ops.review.council import undecided_council_seats
from desktop.ops.staff_import import FIELDS, TEXT_LIMITS
from desktop.store import Store, ValidationError, staff_repo, unit_repo

# The draft's text fields, cleaned as the staff import cleans them (same labels and limits).
_DRAFT_TEXT = ("full_name", "staff_code", "position", "department", "notes")
_REASON = N_("Lý do")
_NOTES = N_("Ghi chú")
_DECISION_NO = N_("Số quyết định")


class StaffValidationError(ValidationError):
    """All problems of a form at once, by field, so each can be shown beside its field."""

    def __init__(self, problems: dict[str, str]) -> None:
        first_field, first = next(iter(problems.items()))
        super().__init__(first, field=first_field)
        self.problems = problems


def checked_draft(draft: StaffDraft) -> StaffDraft:
    """The draft with its text clean (:func:`desktop.domain.text.clean_input`), or every problem by field."""
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in _DRAFT_TEXT:
        limit, multiline = TEXT_LIMITS.get(name, (TEXT_MAX_LENGTH, False))
        try:
            values[name] = clean_input(
                getattr(draft, name), field=_(FIELDS[name]), multiline=multiline, max_length=limit
            )
        except InputTextError as exc:
            problems[name] = str(exc)
    draft = dataclasses.replace(draft, **values)
    problems = validate_staff(draft) | problems
    if problems:
        raise StaffValidationError(problems)
    return draft


def add_staff(store: Store, *, draft: StaffDraft) -> int:
    draft = checked_draft(draft)
    with store.transaction(operation="staff.add"):
        return staff_repo.insert_staff(store, draft)


def edit_staff(store: Store, *, staff_id: int, draft: StaffDraft, moved_on: date | None = None) -> None:
    """Save a person's record. A new department is a move dated ``moved_on`` (today when not given): the years
    before it still count the person in the department they left (collective titles, reports)."""
    draft = checked_draft(draft)
    with store.transaction(operation="staff.edit"):
        before = staff_repo.get_staff(store, staff_id)
        # The dates decide who a collective's members of a year are, and for how long: read under the write lock.
        old_end, new_end = before["end_date"], iso(draft.end_date)
        if draft.end_date and (old_end is None or new_end < old_end):
            _refuse_leaving_before_a_collective_decision(store, staff_id, draft.end_date)
        _refuse_start_under_decision(store, before, draft.start_date)
        staff_repo.update_staff(store, staff_id, draft, moved_on=moved_on)  # its own checks first
        _refuse_move_under_decision(store, before, draft, moved_on or date.today())  # refused: all rolled back
        if old_end and (new_end is None or new_end > old_end):
            _refuse_return_under_decision(store, before, draft.end_date)


def _refuse_move_under_decision(store: Store, person: dict[str, Any], draft: StaffDraft, moved_on: date) -> None:
    """A move dated on or before 31 December of a year changes who the two collectives' members of that year are
    (and of the years after): refused while a decision in force (or a dossier sent up) gives either collective a
    title of such a year on those members. Read under the write lock, as the rating locks are; ``person`` is the
    record before the edit."""
    moving_to = unit_repo.find_department(store, draft.department, loose=False) if draft.department else None
    if moving_to == person["department_id"]:
        return
    for year in range(moved_on.year, date.today().year + 1):
        for department_id in (person["department_id"], moving_to):
            locks = rating_locks(store, year=year, department_id=department_id) if department_id else []
            if locks:
                lock = locks[0]
                name = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or ""
                rests = lock_gave_words(lock)
                raise ValidationError(
                    _(
                        "Không ghi được việc chuyển {person} từ ngày {day}: {rests} tập thể “{name}” danh hiệu "
                        "“{title}” năm {year} tính theo thành viên của năm đó. Hãy ghi ngày chuyển sau 31/12/{year}, "
                        "hoặc thay thế, hủy bỏ quyết định đó trước."
                    ).format(
                        person=person["full_name"],
                        day=format_date(moved_on),
                        rests=rests,
                        name=name,
                        title=lock["title"],
                        year=year,
                    ),
                    field="moved_on",
                )


def _refuse_start_under_decision(store: Store, person: dict[str, Any], start: date | None) -> None:
    """A new start date changes the years between the old and the new one: whether the person was a member of their
    collective then, and for how long. Refused while a decision in force (or a dossier sent up) gives that collective,
    or the person, a title of such a year, as a back-dated leaving or move is. ``person`` is the record before."""
    old, new = person["start_date"], iso(start)
    if old == new:
        return
    locked_years = sorted({int(row["year"]) for row in rating_locks(store)})
    if not locked_years:
        return
    low = min(day for day in (old, new) if day)[:4] if old and new else str(locked_years[0])
    high = max(day for day in (old, new) if day)[:4]
    for year in (y for y in locked_years if int(low) <= y <= min(int(high), date.today().year)):
        lock = collective_lock_of_member(store, staff_id=int(person["id"]), year=year)
        if lock is not None:
            target = _("tập thể “{name}”").format(name=lock["collective"])
        else:
            own = rating_locks(store, year=year, staff_id=int(person["id"]))
            if not own:
                continue
            lock, target = own[0], _("chính người này")
        raise ValidationError(
            _(
                "Không sửa được ngày bắt đầu công tác của {name} thành {day}: {rests} {target} danh hiệu “{title}” "
                "năm {year}, tính theo thành viên và thời gian công tác của năm đó; đổi ngày bắt đầu làm đổi căn cứ "
                "của danh hiệu. Hãy giữ ngày bắt đầu như cũ ({old}), hoặc thay thế, hủy bỏ quyết định (rút đề nghị) "
                "đó trước."
            ).format(
                name=person["full_name"],
                day=format_date(new) if new else _("(để trống)"),
                rests=lock_gave_words(lock),
                target=target,
                title=lock["title"],
                year=year,
                old=format_date(old) if old else _("để trống"),
            ),
            field="start_date",
        )


def _refuse_return_under_decision(store: Store, person: dict[str, Any], new_end: date | None) -> None:
    """Clearing a leaving date (reinstating) or putting it later makes the person a member again of the years after
    it, and longer in the year they left: refused while a decision in force (or a dossier sent up) gives the
    collective they now count in a title of such a year judged without them. Called after the change, under the
    write lock (refused: all rolled back); ``person`` is the record before."""
    left = str(person["end_date"])
    last = new_end.year if new_end else date.today().year
    for year in range(int(left[:4]), min(last, date.today().year) + 1):
        lock = collective_lock_of_member(store, staff_id=int(person["id"]), year=year)
        if lock is None or (year == int(left[:4]) and (left[5:] == "12-31" or str(lock["date"])[:10] <= left)):
            continue  # they worked that year to its end, or a title decided before they left was judged with them
        raise ValidationError(
            _(
                "Không ghi được {name} trở lại công tác: người này đã thôi công tác từ ngày {left}, và {rests} tập "
                "thể “{collective}” danh hiệu “{title}” năm {year} khi người này đã thôi; cho trở lại làm đổi thành "
                "viên (và thời gian công tác) mà danh hiệu đó dựa vào. Hãy thay thế, hủy bỏ quyết định (rút đề nghị) "
                "đó trước."
            ).format(
                name=person["full_name"],
                left=format_date(left),
                rests=lock_gave_words(lock),
                collective=lock["collective"],
                title=lock["title"],
                year=year,
            ),
            field="end_date",
        )


def leaving_date_problem(end_date: date) -> str:
    """Why a leaving date is refused before asking the clerk to confirm it ("" when it is not); saving checks again."""
    return staff_repo.leaving_date_problem(end_date)


def mark_staff_left(store: Store, *, staff_id: int, end_date: date, reason: str = "") -> None:
    reason = clean_text(reason, "reason", _(_REASON), multiline=True, max_length=NOTES_MAX_LENGTH)
    with store.transaction(operation="staff.leave"):
        _refuse_leaving_before_a_collective_decision(store, staff_id, end_date)  # read under the write lock
        staff_repo.mark_left(store, staff_id, end_date, reason)


def council_seats(store: Store, *, staff_id: int) -> list[dict[str, Any]]:
    """The person's seats on councils of rounds not decided yet: the leave dialog names them, so the clerk knows
    whom to replace (leaving is never refused for them: people do leave)."""
    return undecided_council_seats(store, staff_id=staff_id)


def _refuse_leaving_before_a_collective_decision(store: Store, staff_id: int, end_date: date) -> None:
    """A leaving date before the decision (or dossier) that gave the person's collective a title of that year would
    take them out of the share the title was judged on: refused, as a move back-dated into a decided year is."""
    for year in range(end_date.year, date.today().year + 1):
        lock = collective_lock_of_member(store, staff_id=staff_id, year=year)
        if lock is None or end_date.isoformat() >= str(lock["date"])[:10]:
            continue
        name = str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,)) or "")
        raise ValidationError(
            _(
                "Không ghi được ngày thôi công tác {day} cho {name}: người này được tính vào tập thể “{collective}” "
                "năm {year}, mà {what} “{title}” dựa vào (ngày {since}); thôi công tác trước ngày đó làm đổi tỷ lệ "
                "thành viên của danh hiệu. Hãy ghi ngày từ {since} trở đi, hoặc thay thế, hủy bỏ quyết định (rút đề "
                "nghị) đó trước."
            ).format(
                day=format_date(end_date),
                name=name,
                collective=lock["collective"],
                year=year,
                what=_("quyết định số {number}").format(number=lock["number_text"])
                if lock["kind"] == "decision" and lock["number_text"]
                else _("quyết định (không ghi số)")
                if lock["kind"] == "decision"
                else _("hồ sơ đề nghị cấp trên số {dossier}").format(dossier=lock["dossier_id"]),
                title=lock["title"],
                since=format_date(str(lock["date"])[:10]),
            ),
            field="end_date",
        )


def reinstate_staff(store: Store, *, staff_id: int) -> None:
    """Clear the leaving date; refused when a decided year's collective would gain the person back."""
    with store.transaction(operation="staff.reinstate"):
        before = staff_repo.get_staff(store, staff_id)
        staff_repo.reinstate(store, staff_id)
        if before["end_date"]:
            _refuse_return_under_decision(store, before, None)  # read after the change: refused, all rolled back


def set_rating(store: Store, *, staff_id: int, year: int, rating: str, notes: str = "") -> None:
    if rating not in RATINGS:
        raise ValidationError(_("Xếp loại “{value}” không hợp lệ.").format(value=rating), field="rating")
    check_record_year(year, first=1990)
    notes = clean_text(notes, "notes", _(_NOTES), multiline=True, max_length=NOTES_MAX_LENGTH)
    with store.transaction(operation="staff.rating"):
        # Read under the write lock: a decision in force or a dossier sent up may rest on the rating it replaces.
        old = store.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = ?", (staff_id, year))
        if old is not None and old != rating:
            refuse_locked_rating(store, year=year, staff_id=staff_id, action="change")
        staff_repo.set_rating(store, staff_id, year, rating, notes)


def add_discipline(
    store: Store,
    *,
    staff_id: int,
    level: str,
    start_date: date | None,
    end_date: date | None,
    reason: str = "",
    decision_no: str = "",
    pending: bool = False,
) -> int:
    if level not in DISCIPLINE_LEVELS:
        raise ValidationError(_("Hình thức kỷ luật “{value}” không hợp lệ.").format(value=level), field="level")
    reason = clean_text(reason, "reason", _(_REASON), multiline=True, max_length=NOTES_MAX_LENGTH)
    decision_no = clean_text(decision_no, "decision_no", _(_DECISION_NO))
    with store.transaction(operation="staff.discipline"):
        return staff_repo.add_discipline(
            store,
            staff_id,
            level=level,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
            decision_no=decision_no,
            pending=pending,
        )


def add_initiative(
    store: Store,
    *,
    staff_id: int,
    title: str,
    level: str = "co_so",
    recognized_on: date | None = None,
    decision_no: str = "",
) -> int:
    if level not in INITIATIVE_LEVELS:
        raise ValidationError(_("Cấp công nhận “{value}” không hợp lệ.").format(value=level), field="level")
    title = clean_text(title, "title", _("Tên sáng kiến"), max_length=LONG_TEXT_MAX_LENGTH)
    decision_no = clean_text(decision_no, "decision_no", _(_DECISION_NO))
    with store.transaction(operation="staff.initiative"):
        return staff_repo.add_initiative(
            store, staff_id, title=title, level=level, recognized_on=recognized_on, decision_no=decision_no
        )


def add_leave(store: Store, *, staff_id: int, kind: str, start_date: date, end_date: date) -> int:
    if kind not in LEAVE_KINDS:
        raise ValidationError(_("Loại nghỉ “{value}” không hợp lệ.").format(value=kind), field="kind")
    with store.transaction(operation="staff.leave_period"):
        return staff_repo.add_leave(
            store,
            staff_id,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            counts_as_worked=LEAVE_COUNTS_AS_WORKED[kind],
        )


def delete_staff_record(store: Store, *, table: str, record_id: int) -> None:
    """Remove a mistyped sub-record; the UI asks first, the audit log keeps the old values.

    A rating a decision in force or a dossier sent up rests on is refused (:func:`refuse_locked_rating`)."""
    with store.transaction(operation=f"staff.delete_{table}"):
        if table == "ratings":
            row = store.query_one("SELECT staff_id, year FROM ratings WHERE id = ?", (record_id,))
            if row is not None:
                refuse_locked_rating(store, year=int(row["year"]), staff_id=int(row["staff_id"]), action="remove")
        staff_repo.delete_record(store, table, record_id)


def list_staff(store: Store, *, search: str = "", include_left: bool = False) -> list[dict[str, Any]]:
    return staff_repo.list_staff(store, search=search, include_left=include_left)
