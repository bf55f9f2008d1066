"""The money of a decision's lines: title money is paid once per recipient and year."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.codes import TARGET_WORDS
from desktop.domain.money import DIFFERENCE_MARK, OWED_MARK, PayLine, format_number, select_payable
from desktop.domain.rules import RulePack, RulePackError
from desktop.ops.rules import money
from desktop.store import Store
from desktop.store.review_repo import catalog_name, rank, recipient_key, subject_name

# Said after an imported decision's reference: its money is not in the register, so it is taken as paid in full.
IMPORTED_PAID = " (nhập từ sổ cũ, không ghi số tiền: coi như đã chi đủ {amount} đồng theo mức ngày {day})"
# How money_lines writes an earlier decision (_decision_ref) and the reasons that cite one (_earlier_decisions_text).
_REF_HEAD = "Quyết định số "
_NOT_HIGHER_HEAD = "Cùng năm "
_NOT_HIGHER_END = "chỉ thưởng tiền cho danh hiệu cao nhất, danh hiệu này không được thưởng thêm."
# A line the pack sets no reward money for. Kept with the decision's line (its tooltip, `decision show --json`) as
# the decision's text, so Vietnamese whatever the screen's language (TARGET_WORDS untranslated), like every reason
# here; the recipient in words, never its code.
NO_MONEY = (
    "Không có tiền thưởng: bộ quy tắc không quy định mức tiền thưởng “{name}” cho {target} ({kind} theo {basis})."
)


def _no_money_reason(pack: RulePack, code: str, target: str, on: date) -> str:
    """Why a line is paid nothing when the pack sets no reward money for its award and recipient (Gia đình văn hóa
    to a household), worded for the decision and the payment list and citing the article of the award on that
    date: "Không có tiền thưởng: bộ quy tắc không quy định mức tiền thưởng “Gia đình văn hóa” cho hộ gia đình
    (danh hiệu theo NĐ 86/2023/NĐ-CP)." "" when the pack does set one (the refusal was for another reason)."""
    if not pack.has(code) or target not in TARGET_WORDS:
        return ""
    item = pack.item(code)
    paid_as = "individual" if target == "household" and not item.is_title else target  # as reward_amount reads it
    if f"{item.table}.{code}.coefficient.{paid_as}" in pack.value_keys():
        return ""
    try:
        basis = pack.cited(f"{item.table}.{code}.basis", on).citation()
    except RulePackError:
        basis = item.basis.citation()
    kind = "danh hiệu" if item.is_title else "hình thức khen thưởng"
    return NO_MONEY.format(name=item.name, target=TARGET_WORDS[target], kind=kind, basis=basis)


def money_day(decision: dict[str, Any]) -> date:
    """The day a decision's amounts rest on: its ``money_date`` (a replacement that kept the amounts of the decision
    it replaced: that decision's day), else its own date."""
    return date.fromisoformat(decision.get("money_date") or decision["decision_date"])


def _award_date(row: dict[str, Any]) -> date:
    """The day an earlier title's money is reckoned on: the day its decision's amounts rest on (a replacement that
    kept them: the replaced decision's day, not the later day it was signed, perhaps after a rise of the base
    salary), else its decision's date, else the last day of its year."""
    day = row.get("money_date") or row["decision_date"]
    return date.fromisoformat(day) if day else date(int(row["year"]), 12, 31)


def _law_amount(store: Store, row: dict[str, Any]) -> int | None:
    """What the title of ``row`` is worth in full by the law of its decision's date; None when the law cannot say."""
    try:
        return money(store, code=row["code"], target=row["target_kind"], decision_date=_award_date(row)).amount
    except (RulePackError, ValueError):
        return None


