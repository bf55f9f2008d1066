"""The unit itself and its departments and collectives (phòng ban, tập thể): read them, add, rename, stop using one.

Each change is one named transaction, as every operation. Names are compared the way the clerk reads them:
"HĐND" and "hđnd" are the same name (SQLite's NOCASE folds ASCII only). A rename is dated (schema v15): what is dated
before it — a decision entered later for an earlier day, an award from above of a past year — keeps the old name.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop.domain.codes import DEPARTMENT_KINDS
from desktop.domain.dates import format_date
from desktop.domain.text import NAME_MAX_LENGTH, nfc, plain_sort_key
from desktop.i18n import _
from desktop.ops.common import clean_text
from desktop.store import NotFoundError, Store, ValidationError, now_iso, unit_repo

# A rename decided in advance may be dated ahead, as a move of a person may (staff_repo): at most a year.
RENAME_AHEAD = timedelta(days=366)


def get_unit(store: Store) -> dict[str, Any]:
    """The unit's row ({} before the first-run set-up)."""
    return unit_repo.get_unit(store) or {}


def list_departments(store: Store, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    """Departments and collectives with their number of current staff, in Vietnamese order."""
    return unit_repo.list_departments(store, include_inactive=include_inactive)


def active_departments(store: Store) -> list[dict[str, Any]]:
    """``id``, ``name`` and ``kind`` of the departments in use, ordered by name (pickers)."""
    return store.query("SELECT id, name, kind FROM departments WHERE active = 1 ORDER BY name")


def department_names(store: Store) -> list[str]:
    """The names of the departments in use (the staff form's choices)."""
    return [row["name"] for row in store.query("SELECT name FROM departments WHERE active = 1")]


def all_departments(store: Store) -> list[dict[str, Any]]:
    """``id`` and ``name`` of every department, in use or not, in Vietnamese order (filters)."""
    rows = store.query("SELECT id, name FROM departments")
    return sorted(rows, key=lambda r: plain_sort_key(r["name"]))


def check_department_name(store: Store, name: str, *, except_id: int | None = None) -> str:
    """The name, cleaned; ValidationError (field ``name``) when empty or already used by another department."""
    name = clean_text(name, "name", _("Tên phòng ban, tập thể"), max_length=NAME_MAX_LENGTH)
    if not name:
        raise ValidationError(_("Chưa nhập tên phòng ban hoặc tập thể."), field="name")
    wanted = name.casefold()
    rows = store.query("SELECT id, name FROM departments")
    if any(nfc(r["name"]).casefold() == wanted and r["id"] != except_id for r in rows):
        raise ValidationError(_("Đã có phòng ban hoặc tập thể tên “{name}”.").format(name=name), field="name")
    return name


def check_department_kind(kind: str) -> str:
    """One of :data:`desktop.domain.codes.DEPARTMENT_KINDS`: what a title's ``collective_kinds`` is checked against
    (an office never holds Thôn, tổ dân phố văn hóa), so an unknown kind would be refused with its raw code."""
    if kind not in DEPARTMENT_KINDS:
        raise ValidationError(
            _("Loại phòng ban, tập thể “{value}” không hợp lệ; chỉ dùng: {kinds}.").format(
                value=kind, kinds=", ".join(f"{code} ({_(label)})" for code, label in DEPARTMENT_KINDS.items())
            ),
            field="kind",
        )
    return kind


def add_department(store: Store, *, name: str, kind: str) -> int:
    check_department_kind(kind)
    with store.transaction(operation="department.add"):  # the name is checked free under the write lock
        name = check_department_name(store, name)
        # loose=False: a department added by hand is new even when another differs only by accents ("Thôn Nà")
        new_id = unit_repo.get_or_create_department(store, name, kind=kind, loose=False)
    assert new_id is not None  # the name is not empty
    return new_id


def rename_department(
    store: Store,
    *,
    department_id: int,
    name: str,
    kind: str | None = None,
    valid_from: date | None = None,
    correction: bool = False,
    today: date | None = None,
) -> None:
    """A new name (and kind: None keeps it) for a department; staff and records stay linked to it.

    The new name holds from ``valid_from`` (today when not given) on; before that day the department keeps the name
    it had, for whatever is dated then: a decision entered afterwards names the collective as it was called on the
    decision's date, the register an award from above as it was called on the award's date. The day may not come
    before the present name's first day, nor more than a year after ``today`` (a rename decided in advance). A second
    rename on the same day replaces the first. ``correction``: the present name was misspelt; the new one replaces it
    over its whole period, no new period begins. Decisions already issued keep the names they were issued with."""
    if kind is not None:
        check_department_kind(kind)
    with store.transaction(operation="department.rename"):  # the name is checked free under the write lock
        current = store.query_one("SELECT name, kind FROM departments WHERE id = ?", (department_id,))
        if current is None:
            raise NotFoundError(_("Không tìm thấy phòng ban, tập thể mã {id}.").format(id=department_id))
        name = check_department_name(store, name, except_id=department_id)
        if name != current["name"]:
            day = _rename_day(store, department_id, valid_from, correction, today or date.today())
            unit_repo.rename_department(store, department_id, name, valid_from=day)
        if kind is not None and kind != current["kind"]:
            store.update("departments", department_id, {"kind": kind, "updated_at": now_iso()})


def _rename_day(store: Store, department_id: int, valid_from: date | None, correction: bool, today: date) -> str:
    """The first day of the new name (ISO), or the present name's first day for a correction."""
    names = unit_repo.department_names(store, department_id)
    start = str(names[-1]["valid_from"]) if names else unit_repo.SINCE_ALWAYS
    if correction:
        return start
    day = valid_from or today
    if start and day.isoformat() < start:
        raise ValidationError(
            _(
                "Tên “{name}” dùng từ ngày {start}: tên mới chỉ dùng được từ ngày đó trở đi, không từ ngày {date}. "
                "Nếu tên hiện tại chỉ bị viết sai, hãy chọn sửa tên viết sai thay vì đổi tên."
            ).format(name=names[-1]["name"], start=format_date(start), date=format_date(day)),
            field="valid_from",
        )
    if day > today + RENAME_AHEAD:
        raise ValidationError(
            _("Ngày dùng tên mới {date} quá xa trong tương lai (quá một năm kể từ hôm nay).").format(
                date=format_date(day)
            ),
            field="valid_from",
        )
    return day.isoformat()


def name_history(store: Store, *, department_id: int) -> list[dict[str, Any]]:
    """The names the department has borne, oldest first: ``name``, ``valid_from`` and ``valid_to`` (dates, None for
    "since it has existed" and "until now")."""
    rows = unit_repo.department_names(store, department_id)
    out = []
    for index, row in enumerate(rows):
        start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
        following = rows[index + 1]["valid_from"] if index + 1 < len(rows) else None
        end = date.fromisoformat(following) - timedelta(days=1) if following else None
        out.append({"name": row["name"], "valid_from": start, "valid_to": end})
    return out


def set_department_active(store: Store, *, department_id: int, active: bool, today: date | None = None) -> None:
    """Stop using a department (it stays in the records) or use it again.

    A collective still nominated in a review round of last year or later (proposed or passed, neither decided,
    sent up nor taken off the list) is not stopped: the clerk decides those nominations or takes them off first, so
    no stopped collective is decided and paid unseen (issuing refuses one too, see ``review.decisions``). A
    nomination already sent up does not hold it back: the dossier has no "sent" mark to tell one waiting to go from
    one the level above is deciding. Nor do the staff still in it: they keep their records and are moved when the
    clerk edits them. The day it stops (``today``) is kept: the years before it still count the collective."""
    operation = "department.activate" if active else "department.deactivate"
    with store.transaction(operation=operation):  # the nominations are read under the write lock
        today = today or date.today()
        if not active:
            _refuse_stop_while_nominated(store, department_id, today)
        unit_repo.set_department_active(store, department_id, active, on=today)


_PENDING_NOMINATIONS_SQL = """
SELECT r.name AS round_name, r.year, count(*) AS lines
FROM nominations n JOIN review_rounds r ON r.id = n.round_id
WHERE n.target_kind = 'collective' AND n.department_id = ? AND n.status IN ('proposed', 'passed') AND r.year >= ?
GROUP BY r.id ORDER BY r.year, r.id
"""


def _refuse_stop_while_nominated(store: Store, department_id: int, today: date) -> None:
    """Only the nominations still waiting in a round of last year or later hold it back: a ballot that failed is
    final, and a line left undecided in an old round (the demo has some from 2022) would make a collective
    impossible to stop for a reason nobody remembers; issuing still refuses a stopped collective's line."""
    rows = store.query(_PENDING_NOMINATIONS_SQL, (department_id, today.year - 1))
    if not rows:
        return
    name = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or ""
    rounds = "; ".join(
        _("“{round}” (năm {year}, {count} đề nghị)").format(round=r["round_name"], year=r["year"], count=r["lines"])
        for r in rows
    )
    raise ValidationError(
        _(
            "Không ngừng sử dụng được “{name}”: tập thể này còn đề nghị khen thưởng chưa có quyết định ở đợt "
            "{rounds}. Hãy ra quyết định, hoặc bỏ các đề nghị đó khỏi danh sách (ghi lý do) trước."
        ).format(name=name, rounds=rounds),
        field="active",
    )
