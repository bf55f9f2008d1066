"""A commune clerk's whole year in the real window, from an empty data folder to the province and back (issue 14.2).

Real widgets only: buttons are clicked with the mouse, text is typed as key events. The test answers, in the
clerk's place, the modal message boxes, the file and input dialogs and the system viewer (tests/acceptance/desk.py);
nothing else is patched. After every step it checks the SQLite file and the files written, and saves a screenshot of
the window at 1366×768 into $TDKT_SCREENSHOTS (default: the test's temporary folder), named NN-step.png.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWizard

from desktop.domain.codes import ETHNIC_GROUPS
from desktop.domain.dates import default_year
from tests.acceptance.desk import Desk, in_modal
from tests.acceptance.workbooks import (
    COUNCIL,
    DEPUTY,
    ECONOMY,
    MONG,
    OFFICE,
    PEOPLE,
    STAR,
    history_xlsx,
    staff_xlsx,
)

# The user guide's pictures (resources/guide/images), taken from this run's steps by `make screenshots`.
GUIDE_PICTURES = {
    "wizard-ubnd_xa": "01-thiet-lap-lan-dau.png",
    "staff-list": "02-can-bo.png",
    "round-proposals": "03-dot-binh-xet.png",
    "council": "04-hoi-dong-bo-phieu.png",
    "decisions-page": "05-quyet-dinh.png",
    "certificates-saved": "06-in-giay-khen.png",
    "calibration": "07-can-chinh-may-in.png",
    "unit-keys": "08-trao-doi-du-lieu.png",
    "backups": "09-sao-luu.png",
    "rules": "10-quy-dinh.png",
    "movement-scores": "11-phong-trao.png",
}
YEAR = default_year()  # the year a clerk reviews in December (the round is held at the end of it)
# The province's decision: at the end of the year, never in the future (a unit refuses a decision dated later)
PROVINCE_DECIDED = min(date(YEAR, 12, 30), date.today()).strftime("%d/%m/%Y")
# the council meets on 10/12, or today if that is still ahead: a meeting is recorded once it has taken place
COUNCIL_MET = min(date(YEAR, 12, 10), date.today()).strftime("%d/%m/%Y")
SCREEN = (1366, 768)
PROVINCE_CODE = "08"  # Tuyên Quang


def click(qtbot: Any, button: Any) -> None:
    assert button.isVisible(), button.text()
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_job(qtbot: Any, job: Any, timeout: int = 60000) -> None:
    assert job is not None
    if not job.done:
        with qtbot.waitSignal(job.finished, timeout=timeout):
            pass
    assert job.error is None, job.error


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(str(path)).pages).split())


class Year:
    """The state the steps share: the windows, the clerk's answers, the screenshots."""

    def __init__(self, qtbot: Any, desk: Desk, screens: Path, tmp_path: Path, type_text: Any) -> None:
        self.qtbot = qtbot
        self.desk = desk
        self.screens = screens
        self.tmp = tmp_path
        self.type = type_text
        self.shots = 0
        self.window: Any = None

    # -- the window ------------------------------------------------------------------------------------------------
    def shot(self, name: str, widget: Any = None) -> Path:
        """The window (or a dialog over it) as the clerk sees it now, at 1366×768."""
        self.shots += 1
        target = widget or self.window
        if widget is None:
            target.resize(*SCREEN)
        QApplication.processEvents()
        path = self.screens / f"{self.shots:02d}-{name}.png"
        assert target.grab().save(str(path)), path
        guide = os.environ.get("TDKT_GUIDE_IMAGES")
        if guide and name in GUIDE_PICTURES:  # `make screenshots`: the user guide's pictures from this same run
            shutil.copyfile(path, Path(guide) / GUIDE_PICTURES[name])
        return path

    def go(self, key: str, window: Any = None) -> Any:
        """Click the page's entry in the sidebar."""
        window = window or self.window
        row = [spec.key for spec in window.specs].index(key)
        sidebar = window.sidebar
        item = sidebar.item(row)
        sidebar.scrollToItem(item)
        self.qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(item).center())
        assert window.current_key() == key
        return window.pages[key]

    def tab(self, tabs: Any, widget: Any) -> None:
        """Click the tab that shows ``widget``."""
        bar = tabs.tabBar()
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(widget)).center())
        assert tabs.currentWidget() is widget

    def tab_titled(self, tabs: Any, title: str) -> Any:
        """Click the tab with that title; the page it shows (built on first view) is returned."""
        bar = tabs.tabBar()
        index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert tabs.tabText(tabs.currentIndex()) == title
        return tabs.currentWidget()

    def cell(self, table: Any, row: int, column: int, text: str) -> None:
        """Click a cell of a table, F2 to edit it, type its new text, then Enter."""
        from PySide6.QtWidgets import QLineEdit

        index = table.model().index(row, column)
        table.scrollTo(index)
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
        self.qtbot.keyClick(table, Qt.Key.Key_F2)
        editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
        assert len(editors) == 1, f"no editor opened on row {row}, column {column}"
        editor = editors[0]
        editor.selectAll()
        self.qtbot.keyClick(editor, Qt.Key.Key_Delete)
        self.type(editor, text)
        self.qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on its next turn of the event loop
        self.qtbot.waitUntil(lambda: table.model().index(row, column).data() == text, timeout=2000)

    def clicked_row(self, table: Any, column: int, text: str) -> int:
        """Click the row whose ``column`` reads ``text``."""
        rows = [r for r in range(table.model().rowCount()) if table.model().index(r, column).data() == text]
        assert rows, text
        self.row(table, rows[0], column)
        return rows[0]

    def tick(self, box: Any) -> None:
        """Click a check box on its square (a click beside the square of a box without text does nothing)."""
        from PySide6.QtWidgets import QStyle, QStyleOptionButton

        option = QStyleOptionButton()
        box.initStyleOption(option)
        square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        was = box.isChecked()
        self.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=square.center())
        assert box.isChecked() != was

    def row(self, table: Any, row: int, column: int = 0) -> None:
        """Click a row of a table."""
        index = table.model().index(row, column)
        table.scrollTo(index)
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())

    def pick(self, combo: Any, data: Any = None, text: str | None = None) -> None:
        """Choose an entry of a combo box as with the keyboard: focus it and step to the entry."""
        index = combo.findData(data) if text is None else combo.findText(text)
        assert index >= 0, (data, text)
        combo.setFocus()
        while combo.currentIndex() != index:
            key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
            self.qtbot.keyClick(combo, key)
        assert combo.currentIndex() == index

    def number(self, spin: Any, value: int | float) -> None:
        """Type a number over what a spin box holds."""
        spin.setFocus()
        spin.selectAll()
        self.type(spin.lineEdit(), str(value).replace(".", ","))
        self.qtbot.keyClick(spin, Qt.Key.Key_Tab)
        assert spin.value() == value, spin.text()

    def typed(self, field: Any, text: str) -> None:
        """Select what the field holds and type over it."""
        field.setFocus()
        field.selectAll()
        self.qtbot.keyClick(field, Qt.Key.Key_Delete)
        self.type(field, text)

    def open_folder(self, folder: Path) -> Any:
        """Open a data folder as the program does at start: the first-run wizard on an empty one, then the window."""
        from desktop.paths import default_db_path
        from desktop.ui.app import ensure_set_up, open_database, open_main_window

        os.environ["TDKT_DATA_DIR"] = str(folder)
        store = open_database(default_db_path())
        assert store is not None and not store.readonly
        return store, ensure_set_up, open_main_window

    def wizard(self, store: Any, ensure_set_up: Any, *, name: str, kind: str, commune: str, head: str) -> None:
        from desktop.ui.wizard import SetupWizard

        def drive(wizard: SetupWizard) -> None:
            wizard.resize(800, 520)
            next_button = wizard.button(QWizard.WizardButton.NextButton)
            click(self.qtbot, next_button)
            self.type(wizard.name_page.name, name)
            self.pick(wizard.name_page.kind, kind)
            click(self.qtbot, next_button)
            place = wizard.place_page.place
            self.type(place.province.lineEdit(), "Tuyên Quang")
            assert place.province_code() == PROVINCE_CODE
            self.type(place.commune.lineEdit(), commune)
            assert place.commune_code(), commune
            self.shot(f"wizard-{kind}", wizard)
            click(self.qtbot, next_button)
            self.type(wizard.head_page.head_name, head)
            finish = wizard.button(QWizard.WizardButton.FinishButton)
            click(self.qtbot, finish)

        in_modal(lambda: assert_true(ensure_set_up(store)), drive, SetupWizard)


