"""Province and commune search without accents; no red error while the clerk is still typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture
def place_page(store, qtbot):
    from desktop.ui.wizard import SetupWizard

    store.actor = "tester"
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    wizard.name_page.name.setText("Ủy ban nhân dân xã Lũng Cú")
    wizard.next()
    assert wizard.currentPage() is wizard.place_page
    # yield, not return: the wizard must outlive the test (qtbot holds widgets weakly; a collected wizard deleted
    # the page under the test, "Internal C++ object already deleted")
    yield wizard.place_page


def _completions(combo) -> list[str]:
    model = combo.completer().completionModel()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _leave(widget) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def test_typing_tuyen_finds_tuyen_quang_without_error(place_page, type_text):
    page = place_page
    province = page.place.province
    type_text(province.lineEdit(), "tuyen")
    assert "Tuyên Quang" in _completions(province)
    assert not page.province_error.isVisibleTo(page)  # half a name: no red text while typing
    assert province.completer().pathFromIndex(province.completer().completionModel().index(0, 0)) == "Tuyên Quang"


def test_typing_lung_cu_finds_lung_cu(place_page, type_text):
    page = place_page
    place = page.place
    type_text(place.province.lineEdit(), "tuyen quang")  # the whole name without accents picks it
    assert place.province_code() == "08" and place.province.currentText() == "Tuyên Quang"
    type_text(place.commune.lineEdit(), "lung cu")
    assert "Xã Lũng Cú" in _completions(place.commune)
    assert not page.commune_error.isVisibleTo(page)
    place.commune.lineEdit().clear()
    type_text(place.commune.lineEdit(), "xa lung cu")
    assert place.commune_code() == "00715" and place.commune.currentText() == "Xã Lũng Cú"
    assert page.isComplete()


def test_accented_and_upper_case_typing_still_finds(place_page, type_text):
    province = place_page.place.province
    type_text(province.lineEdit(), "TUYÊN")
    assert "Tuyên Quang" in _completions(province)


def test_error_only_when_leaving_the_box(place_page, type_text):
    page = place_page
    province = page.place.province
    type_text(province.lineEdit(), "tinh khong co")
    assert not page.province_error.isVisibleTo(page)
    _leave(province.lineEdit())
    assert page.province_error.isVisibleTo(page)
    assert page.province_error.text() == "Không có tỉnh, thành phố này trong danh sách."
    province.lineEdit().clear()
    type_text(province.lineEdit(), "Tuyên Quang")
    assert not page.province_error.isVisibleTo(page)  # typing a right name clears the problem at once


def test_popup_opening_is_not_leaving(place_page, type_text):
    page = place_page
    province = page.place.province
    type_text(province.lineEdit(), "xyz")
    QApplication.sendEvent(province.lineEdit(), QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.PopupFocusReason))
    assert not page.province_error.isVisibleTo(page)
