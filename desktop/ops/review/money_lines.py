"""The money of a decision's lines: title money is paid once per recipient and year."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.money import PayLine, format_number, select_payable
from desktop.domain.rules import RulePack, RulePackError
from desktop.ops.rules import money
from desktop.store import Store
from desktop.store.review_repo import catalog_name, rank, recipient_key


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


def money_lines(
    store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int, decision_date: date
) -> list[tuple[int, str]]:
    """(amount, arithmetic) for each row: title money is paid once per recipient and year.

    Within the decision only the highest title of a recipient is paid. Against the year's earlier decisions
    still in force: a higher title pays only the difference from what was already paid ("2.340.000 − 710.000
    đã nhận theo Quyết định số 1/QĐ-UBND ngày …"); a title not higher than one already paid pays 0, with the
    reason. Award forms are paid besides titles.
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
        if rank(pack, row["code"]) <= rank(pack, best["code"]):
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
