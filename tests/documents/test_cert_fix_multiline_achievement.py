"""An achievement typed on several lines (a field of several lines in the window) is one sentence wherever it is
printed: Điều 1 of the decision (PDF and .docx), the "Thành tích" column of the decision's list and of the proposal
list, and the certificate. A typed line break never starts a new paragraph of the decision."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from desktop.documents import review_docs
from desktop.documents.certificates import CertificateData, bundled_template, field_boxes
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.documents import render_document
from tests.demo_date import DEMO_TODAY

TYPED = "Đã có thành tích xuất sắc\ntrong phong trào   thi đua\n  năm 2024"
ONE_LINE = "thành tích xuất sắc trong phong trào thi đua năm 2024"


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _pdf_lines(path: Path) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return [line.strip() for line in unicodedata.normalize("NFC", text).split("\n")]


def _issue_with_typed_lines(store) -> dict:
    """A Giấy khen of 2024 for one nominee not decided yet, its achievement typed on three lines."""
    round_id = int(store.scalar("SELECT id FROM review_rounds WHERE year = 2024"))
    used = {r["nomination_id"] for r in store.query("SELECT nomination_id FROM decision_awardees")}
    free = [
        n for n in review.get_round(store, round_id)["nominations"] if n["id"] not in used and n["code"] == "GIAY_KHEN"
    ]
    signed = review.list_decisions(store, year=2024)[0]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2024, 12, 27),
        signer_title=signed["signer_title"],
        signer_name=signed["signer_name"],
        subject="Về việc khen thưởng bổ sung năm 2024",
        achievement_text=TYPED,
        nomination_ids=[free[0]["id"]],
    )
    return review.get_decision(store, decision_id=decision_id)


def test_article_one_keeps_a_typed_achievement_in_one_sentence(demo, tmp_path):
    decision = _issue_with_typed_lines(demo)
    assert "\n" in decision["achievement_text"]  # stored as typed: only the printing joins it
    number = decision["number_text"]
    pdf = render_document(demo, kind="decision", decision_number=number, decision_year=2024, out=tmp_path / "qd.pdf")
    lines = _pdf_lines(pdf)
    assert any("xuất sắc trong phong trào thi đua năm 2024." in line for line in lines), lines[:40]
    assert not any(line.startswith(("trong phong trào", "năm 2024")) for line in lines)

    docx = render_document(demo, kind="decision", decision_number=number, decision_year=2024, out=tmp_path / "qd.docx")
    paragraphs = [" ".join(p.text.split()) for p in Document(str(docx)).paragraphs]
    [article] = [p for p in paragraphs if "Tặng Giấy khen cho" in p]
    assert article.endswith(f"kèm theo, đã có {ONE_LINE}.")
    assert not any(p.startswith(("trong phong trào", "năm 2024")) for p in paragraphs)


def test_the_thanh_tich_columns_print_a_typed_achievement_on_one_line(demo, tmp_path):
    """Two lines of one award with their own words: the decision's list has a "Thành tích" column."""
    decision = _issue_with_typed_lines(demo)
    doc = review.decision_doc(demo, decision_id=decision["id"])
    line = doc.lines[0]
    other = dataclasses.replace(line, name="Nguyễn Văn Thử", register_no=2, achievement="Cứu người\n\nđuối nước")
    doc = dataclasses.replace(doc, lines=(line, other), achievement_text="")
    lines = _pdf_lines(review_docs.render("decision", doc, tmp_path / "list.pdf"))
    assert "Thành tích" in " ".join(lines)
    assert any("Cứu người đuối nước" in cell for cell in lines)
    assert not any(cell.startswith("đuối nước") for cell in lines)


def test_the_certificate_wraps_a_typed_achievement_to_its_box(demo):
    """As it already did (``nfc`` in ``CertificateData.placeholders``): kept here beside the decision's check."""
    data = CertificateData(recipient_name="Lò Thị Mai", achievement=TYPED)
    assert data.placeholders()["achievement"] == " ".join(TYPED.split())
    boxes = field_boxes(bundled_template("giay_khen_a4"), data, "full")
    assert [" ".join(boxes["achievement"].lines)] == [" ".join(TYPED.split())]  # one line fits: no forced breaks
