"""F1 shows the bundled Vietnamese user guide, rendered, with its screenshots resolved from resources/guide."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.paths import resource_path

GUIDE = resource_path("guide", "huong-dan-su-dung.md")
EXPECTED_HEADINGS = (
    "1. Cài đặt",
    "2. Lần đầu mở chương trình",
    "3. Cán bộ",
    "4. Bình xét cuối năm từng bước",
    "5. In giấy khen, bằng chứng nhận lên phôi",
    "6. Gửi và nhận gói dữ liệu với tỉnh",
    "7. Sao lưu và khôi phục",
    "8. Khi có sự cố",
)


def image_links(text: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)


def test_guide_lives_in_resources_and_every_image_exists():
    """Inside resources/ the wheel and the bundle ship it (tests/test_packaging.py checks every file there)."""
    assert GUIDE.is_file()
    assert GUIDE.resolve().is_relative_to(resource_path().resolve())
    links = image_links(GUIDE.read_text(encoding="utf-8"))
    assert len(links) >= 8
    for link in links:
        assert not link.startswith(("/", "http")), link
        assert (GUIDE.parent / link).is_file(), f"missing screenshot {link}"


def test_docs_page_points_at_the_bundled_guide():
    page = Path(__file__).resolve().parents[2] / "docs" / "huong-dan-su-dung.md"
    target = (page.parent / "../resources/guide/huong-dan-su-dung.md").resolve()
    assert "../resources/guide/huong-dan-su-dung.md" in page.read_text(encoding="utf-8")
    assert target == GUIDE.resolve()


def test_f1_opens_the_rendered_guide(main_window, qtbot):
    from PySide6.QtGui import QTextDocument

    from desktop.ui.help_dialog import HelpDialog

    assert main_window.manual_action.shortcut().toString() == "F1"
    assert main_window.manual_path() == GUIDE
    main_window.manual_action.trigger()
    dialog = main_window.help_dialog
    assert isinstance(dialog, HelpDialog)
    qtbot.waitExposed(dialog)

    headings = dialog.headings()
    for expected in EXPECTED_HEADINGS:
        assert any(h.startswith(expected) for h in headings), (expected, headings)
    assert "Bình xét & đề nghị" in dialog.browser.toPlainText()

    # The screenshots resolve through the browser's search path, as they would in the installed program.
    first = image_links(GUIDE.read_text(encoding="utf-8"))[0]
    image = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource, first)
    assert image is not None and not image.isNull()

    # A second F1 raises the same window instead of opening another one.
    main_window.manual_action.trigger()
    assert main_window.help_dialog is dialog


def test_search_in_the_guide(main_window, qtbot):
    dialog = main_window.open_manual()
    qtbot.waitExposed(dialog)
    dialog.search.setText("sổ vàng")
    assert dialog.find_next()
    assert dialog.browser.textCursor().selectedText().lower() == "sổ vàng"
    dialog.search.setText("không có chữ này trong hướng dẫn")
    assert not dialog.find_next()
