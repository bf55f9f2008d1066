"""Start-up of the window against a bare PySide6 window (target: at most 2× the bare window).

Both are whole processes, started alternately so a noisy machine slows both alike; each ends as soon as its
window has been painted once (the program's ``--quit-when-shown``, the bare script the same way). The program
opens a demo database (last year's review, 40 people) and shows its first page, as a clerk sees it each
morning. The figure is the median of the pairwise ratios of wall time, with the medians of each beside it.
The program is measured as installed, its bytecode compiled (``tests/bench/installed.py``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.installed import installed_environment

RUNS = 11
TARGET_RATIO = 2.0
REPO = Path(__file__).resolve().parents[2]

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Thi đua, khen thưởng"))
window.resize(1366, 768)
window.show()
window.repaint()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def measure(runs: int = RUNS) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="tdkt-bench-startup-"))
    env = installed_environment(TDKT_DATA_DIR=str(folder))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = folder / "xa.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "demo", "--today", "2025-12-04"],
        env=env, cwd=REPO, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    program = [sys.executable, "-m", "desktop", "--db", str(db), "--quit-when-shown"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    _timed(program, env), _timed(bare, env)  # warm-up: bytecode, caches, the disk
    programs, bares = [], []
    for _ in range(runs):
        programs.append(_timed(program, env))
        bares.append(_timed(bare, env))
    ratios = [p / b for p, b in zip(programs, bares, strict=True)]
    return {
        "program_s": statistics.median(programs),
        "bare_s": statistics.median(bares),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }


def main() -> None:
    figures = measure()
    verdict = "ok" if figures["ratio"] <= TARGET_RATIO else "OVER TARGET"
    print(
        f"start-up to the first painted window, median of {RUNS} pairs: program {figures['program_s']:.3f} s, "
        f"bare PySide6 window {figures['bare_s']:.3f} s"
    )
    print(
        f"ratio program / bare: {figures['ratio']:.2f}× (min {figures['ratio_min']:.2f}, max "
        f"{figures['ratio_max']:.2f}); target ≤ {TARGET_RATIO:.1f}× — {verdict}"
    )


if __name__ == "__main__":
    main()
