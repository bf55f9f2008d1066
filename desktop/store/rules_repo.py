"""The rule pack in force for this database: the national pack with the unit's stored overrides layered on top.

Overrides are rows of ``rule_overrides`` (a province's pack received in a package, or the clerk's own base-salary
table); they are never deleted, only switched off. Reading the pack in force is a store-level read, so the package
importer (:mod:`desktop.exchange.importer`) and every operation of :mod:`desktop.ops` share it;
:mod:`desktop.ops.rules` re-exports it for callers.

Layering order: the active overrides by id (a province's packs in the order they were received), then the unit's own
base-salary table (:data:`BASE_SALARY_OVERRIDE_NAME`, source ``local``) last, whatever its id. That table is the one
the clerk sees and edits under Settings → base salary, and it holds base-salary rows only, each replacing the row of
the same date beneath it. A clerk who types 2.340.000 from 01/07/2026 and saves expects the money to follow what the
window shows; layering by id let a province pack received after the table was first saved silently overrule every
later correction (the save said "tiền thưởng sẽ tính theo bảng mới" while the province's 2.530.000 stayed in force).
The base salary is the Government's (a decree); a province pack only relays it, and the unit answers for what it
pays, so its own row for a date wins; every other row (a date the unit has no row for) still comes from the
province or the national pack. Which rows the unit's table replaces is shown with the table
(:func:`desktop.ops.rules.base_salary_table`, ``replaces``) and said when it is saved.
"""

from __future__ import annotations

import math
import weakref
from typing import Any

from desktop.domain.rules import DEFAULT_UNIT_KIND, RulePack, RulePackError, load_default_pack
from desktop.domain.rules.layers import Superseded, superseded_keys
from desktop.i18n import N_, _
from desktop.store.db import Store, now_iso

# The one local override that holds the clerk's edits of the base-salary table (stored untranslated).
BASE_SALARY_OVERRIDE_NAME = N_("Mức lương cơ sở (sửa tại đơn vị)")
OVERRIDE_SOURCES = ("local", "province")

# store → (the active overrides as layered, pack built from them)
_pack_cache: weakref.WeakKeyDictionary[Store, tuple[tuple[Any, ...], RulePack]] = weakref.WeakKeyDictionary()
_ACTIVE_SQL = "SELECT id, name, source, toml FROM rule_overrides WHERE active = 1 ORDER BY id"


def is_units_salary_table(name: str, source: str) -> bool:
    """The clerk's own base-salary table (layered last, see the module's docstring)."""
    return source == "local" and name == BASE_SALARY_OVERRIDE_NAME


def _layer_key(row_id: int | None, name: str, source: str) -> tuple[bool, float]:
    # An override not saved yet (row_id None) will get the highest id: last of its group.
    return (is_units_salary_table(name, source), math.inf if row_id is None else row_id)


def _active_rows(store: Store) -> list[tuple[int, str, str, str]]:
    """(id, name, source, toml) of every active override, in layering order."""
    rows = [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in store.conn.execute(_ACTIVE_SQL).fetchall()]
    return sorted(rows, key=lambda row: _layer_key(row[0], row[1], row[2]))


def effective_pack(store: Store) -> RulePack:
    """The national pack with every active override of this database layered on top (order: module docstring).

    Cached per store and rebuilt only when the active overrides change. The cache key is the layered input itself
    (ids, names, sources and texts of the active rows), read with one small query per call: any write that changes
    the pack changes it, whichever connection made it and however fast (an aggregate of times to the second, counts
    and text lengths missed a second same-length save by another window within the same second).
    """
    rows = _active_rows(store)
    fingerprint = tuple(rows)
    cached = _pack_cache.get(store)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    texts = [(name, text) for _id, name, _source, text in rows]
    try:
        pack = load_default_pack(texts=texts, stored=True)
    except RulePackError as exc:
        if not texts:
            raise
        # A stored override this version no longer accepts (tighter checks than the one that saved it) would stop
        # every screen that uses the law: say where to switch it off (the rules page still lists it).
        raise RulePackError(
            [
                *exc.problems,
                _(
                    "Một quy định riêng đang bật không dùng được nữa. Vào Cài đặt → Quy định thi đua, khen thưởng → "
                    "thẻ Quy định của tỉnh, chọn quy định có tên ở trên và bấm Ngừng áp dụng (hoặc nhập lại bản "
                    "đã sửa)."
                ),
            ]
        ) from None
    _pack_cache[store] = (fingerprint, pack)
    return pack


