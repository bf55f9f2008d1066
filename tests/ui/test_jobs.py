"""Background jobs: progress shown, cancel honoured, results and errors back on the main thread."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.ui.jobs import run_job


def test_progress_and_result_on_main_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    go_on = threading.Event()
    worker_threads: list[threading.Thread] = []
    results: list[tuple[object, threading.Thread]] = []

    def work(progress, should_cancel):
        worker_threads.append(threading.current_thread())
        progress(3, 10, "Đang đọc dòng 3")
        assert go_on.wait(5)
        progress(10, 10, "Xong")
        return 42

    job = run_job(parent, "Nhập danh sách", work, on_done=lambda r: results.append((r, threading.current_thread())))
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.value() == 3)
    assert job.dialog.labelText() == "Đang đọc dòng 3"
    assert job.dialog.maximum() == 10
    cancel_buttons = [b.text() for b in job.dialog.findChildren(QPushButton)]
    assert cancel_buttons == ["Hủy"]
    with qtbot.waitSignal(job.finished, timeout=5000):
        go_on.set()
    assert results == [(42, threading.main_thread())]
    assert worker_threads[0] is not threading.main_thread()
    assert job.dialog is None  # closed


def test_cancel_sets_the_flag(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    done: list[object] = []
    cancelled: list[bool] = []

    def work(progress, should_cancel):
        started.set()
        steps = 0
        while not should_cancel():
            steps += 1
            progress(steps % 100, 100, "Đang làm")
            threading.Event().wait(0.01)
        return steps

    job = run_job(parent, "Việc dài", work, on_done=done.append, on_cancel=lambda: cancelled.append(True))
    assert started.wait(5)
    qtbot.waitUntil(lambda: job.dialog is not None)
    button = job.dialog.findChildren(QPushButton)[0]
    with qtbot.waitSignal(job.finished, timeout=5000):
        button.click()
    assert cancelled == [True]
    assert done == []
    assert job.was_cancelled


def test_error_goes_to_callback_on_main_thread(qtbot):
    errors: list[tuple[BaseException, threading.Thread]] = []

    def work(progress, should_cancel):
        raise ValueError("Tệp danh_sach.xlsx, dòng 7: ngày sinh sai")

    job = run_job(
        None,
        "Nhập danh sách",
        work,
        on_done=lambda r: None,
        on_error=lambda e: errors.append((e, threading.current_thread())),
    )
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert len(errors) == 1
    assert isinstance(errors[0][0], ValueError)
    assert errors[0][1] is threading.main_thread()


def test_error_without_callback_shows_one_vietnamese_dialog(qtbot, monkeypatch):
    shown: list[tuple[str, str, str]] = []

    def fake_exec(box):
        shown.append((box.text(), box.informativeText(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)

    def work(progress, should_cancel):
        raise OSError("Không ghi được tệp D:/bao_cao.pdf")

    job = run_job(None, "Xuất báo cáo", work, on_done=lambda r: None, show_dialog=False)
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert len(shown) == 1
    text, reason, details = shown[0]
    assert text == "Công việc “Xuất báo cáo” không hoàn thành."
    assert reason == "Không ghi được tệp D:/bao_cao.pdf"
    assert "OSError" in details
