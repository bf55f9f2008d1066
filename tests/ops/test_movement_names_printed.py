"""A signed paper reprints as it was signed: a covenant, and a tổng kết, name the movement as it was called when
they were recorded (not after a later rename), and a tổng kết names each department as it was called on the
review's day (a rename decided in advance does not reach back)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from desktop.ops import movements as mv
from desktop.ops import unit
from tests.ops.movement_flow import setup_unit

OLD_NAME = "Thi đua chung sức xây dựng nông thôn mới"
NEW_NAME = "Thi đua đổi mới sáng tạo"
SIGNERS = [{"name": "Vàng Seo Páo", "title": "Trưởng phòng", "member": "Phòng Kinh tế"}]
LATER = date(2026, 3, 1)


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _movement(store) -> int:
    movement_id = mv.create_movement(
        store, name=OLD_NAME, kind="thematic", start_date="2025-01-01", end_date="2025-12-31"
    )
    mv.launch(store, movement_id=movement_id, launch_date="2025-01-01")
    return movement_id


def _sign(store, ids: dict[str, int], movement_id: int) -> int:
    signed = mv.sign_block_covenant(
        store,
        movement_id=movement_id,
        block_name="Khối các phòng chuyên môn",
        signed_on="2025-02-10",
        signatories=SIGNERS,
        department_ids=[ids["Phòng Kinh tế"], ids["Công an xã"]],
        today=LATER,
    )
    return int(signed["covenant_id"])


def test_a_covenant_reprints_the_movement_name_it_was_signed_under(unit_store, tmp_path: Path) -> None:
    ids = setup_unit(unit_store)
    movement_id = _movement(unit_store)
    _sign(unit_store, ids, movement_id)
    mv.update_movement(unit_store, movement_id=movement_id, name=NEW_NAME)
    text = _text(mv.export_covenant(unit_store, movement_id=movement_id, out=tmp_path / "giao-uoc.pdf"))
    assert f"“{OLD_NAME}”" in text
    assert NEW_NAME not in text


def test_a_covenant_signed_before_names_were_kept_reads_the_audit_log(unit_store, tmp_path: Path) -> None:
    """A covenant whose terms keep no movement (signed by an older version) takes the movement as the audit log
    shows it when the covenant was written."""
    ids = setup_unit(unit_store)
    movement_id = _movement(unit_store)
    covenant_id = _sign(unit_store, ids, movement_id)
    terms = json.loads(unit_store.scalar("SELECT terms FROM covenants WHERE id = ?", (covenant_id,)))
    terms.pop("movement", None)
    with unit_store.transaction(operation="test.old_covenant"):
        unit_store.touch("covenants", covenant_id, {"terms": json.dumps(terms, ensure_ascii=False)})
    mv.update_movement(unit_store, movement_id=movement_id, name=NEW_NAME)
    mv.update_movement(unit_store, movement_id=movement_id, name="Tên thứ ba của phong trào")
    text = _text(mv.export_covenant(unit_store, movement_id=movement_id, out=tmp_path / "giao-uoc-cu.pdf"))
    assert f"“{OLD_NAME}”" in text
    assert NEW_NAME not in text and "Tên thứ ba" not in text


def test_a_tong_ket_reprints_the_movement_name_it_was_held_under(unit_store, tmp_path: Path) -> None:
    setup_unit(unit_store)
    movement_id = _movement(unit_store)
    review_id = mv.create_review(
        unit_store, movement_id=movement_id, kind="tong_ket", review_date="2025-12-20", proposals=[], today=LATER
    )
    mv.update_movement(unit_store, movement_id=movement_id, name=NEW_NAME)
    text = _text(mv.export_review(unit_store, review_id=review_id, out=tmp_path / "tong-ket.pdf"))
    assert f"“{OLD_NAME}”" in text
    assert NEW_NAME not in text


def test_a_tong_ket_names_departments_as_they_were_called_on_its_day(unit_store, tmp_path: Path) -> None:
    """Renamed from 1 January 2026, decided in December: the tổng kết of 20 December 2025 names the leader, in its
    ranking and its proposal, "Phòng Kinh tế"."""
    ids = setup_unit(unit_store)
    movement_id = _movement(unit_store)
    criterion = mv.add_criterion(unit_store, movement_id=movement_id, name="Nhiệm vụ", max_points=100)
    mv.record_scores(
        unit_store,
        movement_id=movement_id,
        entries=[
            {"participant": f"d:{ids['Phòng Kinh tế']}", "criterion_id": criterion, "points": 95},
            {"participant": f"d:{ids['Công an xã']}", "criterion_id": criterion, "points": 80},
        ],
    )
    unit.rename_department(
        unit_store,
        department_id=ids["Phòng Kinh tế"],
        name="Phòng Kinh tế và Hạ tầng",
        valid_from=date(2026, 1, 1),
        today=date(2025, 12, 15),
    )
    review_id = mv.create_review(
        unit_store, movement_id=movement_id, kind="tong_ket", review_date="2025-12-20", today=date(2025, 12, 20)
    )
    review = mv.get_review(unit_store, review_id)
    assert [p["name"] for p in review["proposals"]] == ["Phòng Kinh tế"]
    assert review["ranking"]["results"][0]["name"] == "Phòng Kinh tế"
    text = _text(mv.export_review(unit_store, review_id=review_id, out=tmp_path / "tong-ket-ten.pdf"))
    assert "Phòng Kinh tế" in text
    assert "Hạ tầng" not in text
