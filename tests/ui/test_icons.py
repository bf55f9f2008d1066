"""Every page's icon is one of ours (Tabler Icons, MIT), shipped with its licence — never a Qt standard pixmap."""

from __future__ import annotations

from desktop.paths import resource_path
from desktop.ui.icons import icon
from desktop.ui.pages import PAGES


def test_every_page_has_a_shipped_icon_with_a_double_size_and_a_source(qapp):
    names = {spec.icon for spec in PAGES}
    assert len(names) == len(PAGES), "two pages share an icon"
    for name in names:
        assert resource_path("icons", f"{name}.png").exists()
        assert resource_path("icons", f"{name}@2x.png").exists()
        assert resource_path("icons", "svg", f"{name}.svg").exists()
        sizes = {(s.width(), s.height()) for s in icon(name).availableSizes()}
        assert {(24, 24), (48, 48)} <= sizes


def test_the_icon_set_ships_its_licence_and_the_windows_icon():
    licence = resource_path("icons", "LICENSE-tabler-icons.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence
    assert resource_path("icons", "tdkt.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_the_sidebar_shows_them(main_window):
    for row in range(main_window.sidebar.count()):
        assert not main_window.sidebar.item(row).icon().isNull()