def pack_under_units_salary_table(store: Store) -> RulePack:
    """The pack in force without the unit's own base-salary table: the rows that table replaces, date by date."""
    rows = [row for row in _active_rows(store) if not is_units_salary_table(row[1], row[2])]
    return load_default_pack(texts=[(name, text) for _id, name, _source, text in rows], stored=True)


def superseded_overrides(store: Store) -> dict[int, list[Superseded]]:
    """For each active override (by id), the keys a later active override sets aside (layering order above); an
    override whose values all hold is absent. A stack that no longer layers gives {} (``effective_pack`` says why)."""
    rows = _active_rows(store)
    try:
        found = superseded_keys([(name, text) for _id, name, _source, text in rows])
    except RulePackError:
        return {}
    return {row[0]: hits for row, hits in zip(rows, found, strict=True) if hits}


def forget_pack(store: Store) -> None:
    """Drop the cached pack after a change to ``rule_overrides``."""
    _pack_cache.pop(store, None)


def unit_kind(store: Store) -> str:
    """The kind of the unit (desktop.domain.codes.UNIT_KINDS): who may confer what depends on it."""
    return str(store.scalar("SELECT unit_kind FROM unit ORDER BY id LIMIT 1") or "") or DEFAULT_UNIT_KIND


def layered_pack(store: Store, name: str, text: str, override_id: int | None, *, source: str) -> RulePack:
    """Layer ``text`` where it will sit among the active overrides (its own id's place, or last of its group when
    new; the unit's base-salary table last of all).

    Raises RulePackError when the stack does not layer cleanly; nothing is saved.
    """
    rows: list[tuple[int | None, str, str, str]] = [row for row in _active_rows(store) if row[0] != override_id]
    rows.append((override_id, name, source, text))
    rows.sort(key=lambda row: _layer_key(row[0], row[1], row[2]))
    return load_default_pack(texts=[(row_name, row_text) for _id, row_name, _source, row_text in rows])


def get_override(store: Store, override_id: int) -> dict[str, Any]:
    return store.get(
        "rule_overrides", override_id, _("Không tìm thấy bộ quy tắc riêng số {id}.").format(id=override_id)
    )


def save_override(
    store: Store,
    *,
    name: str,
    toml_text: str,
    source: str = "local",
    override_id: int | None = None,
) -> int:
    """Add an override pack (or replace the text of ``override_id``) after checking it layers cleanly.

    The check runs inside the write transaction, so it sees every override another process saved before. One
    transaction named ``rules.save_override`` (joining the caller's, when a package import saves a province's
    pack). Invalid packs raise RulePackError and nothing is saved.
    """
    clean_name = " ".join(name.split())
    if not clean_name:
        raise RulePackError([_("Chưa nhập tên bộ quy tắc riêng.")])
    toml_text = toml_text.removeprefix("\ufeff")  # Notepad's UTF-8 mark: kept, it would hide the pack's [pack] table
    if source not in OVERRIDE_SOURCES:
        raise RulePackError(
            [
                _("Nguồn bộ quy tắc “{source}” không hợp lệ; chỉ dùng: {choices}.").format(
                    source=source, choices=", ".join(OVERRIDE_SOURCES)
                )
            ]
        )
    stamp = now_iso()
    with store.transaction(operation="rules.save_override"):
        # Checked under the write lock, against the overrides in force now: another window or a package import may
        # have saved or switched on an override since this one was read, and two that each layer alone may not
        # layer together.
        existing = get_override(store, override_id) if override_id is not None else None
        if existing is not None and existing["source"] == "province":
            # the province's decision as received keeps its name, its citations and its source: never edited here
            refusal = _(
                "Quy định “{name}” do tỉnh gửi về nên không sửa được; hãy soạn quy định mới của đơn vị với căn cứ "
                "của đơn vị."
            )
            raise RulePackError([refusal.format(name=existing["name"])])
        layered_pack(store, clean_name, toml_text, override_id, source=source)
        if override_id is None:
            override_id = store.add(
                "rule_overrides", {"name": clean_name, "source": source, "toml": toml_text, "active": 1}
            )
        else:
            store.update(
                "rule_overrides",
                override_id,
                {"name": clean_name, "source": source, "toml": toml_text, "updated_at": stamp},
            )
    forget_pack(store)
    return override_id


__all__ = [
    "BASE_SALARY_OVERRIDE_NAME",
    "OVERRIDE_SOURCES",
    "effective_pack",
    "forget_pack",
    "get_override",
    "is_units_salary_table",
    "layered_pack",
    "pack_under_units_salary_table",
    "save_override",
    "superseded_overrides",
    "unit_kind",
]
