"""Schema version 11: the day a decision's money was reckoned on (``decisions.money_date``).

A replacing decision that keeps the replaced one's amounts (a typo fixed, a line dropped) is signed on a later day,
but its amounts are those of the first decision's day. A later decision of the same year that pays a title only as
the difference over it, or checks what is still owed, needs that title's full money by the law of the day its
amounts rest on — not by the law of the replacement's day, which may come after a rise of the base salary
(``desktop.ops.review.money_lines``). New decisions write it: their own date, or for a replacement keeping amounts
the replaced decision's money day (a replacement with its amounts reckoned again: its own date).

Decisions issued before this version: a replacement each of whose lines has the amount of the same recipient's same
award in the decision it replaced kept its amounts, so it takes that decision's money day (followed down a chain of
replacements); every other decision leaves it NULL, read as its own date.
"""

from __future__ import annotations

from desktop.store.db import Store
from desktop.store.sql import read

SQL = read("schema_v11.sql")


def _lines(store: Store, decision_id: int) -> dict[tuple[object, ...], int]:
    rows = store.query(
        "SELECT target_kind, staff_id, department_id, household_name, code, amount FROM decision_awardees "
        "WHERE decision_id = ?",
        (decision_id,),
    )
    return {
        (r["target_kind"], r["staff_id"], r["department_id"], r["household_name"], r["code"]): int(r["amount"] or 0)
        for r in rows
    }


def backfill(store: Store) -> None:
    """Give the replacements that kept their amounts the money day of the decision they replaced (in id order, so
    a replacement of a replacement finds its predecessor's day already filled)."""
    for row in store.query("SELECT id, replaces_id FROM decisions WHERE replaces_id IS NOT NULL ORDER BY id"):
        old = store.query_one("SELECT decision_date, money_date FROM decisions WHERE id = ?", (row["replaces_id"],))
        if old is None:
            continue
        before, after = _lines(store, int(row["replaces_id"])), _lines(store, int(row["id"]))
        if after and all(before.get(key) == amount for key, amount in after.items()):
            store.execute(
                "UPDATE decisions SET money_date = ? WHERE id = ?",
                (old["money_date"] or old["decision_date"], row["id"]),
            )
