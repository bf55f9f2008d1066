"""The yearly review (bình xét): rounds, nominations, the council's ballot, posting, decisions, the dossier.

One keyword-only function per clerk's operation, each change in ONE ``store.transaction`` so the audit log
names it (``review.*`` / ``decision.*``). The window and ``tdkt review|council|decision|dossier`` call these.

Decisions are permanent records:

- the number comes from the unit's own series (``number_series``: one counter per series key and year), taken
  inside the same ``BEGIN IMMEDIATE`` transaction that writes the decision, so two clerks never get the same
  number and a number is never reused; numbers skipped on purpose are recorded in ``number_gaps`` with a reason;
- each awardee gets a register number (số sổ vàng, 1..n within the decision) and a frozen snapshot of name,
  position, department and gender: later edits to the staff record never change an issued decision;
- a replacement (thay thế) issues a NEW decision (new number) citing the old one's number and date, with an
  article saying it replaces it; the old one stays with status ``corrected`` (shown as "đã bị thay thế") and
  the reason. A cancellation (hủy bỏ) keeps the decision with status ``revoked`` (shown as "đã hủy bỏ") and its
  reason; its awards and money are withdrawn (thu hồi). The functions keep their first names
  (``correct_decision``, ``revoke_decision``); ``replace_decision`` and ``cancel_decision`` are the same;
- the signing mode (``chair``, ``deputy`` "KT.", ``body`` "TM.", :mod:`desktop.domain.signing`) is stored on
  the decision; its documents, payment list and certificates all follow it, and a replacement keeps it.

Award history: every awardee also becomes an ``awards`` row (source ``unit``, ``decision_id``, ``awardee_id``)
so the consecutive-year rules see it next year. Revoking a decision REMOVES its ``awards`` rows from the
history (the award no longer exists in law); the audit log keeps the deleted rows, and the decision itself
keeps its awardee list for the record. A replacement moves the rows to the replacing decision.

The ``*_doc`` functions fill the plain dataclasses of :mod:`desktop.documents.review_data`; their text is the
text of Vietnamese administrative documents (the language of the law), so it is data, not translated UI text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from desktop.documents.review_data import (
    AchievementReportDoc,
    AwardLine,
    BallotLine,
    CouncilMemberLine,
    DecisionDoc,
    MinutesDoc,
    PaymentListDoc,
    PreviousAward,
    ProposalDoc,
    RegisterDoc,
    RegisterEntry,
    UnitHeader,
)
from desktop.domain import codes, signing
from desktop.domain.amount_words import amount_in_words
from desktop.domain.award_text import common_achievement, default_achievement
from desktop.domain.ballot import BallotError, ballot_result
from desktop.domain.money import PayLine, select_payable
from desktop.domain.rules import RulePack, RulePackError
from desktop.domain.text import nfc, plain_sort_key, sort_key
from desktop.i18n import N_, _
from desktop.store import NotFoundError, Store, ValidationError, awards_repo, new_uuid, now_iso, unit_repo
from desktop.store.audit import record_event
from desktop.store.faults import pause_point

ROUND_KINDS = ("year", "movement", "occasion")
TARGET_KINDS = ("individual", "collective", "household")
PROPOSED_VERDICTS = ("eligible", "needs_vote")
OVERRIDE_VERDICTS = ("not_eligible", "deferred")
ACTIVE_STATUSES = ("proposed", "passed", "failed")
COUNCIL_ROLES: dict[str, str] = {
    "chair": N_("Chủ tịch Hội đồng"),
    "deputy": N_("Phó Chủ tịch Hội đồng"),
    "member": N_("Ủy viên"),
    "secretary": N_("Thư ký"),
}
NOMINATION_STATUSES: dict[str, str] = {
    "proposed": N_("Đề nghị"),
    "removed": N_("Đã bỏ khỏi danh sách"),
    "passed": N_("Đạt (Hội đồng)"),
    "failed": N_("Không đạt (Hội đồng)"),
    "decided": N_("Đã có quyết định"),
    "sent_up": N_("Đã gửi hồ sơ lên cấp trên"),
}
DECISION_STATUSES: dict[str, str] = {
    "issued": N_("Đã ban hành"),
    "corrected": N_("Đã bị thay thế"),
    "revoked": N_("Đã hủy bỏ (thu hồi khen thưởng, tiền thưởng)"),
}
DEFAULT_SERIES = "QĐ-UBND"
_KIND_ORDER = {kind: index for index, kind in enumerate(TARGET_KINDS)}
# Roles printed on documents; the documents are in Vietnamese whatever the screen language.
_ROLE_TEXT = {
    "chair": "Chủ tịch Hội đồng",
    "deputy": "Phó Chủ tịch Hội đồng",
    "member": "Ủy viên",
    "secretary": "Thư ký",
}
CORRECTABLE_FIELDS = ("signer_title", "signer_name", "signing_mode", "subject", "achievement_text", "series_key")
HEADER_FIELDS = ("signer_title", "signer_name", "signing_mode", "subject", "achievement_text")
SNAPSHOT_FIELDS = ("snapshot_name", "snapshot_position", "snapshot_department", "snapshot_gender")


# -- small helpers ---------------------------------------------------------------------------------------------


def _pack(store: Store) -> RulePack:
    from desktop.ops import rules as rules_ops

    return rules_ops.effective_pack(store)


def _label(mapping: dict[str, str], key: str) -> str:
    """The translated label of a status code (a variable, so the extractor does not mistake the key for text)."""
    text = mapping.get(key, key)
    return _(text)


def _iso(value: date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10]).isoformat()
    return value.isoformat()


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValidationError(
            _("“{value}” không phải ngày hợp lệ (dạng YYYY-MM-DD).").format(value=value), field="date"
        ) from None


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def _require_text(value: str, field: str, message: str) -> str:
    text = nfc(value)
    if not text:
        raise ValidationError(message, field=field)
    return text


def _get_round_row(store: Store, round_id: int) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM review_rounds WHERE id = ?", (round_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy đợt bình xét số {id}.").format(id=round_id))
    return row


def _get_nomination_row(store: Store, nomination_id: int) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM nominations WHERE id = ?", (nomination_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy đề nghị số {id}.").format(id=nomination_id))
    return row


def _catalog_name(pack: RulePack, code: str) -> str:
    return pack.item(code).name if pack.has(code) else code


def _conferred_by(pack: RulePack, code: str, on: date, kind: str) -> str:
    """ "unit", "upward" or "none" for this kind of unit on that date ("unit" when the pack cannot tell)."""
    try:
        return pack.conferred_by(code, on, kind)
    except RulePackError:
        return "unit"


def _authority(pack: RulePack, code: str, on: date, kind: str) -> tuple[str, str]:
    """(who confers it, the law that says so) on that date, for messages and the window."""
    try:
        cited = pack.authority_cited(code, kind, on)
    except RulePackError:
        return "unit", ""
    return str(cited.value), cited.citation()


def _unit_kind(store: Store) -> str:
    from desktop.ops import rules as rules_ops

    return rules_ops.unit_kind(store)


def _unit_signing(store: Store) -> tuple[str, str, str]:
    """(unit kind, unit name, the head's title) — what the signature block of the unit's decisions is made of."""
    unit = unit_repo.get_unit(store) or {}
    kind = str(unit.get("unit_kind") or "") or "ubnd_xa"
    return kind, str(unit.get("name") or ""), signing.head_title(str(unit.get("head_title") or ""), kind)


def default_signing_mode(store: Store, *, codes: Iterable[str], on: date) -> str:
    """How a decision conferring ``codes`` on ``on`` is signed by default: the mode the law gives for those awards
    (``pack.signing_default``; "chair" for every award of the national pack)."""
    pack = _pack(store)
    return signing.default_mode(pack.signing_default(code, on) for code in codes if pack.has(code))


def signing_choices(store: Store) -> list[tuple[str, tuple[str, ...]]]:
    """Each signing mode this unit can use, with the lines it prints ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    kind, name, head = _unit_signing(store)
    body = signing.body_name(kind, name)
    return [
        (mode, signing.signature_lines(mode, head=head, signer_title="", body=body))
        for mode in signing.SIGNING_MODES
        if mode != "body" or body
    ]


def _checked_signing(store: Store, mode: str, signer_title: str) -> str:
    """The mode's line above the title ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN" or ""), after checking the mode fits."""
    kind, name, head = _unit_signing(store)
    try:
        signing.check(mode, unit_kind=kind, unit_name=name, head=head, signer_title=signer_title)
    except signing.SigningError as exc:
        raise ValidationError(str(exc), field="signing_mode") from None
    return signing.mode_line(mode, head=head, body=signing.body_name(kind, name))


def signature_lines(store: Store, decision: dict[str, Any]) -> tuple[str, ...]:
    """The title lines the decision, its payment list and its certificates print above the signer's name."""
    kind, name, head = _unit_signing(store)
    return signing.signature_lines(
        str(decision.get("signing_mode") or "chair"),
        head=head,
        signer_title=str(decision.get("signer_title") or ""),
        body=signing.body_name(kind, name),
    )


def round_date(round_row: dict[str, Any]) -> date:
    """The date the round's decision is planned to bear: the law of that date applies (default 31 December)."""
    value = round_row.get("decision_date")
    return date.fromisoformat(value) if value else _year_end(int(round_row["year"]))


_FUTURE_DAYS = 366  # a decision is signed now, not next year: a date further ahead is a typing slip


def _check_law_date(pack: RulePack, when: date, what: str, *, today: date | None = None) -> None:
    """A decision date the law of the pack covers, and not far in the future."""
    try:
        pack.check_date(when, what=what)
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None
    limit = (today or date.today()) + timedelta(days=_FUTURE_DAYS)
    if when > limit:
        raise ValidationError(
            _("{what}: ngày {date} quá xa trong tương lai (sau ngày {limit}); hãy kiểm tra lại ngày ký.").format(
                what=what, date=when.strftime("%d/%m/%Y"), limit=limit.strftime("%d/%m/%Y")
            ),
            field="decision_date",
        )


def _ballot_required(pack: RulePack, code: str, on: date) -> bool:
    try:
        return pack.ballot_threshold_cited(code, on) is not None
    except RulePackError:
        return False


def _subject_name(store: Store, target_kind: str, staff_id: Any, department_id: Any, household: str) -> str:
    if target_kind == "individual":
        return str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,)) or "")
    if target_kind == "collective":
        return str(store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or "")
    return household


def _name_order(target_kind: str, name: str) -> tuple[int, str]:
    key = sort_key(name) if target_kind in ("individual", "household") else plain_sort_key(name)
    return (_KIND_ORDER.get(target_kind, 9), key)


def _reasons_json(verdict: Any) -> str:
    reasons = [{"text": r.text, "cite": r.cite, "met": r.met} for r in getattr(verdict, "reasons", [])]
    return json.dumps(reasons, ensure_ascii=False)


def _initiative_id(verdict: Any) -> int | None:
    for raw in getattr(verdict, "initiative_ids", ()) or ():
        text = str(raw)
        if text.isdigit():
            return int(text)
    return None


def _verdict_target(verdict: Any) -> tuple[str, int | None, int | None]:
    subject_id = int(verdict.subject_id)
    if verdict.subject == "collective":
        return "collective", None, subject_id
    return "individual", subject_id, None


def _verdicts(store: Store, year: int, today: date | None = None, on: date | None = None) -> list[Any]:
    from desktop.ops import rules as rules_ops

    try:
        return list(rules_ops.evaluate_year(store, year=year, today=today, on=on))
    except RulePackError as exc:
        raise ValidationError(str(exc), field="year") from None


