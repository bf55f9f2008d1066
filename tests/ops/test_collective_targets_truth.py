"""Who may be nominated, decided and paid, on the demo commune's real store.

- A collective the unit has stopped using (merged, dissolved) is not nominated, not decided without an exception
  reason, and cannot be stopped while it still has nominations waiting for a decision.
- A household's name is cleaned as a person's is (no control or direction characters, at most 200 characters) and
  two spellings of one household ("Hộ ông Vàng Seo Páo", "hộ ông  vàng seo páo") are one nominee.
- A yearly title (danh hiệu) is conferred once a year whatever the round; an award form (Giấy khen) may be given
  again in an occasion round for another achievement.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.ops import review, unit
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError
from tests.collective_flow import members_ldtt
from tests.demo_date import DEMO_TODAY
from tests.ops.test_fxdossier_twice import _older_version_line

ROUND_DAY = date(2025, 12, 10)
DECISION_DAY = date(2025, 12, 30)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}
MILITARY = "Ban Chỉ huy Quân sự xã"
OFFICE = "Văn phòng HĐND và UBND"


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


def _department(store: Store, name: str) -> int:
    return int(store.scalar("SELECT id FROM departments WHERE name = ?", (name,)))


def _lines(store: Store, round_id: int, department_id: int) -> list[dict[str, Any]]:
    return store.query(
        "SELECT * FROM nominations WHERE round_id = ? AND department_id = ? ORDER BY id", (round_id, department_id)
    )


def _issue(store: Store, round_id: int, ids: list[int], **extra: Any) -> int:
    return review.issue_decision(
        store, round_id=round_id, decision_date=DECISION_DAY, nomination_ids=ids, **HEADER, **extra
    )


def _clear_waiting(store: Store, department_id: int) -> None:
    """Take the department's undecided leftovers of every round off the list (the clerk's way to stop it)."""
    for row in store.query(
        "SELECT id FROM nominations WHERE department_id = ? AND status IN ('proposed', 'passed', 'failed')",
        (department_id,),
    ):
        review.remove_nomination(store, nomination_id=row["id"], reason="Tập thể sáp nhập")


# -- a stopped collective -------------------------------------------------------------------------------------


def test_a_collective_with_undecided_nominations_is_not_stopped(demo):
    round_id = review.create_round(demo, year=2025, today=ROUND_DAY)
    military = _department(demo, MILITARY)
    assert _lines(demo, round_id, military)
    with pytest.raises(ValidationError) as refused:
        unit.set_department_active(demo, department_id=military, active=False, today=DEMO_TODAY)
    message = str(refused.value)
    assert f"Không ngừng sử dụng được “{MILITARY}”" in message
    assert "“Bình xét thi đua, khen thưởng năm 2025” (năm 2025, 2 đề nghị)" in message
    assert demo.scalar("SELECT active FROM departments WHERE id = ?", (military,)) == 1
    # once its nominations are decided or taken off, it stops; its staff do not hold it back
    _clear_waiting(demo, military)
    assert demo.scalar("SELECT count(*) FROM staff WHERE department_id = ?", (military,))
    unit.set_department_active(demo, department_id=military, active=False, today=DEMO_TODAY)
    assert demo.scalar("SELECT active FROM departments WHERE id = ?", (military,)) == 0


def test_a_stopped_collective_is_not_nominated(demo):
    military = _department(demo, MILITARY)
    _clear_waiting(demo, military)
    unit.set_department_active(demo, department_id=military, active=False, today=DEMO_TODAY)
    occasion = review.create_round(demo, year=2025, kind="occasion", name="Đợt 2")
    with pytest.raises(ValidationError) as refused:
        review.add_nomination(
            demo,
            round_id=occasion,
            target_kind="collective",
            code="GIAY_KHEN",
            department_id=military,
            change_reason="Thành tích diễn tập",
        )
    assert f"Tập thể “{MILITARY}” đã ngừng sử dụng" in str(refused.value)
    assert refused.value.field == "department_id"
    assert not _lines(demo, occasion, military)


def test_a_collective_stopped_behind_the_rounds_back_is_not_decided_without_a_reason(demo):
    round_id = review.create_round(demo, year=2025, today=ROUND_DAY)
    military = _department(demo, MILITARY)
    lines = _lines(demo, round_id, military)
    ids = [int(n["id"]) for n in lines]
    members = members_ldtt(demo, round_id, military)  # the LĐTT its TTLĐTT rests on, in the same decision
    # stopped by another way than the unit page (an older file, a package): the nominations stayed
    demo.execute("UPDATE departments SET active = 0 WHERE id = ?", (military,))
    with pytest.raises(ValidationError) as refused:
        _issue(demo, round_id, ids + members)
    assert f"{MILITARY} (" in str(refused.value) and "tập thể đã ngừng sử dụng" in str(refused.value)
    assert f"đề nghị số {ids[0]}" in str(refused.value)
    assert not demo.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_id,))
    # with the clerk's exception reason for each line it is decided (the unit's call, written down)
    reasons = {i: "Tập thể sáp nhập ngày 1/12, khen thưởng thành tích cả năm" for i in ids}
    decision_id = _issue(demo, round_id, ids + members, override_reasons=reasons)
    assert demo.scalar(
        "SELECT count(*) FROM decision_awardees WHERE decision_id = ? AND target_kind = 'collective'",
        (decision_id,),
    ) == len(ids)


# -- households --------------------------------------------------------------------------------------------------


@pytest.fixture
def occasion(demo) -> int:
    return review.create_round(demo, year=2025, kind="occasion", name="Khen hộ gia đình")


def _household(store: Store, round_id: int, name: str) -> int:
    return review.add_nomination(
        store,
        round_id=round_id,
        target_kind="household",
        code="GIAY_KHEN",
        household_name=name,
        change_reason="Hiến đất làm đường",
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hộ ông A\u202eFDP.exe", "Tên hộ gia đình: có ký tự ẩn đảo chiều chữ U+202E ở vị trí 9"),
        ("Hộ bà B\x1b[2J", "Tên hộ gia đình: có ký tự điều khiển không in được U+001B (ESC) ở vị trí 8"),
        ("X" * 3000, "Tên hộ gia đình: dài 3000 ký tự, quá giới hạn 200 ký tự."),
        ("Hộ ông C\nxuống dòng", "Tên hộ gia đình: có dấu xuống dòng ở vị trí 9"),
    ],
)
def test_a_household_name_is_cleaned_as_a_persons(demo, occasion, name, expected):
    with pytest.raises(ValidationError) as refused:
        _household(demo, occasion, name)
    assert expected in str(refused.value) and refused.value.field == "household_name"
    assert not demo.scalar("SELECT count(*) FROM nominations WHERE round_id = ?", (occasion,))


def test_two_spellings_of_one_household_are_one_nominee(demo, occasion):
    first = _household(demo, occasion, "  Hộ ông   Vàng Seo\u00a0Páo\u200b ")
    assert demo.scalar("SELECT household_name FROM nominations WHERE id = ?", (first,)) == "Hộ ông Vàng Seo Páo"
    decomposed = "hộ ông vàng seo pa\u0301o"  # lower case, the accent typed as a combining mark
    for other in ("hộ ông vàng seo páo", "HỘ ÔNG VÀNG SEO PÁO", decomposed):
        with pytest.raises(ValidationError, match="đã có trong danh sách đề nghị “Giấy khen” của đợt này"):
            _household(demo, occasion, other)
    # another household is another nominee (accents still count)
    _household(demo, occasion, "Hộ ông Vàng Seo Pao")
    decision_id = review.issue_decision(demo, round_id=occasion, decision_date=DECISION_DAY, **HEADER)
    names = [
        r["snapshot_name"]
        for r in demo.query(
            "SELECT snapshot_name FROM decision_awardees WHERE decision_id = ? ORDER BY id", (decision_id,)
        )
    ]
    assert sorted(names) == ["Hộ ông Vàng Seo Pao", "Hộ ông Vàng Seo Páo"]


def test_a_same_named_household_of_another_thon_is_told_how_to_be_told_apart(demo, occasion):
    """A household is known by its name: the refusal says to write the thôn into the name of another household of
    the same name, and that name is then another nominee."""
    _household(demo, occasion, "Hộ ông Nguyễn Văn An")
    with pytest.raises(ValidationError) as refused:
        _household(demo, occasion, "Hộ ông Nguyễn Văn An")
    assert "Nếu đây là một hộ khác trùng tên" in str(refused.value)
    assert "hãy ghi thêm tên thôn, tổ dân phố vào tên hộ" in str(refused.value)
    _household(demo, occasion, "Hộ ông Nguyễn Văn An, thôn Đông")
    # a person or a collective listed twice is not told about thôn
    military = {"target_kind": "collective", "department_id": _department(demo, MILITARY), "code": "GIAY_KHEN"}
    review.add_nomination(demo, round_id=occasion, change_reason="Thành tích đột xuất", **military)
    with pytest.raises(ValidationError) as twice:
        review.add_nomination(demo, round_id=occasion, change_reason="Thành tích đột xuất", **military)
    assert "đã có trong danh sách đề nghị" in str(twice.value) and "trùng tên" not in str(twice.value)


# -- a title once a year ------------------------------------------------------------------------------------------


def _office_ttldtt_decided(store: Store) -> tuple[int, str]:
    """The yearly round decides the office's TTLĐTT and Giấy khen 2025; returns the office's id and the decision's
    number."""
    round_id = review.create_round(store, year=2025, today=ROUND_DAY)
    office = _department(store, OFFICE)
    lines = [int(n["id"]) for n in _lines(store, round_id, office) if n["code"] in ("TTLDTT", "GIAY_KHEN")]
    assert len(lines) == 2
    decision_id = _issue(store, round_id, lines + members_ldtt(store, round_id, office))  # with its members' LĐTT
    return office, str(store.scalar("SELECT number_text FROM decisions WHERE id = ?", (decision_id,)))


def test_a_title_held_for_the_year_is_not_nominated_again_in_an_occasion_round(demo):
    office, number = _office_ttldtt_decided(demo)
    extra = review.create_round(demo, year=2025, kind="occasion", name="Bổ sung 2025")
    with pytest.raises(ValidationError) as refused:
        review.add_nomination(
            demo,
            round_id=extra,
            target_kind="collective",
            code="TTLDTT",
            department_id=office,
            change_reason="bổ sung",
        )
    assert (
        f"{OFFICE} đã được tặng “Tập thể lao động tiên tiến” năm 2025 theo Quyết định số {number} ngày 30/12/2025"
        in str(refused.value)
    )
    # an award form the office got in the yearly decision may be given again, for another achievement
    review.add_nomination(
        demo,
        round_id=extra,
        target_kind="collective",
        code="GIAY_KHEN",
        department_id=office,
        change_reason="Thành tích phòng chống bão lũ",
    )
    decision_id = review.issue_decision(demo, round_id=extra, decision_date=DECISION_DAY, **HEADER)
    assert demo.scalar("SELECT count(*) FROM decision_awardees WHERE decision_id = ?", (decision_id,)) == 1
    assert (
        demo.scalar(
            "SELECT count(*) FROM awards WHERE department_id = ? AND year = 2025 AND code = 'GIAY_KHEN'", (office,)
        )
        == 2
    )


def test_a_title_decided_while_another_round_held_it_is_refused_at_issue(demo):
    # listed in an occasion round while the yearly round decided it: refused at add now (a title is proposed in one
    # round at a time), but a file an older version wrote may hold it
    office, _number = _office_ttldtt_decided(demo)  # the yearly round decides it first
    extra = review.create_round(demo, year=2025, kind="occasion", name="Bổ sung 2025")
    early = _older_version_line(demo, extra, "TTLDTT", department_id=office)
    with pytest.raises(ValidationError) as refused:
        review.issue_decision(demo, round_id=extra, decision_date=DECISION_DAY, nomination_ids=[early], **HEADER)
    assert "mỗi danh hiệu chỉ xét tặng một lần trong năm" in str(refused.value)
    assert f"Hãy bỏ đề nghị số {early} khỏi quyết định" in str(refused.value)
    assert (
        demo.scalar(
            "SELECT count(*) FROM awards WHERE department_id = ? AND year = 2025 AND code = 'TTLDTT'", (office,)
        )
        == 1
    )


def _members_ldtt_added(store: Store, round_id: int, department_id: int) -> list[int]:
    """LĐTT 2025 added to an occasion round for the members of ``department_id`` the engine finds eligible."""
    from desktop.domain.eligibility import Status
    from desktop.ops.rules import evaluate_year

    members = {int(r["id"]) for r in store.query("SELECT id FROM staff WHERE department_id = ?", (department_id,))}
    return [
        review.add_nomination(
            store, round_id=round_id, target_kind="individual", code="LDTT", staff_id=v.subject_id, change_reason="sớm"
        )
        for v in evaluate_year(store, year=2025)
        if v.subject == "person" and v.code == "LDTT" and v.subject_id in members and v.status == Status.ELIGIBLE
    ]


def test_a_yearly_round_opened_after_an_occasion_decision_does_not_propose_the_title_again(demo):
    extra = review.create_round(demo, year=2025, kind="occasion", name="Khen đột xuất")
    office = _department(demo, OFFICE)
    line = review.add_nomination(
        demo, round_id=extra, target_kind="collective", code="TTLDTT", department_id=office, change_reason="sớm"
    )
    members = _members_ldtt_added(demo, extra, office)  # the LĐTT its title rests on, in the same decision
    review.issue_decision(demo, round_id=extra, decision_date=ROUND_DAY, nomination_ids=[line, *members], **HEADER)
    yearly = review.create_round(demo, year=2025, today=ROUND_DAY)
    assert not [n for n in _lines(demo, yearly, office) if n["code"] == "TTLDTT"]
    assert [n for n in _lines(demo, yearly, office) if n["code"] == "GIAY_KHEN"]


def test_a_collective_stopped_while_the_nomination_was_being_added_is_refused(demo, monkeypatch):
    military = _department(demo, MILITARY)
    _clear_waiting(demo, military)
    occasion = review.create_round(demo, year=2025, kind="occasion", name="Đợt 2")
    real = demo.transaction

    def transaction(operation: str = "") -> Any:
        if operation == "review.add_nomination" and not demo.in_transaction:
            unit.set_department_active(
                demo, department_id=military, active=False, today=DEMO_TODAY
            )  # another window, meanwhile
        return real(operation)

    monkeypatch.setattr(demo, "transaction", transaction)
    with pytest.raises(ValidationError, match="đã ngừng sử dụng"):
        review.add_nomination(
            demo,
            round_id=occasion,
            target_kind="collective",
            code="GIAY_KHEN",
            department_id=military,
            change_reason="Thành tích diễn tập",
        )
    assert not _lines(demo, occasion, military)


def test_leftovers_of_old_rounds_do_not_hold_a_collective_back(demo):
    """The demo's rounds of 2022–2024 left collective lines undecided; a year on, they no longer block the stop."""
    military = _department(demo, MILITARY)
    old = demo.scalar(
        "SELECT count(*) FROM nominations n JOIN review_rounds r ON r.id = n.round_id WHERE n.department_id = ? "
        "AND n.status = 'proposed' AND r.year <= 2024",
        (military,),
    )
    assert old
    with pytest.raises(ValidationError):
        unit.set_department_active(demo, department_id=military, active=False, today=date(2025, 6, 1))
    unit.set_department_active(demo, department_id=military, active=False, today=date(2026, 6, 1))
    assert demo.scalar("SELECT active FROM departments WHERE id = ?", (military,)) == 0


def test_one_household_is_one_recipient_for_the_money_whatever_its_spacing_or_case():
    """The highest-title-only rule keys recipients; a household typed twice differently is still one."""
    from desktop.store.review_repo import recipient_key

    first = {"target_kind": "household", "household_name": "Hộ ông Vàng Seo Páo"}
    second = {"target_kind": "household", "household_name": "hộ ông  VÀNG seo páo"}
    assert recipient_key(first) == recipient_key(second)
    assert recipient_key(first) != recipient_key({"target_kind": "household", "household_name": "Hộ ông Vàng Seo Pao"})
