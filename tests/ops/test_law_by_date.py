"""The law as of each decision's date (issue 11): who may confer, what is cited, money paid once per year.

Real SQLite files with the demo commune; the CLI through desktop.cli.main.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.cli import main
from desktop.ops import review
from desktop.ops.check import check_database, unlawful_decisions
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import cstdcs_before_its_ldtt, decide_ldtt_of

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo"}
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair", "attended": True},
    {"full_name": "Lò Văn Chứ", "role": "deputy", "attended": True},
    {"full_name": "Hoàng Thị Mai", "role": "member", "attended": True},
    {"full_name": "Giàng Seo Dũng", "role": "member", "attended": False, "written_opinion": "Đồng ý"},
    {"full_name": "Vàng Thị Dở", "role": "secretary", "attended": True},
]


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _council(store, round_id: int, day: date) -> None:
    review.set_council(store, round_id=round_id, meeting_date=day, location="Hội trường", members=COUNCIL)


def _issue(store, round_id: int, day: date, ids: list[int], subject: str = "Về việc khen thưởng") -> int:
    return review.issue_decision(
        store, round_id=round_id, decision_date=day, subject=subject, achievement_text="", nomination_ids=ids, **HEADER
    )


def test_a_2025_year_decided_before_1_7_2025_goes_up_and_after_is_the_communes(demo):
    """The same CSTĐCS nominee: a round planned for 20/6/2025 proposes it upward (the district chair, Luật 2022
    Điều 80); the commune's decision dated 20/6/2025 is refused naming the rule and the law; dated 26/12/2025 it
    is the commune chair's own (NĐ 129/2025)."""
    store = demo
    with store.transaction():
        store.execute("UPDATE ratings SET rating = 'HTXSNV' WHERE staff_id = 2 AND year = 2024")
    # the demo's 2024 round still lists some lines undecided: taken off there (one round at a time proposes them)
    for left in store.query(
        "SELECT n.id FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "WHERE r.year = 2024 AND n.status IN ('proposed', 'passed')"
    ):
        review.remove_nomination(store, nomination_id=left["id"], reason="Chuyển sang đợt mới")
    early = review.create_round(store, year=2024, decision_date=date(2025, 6, 20), today=date(2025, 6, 1))
    nominations = review.get_round(store, early)["nominations"]
    cstdcs = [n for n in nominations if n["code"] == "CSTDCS"]
    assert cstdcs and {(n["conferred_by"], n["authority"]) for n in cstdcs} == {("upward", "district")}
    _council(store, early, date(2025, 6, 10))
    review.record_ballot(store, nomination_id=cstdcs[0]["id"], agree=4, disagree=0, invalid=0, written_agree=1)
    with pytest.raises(ValidationError) as refused:
        _issue(store, early, date(2025, 6, 20), [cstdcs[0]["id"]])
    message = str(refused.value)
    assert "theo quy định ngày 20/06/2025" in message
    assert "Chủ tịch Ủy ban nhân dân cấp huyện quyết định" in message and "Luật TĐKT 2022, Điều 80" in message
    assert "hồ sơ đề nghị cấp trên" in message
    # The default selection leaves it out on that date rather than issuing it.
    ldtt = [n["id"] for n in nominations if n["code"] == "LDTT"][:2]
    decided = review.get_decision(store, decision_id=_issue(store, early, date(2025, 6, 20), ldtt))
    assert {a["code"] for a in decided["awardees"]} == {"LDTT"}
    # On 26/12/2025 the commune chair confers it (NĐ 129/2025).
    late = review.get_decision(store, decision_id=_issue(store, early, date(2025, 12, 26), [cstdcs[0]["id"]]))
    assert [a["code"] for a in late["awardees"]] == ["CSTDCS"]
    assert unlawful_decisions(store) == []


def test_a_decision_before_the_packs_first_date_is_refused(demo):
    round_id = review.create_round(demo, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(demo, round_id)["nominations"] if n["code"] == "LDTT"][:1]
    before = demo.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError, match="chỉ có quy định pháp luật từ ngày 01/01/2018"):
        _issue(demo, round_id, date(2017, 12, 31), ldtt)
    assert demo.scalar("SELECT count(*) FROM decisions") == before
    with pytest.raises(ValidationError, match="01/01/2018"):
        review.create_round(demo, year=2017)


