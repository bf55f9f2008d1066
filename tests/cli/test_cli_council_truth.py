"""`tdkt council record|ballot` refuse what would make the minutes lie: a written vote no absentee's written
opinion stands for, a person sitting twice, a meeting after today."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop.cli import main


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, _err = run("demo", "--today", "2025-12-04")
    assert code == 0
    return run


def _json(result: tuple[int, str, str]):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def _record(tdkt, round_id: str, *members: str, when: str = "2025-12-05") -> tuple[int, str, str]:
    args = ["council", "record", "--round", round_id, "--date", when, "--location", "Hội trường UBND xã"]
    for text in members:
        args += ["--member", text]
    return tdkt(*args, "--json")


def test_a_written_vote_needs_an_absentees_written_opinion(tdkt):
    round_id = str(_json(tdkt("review", "create", "--year", "2025", "--json"))["id"])
    members = ("Sùng Mí Pháo|chair|1", "Lò Văn Chứ|deputy|1", "Hoàng Thị Mai|member|1", "Vàng Thị Dở|secretary|1")
    _json(_record(tdkt, round_id, *members, "Giàng Seo Dũng|member|0"))  # absent, no written opinion
    nominee = next(n for n in _json(tdkt("review", "show", round_id, "--json"))["nominations"] if n["code"] == "CSTDCS")
    code, _out, err = tdkt(
        "council", "ballot", "--nomination", str(nominee["id"]), "--agree", "3", "--disagree", "1", "--invalid", "0",
        "--written-agree", "1",
    )  # fmt: skip
    assert code == 1
    assert "chỉ ghi 0 thành viên vắng mặt có ý kiến bằng văn bản" in err

    # a person both present and absent with a written opinion
    code, _out, err = _record(tdkt, round_id, *members, "LÒ VĂN CHỨ|member|0|Đồng ý")
    assert code == 1 and "“LÒ VĂN CHỨ” có tên hai lần trong Hội đồng" in err

    # a meeting that has not happened yet
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    code, _out, err = _record(tdkt, round_id, *members, when=tomorrow)
    assert code == 1 and "sau ngày hôm nay" in err
