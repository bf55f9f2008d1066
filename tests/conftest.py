"""Shared fixtures: a fresh database file per test, a set-up unit, Qt offscreen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_dir_for_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The same for module-scoped templates, which run before any test's own fixtures (one imported a package,
    and its backup "…-truoc-nhap-goi" landed in the real ~/.local/share/tdkt/backups)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TDKT_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
        yield


@pytest.fixture(autouse=True)
def _isolated_user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder from a test."""
    monkeypatch.setenv("TDKT_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture(autouse=True)
def _vietnamese_by_default() -> Iterator[None]:
    """Each test starts, and leaves the process, in the default language."""
    from desktop.i18n import set_language

    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tdkt.sqlite3"


@pytest.fixture(scope="session")
def _new_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new database file per worker, made by the real migrations; each test's store starts as a byte copy.

    Creating a file replays every migration and installs the audit triggers (about 90 ms); opening a copy at the
    latest version takes about 5 ms, and thousands of tests start from an empty store. The tests of creating and
    migrating a file open their own paths and still run the migrations."""
    from desktop.store import open_store

    path = tmp_path_factory.mktemp("new-store") / "tdkt.sqlite3"
    open_store(path).close()
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"closing the new store left {leftovers}: a byte copy would miss them"
    return path


def _copy_of_new_store(template: Path, path: Path) -> Path:
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def store(db_path: Path, _new_store_file: Path) -> Iterator:
    from desktop.store import open_store

    opened = open_store(_copy_of_new_store(_new_store_file, db_path))
    yield opened
    opened.close()


def set_up_lung_cu(store) -> None:
    """Set up the unit most tests work in: Xã Lũng Cú, Tuyên Quang, its chair Nguyễn Văn Hùng."""
    from desktop.ops.setup import init_unit

    init_unit(
        store,
        unit_name="Ủy ban nhân dân xã Lũng Cú",
        commune_code=LUNG_CU_CODE,
        head_title="Chủ tịch",
        head_name="Nguyễn Văn Hùng",
    )


@pytest.fixture
def unit_store(store):
    """A database with the unit set up (Xã Lũng Cú, Tuyên Quang)."""
    set_up_lung_cu(store)
    return store


LUNG_CU_CODE = "00715"  # Xã Lũng Cú, tỉnh Tuyên Quang


OTHER_UNIT = "Ủy ban nhân dân phường Hà Giang 1"


@pytest.fixture
def other_store(tmp_path: Path, _new_store_file: Path) -> Iterator:
    """A second database on the same PC: another unit (its own uuid and name), as a province office or a clerk
    keeping a test file has; its backups go to the same per-user default folder."""
    from desktop.ops.setup import init_unit
    from desktop.store import open_store

    opened = open_store(_copy_of_new_store(_new_store_file, tmp_path / "phuong.sqlite3"))
    init_unit(opened, unit_name=OTHER_UNIT, commune_code="00694")
    yield opened
    opened.close()
