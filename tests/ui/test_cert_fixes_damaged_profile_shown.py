"""A printer correction damaged outside the program (text in the offset column): the certificates page and the
calibration dialog say so, naming the printer, instead of raising in a Qt slot; calibrating again mends it."""

from __future__ import annotations

import pytest

from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def page(store, qapp, qtbot):
    from desktop.ui.certificates.page import CertificatesPage
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    ops.save_printer_profile(store, name="Canon LBP", offset_x_mm=1.0, offset_y_mm=1.0)
    with store.transaction(operation="test"):
        store.execute("UPDATE printer_profiles SET offset_x_mm = 'abc'")
    widget = CertificatesPage(AppContext(store))
    qtbot.addWidget(widget)
    return widget


def test_the_page_and_the_calibration_dialog_name_the_damaged_printer(page, qtbot):
    page.add_printer("Canon LBP")
    shown = page.profile_label.text()
    assert "máy in “Canon LBP”" in shown and "căn chỉnh lại máy in này" in shown
    dialog = page.make_calibration()
    qtbot.addWidget(dialog)
    dialog.printer.setCurrentText("Canon LBP")
    assert "căn chỉnh lại máy in này" in dialog.current.text()
    dialog.measured_x.setValue(31.2)
    dialog.measured_y.setValue(28.9)
    dialog.compute_button.click()
    assert "lệch ngang -1.2 mm" in dialog.current.text() or "-1.2" in dialog.result.text()
    assert ops.find_printer_profile(page.context.store, "Canon LBP").offset_mm == pytest.approx((-1.2, 1.1))
