"""A whole year of review from the command line: round, changes, council, ballots, posting, decision, dossier."""

from __future__ import annotations

import json

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


def test_a_whole_year_from_the_cli(tdkt):
    demo_decisions = _json(tdkt("decision", "list", "--json"))["decisions"]
    # 2022–2024: LĐTT and Giấy khen each year; CSTĐCS and TTLĐTT came from the district then.
    assert len(demo_decisions) == 6 and {d["status"] for d in demo_decisions} == {"issued"}

    created = _json(tdkt("review", "create", "--year", "2025", "--posting-days", "3", "--json"))
    round_id = str(created["id"])
    assert created["year"] == 2025 and created["status"] == "draft"
    nominations = created["nominations"]
    assert {
        "id",
        "name",
        "code",
        "code_name",
        "category",
        "conferred_by",
        "engine_verdict",
        "status",
        "ballot",
        "change_reason",
        "override_reason",
    } <= set(nominations[0])
    assert _json(tdkt("review", "list", "--json"))["rounds"][0]["id"] == created["id"]

    # remove the Giấy khen proposals, each with a reason
    for item in (n for n in nominations if n["code"] == "GIAY_KHEN"):
        code, _out, _err = tdkt("review", "remove", "--nomination", str(item["id"]), "--reason", "Xét riêng")
        assert code == 0
    # add against advice: refused without a reason, accepted with both reasons
    code, _out, err = tdkt("review", "add", "--round", round_id, "--code", "LDTT", "--staff-code", "CB00009")
    assert code == 1 and "Lý do thay đổi" in err
    added = _json(
        tdkt(
            "review",
            "add",
            "--round",
            round_id,
            "--code",
            "LDTT",
            "--staff-code",
            "CB00009",
            "--change-reason",
            "Đề nghị của phòng",
            "--override-reason",
            "Phúc tra xếp loại",
            "--json",
        )
    )["nomination_id"]

    # council of 5: 4 present, 1 absent with a written opinion
    council = _json(
        tdkt(
            "council",
            "record",
            "--round",
            round_id,
            "--date",
            "2025-12-05",
            "--location",
            "Hội trường UBND xã",
            "--member",
            "Sùng Mí Pháo|chair|1",
            "--member",
            "Lò Văn Chứ|deputy|1",
            "--member",
            "Hoàng Thị Mai|member|1",
            "--member",
            "Giàng Seo Dũng|member|0|Đồng ý",
            "--member",
            "Vàng Thị Dở|secretary|1",
            "--json",
        )
    )
    assert council == {"council_id": council["council_id"], "members_total": 5, "present": 4}
    cstdcs = [n for n in nominations if n["code"] == "CSTDCS"]
    code, _out, err = tdkt(
        "council", "ballot", "--nomination", str(cstdcs[0]["id"]), "--agree", "5", "--disagree", "0", "--invalid", "0"
    )
    assert code == 1 and "nhiều hơn" in err
    failed = _json(
        tdkt(
            "council",
            "ballot",
            "--nomination",
            str(cstdcs[0]["id"]),
            "--agree",
            "3",
            "--disagree",
            "1",
            "--invalid",
            "0",
            "--json",
        )
    )
    assert failed["passed"] is False and failed["members_total"] == 5 and failed["present"] == 4
    passed = _json(
        tdkt(
            "council",
            "ballot",
            "--nomination",
            str(cstdcs[1]["id"]),
            "--agree",
            "4",
            "--disagree",
            "0",
            "--invalid",
            "0",
            "--json",
        )
    )
    assert passed["passed"] is True and "80,0% ≥ 80%" in passed["arithmetic"]

    header = [
        "--signer-title",
        "Chủ tịch",
        "--signer-name",
        "Sùng Mí Pháo",
        "--achievement",
        "Đã hoàn thành tốt nhiệm vụ năm 2025",
    ]
    code, _out, err = tdkt(
        "decision",
        "issue",
        "--round",
        round_id,
        "--date",
        "2025-12-20",
        "--subject",
        "Về việc khen thưởng năm 2025",
        *header,
    )
    assert code == 1 and "niêm yết" in err
    posting = _json(tdkt("review", "post", "--round", round_id, "--start", "2025-12-08", "--json"))
    assert posting["posted_to"] == "2025-12-10"

    # the nominee the council voted down is refused, with or without an exception reason (CSTĐCS needs the ballot)
    chosen = ["--nomination", str(cstdcs[0]["id"]), "--nomination", str(cstdcs[1]["id"])]
    for extra in ([], ["--override", f"{cstdcs[0]['id']}=Thành tích đột xuất"]):
        code, _out, err = tdkt(
            "decision",
            "issue",
            "--round",
            round_id,
            "--date",
            "2025-12-20",
            "--subject",
            "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
            *header,
            *chosen,
            *extra,
        )
        assert code == 1 and "bắt buộc bỏ phiếu kín" in err
    # CSTĐCS rests on the person's own LĐTT of the year (Luật TĐKT 2022, Điều 23): alone it is refused, given with
    # that LĐTT in the same decision it goes out
    code, _out, err = tdkt(
        "decision", "issue", "--round", round_id, "--date", "2025-12-20", "--subject",
        "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025", *header, *chosen[2:],
    )  # fmt: skip
    assert code == 1 and "cần người được tặng đạt danh hiệu “Lao động tiên tiến” năm 2025" in err
    own_ldtt = next(n for n in nominations if n["code"] == "LDTT" and n["staff_id"] == cstdcs[1]["staff_id"])
    issued = _json(
        tdkt(
            "decision",
            "issue",
            "--round",
            round_id,
            "--date",
            "2025-12-20",
            "--subject",
            "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
            *header,
            *chosen[2:],
            "--nomination",
            str(own_ldtt["id"]),
            "--json",
        )
    )
    titles = [a for a in issued["awardees"] if a["code"] == "CSTDCS"]
    assert issued["number_text"] == "1/QĐ-UBND" and [a["register_no"] for a in titles] == [1]
    assert {a["amount"] for a in titles} == {2_340_000}
    # Title money once per person and year: the LĐTT beside the CSTĐCS gets no money on top, and says why.
    (beside,) = (a for a in issued["awardees"] if a["code"] == "LDTT")
    assert beside["nomination_id"] == own_ldtt["id"] and beside["amount"] == 0
    assert "Cùng kỳ 2025 đã nhận “Chiến sĩ thi đua cơ sở”" in beside["arithmetic"]

    # default selection: every unit-conferred nominee that passed or needs no ballot
    ldtt = _json(
        tdkt(
            "decision",
            "issue",
            "--round",
            round_id,
            "--date",
            "2025-12-21",
            "--subject",
            "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
            *header,
            "--json",
        )
    )
    codes = {a["code"] for a in ldtt["awardees"]}
    # TTLĐTT of the office (rated every year by the demo) is the commune chair's since 1/7/2025.
    assert codes == {"LDTT", "TTLDTT"} and added in {a["nomination_id"] for a in ldtt["awardees"]}
    # Title money once per person and year: the CSTĐCS of 1/QĐ-UBND got its LĐTT there (0, above), so the default
    # selection does not give it again; anyone holding a CSTĐCS would get no LĐTT money on top, and say why.
    cstdcs_people = {a["staff_id"] for a in issued["awardees"]}
    assert not cstdcs_people & {a["staff_id"] for a in ldtt["awardees"] if a["code"] == "LDTT"}
    for awardee in (a for a in ldtt["awardees"] if a["code"] == "LDTT"):
        if awardee["staff_id"] in cstdcs_people:
            assert awardee["amount"] == 0 and "Quyết định số 1/QĐ-UBND ngày 20/12/2025" in awardee["arithmetic"]
        else:
            assert awardee["amount"] == 710_000

    shown = _json(tdkt("decision", "show", "2/QĐ-UBND", "--year", "2025", "--json"))
    assert shown["id"] == ldtt["id"] and len(shown["awardees"]) == len(ldtt["awardees"])
    code, _out, err = tdkt("decision", "show", "1/QĐ-UBND")
    assert code == 1 and "--year" in err  # 1/QĐ-UBND exists in 2023, 2024 and 2025

    code, _out, _err = tdkt(
        "decision",
        "gap",
        "--series",
        "QĐ-UBND",
        "--year",
        "2025",
        "--number",
        "3",
        "--reason",
        "Số cấp cho văn bản khác",
    )
    assert code == 0
    code, _out, err = tdkt("decision", "revoke", "1/QĐ-UBND", "--year", "2025", "--reason", "")
    assert code == 1
    code, _out, _err = tdkt("decision", "revoke", "1/QĐ-UBND", "--year", "2025", "--reason", "Sai sót hồ sơ")
    assert code == 0
    listed = {d["number_text"]: d for d in _json(tdkt("decision", "list", "--year", "2025", "--json"))["decisions"]}
    assert listed["1/QĐ-UBND"]["status"] == "revoked" and listed["1/QĐ-UBND"]["status_reason"] == "Sai sót hồ sơ"
    assert listed["2/QĐ-UBND"]["status"] == "issued" and listed["2/QĐ-UBND"]["awardees_count"] == len(ldtt["awardees"])

    # A Bằng khen tỉnh resting on HTXSNV years and two initiatives of that run (Điều 74.1.d) needs no vote: it goes
    # up first. Bằng khen tỉnh and TTLĐXS resting on this year's CSTĐCS wait for the vote: not sent up until then.
    first = _json(tdkt("dossier", "build", "--round", round_id, "--json"))
    assert [n["code"] for n in first["nominations"]] == ["BK_TINH"]
    bk_people = {n["staff_id"] for n in nominations if n["code"] == "BK_TINH"} - {
        n["staff_id"] for n in first["nominations"]
    }
    for item in (n for n in cstdcs if n["staff_id"] in bk_people):
        ballot = ["--nomination", str(item["id"]), "--agree", "4", "--disagree", "0", "--invalid", "0"]
        assert tdkt("council", "ballot", *ballot, "--written-agree", "1")[0] == 0
    dossier = _json(tdkt("dossier", "build", "--round", round_id, "--json"))
    assert {n["code"] for n in dossier["nominations"]} == {"BK_TINH"}
    assert {n["status"] for n in dossier["nominations"]} == {"sent_up"}
    assert "Không đưa vào hồ sơ: Văn phòng HĐND và UBND (Tập thể lao động xuất sắc)" in dossier["notes"]

    detail = _json(tdkt("review", "show", round_id, "--json"))
    statuses = {n["id"]: n["status"] for n in detail["nominations"]}
    assert statuses[cstdcs[1]["id"]] == "passed"  # reopened by the revocation
    assert statuses[added] == "decided"
    assert [d["number_text"] for d in detail["decisions"]] == ["1/QĐ-UBND", "2/QĐ-UBND"]


