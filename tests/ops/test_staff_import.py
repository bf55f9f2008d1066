"""Importing clerks' staff lists: messy files, legacy encodings, duplicates, one transaction, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops.staff_import import (
    FIELDS,
    ImportCancelled,
    ImportFileError,
    apply_import,
    guess_mapping,
    import_staff_file,
    preview_import,
    read_table,
)
from desktop.store import staff_repo
from tests import xlsx_factory
from tests.xlsx_factory import PEOPLE


def _add(store, name: str, birth: date | None, code: str = "") -> None:
    with store.transaction(operation="test.setup"):
        staff_repo.insert_staff(store, StaffDraft(full_name=name, birth_date=birth, staff_code=code))


def _count(store, table: str = "staff") -> int:
    return int(store.scalar(f"SELECT count(*) FROM {table}"))


def _people(store) -> dict[str, dict]:
    return {row["full_name"]: row for row in staff_repo.list_staff(store, include_left=True)}


# -- headers --------------------------------------------------------------------------------------


def test_fields_are_in_display_order() -> None:
    assert list(FIELDS) == [
        "full_name",
        "staff_code",
        "gender",
        "birth_date",
        "ethnic",
        "position",
        "is_leader",
        "department",
        "category",
        "start_date",
        "end_date",
        "left_reason",
        "notes",
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["STT", "Họ và tên", "Ngày sinh", "Giới tính"], {"full_name": 1, "birth_date": 2, "gender": 3}),
        (["HO VA TEN", "NAM SINH", "Nam/Nữ", "DÂN TỘC"], {"full_name": 0, "birth_date": 1, "gender": 2, "ethnic": 3}),
        (
            ["Họ tên", "Chức vụ", "Phòng ban", "Mã CB"],
            {"full_name": 0, "position": 1, "department": 2, "staff_code": 3},
        ),
        (["Họ", "Tên", "Bộ phận", "Lãnh đạo"], {"family_name": 0, "given_name": 1, "department": 2, "is_leader": 3}),
        (
            ["Họ và tên (ghi đầy đủ)", "Đơn vị", "Mã số", "Loại"],
            {"full_name": 0, "department": 1, "staff_code": 2, "category": 3},
        ),
        (
            ["Đối tượng", "Ngày vào", "Ngày nghỉ", "Ghi chú", "Họ và tên"],
            {"category": 0, "start_date": 1, "end_date": 2, "notes": 3, "full_name": 4},
        ),
        (["Ngày bắt đầu công tác", "Mã cán bộ", "ho  ten"], {"start_date": 0, "staff_code": 1, "full_name": 2}),
        (["DANH SÁCH CÁN BỘ"], {}),
    ],
)
def test_guess_mapping(headers: list[str], expected: dict[str, int]) -> None:
    assert guess_mapping(headers) == expected


# -- the messy file ---------------------------------------------------------------------------------


def test_preview_of_a_messy_file(unit_store, tmp_path: Path) -> None:
    _add(unit_store, "Phạm Đức Toàn", date(1975, 9, 2), "CB00012")
    path = xlsx_factory.messy_xlsx(tmp_path / "danh sách.xlsx")

    preview = preview_import(unit_store, path)

    assert preview.table.header_row == 4  # two title lines and a blank line above
    assert preview.mapping["full_name"] == 1
    by_row = {row.row_number: row for row in preview.rows}
    assert sorted(by_row) == list(range(6, 15))  # the "(1) (2) ..." line and the signature line are skipped
    assert preview.counts == {"ok": 5, "error": 2, "duplicate": 2, "total": 9}

    assert by_row[7].draft.birth_date == date(1990, 3, 8)  # a real Excel date cell
    assert by_row[8].draft.birth_date == date(1982, 2, 18)  # serial number 30000
    assert by_row[9].draft.birth_date == date(1985, 1, 1)  # year only, accepted silently
    assert by_row[9].problems == []
    assert by_row[11].draft.birth_date == date(1992, 11, 20)  # ISO text
    assert by_row[10].status == "duplicate"
    assert by_row[10].duplicate_of == "CB00012 Phạm Đức Toàn"

    bad_date = by_row[12]
    assert bad_date.status == "error"
    assert bad_date.problems == ["Ngày sinh: “31/02/1980” không phải ngày có thật (ngày 31, tháng 2, năm 1980)."]
    no_name = by_row[13]
    assert no_name.status == "error"
    assert no_name.problems[0].startswith("Họ và tên: ")
    again = by_row[14]
    assert again.status == "duplicate"
    assert again.duplicate_of == "dòng 6 của tệp: Nguyễn Văn Sơn"

    son = by_row[6].draft
    assert son.gender == "M"
    assert son.ethnic_code == "01"
    assert son.department == "Lãnh đạo UBND"
    assert by_row[10].draft.ethnic_code == "08"  # HMông by name


def test_import_writes_good_rows_in_one_transaction(unit_store, tmp_path: Path) -> None:
    unit_store.actor = "chi.lan"  # the store is opened for this clerk: the audit log names them
    _add(unit_store, "Phạm Đức Toàn", date(1975, 9, 2), "CB00012")
    path = xlsx_factory.messy_xlsx(tmp_path / "ds.xlsx")

    report = import_staff_file(unit_store, path)

    assert report.ok and not report.dry_run
    assert report.inserted == 5
    people = _people(unit_store)
    assert set(people) == {
        "Nguyễn Văn Sơn",
        "Đặng Thị Ngọc Ánh",
        "Trương Quốc Hưng",
        "Lê Thị Hường",
        "Phạm Đức Toàn",
        "Hoàng Thị Thuỳ Dương",
    }
    # New codes continue after the highest existing one.
    assert sorted(p["staff_code"] for p in people.values()) == [f"CB{n:05d}" for n in range(12, 18)]
    assert people["Lê Thị Hường"]["birth_date"] == "1985-01-01"
    assert people["Đặng Thị Ngọc Ánh"]["department"] == "Văn phòng - Thống kê"
    operations = unit_store.query(
        "SELECT DISTINCT operation, actor FROM audit_log WHERE table_name = 'staff' AND operation = 'staff.import'"
    )
    assert operations == [{"operation": "staff.import", "actor": "chi.lan"}]

    lines = report.problem_lines()
    where = "ds.xlsx, trang “Danh sach”, dòng"
    assert f"{where} 12: Ngày sinh: “31/02/1980” không phải ngày có thật (ngày 31, tháng 2, năm 1980)." in lines
    assert any(line.startswith(f"{where} 13: Họ và tên:") for line in lines)
    assert any(line.startswith(f"{where} 10: ") and "CB00012 Phạm Đức Toàn" in line for line in lines)
    assert "5" in report.summary()

    # Importing the same file again finds everybody already there.
    again = import_staff_file(unit_store, path)
    assert again.inserted == 0
    assert again.preview.counts["duplicate"] == 7


def test_dry_run_writes_nothing_and_reports_json(unit_store, tmp_path: Path) -> None:
    path = xlsx_factory.messy_xlsx(tmp_path / "ds.xlsx")
    audit_before = _count(unit_store, "audit_log")

    report = import_staff_file(unit_store, path, dry_run=True)

    assert _count(unit_store) == 0
    assert _count(unit_store, "audit_log") == audit_before
    data = report.as_json()
    assert {"file", "sheet", "dry_run", "inserted", "counts", "rows", "encoding_note"} <= set(data)
    assert data["dry_run"] is True and data["inserted"] == 0
    assert data["sheet"] == "Danh sach"
    assert data["counts"] == {"ok": 6, "error": 2, "duplicate": 1, "total": 9}
    assert [row["row"] for row in data["rows"]] == [12, 13, 14]
    assert data["rows"][0] == {
        "row": 12,
        "status": "error",
        "full_name": "Vũ Văn Nam",
        "problems": ["Ngày sinh: “31/02/1980” không phải ngày có thật (ngày 31, tháng 2, năm 1980)."],
        "duplicate_of": None,
    }
    json.dumps(data, ensure_ascii=False)  # plain data only
    assert "chưa ghi" in report.summary()


def test_cancel_writes_nothing(unit_store, tmp_path: Path) -> None:
    preview = preview_import(unit_store, xlsx_factory.messy_xlsx(tmp_path / "ds.xlsx"))
    calls = iter([False, False, True])

    with pytest.raises(ImportCancelled):
        apply_import(unit_store, preview, should_cancel=lambda: next(calls))

    assert _count(unit_store) == 0
    assert _count(unit_store, "departments") == 0


def test_progress_is_reported(unit_store, tmp_path: Path) -> None:
    preview = preview_import(unit_store, xlsx_factory.messy_xlsx(tmp_path / "ds.xlsx"))
    seen: list[tuple[int, int]] = []
    assert apply_import(unit_store, preview, progress=lambda done, total: seen.append((done, total))) == 6
    assert seen[-1] == (6, 6)


def test_two_name_columns_and_other_fields(unit_store, tmp_path: Path) -> None:
    path = xlsx_factory.save_rows(
        tmp_path / "ho-ten.xlsx",
        [
            ["Nguyễn Văn", "Sơn", "x", "Công chức", "05/03/2010", "", "cb001", "Nam", "1"],
            ["Lê Thị", "Hường", "", "Hợp đồng", "", "31/12/2024", "", "Nữ", "Tày"],
            ["Trần", "Bình", "có lẽ", "Bộ đội", "", "", "", "Ông", "Kinh"],
        ],
        headers=["Họ", "Tên", "Lãnh đạo", "Loại", "Ngày vào", "Ngày nghỉ", "Mã CB", "Giới tính", "Dân tộc"],
    )
    preview = preview_import(unit_store, path)
    rows = preview.rows
    assert rows[0].draft.full_name == "Nguyễn Văn Sơn"
    assert rows[0].draft.is_leader is True
    assert rows[0].draft.staff_code == "CB001"
    assert rows[0].draft.start_date == date(2010, 3, 5)
    assert rows[1].draft.category == "hop_dong"
    assert rows[1].draft.end_date == date(2024, 12, 31)
    assert rows[1].draft.ethnic_code == "02"
    assert rows[2].status == "error"
    assert any(p.startswith("Lãnh đạo: “có lẽ”") for p in rows[2].problems)
    assert any(p.startswith("Loại cán bộ: “Bộ đội”") for p in rows[2].problems)
    apply_import(unit_store, preview)
    people = _people(unit_store)
    assert people["Nguyễn Văn Sơn"]["staff_code"] == "CB001"
    assert people["Lê Thị Hường"]["end_date"] == "2024-12-31"
    assert people["Lê Thị Hường"]["staff_code"] == "CB00001"


def test_custom_mapping_from_the_dialog(unit_store, tmp_path: Path) -> None:
    path = xlsx_factory.save_rows(tmp_path / "x.xlsx", [["Nguyễn Văn Sơn", "12/05/1980"]], headers=["Cột A", "Cột B"])
    table = read_table(path)
    with pytest.raises(ImportFileError, match="Họ và tên"):
        preview_import(unit_store, table)
    preview = preview_import(unit_store, table, {"full_name": 0, "birth_date": 1})
    assert preview.counts["ok"] == 1
    assert preview.rows[0].values == {"full_name": "Nguyễn Văn Sơn", "birth_date": "12/05/1980"}


# -- encodings --------------------------------------------------------------------------------------


def _assert_people_read(store, path: Path) -> None:
    preview = preview_import(store, path)
    names = [row.values["full_name"] for row in preview.rows]
    assert names == [person[0] for person in PEOPLE]
    assert preview.counts["ok"] == len(PEOPLE)
    drafts = {row.draft.full_name: row.draft for row in preview.rows}
    assert drafts["Lê Thị Hường"].ethnic_code == "06"  # Mường
    assert drafts["Hoàng Thị Thuỳ Dương"].department == "Văn hóa - Xã hội"
    assert drafts["Đặng Thị Ngọc Ánh"].birth_date == date(1990, 3, 8)


@pytest.mark.parametrize(("encoding", "label"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_legacy_encoded_xlsx(unit_store, tmp_path: Path, encoding: str, label: str) -> None:
    path = xlsx_factory.legacy_xlsx(tmp_path / f"{encoding}.xlsx", encoding)
    _assert_people_read(unit_store, path)
    table = read_table(path)
    assert table.headers[1] == "Họ và tên"
    assert table.encoding_note.startswith(f"Đã chuyển mã {label} sang Unicode ở ")


def test_utf8_read_as_windows_1252_is_repaired(unit_store, tmp_path: Path) -> None:
    # A UTF-8 CSV opened in Excel as Windows-1252 and saved as a workbook: "Lê Thị" became "LÃª Thá»‹".
    path = xlsx_factory.misread_xlsx(tmp_path / "misread.xlsx")
    _assert_people_read(unit_store, path)
    table = read_table(path)
    assert table.headers[1] == "Họ và tên"
    assert table.encoding_note.startswith("Đã sửa ")
    assert "UTF-8 bị đọc nhầm" in table.encoding_note


def test_nfd_xlsx(unit_store, tmp_path: Path) -> None:
    _assert_people_read(unit_store, xlsx_factory.nfd_xlsx(tmp_path / "nfd.xlsx"))
    assert read_table(tmp_path / "nfd.xlsx").encoding_note == ""


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"encoding": "utf-8-sig", "delimiter": ";"}, "bom.csv"),
        ({"encoding": "utf-8", "delimiter": ","}, "utf8.csv"),
        ({"encoding": "cp1258", "delimiter": ";"}, "cp1258.csv"),
        ({"legacy": "tcvn3", "delimiter": ","}, "tcvn3.csv"),
        ({"legacy": "vni", "delimiter": "\t"}, "vni.csv"),
    ],
)
def test_csv_files(unit_store, tmp_path: Path, kwargs: dict, name: str) -> None:
    path = xlsx_factory.csv_file(tmp_path / name, **kwargs)
    preview = preview_import(unit_store, path)
    assert [row.values["full_name"] for row in preview.rows] == [person[0] for person in PEOPLE]
    # A CSV has no Excel serial dates: the "30000" typed as a birth date is a row error naming the column.
    by_name = {row.values["full_name"]: row for row in preview.rows}
    serial = by_name["Trương Quốc Hưng"]
    assert serial.status == "error" and serial.problems == [
        "Ngày sinh: cột C: “30000” là một con số, không phải ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980."
    ]
    assert preview.counts["ok"] == len(PEOPLE) - 1
    assert by_name["Lê Thị Hường"].draft.ethnic_code == "06"  # Mường; "1985" alone is still a year of birth
    assert by_name["Đặng Thị Ngọc Ánh"].draft.birth_date == date(1990, 3, 8)


# -- unreadable files -------------------------------------------------------------------------------


def test_unreadable_files(unit_store, tmp_path: Path) -> None:
    missing = tmp_path / "không có.xlsx"
    with pytest.raises(ImportFileError, match="Không tìm thấy tệp"):
        read_table(missing)
    corrupt = tmp_path / "hỏng.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="hỏng"):
        read_table(corrupt)
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFileError, match=r"\.xls"):
        read_table(old)
    empty = xlsx_factory.save_rows(tmp_path / "trong.xlsx", [], headers=[])
    with pytest.raises(ImportFileError, match="không có dữ liệu"):
        read_table(empty)
    path = xlsx_factory.messy_xlsx(tmp_path / "ds.xlsx")
    with pytest.raises(ImportFileError, match="Trang 2"):
        read_table(path, sheet="Trang 2")
    assert _count(unit_store) == 0


def test_many_rows_are_checked_in_bulk(unit_store, tmp_path: Path) -> None:
    """5,000 rows: existing people are loaded once, not queried per row (kept small enough to stay fast)."""
    rows = [
        [i, f"Nguyễn Văn Sơn {chr(65 + i % 26)}", f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i % 40}"]
        for i in range(5000)
    ]
    path = xlsx_factory.save_rows(tmp_path / "big.xlsx", rows, headers=["STT", "Họ và tên", "Ngày sinh"])
    statements: list[str] = []
    unit_store.conn.set_trace_callback(statements.append)
    try:
        preview = preview_import(unit_store, path)
    finally:
        unit_store.conn.set_trace_callback(None)
    assert len(statements) < 10
    assert preview.counts["total"] == 5000


# -- the command line -------------------------------------------------------------------------------


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    from desktop.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _db_counts(db: Path) -> tuple[int, int]:
    from desktop.store import open_store

    with open_store(db) as store:
        return _count(store), _count(store, "audit_log")


def test_cli_import_list_export_round_trip(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cli.sqlite3")
    code, _out, err = _cli(capsys, "--db", db, "init", "--unit-name", "UBND xã Lũng Cú", "--commune-code", "00715")
    assert code == 0, err
    source = xlsx_factory.legacy_xlsx(tmp_path / "tcvn3.xlsx", "tcvn3")

    code, out, _err = _cli(capsys, "--db", db, "staff", "import", str(source), "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["dry_run"] is True
    assert data["counts"] == {"ok": 6, "error": 0, "duplicate": 0, "total": 6}
    assert data["encoding_note"].startswith("Đã chuyển mã TCVN3")
    assert _db_counts(Path(db))[0] == 0

    code, out, _err = _cli(capsys, "--db", db, "staff", "import", str(source))
    assert code == 0
    assert "6" in out

    code, out, _err = _cli(capsys, "--db", db, "staff", "list", "--search", "nguyen van son", "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed["count"] == 1
    assert listed["staff"][0]["full_name"] == "Nguyễn Văn Sơn"
    assert listed["staff"][0]["birth_date"] == "1980-05-12"

    exported = tmp_path / "xuat.xlsx"
    code, out, _err = _cli(capsys, "--db", db, "staff", "export", str(exported))
    assert code == 0 and exported.exists()

    other = str(tmp_path / "other.sqlite3")
    _cli(capsys, "--db", other, "init", "--unit-name", "UBND xã Lũng Cú", "--commune-code", "00715")
    code, out, _err = _cli(capsys, "--db", other, "staff", "import", str(exported), "--json")
    assert code == 0
    assert json.loads(out)["inserted"] == 6
    code, out, _err = _cli(capsys, "--db", other, "staff", "list", "--json")
    assert sorted(p["full_name"] for p in json.loads(out)["staff"]) == sorted(p[0] for p in PEOPLE)

    # The same export into the first database: all duplicates, nothing written, problems on stderr.
    before = _db_counts(Path(db))
    code, out, err = _cli(capsys, "--db", db, "staff", "import", str(exported))
    assert code == 0
    assert _db_counts(Path(db))[0] == before[0]
    assert err.count("xuat.xlsx, trang “Cán bộ”, dòng") == 6


@pytest.mark.parametrize("kind", ["missing", "corrupt"])
def test_cli_unreadable_file_exits_1_and_writes_nothing(tmp_path: Path, capsys, kind: str) -> None:
    db = str(tmp_path / "cli.sqlite3")
    _cli(capsys, "--db", db, "init", "--unit-name", "UBND xã Lũng Cú", "--commune-code", "00715")
    path = tmp_path / "danh sach.xlsx"
    if kind == "corrupt":
        path.write_bytes(b"this is not a workbook")
    before = _db_counts(Path(db))

    code, out, err = _cli(capsys, "--db", db, "staff", "import", str(path))

    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Lỗi: ")
    assert "danh sach.xlsx" in lines[0]
    assert ("Không tìm thấy tệp" if kind == "missing" else "hỏng") in lines[0]
    assert _db_counts(Path(db)) == before


def test_title_lines_that_look_like_headers_and_a_named_sheet(unit_store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Ghi chú"
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(["Đơn vị: Ủy ban nhân dân xã Lũng Cú, tỉnh Tuyên Quang"])
    sheet.append(["DANH SÁCH CÁN BỘ"])
    sheet.append(["TT", "Họ và tên", "Năm sinh"])
    sheet.append([1, "Nguyễn Văn Sơn", 1980])
    path = tmp_path / "two sheets.xlsx"
    workbook.save(path)

    table = read_table(path, sheet="Cán bộ")
    assert table.sheet == "Cán bộ"
    assert table.header_row == 3
    preview = preview_import(unit_store, table)
    assert preview.rows[0].draft.birth_date == date(1980, 1, 1)  # a year typed as a number
    with pytest.raises(ImportFileError, match="không có dữ liệu"):
        read_table(path)  # the first sheet is empty


def test_a_department_the_unit_stopped_using_takes_no_new_people(unit_store, tmp_path: Path) -> None:
    """Review: a list still naming "Công an xã" after the unit stopped using it put the new people there, in a
    collective no list or review of the year shows. Those rows are refused, naming the department and its day."""
    from desktop.ops import unit as unit_ops
    from desktop.store import unit_repo

    police = unit_repo.get_or_create_department(unit_store, "Công an xã", loose=False)
    unit_ops.set_department_active(unit_store, department_id=police, active=False, today=date(2025, 7, 1))
    path = xlsx_factory.save_rows(tmp_path / "ds.xlsx", xlsx_factory.numbered(PEOPLE))
    preview = preview_import(unit_store, path)
    refused = [row for row in preview.rows if row.status == "error"]
    assert [row.values["full_name"] for row in refused] == ["Trương Quốc Hưng"]
    assert "phòng ban “Công an xã” đã ngừng sử dụng từ ngày 01/07/2025" in refused[0].problems[-1]
    assert apply_import(unit_store, preview) == len(PEOPLE) - 1
    assert "Trương Quốc Hưng" not in _people(unit_store)

    # stopped by another window after the preview: nothing is written, the clerk previews again
    other = preview_import(unit_store, xlsx_factory.save_rows(tmp_path / "ds2.xlsx", [[1, "Lò Văn Páo", "01/01/1990",
        "Nam", "Thái", "Văn thư", "Văn phòng - Thống kê", ""]]))  # fmt: skip
    office = unit_repo.find_department(unit_store, "Văn phòng - Thống kê")
    unit_ops.set_department_active(unit_store, department_id=office, active=False, today=date(2025, 8, 1))
    before = _count(unit_store)
    with pytest.raises(ImportFileError, match="Từ lúc xem trước: phòng ban “Văn phòng - Thống kê” đã ngừng"):
        apply_import(unit_store, other)
    assert _count(unit_store) == before
