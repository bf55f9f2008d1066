"""Fixtures for the crafted inputs of tests/security (the ``crafted`` marker is declared in pyproject.toml)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


# A set-up unit is made once per run and copied for each test (``init_unit`` makes keys and reads the place list:
# half a second each time, and these files feed hundreds of crafted inputs). Same unit as tests/conftest.py.
@pytest.fixture(scope="session")
def _unit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.store import open_store
    from tests.conftest import set_up_lung_cu

    path = tmp_path_factory.mktemp("unit-template") / "tdkt.sqlite3"
    store = open_store(path)
    set_up_lung_cu(store)
    store.close()
    return path


@pytest.fixture
def unit_store(_unit_template: Path, db_path: Path) -> Iterator:
    """A copy of the set-up unit at ``db_path``, opened."""
    from desktop.store import open_store

    shutil.copyfile(_unit_template, db_path)
    opened = open_store(db_path)
    yield opened
    opened.close()
