"""Registrations (bản đăng ký thi đua): who aims for which title in a movement."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.dates import format_date
from desktop.domain.movement_period import first_day
from desktop.domain.text import NOTES_MAX_LENGTH
from desktop.i18n import _
from desktop.ops.common import iso_date
from desktop.ops.movements.common import (
    clean_line,
    launched_movement_row,
    movement_bounds,
    pack_item,
    refuse_department_gone,
    unreviewed_movement_row,
)
from desktop.store import Store, ValidationError, movements_repo
from desktop.store.department_kinds import collective_kind_problem
from desktop.store.rules_repo import effective_pack


def check_in_period(movement: dict[str, Any], day: str, *, field: str, what: str, today: date | None = None) -> None:
    """``day`` (YYYY-MM-DD), the date of something done for ``movement`` (``what``: its name on screen, e.g. "Ngày
    đăng ký"), falls within the movement (``movement_bounds``): not before its launch or its start, whichever came
    first, and not after its end; a movement with only a year is that year, and a regular (yearly) movement with no
    end date ends on 31 December of its year. A movement without any does not bound it. With ``today``, a day after
    it is refused too: a registration or a covenant is recorded once it was made."""
    first, last = movement_bounds(movement)
    when = date.fromisoformat(day[:10])
    dated = first_day(movement) is not None or bool(movement.get("end_date"))
    yearly = movement.get("kind") == "regular" and not movement.get("end_date") and when > (last or when)
    if (not dated and first and last and not first <= when <= last) or yearly:  # only a year, or a yearly one
        raise ValidationError(
            _("{what} {day} không thuộc năm {year} của phong trào “{name}”.").format(
                what=what, day=format_date(day), year=movement["year"], name=movement["name"]
            ),
            field=field,
        )
    if first and when < first:
        raise ValidationError(
            _("{what} {day} trước ngày phát động, bắt đầu phong trào “{name}” ({first}).").format(
                what=what, day=format_date(day), name=movement["name"], first=format_date(first)
            ),
            field=field,
        )
    if last and when > last:
        raise ValidationError(
            _("{what} {day} sau ngày kết thúc phong trào “{name}” ({end}).").format(
                what=what, day=format_date(day), name=movement["name"], end=format_date(last)
            ),
            field=field,
        )
    if today is not None and when > today:
        raise ValidationError(
            _(
                "{what} {day} chưa tới (hôm nay là {today}): chỉ ghi việc đã làm; hãy kiểm tra lại ngày, tháng, năm."
            ).format(what=what, day=format_date(day), today=format_date(today)),
            field=field,
        )


def register(
    store: Store,
    *,
    movement_id: int,
    code: str,
    staff_id: int | None = None,
    department_id: int | None = None,
    registered_on: date | str | None = None,
    notes: str = "",
    today: date | None = None,
) -> int:
    """A person's or a collective's registration (bản đăng ký thi đua) for the title it aims for: a title (danh hiệu
    thi đua), never an award form (Giấy khen, Bằng khen), which is given, not registered for; a person registers on
    or after the day they began work. Only in a launched movement, on a day of it not after ``today`` (the
    computer's date unless given; the default date of the registration)."""
    item = pack_item(store, code)
    if item.kind != "title":
        raise ValidationError(
            _(
                "“{name}” ({code}) là hình thức khen thưởng, không phải danh hiệu thi đua: bản đăng ký thi đua chỉ "
                "ghi danh hiệu phấn đấu đạt (ví dụ LDTT, CSTDCS, TTLDTT)."
            ).format(name=item.name, code=item.code),
            field="code",
        )
    if (staff_id is None) == (department_id is None):
        raise ValidationError(_("Chọn một cán bộ hoặc một tập thể đăng ký."), field="staff_id")
    target_kind = "individual" if staff_id is not None else "collective"
    if target_kind not in item.targets:
        raise ValidationError(_("“{name}” không xét cho đối tượng này.").format(name=item.name), field="code")
    today = today or date.today()
    day = iso_date(registered_on, "registered_on") or today.isoformat()
    notes = clean_line(notes, "notes", _("Ghi chú"), NOTES_MAX_LENGTH)
    with store.transaction(operation="movement.register"):  # one registration each: checked under the write lock
        movement = launched_movement_row(store, movement_id, _("đăng ký thi đua"))
        if staff_id is not None:
            person = store.query_one("SELECT full_name, start_date, end_date FROM staff WHERE id = ?", (staff_id,))
            if person is None:
                raise ValidationError(_("Không tìm thấy cán bộ số {id}.").format(id=staff_id), field="staff_id")
            if person["start_date"] and person["start_date"] > day:
                raise ValidationError(
                    _(
                        "Cán bộ {name} bắt đầu công tác từ ngày {start}, sau ngày đăng ký {day}; chưa vào làm thì "
                        "không đăng ký thi đua được (hãy kiểm tra ngày đăng ký hoặc ngày bắt đầu công tác)."
                    ).format(name=person["full_name"], start=format_date(person["start_date"]), day=format_date(day)),
                    field="registered_on",
                )
            if person["end_date"] and person["end_date"] < day:
                raise ValidationError(
                    _(
                        "Cán bộ {name} đã thôi công tác từ ngày {left}, trước ngày đăng ký {day}; "
                        "không đăng ký thi đua được."
                    ).format(name=person["full_name"], left=format_date(person["end_date"]), day=format_date(day)),
                    field="staff_id",
                )
        if department_id is not None:
            if not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
                raise ValidationError(
                    _("Không tìm thấy tập thể số {id}.").format(id=department_id), field="department_id"
                )
            refuse_department_gone(
                store,
                department_id,
                day,
                when=_("ngày đăng ký"),
                refused=_("không đăng ký thi đua được"),
                field="department_id",
            )
        check_in_period(movement, day, field="registered_on", what=_("Ngày đăng ký"), today=today)
        if department_id is not None and (
            wrong_kind := collective_kind_problem(store, item.code, department_id, date.fromisoformat(day))
        ):  # Thôn văn hóa is a village's title, never an office's: refused here as when nominating
            raise ValidationError(wrong_kind, field="code")
        duplicate = store.scalar(
            "SELECT 1 FROM registrations WHERE movement_id = ? AND coalesce(staff_id, 0) = ? "
            "AND coalesce(department_id, 0) = ?",
            (movement_id, staff_id or 0, department_id or 0),
        )
        if duplicate:
            raise ValidationError(_("Đã có bản đăng ký này trong phong trào “{name}”.").format(name=movement["name"]))
        return store.add(
            "registrations",
            {
                "movement_id": movement_id,
                "target_kind": target_kind,
                "staff_id": staff_id,
                "department_id": department_id,
                "code": item.code,
                "registered_on": day,
                "notes": notes,
            },
        )


def unregister(store: Store, *, registration_id: int) -> None:
    with store.transaction(operation="movement.unregister"):
        row = store.get(
            "registrations", registration_id, _("Không tìm thấy bản đăng ký số {id}.").format(id=registration_id)
        )
        unreviewed_movement_row(store, row["movement_id"])
        store.execute("DELETE FROM registrations WHERE id = ?", (registration_id,))


def list_registrations(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    pack = effective_pack(store)
    rows = movements_repo.registrations(store, movement_id)
    for row in rows:
        row["name"] = row["staff_name"] if row["target_kind"] == "individual" else row["department_name"]
        row["department"] = row["staff_department"] if row["target_kind"] == "individual" else ""
        row["code_name"] = pack.item(row["code"]).name if pack.has(row["code"]) else row["code"]
    return rows
