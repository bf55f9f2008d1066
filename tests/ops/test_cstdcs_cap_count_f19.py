"""What the cap on CSTĐCS counts (NĐ 91/2017: 15 % of those who reached LĐTT): the people holding the unit's LĐTT
of the year, those the decision gives it and those still nominated for it — not the engine's passing verdicts, so
an LĐTT nomination the clerk removed does not count and a later discipline does not take back an LĐTT the decision
itself gives. A replacement is held to the law of the decision it replaces, not of its own date."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import review
from desktop.ops.review.corrections import correct_decision
from desktop.ops.setup import update_unit
from desktop.ops.staff import add_discipline, add_initiative, add_staff, set_rating
from desktop.ops.unit import add_department
from desktop.store import ValidationError
from desktop.store.rules_repo import save_override
from tests.ops.cstdcs_flow import decide_ldtt_of

TODAY = date(2026, 12, 6)


def _unit(store, year: int, people: int, excellent: int) -> dict[str, int]:
    """A body (cơ quan) with ``people`` LĐTT of ``year``, the first ``excellent`` with an initiative of the year."""
    update_unit(store, values={"unit_kind": "co_quan"})
    add_department(store, name="Phòng Tỷ Lệ", kind="department")
    ids = {}
    for i in range(people):
        name = f"Cán bộ {chr(ord('A') + i)}"
        sid = add_staff(
            store, draft=StaffDraft(full_name=name, gender="M", department="Phòng Tỷ Lệ", start_date=date(2015, 1, 1))
        )
        set_rating(store, staff_id=sid, year=year, rating="HTXSNV" if i < excellent else "HTTNV")
        if i < excellent:
            add_initiative(store, staff_id=sid, title=f"Sáng kiến {i}", level="co_so", recognized_on=date(year, 5, 1))
        ids[name] = sid
    return ids


def _council_votes(store, round_id, year):
    review.set_council(
        store, round_id=round_id, meeting_date=date(year, 12, 20), location="Hội trường",
        members=[{"full_name": f"Thành viên {k}", "role": "chair" if k == 0 else "member", "attended": True}
                 for k in range(5)],
        today=TODAY,
    )  # fmt: skip
    for n in review.get_round(store, round_id)["nominations"]:
        if n["status"] in ("proposed", "passed", "failed") and n["code"] == "CSTDCS":
            review.record_ballot(store, nomination_id=n["id"], agree=5, disagree=0, invalid=0)


def _header(year: int) -> dict:
    return {
        "decision_date": date(year, 12, 28),
        "signer_title": "Chủ tịch",
        "signer_name": "Nguyễn Văn Hùng",
        "subject": f"Về việc công nhận danh hiệu thi đua năm {year}",
    }


def _count(store, decision_id: int, code: str) -> int:
    return store.scalar("SELECT count(*) FROM awards WHERE decision_id = ? AND code = ?", (decision_id, code))


def test_ldtt_nominations_the_clerk_removed_do_not_count(unit_store):
    """14 pass LĐTT (2 CSTĐCS proposed within 15 % × 14); the clerk removes 4 LĐTT nominations: 10 get LĐTT,
    so 15 % × 10 = 1 CSTĐCS."""
    ids = _unit(unit_store, 2022, people=14, excellent=2)
    round_id = review.create_round(unit_store, year=2022, today=TODAY)
    noms = review.get_round(unit_store, round_id)["nominations"]
    assert sum(n["code"] == "CSTDCS" for n in noms) == 2
    removed = {ids[f"Cán bộ {c}"] for c in "KLMN"}
    for n in noms:
        if n["code"] == "LDTT" and n["staff_id"] in removed:
            review.remove_nomination(unit_store, nomination_id=n["id"], reason="Hội nghị cán bộ không đề nghị")
    _council_votes(unit_store, round_id, 2022)
    header = _header(2022)
    with pytest.raises(ValidationError) as early:
        review.check_posting(unit_store, round_id=round_id, decision_date=header["decision_date"])
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(unit_store, round_id=round_id, **header)
    for message in (str(early.value), str(refused.value)):
        assert "cho 2 người, cùng 0 người đã có quyết định trước là 2 người" in message
        assert "tối đa 15% số LĐTT (10 người) = 1 người: vượt 1 người" in message
    assert unit_store.scalar("SELECT count(*) FROM decisions") == 0


def test_a_cstdcs_issued_before_its_ldtt_decision_counts_the_ldtt_still_nominated(unit_store):
    """The CSTĐCS lines go out in their own decision before the unit's LĐTT decision: the LĐTT nominations still
    open count. A CSTĐCS rests on the person's own LĐTT (Luật TĐKT 2022, Điều 23): alone, before any LĐTT, it is
    refused; with its two people's LĐTT decided first, the cap counts those 2 holders and the 12 LĐTT still
    nominated (15 % × 14 = 2), not the 2 holders alone (15 % × 2 = 0)."""
    _unit(unit_store, 2022, people=14, excellent=2)
    round_id = review.create_round(unit_store, year=2022, today=TODAY)
    _council_votes(unit_store, round_id, 2022)
    cstdcs = [n["id"] for n in review.get_round(unit_store, round_id)["nominations"] if n["code"] == "CSTDCS"]
    with pytest.raises(ValidationError, match="cần người được tặng đạt danh hiệu “Lao động tiên tiến” năm 2022"):
        review.issue_decision(unit_store, round_id=round_id, nomination_ids=cstdcs, **_header(2022))
    first = decide_ldtt_of(unit_store, round_id, cstdcs, date(2022, 12, 28), signer_name="Nguyễn Văn Hùng")
    assert _count(unit_store, first, "LDTT") == 2
    still = unit_store.scalar(
        "SELECT count(*) FROM nominations WHERE round_id = ? AND code = 'LDTT' AND status IN ('proposed', 'passed')",
        (round_id,),
    )
    assert still == 12
    decision_id = review.issue_decision(unit_store, round_id=round_id, nomination_ids=cstdcs, **_header(2022))
    assert _count(unit_store, decision_id, "CSTDCS") == 2
    assert _count(unit_store, decision_id, "LDTT") == 0


def test_a_replacement_counts_the_ldtt_it_gives_itself(unit_store):
    """A discipline after the decision makes the engine judge N's LĐTT again; N still holds it by this very
    decision, so a typo fix keeps both CSTĐCS (14 LĐTT → 2)."""
    ids = _unit(unit_store, 2022, people=14, excellent=2)
    round_id = review.create_round(unit_store, year=2022, today=TODAY)
    _council_votes(unit_store, round_id, 2022)
    decision_id = review.issue_decision(unit_store, round_id=round_id, **_header(2022))
    add_discipline(
        unit_store, staff_id=ids["Cán bộ N"], level="khien_trach", start_date=date(2022, 12, 29),
        end_date=date(2023, 6, 28), reason="Vi phạm", decision_no="9/QĐ",
    )  # fmt: skip
    new_id = correct_decision(
        unit_store, decision_id=decision_id, reason="Sửa lỗi chính tả trích yếu", decision_date=date(2022, 12, 30),
        changes={"subject": "Về việc công nhận danh hiệu thi đua năm 2022 (đính chính)"},
    )  # fmt: skip
    assert _count(unit_store, new_id, "CSTDCS") == 2
    assert _count(unit_store, new_id, "LDTT") == 14


PROVINCE_2026 = """
[pack]
id = "vn-xx-2026"
name = "Quy định tỉnh (thử)"
version = "2026.1"
valid_from = 2026-01-01
jurisdiction = "VN-XX"
kind = "override"
base = "vn-national"

