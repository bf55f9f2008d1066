"""A replacement keeps the replaced decision's amounts unless a title line's reason cites an earlier decision no
longer in force. A province pack restating a coefficient under its own "Quyết định số …/QĐ-UBND" puts that
citation into every line's arithmetic (the rule citations of the amount): it is the law the amount rests on, not an
earlier decision, and must not make the kept amount reckoned again by today's table."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review, rules
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.ops.test_money_once_after_changes_f11 import _issue, _round

PROVINCE = """
[pack]
id = "vn-08-qc"
name = "Quy chế thi đua tỉnh"
version = "1"
valid_from = 2025-07-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.LDTT]
coefficient.individual = { value = 0.3, cite = "Quyết định số 12/2025/QĐ-UBND tỉnh Tuyên Quang", from = 2025-07-01 }
"""


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _kept_replacement(store, with_province_pack: bool) -> tuple[dict, list[str]]:
    if with_province_pack:
        rules.save_override(store, name="Quy chế thi đua tỉnh", toml_text=PROVINCE)
    round_id, (person,) = _round(store)
    first = _issue(store, round_id, date(2026, 7, 4), [person["ldtt"]])
    assert [a["amount"] for a in first["awardees"]] == [760_000]  # 0,3 × 2.530.000 → 760.000
    if with_province_pack:
        assert "Quyết định số 12/2025/QĐ-UBND" in first["awardees"][0]["arithmetic"]
    rules.save_base_salary(store, entries=[(date(2026, 7, 1), 2_600_000, "NĐ thử/2026/NĐ-CP")])
    new_id = review.correct_decision(
        store, decision_id=first["id"], reason="Sửa lỗi chính tả trích yếu", decision_date=date(2026, 7, 6),
        changes={"subject": "Về việc tặng danh hiệu Lao động tiên tiến năm 2025"},
    )  # fmt: skip
    [line] = review.get_decision(store, decision_id=new_id)["awardees"]
    return line, review.replacement_notes(store, decision_id=new_id)


def test_without_a_province_citation_the_kept_amount_stays(demo):
    line, _notes = _kept_replacement(demo, with_province_pack=False)
    assert line["amount"] == 760_000


def test_a_province_citation_does_not_make_a_kept_amount_reckoned_again(demo):
    line, notes = _kept_replacement(demo, with_province_pack=True)
    assert line["amount"] == 760_000, notes
    assert "2.530.000" in line["arithmetic"]
    assert not any("không còn hiệu lực" in note for note in notes), notes
