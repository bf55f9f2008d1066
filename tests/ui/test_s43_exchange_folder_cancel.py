"""A Cancel that comes after the work's last check is too late, not a stop (issue s43): the province's folder import
pressed Cancel while its last file was written had processed every file, yet the window said "Đã dừng" and dropped
the summary (a refused file's reason never shown). A job is cancelled only when its work saw the request."""

from __future__ import annotations

import threading

from desktop.exchange import province as province_module
from desktop.exchange.exporter import export_package
from desktop.ops.demo import fill_demo
from desktop.ui.context import AppContext
from desktop.ui.exchange.page import ExchangePage
from desktop.ui.jobs import run_job
from tests.demo_date import DEMO_TODAY
from tests.exchange import link, make_province, make_unit


def test_cancel_during_the_last_file_still_shows_every_files_result(tmp_path, qtbot, monkeypatch, qapp):
    unit, prov = make_unit(tmp_path), make_province(tmp_path)
    try:
        link(unit, prov, tmp_path)
        fill_demo(unit, today=DEMO_TODAY)
        folder = tmp_path / "hop-thu"
        folder.mkdir()
        (folder / "a-hong.tdkt").write_bytes(b"PK\x03\x04 not a package")
        export_package(unit, kind="award_register", year=2024, out=folder / "b-so-2024.tdkt")
        page = ExchangePage(AppContext(prov, actor="tinh"))
        qtbot.addWidget(page)
        tab = page.province
        real_apply = province_module.apply_import

        def apply_and_cancel(store, plan):  # the clerk presses Cancel while the last file is written
            tab.job.cancel()
            return real_apply(store, plan)

        monkeypatch.setattr(province_module, "apply_import", apply_and_cancel)
        job = tab.import_folder(folder)
        qtbot.waitUntil(lambda: job.done, timeout=60000)
        assert not job.was_cancelled
        assert tab.summary.rowCount() == 2  # the refused file is listed with its reason
        assert [tab.summary.item(r, 1).text() for r in range(2)] == ["Bị từ chối", "Đã nhập"]
        message = tab.folder_message.text()
        assert "Đã xử lý 2 tệp: 1 nhập mới" in message and "Lệnh dừng đến khi mọi tệp đã được xử lý" in message
        assert prov.scalar("SELECT count(*) FROM packages WHERE direction = 'received'") == 1
        qtbot.waitUntil(lambda: tab.job is None, timeout=60000)  # the figures reloaded after the import
    finally:
        unit.close()
        prov.close()


def test_a_job_is_cancelled_only_when_its_work_saw_the_request(qtbot):
    outcomes: list[object] = []
    checked = threading.Event()
    go_on = threading.Event()

    def finishes(progress, should_cancel):  # its last check says go on; Cancel comes after it
        assert not should_cancel()
        checked.set()
        assert go_on.wait(5)
        return "done"

    job = run_job(None, "Việc", finishes, on_done=outcomes.append, on_cancel=lambda: outcomes.append("cancelled"))
    assert checked.wait(5)
    job.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert outcomes == ["done"] and not job.was_cancelled and job.cancel_flag.is_set()

    outcomes.clear()

    def stops(progress, should_cancel):  # it sees the request and returns early: that is a stop
        while not should_cancel():
            threading.Event().wait(0.01)
        return "partial"

    job = run_job(None, "Việc", stops, on_done=outcomes.append, on_cancel=lambda: outcomes.append("cancelled"))
    job.cancel()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert outcomes == ["cancelled"] and job.was_cancelled
