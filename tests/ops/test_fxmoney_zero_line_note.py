"""A title paid nothing because a higher title of the same year was already paid must not be described under the
decision's list as "là phần chênh lệch": the line pays 0 đồng; the note says it is not paid, and why."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.review_docs import render
from desktop.documents.review_docs.decision import _money_note_texts
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import cstdcs_before_its_ldtt
from tests.ops.test_money_once_after_changes_f11 import _issue, _round


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def test_a_line_paying_nothing_is_not_called_a_difference(demo, tmp_path):
    store = demo
    round_id, (person,) = _round(store)
    cstdcs_before_its_ldtt(
        store, round_id, ldtt_id=person["ldtt"], cstdcs_id=person["cstdcs"], day=date(2025, 12, 20),
        replaced_on=date(2025, 12, 21),
    )  # fmt: skip
    lower = _issue(store, round_id, date(2025, 12, 22), [person["ldtt"]])
    assert [a["amount"] for a in lower["awardees"]] == [0]
    doc = review.decision_doc(store, decision_id=lower["id"])
    [note] = _money_note_texts(doc.lines)
    assert "là phần chênh lệch" not in note
    name = doc.lines[0].name
    assert f"{name} không được thưởng tiền cho “{doc.lines[0].code_name}”" in note, note
    assert "Cùng năm 2025 đã nhận tiền thưởng" in note
    pdf = render("decision", doc, tmp_path / "qd.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages)
    assert "không được thưởng tiền" in text
    assert "là phần chênh lệch" not in text
