"""Title money is paid once per person and year (NĐ 152: a higher title pays only the difference), also across
imported decisions, cancellations and replacements; what is still owed is said; the payment list says why.

Real store, the demo commune, the command line through ``desktop.cli.main``.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from desktop.cli import main
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.history_import import import_history_file
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import cstdcs_before_its_ldtt

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo"}
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair", "attended": True},
    {"full_name": "Lò Văn Chứ", "role": "deputy", "attended": True},
    {"full_name": "Hoàng Thị Mai", "role": "member", "attended": True},
    {"full_name": "Giàng Seo Dũng", "role": "member", "attended": True},
    {"full_name": "Vàng Thị Dở", "role": "secretary", "attended": True},
]


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _round(store, passed: int = 1) -> tuple[int, list[dict]]:
    """A 2025 round with its council; the first ``passed`` CSTĐCS nominations voted through. Returns the round and
    [{"staff_id", "cstdcs", "ldtt"}] for those people."""
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    nominations = review.get_round(store, round_id)["nominations"]
    review.set_council(store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường",
                       members=COUNCIL)  # fmt: skip
    people = []
    for n in [n for n in nominations if n["code"] == "CSTDCS"][:passed]:
        review.record_ballot(store, nomination_id=n["id"], agree=5, disagree=0, invalid=0)
        ldtt = next(m["id"] for m in nominations if m["code"] == "LDTT" and m["staff_id"] == n["staff_id"])
        people.append({"staff_id": n["staff_id"], "cstdcs": n["id"], "ldtt": ldtt})
    return round_id, people


def _issue(store, round_id: int, day: date, ids: list[int]) -> dict:
    new_id = review.issue_decision(
        store, round_id=round_id, decision_date=day, subject="Về việc khen thưởng", nomination_ids=ids, **HEADER
    )
    return review.get_decision(store, decision_id=new_id)


def _run(capsys, db, *args):
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_imported_own_decision_counts_as_paid_in_full_on_its_date(demo, tmp_path):
    """The unit's LĐTT 2025 decision on paper, loaded by the history import (no amount): a CSTĐCS decided later in
    the program pays only the difference, and its reason says the imported amount is assumed."""
    store = demo
    round_id, (person,) = _round(store)
    code = store.scalar("SELECT staff_code FROM staff WHERE id = ?", (person["staff_id"],))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng"
    sheet.append(["Mã CB", "Năm", "Danh hiệu/hình thức", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"])
    sheet.append([code, 2025, "LDTT", "15/QĐ-UBND", date(2025, 11, 20), "UBND xã"])
    book.save(tmp_path / "history.xlsx")
    report = import_history_file(store, tmp_path / "history.xlsx")
    assert report.inserted == 1
    assert (
        store.scalar(
            "SELECT count(*) FROM awards WHERE staff_id = ? AND year = 2025 AND code = 'LDTT' AND source = 'import' "
            "AND amount IS NULL",
            (person["staff_id"],),
        )
        == 1
    )
    (line,) = _issue(store, round_id, date(2025, 12, 22), [person["cstdcs"]])["awardees"]
    assert line["amount"] == 2_340_000 - 710_000
    assert (
        "2.340.000 − 710.000 đã nhận theo Quyết định số 15/QĐ-UBND ngày 20/11/2025 (nhập từ sổ cũ, không ghi số "
        "tiền: coi như đã chi đủ 710.000 đồng theo mức ngày 20/11/2025) = 1.630.000 đồng" in line["arithmetic"]
    )


def test_cancelling_the_higher_title_says_the_lower_one_paid_nothing_is_owed(demo):
    """CSTĐCS first (full), LĐTT later (0: the CSTĐCS was paid); the CSTĐCS decision is cancelled: the LĐTT still
    in force was paid nothing, and the cancellation says its money is owed. (A CSTĐCS is issued only on an LĐTT
    held or given beside it: it stands first once the LĐTT given with it was dropped by a replacement.)"""
    store = demo
    round_id, (person,) = _round(store)
    higher = review.get_decision(
        store,
        decision_id=cstdcs_before_its_ldtt(
            store, round_id, ldtt_id=person["ldtt"], cstdcs_id=person["cstdcs"], day=date(2025, 12, 20),
            replaced_on=date(2025, 12, 21),
        ),
    )  # fmt: skip
    assert [(a["code"], a["amount"]) for a in higher["awardees"]] == [("CSTDCS", 2_340_000)]
    (lower,) = _issue(store, round_id, date(2025, 12, 22), [person["ldtt"]])["awardees"]
    assert lower["amount"] == 0
    owed = review.revoke_decision(store, decision_id=higher["id"], reason="Phiếu bầu không hợp lệ")
    name = store.scalar("SELECT full_name FROM staff WHERE id = ?", (person["staff_id"],))
    assert len(owed) == 1 and owed[0].startswith(f"{name}: “Lao động tiên tiến” năm 2025")
    assert "được thưởng 710.000 đồng, nay chỉ còn 0 đồng" in owed[0] and "còn thiếu 710.000 đồng" in owed[0]


def test_replacing_without_the_higher_title_beside_pays_the_lower_one(demo, db_path, capsys):
    """One decision gives LĐTT (0) and CSTĐCS (full) to one person; its replacement drops the CSTĐCS: the LĐTT kept
    cannot keep 0 and the reason "already got CSTĐCS" — it is reckoned again, and the command says so."""
    store = demo
    round_id, (person,) = _round(store)
    both = _issue(store, round_id, date(2025, 12, 20), [person["ldtt"], person["cstdcs"]])
    assert sorted(a["amount"] for a in both["awardees"]) == [0, 2_340_000]
    dropped = next(a["register_no"] for a in both["awardees"] if a["code"] == "CSTDCS")
    code, _out, err = _run(
        capsys, db_path, "decision", "replace", both["number_text"], "--year", "2025", "--reason",
        "Phiếu bầu CSTĐCS không hợp lệ", "--date", "2025-12-23", "--remove-register-no", str(dropped),
    )  # fmt: skip
    assert code == 0, err
    new = review.get_decision(store, decision_id=int(store.scalar("SELECT id FROM decisions WHERE replaces_id = ?",
                                                                 (both["id"],))))  # fmt: skip
    (line,) = new["awardees"]
    assert line["code"] == "LDTT" and line["amount"] == 710_000 and "Cùng kỳ" not in line["arithmetic"]
    assert "tiền thưởng được tính lại, 0 → 710.000 đồng" in err


def test_replacing_a_decision_says_what_is_still_owed(demo, db_path, capsys):
    """LĐTT of two people (1/QĐ), then the CSTĐCS of one paid as the difference over it; replacing 1/QĐ without
    that person's LĐTT leaves the CSTĐCS short: the replacement says what is still owed, as a cancellation does."""
    store = demo
    round_id, people = _round(store, passed=2)
    first = _issue(store, round_id, date(2025, 12, 20), [p["ldtt"] for p in people])
    (diff,) = _issue(store, round_id, date(2025, 12, 22), [people[0]["cstdcs"]])["awardees"]
    assert diff["amount"] == 1_630_000
    dropped = next(a["register_no"] for a in first["awardees"] if a["staff_id"] == people[0]["staff_id"])
    code, _out, err = _run(
        capsys, db_path, "decision", "replace", first["number_text"], "--year", "2025", "--reason", "Sai sót",
        "--date", "2025-12-29", "--remove-register-no", str(dropped),
    )  # fmt: skip
    assert code == 0, err
    name = store.scalar("SELECT full_name FROM staff WHERE id = ?", (people[0]["staff_id"],))
    assert f"Lưu ý: {name}: “Chiến sĩ thi đua cơ sở” năm 2025" in err and "còn thiếu 710.000 đồng" in err


