"""Who signs depends on the date, in the window: the decision dialog proposes the signer in office on the date typed,
and the Unit page's box records the terms through the operations. Real widgets, the demo commune with its chairs
recorded, its real store."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.ops import officials, review
from tests.demo_date import DEMO_TODAY
from tests.ops.test_officials import record_demo_chairs

COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair"},
    {"full_name": "Lò Văn Chứ", "role": "deputy"},
    {"full_name": "Hoàng Thị Mai", "role": "member"},
    {"full_name": "Vàng Thị Dở", "role": "secretary"},
]


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    record_demo_chairs(store)
    return AppContext(store, actor="thu_ky")


@pytest.fixture
def round_id(demo_context) -> int:
    store = demo_context.store
    created = review.create_round(store, year=2025, today=DEMO_TODAY)
    review.set_council(store, round_id=created, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL)
    return created


def _terms(store) -> None:
    """Sùng Mí Pháo chairs to 14/01/2026, Lầu Mí Dình from 15/01/2026; Lò Văn Chứ deputy from 01/07/2021."""
    current = next(r for r in officials.list_officials(store) if r["full_name"] == "Sùng Mí Pháo")
    officials.end_term(store, official_id=current["id"], end_date=date(2026, 1, 14))
    officials.add_official(store, role="head", title="Chủ tịch", full_name="Lầu Mí Dình", start_date=date(2026, 1, 15))
    officials.add_official(store, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Chứ", start_date="2021-07-01")


def _signer(dialog) -> tuple[str, str]:
    return dialog.signer_title.text(), dialog.signer_name.text()


def test_the_dialog_proposes_the_signer_in_office_on_the_date_typed(demo_context, qtbot, round_id):
    from desktop.ui.review.decision_dialog import DecisionDialog

    _terms(demo_context.store)
    dialog = DecisionDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    dialog.decision_date.setText("20/12/2025")
    assert dialog.signing.currentData() == "chair"
    assert _signer(dialog) == ("Chủ tịch", "Sùng Mí Pháo")
    dialog.decision_date.setText("20/01/2026")
    assert _signer(dialog) == ("Chủ tịch", "Lầu Mí Dình")
    dialog.decision_date.setText("20/01/")  # half typed: nothing moves
    assert _signer(dialog) == ("Chủ tịch", "Lầu Mí Dình")
    dialog.decision_date.setText("20/01/2020")  # the chair before
    assert _signer(dialog) == ("Chủ tịch", "Giàng Mí Sính")
    dialog.decision_date.setText("20/12/2025")
    dialog.signing.setCurrentIndex(dialog.signing.findData("deputy"))
    assert _signer(dialog) == ("Phó Chủ tịch", "Lò Văn Chứ")
    dialog.signing.setCurrentIndex(dialog.signing.findData("chair"))
    assert _signer(dialog) == ("Chủ tịch", "Sùng Mí Pháo")
    # a name the clerk typed stays when the date changes
    dialog.signer_name.setText("Giàng Seo Dũng")
    dialog.decision_date.setText("20/01/2026")
    assert _signer(dialog) == ("Chủ tịch", "Giàng Seo Dũng")


def test_with_no_term_recorded_the_dialog_proposes_todays_head(demo_context, qtbot, round_id):
    from desktop.ui.review.decision_dialog import DecisionDialog

    store = demo_context.store
    for row in officials.list_officials(store):
        officials.remove_official(store, official_id=row["id"])
    dialog = DecisionDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    dialog.decision_date.setText("20/12/2019")
    assert _signer(dialog) == ("Chủ tịch", "Sùng Mí Pháo")
    dialog.signing.setCurrentIndex(dialog.signing.findData("deputy"))
    assert _signer(dialog) == ("Phó Chủ tịch", "")


def test_the_unit_page_box_adds_ends_and_removes_terms(demo_context, qtbot, monkeypatch):
    from desktop.ui.pages import officials_box
    from desktop.ui.pages.unit_page import UnitPage

    page = UnitPage(demo_context)
    qtbot.addWidget(page)
    box = page.officials
    assert box.title() == "Người ký quyết định theo nhiệm kỳ"
    assert box.cells() == [
        ["Chủ tịch", "Giàng Mí Sính", "01/07/2016", "30/06/2021"],
        ["Chủ tịch", "Sùng Mí Pháo", "01/07/2021", "nay"],
    ]
    assert not box.end_button.isEnabled() and not box.remove_button.isEnabled()

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    dialog = box.last_dialog
    dialog.role.setCurrentIndex(dialog.role.findData("deputy"))
    assert dialog.title.text() == "Phó Chủ tịch"
    dialog.full_name.setText("Lò Văn Chứ")
    dialog.start.setText("01/07/2021")
    dialog.end.setText("30/06/2020")
    dialog.save()
    assert "trước ngày bắt đầu" in dialog.error.text() and dialog.isVisible()
    dialog.end.setText("")
    dialog.save()
    assert box.cells()[-1] == ["Phó Chủ tịch", "Lò Văn Chứ", "01/07/2021", "nay"]

    added = officials.list_officials(demo_context.store)[-1]
    assert box.select(added["id"]) and box.end_button.isEnabled()
    qtbot.mouseClick(box.end_button, Qt.MouseButton.LeftButton)
    ending = box.last_dialog
    ending.end.setText("31/12/2025")
    ending.save()
    assert box.cells()[-1] == ["Phó Chủ tịch", "Lò Văn Chứ", "01/07/2021", "31/12/2025"]

    monkeypatch.setattr(officials_box, "ask_confirm", lambda *_args: True)
    assert box.select(added["id"]) and box.remove_selected()
    assert len(box.cells()) == 2
    operations = [
        r["operation"]
        for r in demo_context.store.query(
            "SELECT operation FROM audit_log WHERE table_name = 'unit_officials' AND actor = 'thu_ky' ORDER BY id"
        )
    ]
    assert operations == ["unit.official_add", "unit.official_end", "unit.official_remove"]


def test_a_long_refusal_is_shown_whole_the_dialog_grows(demo_context, qtbot):
    """A second head while the chair's term runs on is refused in three lines: the dialog on screen grows to show
    them all instead of drawing them under the form rows and cutting the last ones off."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui.pages.unit_page import UnitPage

    page = UnitPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.officials.add_button, Qt.MouseButton.LeftButton)
    dialog = page.officials.last_dialog
    qtbot.waitExposed(dialog)
    height_before = dialog.height()
    dialog.role.setCurrentIndex(dialog.role.findData("head"))
    dialog.full_name.setText("Lò Văn Mới")
    dialog.start.setText("10/12/2026")
    dialog.save()
    qtbot.wait(10)
    error = dialog.error
    assert "đơn vị chỉ có một người đứng đầu mỗi lúc" in error.text() and dialog.isVisible()
    assert dialog.height() > height_before
    assert error.height() >= error.heightForWidth(error.width())  # every wrapped line has its room
    buttons = dialog.findChild(QDialogButtonBox)
    assert error.geometry().bottom() < buttons.geometry().top()
    assert error.geometry().top() > dialog.end.geometry().bottom()  # not drawn over the last form row
    assert officials.list_officials(demo_context.store)[-1]["full_name"] == "Sùng Mí Pháo"  # nothing written
