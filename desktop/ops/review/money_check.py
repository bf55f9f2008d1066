"""Money resting on law marked UNCONFIRMED: said to the clerk before a decision is signed, never silently paid.

The national pack ships some values as editable defaults (docs/architecture.md, "The domain in brief": a value
marked ``unconfirmed`` until the clerk or the province confirms it). A decision pays real money from them, so the
window asks with the warning in its question and ``tdkt decision issue`` prints it on stderr.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop.domain.money import format_number
from desktop.domain.rules import RulePackError
from desktop.i18n import _
from desktop.store import Store
from desktop.store.review_repo import catalog_name
from desktop.store.rules_repo import effective_pack


def unconfirmed_money(store: Store, lines: Iterable[tuple[str, str]], on: date) -> list[str]:
    """One warning per unconfirmed value the money of ``lines`` ((code, target kind)) would use on ``on``: the base
    salary row in force, the coefficient of each award for each target."""
    pack = effective_pack(store)
    warnings: list[str] = []
    try:
        salary = pack.base_salary_entry_on(on)
    except RulePackError:
        return []
    pairs = list(dict.fromkeys(lines))
    if pairs and salary.unconfirmed:
        warnings.append(
            _(
                "Mức lương cơ sở {amount} đồng từ ngày {date} ({cite}) chưa được xác nhận là văn bản chính thức; "
                "tiền thưởng tính theo mức này. Hãy kiểm tra, rồi xác nhận hoặc sửa ở Cài đặt → Quy định thi đua, "
                "khen thưởng → Mức lương cơ sở."
            ).format(
                amount=format_number(int(salary.value)), date=salary.valid_from.strftime("%d/%m/%Y"), cite=salary.cite
            )
        )
    for code, target in pairs:
        if not pack.has(code):
            continue
        kind = "individual" if target == "household" else target
        try:
            coefficient = pack.coefficient_cited(code, kind, on)
        except RulePackError:
            continue
        if coefficient.unconfirmed:
            warnings.append(
                _("Hệ số tiền thưởng {value} của “{award}” ({cite}) chưa được xác nhận.").format(
                    value=format_number(coefficient.value), award=catalog_name(pack, code), cite=coefficient.cite
                )
            )
    return list(dict.fromkeys(warnings))


__all__ = ["unconfirmed_money"]