def test_a_kept_difference_over_a_cancelled_decision_is_reckoned_again(demo, db_path, capsys):
    """CSTĐCS paid as 2.340.000 − 710.000 over the LĐTT of 1/QĐ; 1/QĐ is cancelled; replacing the CSTĐCS decision
    only to fix its subject must not copy a reason citing 1/QĐ: the line is reckoned again (full money)."""
    store = demo
    round_id, (person,) = _round(store)
    first = _issue(store, round_id, date(2025, 12, 20), [person["ldtt"]])
    second = _issue(store, round_id, date(2025, 12, 22), [person["cstdcs"]])
    review.revoke_decision(store, decision_id=first["id"], reason="Ký sai thẩm quyền")
    code, _out, err = _run(
        capsys, db_path, "decision", "replace", second["number_text"], "--year", "2025", "--reason", "Sửa trích yếu",
        "--date", "2025-12-30", "--subject", "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
    )  # fmt: skip
    assert code == 0, err
    new_id = int(store.scalar("SELECT id FROM decisions WHERE replaces_id = ?", (second["id"],)))
    (line,) = review.get_decision(store, decision_id=new_id)["awardees"]
    assert line["amount"] == 2_340_000 and first["number_text"] not in line["arithmetic"]
    assert "1.630.000 → 2.340.000 đồng" in err


