"""Property tests of the spreadsheet importers: whatever a clerk's file holds, the preview never crashes (only the
documented ``ImportFileError``), and writing is all or nothing.

Files are real .xlsx workbooks built with openpyxl: random header order (known headers, unknown ones, some
missing), random cells (Vietnamese text in NFC, NFD, TCVN3 and VNI; numbers; dates and datetimes; booleans;
empty cells; very long text; formula-like text), and rows biased toward valid people so that some rows are good.
Writing is checked twice per example: cancelled at a random row (nothing at all may change, not even the audit
log) and then completed (every good row is written).
"""

from __future__ import annotations

import itertools
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop.domain.legacy_encoding import TCVN3, VNI, from_unicode
from desktop.ops import history_import, staff_import
from desktop.ops.staff_import import ImportCancelled, ImportFileError
from desktop.store import open_store
from tests.faults import counts, people

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_serial = itertools.count()

NAMES = ["Nguyễn Văn Sơn", "Đặng Thị Ngọc Ánh", "Giàng Seo Phử", "Lê Thị Hường", "Trương Quốc Hưng", "Vàng Mí Dở"]
WORDS = [
    "Nam", "Nữ", "Kinh", "Tày", "HMông", "x", "có", "Chủ tịch", "Văn phòng - Thống kê", "Công chức", "HTXSNV",
    "Hoàn thành tốt nhiệm vụ", "LĐTT", "CSTĐCS", "Giấy khen", "Khiển trách", "Thai sản", "Cấp cơ sở",
    "12/05/1980", "31/02/2024", "2023", "Năm 2024", "1/1/1900", "CB00001", "CB00003", "CB09999",
]  # fmt: skip
FORMULA_LIKE = ["=SUM(A1:A3)", "=1/0", "+84 912 345 678", "-", "@ten", '=HYPERLINK("x")', "'0123"]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("ăâđêôơưáàảãạếềểễệ"),
    max_size=25,
)


def _encode(text: str, how: str) -> str:
    if how == "nfd":
        return unicodedata.normalize("NFD", text)
    if how in (TCVN3, VNI):
        return from_unicode(text, how)
    return text


