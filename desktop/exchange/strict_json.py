"""JSON as the standard writes it, for what arrives from outside (packages, key files).

Python's :func:`json.loads` also takes ``NaN``, ``Infinity`` and an object naming one key twice (the last one
wins). None of them is JSON: a record carrying ``NaN`` would be kept as the package wrote it and stored as text
SQLite's JSON functions refuse, and a key named twice lets two readers see two different records behind one
signature. Both are refused here, as :class:`ValueError` (what every caller already catches for broken JSON)."""

from __future__ import annotations

import json
from typing import Any


def _no_constant(name: str) -> Any:
    raise ValueError(f"non-JSON constant {name}")


def _no_repeated_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        raise ValueError("a key named twice in one object")
    return value


def loads(text: str | bytes) -> Any:
    """:func:`json.loads` refusing ``NaN``/``Infinity`` and repeated keys (bytes are read as UTF-8)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_repeated_key)
