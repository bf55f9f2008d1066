"""Background jobs: progress shown, cancel honoured, results and errors back on the main thread."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.ops.errors import Cancelled
from desktop.ui.jobs import run_job, run_store_job


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


class _StopByUser(Cancelled):
    """An operation's own "cancelled" exception, as ops modules define them (a Cancelled)."""


def _opener(opened: list):
    """Open a real Store and remember it, so the test can see it was closed."""
    from desktop.store import Store

    def open_(path):
        store = Store(path)
        opened.append(store)
        return store

    return open_


def _is_closed(store) -> bool:
    import sqlite3

    try:
        store.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


def test_store_job_runs_on_its_own_store_and_closes_it(qtbot, store, db_path):
    version = store.scalar("PRAGMA user_version")
    opened: list = []
    seen: list = []
    results: list = []

    def work(worker_store, progress, should_cancel):
        seen.append((worker_store, threading.current_thread()))
        progress(1, 1, "Đang đọc")
        return worker_store.scalar("PRAGMA user_version")

    job = run_store_job(
        None, "Đọc dữ liệu", db_path, work, on_done=results.append, opener=_opener(opened), show_dialog=False
    )
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == [version]  # the same database file, read on the worker's connection
    assert len(opened) == 1
    worker_store, thread = seen[0]
    assert worker_store is opened[0]
    assert worker_store is not store  # never the window's connection
    assert thread is not threading.main_thread()
    assert _is_closed(worker_store)
    assert not _is_closed(store)


def test_store_job_default_opener_migrates_and_closes(qtbot, tmp_path):
    seen: list = []
    results: list = []

    def work(worker_store, progress, should_cancel):
        seen.append(worker_store)
        return worker_store.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")

    job = run_store_job(None, "Mở dữ liệu", tmp_path / "moi.sqlite3", work, on_done=results.append, show_dialog=False)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results and results[0] > 0  # open_store created the schema
    assert _is_closed(seen[0])


def test_store_job_ends_cancelled_on_the_operations_cancel_exception(qtbot, db_path):
    opened: list = []
    done: list = []
    errors: list = []
    cancelled: list = []

    def work(worker_store, progress, should_cancel):
        raise _StopByUser

    job = run_store_job(
        None,
        "Nhập danh sách",
        db_path,
        work,
        on_done=done.append,
        on_error=errors.append,
        on_cancel=lambda: cancelled.append(True),
        show_dialog=False,
        opener=_opener(opened),
    )
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert cancelled == [True]
    assert done == [] and errors == []
    assert job.was_cancelled
    assert _is_closed(opened[0])


def test_store_job_other_errors_still_reported_and_store_closed(qtbot, db_path):
    opened: list = []
    errors: list = []
    cancelled: list = []

    def work(worker_store, progress, should_cancel):
        raise ValueError("Tệp goi.tdkt: chữ ký không hợp lệ")

    job = run_store_job(
        None,
        "Nhập gói",
        db_path,
        work,
        on_done=lambda r: None,
        on_error=errors.append,
        on_cancel=lambda: cancelled.append(True),
        show_dialog=False,
        opener=_opener(opened),
    )
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["Tệp goi.tdkt: chữ ký không hợp lệ"]
    assert cancelled == []
    assert _is_closed(opened[0])
