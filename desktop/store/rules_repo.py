"""The rule pack in force for this database: the national pack with the unit's stored overrides layered on top.

Overrides are rows of ``rule_overrides`` (a province's pack received in a package, or the clerk's own base-salary
table); they are never deleted, only switched off. Reading the pack in force is a store-level read, so the package
importer (:mod:`desktop.exchange.importer`) and every operation of :mod:`desktop.ops` share it;
:mod:`desktop.ops.rules` re-exports it for callers.
"""

from __future__ import annotations

import weakref
from typing import Any

from desktop.domain.rules import DEFAULT_UNIT_KIND, RulePack, RulePackError, load_default_pack
from desktop.i18n import N_, _
from desktop.store.db import Store, now_iso

# The one local override that holds the clerk's edits of the base-salary table (stored untranslated).
BASE_SALARY_OVERRIDE_NAME = N_("Mức lương cơ sở (sửa tại đơn vị)")
OVERRIDE_SOURCES = ("local", "province")

# store → (fingerprint of rule_overrides, pack built from it)
_pack_cache: weakref.WeakKeyDictionary[Store, tuple[tuple[Any, ...], RulePack]] = weakref.WeakKeyDictionary()
_FINGERPRINT_SQL = "SELECT max(updated_at), count(*), max(id), total(active), total(length(toml)) FROM rule_overrides"


def _active_texts(store: Store) -> list[tuple[int, str, str]]:
    rows = store.conn.execute("SELECT id, name, toml FROM rule_overrides WHERE active = 1 ORDER BY id").fetchall()
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def effective_pack(store: Store) -> RulePack:
    """The national pack with every active override of this database layered on top, in id order.

    Cached per store and rebuilt only when ``rule_overrides`` changes (one small query per call).
    """
    fingerprint = tuple(store.conn.execute(_FINGERPRINT_SQL).fetchone())
    cached = _pack_cache.get(store)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    texts = [(name, text) for _id, name, text in _active_texts(store)]
    try:
        pack = load_default_pack(texts=texts)
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


def forget_pack(store: Store) -> None:
    """Drop the cached pack after a change to ``rule_overrides``."""
    _pack_cache.pop(store, None)


def unit_kind(store: Store) -> str:
    """The kind of the unit (desktop.domain.codes.UNIT_KINDS): who may confer what depends on it."""
    return str(store.scalar("SELECT unit_kind FROM unit ORDER BY id LIMIT 1") or "") or DEFAULT_UNIT_KIND


def layered_pack(store: Store, name: str, text: str, override_id: int | None) -> RulePack:
    """Layer ``text`` where it will sit (its own id's place, or last when new) among the active overrides.

    Raises RulePackError when the stack does not layer cleanly; nothing is saved.
    """
    stack = [
        (row_id, row_name, row_text) for row_id, row_name, row_text in _active_texts(store) if row_id != override_id
    ]
    position = len(stack) if override_id is None else sum(1 for row_id, _n, _t in stack if row_id < override_id)
    stack.insert(position, (override_id or 0, name, text))
    return load_default_pack(texts=[(row_name, row_text) for _id, row_name, row_text in stack])


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
        if override_id is not None:
            get_override(store, override_id)
        layered_pack(store, clean_name, toml_text, override_id)
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
    "layered_pack",
    "save_override",
    "unit_kind",
]
