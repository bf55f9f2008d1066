"""``tdkt documents render`` on the demo commune: the decisions of its earlier years printed and read back."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import DOCUMENT_KINDS, main
from desktop.documents import review_docs
from desktop.documents.numbers import format_money
from desktop.domain.amount_words import amount_in_words
from desktop.ops import review
from desktop.store import open_store


def _pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages)))


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", "2025-12-04")
    assert code == 0, err
    return run


@pytest.fixture
def lđtt_2024(tdkt, db_path) -> dict:
    """The demo's 2024 Lao động tiên tiến decision, as the database holds it."""
    store = open_store(db_path)
    try:
        found = [
            d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")
        ]
        assert len(found) == 1
        return review.get_decision(store, decision_id=found[0]["id"])
    finally:
        store.close()


def test_cli_kinds_are_the_document_kinds():
    assert review_docs.KINDS == DOCUMENT_KINDS


def test_render_the_decision_and_its_payment_list(tdkt, lđtt_2024, tmp_path):
    number = lđtt_2024["number_text"]
    awardees = lđtt_2024["awardees"]
    total = sum(a["amount"] for a in awardees)
    assert len(awardees) > 10 and total > 0

    out = tmp_path / "quyet-dinh.pdf"
    code, stdout, err = tdkt(
        "documents", "render", "--kind", "decision", "--decision", number, "--year", "2024", "--out", str(out)
    )
    assert code == 0, err
    assert str(out) in stdout
    text = _pdf_text(out)
    assert f"Số: {number}" in text
    assert "Lũng Cú, ngày 26 tháng 12 năm 2024" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Điều 2. Tiền thưởng được chi từ Quỹ thi đua, khen thưởng" in text
    assert f"(Kèm theo Quyết định số {number} ngày 26 tháng 12 năm 2024" in text
    for awardee in awardees:
        assert f"{awardee['register_no']} {awardee['snapshot_name']}" in text
    assert f"Tổng cộng {format_money(total)}" in text
    assert f"Bằng chữ: {amount_in_words(total)}." in text

    out = tmp_path / "chi-tien.pdf"
    code, _stdout, err = tdkt(
        "documents", "render", "--kind", "payment", "--decision", number, "--year", "2024", "--out", str(out)
    )
    assert code == 0, err
    text = _pdf_text(out)
    assert "DANH SÁCH CHI TIỀN THƯỞNG" in text and "Ký nhận" in text
    assert all(a["snapshot_name"] in text for a in awardees)
    assert f"Tổng cộng {format_money(total)}" in text
    assert f"Bằng chữ: {amount_in_words(total)}." in text

    out = tmp_path / "chi-tien.xlsx"
    code, stdout, err = tdkt(
        "documents",
        "render",
        "--kind",
        "payment",
        "--decision",
        number,
        "--year",
        "2024",
        "--out",
        str(out),
        "--json",
    )
    assert code == 0, err
    assert json.loads(stdout) == {"kind": "payment", "path": str(out)}
    sheet = load_workbook(out).active
    assert sheet.cell(row=5 + len(awardees), column=5).value == total


def test_other_kinds_from_the_demo(tdkt, db_path, tmp_path):
    store = open_store(db_path)
    try:
        round_id = store.scalar("SELECT id FROM review_rounds WHERE year = 2024")
        staff = store.query_one(
            "SELECT s.staff_code, s.full_name FROM awards a JOIN staff s ON s.id = a.staff_id "
            "WHERE a.source = 'above' AND a.code = 'BK_TINH'"
        )
        nomination_id = store.scalar(
            "SELECT id FROM nominations WHERE round_id = ? AND code = 'CSTDCS' ORDER BY id LIMIT 1", (round_id,)
        )
    finally:
        store.close()
    code, _out, err = tdkt(
        "documents", "render", "--kind", "minutes", "--round", str(round_id), "--out", str(tmp_path / "bb.pdf")
    )
    assert code == 0, err
    assert "BIÊN BẢN" in _pdf_text(tmp_path / "bb.pdf")
    code, _out, err = tdkt(
        "documents", "render", "--kind", "proposal_list", "--round", str(round_id), "--out", str(tmp_path / "ds.xlsx")
    )
    assert code == 0, err
    code, _out, err = tdkt(
        "documents", "render", "--kind", "register", "--staff", staff["staff_code"], "--out", str(tmp_path / "so.pdf")
    )
    assert code == 0, err
    text = _pdf_text(tmp_path / "so.pdf")
    assert staff["full_name"] in text and "2518/QĐ-UBND" in text and "Cấp trên" in text
    code, _out, err = tdkt(
        "documents",
        "render",
        "--kind",
        "achievement_report",
        "--nomination",
        str(nomination_id),
        "--out",
        str(tmp_path / "bc.docx"),
    )
    assert code == 0, err
    assert (tmp_path / "bc.docx").stat().st_size > 0


def test_bad_requests_say_what_is_wrong(tdkt, tmp_path):
    out = str(tmp_path / "x.pdf")
    code, _out, err = tdkt("documents", "render", "--kind", "decision", "--decision", "1/QĐ-UBND", "--out", out)
    assert code == 1 and "Có 3 quyết định số 1/QĐ-UBND (các năm 2022, 2023, 2024)" in err
    code, _out, err = tdkt("documents", "render", "--kind", "decision", "--decision", "999/QĐ-UBND", "--out", out)
    assert code == 1 and "999/QĐ-UBND" in err
    code, _out, err = tdkt("documents", "render", "--kind", "minutes", "--decision", "2/QĐ-UBND", "--out", out)
    assert code == 1 and "không dùng --decision" in err
    code, _out, err = tdkt(
        "documents", "render", "--kind", "minutes", "--round", "1", "--out", str(tmp_path / "bb.xlsx")
    )
    assert code == 1 and "không có bản Excel" in err
    code, _out, err = tdkt("documents", "render", "--kind", "register", "--staff", "KHONGCO", "--out", out)
    assert code == 1 and "KHONGCO" in err
    with pytest.raises(SystemExit) as exited:  # two selectors at once: argparse refuses the command line
        tdkt("documents", "render", "--kind", "decision", "--round", "1", "--decision", "1/QĐ-UBND", "--out", out)
    assert exited.value.code == 2
    assert not (tmp_path / "x.pdf").exists()
