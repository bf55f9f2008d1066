"""``make bench``: run ``main()`` of every ``tests/bench/bench_*.py`` module and print its figures."""

from __future__ import annotations

import importlib
import os
import sys
import time
import traceback
from pathlib import Path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    root = Path(__file__).resolve().parent
    sys.path.insert(0, str(root.parents[1]))
    failed = 0
    for path in sorted(root.glob("bench_*.py")):
        name = f"tests.bench.{path.stem}"
        module = importlib.import_module(name)
        entry = getattr(module, "main", None)
        if entry is None:
            continue
        print(f"\n### {name}", flush=True)
        started = time.perf_counter()
        try:
            entry()
        except Exception:
            failed += 1
            traceback.print_exc()
        print(f"### {name} took {time.perf_counter() - started:.1f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
