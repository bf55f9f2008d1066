"""Decision numbers under real concurrency and real crashes: two processes never share a number, and a process
killed half-way through issuing leaves the whole decision or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError, open_store
from tests.demo_date import DEMO_TODAY

ROOT = Path(__file__).resolve().parents[2]

# One worker: waits for the start file, then issues one decision per nomination id given.
WORKER = """
import sys, time
from datetime import date
from pathlib import Path
from desktop.store import open_store
from desktop.ops import review

db, start, round_id, *ids = sys.argv[1:]
store = open_store(db)
while not Path(start).exists():
    time.sleep(0.005)
for nomination_id in ids:
    review.issue_decision(
        store, round_id=int(round_id), decision_date=date(2025, 12, 20), signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo", subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="Đã hoàn thành tốt nhiệm vụ", nomination_ids=[int(nomination_id)],
    )
store.close()
"""


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


@pytest.fixture
def year_round(db_path):
    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2026, 1, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return round_id, ldtt


def test_two_processes_never_get_the_same_number(db_path, tmp_path, year_round):
    round_id, ldtt = year_round
    start = tmp_path / "go"
    halves = [ldtt[0:16:2], ldtt[1:16:2]]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), str(start), str(round_id), *map(str, half)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    time.sleep(0.3)
    start.write_text("go")
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    with open_store(db_path) as store:
        rows = store.query("SELECT number, number_text FROM decisions WHERE decision_date = '2025-12-20'")
        numbers = sorted(r["number"] for r in rows)
        assert numbers == list(range(1, 17))  # sixteen decisions, sixteen different numbers, none skipped
        assert store.scalar("SELECT next_number FROM number_series WHERE key = 'QĐ-UBND' AND year = 2025") == 17
        per_decision = store.query(
            "SELECT a.decision_id, count(*) n FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id "
            "WHERE d.decision_date = '2025-12-20' GROUP BY a.decision_id"
        )
        assert len(per_decision) == 16 and all(r["n"] == 1 for r in per_decision)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_mid_issue_leaves_all_or_nothing(db_path, tmp_path, year_round):
    round_id, ldtt = year_round
    start = tmp_path / "go"
    start.write_text("go")
    marker = tmp_path / "paused"
    chunk = ",".join(map(str, ldtt[:10]))
    script = WORKER.replace(
        "nomination_ids=[int(nomination_id)]", "nomination_ids=[int(x) for x in nomination_id.split(',')]"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), str(start), str(round_id), chunk],
        env=_env(TDKT_TEST_PAUSE_IN="decision.issue", TDKT_TEST_PAUSE_FILE=str(marker)),
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(worker.pid, signal.SIGKILL)  # half of the awardees are written, inside the open transaction
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    with open_store(db_path) as store:
        assert store.scalar("PRAGMA integrity_check") == "ok"
        assert store.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.scalar("SELECT count(*) FROM decisions WHERE decision_date LIKE '2025%'") == 0
        assert (
            store.scalar(
                "SELECT count(*) FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id "
                "WHERE d.decision_date LIKE '2025%'"
            )
            == 0
        )
        assert store.scalar("SELECT count(*) FROM awards WHERE year = 2025") == 0
        assert (
            store.scalar("SELECT count(*) FROM nominations WHERE round_id = ? AND status = 'decided'", (round_id,)) == 0
        )
        # the same decision can be issued afterwards, whole, with the first number of the year
        decision_id = review.issue_decision(
            store,
            round_id=round_id,
            decision_date=date(2025, 12, 20),
            signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo",
            subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
            achievement_text="Đã hoàn thành tốt nhiệm vụ",
            nomination_ids=ldtt[:10],
        )
        decision = review.get_decision(store, decision_id=decision_id)
        assert decision["number_text"] == "1/QĐ-UBND" and len(decision["awardees"]) == 10


def test_a_ballot_with_more_votes_than_members_is_refused(db_path, year_round):
    round_id, _ldtt = year_round
    with open_store(db_path) as store:
        review.set_council(
            store,
            round_id=round_id,
            meeting_date=date(2025, 12, 5),
            location="UBND xã",
            members=[
                {"full_name": "Sùng Mí Pháo", "role": "chair"},
                {"full_name": "Lò Văn Chứ", "role": "member"},
                {"full_name": "Vàng Thị Dở", "role": "secretary"},
            ],
        )
        nomination = next(n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "CSTDCS")
        with pytest.raises(ValidationError) as excinfo:
            review.record_ballot(store, nomination_id=nomination["id"], agree=3, disagree=1, invalid=0)
        message = str(excinfo.value)
        assert "Số phiếu bầu (4) nhiều hơn tổng số thành viên Hội đồng (3)" in message
        assert nomination["name"] in message
        assert store.scalar("SELECT count(*) FROM ballots WHERE nomination_id = ?", (nomination["id"],)) == 0
        assert store.scalar("SELECT status FROM nominations WHERE id = ?", (nomination["id"],)) == "proposed"
