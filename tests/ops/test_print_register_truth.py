"""The certificate print register records only what is true when it is written.

A batch is prepared (the decision and its awardees read), rendered and printed (seconds to minutes), then
recorded. Meanwhile another window, or a second clerk on the same file, may cancel or replace the decision, or
record the same pre-printed form serials. The recording transaction (``BEGIN IMMEDIATE``) reads all of this again
and refuses with nothing recorded. Form serials are checked once more before a long render, so the clerk does not
wait for sheets that cannot be recorded.

The second clerk is a second ``Store`` on the same file; :func:`meanwhile` lets them act at the worst moment,
just before the first clerk's recording transaction opens (as ``tests/ops/test_review_races.py`` does).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.dates import format_date
from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError, open_store
from tests.demo_date import DEMO_TODAY


def meanwhile(monkeypatch: pytest.MonkeyPatch, store: Store, name: str, action: Callable[[], Any]) -> list[Any]:
    """Run ``action`` (the other clerk's write) once, just before ``store`` opens its transaction ``name``."""
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
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    return store


@pytest.fixture
def other(db_path: Path, demo: Store) -> Iterator[Store]:
    """The second clerk: another window (or PC) on the same file."""
    second = open_store(db_path, actor="can_bo_thu_hai")
    yield second
    second.close()


@pytest.fixture
def ldtt(demo: Store) -> dict[str, Any]:
    """The demo's 2024 LĐTT decision (a Giấy chứng nhận each, the optional paper being on)."""
    found = [d for d in review.list_decisions(demo, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")]
    assert len(found) == 1
    return review.get_decision(demo, decision_id=found[0]["id"])


def _ids(decision: dict[str, Any], *positions: int) -> list[int]:
    return [int(decision["awardees"][p]["id"]) for p in positions]


def _batch(store: Store, decision: dict[str, Any], positions: tuple[int, ...], serial: str = "") -> ops.Batch:
    return ops.prepare_batch(
        store,
        decision_id=decision["id"],
        awardee_ids=_ids(decision, *positions),
        mode="preprinted",
        serial_start=serial,
    )


def _prints(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM certificate_prints"))


def _revoke(store: Store, decision_id: int) -> None:
    review.revoke_decision(store, decision_id=decision_id, reason="Sai đối tượng")


# -- 1. the decision changed while the sheets were printing --------------------------------------------------------


def test_a_batch_is_not_recorded_for_a_decision_cancelled_meanwhile(demo, other, ldtt, monkeypatch):
    batch = _batch(demo, ldtt, (0, 1, 2))
    done = meanwhile(monkeypatch, demo, "certificates.print", lambda: _revoke(other, ldtt["id"]))
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, batch)
    message = str(refused.value)
    assert done
    assert f"Quyết định số {ldtt['number_text']} đã bị hủy bỏ" in message and "Sai đối tượng" in message
    assert "không ghi 3 tờ vừa in vào sổ theo dõi in" in message
    assert refused.value.field == "decision_id"
    assert _prints(demo) == 0


def test_a_batch_is_not_recorded_for_a_decision_replaced_meanwhile(demo, other, ldtt, monkeypatch):
    batch = _batch(demo, ldtt, (0, 1))

    def replace() -> int:
        return review.correct_decision(
            other,
            decision_id=ldtt["id"],
            reason="Sai tên người được khen",
            decision_date=date.fromisoformat(ldtt["decision_date"]),
            changes={"remove_register_nos": [2]},
        )

    done = meanwhile(monkeypatch, demo, "certificates.print", replace)
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, batch)
    newer = demo.scalar("SELECT number_text FROM decisions WHERE id = ?", (done[0],))
    message = str(refused.value)
    assert f"Quyết định số {ldtt['number_text']} đã bị thay thế bằng Quyết định số {newer}" in message
    assert "hãy in theo quyết định mới" in message
    assert _prints(demo) == 0


def test_a_batch_is_not_recorded_when_a_line_changed_meanwhile(demo, other, ldtt, monkeypatch):
    """No operation edits a decision's lines today (a replacement makes a new decision); should a line be changed
    by any way, the sheets printed from the old line are not recorded as the new one's."""
    batch = _batch(demo, ldtt, (0, 1))
    second = ldtt["awardees"][1]

    def rename() -> None:
        with other.transaction(operation="test.rename"):
            other.execute(
                "UPDATE decision_awardees SET snapshot_name = ? WHERE id = ?", ("Người Khác Hẳn", second["id"])
            )

    meanwhile(monkeypatch, demo, "certificates.print", rename)
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, batch)
    assert f"{second['snapshot_name']} (số sổ vàng 2) không còn trong Quyết định số {ldtt['number_text']}" in str(
        refused.value
    )
    assert refused.value.row == second["id"]
    assert _prints(demo) == 0


def test_a_reprint_is_not_recorded_for_a_decision_cancelled_meanwhile(demo, other, ldtt, monkeypatch):
    [print_id] = ops.record_batch(demo, _batch(demo, ldtt, (0,)))
    done = meanwhile(monkeypatch, demo, "certificates.reprint", lambda: _revoke(other, ldtt["id"]))
    with pytest.raises(ValidationError) as refused:
        ops.record_reprint(demo, print_id=print_id, reason="spoiled", serial="AB0001")
    assert done
    assert f"Quyết định số {ldtt['number_text']} đã bị hủy bỏ" in str(refused.value)
    assert "không ghi 1 tờ vừa in" in str(refused.value)
    assert _prints(demo) == 1


def test_a_reprint_for_a_decision_already_replaced_is_refused(demo, ldtt):
    [print_id] = ops.record_batch(demo, _batch(demo, ldtt, (0,)))
    review.correct_decision(
        demo,
        decision_id=ldtt["id"],
        reason="Sai trích yếu",
        decision_date=date.fromisoformat(ldtt["decision_date"]),
        changes={},
    )
    with pytest.raises(ValidationError, match="đã bị thay thế bằng Quyết định số"):
        ops.record_reprint(demo, print_id=print_id, reason="spoiled")
    assert _prints(demo) == 1


def test_a_batch_and_a_reprint_of_a_decision_in_force_are_recorded(demo, ldtt):
    ids = ops.record_batch(demo, _batch(demo, ldtt, (0, 1), serial="AA000001"))
    assert len(ids) == 2
    assert ops.record_reprint(demo, print_id=ids[0], reason="spoiled", serial="AA000003")
    assert ops.record_reprint(demo, print_id=ids[1], reason="correction")  # no serial: nothing to check
    assert _prints(demo) == 4


# -- 2. form serials ------------------------------------------------------------------------------------------------


def test_a_serial_already_recorded_is_refused_naming_the_person_and_the_day(demo, ldtt):
    ops.record_batch(demo, _batch(demo, ldtt, (0, 1), serial="AA000099"))  # AA000099, AA000100
    first_two = ldtt["awardees"][1]
    printed_at = demo.scalar("SELECT printed_at FROM certificate_prints WHERE form_serial = 'AA000100'")
    batch = _batch(demo, ldtt, (2, 3), serial="AA000100")  # the clerk restarts at a form already used
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, batch)
    message = str(refused.value)
    assert "Số seri phôi AA000100 đã được ghi trong sổ theo dõi in cho " + first_two["snapshot_name"] in message
    assert f"(số sổ vàng 2, Quyết định số {ldtt['number_text']}) ngày {format_date(printed_at)}" in message
    assert "không ghi được tờ của " + ldtt["awardees"][2]["snapshot_name"] in message
    assert refused.value.field == "serial"
    assert _prints(demo) == 2
    # the serial is compared without regard to case or spaces around it
    with pytest.raises(ValidationError, match="Số seri phôi AA000099 đã được ghi"):
        ops.record_batch(demo, _batch(demo, ldtt, (2,), serial=" aa000099 "))
    assert ops.record_batch(demo, _batch(demo, ldtt, (2, 3), serial="AA000101"))
    assert _prints(demo) == 4


