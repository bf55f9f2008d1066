"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.store import open_store
from tests.conftest import set_up_lung_cu
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def movement_cli(capsys, db_path):
    """The command line on a unit with the eight departments and two people of ``tests/ops/movement_flow.py``:
    ``run(*args)`` gives (exit code, stdout, stderr)."""
    store = open_store(db_path)
    set_up_lung_cu(store)
    setup_unit(store)
    store.close()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
