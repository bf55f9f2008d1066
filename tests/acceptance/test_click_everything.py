"""Every button works when clicked (issue 14.1).

On the demo commune (and again on a unit just set up, with no data yet), the main window's pages are opened one
by one from the sidebar; on each, every tab is opened with a click, every visible and enabled button is clicked
with ``qtbot.mouseClick`` (the first row of each list selected first, so the buttons that need a row are enabled),
every action of a button's menu and of the window's menus is triggered, and every dialog a click opens is walked
the same way (one level down). Modal loops are answered by the test (see :mod:`tests.acceptance.clicking`).

The test fails on any exception, any error box that is not a deliberate refusal (a Vietnamese sentence saying what
is missing, matched by ``REFUSALS``), any raw Python error on screen, a file asked for and not written, or a
document opened that is missing; the failure lists page → tab → dialog → button → what went wrong.
``KNOWN_BROKEN`` names the buttons that still fail (each must fail, so the list is emptied as the fixes land).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.acceptance.clicking import Clicker, Problem, is_vietnamese_sentence
from tests.demo_date import DEMO_TODAY

# Never clicked, with the reason.
SKIP: dict[str, str] = {
    "menu “Tệp” → Thoát": "closes the window: the program quits",
}

# Clicked last, after every page: the restore replaces the database under the window and opens a new window.
DEFERRED: dict[str, str] = {
    "Khôi phục bản này…": "replaces the database and reopens the window, so it is clicked after everything else",
}

# Buttons that fail on a real click today, {button text: reason}; the integrator empties this once the fixes land.
# A button listed here that no longer fails makes the test fail, so the list never outlives the bug.
KNOWN_BROKEN: dict[str, str] = {}

# The same on a unit just set up, with no staff, movement, round or decision yet.
KNOWN_BROKEN_ON_A_NEW_UNIT: dict[str, str] = {}

# Deliberate refusals: a warning or error box that says, in Vietnamese, what is missing or why not now.
REFUSALS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^Chưa ",  # "Chưa chọn máy in."
        r"^Hãy chọn",  # "Hãy chọn (bấm vào) một dòng trong danh sách để in lại."
        r"chưa in lần nào; hãy dùng nút",  # reprinting what was never printed
        r"^Đây là khóa của chính đơn vị này",  # trusting the unit's own key, read back from the file it wrote
        r"đây là gói do chính đơn vị này lập",  # checking, on the sending PC, the package it just made
    )
)


@pytest.fixture
def demo_window_to_click(store, qtbot):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    fill_demo(store, today=DEMO_TODAY)
    window = MainWindow(AppContext(store, actor="tester"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def make_input_files(folder: Path) -> list[tuple[Path, str]]:
    """Files a clerk would pick in the open dialogs, with the words of the dialog's caption each answers."""
    from pypdf import PdfWriter
    from PySide6.QtGui import QColor, QImage

    from tests.history_factory import history_xlsx
    from tests.xlsx_factory import PEOPLE, numbered, save_rows

    folder.mkdir(parents=True)
    scan = folder / "phoi-giay-khen.png"
    image = QImage(420, 297, QImage.Format.Format_RGB32)
    image.fill(QColor("#f5efd8"))
    assert image.save(str(scan))
    plan = folder / "ke-hoach.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with plan.open("wb") as out:
        writer.write(out)
    rules = folder / "quy-dinh-tinh.toml"
    rules.write_bytes((RESOURCES / "rulepacks" / "examples" / "province-override-example.toml").read_bytes())
    return [
        (save_rows(folder / "danh-sach-can-bo.xlsx", numbered(PEOPLE)), "cán bộ"),
        (history_xlsx(folder / "lich-su-thi-dua.xlsx"), "lịch sử"),
        (scan, "ảnh"),
        (plan, "kế hoạch"),
        (rules, "quy định"),
    ]


RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_every_button_of_every_page_and_dialog_works_when_clicked(demo_window_to_click, qtbot, monkeypatch, tmp_path):
    clicker = walk_the_window(demo_window_to_click, qtbot, monkeypatch, tmp_path)
    restored = [w for w in clicker.new_main_windows if w.isVisible()]
    assert len(clicker.clicks) >= 150, "the walk reaches the buttons of every page and dialog"
    assert restored, "the deferred restore opened the window again on the restored file"
    assert_every_click_worked(clicker, KNOWN_BROKEN)


