"""From the command line only: staff and ratings from .xlsx files, the collectives rated with `tdkt collective rate`,
then evaluate → review round → ballot → the members' LĐTT → decision (TTLĐTT, with its money and register line) →
dossier (TTLĐXS)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from tests.collective_flow import (
    CSTDCS_PERSON,
    ECONOMY,
    OFFICE,
    PEOPLE,
    TTLDTT_AMOUNT,
    ratings_xlsx,
    staff_xlsx,
)

# The members the evaluation finds LĐTT (all but those rated HTNV): 3/4 of ECONOMY, 4/5 of OFFICE.
LDTT_MEMBERS = {name for name, *_rest, rating in PEOPLE if rating != "HTNV"}


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db_path), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _json(result: tuple[int, str, str]):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def _cells(path: Path) -> list[object]:
    sheet = load_workbook(path).active
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_collective_titles_the_whole_way_from_the_cli(tdkt, tmp_path: Path):
    assert tdkt("init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715",
                "--head-title", "Chủ tịch", "--head-name", "Sùng Mí Pháo")[0] == 0  # fmt: skip
    imported = _json(tdkt("staff", "import", str(staff_xlsx(tmp_path / "can-bo.xlsx")), "--json"))
    assert imported["inserted"] == 9
    history = _json(tdkt("history", "import", str(ratings_xlsx(tmp_path / "xep-loai.xlsx")), "--json"))
    assert history["inserted"] == 9

    # Not rated yet: no collective title.
    verdicts = _json(tdkt("evaluate", "--year", "2025", "--json"))["verdicts"]
    by = {(v["name"], v["code"]): v for v in verdicts if v["target_kind"] == "collective"}
    assert by[(ECONOMY, "TTLDTT")]["verdict"] == "not_eligible"

    # The clerk rates the two collectives.
    assert tdkt("collective", "rate", "--department", ECONOMY, "--year", "2025", "--rating", "HTTNV")[0] == 0
    assert tdkt("collective", "rate", "--department", OFFICE, "--year", "2025", "--rating", "HTXSNV",
                "--notes", "Biên bản họp ngày 15/12/2025")[0] == 0  # fmt: skip
    listed = _json(tdkt("collective", "list", "--year", "2025", "--json"))["collectives"]
    assert {(c["name"], c["rating"], c["members"]) for c in listed} == {(ECONOMY, "HTTNV", 4), (OFFICE, "HTXSNV", 5)}

    verdicts = _json(tdkt("evaluate", "--year", "2025", "--json"))["verdicts"]
    by = {(v["name"], v["code"]): v for v in verdicts if v["target_kind"] == "collective"}
    economy = by[(ECONOMY, "TTLDTT")]
    assert economy["verdict"] == "eligible" and economy["conferred_by"] == "unit"
    notes = [r["text"] for r in economy["reasons"] if r["met"] is None]
    assert "Thành viên chưa đạt LĐTT năm 2025 (1/4): Vàng Seo Pháo: xếp loại HTNV" in notes
    office = by[(OFFICE, "TTLDXS")]
    assert office["verdict"] == "needs_vote" and office["conferred_by"] == "upward"
    code, text, _err = tdkt("evaluate", "--year", "2025")
    assert code == 0 and "* Thành viên đạt LĐTT năm 2025 (3/4): Thào Mí Chứ, Lý Thị Hoa, Hoàng Văn Long" in text

    # The round proposes both; the CSTĐCS member needs the council's ballot (the pack requires it).
    created = _json(tdkt("review", "create", "--year", "2025", "--json"))
    round_id = str(created["id"])
    nominations = {(n["name"], n["code"]): n for n in created["nominations"]}
    ttldtt = nominations[(ECONOMY, "TTLDTT")]
    ttldxs = nominations[(OFFICE, "TTLDXS")]
    cstdcs = nominations[(CSTDCS_PERSON, "CSTDCS")]
    assert not ttldtt["ballot_required"] and not ttldxs["ballot_required"] and cstdcs["ballot_required"]
    members = [f"{name}|{role}|1" for name, role in (("Sùng Mí Pháo", "chair"), ("Lò Văn Chứ", "deputy"),
               ("Hoàng Thị Mai", "member"), ("Giàng Seo Dũng", "member"), ("Vàng Thị Dở", "secretary"))]  # fmt: skip
    council = ["--round", round_id, "--date", "2025-12-15", "--location", "Hội trường UBND xã"]
    assert tdkt("council", "record", *council, *(x for m in members for x in ("--member", m)))[0] == 0
    ballot = _json(tdkt("council", "ballot", "--nomination", str(cstdcs["id"]), "--agree", "5", "--disagree", "0",
                        "--invalid", "0", "--json"))  # fmt: skip
    assert ballot["passed"]

    header = ["--round", round_id, "--date", "2025-12-26", "--signer-title", "Chủ tịch", "--signer-name",
              "Sùng Mí Pháo", "--achievement", "Đã hoàn thành tốt nhiệm vụ năm 2025"]  # fmt: skip
    # TTLĐXS is decided by the province: refused in a commune decision, nothing written.
    code, _out, err = tdkt("decision", "issue", *header, "--subject", "Về việc tặng danh hiệu TTLĐXS",
                           "--nomination", str(ttldxs["id"]))  # fmt: skip
    assert code == 1 and "hồ sơ đề nghị cấp trên" in err
    assert _json(tdkt("decision", "list", "--json"))["decisions"] == []

    # The members' LĐTT first: TTLĐTT (Luật TĐKT 2022, Điều 28) and TTLĐXS (Điều 27) rest on the share of members
    # who hold it, so the title is decided, and sent up, only once they do: 1/QĐ-UBND.
    ldtt_ids = [n["id"] for n in created["nominations"] if n["code"] == "LDTT" and n["target_kind"] == "individual"]
    ldtt = _json(tdkt("decision", "issue", *header, "--subject", "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
                      *(x for i in ldtt_ids for x in ("--nomination", str(i))), "--json"))  # fmt: skip
    assert ldtt["number_text"] == "1/QĐ-UBND" and {a["code"] for a in ldtt["awardees"]} == {"LDTT"}
    assert {a["name"] for a in ldtt["awardees"]} == LDTT_MEMBERS

    # TTLĐTT: the commune chair's decision after 1/7/2025, with its money.
    issued = _json(tdkt("decision", "issue", *header, "--subject",
                        "Về việc tặng danh hiệu Tập thể lao động tiên tiến năm 2025",
                        "--nomination", str(ttldtt["id"]), "--json"))  # fmt: skip
    [awardee] = issued["awardees"]
    assert issued["number_text"] == "2/QĐ-UBND" and issued["decision_date"] == "2025-12-26"
    assert (awardee["name"], awardee["code"], awardee["amount"]) == (ECONOMY, "TTLDTT", TTLDTT_AMOUNT)
    assert issued["total_amount"] == TTLDTT_AMOUNT

    # The award register of the collective, and its "certificate": no paper by default, the payment list pays it.
    register = tmp_path / "so-khen-thuong.xlsx"
    assert tdkt("documents", "render", "--kind", "register", "--department", ECONOMY, "--out", str(register))[0] == 0
    cells = [str(c) for c in _cells(register)]
    assert any("Tập thể lao động tiên tiến" in c for c in cells) and any("2/QĐ-UBND" in c for c in cells)
    payment = tmp_path / "chi-tien.xlsx"
    assert tdkt("documents", "render", "--kind", "payment", "--decision", "2/QĐ-UBND", "--out", str(payment))[0] == 0
    assert TTLDTT_AMOUNT in _cells(payment)
    titles = {t["code"]: t for t in _json(tdkt("rules", "show", "--json"))["titles"]}
    assert titles["TTLDTT"]["certificate"] == "" and titles["TTLDXS"]["certificate"] == "bang_chung_nhan"

    # TTLĐXS goes up in the dossier.
    dossier = _json(tdkt("dossier", "build", "--round", round_id, "--json"))
    assert [(n["name"], n["code"], n["status"]) for n in dossier["nominations"]] == [(OFFICE, "TTLDXS", "sent_up")]
    report = _json(tdkt("report", "--year", "2025", "--json"))
    assert {(r["name"], r["rating"]) for r in report["collective_ratings"]} == {(ECONOMY, "HTTNV"), (OFFICE, "HTXSNV")}
    # The year's titles: the members' LĐTT (1/QĐ-UBND) and the collective's TTLĐTT (2/QĐ-UBND); TTLĐXS is above.
    assert [(r["key"], r["count"]) for r in report["titles"]] == [("LDTT", len(LDTT_MEMBERS)), ("TTLDTT", 1)]
