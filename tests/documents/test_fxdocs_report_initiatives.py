"""The Báo cáo thành tích lists under "Sáng kiến … được công nhận" only the initiatives recognised in the years it
covers: one without a recognition date backs nothing for the engine, and one from long before the period is not
an achievement of it (rvreport finding 3)."""

import re
import unicodedata
from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.staff import add_initiative
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _cstd_tinh(store) -> dict:
    round_id = review.create_round(store, year=2025, posting_days=5, today=date(2026, 1, 10))
    noms = review.get_round(store, round_id)["nominations"]
    return next(n for n in noms if n["code"] == "CSTD_TINH" and n["staff_id"] == 3)


def _listed(report, title: str) -> bool:
    return any(title in line for line in report.initiatives)


def test_report_leaves_out_unrecognised_and_old_initiatives(demo):
    nomination = _cstd_tinh(demo)
    add_initiative(demo, staff_id=3, title="Sáng kiến chưa được công nhận")  # no recognition date
    add_initiative(demo, staff_id=3, title="Sáng kiến năm 2012", recognized_on=date(2012, 5, 1))
    add_initiative(demo, staff_id=3, title="Sáng kiến năm 2026", recognized_on=date(2026, 1, 5))
    add_initiative(demo, staff_id=3, title="Sáng kiến năm 2023", recognized_on=date(2023, 1, 1))
    report = review.achievement_report_doc(demo, nomination_id=nomination["id"])
    assert report.years == (2023, 2024, 2025)
    assert not _listed(report, "Sáng kiến chưa được công nhận")
    assert not _listed(report, "Sáng kiến năm 2012")
    assert not _listed(report, "Sáng kiến năm 2026")  # recognised after the report's last year
    # recognised on the first day of the period, and the demo's own initiative of the period, stay
    assert _listed(report, "Sáng kiến năm 2023")
    assert _listed(report, "Lớp xóa mù chữ cho phụ nữ H'Mông")


def test_printed_report_does_not_claim_an_initiative_outside_its_period(demo, tmp_path):
    from pypdf import PdfReader

    from desktop.documents import review_docs

    nomination = _cstd_tinh(demo)
    add_initiative(demo, staff_id=3, title="Sáng kiến năm 2012", recognized_on=date(2012, 5, 1))
    report = review.achievement_report_doc(demo, nomination_id=nomination["id"])
    path = review_docs.render("achievement_report", report, tmp_path / "bc.pdf")
    raw = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))
    assert "Lớp xóa mù chữ cho phụ nữ H'Mông" in text
    assert "Sáng kiến năm 2012" not in text