[titles.CSTDCS.params]
cap_percent_of_ldtt = { value = 30, cite = "Quyết định 99/2025/QĐ-UBND tỉnh (thử), Điều 7", from = 2026-01-01 }
"""


def test_a_replacement_under_a_later_cap_keeps_the_lawful_awards_of_its_date(unit_store):
    """4 CSTĐCS of 2025 (no cap then); a province cap of 30 % from 01/01/2026 does not reach the 2025 decision
    corrected on 15/01/2026 for a typo."""
    _unit(unit_store, 2025, people=10, excellent=4)
    round_id = review.create_round(unit_store, year=2025, today=TODAY)
    _council_votes(unit_store, round_id, 2025)
    decision_id = review.issue_decision(unit_store, round_id=round_id, **_header(2025))
    assert _count(unit_store, decision_id, "CSTDCS") == 4
    save_override(unit_store, name="Quy định của tỉnh 2026", source="province", toml_text=PROVINCE_2026)
    new_id = correct_decision(
        unit_store, decision_id=decision_id, reason="Đính chính trích yếu", decision_date=date(2026, 1, 15),
        changes={"subject": "Về việc công nhận danh hiệu thi đua năm 2025 (đính chính)"},
    )  # fmt: skip
    assert _count(unit_store, new_id, "CSTDCS") == 4
    # and a replacement of the replacement is still held to the first decision's law
    newer = correct_decision(
        unit_store, decision_id=new_id, reason="Đính chính lần hai", decision_date=date(2026, 2, 1),
        changes={"subject": "Về việc công nhận danh hiệu thi đua năm 2025 (đính chính lần hai)"},
    )  # fmt: skip
    assert _count(unit_store, newer, "CSTDCS") == 4


def test_a_2023_decision_replaced_in_2024_is_still_held_to_the_2023_cap(unit_store):
    """14 LĐTT → 2 CSTĐCS in 2023 (15 %); the replacement signed in 2024 (no national cap then) drops N's LĐTT
    line: 13 → 1 by the 2023 law, so it must drop a CSTĐCS line too."""
    ids = _unit(unit_store, 2023, people=14, excellent=2)
    round_id = review.create_round(unit_store, year=2023, today=TODAY)
    _council_votes(unit_store, round_id, 2023)
    decision_id = review.issue_decision(unit_store, round_id=round_id, **_header(2023))
    assert _count(unit_store, decision_id, "CSTDCS") == 2
    lines = review.get_decision(unit_store, decision_id=decision_id)["awardees"]
    n_ldtt = next(a["register_no"] for a in lines if a["code"] == "LDTT" and a["staff_id"] == ids["Cán bộ N"])
    b_cstdcs = next(a["register_no"] for a in lines if a["code"] == "CSTDCS" and a["staff_id"] == ids["Cán bộ B"])
    when = date(2024, 1, 15)
    with pytest.raises(ValidationError, match=r"theo quy định ngày 28/12/2023 .*\(13 người\) = 1 người: vượt 1"):
        correct_decision(
            unit_store, decision_id=decision_id, reason="Bỏ LĐTT của Cán bộ N", decision_date=when,
            changes={"remove_register_nos": [n_ldtt]},
        )  # fmt: skip
    new_id = correct_decision(
        unit_store, decision_id=decision_id, reason="Bỏ LĐTT của Cán bộ N, đúng tỷ lệ", decision_date=when,
        changes={"remove_register_nos": [n_ldtt, b_cstdcs]},
    )  # fmt: skip
    assert _count(unit_store, new_id, "CSTDCS") == 1
