"""``windows_files``: Windows' rule that an open file cannot be replaced or deleted (see windows_fs)."""

from __future__ import annotations

import pytest

from tests.files.windows_fs import WindowsFiles


@pytest.fixture
def windows_files(monkeypatch: pytest.MonkeyPatch) -> WindowsFiles:
    return WindowsFiles(monkeypatch)
