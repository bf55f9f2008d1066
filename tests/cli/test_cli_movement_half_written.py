"""`tdkt movement create --plan` and `tdkt movement covenant` are all or nothing: a plan refused left the movement
behind (a retry made a second one); a covenant refused for its date left its block behind and the retry's new
members were ignored; a block typed with other case or tone placement was a second block, its units ranked twice.
`tdkt movement review` refuses a second tổng kết, which proposed the same Giấy khen again for the next year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.store import open_store

SIGNER = "Nguyễn Văn A|Chủ tịch|UBND xã Yên Minh"


@pytest.fixture
def tdkt(movement_cli):
    return movement_cli


def _rows(db_path: Path, sql: str) -> list[tuple]:
    store = open_store(db_path)
    try:
        return [tuple(row.values()) for row in store.query(sql)]
    finally:
        store.close()


def _create(tdkt, *extra: str) -> tuple[int, str, str]:
    return tdkt(
        "movement", "create", "--name", "Phong trào chuyển đổi số 2026", "--kind", "thematic", "--start",
        "2026-03-01", "--end", "2026-12-31", "--launch-date", "2026-03-01", *extra,
    )  # fmt: skip


def test_a_refused_plan_creates_no_movement(tdkt, db_path, tmp_path):
    (tmp_path / "ke-hoach.txt").write_text("kế hoạch")
    code, _out, err = _create(tdkt, "--plan", str(tmp_path / "ke-hoach.txt"))
    assert code == 1 and "phải là .pdf hoặc .docx" in err, err
    code, _out, err = _create(tdkt, "--plan", str(tmp_path / "khong-co.pdf"))
    assert code == 1 and "Không tìm thấy tệp" in err, err
    assert _rows(db_path, "SELECT id FROM movements") == []
    plan = tmp_path / "ke-hoach.pdf"
    plan.write_bytes(b"%PDF-1.4 ke hoach")
    code, out, err = _create(tdkt, "--plan", str(plan), "--json")
    assert code == 0, err
    created = json.loads(out)
    assert created["plan_name"] == "ke-hoach.pdf" and created["plan_sha256"]
    [(plan_path,)] = _rows(db_path, "SELECT plan_path FROM movements")
    assert Path(plan_path).read_bytes() == plan.read_bytes()


@pytest.fixture
def movement(tdkt) -> str:
    code, out, err = _create(tdkt, "--json")
    assert code == 0, err
    return str(json.loads(out)["id"])


def test_a_refused_covenant_leaves_no_block_and_the_retry_keeps_every_member(tdkt, movement, db_path, tmp_path):
    block = ("--block", "Khối CCHC", "--signer", SIGNER)
    code, _out, err = tdkt(
        "movement", "covenant", movement, *block, "--department", "Phòng Kinh tế", "--date", "2026-02-20"
    )
    assert code == 1 and "trước ngày phát động, bắt đầu phong trào" in err, err
    assert _rows(db_path, "SELECT id FROM blocks") == []
    code, _out, err = tdkt(
        "movement", "covenant", movement, *block, "--department", "Phòng Kinh tế", "--date", "2026-03-10",
        "--out", str(tmp_path / "giao-uoc.odt"),
    )  # fmt: skip
    assert code == 1 and "hãy chọn đuôi .pdf hoặc .docx" in err, err
    assert _rows(db_path, "SELECT id FROM blocks") == []
    code, _out, err = tdkt(
        "movement", "covenant", movement, *block, "--department", "Phòng Kinh tế", "--department",
        "Văn phòng HĐND và UBND", "--date", "2026-03-10", "--out", str(tmp_path / "giao-uoc.pdf"),
    )  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "giao-uoc.pdf").stat().st_size > 0
    members = "SELECT d.name FROM block_members m JOIN departments d ON d.id = m.department_id ORDER BY m.position"
    assert _rows(db_path, members) == [("Phòng Kinh tế",), ("Văn phòng HĐND và UBND",)]


def test_a_cluster_typed_twice_is_one_block_and_its_units_are_ranked_once(tdkt, movement, db_path):
    code, _out, err = tdkt(
        "movement", "covenant", movement, "--block", "Cụm thi đua Thủy Hòa", "--external", "UBND xã Yên Minh",
        "--external", "UBND xã Mậu Duệ", "--date", "2026-03-05", "--signer", SIGNER,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = tdkt(
        "movement", "covenant", movement, "--block", "cụm thi đua Thuỷ Hoà", "--external", "UBND xã Yên Minh",
        "--external", "UBND xã Đường Thượng", "--date", "2026-03-06", "--signer", SIGNER, "--json",
    )  # fmt: skip
    assert code == 0, err
    assert _rows(db_path, "SELECT id, name FROM blocks") == [(json.loads(out)["block_id"], "Cụm thi đua Thủy Hòa")]
    assert tdkt("movement", "criterion", movement, "--name", "Kết quả", "--max", "100")[0] == 0
    code, _out, err = tdkt(
        "movement", "score", movement, "--set", "UBND xã Yên Minh|Kết quả|90", "--set", "UBND xã Mậu Duệ|Kết quả|85.75",
        "--set", "UBND xã Đường Thượng|Kết quả|80",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = tdkt("movement", "rank", movement)
    assert code == 0, err
    assert "85,75" in out and "85.8" not in out  # as the report prints it (it showed 85.8, review M)
    code, out, err = tdkt("movement", "rank", movement, "--json")
    assert code == 0, err
    ranked = json.loads(out)
    assert [(r["rank"], r["name"]) for r in ranked["results"]] == [
        (1, "UBND xã Yên Minh"),
        (2, "UBND xã Mậu Duệ"),
        (3, "UBND xã Đường Thượng"),
    ]


def test_a_second_tong_ket_is_refused(tdkt, db_path):
    code, out, err = tdkt(
        "movement", "create", "--name", "Thi đua năm 2025", "--kind", "regular", "--launch-date", "2025-01-05",
        "--start", "2025-01-01", "--end", "2025-12-31", "--json",
    )  # fmt: skip
    assert code == 0, err
    movement = str(json.loads(out)["id"])
    assert tdkt("movement", "criterion", movement, "--name", "Kết quả", "--max", "100")[0] == 0
    code, _out, err = tdkt(
        "movement", "score", movement, "--set", "Phòng Kinh tế|Kết quả|95", "--set", "Công an xã|Kết quả|80"
    )
    assert code == 0, err
    review = ("movement", "review", movement, "--kind", "tong_ket", "--propose", "--date")
    assert tdkt(*review, "2025-12-30")[0] == 0
    code, _out, err = tdkt(*review, "2026-01-15")
    assert code == 1 and "đã có hội nghị tổng kết ngày 30/12/2025" in err, err
    nominations = (
        "SELECT r.year, n.code FROM nominations n JOIN review_rounds r ON r.id = n.round_id WHERE r.kind = 'movement'"
    )
    assert _rows(db_path, nominations) == [(2025, "GIAY_KHEN")]
    assert _rows(db_path, "SELECT kind, review_date FROM movement_reviews") == [("tong_ket", "2025-12-30")]
