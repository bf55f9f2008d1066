"""``tdkt evaluate``, ``tdkt money`` and ``tdkt rules show/check`` on a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "rulepacks" / "examples" / "province-override-example.toml"
)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(capsys, db_path):
    code, _out, _err = run(capsys, "--db", str(db_path), "demo", "--today", "2025-12-04")
    assert code == 0
    return str(db_path)


def test_evaluate_json(capsys, demo_db):
    code, out, _err = run(capsys, "--db", demo_db, "evaluate", "--year", "2025", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["year"] == 2025
    assert result["pack"]["id"] == "vn-national" and result["pack"]["overrides"] == []
    newcomer = next(v for v in result["verdicts"] if v["id"] == 40 and v["code"] == "LDTT")
    assert newcomer["verdict"] == "not_eligible" and newcomer["target_kind"] == "individual"
    assert any("Mới tuyển dụng" in r["text"] and r["citation"] for r in newcomer["reasons"])
    assert {v["verdict"] for v in result["verdicts"]} <= {"eligible", "not_eligible", "needs_vote", "deferred"}
    assert any(v["target_kind"] == "collective" for v in result["verdicts"])


def test_evaluate_text(capsys, demo_db):
    code, out, err = run(capsys, "--db", demo_db, "evaluate", "--year", "2025")
    assert code == 0
    assert "(cá nhân)" in out and "(tập thể)" in out
    assert "LDTT (LĐTT): Đủ điều kiện" in out
    assert "— Luật TĐKT 2022, Điều 24" in out
    assert "2025" in err


def test_evaluate_needs_a_set_up_unit(capsys, db_path):
    code, out, err = run(capsys, "--db", str(db_path), "evaluate", "--year", "2025")
    assert code == 1 and out == "" and "tdkt init" in err


def test_money_json_and_text(capsys, demo_db):
    code, out, _err = run(
        capsys, "--db", demo_db, "money", "--code", "LDTT", "--target", "individual", "--date", "2025-12-30", "--json"
    )
    assert code == 0
    result = json.loads(out)
    assert result["amount"] == 710000 and result["words"] == "Bảy trăm mười nghìn đồng"
    assert result["decision_date"] == "2025-12-30"
    code, out, _err = run(
        capsys, "--db", demo_db, "money", "--code", "GIAY_KHEN", "--target", "household", "--date", "2025-12-30"
    )
    assert code == 0
    assert "Số tiền: 1.060.000 đồng" in out  # 1,5 × 0,3 × 2.340.000 = 1.053.000 → 1.060.000
    assert "Bằng chữ: Một triệu không trăm sáu mươi nghìn đồng" in out
    assert "1,5 × 0,3 × 2.340.000" in out


def test_money_errors(capsys, demo_db):
    code, _out, err = run(
        capsys, "--db", demo_db, "money", "--code", "LDTT", "--target", "individual", "--date", "30/12/2025"
    )
    assert code == 1 and "30/12/2025" in err
    code, _out, err = run(
        capsys, "--db", demo_db, "money", "--code", "XYZ", "--target", "individual", "--date", "2025-12-30"
    )
    assert code == 1 and "XYZ" in err and err.count("\n") == 1
    code, _out, err = run(
        capsys, "--db", demo_db, "money", "--code", "LDTT", "--target", "collective", "--date", "2025-12-30"
    )
    assert code == 1 and "“tập thể”" in err and "collective" not in err


def test_rules_show(capsys, db_path):
    code, _out, err = run(capsys, "--db", str(db_path), "rules", "show")
    assert code == 1 and "Không có tệp cơ sở dữ liệu" in err and not db_path.exists()  # before tdkt init
    run(capsys, "--db", str(db_path), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715")
    code, out, _err = run(capsys, "--db", str(db_path), "rules", "show", "--json")
    assert code == 0
    summary = json.loads(out)
    assert "LDTT" in {t["code"] for t in summary["titles"]}
    assert "GIAY_KHEN" in {f["code"] for f in summary["award_forms"]}
    code, out, _err = run(capsys, "--db", str(db_path), "rules", "show")
    assert code == 0
    assert "DANH HIỆU THI ĐUA" in out and "HÌNH THỨC KHEN THƯỞNG" in out and "MỨC LƯƠNG CƠ SỞ" in out
    assert "2.340.000 (từ 01/07/2024; NĐ 73/2024/NĐ-CP, Điều 3)" in out


def test_rules_check(capsys, tmp_path):
    code, out, err = run(capsys, "rules", "check", str(EXAMPLE))
    assert code == 0 and "hợp lệ" in out and err == ""
    bad = tmp_path / "tinh-sai.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("value = 30,", 'value = "ba mươi",'), encoding="utf-8")
    code, out, err = run(capsys, "rules", "check", str(bad))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("tinh-sai.toml, khóa titles.CSTDCS.params.cap_percent_of_ldtt:")
    broken = tmp_path / "hong.toml"
    broken.write_text("[pack\n", encoding="utf-8")
    code, _out, err = run(capsys, "rules", "check", str(broken))
    assert code == 1 and "hong.toml" in err and "TOML" in err
