"""The receive tab shows the province's rules its newer snapshot repeals ("Ngừng áp dụng", in red) and the question
before importing names them, so the clerk is not surprised that a rule stopped applying."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.exchange.importer import import_file
from desktop.ops.rules import list_overrides, set_override_active
from desktop.store.rules_repo import save_override
from tests.exchange import link, make_province, make_unit, months_override, send_rule_override


def test_the_window_names_the_rules_the_province_repealed(tmp_path, qtbot, monkeypatch, qapp):
    from desktop.ui.context import AppContext
    from desktop.ui.exchange import receive as receive_module
    from desktop.ui.exchange.page import ExchangePage

    unit, prov = make_unit(tmp_path), make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        first = save_override(prov, name="QĐ 1/2026", toml_text=months_override(1, 10))
        assert import_file(unit, send_rule_override(prov, tmp_path, "r1.tdkt")).status == "applied"
        set_override_active(prov, override_id=first, active=False)
        save_override(prov, name="QĐ 2/2026 (thay QĐ 1)", toml_text=months_override(2, 8))
        r2 = send_rule_override(prov, tmp_path, "r2.tdkt")

        asked: list[str] = []
        monkeypatch.setattr(receive_module, "ask_confirm", lambda _p, _t, text: asked.append(text) or True)
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(r2)], ""))
        page = ExchangePage(AppContext(unit, actor="van_thu"))
        qtbot.addWidget(page)
        receive = page.receive
        job = receive.choose_files()
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        rows = [[receive.conflicts.item(r, c).text() for c in range(2)] for r in range(receive.conflicts.rowCount())]
        assert ["Ngừng áp dụng", "QĐ 1/2026"] in rows
        job = receive.confirm_and_apply()
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        assert "Tỉnh đã bãi bỏ 1 quy định riêng" in asked[-1] and "QĐ 1/2026" in asked[-1]
        assert [o["name"] for o in list_overrides(unit) if o["active"]] == ["QĐ 2/2026 (thay QĐ 1)"]
    finally:
        unit.close()
        prov.close()
