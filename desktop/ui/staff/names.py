"""Telling apart two people of the same name in a list: the birth year or the staff code beside the name.

A commune often has two "Nguyễn Văn An"; a list that shows only the name lets the clerk register, score or
print the wrong one. Only names that occur more than once in the list get the addition; the others are shown
as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desktop.domain.text import fold
from desktop.i18n import _


def name_key(name: str) -> str:
    """Names the clerk could mistake for one another: same letters, whatever the accents or case."""
    return " ".join(fold(name).split())


def birth_year(value: Any) -> str:
    text = str(value or "")
    return text[:4] if len(text) >= 4 and text[:4].isdigit() else ""


def tell_apart(
    people: Sequence[dict[str, Any]],
    *,
    name: str = "name",
    identity: Callable[[dict[str, Any]], Any] | None = None,
    details: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> list[str]:
    """Each person's name as the list should show it.

    ``identity(person)`` says who the row is (the same person may be on two rows: two models, two titles); only a
    name shared by different people gets an addition. ``details(person)`` gives ``birth_date`` and
    ``staff_code`` of such a person (read only for those); without it they come from the person's own dict.
    Within a group of the same name the birth year is used when it differs for everyone, else the staff code,
    else both that are known.
    """
    names = [str(p.get(name) or "") for p in people]
    keys = [name_key(n) for n in names]
    who = [identity(p) if identity is not None else index for index, p in enumerate(people)]
    owners: dict[str, set[Any]] = {}
    for key, person in zip(keys, who, strict=True):
        if key:
            owners.setdefault(key, set()).add(person)
    twins = {key for key, found in owners.items() if len(found) > 1}
    if not twins:
        return names
    known: dict[Any, tuple[str, str]] = {}  # identity -> (birth year, staff code)
    for index, person in enumerate(people):
        if keys[index] in twins and who[index] not in known:
            extra = details(person) if details is not None else person
            known[who[index]] = (birth_year(extra.get("birth_date")), str(extra.get("staff_code") or ""))
    shown = list(names)
    for key in twins:
        group = sorted(owners[key], key=str)
        years = [known[p][0] for p in group]
        codes = [known[p][1] for p in group]
        use_years = all(years) and len(set(years)) == len(group)
        use_codes = not use_years and all(codes) and len(set(codes)) == len(group)
        for index in (i for i, k in enumerate(keys) if k == key):
            year, code = known[who[index]]
            shown[index] = with_detail(names[index], year="" if use_codes else year, code="" if use_years else code)
    return shown


def with_detail(name: str, *, year: str = "", code: str = "") -> str:
    """``Nguyễn Văn An (sinh 1985)``, ``Nguyễn Văn An (mã CB012)``, ``Nguyễn Văn An (sinh 1985, mã CB012)``."""
    if year and code:
        return _("{name} (sinh {year}, mã {code})").format(name=name, year=year, code=code)
    if year:
        return _("{name} (sinh {year})").format(name=name, year=year)
    if code:
        return _("{name} (mã {code})").format(name=name, code=code)
    return name