def _paid_titles(store: Store, year: int, recipients: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The titles of ``year`` still in force of the unit's own decisions, by recipient key, each with ``paid``:
    what its decision paid — 0 for a lower title whose money went to a higher one.

    The awards table holds only awards in force (a revoked decision's rows are gone, a corrected one's moved to
    the replacing decision), and ``amount`` is what was actually paid. A decision loaded by the history import
    (source ``import``, the unit's own, ``amount`` not recorded) is taken as paid the title's full money by the
    law of its date (``imported`` true; the reasons say so).
    """
    rows = store.query(
        "SELECT a.target_kind, a.staff_id, a.department_id, a.household_name, a.code, a.amount, a.decision_no, "
        "a.decision_date, a.year, a.source, d.money_date FROM awards a LEFT JOIN decisions d ON d.id = a.decision_id "
        "WHERE a.year = ? AND a.source IN ('unit', 'import') AND a.category = 'title' "
        "ORDER BY coalesce(a.decision_date, ''), a.id",
        (year,),
    )
    paid: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = recipient_key(row)
        if key not in recipients:
            continue
        row["imported"] = row["amount"] is None and row["source"] == "import"
        law = _law_amount(store, row) if row["imported"] else None
        row["imported"] = law is not None
        row["paid"] = law if law is not None else int(row["amount"] or 0)
        paid.setdefault(key, []).append(row)
    return paid


def _decision_ref(row: dict[str, Any]) -> str:
    when = f" ngày {date.fromisoformat(row['decision_date']).strftime('%d/%m/%Y')}" if row["decision_date"] else ""
    return f"{_REF_HEAD}{row['decision_no']}{when}"


def _paid_ref(row: dict[str, Any]) -> str:
    """The decision an amount was received by; for an imported one, the assumption its amount rests on."""
    if not row.get("imported"):
        return _decision_ref(row)
    day = _award_date(row).strftime("%d/%m/%Y")
    return _decision_ref(row) + IMPORTED_PAID.format(amount=format_number(int(row["paid"])), day=day)


def _full_amount(store: Store, row: dict[str, Any]) -> int:
    """What an earlier title is worth in full on its own decision's date (what it paid may be only the difference
    over a lower title); what it paid when the law of that date cannot say."""
    paid = int(row["paid"])
    if not row["decision_date"] and not row.get("imported"):
        return paid
    full = _law_amount(store, row)
    return paid if full is None else max(paid, full)


def _received(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The earlier titles that paid money (a lower title paid 0 deducts nothing and is not cited)."""
    return [row for row in rows if int(row["paid"]) > 0]


def money_lines(
    store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int, decision_date: date
) -> list[tuple[int, str]]:
    """(amount, arithmetic) for each row: title money is paid once per recipient and year.

    Within the decision only the highest title of a recipient is paid. Against the year's earlier decisions
    still in force: a higher title pays only the difference from what was already paid ("2.340.000 − 710.000
    đã nhận theo Quyết định số 1/QĐ-UBND ngày …"); a title not higher than one already paid pays 0, with the
    reason — unless what was paid falls short of the highest title's full money (its difference was reckoned
    against a decision since cancelled or replaced, or the higher title was withdrawn and a lower one was paid
    0), when the line pays what is still owed. An imported decision of the unit counts as paid in full by the law
    of its date, and the reason says so. Award forms are paid besides titles.
    """
    period = str(year)
    lines = [PayLine(recipient_key(r), period, r["code"], r["target_kind"]) for r in rows]
    choices = select_payable(pack, lines, decision_date)
    paid_before = _paid_titles(store, year, {line.recipient for line in lines})
    out: list[tuple[int, str]] = []
    for row, line, pay in zip(rows, lines, choices, strict=True):
        if not pay.paid:
            out.append((0, pay.reason))
            continue
        try:
            reward = money(store, code=row["code"], target=row["target_kind"], decision_date=decision_date)
        except RulePackError as exc:
            out.append((0, _no_money_reason(pack, row["code"], row["target_kind"], decision_date) or str(exc)))
            continue
        earlier = paid_before.get(line.recipient, []) if row["category"] == "title" else []
        if not earlier:
            out.append((reward.amount, reward.explanation))
            continue
        best = max(earlier, key=lambda e: rank(pack, e["code"]))
        received = _received(earlier)
        already = sum(int(e["paid"]) for e in received)
        if rank(pack, row["code"]) <= rank(pack, best["code"]):
            out.append(_not_higher(store, pack, year, best, received))
            continue
        if not received:
            out.append((reward.amount, reward.explanation))
            continue
        difference = max(0, reward.amount - already)
        deducted = " − ".join(
            "{amount} đã nhận theo {ref}".format(amount=format_number(int(e["paid"])), ref=_paid_ref(e))
            for e in received
        )
        out.append(
            (
                difference,
                f"{reward.explanation} {DIFFERENCE_MARK} {format_number(reward.amount)} − {deducted} "
                f"= {format_number(difference)} đồng.",
            )
        )
    return out


def _not_higher(
    store: Store, pack: RulePack, year: int, best: dict[str, Any], received: list[dict[str, Any]]
) -> tuple[int, str]:
    """A title not higher than the highest in force: 0, unless that one's full money was not all paid — it may
    have been paid only as a difference over a title since cancelled or replaced (this line may be that title,
    re-issued), or paid 0 under a higher title since withdrawn: the recipient is owed the highest title's full
    money in all, never less."""
    full = _full_amount(store, best)
    already = sum(int(e["paid"]) for e in received)
    owed = full - already
    if owed <= 0:
        return (
            0,
            (_NOT_HIGHER_HEAD + "{year} đã nhận tiền thưởng “{title}” theo {ref}: " + _NOT_HIGHER_END).format(
                year=year, title=catalog_name(pack, best["code"]), ref=_paid_ref(best)
            ),
        )
    paid_text = (
        " + ".join(
            "{amount} theo {ref}".format(amount=format_number(int(e["paid"])), ref=_paid_ref(e)) for e in received
        )
        if received
        else "0"
    )
    return (
        owed,
        "Danh hiệu cao nhất cùng năm {year} là “{title}” ({ref}), được thưởng {full} đồng; mới nhận "
        "{received}. {mark} {full} − {already} = {owed} đồng.".format(
            year=year,
            title=catalog_name(pack, best["code"]),
            ref=_decision_ref(best),
            full=format_number(full),
            received=paid_text,
            mark=OWED_MARK,
            already=format_number(already),
            owed=format_number(owed),
        ),
    )


def highest_title(store: Store, pack: RulePack, year: int, recipient: str) -> dict[str, Any] | None:
    """The recipient's highest title of ``year`` in force (its code, target kind and decision date), or None."""
    rows = _paid_titles(store, year, {recipient}).get(recipient, [])
    return max(rows, key=lambda e: rank(pack, e["code"])) if rows else None


def money_still_owed(store: Store, pack: RulePack, year: int, recipients: set[str]) -> list[str]:
    """For each recipient whose title money in force for ``year`` is short of its highest title's full amount —
    a higher title paid as a difference over a decision since cancelled or replaced, or a lower title paid 0 under
    a higher one since withdrawn — what is still owed, in words a clerk acts on (a decision to pay the rest).
    Read after the cancellation or replacement, inside or outside its transaction."""
    owed: list[str] = []
    for key, rows in sorted(_paid_titles(store, year, recipients).items()):
        best = max(rows, key=lambda e: rank(pack, e["code"]))
        full = _full_amount(store, best)
        paid = sum(int(e["paid"]) for e in rows)
        if paid < full:
            name = subject_name(
                store, best["target_kind"], best["staff_id"], best["department_id"], str(best["household_name"] or "")
            )
            owed.append(
                "{name}: “{title}” năm {year} ({ref}) được thưởng {full} đồng, nay chỉ còn {paid} đồng đã chi theo "
                "quyết định còn hiệu lực; còn thiếu {owed} đồng (cần quyết định chi bổ sung).".format(
                    name=name or key,
                    title=catalog_name(pack, best["code"]),
                    year=year,
                    ref=_decision_ref(best),
                    full=format_number(full),
                    paid=format_number(paid),
                    owed=format_number(full - paid),
                )
            )
    return owed


def _earlier_decisions_text(arithmetic: str) -> str:
    """The part of a title line's arithmetic where :func:`money_lines` cites the earlier decisions of the year it
    rests on: after the difference mark, or the whole reason of a line paid 0 under a higher title or paying what
    is still owed (neither quotes the amount's explanation). Never the amount's explanation itself: it quotes the
    rule pack's citations, and a province restating a coefficient cites its own "Quyết định số …/QĐ-UBND" — the
    law the amount rests on, not an earlier decision."""
    _head, mark, tail = arithmetic.rpartition(DIFFERENCE_MARK)
    if mark:
        return tail
    if OWED_MARK in arithmetic or (arithmetic.startswith(_NOT_HIGHER_HEAD) and arithmetic.endswith(_NOT_HIGHER_END)):
        return arithmetic
    return ""


def _kept_line_stands(
    row: dict[str, Any],
    amount: int,
    arithmetic: str,
    in_force: dict[str, list[dict[str, Any]]],
    rows: list[dict[str, Any]],
    amounts: list[int],
) -> bool:
    """Whether a title line's money, kept from a replaced decision, still rests on what is so: every decision its
    reason cites still holds a title of the recipient in force, and a line paid 0 beside a higher title of the
    same decision still has that title beside it."""
    key = recipient_key(row)
    refs = {_decision_ref(e) for e in in_force.get(key, [])}
    written = _earlier_decisions_text(arithmetic)
    cited = written.count(_REF_HEAD)
    if cited > sum(written.count(ref) for ref in refs):
        return False
    if amount or cited:
        return True
    return any(
        other is not row and other["category"] == "title" and recipient_key(other) == key and paid > 0
        for other, paid in zip(rows, amounts, strict=True)
    )


def kept_money_lines(
    store: Store, pack: RulePack, rows: list[dict[str, Any]], kept: list[tuple[int, str]], year: int, signed: date
) -> list[tuple[int, str]]:
    """A replacement that keeps the replaced decision's amounts: each line's kept (amount, arithmetic), unless a
    title line's money rests on what is no longer so (a decision it cites was cancelled or replaced, the higher
    title beside it was dropped) — that line is reckoned again (:func:`money_lines`) by the law of ``signed``, the
    replaced decision's date (the date the kept amounts were reckoned on), against the titles in force now: a
    decision never prints a reason that is no longer true. Read after the replaced decision's awards are gone."""
    in_force = _paid_titles(store, year, {recipient_key(r) for r in rows})
    amounts = [int(amount or 0) for amount, _text in kept]
    fresh: list[tuple[int, str]] | None = None
    out: list[tuple[int, str]] = []
    for i, (row, (amount, arithmetic)) in enumerate(zip(rows, kept, strict=True)):
        text = str(arithmetic or "")
        if row["category"] != "title" or _kept_line_stands(row, int(amount or 0), text, in_force, rows, amounts):
            out.append((amount, arithmetic))
            continue
        fresh = fresh if fresh is not None else money_lines(store, pack, rows, year, signed)
        out.append(fresh[i])
    return out
