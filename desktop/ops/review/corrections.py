"""A decision replaced (thay thế) by a new one, or cancelled (hủy bỏ); the old one always stays on record.

A replacement issues a NEW decision (new number) citing the old one's number and date; the old one keeps status
``corrected`` (shown as "đã bị thay thế") and the reason. A cancellation keeps the decision with status ``revoked``
and its reason; its awards and money are withdrawn (thu hồi), so its rows leave the award history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain import codes
from desktop.domain.money import format_number
from desktop.domain.rules import RulePack
from desktop.domain.text import nfc
from desktop.i18n import N_, _, label
from desktop.ops.common import as_date, require_text
from desktop.ops.officials import check_signer
from desktop.ops.review.common import DECISION_STATUSES, check_law_date, printed_text
from desktop.ops.review.decisions import (
    backup_before,
    check_round_dates,
    find_decision,
    get_decision,
    write_decision,
)
from desktop.ops.review.dossier_guard import decided_on_cstdcs, describe, resting_on_cstdcs
from desktop.ops.review.member_titles import dossier_share_notes, titles_in_force_notes
from desktop.ops.review.money_check import unconfirmed_money
from desktop.ops.review.money_lines import kept_money_lines, money_day, money_still_owed
from desktop.ops.review.numbering import check_series_usable, clean_series_key
from desktop.ops.review.person_titles import resting_titles_notes
from desktop.ops.review.signatures import check_body_power, checked_signing
from desktop.store import Store, ValidationError, now_iso
from desktop.store.review_repo import authority, catalog_name, conferred_by, recipient_key, subject_name
from desktop.store.rules_repo import effective_pack, unit_kind

CORRECTABLE_FIELDS = ("signer_title", "signer_name", "signing_mode", "subject", "achievement_text", "series_key")
HEADER_FIELDS = ("signer_title", "signer_name", "signing_mode", "subject", "achievement_text")
SNAPSHOT_FIELDS = ("snapshot_name", "snapshot_position", "snapshot_department", "snapshot_gender")
# Frozen for the reports only, never printed: a replacement carries them over as they were and cannot change them.
REPORT_SNAPSHOT_FIELDS = ("snapshot_ethnic_code", "snapshot_is_leader")


def correct_decision(
    store: Store,
    *,
    decision_id: int,
    reason: str,
    decision_date: date | str,
    changes: dict[str, Any],
) -> int:
    """Issue a NEW decision (new number) that replaces (thay thế) ``decision_id``; the old one stays, marked
    ``corrected`` ("đã bị thay thế") with the reason. The new decision cites the old number and date and has an
    article saying it replaces it.

    ``changes`` may set the header (``signer_title``, ``signer_name``, ``signing_mode``, ``subject``,
    ``achievement_text``, ``series_key``; what is not given is kept, the signing mode too), drop lines
    (``remove_register_nos``: [register numbers]) and fix the snapshot printed for a line (``awardees``:
    {register_no: {"snapshot_name": ..., ...}}). Amounts stay those of the old decision unless
    ``recompute_amounts`` is true (then: the pack on the new decision date).

    The new date may not be earlier than the replaced decision's, and the unit must still confer every line kept
    on that date (as when issuing). A kept amount whose reason rests on what is no longer so (a decision it cites
    since cancelled or replaced, a higher title beside it dropped) is reckoned again (:func:`kept_money_lines`).
    What the recipients are still owed afterwards: :func:`replacement_money_owed`.
    """
    pack = effective_pack(store)
    text = require_text(reason, "reason", _("Hãy ghi lý do thay thế quyết định."))
    when = as_date(decision_date)
    check_law_date(pack, when, _("Quyết định"))
    early = get_decision(store, decision_id=decision_id)
    _check_still_issued(early, _REPLACE_REFUSED)  # early
    unknown = set(changes) - {*CORRECTABLE_FIELDS, "remove_register_nos", "awardees", "recompute_amounts"}
    if unknown:
        raise ValidationError(
            _("Quyết định thay thế không sửa được trường: {fields}.").format(fields=", ".join(sorted(unknown))),
            field="changes",
        )
    # a date the replaced decision, the round or the book refuses leaves no backup behind (asked again under the
    # write lock)
    _check_not_earlier(early, when)
    _check_round_dates_early(store, early, when)
    check_series_usable(store, clean_series_key(str(changes.get("series_key") or early["series_key"])), when)
    backup_before(store, reason="before_decision")  # a new number, and the old one's awards leave the history
    with store.transaction(operation="decision.correct"):
        # Read and check under the write lock: another window may have replaced or cancelled it meanwhile, or saved
        # a rule during the backup; the law read above only served the early checks, one version throughout below.
        pack = effective_pack(store)
        check_law_date(pack, when, _("Quyết định"))
        old = get_decision(store, decision_id=decision_id)
        _check_still_issued(old, _REPLACE_REFUSED)
        _check_not_earlier(old, when)
        removed = {int(n) for n in changes.get("remove_register_nos") or ()}
        codes = [str(a["code"]) for a in old["awardees"] if int(a["register_no"]) not in removed]  # the kept lines'
        header = _replacement_header(store, old, changes, codes=codes, when=when)
        check_signer(
            store,
            mode=header["signing_mode"],
            signer_name=header["signer_name"],
            day=when,
            signer_title=header["signer_title"],
        )
        key = clean_series_key(str(changes.get("series_key") or old["series_key"]))
        strange = sorted(removed - {int(a["register_no"]) for a in old["awardees"]})
        if strange:  # a line typed wrong would leave the person it meant, and the money, in the replacement
            raise ValidationError(
                _("Quyết định {number} không có dòng số {lines}; không bỏ được.").format(
                    number=old["number_text"], lines=", ".join(map(str, strange))
                ),
                field="remove_register_nos",
            )
        kept = [a for a in old["awardees"] if a["register_no"] not in removed]
        if not kept:
            raise ValidationError(
                _(
                    "Quyết định thay thế phải còn ít nhất một người; muốn bỏ cả quyết định thì hủy bỏ quyết định "
                    "(thu hồi khen thưởng)."
                ),
                field="changes",
            )
        _refuse_under_dossier(
            store,
            pack,
            [a for a in old["awardees"] if a["register_no"] in removed],
            year=_decision_year(store, decision_id),
        )
        _check_unit_confers(store, pack, kept, when)
        # "TM." only where the law on that day gives an award to the body, as when issuing
        check_body_power(store, header["signing_mode"], [str(a["code"]) for a in kept], when)
        snapshots = _fixed_snapshots(kept, {int(k): v for k, v in (changes.get("awardees") or {}).items()})
        round_row = _round_of(store, old)
        if round_row is not None:  # the replacement is a decision of the same round: the same dates bind it
            check_round_dates(store, round_row, when, [int(a["nomination_id"]) for a in kept if a["nomination_id"]])
        year = int(
            store.scalar("SELECT year FROM awards WHERE decision_id = ? LIMIT 1", (decision_id,))
            or (round_row["year"] if round_row else date.fromisoformat(old["decision_date"]).year)
        )
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
                    "achievement": awardee["own_achievement"],
                    "initiative_id": old_award.get("initiative_id"),
                }
            )
        overrides = {int(a["nomination_id"]): a["override_reason"] for a in kept if a["nomination_id"]}
        reckoned = money_day(old)  # the day the kept amounts rest on (down a chain of replacements)
        amounts = (
            None
            if changes.get("recompute_amounts")
            else kept_money_lines(
                store,
                pack,
                rows,
                [(a["amount"], a["arithmetic"]) for a in kept],
                year,
                reckoned,
            )
        )
        new_id = write_decision(
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
            money_date=reckoned,
        )
        store.update("decisions", decision_id, {"status": "corrected", "status_reason": text, "updated_at": now_iso()})
        for awardee in old["awardees"]:
            if awardee["register_no"] in removed and awardee["nomination_id"]:
                _reopen_nomination(store, int(awardee["nomination_id"]))
    return new_id


_REPLACE_REFUSED = N_(
    "Quyết định {number} đang ở trạng thái “{status}”; chỉ thay thế được quyết định đang có hiệu lực."
)
_REVOKE_REFUSED = N_("Quyết định {number} đang ở trạng thái “{status}”; không hủy bỏ được (không thu hồi được).")


def _check_still_issued(decision: dict[str, Any], message: str) -> None:
    """Only a decision in force is replaced or cancelled (once): read under the lock, it is the last word."""
    if decision["status"] != "issued":
        raise ValidationError(
            _(message).format(number=decision["number_text"], status=label(DECISION_STATUSES, decision["status"])),
            field="decision_id",
        )


def _check_not_earlier(old: dict[str, Any], when: date) -> None:
    """A replacement is signed on or after the day of the decision it replaces, never before it."""
    signed = date.fromisoformat(old["decision_date"])
    if when < signed:
        raise ValidationError(
            _(
                "Ngày ký quyết định thay thế ({date}) sớm hơn ngày ký Quyết định số {number} ngày {old_date} "
                "mà nó thay thế; hãy chọn ngày từ {old_date} trở đi."
            ).format(date=when.strftime("%d/%m/%Y"), number=old["number_text"], old_date=signed.strftime("%d/%m/%Y")),
            field="decision_date",
        )


def _check_unit_confers(store: Store, pack: RulePack, kept: list[dict[str, Any]], when: date) -> None:
    """The replacement is the unit's own decision on its date: the unit must still confer every line then."""
    kind = unit_kind(store)
    for awardee in kept:
        if conferred_by(pack, awardee["code"], when, kind) == "unit":
            continue
        who, law = authority(pack, awardee["code"], when, kind)
        raise ValidationError(
            _(
                "{name} ({title}, dòng số {n}): theo quy định ngày {date}, {who} ({law}); đơn vị không ra quyết định "
                "thay thế được cho dòng này — hãy bỏ dòng này khỏi quyết định thay thế hoặc chọn ngày ký khác."
            ).format(
                name=awardee["snapshot_name"],
                title=catalog_name(pack, awardee["code"]),
                n=awardee["register_no"],
                date=when.strftime("%d/%m/%Y"),
                who=label(codes.AUTHORITY_LABELS, who),
                law=law,
            ),
            field="decision_date",
        )


