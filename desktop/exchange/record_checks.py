"""What a package's records claim, checked against the catalogue and what this database already holds.

The record schemas (:mod:`desktop.exchange.records`) check shapes; these check sense, for the importer's plan: a
nomination the province is asked to decide must name an award of the catalogue, of its category and of its
dossier's year; a nomination the province has decided keeps whom and what it is for; a decision number stands for
one document, so it cannot come with two signing days in one year.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.dates import format_date
from desktop.exchange.format import derived_uuid
from desktop.exchange.records import received_text
from desktop.i18n import _
from desktop.store.db import Store


def nomination_problem(pack: Any, package: Any, record: dict[str, Any]) -> str:
    """Why a nomination a unit sent cannot be one the province considers, or "": its award is not in the
    catalogue, it is filed as the other category (a title as an award form), or it is of another year than the
    dossier it came in."""
    code = record["code"]
    if not pack.has(code):
        return _("mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code)
    kind = pack.item(code).kind
    if record["category"] != kind:
        return _("“{name}” là {kind} nhưng đề nghị ghi là {other}.").format(
            name=pack.item(code).name, kind=_category_label(kind), other=_category_label(record["category"])
        )
    year = package.manifest.year
    if year is not None and int(record["year"]) != int(year):
        return _("đề nghị năm {year} nằm trong hồ sơ năm {package_year}.").format(
            year=record["year"], package_year=year
        )
    return ""


def not_the_provinces_problem(pack: Any, code: str, on: Any) -> str:
    """Why the province cannot confer ``code`` on the decision's date, or "": the unit's own award (its head
    confers it) or one the central level decides (the province only forwards it). The province's program refuses to
    record such a decision and a unit refuses to enter one a package brings, whoever signed the package."""
    authority = pack.authority_cited(code, on=on)
    name = pack.item(code).name
    if authority.value in ("unit", "none"):
        message = _("“{name}” do đơn vị tự quyết định ({cite}); tỉnh không ghi quyết định khen thưởng cho đề nghị này.")
    elif authority.value == "central":
        message = _("“{name}” do cấp Trung ương quyết định ({cite}); tỉnh trình lên, không ghi quyết định ở đây.")
    else:
        return ""
    return message.format(name=name, cite=authority.citation())


def _category_label(kind: str) -> str:
    return _("danh hiệu thi đua") if kind == "title" else _("hình thức khen thưởng")


def _subject(record: dict[str, Any]) -> tuple[Any, ...]:
    """Whom and what a nomination is for: who it names (by UUID, a name may be corrected), the award, the year."""
    person, collective = record.get("person") or {}, record.get("collective") or {}
    return (
        record.get("target_kind"),
        person.get("uuid"),
        collective.get("uuid"),
        record.get("household_name"),
        record.get("code"),
        record.get("year"),
    )


def decided_changed(store: Store, package: Any, ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    """Why a nomination the province has decided may not change whom or what it is for, or "".

    The decision was made on that person (or collective) and that award; a later dossier moving it to someone else
    would list a person the province never decided on as awarded."""
    if package.record_kind != "nomination" or _subject(ours) == _subject(theirs):
        return ""
    unit_code = package.manifest.sender.code
    decision = store.query_one(  # the province's decision on a nomination has the UUID record_decisions derives
        "SELECT content FROM remote_records WHERE unit_code = ? AND record_kind = 'province_decision' "
        "AND record_uuid = ? AND withdrawn_at IS NULL",
        (unit_code, derived_uuid("decision", unit_code, str(ours.get("uuid")))),
    )
    if decision is None:
        return ""
    content = json.loads(decision["content"])
    number = content.get("decision_no") or _("không khen thưởng")
    return _(
        "tỉnh đã ghi quyết định ({number}) cho đề nghị này; sau khi có quyết định, đề nghị không được đổi người, "
        "tập thể, danh hiệu hay năm. Đơn vị cần gửi một đề nghị mới."
    ).format(number=number)


def number_reused(store: Store, record: dict[str, Any], award_uuid: str, sender_code: str) -> str:
    """Why the decision's number is already in the register as another document of the same sender (another
    signing day in the same year), or "": a number stands for one decision of its body, so two dates under one
    number are a typo or a forgery. Another body's decisions (a district's 12/QĐ-UBND) are not compared."""
    number = received_text(record["decision_no"])
    signed = str(record["decision_date"])
    theirs = [
        uuid
        for row in store.query(
            "SELECT record_uuid FROM exchange_records WHERE sender_code = ? AND record_kind = 'province_decision'",
            (sender_code,),
        )
        if (uuid := derived_uuid("award", row["record_uuid"])) != award_uuid
    ]
    if not theirs:
        return ""
    other = store.query_one(
        f"SELECT decision_date, issuer FROM awards WHERE uuid IN ({', '.join('?' * len(theirs))}) "
        "AND decision_no = ? AND decision_date IS NOT NULL AND substr(decision_date, 1, 4) = ? "
        "AND decision_date != ? ORDER BY id LIMIT 1",
        (*theirs, number, signed[:4], signed),
    )
    if other is None:
        return ""
    return _(
        "số quyết định {number} đã có trong sổ khen thưởng với ngày ký {other} ({issuer}), khác ngày {date} của "
        "quyết định này; một số quyết định chỉ là một văn bản."
    ).format(
        number=number,
        other=format_date(str(other["decision_date"])),
        issuer=other["issuer"] or "—",
        date=format_date(signed),
    )
