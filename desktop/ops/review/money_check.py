"""Money resting on law marked UNCONFIRMED: said to the clerk before a decision is signed, never silently paid.

The national pack ships some values as editable defaults (docs/architecture.md, "The domain in brief": a value
marked ``unconfirmed`` until the clerk or the province confirms it). A decision pays real money from them, so the
window asks with the warning in its question and ``tdkt decision issue`` prints it on stderr.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.domain.codes import TARGET_WORDS
from desktop.domain.money import (
    DIFFERENCE_MARK,
    OWED_MARK,
    format_number,
    reward_amount,
    reward_values,
    salary_in_arithmetic,
)
from desktop.domain.rules import Cited, RulePack, RulePackError
from desktop.i18n import _
from desktop.store import Store
from desktop.store.review_repo import catalog_name
from desktop.store.rules_repo import effective_pack


def _unconfirmed_values(
    store: Store, lines: Iterable[tuple[str, str]], on: date
) -> tuple[RulePack, Cited | None, list[tuple[str, Cited]], Cited | None]:
    """The pack in force now, the base salary row ``on`` if unconfirmed, each (code, coefficient) unconfirmed, and
    the household multiplier if an award form to a household uses it and it is unconfirmed: the values the amount
    is reckoned with (:func:`desktop.domain.money.reward_values`)."""
    pack = effective_pack(store)
    pairs = list(dict.fromkeys(lines))
    try:
        salary = pack.base_salary_entry_on(on)
    except RulePackError:
        return pack, None, [], None
    coefficients: list[tuple[str, Cited]] = []
    multiplier: Cited | None = None
    for code, target in pairs:
        if not pack.has(code):
            continue
        try:
            coefficient, household = reward_values(pack, code, target, on)
        except RulePackError:
            continue
        if coefficient.unconfirmed:
            coefficients.append((code, coefficient))
        if household is not None and household.unconfirmed:
            multiplier = household
    return pack, salary if pairs and salary.unconfirmed else None, coefficients, multiplier


def unconfirmed_money(store: Store, lines: Iterable[tuple[str, str]], on: date) -> list[str]:
    """One warning per unconfirmed value the money of ``lines`` ((code, target kind)) would use on ``on``: the base
    salary row in force, the coefficient of each award for each target."""
    pack, salary, coefficients, multiplier = _unconfirmed_values(store, lines, on)
    warnings: list[str] = []
    if salary is not None:
        warnings.append(
            _(
                "Mức lương cơ sở {amount} đồng từ ngày {date} ({cite}) chưa được xác nhận là văn bản chính thức; "
                "tiền thưởng tính theo mức này. Hãy kiểm tra, rồi xác nhận hoặc sửa ở Cài đặt → Quy định thi đua, "
                "khen thưởng → Mức lương cơ sở."
            ).format(
                amount=format_number(int(salary.value)), date=salary.valid_from.strftime("%d/%m/%Y"), cite=salary.cite
            )
        )
    for code, coefficient in coefficients:
        warnings.append(
            _("Hệ số tiền thưởng {value} của “{award}” ({cite}) chưa được xác nhận.").format(
                value=format_number(coefficient.value), award=catalog_name(pack, code), cite=coefficient.cite
            )
        )
    if multiplier is not None:
        warnings.append(
            _("Hệ số {value} lần tiền thưởng cá nhân dành cho hộ gia đình ({cite}) chưa được xác nhận.").format(
                value=format_number(multiplier.value), cite=multiplier.cite
            )
        )
    return list(dict.fromkeys(warnings))


def _day(on: date) -> str:
    return on.strftime("%d/%m/%Y")


def _law_amounts(pack: RulePack, lines: list[dict[str, Any]], on: date) -> list[str]:
    """For each award paid in full on ``lines`` whose frozen amount is not what the pack in force now gives for
    ``on``: "“Lao động tiên tiến”: 760.000 đồng, theo quy định nay là 780.000 đồng" (a difference over an earlier
    decision is not compared: its other side is another decision's)."""
    texts: list[str] = []
    targets = {line["target_kind"] for line in lines}
    for line in lines:
        text = str(line.get("arithmetic") or "")
        if DIFFERENCE_MARK in text:
            continue
        try:
            now = reward_amount(pack, line["code"], line["target_kind"], on).amount
        except RulePackError:
            continue
        amount = int(line["amount"] or 0)
        if now == amount:
            continue
        who = f" ({TARGET_WORDS.get(line['target_kind'], line['target_kind'])})" if len(targets) > 1 else ""
        texts.append(
            f"“{catalog_name(pack, line['code'])}”{who}: {format_number(amount)} đồng, theo quy định nay là "
            f"{format_number(now)} đồng"
        )
    return list(dict.fromkeys(texts))


def reckoned_otherwise_notes(
    store: Store, decision: dict[str, Any], lines: Iterable[tuple[str, str]], on: date
) -> tuple[str, ...]:
    """:func:`_reckoned_otherwise`'s note, if any."""
    note, _salary_differs = _reckoned_otherwise(store, decision, lines, on)
    return (note,) if note else ()


def _reckoned_otherwise(
    store: Store, decision: dict[str, Any], lines: Iterable[tuple[str, str]], on: date
) -> tuple[str, bool]:
    """The footnote of a payment list whose frozen amounts no longer match the law now recorded for their day
    ``on``: a base salary (or a coefficient) that was unconfirmed at issue and has since been corrected. The
    amounts signed stay as they are, so the list names the value they were reckoned from, the value in force now
    and what it gives, and the way out (a replacement decision reckoning them again): never a clean-looking list
    with amounts that do not match the table in force. Only lines of ``decision`` reckoned by the program (their
    arithmetic names the base salary), paid, of a pair in ``lines`` and not paying what is still owed of another
    decision's title (reckoned on that title's day)."""
    pairs = set(lines)
    paid = [
        a
        for a in decision.get("awardees", [])
        if int(a.get("amount") or 0) > 0
        and (a["code"], a["target_kind"]) in pairs
        and OWED_MARK not in str(a.get("arithmetic") or "")
        and salary_in_arithmetic(str(a.get("arithmetic") or "")) is not None
    ]
    if not paid:
        return "", False
    pack = effective_pack(store)
    try:
        salary = pack.base_salary_entry_on(on)
    except RulePackError:
        return "", False
    used = {salary_in_arithmetic(str(a["arithmetic"])) for a in paid}
    old = sorted((value, since) for value, since in (u for u in used if u is not None) if value != int(salary.value))
    amounts = _law_amounts(pack, paid, on)
    if not old and not amounts:
        return "", False
    fix = "cần quyết định thay thế có tính lại tiền thưởng; không sửa tay số tiền trên danh sách này."
    changes = f" ({'; '.join(amounts)})" if amounts else ""
    if not old:
        return (
            f"Ghi chú: Số tiền trong danh sách này tính theo quy định ghi trong bộ quy tắc khi ban hành quyết định; "
            f"quy định áp dụng cho ngày {_day(on)} nay đã được sửa{changes}. Số tiền ở đây không tự đổi: {fix}"
        ), False
    reckoned = " và ".join(f"{format_number(value)} đồng áp dụng từ ngày {_day(since)}" for value, since in old)
    still = ", mức này cũng chưa được xác nhận" if salary.unconfirmed else ""
    return (
        f"Ghi chú: Số tiền trong danh sách này tính theo mức lương cơ sở {reckoned} (mức ghi trong bộ quy tắc khi "
        f"ban hành quyết định); mức lương cơ sở áp dụng cho ngày {_day(on)} nay là "
        f"{format_number(int(salary.value))} đồng ({salary.cite}){still}, nên số tiền không còn đúng quy định"
        f"{changes}. Số tiền ở đây không tự đổi: {fix}"
    ), True


def unconfirmed_money_notes(
    store: Store, lines: Iterable[tuple[str, str]], on: date, *, decision: dict[str, Any] | None = None
) -> tuple[str, ...]:
    """The footnotes a payment list prints while its amounts rest on a value not confirmed in the rule pack in force
    now (read again at each rendering: once the clerk confirms the value, the note is gone), and — given the
    ``decision`` the list pays — while its frozen amounts no longer match that value once corrected
    (:func:`reckoned_otherwise_notes`; the salary note then names the value they were reckoned from instead).

    Document text, in Vietnamese whatever the screen language (like the rest of the documents' text).
    """
    pairs = list(dict.fromkeys(lines))
    pack, salary, coefficients, multiplier = _unconfirmed_values(store, pairs, on)
    stale, salary_differs = _reckoned_otherwise(store, decision, pairs, on) if decision is not None else ("", False)
    notes: list[str] = [stale] if stale else []
    if salary is not None and not salary_differs:
        amount, since = format_number(int(salary.value)), salary.valid_from.strftime("%d/%m/%Y")
        notes.append(
            f"Ghi chú: Mức lương cơ sở {amount} đồng áp dụng từ ngày {since} ({salary.cite}) dùng để tính số tiền "
            "thưởng trong danh sách này chưa được xác nhận trong bộ quy tắc; nếu mức này được sửa, số tiền ở đây "
            "không tự đổi: cần quyết định thay thế có tính lại tiền thưởng."
        )
    for code, coefficient in coefficients:
        value, award = format_number(coefficient.value), catalog_name(pack, code)
        notes.append(
            f"Ghi chú: Hệ số tiền thưởng {value} của “{award}” ({coefficient.cite}) chưa được xác nhận trong bộ quy "
            "tắc; nếu hệ số này được sửa, số tiền ở đây không tự đổi: cần quyết định thay thế có tính lại tiền thưởng."
        )
    if multiplier is not None:
        notes.append(
            f"Ghi chú: Hệ số {format_number(multiplier.value)} lần tiền thưởng cá nhân dành cho hộ gia đình "
            f"({multiplier.cite}) chưa được xác nhận trong bộ quy tắc; nếu hệ số này được sửa, số tiền ở đây không tự "
            "đổi: cần quyết định thay thế có tính lại tiền thưởng."
        )
    return tuple(dict.fromkeys(notes))


__all__ = ["reckoned_otherwise_notes", "unconfirmed_money", "unconfirmed_money_notes"]
