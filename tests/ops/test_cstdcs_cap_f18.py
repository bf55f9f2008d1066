"""The cap on CSTĐCS binds (NĐ 91/2017: 15 % of LĐTT, 2018–2023; none nationally since 2024, a province may set
one): the engine gives the candidates past it a not-eligible verdict, a round proposes only those within it, and a
decision (its pre-check, and a replacement) is refused when it would bring the year's CSTĐCS above the limit. The
council may still prefer another person: one nominee off, the other added with a reason — the count binds."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import review
from desktop.ops.review.corrections import correct_decision
from desktop.ops.rules import evaluate_year
from desktop.ops.setup import update_unit
from desktop.ops.staff import add_discipline, add_initiative, add_staff, set_rating
from desktop.ops.unit import add_department
from desktop.store import ValidationError

YEAR = 2022
TODAY = date(2026, 12, 6)
HEADER = {
    "decision_date": date(YEAR, 12, 28),
    "signer_title": "Chủ tịch",
    "signer_name": "Nguyễn Văn Hùng",
    "subject": "Về việc công nhận danh hiệu thi đua năm 2022",
}


def _unit(store, people: int, excellent: int) -> dict[str, int]:
    """A body (cơ quan: it confers CSTĐCS itself in 2022) with ``people`` LĐTT, the first ``excellent`` of them
    with an initiative of the year (CSTĐCS candidates under Luật 2003)."""
    update_unit(store, values={"unit_kind": "co_quan"})
    add_department(store, name="Phòng Tỷ Lệ", kind="department")
    ids = {}
    for i in range(people):
        name = f"Cán bộ {chr(ord('A') + i)}"
        sid = add_staff(
            store, draft=StaffDraft(full_name=name, gender="M", department="Phòng Tỷ Lệ", start_date=date(2015, 1, 1))
        )
        set_rating(store, staff_id=sid, year=YEAR, rating="HTXSNV" if i < excellent else "HTTNV")
        if i < excellent:
            add_initiative(store, staff_id=sid, title=f"Sáng kiến {i}", level="co_so", recognized_on=date(YEAR, 5, 1))
        ids[name] = sid
    return ids


def _cstdcs(store):
    return {v.subject_name: v for v in evaluate_year(store, year=YEAR, today=TODAY) if v.code == "CSTDCS"}


def _council_votes(store, round_id):
    review.set_council(
        store, round_id=round_id, meeting_date=date(YEAR, 12, 20), location="Hội trường",
        members=[{"full_name": f"Thành viên {k}", "role": "chair" if k == 0 else "member", "attended": True}
                 for k in range(5)],
        today=TODAY,
    )  # fmt: skip
    for n in review.get_round(store, round_id)["nominations"]:
        if n["status"] in ("proposed", "passed", "failed") and n["code"] == "CSTDCS":
            review.record_ballot(store, nomination_id=n["id"], agree=5, disagree=0, invalid=0)


def _cstdcs_rows(store, round_id):
    return [
        n
        for n in review.get_round(store, round_id)["nominations"]
        if n["code"] == "CSTDCS" and n["status"] != "removed"
    ]


def test_the_engine_leaves_the_excess_not_eligible_naming_the_cap_the_count_and_the_law(unit_store):
    _unit(unit_store, people=10, excellent=3)
    verdicts = _cstdcs(unit_store)
    ranked = sorted((v for v in verdicts.values() if v.rank), key=lambda v: v.rank or 0)
    assert [v.subject_name for v in ranked] == ["Cán bộ A", "Cán bộ B", "Cán bộ C"]
    assert [str(v.status) for v in ranked] == ["needs_vote", "not_eligible", "not_eligible"]
    over = [r for r in ranked[1].reasons if r.met is False]
    assert len(over) == 1
    assert over[0].text.startswith("Tỷ lệ CSTĐCS tối đa 15% số LĐTT (10 người) = 1 người; xếp thứ 2/3, vượt tỷ lệ")
    assert over[0].cite.startswith("NĐ 91/2017/NĐ-CP")
    assert not any("Tỉnh" in line for v in ranked for line in v.lines())  # a national rule, not a province's

    # The round proposes only the one within the cap.
    round_id = review.create_round(unit_store, year=YEAR, today=TODAY)
    assert [n["staff_id"] for n in _cstdcs_rows(unit_store, round_id)] == [ranked[0].subject_id]


def test_a_decision_above_the_cap_is_refused_and_the_council_may_choose_another(unit_store):
    ids = _unit(unit_store, people=10, excellent=3)
    round_id = review.create_round(unit_store, year=YEAR, today=TODAY)
    (first,) = _cstdcs_rows(unit_store, round_id)
    assert first["staff_id"] == ids["Cán bộ A"]
    second = review.add_nomination(
        unit_store, round_id=round_id, target_kind="individual", code="CSTDCS", staff_id=ids["Cán bộ B"],
        change_reason="Hội đồng đề nghị thêm", override_reason="Thành tích nổi bật", today=TODAY,
    )  # fmt: skip
    _council_votes(unit_store, round_id)

    with pytest.raises(ValidationError) as early:
        review.check_posting(unit_store, round_id=round_id, decision_date=HEADER["decision_date"])
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(unit_store, round_id=round_id, **HEADER)
    for message in (str(early.value), str(refused.value)):
        assert "tặng Chiến sĩ thi đua cơ sở năm 2022 cho 2 người, cùng 0 người đã có quyết định trước" in message
        assert "theo quy định ngày 28/12/2022 (NĐ 91/2017/NĐ-CP (tỷ lệ 15% số LĐTT) (chưa xác nhận))" in message
        assert "tối đa 15% số LĐTT (10 người) = 1 người: vượt 1 người" in message
        assert f"Cán bộ A (đề nghị số {first['id']}); Cán bộ B (đề nghị số {second})" in message
    assert unit_store.scalar("SELECT count(*) FROM decisions") == 0

    # The council prefers B: A comes off, the count fits.
    review.remove_nomination(unit_store, nomination_id=first["id"], reason="Hội đồng chọn Cán bộ B")
    review.check_posting(unit_store, round_id=round_id, decision_date=HEADER["decision_date"])
    decision_id = review.issue_decision(unit_store, round_id=round_id, **HEADER)
    awarded = unit_store.query("SELECT staff_id FROM awards WHERE decision_id = ? AND code = 'CSTDCS'", (decision_id,))
    assert [r["staff_id"] for r in awarded] == [ids["Cán bộ B"]]


def test_a_replacement_is_held_to_the_cap(unit_store):
    """14 LĐTT allow 2 (15 % × 14 = 2,1); N, disciplined on the 29th, loses the LĐTT line in the replacement signed
    on the 30th, which leaves 13 (1,95 → 1): it must drop one CSTĐCS line too."""
    ids = _unit(unit_store, people=14, excellent=2)
    round_id = review.create_round(unit_store, year=YEAR, today=TODAY)
    assert len(_cstdcs_rows(unit_store, round_id)) == 2
    _council_votes(unit_store, round_id)
    decision_id = review.issue_decision(unit_store, round_id=round_id, **HEADER)
    add_discipline(
        unit_store, staff_id=ids["Cán bộ N"], level="canh_cao", start_date=date(YEAR, 12, 29),
        end_date=date(YEAR + 1, 12, 28), reason="Vi phạm", decision_no="9/QĐ",
    )  # fmt: skip
    when = date(YEAR, 12, 30)
    lines = review.get_decision(unit_store, decision_id=decision_id)["awardees"]
    n_ldtt = next(a["register_no"] for a in lines if a["code"] == "LDTT" and a["staff_id"] == ids["Cán bộ N"])
    with pytest.raises(ValidationError, match=r"cho 2 người, .* \(13 người\) = 1 người: vượt 1 người"):
        correct_decision(
            unit_store, decision_id=decision_id, reason="Bỏ LĐTT của Cán bộ N (kỷ luật)", decision_date=when,
            changes={"remove_register_nos": [n_ldtt]},
        )  # fmt: skip
    drop = next(a["register_no"] for a in lines if a["code"] == "CSTDCS" and a["staff_id"] == ids["Cán bộ B"])
    new_id = correct_decision(
        unit_store, decision_id=decision_id, reason="Bỏ LĐTT của Cán bộ N (kỷ luật), đúng tỷ lệ", decision_date=when,
        changes={"remove_register_nos": [n_ldtt, drop]},
    )  # fmt: skip
    kept = unit_store.query("SELECT staff_id FROM awards WHERE decision_id = ? AND code = 'CSTDCS'", (new_id,))
    assert [r["staff_id"] for r in kept] == [ids["Cán bộ A"]]


def test_no_cap_since_2024_many_cstdcs_in_one_decision(unit_store):
    """Luật 2022: no national cap (default off); the decision is not held to the old 15 %."""
    update_unit(unit_store, values={"unit_kind": "co_quan"})
    add_department(unit_store, name="Phòng Tỷ Lệ", kind="department")
    for i in range(4):
        sid = add_staff(
            unit_store,
            draft=StaffDraft(
                full_name=f"Người {'ABCD'[i]}", gender="M", department="Phòng Tỷ Lệ", start_date=date(2015, 1, 1)
            ),
        )
        set_rating(unit_store, staff_id=sid, year=2025, rating="HTXSNV")
    round_id = review.create_round(unit_store, year=2025, today=TODAY)
    assert len(_cstdcs_rows(unit_store, round_id)) == 4
    review.set_council(
        unit_store, round_id=round_id, meeting_date=date(2025, 12, 20), location="Hội trường",
        members=[{"full_name": f"Thành viên {k}", "role": "chair" if k == 0 else "member", "attended": True}
                 for k in range(5)],
        today=TODAY,
    )  # fmt: skip
    for n in _cstdcs_rows(unit_store, round_id):
        review.record_ballot(unit_store, nomination_id=n["id"], agree=5, disagree=0, invalid=0)
    header = HEADER | {"decision_date": date(2025, 12, 28), "subject": "Về việc công nhận danh hiệu năm 2025"}
    decision_id = review.issue_decision(unit_store, round_id=round_id, **header)
    assert (
        unit_store.scalar("SELECT count(*) FROM awards WHERE decision_id = ? AND code = 'CSTDCS'", (decision_id,)) == 4
    )
