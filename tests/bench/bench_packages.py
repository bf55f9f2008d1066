"""Benchmark of province mode: 300 unit packages of ~500 records each imported into one database, target < 15 s.

Run with ``make bench`` (or ``python -m tests.bench.bench_packages``). Building the packages is not timed; the
import is the real path: verify (zip, signature, checksums, schema) → plan → one transaction per package.
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from pathlib import Path

UNITS = 300
RECORDS = 500
YEAR = 2025
TARGET_S = 15.0
CODES = [("CSTD_TINH", "title"), ("BK_TINH", "award_form"), ("CSTDCS", "title"), ("LDTT", "title")]


def _record(rng: random.Random, round_uuid: str) -> dict:
    code, category = rng.choice(CODES)
    return {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "round_uuid": round_uuid,
        "year": YEAR,
        "target_kind": "individual",
        "person": {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "name": rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Giàng Seo Chứ", "Lý Thị Mai"]),
            "gender": rng.choice(["F", "M"]),
            "birth_date": f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "ethnic_code": rng.choice(["01", "08", "43"]),
            "position": "Chuyên viên",
            "department": "Văn phòng HĐND và UBND",
            "is_leader": rng.random() < 0.2,
        },
        "collective": None,
        "household_name": "",
        "code": code,
        "category": category,
        "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025",
        "engine_verdict": "eligible",
        "engine_reasons": [{"text": "Đủ điều kiện", "cite": "Điều 23", "met": True}],
        "ballot": None,
        "attachments": [],
    }


def build(folder: Path, units: int = UNITS, records: int = RECORDS):
    """A province database trusting ``units`` unit keys, and one signed package per unit in ``folder``."""
    from desktop.exchange.keys import add_trusted_key, generate_unit_keys
    from desktop.exchange.manifest import Party
    from desktop.exchange.province import set_mode
    from desktop.exchange.writer import build_package, write_package
    from desktop.ops.setup import init_unit
    from desktop.store import open_store

    store = open_store(folder / "province.sqlite3")
    init_unit(store, unit_name="Sở Nội vụ tỉnh Tuyên Quang", commune_code="00715")
    set_mode(store, mode="province")
    rng = random.Random(6)
    packages = folder / "packages"
    packages.mkdir()
    with store.transaction(operation="bench.keys"):
        for index in range(units):
            keys = generate_unit_keys()
            code = f"{10000 + index:05d}"
            add_trusted_key(store, unit_code=code, unit_name=f"UBND xã số {index}", role="unit", keys=keys.public)
            round_uuid = str(uuid.uuid4())
            data, _manifest = build_package(
                kind="nomination_dossier",
                sender=Party(code, f"UBND xã số {index}"),
                receiver=Party("08", "Sở Nội vụ tỉnh Tuyên Quang"),
                records=[_record(rng, round_uuid) for _ in range(records)],
                keys=keys,
                year=YEAR,
            )
            write_package(packages / f"{code}.tdkt", data)
    return store, packages


def main() -> float:
    from desktop.exchange.province import consolidated, import_folder

    with tempfile.TemporaryDirectory() as tmp:
        store, packages = build(Path(tmp))
        try:
            started = time.perf_counter()
            rows = import_folder(store, packages)
            elapsed = time.perf_counter() - started
            assert all(r["status"] == "applied" for r in rows), [r for r in rows if r["status"] != "applied"][:3]
            total = store.scalar("SELECT count(*) FROM remote_records")
            summary = consolidated(store, year=YEAR)
        finally:
            store.close()
    verdict = "PASS" if elapsed < TARGET_S else "FAIL"
    print(
        f"import of {len(rows)} packages, {total} records: {elapsed:.2f} s "
        f"({total / elapsed:,.0f} records/s; {summary['totals']['units']} units) — target < {TARGET_S:.0f} s: {verdict}"
    )
    return elapsed


if __name__ == "__main__":
    main()
