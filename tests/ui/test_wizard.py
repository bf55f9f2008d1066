"""The first-run wizard, driven like a clerk would: typing, picking from the official list, finishing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.ops.setup import is_set_up
from desktop.store import unit_repo


@pytest.fixture
def wizard(store, qtbot):
    from desktop.ui.wizard import SetupWizard

    store.actor = "tester"  # the file is opened for this clerk
    wiz = SetupWizard(store)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def _next_enabled(wiz) -> bool:
    return wiz.button(QWizard.WizardButton.NextButton).isEnabled()


def test_wizard_saves_the_unit(wizard, store, type_text):
    wizard.next()
    assert wizard.currentPage() is wizard.name_page
    assert not _next_enabled(wizard)
    type_text(wizard.name_page.name, "Ủy ban nhân dân xã Lũng Cú")
    assert _next_enabled(wizard)
    wizard.next()

    place = wizard.place_page.place
    assert wizard.currentPage() is wizard.place_page
    assert not _next_enabled(wizard)
    type_text(place.province.lineEdit(), "Tuyên Quang")
    assert place.province_code() == "08"
    assert place.commune.count() > 100
    type_text(place.commune.lineEdit(), "Xã Lũng Cú")
    assert place.commune_code() == "00715"
    assert _next_enabled(wizard)
    wizard.next()

    head = wizard.head_page
    assert head.head_title.text() == "Chủ tịch"
    assert head.place_name.text() == "Lũng Cú"
    assert "Lũng Cú, ngày" in head.example.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # the head's name is still missing
    type_text(head.head_name, "Nguyễn Văn Hùng")
    assert finish.isEnabled()
    finish.click()

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert is_set_up(store)
    unit = unit_repo.get_unit(store)
    assert unit["commune_code"] == "00715"
    assert unit["province_name"] == "Tuyên Quang"
    assert unit["name"] == "Ủy ban nhân dân xã Lũng Cú"
    assert unit["head_name"] == "Nguyễn Văn Hùng"
    assert unit["head_title"] == "Chủ tịch"
    assert unit["place_name"] == "Lũng Cú"
    assert unit["unit_kind"] == "ubnd_xa"
    assert store.scalar("SELECT actor FROM audit_log WHERE table_name = 'unit'") == "tester"


def test_validation_messages_next_to_fields(wizard, qtbot, type_text):
    wizard.next()
    page = wizard.name_page
    type_text(page.name, "A")
    assert not page.name_error.isVisibleTo(wizard)
    page.name.selectAll()
    qtbot.keyClick(page.name, "\b")
    assert page.name_error.isVisibleTo(wizard)
    assert page.name_error.text() == "Chưa nhập tên đơn vị."
    assert not _next_enabled(wizard)
    type_text(page.name, "Đảng ủy xã Lũng Cú")
    wizard.next()

    place = wizard.place_page.place
    type_text(place.province.lineEdit(), "Tuyên Quang")
    type_text(place.commune.lineEdit(), "Xã Không Có")
    assert not _next_enabled(wizard)
    assert not wizard.place_page.commune_error.isVisibleTo(wizard)  # still typing: not red yet
    qtbot.keyClick(place.commune.lineEdit(), Qt.Key.Key_Return)
    assert wizard.place_page.commune_error.isVisibleTo(wizard)
    assert "Không có xã, phường, đặc khu này" in wizard.place_page.commune_error.text()


def test_commune_filter_is_contains_and_case_insensitive(wizard):
    place = wizard.place_page.place
    place.province.setCurrentIndex(place.province.findData("08"))
    completer = place.commune.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    completer.setCompletionPrefix("lũng cú")
    assert completer.completionCount() >= 1
    assert completer.currentCompletion() == "Xã Lũng Cú"


def test_changing_commune_updates_suggested_place(wizard, type_text):
    wizard.next()
    type_text(wizard.name_page.name, "UBND")
    wizard.next()
    place = wizard.place_page.place
    place.set_commune("00715")
    wizard.next()
    assert wizard.head_page.place_name.text() == "Lũng Cú"
    wizard.back()
    place.set_commune("00694")
    wizard.next()
    assert wizard.head_page.place_name.text() == "Hà Giang 1"


@pytest.mark.parametrize(
    ("typed", "named"),
    [("Ủy ban nhân dân xã Lũng Cú\u202e", "U+202E"), ("Ủy ban\x1b nhân dân", "U+001B"), ("Ủy ban " * 40, "200")],
)
def test_a_unit_name_the_province_would_refuse_is_stopped_on_its_page(wizard, type_text, typed, named):
    """Review W2: the wizard saved a name with a direction control, an ESC or 700 characters; the province then
    refused the unit's key file ("tên đơn vị: có ký tự ẩn…"), so the unit could never send anything."""
    wizard.next()
    page = wizard.name_page
    page.name.setText(typed)
    page.name.textEdited.emit(typed)
    assert not _next_enabled(wizard)
    assert page.name_error.isVisibleTo(wizard) and named in page.name_error.text()
    assert page.name_error.text().startswith("Tên đơn vị:")


def test_the_heads_name_with_a_hidden_character_keeps_finish_off(wizard, type_text):
    wizard.next()
    type_text(wizard.name_page.name, "Ủy ban nhân dân xã Lũng Cú")
    wizard.next()
    place = wizard.place_page.place
    type_text(place.province.lineEdit(), "Tuyên Quang")
    type_text(place.commune.lineEdit(), "Xã Lũng Cú")
    wizard.next()
    head = wizard.head_page
    head.head_name.setText("Nguyễn Văn\x07 Hùng")
    head.head_name.textEdited.emit(head.head_name.text())
    assert wizard.currentPage() is head
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert "U+0007" in head.name_error.text()
    head.head_name.setText("Nguyễn Văn Hùng")
    head.head_name.textEdited.emit(head.head_name.text())
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_a_province_retyped_into_nothing_known_stops_the_wizard(wizard, type_text):
    """Review W6: with the province box red ("Ha Noi x") the commune kept 00715 and Next stayed enabled."""
    wizard.next()
    type_text(wizard.name_page.name, "Ủy ban nhân dân xã Lũng Cú")
    wizard.next()
    place = wizard.place_page.place
    type_text(place.province.lineEdit(), "Tuyên Quang")
    type_text(place.commune.lineEdit(), "Xã Lũng Cú")
    assert _next_enabled(wizard)
    place.province.lineEdit().clear()
    type_text(place.province.lineEdit(), "Ha Noi x")
    assert place.province_code() == ""
    assert not _next_enabled(wizard)
    wizard.reject()  # closed before it is destroyed, with its completer popups
