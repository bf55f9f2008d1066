"""The "Tạo khóa mới…" button of the exchange page's keys tab, on a real database: the reason is asked, the new key
is made through the Operation runner, the new fingerprint and what to do next are shown; cancel changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.ops import exchange as ops


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes recorded instead of shown: (kind, text)."""
    shown: list[tuple[str, str]] = []

    def record(kind):
        def box(_parent, _title, text, *args, **kwargs):
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return box

    monkeypatch.setattr(QMessageBox, "critical", record("critical"))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    return shown


@pytest.fixture
def keys_tab(app_context, qtbot):
    from desktop.ui.exchange.page import ExchangePage

    page = ExchangePage(app_context)
    qtbot.addWidget(page)
    return page.keys


def _answer(monkeypatch, text: str, ok: bool) -> list[str]:
    asked: list[str] = []

    def ask(_parent, _title, label, *args, **kwargs):
        asked.append(label)
        return text, ok

    monkeypatch.setattr(QInputDialog, "getMultiLineText", ask)
    return asked


def _rows(store) -> list[tuple[str, int]]:
    return [
        (r["fingerprint"], r["active"]) for r in store.query("SELECT fingerprint, active FROM unit_keys ORDER BY id")
    ]


def test_the_button_makes_a_new_key_and_says_what_to_do(keys_tab, app_context, qtbot, monkeypatch, boxes):
    store = app_context.store
    old = ops.show_keys(store)["fingerprint"]
    asked = _answer(monkeypatch, "Máy cũ bị mất trộm", True)
    qtbot.mouseClick(keys_tab.replace_keys_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and old.replace("-", " ") in asked[0] and "lý do" in asked[0]
    new = ops.show_keys(store)["fingerprint"]
    assert new != old and _rows(store) == [(old, 0), (new, 1)]
    assert keys_tab.fingerprint.text() == new.replace("-", " ")
    [(kind, text)] = boxes
    assert kind == "information" and new.replace("-", " ") in text and old.replace("-", " ") in text
    # The window names its own buttons, never a command to type.
    assert "“Ghi khóa công khai ra tệp…”" in text and "“Tin cậy khóa này”" in text
    assert "tdkt" not in text and "--replace" not in text
    assert new.replace("-", " ") in keys_tab.own_message.text()
    reason = store.scalar("SELECT after FROM audit_log WHERE operation = 'exchange.replace_keys' AND action = 'event'")
    assert "Máy cũ bị mất trộm" in reason
    assert store.scalar("SELECT DISTINCT actor FROM audit_log WHERE operation = 'exchange.replace_keys'") == "tester"


def test_cancel_changes_nothing(keys_tab, app_context, qtbot, monkeypatch, boxes):
    before = _rows(app_context.store)
    _answer(monkeypatch, "Máy cũ bị mất", False)
    assert keys_tab.replace_keys() is None
    assert _rows(app_context.store) == before and boxes == []


def test_an_empty_reason_is_refused(keys_tab, app_context, monkeypatch, boxes):
    before = _rows(app_context.store)
    _answer(monkeypatch, "   \n ", True)
    assert keys_tab.replace_keys() is None
    assert _rows(app_context.store) == before
    [(kind, text)] = boxes
    assert kind == "critical" and "lý do" in text
    assert "lý do" in keys_tab.own_message.text()
