"""Everything works in a Windows profile such as ``C:\\Users\\Nguyễn Văn Sơn\\AppData\\Roaming\\TDKT``.

The data folder is computed the Windows way (``%APPDATA%\\TDKT``), then a real database, backups, a restore,
certificates and a package are made in a folder named with Vietnamese letters and spaces, with Windows' rule
for open files in force (tests/files/windows_fs.py).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import PureWindowsPath

import pytest
from pypdf import PdfReader

from desktop.exchange.exporter import export_package
from desktop.ops import backup as backup_ops
from desktop.ops import certificates as certificate_ops
from desktop.ops import exchange as exchange_ops
from desktop.ops import review
from desktop.ops.certificates import user_templates_dir
from desktop.ops.demo import fill_demo
from desktop.paths import default_db_path, user_data_dir
from desktop.store import Store, open_store
from desktop.store import backup as core
from desktop.store.db import sqlite_uri
from desktop.ui.preferences import preferences_path
from tests.demo_date import DEMO_TODAY
from tests.exchange import link, make_province
from tests.files.windows_fs import WindowsFiles

PROFILE_PARTS = ("Users", "Nguyễn Văn Sơn", "AppData", "Roaming")


def test_the_data_folder_is_appdata_tdkt_in_a_vietnamese_profile(tmp_path, monkeypatch):
    roaming = tmp_path.joinpath(*PROFILE_PARTS)
    monkeypatch.delenv("TDKT_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(roaming))
    assert user_data_dir() == roaming / "TDKT"
    monkeypatch.delenv("APPDATA")  # no APPDATA (a broken environment): the profile's own Roaming folder
    monkeypatch.setenv("HOME", str(tmp_path / "Users" / "Nguyễn Văn Sơn"))
    assert user_data_dir() == roaming / "TDKT"
    monkeypatch.undo()  # back on this machine's platform before anything else runs
    monkeypatch.setenv("TDKT_DATA_DIR", str(roaming / "TDKT"))
    for path in (default_db_path(), backup_ops.default_backup_folder(), user_templates_dir(), preferences_path()):
        assert path.is_relative_to(roaming / "TDKT") and "Nguyễn Văn Sơn" in path.parts


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (
            r"C:\Users\Nguyễn Văn Sơn\AppData\Roaming\TDKT\tdkt.sqlite3",
            "file:///C:/Users/Nguy%E1%BB%85n%20V%C4%83n%20S%C6%A1n/AppData/Roaming/TDKT/tdkt.sqlite3?mode=ro",
        ),
        (r"D:\Sao lưu #2 (100%)\a.sqlite3", "file:///D:/Sao%20l%C6%B0u%20%232%20%28100%25%29/a.sqlite3?mode=ro"),
        (r"\\may-chu\chia se\tdkt.sqlite3", "file:////may-chu/chia%20se/tdkt.sqlite3?mode=ro"),
    ],
)
def test_read_only_uris_of_windows_paths(path, uri):
    assert sqlite_uri(PureWindowsPath(path), mode="ro") == uri


def test_a_read_only_store_and_a_backup_check_in_awkward_folder_names(tmp_path):
    """A bare ``#`` or ``%`` in a URI ends or garbles the path: SQLite then opened (and created!) "Sao lưu "."""
    folder = tmp_path / "Nguyễn Văn Sơn" / "Sao lưu #2 (100%)"
    store = open_store(folder / "tdkt.sqlite3")
    try:
        info = core.create_backup(store, folder / "bản sao", reason="manual")
    finally:
        store.close()
    with Store(folder / "tdkt.sqlite3", readonly=True) as readonly:
        assert readonly.scalar("SELECT count(*) FROM schema_version") >= 1
    assert core.describe_backup(info.path).verified
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_store_backup_restore_certificates_and_package_in_a_vietnamese_profile(
    tmp_path, monkeypatch, windows_files: WindowsFiles
):
    data_dir = tmp_path.joinpath(*PROFILE_PARTS, "TDKT")
    documents = tmp_path / "Users" / "Nguyễn Văn Sơn" / "Tài liệu" / "Thi đua khen thưởng 2025"
    monkeypatch.setenv("TDKT_DATA_DIR", str(data_dir))
    store = open_store(default_db_path())
    province = make_province(tmp_path / "Sở Nội vụ")
    try:
        fill_demo(store, today=DEMO_TODAY)
        first = backup_ops.backup_now(store)
        assert first.path.parent == data_dir / "backups" and first.verified

        decision = next(d for d in review.list_decisions(store, year=2024) if "Giấy khen" in d["subject"])
        papers = certificate_ops.render_decision_certificates(
            store, decision_id=decision["id"], out=documents / "Giấy chứng nhận", per_person=True
        )
        assert papers and all(p.parent == documents / "Giấy chứng nhận" for p in papers)
        assert all(len(PdfReader(p).pages) == 1 for p in papers)

        link(store, province, documents)  # the public key files go through the same folder
        package = export_package(store, kind="award_register", year=2024, out=documents / "Sổ khen thưởng 2024")
        assert package.name == "Sổ khen thưởng 2024.tdkt"
        with zipfile.ZipFile(package) as archive:
            assert archive.testzip() is None
        assert exchange_ops.verify_file(province, path=package)["valid"]
        staff_after_backup = store.scalar("SELECT count(*) FROM staff")
    finally:
        store.close()
        province.close()

    safety = backup_ops.restore(default_db_path(), backup_path=first.path)
    assert safety is not None and safety.parent == data_dir / "backups"
    with Store(default_db_path(), readonly=True) as restored:
        assert restored.scalar("SELECT count(*) FROM staff") == staff_after_backup
        assert restored.scalar("SELECT count(*) FROM certificate_prints") == 3  # printed after the backup: kept
    assert windows_files.refused == []  # no handle of ours was ever open where a file was replaced or deleted
    leftovers = [p for p in data_dir.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
