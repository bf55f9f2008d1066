"""Decisions: issued with a number, register numbers and frozen snapshots, and read back.

Each awardee gets a register number (số sổ vàng, 1..n within the decision) and a frozen snapshot of name,
position, department and gender: later edits to the staff record never change an issued decision. Every awardee
also becomes an ``awards`` row (source ``unit``) so the consecutive-year rules see it next year.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from desktop.domain import codes, signing
from desktop.domain.award_text import common_achievement, default_achievement
from desktop.domain.dates import format_date
from desktop.domain.eligibility.cap import cap_text, cstdcs_cap
from desktop.domain.rules import RulePack, RulePackError
from desktop.domain.text import NOTES_MAX_LENGTH, nfc
from desktop.i18n import _, label
from desktop.ops.backup import before_operation
from desktop.ops.common import as_date, clean_text
from desktop.ops.officials import check_signer
from desktop.ops.review.collective_kinds import refuse_wrong_collective_kinds
from desktop.ops.review.common import (
    ACTIVE_STATUSES,
    DEFAULT_SERIES,
    NOMINATION_STATUSES,
    OVERRIDE_VERDICTS,
    basis_lines,
    check_law_date,
    mark_same_names,
    printed_text,
    round_ballots,
    round_first_day,
)
from desktop.ops.review.member_titles import refuse_short_collectives
from desktop.ops.review.money_lines import money_lines
from desktop.ops.review.numbering import allocate_number, check_number_date, check_series_usable, clean_series_key
from desktop.ops.review.person_titles import refuse_without_required_title
from desktop.ops.review.rounds import awarded_keys, held_text, held_title
from desktop.ops.review.signatures import (
    ISSUER_FIELDS,
    check_body_power,
    checked_signing,
    current_issuer,
    default_signing_mode,
)
from desktop.ops.rules import evaluate_year
from desktop.store import NotFoundError, Store, ValidationError, awards_repo, now_iso, staff_repo, unit_repo
from desktop.store.faults import pause_point
from desktop.store.review_repo import (
    authority,
    ballot_required,
    catalog_name,
    conferred_by,
    council_meeting,
    get_round_row,
    name_order,
    rank,
    subject_name,
)
from desktop.store.rules_repo import effective_pack, unit_kind


def _pause_for_tests(store: Store) -> None:
    """Test hook: ``TDKT_TEST_PAUSE_IN=decision.issue`` sleeps here, inside the transaction, half-way through."""
    pause_point("decision.issue")


def _snapshot(store: Store, nomination: dict[str, Any], decision_date: date) -> dict[str, Any]:
    """What the decision freezes of its recipient: the printed name, position, department and gender, and for the
    reports the ethnic group and leader status on the day it is issued (NULL for a collective or household). The
    department is the one the person was in on the decision's date (moves are dated): a decision entered after a
    move names the department of its date, as the collective's members are counted. A department's name, the
    person's or the collective's own, is the one it bore on that date (renames are dated, schema v15)."""
    kind = nomination["target_kind"]
    blank = {
        "snapshot_position": "",
        "snapshot_department": "",
        "snapshot_gender": "",
        "snapshot_ethnic_code": None,
        "snapshot_is_leader": None,
    }
    if kind == "individual":
        day = f"'{decision_date.isoformat()}'"  # made of a date: safe as an SQL literal
        person = (
            store.query_one(
                "SELECT s.full_name, s.position, s.gender, s.ethnic_code, s.is_leader, "
                f"{unit_repo.department_name_on_sql('d.id', day)} AS department "
                f"FROM staff s LEFT JOIN departments d ON d.id = {staff_repo.department_on_sql(day)} WHERE s.id = ?",
                (nomination["staff_id"],),
            )
            or {}
        )
        return {
            "snapshot_name": person.get("full_name") or "",
            "snapshot_position": person.get("position") or "",
            "snapshot_department": person.get("department") or "",
            "snapshot_gender": person.get("gender") or "",
            "snapshot_ethnic_code": person.get("ethnic_code") or None,
            "snapshot_is_leader": None if person.get("is_leader") is None else int(bool(person["is_leader"])),
        }
    if kind == "collective":
        name = unit_repo.department_name_on(store, int(nomination["department_id"]), decision_date)
        return {"snapshot_name": name, **blank}
    return {"snapshot_name": nomination["household_name"], **blank}


def _nothing_left_message(store: Store, rows: list[dict[str, Any]], round_row: dict[str, Any]) -> str:
    """Why no nominee of the round can be decided; when some were decided, the latest decision is named too: two
    clerks issuing the round at once, the second learns the first has just done it, not only that nobody is left."""
    message = _(
        "Không có đề nghị nào đủ điều kiện ra quyết định trong đợt này "
        "(đã qua bỏ phiếu đạt hoặc không cần bỏ phiếu, thuộc thẩm quyền của đơn vị)."
    )
    latest = store.query_one(
        "SELECT number_text, substr(decision_date, 1, 10) AS signed FROM decisions WHERE round_id = ? "
        "ORDER BY id DESC LIMIT 1",
        (round_row["id"],),
    )
    if latest is None or not any(row["status"] == "decided" for row in rows):
        return message
    return (
        message
        + " "
        + _(
            "Các đề nghị đủ điều kiện đã có quyết định (mới nhất: Quyết định số {number} ngày {date}), có thể vừa "
            "được ban hành ở cửa sổ hoặc máy khác; hãy xem danh sách quyết định."
        ).format(number=latest["number_text"], date=date.fromisoformat(str(latest["signed"])).strftime("%d/%m/%Y"))
    )


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
    ballots = round_ballots(store, round_row["id"])
    chosen: list[dict[str, Any]] = []
    kind = unit_kind(store)
    if nomination_ids is None:
        for row in rows:
            if row["status"] not in ACTIVE_STATUSES:
                continue
            if conferred_by(pack, row["code"], decision_date, kind) != "unit":
                continue
            needs = ballot_required(pack, row["code"], decision_date)
            ballot = ballots.get(int(row["id"]))
            if needs and ballot is None:
                continue
            if ballot is not None and not ballot["passed"] and (needs or not nfc(overrides.get(int(row["id"]), ""))):
                continue
            chosen.append(row)
        if not chosen:
            raise ValidationError(_nothing_left_message(store, rows, round_row), field="nomination_ids")
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
        name = subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
        title = catalog_name(pack, row["code"])
        if row["status"] not in ACTIVE_STATUSES:
            raise ValidationError(
                _("{name} ({title}): đề nghị đang ở trạng thái “{status}”, không ra quyết định được.").format(
                    name=name, title=title, status=label(NOMINATION_STATUSES, row["status"])
                ),
                field="nomination_ids",
            )
        if conferred_by(pack, row["code"], decision_date, kind) != "unit":
            who, law = authority(pack, row["code"], decision_date, kind)
            raise ValidationError(
                _(
                    "{name} ({title}): theo quy định ngày {date}, {who} ({law}); đơn vị không ra quyết định được — "
                    "hãy đưa vào hồ sơ đề nghị cấp trên."
                ).format(
                    name=name,
                    title=title,
                    date=decision_date.strftime("%d/%m/%Y"),
                    who=label(codes.AUTHORITY_LABELS, who),
                    law=law,
                ),
                field="nomination_ids",
            )
        ballot = ballots.get(int(row["id"]))
        needs = ballot_required(pack, row["code"], decision_date)
        if needs and ballot is None:
            raise ValidationError(
                _("{name} ({title}): Hội đồng chưa bỏ phiếu kín cho đề nghị này.").format(name=name, title=title),
                field="nomination_ids",
            )
        if needs and ballot is not None and not ballot["passed"]:
            # the law makes the council's secret ballot the condition itself: no exception reason stands in for it
            threshold = pack.ballot_threshold_cited(row["code"], decision_date)
            raise ValidationError(
                _(
                    "{name} ({title}) không đạt tỷ lệ phiếu của Hội đồng ({arithmetic}). Danh hiệu này bắt buộc "
                    "bỏ phiếu kín ({law}); lý do ngoại lệ không thay được kết quả bỏ phiếu — bỏ đề nghị này khỏi "
                    "quyết định."
                ).format(
                    name=name,
                    title=title,
                    arithmetic=ballot["arithmetic"],
                    law=threshold.citation() if threshold is not None else "",
                ),
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


def _check_still_eligible(
    store: Store, rows: list[dict[str, Any]], year: int, decision_date: date, overrides: dict[int, str]
) -> None:
    """The law and the facts on the decision's date, not on the day the round was opened: a discipline or a review
    begun since, or a rule in force from an earlier date, can make a nominee ineligible (or deferred) by then. Such a
    nominee is refused unless the nomination or this issue gives an exception reason, as when it was proposed.

    Also refused, read under the decision's write lock: a title (danh hiệu) the nominee already holds for the year
    (from a decision of any round, from above or recorded from the past; no exception reason lifts that), and a
    collective the unit has stopped using, or one the engine judged when it was nominated but no longer judges,
    unless an exception reason is given for that nomination."""
    pack = effective_pack(store)
    _refuse_titles_held(store, pack, rows, year)
    checked = [row for row in rows if row["target_kind"] != "household"]  # the engine judges no household
    if not checked:
        return
    try:
        # The facts as they stood on that date: a discipline decided after it did not stand in its way.
        verdicts = evaluate_year(store, year=year, on=decision_date, today=min(decision_date, date.today()))
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None
    view = {
        ("collective" if v.subject == "collective" else "individual", int(v.subject_id), v.code): v for v in verdicts
    }
    for row in checked:
        given_now = bool(nfc(overrides.get(int(row["id"]), "")))
        excused = given_now or bool(nfc(row.get("override_reason") or ""))
        found = view.get((row["target_kind"], int(row["staff_id"] or row["department_id"] or 0), row["code"]))
        if row["target_kind"] == "collective" and not excused:
            _refuse_unjudged_collective(store, pack, row, found is None)
        if found is None or str(found.status) not in OVERRIDE_VERDICTS:
            continue  # eligible, waiting for its ballot, or not judged by the engine (the round took it with a reason)
        if given_now:
            continue
        status = str(found.status)
        if excused:  # the nomination's own reason answers what was unmet when it was given, nothing found since
            _refuse_unanswered(store, pack, row, [r for r in found.reasons if r.met is False], decision_date)
            continue
        unmet = [str(reason) for reason in found.reasons if reason.met is False]
        raise ValidationError(
            _(
                "{name} ({title}): theo quy định và dữ liệu tại ngày ký {date}, {state} ({why}). Chỉ ra quyết định "
                "được khi ghi lý do ngoại lệ cho đề nghị số {id}, hoặc bỏ đề nghị này khỏi quyết định."
            ).format(
                name=subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], ""),
                title=catalog_name(pack, row["code"]),
                date=decision_date.strftime("%d/%m/%Y"),
                state=_("không đủ điều kiện") if status == "not_eligible" else _("đang tạm hoãn xét"),
                why="; ".join(unmet) or found.status_label,
                id=row["id"],
            ),
            field="override_reasons",
            row=int(row["id"]),
        )


def _reason_key(text: str) -> str:
    """A criterion's text without its figures and dates, in lower case: the same problem read on another day (a period
    counted to a later date) is the same problem."""
    return " ".join("".join(ch for ch in nfc(text) if not ch.isdigit()).casefold().split())


def _refuse_unanswered(
    store: Store, pack: RulePack, row: dict[str, Any], unmet: list[Any], decision_date: date
) -> None:
    """Refuse a nominee excused only by the exception reason written on the nomination when the law on the signing
    date finds a problem that reason was not given for (a discipline recorded since a reason about a rating): the
    reason answered the criteria unmet when it was written (``engine_reasons``), not whatever comes after."""
    try:
        stored = json.loads(row.get("engine_reasons") or "[]")
    except ValueError:
        stored = []
    if not isinstance(stored, list):  # a file edited by another tool: no reason answered
        stored = []
    unmet_then = [str(r.get("text") or "") for r in stored if isinstance(r, dict) and r.get("met") is False]
    answered = {_reason_key(text) for text in unmet_then}
    fresh = [reason for reason in unmet if _reason_key(reason.text) not in answered]
    if not fresh:
        return
    raise ValidationError(
        _(
            "{name} ({title}): lý do ngoại lệ ghi trong đề nghị số {id} (“{reason}”) được ghi cho {old}; theo dữ liệu "
            "tại ngày ký {date} còn: {new}. Chỉ ra quyết định được khi ghi lý do ngoại lệ mới cho đề nghị này khi ban "
            "hành, hoặc bỏ đề nghị này khỏi quyết định."
        ).format(
            name=subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], ""),
            title=catalog_name(pack, row["code"]),
            id=row["id"],
            reason=nfc(row.get("override_reason") or ""),
            old="; ".join(unmet_then) or _("một đề nghị khi đó đủ điều kiện"),
            date=decision_date.strftime("%d/%m/%Y"),
            new="; ".join(str(reason) for reason in fresh),
        ),
        field="override_reasons",
        row=int(row["id"]),
    )


def _refuse_titles_held(store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int) -> None:
    """A title (danh hiệu) is conferred once a year: refuse a line whose nominee already holds it for ``year``."""
    awarded = awarded_keys(store, year)  # read once for every line
    for row in rows:
        target = (row["target_kind"], row["staff_id"], row["department_id"], row["household_name"], row["code"])
        held = held_title(store, pack, year, *target, awarded)
        if held is None:
            continue
        raise ValidationError(
            _(
                "{name} đã được tặng “{title}” năm {year} theo {decision}; mỗi danh hiệu chỉ xét tặng "
                "một lần trong năm. Hãy bỏ đề nghị số {id} khỏi quyết định."
            ).format(
                name=subject_name(store, *target[:4]),
                title=catalog_name(pack, row["code"]),
                year=year,
                decision=held_text(held),
                id=row["id"],
            ),
            field="nomination_ids",
            row=int(row["id"]),
        )


def _refuse_unjudged_collective(store: Store, pack: RulePack, row: dict[str, Any], unjudged: bool) -> None:
    """A collective line without an exception reason: refused when the unit has stopped using the collective, or
    when the engine judged it on the day it was nominated and gives no verdict for it now."""
    department = store.query_one("SELECT name, active FROM departments WHERE id = ?", (row["department_id"],)) or {}
    name = department.get("name") or ""
    title = catalog_name(pack, row["code"])
    if department and not department["active"]:
        reason = _("tập thể đã ngừng sử dụng (sáp nhập, giải thể)")
    elif unjudged and row["engine_verdict"]:
        reason = _("chương trình không còn xét tập thể này cho danh hiệu, hình thức này")
    else:
        return
    raise ValidationError(
        _(
            "{name} ({title}): {reason}. Chỉ ra quyết định được khi ghi lý do ngoại lệ cho đề nghị số {id}, "
            "hoặc bỏ đề nghị này khỏi quyết định."
        ).format(name=name, title=title, reason=reason, id=row["id"]),
        field="override_reasons",
        row=int(row["id"]),
    )


_CAP_CODE = "CSTDCS"


def _short(pack: RulePack, code: str) -> str:
    return pack.item(code).label if pack.has(code) else code


def check_cstdcs_cap(
    store: Store,
    pack: RulePack,
    rows: list[dict[str, Any]],
    year: int,
    when: date,
    *,
    replaces_id: int | None = None,
) -> None:
    """Refuse a decision whose CSTĐCS lines would bring the unit's CSTĐCS of ``year`` above the cap in force on its
    date (NĐ 91/2017 until 2023; a province's own rule since): floor(cap % × the people who reached LĐTT of the
    year). Those already conferred CSTĐCS for the year by a decision in force (or recorded from the unit's past)
    count; whom the council prefers is free, the count binds. Nothing is checked when no cap holds on that date.

    LĐTT counts the distinct people who hold the unit's LĐTT of the year in force, those this decision gives it
    and those still nominated for it in a round of the year (proposed or passed): a CSTĐCS issued before its LĐTT
    decision is not refused, a nomination the clerk removed or the council failed does not count. A replacement
    (``replaces_id``) is held to the law of the first decision it replaces, whose awards it keeps."""
    lines = [row for row in rows if row["code"] == _CAP_CODE and row["target_kind"] == "individual"]
    if not lines or not pack.has(_CAP_CODE):
        return
    if replaces_id is not None:
        first = store.scalar(
            "WITH RECURSIVE chain(id, replaces_id, decision_date, depth) AS ("
            "SELECT id, replaces_id, decision_date, 0 FROM decisions WHERE id = ? UNION ALL "
            "SELECT d.id, d.replaces_id, d.decision_date, c.depth + 1 FROM decisions d "
            "JOIN chain c ON d.id = c.replaces_id WHERE c.depth < 1000) "
            "SELECT decision_date FROM chain ORDER BY depth DESC LIMIT 1",
            (replaces_id,),
        )
        when = date.fromisoformat(first) if first else when
    ldtt = {
        int(r["staff_id"])
        for r in store.query(
            "SELECT a.staff_id FROM awards a LEFT JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.year = ? AND a.code = 'LDTT' AND a.target_kind = 'individual' "
            "AND a.source IN ('unit', 'import') AND (a.decision_id IS NULL OR d.status = 'issued') "
            "UNION SELECT n.staff_id FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
            "WHERE r.year = ? AND n.code = 'LDTT' AND n.target_kind = 'individual' "
            "AND n.status IN ('proposed', 'passed')",
            (year, year),
        )
        if r["staff_id"] is not None
    } | {
        int(row["staff_id"])
        for row in rows
        if row["code"] == "LDTT" and row["target_kind"] == "individual" and row["staff_id"] is not None
    }
    try:
        limit = cstdcs_cap(pack, when, len(ldtt))
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None
    if limit is None:
        return
    new_ids = {int(row["staff_id"]) for row in lines}
    held = {
        int(r["staff_id"])
        for r in store.query(
            "SELECT a.staff_id FROM awards a LEFT JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.year = ? AND a.code = ? AND a.target_kind = 'individual' AND a.source IN ('unit', 'import') "
            "AND (a.decision_id IS NULL OR d.status = 'issued')",
            (year, _CAP_CODE),
        )
        if r["staff_id"] is not None
    } - new_ids
    total = len(held) + len(new_ids)
    if total <= limit.limit:
        return
    title = catalog_name(pack, _CAP_CODE)
    names = "; ".join(
        _("{name} (đề nghị số {id})").format(name=name, id=row["id"]) if row.get("id") else name
        for row in lines
        for name in [subject_name(store, "individual", row["staff_id"], None, "")]
    )
    raise ValidationError(
        _(
            "Quyết định này tặng {title} năm {year} cho {new} người, cùng {held} người đã có quyết định trước là "
            "{total} người; theo quy định ngày {date} ({law}), {cap}: vượt {excess} người. Hãy bỏ bớt {excess} người "
            "khỏi quyết định (Hội đồng chọn người khác thì bỏ đề nghị của một người và thêm người kia, ghi lý do). "
            "Đề nghị {title} trong quyết định: {names}."
        ).format(
            title=title,
            year=year,
            new=len(new_ids),
            held=len(held),
            total=total,
            date=when.strftime("%d/%m/%Y"),
            law=limit.cap.citation(),
            cap=cap_text(limit, _short(pack, "LDTT"), _short(pack, _CAP_CODE)),
            excess=total - limit.limit,
            names=names,
        ),
        field="nomination_ids",
    )


def _unit_issuer(issuer: dict[str, str]) -> str:
    """Who confers the unit's awards, as the award register names it: the head, with the unit's name named once
    (:func:`desktop.domain.signing.authority`)."""
    name = issuer["unit_name"]
    title = issuer["head_title"]
    if not (title and name) or title.lower().startswith("phó"):
        return name
    return signing.authority(title, name, issuer["unit_kind"] or "ubnd_xa")


def write_decision(
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
    snapshots: list[dict[str, Any]] | None = None,
    amounts: list[tuple[int, str]] | None = None,
    money_date: date | None = None,
) -> int:
    """Number, decision row, awardees in register order, award history; inside the caller's transaction.

    ``money_date``: the day the ``amounts`` given were reckoned on (a replacement keeping the replaced decision's
    amounts: that decision's money day); else the decision's own date. Kept on the decision: a later title of the
    year reckons its difference against this one's full money by the law of that day (``money_lines``).

    Refused when its CSTĐCS lines would pass the cap on CSTĐCS of the decision's date (:func:`check_cstdcs_cap`),
    for a replacement too, by the law of the decision it replaces: its own old lines have left the history by then."""
    check_cstdcs_cap(store, pack, rows, year, decision_date, replaces_id=replaces_id)
    snaps = snapshots or [_snapshot(store, r, decision_date) for r in rows]
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            *name_order(rows[i]["target_kind"], snaps[i]["snapshot_name"]),
            -rank(pack, rows[i]["code"]),
            i,
        ),
    )
    rows = [rows[i] for i in order]
    snaps = [snaps[i] for i in order]
    money = [amounts[i] for i in order] if amounts else money_lines(store, pack, rows, year, decision_date)
    series_id, number = allocate_number(store, series_key, decision_date)
    number_text = f"{number}/{series_key}"
    stamp = now_iso()
    issuer_block = current_issuer(store)  # kept on the decision: a later renaming of the unit never reaches it
    # kept too: the "Căn cứ" lines and award names of the signing day, whatever rule pack arrives later
    basis = basis_lines(store, decision_date, pack=pack)
    decision_id = store.add(
        "decisions",
        {
            "series_id": series_id,
            "number": number,
            "number_text": number_text,
            "decision_date": decision_date.isoformat(),
            "money_date": (money_date if amounts and money_date else decision_date).isoformat(),
            "signer_title": header["signer_title"],
            "signer_name": header["signer_name"],
            "signing_mode": header["signing_mode"],
            "on_behalf": header["on_behalf"],
            "subject": header["subject"],
            "achievement_text": header["achievement_text"],
            "legal_basis": json.dumps(list(basis), ensure_ascii=False),
            "round_id": round_row["id"] if round_row else None,
            "status": "issued",
            "replaces_id": replaces_id,
            "status_reason": "",
            **{f"issuer_{field}": issuer_block[field] for field in ISSUER_FIELDS},
        },
    )
    issuer = _unit_issuer(issuer_block)
    half = len(rows) // 2
    for register_no, (row, snap, (amount, arithmetic)) in enumerate(zip(rows, snaps, money, strict=True), start=1):
        if register_no == half + 1:
            _pause_for_tests(store)
        nomination_id = row.get("nomination_id", row.get("id")) if replaces_id else row.get("id")
        awardee_id = store.add(
            "decision_awardees",
            {
                "decision_id": decision_id,
                "register_no": register_no,
                "nomination_id": nomination_id,
                "target_kind": row["target_kind"],
                "staff_id": row["staff_id"],
                "department_id": row["department_id"],
                "household_name": row["household_name"],
                "code": row["code"],
                "category": row["category"],
                "code_name": catalog_name(pack, row["code"]),
                "achievement": nfc(row.get("achievement") or ""),
                **snap,
                "amount": amount,
                "arithmetic": arithmetic,
                "override_reason": nfc(overrides.get(int(nomination_id or 0), "") or row.get("override_reason") or ""),
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


def backup_before(store: Store, *, reason: str) -> None:
    """A verified backup before an operation that is hard to undo (issue 8): issuing, replacing or cancelling a
    decision.

    Skipped inside an enclosing transaction (the demo fill, a movement's proposals): the outer operation is the
    unit of work, and a backup cannot be taken in the middle of it.
    """
    if store.in_transaction or store.readonly:
        return
    before_operation(store, reason=reason)


def _decision_header(
    store: Store, rows: list[dict[str, Any]], year: int, when: date, header: dict[str, Any]
) -> dict[str, Any]:
    """Fill the signing mode and the achievement from the awards chosen, then check the mode fits the signer.

    No mode given: the mode the law gives for those awards, or a deputy's when the signer's title is a deputy's
    ("Phó Chủ tịch"). No achievement given: the default of the award when every line has the same one and no
    nomination has words of its own; else "" and each line keeps its own words, or its award's.
    """
    chosen = [row["code"] for row in rows]
    mode = header.get("signing_mode") or ""
    if not mode:
        mode = default_signing_mode(store, codes=chosen, on=when)
        if mode == "chair" and signing.is_deputy_title(header["signer_title"]):
            mode = "deputy"
    # a nominee's own words (a Giấy khen for one deed) stay on its line: then no award's default for them all
    own_words = any(row.get("achievement") for row in rows)
    achievement = header["achievement_text"] or ("" if own_words else common_achievement(chosen, year))
    line = checked_signing(store, mode, header["signer_title"], codes=chosen, on=when)  # the block, frozen
    check_body_power(store, mode, chosen, when)
    check_signer(  # in office on that date, acting or not as the term says
        store, mode=mode, signer_name=header["signer_name"], day=when, signer_title=header["signer_title"]
    )
    return header | {"signing_mode": mode, "on_behalf": line, "achievement_text": achievement}


def _check_posting(round_row: dict[str, Any], when: date) -> None:
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


def _codes_of(store: Store, round_row: dict[str, Any], nomination_ids: list[int] | None) -> set[str]:
    """The codes a decision of the round would confer: of ``nomination_ids``, else of its active nominations."""
    rows = store.query("SELECT id, code, status FROM nominations WHERE round_id = ?", (round_row["id"],))
    if nomination_ids is not None:
        wanted = {int(i) for i in nomination_ids}
        return {str(row["code"]) for row in rows if int(row["id"]) in wanted}
    return {str(row["code"]) for row in rows if row["status"] in ACTIVE_STATUSES}


def _check_posted(
    store: Store, pack: RulePack, round_row: dict[str, Any], when: date, nomination_ids: list[int] | None
) -> None:
    """The round's posting and the posting the law asks, for ``nomination_ids`` (None: the round's active
    nominations): asked before the window's question and before the backup a decision makes; issuing asks it again
    under the write lock for the nominations it chose."""
    _check_posting(round_row, when)
    met = council_meeting(store, round_row["id"], nomination_ids, statuses=ACTIVE_STATUSES)
    _check_posting_law(store, pack, round_row, _codes_of(store, round_row, nomination_ids), when, met)


def _check_posting_law(
    store: Store,
    pack: RulePack,
    round_row: dict[str, Any],
    codes_decided: set[str],
    when: date,
    council_met: date | None,
) -> None:
    """The posting the law asks of what is conferred (``posting_days`` of the rule pack on the decision's date: Gia
    đình văn hóa, 10 days): the list was posted, for at least that long, and not before the round's first day. A
    round created with no posting, or a posting shortened or dated a year back, does not meet it on paper. Any
    posting a decision rests on shows the council's list: it does not begin before the council met."""
    needed = {code: pack.posting_days(code, when) for code in sorted(codes_decided)}
    code, days = max(needed.items(), key=lambda item: item[1], default=("", 0))
    posted_early = bool(round_row["posted_from"]) and council_met and round_row["posted_from"] < council_met.isoformat()
    if posted_early and (days > 0 or round_row["posting_days"] > 0):
        raise ValidationError(
            _(
                "Danh sách niêm yết từ ngày {start}, trước ngày Hội đồng thi đua, khen thưởng họp bình xét "
                "({met}): danh sách niêm yết công khai phải là kết quả bình xét. Hãy ghi lại ngày niêm yết."
            ).format(start=format_date(round_row["posted_from"]), met=format_date(council_met)),
            field="decision_date",
        )
    if days <= 0:
        return
    what = _("“{name}” phải niêm yết công khai danh sách ít nhất {days} ngày trước khi quyết định ({cite})").format(
        name=catalog_name(pack, code),
        days=days,
        cite=pack.citation(f"{pack.item(code).table}.{code}.posting_days", when),
    )
    if not round_row["posted_from"]:
        raise ValidationError(_("{what}; đợt bình xét này chưa niêm yết.").format(what=what), field="decision_date")
    posted_from = date.fromisoformat(round_row["posted_from"])
    posted_to = date.fromisoformat(round_row["posted_to"])
    length = (posted_to - posted_from).days + 1
    if length < days:
        raise ValidationError(
            _("{what}; danh sách chỉ niêm yết {length} ngày (từ {start} đến {end}).").format(
                what=what, length=length, start=format_date(posted_from), end=format_date(posted_to)
            ),
            field="decision_date",
        )
    first, first_what = round_first_day(store, round_row)
    if posted_from < first:
        raise ValidationError(
            _("{what}; ngày bắt đầu niêm yết {start} sớm hơn {first_what} ({first}).").format(
                what=what, start=format_date(posted_from), first_what=first_what, first=format_date(first)
            ),
            field="decision_date",
        )


def check_round_dates(
    store: Store, round_row: dict[str, Any], when: date, nomination_ids: list[int] | None = None
) -> None:
    """A decision of the round is not signed before the round's year (or its movement's period) begins, nor before
    the council meeting that voted on its nominees (``nomination_ids``; None = the round's active nominations)."""
    start, what = round_first_day(store, round_row)
    if when < start:
        raise ValidationError(
            _(
                "Ngày ký quyết định {date} sớm hơn {what} ({start}); quyết định khen thưởng của đợt này phải ký "
                "từ ngày {start} trở đi."
            ).format(date=when.strftime("%d/%m/%Y"), what=what, start=start.strftime("%d/%m/%Y")),
            field="decision_date",
        )
    meeting = council_meeting(store, int(round_row["id"]), nomination_ids, statuses=ACTIVE_STATUSES)
    if meeting is not None and when < meeting:
        raise ValidationError(
            _(
                "Ngày ký quyết định {date} sớm hơn ngày họp Hội đồng Thi đua - Khen thưởng ({meeting}) đã bỏ phiếu "
                "kín cho đợt “{name}”; quyết định phải ký từ ngày {meeting} trở đi."
            ).format(date=when.strftime("%d/%m/%Y"), meeting=meeting.strftime("%d/%m/%Y"), name=round_row["name"]),
            field="decision_date",
        )


def check_posting(
    store: Store,
    *,
    round_id: int,
    decision_date: date | str,
    nomination_ids: list[int] | None = None,
    series_key: str | None = None,
) -> None:
    """Refuse (ValidationError on ``decision_date``) a decision date the round does not allow: before the round's
    year (or its movement's period) begins, before the council meeting that voted on the nominees chosen
    (``nomination_ids``; None = the round's active nominations), not posted yet, or signed before the posting
    ends; with ``series_key``, a date before a decision already numbered in that book (:func:`check_number_date`).
    The window asks this before its "Ban hành?" question."""
    round_row = get_round_row(store, round_id)
    when = as_date(decision_date)
    check_round_dates(store, round_row, when, nomination_ids)
    _check_posted(store, effective_pack(store), round_row, when, nomination_ids)
    if series_key is not None:
        try:
            key = clean_series_key(series_key)
        except ValidationError:
            key = ""  # a symbol that cannot be a book: issuing refuses it on its own field
        if key:
            check_number_date(store, key, when)
    _precheck_cap(store, round_row, when, nomination_ids)


def _precheck_cap(store: Store, round_row: dict[str, Any], when: date, nomination_ids: list[int] | None) -> None:
    """The cap on CSTĐCS, the LĐTT a CSTĐCS rests on and the members' LĐTT a collective title rests on, asked
    before "Ban hành?" over the
    nominees that would be chosen (issuing checks again)."""
    pack = effective_pack(store)
    if nomination_ids is None:
        try:
            rows = _select_nominations(store, pack, round_row, when, None, {})
        except (ValidationError, RulePackError):
            return  # nothing to issue, or a date the law does not cover: issuing says so
    else:
        ids = sorted({int(i) for i in nomination_ids})
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        states = ",".join("?" * len(ACTIVE_STATUSES))
        rows = store.query(
            f"SELECT * FROM nominations WHERE round_id = ? AND id IN ({marks}) AND status IN ({states})",
            (round_row["id"], *ids, *ACTIVE_STATUSES),
        )
    refuse_wrong_collective_kinds(store, pack, rows, when)
    check_cstdcs_cap(store, pack, rows, round_row["year"], when)
    refuse_without_required_title(store, pack, rows, round_row["year"], when)
    refuse_short_collectives(store, pack, rows, round_row["year"], when)


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
) -> int:
    """Issue the unit's decision for the round's nominees; returns the decision id.

    Default nominees: every active nomination the unit confers that passed its ballot or needs none. A nominee
    whose ballot failed is refused; ``override_reasons`` lifts that only where the law asks no ballot for the award
    (a title whose secret ballot the pack requires, CSTĐCS, is never conferred against the council's vote).
    ``signing_mode``: "chair", "deputy" (KT.) or "body" (TM.); None = the law's default for the awards chosen.
    An empty ``achievement_text`` takes the default of the award (each line its own when the awards differ).
    """
    pack = effective_pack(store)
    round_row = get_round_row(store, round_id)
    when = as_date(decision_date)
    check_law_date(pack, when, _("Quyết định"))
    key = clean_series_key(series_key)
    header = {
        "signer_title": printed_text("signer_title", signer_title),
        "signer_name": printed_text("signer_name", signer_name),
        "subject": printed_text("subject", subject),
        "achievement_text": printed_text("achievement_text", achievement_text),
        "signing_mode": nfc(signing_mode or ""),
    }
    if header["signing_mode"]:
        checked_signing(store, header["signing_mode"], header["signer_title"])
    reasons = {
        int(k): clean_text(v, "override_reasons", _("Lý do ngoại lệ"), multiline=True, max_length=NOTES_MAX_LENGTH)
        for k, v in (override_reasons or {}).items()
    }
    overrides = {k: v for k, v in reasons.items() if v}
    check_round_dates(store, round_row, when, nomination_ids)
    _check_posted(store, pack, round_row, when, nomination_ids)
    check_series_usable(store, key, when)  # before the backup: a refused book or date leaves no backup behind
    backup_before(store, reason="before_decision")
    with store.transaction(operation="decision.issue"):
        # Read and choose inside the write lock: another window may have decided a nominee meanwhile, or saved a
        # rule (a province package imported during the backup): the law read above only served the early checks,
        # everything below and the decision itself take the law in force now, one version throughout.
        pack = effective_pack(store)
        check_law_date(pack, when, _("Quyết định"))
        rows = _select_nominations(store, pack, round_row, when, nomination_ids, overrides)
        refuse_wrong_collective_kinds(store, pack, rows, when)  # an office's Thôn văn hóa an older version let in
        check_round_dates(store, round_row, when, [int(row["id"]) for row in rows])
        posted = get_round_row(store, round_id)  # the posting as it is now: another window may have changed it
        _check_posting(posted, when)
        met = council_meeting(store, round_id, [int(row["id"]) for row in rows])
        _check_posting_law(store, pack, posted, {str(row["code"]) for row in rows}, when, met)
        _check_still_eligible(store, rows, round_row["year"], when, overrides)
        refuse_without_required_title(store, pack, rows, round_row["year"], when)  # CSTĐCS on LĐTT held
        refuse_short_collectives(store, pack, rows, round_row["year"], when)  # the members' LĐTT held, not foreseen
        decision_id = write_decision(
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


def find_decision(store: Store, decision_id: int | None, number_text: str | None) -> dict[str, Any]:
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
    pack = effective_pack(store)
    row = find_decision(store, decision_id, number_text)
    awardees = store.query("SELECT * FROM decision_awardees WHERE decision_id = ? ORDER BY register_no", (row["id"],))
    on = date.fromisoformat(row["decision_date"])
    year = int(row["round_year"] or on.year)
    for awardee in awardees:
        # the name it was issued with (a decision issued before schema 13: the pack's name of today)
        awardee["code_name"] = awardee["code_name"] or catalog_name(pack, awardee["code"])
        # the words of this line: its nomination's own, else the decision's, else those of its award (a CSTĐCS is
        # not "hoàn thành tốt"); ``own_achievement`` is what a replacement carries on
        awardee["own_achievement"] = awardee["achievement"]
        awardee["achievement"] = (
            awardee["achievement"] or row["achievement_text"] or default_achievement(awardee["code"], year)
        )
        awardee["paper"] = _paper(pack, awardee["code"], on)
    replaces = (
        store.scalar("SELECT number_text FROM decisions WHERE id = ?", (row["replaces_id"],))
        if row["replaces_id"]
        else None
    )
    mark_same_names(store, awardees, name_key="snapshot_name")
    basis = json.loads(row["legal_basis"]) if row["legal_basis"] else None  # None: issued before schema 13
    return dict(row) | {"replaces": replaces, "awardees": awardees, "legal_basis": basis}


def _paper(pack: RulePack, code: str, on: date) -> str:
    """The paper an award gets on that date (``pack.paper``); "" = money and a line in the decision only."""
    try:
        return pack.paper(code, on) if pack.has(code) else ""
    except RulePackError:
        return ""
