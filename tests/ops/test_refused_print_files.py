"""Two clerks print the same people at once: the one the print register refuses is not left with a complete PDF of
originals nobody recorded (the command line kept it; three runs of three reproduced two originals per person)."""

from __future__ import annotations

import pytest

from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError
from tests.demo_date import DEMO_TODAY


def test_a_batch_the_register_refuses_leaves_no_file(store: Store, tmp_path):
    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    [decision] = [d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("tiên tiến năm 2024")]
    ids = [a["id"] for a in review.get_decision(store, decision_id=decision["id"])["awardees"][:2]]
    mine = ops.prepare_batch(store, decision_id=decision["id"], awardee_ids=ids)
    theirs = ops.prepare_batch(store, decision_id=decision["id"], awardee_ids=ids)
    ops.check_first_prints(store, mine)  # both pass the early check: nothing printed yet
    paths = ops.write_batch(mine, tmp_path / "mine.pdf")
    ops.record_batch(store, ops.prepare_batch(store, decision_id=decision["id"], awardee_ids=ids))  # the other clerk
    assert all(path.exists() for path in paths)
    with pytest.raises(ValidationError, match="đã được xóa"):
        ops.record_or_discard(store, theirs, paths)
    assert not any(path.exists() for path in paths)
    assert store.scalar("SELECT count(*) FROM certificate_prints") == len(ids)


def test_a_file_the_register_cannot_be_written_to_leaves_no_file_either(store: Store, tmp_path):
    """The database locked or read-only when the batch is recorded (another program holding it): nothing recorded,
    so the PDF of originals goes too, and the message says so."""
    from desktop.store import DatabaseUnavailableError

    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    [decision] = [d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("tiên tiến năm 2024")]
    batch = ops.prepare_batch(store, decision_id=decision["id"])
    paths = ops.write_batch(batch, tmp_path / "giay.pdf")
    store.readonly = True  # as when another window holds the file: every write is refused
    try:
        with pytest.raises(DatabaseUnavailableError, match="đã được xóa"):
            ops.record_or_discard(store, batch, paths)
    finally:
        store.readonly = False
    assert not any(path.exists() for path in paths)
    assert store.scalar("SELECT count(*) FROM certificate_prints") == 0