def test_the_demo_follows_the_law_of_its_own_dates(store):
    """Built on 4/12/2026: 2023 under Luật 2003 + NĐ 91/2017, 2024 under Luật 2022 + NĐ 98/2023 (CSTĐCS and
    TTLĐTT from the district), 2025 under NĐ 152/2025 + NĐ 129/2025 (the commune's own)."""
    fill_demo(store, today=date(2026, 12, 4))
    assert unlawful_decisions(store) == []
    assert check_database(store)["ok"] is True
    by_year = {}
    for decision in review.list_decisions(store):
        detail = review.get_decision(store, decision_id=decision["id"])
        by_year.setdefault(decision["decision_date"][:4], set()).update(a["code"] for a in detail["awardees"])
    assert by_year == {
        "2023": {"LDTT", "GIAY_KHEN"},
        "2024": {"LDTT", "GIAY_KHEN"},
        "2025": {"LDTT", "GIAY_KHEN", "CSTDCS", "TTLDTT"},
    }
    above = {(a["year"], a["code"]) for a in store.query("SELECT year, code FROM awards WHERE source = 'above'")}
    assert {(2023, "CSTDCS"), (2024, "CSTDCS"), (2023, "TTLDTT"), (2024, "TTLDTT")} <= above
    # Money of its own date: Giấy khen 0,15 × 1.800.000 in 2023 (NĐ 91/2017), 0,3 × 2.340.000 in 2024.
    gk = {
        r["decision_date"][:4]: (r["amount"], r["arithmetic"])
        for r in store.query(
            "SELECT d.decision_date, a.amount, a.arithmetic FROM decision_awardees a "
            "JOIN decisions d ON d.id = a.decision_id WHERE a.code = 'GIAY_KHEN'"
        )
    }
    assert gk["2023"][0] == 270_000 and "NĐ 91/2017/NĐ-CP" in gk["2023"][1] and "152/2025" not in gk["2023"][1]
    assert gk["2024"][0] == 710_000 and "NĐ 98/2023/NĐ-CP" in gk["2024"][1]
    assert gk["2025"][0] == 710_000 and "NĐ 152/2025/NĐ-CP, Điều 54" in gk["2025"][1]
    # The Căn cứ lines of each decision are those of its date.
    for year, decree, authority in (("2023", "91/2017", False), ("2024", "98/2023", False), ("2025", "152/2025", True)):
        decision = next(d for d in review.list_decisions(store) if d["decision_date"].startswith(year))
        basis = " ".join(review.decision_doc(store, decision_id=decision["id"]).legal_basis)
        assert decree in basis and ("129/2025/NĐ-CP" in basis) is authority


def test_check_lists_a_decision_the_unit_could_not_confer_on_its_date(demo):
    """A file from an older program (or an import) with a commune CSTĐCS decision dated 2024: check says so."""
    round_id = review.create_round(demo, year=2025, today=date(2025, 12, 10))
    _council(demo, round_id, date(2025, 12, 15))
    cstdcs = next(n for n in review.get_round(demo, round_id)["nominations"] if n["code"] == "CSTDCS")
    review.record_ballot(demo, nomination_id=cstdcs["id"], agree=4, disagree=0, invalid=0, written_agree=1)
    decide_ldtt_of(demo, round_id, [cstdcs["id"]], date(2025, 12, 26))  # the LĐTT the CSTĐCS rests on, first
    decision_id = _issue(demo, round_id, date(2025, 12, 26), [cstdcs["id"]])
    assert unlawful_decisions(demo) == []
    with demo.transaction():
        demo.execute("UPDATE decisions SET decision_date = '2024-12-26' WHERE id = ?", (decision_id,))
    (found,) = unlawful_decisions(demo)
    assert found["code"] == "CSTDCS" and found["authority"] == "district"
    report = check_database(demo)
    assert report["ok"] is False
    assert any("không có thẩm quyền" in m and "26/12/2024" in m for m in report["messages"])


