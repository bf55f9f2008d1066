"""Files the window makes only to show or print hold real people's names: they live in the window's scratch folder,
which goes when the program exits, and an old crashed window's folder goes at a later start."""

from __future__ import annotations

import os
import tempfile
import time

import pytest

from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from desktop.ui import scratch
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """The system's temporary folder is this test's own; no scratch folder of an earlier test is open."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    monkeypatch.setattr(scratch, "_root", None)
    yield root
    scratch.remove_scratch()


def test_scratch_folders_are_removed_with_their_files_at_exit(temp_root):
    first = scratch.scratch_folder("preview")
    second = scratch.scratch_folder("print")
    (first / "xem-truoc.pdf").write_bytes(b"%PDF-1.4 Nguyen Van An")
    assert first.parent == second.parent and first.parent.parent == temp_root
    assert first.parent.name.startswith(scratch.PREFIX) and first.name.startswith("preview-")
    scratch.remove_scratch()
    assert list(temp_root.iterdir()) == []


def test_a_crashed_windows_folder_is_swept_after_two_days_and_nothing_else(temp_root):
    old = temp_root / (scratch.PREFIX + "crashed")
    (old / "print-1").mkdir(parents=True)
    (old / "print-1" / "in.pdf").write_bytes(b"names")
    recent = temp_root / (scratch.PREFIX + "other-window")
    recent.mkdir()
    foreign = temp_root / "tdkt-someone-else"
    foreign.mkdir()
    three_days_ago = time.time() - 3 * 24 * 3600
    for folder in (old, foreign):
        os.utime(folder, (three_days_ago, three_days_ago))
    scratch.scratch_folder("preview")  # the first scratch folder of a window sweeps
    assert not old.exists()
    assert recent.is_dir() and foreign.is_dir()  # another window still running; not ours


def test_certificate_preview_is_written_in_the_scratch_folder(temp_root, store, qapp, qtbot):
    from desktop.ui.certificates.page import CertificatesPage
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    page = CertificatesPage(AppContext(store, actor="clerk"))
    qtbot.addWidget(page)
    page.set_checked([a["id"] for a in page._awardees[:2]])
    job = page.preview()
    assert job is not None
    qtbot.waitUntil(lambda: bool(page.last_paths), timeout=60_000)
    qtbot.addWidget(page.preview_dialog)
    [path] = page.last_paths
    assert path.is_file() and path.parent.parent.name.startswith(scratch.PREFIX)
    page.preview_dialog.close()
    scratch.remove_scratch()
    assert not path.exists()
    assert [p.name for p in temp_root.iterdir()] == []
