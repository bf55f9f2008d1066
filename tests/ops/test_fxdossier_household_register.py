"""A household's award the register already holds is not sent up again when the nomination spells the household
otherwise (case, tone-mark position): the register check compares households on their name key (rvreport finding 2)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError, awards_repo
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    with store.transaction():
        awards_repo.add_award(
            store,
            target_kind="household",
            household_name="Hộ ông Lò Văn Thuỷ",
            year=2025,
            code="BK_TINH",
            category="award_form",
            source="above",
            decision_no="120/QĐ-UBND",
            decision_date=date(2025, 11, 20),
            issuer="Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang",
        )
    return store


def test_household_award_in_register_is_not_sent_up_again(demo):
    store = demo
    round_id = review.create_round(store, year=2025, kind="occasion", posting_days=0, today=date(2026, 1, 10))
    review.add_nomination(
        store,
        round_id=round_id,
        target_kind="household",
        household_name="hộ ông Lò Văn Thủy",
        code="BK_TINH",
        change_reason="Đề nghị của thôn",
        override_reason="Có thành tích xuất sắc",
    )
    with pytest.raises(ValidationError) as refused:
        review.build_dossier(store, round_id=round_id)
    assert "sổ khen thưởng đã có" in str(refused.value) and "120/QĐ-UBND" in str(refused.value)
    assert not store.query("SELECT 1 FROM dossiers WHERE round_id = ?", (round_id,))


def test_held_award_matches_households_on_their_name_key(demo):
    store = demo
    subject = {"target_kind": "household", "staff_id": None, "department_id": None}
    for spelling in ("hộ ông Lò Văn Thủy", "HỘ ÔNG  LÒ VĂN THUỶ", "Hộ ông Lò Văn Thuỷ "):
        held = awards_repo.held_award(store, subject | {"household_name": spelling}, 2025, "BK_TINH")
        assert held is not None and held["decision_no"] == "120/QĐ-UBND", spelling
    assert awards_repo.held_award(store, subject | {"household_name": "Hộ ông Lò Văn Thùy"}, 2025, "BK_TINH") is None
    assert awards_repo.held_award(store, subject | {"household_name": "hộ ông Lò Văn Thủy"}, 2024, "BK_TINH") is None
