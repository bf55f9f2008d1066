"""A payment list whose amounts were reckoned from the unconfirmed base salary of 01/07/2026 (2.530.000) says so;
once the clerk corrects that row (the decree's 2.600.000), the list must not go silent while it still prints the
old amounts: it names the value they were reckoned from, the value now in force for the decision's day and the
amount that gives, and the way out (a replacement decision reckoning the money again)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.review_docs import render
from desktop.ops import review, rules
from desktop.ops.demo import fill_demo
from desktop.ops.review.money_check import unconfirmed_money_notes
from desktop.ops.review.money_lines import money_day
from tests.demo_date import DEMO_TODAY
from tests.ops.test_money_once_after_changes_f11 import _issue, _round


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _issued_then_corrected(store) -> dict:
    round_id, (person,) = _round(store)
    decision = _issue(store, round_id, date(2026, 7, 4), [person["ldtt"]])
    assert [a["amount"] for a in decision["awardees"]] == [760_000]  # 0,3 × 2.530.000 = 759.000 → 760.000
    before = review.payment_doc(store, decision_id=decision["id"])
    assert any("2.530.000" in note for note in before.unconfirmed_notes)
    rules.save_base_salary(store, entries=[(date(2026, 7, 1), 2_600_000, "NĐ thử/2026/NĐ-CP")])
    assert rules.money(store, code="LDTT", target="individual", decision_date=date(2026, 7, 4)).amount == 780_000
    return decision


def _notes(store, decision: dict) -> tuple[str, ...]:
    """What payment_doc asks for its paid lines, with the decision (its frozen arithmetic)."""
    paid = [(a["code"], a["target_kind"]) for a in decision["awardees"] if a["amount"]]
    return unconfirmed_money_notes(store, paid, money_day(decision), decision=decision)


def test_the_notes_name_the_old_and_the_new_salary_and_amount(demo, tmp_path):
    store = demo
    decision = _issued_then_corrected(store)
    [note] = _notes(store, decision)
    assert "2.530.000" in note and "2.600.000" in note and "04/07/2026" in note, note
    assert "NĐ thử/2026/NĐ-CP" in note
    assert "760.000" in note and "780.000" in note, note
    assert "quyết định thay thế có tính lại tiền thưởng" in note
    assert "nếu mức này được sửa" not in note  # it was corrected: no longer a question of "if"
    # printed on the list under its total
    doc = review.payment_doc(store, decision_id=decision["id"])
    assert [line.amount for line in doc.lines] == [760_000]
    doc = dataclasses.replace(doc, unconfirmed_notes=_notes(store, decision))
    pdf = render("payment", doc, tmp_path / "chi.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages)
    assert "tính theo mức lương cơ sở 2.530.000 đồng" in text, text
    assert "2.600.000" in text


def test_no_note_when_the_amounts_match_the_corrected_salary(demo):
    """A decision issued after the correction rests on the value in force: nothing to say."""
    store = demo
    rules.save_base_salary(store, entries=[(date(2026, 7, 1), 2_600_000, "NĐ thử/2026/NĐ-CP")])
    round_id, (person,) = _round(store)
    decision = _issue(store, round_id, date(2026, 7, 4), [person["ldtt"]])
    assert [a["amount"] for a in decision["awardees"]] == [780_000]
    assert not any("2.530.000" in note for note in _notes(store, decision))


def test_payment_doc_still_warns_after_the_salary_was_corrected(demo):
    store = demo
    decision = _issued_then_corrected(store)
    after = review.payment_doc(store, decision_id=decision["id"])
    assert [line.amount for line in after.lines] == [760_000]
    assert any("2.530.000" in note and "2.600.000" in note for note in after.unconfirmed_notes), after
