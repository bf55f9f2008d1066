"""The money of a decision's lines: title money is paid once per recipient and year."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.money import PayLine, format_number, select_payable
from desktop.domain.rules import RulePack, RulePackError
from desktop.ops.rules import money
from desktop.store import Store
from desktop.store.review_repo import catalog_name, rank, recipient_key, subject_name


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
        key = recipient_key(row)
        if key in recipients:
            paid.setdefault(key, []).append(row)
    return paid


def _decision_ref(row: dict[str, Any]) -> str:
    when = f" ngày {date.fromisoformat(row['decision_date']).strftime('%d/%m/%Y')}" if row["decision_date"] else ""
    return f"Quyết định số {row['decision_no']}{when}"


def _full_amount(store: Store, row: dict[str, Any]) -> int:
    """What an earlier title is worth in full on its own decision's date (its stored ``amount`` may be only the
    difference paid over a lower title); the stored amount when the law of that date cannot say."""
    paid = int(row["amount"])
    if not row["decision_date"]:
        return paid
    try:
        full = money(
            store, code=row["code"], target=row["target_kind"], decision_date=date.fromisoformat(row["decision_date"])
        )
    except (RulePackError, ValueError):
        return paid
    return max(paid, full.amount)


def money_lines(
    store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int, decision_date: date
) -> list[tuple[int, str]]:
    """(amount, arithmetic) for each row: title money is paid once per recipient and year.

    Within the decision only the highest title of a recipient is paid. Against the year's earlier decisions
    still in force: a higher title pays only the difference from what was already paid ("2.340.000 − 710.000
    đã nhận theo Quyết định số 1/QĐ-UBND ngày …"); a title not higher than one already paid pays 0, with the
    reason — unless what was paid falls short of the highest title's full money (its difference was reckoned
    against a decision since cancelled or replaced), when the line pays what is still owed. Award forms are paid
    besides titles.
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
            out.append((0, str(exc)))
            continue
        earlier = paid_before.get(line.recipient, []) if row["category"] == "title" else []
        if not earlier:
            out.append((reward.amount, reward.explanation))
            continue
        best = max(earlier, key=lambda e: rank(pack, e["code"]))
        already = sum(int(e["amount"]) for e in earlier)
        if rank(pack, row["code"]) <= rank(pack, best["code"]):
            # The highest title in force is an earlier one. It may have been paid only as a difference over a
            # title whose decision was since cancelled or replaced (this line may be that title, re-issued):
            # the recipient is owed the highest title's full money in all, never less.
            full = _full_amount(store, best)
            owed = full - already
            if owed <= 0:
                out.append(
                    (
                        0,
                        "Cùng năm {year} đã nhận tiền thưởng “{title}” theo {ref}: chỉ thưởng tiền cho danh hiệu "
                        "cao nhất, danh hiệu này không được thưởng thêm.".format(
                            year=year, title=catalog_name(pack, best["code"]), ref=_decision_ref(best)
                        ),
                    )
                )
                continue
            received = " + ".join(
                "{amount} theo {ref}".format(amount=format_number(int(e["amount"])), ref=_decision_ref(e))
                for e in earlier
            )
            out.append(
                (
                    owed,
                    "Danh hiệu cao nhất cùng năm {year} là “{title}” ({ref}), được thưởng {full} đồng; mới nhận "
                    "{received}. Chi phần còn thiếu: {full} − {already} = {owed} đồng.".format(
                        year=year,
                        title=catalog_name(pack, best["code"]),
                        ref=_decision_ref(best),
                        full=format_number(full),
                        received=received,
                        already=format_number(already),
                        owed=format_number(owed),
                    ),
                )
            )
            continue
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


def money_still_owed(store: Store, pack: RulePack, year: int, recipients: set[str]) -> list[str]:
    """For each recipient whose title money in force for ``year`` is short of its highest title's full amount —
    a higher title paid as a difference over a decision since cancelled — what is still owed, in words a clerk
    acts on (a decision to pay the rest). Read after the cancellation, inside or outside its transaction."""
    owed: list[str] = []
    for key, rows in sorted(_paid_titles(store, year, recipients).items()):
        best = max(rows, key=lambda e: rank(pack, e["code"]))
        full = _full_amount(store, best)
        paid = sum(int(e["amount"]) for e in rows)
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
