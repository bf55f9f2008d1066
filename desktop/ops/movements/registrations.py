"""Registrations (bản đăng ký thi đua): who aims for which title in a movement."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.text import NOTES_MAX_LENGTH
from desktop.i18n import _
from desktop.ops.common import iso_date
from desktop.ops.movements.common import clean_line, open_movement_row, pack_item
from desktop.store import Store, ValidationError, movements_repo
from desktop.store.rules_repo import effective_pack


def register(
    store: Store,
    *,
    movement_id: int,
    code: str,
    staff_id: int | None = None,
    department_id: int | None = None,
    registered_on: date | str | None = None,
    notes: str = "",
) -> int:
    """A person's or a collective's registration (bản đăng ký thi đua) for the title it aims for."""
    item = pack_item(store, code)
    if (staff_id is None) == (department_id is None):
        raise ValidationError(_("Chọn một cán bộ hoặc một tập thể đăng ký."), field="staff_id")
    target_kind = "individual" if staff_id is not None else "collective"
    if target_kind not in item.targets:
        raise ValidationError(_("“{name}” không xét cho đối tượng này.").format(name=item.name), field="code")
    day = iso_date(registered_on, "registered_on") or date.today().isoformat()
    notes = clean_line(notes, "notes", _("Ghi chú"), NOTES_MAX_LENGTH)
    with store.transaction(operation="movement.register"):  # one registration each: checked under the write lock
        movement = open_movement_row(store, movement_id)
        if staff_id is not None and not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
            raise ValidationError(_("Không tìm thấy cán bộ số {id}.").format(id=staff_id), field="staff_id")
        if department_id is not None and not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
            raise ValidationError(_("Không tìm thấy tập thể số {id}.").format(id=department_id), field="department_id")
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
        open_movement_row(store, row["movement_id"])
        store.execute("DELETE FROM registrations WHERE id = ?", (registration_id,))


def list_registrations(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    pack = effective_pack(store)
    rows = movements_repo.registrations(store, movement_id)
    for row in rows:
        row["name"] = row["staff_name"] if row["target_kind"] == "individual" else row["department_name"]
        row["department"] = row["staff_department"] if row["target_kind"] == "individual" else ""
        row["code_name"] = pack.item(row["code"]).name if pack.has(row["code"]) else row["code"]
    return rows
