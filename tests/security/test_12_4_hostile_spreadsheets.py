"""Issue 12, point 4 — reading spreadsheets within bounds (desktop.documents.spreadsheet, xlsx_reader).

Hostile files are built by the test (tests/xlsx_hostile.py) and read in a child process with an address-space limit,
so a reader that blows up fails the test instead of the machine; the child reports its peak resident memory.
Also: hidden sheets are never read by accident, merged cells fill every row they cover, two columns with the same
header are reported, and ethnic names are matched as clerks write them.

Crafted inputs (marked ``crafted``): each hostile file above, and a set of broken or hostile files given to
``tdkt staff import`` and ``tdkt history import``: exit 1 with one clear line, and the database unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.cli import main
from desktop.documents import xlsx_reader
from desktop.domain import codes
from desktop.domain.staff import ethnic_code_for
from desktop.ops.history_import import preview_history
from desktop.ops.staff_import import ImportFileError, preview_import, read_table
from tests import xlsx_hostile
from tests.history_factory import add_people
from tests.security import assert_no_traceback, cases, crafted, database_hash

REPO = Path(__file__).resolve().parents[2]
ADDRESS_SPACE_LIMIT = 2 * 1024**3  # the child may not map more than 2 GiB: the old reader needed far more
PEAK_LIMIT_MB = 200

_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
    from pathlib import Path
    result = {}
    try:
        from desktop.ops.staff_import import ImportFileError, read_table
        try:
            table = read_table(Path(sys.argv[1]))
            result = {"ok": True, "rows": len(table.rows), "headers": table.headers}
        except ImportFileError as exc:
            result = {"ok": False, "message": str(exc)}
    except MemoryError:
        result = {"ok": False, "message": "MemoryError"}
    try:  # VmHWM: this process's own peak (ru_maxrss would also count the test runner it was forked from)
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["peak_mb"] = peak / 1024
    print(json.dumps(result, ensure_ascii=False))
    """
)


