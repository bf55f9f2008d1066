"""The cap on CSTĐCS (a share of the unit's LĐTT; NĐ 91/2017 until 2023, a province's own rule since): the
candidates ranked, the excess not eligible.

The cap binds: floor(cap % × LĐTT) people of the year may hold CSTĐCS. Those who already hold it for the year
take their places first; the other candidates are ranked (rating, initiatives, consecutive years, women first on
ties, then name) and the ones past the limit get a not-eligible verdict naming the cap, the LĐTT count and the
citation. The council may still prefer another person: the clerk takes one nominee off and adds the other with an
exception reason; the decision then checks the count (:func:`cstdcs_limit`, used by ``ops.review.decisions``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from desktop.domain.eligibility.facts import (
    _Facts,
    _Rules,
)
from desktop.domain.eligibility.people import _bk_tinh, _cstd_tinh
from desktop.domain.eligibility.verdicts import _PASSING, Reason, Status, Verdict
from desktop.domain.money import format_number
from desktop.domain.rules import Cited, RulePack
from desktop.domain.text import sort_key
from desktop.i18n import _

_CAP_PARAM = ("CSTDCS", "cap_percent_of_ldtt")
# the person's titles that count this year's CSTĐCS, judged again when the cap takes it away
_BUILT_ON_CSTDCS = {"CSTD_TINH": _cstd_tinh, "BK_TINH": _bk_tinh}


@dataclass(frozen=True, slots=True)
class CapLimit:
    """The cap in force on a date: its value and citation, the LĐTT it counts and how many CSTĐCS it allows."""

    cap: Cited
    ldtt: int  # people of the year counted as LĐTT (the engine's passing verdicts, or those holding or nominated)
    limit: int  # floor(cap % × ldtt)

    @property
    def percent(self) -> str:
        return format_number(Decimal(self.cap.value).normalize())


def _limit(cap: Cited | None, ldtt: int) -> CapLimit | None:
    if cap is None or Decimal(cap.value) <= 0:
        return None
    limit = int((Decimal(ldtt) * Decimal(cap.value) / 100).to_integral_value(rounding=ROUND_FLOOR))
    return CapLimit(cap, ldtt, limit)


def cstdcs_limit(pack: RulePack, on: date, verdicts: Iterable[Verdict]) -> CapLimit | None:
    """The CSTĐCS cap of the law of ``on`` over the engine's verdicts of the year (None: no cap then), counting
    LĐTT as the engine does: every person whose LĐTT verdict passes."""
    if not pack.has(_CAP_PARAM[0]) or not pack.has_param(*_CAP_PARAM, on):
        return None
    ldtt = sum(1 for v in verdicts if v.subject == "person" and v.code == "LDTT" and v.status in _PASSING)
    return _limit(pack.param_cited(*_CAP_PARAM, on), ldtt)


def cstdcs_cap(pack: RulePack, on: date, ldtt: int) -> CapLimit | None:
    """The CSTĐCS cap of the law of ``on`` over ``ldtt`` people who reached LĐTT (None: no cap then)."""
    if not pack.has(_CAP_PARAM[0]) or not pack.has_param(*_CAP_PARAM, on):
        return None
    return _limit(pack.param_cited(*_CAP_PARAM, on), ldtt)


def cap_text(limit: CapLimit, ldtt_title: str, title: str) -> str:
    """“Tỷ lệ CSTĐCS tối đa 15% số LĐTT (10 người) = 1 người”: whose rule it is, the nation's (NĐ 91/2017) or a
    province's, is the citation that goes with it, never the words."""
    return _("Tỷ lệ {title} tối đa {percent}% số {ldtt_title} ({ldtt} người) = {limit} người").format(
        title=title,
        percent=limit.percent,
        ldtt_title=ldtt_title,
        ldtt=limit.ldtt,
        limit=limit.limit,
    )