def test_a_serial_repeated_within_the_batch_is_refused(demo, ldtt):
    batch = _batch(demo, ldtt, (0, 1, 2), serial="PHOI")  # no digits: every sheet would get "PHOI"
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, batch)
    message = str(refused.value)
    first, second = ldtt["awardees"][0], ldtt["awardees"][1]
    assert "Số seri phôi PHOI được dùng hai lần trong cùng đợt in" in message
    assert f"cho {first['snapshot_name']} (số sổ vàng 1) và cho {second['snapshot_name']} (số sổ vàng 2)" in message
    assert _prints(demo) == 0


def test_a_reprint_on_a_serial_already_recorded_is_refused(demo, ldtt):
    ids = ops.record_batch(demo, _batch(demo, ldtt, (0, 1), serial="AA000001"))
    # the other person's form, then the very form the spoiled sheet was printed on
    for serial, owner in (("AA000002", ldtt["awardees"][1]), ("AA000001", ldtt["awardees"][0])):
        with pytest.raises(ValidationError) as refused:
            ops.record_reprint(demo, print_id=ids[0], reason="spoiled", serial=serial)
        assert f"Số seri phôi {serial} đã được ghi trong sổ theo dõi in cho {owner['snapshot_name']}" in str(
            refused.value
        )
    assert _prints(demo) == 2
    new_id = ops.record_reprint(demo, print_id=ids[0], reason="spoiled", serial="AA000003")
    with pytest.raises(ValidationError, match="Số seri phôi AA000003 đã được ghi"):
        ops.record_batch(demo, _batch(demo, ldtt, (2,), serial="AA000003"))
    assert demo.scalar("SELECT reprint_of FROM certificate_prints WHERE id = ?", (new_id,)) == ids[0]


