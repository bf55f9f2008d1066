"""Thôn, tổ dân phố văn hóa is a thôn's or a tổ dân phố's title (NĐ 86/2023/NĐ-CP), never an office's.

Before, "Phòng Kinh tế" (kind "department": Phòng, ban, bộ phận) could be nominated for THON_VH, decided by the
commune chair and paid 1,5 × the base salary (3.510.000 đồng) with a Giấy công nhận. The kinds of collective a title
is for are the rule pack's dated ``titles.THON_VH.params.collective_kinds``: the nomination is refused, and so is a
decision holding such a nomination an older version let in, with nothing written.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.unit import add_department
from desktop.store import ValidationError

DAY = date(2025, 12, 4)  # after 1/7/2025: the commune chair confers Thôn văn hóa (NĐ 129/2025)
OFFICE = "Phòng Kinh tế"
VILLAGE = "Thôn Lô Lô Chải"
THON_VH_AMOUNT = 3_510_000  # 1,5 × 2.340.000 (NĐ 152/2025, Điều 50)


@pytest.fixture
def commune(unit_store):
    office = add_department(unit_store, name=OFFICE, kind="department")
    village = add_department(unit_store, name=VILLAGE, kind="collective")
    round_id = review.create_round(unit_store, year=2025, kind="occasion", name="Thôn văn hóa", decision_date=DAY)
    return unit_store, round_id, office, village


def _nominate(store, round_id, department_id):
    return review.add_nomination(
        store, round_id=round_id, target_kind="collective", code="THON_VH", department_id=department_id,
        change_reason="Họp thôn bình xét",
    )  # fmt: skip


def _issue(store, round_id, nomination_ids=None):
    return review.issue_decision(
        store, round_id=round_id, decision_date=DAY, signer_title="Chủ tịch", signer_name="Sùng Mí Pháo",
        subject="Về việc công nhận danh hiệu Thôn, tổ dân phố văn hóa năm 2025", nomination_ids=nomination_ids,
    )  # fmt: skip


def _counts(store) -> tuple[int, ...]:
    return tuple(
        int(store.scalar(f"SELECT count(*) FROM {table}"))
        for table in ("decisions", "decision_awardees", "awards", "nominations")
    )


def test_an_office_cannot_be_nominated_for_thon_van_hoa_a_thon_is_and_is_paid(commune):
    store, round_id, office, village = commune
    with pytest.raises(ValidationError) as refused:
        _nominate(store, round_id, office)
    said = str(refused.value)
    assert refused.value.field == "department_id"
    assert said.startswith("“Phòng Kinh tế” là tập thể loại “Phòng, ban, bộ phận”")
    assert "danh hiệu “Thôn, tổ dân phố văn hóa” chỉ xét cho tập thể loại “Tập thể khác" in said
    assert "NĐ 86/2023/NĐ-CP" in said
    assert not store.query("SELECT 1 FROM nominations WHERE round_id = ?", (round_id,))
    # a thôn (kind "collective") is nominated, decided and paid 1,5 × the base salary with its Giấy công nhận
    nomination_id = _nominate(store, round_id, village)
    decision = review.get_decision(store, decision_id=_issue(store, round_id, [nomination_id]))
    [awardee] = decision["awardees"]
    assert (awardee["snapshot_name"], awardee["code"]) == (VILLAGE, "THON_VH")
    assert awardee["amount"] == THON_VH_AMOUNT
    assert awardee["paper"] == "giay_cong_nhan"


def test_an_offices_nomination_from_an_older_version_is_not_decided(commune):
    store, round_id, office, village = commune
    good = _nominate(store, round_id, village)
    with store.transaction(operation="review.add_nomination"):  # what an older version let in
        bad = store.insert(
            "nominations",
            {
                "uuid": "older-version-office-thon-vh",
                "round_id": round_id,
                "target_kind": "collective",
                "department_id": office,
                "household_name": "",
                "code": "THON_VH",
                "category": "title",
                "engine_verdict": "",
                "engine_reasons": "[]",
                "proposed_by_engine": 0,
                "change_reason": "Họp thôn bình xét",
                "override_reason": "",
                "achievement": "",
                "status": "proposed",
                "created_at": "2025-11-20T08:00:00",
                "updated_at": "2025-11-20T08:00:00",
            },
        )
    before = _counts(store)
    for chosen in ([good, bad], None):  # chosen by hand, or every active nomination
        with pytest.raises(ValidationError) as refused:
            _issue(store, round_id, chosen)
        said = str(refused.value)
        assert "“Phòng Kinh tế” là tập thể loại “Phòng, ban, bộ phận”" in said and "NĐ 86/2023/NĐ-CP" in said
        assert f"bỏ đề nghị số {bad} khỏi quyết định" in said and refused.value.row == bad
        assert _counts(store) == before
        assert review.get_round(store, round_id)["status"] != "decided"
    # the window's question before "Ban hành?" says so too
    with pytest.raises(ValidationError) as asked:
        review.check_posting(store, round_id=round_id, decision_date=DAY, nomination_ids=[good, bad])
    assert "“Phòng Kinh tế”" in str(asked.value)
    # the thôn alone is decided
    decision = review.get_decision(store, decision_id=_issue(store, round_id, [good]))
    assert [a["snapshot_name"] for a in decision["awardees"]] == [VILLAGE]
