"""The environment of a timed child process: the program as a clerk's PC runs it, with its bytecode compiled.

The installer's bundle ships the modules compiled, and a pip install writes the bytecode at the first start. A
caller whose environment sets ``PYTHONDONTWRITEBYTECODE`` (some sandboxes and CI images do) would make every timed
start compile the program's sources again — about 50 ms for the first page, several hundred for every page — and
time something no clerk ever waits for.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def installed_environment(**extra: str) -> dict[str, str]:
    """``os.environ`` without ``PYTHONDONTWRITEBYTECODE``, plus ``extra``, after compiling ``desktop/`` once."""
    compileall.compile_dir(REPO / "desktop", quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env
