"""Two clerks on one database file: each review operation checks the state it writes from INSIDE its write
transaction (``BEGIN IMMEDIATE``), not before it.

Each test lets a second clerk (a second ``Store`` on the same file, as another window or another PC on a shared
folder would have) change the state at the worst moment: after the operation's own checks and reads ran, just
before it takes the write lock (:func:`meanwhile`). The operation must then refuse, or work from the new state,
never write from what it read before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError, open_store
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of

ROUND_DAY = date(2025, 12, 10)
DECISION_DAY = date(2025, 12, 30)
HEADER = {
    "signer_title": "Chủ tịch",
    "signer_name": "Sùng Mí Pháo",
    "subject": "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
}


def council(size: int) -> list[dict[str, Any]]:
    """A council of ``size`` members, all present, the first the chair."""
    return [
        {"full_name": f"Thành viên số {n}", "role": "chair" if n == 1 else "member", "attended": True}
        for n in range(1, size + 1)
    ]


def meanwhile(monkeypatch: pytest.MonkeyPatch, store: Store, name: str, action: Callable[[], Any]) -> list[Any]:
    """Run ``action`` (the other clerk's write) once, just before ``store`` opens its transaction ``name``;
    the returned list receives the action's result, so a test can check the moment came."""
    real = store.transaction
    done: list[Any] = []

    def transaction(operation: str = "") -> Any:
        if operation == name and not done and not store.in_transaction:
            done.append(action())
        return real(operation)

    monkeypatch.setattr(store, "transaction", transaction)
    return done


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def other(db_path: Path, demo: Store) -> Iterator[Store]:
    """The second clerk: another window (or PC) on the same file."""
    second = open_store(db_path, actor="can_bo_thu_hai")
    yield second
    second.close()


@pytest.fixture
def round_2025(demo: Store) -> int:
    return review.create_round(demo, year=2025, today=ROUND_DAY)


def _nominations(store: Store, round_id: int, code: str) -> list[dict[str, Any]]:
    return [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code]


def _issue(store: Store, round_id: int, ids: list[int], when: date = DECISION_DAY) -> int:
    return review.issue_decision(store, round_id=round_id, decision_date=when, nomination_ids=ids, **HEADER)


# -- 1. the same nominee added twice at once ------------------------------------------------------------------------


def test_the_same_nominee_added_by_two_clerks_at_once_is_listed_once(demo, other, round_2025, monkeypatch):
    """Both clerks add the same person for LĐTT: the second finds the first's row under the lock and is refused
    (before: both rows were written and the decision listed and paid the person twice)."""
    first = _nominations(demo, round_2025, "LDTT")[0]
    review.remove_nomination(demo, nomination_id=first["id"], reason="Nhập nhầm")
    args = {"round_id": round_2025, "target_kind": "individual", "code": "LDTT", "staff_id": first["staff_id"]}
    done = meanwhile(monkeypatch, demo, "review.add_nomination", lambda: review.add_nomination(other, **args))
    with pytest.raises(ValidationError, match="đã có trong danh sách đề nghị “Lao động tiên tiến” của đợt này"):
        review.add_nomination(demo, **args)
    assert done
    active = demo.scalar(
        "SELECT count(*) FROM nominations WHERE round_id = ? AND staff_id = ? AND code = 'LDTT' "
        "AND status != 'removed'",
        (round_2025, first["staff_id"]),
    )
    assert active == 1


# -- 2. a decision replaced and cancelled at once --------------------------------------------------------------------


@pytest.fixture
def issued(demo: Store, round_2025: int) -> int:
    ids = [n["id"] for n in _nominations(demo, round_2025, "LDTT")[:3]]
    return _issue(demo, round_2025, ids)


def _replace(store: Store, decision_id: int, when: date = date(2026, 1, 5), **changes: Any) -> int:
    return review.correct_decision(
        store, decision_id=decision_id, reason="Sai trích yếu", decision_date=when, changes=changes
    )


def test_a_decision_cancelled_while_being_replaced_is_not_replaced(demo, other, issued, monkeypatch):
    done = meanwhile(
        monkeypatch,
        demo,
        "decision.correct",
        lambda: review.revoke_decision(other, decision_id=issued, reason="Hủy do sai đối tượng"),
    )
    with pytest.raises(ValidationError, match="chỉ thay thế được quyết định đang có hiệu lực") as refused:
        _replace(demo, issued, subject="Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025")
    assert done and "Đã hủy bỏ" in str(refused.value)
    assert demo.scalar("SELECT status FROM decisions WHERE id = ?", (issued,)) == "revoked"
    assert demo.scalar("SELECT count(*) FROM decisions WHERE replaces_id = ?", (issued,)) == 0
    # the cancellation withdrew the awards: none came back through a replacement
    assert demo.scalar("SELECT count(*) FROM awards WHERE year = 2025 AND code = 'LDTT'") == 0


def test_a_decision_replaced_twice_at_once_is_replaced_once(demo, other, issued, monkeypatch):
    done = meanwhile(monkeypatch, demo, "decision.correct", lambda: _replace(other, issued))
    with pytest.raises(ValidationError, match="“Đã bị thay thế”; chỉ thay thế được"):
        _replace(demo, issued, when=date(2026, 1, 6))
    assert done
    assert demo.scalar("SELECT count(*) FROM decisions WHERE replaces_id = ?", (issued,)) == 1
    assert demo.scalar("SELECT count(*) FROM awards WHERE year = 2025 AND code = 'LDTT'") == 3


def test_a_decision_replaced_while_being_cancelled_is_not_cancelled(demo, other, issued, monkeypatch):
    done = meanwhile(monkeypatch, demo, "decision.revoke", lambda: _replace(other, issued))
    with pytest.raises(ValidationError, match="“Đã bị thay thế”; không hủy bỏ được"):
        review.revoke_decision(demo, decision_id=issued, reason="Hủy do sai đối tượng")
    replacement = done[0]
    assert demo.scalar("SELECT status FROM decisions WHERE id = ?", (replacement,)) == "issued"
    assert demo.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (replacement,)) == 3


