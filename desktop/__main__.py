"""``python -m desktop``: the window with no arguments, the command line with a command."""

from __future__ import annotations

import sys


def gui_main(argv: list[str] | None = None) -> int:
    from desktop.ui.app import run_gui

    return run_gui(sys.argv[1:] if argv is None else argv)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from desktop.cli import COMMANDS
    from desktop.cli import main as cli_main

    wants_cli = any(a in COMMANDS or a in ("--version", "-V", "-h", "--help") for a in args)
    if wants_cli:
        return cli_main(args)
    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
