"""Issue 12, point 6 — backups that travel are verified where they land.

A backup carried on a USB stick to another PC has no catalog beside it: its own checksum (``<backup>.sha256``,
written beside it and in the catalog) travels with it, restore refuses any mismatch, and a file with no checksum at
all is restored only with ``--unverified`` and a typed confirmation.

Crafted backups (marked ``crafted``): 200 single-bit flips of a lone backup, one test item each; and, through
``tdkt backup restore``, a truncated copy, an empty file, a text file and another program's database each with a
matching checksum, a backup from a newer version, and broken or disagreeing checksum files. Every one is refused
with a Vietnamese message and exit code 1; the database file keeps every byte and no safety copy is made.

Not defended (docs/security.md): whoever can write the backup can also write a new matching checksum beside it; the
checksum catches damage on the way, not a deliberate forgery.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import backup as core
from desktop.store import open_store
from desktop.store import restore as restoring
from desktop.store.backup import BackupError
from tests.cli.test_cli_backup import _Keyboard, _setup, run  # the same command-line helpers
from tests.security import assert_no_traceback, cases, crafted
from tests.store.backup_fixtures import add_department, department_names

FLIPS = 200


def _lone_copy(info: core.BackupInfo, folder: Path, *, with_checksum: bool) -> Path:
    """The backup as a clerk carries it on a USB stick to another PC: no catalog beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / info.path.name
    shutil.copyfile(info.path, target)
    if with_checksum:
        shutil.copyfile(core.checksum_path(info.path), core.checksum_path(target))
    return target


