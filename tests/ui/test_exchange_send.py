"""Sending a package from page "Trao đổi dữ liệu": the page opens on a package that can be made, shows what goes
in before "Tạo gói", refuses before the file dialog, encrypts to the trusted province key by default, and shows
dates as dd/mm/yyyy HH:MM. Real databases, real package files; only file dialogs and message boxes are patched."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.demo_date import DEMO_TODAY
from tests.exchange import link, make_province, make_unit

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
SHOWN = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text) or 0)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: 0)
    return shown


@pytest.fixture
def asked(monkeypatch, tmp_path):
    """The save dialog answers tmp_path/<n>.tdkt and records that it was shown."""
    shown: list[str] = []

    def save(_parent, title, *args, **kwargs):
        shown.append(title)
        return str(tmp_path / f"goi-{len(shown)}.tdkt"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return shown


@pytest.fixture
def unit(tmp_path, qapp):
    from desktop.ops.demo import fill_demo

    store = make_unit(tmp_path)
    fill_demo(store, today=DEMO_TODAY)
    yield store
    store.close()


def make_page(qtbot, store):
    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    page = ExchangePage(AppContext(store, actor="xa"))
    page.resize(1366, 768)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _wait(qtbot, job):
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.error is None, job.error


def test_the_default_package_can_be_made_by_one_click(unit, qtbot, errors, asked, tmp_path):
    page = make_page(qtbot, unit)
    send = page.send
    assert send.preview is not None and send.preview["count"] > 0
    assert send.export_button.isEnabled()
    qtbot.mouseClick(send.export_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, send.job)
    assert asked and (tmp_path / "goi-1.tdkt").is_file()
    assert not errors
    assert "Đã tạo gói" in send.result.text()


def test_a_package_that_cannot_be_made_is_refused_before_the_file_dialog(unit, qtbot, errors, asked):
    page = make_page(qtbot, unit)
    send = page.send
    send.kind.setCurrentIndex(send.kind.findData("nomination_dossier"))
    send.year.setValue(2030)  # no dossier that year
    assert send.preview is None
    assert "chưa có đề nghị nào đã lập hồ sơ" in send.preview_label.text()
    assert not send.export_button.isEnabled()
    assert send.choose_and_export() is None
    assert asked == [] and errors and "chưa có đề nghị nào" in errors[-1]
    assert unit.scalar("SELECT count(*) FROM packages") == 0


def test_what_goes_into_the_package_is_shown_and_follows_kind_and_year(unit, qtbot, errors):
    page = make_page(qtbot, unit)
    send = page.send
    years = [r["year"] for r in unit.query("SELECT DISTINCT year FROM awards ORDER BY year")]
    first, last = years[0], years[-1]
    send.kind.setCurrentIndex(send.kind.findData("award_register"))
    send.year.setValue(last)
    count = unit.scalar("SELECT count(*) FROM awards WHERE year = ?", (last,))
    assert send.preview["count"] == count > 0
    assert f"{count} bản ghi" in send.preview_label.text() and str(last) in send.preview_label.text()
    names = [send.preview_list.item(i).text() for i in range(send.preview_list.count())]
    someone = unit.scalar(
        "SELECT s.full_name FROM awards a JOIN staff s ON s.id = a.staff_id WHERE a.year = ? LIMIT 1", (last,)
    )
    assert len(names) == count and any(n.startswith(someone) for n in names)
    assert all(" — " in n for n in names)  # who — which title, in words
    send.year.setValue(first)
    assert send.preview["count"] == unit.scalar("SELECT count(*) FROM awards WHERE year = ?", (first,))
    send.kind.setCurrentIndex(send.kind.findData("yearly_report"))
    assert send.preview["count"] == 1 and "Báo cáo năm" in send.preview_list.item(0).text()


def test_encrypted_to_the_province_by_default_once_its_key_is_trusted(unit, qtbot, tmp_path, errors, asked):
    from desktop.ops import exchange as ops

    page = make_page(qtbot, unit)
    send = page.send
    assert not send.encrypt_check.isChecked() and not send.encrypt_check.isEnabled()
    assert "Chưa tin cậy khóa của tỉnh" in send.encrypt_note.text()
    province = make_province(tmp_path)
    try:
        link(unit, province, tmp_path)
        page.context.data_changed.emit("trusted_keys")
        fingerprint = ops.show_keys(province)["fingerprint"]
        assert send.encrypt_check.isChecked() and send.encrypt_to == fingerprint
        assert "có mã hóa" in send.preview_label.text()
        qtbot.mouseClick(send.export_button, Qt.MouseButton.LeftButton)
        _wait(qtbot, send.job)
        assert unit.scalar("SELECT encrypted FROM packages ORDER BY id DESC LIMIT 1") == 1
        # the clerk unticks it: it stays unticked after the page refreshes
        qtbot.mouseClick(send.encrypt_check, Qt.MouseButton.LeftButton)
        assert not send.encrypt_check.isChecked() and send.encrypt_to is None
        page.context.data_changed.emit("trusted_keys")
        assert not send.encrypt_check.isChecked() and "không mã hóa" in send.preview_label.text()
    finally:
        province.close()


def test_history_and_keys_show_dates_as_the_clerk_writes_them(unit, qtbot, tmp_path, errors, asked):
    from desktop.ui.exchange.page import when

    assert when("2026-12-04T15:03:00") == "04/12/2026 15:03"
    assert when("2026-12-04 15:03") == "04/12/2026 15:03"
    assert when("2026-12-04") == "04/12/2026 00:00" and when(None) == ""
    page = make_page(qtbot, unit)
    province = make_province(tmp_path)
    try:
        link(unit, province, tmp_path)
        page.context.data_changed.emit("trusted_keys")
        qtbot.mouseClick(page.send.export_button, Qt.MouseButton.LeftButton)
        _wait(qtbot, page.send.job)
    finally:
        province.close()
    table = page.history.table
    assert table.rowCount() == 1
    texts = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())]
    assert SHOWN.match(table.item(0, 0).text())
    assert not any(ISO.search(t) for t in texts), texts
    keys = page.keys.trusted
    assert SHOWN.match(keys.item(0, 4).text())
