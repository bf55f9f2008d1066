"""The leave dialog names the councils of undecided rounds the person sits on, before the clerk confirms."""

from __future__ import annotations

import pytest

from desktop.ops.demo import fill_demo
from desktop.store import Store
from tests.demo_date import DEMO_TODAY
from tests.ops.test_council_left_seats import ROUND_NAME, council_of_staff


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


def test_the_leave_dialog_names_the_council_seat_and_still_records_the_leave(demo, qtbot, monkeypatch):
    from desktop.ui import widgets
    from desktop.ui.staff.leave_dialog import LeaveDialog

    _round_id, people = council_of_staff(demo)
    secretary = people[2]
    dialog = LeaveDialog(demo, staff_id=secretary["id"], full_name=secretary["full_name"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.seats_note.isVisible()
    assert dialog.seats_note.text().startswith(
        f"{secretary['full_name']} đang là thành viên Hội đồng Thi đua - Khen thưởng của đợt bình xét chưa có quyết "
        f"định: “{ROUND_NAME}” năm 2025 (Thư ký, họp ngày 10/12/2025)."
    )
    asked: list[str] = []
    monkeypatch.setattr(widgets, "ask_confirm", lambda _parent, _title, text: asked.append(text) or True)
    dialog.end_date.setText("30/11/2025")
    dialog.save()
    assert "Ngày 30/11/2025 trước ngày họp Hội đồng của đợt “" + ROUND_NAME in asked[0]
    assert demo.scalar("SELECT end_date FROM staff WHERE id = ?", (secretary["id"],))[:10] == "2025-11-30"

    other = demo.query_one(
        "SELECT id, full_name FROM staff WHERE id NOT IN (SELECT staff_id FROM council_members "
        "WHERE staff_id IS NOT NULL) AND end_date IS NULL ORDER BY id"
    )
    outsider = LeaveDialog(demo, staff_id=other["id"], full_name=other["full_name"])
    qtbot.addWidget(outsider)
    outsider.show()
    assert not outsider.seats_note.isVisible()
