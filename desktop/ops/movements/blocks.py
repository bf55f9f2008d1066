"""Blocks and clusters (khối/cụm thi đua) and the covenants (giao ước thi đua) they sign for a movement.

A block's name is unique by its key (:func:`desktop.domain.text.name_key`: "Cụm thi đua Thủy Hòa" and "cụm thi đua
Thuỷ Hoà" are one block), and so is an external member's within a block. :func:`sign_block_covenant` is what the
clerk does in one step (find or create the block, add the members it lacks, sign), in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop.documents.achievement_report import unit_header
from desktop.domain.text import NAME_MAX_LENGTH, NOTES_MAX_LENGTH, TEXT_MAX_LENGTH, name_key
from desktop.i18n import _
from desktop.ops.common import iso_date
from desktop.ops.movements.common import BLOCK_KINDS, clean_line, launched_movement_row, refuse_department_gone
from desktop.ops.movements.registrations import check_in_period
from desktop.store import NotFoundError, Store, ValidationError, movements_repo


def _block_name(name: str) -> str:
    name = clean_line(name, "name", _("Tên khối/cụm"), NAME_MAX_LENGTH)
    if not name:
        raise ValidationError(_("Chưa nhập tên khối/cụm thi đua."), field="name")
    return name


def _external_names(external_names: Sequence[str]) -> list[str]:
    """The external members as typed, cleaned, each once by its name's key (the first spelling kept)."""
    kept: dict[str, str] = {}
    for typed in external_names:
        external = clean_line(typed, "members", _("Đơn vị ngoài"), NAME_MAX_LENGTH)
        if external:
            kept.setdefault(name_key(external), external)
    return list(kept.values())


def find_block(store: Store, name: str, *, movement_id: int | None = None) -> dict[str, Any] | None:
    """The block whose name is ``name`` by its key (case, spaces, tone placement do not count), or None. Where
    older data holds several such blocks, the one that signed ``movement_id``'s covenant, else the first made."""
    key = name_key(name)
    found = [
        row for row in store.query("SELECT id, name, kind FROM blocks ORDER BY id") if name_key(row["name"]) == key
    ]
    if movement_id is not None and len(found) > 1:
        signed = {
            int(row["block_id"])
            for row in store.query("SELECT block_id FROM covenants WHERE movement_id = ?", (movement_id,))
        }
        found.sort(key=lambda row: int(row["id"]) not in signed)
    return found[0] if found else None


def _check_departments(store: Store, department_ids: Sequence[int]) -> None:
    for department_id in department_ids:
        if not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
            raise ValidationError(_("Không tìm thấy tập thể số {id}.").format(id=department_id), field="members")


def _refuse_stopped(store: Store, department_id: int, on: str | None = None) -> None:
    """A dissolved or merged department joins no block: it would sign a covenant and be scored (as in registering).
    With ``on`` (the covenant's day, ISO), one that existed that day joins though stopped since: a back-dated
    covenant is checked on its own day."""
    if on is not None:
        refuse_department_gone(
            store,
            department_id,
            on,
            when=_("ngày ký giao ước"),
            refused=_("không đưa vào khối/cụm thi đua được"),
            field="members",
        )
        return
    department = store.query_one("SELECT name, active FROM departments WHERE id = ?", (department_id,))
    if department is not None and not department["active"]:
        raise ValidationError(
            _("Tập thể “{name}” đã ngừng hoạt động; không đưa vào khối/cụm thi đua được.").format(
                name=department["name"]
            ),
            field="members",
        )


def _add_members(
    store: Store, block_id: int, department_ids: Sequence[int], externals: Sequence[str], on: str | None = None
) -> int:
    """Add to the block the departments and external units it does not list yet (each in use, or existing ``on``
    the covenant's day: :func:`_refuse_stopped`); how many were added."""
    members = movements_repo.block_members(store, block_id)
    listed_departments = {int(m["department_id"]) for m in members if m["department_id"] is not None}
    listed_externals = {name_key(m["external_name"]) for m in members if m["department_id"] is None}
    position = max((int(m["position"]) for m in members), default=-1) + 1
    added = 0
    for department_id in dict.fromkeys(int(d) for d in department_ids):
        if department_id not in listed_departments:
            _refuse_stopped(store, department_id, on)
            store.add("block_members", {"block_id": block_id, "position": position, "department_id": department_id})
            position, added = position + 1, added + 1
    for external in externals:
        if name_key(external) not in listed_externals:
            store.add("block_members", {"block_id": block_id, "position": position, "external_name": external})
            position, added = position + 1, added + 1
    return added


