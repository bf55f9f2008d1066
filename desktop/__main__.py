"""``python -m desktop``: the window with no arguments (or a .tdkt file), the command line with a command."""

from __future__ import annotations

import sys


def gui_main(argv: list[str] | None = None) -> int:
    from desktop.ui.app import run_gui

    return run_gui(sys.argv[1:] if argv is None else argv)


def wants_cli(args: list[str]) -> bool:
    """A command name or a version/help flag means the command line; anything else opens the window.

    A lone ``*.tdkt`` is a package opened from Explorer (the installer's file association): the window checks it.
    Arguments that are all the window's own (``--db FILE``, ``--lang vi``…) decide without importing the command
    line, which would cost the window's start-up about 50 ms.
    """
    if _window_only(args):
        return False
    from desktop.cli import COMMANDS

    if len(args) == 1 and args[0].lower().endswith(".tdkt"):
        return False
    return any(a in COMMANDS or a in ("--version", "-V", "-h", "--help") for a in args)


def _window_only(args: list[str]) -> bool:
    """Every argument is an option of the window's parser (with its value) or a package file."""
    from desktop.ui.app import window_options

    options = window_options()  # option string -> whether it takes a value
    index = 0
    while index < len(args):
        arg = args[index]
        name = arg.split("=", 1)[0]
        if name in options:
            index += 2 if options[name] and "=" not in arg else 1
        elif arg.lower().endswith(".tdkt") and not arg.startswith("-"):
            index += 1
        else:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if wants_cli(args):
        from desktop.cli import main as cli_main

        return cli_main(args)
    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