def _replacement_header(
    store: Store, old: dict[str, Any], changes: dict[str, Any], *, codes: list[str], when: date
) -> dict[str, Any]:
    """The old decision's header with the changes given; the signature block always checked and made again, for the
    awards kept (``codes``) on the replacement's date, as a fresh decision's: the replacement is signed on its own
    date, so whether a deputy signs "TM." above "KT." follows the law of that date, not the old decision's."""
    header = {k: old[k] for k in HEADER_FIELDS}
    for key in header:
        if key in changes:
            value = changes[key]
            header[key] = printed_text(key, value) if key != "signing_mode" else nfc(str(value or ""))
    header["signing_mode"] = header["signing_mode"] or "chair"
    header["on_behalf"] = checked_signing(store, header["signing_mode"], header["signer_title"], codes=codes, on=when)
    return header


def names_changed_since(store: Store, *, decision_id: int) -> dict[int, dict[str, str]]:
    """The lines whose person's name in the staff record now differs from the name the decision printed (a
    misspelling corrected afterwards): {register_no: {"printed": ..., "record": ...}}. A replacement takes them when
    asked (``changes["awardees"]``); it never does so on its own, since the printed name is part of what was signed."""
    rows = store.query(
        "SELECT a.register_no, a.snapshot_name, s.full_name FROM decision_awardees a JOIN staff s ON s.id = a.staff_id "
        "WHERE a.decision_id = ? AND a.target_kind = 'individual' ORDER BY a.register_no",
        (decision_id,),
    )
    return {
        int(r["register_no"]): {"printed": nfc(r["snapshot_name"]), "record": nfc(r["full_name"])}
        for r in rows
        if nfc(r["full_name"] or "").strip() and nfc(r["full_name"]) != nfc(r["snapshot_name"])
    }