def _apply_cap(verdicts: list[Verdict], facts_by_id: dict[Any, _Facts], rules: _Rules) -> None:
    """When the pack caps CSTĐCS at a share of LĐTT, rank the candidates; those past the limit are not eligible
    (and the titles built on this year's CSTĐCS, CSTĐ tỉnh and Bằng khen tỉnh, are judged again without it)."""
    ldtt = sum(1 for f in facts_by_id.values() if f.statuses.get("LDTT") in _PASSING)
    limit = _limit(rules.param(*_CAP_PARAM), ldtt)
    if limit is None:
        return
    # achievements of the year are counted from a day inside it, so this is the evaluated year
    held = sorted(
        (f for f in facts_by_id.values() if f.counting_start.year in f.awards.get("CSTDCS", {})),
        key=lambda f: sort_key(f.person.name),
    )
    held_ids = {f.person.id for f in held}
    candidates = [v for v in verdicts if v.code == "CSTDCS" and v.status in _PASSING and v.subject_id not in held_ids]
    places = max(0, limit.limit - len(held))
    if len(candidates) <= places:
        return
    women_first = bool(rules.women_first.value)

    def performance(v: Verdict) -> tuple[int, int, int]:
        score = facts_by_id[v.subject_id].score
        return (-score[0], -score[1], -score[2])

    def key(v: Verdict) -> tuple[tuple[int, int, int], int, str]:
        gender = facts_by_id[v.subject_id].person.gender
        return performance(v), (0 if gender == "F" else 1) if women_first else 0, sort_key(v.subject_name)

    candidates.sort(key=key)
    text = cap_text(limit, rules.label("LDTT"), rules.label("CSTDCS"))
    if held:
        text = _("{cap}; đã có quyết định {n} người: {names}").format(
            cap=text, n=len(held), names=", ".join(f.person.name for f in held)
        )
    cite = rules.cite(limit.cap)
    boundary = performance(candidates[places]) if places < len(candidates) else None
    tie_at_boundary = places > 0 and boundary is not None and performance(candidates[places - 1]) == boundary
    n = len(candidates)
    dependents: dict[tuple[Any, str], int] | None = None
    for position, verdict in enumerate(candidates, start=1):
        verdict.rank = position
        if position <= places:
            verdict.reasons.append(
                Reason(_("{cap}; xếp thứ {rank}/{n}").format(cap=text, rank=position, n=n), cite, True)
            )
        else:
            verdict.status = Status.NOT_ELIGIBLE
            verdict.reasons.append(
                Reason(
                    _(
                        "{cap}; xếp thứ {rank}/{n}, vượt tỷ lệ: không đề nghị (Hội đồng chọn người này thì bỏ đề nghị "
                        "của một người trong tỷ lệ và thêm người này, ghi lý do)"
                    ).format(cap=text, rank=position, n=n),
                    cite,
                    False,
                )
            )
            if dependents is None:
                dependents = {
                    (v.subject_id, v.code): index
                    for index, v in enumerate(verdicts)
                    if v.subject == "person" and v.code in _BUILT_ON_CSTDCS
                }
            _without_cstdcs(verdicts, dependents, facts_by_id[verdict.subject_id], verdict, rules)
        if tie_at_boundary and women_first and performance(verdict) == boundary:
            verdict.reasons.append(Reason(_("Khi bằng thành tích, ưu tiên nữ"), rules.cite(rules.women_first), None))


def _without_cstdcs(
    verdicts: list[Verdict], dependents: dict[tuple[Any, str], int], facts: _Facts, cstdcs: Verdict, rules: _Rules
) -> None:
    """A candidate past the cap has no CSTĐCS this year: what counted on it (the collective's TTLĐXS, the person's
    CSTĐ tỉnh and Bằng khen tỉnh) sees that, and its initiative is free again."""
    facts.statuses["CSTDCS"] = Status.NOT_ELIGIBLE
    facts.reserved.difference_update(cstdcs.initiative_ids)
    year = facts.counting_start.year
    score = facts.score
    for code, step in _BUILT_ON_CSTDCS.items():
        index = dependents.get((facts.person.id, code))
        if index is not None:
            facts.reserved.difference_update(verdicts[index].initiative_ids)
            verdicts[index] = step(facts, year, rules)
    facts.score = score  # the ranking was made on the scores as they stood
