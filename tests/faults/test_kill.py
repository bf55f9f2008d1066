"""SIGKILL in the middle of an operation (as when the PC is switched off at the wall): the file stays sound and
holds all of the operation or none of it.

Each scenario runs the real command line in a child process with the test hook ``TDKT_TEST_PAUSE_IN`` set
(:mod:`desktop.store.faults`): the child stops half-way, INSIDE its transaction, writes a marker file, and the
test kills it. Then: ``PRAGMA integrity_check`` is ok, no foreign key points nowhere, every table has exactly the
rows it had before, and running the same command again (no hook) does the whole operation.

Covered: a staff import of 5,000 rows, a history import, a decision issue (``tdkt decision issue``), a backup
(``tdkt backup create``: killed between writing the verified copy and renaming it) and a package import (the
province receiving a unit's dossier; there is no CLI command for it yet, so a small script calls
``desktop.ops.exchange.import_files`` exactly as the window does).
"""

from __future__ import annotations

import signal
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.store import open_store
from tests.demo_date import DEMO_TODAY
from tests.faults import cli, counts, desktop_cmd, health, kill_when_paused, staff_xlsx

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

STAFF_ROWS = 5000


def _settle(store) -> None:
    """Close cleanly so the child starts from a checkpointed file (as after a normal day's work)."""
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


