"""Movements' rules that were missing: no ending before the tổng kết without a reason; points judged as printed (a
mandatory criterion is not passed by 0,000000001); one cell once in a batch; each block (khối/cụm) ranked apart
with its own leading unit; nothing done in a movement never launched; a regular movement bound to its year, and
registrations and covenants not dated in the future."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.domain import scoring
from desktop.ops import movements as mv
from desktop.ops.demo import DEMO_REGULAR, fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

SIGNER = [{"name": "Nguyễn Văn A", "title": "Trưởng phòng", "member": ""}]


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _regular(store) -> dict:
    name = DEMO_REGULAR.format(year=DEMO_TODAY.year)
    return next(m for m in mv.list_movements(store, year=DEMO_TODAY.year) if m["name"] == name)


def _count(store, table: str, movement_id: int) -> int:
    return int(store.scalar(f"SELECT count(*) FROM {table} WHERE movement_id = ?", (movement_id,)))


# -- 3. ending a movement before its tổng kết ------------------------------------------------------------------


def test_a_movement_is_not_ended_before_its_tong_ket_without_a_reason(demo):
    movement = _regular(demo)
    assert movement["status"] == "mid_reviewed" and not any(
        r["kind"] == "tong_ket" for r in mv.get_movement(demo, movement["id"])["reviews"]
    )
    for close in (
        lambda: mv.close_movement(demo, movement_id=movement["id"]),
        lambda: mv.close_movement(demo, movement_id=movement["id"], reason="  "),
        lambda: mv.set_status(demo, movement_id=movement["id"], status="closed"),
    ):
        with pytest.raises(ValidationError) as refused:
            close()
        assert "chưa tổng kết" in str(refused.value) and "lý do" in str(refused.value)
        assert refused.value.field == "reason"
    assert mv.get_movement(demo, movement["id"])["status"] == "mid_reviewed"
    # the tổng kết can still be held
    mv.create_review(demo, movement_id=movement["id"], kind="tong_ket", review_date=DEMO_TODAY, today=DEMO_TODAY)
    mv.close_movement(demo, movement_id=movement["id"])  # after it: nothing more is asked
    assert mv.get_movement(demo, movement["id"])["status"] == "closed"


def test_an_ending_before_the_tong_ket_keeps_its_reason_in_the_movement_and_the_audit_log(demo):
    movement = _regular(demo)
    reason = "Cấp trên dừng phong trào, gộp vào phong trào chung của tỉnh"
    mv.close_movement(demo, movement_id=movement["id"], reason=reason)
    row = mv.get_movement(demo, movement["id"])
    assert row["status"] == "closed" and reason in row["notes"] and "chưa tổng kết" in row["notes"]
    logged = demo.query(
        "SELECT operation, after FROM audit_log WHERE table_name = 'movements' AND record_uuid = ? "
        "AND action = 'event'",
        (row["uuid"],),
    )
    assert [(r["operation"], json.loads(r["after"])) for r in logged] == [
        ("movement.status", {"status": "closed", "reason": reason})
    ]


# -- 4. points as printed --------------------------------------------------------------------------------------


def test_points_that_two_decimals_would_round_are_refused_however_small():
    criterion = scoring.Criterion("c", "Hoàn thành nhiệm vụ", 40, mandatory=True)
    for typed in ("0.000000001", "1e-9", "1E-16", 1e-9, 1e-16, 0.0049, "39.999999999"):
        problem = scoring.check_points(criterion, typed, "Phòng Kinh tế") or ""
        assert "quá 2 chữ số thập phân" in problem and "Phòng Kinh tế" in problem, typed
    for fine in ("0.01", 0.01, "40", "1e1", 0.1 + 0.2):
        assert scoring.check_points(criterion, fine) is None, fine


def test_a_mandatory_criterion_is_judged_on_the_points_as_printed():
    criterion = scoring.Criterion("c", "Hoàn thành nhiệm vụ", 40, mandatory=True)
    other = scoring.Criterion("o", "Cải cách hành chính", 60)
    people = [scoring.Participant("a", "Phòng A"), scoring.Participant("b", "Phòng B")]
    # Phòng A's 0,000000001 (stored by an older version) prints as 0: it fails, whatever its other points
    points = {("a", "c"): 1e-9, ("a", "o"): 60.0, ("b", "c"): 0.01, ("b", "o"): 10.0}
    result = scoring.rank([criterion, other], people, points, validate=False).by_key()
    assert not result["a"].passed and result["a"].failed_criteria == ("Hoàn thành nhiệm vụ",)
    assert result["b"].passed and result["b"].rank == 1 and result["a"].rank == 2


def test_tiny_points_on_a_mandatory_criterion_are_refused_and_nothing_is_saved(demo):
    movement_id = _regular(demo)["id"]
    grid = mv.score_grid(demo, movement_id=movement_id)
    mandatory = next(c for c in grid["criteria"] if c["mandatory"])
    key = grid["participants"][1]["key"]
    before = grid["points"].get((key, mandatory["id"]))
    for typed in ("0.000000001", "1e-9", 1e-9):
        with pytest.raises(ValidationError, match="quá 2 chữ số thập phân"):
            mv.record_scores(
                demo,
                movement_id=movement_id,
                entries=[{"participant": key, "criterion_id": mandatory["id"], "points": typed}],
            )
    assert mv.score_grid(demo, movement_id=movement_id)["points"].get((key, mandatory["id"])) == before


# -- 5. the same cell twice in one batch -----------------------------------------------------------------------


def test_the_same_cell_twice_in_a_batch_is_refused_naming_it_and_nothing_is_saved(demo):
    movement_id = _regular(demo)["id"]
    grid = mv.score_grid(demo, movement_id=movement_id)
    criterion = grid["criteria"][1]
    person, other = grid["participants"][0], grid["participants"][2]
    before = dict(grid["points"])
    for second in (None, "", 12, 13):  # set then clear, or set twice
        entries = [
            {"participant": other["key"], "criterion_id": criterion["id"], "points": 5},
            {"participant": person["key"], "criterion_id": criterion["id"], "points": 11},
            {"participant": person["key"], "criterion_id": criterion["id"], "points": second},
        ]
        with pytest.raises(ValidationError) as refused:
            mv.record_scores(demo, movement_id=movement_id, entries=entries)
        text = str(refused.value)
        assert text.startswith("Dòng 3:") and "dòng 2" in text, text
        assert f"“{person['name']}”" in text and f"“{criterion['name']}”" in text
        assert mv.score_grid(demo, movement_id=movement_id)["points"] == before


def test_the_command_line_refuses_the_same_cell_twice_in_vietnamese(demo, db_path, capsys):
    movement_id = _regular(demo)["id"]
    grid = mv.score_grid(demo, movement_id=movement_id)
    criterion, person = grid["criteria"][1], grid["participants"][0]
    before = dict(grid["points"])
    demo.close()
    cell = f"{person['name']}|{criterion['name']}"
    code = main(
        ["--db", str(db_path), "movement", "score", str(movement_id), "--set", f"{cell}|5", "--set", f"{cell}|9"]
    )
    err = capsys.readouterr().err
    assert code == 1 and "UNIQUE" not in err and "Traceback" not in err
    assert "Dòng 2:" in err and "đã có ở dòng 1" in err and person["name"] in err
    from desktop.store import open_store

    reopened = open_store(db_path)
    try:
        assert mv.score_grid(reopened, movement_id=movement_id)["points"] == before
    finally:
        reopened.close()


# -- 6. each block ranked apart --------------------------------------------------------------------------------


@pytest.fixture
def two_blocks(demo):
    departments = [r["id"] for r in demo.query("SELECT id FROM departments ORDER BY id")]
    movement_id = mv.create_movement(
        demo, name="Thi đua cải cách hành chính 2025", kind="thematic", launch_date="2025-02-01",
        start_date="2025-02-01", end_date="2025-11-30",
    )  # fmt: skip
    criterion = mv.add_criterion(demo, movement_id=movement_id, name="Kết quả", max_points=100)
    for block, members in (("Khối Đảng - Đoàn thể", departments[:2]), ("Khối Chính quyền", departments[2:4])):
        mv.sign_block_covenant(
            demo, movement_id=movement_id, block_name=block, signed_on="2025-02-15", signatories=SIGNER,
            department_ids=members, today=DEMO_TODAY,
        )  # fmt: skip
    people = mv.participants(demo, movement_id=movement_id)
    points = dict(zip((p["key"] for p in people), (95, 80, 90, 70), strict=True))
    mv.record_scores(
        demo,
        movement_id=movement_id,
        entries=[{"participant": k, "criterion_id": criterion, "points": v} for k, v in points.items()],
    )
    names = {p["key"]: p["name"] for p in people}
    return demo, movement_id, [names[k] for k in points]


def test_each_block_is_ranked_apart_with_its_own_leader(two_blocks):
    store, movement_id, (first, second, third, fourth) = two_blocks
    result = mv.ranking(store, movement_id=movement_id)
    assert [(r.block, r.rank, r.name) for r in result.results] == [
        ("Khối Đảng - Đoàn thể", 1, first),
        ("Khối Đảng - Đoàn thể", 2, second),
        ("Khối Chính quyền", 1, third),
        ("Khối Chính quyền", 2, fourth),
    ]
    assert [(b.block, b.leader_name) for b in result.blocks] == [
        ("Khối Đảng - Đoàn thể", first),
        ("Khối Chính quyền", third),
    ]
    assert result.leader_key is None and len(result.leader_keys) == 2
    assert f"Khối Chính quyền: {third} dẫn đầu với 90 điểm" in result.note
    data = mv.ranking_json(result)
    assert data["leader"] is None and [b["leader_name"] for b in data["blocks"]] == [first, third]
    assert [r["block"] for r in data["results"]] == ["Khối Đảng - Đoàn thể"] * 2 + ["Khối Chính quyền"] * 2


def test_the_command_lines_ranking_names_each_rows_block(two_blocks, db_path, capsys):
    store, movement_id, (first, second, third, fourth) = two_blocks
    store.close()
    assert main(["--db", str(db_path), "movement", "rank", str(movement_id)]) == 0
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    for rank, block, name in (
        (1, "Khối Đảng - Đoàn thể", first),
        (2, "Khối Đảng - Đoàn thể", second),
        (1, "Khối Chính quyền", third),
        (2, "Khối Chính quyền", fourth),
    ):
        assert any(line.startswith(f"{rank} {block} {name} ") for line in lines), (rank, name, lines)


def test_the_tong_ket_proposes_one_leader_per_block_and_prints_the_blocks(two_blocks, tmp_path: Path):
    store, movement_id, (first, _second, third, _fourth) = two_blocks
    proposals = mv.default_proposals(store, movement_id=movement_id)
    assert [(p["name"], p["code"]) for p in proposals] == [(first, "GIAY_KHEN"), (third, "GIAY_KHEN")]
    assert "Dẫn đầu Khối Chính quyền trong phong trào" in proposals[1]["achievement"]
    review_id = mv.create_review(
        store, movement_id=movement_id, kind="tong_ket", review_date="2025-12-02", today=DEMO_TODAY
    )
    review = mv.get_review(store, review_id)
    assert [p["name"] for p in review["proposals"]] == [first, third]
    assert [b["block"] for b in review["ranking"]["blocks"]] == ["Khối Đảng - Đoàn thể", "Khối Chính quyền"]
    out = mv.export_review(store, review_id=review_id, out=tmp_path / "tong-ket.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)
    assert "1. Khối Đảng - Đoàn thể" in text and "2. Khối Chính quyền" in text
    assert f"Suy tôn đơn vị dẫn đầu Khối Chính quyền: {third}" in text


def test_one_block_ranks_as_before(demo):
    result = mv.ranking(demo, movement_id=_regular(demo)["id"])
    assert result.blocks == () and all(r.block == "" for r in result.results)
    assert result.leader_keys == (() if result.leader_key is None else (result.leader_key,))


# -- 7. a movement never launched ------------------------------------------------------------------------------


def test_the_demo_movements_are_launched(demo):
    assert {m["status"] for m in mv.list_movements(demo)} <= {"launched", "mid_reviewed"}


def test_nothing_is_done_in_a_planned_movement(demo):
    departments = [r["id"] for r in demo.query("SELECT id FROM departments ORDER BY id")]
    staff_id = demo.scalar("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 1")
    movement_id = mv.create_movement(
        demo, name="Phong trào chưa phát động", kind="thematic", start_date="2025-03-01", end_date="2025-11-30"
    )
    assert mv.get_movement(demo, movement_id)["status"] == "planned"
    criterion = mv.add_criterion(demo, movement_id=movement_id, name="Kết quả", max_points=100)  # the plan: fine
    key = mv.participants(demo, movement_id=movement_id)[0]["key"]
    attempts = {
        "đăng ký thi đua": lambda: mv.register(
            demo, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2025-03-05"
        ),
        "ký giao ước thi đua": lambda: mv.sign_block_covenant(
            demo,
            movement_id=movement_id,
            block_name="Khối X",
            signed_on="2025-03-10",
            signatories=SIGNER,
            department_ids=departments,
        ),
        "chấm điểm": lambda: mv.record_scores(
            demo, movement_id=movement_id, entries=[{"participant": key, "criterion_id": criterion, "points": 90}]
        ),
        "ghi hội nghị sơ kết": lambda: mv.create_review(
            demo, movement_id=movement_id, kind="so_ket", review_date="2025-07-01", today=DEMO_TODAY
        ),
        "ghi hội nghị tổng kết": lambda: mv.create_review(
            demo, movement_id=movement_id, kind="tong_ket", review_date="2025-12-01", today=DEMO_TODAY
        ),
        "đề nghị khen thưởng": lambda: mv.propose_to_review(
            demo,
            movement_id=movement_id,
            year=2025,
            proposals=[{"target_kind": "collective", "department_id": departments[0], "code": "GIAY_KHEN"}],
        ),
    }
    for what, attempt in attempts.items():
        with pytest.raises(ValidationError) as refused:
            attempt()
        text = str(refused.value)
        assert "chưa phát động" in text and f"chưa {what} được" in text and "Hãy phát động" in text, what
    for table in ("registrations", "covenants", "scores", "movement_reviews"):
        assert _count(demo, table, movement_id) == 0, table
    assert demo.scalar("SELECT count(*) FROM review_rounds WHERE movement_id = ?", (movement_id,)) == 0
    # launched (a launch date typed in the movement's details is a launch too), all of it is accepted
    mv.update_movement(demo, movement_id=movement_id, launch_date="2025-03-01")
    assert mv.get_movement(demo, movement_id)["status"] == "launched"
    mv.register(demo, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2025-03-05")
    attempts["ký giao ước thi đua"]()
    first = mv.participants(demo, movement_id=movement_id)[0]["key"]
    entries = [{"participant": first, "criterion_id": criterion, "points": 90}]
    assert mv.record_scores(demo, movement_id=movement_id, entries=entries) == 1


# -- 8. a regular movement is its year's; nothing dated in the future ------------------------------------------


def test_a_regular_movement_lies_within_its_year(demo):
    with pytest.raises(ValidationError, match="không thuộc năm 2020 của phong trào thường xuyên") as refused:
        mv.create_movement(
            demo, name="Thi đua năm 2020", kind="regular", year=2020, launch_date="2025-01-05",
            start_date="2025-01-05", end_date="2025-12-31",
        )  # fmt: skip
    assert refused.value.field == "launch_date"
    for dates, field in (
        ({"launch_date": "2024-11-30"}, "launch_date"),
        ({"start_date": "2024-12-15"}, "start_date"),
        ({"launch_date": "2025-01-05", "end_date": "2026-01-31"}, "end_date"),
    ):
        with pytest.raises(ValidationError) as refused:
            mv.create_movement(demo, name="Thi đua năm 2025", kind="regular", year=2025, **dates)
        assert refused.value.field == field and "từ 01/12/2024 đến 31/12/2025" in str(refused.value)
    # launched in December for the next year: its movement
    early = mv.create_movement(
        demo, name="Thi đua năm 2026", kind="regular", year=2026, launch_date="2025-12-01", start_date="2026-01-01"
    )
    with pytest.raises(ValidationError, match="không thuộc năm 2026"):
        mv.update_movement(demo, movement_id=early, end_date="2027-03-31")
    with pytest.raises(ValidationError, match="không thuộc năm 2027"):
        mv.update_movement(demo, movement_id=early, year=2027)
    planned = mv.create_movement(demo, name="Thi đua năm 2024", kind="regular", year=2024)
    with pytest.raises(ValidationError, match="không thuộc năm 2024"):
        mv.launch(demo, movement_id=planned, launch_date="2025-01-10")
    mv.launch(demo, movement_id=planned, launch_date="2024-01-10")
    assert mv.get_movement(demo, early)["end_date"] is None and mv.get_movement(demo, early)["year"] == 2026


def test_a_regular_movement_without_an_end_ends_with_its_year(demo):
    staff_id = demo.scalar("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 1")
    department = demo.scalar("SELECT id FROM departments WHERE active = 1 ORDER BY id LIMIT 1")
    movement_id = mv.create_movement(
        demo, name="Thi đua thường xuyên 2025", kind="regular", year=2025, launch_date="2025-02-10"
    )
    later = date(2028, 6, 1)  # long after: only the movement's year bounds these
    with pytest.raises(ValidationError, match="không thuộc năm 2025"):
        mv.register(
            demo, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2027-05-01", today=later
        )
    with pytest.raises(ValidationError, match="không thuộc năm 2025"):
        mv.sign_block_covenant(
            demo, movement_id=movement_id, block_name="Khối 2028", signed_on="2028-01-01", signatories=SIGNER,
            department_ids=[department], today=later,
        )  # fmt: skip
    with pytest.raises(ValidationError, match=r"sau ngày kết thúc phong trào .*\(31/12/2025\)"):
        mv.create_review(demo, movement_id=movement_id, kind="so_ket", review_date="2026-02-01", today=later)
    with pytest.raises(ValidationError, match="tổng kết muộn nhất ngày 31/12/2026"):
        mv.create_review(demo, movement_id=movement_id, kind="tong_ket", review_date="2027-01-05", today=later)
    assert _count(demo, "registrations", movement_id) == 0 and _count(demo, "covenants", movement_id) == 0
    mv.register(demo, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2025-12-31", today=later)
    mv.create_review(demo, movement_id=movement_id, kind="tong_ket", review_date="2026-01-15", today=later)


def test_registrations_and_covenants_are_not_dated_after_today(demo):
    staff_id = demo.scalar("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 1")
    department = demo.scalar("SELECT id FROM departments WHERE active = 1 ORDER BY id LIMIT 1")
    movement_id = mv.create_movement(
        demo, name="Chung sức vì người nghèo", kind="campaign", launch_date="2025-10-01", end_date="2026-06-30"
    )
    with pytest.raises(ValidationError, match=r"Ngày đăng ký 05/12/2025 chưa tới \(hôm nay là 04/12/2025\)") as no:
        mv.register(
            demo, movement_id=movement_id, code="LDTT", staff_id=staff_id, registered_on="2025-12-05", today=DEMO_TODAY
        )
    assert no.value.field == "registered_on"
    with pytest.raises(ValidationError, match=r"Ngày ký giao ước 01/01/2026 chưa tới") as no:
        mv.sign_block_covenant(
            demo, movement_id=movement_id, block_name="Khối A", signed_on="2026-01-01", signatories=SIGNER,
            department_ids=[department], today=DEMO_TODAY,
        )  # fmt: skip
    assert no.value.field == "signed_on"
    assert _count(demo, "registrations", movement_id) == 0 and _count(demo, "covenants", movement_id) == 0
    # today itself is fine, and an undated registration is dated today
    mv.register(demo, movement_id=movement_id, code="LDTT", staff_id=staff_id, today=DEMO_TODAY)
    assert mv.list_registrations(demo, movement_id=movement_id)[0]["registered_on"] == DEMO_TODAY.isoformat()
    mv.sign_block_covenant(
        demo, movement_id=movement_id, block_name="Khối A", signed_on=DEMO_TODAY, signatories=SIGNER,
        department_ids=[department], today=DEMO_TODAY,
    )  # fmt: skip
