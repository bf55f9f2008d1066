"""The staff page with real widgets and a real database: keyboard entry, search, sort, leave, records."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.domain.staff import StaffDraft
from desktop.ops import staff as staff_ops
from desktop.store import staff_repo
from desktop.ui.context import AppContext
from desktop.ui.staff import model as m
from desktop.ui.staff.edit_dialog import StaffEditDialog
from desktop.ui.staff.page import StaffPage

PEOPLE = [
    ("Nguyễn Văn Sơn", "M", date(1980, 3, 5), "Phòng Kinh tế"),
    ("Đặng Thị Ánh", "F", date(1985, 7, 1), "Văn phòng HĐND và UBND"),
    ("Trần Minh An", "M", date(1990, 1, 20), "Phòng Kinh tế"),
    ("Lê Thị Yến", "F", date(1978, 11, 2), "Hội Phụ nữ"),
    ("Giàng Seo Dũng", "M", date(1988, 5, 9), ""),
    ("Hoàng Văn Dung", "M", date(1970, 2, 14), "Công an xã"),
]


@pytest.fixture
def context(unit_store):
    for name, gender, birth, department in PEOPLE:
        staff_ops.add_staff(
            unit_store, draft=StaffDraft(full_name=name, gender=gender, birth_date=birth, department=department)
        )
    return AppContext(unit_store, actor="thu_ky")


@pytest.fixture
def page(qtbot, context):
    widget = StaffPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def confirm_yes(monkeypatch):
    asked: list[str] = []

    def fake(parent, title, text):
        asked.append(text)
        return True

    monkeypatch.setattr("desktop.ui.widgets.ask_confirm", fake)
    return asked


def names(page: StaffPage) -> list[str]:
    return [page.model.data(page.model.index(r, m.COL_NAME)) for r in range(page.model.rowCount())]


def type_text(qtbot, widget, text: str) -> None:
    """Type like a keyboard; QTest's keyClicks only knows ASCII, so Vietnamese letters go as key events."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_add_person_with_keyboard_only(qtbot, context):
    dialog = StaffEditDialog(context.store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    focus(qtbot, dialog.full_name)
    type_text(qtbot, dialog.full_name, "Phạm Thị Hương")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.staff_code
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.gender
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Down)  # (chưa rõ) -> Nam -> Nữ
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.birth_date
    qtbot.keyClicks(dialog.birth_date, "05/03/1980")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.position
    type_text(qtbot, dialog.position, "Công chức Tư pháp - Hộ tịch")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.position, Qt.Key.Key_Return)
    row = staff_repo.get_staff(context.store, dialog.saved_id)
    assert row["full_name"] == "Phạm Thị Hương"
    assert row["gender"] == "F"
    assert row["birth_date"] == "1980-03-05"
    assert row["position"] == "Công chức Tư pháp - Hộ tịch"
    assert row["staff_code"].startswith("CB")
    actor = context.store.scalar(
        "SELECT actor FROM audit_log WHERE table_name = 'staff' AND record_uuid = ?", (row["uuid"],)
    )
    assert actor == "thu_ky"


def test_validation_error_next_to_the_field_keeps_dialog_open(qtbot, context):
    dialog = StaffEditDialog(context.store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.full_name, "Vũ Văn Nam")
    qtbot.keyClicks(dialog.birth_date, "31/02/1980")
    qtbot.keyClick(dialog.birth_date, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    error = dialog.rows["birth_date"].error
    assert error.isVisible()
    assert "31/02/1980" in error.text()
    assert not dialog.rows["full_name"].error.isVisible()
    # the error label sits beside the date field, in the same row
    assert error.parent() is dialog.rows["birth_date"]
    assert abs(error.mapTo(dialog, error.rect().center()).y() - dialog.birth_date.mapTo(
        dialog, dialog.birth_date.rect().center()).y()) < 15  # fmt: skip
    assert dialog.full_name.text() == "Vũ Văn Nam"
    assert context.store.scalar("SELECT count(*) FROM staff WHERE full_name = 'Vũ Văn Nam'") == 0
    # domain validation from ops (a name with digits) also lands beside its field
    dialog.birth_date.setText("01/02/1980")
    dialog.full_name.setText("Vũ Văn Nam 2")
    dialog.save()
    assert dialog.rows["full_name"].error.isVisible()
    assert not dialog.rows["birth_date"].error.isVisible()
    dialog.full_name.setText("Vũ Văn Nam")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save()


def test_escape_cancels(qtbot, context):
    dialog = StaffEditDialog(context.store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.full_name, "Ai Đó")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog.full_name, Qt.Key.Key_Escape)
    assert context.store.scalar("SELECT count(*) FROM staff WHERE full_name = 'Ai Đó'") == 0