def _engine_view(
    store: Store, year: int, today: date | None = None, on: date | None = None
) -> dict[tuple[str, int, str], Any]:
    """The engine's verdicts for the year, by (target kind, id, code)."""
    found: dict[tuple[str, int, str], Any] = {}
    for verdict in _verdicts(store, year, today, on):
        kind, staff_id, department_id = _verdict_target(verdict)
        found[(kind, int(staff_id or department_id or 0), verdict.code)] = verdict
    return found


def _status_value(verdict: Any) -> str:
    status = getattr(verdict, "status", "")
    return str(getattr(status, "value", status))


def _insert_nomination(store: Store, values: dict[str, Any]) -> int:
    stamp = now_iso()
    row = {
        "uuid": new_uuid(),
        "staff_id": None,
        "department_id": None,
        "household_name": "",
        "engine_verdict": "",
        "engine_reasons": "[]",
        "proposed_by_engine": 0,
        "change_reason": "",
        "override_reason": "",
        "initiative_id": None,
        "achievement": "",
        "status": "proposed",
        "created_at": stamp,
        "updated_at": stamp,
    } | values
    return store.insert("nominations", row)


# -- rounds -----------------------------------------------------------------------------------------------------


def create_round(
    store: Store,
    *,
    year: int,
    kind: str = "year",
    name: str = "",
    movement_id: int | None = None,
    posting_days: int = 0,
    decision_date: date | str | None = None,
    today: date | None = None,
    actor: str = "system",
) -> int:
    """Open a review round and propose every candidate the engine finds eligible or to be voted on.

    ``decision_date`` is the date the decision is planned to bear (default: 31 December of ``year``): the law
    of that date says which nominees the unit confers itself and which it proposes upward.
    """
    if kind not in ROUND_KINDS:
        raise ValidationError(_("Loại đợt bình xét “{value}” không hợp lệ.").format(value=kind), field="kind")
    if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2200:
        raise ValidationError(_("Năm {year} không hợp lệ.").format(year=year), field="year")
    if posting_days < 0:
        raise ValidationError(_("Số ngày niêm yết công khai không được âm."), field="posting_days")
    pack = _pack(store)
    planned = _as_date(decision_date) if decision_date else None
    on = planned or _year_end(year)
    if planned is not None and not year <= planned.year <= year + 1:
        raise ValidationError(
            _("Ngày dự kiến ký quyết định {date} không thuộc năm {year} hoặc năm sau đó.").format(
                date=planned.strftime("%d/%m/%Y"), year=year
            ),
            field="decision_date",
        )
    _check_law_date(pack, on, _("Đợt bình xét năm {year}").format(year=year))
    verdicts = _verdicts(store, year, today, on) if kind == "year" else []
    title = nfc(name) or (
        f"Bình xét thi đua, khen thưởng năm {year}" if kind == "year" else f"Đợt khen thưởng năm {year}"
    )
    with store.transaction(operation="review.create_round", actor=actor):
        stamp = now_iso()
        round_id = store.insert(
            "review_rounds",
            {
                "uuid": new_uuid(),
                "year": year,
                "kind": kind,
                "name": title,
                "movement_id": movement_id,
                "status": "draft",
                "posting_days": int(posting_days),
                "decision_date": planned.isoformat() if planned else None,
                "notes": "",
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        for verdict in verdicts:
            status = _status_value(verdict)
            if status not in PROPOSED_VERDICTS or not pack.has(verdict.code):
                continue
            target_kind, staff_id, department_id = _verdict_target(verdict)
            _insert_nomination(
                store,
                {
                    "round_id": round_id,
                    "target_kind": target_kind,
                    "staff_id": staff_id,
                    "department_id": department_id,
                    "code": verdict.code,
                    "category": pack.item(verdict.code).kind,
                    "engine_verdict": status,
                    "engine_reasons": _reasons_json(verdict),
                    "proposed_by_engine": 1,
                    "initiative_id": _initiative_id(verdict) if verdict.code == "CSTDCS" else None,
                },
            )
    return round_id


def list_rounds(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT r.*, "
        "(SELECT count(*) FROM nominations n WHERE n.round_id = r.id AND n.status != 'removed') AS nominations, "
        "(SELECT count(*) FROM decisions d WHERE d.round_id = r.id) AS decisions "
        "FROM review_rounds r ORDER BY r.year DESC, r.id DESC"
    )


_NOMINATION_SQL = """
SELECT n.*, s.full_name AS staff_name, s.sort_key AS staff_sort, s.position AS staff_position,
       s.gender AS staff_gender, sd.name AS staff_department, d.name AS department_name,
       b.members_total AS b_members_total, b.present AS b_present, b.agree AS b_agree, b.disagree AS b_disagree,
       b.invalid AS b_invalid, b.passed AS b_passed, b.threshold AS b_threshold, b.arithmetic AS b_arithmetic,
       b.cite AS b_cite, b.written_agree AS b_written_agree, b.written_disagree AS b_written_disagree
FROM nominations n
LEFT JOIN staff s ON s.id = n.staff_id
LEFT JOIN departments sd ON sd.id = s.department_id
LEFT JOIN departments d ON d.id = n.department_id
LEFT JOIN ballots b ON b.nomination_id = n.id
"""


def _nomination_dict(pack: RulePack, row: dict[str, Any], on: date, unit_kind: str) -> dict[str, Any]:
    kind = row["target_kind"]
    if kind == "individual":
        name, position, department, gender = (
            row["staff_name"] or "",
            row["staff_position"] or "",
            row["staff_department"] or "",
            row["staff_gender"] or "",
        )
    elif kind == "collective":
        name, position, department, gender = row["department_name"] or "", "", "", ""
    else:
        name, position, department, gender = row["household_name"], "", "", ""
    ballot = None
    if row["b_members_total"] is not None:
        try:
            written_count = bool(pack.setting("ballot_counts_written_opinions", on))
        except RulePackError:
            written_count = False
        ballot = {
            "counted_agree": row["b_agree"] + (row["b_written_agree"] if written_count else 0),
            "members_total": row["b_members_total"],
            "present": row["b_present"],
            "agree": row["b_agree"],
            "disagree": row["b_disagree"],
            "invalid": row["b_invalid"],
            "written_agree": row["b_written_agree"],
            "written_disagree": row["b_written_disagree"],
            "passed": bool(row["b_passed"]),
            "threshold": row["b_threshold"],
            "arithmetic": row["b_arithmetic"],
            "cite": row["b_cite"],
        }
    return {
        "id": row["id"],
        "uuid": row["uuid"],
        "round_id": row["round_id"],
        "target_kind": kind,
        "staff_id": row["staff_id"],
        "department_id": row["department_id"],
        "household_name": row["household_name"],
        "name": name,
        "position": position,
        "department": department,
        "gender": gender,
        "code": row["code"],
        "code_name": _catalog_name(pack, row["code"]),
        "category": row["category"],
        "conferred_by": _conferred_by(pack, row["code"], on, unit_kind),
        "authority": _authority(pack, row["code"], on, unit_kind)[0],
        "ballot_required": _ballot_required(pack, row["code"], on),
        "engine_verdict": row["engine_verdict"],
        "engine_reasons": json.loads(row["engine_reasons"] or "[]"),
        "proposed_by_engine": bool(row["proposed_by_engine"]),
        "status": row["status"],
        "ballot": ballot,
        "change_reason": row["change_reason"],
        "override_reason": row["override_reason"],
        "removed_reason": row["removed_reason"],
        "initiative_id": row["initiative_id"],
        "achievement": row["achievement"],
    }


def _nominations(store: Store, pack: RulePack, round_row: dict[str, Any], where: str = "", params: Iterable[Any] = ()):
    on = round_date(round_row)
    kind = _unit_kind(store)
    rows = store.query(_NOMINATION_SQL + " WHERE n.round_id = ? " + where, (round_row["id"], *params))
    items = [_nomination_dict(pack, row, on, kind) for row in rows]
    items.sort(
        key=lambda n: (
            *_name_order(n["target_kind"], n["name"]),
            -(pack.item(n["code"]).rank if pack.has(n["code"]) else 0),
            n["id"],
        )
    )
    return items


def get_round(store: Store, round_id: int) -> dict[str, Any]:
    """The round with its nominations (every status, removed ones too), its council and its decisions."""
    pack = _pack(store)
    row = _get_round_row(store, round_id)
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_id,))
    members = []
    if council:
        members = store.query(
            "SELECT * FROM council_members WHERE council_id = ? ORDER BY position, id", (council["id"],)
        )
        council = dict(council) | {
            "members": [
                {
                    "full_name": m["full_name"],
                    "role": m["role"],
                    "staff_id": m["staff_id"],
                    "attended": bool(m["attended"]),
                    "written_opinion": m["written_opinion"],
                }
                for m in members
            ],
            "members_total": len(members),
            "present": sum(1 for m in members if m["attended"]),
        }
    decisions = store.query(
        "SELECT id, number_text, decision_date, status FROM decisions WHERE round_id = ? ORDER BY id", (round_id,)
    )
    return dict(row) | {
        "nominations": _nominations(store, pack, row),
        "council": council,
        "decisions": decisions,
    }


def _active_duplicate(store: Store, round_id: int, target_kind: str, staff_id, department_id, household, code) -> bool:
    return bool(
        store.scalar(
            "SELECT 1 FROM nominations WHERE round_id = ? AND target_kind = ? AND code = ? "
            "AND coalesce(staff_id, 0) = ? AND coalesce(department_id, 0) = ? AND household_name = ? "
            "AND status != 'removed'",
            (round_id, target_kind, code, staff_id or 0, department_id or 0, household),
        )
    )


