"""The words of the law from the command line: --signing, decision replace/cancel, papers, standing agency."""

from __future__ import annotations

import json

import pytest

from desktop.cli import build_parser, main


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", "2025-12-04")
    assert code == 0, err
    return run


def _json(result: tuple[int, str, str]):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def _ldtt_round(tdkt) -> tuple[str, list[str]]:
    created = _json(tdkt("review", "create", "--year", "2025", "--json"))
    ids = [str(n["id"]) for n in created["nominations"] if n["code"] == "LDTT"][:4]
    return str(created["id"]), ids


def _issue(tdkt, round_id: str, ids: list[str], *extra: str) -> dict:
    chosen = [arg for i in ids for arg in ("--nomination", i)]
    return _json(
        tdkt(
            "decision", "issue", "--round", round_id, "--date", "2025-12-20", "--subject",
            "Về việc tặng danh hiệu Lao động tiên tiến năm 2025", *chosen, *extra, "--json",
        )
    )  # fmt: skip


def test_decision_issue_with_signing_deputy_is_stored_and_shown_in_show_and_list(tdkt):
    round_id, ids = _ldtt_round(tdkt)
    issued = _issue(
        tdkt, round_id, ids, "--signer-title", "Phó Chủ tịch", "--signer-name", "Lò Văn Chứ", "--signing", "deputy"
    )
    assert issued["signing_mode"] == "deputy" and issued["on_behalf"] == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert issued["recipients_count"] == 4 and len(issued["awardees"]) == 4
    # no --achievement: the words of the award
    assert issued["achievement_text"] == "Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025"
    assert {a["paper"] for a in issued["awardees"]} == {""}  # LĐTT: money and a line in the decision
    shown = _json(tdkt("decision", "show", issued["number_text"], "--year", "2025", "--json"))
    assert shown["signing_mode"] == "deputy"
    [listed] = [d for d in _json(tdkt("decision", "list", "--year", "2025", "--json"))["decisions"]]
    assert listed["signing_mode"] == "deputy" and listed["recipients_count"] == 4


def test_signing_that_does_not_fit_is_refused_in_one_line(tdkt):
    round_id, ids = _ldtt_round(tdkt)
    chosen = [arg for i in ids for arg in ("--nomination", i)]
    code, _out, err = tdkt(
        "decision", "issue", "--round", round_id, "--date", "2025-12-20", "--subject", "Về việc khen thưởng",
        "--signer-title", "Phó Chủ tịch", "--signer-name", "Lò Văn Chứ", "--signing", "chair", *chosen,
    )  # fmt: skip
    assert code == 1 and "KT. CHỦ TỊCH" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as wrong:
        tdkt("decision", "issue", "--round", round_id, "--date", "2025-12-20", "--signing", "tm")
    assert wrong.value.code == 2


BODY_SIGNS_LDTT = """
[pack]
id = "vn-tinh-tm"
name = "Ví dụ"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.LDTT]
signing = { value = "body", cite = "Quyết định ví dụ của tỉnh", from = 2025-01-01 }
"""


def test_decision_replace_and_cancel_are_the_words_of_the_law_and_keep_the_old_names(tdkt, db_path):
    from desktop.ops import rules
    from desktop.store import open_store

    round_id, ids = _ldtt_round(tdkt)
    header = ("--signer-title", "Chủ tịch", "--signer-name", "Sùng Mí Pháo", "--signing", "body")
    chosen = [arg for i in ids[:2] for arg in ("--nomination", i)]
    code, _out, err = tdkt("decision", "issue", "--round", round_id, "--date", "2025-12-20", "--subject", "Về việc",
                           *chosen, *header)  # fmt: skip
    assert code == 1 and "không ký “TM.” được" in err  # LĐTT is the chair's own power in the national law
    with open_store(db_path) as store:  # a province that gives LĐTT to the People's Committee as a body
        rules.save_override(store, name="Ký LĐTT", toml_text=BODY_SIGNS_LDTT)
    first = _issue(tdkt, round_id, ids[:2], *header)
    replaced = _json(
        tdkt(
            "decision", "replace", first["number_text"], "--year", "2025", "--date", "2025-12-22",
            "--reason", "Sai trích yếu", "--json",
        )
    )  # fmt: skip
    assert replaced["replaces"] == first["number_text"] and replaced["signing_mode"] == "body"  # kept
    old = _json(tdkt("decision", "show", first["number_text"], "--year", "2025", "--json"))
    assert old["status"] == "corrected" and old["replaced_by"] == replaced["number_text"]
    code, out, err = tdkt("decision", "cancel", replaced["number_text"], "--year", "2025", "--reason", "Sai thẩm quyền")
    assert code == 0, err
    assert "hủy bỏ" in out and "thu hồi" in out
    second = _issue(tdkt, round_id, ids[2:], *header, "--date", "2025-12-22")  # never before the book's last date
    code, _out, err = tdkt("decision", "revoke", second["number_text"], "--year", "2025", "--reason", "Trùng")
    assert code == 0, err
    help_text = build_parser().format_help()
    assert "decision" in help_text
    decision_parser = build_parser()._subparsers._group_actions[0].choices["decision"]
    decision_help = next(a for a in decision_parser._actions if a.dest == "decision_command")
    assert {"replace", "correct", "cancel", "revoke"} <= set(decision_help.choices)