def _fixed_snapshots(kept: list[dict[str, Any]], fixes: dict[int, Any]) -> list[dict[str, Any]]:
    """The frozen name, position, department and gender of each line kept, with the fixes given (and the frozen
    ethnic group and leader status as they were). A fix for a line the replacement does not have (a wrong number,
    a line dropped) is refused, never ignored."""
    unknown = sorted(set(fixes) - {int(a["register_no"]) for a in kept})
    if unknown:
        raise ValidationError(
            _("Quyết định thay thế không có dòng số {numbers} để sửa (số sổ vàng của quyết định cũ).").format(
                numbers=", ".join(str(n) for n in unknown)
            ),
            field="changes",
        )
    snapshots = []
    for awardee in kept:
        snap = {field: awardee.get(field) for field in REPORT_SNAPSHOT_FIELDS}
        snap |= {field: awardee[field] for field in SNAPSHOT_FIELDS}
        for field, value in (fixes.get(awardee["register_no"]) or {}).items():
            if field not in SNAPSHOT_FIELDS:
                raise ValidationError(
                    _("Quyết định thay thế không sửa được trường “{field}” của dòng số {n}.").format(
                        field=field, n=awardee["register_no"]
                    ),
                    field="changes",
                )
            snap[field] = printed_text(field, value)
        snapshots.append(snap)
    return snapshots


