"""Ctrl+C pressed while SQLite runs one of the store's Python functions (the audit triggers call the clock on every row
written) ends the command as an interruption: exit 130 and the one Vietnamese line, never a traceback. SQLite turns
the KeyboardInterrupt raised inside the function into ``sqlite3.OperationalError``; before, a long import interrupted
at that moment printed a traceback and exited 1."""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3

from desktop.cli.common import Exit, run


def test_ctrl_c_inside_a_sqlite_function_is_an_interruption(capsys):
    conn = sqlite3.connect(":memory:")

    def clock() -> str:
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs at the next bytecode: inside this function
        for _ in range(10_000):
            pass
        return "2026-12-07"

    conn.create_function("clock", 0, clock)
    before = signal.getsignal(signal.SIGINT)

    def command(_args: argparse.Namespace) -> int:
        conn.execute("SELECT clock()").fetchall()
        return 0

    assert run(command, argparse.Namespace()) == Exit.INTERRUPTED == 130
    assert capsys.readouterr().err.strip() == "Đã dừng theo yêu cầu; không có gì được ghi dở dang."
    assert signal.getsignal(signal.SIGINT) is before  # the command's handler is gone afterwards


def test_an_error_without_ctrl_c_is_still_a_bug_with_its_traceback():
    def command(_args: argparse.Namespace) -> int:
        raise sqlite3.OperationalError("no such table: x")

    try:
        run(command, argparse.Namespace())
    except sqlite3.OperationalError:
        pass
    else:
        raise AssertionError("an unexpected error must keep its traceback")
