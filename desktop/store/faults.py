"""Test hooks for the fault tests: a named point where a real process can be made to stop and wait.

The fault tests (tests/faults) run the program in a child process with ``TDKT_TEST_PAUSE_IN=<name>``;
when the operation reaches :func:`pause_point` of that name (always inside its transaction, half-way),
it writes the marker file ``TDKT_TEST_PAUSE_FILE`` (its pid) and sleeps ``TDKT_TEST_PAUSE_SECONDS``
(default 60), so the test can kill it with SIGKILL at a known moment and check that nothing half-done
remains. With the variable unset this is one dictionary lookup.

Names in use: ``staff.import``, ``history.import``, ``decision.issue``, ``backup.create``, ``exchange.import``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_IN = "TDKT_TEST_PAUSE_IN"
PAUSE_FILE = "TDKT_TEST_PAUSE_FILE"
PAUSE_SECONDS = "TDKT_TEST_PAUSE_SECONDS"


def pause_point(name: str) -> None:
    """Stop here (marker written, then sleep) when the test hook names this point; otherwise do nothing."""
    if os.environ.get(PAUSE_IN) != name:
        return
    marker = os.environ.get(PAUSE_FILE)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(float(os.environ.get(PAUSE_SECONDS, "60")))


__all__ = ["pause_point"]
