"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.ops.setup import init_unit
from desktop.store import open_store
from tests.conftest import LUNG_CU_CODE
from tests.ops.movement_flow import setup_unit


@pytest.fixture
def movement_cli(capsys, db_path):
    """The command line on a unit with the eight departments and two people of ``tests/ops/movement_flow.py``:
    ``run(*args)`` gives (exit code, stdout, stderr)."""
    store = open_store(db_path)
    init_unit(
        store,
        unit_name="Ủy ban nhân dân xã Lũng Cú",
        commune_code=LUNG_CU_CODE,
        head_title="Chủ tịch",
        head_name="Nguyễn Văn Hùng",
    )
    setup_unit(store)
    store.close()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
