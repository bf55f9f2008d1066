"""Money resting on law marked UNCONFIRMED: said to the clerk before a decision is signed, never silently paid.

The national pack ships some values as editable defaults (docs/architecture.md, "The domain in brief": a value
marked ``unconfirmed`` until the clerk or the province confirms it). A decision pays real money from them, so the
window asks with the warning in its question and ``tdkt decision issue`` prints it on stderr.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop.domain.money import format_number, reward_values
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


def unconfirmed_money_notes(store: Store, lines: Iterable[tuple[str, str]], on: date) -> tuple[str, ...]:
    """The footnotes a payment list prints while its amounts rest on a value not confirmed in the rule pack in force
    now (read again at each rendering: once the clerk confirms the value, the note is gone).

    Document text, in Vietnamese whatever the screen language (like the rest of the documents' text).
    """
    pack, salary, coefficients, multiplier = _unconfirmed_values(store, lines, on)
    notes: list[str] = []
    if salary is not None:
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


__all__ = ["unconfirmed_money", "unconfirmed_money_notes"]
