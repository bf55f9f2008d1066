"""The "Nhận gói" tab at the province: importing one package that repeats a nomination of the same unit under
another UUID says so in the result text, naming the other package; the package is still received."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.ops.exchange import import_files
from desktop.ui.context import AppContext
from desktop.ui.exchange import receive as receive_module
from desktop.ui.exchange.page import ExchangePage
from tests.exchange import link, make_province, make_unit, seed_dossier
from tests.test_fxprovince_duplicates import _copy_nomination, _export


def test_the_receive_tab_warns_of_a_repeated_nomination(tmp_path, qtbot, monkeypatch, qapp):
    unit, prov = make_unit(tmp_path), make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        first = seed_dossier(unit)[0]
        one = _export(unit, tmp_path / "dot-1.tdkt")
        assert import_files(prov, files=[one])[0].status == "applied"
        _copy_nomination(unit, first)
        two = _export(unit, tmp_path / "dot-2.tdkt")

        monkeypatch.setattr(receive_module, "ask_confirm", lambda *_a: True)
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(two)], ""))
        page = ExchangePage(AppContext(prov, actor="van_thu"))
        qtbot.addWidget(page)
        receive = page.receive
        job = receive.choose_files()
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        job = receive.confirm_and_apply()
        qtbot.waitUntil(lambda: job.done, timeout=30000)

        text = receive.result.text()
        assert "Đã nhập gói dot-2.tdkt" in text  # received all the same
        assert "Cảnh báo: 1 đề nghị trùng" in text and "dot-1.tdkt" in text
    finally:
        unit.close()
        prov.close()
