"""The payment list's date line is filled in by hand on the day the money is paid, often in January after a
decision of late December: the year is left blank like the day and the month, never the decision's year."""

from __future__ import annotations

import re
import unicodedata

import pytest
from docx import Document
from pypdf import PdfReader

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.documents import render_document
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _date_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if re.search(r"ngày\s+tháng", line)]


def test_the_payment_lists_date_line_leaves_the_year_blank(demo, tmp_path):
    decision = next(d for d in review.list_decisions(demo, year=2024) if d["number_text"] == "2/QĐ-UBND")
    assert decision["decision_date"].startswith("2024-")
    options = {"kind": "payment", "decision_number": "2/QĐ-UBND", "decision_year": 2024}
    pdf = render_document(demo, **options, out=tmp_path / "chi.pdf")
    text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages))
    [line] = _date_lines([" ".join(line.split()) for line in text.split("\n")])
    assert line == "Lũng Cú, ngày tháng năm", line
    assert not re.search(r"năm\s*\d", line)

    docx = render_document(demo, **options, out=tmp_path / "chi.docx")
    opened = Document(str(docx))
    texts = [p.text for p in opened.paragraphs] + [c.text for t in opened.tables for r in t.rows for c in r.cells]
    found = set(_date_lines([line for text in texts for line in text.split("\n")]))
    # room left after "năm" to write the year by hand
    assert found == {"Lũng Cú, ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng" + "\u00a0" * 6 + "năm" + "\u00a0" * 6}, (
        found
    )