def test_decision_series_and_correct_from_the_cli(tdkt):
    code, out, err = tdkt(
        "decision", "series", "--series", "QĐ-UBND", "--year", "2025", "--next", "125",
        "--reason", "Tiếp nối sổ quyết định của Văn phòng",
    )  # fmt: skip
    assert code == 0, err
    assert "125/QĐ-UBND" in out
    code, _out, err = tdkt("decision", "series", "--year", "2025", "--next", "0", "--reason", "x")
    assert code == 1 and "số nguyên dương" in err

    decisions = _json(tdkt("decision", "list", "--year", "2024", "--json"))["decisions"]
    target = next(d for d in decisions if d["awardees_count"] >= 2)
    highest_2024 = max(d["number"] for d in decisions)
    code, _out, err = tdkt("decision", "series", "--year", "2024", "--next", str(highest_2024), "--reason", "lùi số")
    assert code == 1 and "phải lớn hơn" in err
    code, _out, err = tdkt("decision", "series", "--year", "2024", "--next", "40", "--reason", "Tiếp nối sổ năm 2024")
    assert code == 0, err

    code, _out, err = tdkt("decision", "correct", target["number_text"], "--year", "2024", "--date", "2024-12-30",
                           "--reason", " ")  # fmt: skip
    assert code == 1 and "lý do" in err
    corrected = _json(
        tdkt(
            "decision",
            "correct",
            target["number_text"],
            "--year",
            "2024",
            "--date",
            "2024-12-30",
            "--reason",
            "Sai trích yếu",
            "--subject",
            "Về việc khen thưởng (đính chính)",
            "--signer-name",
            "Sùng Mí Pháo",
            "--remove-register-no",
            "1",
            "--recompute-amounts",
            "--json",
        )
    )
    assert corrected["number_text"] == "40/QĐ-UBND"
    assert corrected["replaces"] == target["number_text"]
    assert corrected["subject"] == "Về việc khen thưởng (đính chính)" and corrected["signer_name"] == "Sùng Mí Pháo"
    assert len(corrected["awardees"]) == target["awardees_count"] - 1
    old = _json(tdkt("decision", "show", target["number_text"], "--year", "2024", "--json"))
    assert old["status"] == "corrected" and old["status_reason"] == "Sai trích yếu"
    assert old["replaced_by"] == "40/QĐ-UBND"


def test_refresh_and_delete_a_round_from_the_cli(tdkt):
    created = _json(tdkt("review", "create", "--year", "2025", "--json"))
    round_id = str(created["id"])
    code, _out, err = tdkt("review", "create", "--year", "2025")
    assert code == 1 and "2025" in err  # a second yearly round while the first is in progress
    refreshed = _json(tdkt("review", "refresh", "--round", round_id, "--json"))
    assert refreshed["round_id"] == int(round_id) and refreshed["added"] == 0 and refreshed["dropped"] == 0
    assert refreshed["kept"] + refreshed["updated"] == len(created["nominations"])
    code, _out, err = tdkt("review", "delete", "--round", round_id)
    assert code == 0, err
    assert int(round_id) not in {r["id"] for r in _json(tdkt("review", "list", "--json"))["rounds"]}
    code, _out, err = tdkt("review", "delete", "--round", "1")  # the demo's 2022 round has a decision
    assert code == 1 and "quyết định" in err
