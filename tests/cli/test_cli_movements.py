"""A full movement from the command line: launch → registrations → covenant → scores for 8 departments with a
tie → ranking → final review report → proposals in a review round; the yearly report to PDF and .xlsx."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from tests.ops.movement_flow import DEPARTMENTS, POINTS


@pytest.fixture
def tdkt(movement_cli):
    return movement_cli


def ok(result: tuple[int, str, str]):
    code, out, err = result
    assert code == 0, err
    return json.loads(out) if out.lstrip().startswith("{") else out


def test_a_movement_from_the_cli(tdkt, tmp_path):
    created = ok(
        tdkt(
            "movement",
            "create",
            "--name",
            "Thi đua chuyển đổi số",
            "--kind",
            "thematic",
            "--start",
            "2025-01-01",
            "--end",
            "2025-12-31",
            "--target",
            "100% hồ sơ trực tuyến",
            "--json",
        )
    )
    mid = str(created["id"])
    assert created["status"] == "planned"
    ok(tdkt("movement", "launch", mid, "--date", "2025-02-01"))
    ok(tdkt("movement", "register", mid, "--staff-code", "CB00001", "--code", "LDTT", "--date", "2025-02-10"))
    for name in DEPARTMENTS:
        ok(tdkt("movement", "register", mid, "--department", name, "--code", "TTLDTT", "--date", "2025-02-11"))
    code, _out, err = tdkt(
        "movement", "register", mid, "--department", "Phòng Kinh tế", "--code", "TTLDTT", "--date", "2025-02-11"
    )
    assert code == 1 and "Đã có bản đăng ký" in err

    args = [
        "movement",
        "covenant",
        mid,
        "--block",
        "Khối các phòng, ban",
        "--date",
        "2025-02-15",
        "--out",
        str(tmp_path / "giao-uoc.pdf"),
    ]
    for name in DEPARTMENTS:
        args += ["--department", name, "--signer", f"Trưởng {name}|Trưởng phòng|{name}"]
    ok(tdkt(*args))
    assert "GIAO ƯỚC" in PdfReader(str(tmp_path / "giao-uoc.pdf")).pages[0].extract_text()

    criteria = [
        ok(tdkt("movement", "criterion", mid, "--name", "Hoàn thành nhiệm vụ", "--max", "50", "--mandatory", "--json")),
        ok(
            tdkt(
                "movement",
                "criterion",
                mid,
                "--name",
                "Cải cách hành chính",
                "--max",
                "30",
                "--weight",
                "1.5",
                "--json",
            )
        ),
        ok(tdkt("movement", "criterion", mid, "--name", "Sáng kiến", "--max", "5", "--kind", "bonus", "--json")),
        ok(tdkt("movement", "criterion", mid, "--name", "Vi phạm", "--max", "10", "--kind", "penalty", "--json")),
    ]
    ids = [str(c["criterion_id"]) for c in criteria]
    sets = []
    for name, row in zip(DEPARTMENTS, POINTS, strict=True):
        for criterion, points in zip(ids, row, strict=True):
            sets += ["--set", f"{name}|{criterion}|{points}"]
    assert ok(tdkt("movement", "score", mid, *sets, "--json"))["saved"] == 32
    code, _out, err = tdkt("movement", "score", mid, "--set", f"Công an xã|{ids[0]}|60")
    assert code == 1 and "vượt quá điểm tối đa 50" in err

    ranking = ok(tdkt("movement", "rank", mid, "--json"))
    assert [r["rank"] for r in ranking["results"]] == [1, 2, 2, 4, 5, 6, 7, 8]
    assert ranking["leader_name"] == "Phòng Kinh tế"
    assert ranking["results"][-1]["failed_criteria"] == ["Hoàn thành nhiệm vụ"]
    text = ok(tdkt("movement", "rank", mid))
    assert "2=" in text

    report = tmp_path / "tong-ket.pdf"
    reviewed = ok(
        tdkt(
            "movement",
            "review",
            mid,
            "--kind",
            "tong_ket",
            "--date",
            "2025-12-20",
            "--summary",
            "Đạt mục tiêu",
            "--propose",
            "--out",
            str(report),
            "--json",
        )
    )
    assert reviewed["round_id"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(report)).pages).split())
    assert "BÁO CÁO TỔNG KẾT" in text and "đồng hạng" in text and "Phòng Kinh tế dẫn đầu" in text

    round_detail = ok(tdkt("review", "show", str(reviewed["round_id"]), "--json"))
    assert round_detail["kind"] == "movement"
    assert [(n["name"], n["code"]) for n in round_detail["nominations"]] == [("Phòng Kinh tế", "GIAY_KHEN")]
    assert round_detail["nominations"][0]["change_reason"].startswith("Đề xuất từ tổng kết phong trào")

    shown = ok(tdkt("movement", "show", mid, "--json"))
    assert len(shown["registrations"]) == 9 and shown["reviews"][0]["round_id"] == reviewed["round_id"]
    ok(tdkt("movement", "close", mid))
    listed = ok(tdkt("movement", "list", "--json"))["movements"]
    assert listed[0]["status"] == "closed"


def test_report_from_the_cli(capsys, db_path, tmp_path):
    def run(*args: str):
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    run("demo", "--today", "2025-12-04")
    data = json.loads(run("report", "--year", "2024", "--json"))
    assert data["total"] == data["titles_total"] + data["award_forms_total"] > 0
    assert data["position"]["leader"] + data["position"]["direct_worker"] == data["individual"]
    assert {m["name"] for m in json.loads(run("movement", "list", "--year", "2025", "--json"))["movements"]} >= {
        "Chung sức xây dựng nông thôn mới"
    }
    run("report", "--year", "2024", "--out", str(tmp_path / "bc.xlsx"))
    sheet = load_workbook(tmp_path / "bc.xlsx").active
    assert sheet["A1"].value == "Kết quả thi đua, khen thưởng năm 2024"
    assert len(sheet._charts) == 3
    run("report", "--year", "2024", "--out", str(tmp_path / "bc.pdf"))
    assert "Danh hiệu thi đua" in PdfReader(str(tmp_path / "bc.pdf")).pages[0].extract_text()
