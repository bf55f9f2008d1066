"""Screenshots for the user guide, taken from the acceptance test's run of a clerk's whole year in the real window.

Run with ``make screenshots`` (or ``python build/make_screenshots.py [--out FOLDER] [--all FOLDER]``). The test
(``tests/acceptance/test_whole_year.py``) starts from an empty data folder and drives the real widgets at 1366×768
(the usual commune laptop); every step saves a picture, and the steps the guide shows are copied under the fixed
names the guide links to (``GUIDE_PICTURES`` in the test). So the guide shows what a clerk really sees after really
doing it, and a step that breaks fails the run instead of leaving a stale picture behind.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "guide" / "images"
TEST = "tests/acceptance/test_whole_year.py"


def make_screenshots(out: Path, every_step: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    every_step.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TDKT_GUIDE_IMAGES": str(out), "TDKT_SCREENSHOTS": str(every_step)}
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST], cwd=ROOT, env=env)
    if result.returncode == 0:
        print(f"the guide's pictures are in {out}; every step of the year in {every_step}")
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of the real window for the user guide.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the guide's PNG files")
    parser.add_argument(
        "--all", type=Path, default=None, help="folder for the picture of every step (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    every_step = args.all or Path(tempfile.mkdtemp(prefix="tdkt-screenshots-"))
    return make_screenshots(args.out, every_step)


if __name__ == "__main__":
    raise SystemExit(main())
