"""Which kinds of collective a collective title is for: Thôn, tổ dân phố văn hóa is a thôn's or a tổ dân phố's
(NĐ 86/2023/NĐ-CP), never an office's (phòng, ban, bộ phận).

The kinds are the rule pack's dated ``titles.<code>.params.collective_kinds`` (codes of
:data:`desktop.domain.codes.DEPARTMENT_KINDS`), read on the date of the decision (or the round's planned date); a
title without that parameter on that date is for any collective. Asked when a collective is nominated
(:func:`desktop.ops.review.rounds.add_nomination`) and again when a decision is issued, for a nomination an older
version let in; also by the history import, the dossier sent up and a province decision in a package received.

:func:`collective_kind_problem` itself stands in :mod:`desktop.store.department_kinds`, which the package import may
import too (tests/test_layering.py); it is re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.domain.rules import RulePack
from desktop.i18n import _
from desktop.store import Store, ValidationError
from desktop.store.department_kinds import collective_kind_problem

__all__ = ["collective_kind_problem", "refuse_wrong_collective_kinds"]


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
