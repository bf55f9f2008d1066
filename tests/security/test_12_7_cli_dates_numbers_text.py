"""Issue 12, point 7 — dates, numbers and text on the command line and in files: a clear error and an exit code,
never a traceback, and nothing written.

Crafted inputs (marked ``crafted``), each against a copy of the demo commune whose every table is hashed before and
after: numbers that are not numbers (``1e20``, ``nan``, ``inf``, 40 digits, negative years), decision dates far in
the past or the future or that do not exist, ``%`` and ``_`` in a search, arguments that are not UTF-8 (a file
name from an old FAT stick, in a real child process), and birth dates and years in staff and history files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.cli import main
from tests.security import assert_no_traceback, assert_vietnamese, cases, database_hash

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "tdkt.sqlite3"
    assert main(["--db", str(path), "demo", "--today", "2025-12-04"]) == 0
    return path


@pytest.fixture
def demo_db(_demo_template, tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    shutil.copyfile(_demo_template, path)
    return path


def _run(capsys, db, *args):
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as exc:  # argparse refuses a bad value with exit 2
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _decisions(db) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    finally:
        conn.close()


SERIES = ("decision", "series", "--key", "QĐ-UBND", "--year", "2025")
CRITERION = ("movement", "criterion", "1", "--name", "X")
BAD_NUMBERS = {
    "year-negative": (("evaluate", "--year", "-2025"), "ngoài khoảng 1900–2100"),
    "year-99999": (("evaluate", "--year", "99999"), "ngoài khoảng 1900–2100"),
    "year-2e3": (("evaluate", "--year", "2e3"), "không phải năm"),
    "year-nan": (("evaluate", "--year", "nan"), "không phải năm"),
    "year-empty": (("evaluate", "--year", ""), "không phải năm"),
    "year-1899": (("evaluate", "--year", "1899"), "ngoài khoảng 1900–2100"),
    "next-1e20": ((*SERIES, "--next", "1e20", "--reason", "x"), "không phải số nguyên"),
    "next-40-digits": ((*SERIES, "--next", "1" + "0" * 40, "--reason", "x"), "không hợp lệ"),
    "next-nan": ((*SERIES, "--next", "nan", "--reason", "x"), "không phải số nguyên"),
    "review-id-negative": (("review", "show", "-5"), "Lỗi dòng lệnh"),
    # (these three once read "criterion add 1": refused for "add", never reaching --max; now the command as it is)
    "criterion-max-nan": ((*CRITERION, "--max", "nan"), "tham số --max: số “nan” không hợp lệ"),
    "criterion-max-inf": ((*CRITERION, "--max", "inf"), "tham số --max: số “inf” không hợp lệ"),
    "criterion-max-1e400": ((*CRITERION, "--max", "1e400"), "tham số --max: số “1e400” không hợp lệ"),
    "criterion-weight-nan": ((*CRITERION, "--max", "5", "--weight", "nan"), "tham số --weight: số “nan” không hợp lệ"),
    "printer-offset-inf": (
        ("certificates", "printer", "set", "Epson", "--offset-x", "inf", "--offset-y", "0"),
        "tham số --offset-x: số “inf” không hợp lệ",
    ),
    "package-year-99999": (
        ("package", "export", "--kind", "yearly_report", "--year", "99999", "--out", "p.tdkt"),
        "1900–2100",
    ),
}


@pytest.mark.parametrize(("args", "message"), cases(BAD_NUMBERS))
def test_bad_numbers_and_years_are_refused_with_exit_2(capsys, demo_db, args, message):
    before = database_hash(demo_db)
    code, out, err = _run(capsys, demo_db, *args)
    assert code == 2, err
    assert message in err
    assert_no_traceback(out, err)
    assert_vietnamese(err)
    assert database_hash(demo_db) == before


DECISION = ["decision", "issue", "--round", "4", "--signer-title", "Chủ tịch", "--signer-name", "A",
            "--subject", "Về việc khen thưởng", "--achievement", ""]  # fmt: skip
BAD_DATES = {
    "year-one": ("0001-01-01", 1, "01/01/2018"),
    "before-first-base-salary": ("1990-06-01", 1, "01/01/2018"),
    "far-future": ("2999-01-01", 1, "quá xa trong tương lai"),
    "max-date": ("9999-12-31", 1, "quá xa trong tương lai"),
    "february-30": ("2025-02-30", 1, "không hợp lệ; hãy ghi dạng YYYY-MM-DD"),
    "not-a-date": ("hôm qua", 1, "không hợp lệ; hãy ghi dạng YYYY-MM-DD"),
}


@pytest.mark.parametrize(("day", "exit_code", "words"), cases(BAD_DATES))
def test_a_decision_date_that_is_not_sane_is_refused(capsys, demo_db, day, exit_code, words):
    _run(capsys, demo_db, "review", "create", "--year", "2025")
    before, hashed = _decisions(demo_db), database_hash(demo_db)
    code, out, err = _run(capsys, demo_db, *DECISION, "--date", day)
    assert code == exit_code and words in err, (code, err)
    assert_no_traceback(out, err)
    assert _decisions(demo_db) == before and database_hash(demo_db) == hashed


@pytest.mark.parametrize("pattern", cases({"percent": "%", "underscore": "_", "both": "%_", "escape": "\\%"}))
def test_search_for_like_wildcards_is_literal(capsys, demo_db, pattern):
    code, out, err = _run(capsys, demo_db, "staff", "list", "--search", pattern, "--json")
    assert code == 0 and '"count": 0' in out, out[:300]
    assert_no_traceback(err)
    code, out, _err = _run(capsys, demo_db, "staff", "list", "--search", "yen", "--json")
    assert code == 0 and '"count": 0' not in out  # an ordinary search still finds people


NOT_UTF8 = b"ho-so-\xff\xfe.tdkt"
RENDER = [b"documents", b"render", b"--kind", b"decision"]
BYTE_ARGS = {
    "package-verify-file-name": [b"package", b"verify", NOT_UTF8],
    "staff-search": [b"staff", b"list", b"--search", b"\xc3\x28"],
    "history-import-file-name": [b"history", b"import", NOT_UTF8],
    "backup-restore-file-name": [b"backup", b"restore", NOT_UTF8],
    "documents-decision-number": [*RENDER, b"--decision", b"\xff", b"--out", b"x.pdf"],
    "movement-show-id": [b"movement", b"show", b"\xff"],
    "staff-import-latin1-name": [b"staff", b"import", b"can-bo-Ph\xfa-Th\xf4.xlsx"],
}


@pytest.mark.parametrize("args", cases(BYTE_ARGS))
def test_an_argument_that_is_not_utf8_is_a_clear_error_not_a_traceback(demo_db, tmp_path, args):
    """A file name in bytes from an old FAT stick: the process exits 2 with a message."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = database_hash(demo_db)
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"desktop", b"--db", str(demo_db).encode(), *args],
        env=env,
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, (args, err)
    assert "không đọc được" in err
    assert_no_traceback(err)
    assert database_hash(demo_db) == before


