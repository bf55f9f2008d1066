"""The ``crafted`` marker: one test item = one crafted input fed to the program (see tests/security/__init__.py)."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "crafted: one crafted input (file, package, backup, command line, text) fed to the program"
    )
