"""`tdkt council record --member` takes at most four fields, "Họ tên|vai trò|1/0|ý kiến" (docs/cli.md): a fifth
was glued to the written opinion ("A|chair|1|x|y|z" stored "x|y|z" as a present chair's opinion); now the value is
refused, named, and nothing is recorded (reviewer's fuzz2.sh)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from tests.demo_date import DEMO_TODAY_TEXT

MEMBERS = ("Sùng Mí Pháo|chair|1", "Lò Văn Chứ|deputy|1", "Hoàng Thị Mai|member|1", "Vàng Thị Dở|secretary|1")


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo", "--today", DEMO_TODAY_TEXT)[0] == 0
    return run


def _record(tdkt, round_id: str, *members: str) -> tuple[int, str, str]:
    args = ["council", "record", "--round", round_id, "--date", "2025-12-05", "--location", "Hội trường UBND xã"]
    for text in members:
        args += ["--member", text]
    return tdkt(*args, "--json")


def test_a_member_with_more_than_four_fields_is_refused_and_nothing_is_recorded(tdkt):
    code, out, err = tdkt("review", "create", "--year", "2025", "--json")
    assert code == 0, err
    round_id = str(json.loads(out)["id"])
    for extra in ("Giàng Seo Dũng|member|0|Đồng ý|thêm", "Giàng Seo Dũng|member|1|x|y|z", "A|chair|1|||"):
        code, out, err = _record(tdkt, round_id, *MEMBERS, extra)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and f"“{extra}”" in err and "nhiều hơn 4" in err
    code, out, _err = tdkt("review", "show", round_id, "--json")
    assert json.loads(out)["council"] is None

    # four fields: the absentee's opinion is kept whole
    code, out, err = _record(tdkt, round_id, *MEMBERS, "Giàng Seo Dũng|member|0|Đồng ý, đề nghị khen thưởng")
    assert code == 0, err
    assert json.loads(out)["members_total"] == 5
