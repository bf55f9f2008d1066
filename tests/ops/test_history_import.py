"""Importing history registers: five sheets, matching people, bad rows, one transaction, re-import, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.ops.history_import import (
    ImportCancelled,
    ImportFileError,
    apply_history,
    guess_mapping,
    import_history_file,
    preview_history,
    read_workbook,
    sheet_kind,
)
from tests.history_factory import add_people, history_xlsx, wide_ratings_xlsx

TABLES = ("ratings", "initiatives", "discipline", "leave_periods", "awards", "staff", "departments")


def _counts(store) -> dict[str, int]:
    return {table: int(store.scalar(f"SELECT count(*) FROM {table}")) for table in TABLES}


def _by_row(preview, kind: str) -> dict[int, object]:
    sheet = preview.sheet(kind)
    assert sheet is not None
    return {row.row_number: row for row in sheet.rows}


@pytest.fixture
def people(unit_store) -> dict[str, int]:
    return add_people(unit_store)


# -- sheets and headers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Xếp loại", "ratings"),
        ("XEP LOAI", "ratings"),
        ("Xep loai CBCC 2024", "ratings"),
        ("Sáng kiến", "initiatives"),
        ("sang kien", "initiatives"),
        ("Kỷ luật", "discipline"),
        ("Nghỉ dài ngày", "leave"),
        ("nghi dai ngay", "leave"),
        ("Khen thưởng", "awards"),
        ("KHEN THUONG", "awards"),
        ("Danh hiệu", "awards"),
        ("Sheet1", None),
        ("Hướng dẫn", None),
    ],
)
def test_sheet_names(name: str, kind: str | None) -> None:
    assert sheet_kind(name) == kind


def test_headers_per_sheet() -> None:
    assert guess_mapping("awards", ["Mã CB", "Họ và tên", "Ngày sinh", "Năm", "Danh hiệu/hình thức", "Tập thể"]) == {
        "staff_code": 0,
        "full_name": 1,
        "birth_date": 2,
        "year": 3,
        "code": 4,
        "collective": 5,
    }
    # the same header means different fields on different sheets
    assert guess_mapping("initiatives", ["Ngày quyết định"]) == {"recognized_on": 0}
    assert guess_mapping("awards", ["Ngày quyết định"]) == {"decision_date": 0}
    assert guess_mapping("discipline", ["HÌNH THỨC", "Tu ngay", "Đến ngày", "Đang xem xét"]) == {
        "level": 0,
        "start_date": 1,
        "end_date": 2,
        "pending": 3,
    }
    assert guess_mapping("ratings", ["Họ tên", "2022", "Năm 2023"]) == {"full_name": 0}


# -- the preview ----------------------------------------------------------------------------------


def test_preview_of_all_five_sheets(unit_store, people, tmp_path: Path) -> None:
    preview = preview_history(unit_store, history_xlsx(tmp_path / "lịch sử.xlsx"))

    assert [s.kind for s in preview.sheets] == ["ratings", "initiatives", "discipline", "leave", "awards"]
    assert all(s.table.header_row == 4 for s in preview.sheets)
    assert preview.ignored_sheets == ["Hướng dẫn"]
    assert preview.missing == []
    assert preview.counts == {"total": 27, "new": 12, "update": 1, "unchanged": 2, "error": 12}

    ratings = _by_row(preview, "ratings")
    assert {n: r.status for n, r in ratings.items()} == {
        5: "new",
        6: "new",
        7: "error",
        8: "new",
        9: "error",
        10: "error",
        11: "update",
        12: "unchanged",
        14: "error",
    }
    assert ratings[6].person == "CB00002 Đặng Thị Ánh"  # name + birth date
    assert ratings[6].record["rating"] == "HTTNV"  # the Vietnamese words
    assert ratings[8].person == "CB00004 Lê Văn Hùng"  # no accents, the birth date picks one of two
    assert ratings[7].problems == ["Họ và tên: có 2 người cùng tên “Lê Văn Hùng”, cần thêm ngày sinh hoặc mã cán bộ."]
    assert ratings[9].fields == ["staff_code"]
    assert "CB09999" in ratings[9].problems[0]
    assert ratings[10].problems[0].startswith("Xếp loại: “Xuất sắc lắm” không hiểu")
    assert ratings[11].old == "HTNV"
    assert ratings[11].what == "2022: HTNV → HTTNV"
    assert ratings[12].same_as == "trùng dòng 5 của trang này"

    initiatives = _by_row(preview, "initiatives")
    assert initiatives[6].problems == [
        "Ngày công nhận: “31/02/2024” không phải ngày có thật (ngày 31, tháng 2, năm 2024)."
    ]
    assert initiatives[7].record["level"] == "tinh"
    assert initiatives[7].record["recognized_on"] == date(2024, 5, 2)

    discipline = _by_row(preview, "discipline")
    assert discipline[6].record["pending"] is True and discipline[6].record["start_date"] is None
    assert discipline[7].fields == ["level"]

    leave = _by_row(preview, "leave")
    assert leave[5].record["kind"] == "maternity" and leave[5].record["counts_as_worked"] is True
    assert leave[6].fields == ["end_date"]

    awards = _by_row(preview, "awards")
    assert awards[5].record["category"] == "title"  # CSTĐCS in the "Hình thức khen thưởng" column
    assert awards[5].record["source"] == "above"
    assert awards[6].record["code"] == "GIAY_KHEN"
    assert awards[6].record["category"] == "award_form"
    assert awards[6].record["source"] == "import"  # issued by the unit itself
    assert awards[7].record["code"] == "BK_TINH"  # matched by its Vietnamese name
    assert awards[8].record["target_kind"] == "collective"
    assert awards[8].person == "Văn phòng - Thống kê"
    assert awards[9].fields == ["code"]
    assert awards[10].fields == ["full_name"]
    assert awards[11].problems == ["Danh hiệu/hình thức: TTLĐTT không dùng để khen cá nhân."]
    assert awards[12].fields == ["year"]
    assert awards[13].fields == ["collective"]
    assert awards[14].status == "unchanged"


def test_dry_run_writes_nothing(unit_store, people, tmp_path: Path) -> None:
    before = _counts(unit_store)
    audit = unit_store.scalar("SELECT count(*) FROM audit_log")
    report = import_history_file(unit_store, history_xlsx(tmp_path / "h.xlsx"), dry_run=True)
    assert report.dry_run and report.inserted == 0 and report.updated == 0
    assert _counts(unit_store) == before
    assert unit_store.scalar("SELECT count(*) FROM audit_log") == audit
    assert report.summary().startswith("Chạy thử tệp h.xlsx: 12 dòng mới, 1 dòng sửa, 2 dòng đã có, 12 dòng lỗi")


def test_apply_writes_good_rows_in_one_transaction_and_reimport_is_unchanged(unit_store, people, tmp_path):
    unit_store.actor = "thu_ky"  # the store is opened for this clerk: the audit log names them
    path = history_xlsx(tmp_path / "h.xlsx")
    before = _counts(unit_store)
    report = import_history_file(unit_store, path)
    assert (report.inserted, report.updated) == (12, 1)
    after = _counts(unit_store)
    assert after["ratings"] - before["ratings"] == 3
    assert after["initiatives"] - before["initiatives"] == 2
    assert after["discipline"] - before["discipline"] == 2
    assert after["leave_periods"] - before["leave_periods"] == 1
    assert after["awards"] - before["awards"] == 4
    assert (after["staff"], after["departments"]) == (before["staff"], before["departments"])

    ratings = {(r["staff_id"], r["year"]): r["rating"] for r in unit_store.query("SELECT * FROM ratings")}
    assert ratings[(people["CB00001"], 2022)] == "HTTNV"
    assert ratings[(people["CB00001"], 2023)] == "HTXSNV"
    assert ratings[(people["CB00004"], 2023)] == "HTTNV"
    awards = unit_store.query("SELECT code, category, source, target_kind, issuer FROM awards WHERE year = 2023")
    assert {(a["code"], a["category"], a["source"], a["target_kind"]) for a in awards} == {
        ("CSTDCS", "title", "above", "individual"),
        ("GIAY_KHEN", "award_form", "import", "individual"),
        ("TTLDTT", "title", "above", "collective"),
    }
    # one operation in the audit log, with the clerk's name, and nothing from the bad rows
    operations = unit_store.query(
        "SELECT DISTINCT operation, actor FROM audit_log WHERE table_name IN "
        "('ratings', 'initiatives', 'discipline', 'leave_periods', 'awards') AND operation != 'test.setup'"
    )
    assert operations == [{"operation": "history.import", "actor": "thu_ky"}]
    assert not unit_store.scalar("SELECT count(*) FROM initiatives WHERE title = 'Sổ tay dân vận khéo'")

    again = import_history_file(unit_store, path, dry_run=True)
    counts = again.preview.counts
    assert counts["new"] == 0 and counts["update"] == 0
    assert counts["unchanged"] == 15 and counts["error"] == 12
    written = import_history_file(unit_store, path)
    assert (written.inserted, written.updated) == (0, 0)
    assert _counts(unit_store) == after


def test_cancel_writes_nothing_and_progress_is_reported(unit_store, people, tmp_path: Path) -> None:
    preview = preview_history(unit_store, history_xlsx(tmp_path / "h.xlsx"))
    before = _counts(unit_store)
    calls: list[int] = []

    def cancel_after_five() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(ImportCancelled):
        apply_history(unit_store, preview, should_cancel=cancel_after_five)
    assert _counts(unit_store) == before

    seen: list[tuple[int, int]] = []
    assert apply_history(unit_store, preview, progress=lambda done, total: seen.append((done, total))) == {
        "inserted": 12,
        "updated": 1,
    }
    assert seen[-1] == (13, 13)


def test_a_failure_while_writing_rolls_everything_back(unit_store, people, tmp_path: Path) -> None:
    preview = preview_history(unit_store, history_xlsx(tmp_path / "h.xlsx"))
    before = _counts(unit_store)
    last = preview.good_rows()[-1]
    last.record = dict(last.record or {}, category="not-a-category")  # the CHECK constraint refuses it
    with pytest.raises(Exception):  # noqa: B017 - any database error
        apply_history(unit_store, preview)
    assert _counts(unit_store) == before


def test_wide_ratings_layout(unit_store, people, tmp_path: Path) -> None:
    preview = preview_history(unit_store, wide_ratings_xlsx(tmp_path / "xep loai.xlsx"))
    sheet = preview.sheet("ratings")
    assert sheet is not None and sheet.layout == "wide"
    assert preview.missing == ["initiatives", "discipline", "leave", "awards"]
    rows = [(r.row_number, r.values["year"], r.status) for r in sheet.rows]
    assert rows == [
        (3, "2022", "unchanged"),  # HTNV is already recorded for 2022
        (3, "2023", "new"),
        (3, "2024", "new"),
        (4, "2023", "new"),
        (4, "2024", "error"),
        (5, "2022", "new"),  # name only, one active person has it
    ]
    bad = sheet.rows[4]
    assert bad.problems[0].startswith("Năm 2024: “??” không hiểu")
    report = import_history_file(unit_store, tmp_path / "xep loai.xlsx")
    assert report.inserted == 4
    assert "Không có trang: Sáng kiến, Kỷ luật, Nghỉ dài ngày, Khen thưởng." in report.summary()


def test_name_and_code_must_agree(unit_store, people, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    sheet.append(["Mã CB", "Họ và tên", "Ngày sinh", "Năm", "Xếp loại"])
    sheet.append(["CB00001", "Đặng Thị Ánh", None, 2024, "HTTNV"])
    sheet.append(["cb00002", "Đặng Thị Ánh", "01/01/1999", 2024, "HTTNV"])
    sheet.append([None, "Đặng Thị Ánh", "1990", 2024, "HTTNV"])  # a birth year alone is enough
    book.save(tmp_path / "x.xlsx")
    rows = preview_history(unit_store, tmp_path / "x.xlsx").sheets[0].rows
    assert rows[0].problems == ["Họ và tên: mã CB00001 là của Nguyễn Văn Sơn, không phải “Đặng Thị Ánh”."]
    assert rows[1].fields == ["birth_date"]
    assert rows[2].status == "new" and rows[2].staff_code == "CB00002"


def test_a_sheet_without_its_columns_is_reported_not_guessed(unit_store, people, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kỷ luật"
    sheet.append(["Mã CB", "Nội dung"])
    sheet.append(["CB00001", "?"])
    book.save(tmp_path / "x.xlsx")
    report = import_history_file(unit_store, tmp_path / "x.xlsx")
    assert report.preview.sheets[0].problems == [
        "Trang “Kỷ luật”: không tìm thấy cột “Hình thức” ở dòng tiêu đề (dòng 1); trang này không được nhập."
    ]
    assert report.as_json()["sheets"][0]["problems"]
    assert report.problem_lines()[0].startswith("x.xlsx: Trang “Kỷ luật”")


def test_unreadable_files(unit_store, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="Không tìm thấy tệp"):
        read_workbook(tmp_path / "none.xlsx")
    (tmp_path / "x.csv").write_text("Họ và tên;Năm\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"tệp Excel \.xlsx"):
        read_workbook(tmp_path / "x.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ImportFileError, match="bị hỏng"):
        read_workbook(tmp_path / "broken.xlsx")
    book = Workbook()
    book.active.title = "Danh sách"
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(ImportFileError, match="không có trang nào tên"):
        read_workbook(tmp_path / "other.xlsx")


def test_legacy_encoded_sheet(unit_store, people, tmp_path: Path) -> None:
    from desktop.domain.legacy_encoding import from_unicode

    book = Workbook()
    sheet = book.active
    sheet.title = from_unicode("Khen thưởng", "tcvn3")[:31]
    sheet.append([from_unicode(h, "tcvn3") for h in ("Họ và tên", "Năm", "Danh hiệu/hình thức")])
    sheet.append([from_unicode("Giàng Seo Phử", "tcvn3"), 2024, from_unicode("Lao động tiên tiến", "tcvn3")])
    book.save(tmp_path / "tcvn3.xlsx")
    preview = preview_history(unit_store, tmp_path / "tcvn3.xlsx")
    row = preview.sheets[0].rows[0]
    assert row.status == "new" and row.record["code"] == "LDTT"
    assert "TCVN3" in preview.encoding_note


# -- the command line -----------------------------------------------------------------------------


def test_cli_history_import_json(tmp_path: Path, capsys) -> None:
    from desktop.cli import COMMANDS, main
    from desktop.store import open_store

    assert "history" in COMMANDS
    db = tmp_path / "cli.sqlite3"
    assert main(["--db", str(db), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715"]) == 0
    with open_store(db) as store:
        add_people(store)
    path = history_xlsx(tmp_path / "h.xlsx")
    capsys.readouterr()

    assert main(["--db", str(db), "history", "import", str(path), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {
        "ok",
        "file",
        "dry_run",
        "inserted",
        "updated",
        "counts",
        "sheets",
        "missing_sheets",
        "ignored_sheets",
        "rows",
    }
    assert data["dry_run"] is True and data["inserted"] == 0
    assert data["counts"] == {"total": 27, "new": 12, "update": 1, "unchanged": 2, "error": 12}
    assert set(data["sheets"][0]) >= {"kind", "sheet", "header_row", "layout", "counts", "problems"}
    row = next(r for r in data["rows"] if r["sheet"] == "Khen thưởng" and r["row"] == 9)
    assert set(row) >= {"kind", "sheet", "row", "status", "person", "staff_code", "what", "old", "problems", "fields"}
    assert row["status"] == "error" and row["fields"] == ["code"]

    assert main(["--db", str(db), "history", "import", str(path)]) == 0
    captured = capsys.readouterr()
    assert "Đã nhập lịch sử thi đua từ tệp h.xlsx: thêm 12 dòng, sửa 1 dòng" in captured.out
    assert "h.xlsx, trang “Xếp loại”, dòng 9: Mã cán bộ: “CB09999” không có trong danh sách cán bộ." in captured.err

    assert main(["--db", str(db), "history", "import", str(tmp_path / "missing.xlsx")]) == 1
    assert "Không tìm thấy tệp" in capsys.readouterr().err


def test_rows_that_contradict_each_other(unit_store, people, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    sheet.append(["Mã CB", "Năm", "Xếp loại"])
    sheet.append(["CB00005", 2024, "HTTNV"])
    sheet.append(["CB00005", 2024, "Hoàn thành tốt"])  # the same rating in other words: unchanged
    sheet.append(["CB00005", 2024, "HTNV"])  # a different one for the same year: which is right?
    book.save(tmp_path / "x.xlsx")
    rows = preview_history(unit_store, tmp_path / "x.xlsx").sheets[0].rows
    assert [r.status for r in rows] == ["new", "unchanged", "error"]
    assert rows[2].problems == ["Trùng: mâu thuẫn với dòng 2 của trang này (HTTNV)."]
    assert rows[2].fields == ["record"]


def test_the_old_placement_of_a_tone_mark_is_the_same_person(unit_store, people, tmp_path: Path) -> None:
    """Review C: the staff import holds "Phạm Thị Thuỷ" and "Phạm Thị Thủy" as one person; the history import refused
    the old placement, telling the clerk to fix accents that were right."""
    from desktop.domain.staff import StaffDraft
    from desktop.store import staff_repo

    with unit_store.transaction(operation="test.people"):
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="Phạm Thị Thủy", staff_code="CB00015"))
        staff_repo.insert_staff(unit_store, StaffDraft(full_name="Lò Văn Hòa", staff_code="CB00016"))
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    sheet.append(["Mã CB", "Họ và tên", "Năm", "Xếp loại"])
    sheet.append([None, "Phạm Thị Thuỷ", 2024, "HTTNV"])
    sheet.append(["CB00016", "Lò Văn Hoà", 2024, "HTTNV"])
    sheet.append([None, "Phạm Thị Thụy", 2024, "HTTNV"])  # another accent is still another name
    book.save(tmp_path / "x.xlsx")
    rows = preview_history(unit_store, tmp_path / "x.xlsx").sheets[0].rows
    assert [(r.status, r.staff_code) for r in rows[:2]] == [("new", "CB00015"), ("new", "CB00016")]
    assert rows[2].problems and "khác dấu" in rows[2].problems[0]


def test_a_second_sheet_of_a_kind_with_rows_is_refused_and_an_empty_one_ignored(unit_store, people, tmp_path) -> None:
    """Review: "Xếp loại 2020" after "Xếp loại 2019" was left out without a word (only the JSON listed it): its
    ratings never reached the engine. Now the import stops naming both sheets; nothing is written."""
    from openpyxl import load_workbook

    path = history_xlsx(tmp_path / "hai trang.xlsx")
    book = load_workbook(path)
    second = book.create_sheet("Xếp loại 2020")
    second.append(["Mã CB", "Họ và tên", "Ngày sinh", "Năm", "Xếp loại"])
    second.append(["CB00002", "Đặng Thị Ánh", None, 2020, "HTTNV"])
    book.save(path)
    before = _counts(unit_store)
    with pytest.raises(ImportFileError) as refused:
        preview_history(unit_store, path)
    message = str(refused.value)
    assert "có hai trang cùng là “Xếp loại”: “Xếp loại” và “Xếp loại 2020”" in message
    assert "các dòng của trang “Xếp loại 2020” sẽ bị bỏ sót" in message and "Chưa nhập gì" in message
    assert _counts(unit_store) == before

    book = load_workbook(path)  # an empty copy of the template: listed with the ignored sheets, as before
    del book["Xếp loại 2020"]
    template = book.create_sheet("Xếp loại (mẫu)")
    template.append(["SỔ THEO DÕI XẾP LOẠI (MẪU)"])
    template.append(["Mã CB", "Họ và tên", "Năm", "Xếp loại"])
    book.save(path)
    assert preview_history(unit_store, path).ignored_sheets == ["Hướng dẫn", "Xếp loại (mẫu)"]
