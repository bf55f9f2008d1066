"""The yearly report shows each collective's own rating of the year, in the window's data, the PDF and the .xlsx."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from desktop.ops import collectives
from desktop.ops import movements as mv
from tests.demo_date import DEMO_TODAY
from tests.ops.test_movements import pdf_text


def test_report_lists_every_collectives_rating_of_the_year(store, tmp_path: Path):
    from desktop.ops.demo import fill_demo

    fill_demo(store, today=DEMO_TODAY)
    economy = collectives.department_by_name(store, "Phòng Kinh tế")["id"]
    collectives.set_collective_rating(store, department_id=economy, year=2025, rating="KHTNV")
    with store.transaction(operation="test.setup"):
        from desktop.store import unit_repo

        unit_repo.get_or_create_department(store, "Thôn Lũng Cú")  # a new collective, not rated yet

    data = mv.report(store, year=2025)
    rows = {r["name"]: r for r in data["collective_ratings"]}
    assert rows["Phòng Kinh tế"] | {"id": 0, "uuid": ""} == {
        "id": 0, "uuid": "", "name": "Phòng Kinh tế", "members": 8, "rating": "KHTNV",
        "rating_label": "Không hoàn thành nhiệm vụ", "notes": "",
    }  # fmt: skip
    assert rows["Thôn Lũng Cú"]["rating"] is None and rows["Thôn Lũng Cú"]["members"] == 0

    text = pdf_text(mv.export_report(store, year=2025, out=tmp_path / "bc.pdf"))
    assert "Xếp loại tập thể năm 2025" in text and "Không hoàn thành nhiệm vụ" in text
    assert "Chưa xếp loại" in text

    sheet = load_workbook(mv.export_report(store, year=2025, out=tmp_path / "bc.xlsx")).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    heading = next(i for i, row in enumerate(cells) if row[0] == "Xếp loại tập thể năm 2025")
    assert cells[heading + 1][:4] == ["Tập thể", "Xếp loại", "Mã", "Số thành viên"]
    table = {row[0]: row[1:4] for row in cells[heading + 2 :] if row[0]}
    assert table["Phòng Kinh tế"] == ["Không hoàn thành nhiệm vụ", "KHTNV", 8]
    assert table["Thôn Lũng Cú"] == ["Chưa xếp loại", None, 0]
