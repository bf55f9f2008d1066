"""Switching on the optional certificates (LĐTT, TTLĐTT papers) in two windows at once makes one override, not two.

The switch looked for its own override before its write transaction: a second process that had just written one
and not yet committed was not seen, and the first then added a second "In giấy chứng nhận LĐTT, TTLĐTT" override
beside it. The lookup and the save are now one transaction. Two real processes on one database file."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Any

from desktop.ops import certificates
from desktop.store import open_store

CITE = "Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)"


def _other_window(db_path: str, written: Any) -> None:
    store = open_store(Path(db_path), actor="may_kia")
    try:
        with store.transaction(operation="test.hold"):
            certificates.set_optional_certificates(store, on=True, cite=CITE)
            written.set()
            time.sleep(2.0)
    finally:
        store.close()


def test_two_windows_switching_papers_on_make_one_override(db_path):
    open_store(db_path).close()
    context = multiprocessing.get_context("spawn")
    written = context.Event()
    process = context.Process(target=_other_window, args=(str(db_path), written))
    process.start()
    assert written.wait(timeout=60)
    store = open_store(db_path)
    try:
        certificates.set_optional_certificates(store, on=True, cite=CITE)
        process.join(timeout=60)
        assert process.exitcode == 0
        assert store.scalar("SELECT count(*) FROM rule_overrides WHERE source = 'local'") == 1
        assert certificates.optional_certificates_on(store)
    finally:
        store.close()