def create_block(
    store: Store,
    *,
    name: str,
    kind: str = "internal",
    department_ids: Sequence[int] = (),
    external_names: Sequence[str] = (),
    notes: str = "",
    members_on: str | None = None,
) -> int:
    """A khối/cụm thi đua: departments of this unit and/or named external units. A name that is an existing block's
    by its key is refused, naming that block. The departments are in use, or existed on ``members_on`` (ISO: the day
    of the covenant the block is made for)."""
    name = _block_name(name)
    notes = clean_line(notes, "notes", _("Ghi chú"), NOTES_MAX_LENGTH)
    if kind not in BLOCK_KINDS:
        raise ValidationError(_("Loại khối “{value}” không hợp lệ.").format(value=kind), field="kind")
    externals = _external_names(external_names)
    if not department_ids and not externals:
        raise ValidationError(_("Khối/cụm thi đua phải có ít nhất một thành viên."), field="members")
    with store.transaction(operation="movement.create_block"):  # checked under the write lock: one block a name
        existing = find_block(store, name)
        if existing is not None:
            raise ValidationError(
                _("Đã có khối/cụm thi đua tên “{name}” (số {id}); không tạo khối thứ hai cùng tên được.").format(
                    name=existing["name"], id=existing["id"]
                ),
                field="name",
            )
        _check_departments(store, department_ids)
        block_id = store.add("blocks", {"name": name, "kind": kind, "notes": notes})
        _add_members(store, block_id, department_ids, externals, members_on)
    return block_id


def list_blocks(store: Store) -> list[dict[str, Any]]:
    return movements_repo.blocks(store)


def block_members(store: Store, *, block_id: int) -> list[dict[str, Any]]:
    return movements_repo.block_members(store, block_id)


def _covenant_values(
    signed_on: date | str, signatories: Sequence[dict[str, str]], place: str, content: str
) -> dict[str, Any]:
    """The covenant's date and who signed for each member, as stored; refused when a signer has no name."""
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
    return {
        "signed_on": day,
        "place": clean_line(place, "place", _("Địa điểm"), TEXT_MAX_LENGTH),
        "signatories": json.dumps(clean, ensure_ascii=False),
        "content": clean_line(content, "content", _("Nội dung giao ước"), NOTES_MAX_LENGTH),
    }


def _record_covenant(store: Store, movement_id: int, block_id: int, values: dict[str, Any]) -> int:
    """The covenant of the block for the movement, written or rewritten (one a block), with the terms signed (the
    members, targets and criteria of this moment: a reprint shows them, whatever changes later); inside a
    transaction, after the members are added."""
    terms = movements_repo.covenant_terms(store, movement_id, block_id)
    movement = movements_repo.get_movement(store, movement_id)
    if movement is not None:  # the movement's name and period as signed: a rename later does not reprint it
        terms["movement"] = movements_repo.movement_as_signed(movement)
    unit = unit_header(store)  # the unit's name of the signing day, as a decision keeps it (a merged commune's)
    terms["header"] = {"parent_body": unit.parent_body, "name": unit.name, "place_name": unit.place_name}
    values = {**values, "terms": json.dumps(terms, ensure_ascii=False)}
    _refuse_members_gone(store, block_id, values["signed_on"])
    existing = store.scalar("SELECT id FROM covenants WHERE movement_id = ? AND block_id = ?", (movement_id, block_id))
    if existing:
        store.touch("covenants", int(existing), values)
        return int(existing)
    _refuse_department_scores(store, movement_id)
    return store.add("covenants", {"movement_id": movement_id, "block_id": block_id, **values})


def _refuse_members_gone(store: Store, block_id: int, day: str) -> None:
    """Every member department of the block existed on the covenant's ``day`` (ISO), not only those added with it:
    a block made earlier may list one stopped before the day, which would sign and be scored though gone."""
    block_name = store.scalar("SELECT name FROM blocks WHERE id = ?", (block_id,))
    for member in movements_repo.block_members(store, block_id):
        if member["department_id"] is not None:
            refuse_department_gone(
                store,
                int(member["department_id"]),
                day,
                when=_("ngày ký giao ước"),
                refused=_(
                    "là thành viên khối/cụm thi đua “{block}” nên khối không ký giao ước ngày đó được (hãy kiểm tra "
                    "ngày ký, hoặc lập khối khác không có tập thể này)"
                ).format(block=block_name),
                field="members",
            )


def _refuse_department_scores(store: Store, movement_id: int) -> None:
    """Points given to departments before any covenant stop counting once one is signed (the block members are
    scored from then on): refused, naming them, rather than a ranking, and a suy tôn, of zeros."""
    rows = store.query(
        "SELECT DISTINCT s.participant_key, d.name FROM scores s LEFT JOIN departments d "
        "ON 'd:' || d.id = s.participant_key WHERE s.movement_id = ? AND s.participant_key LIKE 'd:%' "
        "ORDER BY s.participant_key",
        (movement_id,),
    )
    if not rows:
        return
    names = ", ".join(str(r["name"] or r["participant_key"]) for r in rows)
    raise ValidationError(
        _(
            "Phong trào đã có điểm chấm cho {n} phòng, ban, tổ ({names}) khi chưa có giao ước. Ghi giao ước khối/cụm "
            "thì các thành viên khối được chấm thay, và số điểm đó không còn được tính. Hãy ghi giao ước trước khi "
            "chấm điểm; nếu vẫn ghi giao ước, trước hết xóa các điểm đã chấm (để trống ô điểm rồi lưu)."
        ).format(n=len(rows), names=names),
        field="signed_on",
    )