def test_replacing_a_decision_warns_of_unconfirmed_values_as_issuing_does(demo, db_path, capsys):
    """A 2025 LĐTT decided on 2/7/2026 rests on the base salary from 1/7/2026 (unconfirmed in the pack): replacing
    it keeps that money, so the command warns on stderr as `decision issue` does."""
    store = demo
    round_id, (person,) = _round(store)
    decision = _issue(store, round_id, date(2026, 7, 2), [person["ldtt"]])
    assert decision["awardees"][0]["amount"] == 760_000
    code, _out, err = _run(
        capsys, db_path, "decision", "replace", decision["number_text"], "--year", "2026", "--reason", "Sửa trích yếu",
        "--date", "2026-07-03", "--subject", "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
    )  # fmt: skip
    assert code == 0, err
    assert "Lưu ý: Mức lương cơ sở 2.530.000 đồng từ ngày 01/07/2026" in err and "chưa được xác nhận" in err


def test_the_payment_list_says_why_a_line_pays_what_is_still_owed(demo, tmp_path):
    """CSTĐCS paid as a difference over an LĐTT since cancelled; the LĐTT decided again on 2/7/2026 pays the 710.000
    still owed: the payment list says why, and does not say the amount rests on the (unconfirmed) base salary of
    1/7/2026 — it was reckoned from the CSTĐCS of 2025."""
    store = demo
    round_id, (person,) = _round(store)
    first = _issue(store, round_id, date(2025, 12, 20), [person["ldtt"]])
    _issue(store, round_id, date(2025, 12, 22), [person["cstdcs"]])
    review.revoke_decision(store, decision_id=first["id"], reason="Ký sai thẩm quyền")
    again = _issue(store, round_id, date(2026, 7, 2), [person["ldtt"]])
    assert again["awardees"][0]["amount"] == 710_000
    pay = review.payment_doc(store, decision_id=again["id"])
    assert "Chi phần còn thiếu: 2.340.000 − 1.630.000 = 710.000 đồng" in pay.lines[0].money_note
    assert pay.unconfirmed_notes == ()
    from desktop.documents import review_docs
    from tests.documents.test_review_docs import pdf_text

    text = pdf_text(review_docs.render("payment", pay, tmp_path / "chi.pdf"))
    assert "Chi phần còn thiếu" in text and "chưa được xác nhận" not in text


def test_a_reason_citing_the_new_number_is_not_money_worked_out_again(demo):
    """The LĐTT decision replaced (a typo), then the CSTĐCS decision paid as the difference over it replaced too: the
    difference now cites the LĐTT's new number, the amount is the same — no "tính lại 1.630.000 → 1.630.000"."""
    store = demo
    round_id, people = _round(store, passed=1)
    first = _issue(store, round_id, date(2025, 12, 20), [people[0]["ldtt"]])
    higher = _issue(store, round_id, date(2025, 12, 22), [people[0]["cstdcs"]])
    assert higher["awardees"][0]["amount"] == 1_630_000
    review.correct_decision(store, decision_id=first["id"], reason="Sửa trích yếu", decision_date=date(2025, 12, 23),
                            changes={"subject": "Về việc khen thưởng (sửa)"})  # fmt: skip
    new_id = review.correct_decision(
        store, decision_id=higher["id"], reason="Sửa trích yếu", decision_date=date(2025, 12, 24),
        changes={"subject": "Về việc (sửa)"},
    )  # fmt: skip
    (line,) = review.get_decision(store, decision_id=new_id)["awardees"]
    assert line["amount"] == 1_630_000
    assert not any("được tính lại" in note for note in review.replacement_notes(store, decision_id=new_id))
