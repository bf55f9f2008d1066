"""A history row naming, by name only, a person who no longer works at the unit: the clerk reads "thôi công tác",
the wording used everywhere else on screen for people who left (never "nghỉ việc")."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from desktop.ops.history_import import preview_history
from desktop.ops.staff import mark_staff_left
from tests.history_factory import add_people


def test_a_row_naming_someone_who_left_says_thoi_cong_tac(unit_store, tmp_path):
    ids = add_people(unit_store)
    mark_staff_left(unit_store, staff_id=ids["CB00005"], end_date=date(2024, 12, 31))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại"
    sheet.append(["Họ và tên", "Năm", "Xếp loại"])
    sheet.append(["Giàng Seo Phử", 2023, "HTNV"])
    book.save(tmp_path / "xep-loai.xlsx")

    [row] = preview_history(unit_store, tmp_path / "xep-loai.xlsx").rows

    assert row.status == "error"
    assert row.problems == [
        "Họ và tên: “Giàng Seo Phử” đã thôi công tác; cần thêm ngày sinh hoặc mã cán bộ để chắc đúng người."
    ]
