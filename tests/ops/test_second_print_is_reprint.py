"""A certificate printed twice is never two originals (defect e): a first-print batch including an awardee already
printed is refused (before drawing, and again under the write lock), naming them and pointing to “In lại”; the
reprint (window or ``reprint_certificate``) records the reason and the print it continues."""

from __future__ import annotations

from typing import Any

import pytest
from pypdf import PdfReader

from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import NotFoundError, Store, ValidationError, open_store
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    return store


@pytest.fixture
def ldtt(demo: Store) -> dict[str, Any]:
    found = [d for d in review.list_decisions(demo, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")]
    assert len(found) == 1
    return review.get_decision(demo, decision_id=found[0]["id"])


def _batch(store: Store, decision: dict[str, Any], positions: tuple[int, ...], serial: str = "") -> ops.Batch:
    ids = [int(decision["awardees"][p]["id"]) for p in positions]
    return ops.prepare_batch(store, decision_id=decision["id"], awardee_ids=ids, mode="preprinted", serial_start=serial)


def _prints(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM certificate_prints ORDER BY id")


def test_rendering_a_printed_decision_again_is_refused_before_drawing(demo, ldtt, tmp_path):
    ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "a.pdf", serial_start="AA000001")
    count = len(_prints(demo))
    again = tmp_path / "b.pdf"
    with pytest.raises(ValidationError) as refused:
        ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=again, serial_start="AA000100")
    message = str(refused.value)
    first = ldtt["awardees"][0]
    assert f"Đã in giấy cho {count} người trong đợt này: {first['snapshot_name']} (số sổ vàng 1, đã in 1 lần" in message
    assert f"và {count - 10} người khác" in message
    assert "hãy dùng “In lại” và ghi lý do" in message and "Chưa ghi gì vào sổ theo dõi in" in message
    assert refused.value.field == "awardee_ids" and refused.value.row == first["id"]
    assert not again.exists()
    assert len(_prints(demo)) == count
    # a preview is no print: still allowed
    ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=again, record=False)
    assert again.exists() and len(_prints(demo)) == count


def test_a_batch_prepared_before_another_print_is_refused_at_recording(demo, ldtt, db_path):
    mine = _batch(demo, ldtt, (0, 1), serial="AA000010")
    other = open_store(db_path, actor="can_bo_thu_hai")
    try:  # the second clerk prints the second sheet while the first clerk's batch is on the printer
        ops.record_batch(other, _batch(other, ldtt, (1,), serial="AA000001"))
    finally:
        other.close()
    with pytest.raises(ValidationError) as refused:
        ops.record_batch(demo, mine)
    assert ldtt["awardees"][1]["snapshot_name"] + " (số sổ vàng 2, đã in 1 lần" in str(refused.value)
    assert ldtt["awardees"][0]["snapshot_name"] not in str(refused.value)
    assert [p["form_serial"] for p in _prints(demo)] == ["AA000001"]


def test_reprint_certificate_records_a_reprint_of_the_latest_print(demo, ldtt, tmp_path):
    [first_id] = ops.record_batch(demo, _batch(demo, ldtt, (0,), serial="AA000001"))
    awardee = ldtt["awardees"][0]
    out = tmp_path / "in-lai.pdf"
    result = ops.reprint_certificate(
        demo, out=out, awardee_id=awardee["id"], reason="spoiled", note="kẹt giấy", serial="AA000002"
    )
    assert result["reprint_of"] == first_id and result["paths"] == [out]
    assert len(PdfReader(str(out)).pages) == 1
    second = _prints(demo)[-1]
    assert (second["id"], second["reprint_of"], second["reprint_reason"], second["reprint_note"]) == (
        result["print_id"],
        first_id,
        "spoiled",
        "kẹt giấy",
    )
    assert second["mode"] == "preprinted" and second["form_serial"] == "AA000002"
    # by awardee again: a reprint of the latest print; by print id: of that print
    third = ops.reprint_certificate(demo, out=out, awardee_id=awardee["id"], reason="correction")
    assert third["reprint_of"] == result["print_id"]
    fourth = ops.reprint_certificate(demo, out=out, print_id=first_id, reason="other", note="Mực nhòe")
    assert fourth["reprint_of"] == first_id
    [entry] = [r for r in ops.print_register(demo, decision_id=ldtt["id"]) if r["awardee_id"] == awardee["id"]]
    assert (entry["times_printed"], entry["reprints"]) == (4, 3)
    assert entry["reprint_reasons"] == ["Hỏng phôi: kẹt giấy", "Sửa nội dung in sai", "Lý do khác: Mực nhòe"]