def _reopen_nomination(store: Store, nomination_id: int) -> None:
    passed = store.scalar("SELECT passed FROM ballots WHERE nomination_id = ?", (nomination_id,))
    status = "proposed" if passed is None else ("passed" if passed else "failed")
    store.update("nominations", nomination_id, {"status": status, "updated_at": now_iso()})


def _round_of(store: Store, decision: dict[str, Any]) -> dict[str, Any] | None:
    """The review round a decision was issued in, or None (a decision recorded outside a round)."""
    if not decision.get("round_id"):
        return None
    return store.query_one("SELECT * FROM review_rounds WHERE id = ?", (decision["round_id"],))


def _check_round_dates_early(store: Store, old: dict[str, Any], when: date) -> None:
    """The round's dates asked of a replacement before its backup, over the replaced decision's nominees (the
    transaction asks again over the lines kept)."""
    round_row = _round_of(store, old)
    if round_row is not None:
        check_round_dates(
            store, round_row, when, [int(a["nomination_id"]) for a in old["awardees"] if a["nomination_id"]]
        )


def revoke_decision(store: Store, *, decision_id: int, reason: str) -> list[str]:
    """Cancel (hủy bỏ) a decision: it stays with status ``revoked`` and the reason; its awards and money are
    withdrawn (thu hồi), so its rows leave the award history.

    The removed ``awards`` rows remain in the audit log; the nominations return to their pre-decision status so
    a new decision can be issued if the cancellation was for a formal error. Returns what the clerk must see to:
    the titles resting on what it withdraws (a province's award on its CSTĐCS, a person's CSTĐCS in force on
    the LĐTT: :func:`resting_titles_notes`, a collective's title in force on its LĐTT:
    :func:`titles_in_force_notes`), then what its recipients are still owed
    (:func:`money_still_owed`): a higher title paid only as a difference over this decision's money. Refused while
    a dossier sent up counts on a CSTĐCS it withdraws; a collective title sent up on its LĐTT is a note
    (:func:`dossier_share_notes`).
    """
    text = require_text(reason, "reason", _("Hãy ghi lý do hủy bỏ quyết định."))
    _check_still_issued(find_decision(store, decision_id, None), _REVOKE_REFUSED)  # early
    backup_before(store, reason="before_decision")  # its awards and money are withdrawn
    with store.transaction(operation="decision.revoke"):
        # read under the write lock: another window may have replaced or cancelled it meanwhile
        _check_still_issued(find_decision(store, decision_id, None), _REVOKE_REFUSED)
        year = _decision_year(store, decision_id)  # before its awards go
        lines = store.query(
            "SELECT target_kind, staff_id, department_id, household_name, code, snapshot_name FROM decision_awardees "
            "WHERE decision_id = ?",
            (decision_id,),
        )
        _refuse_under_dossier(store, effective_pack(store), lines, year=year)
        decided = _province_decided_notes(store, effective_pack(store), lines, year=year)
        store.execute("DELETE FROM awards WHERE decision_id = ?", (decision_id,))
        # the members' LĐTT gone from the history: a collective title sent up or in force may rest on them
        if year:
            decided += resting_titles_notes(store, effective_pack(store), lines, year=year)
            decided += titles_in_force_notes(store, effective_pack(store), lines, year=year)
            decided += dossier_share_notes(store, effective_pack(store), lines, year=year)
        store.update("decisions", decision_id, {"status": "revoked", "status_reason": text, "updated_at": now_iso()})
        for awardee in store.query(
            "SELECT nomination_id FROM decision_awardees WHERE decision_id = ? AND nomination_id IS NOT NULL",
            (decision_id,),
        ):
            _reopen_nomination(store, int(awardee["nomination_id"]))
    if not year:
        return decided
    return decided + money_still_owed(store, effective_pack(store), year, {recipient_key(row) for row in lines})


