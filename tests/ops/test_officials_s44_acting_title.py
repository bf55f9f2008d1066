"""A paper of a past date is signed under the title its signer held that day: a tổng kết of 20/12/2025, while an
acting chair led the commune, prints "Q. CHỦ TỊCH" (NĐ 30/2020, Phụ lục I) above his name, not today's "CHỦ
TỊCH"."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from desktop.ops import movements as mv
from desktop.ops import officials
from tests.ops.movement_flow import setup_unit


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_the_tong_ket_of_an_acting_chairs_day_is_signed_quyen_chu_tich(unit_store, tmp_path):
    store = unit_store
    setup_unit(store)
    officials.add_official(
        store, role="head", title="Quyền Chủ tịch", full_name="Lò Văn Páo", start_date="2025-07-01",
        end_date="2025-12-31",
    )  # fmt: skip
    officials.add_official(store, role="head", title="Chủ tịch", full_name="Nguyễn Văn Hùng", start_date="2026-01-01")
    movement_id = mv.create_movement(
        store, name="Thi đua chuyển đổi số", kind="thematic", start_date="2025-01-01", end_date="2025-12-31"
    )
    mv.launch(store, movement_id=movement_id, launch_date="2025-01-05")
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    first = mv.participants(store, movement_id=movement_id)[0]
    mv.record_scores(
        store, movement_id=movement_id, entries=[{"participant": first["key"], "criterion_id": criterion, "points": 90}]
    )
    acting = mv.create_review(
        store, movement_id=movement_id, kind="so_ket", review_date="2025-09-20", today=date(2025, 12, 31)
    )
    text = _text(mv.export_review(store, review_id=acting, out=tmp_path / "so-ket.pdf"))
    assert "Q. CHỦ TỊCH Lò Văn Páo" in text, text[-300:]
    assert "Nguyễn Văn Hùng" not in text
    elected = mv.create_review(
        store, movement_id=movement_id, kind="tong_ket", review_date="2026-01-10", today=date(2026, 1, 31)
    )
    text = _text(mv.export_review(store, review_id=elected, out=tmp_path / "tong-ket.pdf"))
    assert "CHỦ TỊCH Nguyễn Văn Hùng" in text and "Q. CHỦ TỊCH" not in text
