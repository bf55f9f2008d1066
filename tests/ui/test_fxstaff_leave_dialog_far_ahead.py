"""A leaving date more than a year ahead is refused beside the date field, before the clerk is asked to confirm."""

from __future__ import annotations

from datetime import date

from desktop.domain.staff import StaffDraft
from desktop.ops import staff


def test_a_leaving_date_decades_ahead_is_shown_as_a_problem_without_asking(unit_store, qtbot, monkeypatch):
    from desktop.ui import widgets
    from desktop.ui.staff.leave_dialog import LeaveDialog

    staff_id = staff.add_staff(unit_store, draft=StaffDraft(full_name="Lò Văn Mười", birth_date=date(1985, 2, 3)))
    asked: list[str] = []
    monkeypatch.setattr(widgets, "ask_confirm", lambda _parent, _title, text: asked.append(text) or True)
    dialog = LeaveDialog(unit_store, staff_id=staff_id, full_name="Lò Văn Mười")
    qtbot.addWidget(dialog)
    dialog.show()
    far = date(date.today().year + 36, 3, 31)
    dialog.end_date.setText(far.strftime("%d/%m/%Y"))
    dialog.save()
    assert asked == []
    assert "quá xa trong tương lai" in dialog.end_row.error.text() and dialog.end_row.error.isVisible()
    assert unit_store.scalar("SELECT end_date FROM staff WHERE id = ?", (staff_id,)) is None
