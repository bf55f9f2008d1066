"""Blocks and clusters (khối/cụm thi đua) and the covenants (giao ước thi đua) they sign for a movement."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop.domain.text import NAME_MAX_LENGTH, NOTES_MAX_LENGTH, TEXT_MAX_LENGTH
from desktop.i18n import _
from desktop.ops.common import iso_date
from desktop.ops.movements.common import BLOCK_KINDS, clean_line, open_movement_row
from desktop.ops.movements.registrations import check_in_period
from desktop.store import NotFoundError, Store, ValidationError, movements_repo


def create_block(
    store: Store,
    *,
    name: str,
    kind: str = "internal",
    department_ids: Sequence[int] = (),
    external_names: Sequence[str] = (),
    notes: str = "",
) -> int:
    """A khối/cụm thi đua: departments of this unit and/or named external units."""
    name = clean_line(name, "name", _("Tên khối/cụm"), NAME_MAX_LENGTH)
    if not name:
        raise ValidationError(_("Chưa nhập tên khối/cụm thi đua."), field="name")
    notes = clean_line(notes, "notes", _("Ghi chú"), NOTES_MAX_LENGTH)
    if kind not in BLOCK_KINDS:
        raise ValidationError(_("Loại khối “{value}” không hợp lệ.").format(value=kind), field="kind")
    externals = [n for n in (clean_line(x, "members", _("Đơn vị ngoài"), NAME_MAX_LENGTH) for x in external_names) if n]
    if not department_ids and not externals:
        raise ValidationError(_("Khối/cụm thi đua phải có ít nhất một thành viên."), field="members")
    with store.transaction(operation="movement.create_block"):  # checked under the write lock: one block a name
        if store.scalar("SELECT 1 FROM blocks WHERE name = ?", (name,)):
            raise ValidationError(_("Đã có khối/cụm thi đua tên “{name}”.").format(name=name), field="name")
        for department_id in department_ids:
            if not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
                raise ValidationError(_("Không tìm thấy tập thể số {id}.").format(id=department_id), field="members")
        block_id = store.add("blocks", {"name": name, "kind": kind, "notes": notes})
        position = 0
        for department_id in department_ids:
            store.add("block_members", {"block_id": block_id, "position": position, "department_id": department_id})
            position += 1
        for external in externals:
            store.add("block_members", {"block_id": block_id, "position": position, "external_name": external})
            position += 1
    return block_id


def list_blocks(store: Store) -> list[dict[str, Any]]:
    return movements_repo.blocks(store)


def block_members(store: Store, *, block_id: int) -> list[dict[str, Any]]:
    return movements_repo.block_members(store, block_id)


def sign_covenant(
    store: Store,
    *,
    movement_id: int,
    block_id: int,
    signed_on: date | str,
    signatories: Sequence[dict[str, str]],
    place: str = "",
    content: str = "",
) -> int:
    """Record the covenant (giao ước thi đua) of a block for the movement: date and who signed for each member."""
    day = iso_date(signed_on, "signed_on")
    if not day:
        raise ValidationError(_("Chưa nhập ngày ký giao ước."), field="signed_on")
    clean = []
    for number, person in enumerate(signatories, start=1):
        signer = _("Người ký thứ {number}").format(number=number)
        full_name = clean_line(person.get("name", ""), "signatories", signer, NAME_MAX_LENGTH)
        if not full_name:
            raise ValidationError(
                _("Người ký thứ {number}: chưa nhập họ và tên.").format(number=number), field="signatories"
            )
        clean.append(
            {
                "name": full_name,
                "title": clean_line(person.get("title", ""), "signatories", signer, TEXT_MAX_LENGTH),
                "member": clean_line(person.get("member", ""), "signatories", signer, NAME_MAX_LENGTH),
            }
        )
    if not clean:
        raise ValidationError(_("Giao ước phải có ít nhất một người ký."), field="signatories")
    values = {
        "signed_on": day,
        "place": clean_line(place, "place", _("Địa điểm"), TEXT_MAX_LENGTH),
        "signatories": json.dumps(clean, ensure_ascii=False),
        "content": clean_line(content, "content", _("Nội dung giao ước"), NOTES_MAX_LENGTH),
    }
    with store.transaction(operation="movement.sign_covenant"):  # one covenant a block: checked under the lock
        movement = open_movement_row(store, movement_id)
        check_in_period(movement, day, field="signed_on", what=_("Ngày ký giao ước"))
        if not store.scalar("SELECT 1 FROM blocks WHERE id = ?", (block_id,)):
            raise NotFoundError(_("Không tìm thấy khối/cụm thi đua số {id}.").format(id=block_id))
        existing = store.scalar(
            "SELECT id FROM covenants WHERE movement_id = ? AND block_id = ?", (movement_id, block_id)
        )
        if existing:
            store.touch("covenants", int(existing), values)
            return int(existing)
        return store.add("covenants", {"movement_id": movement_id, "block_id": block_id, **values})
