"""`tdkt decision`: dates in sentences and tables as dd/mm/yyyy (JSON keeps ISO dates); series symbols as one book."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main

HEADER = ("--signer-title", "Chủ tịch", "--signer-name", "Sùng Mí Pháo")


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo", "--today", "2025-12-04")[0] == 0
    return run


@pytest.fixture
def ldtt(tdkt):
    code, out, err = tdkt("review", "create", "--year", "2025", "--json")
    assert code == 0, err
    created = json.loads(out)
    return str(created["id"]), [str(n["id"]) for n in created["nominations"] if n["code"] == "LDTT"]


def _issue(tdkt, round_id: str, nomination: str, *extra: str) -> tuple[int, str, str]:
    return tdkt(
        "decision", "issue", "--round", round_id, "--date", "2026-06-30", *HEADER,
        "--subject", "Về việc tặng danh hiệu Lao động tiên tiến năm 2025", "--nomination", nomination, *extra,
    )  # fmt: skip


def test_dates_in_the_text_lines_are_dd_mm_yyyy_and_iso_in_json(tdkt, ldtt):
    round_id, ids = ldtt
    code, out, err = _issue(tdkt, round_id, ids[0])
    assert code == 0, err
    assert out.startswith("Đã ban hành Quyết định số 1/QĐ-UBND ngày 30/06/2026:") and "2026-06-30" not in out
    code, out, err = tdkt("decision", "show", "1/QĐ-UBND", "--year", "2026")
    assert code == 0, err
    assert "Quyết định số 1/QĐ-UBND ngày 30/06/2026 — " in out and "2026-06-30" not in out
    code, out, err = tdkt("decision", "list", "--year", "2026")
    assert code == 0 and "30/06/2026" in out and "2026-06-30" not in out
    code, out, err = tdkt("decision", "list", "--year", "2026", "--json")
    assert json.loads(out)["decisions"][0]["decision_date"] == "2026-06-30"
    code, out, err = tdkt(
        "decision", "replace", "1/QĐ-UBND", "--year", "2026", "--reason", "Sai trích yếu", "--date", "2026-07-02",
        "--subject", "Về việc tặng danh hiệu Lao động tiên tiến năm 2025 (thay thế)",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("Đã ban hành Quyết định số 2/QĐ-UBND ngày 02/07/2026 thay thế Quyết định số 1/QĐ-UBND")
    code, out, err = _issue(tdkt, round_id, ids[1], "--json")
    assert code == 1 and "Ngày ký 30/06/2026 sớm hơn ngày ký Quyết định số 2/QĐ-UBND ngày 02/07/2026" in err
    code, out, err = _issue(tdkt, round_id, ids[1], "--date", "2026-07-02", "--json")  # the book's last date or later
    assert json.loads(out)["decision_date"] == "2026-07-02"


def test_series_typed_otherwise_is_the_same_book_and_a_look_alike_is_refused(tdkt, ldtt):
    round_id, ids = ldtt
    assert _issue(tdkt, round_id, ids[0])[0] == 0
    code, out, err = tdkt("decision", "gap", "--series", "qđ-ubnd", "--year", "2026", "--number", "2", "--reason", "x")
    assert code == 0, err
    assert out.strip() == "Đã ghi số 2/QĐ-UBND năm 2026 là số bỏ trống."
    code, out, err = _issue(tdkt, round_id, ids[1], "--series", "QĐ-UBND ", "--json")
    assert code == 0, err
    assert json.loads(out)["number_text"] == "3/QĐ-UBND"

    code, out, err = _issue(tdkt, round_id, ids[2], "--series", "QD-UBND")
    assert code == 1 and "“QĐ-UBND”" in err and "--new-series" in err
    code, out, err = tdkt("decision", "gap", "--series", "QĐ-CT", "--year", "2026", "--number", "1", "--reason", "x")
    assert code == 1 and "“QĐ-CT” chưa có" in err
    code, out, err = tdkt(
        "decision", "series", "--series", "qd-ubnd", "--year", "2026", "--next", "1", "--reason", "Sổ riêng",
        "--new-series",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == "Sổ QD-UBND năm 2026: quyết định tiếp theo sẽ mang số 1/QD-UBND."
    code, out, err = _issue(tdkt, round_id, ids[2], "--series", "QD-UBND", "--json")
    assert code == 0, err
    assert json.loads(out)["number_text"] == "1/QD-UBND"


def test_series_reply_names_the_number_issuing_gives_past_a_spoiled_one(tdkt, ldtt):
    """Set onto a number recorded as spoiled, the book skips it: the reply must not promise that number."""
    round_id, ids = ldtt
    assert _issue(tdkt, round_id, ids[0])[0] == 0
    code, out, err = tdkt("decision", "gap", "--series", "QĐ-UBND", "--year", "2026", "--number", "5", "--reason", "x")
    assert code == 0, err
    code, out, err = tdkt(
        "decision", "series", "--series", "QĐ-UBND", "--year", "2026", "--next", "5", "--reason", "Theo sổ giấy",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == "Sổ QĐ-UBND năm 2026: quyết định tiếp theo sẽ mang số 6/QĐ-UBND."
    code, out, err = _issue(tdkt, round_id, ids[1], "--json")
    assert code == 0, err
    assert json.loads(out)["number_text"] == "6/QĐ-UBND"
