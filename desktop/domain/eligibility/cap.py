"""The province's cap on CSTĐCS (a share of LĐTT): the candidates ranked, the excess left to the council."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Any

from desktop.domain.eligibility.facts import (
    _Facts,
    _Rules,
)
from desktop.domain.eligibility.verdicts import _PASSING, Reason, Status, Verdict
from desktop.domain.money import format_number
from desktop.domain.text import sort_key
from desktop.i18n import _


def _apply_cap(verdicts: list[Verdict], facts_by_id: dict[Any, _Facts], rules: _Rules) -> None:
    """When a province caps CSTĐCS at a share of LĐTT, rank the candidates and flag the excess for the council."""
    cap = rules.param("CSTDCS", "cap_percent_of_ldtt")
    if cap is None or Decimal(cap.value) <= 0:
        return
    ldtt = sum(1 for f in facts_by_id.values() if f.statuses.get("LDTT") in _PASSING)
    limit = int((Decimal(ldtt) * Decimal(cap.value) / 100).to_integral_value(rounding=ROUND_FLOOR))
    candidates = [v for v in verdicts if v.code == "CSTDCS" and v.status in _PASSING]
    if len(candidates) <= limit:
        return
    women_first = bool(rules.women_first.value)

    def performance(v: Verdict) -> tuple[int, int, int]:
        score = facts_by_id[v.subject_id].score
        return (-score[0], -score[1], -score[2])

    def key(v: Verdict) -> tuple[tuple[int, int, int], int, str]:
        gender = facts_by_id[v.subject_id].person.gender
        return performance(v), (0 if gender == "F" else 1) if women_first else 0, sort_key(v.subject_name)

    candidates.sort(key=key)
    cap_text = _("Tỉnh giới hạn {title} tối đa {percent}% số {ldtt_title} ({ldtt} người) = {limit} người").format(
        title=rules.label("CSTDCS"),
        percent=format_number(Decimal(cap.value).normalize()),
        ldtt_title=rules.label("LDTT"),
        ldtt=ldtt,
        limit=limit,
    )
    boundary = performance(candidates[limit]) if limit < len(candidates) else None
    tie_at_boundary = limit > 0 and boundary is not None and performance(candidates[limit - 1]) == boundary
    for position, verdict in enumerate(candidates, start=1):
        verdict.rank = position
        if position <= limit:
            verdict.reasons.append(
                Reason(
                    _("{cap}; xếp thứ {rank}/{n}").format(cap=cap_text, rank=position, n=len(candidates)),
                    rules.cite(cap),
                    True,
                )
            )
        else:
            verdict.status = Status.NEEDS_VOTE
            verdict.reasons.append(
                Reason(
                    _("{cap}; xếp thứ {rank}/{n}, vượt tỷ lệ — Hội đồng xem xét").format(
                        cap=cap_text, rank=position, n=len(candidates)
                    ),
                    rules.cite(cap),
                    False,
                )
            )
        if tie_at_boundary and women_first and performance(verdict) == boundary:
            verdict.reasons.append(Reason(_("Khi bằng thành tích, ưu tiên nữ"), rules.cite(rules.women_first), None))
