"""Two databases on one PC share the default backup folder: each lists its own backups, and restoring the other
unit's backup is possible but says whose data it is (and the audit log keeps both units)."""

from __future__ import annotations

import json
from datetime import datetime

from desktop.ops import backup as ops
from desktop.store import backup as core
from desktop.store import open_store
from tests.conftest import OTHER_UNIT

MY_UNIT = "Ủy ban nhân dân xã Lũng Cú"



def test_each_database_lists_only_its_own_backups_in_the_shared_default_folder(unit_store, other_store, tmp_path):
    assert ops.backup_folder(unit_store) == ops.backup_folder(other_store) == ops.default_backup_folder()
    mine = ops.backup_now(unit_store)
    theirs = ops.backup_now(other_store)
    with open_store(tmp_path / "moi.sqlite3") as blank:  # a file with no unit yet: whose it is, nobody knows
        unknown = core.create_backup(blank, ops.default_backup_folder(), reason="manual", now=datetime(2026, 1, 1))
    assert [i.path for i in ops.list_backups(unit_store)] == [mine.path, unknown.path]
    assert [i.path for i in ops.list_backups(other_store)] == [theirs.path, unknown.path]
    everything = ops.list_backups(unit_store, all_units=True)
    assert {i.path for i in everything} == {mine.path, theirs.path, unknown.path}
    assert {i.unit_name for i in everything} == {MY_UNIT, OTHER_UNIT, None}
    status = ops.backup_status(unit_store)
    assert status["count"] == 2 and status["last_backup"]["path"] == str(mine.path)
    assert status["last_backup"]["unit_name"] == MY_UNIT


def test_one_second_backups_are_listed_in_the_order_they_were_made(unit_store, tmp_path):
    ops.set_backup_folder(unit_store, folder=tmp_path / "b")
    made = [ops.backup_now(unit_store) for _ in range(11)]  # same second: '-1' … '-10' after the unnumbered one
    assert [i.path for i in ops.list_backups(unit_store)] == [m.path for m in reversed(made)]


def test_restoring_another_units_backup_warns_naming_both_and_is_audited(unit_store, other_store, db_path):
    theirs = ops.backup_now(other_store)
    mine = ops.backup_now(unit_store)
    assert ops.unit_change(db_path, mine) is None
    change = ops.unit_change(db_path, theirs)
    assert change is not None
    assert change["warning"] == (
        f"Bản sao lưu này là dữ liệu của «{OTHER_UNIT}», không phải của «{MY_UNIT}» đang mở. "
        f"Khôi phục sẽ thay toàn bộ dữ liệu «{MY_UNIT}» bằng dữ liệu «{OTHER_UNIT}»."
    )
    assert (change["backup_unit_name"], change["current_unit_name"]) == (OTHER_UNIT, MY_UNIT)
    my_uuid = unit_store.scalar("SELECT uuid FROM unit")
    unit_store.close()
    safety = ops.restore(db_path, backup_path=theirs.path)  # still possible: a new PC, then the USB backup
    assert safety is not None
    with open_store(db_path) as store:
        assert store.scalar("SELECT name FROM unit") == OTHER_UNIT
        event = json.loads(store.scalar("SELECT after FROM audit_log WHERE operation = 'backup.restore'"))
    assert event["unit_changed"] is True
    assert (event["backup_unit"], event["backup_unit_uuid"]) == (OTHER_UNIT, theirs.unit_uuid)
    assert (event["previous_unit"], event["previous_unit_uuid"]) == (MY_UNIT, my_uuid)
    # The safety copy is of the replaced data: listed for the restored file only with all units shown.
    with open_store(db_path) as store:
        assert safety not in [i.path for i in ops.list_backups(store)]
        assert safety in [i.path for i in ops.list_backups(store, all_units=True)]


def test_no_unit_warning_when_the_current_file_is_unreadable(other_store, db_path):
    theirs = ops.backup_now(other_store)
    db_path.write_bytes(b"not a database at all" * 100)
    assert ops.unit_change(db_path, theirs) is None
    safety = ops.restore(db_path, backup_path=theirs.path)
    assert safety is not None and safety.read_bytes().startswith(b"not a database")
    with open_store(db_path) as store:
        event = json.loads(store.scalar("SELECT after FROM audit_log WHERE operation = 'backup.restore'"))
    assert event["unit_changed"] is False and event["previous_unit"] is None


def test_restoring_its_own_backup_records_no_change(unit_store, db_path):
    mine = ops.backup_now(unit_store)
    unit_store.close()
    ops.restore(db_path, backup_path=mine.path)
    with open_store(db_path) as store:
        event = json.loads(store.scalar("SELECT after FROM audit_log WHERE operation = 'backup.restore'"))
    assert event["unit_changed"] is False and event["backup_unit"] == event["previous_unit"] == MY_UNIT


def test_the_wards_tight_rotation_setting_leaves_the_communes_backups_alone(unit_store, other_store):
    """Each file's backups rotate by that file's policy; in the shared default folder the ward's file set to keep
    one daily backup deletes its own old ones, never the commune's."""
    from datetime import timedelta

    from desktop.store import unit_repo

    with other_store.transaction("test"):
        unit_repo.set_setting(
            other_store, ops.SETTING_POLICY, json.dumps({"daily": 1, "weekly": 0, "monthly": 0, "keep_days": 1})
        )
    start = datetime(2026, 3, 3, 8).astimezone()  # a Tuesday: three daily backups
    commune = [ops.daily_backup_if_due(unit_store, now=start + timedelta(days=d)) for d in range(3)]
    ward = [ops.daily_backup_if_due(other_store, now=start + timedelta(days=d, hours=1)) for d in range(3)]
    assert all(info is not None and info.path.exists() for info in commune)
    assert [info is not None and info.path.exists() for info in ward] == [False, False, True]
