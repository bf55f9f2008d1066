"""A province rule that starts on a later date leaves every earlier date to the law then in force.

A province pack carries its own effective dates (RULES.md, "Legal frame"): its delegation of TTLĐXS to the commune
chair from 01/01/2026, or a Giấy khen criterion it adds from that day, says nothing of 2025. The decision and the
review of 2025 are judged by the national values of 2025; only a date for which no value at all exists is refused.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.eligibility import evaluate
from desktop.domain.history import AwardRecord, PersonRecord, UnitData
from desktop.domain.rules import RulePackError, load_default_pack

HEAD = """
[pack]
id = "tq-s43"
name = "Quy định tỉnh thử"
version = "2026.1"
valid_from = 2026-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""
DELEGATION = (
    HEAD
    + """
[titles.TTLDXS.conferred_by]
ubnd_xa = { value = "unit", cite = "QĐ tỉnh (ủy quyền cho Chủ tịch UBND xã)", from = 2026-01-01 }
"""
)
GIAY_KHEN_RULES = (
    HEAD
    + """
[award_forms.GIAY_KHEN.params]
requires_ldtt = { value = true, cite = "QĐ tỉnh (tiêu chuẩn Giấy khen)", from = 2026-01-01 }
note_movement = { value = "Có thành tích trong phong trào của tỉnh", cite = "QĐ tỉnh", from = 2026-01-01 }
"""
)


def _person(year: int) -> PersonRecord:
    return PersonRecord(
        id=1,
        uuid="u1",
        name="Người 1",
        start_date=date(2015, 1, 1),
        ratings={year - 1: "HTTNV", year: "HTTNV"},
        awards=(AwardRecord("LDTT", year - 1),),
    )


def test_a_later_delegation_leaves_earlier_dates_to_the_national_authority():
    pack = load_default_pack(texts=[("Quy định tỉnh thử", DELEGATION)])
    before = pack.authority_cited("TTLDXS", "ubnd_xa", date(2025, 12, 26))
    assert before.value == "province"
    assert "Luật TĐKT 2022, Điều 80" in before.cite
    assert pack.conferred_by("TTLDXS", date(2025, 12, 31), "ubnd_xa") == "upward"
    assert pack.conferred_by("TTLDXS", date(2026, 1, 1), "ubnd_xa") == "unit"
    # the whole 2025 review runs: who confers each title is read for every verdict
    verdicts = evaluate(UnitData([_person(2025)], []), 2025, pack, today=date(2026, 1, 10))
    assert {v.code for v in verdicts} >= {"LDTT", "GIAY_KHEN"}


def test_a_later_criterion_is_no_criterion_of_earlier_dates():
    pack = load_default_pack(texts=[("Tiêu chuẩn Giấy khen tỉnh", GIAY_KHEN_RULES)])
    assert not pack.has_param("GIAY_KHEN", "requires_ldtt", date(2025, 12, 31))
    assert pack.has_param("GIAY_KHEN", "requires_ldtt", date(2026, 1, 1))
    assert set(pack.params("GIAY_KHEN", date(2025, 12, 31))) == {"min_rating"}
    [giay_khen_2025] = [
        v for v in evaluate(UnitData([_person(2025)], []), 2025, pack, today=date(2026, 1, 10)) if v.code == "GIAY_KHEN"
    ]
    texts = " | ".join(r.text for r in giay_khen_2025.reasons)
    assert "Đạt LĐTT" not in texts and "phong trào của tỉnh" not in texts
    # from its date the province's criteria hold: the LĐTT of 2026 and the note to check by hand
    [giay_khen_2026] = [
        v for v in evaluate(UnitData([_person(2026)], []), 2026, pack, today=date(2027, 1, 10)) if v.code == "GIAY_KHEN"
    ]
    texts = " | ".join(r.text for r in giay_khen_2026.reasons)
    assert "Đạt LĐTT năm 2026" in texts and "phong trào của tỉnh" in texts


def test_a_date_with_no_value_at_all_is_still_refused():
    pack = load_default_pack(texts=[("Quy định tỉnh thử", DELEGATION)])
    with pytest.raises(RulePackError, match="chỉ có từ ngày 01/01/2018"):
        pack.authority_cited("TTLDXS", "ubnd_xa", date(2017, 12, 31))
    with pytest.raises(RulePackError):
        pack.param_cited("GIAY_KHEN", "min_rating", date(2017, 12, 31))
