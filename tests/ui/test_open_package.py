"""A .tdkt opened from Explorer (``TDKT.exe "<file>"``): the window goes to the exchange area and checks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.demo_date import DEMO_TODAY
from tests.exchange import link, make_province, make_unit, table_checksum


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def test_the_file_association_reaches_the_window():
    from desktop.__main__ import wants_cli
    from desktop.ui.app import _parser

    package = r"C:\Users\Van thu\Downloads\bao-cao 2025.tdkt"
    assert not wants_cli([package])
    assert not wants_cli(["/home/xa/demo.TDKT"])
    assert wants_cli(["package", "verify", "a.tdkt"])
    assert wants_cli(["--version"])
    args = _parser().parse_args(["--db", "tinh.sqlite3", package])
    assert args.package == Path(package) and args.db == "tinh.sqlite3"
    assert _parser().parse_args([]).package is None


def test_open_package_shows_the_dry_run_report(tmp_path, qtbot, qapp, errors):
    from desktop.ops import exchange as ops
    from desktop.ops.demo import fill_demo
    from desktop.ui.app import open_package
    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage
    from desktop.ui.main_window import MainWindow

    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        fill_demo(unit, today=DEMO_TODAY)
        year = unit.scalar("SELECT max(year) FROM awards")
        sent = ops.export(unit, kind="yearly_report", year=year, out=tmp_path / "bao-cao")
        package = Path(sent["path"])

        window = MainWindow(AppContext(prov, actor="tinh"))
        qtbot.addWidget(window)
        window.show()
        assert open_package(window, tmp_path / "khong-co.tdkt") is None
        assert errors and "khong-co.tdkt" in errors[-1]

        before = table_checksum(prov)
        job = open_package(window, package)
        assert job is not None
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        page = window.page("exchange")
        assert isinstance(page, ExchangePage)
        assert window.sidebar.currentRow() == [spec.key for spec in window.specs].index("exchange")
        receive = page.receive
        assert page.tabs.currentWidget() is receive
        assert receive.files == [package]
        assert [receive.counts.item(r, 2).text() for r in range(receive.counts.rowCount())] == ["Báo cáo năm"]
        assert [receive.counts.item(0, c).text() for c in range(3, 7)] == ["1", "0", "0", "0"]
        assert "bao-cao.tdkt" in receive.status.text() and receive.apply_button.isEnabled()
        assert table_checksum(prov) == before  # a check only: nothing written until the clerk confirms
    finally:
        unit.close()
        prov.close()
