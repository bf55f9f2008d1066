"""A staff list that leaves the birth day out (no birth date, a birth year alone, another staff code) names someone
already recorded: the row is a duplicate naming that person, never a second record of them. Namesakes with
different full birth dates stay two people."""

from __future__ import annotations

from pathlib import Path

from desktop.ops.staff_import import apply_import, import_staff_file, preview_import, read_table
from tests import xlsx_factory
from tests.history_factory import add_people


def _count(store) -> int:
    return int(store.scalar("SELECT count(*) FROM staff"))


def test_a_row_without_a_birth_date_is_the_person_already_there(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)  # CB00001 Nguyễn Văn Sơn, born 12/05/1980
    before = _count(unit_store)
    path = xlsx_factory.save_rows(
        tmp_path / "a.xlsx", [[1, "Nguyễn Văn Sơn", None]], headers=["TT", "Họ và tên", "Ngày sinh"]
    )
    report = import_staff_file(unit_store, path)
    row = report.preview.rows[0]
    assert row.status == "duplicate" and report.inserted == 0 and _count(unit_store) == before
    assert row.duplicate_of is not None
    for part in ("CB00001 Nguyễn Văn Sơn", "12/05/1980", "không ghi ngày sinh", "ngày sinh", "Thêm cán bộ"):
        assert part in row.duplicate_of, row.duplicate_of
    assert any("dòng 2" in line and "CB00001 Nguyễn Văn Sơn" in line for line in report.problem_lines())


def test_a_birth_year_alone_is_the_person_born_that_year_not_a_namesake_with_a_full_date(
    unit_store, tmp_path: Path
) -> None:
    add_people(unit_store)  # CB00002 Đặng Thị Ánh, born 08/03/1990
    before = _count(unit_store)
    path = xlsx_factory.save_rows(
        tmp_path / "b.xlsx",
        [
            [1, "Đặng Thị Ánh", 1990],  # the year alone, as a number: her
            [2, "ĐẶNG THỊ ÁNH", "1990"],  # the year alone, as text: her too
            [3, "Đặng Thị Ánh", 1991],  # another year: another person
            [4, "Đặng Thị Ánh", "09/03/1990"],  # a full birth date that differs: a namesake
        ],
        headers=["TT", "Họ và tên", "Năm sinh"],
    )
    report = import_staff_file(unit_store, path)
    statuses = [row.status for row in report.preview.rows]
    assert statuses == ["duplicate", "duplicate", "ok", "ok"], report.problem_lines()
    for row in report.preview.rows[:2]:
        assert row.duplicate_of is not None
        assert "CB00002 Đặng Thị Ánh" in row.duplicate_of and "08/03/1990" in row.duplicate_of
        assert "năm sinh 1990" in row.duplicate_of
    assert report.inserted == 2 and _count(unit_store) == before + 2


def test_another_staff_code_without_a_birth_date_is_not_a_second_record(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)  # CB00005 Giàng Seo Phử, born 12/09/1992
    before = _count(unit_store)
    path = xlsx_factory.save_rows(
        tmp_path / "c.xlsx",
        [[1, "NV-017", "Giàng Seo Phử", None]],
        headers=["TT", "Mã cán bộ", "Họ và tên", "Ngày sinh"],
    )
    report = import_staff_file(unit_store, path)
    row = report.preview.rows[0]
    assert row.status == "duplicate" and row.duplicate_of is not None
    assert "CB00005 Giàng Seo Phử" in row.duplicate_of and "12/09/1992" in row.duplicate_of
    assert report.inserted == 0 and _count(unit_store) == before


def test_a_later_row_of_the_file_without_the_birth_day_is_the_earlier_row(unit_store, tmp_path: Path) -> None:
    path = xlsx_factory.save_rows(
        tmp_path / "d.xlsx",
        [[1, "Lò Văn Páo", "05/06/1988"], [2, "Lò Văn Páo", None], [3, "Lò Văn Páo", 1988]],
        headers=["TT", "Họ và tên", "Ngày sinh"],
    )
    preview = preview_import(unit_store, read_table(path))
    assert [row.status for row in preview.rows] == ["ok", "duplicate", "duplicate"]
    for row in preview.rows[1:]:
        assert row.duplicate_of is not None
        assert row.duplicate_of.startswith("dòng 2 của tệp: Lò Văn Páo") and "05/06/1988" in row.duplicate_of


def test_the_write_transaction_finds_the_same_person_the_same_way(unit_store, tmp_path: Path) -> None:
    """The preview saw nobody; another window then added the person with a full birth date: the row written
    without one is found again under the write lock, marked a duplicate and not written."""
    path = xlsx_factory.save_rows(
        tmp_path / "e.xlsx",
        [[1, "Nguyễn Văn Sơn", None], [2, "Lê Văn Hùng", 1985]],
        headers=["TT", "Họ và tên", "Năm sinh"],
    )
    preview = preview_import(unit_store, read_table(path))
    assert [row.status for row in preview.rows] == ["ok", "ok"]
    add_people(unit_store)  # Nguyễn Văn Sơn 12/05/1980, Lê Văn Hùng 01/01/1985 and 15/06/1990
    before = _count(unit_store)
    assert apply_import(unit_store, preview) == 0
    assert [row.status for row in preview.rows] == ["duplicate", "duplicate"]
    assert "12/05/1980" in str(preview.rows[0].duplicate_of)
    assert _count(unit_store) == before
