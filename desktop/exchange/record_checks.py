"""What a package's records claim, checked against the catalogue and what this database already holds.

The record schemas (:mod:`desktop.exchange.records`) check shapes; these check sense, for the importer's plan: a
nomination the province is asked to decide, and an award a unit's register lists, must name an award of the
catalogue, of its category, for its kind of recipient and of the package's year (so must each row of a yearly
report, but the year); an award the register calls the unit's own must be one a
unit's head may confer on its date, and a title is held once a year; a nomination the province has decided keeps
whom and what it is for; a decision number stands for one document, so it cannot come with two signing days in one
year (in the database, nor within one package).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.domain.codes import TARGET_WORDS
from desktop.domain.dates import format_date
from desktop.domain.decision_number import decision_key, decision_number_key
from desktop.domain.rules import RulePackError
from desktop.domain.rules.values import AUTHORITY_DEFAULT, DEFAULT_UNIT_KIND
from desktop.domain.text import name_key
from desktop.exchange.format import derived_uuid
from desktop.exchange.records import received_text
from desktop.i18n import N_, _
from desktop.store.db import Store


def nomination_problem(pack: Any, package: Any, record: dict[str, Any]) -> str:
    """Why a nomination a unit sent cannot be one the province considers, or "": its award is not in the
    catalogue, it is filed as the other category (a title as an award form), or it is of another year than the
    dossier it came in."""
    return _catalogue_problem(
        pack,
        package,
        record,
        filed=N_("“{name}” là {kind} nhưng đề nghị ghi là {other}."),
        misplaced=N_("đề nghị năm {year} nằm trong hồ sơ năm {package_year}."),
    )


def _catalogue_problem(pack: Any, package: Any, record: dict[str, Any], *, filed: str, misplaced: str) -> str:
    """Why a record's award is not one of the catalogue, of its category, for its recipient's kind (an individual
    title for a collective) and of the package's year, or "":
    ``filed`` and ``misplaced`` word the last two for the kind of record (N_ texts)."""
    code = record["code"]
    if not pack.has(code):
        return _("mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code)
    kind = pack.item(code).kind
    if record["category"] != kind:
        return _(filed).format(
            name=pack.item(code).name, kind=_category_label(kind), other=_category_label(record["category"])
        )
    if wrong_target := _target_problem(pack.item(code), record["target_kind"]):
        return wrong_target
    year = package.manifest.year  # never None for these kinds (manifest.YEARLESS_KINDS); None matches no year
    if year is None or int(record["year"]) != int(year):
        return _(misplaced).format(year=record["year"], package_year=year if year is not None else "—")
    return ""


def _target_problem(item: Any, target_kind: str) -> str:
    """Why ``item`` cannot be given to a ``target_kind``, or "": the catalogue says whom each award is for (LĐTT to a
    person, TTLĐTT to a collective); one counted for another kind of recipient is a figure that cannot be true."""
    if target_kind in item.targets:
        return ""
    return _("“{name}” chỉ dành cho {targets}, không tặng cho {target}.").format(
        name=item.name,
        targets=", ".join(_(TARGET_WORDS[t]) for t in item.targets if t in TARGET_WORDS),
        target=_(TARGET_WORDS.get(target_kind, target_kind)),
    )


def report_problem(pack: Any, record: dict[str, Any]) -> str:
    """Why a unit's yearly report cannot be counted at the province as it stands, or "": each row's code is in the
    catalogue, of the category the row says (a title is never counted as an award form: the two are reported apart)
    and for the row's kind of recipient; no collective has more members than the unit had people that year, nor all
    of them together (each person is counted in one collective: ``exporter._year_collective_ratings``)."""
    for index, row in enumerate(record["rows"], start=1):
        code = row["code"]
        where = _("dòng {n} của báo cáo").format(n=index)
        if not pack.has(code):
            reason = _("mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code)
        elif row["category"] != pack.item(code).kind:
            reason = _("“{name}” là {kind} nhưng báo cáo ghi là {other}.").format(
                name=pack.item(code).name,
                kind=_category_label(pack.item(code).kind),
                other=_category_label(row["category"]),
            )
        else:
            reason = _target_problem(pack.item(code), row["target_kind"])
        if reason:
            return f"{where}: {reason}"
    staff = int(record["staff_total"])
    collectives = record.get("collective_ratings") or []
    for collective in collectives:
        if int(collective["members"]) > staff:
            return _(
                "tập thể “{name}” có {members} thành viên, nhiều hơn số người của đơn vị trong năm ({staff}) mà "
                "chính báo cáo ghi."
            ).format(name=collective["name"], members=collective["members"], staff=staff)
    members = sum(int(collective["members"]) for collective in collectives)
    if members > staff:
        return _(
            "các tập thể có tổng cộng {members} thành viên, nhiều hơn số người của đơn vị trong năm ({staff}) mà chính "
            "báo cáo ghi; mỗi người chỉ thuộc một tập thể."
        ).format(members=members, staff=staff)
    return ""


def award_problem(
    pack: Any, package: Any, index: int, record: dict[str, Any], titles_seen: dict[tuple[Any, ...], int]
) -> str:
    """Why an award a unit's register lists cannot be counted at the province, or "": as for a nomination, its award
    is in the catalogue, of its category and of the register's year (a register of 2024 cannot plant an award in
    2023, which no later register of 2024 would withdraw); one the register calls the unit's own (``source`` unit)
    is one a unit's head may confer on the decision's date (Bằng khen Thủ tướng never is); and a title is held once
    a year, so a second record of the same title for the same target and year is refused. ``index``: the record's
    place in the package (0-based); ``titles_seen``: the titles of the register's earlier records, by target, code
    and year, with their 1-based record numbers (filled in as the records are checked in order)."""
    wrong = _catalogue_problem(
        pack,
        package,
        record,
        filed=N_("“{name}” là {kind} nhưng sổ theo dõi ghi là {other}."),
        misplaced=N_("khen thưởng năm {year} nằm trong sổ theo dõi năm {package_year}; mỗi năm có sổ riêng."),
    )
    if wrong:
        return wrong
    code = record["code"]
    item = pack.item(code)
    if record["source"] == "unit" and (overstep := _not_the_units(pack, code, record)):
        return overstep
    if item.kind != "title":
        return ""
    key = award_subject(record)
    first = titles_seen.setdefault(key, index + 1)
    if first != index + 1:
        return _(
            "trùng với bản ghi thứ {first}: “{name}” năm {year} đã có cho đối tượng này; một danh hiệu chỉ được "
            "tặng một lần trong năm."
        ).format(first=first, name=item.name, year=record["year"])
    return ""


def remote_record_problem(
    store: Store, pack: Any, package: Any, index: int, record: dict[str, Any], titles_seen: dict[tuple[Any, ...], int]
) -> str:
    """Why a nomination or an award a unit sent cannot be taken at the province as it stands, or "" (the checks
    above; ``index`` and ``titles_seen`` as for :func:`award_problem`)."""
    if package.record_kind == "nomination":
        return nomination_problem(pack, package, record)
    return award_problem(pack, package, index, record, titles_seen) or own_decision_contradicted(store, record)


def own_decision_contradicted(store: Store, record: dict[str, Any]) -> str:
    """Why an award a unit's register says came from above names a decision this province recorded (same issuer,
    number and year, spelling aside: :func:`desktop.domain.decision_number.decision_key`) with another signing day,
    or "": the province knows the day of its own document."""
    if record["source"] != "above" or not record.get("decision_no") or not record.get("decision_date"):
        return ""
    number, signed = received_text(record["decision_no"]), str(record["decision_date"])
    theirs = decision_key(record.get("issuer"), number)
    if not theirs[0]:
        return ""
    for row in store.query(
        "SELECT json_extract(content, '$.decision_date') AS signed, json_extract(content, '$.issuer') AS issuer, "
        "json_extract(content, '$.decision_no') AS number "
        "FROM remote_records WHERE record_kind = 'province_decision' AND withdrawn_at IS NULL "
        "AND json_extract(content, '$.awarded') AND substr(json_extract(content, '$.decision_date'), 1, 4) = ? "
        "AND json_extract(content, '$.decision_date') != ? ORDER BY id",
        (signed[:4], signed),
    ):
        if decision_key(row["issuer"], row["number"]) == theirs:
            return _(
                "sổ theo dõi ghi Quyết định số {number} của {issuer} ngày {date}, nhưng tỉnh đã ghi quyết định số "
                "này ngày {ours}; một số quyết định chỉ là một văn bản."
            ).format(number=number, issuer=record["issuer"], date=format_date(signed), ours=format_date(row["signed"]))
    return ""


def _not_the_units(pack: Any, code: str, record: dict[str, Any]) -> str:
    """Why no unit's head could have conferred ``code`` on the award's date, or "" (a commune or an agency: the
    register does not say which, so only what neither may confer is refused)."""
    signed = record.get("decision_date")
    on = date.fromisoformat(signed) if signed else date(int(record["year"]), 12, 31)
    try:
        cited = [pack.authority_cited(code, kind, on) for kind in (DEFAULT_UNIT_KIND, AUTHORITY_DEFAULT)]
    except RulePackError:  # a date the catalogue does not cover (before 2018): not judged here
        return ""
    if any(authority.value == "unit" for authority in cited):
        return ""
    return _(
        "sổ theo dõi ghi “{name}” là quyết định của đơn vị, nhưng ngày {date} đơn vị không tự quyết định khen "
        "thưởng này ({cite})."
    ).format(name=pack.item(code).name, date=on.strftime("%d/%m/%Y"), cite=cited[0].citation())


def decided_twice(record: dict[str, Any], records: list[int]) -> str:
    """Why a province decision is not the one decision of its nomination in this package, or "".

    Its UUID must be the one the province derives from the unit and the nomination (section 5 of
    docs/package-format.md: deciding again replaces the earlier decision), and no other record of the package may
    decide the same nomination (``records``: the package's records deciding it). Otherwise one package could enter two
    awards for one nomination, or an award beside a refusal, each planned against the database as it was before."""
    expected = derived_uuid("decision", str(record["unit_code"]), str(record["nomination_uuid"]))
    if record["uuid"] != expected:
        return _(
            "mã quyết định {uuid} không phải mã của quyết định về đề nghị {nomination} ({expected}); mỗi đề nghị chỉ "
            "có một quyết định của tỉnh, quyết định lại thì thay quyết định trước."
        ).format(uuid=record["uuid"], nomination=record["nomination_uuid"], expected=expected)
    if len(records) > 1:
        return _(
            "gói có {n} quyết định cho cùng một đề nghị (các bản ghi thứ {records}); không nhập quyết định nào "
            "trong số đó: hãy đề nghị tỉnh gửi lại gói."
        ).format(n=len(records), records=", ".join(str(number) for number in records))
    return ""


def number_signed_twice(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """The decision numbers a package gives more than one signing day in one year, with those days: (number, as
    :func:`desktop.domain.decision_number.decision_number_key` reads it, year) -> sorted ISO days. A number stands
    for one document, however it is spelt, so every award under it is refused."""
    days: dict[tuple[str, str], set[str]] = {}
    for record in records:
        if record.get("awarded") and record.get("decision_no") and record.get("decision_date"):
            signed = str(record["decision_date"])
            days.setdefault((decision_number_key(record["decision_no"]), signed[:4]), set()).add(signed)
    return {key: sorted(found) for key, found in days.items() if len(found) > 1}


def signed_twice_problem(record: dict[str, Any], twice: dict[tuple[str, str], list[str]]) -> str:
    """Why ``record``'s number is one the package signs on several days (see :func:`number_signed_twice`), or ""."""
    if not record.get("awarded") or not record.get("decision_date"):
        return ""
    number = received_text(record["decision_no"])
    days = twice.get((decision_number_key(number), str(record["decision_date"])[:4]))
    if not days:
        return ""
    return _(
        "gói ghi số quyết định {number} với các ngày ký {dates}; một số quyết định chỉ là một văn bản, nên không "
        "nhập quyết định nào mang số này: hãy đề nghị tỉnh gửi lại gói."
    ).format(number=number, dates=", ".join(format_date(day) for day in days))


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


def award_subject(record: dict[str, Any]) -> tuple[Any, ...]:
    """Who receives what in which year, as the unit's register tells one award from another (a code is held once a
    year: :func:`desktop.store.awards_repo.held_award`): target kind, person and collective UUIDs, the household's
    name (:func:`name_key`: spelling aside), code, year."""
    household = name_key(str(record.get("household_name") or ""))
    return (*_subject(record)[:3], household, record.get("code"), record.get("year"))


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
    number are a typo or a forgery. Numbers are compared spelling aside ("12/Qđ-UBND", "12 / QĐ–UBND" are
    12/QĐ-UBND: :func:`desktop.domain.decision_number.decision_number_key`). Another body's decisions (a district's
    12/QĐ-UBND) are not compared."""
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
    key = decision_number_key(number)
    other = next(
        (
            row
            for row in store.query(
                f"SELECT decision_no, decision_date, issuer FROM awards WHERE uuid IN ({', '.join('?' * len(theirs))}) "
                "AND decision_date IS NOT NULL AND substr(decision_date, 1, 4) = ? AND decision_date != ? ORDER BY id",
                (*theirs, signed[:4], signed),
            )
            if decision_number_key(row["decision_no"]) == key
        ),
        None,
    )
    if other is None:
        return ""
    return _(
        "số quyết định {number} đã có trong sổ khen thưởng với ngày ký {other} ({issuer}), khác ngày {date} của "
        "quyết định này; một số quyết định chỉ là một văn bản."
    ).format(
        number=number if other["decision_no"] == number else f"{number} ({other['decision_no']})",
        other=format_date(str(other["decision_date"])),
        issuer=other["issuer"] or "—",
        date=format_date(signed),
    )
