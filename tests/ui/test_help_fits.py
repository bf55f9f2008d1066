"""The guide window never scrolls sideways: pictures shrink to the width, long lines and code lines wrap."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from desktop.ui.help_dialog import HelpDialog, guide_path


def _open(qtbot, path, width):
    dialog = HelpDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(width, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_bundled_guide_has_no_sideways_scroll(qtbot):
    for width in (900, 600):
        dialog = _open(qtbot, guide_path(), width)
        browser = dialog.browser
        assert browser.horizontalScrollBar().maximum() == 0, width
        widths = browser.image_widths()
        assert len(widths) >= 8
        assert max(widths) <= browser.viewport().width()


def test_pictures_shrink_and_grow_back_but_never_past_their_size(qtbot, tmp_path):
    wide = QImage(1400, 700, QImage.Format.Format_RGB32)
    wide.fill(QColor("#336699"))
    wide.save(str(tmp_path / "rong.png"))
    small = QImage(200, 100, QImage.Format.Format_RGB32)
    small.fill(QColor("#993366"))
    small.save(str(tmp_path / "nho.png"))
    guide = tmp_path / "huong-dan.md"
    guide.write_text(
        "# Thử\n\n![rộng](rong.png)\n\n![nhỏ](nho.png)\n\n"
        "```\n" + "tdkt-backup --folder D:\\\\SaoLuu\\\\" + "ThuMucRatDaiKhongCoDauCach" * 12 + "\n```\n\n"
        "Đường dẫn " + "X" * 400 + "\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, guide, 600)
    browser = dialog.browser
    assert browser.horizontalScrollBar().maximum() == 0
    wide_width, small_width = browser.image_widths()
    assert wide_width < 600 and small_width == 200
    dialog.resize(1600, 700)
    qtbot.waitUntil(lambda: browser.image_widths()[0] == 1400, timeout=3000)
    assert browser.image_widths()[1] == 200
    assert browser.horizontalScrollBar().maximum() == 0
