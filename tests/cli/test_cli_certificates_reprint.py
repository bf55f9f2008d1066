"""``tdkt certificates render`` twice is refused (a second sheet is a reprint), and ``tdkt certificates reprint``
prints one certificate again and records it as a reprint with its reason (defect e)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import review
from desktop.store import open_store


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db_path), *args])
        except SystemExit as exc:  # argparse: the command line itself is wrong
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", "2025-12-04")
    assert code == 0, err
    code, _out, err = run("certificates", "optional", "on", "--cite", "Quyết định 99/2025/QĐ-UBND (ví dụ)")
    assert code == 0, err
    return run


@pytest.fixture
def number(db_path) -> str:
    store = open_store(db_path)
    try:
        found = [
            d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")
        ]
        return str(found[0]["number_text"])
    finally:
        store.close()


def _register(tdkt, number: str) -> list[dict]:
    code, out, err = tdkt("certificates", "register", "--decision", number, "--year", "2024", "--json")
    assert code == 0, err
    return json.loads(out)


def test_render_twice_is_refused_and_reprint_records_the_reason(tdkt, number, tmp_path):
    first, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render = ("certificates", "render", "--decision", number, "--year", "2024")
    code, _out, err = tdkt(*render, "--out", str(first), "--serial", "AA000001")
    assert code == 0, err
    code, _out, err = tdkt(*render, "--out", str(again), "--serial", "AA000100")
    rows = _register(tdkt, number)
    assert code == 1 and not again.exists()
    assert f"{rows[0]['name']} (số sổ vàng 1, đã in 1 lần" in err and "tdkt certificates reprint" in err
    assert [(r["times_printed"], r["reprints"]) for r in rows] == [(1, 0)] * len(rows)

    out = tmp_path / "in-lai.pdf"
    code, stdout, err = tdkt(
        "certificates", "reprint", "--awardee", str(rows[0]["awardee_id"]), "--reason", "spoiled",
        "--note", "kẹt giấy", "--serial", "AA000200", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert len(PdfReader(str(out)).pages) == 1
    assert (
        f"Đã in lại giấy của {rows[0]['name']} (số sổ vàng 1, Quyết định số {number}), lý do: Hỏng phôi: kẹt giấy"
        in (stdout)
    )
    code, stdout, err = tdkt(
        "certificates", "reprint", "--print-id", str(rows[1]["last_print_id"]), "--reason", "Mực bị nhòe",
        "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(stdout)
    assert (result["reprint_of"], result["reason"], result["note"]) == (
        rows[1]["last_print_id"],
        "other",
        "Mực bị nhòe",
    )

    after = _register(tdkt, number)
    assert (after[0]["times_printed"], after[0]["reprints"]) == (2, 1)
    assert after[0]["serials"] == ["AA000001", "AA000200"]
    assert after[0]["reprint_reasons"] == ["Hỏng phôi: kẹt giấy"]
    assert after[0]["prints"][1]["reprint_of"] == rows[0]["last_print_id"]
    assert after[1]["reprint_reasons"] == ["Lý do khác: Mực bị nhòe"]
    # the Vietnamese words of a reason are understood as its code
    code, _out, err = tdkt(
        "certificates", "reprint", "--awardee", str(rows[2]["awardee_id"]), "--reason", "Sửa nội dung in sai",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert _register(tdkt, number)[2]["reprint_reasons"] == ["Sửa nội dung in sai"]


def test_reprint_refusals(tdkt, number, tmp_path):
    out = tmp_path / "x.pdf"
    rows = _register(tdkt, number)
    code, _out, err = tdkt(
        "certificates", "reprint", "--awardee", str(rows[0]["awardee_id"]), "--reason", "spoiled", "--out", str(out)
    )
    assert code == 1 and "chưa in lần nào" in err and not out.exists()
    code, _out, err = tdkt("certificates", "reprint", "--reason", "spoiled", "--out", str(out))
    assert code == 2 and "--awardee" in err
    code, _out, err = tdkt("certificates", "reprint", "--print-id", "1", "--out", str(out))
    assert code == 2 and "--reason" in err
    code, _out, err = tdkt("certificates", "reprint", "--print-id", "77", "--reason", "spoiled", "--out", str(out))
    assert code == 1 and "Không có lần in mã 77" in err
    code, _out, err = tdkt("certificates", "render", "--decision", number, "--year", "2024", "--out", str(out))
    assert code == 0, err
    code, _out, err = tdkt(
        "certificates", "reprint", "--awardee", str(rows[0]["awardee_id"]), "--reason", "other", "--out", str(out)
    )
    assert code == 1 and "Hãy ghi rõ lý do in lại" in err
    assert [r["times_printed"] for r in _register(tdkt, number)] == [1] * len(rows)


def test_unprinted_prints_the_rest_of_a_partly_printed_decision(tdkt, number, db_path, tmp_path):
    """Two of the decision's people printed (in the window, say): `--unprinted` prints the others, as the window
    ticks them; once everyone is printed it says to reprint instead."""
    from desktop.ops import certificates

    store = open_store(db_path)
    try:
        decision = next(d for d in review.list_decisions(store, year=2024) if d["number_text"] == number)
        everyone = certificates.unprinted_awardee_ids(store, decision["id"])
        certificates.render_decision_certificates(
            store, decision_id=decision["id"], awardee_ids=everyone[:2], out=tmp_path / "first-two.pdf"
        )
    finally:
        store.close()
    render = ("certificates", "render", "--decision", number, "--year", "2024")
    code, _out, err = tdkt(*render, "--out", str(tmp_path / "all.pdf"))
    assert code == 1 and "tdkt certificates reprint" in err  # the whole decision: two are printed already
    code, _out, err = tdkt(*render, "--unprinted", "--out", str(tmp_path / "rest.pdf"))
    assert code == 0, err
    assert len(PdfReader(str(tmp_path / "rest.pdf")).pages) == len(everyone) - 2
    assert {(r["times_printed"], r["reprints"]) for r in _register(tdkt, number)} == {(1, 0)}
    code, _out, err = tdkt(*render, "--unprinted", "--out", str(tmp_path / "none.pdf"))
    assert code == 1 and "đã được in giấy" in err and not (tmp_path / "none.pdf").exists()
