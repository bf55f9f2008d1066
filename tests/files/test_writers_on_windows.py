"""Every writer of the program replaces its file the way Windows allows, through the one retry helper.

For each: an antivirus that holds each new file a moment is waited out; a file that stays open (the list in
Excel, the PDF in the reader) gives a message naming it, the old file stays whole and no temporary file is
left in the folder. ``os.replace``/``os.remove`` refuse open files as on Windows (tests/files/windows_fs.py),
so a handle the writer forgot to close would fail these tests too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.documents.certificates import bundled_template, calibration_page, load_template, save_template
from desktop.documents.spreadsheet import Column, write_table
from desktop.exchange.writer import write_package
from desktop.files.replace import FileInUseError
from desktop.store.errors import StoreError
from desktop.ui.preferences import Preferences
from tests.files.windows_fs import WindowsFiles


def _pdf(path: Path) -> None:
    calibration_page(path)


def _xlsx(path: Path) -> None:
    write_table(path, columns=[Column("Họ và tên")], rows=[["Nguyễn Văn Sơn"]], title_lines=["Danh sách"])


def _package(path: Path) -> None:
    write_package(path, b"PK\x05\x06" + bytes(18))


def _template(path: Path) -> None:
    save_template(bundled_template("giay_khen_a4"), path)


def _check_pdf(path: Path) -> None:
    assert len(PdfReader(str(path)).pages) == 1


def _check_xlsx(path: Path) -> None:
    sheet = load_workbook(path).active
    assert sheet is not None and sheet["A4"].value == "Nguyễn Văn Sơn"


def _check_package(path: Path) -> None:
    assert path.read_bytes().startswith(b"PK\x05\x06")


def _check_template(path: Path) -> None:
    assert load_template(path).id == "giay_khen_a4"


WRITERS: dict[str, tuple[str, Callable[[Path], None], Callable[[Path], None]]] = {
    "certificate pdf": ("Giấy khen - Nguyễn Văn Sơn.pdf", _pdf, _check_pdf),
    "excel list": ("Danh sách khen thưởng.xlsx", _xlsx, _check_xlsx),
    "package": ("Báo cáo năm 2025.tdkt", _package, _check_package),
    "certificate template": ("giay_khen_a4.toml", _template, _check_template),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Nguyễn Văn Sơn" / "Tài liệu"
    path.mkdir(parents=True)
    return path


@pytest.mark.parametrize("kind", WRITERS)
def test_a_busy_antivirus_is_waited_out(kind, folder, windows_files: WindowsFiles):
    name, write, check = WRITERS[kind]
    target = folder / name
    target.write_bytes(b"old")
    windows_files.scans = 3
    write(target)
    check(target)
    assert len(windows_files.refused) >= 3
    assert [p.name for p in folder.iterdir()] == [name]


@pytest.mark.parametrize("kind", WRITERS)
def test_a_file_held_open_is_named_and_left_whole(kind, folder, windows_files: WindowsFiles):
    name, write, _check = WRITERS[kind]
    target = folder / name
    target.write_bytes(b"old")
    windows_files.hold(target)
    with pytest.raises((FileInUseError, StoreError)) as refused:
        write(target)
    message = str(refused.value)
    assert str(target) in message and "đang được một chương trình khác mở" in message, message
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == [name]


def test_preferences_survive_a_locked_file_and_are_saved_once_it_is_free(folder, windows_files: WindowsFiles):
    path = folder / "preferences.json"
    prefs = Preferences(path)
    prefs.set("language", "en")
    windows_files.hold(path)
    prefs.set("language", "vi")  # never fatal: the window goes on
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"
    assert [p.name for p in folder.iterdir()] == ["preferences.json"]
    windows_files.held.clear()
    windows_files.scans = 2
    prefs.set("last_page", "staff")
    assert json.loads(path.read_text(encoding="utf-8")) == prefs.as_dict()
