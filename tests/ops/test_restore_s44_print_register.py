"""A restore keeps the certificate print register of the replaced file.

Before, a restore put back the backup's print register: sheets printed after the backup on numbered pre-printed
forms vanished from it, and printing "the unprinted ones" again printed the same people as originals on the same
serials. Now every print the replaced file had recorded and the backup has not is carried into the restored file
when its decision and awardee are there; a print of a decision the backup does not hold cannot be attached to
anything, and is named (with its form serial) in the restore's audit event and in what the clerk is told.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.ops import backup as backup_ops
from desktop.ops import certificates, review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError, open_store
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


def _print(store: Store, decision: dict[str, Any], positions: tuple[int, ...], serial: str) -> list[int]:
    ids = [int(decision["awardees"][p]["id"]) for p in positions]
    batch = certificates.prepare_batch(
        store, decision_id=decision["id"], awardee_ids=ids, mode="preprinted", serial_start=serial
    )
    return certificates.record_batch(store, batch)


_PRINT_COLUMNS = (
    "p.uuid, a.uuid AS awardee, d.uuid AS decision, p.template_id, p.mode, p.printer_name, p.form_serial, "
    "p.printed_by, p.printed_at, r.uuid AS reprint_of, p.reprint_reason, p.reprint_note, p.qr_payload"
)


def _prints(store: Store) -> list[dict[str, Any]]:
    return store.query(
        f"SELECT {_PRINT_COLUMNS} FROM certificate_prints p JOIN decision_awardees a ON a.id = p.awardee_id "
        "JOIN decisions d ON d.id = p.decision_id LEFT JOIN certificate_prints r ON r.id = p.reprint_of "
        "ORDER BY p.printed_at, p.uuid"
    )


def _restore_event(store: Store) -> dict[str, Any]:
    row = store.query_one(
        "SELECT after FROM audit_log WHERE operation = 'backup.restore' AND table_name = 'backups' "
        "AND action = 'event' ORDER BY id DESC LIMIT 1"
    )
    assert row is not None
    return json.loads(row["after"])


def test_prints_made_after_the_backup_stay_in_the_register(demo, db_path: Path, tmp_path: Path):
    store = demo
    decision = _ldtt_2024(store)
    _print(store, decision, (0,), "GK000001")  # in the backup
    backup = backup_ops.backup_now(store).path
    _print(store, decision, (1, 2), "GK000101")  # after it: the sheets left the office
    certificates.reprint_certificate(
        store,
        out=tmp_path / "in-lai.pdf",
        awardee_id=decision["awardees"][1]["id"],
        reason="spoiled",
        note="kẹt giấy",
        serial="GK000103",
    )
    before = _prints(store)
    assert len(before) == 4
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert _prints(store) == before  # the same prints, the reprint still continuing its original
        register = {r["register_no"]: r for r in certificates.print_register(store, decision_id=decision["id"])}
        assert register[2]["times_printed"] == 2 and register[2]["serials"] == ["GK000101", "GK000103"]
        assert register[2]["reprints"] == 1
        assert register[3]["times_printed"] == 1 and register[3]["serials"] == ["GK000102"]
        # "print the unprinted ones" no longer prints them again as originals...
        unprinted = certificates.unprinted_awardee_ids(store, decision["id"])
        assert {a["id"] for a in decision["awardees"][:3]}.isdisjoint(unprinted)
        # ...and the serials of the forms handed out are not taken again
        with pytest.raises(ValidationError) as refused:
            _print(store, decision, (5,), "GK000102")
        assert "GK000102" in str(refused.value) and decision["awardees"][2]["snapshot_name"] in str(refused.value)
        # written by the restore, in the log like any change, and said in the event and to the clerk
        assert _restore_event(store)["certificate_prints_kept"] == 3
        assert (
            store.scalar(
                "SELECT count(*) FROM audit_log WHERE table_name = 'certificate_prints' AND action = 'insert' "
                "AND operation = 'backup.restore'"
            )
            == 3
        )
        assert "3 lần in giấy" in backup_ops.restore_notes(store)
    finally:
        store.close()


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


def test_prints_of_a_decision_the_backup_lacks_are_named_with_their_serials(demo, db_path: Path):
    store = demo
    backup = backup_ops.backup_now(store).path
    decision = _issue_2025(store)  # after the backup: gone with the restore, its number kept as a gap
    _print(store, decision, (0, 1), "GK000201")
    names = [a["snapshot_name"] for a in decision["awardees"][:2]]
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM certificate_prints") == 0  # nothing to attach them to
        event = _restore_event(store)
        assert event["certificate_prints_kept"] == 0
        lost = event["certificate_prints_not_attached"]
        assert [(p["form_serial"], p["name"], p["decision"]) for p in lost] == [
            ("GK000201", names[0], decision["number_text"]),
            ("GK000202", names[1], decision["number_text"]),
        ]
        notes = backup_ops.restore_notes(store)
        assert "GK000201, GK000202" in notes and decision["number_text"] in notes
        # the log still holds the prints themselves (carried with the rest of the log)
        assert (
            store.scalar(
                "SELECT count(*) FROM audit_log WHERE table_name = 'certificate_prints' AND action = 'insert' "
                "AND json_extract(after, '$.form_serial') IN ('GK000201', 'GK000202')"
            )
            == 2
        )
    finally:
        store.close()


def test_another_units_backup_takes_no_prints_of_this_file(demo, db_path: Path, tmp_path: Path):
    store = demo
    _print(store, _ldtt_2024(store), (0, 1), "GK000301")
    other_path = tmp_path / "khác.sqlite3"
    other = open_store(other_path)
    try:
        fill_demo(other, today=DEMO_TODAY)
        other.execute("PRAGMA foreign_keys = OFF")
        with other.transaction("test.unit"):
            other.execute("UPDATE unit SET uuid = 'another-unit', name = 'Ủy ban nhân dân xã Khác'")
        backup = backup_ops.backup_now(other, folder=tmp_path / "bk khác").path
    finally:
        other.close()
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM certificate_prints") == 0
        event = _restore_event(store)
        assert event["certificate_prints_kept"] == 0 and event["certificate_prints_not_attached"] == []
        assert "lần in" not in backup_ops.restore_notes(store)
    finally:
        store.close()


def test_tdkt_backup_restore_says_what_it_kept(demo, db_path: Path, capsys):
    """The command line tells the clerk the prints it kept, in text and in the JSON answer (``kept``)."""
    from desktop.cli import main

    store = demo
    decision = _ldtt_2024(store)
    backup = backup_ops.backup_now(store).path
    _print(store, decision, (1, 2), "GK000101")
    store.close()
    assert main(["--db", str(db_path), "backup", "restore", str(backup), "--yes", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert "Sổ theo dõi in giữ lại 2 lần in" in answer["kept"], answer["kept"]
