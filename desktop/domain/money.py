"""Reward money: coefficient × base salary on the decision date, rounded up (NĐ 152/2025/NĐ-CP, Điều 49–54).

Every number comes from the rule pack (coefficients, the dated base-salary table, the rounding step, the
household multiplier) and every result carries its arithmetic in Vietnamese, so a money list can show why
a line says 710.000 đồng. Decimal throughout: 0,3 × 2.340.000 must be exactly 702.000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal

from desktop.domain.rules import Cited, RulePack
from desktop.i18n import N_, _

# The marks a line's arithmetic carries when its money is what remains of the year's title money
# (desktop.ops.review.money_lines writes them; the decision's list words its notes by them).
DIFFERENCE_MARK = "Chỉ chi phần chênh lệch:"
OWED_MARK = "Chi phần còn thiếu:"
_SALARY_NOTE = N_("mức lương cơ sở {salary} đồng từ {date}: {cite}")


def format_number(value: Decimal | int) -> str:
    """Vietnamese number style: 2.340.000 and 0,3 (dot groups thousands, comma marks decimals)."""
    number = Decimal(value)
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _sep, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def round_up(amount: Decimal, step: int) -> int:
    """Round up to the next multiple of ``step`` (1.112.000 → 1.120.000); an exact multiple stays."""
    if step <= 0:
        raise ValueError(_("Bước làm tròn phải lớn hơn 0."))
    units = (Decimal(amount) / Decimal(step)).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * step


@dataclass(frozen=True)
class RewardAmount:
    """One reward: the amount in đồng and how it was computed."""

    code: str
    target: str
    decision_date: date
    coefficient: Decimal
    base_salary: Decimal
    multiplier: Decimal  # 1, or the household multiplier for award forms
    exact: Decimal  # before rounding
    amount: int
    explanation: str
    citations: tuple[str, ...]


def reward_values(pack: RulePack, code: str, target: str, on: date) -> tuple[Cited, Cited | None]:
    """The coefficient a reward of ``code`` to ``target`` on ``on`` is reckoned with, and the household multiplier
    when it applies: an award form to a household is the individual's coefficient × the multiplier; a title has
    its own coefficient for every target (Gia đình văn hóa's ``coefficient.household``). One rule for the amount
    and for the warnings on values not confirmed (:mod:`desktop.ops.review.money_check`)."""
    item = pack.item(code)
    if target == "household" and not item.is_title:
        return pack.coefficient_cited(code, "individual", on), pack.setting_cited("household_multiplier", on)
    return pack.coefficient_cited(code, target, on), None


def reward_amount(pack: RulePack, code: str, target: str, decision_date: date) -> RewardAmount:
    """The reward for ``code`` given to ``target`` by a decision signed on ``decision_date``.

    Households receiving an award form get the individual amount × the household multiplier.
    Raises RulePackError when the pack has no coefficient for that target or no base salary on that date.
    """
    citations: list[str] = []
    coefficient_cited, multiplier_cited = reward_values(pack, code, target, decision_date)
    multiplier = Decimal(1) if multiplier_cited is None else Decimal(multiplier_cited.value)
    coefficient = Decimal(coefficient_cited.value)
    salary_cited = pack.base_salary_entry_on(decision_date)
    salary = Decimal(salary_cited.value)
    step_cited = pack.setting_cited("rounding_step", decision_date)
    exact = multiplier * coefficient * salary
    amount = round_up(exact, int(step_cited.value))

    citations.append(coefficient_cited.citation())
    if multiplier_cited is not None:
        citations.append(multiplier_cited.citation())
    citations.append(salary_cited.citation())
    if step_cited.citation() not in citations:
        citations.append(step_cited.citation())

    factors = [format_number(coefficient), format_number(salary)]
    if multiplier_cited is not None:
        factors.insert(0, format_number(multiplier))
    product = " × ".join(factors)
    exact_text = format_number(int(exact)) if exact == exact.to_integral_value() else format_number(exact.normalize())
    if Decimal(amount) == exact:
        arithmetic = _("{product} = {amount} đồng").format(product=product, amount=format_number(amount))
    else:
        arithmetic = _("{product} = {exact} → làm tròn lên {amount} đồng").format(
            product=product, exact=exact_text, amount=format_number(amount)
        )
    salary_note = _(_SALARY_NOTE).format(
        salary=format_number(salary), date=salary_cited.valid_from.strftime("%d/%m/%Y"), cite=salary_cited.citation()
    )
    rule_cites = [c for c in citations if c != salary_cited.citation()]
    explanation = _("{arithmetic} ({rules}; {salary_note})").format(
        arithmetic=arithmetic, rules="; ".join(dict.fromkeys(rule_cites)), salary_note=salary_note
    )
    return RewardAmount(
        code=code,
        target=target,
        decision_date=decision_date,
        coefficient=coefficient,
        base_salary=salary,
        multiplier=multiplier,
        exact=exact,
        amount=amount,
        explanation=explanation,
        citations=tuple(dict.fromkeys(citations)),
    )


def _salary_pattern(template: str) -> re.Pattern[str]:
    """The salary note of ``template`` as a pattern: the amount and the day written by :func:`format_number` and
    ``%d/%m/%Y``, whatever the citation after them."""
    head, _sep, rest = template.partition("{salary}")
    middle, _sep, _tail = rest.partition("{date}")
    return re.compile(re.escape(head) + r"(\d{1,3}(?:\.\d{3})*)(?:,\d+)?" + re.escape(middle) + r"(\d{2}/\d{2}/\d{4})")


def salary_in_arithmetic(arithmetic: str) -> tuple[int, date] | None:
    """The base salary (amount, in force from) a frozen arithmetic was reckoned with, read back from the note
    :func:`reward_amount` wrote into it (in Vietnamese or in the language of the screen at issue); None when it
    names none (an imported decision, a line without money). Lets a list compare what it prints with the law in
    force now for its day."""
    for template in dict.fromkeys((_SALARY_NOTE, _(_SALARY_NOTE))):
        if "{salary}" not in template or "{date}" not in template:
            continue
        found = _salary_pattern(template).search(arithmetic)
        if found:
            day = datetime.strptime(found.group(2), "%d/%m/%Y").date()
            return int(found.group(1).replace(".", "")), day
    return None


@dataclass(frozen=True)
class PayLine:
    """One title or award form a recipient gets; ``period`` groups titles of the same time (e.g. "2025")."""

    recipient: str
    period: str
    code: str
    target: str = "individual"


@dataclass(frozen=True)
class PayDecision:
    line: PayLine
    paid: bool
    reason: str
    cite: str


def select_payable(pack: RulePack, lines: Iterable[PayLine], on: date | None = None) -> list[PayDecision]:
    """Which lines carry money: the highest title per recipient and period; every award form.

    Several titles for the same period pay only the highest (by the pack's rank); a title and an award
    form together are both paid; different periods are each paid.
    """
    items = list(lines)
    rule = pack.setting_cited("pay_highest_title_only", on)
    best: dict[tuple[str, str, str], PayLine] = {}
    if rule.value:
        for line in items:
            item = pack.item(line.code)
            if not item.is_title:
                continue
            key = (line.recipient, line.period, line.target)
            current = best.get(key)
            if current is None or item.rank > pack.item(current.code).rank:
                best[key] = line
    decisions: list[PayDecision] = []
    for line in items:
        item = pack.item(line.code)
        if not item.is_title:
            decisions.append(
                PayDecision(line, True, _("Hình thức khen thưởng: được thưởng cùng với danh hiệu."), rule.citation())
            )
            continue
        winner = best.get((line.recipient, line.period, line.target))
        if winner is None or winner is line:
            decisions.append(PayDecision(line, True, _("Danh hiệu cao nhất trong kỳ."), rule.citation()))
        else:
            decisions.append(
                PayDecision(
                    line,
                    False,
                    _("Cùng kỳ {period} đã nhận “{higher}”: chỉ thưởng tiền cho danh hiệu cao nhất.").format(
                        period=line.period, higher=pack.item(winner.code).name
                    ),
                    rule.citation(),
                )
            )
    return decisions


__all__ = [
    "DIFFERENCE_MARK",
    "OWED_MARK",
    "PayDecision",
    "PayLine",
    "RewardAmount",
    "format_number",
    "reward_amount",
    "reward_values",
    "round_up",
    "salary_in_arithmetic",
    "select_payable",
]
