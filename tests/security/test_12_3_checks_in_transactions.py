"""Issue 12, point 3 — check and write in the same transaction.

Two identical imports at the same moment, in real processes: the first is paused half-way INSIDE its write
transaction (the test hook ``TDKT_TEST_PAUSE_IN``, :mod:`desktop.store.faults`); the second is started then, so its
preview sees nothing of the first and finds every row new. It must wait for the write lock (``BEGIN IMMEDIATE``),
check again inside its own transaction and write nothing twice: the end is exactly as one import after the other.
Covered: the staff import, the history import and a package import. Decision numbering under concurrent
processes is tested in tests/ops/test_decision_numbers.py (sixteen processes, sixteen different numbers).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store import open_store
from tests.faults import ROOT, counts, desktop_cmd, env, health, staff_xlsx
from tests.security import assert_no_traceback, crafted

DATA_TABLES = ("staff", "departments", "ratings", "initiatives", "discipline", "leave_periods", "awards")


@pytest.fixture
def unit_db(db_path: Path) -> Path:
    from desktop.ops.setup import init_unit

    store = open_store(db_path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    store.close()
    return db_path


def _at_once(
    first: list[str], second: list[str], point: str, marker: Path, *, seconds: float = 2
) -> tuple[tuple[str, str], tuple[str, str]]:
    """Run ``first`` paused inside its transaction at ``point``, start ``second`` meanwhile; both must succeed."""
    hook = {"TDKT_TEST_PAUSE_IN": point, "TDKT_TEST_PAUSE_FILE": str(marker), "TDKT_TEST_PAUSE_SECONDS": str(seconds)}
    opened = subprocess.Popen(
        first, env=env(**hook), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert opened.poll() is None, opened.communicate()[1]
        assert time.monotonic() < deadline
        time.sleep(0.01)
    later = subprocess.Popen(second, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    results = []
    for child in (opened, later):
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert_no_traceback(err)
        results.append((out, err))
    return results[0], results[1]


def _one_after_the_other(db: Path, folder: Path, argv_for) -> dict[str, int]:
    """The rows per data table after the same import run once on a copy of ``db``."""
    folder.mkdir()
    copy = folder / db.name
    shutil.copyfile(db, copy)
    done = subprocess.run(argv_for(copy), env=env(), capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return {table: count for table, count in counts(copy).items() if table in DATA_TABLES}


@crafted
def test_two_identical_staff_imports_at_once_end_as_one_after_the_other(unit_db, tmp_path):
    """The duplicate check runs inside the write transaction. The first import pauses half-way inside its
    transaction; the second, started then, previews all 3,000 rows as new, waits for the lock, re-checks and
    inserts none: 3,000 people, not 6,000."""
    source = staff_xlsx(tmp_path / "cung-tep.xlsx", 3000)
    _first, (out_second, _err) = _at_once(
        desktop_cmd(unit_db, "staff", "import", str(source)),
        desktop_cmd(unit_db, "staff", "import", str(source), "--json"),
        "staff.import",
        tmp_path / "paused",
        seconds=3,  # the second reads and previews 3,000 rows while the first waits
    )
    report = json.loads(out_second)
    assert report["inserted"] == 0 and report["counts"]["duplicate"] == 3000
    health(unit_db)
    with open_store(unit_db, readonly=True) as store:
        assert store.scalar("SELECT count(*) FROM staff") == 3000
        assert store.scalar("SELECT count(DISTINCT staff_code) FROM staff") == 3000
        assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'staff' AND action = 'insert'") == 3000


@crafted
def test_two_identical_history_imports_at_once_end_as_one_after_the_other(db_path, tmp_path):
    from desktop.ops.setup import init_unit
    from tests.history_factory import add_people, history_xlsx

    store = open_store(db_path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    add_people(store)
    store.close()
    source = history_xlsx(tmp_path / "lich-su.xlsx")
    expected = _one_after_the_other(
        db_path, tmp_path / "mot-lan", lambda db: desktop_cmd(db, "history", "import", str(source))
    )
    _at_once(
        desktop_cmd(db_path, "history", "import", str(source)),
        desktop_cmd(db_path, "history", "import", str(source), "--json"),
        "history.import",
        tmp_path / "paused",
        seconds=3,  # long enough that the second surely previews before the first commits: the defect shows
    )
    health(db_path)
    assert {t: n for t, n in counts(db_path).items() if t in DATA_TABLES} == expected


IMPORT_WORKER = """
import sys
from pathlib import Path
from desktop.ops import exchange
from desktop.store import open_store

db, package = sys.argv[1:]
store = open_store(db)
[result] = exchange.import_files(store, files=[Path(package)])
print(result.status)
store.close()
"""


@crafted
def test_two_identical_package_imports_at_once_end_as_one_after_the_other(tmp_path):
    """The province receives the same dossier twice at once (two clerks, or a double click on two PCs)."""
    from desktop.ops import exchange as ops
    from tests.exchange import YEAR, link, make_province, make_unit, seed_dossier

    unit, province = make_unit(tmp_path), make_province(tmp_path)
    link(unit, province, tmp_path)
    seed_dossier(unit)
    sent = ops.export(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "ho-so")
    package, db = Path(sent["path"]), province.path
    unit.close()
    province.close()
    before = counts(db)
    worker = [sys.executable, "-c", IMPORT_WORKER, str(db), str(package)]
    (out_first, _), (out_second, _) = _at_once(worker, worker, "exchange.import", tmp_path / "paused")
    assert out_first.strip().splitlines()[-1] == "applied"
    assert out_second.strip().splitlines()[-1] == "duplicate"
    health(db)
    after = counts(db)
    assert after["packages"] == before["packages"] + 1
    assert after["remote_records"] == before["remote_records"] + 3