# -- dates and years in files: a row error naming the field, nothing written ---------------------------------------

BIRTH_DATES = {
    "year-1800": "01/01/1800",
    "year-2999": "31/12/2999",
    "february-29-2023": "29/02/2023",
    "day-zero": "00/00/0000",
    "huge-number": 1e20,
    "negative-number": -5,
    "nan-text": "nan",
    "text-2-digit-year": "12/05/80a",
}


@pytest.mark.parametrize("value", cases(BIRTH_DATES))
def test_a_birth_date_that_is_not_sane_is_a_row_error(value, unit_store, db_path, tmp_path, capsys):
    book = Workbook()
    book.active.append(["Họ và tên", "Ngày sinh"])
    book.active.append(["Nguyễn Văn Sơn", value])
    path = tmp_path / "can-bo.xlsx"
    book.save(path)
    before = database_hash(unit_store)
    code = main(["--db", str(db_path), "staff", "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_no_traceback(out, err)
    assert "dòng 2: Ngày sinh:" in err, err
    assert database_hash(unit_store) == before


YEARS = {"1899": 1899, "2101": 2101, "negative": -2025, "huge": 1e20, "nan": "nan", "fraction": 2023.5, "text": "x"}


@pytest.mark.parametrize("value", cases(YEARS))
def test_a_year_that_is_not_sane_in_a_history_file_is_a_row_error(value, unit_store, db_path, tmp_path, capsys):
    from tests.history_factory import add_people

    add_people(unit_store)
    book = Workbook()
    book.active.title = "Xếp loại"
    book.active.append(["Mã CB", "Năm", "Xếp loại"])
    book.active.append(["CB00001", value, "HTXSNV"])
    path = tmp_path / "lich-su.xlsx"
    book.save(path)
    before = database_hash(unit_store)
    code = main(["--db", str(db_path), "history", "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_no_traceback(out, err)
    assert "dòng 2: Năm:" in err, err
    assert database_hash(unit_store) == before


WORK_DATES = {
    "start-year-0001": ("Ngày bắt đầu công tác", "01/01/0001"),
    "start-year-0099": ("Ngày bắt đầu công tác", "15/06/0099"),
    "start-year-1800": ("Ngày bắt đầu công tác", "01/01/1800"),
    "start-iso-0001": ("Ngày bắt đầu công tác", "0001-01-01"),
    "end-year-9999": ("Ngày thôi công tác", "31/12/9999"),
    "end-year-2500": ("Ngày thôi công tác", "2500-01-01"),
}


@pytest.mark.parametrize(("column", "value"), cases(WORK_DATES))
def test_a_work_date_outside_1900_2100_is_a_row_error_not_another_date(
    column, value, unit_store, db_path, tmp_path, capsys
):
    """A 4-digit year is never read as a 2-digit one ("0001" is not 2001), and no date outside 1900–2100 is kept."""
    book = Workbook()
    book.active.append(["Họ và tên", "Ngày sinh", column])
    book.active.append(["Nguyễn Văn Sơn", "12/05/1980", value])
    path = tmp_path / "can-bo.xlsx"
    book.save(path)
    before = database_hash(unit_store)
    code = main(["--db", str(db_path), "staff", "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_no_traceback(out, err)
    assert f"dòng 2: {column}:" in err, err
    assert database_hash(unit_store) == before


@pytest.mark.parametrize(
    ("field", "day"),
    cases({"form-start-0001": ("start_date", "0001-01-01"), "form-end-9999": ("end_date", "9999-12-31")}),
)
def test_the_staff_form_refuses_a_work_date_outside_1900_2100(field, day, unit_store):
    from datetime import date

    from desktop.domain.staff import StaffDraft
    from desktop.ops.staff import StaffValidationError, add_staff

    before = database_hash(unit_store)
    draft = StaffDraft(full_name="Nguyễn Văn Sơn", **{field: date.fromisoformat(day)})
    with pytest.raises(StaffValidationError) as refused:
        add_staff(unit_store, draft=draft)
    assert set(refused.value.problems) == {field} and "1900" in refused.value.problems[field]
    assert database_hash(unit_store) == before


CALIBRATION_SIZES = {"width-0": "0", "width-negative": "-5", "width-1e9": "1e9", "width-nan": "nan", "width-inf": "inf"}


@pytest.mark.parametrize("width", cases(CALIBRATION_SIZES))
def test_a_calibration_page_of_an_absurd_size_is_refused(width, capsys, demo_db, tmp_path):
    """A page 1e9 mm wide once drew rulers mm by mm for ever; 0 mm wrote an empty PDF."""
    before = database_hash(demo_db)
    target = tmp_path / "can-chinh.pdf"
    code, out, err = _run(
        capsys, demo_db, "certificates", "calibration-page", "--out", str(target), "--width-mm", width
    )
    assert code in (1, 2) and ("từ 50 đến 600 mm" in err or "Lỗi dòng lệnh" in err), (code, err)
    assert_no_traceback(out, err)
    assert_vietnamese(err)
    assert not target.exists()
    assert database_hash(demo_db) == before


# -- text that becomes a file name (one certificate per person, a rule file, a document) ----------------------------

FILE_NAME_TEXTS = {
    "parent-folders": "../../../Windows/System32/evil",
    "absolute-windows": "C:\\Windows\\win.ini",
    "absolute-posix": "/etc/passwd",
    "device-name": "CON",
    "device-with-suffix": "com1.pdf",
    "rlo-disguised-exe": "Nguyễn Văn Sơn\u202efdp.exe",
    "control-characters": "Lò\x00Thị\x1bMỷ\x85",
    "only-dots": "....",
    "very-long": "Nguyễn Văn Sơn " * 60,
    "trailing-dot-space": "Giàng Seo Phử. . ",
}


@pytest.mark.parametrize("text", cases(FILE_NAME_TEXTS))
def test_text_that_becomes_a_file_name_stays_one_harmless_name_in_its_folder(text, tmp_path):
    from desktop.files.names import MAX_PATH_CHARS, fit_path, is_reserved

    path = fit_path(tmp_path, text, ".pdf")
    assert path.parent == tmp_path and path.suffix == ".pdf"
    name = path.name
    assert not any(ch in name for ch in '<>:"/\\|?*') and name.isprintable(), repr(name)
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in name), repr(name)
    assert not is_reserved(name) and not name.startswith(".") and len(str(path)) <= MAX_PATH_CHARS
    path.write_bytes(b"%PDF-")  # a real file of that name can be made, inside the folder
    assert [p.name for p in tmp_path.iterdir()] == [name]
