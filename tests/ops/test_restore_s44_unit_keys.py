"""A restore never undoes a key replacement nor a revocation.

Before, a restore put back the backup's keys: after ``tdkt keys replace`` (a copy of the key was lost) restoring an
older backup made the lost key the active one again, certificates printed with the new key no longer verified and
packages encrypted to it could not be opened; a key revoked after the backup was trusted again. Now, for a backup of
the same unit, every key pair of the replaced file is carried into the restored one, the key in use stays the newer
one (a replaced key never becomes active again), and the trusted keys of the replaced file are kept with their
revocations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.exchange import keys as keymod
from desktop.ops import backup as backup_ops
from desktop.ops import certificates, review
from desktop.ops import exchange as exchange_ops
from desktop.ops.demo import fill_demo
from desktop.store import Store, open_store
from desktop.store import restore as restoring
from tests.demo_date import DEMO_TODAY
from tests.exchange import LAM_BINH, make_province, make_unit

CITE = "Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)"


@pytest.fixture
def demo(db_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    certificates.set_optional_certificates(store, on=True, cite=CITE)
    exchange_ops.ensure_unit_keys(store)  # made at setup; the demo makes them at the first print
    backup_ops.set_backup_folder(store, folder=tmp_path / "Sao lưu")
    yield store
    store.close()


def _unit_keys(store: Store) -> list[tuple[str, int]]:
    return [
        (r["fingerprint"], r["active"]) for r in store.query("SELECT fingerprint, active FROM unit_keys ORDER BY id")
    ]


def _trusted(store: Store) -> dict[str, int]:
    return {r["fingerprint"]: r["revoked"] for r in store.query("SELECT fingerprint, revoked FROM trusted_keys")}


def _restore_event(store: Store) -> dict[str, Any]:
    row = store.query_one(
        "SELECT after FROM audit_log WHERE operation = 'backup.restore' AND table_name = 'backups' "
        "AND action = 'event' ORDER BY id DESC LIMIT 1"
    )
    assert row is not None
    return json.loads(row["after"])


def _print_one(store: Store) -> str:
    """Record the first sheet of the 2024 LĐTT decision as printed; its QR payload."""
    found = [d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")]
    decision = review.get_decision(store, decision_id=found[0]["id"])
    batch = certificates.prepare_batch(
        store, decision_id=decision["id"], awardee_ids=[decision["awardees"][0]["id"]], mode="preprinted"
    )
    [print_id] = certificates.record_batch(store, batch)
    return str(store.scalar("SELECT qr_payload FROM certificate_prints WHERE id = ?", (print_id,)))


def _fingerprint(store: Store) -> str:
    return str(exchange_ops.show_keys(store)["fingerprint"])


def test_a_key_replaced_after_the_backup_stays_in_use(demo, db_path: Path):
    store = demo
    old = _fingerprint(store)
    backup = backup_ops.backup_now(store).path
    new = exchange_ops.replace_unit_keys(store, reason="USB chứa bản sao lưu bị mất")["new_fingerprint"]
    payload = _print_one(store)  # signed with the new key, handed out
    assert certificates.verify(store, payload=payload)["valid"] is True
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert _unit_keys(store) == [(old, 0), (new, 1)]  # the lost key is not the active one again
        assert _fingerprint(store) == new
        checked = certificates.verify(store, payload=payload)
        assert checked["genuine"] is True and checked["signer"]["own"] is True, checked["message"]
        keyring = keymod.load_keyring(store)  # what opens a package encrypted to either key
        assert keyring.own is not None and keyring.own.fingerprint == new
        assert keyring.own_key(new) is not None and keyring.own_key(old) is not None
        event = _restore_event(store)
        assert event["unit_keys_kept"] == [new] and event["active_unit_key"] == new
        changes = store.query(
            "SELECT action, after FROM audit_log WHERE table_name = 'unit_keys' AND operation = 'backup.restore'"
        )
        assert {c["action"] for c in changes} == {"insert", "update"}
        assert all("PRIVATE KEY" not in (c["after"] or "") for c in changes)  # the private keys never reach the log
        assert new in backup_ops.restore_notes(store)
    finally:
        store.close()


def test_a_replaced_key_never_becomes_active_again(demo, db_path: Path, tmp_path: Path):
    """The file holds the old key alone (put back by a restore that kept nothing), the backup the replacement: the
    backup's newer key stays in use."""
    store = demo
    before = backup_ops.backup_now(store).path
    new = exchange_ops.replace_unit_keys(store, reason="Máy cũ bị mất")["new_fingerprint"]
    after = backup_ops.backup_now(store).path
    store.close()
    restoring.restore_backup(db_path, before, safety_folder=tmp_path / "an toàn")

    backup_ops.restore(db_path, backup_path=after)

    store = open_store(db_path)
    try:
        assert [active for _fp, active in _unit_keys(store)] == [0, 1]
        assert _fingerprint(store) == new
        event = _restore_event(store)  # nothing to keep: the file's key is the backup's replaced one
        assert event["unit_keys_kept"] == [] and event["active_unit_key"] is None
        assert backup_ops.restore_notes(store) == ""
    finally:
        store.close()