def test_reprint_certificate_refuses_before_drawing(demo, ldtt, tmp_path):
    out = tmp_path / "x.pdf"
    never = ldtt["awardees"][5]
    with pytest.raises(ValidationError, match=f"Giấy của {never['snapshot_name']} .*chưa in lần nào"):
        ops.reprint_certificate(demo, out=out, awardee_id=never["id"], reason="spoiled")
    with pytest.raises(NotFoundError):
        ops.reprint_certificate(demo, out=out, print_id=999, reason="spoiled")
    [print_id] = ops.record_batch(demo, _batch(demo, ldtt, (0,), serial="AA000001"))
    with pytest.raises(ValidationError, match="Hãy ghi rõ lý do in lại"):
        ops.reprint_certificate(demo, out=out, print_id=print_id, reason="other")
    with pytest.raises(ValidationError, match="Lý do in lại “hong” không hợp lệ"):
        ops.reprint_certificate(demo, out=out, print_id=print_id, reason="hong")
    with pytest.raises(ValidationError, match="Số seri phôi AA000001 đã được ghi"):
        ops.reprint_certificate(demo, out=out, print_id=print_id, reason="spoiled", serial="AA000001")
    assert not out.exists() and len(_prints(demo)) == 1


def test_a_reprint_batch_in_the_window_flow_is_still_allowed(demo, ldtt):
    """check_first_prints is for first prints only; the reprint path records through record_reprint."""
    [print_id] = ops.record_batch(demo, _batch(demo, ldtt, (0,)))
    batch = _batch(demo, ldtt, (0,))
    with pytest.raises(ValidationError, match="In lại"):
        ops.check_first_prints(demo, batch)
    assert ops.record_reprint(demo, print_id=print_id, reason="spoiled")
    assert [p["reprint_of"] for p in _prints(demo)] == [None, print_id]


def test_a_reprint_the_register_refuses_meanwhile_leaves_no_file(demo, ldtt, db_path, tmp_path, monkeypatch):
    """Two clerks reprint onto the same new form serial at once: the one whose record is refused under the write
    lock must not keep a complete PDF of a reprint nobody recorded (it stayed on the disk before)."""
    from desktop.ops.certificates import batches

    [first_id] = ops.record_batch(demo, _batch(demo, ldtt, (0,), serial="AA000001"))
    real_write = batches.write_batch

    def written_while_the_other_clerk_records(*args: Any, **kwargs: Any) -> list:
        paths = real_write(*args, **kwargs)
        other = open_store(db_path, actor="can_bo_thu_hai")
        try:  # the second clerk's reprint onto the same serial is recorded while this one is being drawn
            ops.record_reprint(other, print_id=first_id, reason="spoiled", serial="AA000002")
        finally:
            other.close()
        return paths

    monkeypatch.setattr(batches, "write_batch", written_while_the_other_clerk_records)
    out = tmp_path / "in-lai.pdf"
    with pytest.raises(ValidationError, match="đã được xóa"):
        ops.reprint_certificate(demo, out=out, print_id=first_id, reason="spoiled", serial="AA000002")
    assert not out.exists()
    assert [p["form_serial"] for p in _prints(demo)] == ["AA000001", "AA000002"]
