"""Which kinds of collective a collective title is for: Thôn, tổ dân phố văn hóa is a thôn's or a tổ dân phố's
(NĐ 86/2023/NĐ-CP), never an office's (phòng, ban, bộ phận).

The kinds are the rule pack's dated ``titles.<code>.params.collective_kinds`` (codes of
:data:`desktop.domain.codes.DEPARTMENT_KINDS`), read on the date of the decision (or the round's planned date); a
title without that parameter on that date is for any collective. Asked when a collective is nominated
(:func:`desktop.ops.review.rounds.add_nomination`) and again when a decision is issued, for a nomination an older
version let in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.domain import codes
from desktop.domain.rules import RulePack
from desktop.i18n import _
from desktop.store import Store, ValidationError
from desktop.store.rules_repo import effective_pack


def _kind_label(kind: str) -> str:
    label = codes.DEPARTMENT_KINDS.get(kind)
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


def refuse_wrong_collective_kinds(store: Store, pack: RulePack, rows: Iterable[dict[str, Any]], on: date) -> None:
    """Refuse a decision whose collective line (a nomination row) goes to a kind of collective the title is not
    for on the decision's date ``on``; the message names the nomination to take out."""
    for row in rows:
        if row["target_kind"] != "collective":
            continue
        problem = collective_kind_problem(store, str(row["code"]), row["department_id"], on, pack=pack)
        if problem:
            raise ValidationError(
                _("{problem} Hãy bỏ đề nghị số {id} khỏi quyết định.").format(problem=problem, id=row["id"]),
                field="nomination_ids",
                row=int(row["id"]),
            )