def read_in_child(path: Path, timeout: float = 120) -> dict:
    """``staff_import.read_table(path)`` in a fresh process limited to 2 GiB: its result and peak memory (MB)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(ADDRESS_SPACE_LIMIT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - started
    return result


# -- bounds ------------------------------------------------------------------------------------------------------


@crafted
def test_cells_in_the_last_column_are_refused_with_low_memory(tmp_path):
    path = xlsx_hostile.far_columns(tmp_path / "xa.xlsx", rows=20_000)
    assert path.stat().st_size < 1_500_000
    result = read_in_child(path)
    assert result["ok"] is False, result
    assert "ô XFD1 có dữ liệu ở cột thứ 16.384" in result["message"] and "tối đa 200 cột" in result["message"], result[
        "message"
    ]
    assert "trang “Danh sách”" in result["message"]
    assert result["peak_mb"] < PEAK_LIMIT_MB, result


@crafted
def test_styled_empty_far_cells_and_a_sheet_wide_dimension_cost_nothing(tmp_path):
    path = xlsx_hostile.far_columns(tmp_path / "dinh-dang.xlsx", rows=20_000, empty=True)
    result = read_in_child(path)
    assert result["ok"] is True, result
    assert result["rows"] == 19_999 and result["headers"] == ["Họ và tên"]
    assert result["peak_mb"] < PEAK_LIMIT_MB, result
    assert result["seconds"] < 15, result  # openpyxl padded every row to 16,384 cells: 46 s


@crafted
def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    path = xlsx_hostile.inflating(tmp_path / "bom.xlsx", megabytes=300)
    assert path.stat().st_size < 1_500_000
    result = read_in_child(path, timeout=60)
    assert result["ok"] is False, result
    message = result["message"]
    assert "quá lớn khi giải nén" in message and "xl/worksheets/sheet1.xml" in message and "256 MB" in message
    assert result["peak_mb"] < PEAK_LIMIT_MB and result["seconds"] < 20, result


@crafted
def test_a_workbook_of_400_000_empty_parts_is_refused_before_its_directory_is_parsed(tmp_path):
    """zipfile builds an object per entry of the whole directory on opening: the part limit was counted after that
    (about 250 MB for this file, gigabytes for one of 128 MB); now from the raw bytes first."""
    path = xlsx_hostile.crowded(tmp_path / "dong.xlsx", 400_000)
    assert path.stat().st_size < xlsx_reader.MAX_FILE_BYTES
    result = read_in_child(path, timeout=90)
    assert result["ok"] is False, result
    assert "hỏng" in result["message"] or "không đọc được" in result["message"].lower(), result["message"]
    assert result["peak_mb"] < PEAK_LIMIT_MB and result["seconds"] < 20, result


@crafted
def test_rows_past_the_limit_are_refused(tmp_path, monkeypatch):
    path = xlsx_hostile.many_rows(tmp_path / "dai.xlsx", 200_002)
    result = read_in_child(path)
    assert result["ok"] is False, result
    assert "hơn 200.000 dòng có dữ liệu" in result["message"], result["message"]
    assert result["peak_mb"] < 300, result
    from desktop.documents import xlsx_reader

    assert xlsx_reader.MAX_ROWS == 200_000
    monkeypatch.setattr(xlsx_reader, "MAX_ROWS", 1000)
    with pytest.raises(ImportFileError, match=r"hơn 1\.000 dòng"):
        read_table(xlsx_hostile.many_rows(tmp_path / "ngan.xlsx", 1001))
    assert len(read_table(xlsx_hostile.many_rows(tmp_path / "vua.xlsx", 1000)).rows) == 999  # and the header


@crafted
def test_a_cell_longer_than_excel_allows_is_refused(tmp_path):
    rows = [xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "Họ và tên")])]
    rows.append(xlsx_hostile.row(2, [xlsx_hostile.cell("A2", "Nguyễn Văn Sơn " * 3000)]))
    path = xlsx_hostile.write_xlsx(tmp_path / "o-dai.xlsx", rows)
    with pytest.raises(ImportFileError, match=r"ô A2 chứa hơn 32\.767 ký tự"):
        read_table(path)


@crafted
def test_a_csv_past_the_column_limit_is_refused(tmp_path):
    path = tmp_path / "rong.csv"
    path.write_text("Họ và tên;" + ";".join(f"c{i}" for i in range(300)) + "\nNguyễn Văn Sơn;1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="tối đa 200 cột"):
        read_table(path)


@crafted
def test_the_reader_refuses_a_dtd(tmp_path):
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = xlsx_hostile.write_xlsx(tmp_path / "dtd.xlsx", [xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "x")])])
    source = tmp_path / "dtd-source.xlsx"
    path.rename(source)
    body = f'<?xml version="1.0"?>{bomb}<worksheet xmlns="{xlsx_hostile.MAIN}"><sheetData/></worksheet>'
    xlsx_hostile.replace_part(source, path, "xl/worksheets/sheet1.xml", [body.encode()])
    with pytest.raises(ImportFileError, match="bị hỏng"):
        read_table(path)


# -- the command line: each hostile file refused with one clear line, nothing written -------------------------


def _dtd(folder: Path, title: str) -> Path:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    first = [xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "x")])]
    source = xlsx_hostile.write_xlsx(folder / "dtd-nguon.xlsx", first, title=title)
    body = f'<?xml version="1.0"?>{bomb}<worksheet xmlns="{xlsx_hostile.MAIN}"><sheetData/></worksheet>'
    xlsx_hostile.replace_part(source, folder / "dtd.xlsx", "xl/worksheets/sheet1.xml", [body.encode()])
    return folder / "dtd.xlsx"


def _external_entity(folder: Path, title: str) -> Path:
    first = [xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "x")])]
    source = xlsx_hostile.write_xlsx(folder / "xxe-nguon.xlsx", first, title=title)
    body = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{xlsx_hostile.MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is>'
        "</c></row></sheetData></worksheet>"
    )
    xlsx_hostile.replace_part(source, folder / "xxe.xlsx", "xl/worksheets/sheet1.xml", [body.encode()])
    return folder / "xxe.xlsx"


def _truncated(folder: Path, title: str) -> Path:
    whole = xlsx_hostile.many_rows(folder / "nguyen.xlsx", 50, title=title)
    cut = folder / "cut-doi.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return cut


def _long_cell(folder: Path, title: str) -> Path:
    rows = [xlsx_hostile.row(1, [xlsx_hostile.cell("A1", "Họ và tên")])]
    rows.append(xlsx_hostile.row(2, [xlsx_hostile.cell("A2", "Nguyễn Văn Sơn " * 3000)]))
    return xlsx_hostile.write_xlsx(folder / "o-dai.xlsx", rows, title=title)


def _shared_strings_bomb(folder: Path, title: str) -> Path:
    """A workbook whose shared-strings part inflates to 12 MB (many copies of one long name)."""
    import zipfile

    source = xlsx_hostile.write_xlsx(
        folder / "chuoi-nguon.xlsx", ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], title=title
    )
    one = "<si><t>" + "Nguyễn Văn Sơn " * 60 + "</t></si>"
    count = 12 * 1024 * 1024 // len(one.encode()) + 1
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{xlsx_hostile.MAIN}" uniqueCount="{count}">'
    relation = (
        '<Relationship Id="rIdSst" Target="sharedStrings.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    )
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    target = folder / "chuoi.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", relation.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            new.writestr(info, data)
        with new.open(zipfile.ZipInfo("xl/sharedStrings.xml"), "w", force_zip64=True) as out:
            out.write(head.encode() + "<si><t>Họ và tên</t></si>".encode())
            for _ in range(count // 100 + 1):
                out.write((one * 100).encode())
            out.write(b"</sst>")
    return target


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# Each: (how it is built in a folder, for a sheet title; words the refusal must contain).
HOSTILE_FILES = {
    # 12 MB inflated against limits lowered to 8 MB below (the real 256 MB limit is held by the child-process test).
    "zip-bomb": (lambda f, t: xlsx_hostile.inflating(f / "bom.xlsx", 12, title=t), "quá lớn khi giải nén"),
    "shared-strings-bomb": (_shared_strings_bomb, "quá lớn khi giải nén"),
    "data-in-column-XFD": (lambda f, t: xlsx_hostile.far_columns(f / "xa.xlsx", 50, title=t), "tối đa 200 cột"),
    "dtd-entity-expansion": (_dtd, "bị hỏng"),
    "xxe-external-entity": (_external_entity, "bị hỏng"),
    "cell-over-32767": (_long_cell, "hơn 32.767 ký tự"),
    "truncated-zip": (_truncated, "cut-doi.xlsx"),
    "not-a-zip": (lambda f, t: _write(f / "doi-duoi.xlsx", b"Ho va ten;Ngay sinh\r\nA;1\r\n"), "doi-duoi.xlsx"),
    "empty-file": (lambda f, t: _write(f / "rong.xlsx", b""), "rong.xlsx"),
    "csv-300-columns": (
        lambda f, t: _write(f / "rong.csv", ("Họ và tên;" + ";".join(f"c{i}" for i in range(300)) + "\n").encode()),
        "tối đa 200 cột",
    ),
    "exe-renamed-csv": (lambda f, t: _write(f / "virus.csv", b"MZ\x90\x00\x03\x00\x00\x00" * 64), "virus.csv"),
}
SHEET_FOR = {"staff": "Danh sách", "history": "Xếp loại"}  # a sheet each import would read


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    built = {}
    for command, title in SHEET_FOR.items():
        folder = tmp_path_factory.mktemp(f"hostile-{command}")
        built.update({(key, command): build(folder, title) for key, (build, _words) in HOSTILE_FILES.items()})
    return built


@pytest.mark.parametrize("command", ["staff", "history"])
@pytest.mark.parametrize("key", cases({key: key for key in HOSTILE_FILES}))
def test_a_hostile_file_given_to_an_import_is_refused_and_writes_nothing(
    key, command, hostile_files, unit_store, db_path, capsys, monkeypatch
):
    from desktop.documents import xlsx_reader

    monkeypatch.setattr(xlsx_reader, "MAX_PART_BYTES", 8 * 1024 * 1024)
    monkeypatch.setattr(xlsx_reader, "MAX_SHARED_STRINGS_BYTES", 8 * 1024 * 1024)
    path = hostile_files[key, command]
    before_file = path.read_bytes()
    before = database_hash(unit_store)
    code = main(["--db", str(db_path), command, "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert_no_traceback(out, err)
    assert HOSTILE_FILES[key][1] in err, err
    assert len(err.strip().splitlines()) <= 2, err  # one clear message, not a dump
    assert "root:" not in out + err  # an external entity is never resolved
    assert database_hash(unit_store) == before
    assert path.read_bytes() == before_file


# -- hidden sheets -----------------------------------------------------------------------------------------------


@crafted
def test_staff_import_reads_the_first_visible_sheet(unit_store, tmp_path):
    book = Workbook()
    old = book.active
    assert old is not None
    old.title = "Danh sách cũ"
    old.append(["Họ và tên", "Ngày sinh"])
    old.append(["Người Đã Nghỉ", "01/01/1960"])
    old.sheet_state = "hidden"
    current = book.create_sheet("Danh sách 2025")
    current.append(["Họ và tên", "Ngày sinh"])
    current.append(["Nguyễn Văn Sơn", "12/05/1980"])
    path = tmp_path / "an.xlsx"
    book.save(path)
    preview = preview_import(unit_store, path)
    assert preview.table.sheet == "Danh sách 2025"
    assert [row.values["full_name"] for row in preview.rows] == ["Nguyễn Văn Sơn"]


@crafted
def test_history_import_skips_hidden_sheets_and_lists_them(unit_store, db_path, tmp_path, capsys):
    add_people(unit_store)
    book = Workbook()
    stale = book.active
    assert stale is not None
    stale.title = "Xếp loại (cũ)"
    stale.append(["Mã CB", "Năm", "Xếp loại"])
    stale.append(["CB00001", 2023, "KHTNV"])
    stale.sheet_state = "hidden"
    ratings = book.create_sheet("Xếp loại")
    ratings.append(["Mã CB", "Năm", "Xếp loại"])
    ratings.append(["CB00001", 2023, "HTXSNV"])
    path = tmp_path / "lich-su.xlsx"
    book.save(path)
    preview = preview_history(unit_store, path)
    assert preview.sheet("ratings").sheet == "Xếp loại"
    assert [row.what for row in preview.rows] == ["2023: HTXSNV"]
    assert preview.ignored_sheets == ["Xếp loại (cũ)"] and preview.hidden_sheets == ["Xếp loại (cũ)"]
    assert main(["--db", str(db_path), "history", "import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ignored_sheets"] == ["Xếp loại (cũ)"] and report["hidden_sheets"] == ["Xếp loại (cũ)"]
    assert unit_store.scalar("SELECT rating FROM ratings WHERE year = 2023") == "HTXSNV"


# -- merged cells ------------------------------------------------------------------------------------------------


@crafted
def test_a_department_merged_down_applies_to_every_person(unit_store, tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH CÁN BỘ"])
    sheet.merge_cells("A1:D1")  # a title across the table stays a title
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Phòng ban"])
    sheet.append([1, "Nguyễn Văn Sơn", "Chủ tịch", "Lãnh đạo UBND"])
    sheet.append([2, "Giàng Seo Phử", "Phó Chủ tịch", None])
    sheet.append([3, "Lò Thị Mỷ", "Kế toán", "Văn phòng"])
    sheet.append([4, "Vàng Thị Dính", "Văn thư", None])
    sheet.append([5, "Sùng Mí Dũng", "Công an viên", None])
    sheet.merge_cells("D3:D4")
    sheet.merge_cells("D5:D7")
    path = tmp_path / "gop.xlsx"
    book.save(path)
    preview = preview_import(unit_store, path)
    departments = {row.values["full_name"]: row.values["department"] for row in preview.rows}
    assert departments == {
        "Nguyễn Văn Sơn": "Lãnh đạo UBND",
        "Giàng Seo Phử": "Lãnh đạo UBND",
        "Lò Thị Mỷ": "Văn phòng",
        "Vàng Thị Dính": "Văn phòng",
        "Sùng Mí Dũng": "Văn phòng",
    }
    assert preview.table.headers[:2] == ["STT", "Họ và tên"]


@crafted
def test_a_year_merged_down_in_a_history_sheet(unit_store, tmp_path):
    add_people(unit_store)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại"
    sheet.append(["Năm", "Mã CB", "Xếp loại"])
    sheet.append([2023, "CB00001", "HTXSNV"])
    sheet.append([None, "CB00002", "HTTNV"])
    sheet.append([None, "CB00005", "HTNV"])
    sheet.merge_cells("A2:A4")
    path = tmp_path / "gop.xlsx"
    book.save(path)
    preview = preview_history(unit_store, path)
    assert [row.status for row in preview.rows] == ["new", "new", "new"]
    assert [row.what for row in preview.rows] == ["2023: HTXSNV", "2023: HTTNV", "2023: HTNV"]


# -- duplicate headers -------------------------------------------------------------------------------------------


@crafted
def test_two_name_columns_are_reported_not_chosen(unit_store, db_path, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Họ tên"])
    sheet.append([1, "Nguyễn Văn Sơn", "12/05/1980", "Nguyễn V. Sơn"])
    path = tmp_path / "hai-cot.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError) as caught:
        preview_import(unit_store, path)
    message = str(caught.value)
    assert "“Họ và tên” ở cột B (Họ và tên) và cột D (Họ tên)" in message
    assert main(["--db", str(db_path), "staff", "import", str(path)]) == 1
    assert "cột B (Họ và tên) và cột D (Họ tên)" in capsys.readouterr().err
    assert unit_store.scalar("SELECT count(*) FROM staff") == 0


@crafted
def test_two_year_columns_in_a_history_sheet_are_reported(unit_store, tmp_path):
    add_people(unit_store)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    sheet.append(["Mã CB", "Năm", "Danh hiệu", "Năm khen thưởng"])
    sheet.append(["CB00001", 2023, "LĐTT", 2024])
    path = tmp_path / "hai-nam.xlsx"
    book.save(path)
    preview = preview_history(unit_store, path)
    awards = preview.sheet("awards")
    assert awards.rows == []
    assert "cột B (Năm) và cột D (Năm khen thưởng)" in awards.problems[0]


# -- ethnic names as clerks write them ---------------------------------------------------------------------------

SPELLINGS = {
    "Mông": "08",
    "H'Mông": "08",
    "HMông": "08",
    "Hmong": "08",
    "H’mông": "08",
    "Dân tộc Mông": "08",
    "Khmer": "05",
    "Khơ-me": "05",
    "Khơ Me": "05",
    "Ê Đê": "12",
    "Ê-đê": "12",
    "Êđê": "12",
    "Ba-na": "13",
    "Ba Na": "13",
    "Bahnar": "13",
    "Gia Rai": "10",
    "Jrai": "10",
    "Xơ Đăng": "14",
    "Cao Lan": "15",
    "M'Nông": "20",
    "Vân Kiều": "23",
    "Kinh": "01",
    "08": "08",
    "08 - HMông": "08",
}


@pytest.mark.parametrize(("text", "code"), SPELLINGS.items())
def test_ethnic_spellings(text, code):
    assert ethnic_code_for(text) == code


def test_the_ethnic_table_is_one_table_without_clashes():
    from desktop.domain.staff import ethnic_key

    keys: dict[str, str] = {}
    for code, name in codes.ETHNIC_GROUPS.items():
        assert keys.setdefault(ethnic_key(name), code) == code, name
    for code, variants in codes.ETHNIC_VARIANTS.items():
        assert code in codes.ETHNIC_GROUPS
        for variant in variants:
            assert keys.setdefault(ethnic_key(variant), code) == code, variant
            assert ethnic_code_for(variant) == code, variant
    assert ethnic_code_for("08 - Kinh") is None and ethnic_code_for("Mèo Vạc") is None


def test_staff_import_accepts_the_spellings(unit_store, tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Dân tộc"])
    spellings = [t for t in SPELLINGS if not t[0].isdigit()]
    for index, text in enumerate(spellings):
        sheet.append([f"Người Số {chr(65 + index)}", text])
    path = tmp_path / "dan-toc.xlsx"
    book.save(path)
    preview = preview_import(unit_store, path)
    assert [row.status for row in preview.rows] == ["ok"] * len(spellings)
    assert [row.draft.ethnic_code for row in preview.rows] == [SPELLINGS[t] for t in spellings]