def assert_true(value: Any) -> None:
    assert value


@pytest.fixture
def year(qapp, qtbot, desk, screens, tmp_path, type_text, monkeypatch):
    from PySide6.QtCore import QLocale

    from desktop.ui.app import _application, _close_window_store

    monkeypatch.setenv("TDKT_DATA_DIR", str(tmp_path / "unused"))  # restored after the test
    font, locale = qapp.font(), QLocale()
    app = _application("vi")  # the application as run_gui sets it up: fonts, Vietnamese Qt strings, the locale
    assert app is qapp
    state = Year(qtbot, desk, screens, tmp_path, type_text)
    yield state
    for window in (getattr(state, "window", None), getattr(state, "province_window", None)):
        if window is not None:
            window.close()
            _close_window_store(window)
    app.removeTranslator(app._tdkt_translator)  # leave the process as the other tests expect it
    app.setFont(font)
    QLocale.setDefault(locale)


def test_a_clerks_whole_year(year: Year, desk: Desk, qtbot) -> None:
    step_first_run(year, desk, qtbot)
    step_import_staff(year, desk, qtbot)
    step_import_history(year, desk, qtbot)
    step_rate_collectives(year, desk, qtbot)
    step_verdicts(year, desk, qtbot)
    step_movement(year, desk, qtbot)
    step_round(year, desk, qtbot)
    step_council(year, desk, qtbot)
    step_posting(year, desk, qtbot)
    step_decision(year, desk, qtbot)
    step_certificates(year, desk, qtbot)
    step_payment_list(year, desk, qtbot)
    step_dossier(year, desk, qtbot)
    step_province_set_up(year, desk, qtbot)
    step_keys(year, desk, qtbot)
    step_package_up(year, desk, qtbot)
    step_province_imports_and_decides(year, desk, qtbot)
    step_decisions_back(year, desk, qtbot)
    step_award_from_above(year, desk, qtbot)
    step_settings_seen(year, desk, qtbot)


