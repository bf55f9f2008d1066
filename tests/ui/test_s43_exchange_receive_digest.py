"""The "Nhận gói" tab applies the file its dry run read, nothing else (issue s43): the clerk confirms what that dry run
showed. A file replaced at the same path before the confirmation (another genuine package of the province, one that
repeals a rule the question never named) is refused with a message asking to check it again; nothing is written."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.exchange.importer import import_file
from desktop.ops.rules import list_overrides, set_override_active
from desktop.store.rules_repo import save_override
from desktop.ui.context import AppContext
from desktop.ui.exchange import receive as receive_module
from desktop.ui.exchange.page import ExchangePage
from tests.exchange import link, make_province, make_unit, months_override, send_rule_override, table_checksum


def test_a_file_replaced_after_its_dry_run_is_not_applied(tmp_path, qtbot, monkeypatch, qapp):
    unit, prov = make_unit(tmp_path), make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        first = save_override(prov, name="QĐ 1/2026", toml_text=months_override(1, 10))
        assert import_file(unit, send_rule_override(prov, tmp_path, "r1.tdkt")).status == "applied"
        save_override(prov, name="QĐ 2/2026", toml_text=months_override(2, 8))
        r2 = send_rule_override(prov, tmp_path, "r2.tdkt")  # QĐ 1 and QĐ 2: one new rule, nothing repealed
        set_override_active(prov, override_id=first, active=False)
        r3 = send_rule_override(prov, tmp_path, "r3.tdkt")  # newer: QĐ 2 only, so QĐ 1 is repealed

        asked: list[str] = []
        errors: list[str] = []
        monkeypatch.setattr(receive_module, "ask_confirm", lambda _p, _t, text: asked.append(text) or True)
        monkeypatch.setattr(receive_module, "show_error", lambda _p, text, *_a: errors.append(text))
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
        inbox = tmp_path / "hop-thu.tdkt"
        shutil.copy(r2, inbox)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(inbox)], ""))
        page = ExchangePage(AppContext(unit, actor="van_thu"))
        qtbot.addWidget(page)
        receive = page.receive
        job = receive.choose_files()
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        assert receive.apply_button.isEnabled()

        shutil.copy(r3, inbox)  # replaced before the clerk confirms
        checksum = table_checksum(unit)
        job = receive.confirm_and_apply()
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        assert "bãi bỏ" not in asked[-1]  # the question the clerk answered never named a repeal...
        assert table_checksum(unit) == checksum  # ...so nothing of the other file was applied
        assert sorted(o["name"] for o in list_overrides(unit) if o["active"]) == ["QĐ 1/2026"]
        assert "hop-thu.tdkt đã thay đổi từ lúc kiểm tra" in receive.result.text()
        assert "kiểm tra lại" in errors[-1]
        assert not receive.apply_button.isEnabled()  # checked again before anything can be applied

        job = receive.choose_files()  # checked again: the clerk now sees the repeal, and may apply it
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        job = receive.confirm_and_apply()
        qtbot.waitUntil(lambda: job.done, timeout=30000)
        assert "QĐ 1/2026" in asked[-1]
        assert [o["name"] for o in list_overrides(unit) if o["active"]] == ["QĐ 2/2026"]
    finally:
        unit.close()
        prov.close()