def test_title_money_is_paid_once_per_person_and_year(demo, tmp_path):
    """LĐTT then CSTĐCS: the difference; CSTĐCS then LĐTT: nothing more; a cancelled decision frees the money.

    A CSTĐCS is issued only on an LĐTT held or given beside it (Luật TĐKT 2022, Điều 23): it stands before an LĐTT
    decision only once the LĐTT given with it was dropped by a replacement (:func:`cstdcs_before_its_ldtt`)."""
    store = demo
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    nominations = review.get_round(store, round_id)["nominations"]
    _council(store, round_id, date(2025, 12, 15))
    cstdcs = [n for n in nominations if n["code"] == "CSTDCS"][:2]
    for n in cstdcs:
        review.record_ballot(store, nomination_id=n["id"], agree=4, disagree=0, invalid=0, written_agree=1)
    first, second = (n["staff_id"] for n in cstdcs)
    ldtt = {n["staff_id"]: n["id"] for n in nominations if n["code"] == "LDTT"}
    # Person 1: LĐTT (1/QĐ) then CSTĐCS (2/QĐ) → 2.340.000 − 710.000.
    one = _issue(store, round_id, date(2025, 12, 20), [ldtt[first]])
    two = review.get_decision(store, decision_id=_issue(store, round_id, date(2025, 12, 22), [cstdcs[0]["id"]]))
    (line,) = two["awardees"]
    assert line["amount"] == 1_630_000
    assert (
        "2.340.000 − 710.000 đã nhận theo Quyết định số 1/QĐ-UBND ngày 20/12/2025 = 1.630.000 đồng"
        in (line["arithmetic"])
    )
    # The payment list and the decision's list say why the amount is a difference.
    from desktop.documents import review_docs
    from tests.documents.test_review_docs import pdf_text

    pay = review.payment_doc(store, decision_id=two["id"])
    assert pay.total_amount == 1_630_000 and pay.lines[0].money_note.startswith("2.340.000 − 710.000")
    rendered = review_docs.render("payment", pay, tmp_path / "chi.pdf")
    assert "là phần chênh lệch: 2.340.000 − 710.000 đã nhận theo Quyết định số 1/QĐ-UBND" in pdf_text(rendered)
    # Person 2: CSTĐCS first (full: with its LĐTT in 3/QĐ, whose replacement 4/QĐ dropped the LĐTT line), then
    # LĐTT (5/QĐ) → 0 with the reason.
    kept = cstdcs_before_its_ldtt(
        store, round_id, ldtt_id=ldtt[second], cstdcs_id=cstdcs[1]["id"], day=date(2025, 12, 22),
        replaced_on=date(2025, 12, 22),
    )  # fmt: skip
    three = review.get_decision(store, decision_id=kept)
    assert three["number_text"] == "4/QĐ-UBND" and [a["code"] for a in three["awardees"]] == ["CSTDCS"]
    assert three["awardees"][0]["amount"] == 2_340_000
    four = review.get_decision(store, decision_id=_issue(store, round_id, date(2025, 12, 23), [ldtt[second]]))
    (lower,) = four["awardees"]
    assert lower["amount"] == 0
    assert "đã nhận tiền thưởng “Chiến sĩ thi đua cơ sở” theo Quyết định số" in lower["arithmetic"]
    assert "theo Quyết định số 4/QĐ-UBND ngày 22/12/2025" in lower["arithmetic"]
    assert review.payment_doc(store, decision_id=four["id"]).total_amount == 0
    # Cancelling 1/QĐ (LĐTT of person 1) takes its money back: a new CSTĐCS decision would pay in full — shown by
    # the register's paid amounts: 1/QĐ's award is gone, 2/QĐ's stays at the difference it paid.
    review.revoke_decision(store, decision_id=one, reason="Sai đối tượng")
    paid = {
        (r["code"], r["decision_no"]): r["amount"]
        for r in review.register_entries(store, staff_id=first)
        if r["year"] == 2025
    }
    assert ("LDTT", "1/QĐ-UBND") not in paid and paid[("CSTDCS", "2/QĐ-UBND")] == 1_630_000


