"""What a review of the movements found: a launch after the end, a closed movement's plan, a fake plan file,
criteria of one name, clearing a score from the command line, and a printed ranking whose columns must add up."""

from __future__ import annotations

import json

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError, open_store


@pytest.fixture
def tdkt(movement_cli):
    return movement_cli


def _json(result: tuple[int, str, str]):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def _movement(tdkt, *dates: str) -> str:
    return str(_json(tdkt("movement", "create", "--name", "Thi đua X", "--kind", "thematic", *dates, "--json"))["id"])


def test_a_launch_after_the_end_is_refused_when_created_and_when_launched(tdkt, db_path):
    code, _out, err = tdkt(
        "movement", "create", "--name", "Đợt 100 ngày", "--kind", "campaign", "--launch-date", "2025-12-01",
        "--end", "2025-06-30",
    )  # fmt: skip
    assert code == 1 and "Ngày phát động (01/12/2025) sau ngày kết thúc phong trào (30/06/2025)" in err
    movement = _movement(tdkt, "--start", "2025-01-01", "--end", "2025-06-30")
    code, _out, err = tdkt("movement", "launch", movement, "--date", "2025-07-01")
    assert code == 1 and "sau ngày kết thúc" in err
    store = open_store(db_path)
    try:
        assert store.scalar("SELECT launch_date FROM movements WHERE id = ?", (int(movement),)) is None
        mv.launch(store, movement_id=int(movement), launch_date="2025-06-01")
        with pytest.raises(ValidationError, match="sau ngày kết thúc"):  # moving the end before the launch, too
            mv.update_movement(store, movement_id=int(movement), end_date="2025-05-01")
    finally:
        store.close()
    assert tdkt("movement", "launch", movement, "--date", "2025-06-30")[0] == 0  # on the last day: fine


def test_a_closed_movement_keeps_its_plan_and_stays_closed(tdkt, db_path, tmp_path):
    movement = int(_movement(tdkt, "--launch-date", "2025-03-01", "--end", "2025-11-30"))
    plan = tmp_path / "ke-hoach.pdf"
    plan.write_bytes(b"%PDF-1.4\n% ke hoach\n")
    store = open_store(db_path)
    try:
        mv.attach_plan(store, movement_id=movement, path=plan)
        mv.close_movement(store, movement_id=movement, reason="UBND huyện dừng phong trào, không tổng kết")
        other = tmp_path / "ke-hoach-moi.pdf"
        other.write_bytes(b"%PDF-1.4\n% khac\n")
        with pytest.raises(ValidationError, match="đã kết thúc"):
            mv.attach_plan(store, movement_id=movement, path=other)
        with pytest.raises(ValidationError, match="đã kết thúc"):
            mv.set_status(store, movement_id=movement, status="launched")
        row = mv.get_movement(store, movement)
        assert (row["status"], row["plan_name"]) == ("closed", "ke-hoach.pdf")
    finally:
        store.close()


def test_closing_before_the_tong_ket_needs_a_reason_on_the_command_line(tdkt, db_path):
    """Closing is for good: before the tổng kết the movement could never hold it nor propose its awards, so
    `movement close` asks `--reason`, which goes into the movement's notes."""
    movement = _movement(tdkt, "--launch-date", "2025-03-01", "--end", "2025-11-30")
    code, _out, err = tdkt("movement", "close", movement)
    assert code == 1 and "chưa tổng kết" in err and "lý do kết thúc" in err
    code, _out, err = tdkt("movement", "close", movement, "--reason", "UBND huyện dừng phong trào")
    assert code == 0, err
    store = open_store(db_path)
    try:
        row = mv.get_movement(store, int(movement))
        assert row["status"] == "closed" and "UBND huyện dừng phong trào" in row["notes"]
    finally:
        store.close()


