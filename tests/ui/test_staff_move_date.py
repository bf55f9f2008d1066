"""The staff form asks the date of a move when the department changes, and keeps it (schema v10): the years before
it still count the person in the department they left."""

from __future__ import annotations

from datetime import date

from desktop.ops.demo import fill_demo
from desktop.store import staff_repo
from desktop.ui.staff.edit_dialog import StaffEditDialog
from tests.demo_date import DEMO_TODAY


def _someone(store) -> dict:
    row = store.query_one(
        "SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id "
        "WHERE d.name = 'Ban Chỉ huy Quân sự xã' AND s.end_date IS NULL ORDER BY s.id LIMIT 1"
    )
    return staff_repo.get_staff(store, row["id"])


def test_the_move_date_is_asked_only_when_the_department_changes_and_is_kept(qtbot, store):
    fill_demo(store, today=DEMO_TODAY)
    person = _someone(store)
    dialog = StaffEditDialog(store, staff_id=person["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.moved_on.isVisible()
    dialog.department.setCurrentText("Phòng Kinh tế")
    assert dialog.moved_on.isVisible()
    dialog.department.setCurrentText("ban chỉ huy  quân sự xã")  # the same department, typed loosely
    assert not dialog.moved_on.isVisible()
    dialog.department.setCurrentText("Phòng Kinh tế")
    dialog.moved_on.setText("12/01/2026")
    dialog.save()
    assert dialog.saved_id == person["id"], dialog.general_error.text()
    move = store.query_one("SELECT * FROM staff_department_moves WHERE staff_id = ?", (person["id"],))
    assert move["moved_on"] == "2026-01-12"
    assert staff_repo.get_staff(store, person["id"])["department"] == "Phòng Kinh tế"


def test_a_move_dated_before_the_person_started_is_refused_at_its_field(qtbot, store):
    fill_demo(store, today=DEMO_TODAY)
    person = _someone(store)
    dialog = StaffEditDialog(store, staff_id=person["id"])
    qtbot.addWidget(dialog)
    dialog.department.setCurrentText("Phòng Kinh tế")
    dialog.moved_on.setText("01/01/1950")
    dialog.save()
    assert dialog.saved_id is None
    assert store.scalar("SELECT count(*) FROM staff_department_moves") == 0
    assert staff_repo.get_staff(store, person["id"])["department"] == "Ban Chỉ huy Quân sự xã"
    assert date(1950, 1, 1).strftime("%d/%m/%Y") in dialog.rows["moved_on"].error.text()