def test_a_replacement_is_not_signed_before_the_decision_it_replaces(demo, issued):
    with pytest.raises(ValidationError) as refused:
        _replace(demo, issued, when=date(2025, 12, 29))
    message = str(refused.value)
    assert "quyết định thay thế (29/12/2025) sớm hơn" in message and "ngày 30/12/2025" in message
    assert refused.value.field == "decision_date"
    assert demo.scalar("SELECT status FROM decisions WHERE id = ?", (issued,)) == "issued"
    # the same day is allowed
    assert _replace(demo, issued, when=DECISION_DAY)


# A later national law moving the commune's LĐTT to the province from 2026 (a province's own pack may not:
# tests/domain/test_override_authority.py).
LAW_MOVES_LDTT = (
    '  { value = "unit", cite = "NĐ 129/2025/NĐ-CP (thẩm quyền Chủ tịch UBND xã)", from = 2025-07-01 },\n',
    '  { value = "unit", cite = "NĐ 129/2025/NĐ-CP (thẩm quyền Chủ tịch UBND xã)", from = 2025-07-01 },\n'
    '  { value = "province", cite = "Luật sửa đổi 2026 (thử)", from = 2026-01-01 },\n',
)


def test_a_replacement_needs_the_units_authority_on_its_own_date(demo, issued, tmp_path, monkeypatch):
    """Replacing is issuing again: on the new date the unit must still confer every line kept."""
    from desktop.domain.rules import pack as pack_module
    from desktop.store import rules_repo

    national = pack_module.national_pack_path().read_text(encoding="utf-8")
    assert national.count(LAW_MOVES_LDTT[0]) >= 1
    changed = tmp_path / "national.toml"
    changed.write_text(national.replace(LAW_MOVES_LDTT[0], LAW_MOVES_LDTT[1], 1), encoding="utf-8")
    monkeypatch.setattr(pack_module, "national_pack_path", lambda: changed)
    rules_repo._pack_cache.clear()  # the pack the demo was made with
    with pytest.raises(ValidationError) as refused:
        _replace(demo, issued, when=date(2026, 1, 5))
    message = str(refused.value)
    assert "(Lao động tiên tiến, dòng số 1): theo quy định ngày 05/01/2026" in message
    assert "Luật sửa đổi 2026 (thử)" in message and "không ra quyết định thay thế được" in message
    assert demo.scalar("SELECT status FROM decisions WHERE id = ?", (issued,)) == "issued"
    # before the law moved it, the unit still replaces it
    assert _replace(demo, issued, when=date(2025, 12, 31))


# -- 3. ballots and the council -----------------------------------------------------------------------------------


def test_a_ballot_is_not_recorded_for_a_nominee_decided_meanwhile(demo, other, round_2025, monkeypatch):
    review.set_council(demo, round_id=round_2025, meeting_date=ROUND_DAY, location="Hội trường", members=council(5))
    nominee = _nominations(demo, round_2025, "CSTDCS")[0]
    review.record_ballot(demo, nomination_id=nominee["id"], agree=5, disagree=0, invalid=0)
    decide_ldtt_of(demo, round_2025, [nominee["id"]], DECISION_DAY)  # the LĐTT the CSTĐCS rests on, first
    done = meanwhile(monkeypatch, demo, "review.record_ballot", lambda: _issue(other, round_2025, [nominee["id"]]))
    with pytest.raises(ValidationError, match="“Đã có quyết định”; không ghi kết quả bỏ phiếu được"):
        review.record_ballot(demo, nomination_id=nominee["id"], agree=1, disagree=4, invalid=0)
    assert done
    assert demo.scalar("SELECT status FROM nominations WHERE id = ?", (nominee["id"],)) == "decided"
    assert demo.scalar("SELECT passed FROM ballots WHERE nomination_id = ?", (nominee["id"],)) == 1


