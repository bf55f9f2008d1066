"""Export to .xlsx: real dates, a frozen bold header, an audit event, and a file that imports back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.staff import StaffDraft
from desktop.ops.staff import add_staff, mark_staff_left
from desktop.ops.staff_import import ImportFileError, export_staff, import_staff_file, preview_import
from desktop.store import open_store, staff_repo

DRAFTS = [
    StaffDraft(
        full_name="Nguyễn Văn Sơn",
        gender="M",
        birth_date=date(1980, 5, 12),
        position="Chủ tịch",
        is_leader=True,
        department="Lãnh đạo UBND",
        category="can_bo",
        start_date=date(2005, 8, 1),
        notes="Bí thư chi bộ",
    ),
    StaffDraft(
        full_name="Đặng Thị Ngọc Ánh",
        gender="F",
        birth_date=date(1990, 3, 8),
        ethnic_code="02",
        position="Công chức văn phòng",
        department="Văn phòng - Thống kê",
    ),
    StaffDraft(full_name="Hoàng Thị Thuỳ Dương", gender="F", ethnic_code="08", category="hop_dong"),
]

COMPARED = (
    "full_name",
    "gender",
    "birth_date",
    "ethnic_code",
    "position",
    "is_leader",
    "department",
    "category",
    "start_date",
    "end_date",
    "left_reason",
    "notes",
)


@pytest.fixture
def filled(unit_store):
    ids = [add_staff(unit_store, draft=draft) for draft in DRAFTS]
    mark_staff_left(unit_store, staff_id=ids[2], end_date=date(2024, 6, 30), reason="Chuyển công tác về huyện")
    return unit_store


def test_export_layout(filled, tmp_path: Path) -> None:
    path = tmp_path / "out" / "can bo.xlsx"
    assert export_staff(filled, path) == 2  # people who left are not exported by default

    workbook = load_workbook(path)
    sheet = workbook.active
    header_row = next(r for r in range(1, 10) if sheet.cell(row=r, column=2).value == "Họ và tên")
    assert sheet.cell(row=1, column=1).value == "DANH SÁCH CÁN BỘ"
    assert sheet.freeze_panes == f"A{header_row + 1}"
    headers = [c.value for c in sheet[header_row]]
    assert headers[:4] == ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh"]
    assert all(c.font.b for c in sheet[header_row])
    assert sheet.column_dimensions["B"].width >= 20
    body = [sheet[r] for r in range(header_row + 1, header_row + 3)]
    assert [row[1].value for row in body] == ["Đặng Thị Ngọc Ánh", "Nguyễn Văn Sơn"]  # Vietnamese name order
    values = {h: c for h, c in zip(headers, body[1], strict=True)}
    assert values["Ngày sinh"].value == datetime(1980, 5, 12)
    assert values["Ngày sinh"].number_format.lower() == "dd/mm/yyyy"
    assert values["Lãnh đạo"].value == "x"
    assert values["Giới tính"].value == "Nam"
    assert values["Dân tộc"].value == "Kinh"
    assert values["Loại cán bộ"].value == "Cán bộ"
    workbook.close()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_export_is_audited(filled, tmp_path: Path) -> None:
    filled.actor = "chi.lan"  # the store is opened for this clerk: the audit log names them
    path = tmp_path / "all.xlsx"
    assert export_staff(filled, path, include_left=True) == 3
    event = filled.query_one("SELECT * FROM audit_log WHERE operation = 'staff.export'")
    assert event["action"] == "event" and event["actor"] == "chi.lan"
    assert '"count": 3' in event["after"]


def test_round_trip_into_a_new_database(filled, tmp_path: Path) -> None:
    from desktop.ops.setup import init_unit

    path = tmp_path / "all.xlsx"
    export_staff(filled, path, include_left=True)
    before = {r["full_name"]: r for r in staff_repo.list_staff(filled, include_left=True)}

    other = open_store(tmp_path / "other.sqlite3")
    try:
        init_unit(other, unit_name="UBND xã Lũng Cú", commune_code="00715")
        report = import_staff_file(other, path)
        assert report.preview.counts == {"ok": 3, "error": 0, "duplicate": 0, "total": 3}
        after = {r["full_name"]: r for r in staff_repo.list_staff(other, include_left=True)}
    finally:
        other.close()
    assert set(after) == set(before)
    for name, row in before.items():
        assert {k: after[name][k] for k in COMPARED} == {k: row[k] for k in COMPARED}
        assert after[name]["staff_code"] == row["staff_code"]
    # Back into the same database: every row is a duplicate of its own record.
    again = preview_import(filled, path)
    assert again.counts["duplicate"] == 3


def test_export_needs_xlsx_name(filled, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"\.xlsx"):
        export_staff(filled, tmp_path / "ds.csv")
    assert filled.scalar("SELECT count(*) FROM audit_log WHERE operation = 'staff.export'") == 0


def test_export_to_unwritable_place_records_nothing(filled, tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    with pytest.raises(ImportFileError, match="Không ghi được tệp") as refused:
        export_staff(filled, blocker / "ds.xlsx")
    assert "Errno" not in str(refused.value) and "Not a directory" not in str(refused.value)  # the clerk's words
    assert "đã có một tệp hoặc thư mục trùng tên" in str(refused.value)  # what is in the way, not "check the disk"
    assert filled.scalar("SELECT count(*) FROM audit_log WHERE operation = 'staff.export'") == 0


def test_a_reason_for_leaving_without_an_end_date_is_a_row_error(unit_store, tmp_path: Path) -> None:
    from tests import xlsx_factory

    path = xlsx_factory.save_rows(
        tmp_path / "ds.xlsx",
        [["Nguyễn Văn Sơn", "", "Nghỉ hưu"], ["Lò Văn Ba", "30/06/2024", "Nghỉ hưu"]],
        headers=["Họ và tên", "Ngày thôi công tác", "Lý do thôi công tác"],
    )
    report = import_staff_file(unit_store, path)
    assert [(row.row_number, row.problems) for row in report.preview.rows if row.problems] == [
        (
            2,
            [
                "Lý do thôi công tác: có lý do thôi công tác nhưng không có ngày thôi công tác; hãy ghi ngày hoặc "
                "xóa lý do."
            ],
        )
    ]
    (person,) = staff_repo.list_staff(unit_store, include_left=True)
    assert (person["full_name"], person["end_date"], person["left_reason"]) == ("Lò Văn Ba", "2024-06-30", "Nghỉ hưu")
