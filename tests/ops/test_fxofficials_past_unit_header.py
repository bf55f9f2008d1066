"""After the 2025 merger the unit row is renamed (Lũng Cú → phường Hà Giang 1) with no date. A 2024 tờ trình to the
province, printed again afterwards, prints the commune the same round's decision (issued later in December 2024)
keeps, not the new ward; a paper of the new unit, dated after every decision kept under the old name, prints today's
unit."""

from datetime import date

import pytest

from desktop.ops import officials, review
from desktop.ops.demo import fill_demo
from desktop.ops.setup import update_unit
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def merged(store):
    fill_demo(store, today=DEMO_TODAY)
    round_2024 = int(store.scalar("SELECT id FROM review_rounds WHERE year = 2024"))
    update_unit(
        store,
        values={
            "name": "Ủy ban nhân dân phường Hà Giang 1",
            "commune_code": "00694",
            "place_name": "Hà Giang",
        },
    )
    return store, round_2024


def test_the_2024_proposal_to_the_province_prints_the_2024_commune(merged):
    store, round_id = merged
    decision = next(d for d in review.list_decisions(store, year=2024))
    issued_as = review.decision_doc(store, decision_id=decision["id"]).unit
    assert issued_as.name == "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"

    doc = review.proposal_doc(store, round_id=round_id, upward=True)
    assert doc.doc_date == date(2024, 12, 15)
    assert doc.unit.head_name == "Sùng Mí Pháo"  # the chair of that day (terms)
    assert (doc.unit.name, doc.unit.place_name, doc.unit.parent_body) == (
        issued_as.name,
        issued_as.place_name,
        issued_as.parent_body,
    )


def test_a_paper_dated_after_the_last_old_decision_prints_todays_unit(merged):
    store, _round_id = merged
    last = date.fromisoformat(store.scalar("SELECT max(decision_date) FROM decisions"))
    header = officials.unit_header_on(store, date.fromordinal(last.toordinal() + 1))
    assert header.name == "ỦY BAN NHÂN DÂN PHƯỜNG HÀ GIANG 1" and header.place_name == "Hà Giang"
