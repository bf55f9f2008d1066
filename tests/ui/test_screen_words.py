"""Words on the screens: no format names, no Python error text, unconfirmed citations explained."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.ui.pages.user_errors import reason_text

BROKEN_SYNTAX = """\
[pack]
id = "vn-thu"
name = "Thử
"""


@pytest.fixture
def rules_widget(app_context, qtbot):
    from desktop.ui.pages.rules_page import RulesPage

    widget = RulesPage(app_context)
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    return widget


def test_editor_says_rule_file_not_format_name(rules_widget):
    placeholder = rules_widget.override_editor.placeholderText()
    assert placeholder == "Nội dung tệp quy định" and "TOML" not in placeholder


def test_typing_slip_in_rule_file_is_said_in_vietnamese(rules_widget, qtbot):
    page = rules_widget
    page.tabs.setCurrentIndex(3)
    page.new_override()
    page.override_editor.setPlainText(BROKEN_SYNTAX)
    problems = page.check_override()
    text = page.override_problems.text()
    assert problems and "dòng 3" in text and "dấu nháy" in text
    for english in ("at line", "column", "Illegal", "Unclosed", "Expected", "Error"):
        assert english not in text


def test_unreadable_rule_file_message_has_no_python_text(rules_widget, monkeypatch, tmp_path):
    page = rules_widget
    page.tabs.setCurrentIndex(3)
    latin = tmp_path / "tinh.toml"
    latin.write_bytes('[pack]\nname = "Quy định tỉnh"\n'.encode("utf-16"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(latin), ""))
    assert page.import_override_file() is None
    text = page.import_error.text()
    assert "tinh.toml" in text
    for raw in ("codec", "byte", "utf-16", "Errno", "position"):
        assert raw not in text, text


def test_unconfirmed_citation_is_explained(rules_widget):
    tree = rules_widget.titles_tree
    unconfirmed = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        unconfirmed += [top.child(j) for j in range(top.childCount()) if top.child(j).text(4) == "Chưa xác nhận"]
    assert unconfirmed
    tip = unconfirmed[0].toolTip(2)
    assert "chưa đối chiếu được với văn bản gốc" in tip and "sửa nếu cần" in tip
    assert "chưa đối chiếu được với văn bản gốc" in rules_widget.note_label.text()
    tree.setCurrentItem(unconfirmed[0])
    assert "chưa đối chiếu được với văn bản gốc" in tree.detail.text()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(13, "Permission denied", "C:\\x.xlsx"), "đang mở trong chương trình khác"),
        (FileNotFoundError(2, "No such file or directory", "x"), "Không tìm thấy tệp"),
        (OSError(28, "No space left on device"), "Ổ đĩa đã đầy"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "UTF-8"),
        (RuntimeError("NoneType object has no attribute x"), "lỗi không mong muốn"),
    ],
)
def test_reason_text_never_shows_python_words(error, expected):
    text = reason_text(error)
    assert expected in text
    for raw in ("Errno", "Permission denied", "No such file", "NoneType", "codec", "byte 0x"):
        assert raw not in text


def test_refusals_keep_their_own_vietnamese_message():
    from desktop.store import ValidationError

    assert reason_text(ValidationError("Chưa nhập họ tên.")) == "Chưa nhập họ tên."


def test_audit_export_failure_is_a_plain_sentence(app_context, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.pages import audit_page

    page = audit_page.AuditPage(app_context)
    qtbot.addWidget(page)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "a.xlsx"), ""))

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "a.xlsx"))

    monkeypatch.setattr(audit_page, "export_audit", refuse)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    assert page.export() is None
    assert shown and "Errno" not in shown[0] and "Permission denied" not in shown[0]
    assert "đóng tệp" in shown[0]


def test_staff_export_refused_by_the_system_says_it_plainly(app_context, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.staff.page import StaffPage

    page = StaffPage(app_context)
    qtbot.addWidget(page)
    target = tmp_path / "danh-sach.xlsx"

    def locked(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("desktop.ui.staff.page.export_staff", locked)  # the name the page calls
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    page.export()
    assert shown and "danh-sach.xlsx" in shown[0] and "đang mở trong chương trình khác" in shown[0]
    for raw in ("Errno", "Permission denied", "PermissionError"):
        assert raw not in shown[0], shown[0]
