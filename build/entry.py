"""Entry script of the PyInstaller bundle (see installer.spec): the same dispatch as ``python -m desktop``.

Both executables of the bundle run this file. ``TDKT`` is the windowed program; ``tdkt-cli`` is the console
one and never opens the window: someone who typed it in a terminal wants the commands, so with no arguments
it prints the help and a mistyped command gets the parser's error (exit 2), not a window. The one exception is the
bundle's own checks (``--self-check``, ``--self-check-documents``): they need a program with a console on Windows,
where the windowed ``TDKT.exe`` has none, and they run offscreen and exit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CLI_EXECUTABLE = "tdkt-cli"
SELF_CHECKS = ("--self-check", "--self-check-documents")


def _ensure_streams() -> None:
    """A windowed Windows executable has no stdout/stderr; writes to them must not crash the program."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def run(argv: list[str] | None = None) -> int:
    _ensure_streams()
    args = sys.argv[1:] if argv is None else argv
    if Path(sys.executable).stem.lower() == CLI_EXECUTABLE and not (args and args[0] in SELF_CHECKS):
        from desktop.cli import main as cli_main

        return cli_main(args or ["--help"])
    from desktop.__main__ import main

    return main(args)


if __name__ == "__main__":
    sys.exit(run())