def sign_covenant(
    store: Store,
    *,
    movement_id: int,
    block_id: int,
    signed_on: date | str,
    signatories: Sequence[dict[str, str]],
    place: str = "",
    content: str = "",
    today: date | None = None,
) -> int:
    """Record the covenant (giao ước thi đua) of a block for the movement: date and who signed for each member;
    only in a launched movement, on a day of it not after ``today`` (the computer's date unless given)."""
    values = _covenant_values(signed_on, signatories, place, content)
    with store.transaction(operation="movement.sign_covenant"):  # one covenant a block: checked under the lock
        movement = launched_movement_row(store, movement_id, _("ký giao ước thi đua"))
        check_in_period(
            movement, values["signed_on"], field="signed_on", what=_("Ngày ký giao ước"), today=today or date.today()
        )
        if not store.scalar("SELECT 1 FROM blocks WHERE id = ?", (block_id,)):
            raise NotFoundError(_("Không tìm thấy khối/cụm thi đua số {id}.").format(id=block_id))
        return _record_covenant(store, movement_id, block_id, values)


def sign_block_covenant(
    store: Store,
    *,
    movement_id: int,
    block_name: str,
    signed_on: date | str,
    signatories: Sequence[dict[str, str]],
    department_ids: Sequence[int] = (),
    external_names: Sequence[str] = (),
    place: str = "",
    content: str = "",
    today: date | None = None,
) -> dict[str, Any]:
    """What the clerk does on the covenant tab and ``tdkt movement covenant``: the block named ``block_name`` (found
    by its name's key, else created with these members, a cluster when any is external), the members it lacks
    added, and its covenant for the movement signed, all in ONE transaction: a refused date or signer leaves no
    block and no member behind, and a retry adds the members typed again.

    A block that signed another movement's covenant gets no new member (that movement's participants would change
    under it): the clerk names a new block instead. Only in a launched movement, on a day of it not after ``today``
    (the computer's date unless given). Returns ``block_id``, ``covenant_id``, ``created`` (a new
    block) and ``added`` (how many members were added to an existing one).
    """
    name = _block_name(block_name)
    externals = _external_names(external_names)
    values = _covenant_values(signed_on, signatories, place, content)
    with store.transaction(operation="movement.sign_covenant"):  # found, completed and signed under the write lock
        movement = launched_movement_row(store, movement_id, _("ký giao ước thi đua"))
        check_in_period(
            movement, values["signed_on"], field="signed_on", what=_("Ngày ký giao ước"), today=today or date.today()
        )
        _check_departments(store, department_ids)
        block = find_block(store, name, movement_id=movement_id)
        added, created = 0, block is None
        if block is None:
            if not department_ids and not externals:
                raise ValidationError(
                    _("Chưa có khối/cụm thi đua “{name}”: hãy chọn các thành viên để lập khối.").format(name=name),
                    field="members",
                )
            block_id = create_block(
                store,
                name=name,
                kind="cluster" if externals else "internal",
                department_ids=department_ids,
                external_names=externals,
                members_on=values["signed_on"],
            )
        else:
            block_id = int(block["id"])
            added = _add_members(store, block_id, department_ids, externals, values["signed_on"])
            if added:  # the whole transaction is rolled back when refused
                _refuse_shared_block(store, movement, block)
                if externals and block["kind"] == "internal":
                    store.touch("blocks", block_id, {"kind": "cluster"})
        covenant_id = _record_covenant(store, movement_id, block_id, values)
    return {"block_id": block_id, "covenant_id": covenant_id, "created": created, "added": added}


def _refuse_shared_block(store: Store, movement: dict[str, Any], block: dict[str, Any]) -> None:
    other = store.query_one(
        "SELECT m.id, m.name FROM covenants c JOIN movements m ON m.id = c.movement_id "
        "WHERE c.block_id = ? AND c.movement_id != ? ORDER BY c.id LIMIT 1",
        (block["id"], movement["id"]),
    )
    if other is not None:
        raise ValidationError(
            _(
                "Khối/cụm thi đua “{block}” đã ký giao ước trong phong trào “{other}” (số {id}); thêm thành viên vào "
                "khối sẽ đổi danh sách chấm điểm của phong trào đó. Hãy đặt tên khối khác cho phong trào “{name}”."
            ).format(block=block["name"], other=other["name"], id=other["id"], name=movement["name"]),
            field="members",
        )
