"""Fault tests: real processes killed mid-operation, full or read-only disks, locked files, two windows.

Shared helpers live here so each test file reads as the scenario it checks.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Giàng"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Hữu", "Thu", "Ngọc", "Seo", "Thanh"]
GIVEN = [
    "Sơn", "Hùng", "Dũng", "Tuấn", "Long", "Thành", "Chứ", "Pháo", "Hưng", "Toàn",
    "Khánh", "Quân", "Vinh", "Hoa", "Lan", "Hường", "Mai", "Dung", "Ánh", "Thảo",
    "Dở", "Mỷ", "Hằng", "Nga", "Yến", "Trang", "Bình", "Cường", "Đạt", "Giang",
    "Hà", "Hải", "Hiếu", "Huy", "Khoa", "Linh", "Lộc", "Minh", "Nam", "Nhung",
    "Phúc", "Phương", "Quỳnh", "Tâm", "Thắng", "Thủy", "Trung", "Tú", "Việt", "Xuân",
]  # fmt: skip


def env(**extra: str) -> dict[str, str]:
    """The child's environment: this checkout first on the path, Qt offscreen, the test hook if given."""
    result = dict(os.environ)
    result["PYTHONPATH"] = str(ROOT) + os.pathsep + result.get("PYTHONPATH", "")
    result["QT_QPA_PLATFORM"] = "offscreen"
    result.update(extra)
    return result


def cli(db: Path, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m desktop --db <db> <args>`` in a real child process."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), *args],
        env=env(**extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def kill_when_paused(argv: Sequence[str], point: str, marker: Path, *, timeout: float = 60) -> None:
    """Start ``argv`` with the pause hook on ``point``, wait until it is inside the transaction, SIGKILL it."""
    child = subprocess.Popen(
        list(argv),
        env=env(TDKT_TEST_PAUSE_IN=point, TDKT_TEST_PAUSE_FILE=str(marker), TDKT_TEST_PAUSE_SECONDS="120"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + timeout
        while not marker.exists():
            if child.poll() is not None:
                raise AssertionError(f"{point}: the process ended before the pause: {child.stderr.read()}")  # type: ignore[union-attr]
            assert time.monotonic() < deadline, f"{point}: never reached the pause point"
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        if child.stderr:
            child.stderr.close()


def desktop_cmd(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--db", str(db), *args]


def health(db: Path) -> None:
    """The file passes SQLite's own checks: pages intact, no foreign key pointing nowhere."""
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def counts(db: Path) -> dict[str, int]:
    """Rows per table (the audit log included: a half operation would leave its audit rows too)."""
    conn = sqlite3.connect(str(db))
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}
    finally:
        conn.close()


def people(n: int) -> list[str]:
    """``n`` different, valid Vietnamese full names (no digits)."""
    names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    assert n <= len(names)
    return names[:n]


def staff_xlsx(path: Path, n: int, *, start: int = 0) -> Path:
    """A plain staff list of ``n`` different people (from the ``start``-th name), streamed with openpyxl."""
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sach")
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Bộ phận"])
    for index, name in enumerate(people(start + n)[start:], start=1):
        birth = datetime(1960 + index % 40, 1 + index % 12, 1 + index % 28)
        gender = "Nữ" if " Thị " in name else "Nam"
        sheet.append([index, name, birth, gender, "Chuyên viên", "Văn phòng - Thống kê"])
    book.save(path)
    return path


def _chmod_is_effective(folder: Path) -> bool:
    probe = folder / "probe"
    probe.write_text("x")
    probe.chmod(0o444)
    try:
        with open(probe, "a"):
            return False  # root (or a filesystem without permissions) writes anyway
    except PermissionError:
        return True
    finally:
        probe.chmod(0o644)
        probe.unlink()


def make_read_only(folder: Path, files: Sequence[Path] = ()) -> Callable[[], None] | None:
    """Make ``folder`` and ``files`` read-only; returns the undo, or None if this system cannot.

    chmod does the job for a normal user. Root ignores permission bits, so there the Linux immutable attribute
    (``chattr +i``, which binds root too) is used instead — CI runs as root.
    """
    files = list(files)
    if _chmod_is_effective(folder):
        folder_mode = folder.stat().st_mode
        for path in files:
            path.chmod(0o444)
        folder.chmod(0o555)

        def undo_chmod() -> None:
            folder.chmod(folder_mode)
            for path in files:
                path.chmod(0o644)

        return undo_chmod
    chattr = shutil.which("chattr")
    if chattr is None:
        return None
    targets = [str(path) for path in (*files, folder)]
    if subprocess.run([chattr, "+i", *targets], capture_output=True).returncode != 0:
        return None

    def undo_chattr() -> None:
        subprocess.run([chattr, "-i", *targets], capture_output=True, check=True)

    try:
        (folder / ".probe").write_bytes(b"")
    except PermissionError:
        return undo_chattr
    undo_chattr()
    (folder / ".probe").unlink()
    return None
