"""Benchmark of the eligibility engine: 5,000 staff with 10 years of history, target under 0.5 s.

Run with ``make bench`` (or ``python -m tests.bench.bench_engine``). Prints the best of 5 and PASS/FAIL.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date

STAFF = 5_000
YEARS = 10
YEAR = 2025
TARGET_S = 0.5
LEVELS = ["co_so", "co_so", "tinh"]


def build(staff: int = STAFF, years: int = YEARS, seed: int = 7):
    """Synthetic unit: ratings, leave, discipline, initiatives and awards over ``years`` years, 50 collectives."""
    from desktop.domain.history import (
        AwardRecord,
        CollectiveRecord,
        DisciplineRecord,
        Initiative,
        LeavePeriod,
        PersonRecord,
        UnitData,
    )

    rng = random.Random(seed)
    first = YEAR - years + 1
    ratings_pool = ["HTXSNV"] * 2 + ["HTTNV"] * 6 + ["HTNV"] * 2 + ["KHTNV"]
    people = []
    for pid in range(1, staff + 1):
        start = date(rng.randint(first - 5, YEAR), rng.randint(1, 12), 1)
        ratings = {y: rng.choice(ratings_pool) for y in range(max(first, start.year), YEAR + 1)}
        awards = []
        for y, rating in ratings.items():
            if y == YEAR:
                continue
            if rating in ("HTXSNV", "HTTNV"):
                awards.append(AwardRecord(y, "LDTT"))
            if rating == "HTXSNV":
                awards.append(AwardRecord(y, "CSTDCS", source=rng.choice(["unit", "above"])))
        leaves = ()
        if rng.random() < 0.05:
            leaves = (LeavePeriod(rng.choice(["maternity", "unpaid", "sick"]), date(YEAR, 3, 1), date(YEAR, 8, 31)),)
        disciplines = ()
        if rng.random() < 0.02:
            disciplines = (DisciplineRecord("khien_trach", date(YEAR - 1, 5, 1), date(YEAR, 4, 30)),)
        elif rng.random() < 0.005:
            disciplines = (DisciplineRecord("canh_cao", date(YEAR, 11, 1), pending=True),)
        initiatives = tuple(
            Initiative(f"{pid}-{k}", f"Sáng kiến {pid}-{k}", rng.choice(LEVELS), rng.randint(first, YEAR))
            for k in range(rng.choice([0, 0, 0, 1, 2]))
        )
        people.append(
            PersonRecord(
                id=pid,
                uuid=f"p{pid}",
                name=f"Nguyễn Văn {pid}",
                gender=rng.choice("MF"),
                start_date=start,
                collective_id=pid % 50,
                ratings=ratings,
                leaves=leaves,
                disciplines=disciplines,
                initiatives=initiatives,
                awards=tuple(awards),
            )
        )
    collectives = [
        CollectiveRecord(
            id=f"c{c}",
            uuid=f"c{c}",
            name=f"Tổ {c}",
            member_ids=tuple(p.id for p in people if p.collective_id == c),
            ratings={y: rng.choice(["HTXSNV", "HTTNV", "HTNV"]) for y in range(first, YEAR + 1)},
        )
        for c in range(50)
    ]
    return UnitData(people, collectives)


def main() -> None:
    from desktop.domain.eligibility import evaluate
    from desktop.domain.rules import load_default_pack

    pack = load_default_pack()
    data = build()
    timings = []
    verdicts = []
    for _attempt in range(5):
        started = time.perf_counter()
        verdicts = evaluate(data, YEAR, pack, today=date(YEAR + 1, 1, 10))
        timings.append(time.perf_counter() - started)
    best = min(timings)
    counts = Counter((v.code, v.status.value) for v in verdicts)
    print(f"evaluate(): {STAFF} staff × {YEARS} years, {len(verdicts)} verdicts")
    for (code, status), n in sorted(counts.items()):
        print(f"  {code:10s} {status:13s} {n}")
    verdict = "PASS" if best < TARGET_S else "FAIL"
    print(f"best of 5: {best * 1000:.0f} ms (target < {TARGET_S * 1000:.0f} ms) → {verdict}")


if __name__ == "__main__":
    main()