@pytest.fixture
def unit_db(db_path: Path) -> Path:
    from desktop.ops.setup import init_unit

    store = open_store(db_path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715", head_name="Nguyễn Văn Hùng")
    _settle(store)
    return db_path


def test_killed_staff_import_of_5000_rows_writes_nothing(unit_db, tmp_path):
    source = staff_xlsx(tmp_path / "can-bo.xlsx", STAFF_ROWS)
    before = counts(unit_db)

    kill_when_paused(desktop_cmd(unit_db, "staff", "import", str(source)), "staff.import", tmp_path / "paused")

    health(unit_db)
    assert counts(unit_db) == before  # 2,500 rows were written inside the transaction: none remain
    again = cli(unit_db, "staff", "import", str(source))  # the clerk simply runs it again
    assert again.returncode == 0, again.stderr
    health(unit_db)
    after = counts(unit_db)
    assert after["staff"] == before["staff"] + STAFF_ROWS
    assert after["audit_log"] > before["audit_log"]


def test_killed_history_import_writes_nothing(db_path, tmp_path):
    from desktop.ops.setup import init_unit
    from tests.history_factory import add_people, history_xlsx

    store = open_store(db_path)
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    add_people(store)
    _settle(store)
    source = history_xlsx(tmp_path / "lich-su.xlsx")
    before = counts(db_path)

    kill_when_paused(desktop_cmd(db_path, "history", "import", str(source)), "history.import", tmp_path / "paused")

    health(db_path)
    assert counts(db_path) == before
    again = cli(db_path, "history", "import", str(source))
    assert again.returncode == 0, again.stderr
    health(db_path)
    after = counts(db_path)
    written = sum(after[t] - before[t] for t in ("ratings", "initiatives", "discipline", "leave_periods", "awards"))
    assert written > 2


@pytest.fixture
def year_round(db_path: Path) -> tuple[int, list[int]]:
    from desktop.ops import review
    from desktop.ops.demo import fill_demo

    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2026, 1, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    _settle(store)
    return round_id, ldtt


def test_killed_decision_issue_writes_nothing_and_uses_no_number(db_path, tmp_path, year_round):
    round_id, ldtt = year_round
    chosen = ldtt[:10]
    args = [
        "decision", "issue", "--round", str(round_id), "--date", "2025-12-20", "--signer-title", "Chủ tịch",
        "--signer-name", "Sùng Mí Pháo", "--subject", "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        "--achievement", "Đã hoàn thành tốt nhiệm vụ",
        *[part for nomination in chosen for part in ("--nomination", str(nomination))],
    ]  # fmt: skip
    before = counts(db_path)

    kill_when_paused(desktop_cmd(db_path, *args), "decision.issue", tmp_path / "paused")

    health(db_path)
    after = counts(db_path)
    # The verified backup taken before the decision (issue 8) completed and logged itself; nothing else changed.
    with sqlite3.connect(db_path) as conn:
        backups = conn.execute("SELECT count(*) FROM audit_log WHERE operation = 'backup.create'").fetchone()[0]
    assert backups >= 1
    assert after | {"audit_log": after["audit_log"] - backups} == before
    again = cli(db_path, *args, "--json")
    assert again.returncode == 0, again.stderr
    health(db_path)
    with open_store(db_path, readonly=True) as store:
        issued = store.query("SELECT id, number FROM decisions WHERE decision_date = '2025-12-20'")
        assert len(issued) == 1
        awardees = store.scalar("SELECT count(*) FROM decision_awardees WHERE decision_id = ?", (issued[0]["id"],))
        assert awardees == len(chosen)
        # The killed attempt took no number: the decision that went through has the one it would have had.
        assert issued[0]["number"] == store.scalar(
            "SELECT next_number - 1 FROM number_series WHERE key = 'QĐ-UBND' AND year = 2025"
        )


def test_killed_backup_leaves_no_half_file_and_a_consistent_catalog(db_path, tmp_path, year_round):
    """Killed after the copy is written and checked, before it is renamed to its final name."""
    import json

    from desktop.store import backup as core

    folder = tmp_path / "sao-luu"
    first = cli(db_path, "backup", "create", "--folder", str(folder))
    assert first.returncode == 0, first.stderr
    finished = sorted(p.name for p in folder.glob("tdkt-*.sqlite3"))
    assert len(finished) == 1
    before = counts(db_path)

    kill_when_paused(
        desktop_cmd(db_path, "backup", "create", "--folder", str(folder)), "backup.create", tmp_path / "paused"
    )

    health(db_path)
    assert counts(db_path) == before  # the backup is recorded in the audit log only once it exists
    assert sorted(p.name for p in folder.glob("tdkt-*.sqlite3")) == finished  # no half file under a backup's name
    assert len(list(folder.glob(f".*{core.TEMP_SUFFIX}"))) == 1  # the unfinished copy keeps its hidden temp name
    catalog = json.loads((folder / core.CATALOG_NAME).read_text(encoding="utf-8"))
    assert sorted(entry["file"] for entry in catalog["backups"]) == finished
    listed = core.list_backups(folder)
    assert [info.path.name for info in listed] == finished and all(info.verified for info in listed)
    health(folder / finished[0])

    again = cli(db_path, "backup", "create", "--folder", str(folder))
    assert again.returncode == 0, again.stderr
    listed = core.list_backups(folder)
    assert len(listed) == 2 and all(info.verified and not info.problem for info in listed)
    for info in listed:
        health(info.path)


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


def test_killed_package_import_writes_nothing(tmp_path):
    """The province imports a unit's dossier package; killed after the package row, before its records."""
    import subprocess
    import sys

    from desktop.ops import exchange as ops
    from tests.exchange import YEAR, link, make_province, make_unit, seed_dossier
    from tests.faults import ROOT, env

    unit, province = make_unit(tmp_path), make_province(tmp_path)
    link(unit, province, tmp_path)
    seed_dossier(unit)
    fingerprint = ops.show_keys(province)["fingerprint"]
    sent = ops.export(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "ho-so", encrypt_to=fingerprint)
    package, db = Path(sent["path"]), province.path
    _settle(unit)
    _settle(province)
    before = counts(db)

    kill_when_paused([sys.executable, "-c", IMPORT_WORKER, str(db), str(package)], "exchange.import", tmp_path / "p")

    health(db)
    after = counts(db)
    # The verified backup taken before the import (issue 8) completed and logged itself; nothing else changed.
    with sqlite3.connect(db) as conn:
        backups = conn.execute("SELECT count(*) FROM audit_log WHERE operation = 'backup.create'").fetchone()[0]
    assert backups == 1
    assert after | {"audit_log": after["audit_log"] - backups} == before
    again = subprocess.run(
        [sys.executable, "-c", IMPORT_WORKER, str(db), str(package)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == "applied"
    health(db)
    after = counts(db)
    assert after["packages"] == before["packages"] + 1
    assert after["remote_records"] == before["remote_records"] + 3
