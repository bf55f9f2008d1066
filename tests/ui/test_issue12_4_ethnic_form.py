"""Issue 12, point 4 — the staff form matches typed ethnic names through the same table as the import."""

from __future__ import annotations

import pytest

from desktop.store import staff_repo
from desktop.ui.staff.edit_dialog import StaffEditDialog


@pytest.mark.parametrize(("typed", "code"), [("Mông", "08"), ("hmong", "08"), ("Khmer", "05"), ("Ê Đê", "12")])
def test_a_typed_ethnic_name_is_saved_as_its_group(qtbot, app_context, typed, code):
    dialog = StaffEditDialog(app_context.store)
    qtbot.addWidget(dialog)
    dialog.full_name.setText("Giàng Thị Dợ")
    dialog.ethnic.setEditText(typed)
    dialog.ethnic.lineEdit().editingFinished.emit()
    assert dialog.ethnic.currentData() == code  # the box now shows the list entry, e.g. "08 - HMông"
    dialog.save()
    assert dialog.saved_id is not None
    assert staff_repo.get_staff(app_context.store, dialog.saved_id)["ethnic_code"] == code


def test_an_unknown_ethnic_name_is_refused_at_the_field(qtbot, app_context):
    dialog = StaffEditDialog(app_context.store)
    qtbot.addWidget(dialog)
    dialog.full_name.setText("Giàng Thị Dợ")
    dialog.ethnic.setEditText("Không rõ")
    dialog.save()
    assert dialog.saved_id is None
    assert "không có trong danh mục 54 dân tộc" in dialog.rows["ethnic_code"].error.text()
    assert app_context.store.scalar("SELECT count(*) FROM staff") == 0
