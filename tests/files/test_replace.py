"""Replacing and deleting files while an antivirus, Word or the PDF reader holds them (Windows' sharing rules).

The antivirus is simulated below the program: ``os.replace``/``os.remove`` refuse the way Windows does
(``tests/files/windows_fs.py``); every file is real.
"""

from __future__ import annotations

import errno
import os
import time

import pytest

from desktop.files import replace as files
from desktop.files.replace import RETRY_SECONDS, FileInUseError, remove_file, replace_file, write_file
from tests.files.windows_fs import WindowsFiles, sharing_violation


def test_waits_for_an_antivirus_that_lets_go(tmp_path, windows_files: WindowsFiles):
    target, new = tmp_path / "Quyết định 12.pdf", tmp_path / "new.tmp"
    target.write_bytes(b"old")
    new.write_bytes(b"new")
    windows_files.scans = 3
    started = time.monotonic()
    replace_file(new, target)
    assert target.read_bytes() == b"new" and not new.exists()
    assert len(windows_files.refused) == 3
    assert time.monotonic() - started < RETRY_SECONDS


def test_a_file_that_stays_open_is_named_and_left_whole(tmp_path, windows_files: WindowsFiles):
    target, new = tmp_path / "Danh sách khen thưởng.xlsx", tmp_path / "new.tmp"
    target.write_bytes(b"old")
    new.write_bytes(b"new")
    windows_files.hold(target)
    started = time.monotonic()
    with pytest.raises(FileInUseError) as refused:
        replace_file(new, target)
    assert time.monotonic() - started >= RETRY_SECONDS
    assert len(windows_files.refused) > 3  # it really retried
    message = str(refused.value)
    assert str(target) in message and "đang được một chương trình khác mở" in message and "tệp cũ vẫn còn" in message
    assert refused.value.path == target and isinstance(refused.value, PermissionError)
    assert target.read_bytes() == b"old"


def test_a_handle_of_our_own_blocks_the_swap_as_on_windows(tmp_path, windows_files: WindowsFiles):
    target, new = tmp_path / "a.pdf", tmp_path / "b.tmp"
    target.write_bytes(b"old")
    new.write_bytes(b"new")
    with new.open("rb"), pytest.raises(FileInUseError):
        replace_file(new, target, timeout=0.1)
    replace_file(new, target)  # closed: fine
    assert target.read_bytes() == b"new"


def test_a_real_permission_problem_is_not_retried(tmp_path, monkeypatch):
    """Without a Windows error code (Linux, a read-only folder) waiting would not help: it fails at once."""
    calls = []

    def refuse(source, target):
        calls.append(source)
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(os, "replace", refuse)
    started = time.monotonic()
    with pytest.raises(PermissionError) as refused:
        replace_file(tmp_path / "a", tmp_path / "b")
    assert not isinstance(refused.value, FileInUseError)
    assert len(calls) == 1 and time.monotonic() - started < 0.5


def test_remove_waits_and_then_names_the_file(tmp_path, windows_files: WindowsFiles):
    path = tmp_path / "tdkt-20251204-090000-hang-ngay.sqlite3"
    path.write_bytes(b"x")
    with path.open("rb") as handle:
        with pytest.raises(FileInUseError) as refused:
            remove_file(path, timeout=0.2)
        assert str(path) in str(refused.value) and "Không xóa được" in str(refused.value)
        assert path.exists()
        handle.close()
        remove_file(path)
    assert not path.exists()
    remove_file(path)  # already gone: fine
    with pytest.raises(FileNotFoundError):
        remove_file(path, missing_ok=False)


def test_write_file_leaves_no_temporary_file_when_the_target_never_frees(tmp_path, windows_files: WindowsFiles):
    folder = tmp_path / "Thư mục có dấu cách"
    folder.mkdir()
    target = folder / "khoa-cong-khai.tdktkey"
    target.write_bytes(b"old")
    windows_files.hold(target)
    with pytest.raises(FileInUseError):
        write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == [target.name]


def test_write_file_through_a_slow_antivirus(tmp_path, windows_files: WindowsFiles):
    windows_files.scans = 5
    target = write_file(tmp_path / "sub" / "goi.tdkt", b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in target.parent.iterdir()] == ["goi.tdkt"]


def test_pauses_grow_but_stay_short(monkeypatch, tmp_path):
    """Quick retries first (an antivirus usually lets go at once), then at most a quarter second apart."""
    pauses: list[float] = []
    now = [100.0]

    def sleep(seconds: float) -> None:  # a clock that moves only when the helper waits
        pauses.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(files.time, "sleep", sleep)
    monkeypatch.setattr(files.time, "monotonic", lambda: now[0])

    def busy(source, target):
        raise sharing_violation(target)

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(FileInUseError):
        replace_file(tmp_path / "a", tmp_path / "b")
    assert pauses[:5] == [0.02, 0.04, 0.08, 0.16, files.LONGEST_PAUSE]
    assert pauses[:-1] == sorted(pauses[:-1]) and max(pauses) == files.LONGEST_PAUSE
    assert sum(pauses) == pytest.approx(RETRY_SECONDS)  # the last pause only waits out what is left
