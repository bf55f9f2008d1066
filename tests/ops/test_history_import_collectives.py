"""Collectives' own ratings in the history workbook: a "Tập thể" column in "Xếp loại", or a "Xếp loại tập thể" sheet.

Rows naming a collective (and no person) are that collective's rating, matched like the "Khen thưởng" sheet matches
a collective; unknown collectives are reported with sheet, row and field; everything is written in one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.ops.history_import import (
    ImportCancelled,
    apply_history,
    guess_mapping,
    import_history_file,
    preview_history,
    sheet_kind,
)
from desktop.ops.unit import add_department
from tests.history_factory import (
    add_collective_rating,
    add_people,
    collective_ratings_xlsx,
    wide_collective_ratings_xlsx,
)


@pytest.fixture
def people(unit_store) -> dict[str, int]:
    ids = add_people(unit_store)
    add_collective_rating(unit_store)
    return ids


def _collective_ratings(store) -> dict[tuple[str, int], tuple[str, str]]:
    rows = store.query(
        "SELECT d.name, r.year, r.rating, r.notes FROM collective_ratings r "
        "JOIN departments d ON d.id = r.department_id"
    )
    return {(r["name"], r["year"]): (r["rating"], r["notes"]) for r in rows}


def _by_row(preview, kind: str) -> dict[int, object]:
    sheet = preview.sheet(kind)
    assert sheet is not None
    return {row.row_number: row for row in sheet.rows}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Xếp loại tập thể", "collective_ratings"),
        ("XEP LOAI TAP THE 2024", "collective_ratings"),
        ("Đánh giá xếp loại tập thể", "collective_ratings"),
        ("Xếp loại", "ratings"),
        ("Xếp loại CBCC", "ratings"),
    ],
)
def test_a_sheet_named_xep_loai_tap_the_holds_collective_ratings(name, kind):
    assert sheet_kind(name) == kind


def test_the_tap_the_column_is_recognised_in_both_ratings_sheets():
    assert guess_mapping("ratings", ["Mã CB", "Họ và tên", "Năm", "Xếp loại", "Tập thể"])["collective"] == 4
    assert guess_mapping("collective_ratings", ["Tên tập thể", "Năm", "Xếp loại"]) == {
        "collective": 0,
        "year": 1,
        "rating": 2,
    }
    # Where only collectives are rated, a department column counts too; in the people's sheet it does not.
    assert guess_mapping("collective_ratings", ["Phòng ban", "Năm", "Kết quả xếp loại"])["collective"] == 0
    assert "collective" not in guess_mapping("ratings", ["Họ và tên", "Phòng ban", "Năm", "Xếp loại"])


def test_tap_the_rows_are_the_collectives_rating(unit_store, people, tmp_path: Path):
    preview = preview_history(unit_store, collective_ratings_xlsx(tmp_path / "xep loai.xlsx", collective_sheet=False))
    rows = _by_row(preview, "ratings")
    assert {n: r.status for n, r in rows.items()} == {
        5: "new",
        6: "new",
        7: "update",
        8: "error",
        9: "error",
        10: "error",
        11: "unchanged",
    }
    assert rows[5].person == "CB00001 Nguyễn Văn Sơn" and rows[5].record["staff_id"] == people["CB00001"]
    assert rows[6].person == "Văn phòng - Thống kê" and rows[6].staff_code == ""
    assert rows[6].record == rows[6].record | {"year": 2024, "rating": "HTXSNV", "notes": "Biên bản 20/12/2024"}
    assert "staff_id" not in rows[6].record and rows[6].record["department_id"]
    assert rows[7].person == "Công an xã" and rows[7].what == "2023: HTNV → HTTNV" and rows[7].old == "HTNV"
    assert rows[8].fields == ["collective"]
    assert rows[8].problems == [
        "Tập thể: không có phòng ban, tập thể “Thôn Không Tên”; hãy thêm tập thể này trước rồi nhập lại."
    ]
    assert rows[9].fields == ["collective"] and "không ghi cả hai" in rows[9].problems[0]
    assert rows[10].fields == ["rating"]
    assert rows[11].same_as == "trùng dòng 6 của trang này"
    assert preview.missing == ["initiatives", "discipline", "leave", "awards"]  # "Xếp loại tập thể" is optional

    report = import_history_file(unit_store, preview.path)
    assert (report.inserted, report.updated) == (2, 1)
    assert _collective_ratings(unit_store) == {
        ("Văn phòng - Thống kê", 2024): ("HTXSNV", "Biên bản 20/12/2024"),
        ("Công an xã", 2023): ("HTTNV", ""),
    }
    assert unit_store.scalar("SELECT rating FROM ratings WHERE staff_id = ? AND year = 2024", (people["CB00001"],))
    assert {"history.import"} == {
        r["operation"]
        for r in unit_store.query("SELECT operation FROM audit_log WHERE table_name = 'collective_ratings'")
        if r["operation"] != "test.setup"
    }


def test_the_collective_sheet_works_too_and_is_checked_against_the_ratings_sheet(unit_store, people, tmp_path):
    preview = preview_history(unit_store, collective_ratings_xlsx(tmp_path / "h.xlsx"))
    assert [s.kind for s in preview.sheets] == ["ratings", "collective_ratings"]
    sheet = preview.sheet("collective_ratings")
    assert sheet is not None and sheet.label == "Xếp loại tập thể" and sheet.table.header_row == 4
    rows = _by_row(preview, "collective_ratings")
    assert {n: r.status for n, r in rows.items()} == {5: "new", 6: "error", 7: "new", 8: "error"}
    assert rows[5].person == "Công an xã" and rows[5].record["rating"] == "HTXSNV"
    assert rows[6].fields == ["record"]
    assert rows[6].problems == ["Trùng: mâu thuẫn với dòng 6 của trang “Xếp loại” (HTXSNV)."]
    assert rows[7].record["rating"] == "HTTNV" and rows[7].record["notes"] == "Theo biên bản"
    assert rows[8].fields == ["collective"] and "“Tổ Không Có”" in rows[8].problems[0]

    report = import_history_file(unit_store, preview.path)
    assert (report.inserted, report.updated) == (4, 1)
    assert _collective_ratings(unit_store) == {
        ("Văn phòng - Thống kê", 2024): ("HTXSNV", "Biên bản 20/12/2024"),
        ("Văn phòng - Thống kê", 2025): ("HTTNV", "Theo biên bản"),
        ("Công an xã", 2023): ("HTTNV", ""),
        ("Công an xã", 2025): ("HTXSNV", ""),
    }
    # Importing the same file again changes nothing.
    again = preview_history(unit_store, preview.path)
    assert again.counts["new"] == 0 and again.counts["update"] == 0


def test_wide_layout_for_collectives(unit_store, people, tmp_path):
    preview = preview_history(unit_store, wide_collective_ratings_xlsx(tmp_path / "w.xlsx"))
    sheet = preview.sheet("collective_ratings")
    assert sheet is not None and sheet.layout == "wide"
    found = {(r.person, r.values["year"]): r for r in sheet.rows}
    assert found[("Công an xã", "2023")].status == "update"  # HTNV → HTTNV
    assert found[("Công an xã", "2025")].record["rating"] == "HTXSNV"
    assert found[("Văn phòng - Thống kê", "2024")].record["rating"] == "HTNV"
    bad = found[("Văn phòng - Thống kê", "2025")]
    assert bad.status == "error" and bad.fields == ["rating"]


def test_a_collective_sheet_without_its_collective_column_is_reported(unit_store, people, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại tập thể"
    sheet.append(["Năm", "Xếp loại"])
    sheet.append([2025, "HTTNV"])
    book.save(tmp_path / "no-name.xlsx")
    preview = preview_history(unit_store, tmp_path / "no-name.xlsx")
    assert preview.sheets[0].problems and "“Tập thể”" in preview.sheets[0].problems[0]
    assert preview.sheets[0].rows == []


def test_cancelling_writes_no_collective_rating(unit_store, people, tmp_path):
    preview = preview_history(unit_store, collective_ratings_xlsx(tmp_path / "h.xlsx"))
    before = _collective_ratings(unit_store)
    calls: list[int] = []

    def cancel_late() -> bool:
        calls.append(1)
        return len(calls) == len(preview.good_rows())  # the last row: everything before it is rolled back

    with pytest.raises(ImportCancelled):
        apply_history(unit_store, preview, should_cancel=cancel_late)
    assert _collective_ratings(unit_store) == before
    assert unit_store.scalar("SELECT count(*) FROM ratings") == 1  # only the setup's rating


def test_cli_reports_collective_rows_per_sheet_row_and_field(tmp_path: Path, capsys):
    from desktop.cli import main
    from desktop.store import open_store

    db = tmp_path / "cli.sqlite3"
    assert main(["--db", str(db), "init", "--unit-name", "Ủy ban nhân dân xã Lũng Cú", "--commune-code", "00715"]) == 0
    with open_store(db) as store:
        add_people(store)
        add_collective_rating(store)
    path = collective_ratings_xlsx(tmp_path / "h.xlsx")
    capsys.readouterr()
    assert main(["--db", str(db), "history", "import", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["kind"] for s in data["sheets"]] == ["ratings", "collective_ratings"]
    assert "collective_ratings" not in data["missing_sheets"]
    unknown = next(r for r in data["rows"] if r["sheet"] == "Xếp loại tập thể" and r["row"] == 8)
    assert unknown["kind"] == "collective_ratings" and unknown["fields"] == ["collective"]
    update = next(r for r in data["rows"] if r["sheet"] == "Xếp loại" and r["row"] == 7)
    assert update["status"] == "update" and update["person"] == "Công an xã" and update["old"] == "HTNV"
    assert (data["inserted"], data["updated"]) == (4, 1)

    assert main(["--db", str(db), "history", "import", str(path)]) == 0
    err = capsys.readouterr().err
    assert (
        "h.xlsx, trang “Xếp loại”, dòng 8: Tập thể: không có phòng ban, tập thể “Thôn Không Tên”; "
        "hãy thêm tập thể này trước rồi nhập lại."
    ) in err


def test_collectives_whose_names_differ_only_in_accents_each_get_their_own_rating(unit_store, people, tmp_path: Path):
    """Review S1: "Thôn Nà" and "Thôn Ná" folded to one key, so Thôn Nà's rating was written to Thôn Ná (and a
    "Thôn Nạ" nobody has was taken for it); these ratings decide TTLĐTT. An exact name wins; a name typed without
    accents that fits both is an error naming them; another accent is no match."""
    na_grave = add_department(unit_store, name="Thôn Nà", kind="collective")
    na_acute = add_department(unit_store, name="Thôn Ná", kind="collective")
    path = _one_sheet(
        tmp_path / "thon.xlsx",
        ["Tên tập thể", "Năm", "Xếp loại"],
        [["Thôn Nà", 2022, "HTTNV"], ["THÔN NÁ", 2022, "HTXSNV"], ["Thôn Na", 2021, "HTNV"], ["Thôn Nạ", 2021, "HTNV"]],
    )
    preview = preview_history(unit_store, path)
    rows = _by_row(preview, "collective_ratings")
    assert (rows[2].status, rows[3].status) == ("new", "new")
    assert rows[4].status == rows[5].status == "error"
    assert "“Thôn Nà”" in " ".join(rows[4].problems) and "“Thôn Ná”" in " ".join(rows[4].problems)
    apply_history(unit_store, preview)
    ratings = {
        (r["department_id"], r["year"]): r["rating"]
        for r in unit_store.query("SELECT department_id, year, rating FROM collective_ratings")
    }
    assert ratings[(na_grave, 2022)] == "HTTNV" and ratings[(na_acute, 2022)] == "HTXSNV"
    assert (na_grave, 2021) not in ratings and (na_acute, 2021) not in ratings


def _one_sheet(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại tập thể"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
