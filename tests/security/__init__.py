"""Issue 12 — trust boundaries: one test file per point of the issue, each crafted input counted.

A test item marked ``crafted`` (``@crafted`` on a test, or :func:`cases` for parametrised inputs) feeds ONE crafted
input (a file, a package, a backup, a command line, a text) to the program and asserts both that there was no
traceback (a clear Vietnamese message and the proper exit code) and that nothing changed silently (the database,
hashed table by table, and the files are what they were when the input is refused). docs/security.md states the
number of such items; tests/security/test_security_doc.py keeps that figure true.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest


def __getattr__(name: str) -> Any:
    """``crafted``, the marker, made when a test module asks for it: the package is imported before its conftest
    registers the marker, and ``--strict-markers`` refuses an unregistered ``pytest.mark.crafted``."""
    if name == "crafted":
        return pytest.mark.crafted
    raise AttributeError(name)


def cases(values: dict[str, Any] | Iterable[tuple[str, Any]]) -> list[Any]:
    """``{id: value}`` as parametrised cases, each marked ``crafted`` (a value that is a tuple is unpacked)."""
    items = values.items() if isinstance(values, dict) else values
    return [
        pytest.param(*(value if isinstance(value, tuple) else (value,)), id=key, marks=pytest.mark.crafted)
        for key, value in items
    ]


def database_hash(source: Any, *, skip: Iterable[str] = ()) -> str:
    """SHA-256 over every row of every table of a database (a path, a Store or a sqlite3 connection).

    The audit log and the settings are included unless named in ``skip``; SQLite's own tables are not.
    """
    skipped = set(skip)
    if isinstance(source, str | Path):
        conn = sqlite3.connect(f"file:{Path(source).as_posix()}?mode=ro", uri=True)
        try:
            return database_hash(conn, skip=skipped)
        finally:
            conn.close()
    conn = source if isinstance(source, sqlite3.Connection) else source.conn
    digest = hashlib.sha256()
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for name in names:
        if name in skipped:
            continue
        digest.update(name.encode())
        for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def files_hash(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name → SHA-256 of its bytes)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def assert_no_traceback(*texts: str) -> None:
    """What the clerk sees: no Python traceback, no exception class names."""
    for text in texts:
        assert "Traceback" not in text, text[-2000:]
        for name in ("Error:", "Exception:", "ValueError", "KeyError", "TypeError", "UnicodeDecodeError"):
            assert name not in text, text[-2000:]


def assert_vietnamese(text: str) -> None:
    """No English argparse wording left in a refusal ("invalid choice", "argument", "required")."""
    for english in ("invalid choice", "argument ", "arguments are required", "unrecognized", "expected one"):
        assert english not in text, text


__all__ = ["assert_no_traceback", "assert_vietnamese", "cases", "crafted", "database_hash", "files_hash"]
