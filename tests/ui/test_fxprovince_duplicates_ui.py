"""The province's window shows a nomination a unit sent twice before the clerk chooses whom to decide on: the
folder import's message, the year's totals, the nominations list's "Lưu ý" column naming the other package, and the
decision dialog."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.exchange.exporter import export_package
from tests.exchange import YEAR, link, make_province, make_unit, seed_dossier
from tests.test_fxprovince_duplicates import _copy_nomination


@pytest.fixture
def pair(tmp_path, qapp):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    yield unit, prov
    unit.close()
    prov.close()


def _page(qtbot, store):
    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    page = ExchangePage(AppContext(store, actor="tinh"))
    page.resize(1366, 768)
    qtbot.addWidget(page)
    return page


def _wait(qtbot, job):
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)


def test_the_province_sees_a_nomination_sent_twice_before_deciding(pair, tmp_path, qtbot, monkeypatch):
    from desktop.ui.exchange.province_decisions import DecideDialog

    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: pytest.fail("no error expected"))
    unit, prov = pair
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    first = seed_dossier(unit)[0]
    export_package(unit, kind="nomination_dossier", year=YEAR, out=folder / "a-ho-so.tdkt", with_attachments=False)
    time.sleep(1.1)
    again = _copy_nomination(unit, first)
    export_package(unit, kind="nomination_dossier", year=YEAR, out=folder / "b-bo-sung.tdkt", with_attachments=False)

    tab = _page(qtbot, prov).province
    tab.year.setValue(YEAR)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    _wait(qtbot, tab.choose_folder())
    notes = {tab.summary.item(r, 0).text(): tab.summary.item(r, 5).text() for r in range(tab.summary.rowCount())}
    assert "trùng" not in notes["a-ho-so.tdkt"] and "a-ho-so.tdkt" in notes["b-bo-sung.tdkt"]
    assert "1 gói mang đề nghị trùng" in tab.folder_message.text()
    qtbot.waitUntil(lambda: tab.job is None and tab.nominations.table.rowCount() == 4, timeout=30000)
    assert "2 đề nghị trùng" in tab.totals.text()

    box = tab.nominations
    marks = {row["uuid"]: box.table.item(r, 4) for r, row in enumerate(box.rows)}
    assert marks[first].text() == "Trùng với đề nghị trong gói b-bo-sung.tdkt"
    assert marks[again].text() == "Trùng với đề nghị trong gói a-ho-so.tdkt"
    assert "chỉ chọn một đề nghị" in marks[first].toolTip()
    assert sum(1 for item in marks.values() if item.text()) == 2

    box.table.selectRow(next(r for r, row in enumerate(box.rows) if row["uuid"] == again))
    dialog = box.open_decide_dialog()
    assert isinstance(dialog, DecideDialog)
    assert any("a-ho-so.tdkt" in label.text() for label in dialog.findChildren(type(tab.totals)))
    dialog.reject()
