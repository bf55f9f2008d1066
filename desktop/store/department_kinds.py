"""Which kinds of collective a title is for, asked of one department: a Thôn, tổ dân phố văn hóa is a thôn's or a tổ
dân phố's (NĐ 86/2023/NĐ-CP), never an office's.

Here in the store layer because every path that gives a collective a title asks it: nominating and issuing
(:mod:`desktop.ops.review.collective_kinds`), the dossier sent up, the history import, and a province decision
received in a package (:mod:`desktop.exchange.importer`, which may not import ``ops``).
"""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import DEPARTMENT_KINDS
from desktop.domain.rules import RulePack
from desktop.i18n import _
from desktop.store.db import Store
from desktop.store.rules_repo import effective_pack


def _kind_label(kind: str) -> str:
    label = DEPARTMENT_KINDS.get(kind)
    return _(label) if label else kind


def collective_kind_problem(
    store: Store, code: str, department_id: int | None, on: date, *, pack: RulePack | None = None
) -> str:
    """Why the collective ``department_id`` cannot receive ``code`` on ``on`` (its kind is not one the rule pack in
    force allows for that title), in Vietnamese; "" when it may (or the title limits no kind)."""
    pack = pack if pack is not None else effective_pack(store)
    if department_id is None or not pack.has(code):
        return ""
    allowed = pack.collective_kinds(code, on)
    if allowed is None:
        return ""
    row = store.query_one("SELECT name, kind FROM departments WHERE id = ?", (department_id,))
    if row is None:
        return ""
    kind = str(row["kind"] or "")
    if kind in allowed.value:
        return ""
    return _(
        "“{name}” là tập thể loại “{kind}”; danh hiệu “{title}” chỉ xét cho tập thể loại {allowed} ({law}). "
        "Nếu loại của tập thể ghi sai, hãy sửa ở trang Đơn vị trước."
    ).format(
        name=row["name"],
        kind=_kind_label(kind),
        title=pack.item(code).name,
        allowed=", ".join(f"“{_kind_label(str(k))}”" for k in allowed.value),
        law=allowed.citation(),
    )


__all__ = ["collective_kind_problem"]
