"""A data file deep in a long folder (a Windows profile named in Vietnamese) and a long unit name do not widen the
window past a 1366-pixel screen: the status bar cuts them in the middle and keeps the whole text in the tooltip."""

from __future__ import annotations

from desktop.ops.unit import get_unit
from desktop.store import open_store
from tests.conftest import set_up_lung_cu


def test_a_long_path_and_unit_name_are_cut_in_the_middle_with_the_whole_in_the_tooltip(tmp_path, qapp, qtbot):
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    folder = tmp_path.joinpath(*["Tài liệu của Nguyễn Thị Phương Thảo - Văn phòng HĐND và UBND xã"] * 3)
    folder.mkdir(parents=True)
    store = open_store(folder / "thi-dua-khen-thuong-2026.sqlite3")
    try:
        set_up_lung_cu(store)
        window = MainWindow(AppContext(store, actor="tester"))
        qtbot.addWidget(window)
        window.resize(1366, 740)
        window.show()
        qtbot.waitExposed(window)
        shown = window.db_label.text()
        assert "…" in shown and shown.endswith("thi-dua-khen-thuong-2026.sqlite3")
        assert window.db_label.toolTip() == f"Dữ liệu: {store.path}"
        assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366
        assert get_unit(store)["name"] in window.unit_label.text()  # a usual name is whole, with no tooltip
        assert window.unit_label.toolTip() == ""
    finally:
        store.close()
