"""Issue 12, point 2 — text that comes in is clean, at one place (``desktop.domain.text.clean_input``).

NUL and control characters (ESC, VT, other C0 and C1, DEL) are refused with the field named (tab and newline only in
multi-line fields), text is NFC, and each field has a length limit. The staff and history imports use it per row and
field: such a row is refused with file, sheet, row and field, and nothing of it is written. Records already stored
with such characters are listed by ``tdkt check`` (table, record, field), and the exports still work for them.

Control characters reach an .xlsx the way Excel stores them, as ``_x001B_`` escapes (XML cannot hold them), and a
.csv as raw bytes.

Crafted inputs (marked ``crafted``): each refused character alone, through the one function, a .csv and an .xlsx
staff import (the database unchanged), the staff form (``ops.staff.add_staff``) and a package record.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop.cli import main
from desktop.ops.history_import import preview_history
from desktop.ops.staff_import import import_staff_file, preview_import
from tests.history_factory import add_people
from tests.security import assert_no_traceback, cases, crafted, database_hash

NAME_MAX_LENGTH = 200
NOTES_MAX_LENGTH = 4000


def clean_input(*args, **kwargs):
    from desktop.domain.text import clean_input as clean

    return clean(*args, **kwargs)


def _input_text_error():
    from desktop.domain.text import InputTextError

    return InputTextError


# -- the one function -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    cases(
        {
            "NUL": ("Nguyễn\x00Văn", "U+0000"),
            "ESC": ("Nguyễn Văn\x1b[31m Sơn", "U+001B"),
            "VT": ("Nguyễn\x0bVăn", "U+000B"),
            "NEL-C1": ("Nguyễn\x85Văn", "U+0085"),
            "CSI-C1": ("Nguyễn\x9b2JVăn", "U+009B"),
            "DEL": ("Nguyễn\x7fVăn", "U+007F"),
            "BS": ("Nguyễn\x08Văn", "U+0008"),
            "RLO-bidi": ("Nguyễn\u202eVăn", "U+202E"),
            "LRI-bidi": ("Nguyễn\u2066Văn", "U+2066"),
            "lone-surrogate": ("Nguyễn\ud800Văn", "U+D800"),
            "noncharacter-FFFF": ("Nguyễn\uffffVăn", "U+FFFF"),
        }
    ),
)
def test_control_characters_are_refused_naming_the_field(text, shown):
    with pytest.raises(_input_text_error()) as caught:
        clean_input(text, field="Họ và tên")
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message.startswith("Họ và tên: ") and shown in message
    assert caught.value.field == "Họ và tên"
    assert "\x00" not in message and "\x1b" not in message  # the message never carries the character itself


def test_tab_and_newline_only_in_multiline_fields():
    with pytest.raises(_input_text_error(), match=r"Chức vụ: .*một dòng"):
        clean_input("Phó Chủ tịch\nUBND xã", field="Chức vụ")
    with pytest.raises(_input_text_error(), match=r"Chức vụ: .*tab"):
        clean_input("Phó\tChủ tịch", field="Chức vụ")
    assert clean_input("Dòng một\r\n\tDòng hai  \r\n", field="Ghi chú", multiline=True) == "Dòng một\n\tDòng hai"
    assert clean_input("  Kế   toán\n", field="Chức vụ") == "Kế toán"  # surrounding line breaks are only trimmed


def test_nfc_and_length_limits():
    from desktop.domain import text

    assert (text.NAME_MAX_LENGTH, text.NOTES_MAX_LENGTH) == (NAME_MAX_LENGTH, NOTES_MAX_LENGTH)
    decomposed = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh"
    assert clean_input(decomposed, field="Họ và tên") == "Nguyễn Thị Ánh"
    assert clean_input(None, field="Ghi chú") == ""
    assert clean_input("a" * NAME_MAX_LENGTH, field="Họ và tên", max_length=NAME_MAX_LENGTH)
    with pytest.raises(_input_text_error(), match=f"Họ và tên: .*{NAME_MAX_LENGTH}"):
        clean_input("a" * (NAME_MAX_LENGTH + 1), field="Họ và tên", max_length=NAME_MAX_LENGTH)
    assert len(clean_input("x" * NOTES_MAX_LENGTH, field="Ghi chú", multiline=True, max_length=NOTES_MAX_LENGTH))
    assert clean_input("\ufeffVăn\u200b phòng\u00a0xã", field="Phòng ban") == "Văn phòng xã"


# -- the staff import ---------------------------------------------------------------------------------------------


def _staff_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Phòng ban", "Ghi chú"])
    sheet.append([1, "Nguyễn Văn Sơn", "12/05/1980", "Chủ tịch", "Lãnh đạo UBND", "Dòng một_x000D_\nDòng hai"])
    sheet.append([2, "Lò Thị Mỷ_x001B_[2J", "01/02/1985", "Kế toán", "Văn phòng", ""])
    sheet.append([3, "Giàng Seo Phử", "03/04/1990", "Công an viên_x000B_", "Công an xã", ""])
    sheet.append([4, "Vàng Thị Dính", "04/05/1991", "Văn thư", "Văn phòng", "ghi chú_x0000_hỏng"])
    book.save(path)
    return path


@crafted
def test_staff_import_xlsx_refuses_the_rows_naming_file_sheet_row_and_field(unit_store, db_path, tmp_path, capsys):
    path = _staff_xlsx(tmp_path / "can-bo.xlsx")
    assert main(["--db", str(db_path), "staff", "import", str(path), "--dry-run"]) == 0
    _out, err = capsys.readouterr()
    assert "can-bo.xlsx, trang “Danh sách”, dòng 3: Họ và tên: " in err  # file, sheet, row, field
    assert "can-bo.xlsx, trang “Danh sách”, dòng 5: Ghi chú: " in err
    code = main(["--db", str(db_path), "staff", "import", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    assert report["counts"] == {"total": 4, "ok": 1, "error": 3, "duplicate": 0}
    rows = {r["row"]: r for r in report["rows"]}
    assert rows[3]["problems"] == [rows[3]["problems"][0]] and rows[3]["problems"][0].startswith("Họ và tên: ")
    assert "U+001B" in rows[3]["problems"][0]
    assert rows[4]["problems"][0].startswith("Chức vụ: ") and "U+000B" in rows[4]["problems"][0]
    assert rows[5]["problems"][0].startswith("Ghi chú: ") and "U+0000" in rows[5]["problems"][0]
    assert "\x1b" not in out + err and "\x00" not in out + err
    stored = unit_store.query("SELECT full_name, notes FROM staff")
    assert stored == [{"full_name": "Nguyễn Văn Sơn", "notes": "Dòng một Dòng hai"}]


@crafted
def test_staff_import_csv_nul_anywhere_is_a_row_error(unit_store, tmp_path):
    lines = ["Họ và tên;Ngày sinh;Chức vụ;Ghi chú"]
    lines += [f"Người Số {chr(65 + i % 26)}{chr(65 + i // 26)};01/01/1980;Chuyên viên;{'x' * 40}" for i in range(200)]
    lines.append("Nguyễn Văn\x00 Sơn;12/05/1980;Chủ tịch;")
    lines.append("Lò Thị Mỷ;01/02/1985;Kế toán\x1b[31m;")
    lines.append("Vàng Thị Dính;01/02/1985;Văn thư;\x85ghi chú")
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    assert data.index(b"\x00") > 4096  # beyond the part the file-type check looks at
    path = tmp_path / "can-bo.csv"
    path.write_bytes(data)
    report = import_staff_file(unit_store, path)
    assert report.preview.counts["ok"] == 200 and report.preview.counts["error"] == 3
    problems = [line for line in report.problem_lines()]
    assert any("can-bo.csv, dòng 202: Họ và tên:" in p and "U+0000" in p for p in problems), problems
    assert any("dòng 203: Chức vụ:" in p and "U+001B" in p for p in problems), problems
    assert any("dòng 204: Ghi chú:" in p and "U+0085" in p for p in problems), problems
    assert unit_store.scalar("SELECT count(*) FROM staff") == 200


def test_staff_import_length_limit(unit_store, tmp_path):
    path = tmp_path / "dai.xlsx"
    book = Workbook()
    book.active.append(["Họ và tên", "Chức vụ", "Ghi chú"])
    book.active.append(["Nguyễn Văn Sơn", "Chủ tịch " * 30, "Ghi chú"])
    book.active.append(["Lò Thị Mỷ", "Kế toán", "x" * (NOTES_MAX_LENGTH + 1)])
    book.save(path)
    preview = preview_import(unit_store, path)
    assert [row.status for row in preview.rows] == ["error", "error"]
    assert preview.rows[0].problems[0].startswith("Chức vụ: ") and "200" in preview.rows[0].problems[0]
    assert preview.rows[1].problems[0].startswith("Ghi chú: ") and str(NOTES_MAX_LENGTH) in preview.rows[1].problems[0]


# One refused character at a time, in each text field a staff file carries: the row is refused naming the field
# and the character, nothing is written (the whole database hashes the same), no traceback.
REFUSED = {
    "NUL": "\x00",
    "BEL": "\x07",
    "BS": "\x08",
    "VT": "\x0b",
    "FF": "\x0c",
    "ESC": "\x1b",
    "US": "\x1f",
    "DEL": "\x7f",
    "C1-NEL": "\x85",
    "C1-CSI": "\x9b",
    "RLO": "\u202e",
    "PDI": "\u2069",
}
COLUMNS = {"full_name": "Họ và tên", "position": "Chức vụ", "department": "Phòng ban", "notes": "Ghi chú"}


def _one_row(field: str, char: str) -> dict[str, str]:
    row = {"full_name": "Nguyễn Văn Sơn", "position": "Chủ tịch", "department": "Lãnh đạo UBND", "notes": "tốt"}
    row[field] = row[field][:3] + char + row[field][3:]
    return row


FIELD_FOR = dict(zip(REFUSED, list(COLUMNS) * 3, strict=True))  # each character in one field, every field used


@pytest.mark.parametrize(
    ("field", "char"), cases({f"{FIELD_FOR[name]}-{name}": (FIELD_FOR[name], char) for name, char in REFUSED.items()})
)
def test_a_refused_character_in_a_staff_csv_writes_nothing(field, char, unit_store, db_path, tmp_path, capsys):
    row = _one_row(field, char)
    path = tmp_path / "can-bo.csv"
    header = ";".join(COLUMNS.values())
    path.write_bytes((header + "\r\n" + ";".join(row[name] for name in COLUMNS) + "\r\n").encode("utf-8"))
    before = database_hash(unit_store)
    code = main(["--db", str(db_path), "staff", "import", str(path)])
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    if char == "\x00":  # NUL near the start: not a text file at all (past 4 KiB: a row error, tested above)
        assert code == 1 and "can-bo.csv không phải tệp văn bản .csv" in err, err
    else:
        assert code == 0, err
        assert f"can-bo.csv, dòng 2: {COLUMNS[field]}: " in err and f"U+{ord(char):04X}" in err, err
    assert char not in out + err  # named, never printed
    assert database_hash(unit_store) == before


@pytest.mark.parametrize("char", cases({name: char for name, char in REFUSED.items() if ord(char) < 0x20}))
def test_a_control_character_escaped_in_an_xlsx_writes_nothing(char, unit_store, db_path, tmp_path, capsys):
    book = Workbook()
    book.active.title = "Danh sách"
    book.active.append(list(COLUMNS.values()))
    book.active.append(["Nguyễn Văn Sơn", f"Chủ_x{ord(char):04X}_tịch", "Văn phòng", ""])  # as Excel stores it
    path = tmp_path / "can-bo.xlsx"
    book.save(path)
    before = database_hash(unit_store)
    code = main(["--db", str(db_path), "staff", "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_no_traceback(out, err)
    assert "dòng 2: Chức vụ: " in err and f"U+{ord(char):04X}" in err, err
    assert database_hash(unit_store) == before


@pytest.mark.parametrize(
    ("field", "char"),
    cases(
        {
            f"{field}-{name}": (field, REFUSED[name])
            for name, field in zip(("NUL", "ESC", "C1-CSI", "RLO"), COLUMNS, strict=True)
        }
    ),
)
def test_the_staff_form_refuses_a_control_character_naming_the_field(field, char, unit_store):
    from desktop.domain.staff import StaffDraft
    from desktop.ops.staff import StaffValidationError, add_staff

    before = database_hash(unit_store)
    with pytest.raises(StaffValidationError) as refused:
        add_staff(unit_store, draft=StaffDraft(**_one_row(field, char)))
    assert set(refused.value.problems) == {field}
    assert f"U+{ord(char):04X}" in refused.value.problems[field] and char not in refused.value.problems[field]
    assert database_hash(unit_store) == before


def _other_form(store, what: str, person: int) -> None:
    from desktop.ops import staff as staff_ops
    from desktop.ops import unit as unit_ops

    if what == "department":
        unit_ops.add_department(store, name="Phòng\x1b[2J Kinh tế", kind="department")
    elif what == "rating-notes":
        staff_ops.set_rating(store, staff_id=person, year=2023, rating="HTTNV", notes="ghi\x1b chú")
    else:
        staff_ops.add_initiative(store, staff_id=person, title="Sáng\x00kiến")


@pytest.mark.parametrize(
    "what",
    [
        pytest.param(
            what,
            id=what,
            marks=[pytest.mark.crafted],
        )
        for what in ("rating-notes", "initiative-title", "department")
    ],
)
def test_the_other_forms_refuse_a_control_character(what, unit_store):
    from desktop.domain.staff import StaffDraft
    from desktop.store import ValidationError, staff_repo

    with unit_store.transaction(operation="test.setup"):
        person = staff_repo.insert_staff(unit_store, StaffDraft(full_name="Nguyễn Văn Sơn"))
    before = database_hash(unit_store)
    with pytest.raises((ValidationError, ValueError)):  # naming the field, as the staff form does
        _other_form(unit_store, what, person)
    assert database_hash(unit_store) == before


@crafted
def test_a_package_record_with_a_control_character_is_refused_by_verify(tmp_path):
    from desktop.exchange.exporter import export_package
    from desktop.exchange.format import PackageError
    from desktop.ops import exchange as ops
    from tests.exchange import YEAR, craft, link, make_province, make_unit, own_keys, seed_dossier, unpack

    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    seed_dossier(unit)
    manifest, entries = unpack(export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "a.tdkt"))
    data = json.loads(entries["data/nominations.json"])
    data["records"][0]["person"]["name"] = "Đỗ Văn\x1b[2J Khánh"
    entries["data/nominations.json"] = json.dumps(data, ensure_ascii=False).encode()
    path = craft(tmp_path / "ky-tu.tdkt", own_keys(unit), manifest, entries)
    before = database_hash(prov)
    try:
        with pytest.raises(PackageError) as refused:
            ops.verify_file(prov, path=path)
        assert "U+001B" in refused.value.message
    finally:
        with contextlib.suppress(PackageError):
            ops.import_files(prov, files=[path])
        changed = database_hash(prov) != before
        unit.close()
        prov.close()
    assert not changed


# -- the history import ------------------------------------------------------------------------------------------


@crafted
def test_history_import_refuses_the_rows_naming_sheet_row_and_field(unit_store, db_path, tmp_path, capsys):
    add_people(unit_store)
    book = Workbook()
    book.remove(book.active)
    ratings = book.create_sheet("Xếp loại")
    ratings.append(["Mã CB", "Họ và tên", "Năm", "Xếp loại", "Ghi chú"])
    ratings.append(["CB00001", "Nguyễn Văn Sơn", 2023, "HTXSNV", "tốt"])
    ratings.append(["CB00002", "Đặng Thị Ánh", 2023, "HTTNV", "ghi chú_x001B_]0;owned_x0007_"])
    awards = book.create_sheet("Khen thưởng")
    awards.append(["Mã CB", "Năm", "Danh hiệu", "Số quyết định", "Cơ quan ban hành"])
    awards.append(["CB00003", 2023, "LĐTT", "12/QĐ-UBND_x0000_", "UBND xã"])
    awards.append(["CB00005", 2023, "LĐTT", "13/QĐ-UBND", "UBND xã\u009b"])
    wide = book.create_sheet("Xếp loại tập thể")
    wide.append(["Tập thể", "2023"])
    wide.append(["Công an xã", "HTTNV_x000C_"])
    path = tmp_path / "lich-su.xlsx"
    book.save(path)

    before = unit_store.scalar("SELECT count(*) FROM ratings")
    code = main(["--db", str(db_path), "history", "import", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    errors = {(r["sheet"], r["row"]): r for r in report["rows"] if r["status"] == "error"}
    assert set(errors) == {("Xếp loại", 3), ("Khen thưởng", 2), ("Khen thưởng", 3), ("Xếp loại tập thể", 2)}
    assert errors["Xếp loại", 3]["fields"] == ["notes"] and "U+001B" in errors["Xếp loại", 3]["problems"][0]
    assert errors["Khen thưởng", 2]["fields"] == ["decision_no"]
    assert errors["Khen thưởng", 3]["fields"] == ["issuer"] and "U+009B" in errors["Khen thưởng", 3]["problems"][0]
    assert "U+000C" in errors["Xếp loại tập thể", 2]["problems"][0]
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out
    assert unit_store.scalar("SELECT count(*) FROM ratings") == before + 1  # only the good row
    assert unit_store.scalar("SELECT count(*) FROM awards WHERE year = 2023") == 0

    preview = preview_history(unit_store, path)
    lines = [line for sheet in preview.sheets for row in sheet.rows for line in row.problems]
    assert all(line.split(":")[0] in ("Ghi chú", "Số quyết định", "Cơ quan ban hành", "2023") for line in lines), lines


# -- records already stored: tdkt check lists them, exports still work -------------------------------------------


def _store_dirty_records(store) -> None:
    from desktop.domain.staff import StaffDraft
    from desktop.store import staff_repo

    with store.transaction(operation="test.setup"):
        staff_repo.insert_staff(
            store, StaffDraft(full_name="Nguyễn Văn Sơn", staff_code="CB00001", birth_date=date(1980, 5, 12))
        )
        staff_repo.insert_staff(store, StaffDraft(full_name="Lò Thị Mỷ", staff_code="CB00002", department="Văn phòng"))
        store.execute(
            "UPDATE staff SET full_name = ?, position = ? WHERE staff_code = 'CB00001'",
            ("Nguyễn Văn\x1b[31m Sơn", "Chủ\x00 tịch"),
        )
        store.execute("UPDATE staff SET notes = ? WHERE staff_code = 'CB00002'", ("ghi chú\x0b\x9b",))
        store.execute("UPDATE departments SET name = name || char(7)")


@crafted
def test_check_lists_records_with_control_characters(unit_store, db_path, capsys):
    _store_dirty_records(unit_store)
    code = main(["--db", str(db_path), "check", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["ok"] is False
    found = {(f["table"], f["record"], f["field"]) for f in report["control_characters"]}
    assert ("staff", "CB00001 Nguyễn Văn\ufffd[31m Sơn", "full_name") in found  # shown, never printed raw
    assert ("staff", "CB00001 Nguyễn Văn\ufffd[31m Sơn", "position") in found
    assert ("staff", "CB00002 Lò Thị Mỷ", "notes") in found
    assert any(t == "departments" and f == "name" for t, _r, f in found)
    entry = next(f for f in report["control_characters"] if f["field"] == "position")
    assert entry["characters"] == ["U+0000 (NUL)"] and entry["id"] > 0
    main(["--db", str(db_path), "check"])
    text = capsys.readouterr().out
    assert "ký tự điều khiển" in text and "staff" in text and "full_name" in text
    assert "\x1b" not in text and "\x00" not in text


@crafted
def test_exports_still_work_for_records_with_control_characters(unit_store, db_path, tmp_path, capsys):
    _store_dirty_records(unit_store)
    target = tmp_path / "can-bo.xlsx"
    assert main(["--db", str(db_path), "staff", "export", str(target)]) == 0, capsys.readouterr().err
    names = [row[1] for row in load_workbook(target).active.iter_rows(min_row=4, values_only=True)]
    assert "Nguyễn Văn[31m Sơn" in names
    register = tmp_path / "so.docx"
    command = ["documents", "render", "--kind", "register", "--staff", "CB00001", "--out", str(register)]
    assert main(["--db", str(db_path), *command]) == 0, capsys.readouterr().err
    for suffix in ("xlsx", "pdf"):
        command[-1] = str(tmp_path / f"so.{suffix}")
        assert main(["--db", str(db_path), *command]) == 0, capsys.readouterr().err