def _refuse_under_dossier(store: Store, pack: RulePack, lines: list[dict[str, Any]], *, year: int) -> None:
    """Refuse taking back a CSTĐCS (cancelling its decision, or dropping its line from a replacement) while a
    proposal sent up counts on it (:func:`desktop.ops.review.dossier_guard.resting_on_cstdcs`): the province would
    decide a CSTĐ tỉnh or a Bằng khen on a title the unit had withdrawn."""
    for name, dependents in _cstdcs_taken_back(
        store, lines, lambda staff_id: resting_on_cstdcs(store, pack, staff_id=staff_id, year=year)
    ):
        which, dossiers = describe(store, pack, dependents)
        raise ValidationError(
            _(
                "{name} có danh hiệu Chiến sĩ thi đua cơ sở năm {year} theo quyết định này; hồ sơ đề nghị số "
                "{dossiers} đã gửi lên cấp trên các đề nghị dựa vào danh hiệu đó: {which}. Không hủy bỏ hay bỏ "
                "danh hiệu này được; hãy báo cấp trên rút các đề nghị đó trước."
            ).format(name=name, year=year, dossiers=dossiers, which=which),
            field="decision_id",
        )


def _province_decided_notes(store: Store, pack: RulePack, lines: list[dict[str, Any]], *, year: int) -> list[str]:
    """For each CSTĐCS taken back (cancelled, or dropped from a replacement) that a title already awarded by the
    province rests on (:func:`desktop.ops.review.dossier_guard.decided_on_cstdcs`): what the clerk must report.
    Not a refusal: a decision found wrong must be cancellable, and only the province can revisit its own award."""
    return [
        _(
            "{name} không còn danh hiệu Chiến sĩ thi đua cơ sở năm {year}, nhưng cấp trên đã quyết định khen dựa vào "
            "danh hiệu đó: {which}. Hãy báo cấp trên để xem xét lại các khen thưởng này."
        ).format(name=name, year=year, which=describe(store, pack, dependents)[0])
        for name, dependents in _cstdcs_taken_back(
            store, lines, lambda staff_id: decided_on_cstdcs(store, pack, staff_id=staff_id, year=year)
        )
    ]


def _cstdcs_taken_back(
    store: Store, lines: list[dict[str, Any]], resting: Callable[[int], list[dict[str, Any]]]
) -> list[tuple[str, list[dict[str, Any]]]]:
    """(name, the proposals ``resting`` finds on the person's CSTĐCS) for each individual CSTĐCS line that has any."""
    found = []
    for line in lines:
        if line["code"] != "CSTDCS" or line["target_kind"] != "individual" or not line["staff_id"]:
            continue
        dependents = resting(int(line["staff_id"]))
        if dependents:
            name = line["snapshot_name"] or subject_name(store, "individual", line["staff_id"], None, "")
            found.append((str(name), dependents))
    return found


def _decision_year(store: Store, decision_id: int) -> int:
    """The year whose titles a decision gave: its round's, else its awards', else its date's."""
    return int(
        store.scalar(
            "SELECT coalesce(r.year, (SELECT min(a.year) FROM awards a WHERE a.decision_id = d.id), "
            "CAST(substr(d.decision_date, 1, 4) AS INTEGER)) FROM decisions d "
            "LEFT JOIN review_rounds r ON r.id = d.round_id WHERE d.id = ?",
            (decision_id,),
        )
        or 0
    )


