"""A leaving date more than a year ahead ("2062" typed for "2026") is refused by the staff import as by the form
(``staff_repo.leaving_date_problem``): the row is not written, and its message names the file, sheet, row and the
field, as the import's other problems do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from desktop.domain.dates import format_date
from desktop.domain.staff import StaffDraft, _one_year_after, validate_staff
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo
from tests.xlsx_factory import save_rows

HEADERS = ["STT", "Họ và tên", "Giới tính", "Ngày bắt đầu công tác", "Ngày thôi công tác", "Lý do thôi công tác"]


def test_the_import_refuses_a_leaving_date_years_ahead_naming_file_row_and_field(unit_store, tmp_path) -> None:
    today = date.today()
    typo = date(today.year + 36, 3, 1)  # "2062" for "2026"
    near = today.replace(day=1)
    path = save_rows(
        tmp_path / "nghi_viec.xlsx",
        [
            [1, "Hoàng Văn Em", "Nam", datetime(2010, 9, 1), datetime(typo.year, typo.month, typo.day), "Nghỉ hưu"],
            [2, "Lý Thị Gấm", "Nữ", datetime(2012, 3, 1), datetime(near.year, near.month, near.day), "Chuyển công tác"],
        ],
        headers=HEADERS,
        sheet_title="Danh sach",
    )

    report = import_staff_file(unit_store, path)

    latest = _one_year_after(today)
    expected = staff_repo.leaving_date_problem(typo, today=today)
    assert expected == (
        f"Ngày thôi công tác {format_date(typo)} quá xa trong tương lai (muộn nhất {format_date(latest)})."
    )
    rows = {row.row_number: row for row in report.preview.rows}
    assert rows[2].status == "error"
    assert rows[2].problems == [f"Ngày thôi công tác: {expected}"]
    assert rows[3].status == "ok"
    assert f"nghi_viec.xlsx, trang “Danh sach”, dòng 2: Ngày thôi công tác: {expected}" in report.problem_lines()
    stored = unit_store.query("SELECT full_name, end_date FROM staff ORDER BY id")
    assert stored == [{"full_name": "Lý Thị Gấm", "end_date": near.isoformat()}]


def test_validate_staff_gives_the_forms_message_for_the_leaving_date(unit_store) -> None:
    today = date(2026, 1, 15)
    draft = StaffDraft(
        full_name="Hoàng Văn Em", gender="M", ethnic_code="01", start_date=date(2010, 9, 1), end_date=date(2062, 3, 1)
    )
    problems = validate_staff(draft, today=today)
    assert problems == {"end_date": staff_repo.leaving_date_problem(date(2062, 3, 1), today=today)}
    assert problems["end_date"] == "Ngày thôi công tác 01/03/2062 quá xa trong tương lai (muộn nhất 15/01/2027)."
    on_the_limit = replace(draft, end_date=date(2027, 1, 15))
    assert validate_staff(on_the_limit, today=today) == {}
