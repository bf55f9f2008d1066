"""The yearly review through the window, on a real database with the demo commune.

Create the 2025 round, remove one nominee (with a reason), add one against the engine's advice (refused until
the reasons are typed), hold the council with an absentee's written opinion, ballots with one failing, post the
list, issue the decision, see it with register numbers, open its PDF, find it in the person's register, revoke it.
Only modal message boxes, input dialogs and ask_confirm are patched; QDesktopServices.openUrl is recorded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.documents.numbers import format_money
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


@pytest.fixture
def boxes(monkeypatch):
    """Record every modal message instead of showing it."""
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
def opened(monkeypatch):
    from PySide6.QtGui import QDesktopServices

    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


@pytest.fixture
def confirm(monkeypatch):
    answers: list[str] = []

    def yes(_parent, _title, text):
        answers.append(text)
        return True

    for module in ("desktop.ui.review.decision_dialog", "desktop.ui.review.decisions_page"):
        monkeypatch.setattr(f"{module}.ask_confirm", yes)
    return answers


def _reason(monkeypatch, text: str) -> None:
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args, **kwargs: (text, True))


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait_job(qtbot, job) -> None:
    if not job.done:
        with qtbot.waitSignal(job.finished, timeout=20000):
            pass
    assert job.error is None, job.error


def test_whole_year_through_the_window(demo_context, qtbot, monkeypatch, boxes, opened, confirm, type_text):
    from desktop.ops import review
    from desktop.ui.review import council_dialog
    from desktop.ui.review.decisions_page import DecisionsPage
    from desktop.ui.review.review_area import ReviewArea
    from desktop.ui.staff.records import StaffRecordsDialog

    store = demo_context.store
    area = ReviewArea(demo_context)
    qtbot.addWidget(area)
    area.resize(1200, 700)
    area.show()
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == ["Đợt bình xét", "Kết quả xét theo quy định"]
    rounds = area.rounds
    earlier = rounds.rounds.count()  # the demo commune's previous years

    # 1. A round for 2025: the program proposes the engine's candidates.
    dialog = rounds.open_create_dialog()
    dialog.year.setValue(2025)
    dialog.posting_days.setValue(5)
    _click(qtbot, dialog.ok_button)
    assert rounds.round is not None and rounds.round["year"] == 2025
    assert rounds.rounds.count() == earlier + 1 and rounds.rounds.currentItem().text().startswith("Năm 2025")
    proposed = [n for n in rounds.nominations if n["status"] == "proposed"]
    assert len(proposed) > 10 and rounds.table.rowCount() == len(proposed)
    assert rounds.steps.current == 0 and rounds.steps.texts()[0] == "Đề xuất"

    # 2. Remove one: refused without a reason (the ops message is shown), done with one.
    victim = next(n for n in proposed if n["code"] == "GIAY_KHEN")
    assert rounds.select_nomination(victim["id"])
    _reason(monkeypatch, "")
    assert not rounds.remove_selected()
    assert boxes["critical"] and "lý do" in boxes["critical"][-1]
    assert rounds.select_nomination(victim["id"])
    _reason(monkeypatch, "Đã được đề nghị Giấy khen ở đợt chuyên đề")
    assert rounds.remove_selected()
    assert review.get_round(store, rounds.round["id"])["nominations"]
    removed = next(n for n in rounds.nominations if n["id"] == victim["id"])
    assert removed["status"] == "removed" and removed["removed_reason"].startswith("Đã được đề nghị")
    assert not rounds.select_nomination(victim["id"])  # hidden unless "show removed"
    rounds.show_removed.setChecked(True)
    assert rounds.select_nomination(victim["id"])
    rounds.show_removed.setChecked(False)

    # 3. Add one against the engine's advice: a person not eligible for CSTĐCS.
    add = rounds.open_add_dialog()
    key = next(
        k
        for k, v in add.verdicts.items()
        if k[0] == "individual" and k[2] == "CSTDCS" and v["verdict"] == "not_eligible"
    )
    person = store.query_one("SELECT full_name FROM staff WHERE id = ?", (key[1],))["full_name"]
    type_text(add.search, person)
    assert add.subjects.count() >= 1
    assert add.select_subject(person) and add.subject_id() == key[1]
    assert add.select_code("CSTDCS")
    assert add.reasons_required() == (True, True)
    assert "(bắt buộc)" in add.change_label.text() and "(bắt buộc)" in add.override_label.text()
    before = len(rounds.nominations)
    _click(qtbot, add.ok_button)
    assert add.isVisible() and add.change_error.isVisible() and add.override_error.isVisible()
    assert "lý do" in add.change_error.text()
    type_text(add.change_reason, "Có thành tích đột xuất trong phòng chống thiên tai")
    type_text(add.override_reason, "Hội đồng xem xét ngoại lệ")
    _click(qtbot, add.ok_button)
    assert not add.isVisible()
    assert len(rounds.nominations) == before + 1
    added = next(n for n in rounds.nominations if n["staff_id"] == key[1] and n["code"] == "CSTDCS")
    assert added["override_reason"] == "Hội đồng xem xét ngoại lệ" and not added["proposed_by_engine"]

    # 4. The council: five members, one absent with a written opinion.
    council = rounds.open_council_dialog()
    council.meeting_date.setText("15/12/2025")
    council.location.setText("Hội trường UBND xã Lũng Cú")
    council.set_member(0, name="Sùng Mí Pháo", role="chair")
    for name, role, attended, opinion in (
        ("Lò Văn Chứ", "deputy", True, ""),
        ("Hoàng Thị Mai", "member", True, ""),
        ("Giàng Seo Dũng", "member", False, "Đồng ý với danh sách đề nghị"),
        ("Vàng Thị Dở", "secretary", True, ""),
    ):
        row = council.add_member("", role, attended)
        council.set_member(row, name=name, opinion=opinion)
    assert council.totals() == (5, 4)
    assert "vắng: 1" in council.counts.text()
    rows = council.ballot_rows
    assert rows and all(n["ballot_required"] for n in rows)
    assert added["id"] in {n["id"] for n in rows}
    # More ballots than members present: the arithmetic says so live, and saving is refused with the ops message.
    result = council_dialog.B_RESULT
    council.set_votes(0, 4, 1, 0)
    assert "nhiều hơn số thành viên có mặt" in council.ballots.item(0, result).text()
    _click(qtbot, council.save_ballots_button)
    assert "nhiều hơn số thành viên có mặt" in council.ballot_error.text()
    # The absent member cannot give two written votes.
    council.set_votes(0, 3, 1, 0, written_agree=1, written_disagree=1)
    assert "nhiều hơn số thành viên vắng mặt" in council.ballots.item(0, result).text()
    failing = council.row_of(added["id"])
    # 3 at the meeting + the absentee's written "agree" = 4/5 = 80 %: counted on all members, both kept apart.
    for row in range(len(rows)):
        council.set_votes(row, 3, 1, 0, written_agree=1)
    council.set_votes(failing, 3, 1, 0, written_disagree=1)
    assert "không đạt" in council.ballots.item(failing, result).text()
    assert "4/5" in council.ballots.item(0 if failing else 1, result).text()
    _click(qtbot, council.save_ballots_button)
    assert council.ballot_error.text() == ""
    saved = review.get_round(store, rounds.round["id"])
    assert saved["council"]["members_total"] == 5 and saved["council"]["present"] == 4
    kept_apart = {(n["ballot"]["agree"], n["ballot"]["written_agree"]) for n in saved["nominations"] if n["ballot"]}
    assert (3, 1) in kept_apart
    assert any(m["written_opinion"] == "Đồng ý với danh sách đề nghị" for m in saved["council"]["members"])
    by_id = {n["id"]: n for n in saved["nominations"]}
    assert by_id[added["id"]]["status"] == "failed"
    # 4 of 5 members is 80 %: enough for CSTĐCS (80 %), not for CSTĐ cấp tỉnh (90 %).
    assert all(by_id[n["id"]]["status"] == "passed" for n in rows if n["id"] != added["id"] and n["code"] == "CSTDCS")
    council.close()
    rounds.load_rounds()
    assert rounds.steps.current == 2  # Đề xuất and Hội đồng done; the posting is next

    # 5. Public posting for five days.
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("16/12/2025", True))
    assert rounds.start_posting()
    assert rounds.round["posted_to"] == "2025-12-20"
    assert rounds.steps.current == 3

    # 6. The decision: the CSTĐCS nominee the council voted down stays out; the law's ballot has no exception.
    decision_dialog = rounds.open_decision_dialog()
    decision_dialog.decision_date.setText("26/12/2025")
    assert decision_dialog.signer_name.text() == "Sùng Mí Pháo"
    assert "2025" in decision_dialog.subject.text()
    failed_row = decision_dialog.row_of(added["id"])
    assert not decision_dialog.checks[failed_row].isChecked()
    assert not decision_dialog.checks[failed_row].isEnabled()
    assert decision_dialog.overrides[failed_row] is None
    assert "bắt buộc bỏ phiếu kín" in decision_dialog.checks[failed_row].toolTip()
    chosen = len(decision_dialog.chosen_ids())
    _click(qtbot, decision_dialog.issue_button)
    _wait_job(qtbot, decision_dialog.job)  # issued in the background (a backup first)
    assert confirm and decision_dialog.error.text() == ""
    number = decision_dialog.number_text
    assert re.fullmatch(r"\d+/QĐ-UBND", number)
    assert any(number in text for text in boxes["information"])
    assert rounds.steps.current == 4

    # 7. The Quyết định page: the decision with its register numbers and frozen names.
    page = DecisionsPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.select_number(number)
    assert page.decision["number_text"] == number
    assert page.awardees.rowCount() == chosen
    assert [page.awardees.item(r, 0).text() for r in range(chosen)] == [str(n) for n in range(1, chosen + 1)]
    lines = {(page.awardees.item(r, 1).text(), page.awardees.item(r, 4).text()) for r in range(chosen)}
    assert (person, "Chiến sĩ thi đua cơ sở") not in lines  # failed the ballot, no override

    # 8. Open the decision's PDF (rendered off the UI thread, then handed to the system viewer).
    job = page.open_document("decision", "pdf")
    _wait_job(qtbot, job)
    pdf = Path(opened[-1])
    assert pdf.is_file() and pdf.suffix == ".pdf"
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    assert number.split("/")[0] in text and "QĐ-UBND" in text

    # 9. The person's award register shows it.
    awardee = page.decision["awardees"][0]
    records = StaffRecordsDialog(store, staff_id=awardee["staff_id"])
    qtbot.addWidget(records)
    assert records.tabs.tabText(records.tabs.count() - 1) == "Khen thưởng"
    table = records.awards.table
    ours = (number, "26/12/2025")  # earlier years of the demo commune may have used the same number
    found = [r for r in range(table.rowCount()) if (table.item(r, 2).text(), table.item(r, 3).text()) == ours]
    assert found and table.item(found[0], 5).text() == str(awardee["register_no"])
    assert table.item(found[0], 7).text() == "Đơn vị"
    money = table.item(found[0], 6)  # in đồng with dots, read down the column: aligned right
    assert money.text() == format_money(awardee["amount"]) and money.text().endswith(".000")
    assert money.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert not table.item(found[0], 1).textAlignment() & Qt.AlignmentFlag.AlignRight

    # 10. Revoke: refused without a reason, then kept with its reason.
    _reason(monkeypatch, "")
    assert not page.revoke()
    _reason(monkeypatch, "Sai thẩm quyền ký")
    assert page.revoke()
    assert page.decision["status"] == "revoked" and page.decision["status_reason"] == "Sai thẩm quyền ký"
    assert not page.revoke_button.isEnabled()
    records.awards.refresh()
    assert not [r for r in range(table.rowCount()) if (table.item(r, 2).text(), table.item(r, 3).text()) == ours]


def test_award_from_above_in_the_register(demo_context, qtbot, boxes):
    from desktop.ui.staff.records import StaffRecordsDialog

    store = demo_context.store
    staff_id = int(store.scalar("SELECT id FROM staff ORDER BY id LIMIT 1"))
    records = StaffRecordsDialog(store, staff_id=staff_id)
    qtbot.addWidget(records)
    tab = records.awards
    before = tab.row_count()
    dialog = tab.open_add_dialog()
    dialog.year.setValue(2024)
    dialog.code.setCurrentIndex(dialog.code.findData("BK_TINH"))
    dialog.issuer.setText("Ủy ban nhân dân tỉnh Tuyên Quang")
    assert dialog.save() is None and "số quyết định" in dialog.error.text()
    dialog.decision_no.setText("1234/QĐ-UBND")
    dialog.decision_date.setText("20/05/2024")
    assert dialog.save()
    assert tab.row_count() == before + 1
    row = next(r for r in range(tab.row_count()) if tab.table.item(r, 2).text() == "1234/QĐ-UBND")
    assert tab.table.item(row, 7).text() == "Cấp trên"
    assert tab.table.item(row, 3).text() == "20/05/2024"


def test_number_gap_and_decisions_area_in_window(main_window, qtbot, boxes):
    from desktop.ui.review.decisions_page import DecisionsPage
    from desktop.ui.review.review_area import ReviewArea

    assert isinstance(main_window.show_page("decisions"), DecisionsPage)
    area = main_window.show_page("nominations")
    assert isinstance(area, ReviewArea)
    page = main_window.show_page("decisions")
    dialog = page.open_gap_dialog()
    dialog.year.setValue(2025)
    dialog.number.setValue(7)
    assert dialog.save() is None and "lý do" in dialog.error.text()
    dialog.reason.setPlainText("Số đã cấp cho công văn gửi nhầm sổ")
    assert dialog.save()
    page.year.setCurrentIndex(0)
    assert "7/QĐ-UBND (2025)" in page.gaps.text()


def test_dossier_upward_documents_into_a_folder(demo_context, qtbot, boxes, opened, tmp_path):
    from desktop.ops import review
    from desktop.ui.review.dossier_widget import DossierWidget

    store = demo_context.store
    round_id = review.create_round(store, year=2025)
    widget = DossierWidget(demo_context, round_id)
    qtbot.addWidget(widget)
    upward = widget.upward
    assert upward and all(n["conferred_by"] == "upward" for n in upward)
    assert "Gói hồ sơ điện tử" in " ".join(label.text() for label in widget.findChildren(type(widget.heading)))
    assert not widget.render_button.isEnabled()
    # Bằng khen tỉnh counts on this year's CSTĐCS: the council votes it first, or nothing goes up.
    members = [{"full_name": f"Thành viên {i}", "role": "chair" if i == 1 else "member"} for i in range(1, 6)]
    review.set_council(store, round_id=round_id, meeting_date="2025-12-15", location="Hội trường", members=members)
    for nomination in review.get_round(store, round_id)["nominations"]:
        if nomination["code"] == "CSTDCS":
            review.record_ballot(store, nomination_id=nomination["id"], agree=5, disagree=0, invalid=0)
    widget.load()
    assert widget.build()
    assert widget.items and all(n["status"] == "sent_up" for n in widget.items)
    job = widget.render_to_folder(tmp_path)
    _wait_job(qtbot, job)
    folder = tmp_path / "ho-so-de-nghi-cap-tren-2025"
    names = sorted(p.name for p in folder.iterdir())
    assert "01-to-trinh-2025.pdf" in names and "02-danh-sach-de-nghi-2025.xlsx" in names
    reports = [n for n in names if n.startswith("03-bao-cao-thanh-tich-")]
    assert len(reports) == len(widget.items)
    assert boxes["information"] and opened[-1] == str(folder)


def test_series_next_number_dialog(demo_context, qtbot, boxes):
    from desktop.ops import review
    from desktop.ui.review.decisions_page import DecisionsPage

    page = DecisionsPage(demo_context)
    qtbot.addWidget(page)
    assert page.series_button.text() == "Đặt số tiếp theo…"
    dialog = page.open_series_dialog()
    dialog.year.setValue(2024)
    assert "số lớn nhất đã ban hành" in dialog.current.text()
    dialog.next_number.setValue(1)
    dialog.reason.setPlainText("Tiếp nối sổ")
    assert dialog.save() is None and "phải lớn hơn" in dialog.error.text()
    dialog.year.setValue(2025)
    assert "chưa có quyết định" in dialog.current.text()
    dialog.next_number.setValue(125)
    dialog.reason.setPlainText("")
    assert dialog.save() is None and "lý do" in dialog.error.text()
    dialog.reason.setPlainText("Tiếp nối sổ quyết định của Văn phòng")
    assert dialog.save()
    series = review.list_number_series(demo_context.store, year=2025)
    assert [(s["series_key"], s["next_number"]) for s in series] == [("QĐ-UBND", 125)]


def test_add_household_nomination_through_the_dialog(demo_context, qtbot, boxes, type_text):
    from desktop.ops import review
    from desktop.ops.rules import effective_pack
    from desktop.ui.review.rounds_widget import RoundsWidget

    store = demo_context.store
    rounds = RoundsWidget(demo_context)
    qtbot.addWidget(rounds)
    rounds.show()
    create = rounds.open_create_dialog()
    create.year.setValue(2025)
    _click(qtbot, create.ok_button)
    round_id = rounds.round["id"]

    add = rounds.open_add_dialog()
    assert add.household.text() == "Hộ gia đình" and not add.household_box.isVisible()
    add.household.setChecked(True)
    assert add.target_kind() == "household"
    assert add.household_box.isVisible() and not add.subjects.isVisible()
    # the hidden list's room goes below the form, not between its rows: each label stays beside its field
    add.layout().activate()
    from PySide6.QtCore import QPoint

    gap = add.change_reason.mapTo(add, QPoint()).y() - add.code.mapTo(add, QPoint()).y()
    assert gap < 120, gap
    # Only codes whose pack item can go to a household are offered.
    pack = effective_pack(store)
    codes = [add.code.itemData(i) for i in range(add.code.count()) if add.code.itemData(i)]
    assert "GDVH" in codes and "CSTDCS" not in codes
    assert all("household" in pack.item(code).targets for code in codes)
    assert add.select_code("GDVH")

    # The name is required, with the message next to the field.
    _click(qtbot, add.ok_button)
    assert add.isVisible() and add.household_error.isVisible() and "hộ gia đình" in add.household_error.text()
    type_text(add.household_name, "Hộ ông Vàng Mí Dính")
    assert not add.household_error.isVisible()
    # The engine never proposes households: a change reason is required, no override reason.
    assert add.reasons_required() == (True, False)
    assert "(bắt buộc)" in add.change_label.text() and "(bắt buộc)" not in add.override_label.text()
    _click(qtbot, add.ok_button)
    assert add.isVisible() and add.change_error.isVisible() and "lý do" in add.change_error.text()
    type_text(add.change_reason, "Gia đình tiêu biểu của thôn")
    _click(qtbot, add.ok_button)
    assert not add.isVisible() and add.nomination_id
    assert not boxes["critical"]

    found = [
        n
        for n in review.get_round(store, round_id)["nominations"]
        if n["target_kind"] == "household" and n["code"] == "GDVH"
    ]
    assert [n["household_name"] for n in found] == ["Hộ ông Vàng Mí Dính"]
    assert found[0]["id"] == add.nomination_id and found[0]["change_reason"] == "Gia đình tiêu biểu của thôn"


def test_council_members_from_the_staff_list(demo_context, qtbot, boxes, type_text):
    from desktop.domain.text import fold
    from desktop.ops import review
    from desktop.store import staff_repo
    from desktop.ui.review.council_dialog import CouncilDialog

    store = demo_context.store
    round_id = review.create_round(store, year=2025)
    council = CouncilDialog(demo_context, round_id)
    qtbot.addWidget(council)
    council.show()
    assert council.pick_staff_button.text() == "Thêm từ danh sách cán bộ…"
    chair = council.member_values()[0]["full_name"]
    names = [p["full_name"] for p in staff_repo.list_staff(store)]
    unique = [p for p in staff_repo.list_staff(store) if names.count(p["full_name"]) == 1 and p["full_name"] != chair]
    first, second = unique[0], unique[-1]

    _click(qtbot, council.pick_staff_button)
    picker = council.last_picker
    assert picker.isVisible() and not picker.ok_button.isEnabled()
    # Typed without accents, the filter still finds each person; ticks survive a new filter.
    for person in (first, second):
        picker.filter.clear()
        type_text(picker.filter, fold(person["full_name"]))
        assert person["full_name"] in picker.visible_names()
        assert len(picker.visible_names()) < picker.list.count()
        assert picker.set_checked(person["full_name"])
    assert picker.count.text() == "Đã chọn 2 người."
    _click(qtbot, picker.ok_button)
    assert not picker.isVisible()
    assert council.totals() == (3, 3)
    values = council.member_values()
    assert [(m["full_name"], m["staff_id"], m["role"]) for m in values[1:]] == [
        (first["full_name"], first["id"], "member"),
        (second["full_name"], second["id"], "member"),
    ]

    # Picking again: people already on the council cannot be ticked, nor added twice.
    _click(qtbot, council.pick_staff_button)
    again = council.last_picker
    type_text(again.filter, fold(first["full_name"]))
    assert not again.set_checked(first["full_name"])
    again.reject()
    assert council.add_staff_members([(first["id"], first["full_name"]), (second["id"], second["full_name"])]) == 0
    assert council.totals() == (3, 3)
    # Typing by hand still works, without a staff link.
    row = council.add_member("", "secretary", True)
    council.set_member(row, name="Người ngoài danh sách")

    assert council.save_council()
    saved = review.get_round(store, round_id)["council"]["members"]
    assert {m["full_name"]: m["staff_id"] for m in saved} == {
        chair: None,
        first["full_name"]: first["id"],
        second["full_name"]: second["id"],
        "Người ngoài danh sách": None,
    }
    assert all(m["attended"] for m in saved)
    assert not boxes["critical"]
