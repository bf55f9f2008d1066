"""Issue 8: a verified backup is made before every decision issue and every package import."""

from __future__ import annotations

from datetime import date

from desktop.exchange.exporter import export_package
from desktop.ops import backup, exchange, review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.exchange import YEAR, link, make_province, make_unit


def _reasons(store) -> list[str]:
    return [info.reason for info in backup.list_backups(store)]


def test_a_backup_is_made_before_a_decision_is_issued(unit_store):
    # The demo issues earlier years' decisions inside its own transaction: no backups there.
    fill_demo(unit_store, today=DEMO_TODAY)
    assert "before_decision" not in _reasons(unit_store)
    round_id = review.create_round(unit_store, year=2025)
    decision_id = review.issue_decision(
        unit_store, round_id=round_id, decision_date=date(2025, 12, 30), signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo", subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        achievement_text="Đã hoàn thành tốt nhiệm vụ năm 2025",
    )  # fmt: skip
    assert decision_id
    made = [info for info in backup.list_backups(unit_store) if info.reason == "before_decision"]
    assert len(made) == 1 and made[0].verified
    # the backup holds the data as it was just before: no decision of 2025 yet
    assert made[0].counts["decisions"] == unit_store.scalar("SELECT count(*) FROM decisions") - 1


def test_a_backup_is_made_before_a_package_import_but_not_for_a_repeat(tmp_path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        path = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bao-cao.tdkt")
        exchange.import_files(prov, files=[path])
        assert _reasons(prov).count("before_import") == 1
        exchange.import_files(prov, files=[path])  # already imported: nothing to protect
        assert _reasons(prov).count("before_import") == 1
    finally:
        unit.close()
        prov.close()


def test_a_backup_is_made_before_a_decision_is_replaced_and_before_one_is_cancelled(unit_store):
    """Replacing takes a new number and withdraws the old decision's awards; cancelling withdraws them too: both
    are as hard to undo as issuing, so each is preceded by a verified backup of the data as it stood."""
    fill_demo(unit_store, today=DEMO_TODAY)
    round_id = review.create_round(unit_store, year=2025)
    first = review.issue_decision(
        unit_store, round_id=round_id, decision_date=date(2025, 12, 26), signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo", subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
    )  # fmt: skip
    awards = unit_store.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (first,))
    assert awards

    second = review.correct_decision(
        unit_store, decision_id=first, reason="Sai trích yếu", decision_date=date(2025, 12, 27),
        changes={"subject": "Về việc khen thưởng năm 2025"},
    )  # fmt: skip
    made = [info for info in backup.list_backups(unit_store) if info.reason == "before_decision"]
    assert len(made) == 2 and all(info.verified for info in made)
    # one holds the data just before the issue, the other just before the replacement
    now = unit_store.scalar("SELECT count(*) FROM decisions")
    assert sorted(info.counts["decisions"] for info in made) == [now - 2, now - 1]

    review.revoke_decision(unit_store, decision_id=second, reason="Quyết định ban hành sai thẩm quyền")
    made = [info for info in backup.list_backups(unit_store) if info.reason == "before_decision"]
    assert len(made) == 3 and all(info.verified for info in made)
    # the newest still holds the awards the cancellation withdrew (as the one before the replacement did)
    now = unit_store.scalar("SELECT count(*) FROM awards")
    assert sorted(info.counts["awards"] for info in made) == [now, now + awards, now + awards]
