"""A year written "-2021" in the history is no year: folding the text for the comparison dropped the minus sign,
and the row was stored as a rating of 2021."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.staff import StaffDraft
from desktop.ops.history_import import import_history_file
from desktop.store import staff_repo


def test_a_year_with_a_minus_sign_is_a_row_error(unit_store, tmp_path: Path) -> None:
    with unit_store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            unit_store, StaffDraft(full_name="Trần Thị Bình", staff_code="CB00002", birth_date=date(1981, 5, 13))
        )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại"
    for row in (
        ["Mã CB", "Năm", "Xếp loại"],
        ["CB00002", "-2021", "HTTNV"],
        ["CB00002", "Năm \u22122022", "HTTNV"],  # the minus sign U+2212
        ["CB00002", "– 2020", "HTTNV"],  # an en dash
        ["CB00002", "Năm 2023", "HTTNV"],
    ):
        sheet.append(list(row))
    path = tmp_path / "ls.xlsx"
    book.save(path)

    report = import_history_file(unit_store, path)

    rows = report.preview.rows
    assert [(row.status, row.fields) for row in rows] == [("error", ["year"])] * 3 + [("new", [])]
    assert rows[0].problems == ["Năm: “-2021” không phải năm; ghi 4 chữ số, ví dụ 2024."]
    assert unit_store.query("SELECT year FROM ratings") == [{"year": 2023}]
