"""`tdkt movement review --propose --out …` is all or nothing: a report path that cannot be written is refused before
anything is recorded, and a refused proposal leaves no review; a retry then records exactly one review and round."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.store import open_store


@pytest.fixture
def tdkt(movement_cli):
    return movement_cli


@pytest.fixture
def movement(tdkt) -> str:
    """A 2025 movement, scored, where Phòng Kinh tế leads."""
    code, out, err = tdkt(
        "movement", "create", "--name", "PT 2025", "--kind", "thematic", "--start", "2025-01-01", "--end",
        "2025-12-31", "--launch-date", "2025-01-02", "--json",
    )  # fmt: skip
    assert code == 0, err
    mid = str(json.loads(out)["id"])
    assert tdkt("movement", "criterion", mid, "--name", "Nhiệm vụ", "--max", "100")[0] == 0
    code, _out, err = tdkt(
        "movement", "score", mid, "--set", "Phòng Kinh tế|Nhiệm vụ|95", "--set", "Phòng Văn hóa - Xã hội|Nhiệm vụ|80"
    )
    assert code == 0, err
    return mid


def _counts(db_path: Path) -> tuple[int, int, int]:
    store = open_store(db_path)
    try:
        return (
            store.scalar("SELECT count(*) FROM movement_reviews"),
            store.scalar("SELECT count(*) FROM review_rounds WHERE kind = 'movement'"),
            store.scalar("SELECT count(*) FROM nominations"),
        )
    finally:
        store.close()


def _review(
    tdkt, mid: str, out: Path, *extra: str, kind: str = "tong_ket", day: str = "2025-12-20"
) -> tuple[int, str, str]:
    return tdkt(
        "movement", "review", mid, "--kind", kind, "--date", day, "--propose", "--out", str(out), *extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bao-cao.odt", "hãy chọn đuôi .pdf hoặc .docx"),
        ("khong-co/bao-cao.pdf", "Không có thư mục"),
        ("la-thu-muc.pdf", "là một thư mục"),
    ],
)
def test_a_bad_report_path_records_nothing_and_the_retry_records_once(tdkt, movement, db_path, tmp_path, name, words):
    (tmp_path / "la-thu-muc.pdf").mkdir()
    code, _out, err = _review(tdkt, movement, tmp_path / name)
    assert code == 1 and words in err, err
    assert _counts(db_path) == (0, 0, 0)
    assert not (tmp_path / "bao-cao.odt").exists() and not (tmp_path / "khong-co").exists()

    code, out, err = _review(tdkt, movement, tmp_path / "bao-cao.pdf", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["round_id"] and (tmp_path / "bao-cao.pdf").stat().st_size > 0
    assert _counts(db_path) == (1, 1, 1)


def test_a_refused_proposal_leaves_no_review(tdkt, movement, db_path, tmp_path):
    assert _review(tdkt, movement, tmp_path / "lan-1.pdf", kind="so_ket", day="2025-06-30")[0] == 0
    assert _counts(db_path) == (1, 1, 1)
    # the tổng kết proposing the same Giấy khen again: refused, and its review is not kept
    code, _out, err = _review(tdkt, movement, tmp_path / "lan-2.pdf")
    assert code == 1 and "không đề nghị lần thứ hai được" in err, err
    assert _counts(db_path) == (1, 1, 1)
    assert not (tmp_path / "lan-2.pdf").exists()
    # a year outside the movement: refused the same way
    code, _out, err = _review(tdkt, movement, tmp_path / "lan-3.pdf", "--year", "2024")
    assert code == 1 and "Năm 2024 không thuộc thời gian của phong trào" in err, err
    assert _counts(db_path) == (1, 1, 1)
    # without --propose the review alone is recorded, with its report
    code, _out, err = tdkt(
        "movement", "review", movement, "--kind", "tong_ket", "--date", "2025-12-21", "--out", str(tmp_path / "r.docx")
    )
    assert code == 0, err
    assert _counts(db_path) == (2, 1, 1) and (tmp_path / "r.docx").stat().st_size > 0
    # and a movement has one tổng kết: a second one is refused, naming the first
    code, _out, err = tdkt("movement", "review", movement, "--kind", "tong_ket", "--date", "2026-01-15", "--propose")
    assert code == 1 and "đã có hội nghị tổng kết ngày 21/12/2025" in err, err
    assert _counts(db_path) == (2, 1, 1)


def test_a_review_date_outside_the_movement_records_nothing(tdkt, movement, db_path, tmp_path):
    code, _out, err = tdkt("movement", "review", movement, "--kind", "so_ket", "--date", "2090-03-01", "--propose")
    assert code == 1 and "sau ngày kết thúc phong trào “PT 2025” (31/12/2025)" in err, err
    assert _counts(db_path) == (0, 0, 0)
