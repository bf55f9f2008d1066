"""The words of the law in the window, with real widgets on the demo commune: the decision dialog's signing modes,
achievement and counts; replacing and cancelling on the Quyết định page; papers on the certificate page; the
standing agency on the Unit page; "Thôi công tác" on the staff page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.ops import certificates, review
from tests.demo_date import DEMO_TODAY
from tests.ops.test_documents_law import COUNCIL, seven_people_two_awards


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


@pytest.fixture
def boxes(monkeypatch):
    seen: dict[str, list[str]] = {"critical": [], "information": [], "warning": []}

    def recorder(kind):
        def show(_parent, _title, text, *args, **kwargs):
            seen[kind].append(text)
            return QMessageBox.StandardButton.Ok

        return show

    for kind in seen:
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


@pytest.fixture
def confirm(monkeypatch):
    answers: list[str] = []

    def yes(_parent, _title, text):
        answers.append(text)
        return True

    for module in ("desktop.ui.review.decision_dialog", "desktop.ui.review.decisions_page"):
        monkeypatch.setattr(f"{module}.ask_confirm", yes)
    return answers


@pytest.fixture
def round_id(demo_context) -> int:
    store = demo_context.store
    created = review.create_round(store, year=2025, today=DEMO_TODAY)
    review.set_council(store, round_id=created, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL)
    for nomination in review.get_round(store, created)["nominations"]:
        if nomination["code"] == "CSTDCS" and nomination["conferred_by"] == "unit":
            review.record_ballot(store, nomination_id=nomination["id"], agree=4, disagree=0, invalid=0)
    return created


def _dialog(demo_context, qtbot, round_id, chosen: set[int]):
    from desktop.ui.review.decision_dialog import DecisionDialog

    dialog = DecisionDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    for nomination, check in zip(dialog.rows, dialog.checks, strict=True):
        check.setChecked(nomination["id"] in chosen)
    dialog.decision_date.setText("20/12/2025")
    return dialog


def test_decision_dialog_signs_kt_and_counts_people_apart_from_awards(demo_context, qtbot, round_id, boxes, confirm):
    store = demo_context.store
    chosen = set(seven_people_two_awards(store, round_id))
    dialog = _dialog(demo_context, qtbot, round_id, chosen)
    modes = [dialog.signing.itemData(i) for i in range(dialog.signing.count())]
    assert modes == ["chair", "deputy", "body"]
    assert dialog.signing.currentData() == "chair"  # what the law gives for LĐTT and Giấy khen
    assert "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in dialog.signing.itemText(1)
    assert "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" in dialog.signing.itemText(2)
    assert "7/" in dialog.count_label.text() and "14/" in dialog.count_label.text()
    assert dialog.achievement.text() == ""  # two awards with different words: each line keeps its own
    dialog.signing.setCurrentIndex(1)
    assert dialog.signer_title.text() == "Phó Chủ tịch" and dialog.signer_name.text() == ""
    dialog.signer_name.setText("Lò Văn Chứ")
    job = dialog.issue()
    assert job is not None, dialog.error.text()
    with qtbot.waitSignal(job.finished, timeout=20000):  # issued in the background (a backup first)
        pass
    decision_id = dialog.decision_id
    assert decision_id is not None, dialog.error.text()
    assert "7 người, tập thể (14 lượt khen thưởng)" in confirm[-1]
    assert "14 người" not in confirm[-1]
    assert "7 người, tập thể (14 lượt khen thưởng)" in boxes["information"][-1]
    decision = review.get_decision(store, decision_id=decision_id)
    assert (decision["signing_mode"], decision["signer_title"], decision["signer_name"]) == (
        "deputy",
        "Phó Chủ tịch",
        "Lò Văn Chứ",
    )


def test_decision_dialog_prefills_the_achievement_of_the_award_chosen(demo_context, qtbot, round_id):
    nominations = review.get_round(demo_context.store, round_id)["nominations"]
    cstdcs = {n["id"] for n in nominations if n["code"] == "CSTDCS" and n["status"] == "passed"}
    ldtt = {n["id"] for n in nominations if n["code"] == "LDTT"}
    dialog = _dialog(demo_context, qtbot, round_id, cstdcs)
    assert dialog.achievement.text() == "Đã có thành tích tiêu biểu, xuất sắc trong phong trào thi đua năm 2025"
    for nomination, check in zip(dialog.rows, dialog.checks, strict=True):
        check.setChecked(nomination["id"] in ldtt)
    assert dialog.achievement.text() == "Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025"
    dialog.achievement.setText("Thành tích do văn thư gõ")
    for nomination, check in zip(dialog.rows, dialog.checks, strict=True):
        check.setChecked(nomination["id"] in cstdcs)
    assert dialog.achievement.text() == "Thành tích do văn thư gõ"  # the clerk's words are never overwritten


def test_decisions_page_replaces_and_cancels_with_the_words_of_the_law(
    demo_context, qtbot, round_id, boxes, confirm, monkeypatch
):
    from desktop.ui.review.decisions_page import DecisionsPage

    store = demo_context.store
    ids = seven_people_two_awards(store, round_id)
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 20),
        signer_title="Phó Chủ tịch",
        signer_name="Lò Văn Chứ",
        subject="Về việc khen thưởng năm 2025",
        nomination_ids=ids,
        signing_mode="deputy",
    )
    number = review.get_decision(store, decision_id=decision_id)["number_text"]
    page = DecisionsPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    assert page.year.findData(2025) >= 0
    page.year.setCurrentIndex(page.year.findData(2025))
    assert page.select_number(number)
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert "Người, tập thể (lượt khen thưởng)" in headers
    assert page.table.item(page.table.currentRow(), 3).text() == "7 (14 lượt)"
    assert page.correct_button.text() == "Thay thế bằng quyết định mới…"
    assert page.revoke_button.text() == "Hủy bỏ quyết định…"
    assert "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Lò Văn Chứ" in page.note.text()

    dialog = page.open_correction()
    assert dialog.windowTitle() == f"Thay thế Quyết định số {number}"
    assert dialog.signing.currentData() == "deputy"  # kept unless changed
    dialog.reason.setText("Sai trích yếu")
    dialog.decision_date.setText("22/12/2025")
    new_id = dialog.correct()
    assert new_id is not None, dialog.error.text()
    assert review.get_decision(store, decision_id=new_id)["signing_mode"] == "deputy"
    page.load(select_id=decision_id)
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == number)
    assert page.table.item(row, 5).text() == "Đã bị thay thế"

    page.load(select_id=new_id)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("Sai thẩm quyền", True))
    assert page.revoke()
    assert "thu hồi" in confirm[-1] and "Hủy bỏ" in confirm[-1]
    new_number = review.get_decision(store, decision_id=new_id)["number_text"]
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == new_number)
    assert page.table.item(row, 5).text() == "Đã hủy bỏ (thu hồi khen thưởng, tiền thưởng)"


def _certificate_page(demo_context, qtbot, subject: str):
    from desktop.ui.certificates.page import CertificatesPage

    page = CertificatesPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    for index in range(page.decision_box.count()):
        if subject in page.decision_box.itemText(index):
            page.decision_box.setCurrentIndex(index)
            return page
    raise AssertionError(subject)


def test_certificate_page_greys_out_ldtt_until_the_optional_paper_is_turned_on(demo_context, qtbot, boxes):
    page = _certificate_page(demo_context, qtbot, "Lao động tiên tiến năm 2024")
    rows = page.table.rowCount()
    assert rows > 10 and page.checked_ids() == []
    assert not page.table.item(0, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert page.table.item(0, 5).text() == "Không in giấy"
    assert "tiền thưởng và một dòng trong quyết định" in page.table.item(0, 5).toolTip()
    assert "tiền thưởng và một dòng trong quyết định" in page.table.item(0, 0).toolTip()
    assert page.optional_button.isVisible() and "Lao động tiên tiến" in page.no_paper_note.text()
    assert "(0 tờ cần in" in page.decision_box.currentText()
    page._check_all(True)
    assert page.checked_ids() == [] and page.count_label.text() == "Đã chọn 0/0"

    assert page.turn_optional_on("Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    page = _certificate_page(demo_context, qtbot, "Lao động tiên tiến năm 2024")
    assert len(page.checked_ids()) == rows
    assert {page.table.item(r, 5).text() for r in range(rows)} == {"Giấy chứng nhận"}
    assert not page.optional_button.isVisible()
    assert certificates.optional_certificates_on(demo_context.store)


def test_certificate_page_prints_a_giay_khen_decision_on_giay_khen(demo_context, qtbot, boxes):
    page = _certificate_page(demo_context, qtbot, "Giấy khen năm 2024")
    rows = page.table.rowCount()
    assert rows and len(page.checked_ids()) == rows
    assert {page.table.item(r, 5).text() for r in range(rows)} == {"Giấy khen"}
    assert page.current_template().id in ("giay_khen_a4", "giay_khen_tap_the_a4")
    assert not page.optional_button.isVisible()


def test_unit_page_records_the_standing_agency(app_context, qtbot):
    from desktop.store import unit_repo
    from desktop.ui.pages.unit_page import UnitPage

    page = UnitPage(app_context)
    qtbot.addWidget(page)
    page.show()
    assert page.place.commune.currentText() == "Xã Lũng Cú"
    page.edits["standing_agency"].setText("Phòng Văn hóa - Xã hội")
    page.edits["standing_agency_head_title"].setText("Trưởng phòng")
    page.edits["standing_agency_head_name"].setText("Hoàng Thị Mai")
    assert page.save()
    unit = unit_repo.get_unit(app_context.store)
    assert (unit["standing_agency"], unit["standing_agency_head_title"], unit["standing_agency_head_name"]) == (
        "Phòng Văn hóa - Xã hội",
        "Trưởng phòng",
        "Hoàng Thị Mai",
    )


def test_staff_page_says_thoi_cong_tac(demo_context, qtbot):
    from desktop.ui.staff.leave_dialog import LeaveDialog
    from desktop.ui.staff.page import StaffPage

    page = StaffPage(demo_context)
    qtbot.addWidget(page)
    assert page.leave_button.text() == "Thôi công tác…"
    assert page.show_left.text() == "Hiện cả người đã thôi công tác"
    dialog = LeaveDialog(demo_context.store, staff_id=1, full_name="Nguyễn Văn A")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Thôi công tác"
    assert "nghỉ việc" not in dialog.windowTitle().lower()
