"""History rows the register cannot hold: a rating or an award dated before its person was born, a title the law of
its decision date did not have, a year column headed in the clerk's own words, one decision written two ways or
signed on two days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.ops.history_import import apply_history, preview_history
from desktop.store import awards_repo
from tests.history_factory import add_people

AWARD_HEADERS = ["Mã CB", "Họ và tên", "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]
FORM_HEADERS = [
    "Mã CB",
    "Họ và tên",
    "Năm",
    "Hình thức khen thưởng",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
]
OWN_ISSUER = "Chủ tịch Ủy ban nhân dân xã Lũng Cú"


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _giay_khen(store, staff_id: int) -> None:
    """A Giấy khen the unit issued itself, stored as "15/QĐ-UBND" of 20/12/2023."""
    with store.transaction(operation="test.setup"):
        awards_repo.add_award(
            store,
            target_kind="individual",
            staff_id=staff_id,
            year=2023,
            code="GIAY_KHEN",
            category="award_form",
            source="unit",
            decision_no="15/QĐ-UBND",
            decision_date=date(2023, 12, 20),
            issuer=OWN_ISSUER,
        )


# -- before the person was born ----------------------------------------------------------------------------------


def test_ratings_and_awards_before_the_birth_are_refused_naming_the_field_and_the_birth_date(
    unit_store, tmp_path: Path
) -> None:
    add_people(unit_store)  # CB00002 Đặng Thị Ánh, born 08/03/1990
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Xếp loại": [["Mã CB", "Họ và tên", "Năm", "Xếp loại"], ["CB00002", None, 1980, "HTXSNV"]],
            "Khen thưởng": [
                AWARD_HEADERS,
                ["CB00002", None, 1985, "LDTT", "1/QĐ-UBND", date(1985, 12, 20), "UBND huyện Đồng Văn"],
                ["CB00002", None, 1990, "LDTT", "2/QĐ-UBND", date(1990, 2, 1), "UBND huyện Đồng Văn"],
                ["CB00002", None, 2015, "LDTT", "3/QĐ-UBND", date(2015, 12, 20), "UBND huyện Đồng Văn"],
            ],
        },
    )
    preview = preview_history(unit_store, path)
    ratings = preview.sheet("ratings")
    awards = preview.sheet("awards")
    assert ratings is not None and awards is not None
    rating = ratings.rows[0]
    assert rating.status == "error"
    assert rating.problems == [
        "Năm: năm 1980 có trước năm sinh của Đặng Thị Ánh (sinh ngày 08/03/1990); hãy xem lại năm."
    ]
    early, same_year, fine = awards.rows
    assert early.status == "error" and "year" in early.fields and "decision_date" in early.fields
    assert same_year.status == "error" and same_year.fields == ["decision_date"]
    assert same_year.problems == [
        "Ngày quyết định: ngày 01/02/1990 có trước ngày sinh của Đặng Thị Ánh (sinh ngày 08/03/1990); hãy xem lại ngày."
    ]
    assert fine.status == "new"
    assert apply_history(unit_store, preview) == {"inserted": 1, "updated": 0}
    assert unit_store.scalar("SELECT count(*) FROM ratings WHERE year < 1990") == 0


def test_a_wide_sheet_names_the_year_column_dated_before_the_birth(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    path = _book(
        tmp_path / "h.xlsx",
        {"Xếp loại": [["Mã CB", "Họ và tên", "Năm 1989", "2023"], ["CB00002", "Đặng Thị Ánh", "HTTNV", "HTXSNV"]]},
    )
    rows = preview_history(unit_store, path).rows
    assert [row.status for row in rows] == ["error", "new"]
    assert (
        rows[0].problems[0].startswith("Năm 1989: năm 1989 có trước năm sinh của Đặng Thị Ánh (sinh ngày 08/03/1990)")
    )


# -- the law of the decision's date ------------------------------------------------------------------------------


def test_a_title_the_law_of_its_decision_date_did_not_have_is_refused_with_the_rule_packs_citation(
    unit_store, tmp_path: Path
) -> None:
    add_people(unit_store)
    headers = ["Tập thể", "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Khen thưởng": [
                headers,
                ["Văn phòng - Thống kê", 2019, "XA_TIEU_BIEU", "9/QĐ-UBND", date(2019, 12, 20), "UBND tỉnh Hà Giang"],
                ["Công an xã", 2024, "XA_TIEU_BIEU", "19/QĐ-UBND", date(2024, 12, 20), "UBND tỉnh Tuyên Quang"],
            ]
        },
    )
    preview = preview_history(unit_store, path)
    refused, lawful = preview.rows
    assert refused.status == "error" and refused.fields == ["code"]
    message = refused.problems[0]
    for part in ("20/12/2019", "Không có danh hiệu này trước Luật TĐKT 2022", "01/01/2024"):
        assert part in message, message
    assert lawful.status == "new"
    apply_history(unit_store, preview)
    assert unit_store.scalar("SELECT count(*) FROM awards WHERE code = 'XA_TIEU_BIEU' AND year = 2019") == 0


# -- year columns headed in other words --------------------------------------------------------------------------


def test_a_year_column_headed_with_words_around_its_year_is_read(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Xếp loại": [
                ["Mã CB", "Họ và tên", "Năm 2022", "Xếp loại 2023", "XL năm 2024"],
                ["CB00002", "Đặng Thị Ánh", "HTTNV", "HTTNV", "KHTNV"],
            ]
        },
    )
    preview = preview_history(unit_store, path)
    sheet = preview.sheet("ratings")
    assert sheet is not None and sheet.layout == "wide" and sheet.problems == []
    assert [row.what for row in preview.rows] == ["2022: HTTNV", "2023: HTTNV", "2024: KHTNV"]
    apply_history(unit_store, preview)
    assert unit_store.scalar("SELECT rating FROM ratings WHERE staff_id = 2 AND year = 2024") == "KHTNV"


def test_a_column_holding_ratings_that_is_read_as_nothing_refuses_the_sheet(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    wide = _book(
        tmp_path / "wide.xlsx",
        {
            "Xếp loại": [
                ["TT", "Mã CB", "Họ và tên", "2022", "XL 2023-2024"],
                [1, "CB00002", "Đặng Thị Ánh", "HTTNV", "HTXSNV"],
            ]
        },
    )
    long = _book(
        tmp_path / "long.xlsx",
        {
            "Xếp loại": [
                ["TT", "Mã CB", "Năm", "Xếp loại", "2024"],
                [1, "CB00002", 2023, "HTTNV", "HTXSNV"],
            ]
        },
    )
    for path, column in ((wide, "cột E (XL 2023-2024)"), (long, "cột E (2024)")):
        preview = preview_history(unit_store, path)
        sheet = preview.sheet("ratings")
        assert sheet is not None and sheet.rows == [], path
        assert len(sheet.problems) == 1 and column in sheet.problems[0], sheet.problems
        assert "Trang “Xếp loại”" in sheet.problems[0]
        assert apply_history(unit_store, preview) == {"inserted": 0, "updated": 0}


# -- one decision --------------------------------------------------------------------------------------------------


def test_one_decision_number_spelled_three_ways_is_one_award_form(unit_store, tmp_path: Path) -> None:
    ids = add_people(unit_store)
    _giay_khen(unit_store, ids["CB00002"])
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Khen thưởng": [
                FORM_HEADERS,
                ["CB00002", None, 2023, "Giấy khen", "15/QD-UBND", date(2023, 12, 20), "UBND xã Lũng Cú"],
                ["CB00002", None, 2023, "Giấy khen", "Số 15/QĐ-UBND", date(2023, 12, 20), "UBND xã Lũng Cú"],
                ["CB00002", None, 2023, "Giấy khen", "số: 15 / qđ–ubnd", date(2023, 12, 20), OWN_ISSUER],
            ]
        },
    )
    preview = preview_history(unit_store, path)
    assert [row.status for row in preview.rows] == ["unchanged", "unchanged", "unchanged"]
    assert apply_history(unit_store, preview) == {"inserted": 0, "updated": 0}
    assert unit_store.scalar("SELECT count(*) FROM awards WHERE code = 'GIAY_KHEN'") == 1


def test_one_number_of_the_unit_itself_has_one_signing_day_however_the_issuer_is_written(
    unit_store, tmp_path: Path
) -> None:
    ids = add_people(unit_store)
    _giay_khen(unit_store, ids["CB00002"])
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Khen thưởng": [
                FORM_HEADERS,
                ["CB00004", None, 2023, "Giấy khen", "15/QĐ-UBND", date(2023, 12, 27), "UBND xã Lũng Cú"],
                ["CB00005", None, 2023, "Giấy khen", "16/QĐ-UBND", date(2023, 12, 21), "UBND xã Lũng Cú"],
                ["CB00001", None, 2023, "Giấy khen", "16/QĐ-UBND", date(2023, 12, 28), "Chủ tịch UBND xã Lũng Cú"],
                ["CB00003", None, 2023, "Giấy khen", "16/QĐ-UBND", date(2023, 12, 28), "UBND huyện Đồng Văn"],
            ]
        },
    )
    rows = preview_history(unit_store, path).rows
    assert [row.status for row in rows] == ["error", "new", "error", "new"]
    assert "ngày ký 20/12/2023" in rows[0].problems[0] and rows[0].fields == ["decision_date"]
    assert "đã ghi ngày 21/12/2023 ở dòng 3" in rows[2].problems[0]