def add_nomination(
    store: Store,
    *,
    round_id: int,
    target_kind: str,
    code: str,
    staff_id: int | None = None,
    department_id: int | None = None,
    household_name: str = "",
    change_reason: str = "",
    override_reason: str = "",
    initiative_id: int | None = None,
    achievement: str = "",
    today: date | None = None,
    actor: str = "system",
) -> int:
    """Add a person, collective or household to the round, against the engine's advice only with a reason."""
    pack = _pack(store)
    round_row = _get_round_row(store, round_id)
    if round_row["status"] == "closed":
        raise ValidationError(_("Đợt bình xét đã kết thúc; không thêm đề nghị được nữa."), field="round_id")
    if target_kind not in TARGET_KINDS:
        raise ValidationError(
            _("Đối tượng “{value}” không hợp lệ (cá nhân, tập thể hoặc hộ gia đình).").format(value=target_kind),
            field="target_kind",
        )
    code = nfc(code).upper()
    if not pack.has(code):
        raise ValidationError(
            _("Mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code), field="code"
        )
    item = pack.item(code)
    if target_kind not in item.targets:
        raise ValidationError(_("“{name}” không xét cho đối tượng này.").format(name=item.name), field="target_kind")
    on = round_date(round_row)
    who, law = _authority(pack, code, on, _unit_kind(store))
    if who == "none":
        raise ValidationError(
            _("Theo quy định ngày {date}, loại đơn vị này không đề nghị, không quyết định “{title}” ({law}).").format(
                date=on.strftime("%d/%m/%Y"), title=item.name, law=law
            ),
            field="code",
        )
    household = nfc(household_name)
    if target_kind == "individual":
        if staff_id is None or not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
            raise ValidationError(_("Chưa chọn cán bộ được đề nghị (hoặc không tìm thấy)."), field="staff_id")
        department_id, household = None, ""
    elif target_kind == "collective":
        if department_id is None or not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
            raise ValidationError(_("Chưa chọn tập thể được đề nghị (hoặc không tìm thấy)."), field="department_id")
        staff_id, household = None, ""
    else:
        if not household:
            raise ValidationError(_("Chưa nhập tên hộ gia đình được đề nghị."), field="household_name")
        staff_id = department_id = None
    if _active_duplicate(store, round_id, target_kind, staff_id, department_id, household, code):
        raise ValidationError(
            _("{name} đã có trong danh sách đề nghị “{title}” của đợt này.").format(
                name=_subject_name(store, target_kind, staff_id, department_id, household), title=item.name
            ),
            field="code",
        )
    verdict = None
    if target_kind != "household":
        subject_key = int(staff_id or department_id or 0)
        verdict = _engine_view(store, round_row["year"], today, round_date(round_row)).get(
            (target_kind, subject_key, code)
        )
    status = _status_value(verdict) if verdict is not None else ""
    change = nfc(change_reason)
    override = nfc(override_reason)
    if status not in PROPOSED_VERDICTS and not change:
        raise ValidationError(
            _(
                "Chương trình không đề xuất {name} cho “{title}”: hãy ghi lý do thay đổi (trường “Lý do thay đổi”)."
            ).format(name=_subject_name(store, target_kind, staff_id, department_id, household), title=item.name),
            field="change_reason",
        )
    if status in OVERRIDE_VERDICTS and not override:
        label = _("không đủ điều kiện") if status == "not_eligible" else _("đang tạm hoãn xét")
        raise ValidationError(
            _(
                "Theo quy định, {name} {label} cho “{title}”: chỉ đề nghị được khi ghi rõ lý do "
                "(trường “Lý do đề nghị ngoại lệ”)."
            ).format(
                name=_subject_name(store, target_kind, staff_id, department_id, household), label=label, title=item.name
            ),
            field="override_reason",
        )
    if initiative_id is not None and not store.scalar("SELECT 1 FROM initiatives WHERE id = ?", (initiative_id,)):
        raise ValidationError(_("Không tìm thấy sáng kiến số {id}.").format(id=initiative_id), field="initiative_id")
    if initiative_id is None and verdict is not None and code == "CSTDCS":
        initiative_id = _initiative_id(verdict)
    with store.transaction(operation="review.add_nomination", actor=actor):
        return _insert_nomination(
            store,
            {
                "round_id": round_id,
                "target_kind": target_kind,
                "staff_id": staff_id,
                "department_id": department_id,
                "household_name": household,
                "code": code,
                "category": item.kind,
                "engine_verdict": status,
                "engine_reasons": _reasons_json(verdict) if verdict is not None else "[]",
                "proposed_by_engine": 0,
                "change_reason": change,
                "override_reason": override,
                "initiative_id": initiative_id,
                "achievement": nfc(achievement),
            },
        )


def remove_nomination(store: Store, *, nomination_id: int, reason: str, actor: str = "system") -> None:
    """Take a nominee off the list: the row stays with status ``removed`` and the reason."""
    row = _get_nomination_row(store, nomination_id)
    text = _require_text(reason, "reason", _("Hãy ghi lý do bỏ đề nghị này khỏi danh sách."))
    if row["status"] in ("decided", "sent_up"):
        raise ValidationError(
            _("Đề nghị này đã có quyết định hoặc đã gửi lên cấp trên; không bỏ được."), field="nomination_id"
        )
    if row["status"] == "removed":
        raise ValidationError(_("Đề nghị này đã được bỏ khỏi danh sách từ trước."), field="nomination_id")
    with store.transaction(operation="review.remove_nomination", actor=actor):
        store.update(
            "nominations",
            nomination_id,
            {
                "status": "removed",
                "removed_reason": text,
                "change_reason": row["change_reason"] or text,
                "updated_at": now_iso(),
            },
        )


# -- council and ballots -----------------------------------------------------------------------------------------


def set_council(
    store: Store,
    *,
    round_id: int,
    meeting_date: date | str,
    location: str,
    members: list[dict[str, Any]],
    actor: str = "system",
) -> int:
    """Record the council meeting: who sits on it, with which role, who attended, absentees' written opinions."""
    round_row = _get_round_row(store, round_id)
    meeting = _as_date(meeting_date)
    if not members:
        raise ValidationError(_("Hội đồng phải có ít nhất một thành viên."), field="members")
    clean: list[dict[str, Any]] = []
    for index, member in enumerate(members, start=1):
        name = nfc(str(member.get("full_name") or ""))
        if not name:
            raise ValidationError(_("Thành viên thứ {n} của Hội đồng chưa có họ tên.").format(n=index), field="members")
        role = str(member.get("role") or "member")
        if role not in COUNCIL_ROLES:
            raise ValidationError(
                _("Vai trò “{role}” của {name} không hợp lệ (chair, deputy, member, secretary).").format(
                    role=role, name=name
                ),
                field="members",
            )
        staff_id = member.get("staff_id")
        if staff_id is not None and not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
            raise ValidationError(
                _("Không tìm thấy cán bộ số {id} (thành viên {name}).").format(id=staff_id, name=name), field="members"
            )
        clean.append(
            {
                "full_name": name,
                "role": role,
                "staff_id": staff_id,
                "attended": 1 if member.get("attended", True) else 0,
                "written_opinion": nfc(str(member.get("written_opinion") or "")),
            }
        )
    if sum(1 for m in clean if m["role"] == "chair") != 1:
        raise ValidationError(_("Hội đồng phải có đúng một Chủ tịch Hội đồng (vai trò chair)."), field="members")
    existing = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_id,))
    if existing:
        old = store.query("SELECT attended FROM council_members WHERE council_id = ?", (existing["id"],))
        voted = store.scalar(
            "SELECT count(*) FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
            (round_id,),
        )
        same_counts = len(old) == len(clean) and sum(r["attended"] for r in old) == sum(m["attended"] for m in clean)
        if voted and not same_counts:
            raise ValidationError(
                _(
                    "Hội đồng đã bỏ phiếu cho {n} đề nghị; không đổi được số thành viên hoặc số người có mặt "
                    "vì kết quả bỏ phiếu tính trên số đó."
                ).format(n=voted),
                field="members",
            )
    with store.transaction(operation="review.set_council", actor=actor):
        stamp = now_iso()
        if existing:
            council_id = int(existing["id"])
            store.update(
                "councils",
                council_id,
                {"meeting_date": meeting.isoformat(), "location": nfc(location), "updated_at": stamp},
            )
            store.execute("DELETE FROM council_members WHERE council_id = ?", (council_id,))
        else:
            council_id = store.insert(
                "councils",
                {
                    "uuid": new_uuid(),
                    "round_id": round_id,
                    "meeting_date": meeting.isoformat(),
                    "location": nfc(location),
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
        for position, member in enumerate(clean, start=1):
            store.insert(
                "council_members",
                member
                | {
                    "uuid": new_uuid(),
                    "council_id": council_id,
                    "position": position,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
        if round_row["status"] == "draft":
            store.update("review_rounds", round_id, {"status": "council", "updated_at": stamp})
    return council_id


def record_ballot(
    store: Store,
    *,
    nomination_id: int,
    agree: int,
    disagree: int,
    invalid: int,
    written_agree: int = 0,
    written_disagree: int = 0,
    actor: str = "system",
) -> dict[str, Any]:
    """The council's secret ballot for one nominee, checked against the threshold on ALL members.

    ``agree``/``disagree``/``invalid`` are the ballots cast at the meeting; ``written_agree``/``written_disagree``
    the written votes of absent members, kept apart (the minutes show both); whether the written ones count
    toward the threshold is the pack's ``ballot_counts_written_opinions`` on the meeting's date.
    """
    pack = _pack(store)
    row = _get_nomination_row(store, nomination_id)
    if row["status"] not in ACTIVE_STATUSES:
        raise ValidationError(
            _("Đề nghị này đang ở trạng thái “{status}”; không ghi kết quả bỏ phiếu được.").format(
                status=_label(NOMINATION_STATUSES, row["status"])
            ),
            field="nomination_id",
        )
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (row["round_id"],))
    if council is None:
        raise ValidationError(
            _("Chưa ghi thành phần Hội đồng của đợt bình xét này; hãy ghi Hội đồng trước khi ghi phiếu."),
            field="round_id",
        )
    members = store.query("SELECT attended FROM council_members WHERE council_id = ?", (council["id"],))
    members_total = len(members)
    present = sum(1 for m in members if m["attended"])
    meeting = date.fromisoformat(council["meeting_date"])
    name = _subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
    try:
        result = ballot_result(
            pack,
            row["code"],
            members_total=members_total,
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            absent=members_total - present,
            written_agree=written_agree,
            written_disagree=written_disagree,
            on=meeting,
        )
    except BallotError as exc:
        raise ValidationError(
            _("Phiếu bầu cho {name} ({title}): {reason}").format(
                name=name, title=_catalog_name(pack, row["code"]), reason=exc
            ),
            field="agree",
        ) from exc
    with store.transaction(operation="review.record_ballot", actor=actor):
        stamp = now_iso()
        values = {
            "members_total": members_total,
            "present": present,
            "agree": agree,
            "disagree": disagree,
            "invalid": invalid,
            "written_agree": written_agree,
            "written_disagree": written_disagree,
            "passed": int(result.passed),
            "threshold": str(result.threshold_percent),
            "arithmetic": result.text,
            "cite": result.cite,
            "updated_at": stamp,
        }
        existing = store.scalar("SELECT id FROM ballots WHERE nomination_id = ?", (nomination_id,))
        if existing:
            store.update("ballots", int(existing), values)
        else:
            store.insert("ballots", values | {"uuid": new_uuid(), "nomination_id": nomination_id, "created_at": stamp})
        store.update(
            "nominations", nomination_id, {"status": "passed" if result.passed else "failed", "updated_at": stamp}
        )
    return {
        "nomination_id": nomination_id,
        "name": name,
        "code": row["code"],
        "passed": result.passed,
        "arithmetic": result.text,
        "threshold": str(result.threshold_percent),
        "members_total": members_total,
        "present": present,
        "agree": agree,
        "disagree": disagree,
        "invalid": invalid,
        "written_agree": written_agree,
        "written_disagree": written_disagree,
        "counted_agree": result.counted_agree,
        "cite": result.cite,
    }


def start_posting(
    store: Store, *, round_id: int, start: date | str, days: int | None = None, actor: str = "system"
) -> dict[str, Any]:
    """Public posting (niêm yết công khai) of the list for ``days`` days from ``start`` (inclusive)."""
    round_row = _get_round_row(store, round_id)
    first = _as_date(start)
    length = round_row["posting_days"] if days is None else days
    if not isinstance(length, int) or length <= 0:
        raise ValidationError(_("Số ngày niêm yết công khai phải lớn hơn 0."), field="days")
    last = first + timedelta(days=length - 1)
    with store.transaction(operation="review.start_posting", actor=actor):
        store.update(
            "review_rounds",
            round_id,
            {
                "posting_days": length,
                "posted_from": first.isoformat(),
                "posted_to": last.isoformat(),
                "status": "posted" if round_row["status"] in ("draft", "council") else round_row["status"],
                "updated_at": now_iso(),
            },
        )
    return {"round_id": round_id, "posted_from": first.isoformat(), "posted_to": last.isoformat(), "days": length}


# -- numbers ------------------------------------------------------------------------------------------------------


def _series_id(store: Store, key: str, year: int) -> int:
    found = store.scalar("SELECT id FROM number_series WHERE key = ? AND year = ?", (key, year))
    if found:
        return int(found)
    stamp = now_iso()
    return store.insert(
        "number_series",
        {"uuid": new_uuid(), "key": key, "year": year, "next_number": 1, "created_at": stamp, "updated_at": stamp},
    )


def _allocate_number(store: Store, key: str, year: int) -> tuple[int, int]:
    """The next free number of the series; call inside the decision's transaction (BEGIN IMMEDIATE)."""
    assert store.in_transaction
    series_id = _series_id(store, key, year)
    number = int(store.scalar("SELECT next_number FROM number_series WHERE id = ?", (series_id,)))
    while store.scalar(
        "SELECT 1 FROM number_gaps WHERE series_id = ? AND number = ? "
        "UNION SELECT 1 FROM decisions WHERE series_id = ? AND number = ?",
        (series_id, number, series_id, number),
    ):
        number += 1
    store.update("number_series", series_id, {"next_number": number + 1, "updated_at": now_iso()})
    return series_id, number


def _series_key(value: str) -> str:
    key = nfc(value)
    if not key or "/" in key:
        raise ValidationError(
            _("Ký hiệu sổ văn bản “{value}” không hợp lệ (ví dụ QĐ-UBND).").format(value=value), field="series_key"
        )
    return key


def record_number_gap(
    store: Store, *, series_key: str, year: int, number: int, reason: str, actor: str = "system"
) -> int:
    """Record a number of the series that will never be a decision here (used elsewhere, spoiled), with why."""
    key = _series_key(series_key)
    text = _require_text(reason, "reason", _("Hãy ghi lý do bỏ trống số văn bản này."))
    if not isinstance(number, int) or number < 1:
        raise ValidationError(_("Số văn bản phải là số nguyên dương."), field="number")
    with store.transaction(operation="decision.record_gap", actor=actor):
        series_id = _series_id(store, key, year)
        used = store.scalar("SELECT number_text FROM decisions WHERE series_id = ? AND number = ?", (series_id, number))
        if used:
            raise ValidationError(
                _("Số {number} đã dùng cho quyết định {text}; không ghi là số bỏ trống được.").format(
                    number=number, text=used
                ),
                field="number",
            )
        if store.scalar("SELECT 1 FROM number_gaps WHERE series_id = ? AND number = ?", (series_id, number)):
            raise ValidationError(
                _("Số {number}/{key} năm {year} đã được ghi là số bỏ trống.").format(number=number, key=key, year=year),
                field="number",
            )
        stamp = now_iso()
        return store.insert(
            "number_gaps",
            {
                "uuid": new_uuid(),
                "series_id": series_id,
                "number": number,
                "reason": text,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )


def set_series_next_number(
    store: Store, *, series_key: str, year: int, next_number: int, reason: str, actor: str = "system"
) -> int:
    """Continue the unit's own numbering (a commune already at 125/QĐ-UBND when it starts using the program).

    The number may only move forward past every decision already issued in the series and year, so a number
    is never reused; the reason is kept in the audit log of the same transaction. Returns the series id.
    """
    key = _series_key(series_key)
    text = _require_text(reason, "reason", _("Hãy ghi lý do đặt số tiếp theo của sổ văn bản."))
    if isinstance(next_number, bool) or not isinstance(next_number, int) or next_number < 1:
        raise ValidationError(_("Số tiếp theo phải là số nguyên dương."), field="next_number")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise ValidationError(_("Năm của sổ văn bản không hợp lệ: {year}.").format(year=year), field="year")
    with store.transaction(operation="decision.set_series", actor=actor):
        series_id = _series_id(store, key, year)
        series = store.query_one("SELECT uuid, next_number FROM number_series WHERE id = ?", (series_id,))
        assert series is not None
        highest = store.query_one(
            "SELECT number, number_text FROM decisions WHERE series_id = ? ORDER BY number DESC LIMIT 1", (series_id,)
        )
        if highest and next_number <= int(highest["number"]):
            raise ValidationError(
                _(
                    "Sổ {key} năm {year} đã có quyết định số {text}; số tiếp theo phải lớn hơn {number} "
                    "(đang nhập: {value})."
                ).format(key=key, year=year, text=highest["number_text"], number=highest["number"], value=next_number),
                field="next_number",
            )
        store.update("number_series", series_id, {"next_number": next_number, "updated_at": now_iso()})
        record_event(
            store,
            table="number_series",
            record_uuid=series["uuid"],
            before={"key": key, "year": year, "next_number": series["next_number"]},
            after={"key": key, "year": year, "next_number": next_number, "reason": text},
        )
    return series_id


def list_number_series(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    """The unit's series with their next number and the highest number issued (for the window's dialog)."""
    where = "WHERE s.year = ?" if year else ""
    return store.query(
        "SELECT s.key AS series_key, s.year, s.next_number, "
        "(SELECT max(d.number) FROM decisions d WHERE d.series_id = s.id) AS highest_issued "
        f"FROM number_series s {where} ORDER BY s.year DESC, s.key",
        (year,) if year else (),
    )


def list_number_gaps(store: Store, *, series_key: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if series_key:
        clauses.append("s.key = ?")
        params.append(series_key)
    if year:
        clauses.append("s.year = ?")
        params.append(year)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return store.query(
        "SELECT g.number, g.reason, s.key AS series_key, s.year FROM number_gaps g "
        f"JOIN number_series s ON s.id = g.series_id {where} ORDER BY s.key, s.year, g.number",
        params,
    )


# -- decisions ----------------------------------------------------------------------------------------------------


def _pause_for_tests(store: Store) -> None:
    """Test hook: ``TDKT_TEST_PAUSE_IN=decision.issue`` sleeps here, inside the transaction, half-way through."""
    pause_point("decision.issue")


def _snapshot(store: Store, nomination: dict[str, Any]) -> dict[str, str]:
    kind = nomination["target_kind"]
    if kind == "individual":
        person = (
            store.query_one(
                "SELECT s.full_name, s.position, s.gender, d.name AS department FROM staff s "
                "LEFT JOIN departments d ON d.id = s.department_id WHERE s.id = ?",
                (nomination["staff_id"],),
            )
            or {}
        )
        return {
            "snapshot_name": person.get("full_name") or "",
            "snapshot_position": person.get("position") or "",
            "snapshot_department": person.get("department") or "",
            "snapshot_gender": person.get("gender") or "",
        }
    if kind == "collective":
        name = store.scalar("SELECT name FROM departments WHERE id = ?", (nomination["department_id"],)) or ""
        return {"snapshot_name": name, "snapshot_position": "", "snapshot_department": "", "snapshot_gender": ""}
    return {
        "snapshot_name": nomination["household_name"],
        "snapshot_position": "",
        "snapshot_department": "",
        "snapshot_gender": "",
    }


def _recipient_key(row: dict[str, Any]) -> str:
    kind = row["target_kind"]
    if kind == "individual":
        return f"individual:{row['staff_id']}"
    if kind == "collective":
        return f"collective:{row['department_id']}"
    return f"household:{nfc(row['household_name']).lower()}"


def _select_nominations(
    store: Store,
    pack: RulePack,
    round_row: dict[str, Any],
    decision_date: date,
    nomination_ids: list[int] | None,
    overrides: dict[int, str],
) -> list[dict[str, Any]]:
    rows = store.query("SELECT * FROM nominations WHERE round_id = ? ORDER BY id", (round_row["id"],))
    by_id = {int(r["id"]): r for r in rows}
    ballots = {
        int(b["nomination_id"]): b
        for b in store.query(
            "SELECT b.* FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
            (round_row["id"],),
        )
    }
    chosen: list[dict[str, Any]] = []
    kind = _unit_kind(store)
    if nomination_ids is None:
        for row in rows:
            if row["status"] not in ACTIVE_STATUSES:
                continue
            if _conferred_by(pack, row["code"], decision_date, kind) != "unit":
                continue
            needs = _ballot_required(pack, row["code"], decision_date)
            ballot = ballots.get(int(row["id"]))
            if needs and ballot is None:
                continue
            if ballot is not None and not ballot["passed"] and not nfc(overrides.get(int(row["id"]), "")):
                continue
            chosen.append(row)
        if not chosen:
            raise ValidationError(
                _(
                    "Không có đề nghị nào đủ điều kiện ra quyết định trong đợt này "
                    "(đã qua bỏ phiếu đạt hoặc không cần bỏ phiếu, thuộc thẩm quyền của đơn vị)."
                ),
                field="nomination_ids",
            )
        return chosen
    if not nomination_ids:
        raise ValidationError(_("Chưa chọn đề nghị nào để ra quyết định."), field="nomination_ids")
    for nomination_id in dict.fromkeys(nomination_ids):
        found = by_id.get(int(nomination_id))
        if found is None:
            raise ValidationError(
                _("Đề nghị số {id} không thuộc đợt bình xét này.").format(id=nomination_id), field="nomination_ids"
            )
        row = found
        name = _subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
        title = _catalog_name(pack, row["code"])
        if row["status"] not in ACTIVE_STATUSES:
            raise ValidationError(
                _("{name} ({title}): đề nghị đang ở trạng thái “{status}”, không ra quyết định được.").format(
                    name=name, title=title, status=_label(NOMINATION_STATUSES, row["status"])
                ),
                field="nomination_ids",
            )
        if _conferred_by(pack, row["code"], decision_date, kind) != "unit":
            who, law = _authority(pack, row["code"], decision_date, kind)
            raise ValidationError(
                _(
                    "{name} ({title}): theo quy định ngày {date}, {who} ({law}); đơn vị không ra quyết định được — "
                    "hãy đưa vào hồ sơ đề nghị cấp trên."
                ).format(
                    name=name,
                    title=title,
                    date=decision_date.strftime("%d/%m/%Y"),
                    who=_label(codes.AUTHORITY_LABELS, who),
                    law=law,
                ),
                field="nomination_ids",
            )
        ballot = ballots.get(int(row["id"]))
        if _ballot_required(pack, row["code"], decision_date) and ballot is None:
            raise ValidationError(
                _("{name} ({title}): Hội đồng chưa bỏ phiếu kín cho đề nghị này.").format(name=name, title=title),
                field="nomination_ids",
            )
        if ballot is not None and not ballot["passed"] and not nfc(overrides.get(int(row["id"]), "")):
            raise ValidationError(
                _(
                    "{name} ({title}) không đạt tỷ lệ phiếu của Hội đồng ({arithmetic}); chỉ ra quyết định được khi "
                    "ghi lý do ngoại lệ cho đề nghị số {id}."
                ).format(name=name, title=title, arithmetic=ballot["arithmetic"], id=row["id"]),
                field="override_reasons",
            )
        chosen.append(row)
    return chosen


def _paid_titles(store: Store, year: int, recipients: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Title money already paid in ``year`` by the unit's decisions still in force, by recipient key.

    The awards table holds only awards in force (a revoked decision's rows are gone, a corrected one's moved to
    the replacing decision), and ``amount`` is what was actually paid.
    """
    rows = store.query(
        "SELECT target_kind, staff_id, department_id, household_name, code, amount, decision_no, decision_date "
        "FROM awards WHERE year = ? AND source IN ('unit', 'import') AND category = 'title' AND amount > 0 "
        "ORDER BY coalesce(decision_date, ''), id",
        (year,),
    )
    paid: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = _recipient_key(row)
        if key in recipients:
            paid.setdefault(key, []).append(row)
    return paid


def _decision_ref(row: dict[str, Any]) -> str:
    when = f" ngày {date.fromisoformat(row['decision_date']).strftime('%d/%m/%Y')}" if row["decision_date"] else ""
    return f"Quyết định số {row['decision_no']}{when}"


def _money_lines(
    store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int, decision_date: date
) -> list[tuple[int, str]]:
    """(amount, arithmetic) for each row: title money is paid once per recipient and year.

    Within the decision only the highest title of a recipient is paid. Against the year's earlier decisions
    still in force: a higher title pays only the difference from what was already paid ("2.340.000 − 710.000
    đã nhận theo Quyết định số 1/QĐ-UBND ngày …"); a title not higher than one already paid pays 0, with the
    reason. Award forms are paid besides titles.
    """
    from desktop.domain.money import format_number
    from desktop.ops import rules as rules_ops

    period = str(year)
    lines = [PayLine(_recipient_key(r), period, r["code"], r["target_kind"]) for r in rows]
    choices = select_payable(pack, lines, decision_date)
    paid_before = _paid_titles(store, year, {line.recipient for line in lines})
    out: list[tuple[int, str]] = []
    for row, line, pay in zip(rows, lines, choices, strict=True):
        if not pay.paid:
            out.append((0, pay.reason))
            continue
        try:
            reward = rules_ops.money(store, code=row["code"], target=row["target_kind"], decision_date=decision_date)
        except RulePackError as exc:
            out.append((0, str(exc)))
            continue
        earlier = paid_before.get(line.recipient, []) if row["category"] == "title" else []
        if not earlier:
            out.append((reward.amount, reward.explanation))
            continue
        rank = pack.item(row["code"]).rank if pack.has(row["code"]) else 0
        best = max(earlier, key=lambda e: pack.item(e["code"]).rank if pack.has(e["code"]) else 0)
        best_rank = pack.item(best["code"]).rank if pack.has(best["code"]) else 0
        if rank <= best_rank:
            out.append(
                (
                    0,
                    "Cùng năm {year} đã nhận tiền thưởng “{title}” theo {ref}: chỉ thưởng tiền cho danh hiệu "
                    "cao nhất, danh hiệu này không được thưởng thêm.".format(
                        year=year, title=_catalog_name(pack, best["code"]), ref=_decision_ref(best)
                    ),
                )
            )
            continue
        already = sum(int(e["amount"]) for e in earlier)
        difference = max(0, reward.amount - already)
        deducted = " − ".join(
            "{amount} đã nhận theo {ref}".format(amount=format_number(int(e["amount"])), ref=_decision_ref(e))
            for e in earlier
        )
        out.append(
            (
                difference,
                f"{reward.explanation} Chỉ chi phần chênh lệch: {format_number(reward.amount)} − {deducted} "
                f"= {format_number(difference)} đồng.",
            )
        )
    return out


def _unit_issuer(store: Store) -> str:
    """Who confers the unit's awards, as the award register names it: the head, with the unit's name."""
    unit = unit_repo.get_unit(store) or {}
    name = str(unit.get("name") or "")
    title = str(unit.get("head_title") or "")
    return f"{title} {name}".strip() if title and name and not title.lower().startswith("phó") else name


def _write_decision(
    store: Store,
    pack: RulePack,
    *,
    round_row: dict[str, Any] | None,
    year: int,
    rows: list[dict[str, Any]],
    decision_date: date,
    header: dict[str, Any],
    series_key: str,
    overrides: dict[int, str],
    replaces_id: int | None = None,
    snapshots: list[dict[str, str]] | None = None,
    amounts: list[tuple[int, str]] | None = None,
) -> int:
    """Number, decision row, awardees in register order, award history; inside the caller's transaction."""
    snaps = snapshots or [_snapshot(store, r) for r in rows]
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            *_name_order(rows[i]["target_kind"], snaps[i]["snapshot_name"]),
            -(pack.item(rows[i]["code"]).rank if pack.has(rows[i]["code"]) else 0),
            i,
        ),
    )
    rows = [rows[i] for i in order]
    snaps = [snaps[i] for i in order]
    money = [amounts[i] for i in order] if amounts else _money_lines(store, pack, rows, year, decision_date)
    series_id, number = _allocate_number(store, series_key, decision_date.year)
    number_text = f"{number}/{series_key}"
    stamp = now_iso()
    decision_id = store.insert(
        "decisions",
        {
            "uuid": new_uuid(),
            "series_id": series_id,
            "number": number,
            "number_text": number_text,
            "decision_date": decision_date.isoformat(),
            "signer_title": header["signer_title"],
            "signer_name": header["signer_name"],
            "signing_mode": header["signing_mode"],
            "on_behalf": header["on_behalf"],
            "subject": header["subject"],
            "achievement_text": header["achievement_text"],
            "round_id": round_row["id"] if round_row else None,
            "status": "issued",
            "replaces_id": replaces_id,
            "status_reason": "",
            "created_at": stamp,
            "updated_at": stamp,
        },
    )
    issuer = _unit_issuer(store)
    half = len(rows) // 2
    for register_no, (row, snap, (amount, arithmetic)) in enumerate(zip(rows, snaps, money, strict=True), start=1):
        if register_no == half + 1:
            _pause_for_tests(store)
        nomination_id = row.get("nomination_id", row.get("id")) if replaces_id else row.get("id")
        awardee_id = store.insert(
            "decision_awardees",
            {
                "uuid": new_uuid(),
                "decision_id": decision_id,
                "register_no": register_no,
                "nomination_id": nomination_id,
                "target_kind": row["target_kind"],
                "staff_id": row["staff_id"],
                "department_id": row["department_id"],
                "household_name": row["household_name"],
                "code": row["code"],
                "category": row["category"],
                **snap,
                "amount": amount,
                "arithmetic": arithmetic,
                "override_reason": nfc(overrides.get(int(nomination_id or 0), "") or row.get("override_reason") or ""),
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        initiative = row.get("initiative_id") if row["code"] == "CSTDCS" else None
        award_id = awards_repo.add_award(
            store,
            target_kind=row["target_kind"],
            year=year,
            code=row["code"],
            category=row["category"],
            staff_id=row["staff_id"],
            department_id=row["department_id"],
            household_name=row["household_name"],
            source="unit",
            decision_no=number_text,
            decision_date=decision_date,
            issuer=issuer,
            initiative_id=initiative,
            amount=amount,
        )
        store.update("awards", award_id, {"decision_id": decision_id, "awardee_id": awardee_id})
        if nomination_id and not replaces_id:
            store.update("nominations", int(nomination_id), {"status": "decided", "updated_at": stamp})
    return decision_id


def _backup_before(store: Store, *, reason: str, actor: str) -> None:
    """A verified backup before an operation that is hard to undo (issue 8).

    Skipped inside an enclosing transaction (the demo fill, a movement's proposals): the outer operation is the
    unit of work, and a backup cannot be taken in the middle of it.
    """
    if store.in_transaction or store.readonly:
        return
    from desktop.ops.backup import before_operation

    before_operation(store, reason=reason, actor=actor)


def _decision_header(
    store: Store, rows: list[dict[str, Any]], year: int, when: date, header: dict[str, Any]
) -> dict[str, Any]:
    """Fill the signing mode and the achievement from the awards chosen, then check the mode fits the signer.

    No mode given: the mode the law gives for those awards, or a deputy's when the signer's title is a deputy's
    ("Phó Chủ tịch"). No achievement given: the default of the award when every line has the same one; else
    "" and each line keeps its award's own words.
    """
    chosen = [row["code"] for row in rows]
    mode = header.get("signing_mode") or ""
    if not mode:
        mode = default_signing_mode(store, codes=chosen, on=when)
        if mode == "chair" and signing.is_deputy_title(header["signer_title"]):
            mode = "deputy"
    achievement = header["achievement_text"] or common_achievement(chosen, year)
    line = _checked_signing(store, mode, header["signer_title"])
    return header | {"signing_mode": mode, "on_behalf": line, "achievement_text": achievement}


def issue_decision(
    store: Store,
    *,
    round_id: int,
    decision_date: date | str,
    signer_title: str,
    signer_name: str,
    subject: str,
    achievement_text: str = "",
    signing_mode: str | None = None,
    series_key: str = DEFAULT_SERIES,
    nomination_ids: list[int] | None = None,
    override_reasons: dict[int, str] | None = None,
    actor: str = "system",
) -> int:
    """Issue the unit's decision for the round's nominees; returns the decision id.

    Default nominees: every active nomination the unit confers that passed its ballot or needs none. A nominee
    whose ballot failed is refused unless ``override_reasons`` gives a reason for its nomination id.
    ``signing_mode``: "chair", "deputy" (KT.) or "body" (TM.); None = the law's default for the awards chosen.
    An empty ``achievement_text`` takes the default of the award (each line its own when the awards differ).
    """
    pack = _pack(store)
    round_row = _get_round_row(store, round_id)
    when = _as_date(decision_date)
    _check_law_date(pack, when, _("Quyết định"))
    key = _series_key(series_key)
    header = {
        "signer_title": _require_text(signer_title, "signer_title", _("Chưa nhập chức vụ người ký quyết định.")),
        "signer_name": _require_text(signer_name, "signer_name", _("Chưa nhập họ tên người ký quyết định.")),
        "subject": _require_text(subject, "subject", _("Chưa nhập trích yếu (về việc) của quyết định.")),
        "achievement_text": nfc(achievement_text),
        "signing_mode": nfc(signing_mode or ""),
    }
    if header["signing_mode"]:
        _checked_signing(store, header["signing_mode"], header["signer_title"])
    overrides = {int(k): nfc(v) for k, v in (override_reasons or {}).items() if nfc(v)}
    if round_row["posting_days"] > 0:
        if not round_row["posted_from"]:
            raise ValidationError(
                _(
                    "Đợt bình xét này phải niêm yết công khai {days} ngày trước khi ra quyết định; chưa niêm yết."
                ).format(days=round_row["posting_days"]),
                field="decision_date",
            )
        posted_to = date.fromisoformat(round_row["posted_to"])
        if when <= posted_to:
            raise ValidationError(
                _(
                    "Danh sách đang niêm yết công khai đến hết ngày {end}; quyết định phải ký sau ngày đó "
                    "(ngày ký đang nhập: {date})."
                ).format(end=posted_to.strftime("%d/%m/%Y"), date=when.strftime("%d/%m/%Y")),
                field="decision_date",
            )
    _backup_before(store, reason="before_decision", actor=actor)
    with store.transaction(operation="decision.issue", actor=actor):
        # Read and choose inside the write lock: another window may have decided a nominee meanwhile.
        rows = _select_nominations(store, pack, round_row, when, nomination_ids, overrides)
        decision_id = _write_decision(
            store,
            pack,
            round_row=round_row,
            year=round_row["year"],
            rows=rows,
            decision_date=when,
            header=_decision_header(store, rows, round_row["year"], when, header),
            series_key=key,
            overrides=overrides,
        )
        store.update("review_rounds", round_id, {"status": "decided", "updated_at": now_iso()})
    return decision_id


_DECISION_SQL = """
SELECT d.*, s.key AS series_key, s.year AS series_year, r.year AS round_year, r.name AS round_name,
       (SELECT count(*) FROM decision_awardees a WHERE a.decision_id = d.id) AS awardees_count,
       (SELECT count(DISTINCT a.target_kind || ':' || coalesce(a.staff_id, a.department_id, a.household_name))
        FROM decision_awardees a WHERE a.decision_id = d.id) AS recipients_count,
       (SELECT coalesce(sum(a.amount), 0) FROM decision_awardees a WHERE a.decision_id = d.id) AS total_amount,
       (SELECT x.number_text FROM decisions x WHERE x.replaces_id = d.id) AS replaced_by
FROM decisions d
JOIN number_series s ON s.id = d.series_id
LEFT JOIN review_rounds r ON r.id = d.round_id
"""


def _decision_json(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["replaces"] = None
    return out


def list_decisions(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    """Decisions (every status), newest first; ``year`` is the year of the decision date."""
    if year is None:
        rows = store.query(_DECISION_SQL + " ORDER BY d.decision_date DESC, d.id DESC")
    else:
        rows = store.query(
            _DECISION_SQL + " WHERE substr(d.decision_date, 1, 4) = ? ORDER BY d.decision_date DESC, d.id DESC",
            (f"{year:04d}",),
        )
    replaced = {r["id"]: r["number_text"] for r in store.query("SELECT id, number_text FROM decisions")}
    for row in rows:
        row["replaces"] = replaced.get(row["replaces_id"]) if row["replaces_id"] else None
    return rows


def _find_decision(store: Store, decision_id: int | None, number_text: str | None) -> dict[str, Any]:
    if decision_id is not None:
        row = store.query_one(_DECISION_SQL + " WHERE d.id = ?", (decision_id,))
        label = str(decision_id)
    elif number_text:
        text = nfc(number_text)
        candidates = store.query(_DECISION_SQL + " WHERE d.number_text = ? ORDER BY d.id DESC", (text,))
        if len(candidates) > 1:
            raise ValidationError(
                _("Có {n} quyết định số {number} (ở các năm khác nhau); hãy chọn theo mã quyết định.").format(
                    n=len(candidates), number=text
                ),
                field="number_text",
            )
        row = candidates[0] if candidates else None
        label = text
    else:
        raise ValidationError(_("Chưa chọn quyết định."), field="decision_id")
    if row is None:
        raise NotFoundError(_("Không tìm thấy quyết định {number}.").format(number=label))
    return row


def get_decision(store: Store, *, decision_id: int | None = None, number_text: str | None = None) -> dict[str, Any]:
    """One decision with its awardees in register order (the frozen snapshots, amounts and arithmetic)."""
    pack = _pack(store)
    row = _find_decision(store, decision_id, number_text)
    awardees = store.query("SELECT * FROM decision_awardees WHERE decision_id = ? ORDER BY register_no", (row["id"],))
    on = date.fromisoformat(row["decision_date"])
    year = int(row["round_year"] or on.year)
    for awardee in awardees:
        awardee["code_name"] = _catalog_name(pack, awardee["code"])
        # the words of this line: the decision's own, else those of its award (a CSTĐCS is not "hoàn thành tốt")
        awardee["achievement"] = row["achievement_text"] or default_achievement(awardee["code"], year)
        awardee["paper"] = _paper(pack, awardee["code"], on)
    replaces = (
        store.scalar("SELECT number_text FROM decisions WHERE id = ?", (row["replaces_id"],))
        if row["replaces_id"]
        else None
    )
    return dict(row) | {"replaces": replaces, "awardees": awardees}


def _paper(pack: RulePack, code: str, on: date) -> str:
    """The paper an award gets on that date (``pack.paper``); "" = money and a line in the decision only."""
    try:
        return pack.paper(code, on) if pack.has(code) else ""
    except RulePackError:
        return ""


def correct_decision(
    store: Store,
    *,
    decision_id: int,
    reason: str,
    decision_date: date | str,
    changes: dict[str, Any],
    actor: str = "system",
) -> int:
    """Issue a NEW decision (new number) that replaces (thay thế) ``decision_id``; the old one stays, marked
    ``corrected`` ("đã bị thay thế") with the reason. The new decision cites the old number and date and has an
    article saying it replaces it.

    ``changes`` may set the header (``signer_title``, ``signer_name``, ``signing_mode``, ``subject``,
    ``achievement_text``, ``series_key``; what is not given is kept, the signing mode too), drop lines
    (``remove_register_nos``: [register numbers]) and fix the snapshot printed for a line (``awardees``:
    {register_no: {"snapshot_name": ..., ...}}). Amounts stay those of the old decision unless
    ``recompute_amounts`` is true (then: the pack on the new decision date).
    """
    pack = _pack(store)
    text = _require_text(reason, "reason", _("Hãy ghi lý do thay thế quyết định."))
    when = _as_date(decision_date)
    _check_law_date(pack, when, _("Quyết định"))
    old = get_decision(store, decision_id=decision_id)
    if old["status"] != "issued":
        raise ValidationError(
            _(
                "Quyết định {number} đang ở trạng thái “{status}”; chỉ thay thế được quyết định đang có hiệu lực."
            ).format(number=old["number_text"], status=_label(DECISION_STATUSES, old["status"])),
            field="decision_id",
        )
    unknown = set(changes) - {*CORRECTABLE_FIELDS, "remove_register_nos", "awardees", "recompute_amounts"}
    if unknown:
        raise ValidationError(
            _("Quyết định thay thế không sửa được trường: {fields}.").format(fields=", ".join(sorted(unknown))),
            field="changes",
        )
    header = {k: old[k] for k in HEADER_FIELDS}
    for key in header:
        if key in changes:
            header[key] = nfc(str(changes[key] or ""))
    header["signing_mode"] = header["signing_mode"] or "chair"
    header["on_behalf"] = (
        _checked_signing(store, header["signing_mode"], header["signer_title"])
        if {"signing_mode", "signer_title"} & set(changes)
        else old["on_behalf"]
    )
    key = _series_key(str(changes.get("series_key") or old["series_key"]))
    removed = {int(n) for n in changes.get("remove_register_nos") or ()}
    fixes = {int(k): v for k, v in (changes.get("awardees") or {}).items()}
    kept = [a for a in old["awardees"] if a["register_no"] not in removed]
    if not kept:
        raise ValidationError(
            _(
                "Quyết định thay thế phải còn ít nhất một người; muốn bỏ cả quyết định thì hủy bỏ quyết định "
                "(thu hồi khen thưởng)."
            ),
            field="changes",
        )
    snapshots = []
    for awardee in kept:
        snap = {field: awardee[field] for field in SNAPSHOT_FIELDS}
        for field, value in (fixes.get(awardee["register_no"]) or {}).items():
            if field not in SNAPSHOT_FIELDS:
                raise ValidationError(
                    _("Quyết định thay thế không sửa được trường “{field}” của dòng số {n}.").format(
                        field=field, n=awardee["register_no"]
                    ),
                    field="changes",
                )
            snap[field] = nfc(str(value or ""))
        snapshots.append(snap)
    round_row = (
        store.query_one("SELECT * FROM review_rounds WHERE id = ?", (old["round_id"],)) if old["round_id"] else None
    )
    year = int(
        store.scalar("SELECT year FROM awards WHERE decision_id = ? LIMIT 1", (decision_id,))
        or (round_row["year"] if round_row else date.fromisoformat(old["decision_date"]).year)
    )
    with store.transaction(operation="decision.correct", actor=actor):
        old_awards = store.query("SELECT * FROM awards WHERE decision_id = ?", (decision_id,))
        # The old rows leave the history first so the initiative and the pay rules see only the new decision.
        store.execute("DELETE FROM awards WHERE decision_id = ?", (decision_id,))
        by_awardee = {a["awardee_id"]: a for a in old_awards}
        rows = []
        for awardee in kept:
            old_award = by_awardee.get(awardee["id"]) or {}
            rows.append(
                {
                    "id": awardee["nomination_id"],
                    "nomination_id": awardee["nomination_id"],
                    "target_kind": awardee["target_kind"],
                    "staff_id": awardee["staff_id"],
                    "department_id": awardee["department_id"],
                    "household_name": awardee["household_name"],
                    "code": awardee["code"],
                    "category": awardee["category"],
                    "initiative_id": old_award.get("initiative_id"),
                }
            )
        overrides = {int(a["nomination_id"]): a["override_reason"] for a in kept if a["nomination_id"]}
        amounts = None if changes.get("recompute_amounts") else [(a["amount"], a["arithmetic"]) for a in kept]
        new_id = _write_decision(
            store,
            pack,
            round_row=round_row,
            year=year,
            rows=rows,
            decision_date=when,
            header=header,
            series_key=key,
            overrides=overrides,
            replaces_id=decision_id,
            snapshots=snapshots,
            amounts=amounts,
        )
        store.update("decisions", decision_id, {"status": "corrected", "status_reason": text, "updated_at": now_iso()})
        for awardee in old["awardees"]:
            if awardee["register_no"] in removed and awardee["nomination_id"]:
                _reopen_nomination(store, int(awardee["nomination_id"]))
    return new_id


def _reopen_nomination(store: Store, nomination_id: int) -> None:
    passed = store.scalar("SELECT passed FROM ballots WHERE nomination_id = ?", (nomination_id,))
    status = "proposed" if passed is None else ("passed" if passed else "failed")
    store.update("nominations", nomination_id, {"status": status, "updated_at": now_iso()})


def revoke_decision(store: Store, *, decision_id: int, reason: str, actor: str = "system") -> None:
    """Cancel (hủy bỏ) a decision: it stays with status ``revoked`` and the reason; its awards and money are
    withdrawn (thu hồi), so its rows leave the award history.

    The removed ``awards`` rows remain in the audit log; the nominations return to their pre-decision status so
    a new decision can be issued if the cancellation was for a formal error.
    """
    text = _require_text(reason, "reason", _("Hãy ghi lý do hủy bỏ quyết định."))
    row = _find_decision(store, decision_id, None)
    if row["status"] != "issued":
        raise ValidationError(
            _("Quyết định {number} đang ở trạng thái “{status}”; không hủy bỏ được (không thu hồi được).").format(
                number=row["number_text"], status=_label(DECISION_STATUSES, row["status"])
            ),
            field="decision_id",
        )
    with store.transaction(operation="decision.revoke", actor=actor):
        store.execute("DELETE FROM awards WHERE decision_id = ?", (decision_id,))
        store.update("decisions", decision_id, {"status": "revoked", "status_reason": text, "updated_at": now_iso()})
        for awardee in store.query(
            "SELECT nomination_id FROM decision_awardees WHERE decision_id = ? AND nomination_id IS NOT NULL",
            (decision_id,),
        ):
            _reopen_nomination(store, int(awardee["nomination_id"]))


# The words of the law: a decision is replaced (thay thế) or cancelled (hủy bỏ); the old names stay for callers.
replace_decision = correct_decision
cancel_decision = revoke_decision


# -- dossier upward ------------------------------------------------------------------------------------------------


def build_dossier(store: Store, *, round_id: int, actor: str = "system") -> int:
    """Gather the round's upward nominations (titles/awards the province confers) that passed or need no ballot."""
    pack = _pack(store)
    round_row = _get_round_row(store, round_id)
    on = round_date(round_row)
    kind = _unit_kind(store)
    ballots = {
        int(b["nomination_id"]): b
        for b in store.query(
            "SELECT b.* FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?", (round_id,)
        )
    }
    chosen = []
    left_out: list[str] = []
    rows = store.query("SELECT * FROM nominations WHERE round_id = ? ORDER BY id", (round_id,))
    for row in rows:
        if row["status"] not in ("proposed", "passed"):
            continue
        if _conferred_by(pack, row["code"], on, kind) != "upward":
            continue
        ballot = ballots.get(int(row["id"]))
        if _ballot_required(pack, row["code"], on) and (ballot is None or not ballot["passed"]):
            continue
        reason = _cstdcs_dependency_failed(store, pack, row, rows, round_row["year"])
        if reason:
            who = _subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
            left_out.append(f"{who} ({_catalog_name(pack, row['code'])}): {reason}")
            continue
        chosen.append(row)
    if not chosen:
        raise ValidationError(
            _("Không có đề nghị lên cấp trên nào đã qua Hội đồng (hoặc không cần bỏ phiếu) để lập hồ sơ.")
            + (" " + _("Không đưa vào: {which}.").format(which="; ".join(left_out)) if left_out else ""),
            field="round_id",
        )
    with store.transaction(operation="review.build_dossier", actor=actor):
        stamp = now_iso()
        dossier_id = store.insert(
            "dossiers",
            {
                "uuid": new_uuid(),
                "round_id": round_id,
                "status": "draft",
                "notes": "\n".join(_("Không đưa vào hồ sơ: {which}").format(which=which) for which in left_out),
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        for row in chosen:
            store.insert(
                "dossier_items",
                {
                    "uuid": new_uuid(),
                    "dossier_id": dossier_id,
                    "nomination_id": row["id"],
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
            store.update("nominations", int(row["id"]), {"status": "sent_up", "updated_at": stamp})
    return dossier_id


_CSTDCS_PASSED = ("passed", "decided", "sent_up")


def _cstdcs_dependency_failed(
    store: Store, pack: RulePack, row: dict[str, Any], rows: list[dict[str, Any]], year: int
) -> str:
    """Why a nomination that counted on a CSTĐCS still to be voted no longer stands, or "".

    The engine proposes TTLĐXS (a member must be CSTĐCS) and Bằng khen tỉnh (consecutive CSTĐCS years) as
    "needs a vote" exactly when this year's CSTĐCS still waits for the council's ballot; when that ballot failed,
    sending them up would claim what the council refused.
    """
    if row["engine_verdict"] != "needs_vote" or row["code"] not in ("TTLDXS", "BK_TINH"):
        return ""
    cstdcs = {r["staff_id"] for r in rows if r["code"] == "CSTDCS" and r["status"] in _CSTDCS_PASSED}
    cstdcs |= {
        r["staff_id"]
        for r in store.query(
            "SELECT staff_id FROM awards WHERE code = 'CSTDCS' AND year = ? AND target_kind = 'individual'", (year,)
        )
    }
    if row["code"] == "BK_TINH":
        if row["staff_id"] in cstdcs:
            return ""
        own = [r for r in rows if r["code"] == "CSTDCS" and r["staff_id"] == row["staff_id"]]
        if own and all(r["status"] == "proposed" for r in own):
            return _("đề nghị dựa vào danh hiệu Chiến sĩ thi đua cơ sở năm {year}, Hội đồng chưa bỏ phiếu").format(
                year=year
            )
        return _(
            "đề nghị dựa vào danh hiệu Chiến sĩ thi đua cơ sở năm {year}, nhưng Hội đồng không bỏ phiếu đạt"
        ).format(year=year)
    members = {
        r["id"]
        for r in store.query(
            "SELECT id FROM staff WHERE department_id = ? AND (start_date IS NULL OR start_date <= ?) "
            "AND (end_date IS NULL OR end_date >= ?)",
            (row["department_id"], f"{year:04d}-12-31", f"{year:04d}-01-01"),
        )
    }
    needed = int(pack.param("TTLDXS", "min_cstdcs_members", _year_end(year), default=1))
    have = len(members & cstdcs)
    if have >= needed:
        return ""
    return _(
        "cần ít nhất {needed} thành viên đạt Chiến sĩ thi đua cơ sở năm {year}, Hội đồng chỉ bỏ phiếu đạt cho {have}"
    ).format(needed=needed, year=year, have=have)


def get_dossier(store: Store, *, dossier_id: int) -> dict[str, Any]:
    pack = _pack(store)
    row = store.query_one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy hồ sơ đề nghị số {id}.").format(id=dossier_id))
    round_row = _get_round_row(store, row["round_id"])
    items = _nominations(
        store,
        pack,
        round_row,
        "AND n.id IN (SELECT nomination_id FROM dossier_items WHERE dossier_id = ?)",
        (dossier_id,),
    )
    return dict(row) | {"year": round_row["year"], "nominations": items}


# -- award register ------------------------------------------------------------------------------------------------


def register_entries(
    store: Store, *, staff_id: int | None = None, department_id: int | None = None
) -> list[dict[str, Any]]:
    """The award register (sổ theo dõi khen thưởng) across years, from this unit, from above and imported."""
    pack = _pack(store)
    clauses, params = [], []
    if staff_id is not None:
        clauses.append("a.staff_id = ? AND a.target_kind = 'individual'")
        params.append(staff_id)
    if department_id is not None:
        clauses.append("a.department_id = ? AND a.target_kind = 'collective'")
        params.append(department_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.query(
        "SELECT a.id, a.uuid, a.target_kind, a.staff_id, a.department_id, a.household_name, a.year, a.code, "
        "a.category, a.source, a.decision_no, a.decision_date, a.issuer, a.amount, a.initiative_id, a.notes, "
        "a.decision_id, x.register_no, x.snapshot_name, s.full_name, dp.name AS department "
        "FROM awards a LEFT JOIN decision_awardees x ON x.id = a.awardee_id "
        "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN departments dp ON dp.id = a.department_id "
        f"{where} ORDER BY a.year, coalesce(a.decision_date, ''), a.id",
        params,
    )
    out = []
    for row in rows:
        name = row["snapshot_name"] or row["full_name"] or row["department"] or row["household_name"] or ""
        out.append(
            row
            | {
                "name": name,
                "code_name": _catalog_name(pack, row["code"]),
                "decision_number_text": row["decision_no"],
                "amount": row["amount"] or 0,
            }
        )
    return out


# -- document data -------------------------------------------------------------------------------------------------


def legal_basis(
    pack: RulePack, on: date, *, unit_kind: str = "ubnd_xa", organisation_law: bool = True
) -> tuple[str, ...]:
    """The "Căn cứ ..." lines in force on the document's date, read from the rule pack (dated, cited data).

    A commune's decision cites the local-government law in its version of that date (``organisation_law``;
    a tờ trình does not) and, from 1/7/2025, the decree that gave the commune chair its powers (NĐ 129/2025);
    other units cite only the emulation law and its decree.
    """
    names = ["emulation_law", "emulation_decree"]
    if unit_kind == "ubnd_xa":
        names = [*(["local_government_law"] if organisation_law else []), *names, "authority_decree"]
    lines = []
    for name in names:
        if pack.has_legal_text(name):
            text = str(pack.legal_text(name, on).value).strip()
            if text:
                lines.append(text)
    return tuple(lines)


def _legal_basis(store: Store, on: date, *, organisation_law: bool = True) -> tuple[str, ...]:
    try:
        return legal_basis(_pack(store), on, unit_kind=_unit_kind(store), organisation_law=organisation_law)
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None


def unit_header(store: Store) -> UnitHeader:
    """The unit as printed in the two-column header (upper-case body names) and the signature block."""
    unit = unit_repo.get_unit(store) or {}
    parent = str(unit.get("parent_body") or "")
    if not parent and unit.get("province_name"):
        parent = "Ủy ban nhân dân tỉnh {province}".format(province=unit["province_name"])
    return UnitHeader(
        parent_body=parent.upper(),
        name=str(unit.get("name") or "").upper(),
        place_name=str(unit.get("place_name") or ""),
        head_title=str(unit.get("head_title") or ""),
        head_name=str(unit.get("head_name") or ""),
    )


def _line_from_nomination(order: int, nomination: dict[str, Any]) -> AwardLine:
    return AwardLine(
        recipient_key=_recipient_key(nomination),
        order=order,
        target_kind=nomination["target_kind"],
        name=nomination["name"],
        position=nomination["position"],
        department=nomination["department"],
        gender=nomination["gender"],
        code=nomination["code"],
        code_name=nomination["code_name"],
        category=nomination["category"],
        achievement=nomination["achievement"],
    )


def _council_date(store: Store, round_id: int) -> date | None:
    value = store.scalar("SELECT meeting_date FROM councils WHERE round_id = ?", (round_id,))
    return date.fromisoformat(value) if value else None


def standing_agency_symbol(agency: str) -> str:
    """The abbreviation of the council's standing agency in document numbers: "Phòng Văn hóa - Xã hội" → "VHXH".

    "Phòng" is dropped ("Phòng Kinh tế" → "KT"), "Văn phòng …" is "VP"; words already in capitals ("HĐND") stay
    whole, "Đ" stays (as in "HĐND"), other accents go.
    """
    import unicodedata

    name = nfc(agency)
    if name.lower().startswith("văn phòng"):
        return "VP"
    if name.lower().startswith("phòng "):
        name = name[len("phòng ") :]
    letters = []
    for word in name.replace("-", " ").replace(",", " ").split():
        if word.lower() in ("và", "của"):
            continue
        if len(word) > 1 and word.isupper():
            letters.append(word)
            continue
        first = word[0].upper()
        if first != "Đ":
            first = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
        letters.append(first)
    return nfc("".join(letters))


def _council_chair(store: Store, round_id: int) -> str:
    return str(
        store.scalar(
            "SELECT m.full_name FROM council_members m JOIN councils c ON c.id = m.council_id "
            "WHERE c.round_id = ? AND m.role = 'chair'",
            (round_id,),
        )
        or ""
    )


def proposal_doc(store: Store, *, round_id: int, upward: bool, doc_date: date | None = None) -> ProposalDoc:
    """Tờ trình and danh sách đề nghị: the unit's own list or the list sent up to the province.

    The unit's own list is issued by the council's standing agency (unit setting ``standing_agency``, e.g. "Phòng
    Văn hóa - Xã hội"), addressed to the chair and signed by the agency's head; its number's symbol comes from the
    agency ("TTr-VHXH"), the same on the tờ trình and on its list. Without a standing agency the council itself
    issues it ("TTr-HĐTĐKT"), signed by the council's chair. The list for the province is the unit's, to the
    province's chair, signed by the unit's head.
    """
    pack = _pack(store)
    round_row = _get_round_row(store, round_id)
    unit = unit_repo.get_unit(store) or {}
    year = round_row["year"]
    wanted = "upward" if upward else "unit"
    statuses = ("proposed", "passed", "sent_up") if upward else ("proposed", "passed", "decided")
    lines = [n for n in _nominations(store, pack, round_row) if n["conferred_by"] == wanted and n["status"] in statuses]
    kind, name, head = _unit_signing(store)
    peoples_committee = bool(signing.body_name(kind, name))
    level = _level_word(str(unit.get("commune_name") or "")) if kind == "ubnd_xa" else ""
    council = "Hội đồng Thi đua - Khen thưởng" + (f" {level}" if level else "")
    issuer = issuer_role = signer_name = ""
    signer_lines: tuple[str, ...] = ()
    symbol = "TTr-UBND" if peoples_committee else "TTr"
    if upward:
        recipient = "Chủ tịch Ủy ban nhân dân tỉnh {province}".format(province=unit.get("province_name") or "")
        subject = f"Về việc đề nghị khen thưởng cấp tỉnh năm {year}"
    else:
        recipient = f"{head} {name}".strip()
        subject = f"Về việc đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm {year}"
        agency = nfc(str(unit.get("standing_agency") or ""))
        if agency:
            issuer, issuer_role = agency, f"cơ quan thường trực {council}"
            symbol = f"TTr-{standing_agency_symbol(agency) or 'TĐKT'}"
            title = nfc(str(unit.get("standing_agency_head_title") or "")) or "Thủ trưởng cơ quan"
            signer_lines, signer_name = (title.upper(),), nfc(str(unit.get("standing_agency_head_name") or ""))
        else:
            issuer, symbol = council, "TTr-HĐTĐKT"
            signer_lines, signer_name = ("CHỦ TỊCH HỘI ĐỒNG",), _council_chair(store, round_id)
    doc_date = doc_date or _council_date(store, round_id) or date.today()
    return ProposalDoc(
        unit=unit_header(store),
        number_text="",
        doc_date=doc_date,
        recipient=recipient,
        year=year,
        subject=subject,
        lines=tuple(_line_from_nomination(i, n) for i, n in enumerate(lines, start=1)),
        legal_basis=_legal_basis(store, doc_date, organisation_law=False),
        summary=round_row["notes"],
        issuer=issuer,
        issuer_role=issuer_role,
        symbol=symbol,
        signer_lines=signer_lines,
        signer_name=signer_name,
    )


def _level_word(commune_name: str) -> str:
    """ "xã", "phường" or "đặc khu" from the commune's official name ("Xã Lũng Cú" → "xã")."""
    lowered = nfc(commune_name).lower()
    for level in ("đặc khu", "phường", "xã"):
        if lowered.startswith(level + " "):
            return level
    return "xã"


def minutes_doc(store: Store, *, round_id: int) -> MinutesDoc:
    """Biên bản họp Hội đồng with who attended, absentees' written opinions and the ballot table."""
    pack = _pack(store)
    round_row = _get_round_row(store, round_id)
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_id,))
    if council is None:
        raise ValidationError(_("Đợt bình xét này chưa ghi cuộc họp Hội đồng."), field="round_id")
    members = store.query("SELECT * FROM council_members WHERE council_id = ? ORDER BY position, id", (council["id"],))
    member_lines = tuple(
        CouncilMemberLine(
            name=m["full_name"],
            role=_ROLE_TEXT[m["role"]],
            attended=bool(m["attended"]),
            written_opinion=m["written_opinion"],
        )
        for m in members
    )
    voted = [n for n in _nominations(store, pack, round_row) if n["ballot"] is not None]
    meeting = date.fromisoformat(council["meeting_date"])
    try:
        counts_written = bool(pack.setting("ballot_counts_written_opinions", meeting))
    except RulePackError:
        counts_written = False
    ballot_lines = tuple(
        BallotLine(
            order=i,
            name=n["name"],
            code_name=n["code_name"],
            members_total=n["ballot"]["members_total"],
            agree=n["ballot"]["agree"],
            disagree=n["ballot"]["disagree"],
            invalid=n["ballot"]["invalid"],
            written_agree=n["ballot"]["written_agree"],
            written_disagree=n["ballot"]["written_disagree"],
            present=n["ballot"]["present"],
            counts_written=counts_written,
            passed=n["ballot"]["passed"],
            arithmetic=n["ballot"]["arithmetic"],
        )
        for i, n in enumerate(voted, start=1)
    )
    chair = next((m["full_name"] for m in members if m["role"] == "chair"), "")
    secretary = next((m["full_name"] for m in members if m["role"] == "secretary"), "")
    return MinutesDoc(
        unit=unit_header(store),
        meeting_date=date.fromisoformat(council["meeting_date"]),
        location=council["location"],
        year=round_row["year"],
        members=member_lines,
        ballots=ballot_lines,
        chair_name=chair,
        secretary_name=secretary,
        notes=council["notes"],
    )


def _awardee_line(awardee: dict[str, Any]) -> AwardLine:
    return AwardLine(
        recipient_key=_recipient_key(awardee),
        achievement=awardee.get("achievement") or "",
        order=awardee["register_no"],
        target_kind=awardee["target_kind"],
        name=awardee["snapshot_name"],
        position=awardee["snapshot_position"],
        department=awardee["snapshot_department"],
        gender=awardee["snapshot_gender"],
        code=awardee["code"],
        code_name=awardee["code_name"],
        category=awardee["category"],
        amount=int(awardee["amount"] or 0),
        register_no=awardee["register_no"],
        money_note=_money_note(str(awardee.get("arithmetic") or "")),
    )


_DIFFERENCE_MARK = "Chỉ chi phần chênh lệch:"


def _money_note(arithmetic: str) -> str:
    """The part of a line's arithmetic that says the money is what remained after an earlier decision of the year."""
    _head, mark, tail = arithmetic.partition(_DIFFERENCE_MARK)
    if mark:
        return tail.strip()
    if arithmetic.startswith("Cùng năm") and "chỉ thưởng tiền cho danh hiệu cao nhất" in arithmetic:
        return arithmetic.strip()
    return ""


def _status_note(store: Store, decision: dict[str, Any]) -> str:
    """What a copy of a decision no longer in force says above its title."""
    if decision["status"] == "revoked":
        return "Quyết định đã bị hủy bỏ; khen thưởng và tiền thưởng đã bị thu hồi. Lý do: {reason}".format(
            reason=decision["status_reason"]
        )
    if decision["status"] == "corrected":
        newer = store.query_one(
            "SELECT number_text, decision_date FROM decisions WHERE replaces_id = ?", (decision["id"],)
        )
        when = f" ngày {date.fromisoformat(newer['decision_date']).strftime('%d/%m/%Y')}" if newer else ""
        return "Quyết định đã bị thay thế bằng Quyết định số {number}{when}. Lý do: {reason}".format(
            number=newer["number_text"] if newer else "", when=when, reason=decision["status_reason"]
        )
    return ""


def _signed_header(store: Store, decision: dict[str, Any]) -> UnitHeader:
    """The unit as the decision's documents print it: the head's authority line, the decision's signer."""
    base = unit_header(store)
    _kind, _name, head = _unit_signing(store)
    return UnitHeader(
        parent_body=base.parent_body,
        name=base.name,
        place_name=base.place_name,
        head_title=head,
        head_name=decision["signer_name"],
        signature=signature_lines(store, decision),
    )


def decision_doc(store: Store, *, decision_id: int) -> DecisionDoc:
    """Quyết định with its attached list: register numbers, frozen snapshots, amounts, total in words.

    A replacing decision cites the old number and date (``replaces_*``); its builder adds the article.
    """
    decision = get_decision(store, decision_id=decision_id)
    lines = tuple(_awardee_line(a) for a in decision["awardees"])
    total = sum(line.amount for line in lines)
    basis = list(_legal_basis(store, date.fromisoformat(decision["decision_date"])))
    old = (
        store.query_one("SELECT number_text, decision_date FROM decisions WHERE id = ?", (decision["replaces_id"],))
        if decision["replaces_id"]
        else None
    )
    return DecisionDoc(
        unit=_signed_header(store, decision),
        number_text=decision["number_text"],
        decision_date=date.fromisoformat(decision["decision_date"]),
        subject=decision["subject"],
        legal_basis=tuple(basis),
        achievement_text=decision["achievement_text"],
        lines=lines,
        total_amount=total,
        total_in_words=amount_in_words(total),
        status_note=_status_note(store, decision),
        replaces_number=old["number_text"] if old else "",
        replaces_date=date.fromisoformat(old["decision_date"]) if old else None,
    )


def payment_doc(store: Store, *, decision_id: int) -> PaymentListDoc:
    """Danh sách chi tiền thưởng: the paid lines of the decision, the total and the total in words.

    Its approver signs the way the decision was signed (the same mode and signer).
    """
    decision = get_decision(store, decision_id=decision_id)
    lines = tuple(_awardee_line(a) for a in decision["awardees"] if a["amount"])
    total = sum(line.amount for line in lines)
    return PaymentListDoc(
        unit=_signed_header(store, decision),
        decision_number_text=decision["number_text"],
        decision_date=date.fromisoformat(decision["decision_date"]),
        lines=lines,
        total_amount=total,
        total_in_words=amount_in_words(total),
    )


_PREVIOUS_COLUMNS = "year, code, category, decision_no, decision_date, issuer"


def achievement_report_doc(store: Store, *, nomination_id: int) -> AchievementReportDoc:
    """Báo cáo thành tích (Mẫu 05) skeleton: who, proposed for what, ratings, awards and initiatives of the years."""
    pack = _pack(store)
    row = _get_nomination_row(store, nomination_id)
    round_row = _get_round_row(store, row["round_id"])
    nomination = next(n for n in _nominations(store, pack, round_row, "AND n.id = ?", (nomination_id,)))
    year = round_row["year"]
    span = 3
    if pack.has(row["code"]) and pack.has_param(row["code"], "consecutive_years"):
        span = max(span, int(pack.param(row["code"], "consecutive_years") or span))
    years = tuple(range(year - span + 1, year + 1))
    birth, ethnic = None, ""
    ratings: tuple[tuple[int, str], ...] = ()
    previous: list[PreviousAward] = []
    initiatives: tuple[str, ...] = ()
    if row["target_kind"] == "individual":
        person = store.query_one("SELECT birth_date, ethnic_code FROM staff WHERE id = ?", (row["staff_id"],)) or {}
        birth = date.fromisoformat(person["birth_date"]) if person.get("birth_date") else None
        ethnic = codes.ETHNIC_GROUPS.get(person.get("ethnic_code") or "", "")
        ratings = tuple(
            (r["year"], codes.RATINGS.get(r["rating"], r["rating"]))
            for r in store.query(
                "SELECT year, rating FROM ratings WHERE staff_id = ? AND year BETWEEN ? AND ? ORDER BY year",
                (row["staff_id"], years[0], years[-1]),
            )
        )
        awards = store.query(
            f"SELECT {_PREVIOUS_COLUMNS} FROM awards WHERE staff_id = ? AND target_kind = 'individual' "
            "AND year BETWEEN ? AND ? ORDER BY year, id",
            (row["staff_id"], years[0], years[-1]),
        )
        initiatives = tuple(
            r["title"]
            for r in store.query(
                "SELECT title FROM initiatives WHERE staff_id = ? ORDER BY coalesce(recognized_on, ''), id",
                (row["staff_id"],),
            )
        )
    elif row["target_kind"] == "collective":
        awards = store.query(
            f"SELECT {_PREVIOUS_COLUMNS} FROM awards WHERE department_id = ? AND target_kind = 'collective' "
            "AND year BETWEEN ? AND ? ORDER BY year, id",
            (row["department_id"], years[0], years[-1]),
        )
    else:
        awards = []
    previous = [
        PreviousAward(
            year=a["year"],
            name=_catalog_name(pack, a["code"]),
            category=a["category"],
            decision_number_text=a["decision_no"] or "",
            decision_date=date.fromisoformat(a["decision_date"]) if a["decision_date"] else None,
            issuer=a["issuer"] or "",
        )
        for a in awards
    ]
    return AchievementReportDoc(
        unit=unit_header(store),
        person=_line_from_nomination(1, nomination),
        birth_date=birth,
        ethnic=ethnic,
        proposed_for=nomination["code_name"],
        years=years,
        ratings=ratings,
        previous_awards=tuple(previous),
        initiatives=initiatives,
    )


def register_doc(store: Store, *, staff_id: int | None = None, department_id: int | None = None) -> RegisterDoc:
    """Sổ theo dõi khen thưởng of one person or one collective, across years."""
    if (staff_id is None) == (department_id is None):
        raise ValidationError(_("Hãy chọn một cán bộ hoặc một tập thể để in sổ khen thưởng."), field="staff_id")
    details: list[tuple[str, str]] = []
    if staff_id is not None:
        person = store.query_one(
            "SELECT s.*, d.name AS department FROM staff s LEFT JOIN departments d ON d.id = s.department_id "
            "WHERE s.id = ?",
            (staff_id,),
        )
        if person is None:
            raise NotFoundError(_("Không tìm thấy cán bộ có mã số nội bộ {id}.").format(id=staff_id))
        name, kind = person["full_name"], "individual"
        details = [
            ("Mã cán bộ", person["staff_code"]),
            (
                "Ngày sinh",
                date.fromisoformat(person["birth_date"]).strftime("%d/%m/%Y") if person["birth_date"] else "",
            ),
            ("Chức vụ", person["position"]),
            ("Đơn vị", person["department"] or ""),
        ]
    else:
        name = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,))
        if name is None:
            raise NotFoundError(_("Không tìm thấy tập thể số {id}.").format(id=department_id))
        kind = "collective"
    entries = tuple(
        RegisterEntry(
            year=e["year"],
            code_name=e["code_name"],
            category=e["category"],
            decision_number_text=e["decision_no"],
            decision_date=date.fromisoformat(e["decision_date"]) if e["decision_date"] else None,
            issuer=e["issuer"],
            register_no=e["register_no"],
            amount=int(e["amount"] or 0),
            source=e["source"],
        )
        for e in register_entries(store, staff_id=staff_id, department_id=department_id)
    )
    return RegisterDoc(
        unit=unit_header(store),
        subject_name=str(name),
        subject_kind=kind,
        details=tuple(details),
        entries=entries,
    )


__all__ = [
    "COUNCIL_ROLES",
    "DECISION_STATUSES",
    "NOMINATION_STATUSES",
    "achievement_report_doc",
    "add_nomination",
    "build_dossier",
    "cancel_decision",
    "correct_decision",
    "create_round",
    "decision_doc",
    "default_signing_mode",
    "get_decision",
    "get_dossier",
    "get_round",
    "issue_decision",
    "list_decisions",
    "list_number_gaps",
    "list_number_series",
    "list_rounds",
    "minutes_doc",
    "payment_doc",
    "proposal_doc",
    "record_ballot",
    "record_number_gap",
    "register_doc",
    "register_entries",
    "remove_nomination",
    "replace_decision",
    "revoke_decision",
    "set_council",
    "set_series_next_number",
    "signature_lines",
    "signing_choices",
    "standing_agency_symbol",
    "start_posting",
    "unit_header",
]
