"""Issue 12, point 4 — the staff import window: hidden sheets are not offered, two columns with one name are not
chosen between silently (the clerk picks one)."""

from __future__ import annotations

from openpyxl import Workbook

from desktop.ui.staff.import_dialog import StaffImportDialog


def test_duplicate_name_columns_are_left_for_the_clerk(qtbot, app_context, tmp_path):
    book = Workbook()
    old = book.active
    assert old is not None
    old.title = "Cũ"
    old.append(["Họ và tên"])
    old.append(["Người Đã Nghỉ"])
    old.sheet_state = "hidden"
    sheet = book.create_sheet("Danh sách")
    sheet.append(["Họ và tên", "Ngày sinh", "Họ tên"])
    sheet.append(["Nguyễn Văn Sơn", "12/05/1980", "Nguyễn V. Sơn"])
    book.create_sheet("Ghi chú").append(["Họ và tên"])
    path = tmp_path / "hai-cot.xlsx"
    book.save(path)

    dialog = StaffImportDialog(app_context)
    qtbot.addWidget(dialog)
    assert dialog.load_file(path)
    assert dialog.source.sheet == "Danh sách"
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["Danh sách", "Ghi chú"]
    assert "cột A (Họ và tên) và cột C (Họ tên)" in dialog.note_label.text()
    assert "full_name" not in dialog.mapping() and dialog.mapping()["birth_date"] == 1
    assert dialog.preview is None  # nothing to import until a name column is chosen
    dialog.set_mapping("full_name", 0)
    assert dialog.preview is not None and dialog.preview.counts["ok"] == 1
