"""Exemplary models (điển hình tiên tiến): people, collectives and models held up by a movement.

A model's year, when given, is from :data:`FIRST_YEAR` to this year (one held up for a year not begun would wait in
the reports of that year); the person or collective it names must be on record (refused naming the field, never
with the database's own English).
"""

from __future__ import annotations

from typing import Any

from desktop.domain.text import NAME_MAX_LENGTH, NOTES_MAX_LENGTH, fold, search_tokens
from desktop.i18n import _, label
from desktop.ops.common import check_record_year
from desktop.ops.movements.common import MODEL_KINDS, clean_line, get_movement_row
from desktop.store import Store, ValidationError, movements_repo

FIRST_YEAR = 1990  # as the collectives' ratings and the staff's


def _model_values(
    store: Store,
    *,
    kind: str,
    name: str,
    achievement: str,
    staff_id: int | None,
    department_id: int | None,
    movement_id: int | None,
    year: int | None,
    tags: str,
) -> dict[str, Any]:
    if kind not in MODEL_KINDS:
        raise ValidationError(_("Loại điển hình “{value}” không hợp lệ.").format(value=kind), field="kind")
    name = clean_line(name, "name", _("Tên điển hình"), NAME_MAX_LENGTH)
    if year is not None:
        year = check_record_year(year, first=FIRST_YEAR)
    if staff_id is not None:
        person = store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,))
        if person is None:
            raise ValidationError(_("Không tìm thấy cán bộ số {id}.").format(id=staff_id), field="staff_id")
        name = name or str(person)
    if department_id is not None:
        department = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,))
        if department is None:
            raise ValidationError(_("Không tìm thấy tập thể số {id}.").format(id=department_id), field="department_id")
        name = name or str(department)
    if not name:
        raise ValidationError(_("Chưa nhập tên điển hình tiên tiến."), field="name")
    if movement_id is not None:
        get_movement_row(store, movement_id)
    text = clean_line(achievement, "achievement", _("Thành tích"), NOTES_MAX_LENGTH)
    tag_text = ", ".join(t for t in (x.strip() for x in clean_line(tags, "tags", _("Từ khóa")).split(",")) if t)
    return {
        "kind": kind,
        "name": name,
        "staff_id": staff_id,
        "department_id": department_id,
        "achievement": text,
        "movement_id": movement_id,
        "year": year,
        "tags": tag_text,
        "search_key": fold(" ".join([name, text, tag_text])),
    }


def add_model(
    store: Store,
    *,
    name: str = "",
    kind: str = "person",
    achievement: str = "",
    staff_id: int | None = None,
    department_id: int | None = None,
    movement_id: int | None = None,
    year: int | None = None,
    tags: str = "",
) -> int:
    with store.transaction(operation="movement.add_model"):
        values = _model_values(
            store,
            kind=kind,
            name=name,
            achievement=achievement,
            staff_id=staff_id,
            department_id=department_id,
            movement_id=movement_id,
            year=year,
            tags=tags,
        )
        return store.add("exemplary_models", values)


def update_model(store: Store, *, model_id: int, **changes: Any) -> None:
    keys = ("kind", "name", "achievement", "staff_id", "department_id", "movement_id", "year", "tags")
    with store.transaction(operation="movement.update_model"):  # the row read and changed under one lock
        row = store.get("exemplary_models", model_id, _("Không tìm thấy điển hình số {id}.").format(id=model_id))
        merged = {k: row[k] for k in keys} | {k: v for k, v in changes.items() if k in keys}
        values = _model_values(store, **merged)
        store.touch("exemplary_models", model_id, values)


def delete_model(store: Store, *, model_id: int) -> None:
    with store.transaction(operation="movement.delete_model"):
        store.execute("DELETE FROM exemplary_models WHERE id = ?", (model_id,))


def search_models(
    store: Store,
    *,
    query: str = "",
    movement_id: int | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Exemplary models whose name, deeds or tags contain every word of ``query``, accents ignored."""
    tokens = search_tokens(query)
    out = []
    for row in movements_repo.exemplary_models(store):
        if movement_id is not None and row["movement_id"] != movement_id:
            continue
        if year is not None and row["year"] != year:
            continue
        if kind and row["kind"] != kind:
            continue
        if tokens and not all(t in row["search_key"] for t in tokens):
            continue
        row["kind_label"] = label(MODEL_KINDS, row["kind"])
        out.append(row)
    return out
