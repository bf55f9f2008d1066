"""The "Trao đổi dữ liệu" page with two real databases (a commune and the province) and real package files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.demo_date import DEMO_TODAY
from tests.exchange import make_province, make_unit, table_checksum


@pytest.fixture
def errors(monkeypatch):
    """Every error dialog is recorded instead of shown."""
    shown: list[str] = []

    def critical(_parent, _title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return shown


@pytest.fixture
def confirm(monkeypatch):
    answers: list[str] = []

    def ask(_parent, _title, text):
        answers.append(text)
        return True

    for module in ("keys", "receive"):  # the tabs that ask
        monkeypatch.setattr(f"desktop.ui.exchange.{module}.ask_confirm", ask)
    return answers


@pytest.fixture
def pair(tmp_path, qapp):
    from desktop.ops.demo import fill_demo

    unit = make_unit(tmp_path)
    fill_demo(unit, today=DEMO_TODAY)
    prov = make_province(tmp_path)
    yield unit, prov
    unit.close()
    prov.close()


def make_page(qtbot, store, actor):
    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    context = AppContext(store, actor=actor)
    page = ExchangePage(context)
    page.resize(1366, 768)
    qtbot.addWidget(page)
    return page


def wait(qtbot, job):
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)


def save_as(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def open_files(monkeypatch, paths):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))


def cells(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_unit_to_province_through_the_page(pair, tmp_path, qtbot, monkeypatch, errors, confirm):
    unit, prov = pair
    unit_page = make_page(qtbot, unit, "xa")
    prov_page = make_page(qtbot, prov, "tinh")
    assert "Tổng hợp các đơn vị" in prov_page.tab_titles()
    assert "Tổng hợp các đơn vị" not in unit_page.tab_titles()

    # our fingerprint, big, in groups of four to read aloud
    from desktop.ops import exchange as ops

    unit_fp = ops.show_keys(unit)["fingerprint"]
    prov_fp = ops.show_keys(prov)["fingerprint"]
    shown = unit_page.keys.fingerprint.text()
    assert shown.replace(" ", "") == unit_fp.replace("-", "") and all(len(g) == 4 for g in shown.split())

    # each side writes its public key to a file
    save_as(monkeypatch, tmp_path / "khoa-xa")
    unit_key = unit_page.keys.export_key()
    save_as(monkeypatch, tmp_path / "khoa-tinh")
    prov_key = prov_page.keys.export_key()
    assert unit_key.name == "khoa-xa.tdktkey" and prov_key.exists()

    # the province trusts the unit's key: a wrong fingerprint read on the phone is refused, nothing written
    before = table_checksum(prov)
    prov_page.keys.key_file.setText(str(unit_key))
    wrong = "0000" + unit_fp[4:]
    prov_page.keys.expected.setText(wrong)
    assert prov_page.keys.trust() is None
    assert errors and "KHÁC" in errors[-1]
    assert table_checksum(prov) == before
    prov_page.keys.expected.setText(unit_fp.replace("-", " ").lower())
    trusted = prov_page.keys.trust()
    assert trusted["fingerprint"] == unit_fp and trusted["role"] == "unit"
    assert cells(prov_page.keys.trusted, 1) == ["00715"]

    # the unit trusts the province's key; the send tab then encrypts to it by default
    unit_page.keys.key_file.setText(str(prov_key))
    unit_page.keys.expected.setText(prov_fp)
    assert unit_page.keys.trust()["role"] == "province"
    assert unit_page.send.encrypt.currentData() == prov_fp
    assert [unit_page.send.kind.itemData(i) for i in range(unit_page.send.kind.count())] == [
        "nomination_dossier",
        "yearly_report",
        "award_register",
    ]

    # export the yearly report of the demo commune
    year = unit.scalar("SELECT max(year) FROM awards")
    send = unit_page.send
    send.kind.setCurrentIndex(send.kind.findData("yearly_report"))
    send.year.setValue(year)
    save_as(monkeypatch, tmp_path / "bao-cao")
    wait(qtbot, send.choose_and_export())
    package = tmp_path / "bao-cao.tdkt"
    assert package.exists()
    sha = unit.scalar("SELECT file_sha256 FROM packages WHERE direction = 'sent'")
    assert str(package) in send.result.text() and sha in send.result.text()

    # the province checks it: a dry run report, nothing written yet
    receive = prov_page.receive
    prov_page.tabs.setCurrentWidget(receive)
    before = table_checksum(prov)
    open_files(monkeypatch, [package])
    wait(qtbot, receive.choose_files())
    assert table_checksum(prov) == before
    assert cells(receive.counts, 2) == ["Báo cáo năm"]
    assert [receive.counts.item(0, c).text() for c in range(3, 7)] == ["1", "0", "0", "0"]
    assert receive.apply_button.isEnabled()
    assert "có mã hóa" in receive.status.text()
    prov_page.show()
    prov_page.grab().save("/tmp/exchange_page.png")

    # apply, after confirmation
    wait(qtbot, receive.confirm_and_apply())
    assert confirm and "1 bản ghi mới" in confirm[-1]
    assert "Đã nhập gói bao-cao.tdkt" in receive.result.text()
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'yearly_report'") == 1

    # the same file again: already imported, nothing to apply, nothing written
    before = table_checksum(prov)
    wait(qtbot, receive.check([package]))
    assert "đã nhập trước đây" in receive.flags.text()
    assert not receive.apply_button.isEnabled()
    assert table_checksum(prov) == before

    # a tampered copy: one clear refusal naming the file, nothing written
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bi-sua.tdkt"
    bad.write_bytes(bytes(data))
    count = len(errors)
    wait(qtbot, receive.check([bad]))
    assert len(errors) == count + 1 and "bi-sua.tdkt" in errors[-1]
    assert "từ chối" in receive.status.text() and not receive.apply_button.isEnabled()
    assert receive.counts.rowCount() == 0
    assert table_checksum(prov) == before

    # history on both sides
    prov_page.history.refresh()
    unit_page.history.refresh()
    assert cells(prov_page.history.table, 1) == ["Nhận về"]
    assert cells(prov_page.history.table, 8) == ["bao-cao.tdkt"]
    assert cells(prov_page.history.table, 6) == ["Đã nhập"]
    assert cells(unit_page.history.table, 1) == ["Gửi đi"]
    assert cells(unit_page.history.table, 2) == ["Báo cáo thống kê thi đua, khen thưởng năm"]

    # province mode: consolidated counts by unit, then a folder with a new package and a broken one
    tab = prov_page.province
    tab.year.setValue(year)
    wait(qtbot, tab.load())
    assert cells(tab.units, 0) == ["00715"] and cells(tab.units, 7) == ["Đã có"]
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    ops.export(unit, kind="award_register", year=year, out=folder / "a-so-khen-thuong", encrypt_to=prov_fp)
    (folder / "b-hong.tdkt").write_bytes(b"not a zip")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    wait(qtbot, tab.choose_folder())
    assert cells(tab.summary, 0) == ["a-so-khen-thuong.tdkt", "b-hong.tdkt"]
    assert cells(tab.summary, 1) == ["Đã nhập", "Bị từ chối"]
    assert "1 bị từ chối" in tab.folder_message.text()
    qtbot.waitUntil(lambda: tab.job is None, timeout=30000)  # the table refreshes after the import
    awards = unit.scalar("SELECT count(*) FROM awards WHERE year = ?", (year,))
    assert cells(tab.units, 6) == [str(awards)]


def test_revoke_and_switch_mode(unit_store, tmp_path, qtbot, monkeypatch, errors, confirm):
    prov = make_province(tmp_path)
    try:
        page = make_page(qtbot, unit_store, "xa")
        save_as(monkeypatch, tmp_path / "tinh")
        from desktop.ops import exchange as ops

        key = ops.export_public_key(prov, path=tmp_path / "tinh")
        # no fingerprint typed: the program shows the file's fingerprint and asks
        page.keys.key_file.setText(str(key))
        assert page.keys.trust() is not None
        assert ops.show_keys(prov)["fingerprint"].replace("-", " ") in confirm[-1]
        assert page.send.encrypt.count() == 1 and page.send.encrypt_check.isChecked()  # encrypted by default
        page.keys.trusted.selectRow(0)
        assert page.keys.revoke_selected()
        assert cells(page.keys.trusted, 5) == ["Đã thu hồi"]
        assert page.send.encrypt.count() == 0  # a revoked key is no longer offered
        assert not page.send.encrypt_check.isChecked() and page.send.encrypt_to is None

        assert "Tổng hợp các đơn vị" not in page.tab_titles()
        assert page.keys.switch_mode()
        assert "chế độ CẤP TỈNH" in confirm[-1]
        assert "Tổng hợp các đơn vị" in page.tab_titles()
        assert not page.send.export_button.isEnabled()
        assert page.keys.switch_mode()
        assert "Tổng hợp các đơn vị" not in page.tab_titles()
    finally:
        prov.close()


def test_province_sends_decisions_back_to_a_unit(tmp_path, qtbot, monkeypatch, errors, confirm, qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.exchange import province
    from desktop.ops import exchange as ops
    from desktop.ui.exchange.province_decisions import DecideDialog
    from tests.exchange import YEAR, link, seed_dossier

    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        nominations = seed_dossier(unit)
        prov_fp = ops.show_keys(prov)["fingerprint"]
        unit_fp = ops.show_keys(unit)["fingerprint"]
        up = ops.export(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "ho-so", encrypt_to=prov_fp)
        [result] = ops.import_files(prov, files=[Path(up["path"])])
        assert result.status == "applied"
        prov_page = make_page(qtbot, prov, "tinh")
        # The province decides in the window: the received nominations, two rows selected, one decision.
        tab = prov_page.province
        tab.year.setValue(YEAR)
        wait(qtbot, tab.load())
        box = tab.nominations
        assert box.table.rowCount() == len(nominations)
        assert {box.table.item(r, 3).text() for r in range(box.table.rowCount())} == {"Chưa có quyết định"}
        assert not box.decide_button.isEnabled()
        first = next(r for r, row in enumerate(box.rows) if row["uuid"] == nominations[0])
        box.table.selectRow(first)
        assert box.decide_button.isEnabled() and "1 đề nghị" in box.decide_button.text()
        qtbot.mouseClick(box.decide_button, Qt.MouseButton.LeftButton)
        dialog = box.findChild(DecideDialog)
        assert dialog is not None and dialog.isVisible()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no number yet: refused under the form, nothing written
        assert dialog.isVisible() and "số quyết định" in dialog.error.text()
        assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'province_decision'") == 0
        dialog.number.setText("15/QĐ-UBND")
        dialog.decision_date.setText("20/01/2026")
        dialog.issuer.setText("Chủ tịch UBND tỉnh Tuyên Quang")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        if tab.job is not None:
            wait(qtbot, tab.job)
        qtbot.waitUntil(lambda: box.table.rowCount() and "15/QĐ-UBND" in box.table.item(first, 3).text())
        assert box.table.item(first, 3).text() == "Khen thưởng — 15/QĐ-UBND ngày 20/01/2026"
        assert "Đã ghi quyết định cho 1 đề nghị" in tab.folder_message.text()
        decision = province.consolidated(prov, year=YEAR)["nominations"]
        assert [n["decision"]["decision_no"] for n in decision if n["decision"]] == ["15/QĐ-UBND"]

        send = prov_page.send
        assert "Gửi về đơn vị" in prov_page.tab_titles() and "Gửi lên tỉnh" not in prov_page.tab_titles()
        assert [send.kind.itemData(i) for i in range(send.kind.count())] == [
            "province_decisions",
            "rule_override",
            "movements",
        ]
        receivers = [send.receiver.itemData(i) for i in range(send.receiver.count())]
        assert receivers == [None, "00715"]
        send.receiver.setCurrentIndex(0)
        assert not send.export_button.isEnabled() and "đơn vị nhận" in send.mode_note.text()
        send.year.setValue(YEAR)
        send.receiver.setCurrentIndex(1)
        assert send.export_button.isEnabled()
        assert send.encrypt.currentData() == unit_fp  # encrypted to the chosen unit's key by default
        assert send.encrypt_to == unit_fp
        save_as(monkeypatch, tmp_path / "quyet-dinh")
        wait(qtbot, send.choose_and_export())
        package = tmp_path / "quyet-dinh.tdkt"
        assert package.exists() and "Có mã hóa" in send.result.text()
        sent = prov.query_one("SELECT kind, receiver_code FROM packages WHERE direction = 'sent'")
        assert sent == {"kind": "province_decisions", "receiver_code": "00715"}

        # the unit receives it through its page; the award from above joins its history
        unit_page = make_page(qtbot, unit, "xa")
        assert "Gửi lên tỉnh" in unit_page.tab_titles()
        wait(qtbot, unit_page.open_package_files([package]))
        assert unit_page.tabs.currentWidget() is unit_page.receive
        wait(qtbot, unit_page.receive.confirm_and_apply())
        staff_id = unit.scalar("SELECT staff_id FROM nominations WHERE uuid = ?", (nominations[0],))
        award = unit.query_one("SELECT * FROM awards WHERE staff_id = ? AND source = 'above'", (staff_id,))
        assert award["decision_no"] == "15/QĐ-UBND" and award["year"] == YEAR
    finally:
        unit.close()
        prov.close()


def test_the_window_shows_awards_a_newer_register_withdraws(tmp_path, qtbot, monkeypatch, errors, confirm):
    """The dry run lists each award the unit dropped (a decision cancelled) as "Bị rút/thu hồi", and the question
    before importing counts them."""
    from desktop.exchange import writer
    from desktop.exchange.exporter import export_package
    from desktop.exchange.importer import apply_import, plan_import
    from desktop.ops.demo import fill_demo
    from desktop.ops.review.corrections import revoke_decision
    from tests.exchange import link

    unit, prov = make_unit(tmp_path), make_province(tmp_path)
    link(unit, prov, tmp_path)
    fill_demo(unit, today=DEMO_TODAY)
    monkeypatch.setattr(writer, "now_iso", lambda: "2025-01-10T08:00:00+07:00")
    first = export_package(unit, kind="award_register", year=2024, out=tmp_path / "so-1")
    apply_import(prov, plan_import(prov, first))
    decision = unit.query_one(
        "SELECT d.id, count(a.id) AS n FROM decisions d JOIN awards a ON a.decision_id = d.id WHERE a.year = 2024 "
        "GROUP BY d.id ORDER BY d.id LIMIT 1"
    )
    revoke_decision(unit, decision_id=decision["id"], reason="Sai đối tượng")
    monkeypatch.setattr(writer, "now_iso", lambda: "2025-01-20T08:00:00+07:00")
    second = export_package(unit, kind="award_register", year=2024, out=tmp_path / "so-2")

    page = make_page(qtbot, prov, "tinh")
    page.tabs.setCurrentWidget(page.receive)
    open_files(monkeypatch, [second])
    wait(qtbot, page.receive.choose_files())
    assert cells(page.receive.conflicts, 0).count("Bị rút/thu hồi") == decision["n"]
    wait(qtbot, page.receive.confirm_and_apply())
    assert f"{decision['n']} khen thưởng đơn vị đã rút khỏi sổ" in confirm[-1]
    unit.close()
    prov.close()