def test_a_used_serial_is_refused_before_the_long_render(demo, ldtt, tmp_path):
    ops.record_batch(demo, _batch(demo, ldtt, (0,), serial="AA000050"))
    out = tmp_path / "giay.pdf"
    with pytest.raises(ValidationError, match="Số seri phôi AA000050 đã được ghi"):
        ops.render_decision_certificates(
            demo, decision_id=ldtt["id"], awardee_ids=_ids(ldtt, 1, 2), out=out, serial_start="AA000049"
        )
    assert not out.exists()  # refused before anything was drawn
    assert _prints(demo) == 1
    # a preview records nothing, so it is not refused
    ops.render_decision_certificates(
        demo, decision_id=ldtt["id"], awardee_ids=_ids(ldtt, 1), out=out, serial_start="AA000050", record=False
    )
    assert out.exists()
    # the early check, as the window and the command line can call it before rendering
    with pytest.raises(ValidationError, match="AA000050"):
        ops.check_serials(demo, _batch(demo, ldtt, (1,), serial="AA000050"))
    ops.check_serials(demo, _batch(demo, ldtt, (1,), serial="AA000051"))


# -- 3. two clerks with the same forms -------------------------------------------------------------------------------


def test_two_clerks_recording_the_same_serials_meanwhile(demo, other, ldtt, monkeypatch):
    """Both prepared their batch from the same serial; the other clerk records first, just before this one's
    transaction: this one is refused under the lock, naming the other's person."""
    mine = _batch(demo, ldtt, (0, 1), serial="BB000010")
    theirs = _batch(other, ldtt, (2, 3), serial="BB000011")
    done = meanwhile(monkeypatch, demo, "certificates.print", lambda: ops.record_batch(other, theirs))
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, mine)
    assert done and len(done[0]) == 2
    assert "Số seri phôi BB000011 đã được ghi trong sổ theo dõi in cho " + ldtt["awardees"][2]["snapshot_name"] in str(
        refused.value
    )
    assert _prints(demo) == 2
    assert demo.scalar("SELECT count(*) FROM certificate_prints WHERE form_serial = 'BB000011'") == 1


def test_two_clerks_recording_the_same_serial_at_the_same_time(demo, other, ldtt):
    """Two threads, two stores, one file, the same form: exactly one print is recorded on it."""
    batches = [
        (demo, _batch(demo, ldtt, (0,), serial="CC000001")),
        (other, _batch(other, ldtt, (1,), serial="CC000001")),
    ]
    start = threading.Barrier(2)
    results: list[Any] = [None, None]

    def run(index: int) -> None:
        store, batch = batches[index]
        start.wait()
        try:
            results[index] = ops.record_batch(store, batch)
        except ValidationError as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    refused = [r for r in results if isinstance(r, ValidationError)]
    recorded = [r for r in results if isinstance(r, list)]
    assert len(refused) == 1 and len(recorded) == 1, results
    assert "Số seri phôi CC000001 đã được ghi" in str(refused[0])
    assert demo.scalar("SELECT count(*) FROM certificate_prints WHERE form_serial = 'CC000001'") == 1
