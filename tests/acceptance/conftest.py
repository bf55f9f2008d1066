"""Fixtures of the acceptance test: the clerk's answers (tests/acceptance/desk.py) and the screenshot folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def desk(monkeypatch, qapp):
    from tests.acceptance.desk import Desk

    return Desk(monkeypatch)


@pytest.fixture
def screens(tmp_path: Path) -> Path:
    """Where the screenshots of every step go: $TDKT_SCREENSHOTS, else the test's own temporary folder."""
    folder = Path(os.environ.get("TDKT_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


from tests.ui.conftest import type_text  # noqa: E402, F401  (the same key-event typing as the window tests)