def test_trust_and_revocations_made_after_the_backup_are_kept(demo, db_path: Path, tmp_path: Path):
    store = demo
    folder = tmp_path / "khóa"
    folder.mkdir()
    province = make_province(folder)
    neighbour = make_unit(folder, name="Ủy ban nhân dân xã Lâm Bình", commune=LAM_BINH)
    try:
        province_old = exchange_ops.trust_key(
            store, path=exchange_ops.export_public_key(province, path=folder / "tinh-cu"), role="province"
        )["fingerprint"]
        neighbour_fp = exchange_ops.trust_key(
            store, path=exchange_ops.export_public_key(neighbour, path=folder / "lam-binh"), role="unit"
        )["fingerprint"]
        backup = backup_ops.backup_now(store).path
        # after the backup: the province replaces its key, the clerk trusts the new one; the neighbour's is revoked
        exchange_ops.replace_unit_keys(province, reason="Đổi máy chủ")
        province_new = exchange_ops.trust_key(
            store,
            path=exchange_ops.export_public_key(province, path=folder / "tinh-moi"),
            role="province",
            replace=province_old,
        )["fingerprint"]
        exchange_ops.revoke_key(store, fingerprint=neighbour_fp)
    finally:
        province.close()
        neighbour.close()
    wanted = _trusted(store)
    assert wanted == {province_old: 1, province_new: 0, neighbour_fp: 1}
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert _trusted(store) == wanted
        assert keymod.trusted_key(store, province_old) is None and keymod.trusted_key(store, neighbour_fp) is None
        assert exchange_ops.default_encryption_key(store) == province_new  # packages go to the province's new key
        event = _restore_event(store)
        assert event["trusted_keys_kept"] == [province_new]
        assert sorted(event["trusted_keys_revoked"]) == sorted([province_old, neighbour_fp])
        notes = backup_ops.restore_notes(store)
        assert "khóa tin cậy" in notes and "thu hồi" in notes
    finally:
        store.close()


def test_another_units_backup_takes_no_keys_of_this_file(demo, db_path: Path, tmp_path: Path):
    store = demo
    exchange_ops.replace_unit_keys(store, reason="Máy cũ bị mất")
    mine = {fp for fp, _active in _unit_keys(store)}
    other = open_store(tmp_path / "khác.sqlite3")
    try:
        fill_demo(other, today=DEMO_TODAY)
        exchange_ops.ensure_unit_keys(other)
        other.execute("PRAGMA foreign_keys = OFF")
        with other.transaction("test.unit"):
            other.execute("UPDATE unit SET uuid = 'another-unit', name = 'Ủy ban nhân dân xã Khác'")
        theirs = _unit_keys(other)
        backup = backup_ops.backup_now(other, folder=tmp_path / "bk khác").path
    finally:
        other.close()
    store.close()

    backup_ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert len(theirs) == 1 and _unit_keys(store) == theirs and mine.isdisjoint(fp for fp, _active in theirs)
        event = _restore_event(store)
        assert event["unit_keys_kept"] == [] and event["active_unit_key"] is None
    finally:
        store.close()
