"""Two people of one name in one department on a payment list: the cashier must tell who signs which line. The
list has no position column, so each namesake's name carries its mark (birth year or staff code), on the PDF and the
spreadsheet alike."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


def test_namesakes_on_a_payment_list_are_told_apart(store, db_path, tmp_path, capsys):
    fill_demo(store, today=DEMO_TODAY)
    namesakes = store.query("SELECT id, staff_code FROM staff WHERE full_name = 'Đỗ Hữu Chứ' ORDER BY id")
    assert len(namesakes) == 2  # the demo's two "Đỗ Hữu Chứ" of the Ban Chỉ huy Quân sự xã
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ids = [
        n["id"]
        for n in review.get_round(store, round_id)["nominations"]
        if n["code"] == "LDTT" and n["staff_id"] in {p["id"] for p in namesakes}
    ]
    assert len(ids) == 2
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 20), subject="Về việc khen thưởng năm 2025",
        nomination_ids=ids, signer_title="Chủ tịch", signer_name="Sùng Mí Pháo",
    )  # fmt: skip
    number = review.get_decision(store, decision_id=decision_id)["number_text"]
    store.close()
    texts = []
    for suffix in ("pdf", "xlsx"):
        out = tmp_path / f"chi.{suffix}"
        code = main(["--db", str(db_path), "documents", "render", "--kind", "payment", "--decision", number,
                     "--year", "2025", "--out", str(out)])  # fmt: skip
        assert code == 0, capsys.readouterr().err
        if suffix == "pdf":
            texts.append(" ".join(page.extract_text() for page in PdfReader(out).pages))
        else:
            sheet = load_workbook(out).active
            texts.append(" ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None))
    for text in texts:
        marked = [part for part in text.split("Đỗ Hữu Chứ (")[1:]]
        assert len(marked) == 2, text
        first, second = (part.split(")")[0] for part in marked)
        assert first and second and first != second
