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
    with pytest.raises(ValidationError, match=r"Không xoá được đợt .* vì đã có quyết định khen thưởng"):
        review.delete_round(demo, round_id=round_2025)
    assert done
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE id = ?", (round_2025,)) == 1


# -- 8. a supplementary yearly round does not award again ----------------------------------------------------------


def test_a_supplementary_round_does_not_propose_or_take_those_already_awarded(demo, round_2025):
    ldtt = _nominations(demo, round_2025, "LDTT")
    awarded = ldtt[:3]
    decision_id = _issue(demo, round_2025, [n["id"] for n in awarded])
    number = demo.scalar("SELECT number_text FROM decisions WHERE id = ?", (decision_id,))
    supplementary = review.create_round(demo, year=2025, name="Bổ sung năm 2025", today=ROUND_DAY)
    proposed = {n["staff_id"] for n in _nominations(demo, supplementary, "LDTT")}
    assert proposed and not proposed & {n["staff_id"] for n in awarded}
    assert {n["staff_id"] for n in ldtt[3:]} <= proposed  # those not yet decided are proposed again
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
    # once the decision is cancelled (awards withdrawn), they may be proposed again
    review.revoke_decision(demo, decision_id=decision_id, reason="Sai đối tượng")
    assert review.add_nomination(
        demo, round_id=supplementary, target_kind="individual", code="LDTT", staff_id=awarded[0]["staff_id"]
    )
