"""A sơ kết or tổng kết report quotes the shares of the movement's awards (direct workers, women, ethnic
minorities). It counted the awards of the report's calendar year: a tổng kết held in January after a movement
ended quoted the new year's awards (none) instead of the movement's, and a report printed again later counted
awards decided after its own date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.ops import movements as mv
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng phong trào"}
LATER = date(2027, 1, 4)  # every meeting below has been held


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


@pytest.fixture
def world(store):
    fill_demo(store, today=DEMO_TODAY)
    movement_id = mv.create_movement(
        store,
        name="Chung sức xây dựng đô thị văn minh",
        kind="thematic",
        start_date="2024-01-01",
        end_date="2025-12-31",
    )  # two years: a thematic movement (a regular one lies within its year)
    mv.launch(store, movement_id=movement_id, launch_date="2024-01-01")
    people = store.query("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 3")
    round_id = review.create_round(store, year=2025, kind="movement", movement_id=movement_id, today=LATER)
    for person in people:
        review.add_nomination(
            store, round_id=round_id, target_kind="individual", code="GIAY_KHEN", staff_id=person["id"]
        )
    review.issue_decision(store, round_id=round_id, decision_date=date(2025, 10, 20), **HEADER)
    return store, movement_id


def _exported(store, movement_id: int, kind: str, day: str, tmp_path: Path) -> str:
    review_id = mv.create_review(store, movement_id=movement_id, kind=kind, review_date=day, today=LATER)
    return _text(mv.export_review(store, review_id=review_id, out=tmp_path / f"{kind}-{day}.pdf"))


def test_a_tong_ket_in_january_counts_the_movements_awards(world, tmp_path: Path) -> None:
    store, movement_id = world
    text = _exported(store, movement_id, "tong_ket", "2026-01-12", tmp_path)
    assert "Tỷ lệ khen thưởng:" in text
    assert "lượt cá nhân" in text and "/3 lượt cá nhân" in text


def test_a_so_ket_before_the_decision_does_not_count_it(world, tmp_path: Path) -> None:
    store, movement_id = world
    text = _exported(store, movement_id, "so_ket", "2025-07-15", tmp_path)
    assert "BÁO CÁO SƠ KẾT" in text
    assert "Tỷ lệ khen thưởng:" not in text  # the Giấy khen of 20/10/2025 came after this report
