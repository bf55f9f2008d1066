"""The lines under an .xlsx money list ("Bằng chữ", the notes naming who was paid only a difference, the "decision
no longer in force" status) go through the same safe cell writer as the table, and the list appears under its final
name only whole (rvreport finding 4)."""

from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.documents import review_docs
from desktop.documents.blocks import DocumentError
from desktop.documents.review_data import AwardLine, PaymentListDoc, UnitHeader
from desktop.documents.review_docs.sheets import XlsxList, write_xlsx
from desktop.documents.xlsx_lists import ListColumn

UNIT = UnitHeader("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ", "Lũng Cú", "Chủ tịch", "Hùng")


def _doc(name: str) -> PaymentListDoc:
    line = AwardLine(
        recipient_key="s1",
        order=1,
        target_kind="individual",
        name=name,
        position="Công chức",
        department="Văn phòng",
        gender="F",
        code="CSTDCS",
        code_name="Chiến sĩ thi đua cơ sở",
        category="title",
        achievement="",
        amount=1_630_000,
        money_note="2.340.000 − 710.000 đã nhận theo Quyết định số 4/QĐ-UBND",
    )
    return PaymentListDoc(
        UNIT, "5/QĐ-UBND", date(2025, 12, 22), (line,), 1_630_000, "Một triệu sáu trăm ba mươi nghìn đồng"
    )


def _texts(path) -> list[str]:
    sheet = load_workbook(path).active
    return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]


def test_payment_list_with_a_stored_control_character_exports_whole(tmp_path):
    out = tmp_path / "chi.xlsx"
    review_docs.render("payment", _doc("Lò Thị\x1bMai"), out)
    texts = _texts(out)
    assert any(t.startswith("Bằng chữ") for t in texts)
    assert any("Lò ThịMai" in t for t in texts if "chênh lệch" in t)  # the footer note names her, cleaned
    assert not any("\x1b" in t for t in texts)


def _failing_with_footer():
    """``Workbook.save`` that fails, as a full disk would, once the "Bằng chữ" line is in the workbook."""
    from openpyxl.workbook.workbook import Workbook

    real_save = Workbook.save

    def save(self, filename):
        cells = (c.value for row in self.active.iter_rows() for c in row)
        if any(isinstance(v, str) and v.startswith("Bằng chữ") for v in cells):
            raise OSError(28, "No space left on device")
        return real_save(self, filename)

    return save


def test_a_failed_export_keeps_the_earlier_good_list(tmp_path, monkeypatch):
    out = tmp_path / "chi.xlsx"
    review_docs.render("payment", _doc("Lò Thị Mai"), out)
    good = out.read_bytes()
    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", _failing_with_footer())
    with pytest.raises(DocumentError):
        review_docs.render("payment", _doc("Lò Thị Hoa"), out)
    assert out.read_bytes() == good  # the earlier list is untouched, not replaced by one without its total
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chi.xlsx"]  # no temporary file left


def test_a_failed_first_export_leaves_no_file(tmp_path, monkeypatch):
    out = tmp_path / "chi.xlsx"
    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", _failing_with_footer())
    with pytest.raises(DocumentError):
        review_docs.render("payment", _doc("Lò Thị Hoa"), out)
    assert not out.exists(), "a list without its total in words was left under the final name"
    assert list(tmp_path.iterdir()) == []


def test_formula_like_footer_line_stays_text(tmp_path):
    spec = XlsxList(
        title="Danh sách",
        columns=[ListColumn("STT", 6, "int"), ListColumn("Họ và tên", 30)],
        rows=[[1, "Lò Thị Mai"]],
        footer_lines=('=HYPERLINK("http://x","bấm")', "Bằng chữ: Một triệu đồng"),
    )
    out = write_xlsx(spec, tmp_path / "ds.xlsx")
    sheet = load_workbook(out).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    formula = cells['=HYPERLINK("http://x","bấm")']
    assert formula.data_type == "s" and formula.quotePrefix
    footer_row = cells["Bằng chữ: Một triệu đồng"].row
    assert footer_row > max(c.row for c in cells.values() if c.value == "Lò Thị Mai")
    assert any(str(r).startswith(f"A{footer_row}:") for r in sheet.merged_cells.ranges)