vietnamese = st.builds(_encode, st.sampled_from(NAMES + WORDS), st.sampled_from(["nfc", "nfd", TCVN3, VNI]))
cells = st.one_of(
    st.none(),
    vietnamese,
    TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
    st.booleans(),
    st.integers(min_value=300, max_value=5000).map(lambda n: "Nguyễn Văn " + "Sơn" * (n // 3)),
    st.sampled_from(FORMULA_LIKE),
)


def _book(path: Path, sheets: list[tuple[str, list[str], list[list[object]]]]) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _table(
    draw, headers: list[str], likely: dict[str, st.SearchStrategy], required: list[str]
) -> tuple[list[str], list[list]]:
    """Headers in random order (the required ones most of the time); rows either clean or random junk."""
    optional = [h for h in headers if h not in required]
    extra = draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
    keep = (
        required if not required or draw(st.integers(0, 9)) else draw(st.lists(st.sampled_from(required), unique=True))
    )
    chosen = draw(st.permutations([*keep, *extra])) or [headers[0]]
    rows = []
    for _index in range(draw(st.integers(min_value=0, max_value=8))):
        clean = draw(st.booleans())
        row = []
        for header in chosen:
            strategy = likely.get(header)
            if clean:
                row.append(draw(strategy) if strategy is not None else None)
            else:
                row.append(draw(st.one_of(strategy, cells) if strategy is not None else cells))
        rows.append(row)
    return list(chosen), rows


# -- staff ---------------------------------------------------------------------------------------------------

STAFF_HEADERS = [
    "STT", "Họ và tên", "Mã cán bộ", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Lãnh đạo", "Phòng ban",
    "Loại cán bộ", "Ngày bắt đầu công tác", "Ngày nghỉ việc", "Ghi chú", "Cột không rõ",
]  # fmt: skip


@st.composite
def staff_files(draw) -> tuple[list[str], list[list]]:
    likely = {
        "Họ và tên": st.sampled_from(people(1000)),  # the database is shared by the examples: few duplicates
        "Ngày sinh": st.dates(min_value=date(1960, 1, 1), max_value=date(2004, 12, 31)),
        "Giới tính": st.sampled_from(["Nam", "Nữ"]),
        "Dân tộc": st.sampled_from(["Kinh", "Tày", "HMông", "Dao"]),
        "Chức vụ": st.sampled_from(["Chủ tịch", "Công chức văn phòng", "Kế toán"]),
        "STT": st.integers(min_value=1, max_value=99),
    }
    return _table(draw, STAFF_HEADERS, likely, ["Họ và tên"])


@pytest.fixture
def unit_db(db_path):
    from desktop.ops.setup import init_unit

    with open_store(db_path) as store:
        init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    return db_path


@SETTINGS
@given(table=staff_files(), cancel_at=st.integers(min_value=1, max_value=10))
def test_staff_import_never_crashes_and_writes_all_or_nothing(unit_db, tmp_path, table, cancel_at):
    headers, rows = table
    path = _book(tmp_path / f"staff-{next(_serial)}.xlsx", [("Danh sách", headers, rows)])
    with open_store(unit_db) as store:
        try:
            preview = staff_import.preview_import(store, path)
        except ImportFileError as exc:
            assert str(exc)  # a documented refusal, with a message
            event("refused")
            return
        good = len(preview.good_rows())
        event("some good rows" if good else "no good rows")
        before = counts(unit_db)
        if good == 0:
            assert staff_import.apply_import(store, preview) == 0
            assert counts(unit_db) == before
            return
        calls = itertools.count(1)
        with pytest.raises(ImportCancelled):
            staff_import.apply_import(store, preview, should_cancel=lambda: next(calls) >= min(cancel_at, good))
        assert counts(unit_db) == before  # cancelled part-way: nothing, not even audit rows
        assert staff_import.apply_import(store, preview) == good
        after = counts(unit_db)
        assert after["staff"] == before["staff"] + good
        assert store.scalar("PRAGMA integrity_check") == "ok"


# -- history -------------------------------------------------------------------------------------------------

PERSON = ["Mã CB", "Họ và tên", "Ngày sinh"]
HISTORY_SHEETS = {
    "Xếp loại": [*PERSON, "Năm", "Xếp loại", "Ghi chú", "2023", "Năm 2024"],
    "Sáng kiến": [*PERSON, "Tên sáng kiến", "Cấp công nhận", "Ngày công nhận", "Số quyết định"],
    "Kỷ luật": [*PERSON, "Hình thức", "Từ ngày", "Đến ngày", "Lý do", "Đang xem xét"],
    "Nghỉ dài ngày": [*PERSON, "Loại nghỉ", "Từ ngày", "Đến ngày"],
    "Khen thưởng": [*PERSON, "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Tập thể"],
    "Ghi chep khac": ["A", "B"],
}
HISTORY_REQUIRED = {
    "Xếp loại": ["Mã CB", "Năm", "Xếp loại"],
    "Sáng kiến": ["Mã CB", "Tên sáng kiến"],
    "Kỷ luật": ["Mã CB", "Hình thức"],
    "Nghỉ dài ngày": ["Mã CB", "Loại nghỉ", "Từ ngày", "Đến ngày"],
    "Khen thưởng": ["Mã CB", "Năm", "Danh hiệu"],
}
HISTORY_TABLES = ("ratings", "initiatives", "discipline", "leave_periods", "awards")


@st.composite
def history_files(draw) -> list[tuple[str, list[str], list[list]]]:
    from tests.history_factory import PEOPLE

    likely = {
        "Mã CB": st.sampled_from([code for code, *_rest in PEOPLE]),
        "Năm": st.integers(min_value=2015, max_value=2025),
        "Xếp loại": st.sampled_from(["HTXSNV", "HTTNV", "HTNV", "Hoàn thành tốt nhiệm vụ", "Xuất sắc lắm"]),
        "Danh hiệu": st.sampled_from(["LĐTT", "CSTĐCS", "Giấy khen", "TTLĐTT", "Huân chương"]),
        "Hình thức": st.sampled_from(["Khiển trách", "Cảnh cáo", "Đuổi việc"]),
        "Loại nghỉ": st.sampled_from(["Thai sản", "Ốm dài ngày", "Đi học"]),
        "Từ ngày": st.dates(min_value=date(2015, 1, 1), max_value=date(2020, 6, 30)),
        "Đến ngày": st.dates(min_value=date(2020, 7, 1), max_value=date(2025, 12, 31)),
        "Tên sáng kiến": st.sampled_from(["Số hóa hồ sơ một cửa", "Sổ tay dân vận khéo"]),
        "Cấp công nhận": st.sampled_from(["Cấp cơ sở", "tỉnh"]),
        "2023": st.sampled_from(["HTXSNV", "HTTNV", None]),
    }
    names = draw(st.lists(st.sampled_from(sorted(HISTORY_SHEETS)), min_size=1, max_size=3, unique=True))
    sheets = []
    for name in names:
        headers, rows = _table(draw, HISTORY_SHEETS[name], likely, HISTORY_REQUIRED.get(name, []))
        title = draw(st.sampled_from([name, unicodedata.normalize("NFD", name), name.upper()]))
        sheets.append((title[:31], headers, rows))
    return sheets


@pytest.fixture
def people_db(unit_db):
    from tests.history_factory import add_people

    with open_store(unit_db) as store:
        add_people(store)
    return unit_db


@SETTINGS
@given(sheets=history_files(), cancel_at=st.integers(min_value=1, max_value=10))
def test_history_import_never_crashes_and_writes_all_or_nothing(people_db, tmp_path, sheets, cancel_at):
    path = _book(tmp_path / f"history-{next(_serial)}.xlsx", sheets)
    with open_store(people_db) as store:
        try:
            preview = history_import.preview_history(store, path)
        except ImportFileError as exc:
            assert str(exc)
            event("refused")
            return
        good = len(preview.good_rows())
        event("some good rows" if good else "no good rows")
        before = counts(people_db)
        if good == 0:
            assert history_import.apply_history(store, preview) == {"inserted": 0, "updated": 0}
            assert counts(people_db) == before
            return
        calls = itertools.count(1)
        with pytest.raises(ImportCancelled):
            history_import.apply_history(store, preview, should_cancel=lambda: next(calls) >= min(cancel_at, good))
        assert counts(people_db) == before
        written = history_import.apply_history(store, preview)
        assert written["inserted"] + written["updated"] == good
        after = counts(people_db)
        added = sum(after[t] - before[t] for t in HISTORY_TABLES)
        assert 0 < added <= written["inserted"] or (added == 0 and written["inserted"] == 0)
        assert after["audit_log"] > before["audit_log"]
        assert store.scalar("PRAGMA integrity_check") == "ok"
