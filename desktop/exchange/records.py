"""Record schemas per kind, checked by hand-written validators (no JSON-schema dependency).

Each data entry is ``{"record_kind": KIND, "records": [...]}``; every record has a stable ``uuid``. Fields a
newer MINOR format version adds are ignored by this reader; a missing or mistyped field refuses the package with
the record number and the field name. Movements are kept as JSON records until they get their own tables.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.codes import TARGET_WORDS
from desktop.domain.text import (
    LONG_TEXT_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    InputTextError,
    clean_input,
    hidden_character_problem,
    is_refused_character,
    nfc,
)
from desktop.exchange.format import MAX_RECORDS, RECORD_KIND_LABELS, PackageError, derived_uuid
from desktop.exchange.manifest import Manifest, one_line_problem
from desktop.i18n import N_, _

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TEXT_LIMIT = 4_000
LONG_TEXT_LIMIT = 1_000_000

Check = Callable[[Any], str | None]  # returns a reason (Vietnamese) or None when the value is fine


def _text(limit: int = TEXT_LIMIT, *, required: bool = False, multiline: bool = False) -> Check:
    """A text field. One-line fields (names, codes, numbers, titles: the default) refuse a line break or a tab as a
    clerk's typing does (``clean_input``): printed line by line or tab by tab (``tdkt province attachments``), one
    would forge a row. Multi-line fields (achievements, notes, reasons, a rule pack's text) keep them."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return _("phải là chuỗi ký tự")
        if len(value) > limit:
            return _("dài quá {limit} ký tự").format(limit=limit)
        if required and not value.strip():
            return _("không được để trống")
        # refused as a clerk's typing is (issue 12.2), the field named
        return hidden_character_problem(value) or (None if multiline else one_line_problem(value))

    return check


def _lines(limit: int = TEXT_LIMIT, *, required: bool = False) -> Check:
    """A multi-line text field (see :func:`_text`)."""
    return _text(limit, required=required, multiline=True)


def _uuid(value: Any) -> str | None:
    return None if isinstance(value, str) and _UUID_RE.match(value) else _("phải là UUID (chữ thường)")


def _int(low: int = 0, high: int = 10**12) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return _("phải là số nguyên")
        if not low <= value <= high:
            return _("phải trong khoảng {low}–{high}").format(low=low, high=high)
        return None

    return check


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else _("phải là true hoặc false")


def _date(value: Any) -> str | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return _("phải là ngày dạng YYYY-MM-DD")


def _enum(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else _("phải là một trong: {choices}").format(choices=", ".join(choices))

    return check


def _optional(inner: Check) -> Check:
    def check(value: Any) -> str | None:
        return None if value is None else inner(value)

    return check


Spec = dict[str, Check]


def _object(spec: Spec, optional: Spec | None = None) -> Check:
    """A JSON object with the fields of ``spec``; fields of ``optional`` (added by a MINOR version) may be absent."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return _("phải là một đối tượng")
        for key, inner in spec.items():
            if key not in value:
                return _("thiếu trường con “{field}”").format(field=key)
            reason = inner(value[key])
            if reason:
                return f"{key}: {reason}"
        for key, inner in (optional or {}).items():
            if key in value:
                reason = inner(value[key])
                if reason:
                    return f"{key}: {reason}"
        return None

    return check


def _list_of(inner: Check, limit: int = 1000) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return _("phải là một danh sách")
        if len(value) > limit:
            return _("có quá {limit} phần tử").format(limit=limit)
        for index, item in enumerate(value, start=1):
            reason = inner(item)
            if reason:
                return _("phần tử {n}: {reason}").format(n=index, reason=reason)
        return None

    return check


YEAR = _int(1900, 2200)
TARGET = _enum("individual", "collective", "household")
CATEGORY = _enum("title", "award_form")
CODE = _text(40, required=True)
PERSON = _object(
    {
        "uuid": _uuid,
        "name": _text(200, required=True),
        "gender": _enum("", "F", "M"),
        "birth_date": _optional(_date),
        "ethnic_code": _text(4),
        "position": _text(200),
        "department": _text(200),
        "is_leader": _bool,
    }
)
RATING = _enum("HTXSNV", "HTTNV", "HTNV", "KHTNV")
# A collective's own yearly rating (format 1.1): what TTLĐTT and TTLĐXS are decided on.
YEAR_RATING = _object({"year": YEAR, "rating": RATING})
COLLECTIVE = _object(
    {"uuid": _uuid, "name": _text(200, required=True)}, optional={"ratings": _list_of(YEAR_RATING, limit=100)}
)
# One collective in the yearly report (format 1.1): its rating of the year ("" = not rated) and its members.
COLLECTIVE_RATING = _object(
    {
        "uuid": _uuid,
        "name": _text(200, required=True),
        "rating": _enum("", "HTXSNV", "HTTNV", "HTNV", "KHTNV"),
        "members": _int(0, 1_000_000),
    }
)
REASON = _object({"text": _lines(), "cite": _lines(), "met": _optional(_bool)})
BALLOT = _object(
    {
        "members_total": _int(0, 1000),
        "present": _int(0, 1000),
        "agree": _int(0, 1000),
        "disagree": _int(0, 1000),
        "invalid": _int(0, 1000),
        "passed": _bool,
        "threshold": _text(200),
    }
)
REPORT_ROW = _object(
    {
        "code": CODE,
        "category": CATEGORY,
        "target_kind": TARGET,
        "total": _int(),
        "women": _int(),
        "leaders": _int(),
        "non_leaders": _int(),
        "ethnic_minority": _int(),
    }
)

# Record fields a MINOR version added: checked when present, never required (an older writer does not send them).
OPTIONAL_FIELDS: dict[str, Spec] = {
    "yearly_report": {"collective_ratings": _list_of(COLLECTIVE_RATING, limit=10_000)},
    # the year a regular movement is of (since 1.1): one launched in December for next year is of next year
    "movement": {"year": _optional(YEAR)},
}

# Who gets what, as a nomination and an award both carry it: the target (one of person, collective, household name,
# as the exporter's ``_target`` writes it and ``_target_problem`` checks it) and the title or award form.
_RECIPIENT_AND_AWARD: Spec = {
    "target_kind": TARGET,
    "person": _optional(PERSON),
    "collective": _optional(COLLECTIVE),
    "household_name": _text(200),
    "code": CODE,
    "category": CATEGORY,
}

SCHEMAS: dict[str, Spec] = {
    "nomination": {
        "uuid": _uuid,
        "round_uuid": _uuid,
        "year": YEAR,
        **_RECIPIENT_AND_AWARD,
        "achievement": _lines(LONG_TEXT_LIMIT),
        "engine_verdict": _text(40),
        "engine_reasons": _list_of(REASON),
        "ballot": _optional(BALLOT),
        "attachments": _list_of(_text(200)),
    },
    "yearly_report": {
        "uuid": _uuid,
        "year": YEAR,
        "unit_code": _text(40, required=True),
        "staff_total": _int(),
        "women_total": _int(),
        "leaders_total": _int(),
        "ethnic_minority_total": _int(),
        "rows": _list_of(REPORT_ROW, limit=500),
    },
    "award": {
        "uuid": _uuid,
        "year": YEAR,
        **_RECIPIENT_AND_AWARD,
        "source": _enum("unit", "above", "import"),
        "decision_no": _text(100),
        "decision_date": _optional(_date),
        "issuer": _text(300),
        "amount": _optional(_int()),
    },
    "province_decision": {
        "uuid": _uuid,
        "nomination_uuid": _uuid,
        "unit_code": _text(40, required=True),
        "year": YEAR,
        "code": CODE,
        "category": CATEGORY,
        "awarded": _bool,
        "decision_no": _text(100),
        "decision_date": _optional(_date),
        "issuer": _text(300),
        "note": _lines(),
    },
    "rule_override": {
        "uuid": _uuid,
        "name": _text(200, required=True),
        "toml": _lines(LONG_TEXT_LIMIT, required=True),
        "note": _lines(),
    },
    "movement": {
        "uuid": _uuid,
        "name": _text(300, required=True),
        "kind": _enum("regular", "thematic", "campaign"),
        "theme": _lines(LONG_TEXT_MAX_LENGTH),  # the clerk's limits (ops.movements): theme 1,000, notes 4,000
        "launched_by": _text(300),
        "launched_on": _optional(_date),
        "period_from": _optional(_date),
        "period_to": _optional(_date),
        "description": _lines(NOTES_MAX_LENGTH),
    },
}


def _target_problem(record: dict[str, Any]) -> tuple[str, str] | None:
    kind = record.get("target_kind")
    if kind == "individual" and record.get("person") is None:
        return "person", _("đối tượng cá nhân phải có thông tin người được đề nghị")
    if kind == "collective" and record.get("collective") is None:
        return "collective", _("đối tượng tập thể phải có tên tập thể")
    if kind == "household" and not str(record.get("household_name") or "").strip():
        return "household_name", _("đối tượng hộ gia đình phải có tên hộ")
    return None


# What a yearly report counts among its staff (the exporter's ``yearly_report_records``: each a subset of the people
# counted in ``staff_total``) and, in each row, among the awards of the row (each a subset of ``total``).
_STAFF_PARTS = ("women_total", "leaders_total", "ethnic_minority_total")
_ROW_PARTS = ("women", "leaders", "non_leaders", "ethnic_minority")
_CATEGORY_LABELS = {"title": N_("danh hiệu thi đua"), "award_form": N_("hình thức khen thưởng")}


def _report_figures_problem(record: dict[str, Any]) -> tuple[str, str] | None:
    """Figures of a yearly report that cannot all be true: a part larger than its whole; for a row of individuals,
    leaders and non-leaders not adding up to the row's total (each person is one or the other); a row of
    collectives or households counting women, leaders or ethnic minorities (only people have those); one code,
    category and target in two rows, or one code as both a title and an award form (the exporter writes one row
    per code, category and target, so a second row can only add the same awards up twice at the province); a
    title given to more individuals than the unit had people that year (a person holds a title once a year, and
    everyone awarded worked there that year: ``staff_total`` counts them all). Women, leaders and ethnic minorities
    are not compared with the unit's totals: a row counts them as decided, the totals as the staff list is now."""
    staff = record["staff_total"]
    for key in _STAFF_PARTS:
        if record[key] > staff:
            return key, _("là {value}, lớn hơn tổng số người của đơn vị “staff_total” ({total})").format(
                value=record[key], total=staff
            )
    seen: dict[tuple[str, str, str], int] = {}
    categories: dict[str, tuple[str, int]] = {}
    for index, row in enumerate(record["rows"], start=1):
        where = _("dòng {n} ({code}, {target})").format(
            n=index, code=row["code"], target=_(TARGET_WORDS[row["target_kind"]])
        )
        row_key = (row["code"], row["category"], row["target_kind"])
        if row_key in seen:
            return "rows", _(
                "{row}: trùng với dòng {first} (cùng mã, loại và đối tượng); số liệu sẽ bị cộng hai lần"
            ).format(row=where, first=seen[row_key])
        seen[row_key] = index
        category, first = categories.setdefault(row["code"], (row["category"], index))
        if category != row["category"]:
            return "rows", _("{row}: mã “{code}” ở dòng {first} là {one}, ở dòng này lại là {other}").format(
                row=where,
                code=row["code"],
                first=first,
                one=_(_CATEGORY_LABELS[category]),
                other=_(_CATEGORY_LABELS[row["category"]]),
            )
        if row["target_kind"] != "individual":
            counted = [part for part in _ROW_PARTS if row[part]]
            if counted:
                return "rows", _(
                    "{row}: “{field}” là {value}, nhưng chỉ khen thưởng cá nhân mới đếm nữ, lãnh đạo, dân tộc thiểu số"
                ).format(row=where, field=counted[0], value=row[counted[0]])
        if row["target_kind"] == "individual" and row["category"] == "title" and row["total"] > staff:
            return "rows", _(
                "{row}: “total” là {value}, nhiều hơn số người của đơn vị trong năm “staff_total” ({staff}); mỗi "
                "người nhận một danh hiệu nhiều nhất một lần trong năm"
            ).format(row=where, value=row["total"], staff=staff)
        for key in _ROW_PARTS:
            if row[key] > row["total"]:
                return "rows", _("{row}: “{field}” là {value}, lớn hơn tổng số “total” ({total})").format(
                    row=where, field=key, value=row[key], total=row["total"]
                )
        if row["target_kind"] == "individual" and row["leaders"] + row["non_leaders"] != row["total"]:
            return "rows", _(
                "{row}: “leaders” ({leaders}) cộng “non_leaders” ({non_leaders}) là {sum}, khác tổng số “total” "
                "({total}); mỗi người là lãnh đạo hoặc không"
            ).format(
                row=where,
                leaders=row["leaders"],
                non_leaders=row["non_leaders"],
                sum=row["leaders"] + row["non_leaders"],
                total=row["total"],
            )
    return None


def sender_record_problem(record_kind: str, record: dict[str, Any], manifest: Manifest) -> tuple[str, str] | None:
    """(field, reason) when a record (already matching its schema) says something its signed header contradicts.

    A yearly report is the sender's own: its ``unit_code`` is the sender's code, its year the package's year and its
    UUID the one the exporter derives from both (``derived_uuid("yearly_report", code, year)``), so a unit cannot
    file figures under another unit's code or overwrite another unit's report at the province."""
    if record_kind != "yearly_report":
        return None
    sender = manifest.sender.code
    if record["unit_code"] != sender:
        return "unit_code", _(
            "báo cáo ghi đơn vị mã “{code}” nhưng gói do đơn vị mã “{sender}” lập và ký; đơn vị chỉ gửi báo cáo "
            "của chính mình"
        ).format(code=record["unit_code"], sender=sender)
    if record["year"] != manifest.year:
        return "year", _("báo cáo của năm {record_year} nhưng gói ghi năm {year}").format(
            record_year=record["year"], year=manifest.year if manifest.year is not None else "—"
        )
    expected = derived_uuid("yearly_report", sender, str(record["year"]))
    if record["uuid"] != expected:
        return "uuid", _(
            "mã báo cáo {uuid} không phải mã của báo cáo năm {year} của đơn vị {code} ({expected})"
        ).format(uuid=record["uuid"], year=record["year"], code=sender, expected=expected)
    return None


def record_problem(record_kind: str, record: Any) -> tuple[str, str] | None:
    """(field, reason) of the first problem of one record, or None when it matches the schema."""
    if not isinstance(record, dict):
        return "", _("bản ghi phải là một đối tượng JSON")
    for key, check in SCHEMAS[record_kind].items():
        if key not in record:
            return key, _("thiếu trường")
        reason = check(record[key])
        if reason:
            return key, reason
    for key, check in OPTIONAL_FIELDS.get(record_kind, {}).items():
        if key in record and (reason := check(record[key])):
            return key, reason
    if record_kind in ("nomination", "award"):
        return _target_problem(record)
    if record_kind == "yearly_report":
        return _report_figures_problem(record)
    start, end, launched = record.get("period_from"), record.get("period_to"), record.get("launched_on")
    if record_kind == "movement" and start and end and end < start:
        return "period_to", _("ngày kết thúc trước ngày bắt đầu")
    if record_kind == "movement" and launched and end and launched > end:
        return "launched_on", _("ngày phát động sau ngày kết thúc")
    return None


def received_text(value: object, *, multiline: bool = False) -> str:
    """A text field of a received record as this database keeps it in a row: :func:`clean_input` (NFC, ordinary
    spaces, no zero-width characters, trimmed), with the characters it refuses from a clerk (control characters,
    hidden direction overrides) dropped, since nobody here can retype them. One-line fields (``multiline`` False)
    have line breaks and runs of spaces as one space. The record itself is kept as received (its hash is of it)."""
    text = "" if value is None else str(value)
    limit = max(LONG_TEXT_LIMIT, 3 * len(text))  # the record's own limits were checked; NFC may lengthen a little
    try:
        text = clean_input(text, field="", multiline=True, max_length=limit)
    except InputTextError:
        kept = "".join(ch for ch in text if not is_refused_character(ch, multiline=True))
        text = clean_input(kept, field="", multiline=True, max_length=limit)
    return text if multiline else nfc(text)


def content_sha256(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def validate_entry(
    entry_name: str, expected_kind: str, data: Any, manifest: Manifest | None = None
) -> list[dict[str, Any]]:
    """Check a decoded data entry; returns its records or raises ONE PackageError naming entry, record and field.

    With the package's ``manifest``, each record is also checked against its signed header
    (:func:`sender_record_problem`)."""

    def refuse(reason: str) -> PackageError:
        return PackageError(
            _("Dữ liệu trong mục “{entry}” không hợp lệ: {reason}").format(entry=entry_name, reason=reason),
            code="record",
        )

    if (
        not isinstance(data, dict)
        or data.get("record_kind") != expected_kind
        or not isinstance(data.get("records"), list)
    ):
        raise refuse(_("phải có “record_kind” là “{kind}” và danh sách “records”.").format(kind=expected_kind))
    records: list[dict[str, Any]] = data["records"]
    if len(records) > MAX_RECORDS:
        raise refuse(_("có quá {limit} bản ghi.").format(limit=MAX_RECORDS))
    label = _(RECORD_KIND_LABELS[expected_kind])
    for index, record in enumerate(records, start=1):
        problem = record_problem(expected_kind, record)
        if problem is None and manifest is not None:
            problem = sender_record_problem(expected_kind, record, manifest)
        if problem:
            field, reason = problem
            raise refuse(
                _("bản ghi thứ {n} ({kind}), trường “{field}”: {reason}.").format(
                    n=index, kind=label, field=field, reason=reason
                )
            )
    return records
