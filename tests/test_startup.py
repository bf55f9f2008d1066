"""Start-up: the window opens without loading what its first screen does not need (docs/benchmarks.md measures
the time; these tests pin the reasons, which a timing on a shared machine could not)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from desktop.__main__ import wants_cli

REPO = Path(__file__).resolve().parent.parent

# Loaded later, by the pages or commands that use them; each costs the window 10-60 ms at start-up.
NOT_AT_START_UP = (
    "desktop.cli",  # the command line's parser and its command modules
    "babel",  # Qt's catalog is compiled once and cached (desktop/ui/qt_translator.py)
    "sqlite_utils",  # Store.db is made on first use
    "vietnam_provinces",  # the unit page shows the saved place until the clerk opens the list
    "reportlab",  # documents, certificates, previews
    "openpyxl",  # spreadsheets
    "desktop.store.backup",  # only when a migration copies the file, and the daily backup after the window shows
    "desktop.store.migrations",  # the steps and the audit-trigger generator: only for a file that needs upgrading
    "hashlib",  # OpenSSL's loader (2.5 ms): the Qt catalog cache is checked with zlib's CRC-32
    "uuid",  # with platform (2.4 ms): temporary file names take os.urandom
)

PROBE = """
import json, sys
from desktop.__main__ import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("startup")
    _run(folder, "-m", "desktop", "--db", str(folder / "xa.sqlite3"), "demo", "--today", "2025-12-04")
    return folder


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TDKT_DATA_DIR": str(folder / "userdata")}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, check=True, capture_output=True, text=True, timeout=180
    )


def _window_modules(folder: Path) -> set[str]:
    result = _run(folder, "-c", PROBE, "--db", str(folder / "xa.sqlite3"), "--quit-when-shown")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    return set(report["modules"])


def test_the_window_shows_without_loading_what_its_first_page_does_not_need(demo_folder):
    _window_modules(demo_folder)  # the first run compiles Qt's catalog into the cache
    modules = _window_modules(demo_folder)
    assert "desktop.ui.main_window" in modules and "desktop.ui.pages.unit_page" in modules
    loaded = [name for name in NOT_AT_START_UP if any(m == name or m.startswith(name + ".") for m in modules)]
    assert loaded == []


def test_the_qt_catalog_cache_is_written_once_and_a_damaged_copy_is_compiled_again(demo_folder):
    _window_modules(demo_folder)
    cached = list((demo_folder / "userdata" / "cache").glob("qt-vi-*.qm"))
    assert len(cached) == 1
    stored = cached[0].read_bytes()
    assert zlib.crc32(stored[4:]).to_bytes(4, "big") == stored[:4]
    damaged = bytearray(stored)
    damaged[200] ^= 0x01  # one flipped bit, as a bad disk or an interrupted copy leaves
    cached[0].write_bytes(bytes(damaged))
    modules = _window_modules(demo_folder)
    assert "babel" in modules  # compiled again from the .po files
    assert cached[0].read_bytes() == stored


def test_the_cached_catalog_translates_like_the_catalog_itself(qapp, tmp_path, monkeypatch):
    from desktop.i18n import qt_catalog
    from desktop.ui.qt_translator import CatalogTranslator, _cached_qm, compile_qm, expand_catalog

    monkeypatch.setenv("TDKT_DATA_DIR", str(tmp_path))
    first = _cached_qm("vi")
    assert first == compile_qm(expand_catalog(qt_catalog("vi")), "vi")
    assert _cached_qm("vi") == first
    translator = CatalogTranslator(None, "vi", qm=_cached_qm("vi"))
    assert translator.translate("QDialogButtonBox", "&Cancel") not in ("", "&Cancel")


@pytest.mark.parametrize(
    ("args", "cli"),
    [
        ([], False),
        (["--db", "xa.sqlite3"], False),
        (["--db=xa.sqlite3", "--lang", "en"], False),
        (["goi.tdkt"], False),
        (["--db", "xa.sqlite3", "goi.tdkt"], False),
        (["staff", "list"], True),
        (["--db", "xa.sqlite3", "staff", "list"], True),
        (["--version"], True),
        (["--help"], True),
    ],
)
def test_arguments_decide_between_window_and_command_line(args, cli):
    assert wants_cli(args) is cli
