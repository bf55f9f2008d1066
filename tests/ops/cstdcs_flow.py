"""A person's CSTĐCS rests on the LĐTT of the same year the person holds (Luật TĐKT 2022, Điều 23).

Issuing a decision that confers CSTĐCS is refused unless each person holds LĐTT of the year by an award in force or
is given it by the same decision (:mod:`desktop.ops.review.person_titles`). The tests that issue a CSTĐCS decide
those people's LĐTT first, as a commune does: :func:`ldtt_of` finds their LĐTT nominations in the round,
:func:`decide_ldtt_of` issues them in a decision of their own.
"""

from __future__ import annotations

from datetime import date

from desktop.store import Store


def ldtt_of(store: Store, round_id: int, nomination_ids: list[int]) -> list[int]:
    """The round's LĐTT nominations waiting for a decision of the people the nominations ``nomination_ids`` name
    (CSTĐCS ones, say): what their CSTĐCS rests on."""
    if not nomination_ids:
        return []
    marks = ", ".join("?" * len(nomination_ids))
    return [
        int(row["id"])
        for row in store.query(
            "SELECT n.id FROM nominations n WHERE n.round_id = ? AND n.code = 'LDTT' AND n.target_kind = 'individual' "
            "AND n.status IN ('proposed', 'passed') AND n.staff_id IN (SELECT staff_id FROM nominations "
            f"WHERE id IN ({marks}) AND target_kind = 'individual' AND staff_id IS NOT NULL) ORDER BY n.id",
            (round_id, *nomination_ids),
        )
    ]


def decide_ldtt_of(
    store: Store,
    round_id: int,
    nomination_ids: list[int],
    day: date,
    *,
    signer_title: str = "Chủ tịch",
    signer_name: str = "Sùng Mí Pháo",
    signing_mode: str | None = None,
    series_key: str = "QĐ-UBND",
) -> int:
    """The unit's decision of ``day`` giving LĐTT to the people the nominations ``nomination_ids`` name (each must
    have an LĐTT nomination waiting in the round); returns the decision id."""
    from desktop.ops import review

    ids = ldtt_of(store, round_id, nomination_ids)
    people = {
        int(row["staff_id"])
        for row in store.query(
            f"SELECT staff_id FROM nominations WHERE id IN ({', '.join('?' * len(nomination_ids))}) "
            "AND target_kind = 'individual' AND staff_id IS NOT NULL",
            tuple(nomination_ids),
        )
    }
    assert len(ids) == len(people), f"not every one of {sorted(people)} has an LĐTT nomination waiting"
    year = store.scalar("SELECT year FROM review_rounds WHERE id = ?", (round_id,))
    return review.issue_decision(
        store,
        round_id=round_id,
        decision_date=day,
        nomination_ids=ids,
        signer_title=signer_title,
        signer_name=signer_name,
        subject=f"Về việc tặng danh hiệu Lao động tiên tiến năm {year}",
        signing_mode=signing_mode,
        series_key=series_key,
    )


def cstdcs_before_its_ldtt(
    store: Store,
    round_id: int,
    *,
    ldtt_id: int,
    cstdcs_id: int,
    day: date,
    replaced_on: date,
    signer_title: str = "Chủ tịch",
    signer_name: str = "Sùng Mí Pháo",
) -> int:
    """The one lawful way a person's CSTĐCS, paid in full, comes to stand before a decision giving the LĐTT it rests
    on: one decision of ``day`` gives both (the CSTĐCS its full money, the LĐTT 0: only the highest title of the
    year is paid), and its replacement of ``replaced_on`` drops the LĐTT line — the nomination waits for a decision
    again, and the replacement notes that the CSTĐCS rests on the LĐTT taken away. Returns the replacement's id:
    the person's CSTĐCS in force, paid in full, with no LĐTT beside it."""
    from desktop.ops import review

    both = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=day,
        nomination_ids=[ldtt_id, cstdcs_id],
        signer_title=signer_title,
        signer_name=signer_name,
        subject="Về việc khen thưởng",
    )
    lines = review.get_decision(store, decision_id=both)["awardees"]
    paid = {a["code"]: a["amount"] for a in lines}
    assert len(lines) == 2 and paid["CSTDCS"] > 0 and paid["LDTT"] == 0, lines
    dropped = next(a["register_no"] for a in lines if a["code"] == "LDTT")
    replacement = review.replace_decision(
        store,
        decision_id=both,
        reason="Bỏ dòng Lao động tiên tiến ghi sai, sẽ quyết định lại",
        decision_date=replaced_on,
        changes={"remove_register_nos": [dropped]},
    )
    notes = review.replacement_notes(store, decision_id=replacement)
    assert any("không còn danh hiệu “Lao động tiên tiến”" in n and "cần đạt danh hiệu" in n for n in notes), notes
    status = store.scalar("SELECT status FROM nominations WHERE id = ?", (ldtt_id,))
    assert status in ("proposed", "passed"), status
    return replacement
