"""The import dialog on a messy workbook made here: title rows, a bad date, a missing name, a duplicate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from desktop.domain.staff import StaffDraft
from desktop.ops import staff as staff_ops
from desktop.ui.context import AppContext
from desktop.ui.staff.import_dialog import StaffImportDialog


def messy_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"])
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Phòng ban"])
    sheet.append([1, "Nguyễn Văn Sơn", "05/03/1980", "Nam", "Kinh", "Chủ tịch", "Văn phòng"])  # row 5 ok
    sheet.append([2, "Lò Thị Mai", "31/02/1985", "Nữ", "Thái", "Công chức", "Văn phòng"])  # row 6 bad date
    sheet.append([3, "", "01/01/1990", "Nam", "Kinh", "Nhân viên", ""])  # row 7 missing name
    sheet.append([4, "Đặng Thị Ánh", date(1985, 7, 1), "Nữ", "Kinh", "Kế toán", "Văn phòng"])  # row 8 duplicate
    sheet.append([5, "Giàng Seo Phử", "12/09/1992", "Nam", "HMông", "Công an viên", "Công an xã"])  # row 9 ok
    book.save(path)
    return path


@pytest.fixture
def context(unit_store):
    staff_ops.add_staff(unit_store, draft=StaffDraft(full_name="Đặng Thị Ánh", birth_date=date(1985, 7, 1)))
    return AppContext(unit_store, actor="thu_ky")


def test_preview_shows_problems_and_import_adds_only_good_rows(qtbot, context, tmp_path):
    dialog = StaffImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load_file(messy_workbook(tmp_path / "can_bo.xlsx"))
    assert dialog.source.header_row == 4
    assert dialog.mapping()["full_name"] == 1
    assert dialog.mapping()["birth_date"] == 2
    assert "*" in dialog.mapping_table.item(0, 0).text()  # the required field is marked

    preview = dialog.preview_model
    rows = {int(preview.data(preview.index(r, 0))): r for r in range(preview.rowCount())}
    statuses = {number: preview.data(preview.index(r, 1)) for number, r in rows.items()}
    assert statuses == {5: "Hợp lệ", 6: "Có lỗi", 7: "Có lỗi", 8: "Trùng", 9: "Hợp lệ"}
    assert "31/02/1985" in preview.data(preview.index(rows[6], 4))
    assert preview.data(preview.index(rows[7], 4))  # the missing name is explained
    assert "Đặng Thị Ánh" in preview.data(preview.index(rows[8], 4))
    colour = preview.data(preview.index(rows[6], 1), Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == "#b00020"
    assert dialog.import_button.text() == "Nhập 2 dòng hợp lệ"
    assert dialog.counts_label.text().startswith("5 dòng: 2 hợp lệ, 2 có lỗi, 1 trùng")

    dialog.only_errors.setChecked(True)
    assert preview.rowCount() == 3
    dialog.only_errors.setChecked(False)

    with qtbot.waitSignal(context.data_changed, timeout=10000) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["staff"]
    assert dialog.imported_count == 2
    names = {r[0] for r in context.store.execute("SELECT full_name FROM staff").fetchall()}
    assert names == {"Đặng Thị Ánh", "Nguyễn Văn Sơn", "Giàng Seo Phử"}
    actors = context.store.execute(
        "SELECT DISTINCT actor FROM audit_log WHERE operation = 'staff.import' AND table_name = 'staff'"
    ).fetchall()
    assert actors == [("thu_ky",)]
    # after importing, the same rows are now duplicates, so nothing is left to import
    assert dialog.import_button.text() == "Nhập 0 dòng hợp lệ"
    assert not dialog.import_button.isEnabled()


def test_changing_the_mapping_re_runs_the_preview(qtbot, context, tmp_path):
    dialog = StaffImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.load_file(messy_workbook(tmp_path / "can_bo.xlsx"))
    dialog.set_mapping("full_name", -1)
    assert dialog.preview is None
    assert "Họ và tên" in dialog.error_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.set_mapping("full_name", 1)
    dialog.set_mapping("birth_date", -1)
    # without birth dates the bad date no longer matters (rows 5, 6, 9 are good), and a row with no birth date is
    # the Đặng Thị Ánh already there (born 1985), not a second record of her
    assert dialog.good_count() == 3
    preview = dialog.preview_model
    rows = {int(preview.data(preview.index(r, 0))): r for r in range(preview.rowCount())}
    assert preview.data(preview.index(rows[8], 1)) == "Trùng"
    assert "01/07/1985" in preview.data(preview.index(rows[8], 4))


def test_unreadable_file_shows_the_reason(qtbot, context, tmp_path):
    dialog = StaffImportDialog(context)
    qtbot.addWidget(dialog)
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a workbook")
    assert not dialog.load_file(bad)
    assert dialog.error_label.text()
    assert dialog.source is None


def test_cancel_writes_nothing(qtbot, context, tmp_path):
    dialog = StaffImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.load_file(messy_workbook(tmp_path / "can_bo.xlsx"))
    dialog.start_import()
    job = dialog.job
    job.cancel_flag.set()  # as if the clerk pressed "Hủy" before the first row
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    count = context.store.scalar("SELECT count(*) FROM staff")
    assert count in (1, 3)  # either cancelled before writing (1) or finished first (3), never half
    if job.was_cancelled:
        assert count == 1
        assert "hủy" in dialog.result_label.text().lower()


def test_page_export_button_writes_xlsx(qtbot, context, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from desktop.ui.staff.page import StaffPage

    target = tmp_path / "xuat.xlsx"
    monkeypatch.setattr("desktop.ui.widgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    infos = []
    monkeypatch.setattr("desktop.ui.widgets.show_info", lambda parent, text, title=None: infos.append(text))
    page = StaffPage(context)
    qtbot.addWidget(page)
    page.export_button.click()
    assert target.is_file()
    cells = [c for row in load_workbook(target).active.iter_rows(values_only=True) for c in row]
    assert "Đặng Thị Ánh" in cells
    assert infos and "1" in infos[0]


def test_the_official_two_row_header_is_explained_and_mapped(qtbot, context, tmp_path):
    """The form's "Họ và tên" over "Họ đệm" | "Tên" and "Ngày, tháng, năm sinh" over "Nam" | "Nữ": the dialog says how
    it read the header and offers the columns it found; the woman's birth date and gender are in the preview."""
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", None, "Ngày, tháng, năm sinh", None, "Chức vụ"])
    sheet.append([None, "Họ đệm", "Tên", "Nam", "Nữ", None])
    sheet.append([1, "Nguyễn Văn", "Sơn", "05/03/1980", None, "Chủ tịch"])
    sheet.append([2, "Lò Thị", "Mai", None, "12/09/1992", "Công chức"])
    for cells in ("A1:A2", "B1:C1", "D1:E1", "F1:F2"):
        sheet.merge_cells(cells)
    path = tmp_path / "mau.xlsx"
    book.save(path)
    dialog = StaffImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load_file(path)
    assert dialog.note_label.isVisible()
    assert "Dòng tiêu đề gồm hai dòng (1 và 2)" in dialog.note_label.text()
    assert dialog.mapping() == {
        "position": 5,
        "family_name": 1,
        "given_name": 2,
        "birth_date_male": 3,
        "birth_date_female": 4,
    }
    labels = [dialog.mapping_table.item(r, 0).text() for r in range(dialog.mapping_table.rowCount())]
    assert "Ngày sinh (cột Nữ)" in labels
    drafts = {row.draft.full_name: row.draft for row in dialog.preview.rows}
    assert (drafts["Lò Thị Mai"].gender, drafts["Lò Thị Mai"].birth_date) == ("F", date(1992, 9, 12))
    preview = dialog.preview_model
    shown = {preview.data(preview.index(r, 2)): preview.data(preview.index(r, 3)) for r in range(preview.rowCount())}
    assert shown == {"Nguyễn Văn Sơn": "05/03/1980", "Lò Thị Mai": "12/09/1992"}  # the "Ngày sinh" column
    assert dialog.import_button.text() == "Nhập 2 dòng hợp lệ"


def test_preview_shows_each_birth_date_as_it_was_understood(qtbot, context, tmp_path):
    """A clerk checks the dates before importing: "5/3/80" must read 05/03/1980, not stay ambiguous as typed."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Ngày sinh"])
    sheet.append(["Nguyễn Văn Sơn", "5/3/80"])
    sheet.append(["Lò Thị Mai", "1985-07-01"])
    sheet.append(["Giàng Seo Phử", 33857])  # an Excel serial number: 10/09/1992
    sheet.append(["Vàng Thị Dua", "31/02/1985"])  # cannot be read: stays as typed, beside its problem
    book.save(tmp_path / "ngay_sinh.xlsx")
    dialog = StaffImportDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.load_file(tmp_path / "ngay_sinh.xlsx")
    preview = dialog.preview_model
    shown = [preview.data(preview.index(r, 3)) for r in range(preview.rowCount())]
    assert shown == ["05/03/1980", "01/07/1985", "10/09/1992", "31/02/1985"]
