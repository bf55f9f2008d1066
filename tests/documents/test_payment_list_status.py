"""Money lists keep what the PDF says: the status of a decision no longer in force and why an amount is a difference.

The demo database is real (decisions issued, cancelled, replaced through ops); files are written and read back.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.documents import review_docs
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.documents import render_document

DEMO_2026 = date(2026, 12, 4)


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_2026)  # the commune's decisions of 2025 issued, 2026 under review
    return store


def _decisions(store) -> dict[str, dict]:
    return {d["number_text"]: d for d in review.list_decisions(store, year=2025)}


def _xlsx_text(path: Path) -> list[str]:
    sheet = load_workbook(path).active
    return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c not in (None, "")]


def _pdf_text(path: Path) -> str:
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in PdfReader(path).pages))


def test_the_decision_list_xlsx_keeps_the_status_of_a_cancelled_decision(demo, tmp_path):
    number = "2/QĐ-UBND"
    review.cancel_decision(demo, decision_id=_decisions(demo)[number]["id"], reason="Khen sai đối tượng, thu hồi")
    out = render_document(demo, kind="decision", decision_number=number, decision_year=2025, out=tmp_path / "qd.xlsx")
    cells = _xlsx_text(out)
    assert cells[1].startswith("Quyết định đã bị hủy bỏ") and "Khen sai đối tượng, thu hồi" in cells[1]
    assert any(c.startswith("Quyết định đã bị hủy bỏ") for c in cells[-2:])  # and again under the table


@pytest.mark.parametrize("kind", ["payment", "decision"])
def test_the_xlsx_money_lists_explain_a_difference_amount(demo, tmp_path, kind):
    out = render_document(demo, kind=kind, decision_number="3/QĐ-UBND", decision_year=2025, out=tmp_path / "x.xlsx")
    pdf = render_document(demo, kind=kind, decision_number="3/QĐ-UBND", decision_year=2025, out=tmp_path / "x.pdf")
    notes = [c for c in _xlsx_text(out) if c.startswith("Ghi chú: số tiền của")]
    assert notes and all("là phần chênh lệch" in note for note in notes)
    assert " ".join(_pdf_text(pdf).split()).count("Ghi chú: số tiền của") == len(notes)


def test_a_payment_list_of_a_decision_not_in_force_says_so_at_its_top(demo, tmp_path):
    decision_id = _decisions(demo)["2/QĐ-UBND"]["id"]
    review.cancel_decision(demo, decision_id=decision_id, reason="Khen sai đối tượng, thu hồi")
    doc = review.payment_doc(demo, decision_id=decision_id)
    assert doc.status_note == review.decision_doc(demo, decision_id=decision_id).status_note
    assert doc.status_note.startswith("Quyết định đã bị hủy bỏ") and doc.total_amount > 0

    pdf = _pdf_text(review_docs.render("payment", doc, tmp_path / "chi.pdf"))
    flat = " ".join(pdf.split())
    assert flat.index("Quyết định đã bị hủy bỏ") < flat.upper().index("DANH SÁCH CHI TIỀN THƯỞNG")
    assert "Không chi tiền thưởng theo danh sách này" in flat
    cells = _xlsx_text(review_docs.render("payment", doc, tmp_path / "chi.xlsx"))
    assert cells[0] == "DANH SÁCH CHI TIỀN THƯỞNG"
    assert cells[1].startswith("Quyết định đã bị hủy bỏ") and "Không chi tiền thưởng theo danh sách này" in cells[1]

    # a decision in force: no status line
    base = review.payment_doc(demo, decision_id=_decisions(demo)["3/QĐ-UBND"]["id"])
    plain = _xlsx_text(review_docs.render("payment", base, tmp_path / "chi-thuong.xlsx"))
    assert not any("hủy bỏ" in c or "Không chi tiền thưởng" in c for c in plain)


def test_a_payment_list_with_nothing_to_pay_says_so(demo, tmp_path):
    """Every line of a decision at 0 đồng (a difference already paid): ``payment_doc`` keeps no line, total 0.

    The list says there is nothing to pay instead of an empty table to sign, "Tổng cộng 0" and "Không đồng".
    """
    base = review.payment_doc(demo, decision_id=_decisions(demo)["1/QĐ-UBND"]["id"])
    doc = dataclasses.replace(base, lines=(), total_amount=0, total_in_words="Không đồng")
    flat = " ".join(_pdf_text(review_docs.render("payment", doc, tmp_path / "chi.pdf")).split())
    assert "Quyết định số 1/QĐ-UBND" in flat and "không có khoản tiền thưởng nào phải chi" in flat
    assert "Ký nhận" not in flat and "Bằng chữ" not in flat and "Tổng cộng" not in flat
    cells = _xlsx_text(review_docs.render("payment", doc, tmp_path / "chi.xlsx"))
    assert any("không có khoản tiền thưởng nào phải chi" in c for c in cells)
    assert not any(c.startswith("Bằng chữ") or c == "Tổng cộng" for c in cells)