# -- 1. first run --------------------------------------------------------------------------------------------------
def step_first_run(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops.setup import is_set_up
    from desktop.store import unit_repo

    folder = year.tmp / "xa-lung-cu"
    assert not folder.exists()  # nothing there yet: the program makes the folder and the database
    store, ensure_set_up, open_main_window = year.open_folder(folder)
    assert (folder / "tdkt.sqlite3").is_file() and not is_set_up(store)
    year.wizard(
        store, ensure_set_up, name="Ủy ban nhân dân xã Lũng Cú", kind="ubnd_xa", commune="Xã Lũng Cú",
        head="Nguyễn Văn Hùng",
    )  # fmt: skip
    unit = unit_repo.get_unit(store)
    assert (unit["commune_code"], unit["head_name"], unit["place_name"]) == ("00715", "Nguyễn Văn Hùng", "Lũng Cú")
    year.store = store
    year.window = open_main_window(store)
    qtbot.waitExposed(year.window)
    assert year.window.windowTitle().endswith("Ủy ban nhân dân xã Lũng Cú")
    year.shot("first-window")


# -- 2. staff ------------------------------------------------------------------------------------------------------
def step_import_staff(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ui.staff.import_dialog import StaffImportDialog

    page = year.go("staff")
    assert page.model.rowCount() == 0
    workbook = staff_xlsx(year.tmp / "danh-sach-can-bo.xlsx", YEAR)
    mark = desk.mark()

    def drive(dialog: StaffImportDialog) -> None:
        dialog.resize(1200, 700)
        desk.will_choose(workbook)
        click(qtbot, dialog.choose_button)
        assert dialog.good_count() == len(PEOPLE), dialog.error_label.text()
        year.shot("staff-import-preview", dialog)
        click(qtbot, dialog.import_button)
        qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
        assert dialog.imported_count == len(PEOPLE), dialog.result_label.text()
        click(qtbot, dialog.close_button)

    in_modal(lambda: click(qtbot, page.import_button), drive, StaffImportDialog)
    desk.no_errors_since(mark)
    store = year.store
    assert store.scalar("SELECT count(*) FROM staff") == len(PEOPLE)
    star = store.query_one("SELECT * FROM staff WHERE full_name = ?", (STAR,))
    assert star["ethnic_code"] == "08" and ETHNIC_GROUPS["08"].endswith(MONG), star  # "Mông" is the 08 group
    year.star_id = star["id"]
    assert page.model.rowCount() == len(PEOPLE)
    year.shot("staff-list")


# -- 3. history ----------------------------------------------------------------------------------------------------
def step_import_history(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ui.history_import_dialog import HistoryImportDialog

    workbook = history_xlsx(year.tmp / "lich-su-thi-dua.xlsx", YEAR)
    mark = desk.mark()
    year.window.history_import_action.trigger()  # Tệp → Nhập lịch sử thi đua từ Excel…
    dialog = year.window.findChild(HistoryImportDialog)
    assert dialog is not None and dialog.isVisible()
    desk.will_choose(workbook)
    click(qtbot, dialog.choose_button)
    assert "Có lỗi" not in dialog.counts_label.text(), dialog.counts_label.text()
    year.shot("history-import-preview", dialog)
    store = year.store
    with qtbot.waitSignal(year.window.context.data_changed, timeout=30000):
        click(qtbot, dialog.import_button)
    assert dialog.written["inserted"] == 2 * len(PEOPLE) + 2 + 2, dialog.result_label.text()
    dialog.reject()
    desk.no_errors_since(mark)
    assert store.scalar("SELECT count(*) FROM ratings WHERE year = ?", (YEAR,)) == len(PEOPLE)
    assert store.scalar("SELECT count(*) FROM initiatives WHERE staff_id = ?", (year.star_id,)) == 2
    codes = {r["code"] for r in store.query("SELECT code FROM awards WHERE staff_id = ?", (year.star_id,))}
    assert codes == {"LDTT", "CSTDCS"}


# -- 4. the collectives' ratings -------------------------------------------------------------------------------------
def step_rate_collectives(year: Year, desk: Desk, qtbot: Any) -> None:
    page = year.go("unit")
    table = page.dept_table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert set(names) >= {ECONOMY, OFFICE}, names
    box = page.collective_ratings
    mark = desk.mark()
    for name, rating, notes in ((ECONOMY, "HTTNV", ""), (OFFICE, "HTXSNV", f"Biên bản họp ngày 10/12/{YEAR}")):
        year.row(table, names.index(name))
        assert box.department_name == name
        if box.year.value() != YEAR:
            year.number(box.year, YEAR)
        year.pick(box.rating, rating)
        if notes:
            year.type(box.notes, notes)
        click(qtbot, box.save_button)
        assert box.ratings()[YEAR] == rating, box.error.text()
    desk.no_errors_since(mark)
    rated = year.store.query(
        "SELECT d.name, r.rating FROM collective_ratings r JOIN departments d ON d.id = r.department_id "
        "WHERE r.year = ? ORDER BY d.name",
        (YEAR,),
    )
    assert {(r["name"], r["rating"]) for r in rated} == {(ECONOMY, "HTTNV"), (OFFICE, "HTXSNV")}
    year.shot("unit-collective-ratings")


# -- 4b. the verdicts: who qualifies and why, exported for the council -------------------------------------------
def step_verdicts(year: Year, desk: Desk, qtbot: Any) -> None:
    from openpyxl import load_workbook

    area = year.go("nominations")
    mark = desk.mark()
    verdicts = year.tab_titled(area.tabs, "Kết quả xét theo quy định")  # built when first shown
    assert verdicts is area.verdicts
    if verdicts.year.value() != YEAR:
        year.number(verdicts.year, YEAR)
    click(qtbot, verdicts.run_button)
    wait_job(qtbot, verdicts.job)
    year.type(verdicts.search, "giang thi my")
    rows = verdicts.visible_rows()
    codes = [r.get("code") for r in rows]
    assert "CSTDCS" in codes and "BK_TINH" in codes, codes
    year.row(verdicts.table, codes.index("BK_TINH"), 1)
    details = verdicts.details.toPlainText()
    assert f"Đạt CSTĐCS 2 năm liên tục: {YEAR - 1}, {YEAR}" in details and "Đề nghị cấp trên" in details, details
    year.shot("verdicts")
    target = year.tmp / f"ket-qua-xet-{YEAR}.xlsx"
    desk.will_choose(target)
    click(qtbot, verdicts.export_button)
    desk.no_errors_since(mark)
    assert target.is_file()
    cells = [str(c) for row in load_workbook(target).active.iter_rows(values_only=True) for c in row if c is not None]
    assert any(STAR in c for c in cells)
    year.tab(area.tabs, area.rounds)


# -- 5. a movement: covenant, scores, the sơ kết that proposes into a round ---------------------------------------
def step_movement(year: Year, desk: Desk, qtbot: Any) -> None:
    store = year.store
    page = year.go("movements")
    mark = desk.mark()
    box = page.new_box
    year.type(box.name, "Thi đua cải cách hành chính")
    year.typed(box.start, f"01/01/{YEAR}")
    year.typed(box.end, f"31/12/{YEAR}")
    year.type(box.targets, "100% hồ sơ trực tuyến")
    click(qtbot, box.create_button)
    assert page.list.count() == 1 and page.current_id is not None, box.message.text()
    movement_id = page.current_id
    click(qtbot, page.info.launch_button)
    assert "Đã phát động" in page.info.message.text()

    year.tab(page.tabs, page.registrations)
    tab = page.registrations
    for name in (ECONOMY, OFFICE):
        year.pick(tab.who, text=f"Tập thể: {name}")
        year.pick(tab.code, "TTLDTT")
        click(qtbot, tab.add_button)
    assert tab.table.rowCount() == 2, tab.message.text()

    year.tab(page.tabs, page.covenant)
    covenant = page.covenant
    year.type(covenant.signers, f"Hoàng Văn Long | Trưởng phòng | {ECONOMY}\n{STAR} | Chánh Văn phòng | {OFFICE}")
    click(qtbot, covenant.sign_button)
    assert "Đã ghi giao ước" in covenant.message.text(), covenant.message.text()

    year.tab(page.tabs, page.scores)
    scores = page.scores
    for name, max_points in (("Hoàn thành nhiệm vụ", 50), ("Cải cách hành chính", 50)):
        year.typed(scores.name, name)
        year.number(scores.max_points, max_points)
        click(qtbot, scores.add_button)
    rows = {scores.grid.item(r, 0).text(): r for r in range(scores.grid.rowCount())}
    for name, points in ((ECONOMY, (45, 40)), (OFFICE, (48, 46))):
        for offset, value in enumerate(points):
            year.cell(scores.grid, rows[name], scores.FIRST + offset, str(value))
    click(qtbot, scores.save_button)
    assert store.scalar("SELECT count(*) FROM scores") == 4, scores.message.text()
    year.shot("movement-scores")

    year.tab(page.tabs, page.reviews)
    reviews = page.reviews
    year.pick(reviews.kind, "so_ket")
    year.typed(reviews.day, f"30/06/{YEAR}")
    year.type(reviews.summary, "Sáu tháng đầu năm: 98% hồ sơ giải quyết đúng hạn.")
    click(qtbot, reviews.record_button)
    assert reviews.reviews.count() == 1, reviews.message.text()
    assert OFFICE in reviews.view.toPlainText()
    if reviews.year.value() != YEAR:
        year.number(reviews.year, YEAR)
    click(qtbot, reviews.propose_button)
    assert "đợt bình xét" in reviews.message.text(), reviews.message.text()
    desk.no_errors_since(mark)
    [movement_round] = [r for r in store.query("SELECT * FROM review_rounds") if r["movement_id"] == movement_id]
    assert movement_round["kind"] == "movement" and movement_round["year"] == YEAR
    proposed = store.query(
        "SELECT n.code, d.name FROM nominations n JOIN departments d ON d.id = n.department_id WHERE n.round_id = ?",
        (movement_round["id"],),
    )
    assert proposed and proposed[0]["name"] == OFFICE, proposed
    year.movement_round_id = movement_round["id"]
    year.shot("movement-so-ket")


# -- 6. the year's round ---------------------------------------------------------------------------------------------
def step_round(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import review

    area = year.go("nominations")
    rounds = area.rounds
    mark = desk.mark()
    click(qtbot, rounds.create_button)
    dialog = rounds.last_dialog
    assert dialog.year.value() == YEAR
    assert dialog.posting_days.value() == 5
    year.shot("round-create", dialog)
    click(qtbot, dialog.ok_button)
    desk.no_errors_since(mark)
    assert rounds.round is not None and rounds.round["year"] == YEAR and rounds.round["kind"] == "year"
    year.round_id = rounds.round["id"]
    nominations = review.get_round(year.store, year.round_id)["nominations"]
    by = {(n["name"], n["code"]): n for n in nominations}
    # The star: CSTĐCS decided here (a secret ballot first), the province's Bằng khen in the dossier.
    assert by[(STAR, "CSTDCS")]["conferred_by"] == "unit" and by[(STAR, "CSTDCS")]["ballot_required"]
    assert by[(STAR, "BK_TINH")]["conferred_by"] == "upward"
    assert by[(ECONOMY, "TTLDTT")]["conferred_by"] == "unit"
    assert by[(OFFICE, "TTLDXS")]["conferred_by"] == "upward"
    assert ("Vàng Văn Pháo", "LDTT") not in by  # rated HTNV
    year.nominations = by
    assert rounds.table.rowCount() == len(nominations)
    year.shot("round-proposals")


# -- 7. the council: five members, one absent who votes in writing -------------------------------------------------
def step_council(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import review
    from desktop.ui.review import council_dialog

    rounds = year.window.pages["nominations"].rounds
    mark = desk.mark()
    click(qtbot, rounds.council_button)
    council = rounds.last_dialog
    year.typed(council.meeting_date, COUNCIL_MET)
    assert council.member_values()[0]["full_name"] == "Nguyễn Văn Hùng"  # the head, pre-filled as chair
    year.cell(council.members, 0, council_dialog.NAME, COUNCIL[0][0])
    for name, role, attended, opinion in COUNCIL[1:]:
        click(qtbot, council.add_member_button)
        row = council.members.rowCount() - 1
        year.cell(council.members, row, council_dialog.NAME, name)
        year.pick(council.members.cellWidget(row, council_dialog.ROLE), role)
        if opinion:
            year.cell(council.members, row, council_dialog.OPINION, opinion)
        if not attended:
            year.tick(council._attended_box(row))
    assert council.totals() == (5, 4) and "vắng: 1" in council.counts.text()
    click(qtbot, council.save_members_button)
    assert council.members_error.text() == "", council.members_error.text()
    star = year.nominations[(STAR, "CSTDCS")]
    assert [n["id"] for n in council.ballot_rows] == [star["id"]]
    row = council.row_of(star["id"])
    year.number(council.spin(row, council_dialog.B_AGREE), 4)  # 4 at the meeting
    year.number(council.spin(row, council_dialog.B_WRITTEN_AGREE), 1)  # and the absentee's written "agree"
    assert "5/5" in council.ballots.item(0, council_dialog.B_RESULT).text()  # counted on all five members
    year.shot("council", council)
    click(qtbot, council.save_ballots_button)
    assert council.ballot_error.text() == "", council.ballot_error.text()
    council.reject()
    desk.no_errors_since(mark)
    saved = review.get_round(year.store, year.round_id)
    assert saved["council"]["members_total"] == 5 and saved["council"]["present"] == 4
    absent = [m for m in saved["council"]["members"] if not m["attended"]]
    assert [(m["full_name"], m["written_opinion"]) for m in absent] == [(COUNCIL[3][0], COUNCIL[3][3])]
    ballot = next(n for n in saved["nominations"] if n["id"] == star["id"])
    assert ballot["status"] == "passed"
    assert (ballot["ballot"]["agree"], ballot["ballot"]["written_agree"]) == (4, 1)
    rounds.load_rounds()  # what the clerk sees on coming back to the round
    assert rounds.steps.current == 2  # Đề xuất and Hội đồng done: the posting is next
    year.shot("round-after-council")


# -- 8. public posting -----------------------------------------------------------------------------------------------
def step_posting(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import review

    rounds = year.window.pages["nominations"].rounds
    mark = desk.mark()
    desk.will_type(f"11/12/{YEAR}")
    click(qtbot, rounds.posting_button)
    desk.no_errors_since(mark)
    saved = review.get_round(year.store, year.round_id)
    assert (saved["posted_from"], saved["posted_to"]) == (f"{YEAR}-12-11", f"{YEAR}-12-15"), saved
    # the posting step is done once its last day is over: before that the bar still points at it
    over = date(YEAR, 12, 15) < date.today()
    assert rounds.steps.current == (3 if over else 2) and "15/12/" + str(YEAR) in rounds.summary.text()
    assert (2 in rounds.done_steps()) == over
    year.shot("round-posted")


# -- 9. the decision, signed "KT. Chủ tịch" by the deputy ----------------------------------------------------------
def step_decision(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import review

    store = year.store
    rounds = year.window.pages["nominations"].rounds
    mark = desk.mark()
    click(qtbot, rounds.decision_button)
    dialog = rounds.last_dialog
    offered = {(n["name"], n["code"]) for n in dialog.rows}
    assert (STAR, "CSTDCS") in offered and (STAR, "BK_TINH") not in offered  # the province decides that one
    modes = [dialog.signing.itemData(i) for i in range(dialog.signing.count())]
    assert {"chair", "deputy"} <= set(modes), modes
    year.typed(dialog.decision_date, f"26/12/{YEAR}")
    year.pick(dialog.signing, "deputy")
    assert "KT." in dialog.signing.currentText()
    assert dialog.signer_title.text() == "Phó Chủ tịch" and dialog.signer_name.text() == ""
    year.type(dialog.signer_name, DEPUTY)
    chosen = len(dialog.chosen_ids())
    assert chosen == len(dialog.rows)
    year.shot("decision-dialog", dialog)
    click(qtbot, dialog.issue_button)
    wait_job(qtbot, dialog.job)  # issued in the background, after a backup
    assert dialog.error.text() == "", dialog.error.text()
    assert any("Ban hành quyết định khen thưởng" in q for q in desk.since(mark, "question"))
    number = dialog.number_text
    assert number == "1/QĐ-UBND" and any(number in text for text in desk.since(mark, "information"))
    desk.no_errors_since(mark)
    decision = store.query_one("SELECT * FROM decisions WHERE number_text = ?", (number,))
    assert (decision["signing_mode"], decision["signer_title"], decision["signer_name"]) == (
        "deputy", "Phó Chủ tịch", DEPUTY,
    )  # fmt: skip
    assert decision["decision_date"] == f"{YEAR}-12-26"
    star_awards = store.query("SELECT code, source FROM awards WHERE staff_id = ? AND year = ?", (year.star_id, YEAR))
    assert ("CSTDCS", "unit") in {(a["code"], a["source"]) for a in star_awards}, star_awards
    year.decision_number = number
    year.decision_id = decision["id"]
    assert review.get_round(store, year.round_id)["status"] == "decided"
    assert rounds.steps.current == 4  # what is left: the dossier for the province

    page = year.go("decisions")
    year.clicked_row(page.table, 0, number)
    assert page.awardees.rowCount() == chosen
    year.pick(page.doc_kind, "decision")
    year.pick(page.doc_format, "pdf")
    opened = len(desk.opened)
    click(qtbot, page.open_button)
    wait_job(qtbot, page.last_job)
    assert len(desk.opened) == opened + 1
    text = pdf_text(Path(desk.opened[-1]))
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and DEPUTY in text, text[-400:]
    assert STAR in text or "Chiến sĩ thi đua cơ sở" in text
    year.shot("decisions-page")


# -- 10. certificates: preview, then saved to PDF ------------------------------------------------------------------
def step_certificates(year: Year, desk: Desk, qtbot: Any) -> None:
    page = year.go("certificates")
    mark = desk.mark()
    index = next(i for i in range(page.decision_box.count()) if year.decision_number in page.decision_box.itemText(i))
    year.pick(page.decision_box, text=page.decision_box.itemText(index))
    names = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert STAR in names
    printable = page.checked_ids()
    assert printable, "nothing to print"
    click(qtbot, page.preview_button)
    wait_job(qtbot, page.job)
    preview = page.preview_dialog
    assert preview.isVisible()
    year.shot("certificates-preview", preview)
    preview.close()
    target = year.tmp / "giay-chung-nhan.pdf"
    desk.will_choose(target)
    click(qtbot, page.save_button)
    wait_job(qtbot, page.job)
    desk.no_errors_since(mark)
    written = list(page.last_paths)
    assert written and all(Path(p).is_file() for p in written), (written, page.status.text())
    text = " ".join(pdf_text(Path(p)) for p in written)
    assert STAR in text, text[:300]
    assert "KT. CHỦ TỊCH" in text and DEPUTY in text  # the same signature block as the decision
    prints = year.store.scalar(
        "SELECT count(*) FROM certificate_prints p JOIN decision_awardees a ON a.id = p.awardee_id "
        "WHERE a.decision_id = ?",
        (year.decision_id,),
    )
    assert prints == 0  # a saved PDF is not a print: the register waits for paper
    assert str(target.parent) in page.status.text()  # the clerk is told where the files went
    year.shot("certificates-saved")


# -- 11. the payment list ------------------------------------------------------------------------------------------
def step_payment_list(year: Year, desk: Desk, qtbot: Any) -> None:
    from openpyxl import load_workbook

    page = year.go("decisions")
    mark = desk.mark()
    year.clicked_row(page.table, 0, year.decision_number)
    year.pick(page.doc_kind, "payment")
    target = year.tmp / "danh-sach-chi-tien-thuong.xlsx"
    desk.will_choose(target)
    click(qtbot, page.excel_button)
    wait_job(qtbot, page.last_job)
    desk.no_errors_since(mark)
    assert target.is_file()
    rows = [row for row in load_workbook(target).active.iter_rows(values_only=True) if any(row)]
    amounts = {(row[1], row[3]): row[4] for row in rows if isinstance(row[0], int)}
    paid = year.store.query(
        "SELECT snapshot_name, amount FROM decision_awardees WHERE decision_id = ? AND amount > 0", (year.decision_id,)
    )
    assert len(amounts) == len(paid) and amounts[(STAR, "Chiến sĩ thi đua cơ sở")] > 0, amounts
    [total] = [row[4] for row in rows if row[0] == "Tổng cộng"]
    assert total == sum(r["amount"] for r in paid) == sum(amounts.values())
    year.shot("payment-list")


# -- 12. the dossier for the province --------------------------------------------------------------------------------
def step_dossier(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import review

    rounds = year.go("nominations").rounds
    mark = desk.mark()
    click(qtbot, rounds.dossier_button)
    dialog = rounds.last_dialog
    widget = dialog.widget
    assert {(n["name"], n["code"]) for n in widget.upward} == {(STAR, "BK_TINH"), (OFFICE, "TTLDXS")}
    click(qtbot, widget.build_button)
    assert widget.error.text() == "", widget.error.text()
    assert sorted(n["status"] for n in widget.items) == ["sent_up", "sent_up"]
    year.shot("dossier", dialog)
    folder = year.tmp / "ho-so"
    desk.will_choose(folder)
    click(qtbot, widget.render_button)
    wait_job(qtbot, widget.last_job)
    desk.no_errors_since(mark)
    target = folder / f"ho-so-de-nghi-cap-tren-{YEAR}"
    names = sorted(p.name for p in target.iterdir())
    assert f"01-to-trinh-{YEAR}.pdf" in names and f"02-danh-sach-de-nghi-{YEAR}.xlsx" in names, names
    assert len([n for n in names if n.startswith("03-bao-cao-thanh-tich-")]) == 2, names
    assert STAR in pdf_text(target / f"02-danh-sach-de-nghi-{YEAR}.pdf")
    assert desk.opened[-1] == str(target)
    dialog.reject()
    statuses = {n["code"]: n["status"] for n in review.get_round(year.store, year.round_id)["nominations"]
                if n["conferred_by"] == "upward"}  # fmt: skip
    assert statuses == {"BK_TINH": "sent_up", "TTLDXS": "sent_up"}


# -- 13. the province: a second data folder, in province mode ----------------------------------------------------
def step_province_set_up(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import province

    folder = year.tmp / "so-noi-vu-tinh"
    store, ensure_set_up, open_main_window = year.open_folder(folder)
    year.wizard(
        store, ensure_set_up, name="Sở Nội vụ tỉnh Tuyên Quang", kind="co_quan", commune="Phường Minh Xuân",
        head="Ma Thị Thu",
    )  # fmt: skip
    year.province_store = store
    year.province_window = open_main_window(store)
    qtbot.waitExposed(year.province_window)
    assert store.path != year.store.path
    page = year.go("exchange", year.province_window)
    mark = desk.mark()
    year.tab(page.tabs, page.keys)
    assert page.keys.mode_button.text() == "Chuyển sang chế độ cấp tỉnh…"
    click(qtbot, page.keys.mode_button)
    assert any("chế độ CẤP TỈNH" in q for q in desk.since(mark, "question"))
    assert province.mode(store) == "province"
    assert "Tổng hợp các đơn vị" in page.tab_titles() and "Gửi về đơn vị" in page.tab_titles()
    desk.no_errors_since(mark)
    year.shot_province = lambda name: year.shot(name, _sized(year.province_window))
    year.shot_province("province-mode")


def _sized(window: Any) -> Any:
    window.resize(*SCREEN)
    return window


# -- 14. keys: each side hands over its public key, the fingerprint read on the phone ------------------------------
def step_keys(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ops import exchange

    unit_page = year.go("exchange")
    province_page = year.province_window.pages["exchange"]
    mark = desk.mark()
    keys: dict[str, Path] = {}
    for name, page in (("xa", unit_page), ("tinh", province_page)):
        year.tab(page.tabs, page.keys)
        keys[name] = year.tmp / f"khoa-{name}.tdktkey"
        desk.will_choose(keys[name])
        click(qtbot, page.keys.export_key_button)
        assert keys[name].is_file(), page.keys.own_message.text()
    fingerprints = {
        "xa": exchange.show_keys(year.store)["fingerprint"],
        "tinh": exchange.show_keys(year.province_store)["fingerprint"],
    }
    for page, other in ((province_page, "xa"), (unit_page, "tinh")):
        desk.will_choose(keys[other])
        browse = next(b for b in page.keys.findChildren(type(page.keys.trust_button)) if b.text() == "Chọn tệp…")
        click(qtbot, browse)
        assert page.keys.key_file.text() == str(keys[other])
        year.type(page.keys.expected, _aloud(fingerprints[other]))
        click(qtbot, page.keys.trust_button)
        assert "Đã tin cậy khóa" in page.keys.trust_message.text(), page.keys.trust_message.text()
    desk.no_errors_since(mark)
    assert year.province_store.scalar("SELECT count(*) FROM trusted_keys WHERE role = 'unit'") == 1
    assert year.store.scalar("SELECT count(*) FROM trusted_keys WHERE role = 'province'") == 1
    year.fingerprints = fingerprints
    year.shot("unit-keys")


def _aloud(fingerprint: str) -> str:
    """The fingerprint as read on the phone: groups of four, lower case."""
    text = fingerprint.replace("-", "").lower()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


# -- 15. the package for the province, encrypted to its key ----------------------------------------------------------
def step_package_up(year: Year, desk: Desk, qtbot: Any) -> None:
    rounds = year.go("nominations").rounds
    mark = desk.mark()
    click(qtbot, rounds.dossier_button)
    dialog = rounds.last_dialog
    widget = dialog.widget
    assert widget.package_button.isEnabled(), widget.package_button.toolTip()
    target = year.tmp / "usb" / f"ho-so-de-nghi-{YEAR}.tdkt"
    target.parent.mkdir()
    desk.will_choose(target)
    click(qtbot, widget.package_button)
    wait_job(qtbot, widget.package_job)
    year.shot("dossier-package", dialog)
    desk.no_errors_since(mark)
    assert target.is_file(), widget.status.text() + widget.error.text()
    assert "có mã hóa cho tỉnh" in widget.status.text() and str(target) in widget.status.text()
    dialog.reject()
    sent = year.store.query_one("SELECT * FROM packages WHERE direction = 'sent'")
    assert (sent["kind"], sent["year"], sent["encrypted"]) == ("nomination_dossier", YEAR, 1)
    assert STAR.encode() not in target.read_bytes()  # nobody reads the names off a lost USB stick
    year.package = target
    year.shot("package-up")


# -- 16. the province imports the package and decides ---------------------------------------------------------------
def step_province_imports_and_decides(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ui.exchange.province_decisions import DecideDialog

    store = year.province_store
    page = year.province_window.pages["exchange"]
    receive = page.receive
    mark = desk.mark()
    year.tab(page.tabs, receive)
    desk.will_choose(year.package)
    click(qtbot, receive.choose_button)
    wait_job(qtbot, receive.job)
    assert "có mã hóa" in receive.status.text(), receive.status.text()
    year.shot_province("province-check")
    click(qtbot, receive.apply_button)
    wait_job(qtbot, receive.job)
    assert any("Nhập 1 gói" in q for q in desk.since(mark, "question"))
    desk.no_errors_since(mark)
    records = store.query(
        "SELECT record_uuid, content FROM remote_records WHERE unit_code = '00715' AND record_kind = 'nomination'"
    )
    import json

    by_code = {json.loads(r["content"])["code"]: r["record_uuid"] for r in records}
    assert set(by_code) == {"BK_TINH", "TTLDXS"}, by_code
    consolidated = page.province
    year.tab(page.tabs, consolidated)
    if consolidated.year.value() != YEAR:
        year.number(consolidated.year, YEAR)
    click(qtbot, consolidated.show_button)
    wait_job(qtbot, consolidated.job)
    box = consolidated.nominations
    rows = {row["uuid"]: r for r, row in enumerate(box.rows)}
    assert set(rows) == set(by_code.values())

    def decide(uuid: str, fill: Any) -> None:
        box.table.clearSelection()
        rect = box.table.visualRect(box.table.model().index(rows[uuid], 1))
        qtbot.mouseClick(box.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        click(qtbot, box.decide_button)
        dialog = box.findChild(DecideDialog)
        fill(dialog)
        year.shot("province-decides", dialog)
        click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
        assert not dialog.isVisible(), dialog.error.text()
        dialog.deleteLater()
        wait_job(qtbot, consolidated.job)

    def awarded(dialog: Any) -> None:
        year.type(dialog.number, "2150/QĐ-UBND")
        year.type(dialog.decision_date, PROVINCE_DECIDED)
        year.type(dialog.issuer, "Chủ tịch UBND tỉnh Tuyên Quang")

    def refused(dialog: Any) -> None:
        click(qtbot, dialog.not_awarded)
        assert not dialog.number.isEnabled()
        year.type(dialog.note_edit, "Chưa đủ tỷ lệ cá nhân đạt Chiến sĩ thi đua cơ sở")

    decide(by_code["BK_TINH"], awarded)
    decide(by_code["TTLDXS"], refused)
    texts = {box.rows[r]["code"]: box.table.item(r, 3).text() for r in range(box.table.rowCount())}
    assert texts == {"BK_TINH": f"Khen thưởng — 2150/QĐ-UBND ngày {PROVINCE_DECIDED}", "TTLDXS": "Không khen thưởng"}
    assert store.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'province_decision'") == 2
    units = [consolidated.units.item(r, 0).text() for r in range(consolidated.units.rowCount())]
    assert units == ["00715"], units
    year.shot_province("province-consolidated")


# -- 17. the province sends its decisions back -----------------------------------------------------------------------
def step_decisions_back(year: Year, desk: Desk, qtbot: Any) -> None:
    page = year.province_window.pages["exchange"]
    send = page.send
    mark = desk.mark()
    year.tab(page.tabs, send)
    assert send.kind.currentData() == "province_decisions"
    assert send.receiver.currentData() == "00715"
    assert send.encrypt.currentData() == year.fingerprints["xa"]
    if send.year.value() != YEAR:
        year.number(send.year, YEAR)
    target = year.tmp / "usb" / f"quyet-dinh-tinh-{YEAR}.tdkt"
    desk.will_choose(target)
    click(qtbot, send.export_button)
    wait_job(qtbot, send.job)
    desk.no_errors_since(mark)
    assert target.is_file() and "Có mã hóa" in send.result.text(), send.result.text()
    sent = year.province_store.query_one("SELECT kind, receiver_code FROM packages WHERE direction = 'sent'")
    assert sent == {"kind": "province_decisions", "receiver_code": "00715"}
    year.decisions_package = target
    year.shot_province("province-sends-back")


# -- 18. the unit imports them: the award from above is in the person's register -----------------------------------
def step_award_from_above(year: Year, desk: Desk, qtbot: Any) -> None:
    from desktop.ui.staff.records import StaffRecordsDialog

    store = year.store
    page = year.go("exchange")
    receive = page.receive
    mark = desk.mark()
    year.tab(page.tabs, receive)
    desk.will_choose(year.decisions_package)
    click(qtbot, receive.choose_button)
    wait_job(qtbot, receive.job)
    click(qtbot, receive.apply_button)
    wait_job(qtbot, receive.job)
    desk.no_errors_since(mark)
    year.shot("unit-receives-decisions")
    award = store.query_one(
        "SELECT * FROM awards WHERE staff_id = ? AND code = 'BK_TINH' AND source = 'above'", (year.star_id,)
    )
    assert award is not None and award["decision_no"] == "2150/QĐ-UBND" and award["year"] == YEAR
    assert store.scalar("SELECT count(*) FROM awards WHERE code = 'TTLDXS'") == 0  # the province said no
    upward = store.query("SELECT code, status FROM nominations WHERE round_id = ? AND code IN ('BK_TINH', 'TTLDXS')",
                         (year.round_id,))  # fmt: skip
    assert {(n["code"], n["status"]) for n in upward} == {("BK_TINH", "decided"), ("TTLDXS", "failed")}

    staff = year.go("staff")
    year.type(staff.search, "giang thi my")  # without accents, as clerks type
    qtbot.waitUntil(lambda: staff.model.rowCount() == 1, timeout=5000)
    year.row(staff.view, 0, 1)
    assert staff.current_staff_id() == year.star_id

    def drive(dialog: StaffRecordsDialog) -> None:
        year.tab(dialog.tabs, dialog.awards)
        table = dialog.awards.table
        rows = [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
                for r in range(table.rowCount())]  # fmt: skip
        above = [r for r in rows if "2150/QĐ-UBND" in r]
        assert above and "Cấp trên" in above[0] and PROVINCE_DECIDED in above[0], rows
        assert any("Chiến sĩ thi đua cơ sở" in " ".join(r) and year.decision_number in r for r in rows), rows
        year.shot("person-register", dialog)
        dialog.reject()

    in_modal(lambda: click(qtbot, staff.records_button), drive, StaffRecordsDialog)
    desk.no_errors_since(mark)


# -- 20. what the guide shows besides the year: printer calibration, backups, the rules ------------------------------
def step_settings_seen(year: Year, desk: Desk, qtbot: Any) -> None:
    page = year.go("certificates")
    mark = desk.mark()
    dialog = page.make_calibration()
    dialog.show()
    qtbot.waitExposed(dialog)
    year.shot("calibration", dialog)
    dialog.close()
    settings = year.go("settings")
    backups = settings.show_backup()
    assert backups.isVisible()
    year.shot("backups")
    rules = settings.show_rules()
    assert rules.isVisible()
    year.shot("rules")
    desk.no_errors_since(mark)
