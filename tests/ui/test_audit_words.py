"""The audit log page speaks Vietnamese: no table, column or operation name of the database on screen."""

from __future__ import annotations

import re

import pytest

from desktop.ops.demo import fill_demo
from desktop.store.audit import record_event
from desktop.ui.pages.audit_page import COL_SUMMARY, AuditPage
from tests.demo_date import DEMO_TODAY

RAW_ID = re.compile(r"[a-z]+_[a-z_]+")
OPERATION_CODE = re.compile(r"\b[a-z]+\.[a-z_]+\b")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def demo_page(app_context, qtbot):
    store = app_context.store
    fill_demo(store, today=DEMO_TODAY)
    with store.acting_as("system"), store.transaction(operation="mystery.operation"):
        record_event(store, table="mystery_table", after={"odd_field": "some_code", "backup_created_at": "2025-06-01"})
    page = AuditPage(app_context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    while page.model.canFetchMore():
        page.model.fetchMore()
    return page


def _raw_names(store) -> set[str]:
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    names = set(tables)
    for table in tables:
        names |= {r["name"] for r in store.query(f"PRAGMA table_info('{table}')")}
    return names | {"insert", "update", "delete", "event", "system"}


def _visible_rows(page) -> list[list[str]]:
    model = page.model
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]


def _detail_cells(page) -> list[list[str]]:
    return [
        [page.detail.item(r, c).text() for c in range(page.detail.columnCount())] for r in range(page.detail.rowCount())
    ]


def test_list_shows_no_internal_names(demo_page, app_context):
    page = demo_page
    raw = _raw_names(app_context.store)
    rows = _visible_rows(page)
    assert len(rows) > 1000
    for cells in rows:
        for text in cells:
            assert not RAW_ID.search(text), text
            assert not OPERATION_CODE.search(text), text
            assert not ISO_DATE.search(text), text
        for text in cells[:COL_SUMMARY]:  # summaries carry the clerk's own words; the columns only labels
            assert text not in raw, text
    operations = {cells[4] for cells in rows}
    assert {"Ban hành quyết định", "Lập đợt bình xét", "Tạo dữ liệu mẫu", "Thiết lập đơn vị"} <= operations
    assert "Thao tác khác của chương trình" in operations
    assert "Loại bản ghi khác" in {cells[2] for cells in rows}
    assert "Chương trình (tự động)" in {cells[1] for cells in rows}


def test_every_kind_of_record_in_detail_is_vietnamese(demo_page, app_context):
    page = demo_page
    raw = _raw_names(app_context.store)
    seen: set[tuple[str, str]] = set()
    opened = 0
    for row, record in enumerate(page.model.rows):
        kind = (record["table_name"], record["action"])
        if kind in seen:
            continue
        seen.add(kind)
        page.view.selectRow(row)
        opened += 1
        title = page.detail_title.text()
        assert not RAW_ID.search(title) and not OPERATION_CODE.search(title), title
        for label, before, after in _detail_cells(page):
            assert label not in raw and not RAW_ID.search(label), label
            for value in (before, after):
                assert not RAW_ID.search(value), (label, value)
                assert not ISO_DATE.search(value), (label, value)
    assert opened >= 30


def test_keys_dates_and_codes_shown_as_words(demo_page):
    page = demo_page

    def detail_of(table, action):
        row = next(i for i, r in enumerate(page.model.rows) if (r["table_name"], r["action"]) == (table, action))
        page.view.selectRow(row)
        return {label: after for label, _before, after in _detail_cells(page)}

    keys = detail_of("unit_keys", "insert")
    assert keys["Khóa ký bí mật"] == "[đã ẩn]" and "Mã định danh bản ghi" in keys
    unit = detail_of("unit", "insert")
    assert unit["Loại đơn vị"] == "Ủy ban nhân dân xã, phường, đặc khu"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", unit["Thời điểm tạo"])
    staff = detail_of("staff", "insert")
    assert staff["Loại cán bộ"] in {"Cán bộ", "Công chức", "Hợp đồng"}
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", staff["Ngày sinh"])
    nomination = detail_of("nominations", "insert")
    unchecked = next(
        i
        for i, r in enumerate(page.model.rows)
        if r["table_name"] == "nominations" and "chưa xác nhận" in (r["after"] or "")
    )
    page.view.selectRow(unchecked)
    reasons = next(r for r in range(page.detail.rowCount()) if page.detail.item(r, 0).text() == "Căn cứ xét")
    assert "(chưa xác nhận)" in page.detail.item(reasons, 2).text()
    assert "chưa đối chiếu được với văn bản gốc" in page.detail.item(reasons, 2).toolTip()
    assert nomination["Đối tượng"] in {"Cá nhân", "Tập thể"}
    assert nomination["Kết quả xét tự động"] in {"Đủ điều kiện", "Cần bỏ phiếu"}
    mystery = detail_of("mystery_table", "event")
    assert mystery == {"Thông tin khác": "(giá trị nội bộ)", "Thời điểm sao lưu": "01/06/2025"}
    assert page.detail_title.text().endswith("— Thao tác khác của chương trình")
    award = detail_of("awards", "insert")
    assert award["Danh hiệu, hình thức"] in set(page.model.names.values())  # the name, not the code


def test_every_operation_the_program_records_has_a_vietnamese_label():
    """Each ``operation="…"`` the code writes into the log has its own label: deleting a review round, refreshing
    its proposals, turning optional papers on and the movement review of the command line showed "Thao tác khác
    của chương trình", so the log did not say what was done. Names built at run time (``movement.{kind}``,
    ``staff.delete_{table}``, ``migration.v{number}``) are checked through their known values."""
    from pathlib import Path

    from desktop.ops.movements.reviews import REVIEW_KINDS
    from desktop.ui.pages.audit_labels import UNKNOWN_OPERATION, operation_label

    source = Path(__file__).resolve().parents[2] / "desktop"
    written = set()
    for path in source.rglob("*.py"):
        written.update(re.findall(r'operation=f?"([^"]+)"', path.read_text(encoding="utf-8")))
    names = {name for name in written if "{" not in name}
    names |= {f"movement.{kind}" for kind in REVIEW_KINDS} | {"staff.delete_ratings", "migration.v13"}
    assert len(names) > 60
    unlabelled = sorted(name for name in names if operation_label(name) == operation_label("mystery.operation"))
    assert unlabelled == []
    assert operation_label("mystery.operation") == UNKNOWN_OPERATION
