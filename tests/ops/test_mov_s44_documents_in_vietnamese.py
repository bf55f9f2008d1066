"""Printed documents are Vietnamese whatever the screen's language. A tổng kết recorded while the screen was in
English froze its ranking's notes and reasons in English ("… leads with 90 points …", "Failed mandatory criteria…")
and printed them on every reprint; the yearly report printed from an English screen (`tdkt --lang en report --out`)
carried "69,0% direct workers …" and "Good task completion (HTTNV)". The screen itself still speaks English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from desktop.i18n import current_language, set_language
from desktop.ops import movements as mv
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.ops.movement_flow import setup_unit

LATER = date(2027, 1, 4)  # every meeting below has been held
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng phong trào"}
SIGNER = [{"name": "Lê Văn Bình", "title": "Trưởng khối", "member": ""}]


@pytest.fixture
def english() -> Iterator[None]:
    """The screen in English for the test, Vietnamese again afterwards whatever happens."""
    set_language("en")
    try:
        yield
    finally:
        set_language("vi")


def _pdf(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _two_blocks(store) -> int:
    """A movement whose two blocks are ranked apart, a department in both (scored once, the note says so), a tie
    the women's priority breaks, a mandatory criterion one participant fails."""
    ids = setup_unit(store)
    departments = list(ids.values())
    movement = mv.create_movement(
        store, name="Thi đua chuyển đổi số", kind="thematic", start_date="2025-01-01", end_date="2025-12-31"
    )
    mv.launch(store, movement_id=movement, launch_date="2025-01-05")
    mv.sign_block_covenant(
        store, movement_id=movement, block_name="Khối Đảng, đoàn thể", department_ids=departments[:4],
        signed_on="2025-02-10", signatories=SIGNER,
    )  # fmt: skip
    mv.sign_block_covenant(
        store, movement_id=movement, block_name="Khối chính quyền", department_ids=departments[3:],
        signed_on="2025-02-11", signatories=SIGNER,
    )  # fmt: skip
    duty = mv.add_criterion(store, movement_id=movement, name="Nhiệm vụ", max_points=100, mandatory=True)
    people = mv.participants(store, movement_id=movement)
    points = [90, 80, 80, 70, 0, 60, 50, 40]
    mv.record_scores(
        store,
        movement_id=movement,
        entries=[
            {"participant": p["key"], "criterion_id": duty, "points": v} for p, v in zip(people, points, strict=True)
        ],
    )
    return movement


ENGLISH = (
    "leads with",
    "Failed mandatory",
    "scored once",
    "belongs to both",
    "ranked after",
    " points",
    "Equal points",
    "women",
)
VIETNAMESE = ("dẫn đầu với 90 điểm, được đề nghị suy tôn", "Không đạt tiêu chí bắt buộc: Nhiệm vụ", "được chấm một lần")


def test_a_tong_ket_recorded_on_an_english_screen_is_kept_and_printed_in_vietnamese(unit_store, tmp_path, english):
    store = unit_store
    movement = _two_blocks(store)
    # the screen in English: what it shows of the live ranking is English, as before
    shown = mv.ranking(store, movement_id=movement)
    assert "leads with 90 points" in shown.note and "it is scored once" in shown.note, shown.note
    assert any("Failed mandatory criteria" in r.reason for r in shown.results)

    review_id = mv.create_review(store, movement_id=movement, kind="tong_ket", review_date="2026-01-10", today=LATER)
    text = _pdf(mv.export_review(store, review_id=review_id, out=tmp_path / "tong-ket.pdf"))
    assert "BÁO CÁO TỔNG KẾT" in text
    for words in VIETNAMESE:
        assert words in text, words
    for words in ENGLISH:
        assert words not in text, words

    set_language("vi")
    frozen = mv.get_review(store, review_id)["ranking"]
    assert "dẫn đầu với 90 điểm" in frozen["note"] and "được chấm một lần" in frozen["note"], frozen["note"]
    assert [b["note"] for b in frozen["blocks"]] == [
        "Phòng Kinh tế dẫn đầu với 90 điểm, được đề nghị suy tôn.",
        "Công an xã dẫn đầu với 60 điểm, được đề nghị suy tôn.",
    ]
    reasons = [r["reason"] for r in frozen["results"] if r["reason"]]
    assert reasons == [  # the women's priority breaks the tie at 80 (Lò Thị Mỷ's department is all women)
        "Bằng điểm: tập thể có 100% nữ (từ 70%) được ưu tiên — NĐ 152/2025/NĐ-CP, Điều 4",
        "Không đạt tiêu chí bắt buộc: Nhiệm vụ; xếp sau các đơn vị đạt đủ.",
    ], reasons
    again = _pdf(mv.export_review(store, review_id=review_id, out=tmp_path / "in-lai.pdf"))
    assert not any(words in again for words in ENGLISH)


