"""A row for the unit's own decision may not take a number its number book holds for another document: a number
recorded as spoiled or used elsewhere (number_gaps), or a decision of the program (any status, a revoked one
included) with that number and another day. Another body's decision of that number, or another year's, is fine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.ops import review
from desktop.ops.history_import import apply_history, import_history_file, preview_history
from tests.xlsx_factory import save_rows

HEADERS = ["Mã CB", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def _save(path: Path, rows) -> Path:
    return save_rows(path, rows, headers=HEADERS, sheet_title="Khen thưởng")


def _code(store, nomination_id: int) -> str:
    return str(
        store.scalar(
            "SELECT s.staff_code FROM nominations n JOIN staff s ON s.id = n.staff_id WHERE n.id = ?", (nomination_id,)
        )
    )


def test_a_number_recorded_as_a_gap_is_refused(ldtt_round_2025, tmp_path: Path) -> None:
    store, _round_id, ldtt = ldtt_round_2025
    review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=3, reason="Số đã dùng cho văn bản khác")
    code = _code(store, ldtt[5])
    path = _save(
        tmp_path / "kt.xlsx",
        [
            [code, 2025, "Giấy khen", "03/QD-UBND", "15/01/2026", "UBND xã"],  # number 3 of the 2026 book
            [code, 2024, "Giấy khen", "3/QĐ-UBND", "15/01/2025", "UBND xã"],  # the 2025 book: no gap there
            [code, 2025, "Giấy khen", "3/QĐ-UBND", "16/01/2026", "UBND huyện Đồng Văn"],  # another body's book
        ],
    )
    report = import_history_file(store, path)
    rows = report.preview.rows
    assert [row.status for row in rows] == ["error", "new", "new"], [row.problems for row in rows]
    assert rows[0].fields == ["decision_no"]
    assert "Số đã dùng cho văn bản khác" in rows[0].problems[0] and "2026" in rows[0].problems[0]
    assert any("dòng 2" in line and "Số quyết định" in line for line in report.problem_lines())
    assert store.scalar("SELECT count(*) FROM awards WHERE decision_date LIKE '2026-01-15%'") == 0


def test_a_revoked_decision_keeps_its_number(ldtt_round_2025, tmp_path: Path) -> None:
    store, round_id, ldtt = ldtt_round_2025
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2026, 1, 20),
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="",
        nomination_ids=[ldtt[0]],
    )
    review.revoke_decision(store, decision_id=decision_id, reason="Ghi nhầm người")
    number_text = review.get_decision(store, decision_id=decision_id)["number_text"]
    path = _save(
        tmp_path / "kt.xlsx", [[_code(store, ldtt[5]), 2025, "Giấy khen", number_text, "10/01/2026", "UBND xã"]]
    )

    report = import_history_file(store, path)

    row = report.preview.rows[0]
    assert row.status == "error"
    assert number_text in row.problems[0] and "20/01/2026" in row.problems[0], row.problems
    assert store.scalar("SELECT count(*) FROM awards WHERE decision_date LIKE '2026-01-10%'") == 0


def test_a_gap_recorded_after_the_preview_is_refused_when_writing(ldtt_round_2025, tmp_path: Path) -> None:
    store, _round_id, ldtt = ldtt_round_2025
    path = _save(tmp_path / "kt.xlsx", [[_code(store, ldtt[5]), 2025, "Giấy khen", "4/QĐ-UBND", "15/01/2026", "xã"]])
    preview = preview_history(store, path)
    assert [row.status for row in preview.rows] == ["new"]
    review.record_number_gap(store, series_key="QĐ-UBND", year=2026, number=4, reason="Số hỏng")

    written = apply_history(store, preview)

    assert written["inserted"] == 0
    assert preview.rows[0].status == "error" and "Số hỏng" in preview.rows[0].problems[0]
