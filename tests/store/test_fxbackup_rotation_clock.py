"""The PC's clock falls back (CMOS battery: the date shows 2000) and the day's automatic backup, the only copy of
today's data, is deleted by the rotation that runs right after it is made: the rotation ranks backups by the time
in their name, so the newest copy looks like the oldest one."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop.ops import backup as ops
from desktop.store import backup as core
from tests.store.backup_fixtures import add_department


def test_automatic_backup_just_made_is_not_rotated_away_when_the_clock_is_behind(unit_store, tmp_path: Path):
    folder = tmp_path / "usb"
    ops.set_backup_folder(unit_store, folder=folder)
    start = datetime(2026, 11, 2, 8, 0).astimezone()  # 14 working days of daily backups
    for day in range(14):
        core.create_backup(unit_store, folder, reason="daily", now=start + timedelta(days=day))
    add_department(unit_store, "Phòng thêm hôm nay")  # today's work, only in today's backup
    wrong_clock = datetime(2000, 1, 4, 8, 0).astimezone()  # a Tuesday: a "daily" backup
    info = ops.daily_backup_if_due(unit_store, now=wrong_clock)
    assert info is not None
    assert info.path.exists(), f"today's backup {info.path.name} was deleted by the rotation that followed it"


def test_backups_dated_ahead_of_a_corrected_clock_do_not_push_out_the_real_ones(unit_store, tmp_path: Path):
    """The clock ran ahead (2030) for two weeks and was corrected: the 2030 copies must not make every real daily
    backup after them look like number 15 of the quota."""
    folder = tmp_path / "usb"
    ops.set_backup_folder(unit_store, folder=folder)
    ahead = datetime(2030, 3, 5, 8, 0).astimezone()
    future = [core.create_backup(unit_store, folder, reason="daily", now=ahead + timedelta(days=d)) for d in range(14)]
    made = []
    for day in range(3):  # Tuesday to Thursday, the clock right again
        today = datetime(2026, 11, 17, 8, 0).astimezone() + timedelta(days=day)
        made.append(ops.daily_backup_if_due(unit_store, now=today))
    assert all(info is not None and info.path.exists() for info in made), "real daily backups were rotated away"
    assert all(info.path.exists() for info in future)  # not deleted either: nothing says they are old


def test_rotation_never_lets_go_of_what_it_is_told_to_keep_nor_a_future_backup(unit_store, tmp_path: Path):
    folder = tmp_path / "b"
    now = datetime(2026, 6, 1, 8).astimezone()
    old = core.create_backup(unit_store, folder, reason="manual", now=datetime(2020, 1, 1, 8))
    older = core.create_backup(unit_store, folder, reason="manual", now=datetime(2019, 1, 1, 8))
    ahead = core.create_backup(unit_store, folder, reason="manual", now=datetime(2027, 1, 1, 8))
    tight = core.RotationPolicy(daily=1, weekly=1, monthly=1, keep_days=1)
    doomed = {i.path for i in core.plan_rotation(core.list_backups(folder), policy=tight, now=now)}
    assert doomed == {old.path, older.path}  # the 2027 one is "newer than now": never a candidate
    assert core.rotate(folder, policy=tight, now=now, keep={older.path.name}) == [old.path]
    assert older.path.exists() and ahead.path.exists()
