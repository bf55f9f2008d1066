"""A province pack dated in the future does not stop the work of earlier dates, nor change who confers them.

The province delegates TTLĐXS to the commune chair from 01/01/2026, or adds a Giấy khen criterion from that day.
The 2025 round goes on under the law of 2025 (Luật TĐKT 2022 Điều 80: the province chair confers TTLĐXS): its
LĐTT decision of 26/12/2025 is issued, its review evaluated, and its TTLĐXS still goes up in the dossier.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review, rules
from desktop.ops.demo import fill_demo
from desktop.ops.review.dossier import proposed_upward_ids
from tests.collective_flow import decide_members_ldtt
from tests.demo_date import DEMO_TODAY
from tests.domain.test_s43_province_dates import DELEGATION, HEAD
from tests.ui.test_review_area_fixes import COUNCIL

GIAY_KHEN_RULE = (
    HEAD
    + """
[award_forms.GIAY_KHEN.params]
requires_ldtt = { value = true, cite = "QĐ tỉnh (tiêu chuẩn Giấy khen)", from = 2026-01-01 }
"""
)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo"}


@pytest.fixture
def year_round(store) -> int:
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    return round_id


def _codes_sent_up(store, round_id: int) -> list[str]:
    return sorted(
        store.scalar("SELECT code FROM nominations WHERE id = ?", (i,)) for i in proposed_upward_ids(store, round_id)
    )


def test_a_later_delegation_leaves_the_2025_decision_and_authority_alone(store, year_round):
    rules.save_override(store, name="Quy định tỉnh", toml_text=DELEGATION, source="local")
    nominations = review.get_round(store, year_round)["nominations"]
    ttldxs = next(n for n in nominations if n["code"] == "TTLDXS")
    assert (ttldxs["conferred_by"], ttldxs["authority"]) == ("upward", "province")
    ldtt = [n["id"] for n in nominations if n["code"] == "LDTT"][:3]
    decision_id = review.issue_decision(
        store,
        round_id=year_round,
        decision_date=date(2025, 12, 26),
        subject="Về việc tặng danh hiệu Lao động tiên tiến",
        nomination_ids=ldtt,
        **HEADER,
    )
    assert len(review.get_decision(store, decision_id=decision_id)["awardees"]) == 3
    shown = rules.rules_summary(store, on=date(2025, 12, 26))
    [item] = [i for i in shown["titles"] if i["code"] == "TTLDXS"]
    assert item["conferred_by"]["value"] == "province"


def test_the_ttldxs_of_2025_still_goes_up_after_the_province_pack(store, year_round):
    nominations = review.get_round(store, year_round)["nominations"]
    ttldxs = next(n for n in nominations if n["code"] == "TTLDXS")
    department = ttldxs["department_id"]
    members = {r["id"] for r in store.query("SELECT id FROM staff WHERE department_id = ?", (department,))}
    cstdcs = next(n for n in nominations if n["code"] == "CSTDCS" and n["staff_id"] in members)
    review.record_ballot(store, nomination_id=cstdcs["id"], agree=5, disagree=0, invalid=0)
    decide_members_ldtt(store, year_round, department, date(2025, 12, 20))
    review.issue_decision(
        store,
        round_id=year_round,
        decision_date=date(2025, 12, 22),
        subject="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở",
        nomination_ids=[cstdcs["id"]],
        **HEADER,
    )
    assert "TTLDXS" in _codes_sent_up(store, year_round)
    rules.save_override(store, name="Quy định tỉnh", toml_text=DELEGATION, source="local")
    assert "TTLDXS" in _codes_sent_up(store, year_round)


def test_a_later_giay_khen_criterion_leaves_the_2025_review_alone(store, year_round):
    rules.save_override(store, name="Tiêu chuẩn Giấy khen tỉnh", toml_text=GIAY_KHEN_RULE, source="local")
    verdicts = rules.evaluate_year(store, year=2025)
    assert any(v.code == "GIAY_KHEN" for v in verdicts)
    ldtt = [n["id"] for n in review.get_round(store, year_round)["nominations"] if n["code"] == "LDTT"][:2]
    review.issue_decision(
        store,
        round_id=year_round,
        decision_date=date(2025, 12, 26),
        subject="Về việc tặng danh hiệu Lao động tiên tiến",
        nomination_ids=ldtt,
        **HEADER,
    )
    shown = rules.rules_summary(store, on=date(2025, 12, 26))
    [item] = [i for i in shown["award_forms"] if i["code"] == "GIAY_KHEN"]
    assert "requires_ldtt" not in item["params"]