def test_a_plan_file_that_only_wears_a_documents_name_is_refused(tdkt, db_path, tmp_path):
    movement = int(_movement(tdkt, "--launch-date", "2025-03-01"))
    fake = tmp_path / "kehoach.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    store = open_store(db_path)
    try:
        with pytest.raises(ValidationError, match="không phải tệp PDF thật") as caught:
            mv.attach_plan(store, movement_id=movement, path=fake)
        assert "kehoach.pdf" in str(caught.value)
        assert mv.get_movement(store, movement)["plan_name"] in (None, "")
        docx = tmp_path / "kehoach.docx"
        docx.write_bytes(b"%PDF-1.4\n")  # a PDF renamed .docx is not a .docx either
        with pytest.raises(ValidationError, match="không phải tệp DOCX thật"):
            mv.attach_plan(store, movement_id=movement, path=docx)
    finally:
        store.close()


def test_criteria_of_one_name_are_refused_and_an_ambiguous_name_scores_nothing(tdkt, db_path):
    movement = _movement(tdkt, "--launch-date", "2025-03-01", "--end", "2025-11-30")
    first = _json(tdkt("movement", "criterion", movement, "--name", "Kỷ cương hành chính", "--max", "10", "--json"))
    code, _out, err = tdkt(
        "movement", "criterion", movement, "--name", "kỷ cương  hành chính", "--max", "10", "--kind", "penalty"
    )
    assert code == 1 and f"đã có tiêu chí “Kỷ cương hành chính” (mã {first['criterion_id']})" in err
    # a database made before the refusal may hold two: the name no longer picks the first one silently
    store = open_store(db_path)
    try:
        with store.transaction(operation="test.old_data"):
            store.execute(
                "INSERT INTO criteria (uuid, movement_id, position, name, max_points, weight, mandatory, kind, "
                "description, created_at, updated_at) SELECT 'u-2', movement_id, 1, name, max_points, weight, "
                "mandatory, 'penalty', '', created_at, updated_at FROM criteria WHERE id = ?",
                (first["criterion_id"],),
            )
    finally:
        store.close()
    code, _out, err = tdkt("movement", "score", movement, "--set", "Phòng Kinh tế|Kỷ cương hành chính|5")
    assert code == 1 and "Có 2 tiêu chí cùng tên “Kỷ cương hành chính”" in err
    saved = _json(tdkt("movement", "score", movement, "--set", f"Phòng Kinh tế|{first['criterion_id']}|5", "--json"))
    assert saved["saved"] == 1


def test_an_empty_score_clears_the_cell_from_the_command_line(tdkt):
    movement = _movement(tdkt, "--launch-date", "2025-03-01", "--end", "2025-11-30")
    criterion = _json(tdkt("movement", "criterion", movement, "--name", "Nhiệm vụ", "--max", "10", "--json"))
    cid = criterion["criterion_id"]
    _json(tdkt("movement", "score", movement, "--set", f"Phòng Kinh tế|{cid}|7", "--json"))
    assert _json(tdkt("movement", "score", movement, "--set", f"Phòng Kinh tế|{cid}|", "--json"))["saved"] == 1
    ranking = _json(tdkt("movement", "rank", movement, "--json"))
    assert next(r for r in ranking["results"] if r["name"] == "Phòng Kinh tế")["total"] == 0
    assert tdkt("movement", "score", movement, "--set", f"|{cid}|5")[0] == 1  # only the points may be empty


def test_the_printed_ranking_columns_add_up_to_the_total(tdkt):
    movement = _movement(tdkt, "--launch-date", "2025-03-01", "--start", "2025-03-01", "--end", "2025-11-30")
    base = _json(tdkt("movement", "criterion", movement, "--name", "Chuyển đổi số", "--max", "10", "--weight", "1.5",
                      "--json"))["criterion_id"]  # fmt: skip
    bonus = _json(tdkt("movement", "criterion", movement, "--name", "Sáng kiến", "--max", "10", "--weight", "1.5",
                       "--kind", "bonus", "--json"))["criterion_id"]  # fmt: skip
    tdkt("movement", "score", movement, "--set", f"Phòng Kinh tế|{base}|7,25", "--set", f"Phòng Kinh tế|{bonus}|0,25")
    ranking = _json(tdkt("movement", "rank", movement, "--json"))
    row = next(r for r in ranking["results"] if r["name"] == "Phòng Kinh tế")
    assert (row["base"], row["bonus"], row["penalty"]) == (10.88, 0.38, 0.0)
    assert row["total"] == round(row["base"] + row["bonus"] - row["penalty"], 2) == 11.26
