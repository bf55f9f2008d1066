"""A restore never gives a decision number again.

Before, a restore put back the backup's number books: a decision issued after the backup was gone with the restore,
and the next decision took its number, although the first one was signed and sent out under it. Now each number the
replaced file had taken is kept in the restored file as a recorded gap saying why, a gap recorded since the backup
is kept, and each book's next number is the larger of the two files'.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.ops import backup as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import open_store
from tests.demo_date import DEMO_TODAY

DAY = date(2025, 12, 20)


def _issue(store, round_id: int, nomination_id: int) -> str:  # type: ignore[no-untyped-def]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=DAY,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="Đã hoàn thành tốt nhiệm vụ",
        nomination_ids=[nomination_id],
    )
    return str(store.scalar("SELECT number_text FROM decisions WHERE id = ?", (decision_id,)))


@pytest.fixture
def demo(db_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    ops.set_backup_folder(store, folder=tmp_path / "Sao lưu")
    round_id = review.create_round(store, year=2025, today=date(2026, 1, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"]
    yield store, round_id, ldtt
    store.close()


def _numbers(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        r[0] for r in store.execute("SELECT number_text FROM decisions WHERE decision_date = ?", (DAY.isoformat(),))
    ]


def test_a_number_issued_after_the_backup_is_never_given_again(demo, db_path: Path):
    store, round_id, ldtt = demo
    backup = ops.backup_now(store).path
    first = _issue(store, round_id, ldtt[0])
    review.record_number_gap(store, series_key="QĐ-UBND", year=2025, number=40, reason="Số hỏng khi in")
    store.close()

    ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert _numbers(store) == []  # the decision is gone with the restore...
        second = _issue(store, round_id, ldtt[1])
        assert second != first  # ...and its number is not given to another one
        gaps = {g["number"]: g["reason"] for g in review.list_number_gaps(store, series_key="QĐ-UBND", year=2025)}
        number = int(first.split("/")[0])
        assert "đã cấp cho quyết định ngày 20/12/2025 trước khi khôi phục bản sao lưu" in gaps[number]
        assert backup.name in gaps[number] and first in gaps[number]
        assert gaps[40] == "Số hỏng khi in"  # a gap recorded since the backup is kept with its reason
        event = store.query_one(
            "SELECT json_extract(after, '$.numbers_kept') AS kept FROM audit_log WHERE operation = 'backup.restore' "
            "AND table_name = 'backups'"
        )
        assert event is not None and first in event["kept"]
        # the gaps are written by the restore, in the log like any change
        assert (
            store.scalar(
                "SELECT count(*) FROM audit_log WHERE table_name = 'number_gaps' AND operation = 'backup.restore'"
            )
            == 2
        )
    finally:
        store.close()


def test_the_next_number_set_after_the_backup_is_kept(demo, db_path: Path):
    store, round_id, ldtt = demo
    backup = ops.backup_now(store).path
    review.set_series_next_number(store, series_key="QĐ-UBND", year=2025, next_number=125, reason="Tiếp sổ giấy")
    store.close()

    ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert _issue(store, round_id, ldtt[0]).startswith("125/")
    finally:
        store.close()


def test_another_units_numbers_are_not_brought_in(demo, db_path: Path, tmp_path: Path):
    """Restoring another unit's data over this file: its books are its own, this file's numbers are not its gaps."""
    store, round_id, ldtt = demo
    _issue(store, round_id, ldtt[0])
    other_path = tmp_path / "khác.sqlite3"
    other = open_store(other_path)
    try:
        fill_demo(other, today=DEMO_TODAY)
        other.execute("PRAGMA foreign_keys = OFF")
        with other.transaction("test.unit"):
            other.execute("UPDATE unit SET uuid = 'another-unit', name = 'Ủy ban nhân dân xã Khác'")
        backup = ops.backup_now(other, folder=tmp_path / "bk khác").path
    finally:
        other.close()
    store.close()

    ops.restore(db_path, backup_path=backup)

    store = open_store(db_path)
    try:
        assert store.scalar("SELECT count(*) FROM number_gaps") == 0
    finally:
        store.close()