def test_ctrl_n_on_the_page_opens_the_new_person_dialog(qtbot, page):
    seen = []

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        assert isinstance(dialog, StaffEditDialog)
        dialog.full_name.setText("Bùi Xuân Phong")
        qtbot.keyClick(dialog.full_name, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill_dialog)
    focus(qtbot, page.view)
    with qtbot.waitSignal(page.context.data_changed, timeout=5000) as signal:
        qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen and signal.args == ["staff"]
    assert "Bùi Xuân Phong" in names(page)
    assert page.model.data(page.view.currentIndex().siblingAtColumn(m.COL_NAME)) == "Bùi Xuân Phong"


def test_enter_on_a_row_edits_it(qtbot, page):
    page.select_staff(page.model.staff_id(names(page).index("Trần Minh An")))

    def change():
        dialog = QApplication.activeModalWidget()
        assert dialog.full_name.text() == "Trần Minh An"
        assert dialog.birth_date.text() == "20/01/1990"
        dialog.position.setText("Phó Chủ tịch")
        dialog.save()

    QTimer.singleShot(50, change)
    focus(qtbot, page.view)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    row = page.current_row()
    assert page.model.data(page.model.index(row, m.COL_POSITION)) == "Phó Chủ tịch"


def test_search_without_accents_and_count_label(qtbot, page):
    assert page.count_label.text() == "Đang hiện 6 / 6 người"
    page.search.setText("nguyen van son")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)  # the debounce timer fires
    assert names(page) == ["Nguyễn Văn Sơn"]
    assert page.count_label.text() == "Đang hiện 1 / 6 người"
    page.search.setText("dang")
    page.apply_search()
    assert names(page) == ["Đặng Thị Ánh"]
    page.search.setText("đặng")
    page.apply_search()
    assert names(page) == ["Đặng Thị Ánh"]
    page.search.setText("dung")
    page.apply_search()
    assert sorted(names(page)) == ["Giàng Seo Dũng", "Hoàng Văn Dung"]
    assert names(page) == ["Hoàng Văn Dung", "Giàng Seo Dũng"]  # Dung before Dũng (tone order)


def test_default_order_and_sorting_by_header(qtbot, page):
    # given name first: An, Ánh, Dung, Dũng, Sơn, Yến
    assert names(page) == [
        "Trần Minh An", "Đặng Thị Ánh", "Hoàng Văn Dung", "Giàng Seo Dũng", "Nguyễn Văn Sơn", "Lê Thị Yến",
    ]  # fmt: skip
    header = page.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, m.COL_BIRTH))
    births = [page.model.data(page.model.index(r, m.COL_BIRTH)) for r in range(6)]
    assert births[0] == "14/02/1970" and births[-1] == "20/01/1990"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, m.COL_NAME))
    assert names(page)[0] == "Trần Minh An"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, m.COL_NAME))
    assert names(page)[0] == "Lê Thị Yến"


def _section_center(header, column):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def test_mark_left_show_left_and_reinstate(qtbot, page, confirm_yes):
    staff_id = page.model.staff_id(names(page).index("Lê Thị Yến"))
    page.select_staff(staff_id)
    assert page.leave_button.isEnabled() and not page.reinstate_button.isEnabled()

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.end_date.setText("31/12/2025")
        dialog.reason.setText("Nghỉ hưu")
        dialog.save()

    QTimer.singleShot(50, fill)
    page.leave_button.click()
    assert confirm_yes and "31/12/2025" in confirm_yes[0]
    assert "Lê Thị Yến" not in names(page)
    assert page.count_label.text() == "Đang hiện 5 / 6 người"
    row = staff_repo.get_staff(page.store, staff_id)
    assert row["end_date"] == "2025-12-31" and row["left_reason"] == "Nghỉ hưu"

    page.show_left.setChecked(True)
    assert "Lê Thị Yến" in names(page)
    r = page.model.row_of(staff_id)
    assert page.model.data(page.model.index(r, m.COL_STATUS)) == "Đã thôi công tác từ 31/12/2025"
    page.select_staff(staff_id)
    assert page.reinstate_button.isEnabled() and not page.leave_button.isEnabled()
    page.reinstate_button.click()
    assert staff_repo.get_staff(page.store, staff_id)["end_date"] is None
    r = page.model.row_of(staff_id)
    assert page.model.data(page.model.index(r, m.COL_STATUS)) == "Đang công tác"