def test_the_review_reports_award_shares_in_vietnamese_on_an_english_screen(store, tmp_path, english):
    set_language("vi")
    fill_demo(store, today=DEMO_TODAY)
    movement = mv.create_movement(
        store, name="Chung sức xây dựng đô thị văn minh", kind="thematic", start_date="2024-01-01",
        end_date="2025-12-31",
    )  # fmt: skip
    mv.launch(store, movement_id=movement, launch_date="2024-01-01")
    round_id = review.create_round(store, year=2025, kind="movement", movement_id=movement, today=LATER)
    for person in store.query("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 3"):
        review.add_nomination(
            store, round_id=round_id, target_kind="individual", code="GIAY_KHEN", staff_id=person["id"]
        )
    review.issue_decision(store, round_id=round_id, decision_date=date(2025, 10, 20), **HEADER)
    set_language("en")
    review_id = mv.create_review(store, movement_id=movement, kind="tong_ket", review_date="2026-01-12", today=LATER)
    text = _pdf(mv.export_review(store, review_id=review_id, out=tmp_path / "tong-ket.pdf"))
    assert "Tỷ lệ khen thưởng:" in text and "người lao động trực tiếp" in text and "/3 lượt cá nhân" in text
    assert "individual awards" not in text and "direct workers" not in text


def test_the_yearly_report_printed_on_an_english_screen_is_vietnamese(store, tmp_path, english):
    set_language("vi")
    fill_demo(store, today=DEMO_TODAY)
    set_language("en")
    screen = mv.report(store, year=2024)  # what the reports page shows: English, as before
    assert any("direct workers" in line for line in screen["highlights"])
    assert "Good task completion (HTTNV)" in {row["rating_label"] for row in screen["collective_ratings"]}

    text = _pdf(mv.export_report(store, year=2024, out=tmp_path / "bao-cao.pdf"))
    assert "người lao động trực tiếp" in text and "người dân tộc thiểu số" in text and "lượt cá nhân" in text
    assert "Hoàn thành tốt nhiệm vụ" in text
    for words in ("direct workers", "women (", "ethnic minorities", "individual awards", "task completion"):
        assert words not in text, words

    workbook = load_workbook(mv.export_report(store, year=2024, out=tmp_path / "bao-cao.xlsx"))
    cells = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    assert "người lao động trực tiếp" in cells and "Hoàn thành tốt nhiệm vụ" in cells
    assert "direct workers" not in cells and "task completion" not in cells


def test_tdkt_lang_en_report_out_prints_vietnamese(store, db_path, tmp_path, capsys, english):
    set_language("vi")
    fill_demo(store, today=DEMO_TODAY)
    out = tmp_path / "bao-cao.pdf"
    try:
        code = main(["--db", str(db_path), "--lang", "en", "report", "--year", "2024", "--out", str(out)])
        assert current_language() == "en"
    finally:
        set_language("vi")
    printed = capsys.readouterr().out
    assert code == 0
    assert "direct workers" in printed  # the terminal speaks the clerk's language
    text = _pdf(out)
    assert "người lao động trực tiếp" in text and "Hoàn thành tốt nhiệm vụ" in text
    assert "direct workers" not in text and "task completion" not in text
