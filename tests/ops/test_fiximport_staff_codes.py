"""A row whose staff code is another person's was passed over as a duplicate ("trùng … bỏ qua"): the new person was
never recorded and the summary said the row was already there. It is an error on the staff code naming who holds
it, in the database or on an earlier row of the file; "duplicate" is kept for the same person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.domain.staff import StaffDraft
from desktop.ops.staff_import import import_staff_file, preview_import
from desktop.store import staff_repo


def _list(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["Họ và tên", "Mã cán bộ", "Giới tính", "Ngày sinh"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _binh(store) -> None:
    with store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            store, StaffDraft(full_name="Trần Thị Bình", staff_code="CB00001", gender="F", birth_date=date(1970, 1, 1))
        )


def test_the_code_of_another_person_in_the_database_is_an_error(unit_store, tmp_path) -> None:
    _binh(unit_store)
    path = _list(
        tmp_path / "ds.xlsx",
        [
            ["Lê Văn Cường", "CB00001", "Nam", "05/03/1980"],  # another person
            ["Trần Thị Bình", "CB00001", "Nữ", "01/01/1971"],  # the same name born on another day: another person
            ["Trần Thị Bình", "CB00001", "Nữ", "01/01/1970"],  # she herself
            ["TRAN THI BINH", "cb00001", "Nữ", None],  # she too: a name without accents, no birth date
        ],
    )

    report = import_staff_file(unit_store, path)

    rows = {row.row_number: row for row in report.preview.rows}
    assert rows[2].problems == [
        "Mã cán bộ: mã CB00001 đã là của Trần Thị Bình, sinh ngày 01/01/1970 trong danh sách cán bộ, không phải của "
        "Lê Văn Cường, sinh ngày 05/03/1980; nếu là người khác, hãy sửa mã hoặc để trống để chương trình tự cấp mã; "
        "nếu đúng là người đó, hãy sửa họ tên, ngày sinh trong tệp cho khớp."
    ]
    assert rows[2].duplicate_of is None
    assert rows[3].status == "error" and "không phải của Trần Thị Bình, sinh ngày 01/01/1971" in rows[3].problems[0]
    assert (rows[4].status, rows[4].duplicate_of) == ("duplicate", "CB00001 Trần Thị Bình")
    assert (rows[5].status, rows[5].duplicate_of) == ("duplicate", "CB00001 Trần Thị Bình")
    assert report.preview.counts == {"ok": 0, "error": 2, "duplicate": 2, "total": 4}
    assert report.inserted == 0
    assert [row["full_name"] for row in unit_store.query("SELECT full_name FROM staff")] == ["Trần Thị Bình"]


def test_one_code_for_two_people_in_the_file_is_an_error_on_the_second(unit_store, tmp_path) -> None:
    path = _list(
        tmp_path / "ds.xlsx",
        [
            ["Phạm Thị Dung", "CB00009", "Nữ", "01/02/1985"],
            ["Hồ Văn Giang", "CB00009", "Nam", "07/07/1979"],  # another person, the same code
            ["Phạm Thị Dung", "CB00009", "Nữ", "01/02/1985"],  # the first row again
            ["Hồ Văn Giang", "", "Nam", "07/07/1979"],  # with no code he is recorded
        ],
    )

    preview = preview_import(unit_store, path)

    rows = {row.row_number: row for row in preview.rows}
    assert rows[2].status == "ok"
    assert rows[3].problems == [
        "Mã cán bộ: mã CB00009 đã ghi ở dòng 2 của tệp cho Phạm Thị Dung, sinh ngày 01/02/1985, không phải của Hồ "
        "Văn Giang, sinh ngày 07/07/1979; mỗi người một mã: hãy sửa một trong hai mã, hoặc để trống để chương trình "
        "tự cấp mã."
    ]
    assert (rows[4].status, rows[4].duplicate_of) == ("duplicate", "dòng 2 của tệp: Phạm Thị Dung")
    assert rows[5].status == "ok"


def test_a_code_given_to_another_person_after_the_preview_is_an_error_not_a_duplicate(unit_store, tmp_path) -> None:
    path = _list(tmp_path / "ds.xlsx", [["Lê Văn Cường", "CB00001", "Nam", "05/03/1980"]])
    preview = preview_import(unit_store, path)
    assert preview.rows[0].status == "ok"
    _binh(unit_store)  # another window records CB00001 for her meanwhile

    from desktop.ops.staff_import import apply_import

    assert apply_import(unit_store, preview) == 0
    assert preview.rows[0].status == "error"
    assert "mã CB00001 đã là của Trần Thị Bình" in preview.rows[0].problems[0]
    assert [row["full_name"] for row in unit_store.query("SELECT full_name FROM staff")] == ["Trần Thị Bình"]
