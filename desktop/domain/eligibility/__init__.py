"""The eligibility engine: who may be proposed for which title or award this year, and why.

Public API::

    verdicts = evaluate(data, 2025, pack, today=date(2026, 1, 10))
    for v in verdicts:
        v.subject, v.subject_id, v.subject_name, v.code   # "person"/"collective", id, name, "CSTDCS"
        v.status          # Status.ELIGIBLE / NOT_ELIGIBLE / NEEDS_VOTE / DEFERRED
        v.lines()         # ["Xếp loại năm 2025: … — Luật TĐKT 2022, Điều 24", …]

``data`` is a :class:`desktop.domain.history.UnitData` (people, collectives, their ratings, leave, discipline,
initiatives and award history, including awards received from above). Every threshold comes from the rule
pack; every reason carries the citation of the value it used. Evaluated per person once, then per collective
from the members' results, so a unit of 5,000 staff with 10 years of history takes well under half a second.

Verdicts for people: LDTT, CSTDCS, CSTD_TINH (nomination), BK_TINH (nomination), GIAY_KHEN; for collectives:
TTLDTT, TTLDXS, GIAY_KHEN — each only if the pack's catalog has the code.

The package, by subject: :mod:`.verdicts` (what a verdict is), :mod:`.facts` (the pack's values for the year and
each person's facts, shared by every verdict), :mod:`.people` (a person's titles and award forms),
:mod:`.collectives` (a collective's), :mod:`.cap` (the province's cap on CSTĐCS and the ranking it needs).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.eligibility.cap import _apply_cap
from desktop.domain.eligibility.collectives import _giay_khen_collective, _Member, _ttldtt, _ttldxs
from desktop.domain.eligibility.facts import COLLECTIVE_CODES, PERSON_CODES, RATING_ORDER, _Facts, _facts, _Rules
from desktop.domain.eligibility.people import _bk_tinh, _cstd_tinh, _cstdcs, _giay_khen_person, _ldtt
from desktop.domain.eligibility.verdicts import STATUS_LABELS, Reason, Status, Verdict
from desktop.domain.history import UnitData
from desktop.domain.rules import RulePack
from desktop.i18n import _


def evaluate(
    data: UnitData, year: int, pack: RulePack, *, today: date | None = None, on: date | None = None
) -> list[Verdict]:
    """Verdicts for every person employed in ``year`` and every collective, in input order.

    ``today`` decides whether a discipline is in force now (a discipline decided after the year still blocks);
    pack values are those in force on ``on``, the date the decision will bear (default: 31 December of
    ``year``): the law of that date says who confers what and which criteria hold. A date before the pack's
    first date raises RulePackError.
    """
    when = on or date(year, 12, 31)
    pack.check_date(when, what=_("Xét năm {year}").format(year=year))
    # Tens of thousands of small objects and no reference cycles: pausing the cyclic GC saves ~15%.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(data, year, pack, today or date.today(), when)
    finally:
        if was_enabled:
            gc.enable()


def _evaluate(data: UnitData, year: int, pack: RulePack, today: date, on: date) -> list[Verdict]:
    rules = _Rules(pack, on, data.unit_kind)
    verdicts: list[Verdict] = []
    facts_by_id: dict[Any, _Facts] = {}
    person_steps: list[tuple[str, Callable[[_Facts, int, _Rules], Verdict]]] = [
        ("LDTT", _ldtt),
        ("CSTDCS", _cstdcs),
        ("CSTD_TINH", _cstd_tinh),
        ("BK_TINH", _bk_tinh),
        ("GIAY_KHEN", _giay_khen_person),
    ]
    steps = [(code, step) for code, step in person_steps if code in rules.codes]
    for person in data.people:
        facts = _facts(person, year, rules, today)
        if facts is None:
            continue
        facts_by_id[person.id] = facts
        for _code, step in steps:
            verdicts.append(step(facts, year, rules))
    if "CSTDCS" in rules.codes:
        _apply_cap(verdicts, facts_by_id, rules)
    for collective in data.collectives:
        members = [
            _Member(facts_by_id[mid].person, facts_by_id[mid]) for mid in collective.member_ids if mid in facts_by_id
        ]
        if "TTLDTT" in rules.codes:
            verdicts.append(_ttldtt(collective, members, year, rules))
        if "TTLDXS" in rules.codes:
            verdicts.append(_ttldxs(collective, members, year, rules))
        if "GIAY_KHEN" in rules.codes and "collective" in pack.item("GIAY_KHEN").targets:
            verdicts.append(_giay_khen_collective(collective, year, rules))
    return verdicts


__all__ = [
    "COLLECTIVE_CODES",
    "PERSON_CODES",
    "RATING_ORDER",
    "STATUS_LABELS",
    "Reason",
    "Status",
    "Verdict",
    "evaluate",
]
