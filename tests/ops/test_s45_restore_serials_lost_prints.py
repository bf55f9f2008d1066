"""A form serial spent by a print a restore could not put back in the register is never used again.

A restore keeps the prints made after the backup, but one of a decision the backup does not hold has nothing to be
attached to: the restore's audit event names it with its form serial, and the clerk was only told not to print on
those serials again. Before, the next print on such a serial was recorded without a word (the check read only the
register), so two certificates stood on one numbered form. Now the serials named by restore events are refused like
the register's, naming the serial, whom it was printed for and that it was printed before a restore; an event the
program cannot read (a copied or damaged file) is ignored without a crash.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.ops import backup as backup_ops
from desktop.ops import certificates, review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError, certificates_repo, open_store
from tests.demo_date import DEMO_TODAY

CITE = "Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)"


@pytest.fixture
def demo(db_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    certificates.set_optional_certificates(store, on=True, cite=CITE)
    backup_ops.set_backup_folder(store, folder=tmp_path / "Sao lưu")
    yield store
    store.close()


def _ldtt_2024(store: Store) -> dict[str, Any]:
    found = [d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")]
    assert len(found) == 1
    return review.get_decision(store, decision_id=found[0]["id"])


def _issue_2025(store: Store) -> dict[str, Any]:
    round_id = review.create_round(store, year=2025, today=date(2026, 1, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 20),
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="Đã hoàn thành tốt nhiệm vụ",
        nomination_ids=ldtt[:2],
    )
    return review.get_decision(store, decision_id=decision_id)


def _print(store: Store, decision: dict[str, Any], positions: tuple[int, ...], serial: str) -> list[int]:
    ids = [int(decision["awardees"][p]["id"]) for p in positions]
    batch = certificates.prepare_batch(
        store, decision_id=decision["id"], awardee_ids=ids, mode="preprinted", serial_start=serial
    )
    return certificates.record_batch(store, batch)


@pytest.fixture
def restored(demo, db_path: Path):  # type: ignore[no-untyped-def]
    """The demo restored from a backup made before a 2025 decision whose two sheets were printed on GK000201 and
    GK000202: (the reopened store, the lost decision's number, the names printed, the day of the prints)."""
    store = demo
    backup = backup_ops.backup_now(store).path
    decision = _issue_2025(store)
    _print(store, decision, (0, 1), "GK000201")
    names = [a["snapshot_name"] for a in decision["awardees"][:2]]
    printed_at = store.scalar("SELECT min(printed_at) FROM certificate_prints WHERE form_serial = 'GK000201'")
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    assert store.scalar("SELECT count(*) FROM certificate_prints WHERE form_serial LIKE 'GK0002%'") == 0
    yield store, decision["number_text"], names, date.fromisoformat(printed_at[:10])
    store.close()


def test_a_serial_lost_with_the_restore_is_refused_for_a_new_print(restored):
    store, number, names, printed = restored
    decision = _ldtt_2024(store)
    before = store.scalar("SELECT count(*) FROM certificate_prints")

    with pytest.raises(ValidationError) as refused:
        _print(store, decision, (4,), " gk000202")  # spaces and case do not make it another form
    message = str(refused.value)
    assert "GK000202" in message and names[1] in message and number in message
    assert "khôi phục" in message and printed.strftime("%d/%m/%Y") in message
    assert decision["awardees"][4]["snapshot_name"] in message
    assert refused.value.field == "serial"
    # a batch counting up into a lost serial is refused before anything is recorded
    with pytest.raises(ValidationError, match="GK000201"):
        _print(store, decision, (4, 5), "GK000200")
    batch = certificates.prepare_batch(
        store, decision_id=decision["id"], awardee_ids=[decision["awardees"][4]["id"]], serial_start="GK000201"
    )
    with pytest.raises(ValidationError, match="GK000201"):
        certificates.check_serials(store, batch)  # the check the window runs before a long render
    assert store.scalar("SELECT count(*) FROM certificate_prints") == before

    # a fresh serial passes
    assert len(_print(store, decision, (4, 5), "GK000301")) == 2


def test_a_reprint_may_not_use_a_lost_serial(restored, tmp_path: Path):
    store, _number, names, _printed = restored
    decision = _ldtt_2024(store)
    awardee_id = decision["awardees"][4]["id"]
    (first,) = _print(store, decision, (4,), "GK000401")

    with pytest.raises(ValidationError) as refused:
        certificates.reprint_certificate(
            store, out=tmp_path / "in-lai.pdf", awardee_id=awardee_id, reason="spoiled", serial="GK000201"
        )
    assert "GK000201" in str(refused.value) and names[0] in str(refused.value)
    with pytest.raises(ValidationError, match="GK000202"):
        certificates.record_reprint(store, print_id=first, reason="spoiled", serial="GK000202")
    assert store.scalar("SELECT count(*) FROM certificate_prints WHERE reprint_of IS NOT NULL") == 0

    assert certificates.record_reprint(store, print_id=first, reason="spoiled", serial="GK000402")


def _add_event(store: Store, after: Any) -> None:
    with store.transaction("test.garbled"):
        store.execute(
            "INSERT INTO audit_log (at, actor, operation, table_name, record_uuid, action, before, after) "
            "VALUES ('không phải ngày', 'x', 'backup.restore', 'backups', NULL, 'event', NULL, ?)",
            (after,),
        )


def test_garbled_restore_events_are_ignored_safely(restored):
    store, _number, names, _printed = restored
    for after in (
        "{certificate_prints_not_attached: hỏng",  # not JSON
        '["certificate_prints_not_attached"]',  # not an object
        '{"certificate_prints_not_attached": "GK000501"}',  # not a list
        '{"certificate_prints_not_attached": [1, null, "GK000502", [{"form_serial": "GK000503"}]]}',
        '{"certificate_prints_not_attached": [{"form_serial": 504}, {"form_serial": null}, {"name": "A"}]}',
        '{"certificate_prints_not_attached": ' + "[" * 5000 + "]" * 5000 + "}",  # deeper than json can read
        b'{"certificate_prints_not_attached": [{"form_serial": "\xff\xfe"}]}',  # bytes, not UTF-8
        # readable, but its name, decision and dates are not: the serial is still spent
        '{"certificate_prints_not_attached": [{"form_serial": "GK000505", "name": 7, "decision": ["x"], '
        '"printed_at": "hôm qua"}]}',
    ):
        _add_event(store, after)
    decision = _ldtt_2024(store)

    # the real event is still read
    with pytest.raises(ValidationError, match="GK000202"):
        _print(store, decision, (4,), "GK000202")
    with pytest.raises(ValidationError) as refused:
        _print(store, decision, (4,), "GK000505")
    assert "GK000505" in str(refused.value) and "không rõ ngày in" in str(refused.value)
    found = certificates_repo.serials_lost_in_restores(store, ["GK000501", "GK000502", "GK000503", "504", "GK000505"])
    assert list(found) == ["GK000505"]
    assert found["GK000505"]["printed_at"] == "" and found["GK000505"]["name"] == ""
    assert certificates_repo.serials_lost_in_restores(store, ["GK000201"])["GK000201"]["name"] == names[0]

    # serials the garbled entries seem to name are not refused, nor is a fresh one
    assert len(_print(store, decision, (4, 5), "GK000501")) == 2
    assert _print(store, decision, (6,), "504")