def test_certificates_of_an_ldtt_decision_are_refused_until_the_optional_paper_is_turned_on(tdkt, tmp_path):
    round_id, ids = _ldtt_round(tdkt)
    issued = _issue(tdkt, round_id, ids, "--signer-title", "Chủ tịch", "--signer-name", "Sùng Mí Pháo")
    out = tmp_path / "ldtt.pdf"
    render = ("certificates", "render", "--decision", issued["number_text"], "--year", "2025", "--out", str(out))
    code, _stdout, err = tdkt(*render)
    assert code == 1 and "tiền thưởng và một dòng trong quyết định" in err and "optional on" in err
    assert not out.exists()
    code, _stdout, err = tdkt("certificates", "optional", "on")
    assert code == 1 and "văn bản" in err
    code, stdout, err = tdkt("certificates", "optional", "on", "--cite", "Quyết định 99/2025/QĐ-UBND (ví dụ)")
    assert code == 0 and "Quyết định 99/2025" in stdout, err
    code, stdout, err = tdkt(*render, "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["papers"] == ["giay_chung_nhan"] * 4 and result["skipped"] == []
    # printed once: a second render is no second original (that is `certificates reprint`, with a reason)
    code, _stdout, err = tdkt(*render, "--json")
    assert code == 1 and "tdkt certificates reprint" in err


def test_verify_names_the_paper(tdkt, db_path):
    from desktop.ops import certificates, review
    from desktop.store import open_store

    created = _json(tdkt("review", "create", "--year", "2025", "--json"))
    gk = [str(n["id"]) for n in created["nominations"] if n["code"] == "GIAY_KHEN"][:2]
    issued = _issue(tdkt, str(created["id"]), gk, "--signer-title", "Chủ tịch", "--signer-name", "Sùng Mí Pháo")
    store = open_store(db_path)
    try:
        decision = review.get_decision(store, decision_id=issued["id"])
        payload = certificates.certificate_data_for_decision(store, decision_id=decision["id"])[0].qr_payload
    finally:
        store.close()
    code, stdout, err = tdkt("verify", payload)
    assert code == 0 and stdout.startswith("Giấy khen thật"), err
    result = _json(tdkt("verify", payload, "--json"))
    assert result["paper"] == "giay_khen" and result["paper_label"] == "Giấy khen"


def test_init_records_the_standing_agency(capsys, db_path):
    code = main(
        ["--db", str(db_path), "init", "--unit-name", "Ủy ban nhân dân phường Hà Giang 1", "--commune-code", "00715",
         "--standing-agency", "Phòng Văn hóa - Xã hội", "--standing-agency-head-title", "Trưởng phòng",
         "--standing-agency-head-name", "Nguyễn Thị Hoa", "--json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    unit = json.loads(out)["unit"]
    assert unit["standing_agency"] == "Phòng Văn hóa - Xã hội"
    assert (unit["standing_agency_head_title"], unit["standing_agency_head_name"]) == ("Trưởng phòng", "Nguyễn Thị Hoa")
    # running init again without the options keeps them
    assert main(["--db", str(db_path), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715",
                 "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr()[0])["unit"]["standing_agency"] == "Phòng Văn hóa - Xã hội"


def test_decision_issue_names_unconfirmed_money_on_stderr_and_keeps_its_json(tdkt, db_path):
    from desktop.ops import rules
    from desktop.store import open_store
    from tests.ops.test_money_unconfirmed import UNSURE

    round_id, ids = _ldtt_round(tdkt)
    plain = _issue(tdkt, round_id, ids[:1], "--signer-title", "Chủ tịch", "--signer-name", "Sùng Mí Pháo")
    assert plain["total_amount"] > 0
    with open_store(db_path) as store:
        rules.save_override(store, name="Quy định thử", toml_text=UNSURE)
    chosen = ["--nomination", ids[1]]
    code, out, err = tdkt("decision", "issue", "--round", round_id, "--date", "2025-12-20", "--subject",
                          "Về việc tặng danh hiệu Lao động tiên tiến năm 2025", *chosen, "--signer-title", "Chủ tịch",
                          "--signer-name", "Sùng Mí Pháo", "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["awardees"][0]["code"] == "LDTT"  # stdout is still the JSON alone
    assert "Lưu ý: Hệ số tiền thưởng 0,3 của “Lao động tiên tiến” (Quyết định thử) chưa được xác nhận." in err