def test_a_ballot_is_counted_on_the_council_as_it_is_when_written(demo, other, round_2025, monkeypatch):
    """The council re-recorded from 5 to 7 members meanwhile: 4 of 5 is not kept on a 7-member council."""
    review.set_council(demo, round_id=round_2025, meeting_date=ROUND_DAY, location="Hội trường", members=council(5))
    nominee = _nominations(demo, round_2025, "CSTDCS")[0]
    done = meanwhile(
        monkeypatch,
        demo,
        "review.record_ballot",
        lambda: review.set_council(
            other, round_id=round_2025, meeting_date=ROUND_DAY, location="Hội trường", members=council(7)
        ),
    )
    result = review.record_ballot(demo, nomination_id=nominee["id"], agree=4, disagree=1, invalid=0)
    assert done
    assert (result["members_total"], result["present"], result["passed"]) == (7, 7, False)  # 4/7, not 4/5
    ballot = demo.query_one("SELECT members_total, passed FROM ballots WHERE nomination_id = ?", (nominee["id"],))
    assert ballot == {"members_total": 7, "passed": 0}
    assert demo.scalar("SELECT status FROM nominations WHERE id = ?", (nominee["id"],)) == "failed"


def test_the_council_keeps_its_size_once_a_ballot_was_recorded_meanwhile(demo, other, round_2025, monkeypatch):
    review.set_council(demo, round_id=round_2025, meeting_date=ROUND_DAY, location="Hội trường", members=council(5))
    nominee = _nominations(demo, round_2025, "CSTDCS")[0]
    done = meanwhile(
        monkeypatch,
        demo,
        "review.set_council",
        lambda: review.record_ballot(other, nomination_id=nominee["id"], agree=4, disagree=1, invalid=0),
    )
    with pytest.raises(ValidationError, match="Hội đồng đã bỏ phiếu cho 1 đề nghị; không đổi được số thành viên"):
        review.set_council(demo, round_id=round_2025, meeting_date=ROUND_DAY, location="Hội trường", members=council(7))
    assert done
    assert review.get_round(demo, round_2025)["council"]["members_total"] == 5
    assert demo.scalar("SELECT members_total FROM ballots WHERE nomination_id = ?", (nominee["id"],)) == 5


# -- 4. a nominee removed while decided -----------------------------------------------------------------------------


def test_a_nominee_decided_meanwhile_is_not_removed(demo, other, round_2025, monkeypatch):
    nominee = _nominations(demo, round_2025, "LDTT")[0]
    done = meanwhile(monkeypatch, demo, "review.remove_nomination", lambda: _issue(other, round_2025, [nominee["id"]]))
    with pytest.raises(ValidationError, match="đã có quyết định hoặc đã gửi lên cấp trên; không bỏ được"):
        review.remove_nomination(demo, nomination_id=nominee["id"], reason="Chuyển công tác")
    assert done
    row = demo.query_one("SELECT status, removed_reason FROM nominations WHERE id = ?", (nominee["id"],))
    assert row == {"status": "decided", "removed_reason": ""}


# -- 5. two yearly rounds for one year -----------------------------------------------------------------------------


def test_two_yearly_rounds_for_one_year_at_once_make_one(demo, other, monkeypatch):
    done = meanwhile(
        monkeypatch, demo, "review.create_round", lambda: review.create_round(other, year=2025, today=ROUND_DAY)
    )
    with pytest.raises(ValidationError, match=r"Năm 2025 đã có đợt bình xét hằng năm .* đang làm dở"):
        review.create_round(demo, year=2025, today=ROUND_DAY)
    assert done
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE year = 2025 AND kind = 'year'") == 1


# -- 6. a round deleted while used ----------------------------------------------------------------------------------


def test_a_round_used_meanwhile_is_not_deleted(demo, other, round_2025, monkeypatch):
    """A decision issued by the other clerk meanwhile: a Vietnamese refusal, not a foreign-key error."""
    nominee = _nominations(demo, round_2025, "LDTT")[0]
    done = meanwhile(monkeypatch, demo, "review.delete_round", lambda: _issue(other, round_2025, [nominee["id"]]))
    with pytest.raises(ValidationError, match=r"Không xóa được đợt .* vì đã có quyết định khen thưởng"):
        review.delete_round(demo, round_id=round_2025)
    assert done
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE id = ?", (round_2025,)) == 1


# -- 7. two dossiers with the same nominees -------------------------------------------------------------------------