def _with_checksum(path: Path) -> Path:
    """A file with a checksum that matches it, as someone who made the file would write beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    core.checksum_path(path).write_text(f"{digest}  {path.name}\n", encoding="ascii")
    return path


# -- 200 single-bit flips, one crafted input each -----------------------------------------------------------------


@pytest.fixture(scope="module")
def lone_backup(_unit_template, tmp_path_factory) -> tuple[Path, Path]:
    """(database, a lone backup of it with its checksum beside it, carried to another folder)."""
    folder = tmp_path_factory.mktemp("lone")
    db = folder / "tdkt.sqlite3"
    shutil.copyfile(_unit_template, db)
    store = open_store(db)
    add_department(store, "Phòng Kinh tế")
    info = core.create_backup(store, folder / "b", reason="manual")
    store.close()
    lone = _lone_copy(info, folder / "usb", with_checksum=True)
    assert core.describe_backup(lone).verified  # the checksum travelled with it
    return db, lone


_BITS = random.Random(12)
FLIPPED = [_BITS.random() for _ in range(FLIPS)]  # where in the file, as a fraction of its size in bits


@pytest.mark.parametrize("where", cases({f"flip-{n:03d}": fraction for n, fraction in enumerate(FLIPPED)}))
def test_a_single_bit_flip_of_a_lone_backup_is_refused(where, lone_backup):
    db, lone = lone_backup
    before = db.read_bytes()
    data = bytearray(lone.read_bytes())
    bit = int(where * len(data) * 8)
    data[bit // 8] ^= 1 << (bit % 8)
    usb = lone.parent.with_name("usb-flipped")
    usb.mkdir(exist_ok=True)
    damaged = usb / lone.name
    damaged.write_bytes(bytes(data))
    shutil.copyfile(core.checksum_path(lone), core.checksum_path(damaged))
    safety = usb.with_name("safety")
    with pytest.raises(BackupError) as refused:
        restoring.restore_backup(db, damaged, safety_folder=safety)
    assert "không khớp" in str(refused.value)
    assert db.read_bytes() == before, f"bit {bit} changed the database"
    assert not safety.exists()  # refused before anything was done


# -- other crafted backups, through the command line ----------------------------------------------------------------


def _truncated(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    target.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    shutil.copyfile(core.checksum_path(backup), core.checksum_path(target))  # the original's checksum
    return target


def _empty_with_checksum(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    target.write_bytes(b"")
    return _with_checksum(target)


def _text_with_checksum(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    target.write_text("Đây không phải bản sao lưu\n" * 100, encoding="utf-8")
    return _with_checksum(target)


def _other_database(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO departments (name) VALUES ('Phòng giả')")
    conn.commit()
    conn.close()
    return _with_checksum(target)


def _newer_version(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    shutil.copyfile(backup, target)
    conn = sqlite3.connect(target)
    conn.execute(
        "INSERT INTO schema_version (version, description, applied_at, app_version) "
        "VALUES (999, 'tương lai', '2099-01-01T00:00:00+00:00', '99.0')"
    )
    conn.commit()
    conn.close()
    return _with_checksum(target)


def _checksum_of_zeros(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    shutil.copyfile(backup, target)
    core.checksum_path(target).write_text("0" * 64 + "  " + target.name + "\n", encoding="ascii")
    return target


def _checksum_garbage(backup: Path, folder: Path) -> Path:
    target = folder / backup.name
    shutil.copyfile(backup, target)
    core.checksum_path(target).write_bytes(b"\xff\xfe r\xc3\xa1c \x00")
    return target


def _catalog_disagrees(backup: Path, folder: Path) -> Path:
    """The file and the checksum beside it agree (both changed); the catalog made with the backup does not."""
    for item in backup.parent.iterdir():
        shutil.copyfile(item, folder / item.name)
    target = folder / backup.name
    data = target.read_bytes()
    assert "Phòng Kinh tế".encode() in data
    target.write_bytes(data.replace("Phòng Kinh tế".encode(), "Phòng KINH tế".encode()))  # same length
    return _with_checksum(target)


def _missing(backup: Path, folder: Path) -> Path:
    return folder / "khong-co.sqlite3"


CRAFTED_BACKUPS = {
    "truncated-half": (_truncated, "không khớp"),
    "empty-file-own-checksum": (_empty_with_checksum, "không phải bản sao lưu của chương trình này"),
    "text-file-own-checksum": (_text_with_checksum, "không phải cơ sở dữ liệu"),
    "other-program-database": (_other_database, "không phải bản sao lưu của chương trình này"),
    "newer-version": (_newer_version, "phiên bản mới hơn"),
    "checksum-of-zeros": (_checksum_of_zeros, "không khớp"),
    "checksum-file-garbage": (_checksum_garbage, "bị hỏng"),
    "catalog-disagrees": (_catalog_disagrees, "không khớp"),
    "missing-file": (_missing, "Không tìm thấy"),
}


@pytest.mark.parametrize(("build", "words"), cases(CRAFTED_BACKUPS))
def test_a_crafted_backup_is_refused_by_restore(build, words, unit_store, db_path, tmp_path, capsys):
    add_department(unit_store, "Phòng Kinh tế")
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    add_department(unit_store, "Phòng Văn hóa - Xã hội")
    unit_store.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    crafted_file = build(info.path, usb)
    before = db_path.read_bytes()
    code = main(["--db", str(db_path), "backup", "restore", str(crafted_file), "--yes"])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert_no_traceback(out, err)
    assert words in err, err
    assert db_path.read_bytes() == before
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]


@crafted
def test_a_lone_backup_without_any_checksum_needs_an_explicit_unverified_restore(unit_store, db_path, tmp_path):
    add_department(unit_store, "Phòng Kinh tế")
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    add_department(unit_store, "Phòng Văn hóa - Xã hội")
    unit_store.close()
    bare = _lone_copy(info, tmp_path / "usb", with_checksum=False)
    with pytest.raises(core.UnverifiedBackupError, match="không có mã kiểm tra"):
        restoring.restore_backup(db_path, bare, safety_folder=tmp_path / "safety")
    assert department_names(db_path) == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    listed = core.list_backups(tmp_path / "usb")
    assert len(listed) == 1 and listed[0].no_checksum and not listed[0].verified
    restoring.restore_backup(db_path, bare, safety_folder=tmp_path / "safety", allow_unverified=True)
    assert department_names(db_path) == ["Phòng Kinh tế"]


@crafted
def test_a_checksum_that_disagrees_with_the_catalog_is_refused(unit_store, tmp_path):
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    core.checksum_path(info.path).write_text("0" * 64 + "  " + info.path.name + "\n")
    with pytest.raises(BackupError, match="không khớp"):
        core.describe_backup(info.path)
    core.checksum_path(info.path).write_text("rác")
    with pytest.raises(BackupError, match="bị hỏng"):
        core.describe_backup(info.path)


def test_older_backups_get_the_checksum_that_travels_beside_them(unit_store, tmp_path):
    info = core.create_backup(unit_store, tmp_path / "b", reason="manual")
    core.checksum_path(info.path).unlink()  # as made by the previous version: only the catalog knew
    core.list_backups(tmp_path / "b")
    assert core.checksum_path(info.path).read_text().split()[0] == info.sha256


# -- the command line: no checksum at all --------------------------------------------------------------------------


def _department_count(db_path) -> int:
    return len(department_names(db_path))


@crafted
def test_a_backup_without_its_checksum_is_restored_only_unverified_and_typed(capsys, db_path, tmp_path, monkeypatch):
    """A copy carried to another PC without its .sha256: refused; --unverified asks for typed words, --yes or not."""
    _setup(capsys, db_path)
    code, out, _ = run(capsys, "--db", str(db_path), "backup", "create", "--folder", str(tmp_path / "b"), "--json")
    made = Path(json.loads(out)["path"])
    usb = tmp_path / "usb"
    usb.mkdir()
    lone = usb / made.name
    shutil.copyfile(made, lone)  # the .sha256 beside it was not copied
    run(capsys, "--db", str(db_path), "demo", "--today", "2025-12-04")
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", str(lone), "--yes")
    assert code == 1 and "không có mã kiểm tra" in err and _department_count(db_path) == 5
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", str(lone), "--unverified", "--yes")
    assert code == 1 and "gõ xác nhận" in err and _department_count(db_path) == 5  # --yes does not replace the words
    monkeypatch.setattr("sys.stdin", _Keyboard("co\n"))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", str(lone), "--unverified")
    assert code == 1 and "Đã hủy" in err and _department_count(db_path) == 5
    monkeypatch.setattr("sys.stdin", _Keyboard("Khôi phục chưa kiểm chứng\n"))
    code, out, err = run(capsys, "--db", str(db_path), "backup", "restore", str(lone), "--unverified")
    assert code == 0, err
    assert "CẢNH BÁO" in out and _department_count(db_path) == 0
