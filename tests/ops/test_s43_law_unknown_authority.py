"""Who confers a title, and whether it needs the council's ballot, is never guessed when the rule pack cannot tell.

Answering "the unit" let the commune decide what its province confers (and drop it from the dossier sent up);
answering "no ballot" let a title go without the secret ballot the law asks. The lookups now refuse with the code
and the date; the round as the window shows it marks such a nomination "unknown": not the unit's, a ballot needed.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.rules import RulePackError, load_default_pack
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.review.dossier import proposed_upward_ids
from desktop.store import ValidationError, review_repo
from tests.demo_date import DEMO_TODAY

LAWLESS = date(2017, 12, 31)  # before the national pack's first date: no value at all


def test_the_lookups_refuse_a_date_the_pack_has_no_law_for():
    pack = load_default_pack()
    with pytest.raises(ValidationError, match=r"ai quyết định “Tập thể lao động xuất sắc” \(TTLDXS\).*31/12/2017"):
        review_repo.conferred_by(pack, "TTLDXS", LAWLESS, "ubnd_xa")
    with pytest.raises(ValidationError, match=r"\(TTLDXS\).*31/12/2017"):
        review_repo.authority(pack, "TTLDXS", LAWLESS, "ubnd_xa")
    with pytest.raises(ValidationError, match=r"bỏ phiếu kín.*31/12/2017"):
        review_repo.ballot_required(pack, "CSTDCS", LAWLESS)


def test_the_window_view_marks_it_unknown_and_needing_a_ballot():
    pack = load_default_pack()
    law = review_repo.nomination_law(pack, "CSTDCS", LAWLESS, "ubnd_xa")
    assert law["conferred_by"] == law["authority"] == review_repo.UNKNOWN
    assert law["ballot_required"] is True
    assert "31/12/2017" in law["law_problem"]
    # a date with law: the answers as before
    assert review_repo.nomination_law(pack, "CSTDCS", date(2025, 12, 31), "ubnd_xa") == {
        "conferred_by": "unit",
        "authority": "unit",
        "ballot_required": True,
        "law_problem": "",
    }


def test_a_nomination_the_pack_cannot_place_is_neither_offered_nor_issued(store):
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    nominations = review.get_round(store, round_id)["nominations"]
    odd = next(n for n in nominations if n["code"] == "LDTT")
    store.execute("UPDATE nominations SET code = 'XA_AN_TOAN' WHERE id = ?", (odd["id"],))  # a code it does not know
    shown = next(n for n in review.get_round(store, round_id)["nominations"] if n["id"] == odd["id"])
    assert shown["conferred_by"] == "unknown" and shown["ballot_required"] is True
    assert "XA_AN_TOAN" in shown["law_problem"]
    with pytest.raises((ValidationError, RulePackError), match="XA_AN_TOAN"):
        review.issue_decision(
            store,
            round_id=round_id,
            decision_date=date(2025, 12, 26),
            subject="Về việc khen thưởng",
            nomination_ids=[odd["id"]],
            signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo",
        )
    assert store.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_id,)) == 0
    # nor is it left out of the dossier in silence, as the unit's own title was
    with pytest.raises(ValidationError, match=r"ai quyết định .*XA_AN_TOAN.*31/12/2025"):
        proposed_upward_ids(store, round_id)
