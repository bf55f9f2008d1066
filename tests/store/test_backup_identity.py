"""Whose data a backup is: the unit recorded with each backup, and a rotation that keeps each unit's quota."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from desktop.store import Store, open_store
from desktop.store import backup as core
from tests.conftest import OTHER_UNIT


def _uuid(store: Store) -> str:
    return str(store.scalar("SELECT uuid FROM unit"))


def test_a_backup_records_its_unit_in_the_info_the_catalog_and_the_file(unit_store, tmp_path):
    folder = tmp_path / "b"
    info = core.create_backup(unit_store, folder, reason="manual")
    assert info.unit_uuid == _uuid(unit_store) and info.unit_name == "Ủy ban nhân dân xã Lũng Cú"
    catalog = json.loads((folder / "backups.json").read_text(encoding="utf-8"))["backups"][0]
    assert (catalog["unit_uuid"], catalog["unit_name"]) == (info.unit_uuid, info.unit_name)
    described = core.describe_backup(info.path)
    assert (described.unit_uuid, described.unit_name) == (info.unit_uuid, info.unit_name)
    assert info.as_json()["unit_uuid"] == info.unit_uuid and info.as_json()["unit_name"] == info.unit_name
    (folder / "backups.json").unlink()  # rebuilt by scanning: read from the file itself
    [scanned] = core.list_backups(folder)
    assert (scanned.unit_uuid, scanned.unit_name) == (info.unit_uuid, info.unit_name)


def test_a_file_with_no_unit_yet_has_none(store, tmp_path):
    info = core.create_backup(store, tmp_path / "b", reason="manual")
    assert info.unit_uuid is None and info.unit_name is None
    [listed] = core.list_backups(tmp_path / "b")
    assert listed.unit_uuid is None


def test_an_older_catalog_without_units_loads_and_is_filled_from_the_files(unit_store, other_store, tmp_path):
    folder = tmp_path / "b"
    mine = core.create_backup(unit_store, folder, reason="manual", now=datetime(2026, 1, 5, 8))
    theirs = core.create_backup(other_store, folder, reason="manual", now=datetime(2026, 1, 6, 8))
    catalog_path = folder / "backups.json"
    data = json.loads(catalog_path.read_text(encoding="utf-8"))
    for entry in data["backups"]:
        del entry["unit_uuid"], entry["unit_name"]
    catalog_path.write_text(json.dumps(data), encoding="utf-8")
    older = {info.path.name: info for info in core.list_backups(folder)}
    assert older[mine.path.name].unit_uuid == _uuid(unit_store)
    assert older[theirs.path.name].unit_name == OTHER_UNIT
    assert older[mine.path.name].verified and older[theirs.path.name].verified  # still vouched by the catalog
    rewritten = json.loads(catalog_path.read_text(encoding="utf-8"))["backups"]
    assert {e["unit_uuid"] for e in rewritten} == {_uuid(unit_store), _uuid(other_store)}


def _history(folder: Path, template: core.BackupInfo, days: list[datetime]) -> list[core.BackupInfo]:
    """Daily backups of one unit on the given days (copies of one real backup, so the files say whose they are)."""
    made = []
    for when in days:
        path = folder / core.backup_name(when, "daily")
        shutil.copyfile(template.path, path)
        made.append(
            core.BackupInfo(
                path=path,
                created_at=when.isoformat(),
                reason="daily",
                size=template.size,
                sha256=template.sha256,
                counts=template.counts,
                schema_version=template.schema_version,
                verified=True,
                unit_uuid=template.unit_uuid,
                unit_name=template.unit_name,
            )
        )
    return made


def test_a_shared_folder_keeps_each_units_quota(unit_store, other_store, tmp_path):
    """The commune's file is opened every day for 100 days; the ward's once every ten days. The ward keeps all ten
    of its daily backups (a folder-wide quota of 14 would have kept only its newest one or two)."""
    folder = tmp_path / "b"
    end = datetime(2026, 3, 31, 8).astimezone()
    daily_template = core.create_backup(unit_store, tmp_path / "t1", reason="manual", now=datetime(2000, 1, 1))
    rare_template = core.create_backup(other_store, tmp_path / "t2", reason="manual", now=datetime(2000, 1, 1))
    folder.mkdir()
    every_day = [end - timedelta(days=n) for n in range(100)]
    rarely = [end - timedelta(days=n, hours=-1) for n in range(0, 100, 10)]
    entries = _history(folder, daily_template, every_day) + _history(folder, rare_template, rarely)
    core._write_catalog(folder, entries)

    removed = core.rotate(folder, now=end + timedelta(hours=2))
    kept = core.list_backups(folder)
    by_unit: dict[str | None, list[core.BackupInfo]] = {}
    for info in kept:
        by_unit.setdefault(info.unit_uuid, []).append(info)
    assert len(by_unit[rare_template.unit_uuid]) == 10  # every one of the rarely opened file's backups
    assert len(by_unit[daily_template.unit_uuid]) == core.DEFAULT_POLICY.daily
    assert {i.created for i in by_unit[daily_template.unit_uuid]} == set(every_day[: core.DEFAULT_POLICY.daily])
    assert len(removed) == 100 - core.DEFAULT_POLICY.daily and not any(p.exists() for p in removed)
    # The same history planned as one folder-wide group (the old rule) would have let most of the ward's go.
    rare = {i.path.name for i in entries if i.unit_uuid == rare_template.unit_uuid}
    folder_wide = core.plan_rotation([replace(i, unit_uuid=None) for i in entries], now=end + timedelta(hours=2))
    assert len(rare & {i.path.name for i in folder_wide}) >= 8


def test_the_newest_verified_backup_of_each_unit_is_kept(unit_store, other_store, tmp_path):
    folder = tmp_path / "b"
    old_theirs = core.create_backup(other_store, folder, reason="manual", now=datetime(2020, 1, 1, 8))
    mine = core.create_backup(unit_store, folder, reason="manual", now=datetime(2025, 12, 30, 8))
    tight = core.RotationPolicy(daily=1, weekly=1, monthly=1, keep_days=1)
    assert core.rotate(folder, policy=tight, now=datetime(2026, 1, 1).astimezone()) == []
    assert old_theirs.path.exists() and mine.path.exists()
    with open_store(tmp_path / "moi.sqlite3") as blank:  # a new file, no unit set up yet
        unknown = core.create_backup(blank, folder, reason="manual", now=datetime(2019, 1, 1))
    assert unknown.unit_uuid is None
    assert core.rotate(folder, policy=tight, now=datetime(2026, 1, 1).astimezone()) == []  # its own group


def test_a_unit_that_cannot_be_read_now_is_asked_again_not_recorded_as_none(unit_store, tmp_path):
    """An older catalog's entry is filled from its file; a file unreadable at that moment (held, half-copied) is
    not written down as "no unit" for good: the next listing reads it again."""
    folder = tmp_path / "b"
    info = core.create_backup(unit_store, folder, reason="manual", now=datetime(2026, 1, 5, 8))
    good = info.path.read_bytes()
    catalog_path = folder / "backups.json"
    data = json.loads(catalog_path.read_text(encoding="utf-8"))
    del data["backups"][0]["unit_uuid"], data["backups"][0]["unit_name"]
    catalog_path.write_text(json.dumps(data), encoding="utf-8")
    info.path.write_bytes(b"not yet a database" * 100)  # what a copy still under way looks like
    [listed] = core.list_backups(folder)
    assert listed.unit_uuid is None
    entry = json.loads(catalog_path.read_text(encoding="utf-8"))["backups"][0]
    assert "unit_uuid" not in entry and "unit_name" not in entry
    info.path.write_bytes(good)
    [listed] = core.list_backups(folder)
    assert listed.unit_uuid == _uuid(unit_store)
    assert json.loads(catalog_path.read_text(encoding="utf-8"))["backups"][0]["unit_uuid"] == _uuid(unit_store)


def test_a_catalog_naming_a_file_outside_its_folder_never_reaches_it(unit_store, tmp_path):
    """backups.json is a file anyone with the folder can edit: an entry saying "../elsewhere/…" or an absolute
    path stands for the file of that name in the folder, so rotation cannot delete a file outside it."""
    folder, elsewhere = tmp_path / "b", tmp_path / "elsewhere"
    elsewhere.mkdir()
    old = datetime(2020, 1, 1, 8)
    name = core.backup_name(old, "daily")
    victim = elsewhere / name
    victim.write_bytes(b"a file of the clerk's, outside the backup folder")
    info = core.create_backup(unit_store, folder, reason="daily", now=old)
    core.create_backup(unit_store, folder, reason="daily", now=datetime(2026, 1, 5, 8))
    catalog_path = folder / "backups.json"
    for target in (f"../elsewhere/{name}", str(victim)):
        data = json.loads(catalog_path.read_text(encoding="utf-8"))
        entry = next(e for e in data["backups"] if e["file"] == info.path.name or e["file"].endswith(name))
        entry["file"] = target
        catalog_path.write_text(json.dumps(data), encoding="utf-8")
        assert {i.path for i in core.list_backups(folder)} <= set(folder.iterdir())
    policy = core.RotationPolicy(daily=1, weekly=0, monthly=0, keep_days=1)
    removed = core.rotate(folder, policy=policy, now=datetime(2026, 1, 6, 8))
    assert removed == [info.path] and not info.path.exists()
    assert victim.read_bytes() == b"a file of the clerk's, outside the backup folder"


def test_one_files_tight_policy_never_deletes_another_units_backups(unit_store, other_store, tmp_path):
    """The rotation policy is a setting of the open file: the ward's file set to keep one daily backup must not
    delete the commune's daily backups from the folder they share (the commune's own backups rotate them)."""
    folder = tmp_path / "b"
    commune = [
        core.create_backup(unit_store, folder, reason="daily", now=datetime(2026, 1, day, 8)) for day in (5, 6, 7)
    ]
    ward_old = core.create_backup(other_store, folder, reason="daily", now=datetime(2026, 1, 5, 9))
    tight = core.RotationPolicy(daily=1, weekly=0, monthly=0, keep_days=1)
    removed = core.rotate(folder, policy=tight, now=datetime(2026, 1, 8, 8), unit_uuid=_uuid(other_store))
    assert removed == [] and all(info.path.exists() for info in [*commune, ward_old])
    ward_new = core.create_backup(other_store, folder, reason="daily", now=datetime(2026, 1, 8, 9))
    removed = core.rotate(folder, policy=tight, now=datetime(2026, 1, 8, 10), unit_uuid=_uuid(other_store))
    assert removed == [ward_old.path] and ward_new.path.exists()
    assert all(info.path.exists() for info in commune)
    # The commune's own rotation (same tight policy here) then keeps only its newest daily backup.
    removed = core.rotate(folder, policy=tight, now=datetime(2026, 1, 8, 10), unit_uuid=_uuid(unit_store))
    assert sorted(removed) == sorted(info.path for info in commune[:2]) and commune[2].path.exists()
    assert ward_new.path.exists()
