"""The movement page: "Kết thúc phong trào" asks first (default "Không") and, before the tổng kết, for the reason;
a movement whose blocks are ranked apart shows each unit's rank within its block and every block's leader."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QTabWidget

from desktop.ops import movements as mv
from desktop.ui.movements.scores_tab import LEADER_COLOR
from tests.ops.movement_flow import DEPARTMENTS, setup_unit

SIGNER = [{"name": "Nguyễn Văn A", "title": "Trưởng phòng", "member": ""}]


@pytest.fixture
def page(app_context, qtbot):
    from desktop.ui.movements.page import MovementsPage

    ids = setup_unit(app_context.store)
    store = app_context.store
    movement_id = mv.create_movement(
        store, name="Thi đua cải cách hành chính", kind="thematic", launch_date="2025-02-01",
        start_date="2025-02-01", end_date="2025-11-30",
    )  # fmt: skip
    criterion = mv.add_criterion(store, movement_id=movement_id, name="Kết quả", max_points=100)
    for block, names in (("Khối Đảng - Đoàn thể", DEPARTMENTS[:2]), ("Khối Chính quyền", DEPARTMENTS[2:4])):
        mv.sign_block_covenant(
            store, movement_id=movement_id, block_name=block, signed_on="2025-02-15", signatories=SIGNER,
            department_ids=[ids[n] for n in names],
        )  # fmt: skip
    people = mv.participants(store, movement_id=movement_id)
    mv.record_scores(
        store,
        movement_id=movement_id,
        entries=[
            {"participant": p["key"], "criterion_id": criterion, "points": v}
            for p, v in zip(people, (95, 80, 90, 70), strict=True)
        ],
    )
    widget = MovementsPage(app_context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.select_movement(movement_id)
    return widget


class Boxes:
    """QMessageBox.exec replaced: each box shown is kept, and answered with ``answer`` ("Có", "Không" or None to
    close it with no button)."""

    def __init__(self, monkeypatch, answer: str | None) -> None:
        self.shown: list[dict] = []
        boxes = self

        def exec_(box: QMessageBox) -> int:
            boxes.shown.append({"text": box.text(), "default": box.defaultButton().text()})
            chosen = next((b for b in box.buttons() if b.text() == answer), None)
            if chosen is not None:
                chosen.click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)


def _reasons(monkeypatch, answer: tuple[str, bool]) -> list[str]:
    asked: list[str] = []

    def ask(parent, title, label, text=""):
        asked.append(label)
        return answer

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(ask))
    return asked


def _status(page) -> str:
    return mv.get_movement(page.context.store, page.current_id)["status"]


def test_ending_asks_first_and_no_is_the_default(page, qtbot, monkeypatch):
    boxes = Boxes(monkeypatch, None)
    asked = _reasons(monkeypatch, ("Không dùng", True))
    qtbot.mouseClick(page.info.close_button, Qt.MouseButton.LeftButton)
    assert len(boxes.shown) == 1 and boxes.shown[0]["default"] == "Không"
    assert "chưa tổng kết" in boxes.shown[0]["text"] and "không mở lại được" in boxes.shown[0]["text"]
    assert asked == [] and _status(page) == "launched"
    Boxes(monkeypatch, "Không")
    qtbot.mouseClick(page.info.close_button, Qt.MouseButton.LeftButton)
    assert asked == [] and _status(page) == "launched"


def test_ending_before_the_tong_ket_asks_the_reason_and_keeps_it(page, qtbot, monkeypatch):
    Boxes(monkeypatch, "Có")
    asked = _reasons(monkeypatch, ("", False))  # the reason's dialog cancelled: nothing happens
    qtbot.mouseClick(page.info.close_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and _status(page) == "launched"
    _reasons(monkeypatch, ("   ", True))  # no reason: refused, in red under the tab
    qtbot.mouseClick(page.info.close_button, Qt.MouseButton.LeftButton)
    assert _status(page) == "launched" and "chưa tổng kết" in page.info.message.text()
    _reasons(monkeypatch, ("UBND tỉnh dừng phong trào", True))
    qtbot.mouseClick(page.info.close_button, Qt.MouseButton.LeftButton)
    assert _status(page) == "closed" and "Đã kết thúc phong trào" in page.info.message.text()
    assert "UBND tỉnh dừng phong trào" in mv.get_movement(page.context.store, page.current_id)["notes"]


def test_ending_after_the_tong_ket_only_asks(page, qtbot, monkeypatch):
    mv.create_review(
        page.context.store, movement_id=page.current_id, kind="tong_ket", review_date="2025-12-02",
        today=date(2025, 12, 4),
    )  # fmt: skip
    page.refresh()
    boxes = Boxes(monkeypatch, "Có")
    asked = _reasons(monkeypatch, ("", False))
    qtbot.mouseClick(page.info.close_button, Qt.MouseButton.LeftButton)
    assert "chưa tổng kết" not in boxes.shown[0]["text"] and boxes.shown[0]["default"] == "Không"
    assert asked == [] and _status(page) == "closed"


def test_each_block_shows_its_own_ranks_and_leader(page):
    tab = page.scores
    rows = {tab.grid.item(r, 0).text(): r for r in range(tab.grid.rowCount())}
    ranks = {name: tab.grid.item(r, tab.RANK).text() for name, r in rows.items()}
    assert ranks[DEPARTMENTS[0]] == "1 · Khối Đảng - Đoàn thể" and ranks[DEPARTMENTS[1]] == "2 · Khối Đảng - Đoàn thể"
    assert ranks[DEPARTMENTS[2]] == "1 · Khối Chính quyền" and ranks[DEPARTMENTS[3]] == "2 · Khối Chính quyền"
    leaders = [n for n, r in rows.items() if tab.grid.item(r, tab.RANK).background().color() == LEADER_COLOR]
    assert sorted(leaders) == sorted([DEPARTMENTS[0], DEPARTMENTS[2]])
    assert "Khối Chính quyền: " in tab.note.text()
    # the block's name after the rank fits the column on one line (it wrapped and clipped at 150 px)
    assert tab.grid.columnWidth(tab.RANK) >= tab.grid.sizeHintForColumn(tab.RANK)


def test_the_review_shows_the_blocks_and_proposes_each_leader(page):
    mv.create_review(
        page.context.store, movement_id=page.current_id, kind="tong_ket", review_date="2025-12-02",
        today=date(2025, 12, 4),
    )  # fmt: skip
    page.refresh()
    shown = page.reviews.view.toPlainText()
    assert "Khối/cụm" in shown and "Khối Chính quyền" in shown
    assert f"{DEPARTMENTS[0]}: Giấy khen" in shown and f"{DEPARTMENTS[2]}: Giấy khen" in shown


def test_deleting_a_criterion_asks_first_naming_the_scores_lost(page, qtbot, monkeypatch):
    store, movement_id, tab = page.context.store, page.current_id, page.scores
    tables = page.findChild(QTabWidget)
    tables.setCurrentWidget(tab)
    tab.grid.setCurrentCell(0, tab.FIRST)
    boxes = Boxes(monkeypatch, "Không")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert [b["default"] for b in boxes.shown] == ["Không"]
    assert "Xóa tiêu chí “Kết quả” và 4 ô điểm đã chấm" in boxes.shown[0]["text"]
    assert store.scalar("SELECT count(*) FROM criteria WHERE movement_id = ?", (movement_id,)) == 1
    boxes = Boxes(monkeypatch, "Có")
    tab.grid.setCurrentCell(0, tab.FIRST)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert len(boxes.shown) == 1
    assert store.scalar("SELECT count(*) FROM criteria WHERE movement_id = ?", (movement_id,)) == 0


def test_removing_a_registration_asks_first(page, qtbot, monkeypatch):
    store, movement_id = page.context.store, page.current_id
    person = store.query_one("SELECT id, full_name FROM staff ORDER BY id")
    mv.register(
        store, movement_id=movement_id, code="LDTT", staff_id=person["id"], registered_on="2025-03-01",
        today=date(2025, 12, 4),
    )  # fmt: skip
    page.refresh()
    tab = page.registrations
    tab.table.setCurrentCell(0, 0)
    boxes = Boxes(monkeypatch, "Không")
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [b["default"] for b in boxes.shown] == ["Không"]
    assert person["full_name"] in boxes.shown[0]["text"] and "Lao động tiên tiến" in boxes.shown[0]["text"]
    count = "SELECT count(*) FROM registrations WHERE movement_id = ?"
    assert store.scalar(count, (movement_id,)) == 1
    Boxes(monkeypatch, "Có")
    tab.table.setCurrentCell(0, 0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert store.scalar(count, (movement_id,)) == 0
