"""``tdkt collective rate|remove|list``: the collective's own yearly rating from the command line."""

from __future__ import annotations

import json

import pytest

from desktop.cli import COMMANDS, main
from desktop.store.db import login_name
from tests.demo_date import DEMO_TODAY_TEXT

OFFICE = "Văn phòng HĐND và UBND"


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db_path), *args])
        except SystemExit as exc:  # argparse: the command line itself is wrong
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", DEMO_TODAY_TEXT)
    assert code == 0, err
    return run


def _json(result: tuple[int, str, str]):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def _rows(db_path) -> list[tuple]:
    from desktop.store import open_store

    with open_store(db_path) as store:
        return [tuple(r.values()) for r in store.query("SELECT * FROM collective_ratings ORDER BY id")]


def test_collective_is_a_command(tdkt):
    assert "collective" in COMMANDS
    code, out, _err = tdkt("collective", "list")
    assert code == 0 and OFFICE in out


def test_rate_changes_a_rating_and_prints_json(tdkt, db_path):
    before = _json(tdkt("collective", "list", "--year", "2025", "--json"))
    office = next(c for c in before["collectives"] if c["name"] == OFFICE)
    assert office["rating"] == "HTXSNV" and office["members"] == 8  # the demo's rating
    result = _json(
        tdkt(
            "collective", "rate", "--department", "văn phòng hđnd và ubnd", "--year", "2025", "--rating", "httnv",
            "--notes", "Theo biên bản họp ngày 15/12/2025", "--json",
        )
    )  # fmt: skip
    assert result["department"]["name"] == OFFICE
    assert (result["year"], result["rating"], result["previous"]) == (2025, "HTTNV", "HTXSNV")
    assert result["rating_label"] == "Hoàn thành tốt nhiệm vụ" and result["notes"].startswith("Theo biên bản")
    after = _json(tdkt("collective", "list", "--year", "2025", "--json"))
    assert after["year"] == 2025 and after["count"] == 5
    office = next(c for c in after["collectives"] if c["name"] == OFFICE)
    assert office["rating"] == "HTTNV" and office["ratings"][0] == office["ratings"][0] | {"year": 2025}

    from desktop.store import open_store

    with open_store(db_path) as store:
        audit = store.query(
            "SELECT operation, actor, action FROM audit_log WHERE table_name = 'collective_ratings' ORDER BY id"
        )
    assert audit[-1] == {"operation": "collective.rating", "actor": login_name(), "action": "update"}


def test_rate_and_list_in_text_for_people(tdkt):
    code, out, err = tdkt("collective", "rate", "--department", "Phòng Kinh tế", "--year", "2025", "--rating", "KHTNV")
    assert code == 0
    assert out.strip() == "Đã ghi xếp loại năm 2025 của tập thể “Phòng Kinh tế”: Không hoàn thành nhiệm vụ (KHTNV)."
    assert "Xếp loại trước đó:" in err
    code, out, err = tdkt("collective", "list", "--year", "2025")
    assert code == 0 and "Tổng: 5 tập thể" in err
    line = next(x for x in out.splitlines() if x.startswith("Phòng Kinh tế\t"))
    assert line.split("\t") == ["Phòng Kinh tế", "8 thành viên", "KHTNV (Không hoàn thành nhiệm vụ)"]
    code, out, _err = tdkt("collective", "list")
    line = next(x for x in out.splitlines() if x.startswith("Phòng Kinh tế\t"))
    assert line.split("\t")[2].startswith("2025: KHTNV, 2024: ")


def test_remove_a_mistyped_rating(tdkt, db_path):
    # (the office's 2024 rating carries its TTLĐTT sent up in a dossier: not removable, see
    # tests/ops/test_ratings_after_decision.py; Phòng Kinh tế's carries nothing)
    economy = "Phòng Kinh tế"
    code, out, _err = tdkt("collective", "remove", "--department", economy, "--year", "2024")
    assert code == 0 and "Đã xóa xếp loại năm 2024" in out
    found = next(c for c in _json(tdkt("collective", "list", "--json"))["collectives"] if c["name"] == economy)
    assert 2024 not in [r["year"] for r in found["ratings"]]
    code, _out, err = tdkt("collective", "remove", "--department", economy, "--year", "2024")
    assert code == 1 and "chưa có xếp loại năm 2024" in err


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (("--department", "Thôn Không Tên", "--year", "2025", "--rating", "HTTNV"), 1, "Không có phòng ban, tập thể"),
        (("--department", OFFICE, "--year", "1800", "--rating", "HTTNV"), 2, "năm 1800 ngoài khoảng 1900–2100"),
        (("--department", OFFICE, "--year", "2025", "--rating", "TOT"), 1, "Xếp loại “TOT” không hợp lệ"),
        (("--department", OFFICE, "--year", "năm nay", "--rating", "HTTNV"), 2, "“năm nay” không phải năm"),
        (("--department", OFFICE, "--year", "2025"), 2, "--rating"),
    ],
    ids=["unknown department", "bad year", "bad rating", "year not a number", "rating missing"],
)
def test_bad_input_gives_a_vietnamese_message_and_writes_nothing(tdkt, db_path, args, exit_code, message):
    before = _rows(db_path)
    code, out, err = tdkt("collective", "rate", *args)
    assert code == exit_code and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert err.startswith("Lỗi: " if exit_code == 1 else "Lỗi dòng lệnh: ")
    assert _rows(db_path) == before


def test_english_messages_with_lang_en(tdkt):
    code, _out, err = tdkt("--lang", "en", "collective", "rate", "--department", OFFICE, "--year", "2025",
                           "--rating", "TOT")  # fmt: skip
    assert code == 1 and err.startswith("Error: ") and "not valid" in err


def test_report_text_lists_the_collectives_ratings(tdkt):
    code, out, _err = tdkt("report", "--year", "2025")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Xếp loại tập thể năm 2025:")
    assert f"{OFFICE}\tHTXSNV (Hoàn thành xuất sắc nhiệm vụ)\t8 thành viên" in lines[start + 1 :]
    data = _json(tdkt("report", "--year", "2025", "--json"))
    assert {r["name"] for r in data["collective_ratings"]} >= {OFFICE, "Phòng Kinh tế"}
