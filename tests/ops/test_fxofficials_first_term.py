"""Recording a term is checked against the decisions already issued, as ending or deleting one is: the first head
term recorded (only today's chair, from the 1/7/2025 merger) would make the demo's earlier decisions "signed out of
office"; it is refused, naming the first such decision, and nothing is saved."""

from datetime import date

import pytest

from desktop.ops import officials
from desktop.ops.check import check_database
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def bare_demo(store):
    fill_demo(store, today=DEMO_TODAY)
    for row in officials.list_officials(store):
        officials.remove_official(store, official_id=row["id"])
    return store


def _first_issued(store):
    return store.query_one(
        "SELECT number_text, decision_date, signer_name FROM decisions WHERE status = 'issued' "
        "AND signing_mode IN ('chair', 'body') ORDER BY decision_date, id LIMIT 1"
    )


def test_a_first_head_term_that_contradicts_issued_decisions_is_refused(bare_demo):
    assert check_database(bare_demo)["signers_out_of_office"] == []
    first = _first_issued(bare_demo)
    with pytest.raises(ValidationError) as refused:
        officials.add_official(
            bare_demo, role="head", title="Chủ tịch", full_name="Lầu Mí Dình", start_date=date(2025, 7, 1)
        )
    message = str(refused.value)
    assert first["number_text"] in message and "Hãy ghi trước các nhiệm kỳ trước đó" in message, message
    assert officials.list_officials(bare_demo) == []  # rolled back
    assert check_database(bare_demo)["signers_out_of_office"] == []


def test_recording_the_earlier_terms_first_lets_the_new_one_in(bare_demo):
    signer = _first_issued(bare_demo)["signer_name"]
    officials.add_official(
        bare_demo,
        role="head",
        title="Chủ tịch",
        full_name=signer,
        start_date=date(2021, 1, 1),
        end_date=date(2025, 6, 30),
    )
    officials.add_official(
        bare_demo, role="head", title="Chủ tịch", full_name="Lầu Mí Dình", start_date=date(2025, 7, 1)
    )
    assert len(officials.list_officials(bare_demo)) == 2
    assert check_database(bare_demo)["signers_out_of_office"] == []


def test_terms_entered_oldest_first_are_accepted(bare_demo):
    """The earlier chair's closed term first: the later decisions wait for their signer's term, recorded next."""
    officials.add_official(
        bare_demo,
        role="head",
        title="Chủ tịch",
        full_name="Giàng Mí Sính",
        start_date=date(2016, 7, 1),
        end_date=date(2021, 6, 30),
    )
    assert check_database(bare_demo)["signers_out_of_office"]  # listed until the next term is recorded
    officials.add_official(
        bare_demo, role="head", title="Chủ tịch", full_name="Sùng Mí Pháo", start_date=date(2021, 7, 1)
    )
    assert check_database(bare_demo)["signers_out_of_office"] == []


def test_a_term_naming_another_signer_on_an_issued_decisions_day_is_refused(bare_demo):
    first = _first_issued(bare_demo)
    with pytest.raises(ValidationError) as refused:
        officials.add_official(
            bare_demo, role="head", title="Chủ tịch", full_name="Lầu Mí Dình", start_date=date(2021, 7, 1)
        )
    assert first["number_text"] in str(refused.value) and first["signer_name"] in str(refused.value)
    assert officials.list_officials(bare_demo) == []