def replacement_money_owed(store: Store, *, decision_id: int) -> list[str]:
    """After ``decision_id`` replaced another: what the recipients of either decision are still owed
    (:func:`money_still_owed`) — a line dropped may have been what a higher title's difference was reckoned over,
    or the higher title a lower one was paid 0 under."""
    year = _decision_year(store, decision_id)
    lines = store.query(
        "SELECT target_kind, staff_id, department_id, household_name FROM decision_awardees WHERE decision_id = ? "
        "OR decision_id = (SELECT replaces_id FROM decisions WHERE id = ?)",
        (decision_id, decision_id),
    )
    if not year or not lines:
        return []
    return money_still_owed(store, effective_pack(store), year, {recipient_key(row) for row in lines})


def _money_redone(store: Store, new: dict[str, Any], old: dict[str, Any]) -> list[str]:
    """The lines of the replacing decision ``new`` whose money differs from the replaced decision ``old``'s line
    (same recipient, same title or award form), in words: what the clerk signs differs from what was kept."""
    before = {(recipient_key(a), a["code"]): a for a in old["awardees"]}
    pack = effective_pack(store)
    notes: list[str] = []
    for line in new["awardees"]:
        old_line = before.get((recipient_key(line), line["code"]))
        # the same amount with a reason citing the decision's new number is no money worked out again
        if old_line is None or old_line["amount"] == line["amount"]:
            continue
        notes.append(
            _(
                "Dòng số {n} ({name}, “{title}”): tiền thưởng được tính lại, {old} → {new} đồng, vì khoản đã nhận "
                "hoặc danh hiệu cao hơn mà dòng cũ dựa vào không còn hiệu lực: {arithmetic}"
            ).format(
                n=line["register_no"],
                name=line["snapshot_name"],
                title=catalog_name(pack, line["code"]),
                old=format_number(int(old_line["amount"] or 0)),
                new=format_number(int(line["amount"] or 0)),
                arithmetic=line["arithmetic"],
            )
        )
    return notes


# The words of the law: a decision is replaced (thay thế) or cancelled (hủy bỏ); the old names stay for callers.
replace_decision = correct_decision
cancel_decision = revoke_decision


def replacement_notes(store: Store, *, decision_id: int, recomputed: bool = False) -> list[str]:
    """What the clerk must read after ``decision_id`` replaced another (the command line prints it on stderr, the
    window shows it): the kept lines whose money was worked out again (none when all were ``recomputed``), the
    unconfirmed values the amounts rest on (reckoned on the replaced decision's date, or the new date when
    recomputed), what the recipients of either decision are still owed, the CSTĐCS dropped that a title the
    province already awarded rests on, and the LĐTT dropped that a collective's title in force, or sent up, no
    longer has enough of (:func:`titles_in_force_notes`, :func:`dossier_share_notes`)."""
    new = get_decision(store, decision_id=decision_id)
    old_id = new.get("replaces_id") or store.scalar("SELECT replaces_id FROM decisions WHERE id = ?", (decision_id,))
    old = get_decision(store, decision_id=int(old_id)) if old_id else None
    notes = [] if recomputed or old is None else _money_redone(store, new, old)
    if old is not None:
        kept = {(a["target_kind"], a["staff_id"], a["code"]) for a in new["awardees"]}
        dropped = [a for a in old["awardees"] if (a["target_kind"], a["staff_id"], a["code"]) not in kept]
        old_year = _decision_year(store, int(old["id"]))
        notes += _province_decided_notes(store, effective_pack(store), dropped, year=old_year)
        notes += resting_titles_notes(store, effective_pack(store), dropped, year=old_year)
        notes += titles_in_force_notes(store, effective_pack(store), dropped, year=old_year)
        notes += dossier_share_notes(store, effective_pack(store), dropped, year=old_year)
    reckoned_on = money_day(old) if old is not None and not recomputed else money_day(new)
    lines = [(str(a["code"]), str(a["target_kind"])) for a in new["awardees"] if a["amount"]]
    notes += unconfirmed_money(store, lines, reckoned_on)
    return notes + replacement_money_owed(store, decision_id=decision_id)