def test_every_button_works_on_a_unit_with_no_data_yet(store, qtbot, monkeypatch, tmp_path):
    """The clerk's first day: the unit is set up, nothing else; every page and dialog is clicked through the same
    way (the file menu's "Tạo dữ liệu mẫu" fills the demo at the end of the walk)."""
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from tests.conftest import set_up_lung_cu

    set_up_lung_cu(store)
    window = MainWindow(AppContext(store, actor="tester"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    clicker = walk_the_window(window, qtbot, monkeypatch, tmp_path, input_files=False)
    assert len(clicker.clicks) >= 60, "the walk reaches the buttons of every page"
    assert_every_click_worked(clicker, KNOWN_BROKEN_ON_A_NEW_UNIT)


def walk_the_window(window, qtbot, monkeypatch, tmp_path: Path, *, input_files: bool = True) -> Clicker:
    """Open every page from the sidebar with a click and walk it, then the menus, then the deferred buttons;
    print what was done (shown when the test fails)."""
    from PySide6.QtCore import Qt

    from desktop.ui.pages import PAGES

    clicker = Clicker(qtbot, monkeypatch, tmp_path / "tep", allowed_refusals=REFUSALS, skip=SKIP, deferred=DEFERRED)
    if input_files:
        for path, caption in make_input_files(tmp_path / "dau-vao"):
            clicker.give(path, caption)
    clicker.install()
    for row, spec in enumerate(PAGES):
        item = window.sidebar.item(row)
        label = f"page “{item.text()}”"
        qtbot.mouseClick(
            window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=window.sidebar.visualItemRect(item).center()
        )
        assert window.current_key() == spec.key, label
        clicker.walk(window.pages[spec.key], label)
    clicker.trigger_menu_bar(window)
    clicker.click_deferred(window)
    for other in clicker.new_main_windows:
        qtbot.addWidget(other)

    print(f"\n{len(clicker.clicks)} clicks, {len(clicker.boxes)} message boxes, {len(clicker.refusals)} refusals")
    for where, seconds in sorted(clicker.timings.items(), key=lambda item: -item[1]):
        print(f"  {seconds:6.2f} s  {where}")
    for click in clicker.clicks:
        print("clicked:", " → ".join(click))
    for box in clicker.boxes:
        print("message:", box)
    for skipped in clicker.skipped:
        print("not clicked:", " → ".join(skipped))
    for where, path in clicker.save_answers:
        print("saved:", " → ".join(where), "→", path.name, "" if path.exists() else "(NOT WRITTEN)")
    for where, url in clicker.opened_urls:
        print("opened:", " → ".join(where), "→", url)
    for disabled in clicker.disabled:
        print("disabled:", " → ".join(disabled))

    clicked = {step for click in clicker.clicks for step in click}
    assert {spec_label(spec) for spec in PAGES} <= clicked, "every page is walked"
    return clicker


def assert_every_click_worked(clicker: Clicker, known_broken: dict[str, str]) -> None:
    """No exception, no error box but the allowed refusals (Vietnamese sentences), no Python text on screen, every
    file asked for written, every document opened there; ``known_broken`` buttons may fail, and must."""
    assert all(is_vietnamese_sentence(box.text) for box in clicker.refusals)
    problems = list(clicker.problems)
    for where, path in clicker.save_answers:  # a file name was asked for: the file is written
        if not path.exists():
            problems.append(Problem(where, "file not written", f"asked where to save, {path.name} is missing"))
    for where, url in clicker.opened_urls:  # a document opened for the clerk exists
        if url.startswith("/") and not Path(url).exists():
            problems.append(Problem(where, "opened a missing file", url))
    clicked = {step for click in clicker.clicks for step in click}
    known = [p for p in problems if any(step in known_broken for step in p.where)]
    unexpected = [p for p in problems if p not in known]
    not_clicked = [text for text in known_broken if text not in clicked]
    still_broken = {step for p in known for step in p.where}
    fixed = [text for text in known_broken if text in clicked and text not in still_broken]
    report = ["Buttons that do not work when clicked (page → tab → dialog → button: what happened):"]
    report += [f"  {p}" for p in unexpected]
    if not_clicked:
        report.append(f"The known-broken list names buttons the walk never clicked: {not_clicked}")
    if fixed:
        report.append(f"These buttons work now; remove them from the known-broken list: {fixed}")
    assert not (unexpected or not_clicked or fixed), "\n".join(report)


def spec_label(spec) -> str:
    from desktop.i18n import _

    return f"page “{_(spec.label)}”"


def test_the_walk_reports_an_exception_an_error_box_and_python_text(qtbot, monkeypatch, tmp_path):
    """The walker itself can fail: a slot that raises, an error box that is no refusal, a raw error on screen and
    a dialog's button are all reported with their path; a refusal from the allow-list is not."""
    from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    status = QLabel()
    layout.addWidget(status)

    def broken() -> None:
        raise TypeError("expected str, bytes or os.PathLike object, not bool")

    def open_dialog() -> None:
        dialog = QDialog(page)
        dialog.setWindowTitle("Hộp thoại")
        inner = QVBoxLayout(dialog)
        button = QPushButton("Bên trong")
        button.clicked.connect(lambda: QMessageBox.critical(dialog, "Có lỗi", "Lỗi không mong đợi: KeyError 'x'"))
        inner.addWidget(button)
        dialog.exec()

    actions = {
        "Hỏng": broken,
        "Báo lỗi": lambda: QMessageBox.warning(page, "Có lỗi", "Không được."),
        "Từ chối": lambda: QMessageBox.warning(page, "Chưa đủ", "Chưa chọn người nào trong danh sách."),
        "Ghi lỗi": lambda: status.setText("'NoneType' object has no attribute 'get'"),
        "Mở hộp thoại": open_dialog,
    }
    for text, slot in actions.items():
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False, slot=slot: slot())
        layout.addWidget(button)
    page.show()
    qtbot.waitExposed(page)

    clicker = Clicker(qtbot, monkeypatch, tmp_path, allowed_refusals=REFUSALS)
    clicker.install()
    clicker.walk(page, "trang thử")

    found = {(" → ".join(p.where), p.kind) for p in clicker.problems}
    assert found == {
        ("trang thử → Hỏng", "exception"),
        ("trang thử → Báo lỗi", "warning box"),
        ("trang thử → Ghi lỗi", "Python text on screen"),
        ("trang thử → Mở hộp thoại → Hộp thoại → Bên trong", "Python text in a message box"),
    }, clicker.problems
    assert [box.text for box in clicker.refusals] == ["Chưa chọn người nào trong danh sách."]
    assert not REFUSALS[0].search("expected str") and not is_vietnamese_sentence("Traceback: Chưa chọn")
