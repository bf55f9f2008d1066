"""Benchmark of movement scoring: 300 participants on 40 criteria, totals and ranks, target under 0.2 s.

Run with ``make bench`` (or ``python -m tests.bench.bench_scoring``). Prints the best of 5 and PASS/FAIL.
"""

from __future__ import annotations

import random
import time

PARTICIPANTS = 300
CRITERIA = 40
TARGET_S = 0.2


def build(participants: int = PARTICIPANTS, criteria: int = CRITERIA, seed: int = 11):
    from desktop.domain.scoring import Criterion, Participant

    rng = random.Random(seed)
    kinds = ["normal"] * (criteria - 4) + ["bonus", "bonus", "penalty", "penalty"]
    crits = [
        Criterion(i, f"Tiêu chí {i + 1}", 10.0, rng.choice([1.0, 1.5, 2.0]), i < 3 and kinds[i] == "normal", kinds[i])
        for i in range(criteria)
    ]
    people = [Participant(f"m:{i}", f"Đơn vị {i + 1:03d}") for i in range(participants)]
    points = {(p.key, c.key): float(rng.randint(0, 20)) / 2 for p in people for c in crits if rng.random() > 0.02}
    return crits, people, points


def run_once(data) -> tuple[float, object]:
    from desktop.domain.scoring import rank

    crits, people, points = data
    started = time.perf_counter()
    result = rank(crits, people, points)
    return time.perf_counter() - started, result


def main() -> float:
    data = build()
    best = min(run_once(data)[0] for _ in range(5))
    _elapsed, result = run_once(data)
    ranked = len(result.results)  # type: ignore[attr-defined]
    verdict = "PASS" if best < TARGET_S else "FAIL"
    print(
        f"scoring {PARTICIPANTS} participants x {CRITERIA} criteria: {ranked} ranked, best {best:.3f} s "
        f"(target < {TARGET_S} s) {verdict}"
    )
    return best


if __name__ == "__main__":
    main()
