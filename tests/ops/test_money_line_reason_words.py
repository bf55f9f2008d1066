"""A line the rule pack sets no reward money for (Gia đình văn hóa to a household) says so in Vietnamese, with the
recipient in words and the article of the award, never a code of the program ("household") nor the screen's
language: the reason is kept with the decision as its text. Real SQLite store with the demo's data."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.cli import main as cli_main
from desktop.i18n import set_language
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc công nhận Gia đình văn hóa"}
NO_MONEY = (
    "Không có tiền thưởng: bộ quy tắc không quy định mức tiền thưởng “Gia đình văn hóa” cho hộ gia đình "
    "(danh hiệu theo NĐ 86/2023/NĐ-CP)."
)


@pytest.fixture
def household_decision(store):
    """A decision of 15/12/2025 conferring Gia đình văn hóa and a Giấy khen on one household."""
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, kind="occasion", name="Gia đình văn hóa 2025", today=DEMO_TODAY)
    for code, reason in (("GDVH", "Họp thôn bình xét"), ("GIAY_KHEN", "Gương điển hình")):
        review.add_nomination(
            store, round_id=round_id, target_kind="household", code=code, household_name="Hộ ông Giàng Mí Chứ",
            change_reason=reason,
        )  # fmt: skip
    review.start_posting(store, round_id=round_id, start=date(2025, 12, 2), days=10)

    def issue() -> dict:
        decision_id = review.issue_decision(store, round_id=round_id, decision_date=date(2025, 12, 15), **HEADER)
        return review.get_decision(store, decision_id=decision_id)

    return store, issue


def _lines(decision: dict) -> dict[str, dict]:
    return {a["code"]: a for a in decision["awardees"]}


def test_a_title_without_reward_money_says_so_in_words(household_decision):
    _store, issue = household_decision
    lines = _lines(issue())
    assert lines["GDVH"]["amount"] == 0
    assert lines["GDVH"]["arithmetic"] == NO_MONEY
    assert "household" not in lines["GDVH"]["arithmetic"] and "(GDVH)" not in lines["GDVH"]["arithmetic"]
    assert lines["GIAY_KHEN"]["amount"] == 1_060_000  # the award form is paid to the household: 1,5 × 0,3 × salary


def test_the_reason_stays_vietnamese_under_the_english_screen(household_decision, db_path, capsys):
    _store, issue = household_decision
    set_language("en")
    try:
        decision = issue()
    finally:
        set_language("vi")
    assert _lines(decision)["GDVH"]["arithmetic"] == NO_MONEY
    argv = ["--db", str(db_path), "decision", "show", decision["number_text"], "--year", "2025", "--json"]
    assert cli_main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    [line] = [a for a in shown["awardees"] if a["code"] == "GDVH"]
    assert line["arithmetic"] == NO_MONEY  # the JSON keeps the code in "target_kind", the reason is in words