def test_two_dossiers_at_once_do_not_send_the_same_nominees_twice(demo, other, round_2025, monkeypatch):
    review.set_council(demo, round_id=round_2025, meeting_date=ROUND_DAY, location="Hội trường", members=council(5))
    for nominee in _nominations(demo, round_2025, "CSTDCS"):  # Bằng khen tỉnh counts on this year's CSTĐCS
        review.record_ballot(demo, nomination_id=nominee["id"], agree=5, disagree=0, invalid=0)
    done = meanwhile(
        monkeypatch, demo, "review.build_dossier", lambda: review.build_dossier(other, round_id=round_2025)
    )
    with pytest.raises(ValidationError, match="Không có đề nghị lên cấp trên nào"):
        review.build_dossier(demo, round_id=round_2025)
    assert done
    assert demo.scalar("SELECT count(*) FROM dossiers WHERE round_id = ?", (round_2025,)) == 1
    items = demo.query(
        "SELECT i.nomination_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id WHERE d.round_id = ?",
        (round_2025,),
    )
    assert len(items) >= 2 and len({i["nomination_id"] for i in items}) == len(items)


# -- 8. a supplementary yearly round does not award again ----------------------------------------------------------


def test_a_supplementary_round_does_not_propose_or_take_those_already_awarded(demo, round_2025):
    ldtt = _nominations(demo, round_2025, "LDTT")
    awarded = ldtt[:3]
    decision_id = _issue(demo, round_2025, [n["id"] for n in awarded])
    number = demo.scalar("SELECT number_text FROM decisions WHERE id = ?", (decision_id,))
    supplementary = review.create_round(demo, year=2025, name="Bổ sung năm 2025", today=ROUND_DAY)
    proposed = {n["staff_id"] for n in _nominations(demo, supplementary, "LDTT")}
    assert proposed and not proposed & {n["staff_id"] for n in awarded}
    # those the yearly round has not decided yet are still listed there: kept off here, naming that round
    assert {n["staff_id"] for n in ldtt[3:]} <= proposed
    first_name = review.get_round(demo, round_2025)["name"]
    for line in _nominations(demo, supplementary, "LDTT"):
        if line["staff_id"] in {n["staff_id"] for n in ldtt[3:]}:
            assert line["status"] == "removed" and f"“{first_name}”" in line["removed_reason"]
    with pytest.raises(ValidationError) as refused:
        review.add_nomination(
            demo, round_id=supplementary, target_kind="individual", code="LDTT", staff_id=awarded[0]["staff_id"]
        )
    assert f"đã được tặng “Lao động tiên tiến” năm 2025 theo Quyết định số {number} ngày 30/12/2025" in str(
        refused.value
    )
    assert refused.value.field == "code"
    # refreshing the supplementary round does not bring them back
    review.refresh_proposals(demo, round_id=supplementary, today=ROUND_DAY)
    assert not {n["staff_id"] for n in _nominations(demo, supplementary, "LDTT")} & {n["staff_id"] for n in awarded}
    # once the decision is cancelled (awards withdrawn), they may be proposed again: the yearly round lists them
    # again, so it takes them off first (a title is proposed in one round at a time)
    review.revoke_decision(demo, decision_id=decision_id, reason="Sai đối tượng")
    with pytest.raises(ValidationError, match=f"đề nghị số {awarded[0]['id']}"):
        review.add_nomination(
            demo, round_id=supplementary, target_kind="individual", code="LDTT", staff_id=awarded[0]["staff_id"]
        )
    review.remove_nomination(demo, nomination_id=awarded[0]["id"], reason="Chuyển sang đợt bổ sung")
    assert review.add_nomination(
        demo, round_id=supplementary, target_kind="individual", code="LDTT", staff_id=awarded[0]["staff_id"]
    )


# -- the whole round issued by two clerks at once -------------------------------------------------------------------


def test_the_second_clerk_issuing_the_whole_round_learns_it_was_just_issued(demo, other, round_2025, monkeypatch):
    """Both clerks press "issue every nominee ready": the second, under the lock, finds none left. Before, the
    message said only that nobody qualified, which reads as a mistake in the council's work."""

    def issue_all(store: Store) -> int:
        return review.issue_decision(store, round_id=round_2025, decision_date=DECISION_DAY, **HEADER)

    done = meanwhile(monkeypatch, demo, "decision.issue", lambda: issue_all(other))
    with pytest.raises(ValidationError) as refused:
        issue_all(demo)
    assert done
    number = demo.scalar("SELECT number_text FROM decisions WHERE id = ?", (done[0],))
    assert f"mới nhất: Quyết định số {number} ngày {DECISION_DAY.strftime('%d/%m/%Y')}" in str(refused.value)
    assert "có thể vừa được ban hành ở cửa sổ hoặc máy khác" in str(refused.value)
    assert demo.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (round_2025,)) == 1
