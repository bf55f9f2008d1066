"""A payment list whose amounts rest on a value the rule pack in force marks unconfirmed says so under its total.

The base salary of 01/07/2026 ships unconfirmed: a decision dated 01/07/2026 pays from it, and its payment list (PDF,
.xlsx, .docx) carries the footnote; rendered again after the clerk confirms the value, it no longer does. A decision
of 30/06/2026 (the confirmed 2.340.000) never carries it. Real SQLite store, real rendered files.
"""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.ops import review, rules
from desktop.ops.demo import fill_demo
from desktop.ops.documents import render_document
from tests.demo_date import DEMO_TODAY
from tests.documents.test_review_docs import docx_text, pdf_text

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}
NOTE = (
    "Ghi chú: Mức lương cơ sở 2.530.000 đồng áp dụng từ ngày 01/07/2026 (NĐ 161/2026/NĐ-CP (theo một nguồn tin)) "
    "dùng để tính số tiền thưởng trong danh sách này chưa được xác nhận trong bộ quy tắc; nếu mức này được sửa, số "
    "tiền ở đây không tự đổi: cần quyết định thay thế có tính lại tiền thưởng."
)
UNSURE = """
[pack]
id = "vn-test-unsure"
name = "Quy định thử"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.LDTT]
coefficient.individual = { value = 0.3, cite = "Quyết định thử", from = 2025-01-01, unconfirmed = true }
"""


@pytest.fixture
def decided(store):
    """Two LĐTT decisions of the 2025 round: 1/QĐ-UBND on 30/06/2026, 2/QĐ-UBND on 01/07/2026."""
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    ids = [
        review.issue_decision(
            store,
            round_id=round_id,
            decision_date=day,
            subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
            nomination_ids=[nomination],
            **HEADER,
        )
        for day, nomination in ((date(2026, 6, 30), ldtt[0]), (date(2026, 7, 1), ldtt[1]))
    ]
    assert [review.get_decision(store, decision_id=i)["number_text"] for i in ids] == ["1/QĐ-UBND", "2/QĐ-UBND"]
    return store, ids


def _xlsx_text(path) -> str:
    sheet = load_workbook(path).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def _payment(store, number: str, out) -> str:
    path = render_document(store, kind="payment", decision_number=number, decision_year=2026, out=out)
    if path.suffix == ".pdf":
        return pdf_text(path)
    return _xlsx_text(path) if path.suffix == ".xlsx" else docx_text(path)


def test_the_footnote_holds_while_the_base_salary_is_unconfirmed_and_goes_once_confirmed(decided, tmp_path):
    store, (_june, july) = decided
    assert review.get_decision(store, decision_id=july)["awardees"][0]["amount"] == 760_000  # 0,3 × 2.530.000
    for suffix in ("pdf", "xlsx", "docx"):
        assert NOTE in _payment(store, "2/QĐ-UBND", tmp_path / f"before.{suffix}"), suffix
        assert "chưa được xác nhận" not in _payment(store, "1/QĐ-UBND", tmp_path / f"june.{suffix}"), suffix

    rules.save_base_salary(store, entries=[(date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP, Điều 3")])
    for suffix in ("pdf", "xlsx", "docx"):
        text = _payment(store, "2/QĐ-UBND", tmp_path / f"after.{suffix}")
        assert "Bảy trăm sáu mươi nghìn đồng" in text and "chưa được xác nhận" not in text, suffix


def test_an_unconfirmed_coefficient_is_footnoted_too_and_a_cancelled_list_says_nothing_of_it(decided, tmp_path):
    store, (_june, july) = decided
    rules.save_override(store, name="Quy định thử", toml_text=UNSURE)
    text = _payment(store, "1/QĐ-UBND", tmp_path / "june.pdf")
    assert (
        "Ghi chú: Hệ số tiền thưởng 0,3 của “Lao động tiên tiến” (Quyết định thử) chưa được xác nhận trong bộ quy tắc; "
        "nếu hệ số này được sửa, số tiền ở đây không tự đổi: cần quyết định thay thế có tính lại tiền thưởng."
    ) in text
    assert "Mức lương cơ sở" not in text  # 2.340.000 of 01/07/2024 is confirmed
    review.revoke_decision(store, decision_id=july, reason="Sai đối tượng")
    cancelled = _payment(store, "2/QĐ-UBND", tmp_path / "cancelled.xlsx")
    assert "Không chi tiền thưởng theo danh sách này" in cancelled and "chưa được xác nhận" not in cancelled