def test_written_votes_are_kept_apart_and_counted_on_all_members(demo):
    round_id = review.create_round(demo, year=2025, today=date(2025, 12, 10))
    _council(demo, round_id, date(2025, 12, 15))  # 5 members, 1 absent
    cstdcs = next(n for n in review.get_round(demo, round_id)["nominations"] if n["code"] == "CSTDCS")
    with pytest.raises(ValidationError, match="nhiều hơn số thành viên vắng mặt"):
        review.record_ballot(demo, nomination_id=cstdcs["id"], agree=3, disagree=0, invalid=0, written_agree=2)
    result = review.record_ballot(demo, nomination_id=cstdcs["id"], agree=3, disagree=1, invalid=0, written_agree=1)
    assert result["passed"] is True and result["counted_agree"] == 4  # 3 at the meeting + 1 in writing = 80 %
    assert "4/5 thành viên đồng ý = 80,0% ≥ 80% → đạt" in result["arithmetic"]
    minutes = review.minutes_doc(demo, round_id=round_id)
    (line,) = [b for b in minutes.ballots if b.name == cstdcs["name"]]
    assert (line.agree, line.disagree, line.written_agree, line.written_disagree, line.counted) == (3, 1, 1, 0, 4)


# -- the command line ----------------------------------------------------------------------------------------------


def _run(capsys, db, *args):
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_show_on_a_date(capsys, db_path):
    assert _run(capsys, db_path, "demo", "--today", "2025-12-04")[0] == 0
    code, out, _err = _run(capsys, db_path, "rules", "show", "--on", "2024-06-01", "--json")
    assert code == 0
    shown = json.loads(out)
    titles = {t["code"]: t for t in shown["titles"]}
    assert shown["on"] == "2024-06-01" and shown["unit_kind"] == "ubnd_xa"
    assert titles["CSTDCS"]["conferred_by"]["value"] == "district"
    assert titles["CSTDCS"]["certificate"] == "bang_chung_nhan"
    assert "98/2023" in shown["legal_texts"]["emulation_decree"]["value"]
    assert shown["base_salary_on"]["amount"] == 1_800_000
    code, out, _err = _run(capsys, db_path, "rules", "show", "--on", "2025-12-26")
    assert code == 0 and "Quy định áp dụng ngày 26/12/2025" in out and "NĐ 129/2025/NĐ-CP" in out
    code, _out, err = _run(capsys, db_path, "rules", "show", "--on", "2017-05-01")
    assert code == 1 and "chỉ có quy định pháp luật từ ngày 01/01/2018" in err


def test_review_create_with_a_planned_decision_date(capsys, db_path):
    _run(capsys, db_path, "demo", "--today", "2025-12-04")
    code, out, err = _run(
        capsys, db_path, "review", "create", "--year", "2025", "--decision-date", "2025-06-30", "--json"
    )
    assert code == 0, err
    nominations = json.loads(out)["nominations"]
    assert {n["conferred_by"] for n in nominations if n["code"] == "CSTDCS"} == {"upward"}
    code, out, err = _run(capsys, db_path, "evaluate", "--year", "2025", "--on", "2025-12-26", "--json")
    assert code == 0, err
    verdicts = json.loads(out)
    assert verdicts["on"] == "2025-12-26"
    assert {v["conferred_by"] for v in verdicts["verdicts"] if v["code"] == "CSTDCS"} == {"unit"}