def test_department_filter(qtbot, page):
    index = page.department.findText("Phòng Kinh tế")
    page.department.setCurrentIndex(index)
    assert sorted(names(page)) == ["Nguyễn Văn Sơn", "Trần Minh An"]
    assert page.department.itemText(1) == "Công an xã"  # Vietnamese order of departments
    page.department.setCurrentIndex(0)
    assert len(names(page)) == 6


def test_reloads_when_another_page_changes_staff(qtbot, page):
    staff_ops.add_staff(page.store, draft=StaffDraft(full_name="Ma Văn Thắng"))
    assert "Ma Văn Thắng" not in names(page)
    page.context.data_changed.emit("staff")
    assert "Ma Văn Thắng" in names(page)


def test_records_ratings_tab_saves_a_rating(qtbot, page, confirm_yes):
    staff_id = page.model.staff_id(names(page).index("Nguyễn Văn Sơn"))
    page.select_staff(staff_id)
    from desktop.ui.staff.records import StaffRecordsDialog

    dialog = StaffRecordsDialog(page.store, staff_id=staff_id)
    qtbot.addWidget(dialog)
    tab = dialog.ratings
    tab.year.setValue(2024)
    tab.rating.setCurrentIndex(tab.rating.findData("HTXSNV"))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert staff_repo.ratings_for(page.store, staff_id)[0]["rating"] == "HTXSNV"
    assert tab.row_count() == 1
    assert tab.table.item(0, 1).text() == "Hoàn thành xuất sắc nhiệm vụ"
    # same year again replaces the rating
    tab.rating.setCurrentIndex(tab.rating.findData("HTTNV"))
    tab.add_button.click()
    assert [r["rating"] for r in staff_repo.ratings_for(page.store, staff_id)] == ["HTTNV"]

    leave = dialog.leave
    leave.kind.setCurrentIndex(leave.kind.findData("maternity"))
    assert "được tính là thời gian công tác" in leave.counts_note.text()
    leave.start.setText("01/03/2024")
    leave.end.setText("31/08/2024")
    leave.add_button.click()
    assert leave.table.item(0, 3).text() == "Có"

    initiatives = dialog.initiatives
    initiatives.title.setText("Số hóa hồ sơ một cửa")
    initiatives.recognized.setText("15/11/2024")
    initiatives.add_button.click()
    assert initiatives.row_count() == 1

    discipline = dialog.discipline
    discipline.start.setText("32/01/2024")
    discipline.add_button.click()
    assert "32/01/2024" in discipline.error.text()
    assert discipline.row_count() == 0
    discipline.start.setText("01/02/2024")
    discipline.pending.setChecked(True)
    discipline.add_button.click()
    assert discipline.row_count() == 1

    # deleting a mistyped row asks first
    initiatives.table.selectRow(0)
    initiatives.delete_button.click()
    assert confirm_yes and "Số hóa hồ sơ một cửa" in confirm_yes[-1]
    assert initiatives.row_count() == 0
    assert staff_repo.initiatives_for(page.store, staff_id) == []


def test_the_records_dialog_fits_the_screen_it_opens_on(qtbot, page):
    """It was resized to 1040×560 whatever the screen: on a 1024×600 netbook its right edge and its "Đóng" button
    were off the screen (review G). Sized like the other large dialogs now, within the screen's free area."""
    from PySide6.QtGui import QGuiApplication

    from desktop.ui.staff.records import StaffRecordsDialog

    staff_id = page.model.staff_id(names(page).index("Nguyễn Văn Sơn"))
    dialog = StaffRecordsDialog(page.store, staff_id=staff_id)
    qtbot.addWidget(dialog)
    available = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert available.width() < 1040  # the offscreen screen is smaller than the dialog's own size
    assert dialog.width() <= available.width() - 20
    assert dialog.height() <= available.height() - 60
