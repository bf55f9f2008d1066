"""Benchmark of the engine fed from the database: 5,000 staff with 10 years of history.

Rows are inserted with plain SQL in one transaction (fast, and the same shape the program writes), then
``load_unit_data`` and ``evaluate`` are timed separately. Target: evaluate alone under 0.5 s; the load
time is reported beside it. Run with ``make bench`` or ``python -m tests.bench.bench_evaluate_db``.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date
from pathlib import Path

STAFF = 5_000
YEARS = 10
YEAR = 2025
DEPARTMENTS = 50
TARGET_S = 0.5
STAMP = "2026-01-01T00:00:00+07:00"


def fill(store, *, staff: int = STAFF, years: int = YEARS, year: int = YEAR, seed: int = 11) -> None:
    """Insert a synthetic unit: departments, staff, ratings, leave, discipline, initiatives and awards."""
    from desktop.store import new_uuid

    rng = random.Random(seed)
    first = year - years + 1
    pool = ["HTXSNV"] * 2 + ["HTTNV"] * 6 + ["HTNV"] * 2 + ["KHTNV"]
    conn = store.conn
    with store.transaction(operation="bench.fill"):
        conn.executemany(
            "INSERT INTO departments (id, uuid, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(d, new_uuid(), f"Tổ công tác {d:02d}", STAMP, STAMP) for d in range(1, DEPARTMENTS + 1)],
        )
        staff_rows, ratings, leaves, discipline, initiatives, awards, collective = [], [], [], [], [], [], []
        for pid in range(1, staff + 1):
            start = date(rng.randint(first - 5, year), rng.randint(1, 12), 1)
            gender = rng.choice("MF")
            staff_rows.append(
                (
                    pid,
                    new_uuid(),
                    f"NV{pid:05d}",
                    f"Nguyễn Văn {pid}",
                    f"nguyen van {pid}",
                    f"{pid:08d}",
                    gender,
                    1 + pid % DEPARTMENTS,
                    start.isoformat(),
                    STAMP,
                    STAMP,
                )
            )
            for y in range(max(first, start.year), year + 1):
                rating = rng.choice(pool)
                ratings.append((new_uuid(), pid, y, rating, STAMP, STAMP))
                if y < year and rating in ("HTXSNV", "HTTNV"):
                    awards.append((new_uuid(), "individual", pid, None, y, "LDTT", "title", "unit", STAMP, STAMP))
                if y < year and rating == "HTXSNV":
                    source = rng.choice(["unit", "above", "import"])
                    awards.append((new_uuid(), "individual", pid, None, y, "CSTDCS", "title", source, STAMP, STAMP))
            if rng.random() < 0.05:
                kind = rng.choice(["maternity", "unpaid", "sick"])
                leaves.append(
                    (new_uuid(), pid, kind, f"{year}-03-01", f"{year}-08-31", int(kind == "maternity"), STAMP, STAMP)
                )
            if rng.random() < 0.02:
                discipline.append(
                    (new_uuid(), pid, "khien_trach", f"{year - 1}-05-01", f"{year}-04-30", 0, STAMP, STAMP)
                )
            elif rng.random() < 0.005:
                discipline.append((new_uuid(), pid, "canh_cao", f"{year}-11-01", None, 1, STAMP, STAMP))
            for _k in range(rng.choice([0, 0, 0, 1, 2])):
                recognized = date(rng.randint(first, year), rng.randint(1, 12), 15)
                initiatives.append(
                    (
                        new_uuid(),
                        pid,
                        f"Sáng kiến {pid}",
                        rng.choice(["co_so", "co_so", "tinh"]),
                        recognized.isoformat(),
                        STAMP,
                        STAMP,
                    )
                )
        for d in range(1, DEPARTMENTS + 1):
            for y in range(first, year + 1):
                collective.append((new_uuid(), d, y, rng.choice(["HTXSNV", "HTTNV", "HTNV"]), STAMP, STAMP))
        conn.executemany(
            "INSERT INTO staff (id, uuid, staff_code, full_name, search_key, sort_key, gender, department_id, "
            "start_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            staff_rows,
        )
        conn.executemany(
            "INSERT INTO ratings (uuid, staff_id, year, rating, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            ratings,
        )
        conn.executemany(
            "INSERT INTO leave_periods (uuid, staff_id, kind, start_date, end_date, counts_as_worked, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            leaves,
        )
        conn.executemany(
            "INSERT INTO discipline (uuid, staff_id, level, start_date, end_date, pending, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            discipline,
        )
        conn.executemany(
            "INSERT INTO initiatives (uuid, staff_id, title, level, recognized_on, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            initiatives,
        )
        conn.executemany(
            "INSERT INTO awards (uuid, target_kind, staff_id, department_id, year, code, category, source, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            awards,
        )
        conn.executemany(
            "INSERT INTO collective_ratings (uuid, department_id, year, rating, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            collective,
        )


def main() -> None:
    from desktop.domain.eligibility import evaluate
    from desktop.ops.rules import effective_pack
    from desktop.store import open_store
    from desktop.store.engine_input import load_unit_data

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite3")
        try:
            started = time.perf_counter()
            fill(store)
            print(f"filled {STAFF} staff x {YEARS} years in {time.perf_counter() - started:.2f} s")
            pack = effective_pack(store)
            loads, evals = [], []
            verdicts = []
            for _run in range(3):
                started = time.perf_counter()
                data = load_unit_data(store, year=YEAR)
                loads.append(time.perf_counter() - started)
                started = time.perf_counter()
                verdicts = evaluate(data, YEAR, pack, today=date(YEAR + 1, 1, 10))
                evals.append(time.perf_counter() - started)
        finally:
            store.close()
    load_s, eval_s = min(loads), min(evals)
    verdict = "PASS" if eval_s < TARGET_S else "FAIL"
    print(f"load_unit_data: {load_s:.3f} s ({len(data.people)} people, {len(data.collectives)} collectives)")
    print(f"evaluate: {eval_s:.3f} s for {len(verdicts)} verdicts (target {TARGET_S} s) {verdict}")
    print(f"load + evaluate: {load_s + eval_s:.3f} s")


if __name__ == "__main__":
    main()