def test_council_ballot_with_written_votes_on_the_command_line(capsys, db_path):
    _run(capsys, db_path, "demo", "--today", "2025-12-04")
    code, out, err = _run(capsys, db_path, "review", "create", "--year", "2025", "--json")
    assert code == 0, err
    created = json.loads(out)
    members = [
        "Sùng Mí Pháo|chair|1",
        "Lò Văn Chứ|deputy|1",
        "Hoàng Thị Mai|member|1",
        "Giàng Seo Dũng|member|0|Đồng ý",
        "Vàng Thị Dở|secretary|1",
    ]
    args = ["council", "record", "--round", str(created["id"]), "--date", "2025-12-15", "--location", "Hội trường"]
    for member in members:
        args += ["--member", member]
    assert _run(capsys, db_path, *args)[0] == 0
    nomination = next(n for n in created["nominations"] if n["code"] == "CSTDCS")
    ballot = ["council", "ballot", "--nomination", str(nomination["id"]), "--agree", "3", "--disagree", "1"]
    code, out, err = _run(capsys, db_path, *ballot, "--invalid", "0", "--written-agree", "1", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["passed"] and (result["agree"], result["written_agree"], result["counted_agree"]) == (3, 1, 4)
    code, _out, err = _run(
        capsys, db_path, *ballot, "--invalid", "0", "--written-agree", "1", "--written-disagree", "1"
    )
    assert code == 1 and "nhiều hơn số thành viên vắng mặt" in err


def test_a_title_reissued_after_its_higher_title_was_paid_the_difference_pays_what_is_still_owed(demo):
    """CSTĐCS was paid as the difference over LĐTT (2.340.000 − 710.000); the LĐTT decision is then cancelled and
    issued again: the new LĐTT line pays the 710.000 still owed (it paid 0 before, leaving 1.630.000 in all)."""
    store = demo
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    nominations = review.get_round(store, round_id)["nominations"]
    _council(store, round_id, date(2025, 12, 15))
    cstdcs = next(n for n in nominations if n["code"] == "CSTDCS")
    review.record_ballot(store, nomination_id=cstdcs["id"], agree=4, disagree=0, invalid=0, written_agree=1)
    person = cstdcs["staff_id"]
    ldtt = next(n["id"] for n in nominations if n["code"] == "LDTT" and n["staff_id"] == person)
    first = _issue(store, round_id, date(2025, 12, 20), [ldtt])
    _issue(store, round_id, date(2025, 12, 22), [cstdcs["id"]])
    review.revoke_decision(store, decision_id=first, reason="Sai thể thức, ban hành lại")
    again = review.get_decision(store, decision_id=_issue(store, round_id, date(2025, 12, 23), [ldtt]))
    (line,) = again["awardees"]
    assert line["amount"] == 710_000
    assert "Chi phần còn thiếu: 2.340.000 − 1.630.000 = 710.000 đồng" in line["arithmetic"]
    total = store.scalar("SELECT sum(amount) FROM awards WHERE staff_id = ? AND year = 2025 AND category = 'title'",
                         (person,))  # fmt: skip
    assert total == 2_340_000  # the highest title's money, once


def test_cancelling_the_title_a_difference_was_paid_over_says_what_is_still_owed(demo):
    """CSTĐCS paid as 2.340.000 − 710.000 over LĐTT; cancelling the LĐTT decision leaves 1.630.000 in force for a
    title worth 2.340.000: the cancellation names the person and the 710.000 still owed."""
    store = demo
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    nominations = review.get_round(store, round_id)["nominations"]
    _council(store, round_id, date(2025, 12, 15))
    cstdcs = next(n for n in nominations if n["code"] == "CSTDCS")
    review.record_ballot(store, nomination_id=cstdcs["id"], agree=4, disagree=0, invalid=0, written_agree=1)
    person = cstdcs["staff_id"]
    ldtt = next(n["id"] for n in nominations if n["code"] == "LDTT" and n["staff_id"] == person)
    first = _issue(store, round_id, date(2025, 12, 20), [ldtt])
    _issue(store, round_id, date(2025, 12, 22), [cstdcs["id"]])
    name = store.scalar("SELECT full_name FROM staff WHERE id = ?", (person,))
    notes = review.revoke_decision(store, decision_id=first, reason="Sai thể thức")
    # first that the CSTĐCS rests on the LĐTT taken away (Luật TĐKT 2022, Điều 23), then the money still owed
    assert len(notes) == 2 and notes[0].startswith(f"{name} không còn danh hiệu “Lao động tiên tiến” năm 2025")
    assert "vẫn có danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025 theo Quyết định số 2/QĐ-UBND" in notes[0]
    owed = notes[1:]
    assert len(owed) == 1 and owed[0].startswith(f"{name}: “Chiến sĩ thi đua cơ sở” năm 2025")
    assert "được thưởng 2.340.000 đồng, nay chỉ còn 1.630.000 đồng" in owed[0] and "còn thiếu 710.000 đồng" in owed[0]
    # cancelling a decision nobody's difference rested on owes nothing
    third = _issue(store, round_id, date(2025, 12, 23), [ldtt])  # re-issued: pays the 710.000 still owed
    assert review.get_decision(store, decision_id=third)["awardees"][0]["amount"] == 710_000
