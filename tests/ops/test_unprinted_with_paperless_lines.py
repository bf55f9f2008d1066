"""“Print the rest” (``--unprinted``) on a decision that also has a line with no paper: an LĐTT whose optional
certificate is off is money and a line in the decision only. Before, the paperless line was handed to the batch,
which refused the whole of it ("… không có giấy chứng nhận"), so the Giấy khen of the same decision could never be
finished with the option, with or without ``--paper``."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store
from tests.demo_date import DEMO_TODAY


def _mixed_decision(store: Store) -> dict:
    fill_demo(store, today=DEMO_TODAY)
    round_id = int(store.scalar("SELECT id FROM review_rounds WHERE year = 2024"))
    used = {r["nomination_id"] for r in store.query("SELECT nomination_id FROM decision_awardees")}
    free = [n for n in review.get_round(store, round_id)["nominations"] if n["id"] not in used]
    picked = [n["id"] for n in free if n["code"] == "LDTT"][:1]
    picked += [n["id"] for n in free if n["code"] == "GIAY_KHEN"][:2]
    assert len(picked) == 3
    signed = review.list_decisions(store, year=2024)[0]
    issued = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2024, 12, 27),
        signer_title=signed["signer_title"],
        signer_name=signed["signer_name"],
        subject="Về việc khen thưởng bổ sung năm 2024",
        nomination_ids=picked,
    )
    return review.get_decision(store, decision_id=issued)


def test_the_rest_to_print_leaves_out_lines_with_no_paper(store, db_path, tmp_path, capsys):
    decision = _mixed_decision(store)
    papers = {a["id"]: a["paper"] for a in ops.decision_awardees(store, decision_id=decision["id"])}
    assert sorted(papers.values(), key=str) == ["", "giay_khen", "giay_khen"]
    giay_khen = [awardee_id for awardee_id, paper in papers.items() if paper == "giay_khen"]
    assert ops.unprinted_awardee_ids(store, decision["id"]) == giay_khen
    assert ops.unprinted_awardee_ids(store, decision["id"], paper="giay_khen") == giay_khen
    assert ops.unprinted_awardee_ids(store, decision["id"], paper="giay_chung_nhan") == []
    store.close()
    render = ["--db", str(db_path), "certificates", "render", "--decision", decision["number_text"], "--year", "2024"]
    assert main([*render, "--unprinted", "--out", str(tmp_path / "rest.pdf")]) == 0, capsys.readouterr().err
    assert len(PdfReader(str(tmp_path / "rest.pdf")).pages) == 2
    code = main([*render, "--unprinted", "--paper", "giay_khen", "--out", str(tmp_path / "again.pdf")])
    assert code == 1 and "đã được in giấy" in capsys.readouterr().err
