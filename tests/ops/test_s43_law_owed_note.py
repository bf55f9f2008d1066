"""A payment list paying what is still owed of a title says its money rests on an unconfirmed value only when it does.

The CSTĐCS of 26/12/2025 (base salary 2.340.000, confirmed) was replaced on 02/07/2026 keeping its amounts: they
still rest on 26/12/2025 (``money_date``), not on the replacement's own date, after the unconfirmed 2.530.000 of
01/07/2026 (NĐ 152/2025 Điều 49: the base salary in force on the decision date). The owed line of 04/07/2026 is
reckoned by 26/12/2025, so its printed list must not claim it rests on 2.530.000.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.ops import documents, review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.ops.test_money_once_after_changes_f11 import _issue, _round


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _pdf_text(path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _replace(store, decision_id: int, day: date, **changes) -> dict:
    new_id = review.correct_decision(
        store, decision_id=decision_id, reason="Sửa lỗi chính tả", decision_date=day, changes=changes
    )
    return review.get_decision(store, decision_id=new_id)


def test_an_owed_line_of_a_kept_replacement_names_no_unconfirmed_base_salary(demo, tmp_path):
    store = demo
    round_id, (person,) = _round(store)
    nominations = review.get_round(store, round_id)["nominations"]
    other = next(n["id"] for n in nominations if n["code"] == "LDTT" and n["staff_id"] != person["staff_id"])
    first = _issue(store, round_id, date(2025, 12, 20), [person["ldtt"], other])
    second = _issue(store, round_id, date(2025, 12, 26), [person["cstdcs"]])
    kept = _replace(store, second["id"], date(2026, 7, 2))
    assert kept["money_date"] == "2025-12-26"
    mine = next(a for a in first["awardees"] if a["staff_id"] == person["staff_id"])
    _replace(store, first["id"], date(2026, 7, 3), remove_register_nos=[mine["register_no"]])
    owed = _issue(store, round_id, date(2026, 7, 4), [person["ldtt"]])
    [line] = owed["awardees"]
    assert line["amount"] == 710_000, line["arithmetic"]

    doc = review.payment_doc(store, decision_id=owed["id"])
    assert not any("2.530.000" in note for note in doc.unconfirmed_notes), doc.unconfirmed_notes
    out = documents.render_document(
        store, kind="payment", out=tmp_path / "chi-tien.pdf", decision_number=owed["number_text"], decision_year=2026
    )
    text = _pdf_text(out)
    assert "710.000" in text
    assert "2.530.000" not in text and "chưa được xác nhận" not in text
